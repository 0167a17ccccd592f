{
    "name": "Housing Service Requests",
    "summary": "Fault reports (felanmälan) on maintenance requests: location, access, due dates, "
    "contractor hand-back, tenant messages",
    "version": "19.0.1.1.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    # housing_lease: the reporter's lease and the rule that tenants report on what they lease.
    "depends": ["housing_property", "housing_lease", "maintenance"],
    "data": [
        "security/housing_service_request_groups.xml",
        "security/ir.model.access.csv",
        "security/housing_service_request_security.xml",
        "data/ir_sequence_data.xml",
        "data/maintenance_stage_data.xml",
        "data/mail_template_data.xml",
        "wizard/housing_request_reason_wizard_views.xml",
        "views/maintenance_request_views.xml",
        "views/maintenance_team_views.xml",
        "views/maintenance_stage_views.xml",
        "views/housing_caretaker_area_views.xml",
        "views/housing_rental_object_views.xml",
        "views/housing_lease_views.xml",
        "views/housing_overview_views.xml",
        "views/housing_service_request_menus.xml",
    ],
    "demo": [
        "demo/housing_service_request_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "housing_service_request/static/tests/tours/**/*",
        ],
    },
}

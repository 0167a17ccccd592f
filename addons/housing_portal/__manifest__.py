{
    "name": "Housing Portal",
    "summary": "Tenant pages under /my: leases, fault reports, queue places and the parking, "
    "housing and storage queues, contact details",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_lease", "housing_service_request", "housing_parking_queue", "portal"],
    "data": [
        "data/auth_signup_data.xml",
        "security/ir.model.access.csv",
        "security/housing_portal_security.xml",
        "views/housing_portal_templates.xml",
        "views/housing_portal_parking_templates.xml",
        "views/housing_portal_letting_templates.xml",
    ],
    "demo": ["demo/housing_portal_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "housing_portal/static/src/interactions/**/*",
            "housing_portal/static/src/scss/**/*",
        ],
        "web.assets_tests": [
            "housing_portal/static/tests/tours/**/*",
        ],
    },
}

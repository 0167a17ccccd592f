{
    "name": "Housing Parking Queue",
    "summary": "Parking-space queue (bilplatskö) on the letting engine: its rules, policy, "
    "e-mails and screens; listings, ranking and offer rounds into a parking lease",
    "version": "19.0.2.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_letting"],
    "data": [
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/housing_parking_policy_data.xml",
        "views/housing_parking_listing_views.xml",
        "views/housing_parking_application_views.xml",
        "views/housing_parking_offer_views.xml",
        "views/housing_overview_views.xml",
        "views/housing_rental_object_views.xml",
        "views/housing_residential_area_views.xml",
        "views/housing_property_views.xml",
        "views/res_partner_views.xml",
        "wizard/housing_parking_listing_wizard_views.xml",
        "views/housing_parking_queue_menus.xml",
    ],
    "demo": ["demo/housing_parking_queue_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "housing_parking_queue/static/tests/tours/**/*",
        ],
    },
}

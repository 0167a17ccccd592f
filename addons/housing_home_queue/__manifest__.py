{
    "name": "Housing Home Queue",
    "summary": "Housing queue (bostadskö) on the letting engine: application profiles with "
    "the landlord's reference, household size by room type, priority groups (förtur), "
    "homes let into a residence lease",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_letting"],
    "data": [
        "security/ir.model.access.csv",
        "security/housing_home_queue_security.xml",
        "data/housing_room_code_limit_data.xml",
        "data/mail_template_data.xml",
        "data/housing_home_policy_data.xml",
        "views/housing_application_profile_views.xml",
        "wizard/housing_reference_reject_wizard_views.xml",
        "views/housing_home_queue_config_views.xml",
        "views/housing_home_listing_views.xml",
        "views/res_partner_views.xml",
        "views/housing_home_queue_menus.xml",
    ],
    "demo": ["demo/housing_home_queue_demo.xml"],
}

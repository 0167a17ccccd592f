{
    "name": "Housing Letting",
    "summary": "One letting engine for parking, homes and storage: queues, listings, "
    "applications, ranking, offer rounds with business-day deadlines, each category "
    "with its own rules",
    "version": "19.0.1.1.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_lease", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/housing_letting_security.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizard/housing_queue_start_correction_views.xml",
        "views/housing_listing_views.xml",
        "views/housing_application_views.xml",
        "views/housing_offer_views.xml",
        "views/housing_queue_membership_views.xml",
        "views/housing_letting_policy_views.xml",
        "wizard/housing_queue_reason_views.xml",
        "views/housing_viewing_views.xml",
        "views/housing_letting_menus.xml",
        "views/housing_allocation_round_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
}

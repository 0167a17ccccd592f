{
    "name": "Housing Dunning - Parking Queue",
    "summary": "The parking queue's credit check reads the avier sent to debt collection, "
    "with a manual override and its reason",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_dunning", "housing_parking_queue"],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
    "data": [
        "views/res_partner_views.xml",
    ],
}

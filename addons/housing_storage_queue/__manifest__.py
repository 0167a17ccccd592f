{
    "name": "Housing Storage Queue",
    "summary": "Storage-room queue (förrådskö) on the letting engine: tenants only, the same "
    "property first, then the same area; a storage room can be for its property's residents",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_letting"],
    "data": [
        "data/mail_template_data.xml",
        "data/housing_storage_policy_data.xml",
        "views/housing_rental_object_views.xml",
        "views/housing_storage_views.xml",
        "views/housing_storage_queue_menus.xml",
    ],
    "demo": ["demo/housing_storage_queue_demo.xml"],
}

{
    "name": "Housing Portal: Storage Queue",
    "summary": "The storage queue (förrådskö) on the tenant's My pages",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_portal", "housing_storage_queue"],
    "auto_install": True,
    "data": [
        "views/housing_portal_storage_queue_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "housing_portal_storage_queue/static/tests/tours/**/*",
        ],
    },
}

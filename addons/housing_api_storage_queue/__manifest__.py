{
    "name": "Housing API: Storage Queue",
    "summary": "The storage queue in the housing API: storage rooms for their property's "
    "residents say so, and the storage queue's refusals over /api/housing/v1",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_api", "housing_storage_queue"],
    "auto_install": True,
}

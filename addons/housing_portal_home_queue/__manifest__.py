{
    "name": "Housing Portal: Home Queue",
    "summary": "The applicant's application profile for the housing queue on My pages, "
    "beside the homes to apply for",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_portal", "housing_home_queue"],
    "auto_install": True,
    "data": [
        "views/housing_portal_home_queue_templates.xml",
    ],
}

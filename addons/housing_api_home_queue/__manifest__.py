{
    "name": "Housing API: Home Queue",
    "summary": "The housing queue's application profile in the housing API: integrations "
    "read it and save what the applicant may write",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_api", "housing_home_queue"],
    "auto_install": True,
}

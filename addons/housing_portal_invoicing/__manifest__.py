{
    "name": "Housing Portal: Invoicing",
    "summary": "The tenant's rent avier from the housing portal pages: what is open and "
    "overdue, with the OCR number and bankgiro to pay with",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_portal", "housing_invoicing"],
    "auto_install": True,
    "data": [
        "views/housing_portal_invoicing_templates.xml",
    ],
}

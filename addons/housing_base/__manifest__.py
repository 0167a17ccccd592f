{
    "name": "Housing Base",
    "summary": "Housing app root: groups, tenant and applicant contacts, Swedish validation "
    "and the business-day calendar",
    "version": "19.0.2.2.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["base", "mail"],
    "external_dependencies": {"python": ["python-stdnum", "phonenumbers", "holidays"]},
    "data": [
        "security/housing_base_groups.xml",
        "security/housing_protected_identity_groups.xml",
        "security/ir.model.access.csv",
        "security/housing_base_security.xml",
        "data/ir_sequence_data.xml",
        "views/res_partner_views.xml",
        "views/housing_protected_identity_views.xml",
        "wizard/housing_protected_identity_wizard_views.xml",
        "views/housing_base_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "application": True,
}

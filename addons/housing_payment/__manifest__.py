{
    "name": "Housing Payments",
    "summary": "Rent payments from Bankgirot (BGMax, camt.054) matched to the avier by OCR, "
    "the queue of unmatched payments, the tenant ledger with aged balances",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_invoicing"],
    "post_init_hook": "post_init_hook",
    "external_dependencies": {"python": ["lxml"]},
    "data": [
        "security/ir.model.access.csv",
        "security/housing_payment_security.xml",
        "data/ir_cron_data.xml",
        "views/housing_payment_import_views.xml",
        "views/account_bank_statement_line_views.xml",
        "views/housing_tenant_arrears_views.xml",
        "views/res_company_views.xml",
        "views/res_partner_views.xml",
        "wizard/housing_payment_import_wizard_views.xml",
        "wizard/housing_payment_match_wizard_views.xml",
        "views/housing_payment_menus.xml",
    ],
    "demo": [
        "demo/housing_payment_demo.xml",
    ],
}

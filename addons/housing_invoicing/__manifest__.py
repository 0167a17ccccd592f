{
    "name": "Housing Invoicing",
    "summary": "Rent avier on Odoo Accounting: samavisering, OCR, pro rata, VAT on premises, "
    "retroactive differences",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_lease", "account", "l10n_se"],
    "post_init_hook": "post_init_hook",
    "data": [
        "security/housing_invoicing_groups.xml",
        "security/ir.model.access.csv",
        "security/housing_invoicing_security.xml",
        "data/ir_cron_data.xml",
        "report/report_invoice.xml",
        "views/account_move_views.xml",
        "views/housing_lease_views.xml",
        "views/res_company_views.xml",
        "views/res_partner_views.xml",
        "wizard/housing_invoice_run_wizard_views.xml",
        "views/housing_invoicing_menus.xml",
    ],
    "demo": [
        "demo/housing_invoicing_demo.xml",
    ],
}

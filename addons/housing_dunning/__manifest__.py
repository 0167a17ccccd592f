{
    "name": "Housing Dunning",
    "summary": "Unpaid rent: reminders with the legal fee and interest, forfeiture of the lease "
    "(Jordabalken 12 kap. 42-44 §§) with the letters, and debt collection",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_invoicing"],
    "data": [
        "security/ir.model.access.csv",
        "security/housing_dunning_security.xml",
        "report/housing_dunning_reports.xml",
        "data/mail_template_data.xml",
        "data/housing_dunning_step_data.xml",
        "data/housing_reference_rate_data.xml",
        "data/ir_cron_data.xml",
        "views/housing_dunning_views.xml",
        "views/res_company_views.xml",
        "views/housing_dunning_menus.xml",
    ],
    "demo": [
        "demo/housing_dunning_demo.xml",
    ],
}

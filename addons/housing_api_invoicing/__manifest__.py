{
    "name": "Housing API: Invoicing",
    "summary": "A contact's rent avier, balance, payments and open items in the housing API, "
    "and the invoice webhooks",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": ["housing_api", "housing_invoicing"],
    "auto_install": True,
    "data": [
        "security/housing_api_invoicing_security.xml",
        "data/housing_webhook_event_data.xml",
        "data/ir_cron_data.xml",
    ],
}

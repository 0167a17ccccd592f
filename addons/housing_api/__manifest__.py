{
    "name": "Housing API",
    "summary": "Shared API for integrators: versioned JSON endpoints with API keys, OpenAPI "
    "document, idempotent calls and signed outgoing webhooks",
    "version": "19.0.1.0.0",
    "category": "Real Estate/Housing",
    "website": "https://github.com/housing-suite/housing",
    "author": "Housing Suite contributors",
    "license": "LGPL-3",
    "depends": [
        "housing_base",
        "housing_property",
        "housing_lease",
        "housing_service_request",
        "housing_parking_queue",
    ],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/housing_api_security.xml",
        "data/housing_webhook_event_data.xml",
        "data/ir_cron_data.xml",
        "views/housing_webhook_event_views.xml",
        "views/housing_webhook_subscription_views.xml",
        "views/housing_webhook_delivery_views.xml",
        "views/housing_api_menus.xml",
    ],
}

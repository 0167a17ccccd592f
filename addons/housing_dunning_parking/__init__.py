from . import models


def post_init_hook(env):
    """Dates typed by hand before this module become overrides, with the reason that
    they were, unless the contact's collection data says the same day."""
    partners = (
        env["res.partner"]
        .with_context(active_test=False)
        .search([("debt_collection_date", "!=", False)])
    )
    for partner in partners:
        if partner.housing_collection_date != partner.debt_collection_date:
            partner.write(
                {
                    "debt_collection_override": True,
                    "debt_collection_override_date": partner.debt_collection_date,
                    "debt_collection_override_reason": env._(
                        "Registered by hand before debt collection was recorded on the avier."
                    ),
                }
            )
    env["res.partner"].search(
        [("housing_collection_date", "!=", False)]
    )._compute_debt_collection_date()

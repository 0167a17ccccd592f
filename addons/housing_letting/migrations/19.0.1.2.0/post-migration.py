from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """19.0.1.2: the policies of an upgraded database send the e-mails this version adds
    (a viewing's new time, a lapsed queue place, a place removed for refusals) as a new
    policy does."""
    api.Environment(cr, SUPERUSER_ID, {})["housing.letting.policy"]._give_default_templates(
        [
            "viewing_changed_template_id",
            "keep_alive_lapsed_template_id",
            "refusal_removed_template_id",
        ]
    )

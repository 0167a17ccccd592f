from odoo import fields, models

BUCKETS = ("amount_0_30", "amount_31_60", "amount_61_90", "amount_over_90")


def _aged(string, **kwargs):
    """An amount of the contact's aged balance, for housing staff."""
    return fields.Monetary(
        string=string,
        compute="_compute_housing_aged",
        currency_field="housing_ledger_currency_id",
        groups="housing_base.group_housing_user",
        **kwargs,
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    housing_not_due = _aged("Not due")
    housing_due_0_30 = _aged("Overdue 0-30 days")
    housing_due_31_60 = _aged("Overdue 31-60 days")
    housing_due_61_90 = _aged("Overdue 61-90 days")
    housing_due_over_90 = _aged("Overdue over 90 days")
    housing_unapplied_credit = _aged(
        "Unapplied payments",
        help="Payments (an overpayment, a payment without a known OCR number matched by "
        "hand to the contact) not yet applied to an avi.",
    )

    def _compute_housing_aged(self):
        """The aged balance of the contacts in the current company, read from the
        tenant ledger view in one query (its rows change with the day and every payment:
        none is kept in the cache)."""
        self.env["housing.tenant.arrears"].invalidate_model()
        rows = {
            row["partner_id"][0]: row
            for row in self.env["housing.tenant.arrears"]
            .sudo()
            .search_read(
                [("partner_id", "in", self.ids), ("company_id", "=", self.env.company.id)],
                ["partner_id", "amount_not_due", "amount_credit", *BUCKETS],
            )
        }
        for partner in self:
            row = rows.get(partner.id, {})
            partner.housing_not_due = row.get("amount_not_due", 0.0)
            partner.housing_due_0_30 = row.get("amount_0_30", 0.0)
            partner.housing_due_31_60 = row.get("amount_31_60", 0.0)
            partner.housing_due_61_90 = row.get("amount_61_90", 0.0)
            partner.housing_due_over_90 = row.get("amount_over_90", 0.0)
            partner.housing_unapplied_credit = -row.get("amount_credit", 0.0)

    def action_view_housing_open_items(self):
        """The contact's open items: avier not paid in full, and payments and credit notes
        not applied yet."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_payment.action_housing_open_items"
        )
        action["domain"] = [
            ("partner_id", "=", self.commercial_partner_id.id),
            ("account_id.account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
            ("amount_residual", "!=", 0),
        ]
        action["display_name"] = self.env._("Open items of %(name)s", name=self.display_name)
        return action

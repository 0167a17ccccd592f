from odoo import models

from odoo.addons.account.models.chart_template import template

# Rent kind of a rent line -> xmlid (in the Swedish chart) of its income account.
KIND_ACCOUNTS = {
    "base": "housing_a39111",
    "parking": "housing_a39112",
    "storage": "housing_a39113",
    "charge": "housing_a39114",
    "other": "housing_a39114",
}


class AccountChartTemplate(models.AbstractModel):
    """The rent accounts, taxes, fiscal position and avi journal as part of the Swedish
    chart (``se`` and the K2/K3 charts built on it), so that every company that loads it
    gets them; companies that had it before this module are given them at install."""

    _inherit = "account.chart.template"

    @template("se", "account.account")
    def _get_se_housing_account_account(self):
        return self._parse_csv("se", "account.account", module="housing_invoicing")

    @template("se", "account.tax")
    def _get_se_housing_account_tax(self):
        taxes = self._parse_csv("se", "account.tax", module="housing_invoicing")
        self._deref_account_tags("se", taxes)
        return taxes

    @template("se", "account.fiscal.position")
    def _get_se_housing_account_fiscal_position(self):
        return self._parse_csv("se", "account.fiscal.position", module="housing_invoicing")

    @template("se", "account.journal")
    def _get_se_housing_account_journal(self):
        return {
            "housing_rent_journal": {
                "name": self.env._("Rent avier"),
                "name@sv_SE": "Hyresavier",
                "type": "sale",
                "code": "HYR",
                "show_on_dashboard": True,
                "sequence": 20,
                "default_account_id": "housing_a39111",
                "invoice_reference_type": "invoice",
                "invoice_reference_model": "housing_ocr",
            },
        }

    def _post_load_data(self, template_code, company, template_data):
        result = super()._post_load_data(template_code, company, template_data)
        if "se" in self._get_parent_template(template_code):
            self._housing_configure_company(company or self.env.company)
        return result

    def _housing_configure_company(self, company):
        """Point the company's rent invoicing at the journal, accounts, taxes and fiscal
        position of its Swedish chart (only where nothing was chosen yet)."""
        chart = self.with_company(company)
        values = {
            "housing_invoice_journal_id": chart.ref("housing_rent_journal", False),
            "housing_exempt_tax_id": chart.ref("housing_sale_tax_rent_exempt", False),
            "housing_vat_fiscal_position_id": chart.ref("housing_fp_vat_liable", False),
            **{
                f"housing_account_{kind}_id": chart.ref(xmlid, False)
                for kind, xmlid in KIND_ACCOUNTS.items()
                if kind != "other"
            },
        }
        company.write(
            {field: record.id for field, record in values.items() if record and not company[field]}
        )

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.res_partner import CONTACT_FIELDS
from .common import HousingApiCase, readable_fields

# Models the integration group reads through JSON-2 / JSON-RPC besides the housing.* ones
# (res.partner: the contact fields, tested below; its other fields belong to other apps).
OTHER_MODELS = ("maintenance.request", "maintenance.stage", "maintenance.team")
# Housing models that are the API's own bookkeeping, readable only for their owner.
OWN_RECORDS_ONLY = (
    "housing.api.idempotency",
    "housing.webhook.subscription",
    "housing.webhook.delivery",
)
# The protected register and its access log: only the Protected identities privilege and the
# data protection officer read them (test_api_protected_identity).
PRIVILEGED_ONLY = (
    "housing.protected.identity",
    "housing.protected.identity.log",
    "housing.api.key",
)


@tagged("post_install", "-at_install", "housing_api")
class TestIntegrationAccess(HousingApiCase):
    """Odoo's external APIs are usable and safe on every housing model for the
    integration group: it reads every field it is allowed to see, writes nothing but its
    own webhook subscriptions."""

    def _housing_models(self):
        return [
            name
            for name, model in self.env.registry.items()
            if (name.startswith("housing.") or name in OTHER_MODELS)
            and name not in PRIVILEGED_ONLY
            and not model._abstract
            and not model._transient
        ]

    def test_reads_every_housing_model(self):
        for name in self._housing_models():
            with self.subTest(model=name):
                Model = self.env[name].with_user(self.integration_user)
                self.assertTrue(Model.has_access("read"), f"{name}: no read access")
                fields = readable_fields(Model)
                Model.search_read([], fields, limit=5)
        Partner = self.env["res.partner"].with_user(self.integration_user)
        Partner.search_read([("is_housing_contact", "=", True)], CONTACT_FIELDS, limit=5)

    def test_writes_only_own_subscriptions(self):
        for name in self._housing_models():
            if name in ("housing.webhook.subscription", "maintenance.request"):
                continue
            Model = self.env[name].with_user(self.integration_user)
            for operation in ("write", "create", "unlink"):
                with self.subTest(model=name, operation=operation):
                    self.assertFalse(
                        Model.has_access(operation) and name.startswith("housing."),
                        f"{name}: integration may {operation}",
                    )

    def test_cannot_change_the_register_over_json2(self):
        response = self.url_open(
            "/json/2/housing.rental.object/write",
            json={"ids": [self.residence.id], "vals": {"base_rent": 1}},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(response.json()["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.residence.base_rent, 6200)

    def test_reads_the_register_over_json2(self):
        response = self.url_open(
            "/json/2/housing.rental.object/search_read",
            json={
                "domain": [["code", "=", self.residence.code]],
                "fields": ["code", "status", "current_rent"],
            },
            headers={"Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        [obj] = response.json()
        self.assertEqual((obj["status"], obj["current_rent"]), ("leased", 6200))

    def test_protected_identity_hidden_over_json2(self):
        response = self.url_open(
            "/json/2/res.partner/read",
            json={"ids": [self.protected.id], "fields": ["name", "personal_number", "phone"]},
            headers={"Authorization": f"Bearer {self.key}"},
        )
        [partner] = response.json()
        self.assertEqual(partner["name"], "Skyddad Person")
        self.assertFalse(partner["personal_number"])
        self.assertFalse(partner["phone"])

    def test_other_users_bookkeeping_is_invisible(self):
        subscription = (
            self.env["housing.webhook.subscription"]
            .with_user(self.other_integration_user)
            .create(
                {
                    "name": "Annan",
                    "url": "https://other.example.org/",
                    "event_ids": [(6, 0, self.env.ref("housing_api.event_lease_created").ids)],
                }
            )
        )
        for name in OWN_RECORDS_ONLY:
            self.assertFalse(self.env[name].with_user(self.integration_user).search([]), name)
        with self.assertRaises(AccessError):
            subscription.with_user(self.integration_user).unlink()
        self.assertTrue(subscription.exists())

from datetime import date

from odoo.tests import tagged

from .common import HousingApiCase, readable_fields

# Models an integration writes itself (its own webhook subscriptions); every other model
# it only reads, and acts on through the documented methods below.
WRITABLE = {"housing.webhook.subscription"}
OTHER_MODELS = ("maintenance.request", "maintenance.stage", "maintenance.team", "res.partner")
# The protected identity register and its log: for the Protected identities privilege only.
# The managers' list of API keys.
UNREADABLE = {"housing.protected.identity", "housing.protected.identity.log", "housing.api.key"}


@tagged("post_install", "-at_install", "housing_api")
class TestIntegrationRights(HousingApiCase):
    """The integration group is not an internal user: over JSON-2 and JSON-RPC it reads
    the housing models, writes nothing but its own subscriptions, and acts only through
    the documented public methods; staff buttons are refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.report(name="Droppande kran")
        cls.listing = cls.env["housing.listing"].create(
            {
                "rental_object_id": cls.parking.id,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 15),
                "vacant_from": date(2026, 4, 1),
            }
        )

    def json2(self, model, method, key=None, **payload):
        return self.url_open(
            f"/json/2/{model}/{method}",
            json=payload,
            headers={"Authorization": f"Bearer {key or self.key}"},
        )

    def assertRefused(self, response, name="odoo.exceptions.AccessError"):
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(response.json()["name"], name)

    def jsonrpc(self, model, method, *args, **kwargs):
        response = self.url_open(
            "/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [
                        self.env.cr.dbname,
                        self.integration_user.id,
                        self.key,
                        model,
                        method,
                        list(args),
                        kwargs,
                    ],
                },
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def _models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if (name.startswith("housing.") or name in OTHER_MODELS)
            and not model._abstract
            and not model._transient
        )

    def test_is_not_an_internal_user(self):
        self.assertTrue(self.integration_user.share)
        self.assertFalse(self.integration_user._is_internal())
        self.assertFalse(self.integration_user.has_group("base.group_user"))

    def test_cannot_follow_write_or_delete_a_service_request(self):
        """The attack of issue 14: follow a request, then write and delete it. Following
        and posting in the staff's chatter are refused to share users (Odoo lets readers
        follow and followers post)."""
        partner = self.integration_user.partner_id
        self.assertRefused(
            self.json2(
                "maintenance.request",
                "message_subscribe",
                ids=self.request.ids,
                partner_ids=partner.ids,
            )
        )
        self.assertRefused(
            self.json2(
                "maintenance.request",
                "message_post",
                ids=self.request.ids,
                body="Intern anteckning",
                subtype_xmlid="mail.mt_note",
            )
        )
        self.assertNotIn(partner, self.request.message_partner_ids)
        # Even as a follower (added by staff) it gets no right to change the request.
        self.request.message_subscribe(partner.ids)
        self.assertRefused(
            self.json2(
                "maintenance.request", "write", ids=self.request.ids, vals={"name": "Hackad"}
            )
        )
        self.assertRefused(self.json2("maintenance.request", "unlink", ids=self.request.ids))
        self.assertEqual(self.request.name, "Droppande kran")
        self.assertTrue(self.request.exists())

    def test_creates_requests_only_for_a_tenant(self):
        before = self.Request.search_count([])
        self.assertRefused(
            self.json2("maintenance.request", "create", vals_list=[{"name": "Direkt"}])
        )
        self.assertEqual(self.Request.search_count([]), before)

        def report(name, rental_object):
            return self.json2(
                "maintenance.request",
                "create_from_tenant",
                partner=self.tenant.id,
                vals={"name": name, "rental_object_code": rental_object.code},
                origin="api",
            )

        response = report("Diskmaskinen läcker", self.residence)
        self.assertEqual(response.status_code, 200, response.text)
        created = self.Request.browse(response.json())
        self.assertEqual((created.reporter_id, created.origin), (self.tenant, "api"))
        # The tenant checks apply: a space the tenant does not lease is refused.
        response = report("Fel plats", self.parking)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("rental objects you lease", response.json()["message"])
        self.assertEqual(self.Request.search_count([]), before + 1)

    def test_staff_buttons_are_refused(self):
        draft = self.make_lease(rental_object=self.parking, confirm=False)
        calls = [
            ("housing.listing", "action_refresh_ranking", self.listing, {}),
            ("housing.listing", "action_start_offer_round", self.listing, {}),
            ("housing.listing", "action_close", self.listing, {}),
            ("housing.lease", "action_confirm", draft, {}),
            ("housing.lease", "action_cancel", draft, {}),
            ("maintenance.request", "action_hand_back", self.request, {"reason": "Nej"}),
            ("maintenance.request", "reset_equipment_request", self.request, {}),
        ]
        for model, method, records, kwargs in calls:
            with self.subTest(method=method):
                self.assertRefused(self.json2(model, method, ids=records.ids, **kwargs))
        self.assertEqual(self.listing.state, "published")
        self.assertFalse(self.listing.application_ids)
        self.assertEqual(self.request.stage_id, self.stage["waiting"])
        self.assertEqual(draft.state, "draft")

    def test_full_matrix_over_json2(self):
        for name in self._models():
            record = self.env[name].search([], limit=1)
            # Odoo's own res.partner fields (chat sessions, ...) are not for share users:
            # an integration asks for the contact fields.
            fields = readable_fields(self.env[name].with_user(self.integration_user))
            with self.subTest(model=name, operation="read"):
                response = self.json2(name, "search_read", domain=[], fields=fields, limit=3)
                if name in UNREADABLE:
                    self.assertRefused(response)
                else:
                    self.assertEqual(response.status_code, 200, response.text)
            if name in WRITABLE:
                continue
            calls = [("create", {"vals_list": [{}]})]
            if record:  # writing no records checks nothing
                calls += [
                    ("write", {"ids": record.ids, "vals": {"display_name": "x"}}),
                    ("unlink", {"ids": record.ids}),
                ]
            for method, payload in calls:
                with self.subTest(model=name, operation=method):
                    self.assertRefused(self.json2(name, method, **payload))
            Model = self.env[name].with_user(self.integration_user)
            for operation in ("create", "write", "unlink"):
                with self.subTest(model=name, operation=operation, record=False):
                    self.assertFalse(Model.has_access(operation))

    def test_matrix_over_jsonrpc(self):
        answer = self.jsonrpc(
            "housing.rental.object", "search_read", [("code", "=", self.residence.code)], ["code"]
        )
        self.assertEqual(answer["result"][0]["code"], self.residence.code)
        answer = self.jsonrpc("maintenance.request", "write", self.request.ids, {"name": "Hack"})
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self.jsonrpc("maintenance.request", "unlink", self.request.ids)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        answer = self.jsonrpc("housing.listing", "action_refresh_ranking", self.listing.ids)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.request.name, "Droppande kran")

    def test_method_documentation_is_open_to_integrations(self):
        """/doc-bearer describes the models and the positional arguments of JSON-2 calls."""
        headers = {"Authorization": f"Bearer {self.key}", "Cache-Control": "no-cache"}
        response = self.url_open("/doc-bearer/index.json", headers=headers)
        self.assertEqual(response.status_code, 200, response.text)
        models = {model["model"]: model for model in response.json()["models"]}
        self.assertIn("apply", models["housing.listing"]["methods"])
        self.assertNotIn("maintenance.equipment", models)
        self.assertNotIn("housing.parking.listing.wizard", models)
        response = self.url_open("/doc-bearer/maintenance.request.json", headers=headers)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("create_from_tenant", response.json()["methods"])

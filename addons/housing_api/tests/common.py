import json

from odoo.tests import HttpCase, new_test_user

from odoo.addons.housing_service_request.tests.common import HousingServiceRequestCase

from ..tools.constants import API_PREFIX


class HousingApiCase(HttpCase, HousingServiceRequestCase):
    """The leased test estate of the domain modules (property 99001 with a residence
    leased to Anna Andersson and a vacant parking space), integration users with API keys,
    a plain internal user with a key, and a helper to call the API over HTTP as an
    integrator would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.integration_user = new_test_user(
            env, "api_integration", groups="housing_base.group_housing_integration"
        )
        cls.other_integration_user = new_test_user(
            env, "api_other_integration", groups="housing_base.group_housing_integration"
        )
        cls.internal_user = new_test_user(env, "api_internal", groups="base.group_user")
        cls.housing_manager = new_test_user(
            env, "api_manager", groups="housing_base.group_housing_manager"
        )
        cls.key = cls._make_key(cls.integration_user)
        cls.other_key = cls._make_key(cls.other_integration_user)
        cls.internal_key = cls._make_key(cls.internal_user)
        cls.tenant.write(
            {
                "name": "Anna Andersson",
                "personal_number": "198112189876",
                "phone": "070-123 45 67",
                "email": "anna@example.se",
                "street": "Sjöodjursgatan 4",
                "zip": "722 11",
                "city": "Västerås",
            }
        )
        cls.protected = env["res.partner"].create(
            {
                "name": "Skyddad Person",
                "is_housing_contact": True,
                "personal_number": "199001010017",
                "street": "Hemlig gatan 1",
                "phone": "070-765 43 21",
            }
        )
        cls.protected.sudo().housing_protect_identity(
            "Beslut från Skatteverket", {"street": "Särskild postadress", "city": "Stockholm"}
        )

    @classmethod
    def _make_key(cls, user):
        return cls.env["res.users.apikeys"].with_user(user).sudo()._generate("rpc", "test", None)

    def api(self, method, path, body=None, key=None, headers=None, raw=None):
        """Call the API; ``body`` is sent as JSON, ``raw`` as is (bytes/str); ``key=False``
        sends no Authorization header."""
        all_headers = {} if key is False else {"Authorization": f"Bearer {key or self.key}"}
        if body is not None or raw is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        data = json.dumps(body) if body is not None else raw
        return self.url_open(
            API_PREFIX + path, data=data, headers=all_headers, method=method, allow_redirects=False
        )

    def assertRefusalCodesDocumented(self, category, codes):
        """The OpenAPI document lists every refusal code in ``codes`` (a category's rule
        module's) as an error code and among ``category``'s in the 409 answer."""
        document = self.url_open(API_PREFIX + "/openapi.json").json()
        components = document["components"]
        documented = set(components["schemas"]["ErrorDetail"]["properties"]["code"]["enum"])
        self.assertEqual(set(codes) - documented, set(), "refusal codes missing")
        conflict = components["responses"]["error409"]["description"]
        [listed] = [part for part in conflict.split("; ") if f"{category}: " in part]
        listed = set(listed.split(f"{category}: ")[1].rstrip(".").split(", "))
        self.assertEqual(set(codes) - listed, set(), f"{category} codes missing from 409")

    def assertApiError(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        error = response.json()["error"]
        self.assertEqual(error["code"], code, error)
        self.assertTrue(error["message"])
        self.assertIsInstance(error["details"], dict)
        return error


def readable_fields(Model):
    """The fields of ``Model`` its user may read: those fields_get lists, minus relations
    to models the user may not read at all (e.g. Odoo's chat sessions of a contact)."""
    return [
        name
        for name, field in Model.fields_get(attributes=["relation"]).items()
        if not field.get("relation") or Model.env[field["relation"]].has_access("read")
    ]

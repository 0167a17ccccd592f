from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.housing_letting.tests.common import identified_contacts

from ..tools import housing_rules as rules


@tagged("-at_install", "post_install", "housing_home_queue")
class TestProfileJson2(HttpCase):
    """Over JSON-2 with their own API key (portal users may make one), an applicant saves
    their profile's own fields and cannot write the review."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = identified_contacts(cls.env, [{"name": "Api Sökande"}])
        cls.user = new_test_user(
            cls.env, "home_json2", groups="base.group_portal", partner_id=cls.partner.id
        )
        cls.profile = cls.env["housing.application.profile"].create(
            {"partner_id": cls.partner.id, "housing_type": "LODGER"}
        )
        cls.key = (
            cls.env["res.users.apikeys"].with_user(cls.user).sudo()._generate("rpc", "app", None)
        )

    def json2(self, method, **payload):
        return self.url_open(
            f"/json/2/housing.application.profile/{method}",
            json=payload,
            headers={"Authorization": f"Bearer {self.key}"},
        )

    def test_review_not_writable_over_json2(self):
        for method, payload in (
            ("write", {"ids": self.profile.ids, "vals": {"reference_status": rules.APPROVED}}),
            ("write", {"ids": self.profile.ids, "vals": {"num_children": 2}}),
            (
                "save_application_profile",
                {"partner": self.partner.id, "vals": {"reference_status": rules.APPROVED}},
            ),
        ):
            with self.subTest(method=method, payload=payload):
                response = self.json2(method, **payload)
                self.assertEqual(response.status_code, 403, response.text)
                self.assertEqual(response.json()["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.profile.reference_status, rules.PENDING)
        response = self.json2(
            "save_application_profile", partner=self.partner.id, vals={"num_children": 2}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), self.profile.ids)
        self.assertEqual(self.profile.num_children, 2)
        self.assertTrue(self.profile.is_valid)

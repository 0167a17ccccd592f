# pylint: disable=invalid-commit
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.housing_base.tests.common import ConcurrencyCase
from odoo.addons.housing_letting.tests.common import identified_contacts


@tagged("-at_install", "post_install", "housing_home_queue")
class TestProfileConcurrency(ConcurrencyCase):
    """Two first saves of one contact's profile at once (two tabs, the portal and the
    API): one profile, and the second gets a message, not a database error."""

    def setUp(self):
        super().setUp()
        with self.cursor() as cr:
            self.partner_id = identified_contacts(self.env_of(cr), [{"name": "Samtidig"}]).id
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            env["housing.application.profile"].search(
                [("partner_id", "=", self.partner_id)]
            ).unlink()
            env["res.partner"].browse(self.partner_id).unlink()
            cr.commit()

    def test_two_first_saves_one_profile(self):
        def save(num_adults):
            def action(env):
                env["housing.application.profile"].save_application_profile(
                    self.partner_id, {"num_adults": num_adults}
                )

            return action

        error = self.race(save(1), save(2))
        self.assertIsInstance(error, UserError)
        self.assertIn("saved from elsewhere at the same moment", str(error))
        with self.cursor() as cr:
            profiles = self.env_of(cr)["housing.application.profile"].search(
                [("partner_id", "=", self.partner_id)]
            )
            self.assertEqual(profiles.mapped("num_adults"), [1])

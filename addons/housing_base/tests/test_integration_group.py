import importlib.util
from pathlib import Path

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.2.1.0" / "post-migration.py"


@tagged("post_install", "-at_install", "housing_base")
class TestIntegrationGroup(TransactionCase):
    """Issue 14 item 2: the integration group is a share (portal-type) group, not an
    internal user."""

    def test_integration_user_is_not_an_internal_user(self):
        user = new_test_user(self.env, "int_share", groups="housing_base.group_housing_integration")
        self.assertTrue(user.share)
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertFalse(user.has_group("base.group_user"))
        with self.assertRaisesRegex(ValidationError, "exclusive groups"):
            user.write({"group_ids": [(4, self.env.ref("base.group_user").id)]})

    def test_upgrade_makes_earlier_integration_users_share_users(self):
        group = self.env.ref("housing_base.group_housing_integration")
        user = new_test_user(self.env, "int_before", groups="base.group_user")
        # Before 19.0.2.1 the group implied the internal-user group, and Odoo's user form
        # gave new users that group explicitly.
        self.env.cr.execute(
            "INSERT INTO res_groups_users_rel (gid, uid) VALUES (%s, %s)", [group.id, user.id]
        )
        self.env.invalidate_all()
        self.assertFalse(user.share)
        spec = importlib.util.spec_from_file_location("housing_base_post_19_0_2_1", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.2.0.0")
        self.env.invalidate_all()
        self.assertEqual(user.group_ids, group)
        self.assertTrue(user.share)
        self.assertFalse(user.has_group("base.group_user"))

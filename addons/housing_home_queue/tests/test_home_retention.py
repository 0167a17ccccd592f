from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from ..tools import housing_rules as rules
from .common import NOW, HomeQueueCase


@tagged("-at_install", "post_install", "housing_home_queue")
@freeze_time(NOW)
class TestHomeRetention(HomeQueueCase):
    """Retention (gallring): profiles not saved for the policy's months are deleted, a
    rejection whose end date is that long past is forgotten; the run logs the count."""

    def test_stale_profiles_and_old_rejections_go(self):
        self.policy.retention_months = 12
        staff = new_test_user(self.env, "home_retention", groups="housing_base.group_housing_user")
        profiles = {
            partner: self.Profile.search([("partner_id", "=", partner.id)])
            for partner in (self.anna, self.bertil, self.cecilia)
        }
        profiles[self.anna].unlink()
        stale = self.profile_for(self.anna, saved=NOW - relativedelta(months=13))
        # Rejected until 14 months ago, saved since: the rejection is forgotten.
        old_rejection = profiles[self.bertil]
        old_rejection.with_user(staff).write(
            {
                "reference_status": rules.REJECTED,
                "reference_reason_rejected": "DISTURBANCE",
                "reference_comment": "Grannar har klagat",
                "reference_expires_at": date(2025, 1, 16),
            }
        )
        # Rejected until last month: kept.
        recent_rejection = profiles[self.cecilia]
        recent_rejection.with_user(staff).write(
            {
                "reference_status": rules.REJECTED,
                "reference_reason_rejected": "DEBT_TO_LANDLORD",
                "reference_expires_at": date(2026, 2, 16),
            }
        )
        run = self.env["housing.letting.retention"]._run(NOW.date())
        self.assertFalse(stale.exists())
        self.assertEqual(old_rejection.reference_status, rules.PENDING)
        self.assertFalse(old_rejection.reference_reason_rejected)
        self.assertFalse(old_rejection.reference_comment)
        self.assertFalse(old_rejection.reference_expires_at)
        tracked = old_rejection.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertNotIn("reference_reason_rejected", tracked)
        self.assertEqual(old_rejection.num_adults, 1, "the household stays")
        self.assertEqual(recent_rejection.reference_reason_rejected, "DEBT_TO_LANDLORD")
        line = run.line_ids.filtered(lambda line: line.category == "housing")
        self.assertEqual(line.other_count, 2)
        # The next run finds nothing more.
        again = self.env["housing.letting.retention"]._run(NOW.date())
        self.assertEqual(sum(again.line_ids.mapped("other_count")), 0)

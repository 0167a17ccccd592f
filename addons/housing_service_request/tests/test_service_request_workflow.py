from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import HousingServiceRequestCase


@tagged("post_install", "-at_install", "housing_service_request")
class TestResourceWorkflow(HousingServiceRequestCase):
    """Issue 15, item 10: Mimer's stage rules for the resource (resurs) of a request."""

    def test_no_handling_stage_without_a_resource(self):
        """Source: Bostads-AB-Mimer/onecore-odoo,
        onecore_maintenance_extension/tests/models/services/test_maintenance_workflow_service.py,
        test_stage_transitions_without_user_assignment: without a resource only
        'Väntar på handläggning' and 'Avslutad' (and the hand-back 'Återsänd') are allowed."""
        request = self.report()
        for code in ("assigned", "started", "waiting_parts", "performed"):
            with self.assertRaisesRegex(UserError, "No resource is assigned"):
                request.with_user(self.housing_user).stage_id = self.stage[code]
            self.assertEqual(request.stage_id, self.stage["waiting"])
        request.with_user(self.housing_user).stage_id = self.stage["closed"]
        self.assertEqual(request.stage_id, self.stage["closed"])
        request.with_user(self.housing_user).stage_id = self.stage["waiting"]
        self.assertEqual(request.stage_id, self.stage["waiting"])
        with self.assertRaisesRegex(UserError, "No resource is assigned"):
            self.report(stage_id=self.stage["started"].id)

    def test_resource_can_be_set_with_the_stage(self):
        """Source: Bostads-AB-Mimer/onecore-odoo,
        onecore_maintenance_extension/models/services/maintenance_workflow_service.py,
        handle_stage_change:        a resource given in the same write counts."""
        request = self.report()
        request.write({"stage_id": self.stage["started"].id, "user_id": self.housing_user.id})
        self.assertEqual(request.stage_id, self.stage["started"])
        self.assertEqual(
            self.report(stage_id=self.stage["started"].id, user_id=self.housing_user.id).stage_id,
            self.stage["started"],
        )

    def test_unassigning_goes_back_to_waiting(self):
        """Source: Bostads-AB-Mimer/onecore-odoo,
        onecore_maintenance_extension/tests/models/services/test_maintenance_workflow_service.py,
        test_user_unassignment_triggers_request_stage_transition_to_vantar_pa_handlaggning;
        handle_resource_assignment leaves 'Avslutad' and 'Återsänd' alone."""
        request = self.report(user_id=self.housing_user.id)
        request.stage_id = self.stage["started"]
        request.user_id = False
        self.assertEqual(request.stage_id, self.stage["waiting"])
        closed = self.report(user_id=self.housing_user.id)
        closed.stage_id = self.stage["closed"]
        closed.user_id = False
        self.assertEqual(closed.stage_id, self.stage["closed"])


@tagged("post_install", "-at_install", "housing_service_request")
class TestDueDate(HousingServiceRequestCase):
    """Issue 15, item 10: Mimer's priorities and due date (förfallodatum)."""

    def test_long_priorities(self):
        """Source: Bostads-AB-Mimer/onecore-odoo,
        onecore_maintenance_extension/models/constants.py PRIORITY_OPTIONS
        ('35' 5 veckor, '183' 6 månader, '365' mer än 1 år) and tests/models/test_maintenance.py,
        test_due_date_with_priority_6_months / test_due_date_with_priority_more_than_one_year."""
        request_date = date(2026, 3, 2)
        for level, days in (("35", 35), ("183", 183), ("365", 365)):
            request = self.report(request_date=request_date, priority_level=level)
            self.assertEqual(request.date_due, date.fromordinal(request_date.toordinal() + days))
        labels = dict(self.Request._fields["priority_level"]._description_selection(self.env))
        self.assertEqual(
            (labels["35"], labels["183"], labels["365"]),
            ("5 weeks", "6 months", "More than 1 year"),
        )

    def test_free_number_of_weeks(self):
        """Issue 15, item 10: besides Mimer's fixed list, any number of weeks."""
        request = self.report(
            request_date=date(2026, 3, 2), priority_level="weeks", priority_weeks=12
        )
        self.assertEqual(request.priority_days, 84)
        self.assertEqual(request.date_due, date(2026, 5, 25))
        with self.assertRaisesRegex(UserError, "number of weeks"):
            self.report(priority_level="weeks", priority_weeks=0)

    def test_due_date_counts_from_the_start_date(self):
        """Source: Bostads-AB-Mimer/onecore-odoo,
        onecore_maintenance_extension/tests/models/test_maintenance.py,
        test_due_date_with_priority_and_start_date: start_date + priority days when a start
        date is set, otherwise request_date + priority days."""
        request = self.report(request_date=date(2026, 3, 2), priority_level="5")
        self.assertEqual(request.date_due, date(2026, 3, 7))
        request.start_date = date(2026, 3, 4)
        self.assertEqual(request.date_due, date(2026, 3, 9))
        form = Form(request)
        form.start_date = False
        self.assertEqual(form.date_due, date(2026, 3, 7))

    def test_manual_due_date_survives(self):
        """Source: Bostads-AB-Mimer/onecore-odoo,
        onecore_maintenance_extension/tests/models/test_maintenance.py,
        test_manual_due_date_persists_on_write
        and test_explicit_due_date_wins_over_recompute."""
        request = self.report(request_date=date(2026, 3, 2), priority_level="42")
        request.write({"priority_level": "14", "date_due": date(2026, 6, 1)})
        request.invalidate_recordset()
        self.assertEqual(request.date_due, date(2026, 6, 1))

    @freeze_time("2026-03-02 08:00")
    def test_warning_when_planned_after_due_date(self):
        """Issue 15, item 10 (Mimer's form shows 'Planerat utförandedatum' next to
        'Förfallodatum'): planning the work after the due date warns."""
        request = self.report(request_date=date(2026, 3, 2), priority_level="5")
        self.assertFalse(request.is_planned_after_due)
        request.schedule_date = datetime(2026, 3, 7, 15, 0)  # 16:00 in Stockholm, on time
        self.assertFalse(request.is_planned_after_due)
        request.schedule_date = datetime(2026, 3, 7, 23, 30)  # 00:30 on 8 March in Stockholm
        self.assertTrue(request.is_planned_after_due)
        form = Form(request)
        form.schedule_date = datetime(2026, 3, 6, 9, 0)
        form.schedule_date = datetime(2026, 3, 9, 9, 0)
        self.assertTrue(form.is_planned_after_due)
        warning = request._onchange_schedule_date_after_due()
        self.assertIn("after the due date", warning["warning"]["message"])

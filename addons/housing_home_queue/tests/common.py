from datetime import datetime

from dateutil.relativedelta import relativedelta
from stdnum import luhn

from odoo import fields

from odoo.addons.housing_letting.tests.common import LettingCase, identified_contacts
from odoo.addons.housing_letting.tools.letting import LettingRefusal

from ..tools import housing_rules as rules

# The tests run on this day (freeze_time), a Monday.
NOW = datetime(2026, 3, 16, 8, 0)


class HomeQueueCase(LettingCase):
    """The lease test estate with homes of several room types, identified applicants with
    valid profiles (approved references) and helpers for listings and the queue.

    - ``anna``, ``bertil``, ``cecilia``, ``david``: adults, profiles of 1 adult + 1 child
    - ``homes``: 1RK, 2RK, 3RK, 4RK and an unknown room type (9XYZ), 7000 kr a month
    """

    queue_type = "housing"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Listing = env["housing.listing"].with_context(default_category="housing")
        cls.Application = env["housing.application"]
        cls.Profile = env["housing.application.profile"]
        cls.Membership = env["housing.queue.membership"]
        cls.policy = env.ref("housing_home_queue.policy_scored")
        cls.homes = cls.Object.create(
            [
                {
                    "code": f"999-001-01-{n:04d}",
                    "object_type": "residence",
                    "property_id": cls.property.id,
                    "room_code": code,
                    "base_rent": 7000,
                }
                for n, code in enumerate(("1RK", "2RK", "3RK", "4RK", "9XYZ"), start=10)
            ]
        )
        names = ["anna", "bertil", "cecilia", "david"]
        partners = identified_contacts(
            env,
            [
                {"name": f"{name.title()} Testsson", "email": f"{name}@example.com"}
                for name in names
            ],
        )
        for name, partner in zip(names, partners, strict=True):
            setattr(cls, name, partner)
            cls.profile_for(partner)

    @classmethod
    def profile_for(cls, partner, saved=NOW, **values):
        """The profile ``partner`` saved at ``saved`` (valid six months from then), its
        reference approved."""
        return cls.Profile.create(
            {
                "partner_id": partner.id,
                "num_adults": 1,
                "num_children": 1,
                "housing_type": "RENTAL",
                "landlord": "Bostadsbolaget AB",
                "reference_status": rules.APPROVED,
                "last_updated_at": saved,
                "expires_at": saved + relativedelta(months=6),
                "reference_reviewed_at": saved,
                "reference_expires_at": (saved + relativedelta(months=6)).date(),
                **values,
            }
        )

    @classmethod
    def minor(cls, birth):
        """An identified contact born on ``birth``."""
        digits = f"{birth:%y%m%d}987"
        number = f"{birth:%Y}{digits[2:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"
        return cls.env["res.partner"].create(
            {"name": "Unga Ungsson", "is_housing_contact": True, "personal_number": number}
        )

    @classmethod
    def listing_for(cls, home=None, **values):
        return super().listing_for(home or cls.homes[1], **values)

    def assertRefused(self, listing, partner, code):
        """``partner`` may not apply to ``listing`` for ``code``: get_eligibility says so
        and apply refuses with the code, applying nothing."""
        verdict = listing.get_eligibility(partner)[listing.id][False]
        self.assertFalse(verdict["eligible"], code)
        self.assertEqual(verdict["reason"], code)
        with self.assertRaises(LettingRefusal) as caught:
            with self.env.cr.savepoint():
                listing.apply(partner)
        self.assertEqual(caught.exception.code, code)
        self.assertFalse(
            self.Application.search(
                [("listing_id", "=", listing.id), ("partner_id", "=", partner.id)]
            )
        )

    @staticmethod
    def now():
        return fields.Datetime.now()

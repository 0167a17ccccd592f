import itertools
from datetime import date, timedelta

from stdnum import luhn

from odoo import Command

from odoo.addons.housing_lease.tests.common import HousingLeaseCase

IDENTITY_SERIALS = itertools.count(1)


def identified_contacts(env, vals_list):
    """Housing contacts as applying needs them: a customer number (is_housing_contact)
    and a personnummer (valid, and different for every contact of the test run)."""
    numbers = []
    for serial in itertools.islice(IDENTITY_SERIALS, len(vals_list)):
        birth = date(1950, 1, 1) + timedelta(days=serial)
        digits = f"{birth:%y%m%d}{serial % 1000:03d}"
        numbers.append(f"{birth:%Y}{digits[2:]}{luhn.calc_check_digit(digits)}")
    return env["res.partner"].create(
        [
            {"is_housing_contact": True, "personal_number": number, **vals}
            for vals, number in zip(vals_list, numbers, strict=True)
        ]
    )


class LettingCase(HousingLeaseCase):
    """The lease test estate with the helpers every category's tests need: set
    ``queue_type`` (the category's queue) and ``Listing`` (housing.listing with the
    category's default_category) in setUpClass, and pass the rental object to list."""

    queue_type = None

    @classmethod
    def contacts(cls, names):
        """Identified housing contacts with these names."""
        return identified_contacts(cls.env, [{"name": name} for name in names])

    @classmethod
    def lease_for(cls, partner, rental_object, start=date(2024, 1, 1), **values):
        """A confirmed lease of ``rental_object`` to ``partner``."""
        lease = cls.env["housing.lease"].create(
            {
                "rental_object_id": rental_object.id,
                "date_start": start,
                "tenant_line_ids": [Command.create({"partner_id": partner.id})],
                **values,
            }
        )
        lease.action_confirm()
        return lease

    @classmethod
    def listing_for(cls, rental_object, **values):
        """A listing of ``rental_object`` published 1-15 March 2026, vacant from April."""
        return cls.Listing.create(
            {
                "rental_object_id": rental_object.id,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 15),
                "vacant_from": date(2026, 4, 1),
                **values,
            }
        )

    @classmethod
    def join_queue(cls, partner, start):
        """``partner``'s place in the category's queue since ``start``."""
        return cls.env["housing.queue.membership"].create(
            {"partner_id": partner.id, "queue_type": cls.queue_type, "queue_start_date": start}
        )

from datetime import date, datetime

from odoo import Command

from odoo.addons.housing_base.tests.common import ConcurrencyCase
from odoo.addons.housing_letting.tests.common import LettingCase, identified_contacts


class ParkingQueueCase(LettingCase):
    """The lease test estate plus a residents-only area with homes and parking spaces,
    tenants in different situations and helpers for listings and applications.

    - ``home_tenant``: a home in the test area, no parking (priority 1 there)
    - ``one_parking``: a home in the test area and one parking space there
    - ``two_parking``: a home in the test area and two parking spaces
    - ``special_tenant``: a home in the residents-only area
    - ``outsider``: no lease at all
    """

    queue_type = "parking_internal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Listing = env["housing.listing"].with_context(default_category="parking")
        cls.Application = env["housing.application"]
        cls.Offer = env["housing.offer"]
        cls.Membership = env["housing.queue.membership"]
        cls.special_area = env["housing.residential.area"].create(
            {"code": "SPE", "name": "Boendeområde", "parking_residents_only": True}
        )
        cls.special_property = env["housing.property"].create(
            {"code": "99100", "name": "SPECIAL 1", "residential_area_id": cls.special_area.id}
        )
        cls.homes = cls.Object.create(
            [
                {
                    "code": f"999-001-01-{n:04d}",
                    "object_type": "residence",
                    "property_id": cls.property.id,
                    "base_rent": 6000,
                }
                for n in range(2, 7)
            ]
        )
        cls.special_home = cls.Object.create(
            {
                "code": "999-100-01-0001",
                "object_type": "residence",
                "property_id": cls.special_property.id,
                "base_rent": 6000,
            }
        )
        cls.spaces = cls.Object.create(
            [
                {
                    "code": f"999-001-P-{n:03d}",
                    "object_type": "parking",
                    "property_id": cls.property.id,
                    "parking_type": "outdoor",
                    "base_rent": 400,
                }
                for n in range(2, 9)
            ]
        )
        cls.special_spaces = cls.Object.create(
            [
                {
                    "code": f"999-100-P-{n:03d}",
                    "object_type": "parking",
                    "property_id": cls.special_property.id,
                    "parking_type": "outdoor",
                    "base_rent": 400,
                }
                for n in range(1, 4)
            ]
        )
        address = {"street": "Testgatan 1", "zip": "722 11", "city": "Västerås"}
        names = ["home_tenant", "one_parking", "two_parking", "special_tenant", "outsider"]
        partners = cls.identified_contacts(
            [{"name": name.replace("_", " ").title(), **address} for name in names]
        )
        for name, partner in zip(names, partners, strict=True):
            setattr(cls, name, partner)
        cls.lease_for(cls.home_tenant, cls.homes[0])
        cls.lease_for(cls.one_parking, cls.homes[1])
        cls.lease_for(cls.one_parking, cls.spaces[0])
        cls.lease_for(cls.two_parking, cls.homes[2])
        cls.lease_for(cls.two_parking, cls.spaces[1])
        cls.lease_for(cls.two_parking, cls.spaces[2])
        cls.lease_for(cls.special_tenant, cls.special_home)

    @classmethod
    def identified_contacts(cls, vals_list):
        return identified_contacts(cls.env, vals_list)

    @classmethod
    def listing_for(cls, rental_object=None, **values):
        return super().listing_for(rental_object or cls.spaces[3], **values)

    def ranking(self, listing):
        """(partner, priority, reason) in ranking order."""
        listing._rank()
        apps = self.Application.search([("listing_id", "=", listing.id)])
        return [(app.partner_id, app.priority, app.priority_reason) for app in apps]

    @staticmethod
    def utc(*args):
        return datetime(*args)


class RefusalCase(ParkingQueueCase):
    """The scored parking policy counting refusals (three allowed); ``place``: the home
    tenant's place (since 2015), who is offered first, before one_parking (since 2016)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env.ref("housing_parking_queue.policy_scored")
        cls.policy.write({"count_refusals": True, "refusal_limit": 3})
        cls.place = cls.join_queue(cls.home_tenant, date(2015, 1, 1))
        cls.join_queue(cls.one_parking, date(2016, 1, 1))

    def offered(self, rental_object):
        """A listing of ``rental_object`` both applied for, offered to the home tenant."""
        listing = self.listing_for(rental_object)
        listing.apply(self.home_tenant, "additional")
        listing.apply(self.one_parking, "additional")
        listing.action_start_offer_round()
        self.assertEqual(listing.active_offer_id.partner_id, self.home_tenant)
        return listing


class ParkingRaceCase(ConcurrencyCase):
    """Races on parking listings, in real transactions (see ConcurrencyCase): an area of
    the test's own with two tenants, "Först" and "Sist", who rent a home each there, and
    ``spaces`` parking spaces. ``ids`` holds the ids of the area ("area"), the property
    ("property"), the homes and then the spaces ("objects") and the tenants ("partners").

    The subclass makes the estate with ``_estate(env)`` in ``_set_up_race(env)``, which
    also makes what the test races on; the set-up is committed and deleted after the test
    (with the listings in ``listing_ids``), ``_restore(env)`` first."""

    area_code = area_name = property_code = street = None
    spaces = 1

    def setUp(self):
        super().setUp()
        self.listing_ids = []
        with self.cursor() as cr:
            self._set_up_race(self.env_of(cr))
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._cleanup)

    def _set_up_race(self, env):
        raise NotImplementedError

    def _restore(self, env):
        """Set back what the set-up changed besides the records it made (in the cleanup's
        transaction)."""

    def _estate(self, env):
        """The area, its homes and spaces, and the two tenants with a current lease."""
        area = env["housing.residential.area"].create(
            {"code": self.area_code, "name": self.area_name}
        )
        prop = env["housing.property"].create(
            {
                "code": self.property_code,
                "name": f"{self.area_name.upper()} 1",
                "residential_area_id": area.id,
            }
        )
        prefix = self.property_code[:3]
        objects = env["housing.rental.object"].create(
            [
                *(
                    {"code": f"{prefix}-001-01-{n:04d}", "property_id": prop.id, "base_rent": 5000}
                    for n in (1, 2)
                ),
                *(
                    {
                        "code": f"{prefix}-001-P-{n:03d}",
                        "object_type": "parking",
                        "parking_type": "outdoor",
                        "property_id": prop.id,
                        "base_rent": 300,
                    }
                    for n in range(1, self.spaces + 1)
                ),
            ]
        )
        address = {"street": self.street, "zip": "722 11", "city": "Västerås"}
        partners = identified_contacts(
            env, [{"name": "Först", **address}, {"name": "Sist", **address}]
        )
        for partner, home in zip(partners, objects[:2], strict=True):
            env["housing.lease"].create(
                {
                    "rental_object_id": home.id,
                    "date_start": date(2024, 1, 1),
                    "tenant_line_ids": [Command.create({"partner_id": partner.id})],
                }
            ).action_confirm()
        self.ids = {
            "area": area.id,
            "property": prop.id,
            "objects": objects.ids,
            "partners": partners.ids,
        }
        return partners, objects

    def _listing(self, env, vals):
        """A listing the cleanup deletes."""
        listing = env["housing.listing"].create(vals)
        self.listing_ids.append(listing.id)
        return listing

    def _offered_listing(self, env, rental_object, partners):
        """A scored listing of ``rental_object`` whose publication has ended, applied for by
        ``partners`` and offered to the first in line."""
        listing = self._listing(
            env,
            {
                "rental_object_id": rental_object.id,
                "date_from": date(2024, 1, 1),
                "date_to": date(2024, 1, 2),
            },
        )
        for partner in partners:
            listing.apply(partner, "additional")
        listing.action_start_offer_round()
        return listing

    def _cleanup(self):
        with self.cursor() as cr:
            env = self.env_of(cr)
            self._restore(env)
            # The allocation audit of the committed rounds refuses to be deleted (and keeps
            # its listing): the test takes its own rows out in SQL.
            cr.execute(
                "DELETE FROM housing_allocation_round WHERE listing_id = ANY(%s)",
                [self.listing_ids],
            )
            env["housing.listing"].browse(self.listing_ids).unlink()
            env["housing.queue.membership"].search(
                [("partner_id", "in", self.ids["partners"])]
            ).unlink()
            env["housing.lease"].search([("rental_object_id", "in", self.ids["objects"])]).unlink()
            env["housing.rental.object"].browse(self.ids["objects"]).unlink()
            env["housing.property"].browse(self.ids["property"]).unlink()
            env["housing.residential.area"].browse(self.ids["area"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()
            cr.commit()  # pylint: disable=invalid-commit

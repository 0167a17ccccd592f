from datetime import date, datetime

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

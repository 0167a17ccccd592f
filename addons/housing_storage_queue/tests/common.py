from odoo.addons.housing_letting.tests.common import LettingCase


class StorageQueueCase(LettingCase):
    """The lease test estate with storage rooms in its property and tenants at every
    distance from them.

    - ``same_property``, ``neighbour``: homes in the storage rooms' property
    - ``same_area``: a home in another property of the same residential area
    - ``elsewhere``: a home in another area
    - ``parking_only``: a parking lease in the property, no home
    - ``outsider``: no lease at all
    """

    queue_type = "storage"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Listing = env["housing.listing"].with_context(default_category="storage")
        cls.Application = env["housing.application"]
        cls.Membership = env["housing.queue.membership"]
        cls.far_area = env["housing.residential.area"].create({"code": "FJA", "name": "Fjärran"})
        cls.far_property = env["housing.property"].create(
            {"code": "99300", "name": "FJÄRRAN 1", "residential_area_id": cls.far_area.id}
        )
        home = {"object_type": "residence", "base_rent": 6000}
        cls.homes = cls.Object.create(
            [
                {**home, "code": "999-001-01-0101", "property_id": cls.property.id},
                {**home, "code": "999-001-01-0102", "property_id": cls.property.id},
                {**home, "code": "999-002-01-0101", "property_id": cls.other_property.id},
                {**home, "code": "999-300-01-0101", "property_id": cls.far_property.id},
            ]
        )
        cls.rooms = cls.Object.create(
            [
                {
                    "code": f"999-001-F-{n:03d}",
                    "object_type": "storage",
                    "property_id": cls.property.id,
                    "street": "Testgatan 1, källare",
                    "base_rent": 150,
                }
                for n in range(1, 5)
            ]
        )
        names = ["same_property", "neighbour", "same_area", "elsewhere", "parking_only", "outsider"]
        partners = cls.contacts([name.replace("_", " ").title() for name in names])
        for name, partner in zip(names, partners, strict=True):
            setattr(cls, name, partner)
        cls.lease_for(cls.same_property, cls.homes[0])
        cls.lease_for(cls.neighbour, cls.homes[1])
        cls.lease_for(cls.same_area, cls.homes[2])
        cls.lease_for(cls.elsewhere, cls.homes[3])
        cls.lease_for(cls.parking_only, cls.parking)

    @classmethod
    def listing_for(cls, rental_object=None, **values):
        return super().listing_for(rental_object or cls.rooms[0], **values)

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.housing_base.tools.dates import stockholm_today

STATUS_SELECTION = [
    ("vacant", "Vacant"),
    ("blocked", "Blocked"),
    ("leased", "Leased"),
    ("notice", "Under notice"),
]


class HousingRentalObject(models.Model):
    _name = "housing.rental.object"
    _inherit = ["housing.code.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Rental object"

    code = fields.Char(
        tracking=True,
        help="Dash-separated code: at least two groups of digits and capital letters, e.g. "
        "705-808-00-0006 for a flat or 705-808-00-P012 for a parking space.",
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    object_type = fields.Selection(
        [
            ("residence", "Residence"),
            ("parking", "Parking space"),
            ("commercial", "Commercial premises"),
            ("storage", "Storage"),
        ],
        string="Type",
        required=True,
        default="residence",
        tracking=True,
        index=True,
    )
    property_id = fields.Many2one(
        "housing.property",
        compute="_compute_property_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="restrict",
    )
    building_id = fields.Many2one(
        "housing.building",
        compute="_compute_building_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
    )
    staircase_id = fields.Many2one("housing.staircase", index=True, ondelete="restrict")
    residential_area_id = fields.Many2one(
        related="property_id.residential_area_id", store=True, index=True
    )
    caretaker_area_id = fields.Many2one(
        related="property_id.caretaker_area_id", store=True, index=True
    )
    company_id = fields.Many2one(related="property_id.company_id", store=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    area = fields.Float(string="Area (m²)", digits=(10, 1), help="Living or usable area (BOA/LOA).")
    room_code = fields.Char(string="Rooms", help="Rooms and kitchen, e.g. 2RK or 3RKM.")
    apartment_number = fields.Char(help="Four-digit apartment number (lägenhetsnummer).")
    floor = fields.Integer(
        help="Floor counted from the entrance level (0), as in the first two "
        "digits of the apartment number minus 10 (1201 is on floor 2)."
    )
    has_elevator = fields.Boolean(string="Elevator")
    has_balcony = fields.Boolean(string="Balcony")
    is_accessible = fields.Boolean(string="Accessible", help="Adapted for wheelchairs.")
    parking_type = fields.Selection(
        [
            ("outdoor", "Outdoor"),
            ("carport", "Carport"),
            ("garage", "Garage"),
            ("mc", "Motorcycle"),
        ]
    )
    has_charging = fields.Boolean(string="Charging point")
    base_rent = fields.Monetary(string="Monthly base rent", tracking=True)
    vacant_from = fields.Date(tracking=True)
    block_ids = fields.One2many("housing.rental.block", "rental_object_id", string="Blocks")
    block_count = fields.Integer(compute="_compute_block_count")
    status = fields.Selection(
        STATUS_SELECTION,
        compute="_compute_status",
        search="_search_status",
        help="Derived from rental blocks and leases on today's date.",
    )

    _code_format = models.Constraint(
        r"CHECK(code ~ '^[0-9A-Z]+(-[0-9A-Z]+)+$')",
        "The rental object code must be groups of digits or capital letters separated by "
        "dashes, e.g. 705-808-00-0006.",
    )
    _area_positive = models.Constraint(
        "CHECK(area >= 0)", "The area of a rental object cannot be negative."
    )
    _rent_positive = models.Constraint("CHECK(base_rent >= 0)", "The base rent cannot be negative.")
    _apartment_number_format = models.Constraint(
        r"CHECK(apartment_number IS NULL OR apartment_number ~ '^[0-9]{4}$')",
        "The apartment number must have exactly four digits.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("street", "object_type", "apartment_number")
    def _compute_name(self):
        types = dict(self._fields["object_type"]._description_selection(self.env))
        for record in self:
            parts = [record.street or types.get(record.object_type)]
            if record.apartment_number:
                parts.append(record.apartment_number)
            record.name = ", ".join(filter(None, parts))

    @api.depends("building_id.property_id")
    def _compute_property_id(self):
        for record in self:
            if record.building_id:
                record.property_id = record.building_id.property_id

    @api.depends("staircase_id.building_id")
    def _compute_building_id(self):
        for record in self:
            if record.staircase_id:
                record.building_id = record.staircase_id.building_id

    def _compute_block_count(self):
        counts = dict(
            self.env["housing.rental.block"]._read_group(
                [("rental_object_id", "in", self.ids)], ["rental_object_id"], ["__count"]
            )
        )
        for record in self:
            record.block_count = counts.get(record, 0)

    def _compute_status(self):
        statuses = self._get_status_by_object(stockholm_today())
        for record in self:
            record.status = statuses.get(record.id, "vacant")

    def _search_status(self, operator, value):
        if operator in ("=", "!="):
            operator, value = ("in" if operator == "=" else "not in"), [value]
        if operator not in ("in", "not in"):
            return NotImplemented
        today = stockholm_today()
        statuses = self.browse()._get_status_by_object(today)
        if "vacant" in value:
            # Objects missing from the mapping are vacant: exclude the other statuses.
            domain = Domain("id", "not in", [i for i, s in statuses.items() if s not in value])
        else:
            domain = Domain("id", "in", [i for i, s in statuses.items() if s in value])
        return domain if operator == "in" else ~domain

    def _get_status_by_object(self, date):
        """Status on ``date`` of these rental objects (of every object when ``self`` is
        empty): {id: status}.

        Objects left out are vacant. Set-based (one query for any number of objects);
        the lease module extends it with 'leased' and 'notice'.
        """
        Block = self.env["housing.rental.block"]
        domain = Domain(Block._domain_on(date))
        if self:
            domain &= Domain("rental_object_id", "in", self.ids)
        blocks = Block.search_fetch(domain, ["rental_object_id"])
        return dict.fromkeys(blocks.rental_object_id.ids, "blocked")

    def _is_blocked_on(self, date):
        self.ensure_one()
        return bool(self.block_ids.filtered_domain(self.block_ids._domain_on(date)))

    # ------------------------------------------------------------------ constraints
    @api.constrains("property_id", "building_id", "staircase_id")
    def _check_hierarchy(self):
        for record in self:
            if record.building_id and record.building_id.property_id != record.property_id:
                raise ValidationError(
                    self.env._(
                        "Rental object %(code)s: building %(building)s belongs to property "
                        "%(property)s, not to %(other)s.",
                        code=record.code,
                        building=record.building_id.display_name,
                        property=record.building_id.property_id.display_name,
                        other=record.property_id.display_name,
                    )
                )
            if record.staircase_id and record.staircase_id.building_id != record.building_id:
                raise ValidationError(
                    self.env._(
                        "Rental object %(code)s: entrance %(staircase)s is not in building "
                        "%(building)s.",
                        code=record.code,
                        staircase=record.staircase_id.display_name,
                        building=record.building_id.display_name,
                    )
                )

    @api.constrains("object_type", "parking_type", "has_charging")
    def _check_type_fields(self):
        for record in self:
            if record.object_type == "parking" and not record.parking_type:
                raise ValidationError(
                    self.env._("Parking space %(code)s needs a parking type.", code=record.code)
                )
            if record.object_type != "parking" and (record.parking_type or record.has_charging):
                raise ValidationError(
                    self.env._(
                        "Only parking spaces have a parking type or charging point (%(code)s).",
                        code=record.code,
                    )
                )

    # ------------------------------------------------------------------ actions
    def action_view_blocks(self):
        return self._housing_action(
            "housing_property.action_housing_rental_block", "rental_object_id"
        )

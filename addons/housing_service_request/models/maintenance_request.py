from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

COMMON_SPACES = [
    ("laundry", "Laundry room"),
    ("stairwell", "Stairwell"),
    ("waste", "Waste room"),
    ("bicycle", "Bicycle storage"),
    ("attic", "Attic"),
    ("basement", "Basement"),
    ("yard", "Yard"),
    ("other", "Other common space"),
]
PRIORITY_DAYS = [
    (0, "Emergency"),
    (1, "1 day"),
    (5, "5 days"),
    (7, "7 days"),
    (10, "10 days"),
    (14, "2 weeks"),
    (28, "4 weeks"),
    (56, "8 weeks"),
]


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    is_housing = fields.Boolean(
        string="Service request", compute="_compute_is_housing", store=True, index=True
    )
    location_type = fields.Selection(
        [("rental_object", "Rental object"), ("common_space", "Common space")],
        default="rental_object",
    )
    rental_object_id = fields.Many2one("housing.rental.object", index=True, tracking=True)
    common_space_type = fields.Selection(COMMON_SPACES)
    property_id = fields.Many2one(
        "housing.property",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    building_id = fields.Many2one(
        "housing.building",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
    )
    staircase_id = fields.Many2one(
        "housing.staircase",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
    )
    housing_category = fields.Selection(
        [
            ("appliance", "Appliance"),
            ("laundry", "Laundry room"),
            ("property", "Property"),
            ("building", "Building"),
            ("pest", "Pests"),
            ("other", "Other"),
        ],
        string="Fault category",
    )
    reporter_id = fields.Many2one("res.partner", string="Reported by", index=True, tracking=True)
    lease_id = fields.Many2one("housing.lease", index=True)
    master_key_allowed = fields.Boolean(string="May enter with master key")
    call_between = fields.Char(help="When to call before a visit, e.g. 08-10.")
    pet_at_home = fields.Boolean()
    priority_days = fields.Integer(
        string="Priority (days)",
        default=7,
        help="Days to fix the fault (0 = emergency); sets the due date.",
    )
    date_due = fields.Date(
        string="Due date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    date_performed = fields.Date(readonly=True, copy=False)
    hidden_from_tenant = fields.Boolean(
        help="Internal request: the tenant does not see it in the portal or the API."
    )
    origin = fields.Selection(
        [("staff", "Staff"), ("portal", "Portal"), ("api", "API")], default="staff", required=True
    )
    ordering_team_id = fields.Many2one(
        "maintenance.team",
        help="Team that ordered the work; a contractor's hand-back returns the request here.",
    )
    close_requested = fields.Boolean(readonly=True, copy=False, tracking=True)
    close_request_reason = fields.Text(readonly=True, copy=False)
    housing_stage_code = fields.Selection(related="stage_id.housing_code")

    # ------------------------------------------------------------------ computes
    @api.depends("rental_object_id", "property_id")
    def _compute_is_housing(self):
        for request in self:
            request.is_housing = bool(request.rental_object_id or request.property_id)

    @api.depends("rental_object_id", "staircase_id", "building_id")
    def _compute_location(self):
        for request in self:
            obj = request.rental_object_id
            if obj:
                request.staircase_id = obj.staircase_id
                request.building_id = obj.building_id
                request.property_id = obj.property_id
                continue
            if request.staircase_id:
                request.building_id = request.staircase_id.building_id
            if request.building_id:
                request.property_id = request.building_id.property_id

    @api.depends("request_date", "priority_days")
    def _compute_date_due(self):
        for request in self:
            start = request.request_date or fields.Date.context_today(request)
            request.date_due = start + timedelta(days=request.priority_days or 0)

    @api.depends("date_due", "stage_id")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = bool(
                request.date_due
                and request.date_due < today
                and not request.stage_id.done
                and request.housing_stage_code != "performed"
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = (
            Domain("date_due", "<", fields.Date.context_today(self))
            & Domain("stage_id.done", "=", False)
            & Domain("stage_id.housing_code", "not in", ["performed"])
        )
        return domain if (operator == "in") == (True in value) else ~domain

    # ------------------------------------------------------------------ constraints
    @api.constrains("priority_days")
    def _check_priority_days(self):
        if any(request.priority_days < 0 for request in self):
            raise ValidationError(self.env._("The priority cannot be a negative number of days."))

    @api.constrains("location_type", "rental_object_id", "common_space_type", "property_id")
    def _check_location(self):
        for request in self.filtered("is_housing"):
            if request.location_type == "common_space" and not request.common_space_type:
                raise ValidationError(self.env._("Choose the kind of common space."))
            if request.location_type == "rental_object" and not request.rental_object_id:
                raise ValidationError(self.env._("Choose the rental object of the fault."))

    # ------------------------------------------------------------------ create / write
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("maintenance_team_id"):
                team = self._housing_route_team(vals)
                if team:
                    vals["maintenance_team_id"] = team.id
        requests = super().create(vals_list)
        for request in requests.filtered(lambda r: not r.ordering_team_id):
            request.ordering_team_id = request.maintenance_team_id
        return requests

    @api.model
    def _housing_route_team(self, vals):
        """The service team of the caretaker area of the request's property."""
        if vals.get("rental_object_id"):
            prop = self.env["housing.rental.object"].browse(vals["rental_object_id"]).property_id
        elif vals.get("property_id"):
            prop = self.env["housing.property"].browse(vals["property_id"])
        else:
            return self.env["maintenance.team"]
        return prop.sudo().caretaker_area_id.maintenance_team_id

    def write(self, vals):
        stages = self.env["maintenance.stage"]
        new_stage = stages.browse(vals["stage_id"]) if vals.get("stage_id") else stages
        if (
            new_stage
            and self._is_contractor()
            and (new_stage.done or new_stage.housing_code == "closed")
        ):
            raise AccessError(self.env._("External contractors cannot close service requests."))
        if new_stage.housing_code == "returned":
            # Hand-back: the resource is released and the request goes back to the orderer.
            vals = dict(vals, user_id=False)
            result = super().write(vals)
            for request in self:
                super(MaintenanceRequest, request).write(
                    {
                        "maintenance_team_id": request.ordering_team_id.id
                        or request.maintenance_team_id.id
                    }
                )
            self._housing_notify_stage()
            return result
        if new_stage.housing_code == "performed":
            vals = dict(vals, date_performed=fields.Date.context_today(self))
        if vals.get("user_id") and not new_stage:
            waiting = self.filtered(
                lambda r: r.is_housing and r.housing_stage_code in ("waiting", "returned")
            )
            assigned = self._housing_stage("assigned")
            if waiting and assigned:
                super(MaintenanceRequest, waiting).write({"stage_id": assigned.id})
                waiting._housing_notify_stage()
        result = super().write(vals)
        if new_stage:
            self._housing_notify_stage()
        return result

    def _is_contractor(self):
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("housing_service_request.group_housing_contractor")
            and not user.has_group("housing_base.group_housing_user")
        )

    @api.model
    def _housing_stage(self, code):
        return self.env["maintenance.stage"].search([("housing_code", "=", code)], limit=1)

    def _housing_notify_stage(self):
        """E-mail the reporter about the new stage (not for internal requests)."""
        template = self.env.ref(
            "housing_service_request.mail_template_stage_changed", raise_if_not_found=False
        )
        for request in self.filtered(
            lambda r: r.is_housing and r.reporter_id and not r.hidden_from_tenant
        ):
            request.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=request.reporter_id.ids,
            )

    # ------------------------------------------------------------------ tenant side
    @api.model
    def create_from_tenant(self, partner, vals, origin="portal"):
        """Create a service request reported by ``partner`` (portal or API).

        ``vals``: name, description, and either ``rental_object_code`` (a rental object the
        partner leases) or ``common_space_type`` (in a property where the partner leases),
        plus optional housing_category, master_key_allowed, call_between, pet_at_home.
        """
        Lease = self.env["housing.lease"].sudo()
        leases = Lease.search(
            [("partner_ids", "in", partner.ids), ("state", "in", ("upcoming", "current", "notice"))]
        )
        values = {
            key: vals[key]
            for key in (
                "name",
                "description",
                "housing_category",
                "master_key_allowed",
                "call_between",
                "pet_at_home",
            )
            if key in vals
        }
        if not (values.get("name") or "").strip():
            raise ValidationError(self.env._("Describe the fault in a few words."))
        if vals.get("rental_object_code"):
            obj = (
                self.env["housing.rental.object"]
                .sudo()
                .search([("code", "=", vals["rental_object_code"])], limit=1)
            )
            if not obj:
                raise ValidationError(
                    self.env._(
                        "Unknown rental object code %(code)s.", code=vals["rental_object_code"]
                    )
                )
            lease = leases.filtered(lambda lease: lease.rental_object_id == obj)[:1]
            if not lease:
                raise ValidationError(
                    self.env._("You can only report faults on rental objects you lease.")
                )
            values.update(location_type="rental_object", rental_object_id=obj.id, lease_id=lease.id)
        elif vals.get("common_space_type"):
            if vals["common_space_type"] not in dict(COMMON_SPACES):
                raise ValidationError(self.env._("Unknown kind of common space."))
            lease = leases.filtered(lambda lease: lease.lease_type == "residence")[:1] or leases[:1]
            if not lease:
                raise ValidationError(
                    self.env._("You can only report faults where you rent a home.")
                )
            values.update(
                location_type="common_space",
                common_space_type=vals["common_space_type"],
                property_id=lease.property_id.id,
                staircase_id=lease.rental_object_id.staircase_id.id,
                lease_id=lease.id,
            )
        else:
            raise ValidationError(self.env._("Choose where the fault is."))
        values.update(reporter_id=partner.id, origin=origin, hidden_from_tenant=False)
        request = self.sudo().create(values)
        request.message_subscribe(partner_ids=partner.ids)
        return request

    def _tenant_messages(self):
        """Messages the tenant may see: comments (not internal notes), never on hidden
        requests."""
        self.ensure_one()
        if self.hidden_from_tenant:
            return self.env["mail.message"]
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
                ]
            )
        )

    def message_post_tenant(self, partner, body):
        """Post ``body`` from ``partner`` (the tenant) as a message staff and tenant both see."""
        self.ensure_one()
        if self.hidden_from_tenant or partner != self.reporter_id:
            raise AccessError(self.env._("You cannot write on this service request."))
        if not (body or "").strip():
            raise ValidationError(self.env._("The message is empty."))
        return self.sudo().message_post(
            body=body, author_id=partner.id, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def action_request_close(self, reason):
        """The tenant asks to close the request (e.g. the fault went away)."""
        self.ensure_one()
        if self.stage_id.done:
            raise UserError(self.env._("This service request is already closed."))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the request can be closed."))
        self.sudo().write({"close_requested": True, "close_request_reason": reason})
        self.sudo().message_post(
            body=self.env._("The tenant asks to close the request: %(reason)s", reason=reason),
            author_id=self.reporter_id.id,
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def action_accept_close_request(self):
        closed = self._housing_stage("closed")
        for request in self.filtered("close_requested"):
            request.write({"stage_id": closed.id, "close_requested": False})
        return True

    def action_decline_close_request(self, reason):
        if not (reason or "").strip():
            raise ValidationError(self.env._("Give the tenant a reason for keeping it open."))
        for request in self.filtered("close_requested"):
            request.write({"close_requested": False, "close_request_reason": False})
            request.message_post(
                body=self.env._("The request stays open: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_comment",
                partner_ids=request.reporter_id.ids,
            )
        return True

import io
import warnings
from datetime import timedelta

from PIL import Image

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import html2plaintext
from odoo.tools.image import IMAGE_MAX_RESOLUTION
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.housing_base.tools.dates import stockholm_date, stockholm_today
from odoo.addons.housing_base.tools.text import has_invalid_characters

# Fields of the register and of leases: staff and integrations only, not contractors
# (they read the location through ``location_display``).
STAFF_GROUPS = "housing_base.group_housing_user,housing_base.group_housing_integration"
COMMON_SPACES = [
    ("laundry", "Laundry room"),
    ("stairwell", "Stairwell"),
    ("waste", "Waste room"),
    ("bicycle", "Bicycle storage"),
    ("attic", "Attic"),
    ("basement", "Basement"),
    ("yard", "Yard"),
    ("playground", "Playground"),
    ("other", "Other common space"),
]
# Key = number of days to fix the fault (Mimer's list), or "weeks" for a number of weeks.
PRIORITY_LEVELS = [
    ("0", "Emergency"),
    ("1", "1 day"),
    ("5", "5 days"),
    ("7", "7 days"),
    ("10", "10 days"),
    ("14", "2 weeks"),
    ("21", "3 weeks"),
    ("28", "4 weeks"),
    ("35", "5 weeks"),
    ("42", "6 weeks"),
    ("56", "8 weeks"),
    ("183", "6 months"),
    ("365", "More than 1 year"),
    ("weeks", "Number of weeks"),
]
# Stages of the work itself: only with a resource (Mimer: "Ingen resurs är tilldelad").
# Waiting, returned (hand-back) and closed need none.
HANDLING_STAGES = ("assigned", "started", "waiting_parts", "performed")
ACTIVE_LEASE_STATES = ("upcoming", "current", "notice")
# What a tenant (portal or API) may fill in; the location comes as codes.
TENANT_FIELDS = (
    "name",
    "description",
    "housing_category",
    "master_key_allowed",
    "call_between",
    "pet_at_home",
)
TENANT_LOCATION_KEYS = (
    "rental_object_code",
    "common_space_type",
    "property_code",
    "building_code",
    "staircase_code",
)
# Photos a tenant may attach to a new fault report (portal, API).
TENANT_PHOTO_TYPES = (
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "image/heif",
)
TENANT_PHOTO_MAX_SIZE = 10 * 1024 * 1024
TENANT_PHOTO_MAX_COUNT = 5
# Decoding is what costs: a small PNG can hold 144 megapixels (a "pixel bomb").
TENANT_PHOTO_MAX_PIXELS = IMAGE_MAX_RESOLUTION
# Longest texts a tenant writes (portal, API and JSON-2 alike), in characters of text.
TENANT_TITLE_MAX_LENGTH = 100
TENANT_DESCRIPTION_MAX_LENGTH = 5000
TENANT_CALL_BETWEEN_MAX_LENGTH = 50
TENANT_MESSAGE_MAX_LENGTH = 5000
TENANT_REASON_MAX_LENGTH = 1000
# Fields an external contractor may not change (team changes go through the hand-back).
CONTRACTOR_LOCKED_FIELDS = (
    "maintenance_team_id",
    "ordering_team_id",
    "archive",
    "hidden_from_tenant",
    "reporter_id",
    "owner_user_id",
    "close_requested",
    "close_request_reason",
)


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    # Housing requests move through the housing stages only, the Maintenance app's
    # requests through its own (the statusbar and the stage field follow is_housing).
    stage_id = fields.Many2one(
        domain="[('housing_code', '!=' if is_housing else '=', False)]",
    )
    case_number = fields.Char(
        string="Case number",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The number the tenant quotes about the fault (ärendenummer).",
    )
    tenant_message_ids = fields.Many2many(
        "mail.message",
        string="Conversation with the tenant",
        compute="_compute_tenant_message_ids",
        groups=STAFF_GROUPS,
        help="The messages the tenant sees and writes, without internal notes.",
    )
    is_housing = fields.Boolean(
        string="Service request",
        compute="_compute_is_housing",
        store=True,
        precompute=True,
        index=True,
    )
    location_type = fields.Selection(
        [("rental_object", "Rental object"), ("common_space", "Common space")],
        default="rental_object",
    )
    rental_object_id = fields.Many2one(
        "housing.rental.object", index=True, tracking=True, groups=STAFF_GROUPS
    )
    common_space_type = fields.Selection(COMMON_SPACES, string="Common space")
    property_id = fields.Many2one(
        "housing.property",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        groups=STAFF_GROUPS,
    )
    building_id = fields.Many2one(
        "housing.building",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
        groups=STAFF_GROUPS,
    )
    staircase_id = fields.Many2one(
        "housing.staircase",
        string="Entrance",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
        groups=STAFF_GROUPS,
    )
    location_display = fields.Char(
        string="Location",
        compute="_compute_location_display",
        help="Where the fault is, readable by everyone who works on the request.",
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
    reporter_phone = fields.Char(
        related="reporter_id.phone",
        string="Reporter's phone",
        help="The one detail of the tenant besides the name that external contractors get: "
        "they read no contacts themselves.",
    )
    request_date = fields.Date(default=stockholm_today)
    lease_id = fields.Many2one(
        "housing.lease",
        compute="_compute_lease_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        groups=STAFF_GROUPS,
        help="The reporter's lease of the rental object (or of a home in the property).",
    )
    master_key_allowed = fields.Boolean(string="May enter with master key")
    call_between = fields.Char(help="When to call before a visit, e.g. 08-10.")
    pet_at_home = fields.Boolean()
    priority_level = fields.Selection(
        PRIORITY_LEVELS,
        string="Priority (days)",
        required=True,
        default="7",
        tracking=True,
        help="Days to fix the fault; sets the due date.",
    )
    priority_weeks = fields.Integer(
        string="Weeks", help="Weeks to fix the fault, for the priority 'Number of weeks'."
    )
    priority_days = fields.Integer(compute="_compute_priority_days", store=True, precompute=True)
    start_date = fields.Date(
        tracking=True, help="The day the work can start; the due date counts from it."
    )
    date_due = fields.Date(
        string="Due date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="Start date (or request date) plus the priority days; may be changed by hand.",
    )
    is_planned_after_due = fields.Boolean(
        string="Planned after the due date", compute="_compute_is_planned_after_due"
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    date_performed = fields.Date(readonly=True, copy=False)
    hidden_from_tenant = fields.Boolean(
        tracking=True,
        help="Internal request: the tenant does not see it or its messages and gets no e-mails.",
    )
    origin = fields.Selection(
        [("staff", "Staff"), ("portal", "Portal"), ("api", "API")], default="staff", required=True
    )
    ordering_team_id = fields.Many2one(
        "maintenance.team",
        readonly=True,
        help="The team that ordered the work; a contractor's hand-back returns the request here.",
    )
    close_requested = fields.Boolean(readonly=True, copy=False, tracking=True)
    close_request_reason = fields.Text(readonly=True, copy=False)
    housing_stage_code = fields.Selection(related="stage_id.housing_code")

    # ------------------------------------------------------------------ computes
    @api.depends("rental_object_id", "property_id", "common_space_type")
    def _compute_is_housing(self):
        for request in self:
            request.is_housing = bool(
                request.rental_object_id or request.property_id or request.common_space_type
            )

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

    @api.depends(
        "location_type",
        "rental_object_id",
        "common_space_type",
        "property_id",
        "building_id",
        "staircase_id",
    )
    def _compute_location_display(self):
        spaces = dict(self._fields["common_space_type"]._description_selection(self.env))
        for request, location in zip(self, self.sudo(), strict=True):
            if location.rental_object_id:
                request.location_display = location.rental_object_id.display_name
            elif location.common_space_type and location.property_id:
                place = location.staircase_id or location.building_id or location.property_id
                space = spaces[location.common_space_type]
                request.location_display = f"{space}, {place.display_name}"
            else:
                request.location_display = False

    @api.depends("reporter_id", "rental_object_id", "property_id")
    def _compute_lease_id(self):
        reported = self.filtered("reporter_id")
        leases = self._housing_active_leases(reported.reporter_id)
        for request in self:
            own = leases.filtered(lambda lease, r=request: r.reporter_id in lease.partner_ids)
            request.lease_id = self._housing_match_lease(
                own, request.rental_object_id, request.property_id
            )

    @api.depends("message_ids")
    def _compute_tenant_message_ids(self):
        for request in self:
            request.tenant_message_ids = request._tenant_messages() if request.id else False

    @api.depends("priority_level", "priority_weeks")
    def _compute_priority_days(self):
        for request in self:
            if request.priority_level == "weeks":
                request.priority_days = 7 * request.priority_weeks
            else:
                request.priority_days = int(request.priority_level or 0)

    @api.depends("is_housing", "request_date", "start_date", "priority_days")
    def _compute_date_due(self):
        for request in self:
            start = request.start_date or request.request_date or stockholm_today()
            request.date_due = request.is_housing and start + timedelta(days=request.priority_days)

    @api.depends("schedule_date", "date_due")
    def _compute_is_planned_after_due(self):
        for request in self:
            request.is_planned_after_due = bool(
                request.schedule_date
                and request.date_due
                and stockholm_date(request.schedule_date) > request.date_due
            )

    @api.onchange("schedule_date", "date_due")
    def _onchange_schedule_date_after_due(self):
        if self.is_planned_after_due:
            return {
                "warning": {
                    "title": self.env._("Planned after the due date"),
                    "message": self.env._(
                        "The work is planned for %(planned)s, after the due date %(due)s.",
                        planned=stockholm_date(self.schedule_date),
                        due=self.date_due,
                    ),
                }
            }
        return None

    @api.depends("date_due", "stage_id")
    def _compute_is_overdue(self):
        today = stockholm_today()
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
            Domain("date_due", "<", stockholm_today())
            & Domain("stage_id.done", "=", False)
            & Domain("stage_id.housing_code", "not in", ["performed"])
        )
        return domain if (operator == "in") == (True in value) else ~domain

    @api.depends("property_id")
    def _compute_maintenance_team_id(self):
        """Picking a location in the form routes the request to the area's team."""
        result = super()._compute_maintenance_team_id()
        teams = self._housing_routed_teams(self.property_id)
        for request in self:
            if teams.get(request.property_id.id):
                request.maintenance_team_id = teams[request.property_id.id]
        return result

    # ------------------------------------------------------------------ constraints
    @api.constrains("priority_level", "priority_weeks")
    def _check_priority_weeks(self):
        if self.filtered(lambda r: r.priority_level == "weeks" and r.priority_weeks < 1):
            raise ValidationError(self.env._("Enter the number of weeks to fix the fault."))

    @api.constrains("location_type", "rental_object_id", "common_space_type", "property_id")
    def _check_location(self):
        for request in self.filtered("is_housing"):
            if request.location_type == "rental_object" and not request.rental_object_id:
                raise ValidationError(self.env._("Choose the rental object of the fault."))
            if request.location_type == "common_space" and not (
                request.common_space_type and request.property_id
            ):
                raise ValidationError(
                    self.env._(
                        "A fault in a common space needs the kind of space and its property."
                    )
                )

    @api.constrains("stage_id", "is_housing")
    def _check_housing_stage(self):
        for request in self:
            if request.is_housing and not request.stage_id.housing_code:
                raise ValidationError(
                    self.env._(
                        "%(stage)s is a stage of the Maintenance app: a service request uses "
                        "the service request stages.",
                        stage=request.stage_id.name,
                    )
                )
            if not request.is_housing and request.stage_id.housing_code:
                raise ValidationError(
                    self.env._(
                        "%(stage)s is a service request stage: a maintenance request without "
                        "a rental object or property uses the Maintenance app's stages.",
                        stage=request.stage_id.name,
                    )
                )

    @api.constrains("lease_id", "reporter_id", "rental_object_id")
    def _check_lease(self):
        for request in self.filtered("lease_id"):
            lease = request.lease_id
            if not request.reporter_id:
                raise ValidationError(self.env._("A lease needs the contact who reported."))
            if request.reporter_id not in lease.partner_ids:
                raise ValidationError(
                    self.env._(
                        "%(reporter)s is not a tenant on lease %(lease)s.",
                        reporter=request.reporter_id.display_name,
                        lease=lease.display_name,
                    )
                )
            if request.rental_object_id and lease.rental_object_id != request.rental_object_id:
                raise ValidationError(
                    self.env._(
                        "Lease %(lease)s is not for rental object %(object)s.",
                        lease=lease.display_name,
                        object=request.rental_object_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ create / write
    @api.model
    def default_get(self, fields):
        values = super().default_get(fields)
        if (
            self.env.context.get("housing_service_request")
            and "stage_id" in fields
            and not self.env.context.get("default_stage_id")
        ):
            values["stage_id"] = self._housing_stage("waiting").id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        if self._is_contractor():
            raise AccessError(self.env._("External contractors cannot create requests."))
        self._housing_prepare_create(vals_list)
        requests = super().create(vals_list)
        housing = requests.filtered("is_housing")
        housing._housing_sync_reporter_followers()
        housing._housing_notify_reported()
        return requests

    @api.model
    def _housing_prepare_create(self, vals_list):
        """Route new service requests to their team and start them in the right stage."""
        housing_vals = [
            vals
            for vals in vals_list
            if vals.get("rental_object_id")
            or vals.get("property_id")
            or vals.get("staircase_id")
            or vals.get("common_space_type")
        ]
        if not housing_vals:
            return
        properties = self._housing_vals_properties(housing_vals)
        teams = self._housing_routed_teams(self.env["housing.property"].union(*properties))
        stages = {code: self._housing_stage(code) for code in ("waiting", "assigned")}
        sequence = self.env["ir.sequence"].sudo()
        for vals, prop in zip(housing_vals, properties, strict=True):
            vals["case_number"] = sequence.next_by_code("housing.service.request")
            routed = teams.get(prop.id, False)
            team = self.env["maintenance.team"].browse(
                vals.get("maintenance_team_id") or routed or self._get_default_team_id()
            )
            vals["maintenance_team_id"] = team.id
            if not vals.get("ordering_team_id"):
                # Work ordered straight from a contractor is still owned by the area's team.
                vals["ordering_team_id"] = routed if team.is_contractor else team.id
            if not vals.get("stage_id"):
                vals["stage_id"] = stages["assigned" if vals.get("user_id") else "waiting"].id
            elif not vals.get("user_id"):
                self._housing_check_resource(
                    self.env["maintenance.stage"].browse(vals["stage_id"]), False
                )

    @api.model
    def _housing_vals_properties(self, vals_list):
        """The property of each creation dict, in order (empty when none can be found)."""
        objects = self.env["housing.rental.object"].browse(
            [vals["rental_object_id"] for vals in vals_list if vals.get("rental_object_id")]
        )
        staircases = self.env["housing.staircase"].browse(
            [vals["staircase_id"] for vals in vals_list if vals.get("staircase_id")]
        )
        objects.sudo().fetch(["property_id"])
        staircases.sudo().fetch(["property_id"])
        Property = self.env["housing.property"]
        return [
            Property.browse(vals["property_id"])
            if vals.get("property_id")
            else objects.browse(vals["rental_object_id"]).property_id
            if vals.get("rental_object_id")
            else staircases.browse(vals.get("staircase_id")).property_id
            for vals in vals_list
        ]

    @api.model
    def _housing_routed_teams(self, properties):
        """{property id: team id} of the service team of each property's caretaker area."""
        return {
            prop.id: prop.caretaker_area_id.maintenance_team_id.id
            for prop in properties.sudo()
            if prop.caretaker_area_id.maintenance_team_id
        }

    def write(self, vals):
        if self._is_contractor():
            self._check_contractor_write(vals)
        stage = self.env["maintenance.stage"].browse(vals.get("stage_id") or [])
        if stage.housing_code == "returned":
            if not self.env.context.get("housing_hand_back"):
                raise UserError(
                    self.env._("Use the Hand back button to return a request with a reason.")
                )
            vals = dict(vals, user_id=False)
        elif "user_id" in vals and "stage_id" not in vals:
            if vals["user_id"]:
                # Assigning a resource to a waiting request moves it on.
                moving, code = ("waiting", "returned"), "assigned"
            else:
                # Unassigning the resource sends the request back to waiting (Mimer).
                moving, code = HANDLING_STAGES, "waiting"
            moved = self.filtered(lambda r: r.is_housing and r.housing_stage_code in moving)
            if moved:
                moved.write(dict(vals, stage_id=self._housing_stage(code).id))
                rest = self - moved
                return rest.write(vals) if rest else True
        for request in self.filtered("is_housing"):
            request._housing_check_resource(
                stage or request.stage_id, vals["user_id"] if "user_id" in vals else request.user_id
            )
        if vals.get("maintenance_team_id"):
            new_team = self.env["maintenance.team"].browse(vals["maintenance_team_id"])
            if not new_team.is_contractor:
                vals = dict(vals, ordering_team_id=new_team.id)
        old_teams = {
            request: request.maintenance_team_id for request in self.filtered("is_housing")
        }
        result = super().write(vals)
        if stage.housing_code == "returned":
            for team, requests in self.grouped("ordering_team_id").items():
                if team:
                    super(MaintenanceRequest, requests).write({"maintenance_team_id": team.id})
        if "stage_id" in vals:
            self._housing_stamp_dates()
        self._housing_release_contractors(old_teams)
        if {"reporter_id", "hidden_from_tenant"} & set(vals):
            self.filtered("is_housing")._housing_sync_reporter_followers()
        if stage:
            self._housing_notify_stage()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_contractor(self):
        if self._is_contractor():
            raise AccessError(self.env._("External contractors cannot delete requests."))

    def reset_equipment_request(self):
        housing = self.filtered("is_housing")
        if housing:
            housing.write({"archive": False, "stage_id": self._housing_stage("waiting").id})
        return super(MaintenanceRequest, self - housing).reset_equipment_request()

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Service requests show the housing stages, the Maintenance app its own."""
        stages = super()._read_group_stage_ids(stages, domain)
        if self.env.context.get("housing_service_request"):
            return stages.filtered("housing_code")
        return stages.filtered(lambda stage: not stage.housing_code)

    def _is_contractor(self):
        user = self.env.user
        return (
            not self.env.su
            and user.has_group("housing_service_request.group_housing_contractor")
            and not user.has_group("housing_base.group_housing_user")
        )

    def _check_contractor_write(self, vals):
        locked = [name for name in CONTRACTOR_LOCKED_FIELDS if name in vals]
        if locked:
            raise AccessError(
                self.env._(
                    "External contractors cannot change: %(fields)s.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in locked
                    ),
                )
            )
        if "stage_id" in vals and (
            self.env["maintenance.stage"].browse(vals["stage_id"]).done
            or any(self.stage_id.mapped("done"))
        ):
            raise AccessError(
                self.env._("External contractors cannot close or reopen service requests.")
            )

    @api.model
    def _housing_check_resource(self, stage, user):
        """Refuse a handling stage (resource assigned, started, waiting for parts,
        performed) without a resource ``user``."""
        if stage.housing_code in HANDLING_STAGES and not user:
            raise UserError(
                self.env._(
                    "No resource is assigned: choose a resource before moving the request to "
                    "%(stage)s.",
                    stage=stage.name,
                )
            )

    @api.model
    def _housing_stage(self, code):
        return self.env["maintenance.stage"].search([("housing_code", "=", code)], limit=1)

    def _housing_stamp_dates(self):
        """Performed stamps the performed date, going back before it clears the date.
        The close date is Maintenance's own; it is set to the company's day (Maintenance
        takes the server's)."""
        housing = self.filtered("is_housing")
        today = stockholm_today()
        housing.filtered(
            lambda r: r.housing_stage_code == "performed" and not r.date_performed
        ).write({"date_performed": today})
        housing.filtered(lambda r: r.stage_id.done and r.close_date != today).write(
            {"close_date": today}
        )
        housing.filtered(
            lambda r: (
                r.date_performed and not r.stage_id.done and r.housing_stage_code != "performed"
            )
        ).write({"date_performed": False})

    def _housing_release_contractors(self, old_teams):
        """Members of a contractor team stop following (and seeing) a request that left the
        team, and stop being its resource."""
        left = self.filtered(
            lambda r: (
                r in old_teams
                and old_teams[r].is_contractor
                and old_teams[r] != r.maintenance_team_id
            )
        )
        for team, requests in left.grouped(lambda r: old_teams[r]).items():
            members = team.member_ids
            requests.filtered(lambda r, m=members: r.user_id in m).write({"user_id": False})
            requests.sudo().message_unsubscribe(partner_ids=members.partner_id.ids)

    def _housing_sync_reporter_followers(self):
        """The reporter follows the public messages of their request, unless it is hidden."""
        comment = self.env.ref("mail.mt_comment")
        for request in self.filtered("reporter_id"):
            if request.hidden_from_tenant:
                request.sudo().message_unsubscribe(partner_ids=request.reporter_id.ids)
            else:
                request.sudo().message_subscribe(
                    partner_ids=request.reporter_id.ids, subtype_ids=comment.ids
                )

    def _housing_notify_stage(self):
        """E-mail the reporter about the new stage (not for hidden requests). As superuser:
        a contractor who handed a request back no longer reads it."""
        self.sudo().filtered(
            lambda r: r.stage_id.housing_code and r.stage_id.housing_notify_tenant
        )._housing_mail_tenant("housing_service_request.mail_template_stage_changed")

    def _housing_notify_reported(self):
        """Acknowledge a new fault report to the reporter (portal, API or staff alike): the
        case number and the date it is planned to be fixed by."""
        self.sudo()._housing_mail_tenant("housing_service_request.mail_template_reported")

    def _housing_mail_tenant(self, template_xmlid):
        """Post the template as a public message e-mailed to the reporter, in the
        reporter's language, for the housing requests the tenant sees. The landlord writes
        it (the templates' sender is the company, whose partner the composer makes the
        author), also when the tenant's own report (portal, API) triggered it."""
        template = self.env.ref(template_xmlid)
        for request in self.filtered(
            lambda r: r.is_housing and r.reporter_id and not r.hidden_from_tenant
        ):
            # The composer renders a comment in the language of its context. As the
            # superuser (OdooBot, inactive): mail skips the current user as the "real
            # author", so a tenant reporting in the portal would get no e-mail.
            request = request.with_user(SUPERUSER_ID).with_context(
                lang=request.reporter_id.lang or self.env.lang
            )
            request.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=request.reporter_id.ids,
            )

    def get_formview_id(self, access_uid=None):
        """Links to a service request (chatter, e-mails) open the fault report form."""
        if len(self) == 1 and self.is_housing:
            return self.env.ref(
                "housing_service_request.maintenance_request_view_form_housing_service"
            ).id
        return super().get_formview_id(access_uid=access_uid)

    def get_tenant_portal_url(self):
        """Absolute link to the request on the tenant's pages (used by the e-mails;
        the portal module may point it at its own route)."""
        self.ensure_one()
        return f"{self.get_base_url()}/my/service-requests/{self.id}"

    # ------------------------------------------------------------------ staff actions
    @api.model
    def _housing_request_counts(self, field, records):
        """{record: number of service requests} of ``records`` by the many2one ``field``
        (the smart buttons of rental objects and leases)."""
        return dict(self._read_group([(field, "in", records.ids)], [field], ["__count"]))

    @api.model
    def _housing_requests_action(self, domain, context=None):
        """The Service requests action (kanban by stage first) on ``domain``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "housing_service_request.action_housing_service_request"
        )
        action["domain"] = [("is_housing", "=", True), *domain]
        action["context"] = {"housing_service_request": True, **(context or {})}
        return action

    def action_view_lease(self):
        self.ensure_one()
        return self.lease_id._get_records_action()

    def action_view_rental_object(self):
        self.ensure_one()
        return self.rental_object_id._get_records_action()

    def action_hand_back(self, reason):
        """Return the requests to the team that ordered the work: stage *Returned*, no
        resource, an internal note with the reason."""
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the request is handed back."))
        if self.filtered(lambda r: not r.is_housing or r.stage_id.done):
            raise UserError(self.env._("Only open service requests can be handed back."))
        for request in self:
            request.message_post(
                body=self.env._("Handed back: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        self.with_context(housing_hand_back=True).write(
            {"stage_id": self._housing_stage("returned").id}
        )
        return True

    def action_accept_close_request(self):
        """Staff accept the tenant's request to close: the requests are closed."""
        if not self or not all(self.mapped("close_requested")):
            raise UserError(self.env._("The tenant has not asked to close this request."))
        self.write({"stage_id": self._housing_stage("closed").id, "close_requested": False})
        return True

    def action_decline_close_request(self, reason):
        """Staff keep the requests open; the tenant gets the reason as a message."""
        if not (reason or "").strip():
            raise ValidationError(self.env._("Give the tenant a reason for keeping it open."))
        if not self or not all(self.mapped("close_requested")):
            raise UserError(self.env._("The tenant has not asked to close this request."))
        self.write({"close_requested": False, "close_request_reason": False})
        for request in self:
            request.message_post(
                body=self.env._("The request stays open: %(reason)s", reason=reason),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=request.reporter_id.ids,
            )
        return True

    # ------------------------------------------------------------------ tenant side
    @api.model
    def _housing_tenant(self, partner=None, default=None):
        """The contact a tenant action is made for: ``partner`` (record or id); without it
        the current user's contact, or ``default`` when housing staff or an integration act.
        Only the tenant themselves, staff, integrations and superuser code act for a contact."""
        user = self.env.user
        acts_for_tenants = user.has_group("housing_base.group_housing_user") or user.has_group(
            "housing_base.group_housing_integration"
        )
        if isinstance(partner, models.BaseModel):
            partner = partner.id
        if partner:
            partner = self.env["res.partner"].browse(partner)
            if not partner.sudo().exists():
                raise ValidationError(self.env._("Unknown contact."))
        else:
            partner = (acts_for_tenants and default) or user.partner_id
        if not (self.env.su or acts_for_tenants or partner == user.partner_id):
            raise AccessError(self.env._("You cannot act on behalf of another contact."))
        return partner

    def _housing_check_reporter(self, partner):
        self.ensure_one()
        if self.hidden_from_tenant or not self.is_housing or partner != self.reporter_id:
            raise AccessError(self.env._("This is not one of your service requests."))

    @api.model
    def _housing_active_leases(self, partners):
        if not partners:
            return self.env["housing.lease"]
        return (
            self.env["housing.lease"]
            .sudo()
            .search([("partner_ids", "in", partners.ids), ("state", "in", ACTIVE_LEASE_STATES)])
        )

    @api.model
    def _housing_match_lease(self, leases, rental_object, prop):
        """The lease among ``leases`` that covers a fault on ``rental_object``, or for a
        common space in ``prop`` a lease in that property (a home first)."""
        if rental_object:
            return leases.filtered(lambda lease: lease.rental_object_id == rental_object)[:1]
        in_property = leases.filtered(lambda lease: prop and lease.property_id == prop)
        return (in_property.filtered(lambda lease: lease.lease_type == "residence") or in_property)[
            :1
        ]

    @api.model
    def _housing_find_code(self, model, code):
        """The register record with ``code``; unknown codes are a ValidationError."""
        record = self.env[model].sudo().search([("code", "=", code)], limit=1)
        if not record:
            messages = {
                "housing.rental.object": self.env._("Unknown rental object code %(code)s."),
                "housing.property": self.env._("Unknown property code %(code)s."),
                "housing.building": self.env._("Unknown building code %(code)s."),
                "housing.staircase": self.env._("Unknown entrance code %(code)s."),
            }
            raise ValidationError(messages[model] % {"code": code})
        return record

    @api.model
    def _housing_tenant_location(self, partner, vals):
        """Creation values for the location a tenant gave, checked against their leases."""
        leases = self._housing_active_leases(partner)
        if vals.get("rental_object_code"):
            obj = self._housing_find_code("housing.rental.object", vals["rental_object_code"])
            lease = self._housing_match_lease(leases, obj, obj.property_id)
            if not lease:
                raise ValidationError(
                    self.env._("You can only report faults on rental objects you lease.")
                )
            return {"location_type": "rental_object", "rental_object_id": obj.id}
        space = vals.get("common_space_type")
        if not space:
            raise ValidationError(
                self.env._("Say where the fault is: a rental object code or a common space.")
            )
        if space not in dict(COMMON_SPACES):
            raise ValidationError(
                self.env._("Unknown kind of common space %(space)s.", space=space)
            )
        staircase, building, prop = (
            self._housing_find_code(model, vals[key]) if vals.get(key) else self.env[model].sudo()
            for key, model in (
                ("staircase_code", "housing.staircase"),
                ("building_code", "housing.building"),
                ("property_code", "housing.property"),
            )
        )
        if staircase and building and staircase.building_id != building:
            raise ValidationError(
                self.env._(
                    "Entrance %(entrance)s is not in building %(building)s.",
                    entrance=staircase.code,
                    building=building.code,
                )
            )
        building = building or staircase.building_id
        if building and prop and building.property_id != prop:
            raise ValidationError(
                self.env._(
                    "Building %(building)s is not in property %(property)s.",
                    building=building.code,
                    property=prop.code,
                )
            )
        prop = prop or building.property_id
        if not prop:
            # No place given: the common spaces of the tenant's home.
            home = (leases.filtered(lambda lease: lease.lease_type == "residence") or leases)[:1]
            prop, staircase = home.property_id, home.rental_object_id.staircase_id
            building = staircase.building_id
        if not self._housing_match_lease(leases, None, prop):
            raise ValidationError(
                self.env._("You can only report faults in common spaces where you rent.")
            )
        return {
            "location_type": "common_space",
            "common_space_type": space,
            "property_id": prop.id,
            "building_id": building.id,
            "staircase_id": staircase.id,
        }

    @api.model
    def create_from_tenant(self, partner, vals, origin="portal", photos=None):
        """Create a service request reported by the tenant ``partner`` (record or id).

        ``vals``: ``name`` (required), ``description``, ``housing_category``,
        ``master_key_allowed``, ``call_between``, ``pet_at_home`` and the location: either
        ``rental_object_code`` (a rental object the tenant leases) or ``common_space_type``
        with optional ``property_code`` / ``building_code`` / ``staircase_code`` (default:
        the tenant's home) in a property where the tenant leases. ``origin``: 'portal' or
        'api'. ``photos``: optional list of ``(file name, bytes)`` images, see
        ``_housing_check_tenant_photos``; they are attached to the request and posted in a
        message from the tenant. The request is routed to the team of the property's
        caretaker area.
        """
        partner = self._housing_tenant(partner)
        unknown = set(vals) - set(TENANT_FIELDS) - set(TENANT_LOCATION_KEYS)
        if unknown:
            raise ValidationError(
                self.env._("Unknown fields: %(fields)s.", fields=", ".join(sorted(unknown)))
            )
        if origin not in ("portal", "api"):
            raise ValidationError(self.env._("Unknown origin %(origin)s.", origin=origin))
        if not (vals.get("name") or "").strip():
            raise ValidationError(self.env._("Describe the fault in a few words."))
        self._housing_check_tenant_texts(vals)
        photos = self._housing_check_tenant_photos(photos or [])
        values = {key: vals[key] for key in TENANT_FIELDS if key in vals}
        values.update(self._housing_tenant_location(partner, vals))
        # The reporter follows the request; the user who made the call (portal, API) does not.
        values.update(reporter_id=partner.id, origin=origin, owner_user_id=False)
        request = self.sudo().create(values)
        request._housing_attach_tenant_photos(partner, photos)
        return request.with_env(self.env)

    @api.model
    def _housing_tenant_text_errors(self, vals):
        """{key: message} for the texts of ``vals`` a tenant may not send: longer than
        their limit (HTML counted as its text) or holding characters no field stores.
        Keys: the fields of create_from_tenant, ``message`` and ``reason``."""
        env = self.env
        limits = {
            "name": (
                TENANT_TITLE_MAX_LENGTH,
                env._(
                    "Keep the title to at most %(count)s characters.", count=TENANT_TITLE_MAX_LENGTH
                ),
            ),
            "description": (
                TENANT_DESCRIPTION_MAX_LENGTH,
                env._(
                    "Keep the description to at most %(count)s characters.",
                    count=TENANT_DESCRIPTION_MAX_LENGTH,
                ),
            ),
            "call_between": (
                TENANT_CALL_BETWEEN_MAX_LENGTH,
                env._(
                    "Keep when to call to at most %(count)s characters, e.g. 08-10.",
                    count=TENANT_CALL_BETWEEN_MAX_LENGTH,
                ),
            ),
            "message": (
                TENANT_MESSAGE_MAX_LENGTH,
                env._(
                    "Keep the message to at most %(count)s characters.",
                    count=TENANT_MESSAGE_MAX_LENGTH,
                ),
            ),
            "reason": (
                TENANT_REASON_MAX_LENGTH,
                env._(
                    "Keep the reason to at most %(count)s characters.",
                    count=TENANT_REASON_MAX_LENGTH,
                ),
            ),
        }
        errors = {}
        for key, (limit, too_long) in limits.items():
            text = vals.get(key)
            if not isinstance(text, str):
                continue
            if has_invalid_characters(text):
                errors[key] = env._(
                    "The text holds control characters or broken Unicode (such as NUL); "
                    "remove them."
                )
            elif len(html2plaintext(text) if key in ("description", "message") else text) > limit:
                errors[key] = too_long
        return errors

    @api.model
    def _housing_check_tenant_texts(self, vals):
        """ValidationError with every message of _housing_tenant_text_errors."""
        errors = self._housing_tenant_text_errors(vals)
        if errors:
            raise ValidationError("\n".join(errors.values()))

    @api.model
    def _housing_check_tenant_photos(self, photos):
        """Check the tenant's photos, a list of ``(file name, bytes)``: at most
        TENANT_PHOTO_MAX_COUNT images (JPEG, PNG, GIF, WebP, HEIC, recognised by their
        content) of at most TENANT_PHOTO_MAX_SIZE bytes each. Returns them as
        ``(file name, bytes, mimetype)``; any other file is a ValidationError naming it."""
        if len(photos) > TENANT_PHOTO_MAX_COUNT:
            raise ValidationError(
                self.env._("Attach at most %(count)s photos.", count=TENANT_PHOTO_MAX_COUNT)
            )
        checked = []
        for filename, data in photos:
            filename = (filename or "").strip() or "photo"
            if not data:
                raise ValidationError(self.env._("The file %(file)s is empty.", file=filename))
            if len(data) > TENANT_PHOTO_MAX_SIZE:
                raise ValidationError(
                    self.env._(
                        "The photo %(file)s is too large: at most %(size)s MB per photo.",
                        file=filename,
                        size=TENANT_PHOTO_MAX_SIZE // (1024 * 1024),
                    )
                )
            mimetype = guess_mimetype(data, default="application/octet-stream")
            if mimetype not in TENANT_PHOTO_TYPES:
                raise ValidationError(
                    self.env._(
                        "The file %(file)s is not a photo: use JPEG, PNG, GIF, WebP or HEIC.",
                        file=filename,
                    )
                )
            if _pixels(data) > TENANT_PHOTO_MAX_PIXELS:
                raise ValidationError(
                    self.env._(
                        "The photo %(file)s has too many pixels: at most %(count)s megapixels.",
                        file=filename,
                        count=int(TENANT_PHOTO_MAX_PIXELS // 1_000_000),
                    )
                )
            checked.append((filename, data, mimetype))
        return checked

    def _housing_attach_tenant_photos(self, partner, photos):
        """Attach checked photos (``(file name, bytes, mimetype)``) to the request in a
        message from the tenant, so that staff and the tenant both see them. The mimetype
        is the one found in the content, whatever the file name says."""
        self.ensure_one()
        if not photos:
            return self.env["ir.attachment"]
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": filename,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for filename, data, mimetype in photos
                ]
            )
        )
        message = self.sudo().message_post(
            body=self.env._("Photos of the fault"),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        # Linked here: message_post keeps only a portal user's own composer attachments.
        message.attachment_ids = [Command.set(attachments.ids)]
        return attachments.with_env(self.env)

    @api.model
    def _tenant_domain(self, partner):
        """Domain of the service requests ``partner`` may see (portal and API lists)."""
        return (
            Domain("is_housing", "=", True)
            & Domain("reporter_id", "=", partner.id)
            & Domain("hidden_from_tenant", "=", False)
        )

    def _housing_staff_chatter(self):
        """A service request's chatter is the staff's: tenants and integrations write
        through message_post_tenant."""
        return True

    def _tenant_messages(self):
        """The messages the tenant may see, newest first (sudo): public messages and the
        stage e-mails, never internal notes or tracking, nothing on hidden requests."""
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
        """Post ``body`` from the tenant ``partner`` (record or id; falsy: the current user's
        contact, or the reporter when staff or an integration post) as a message both staff
        and the tenant see. Returns the message."""
        self.ensure_one()
        partner = self._housing_tenant(partner, default=self.reporter_id)
        self._housing_check_reporter(partner)
        if not (body or "").strip():
            raise ValidationError(self.env._("The message is empty."))
        self._housing_check_tenant_texts({"message": body})
        return self.sudo().message_post(
            body=body, author_id=partner.id, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def action_request_close(self, reason, partner=None):
        """The tenant asks staff to close the request (e.g. the fault went away); ``partner``
        as for message_post_tenant."""
        self.ensure_one()
        partner = self._housing_tenant(partner, default=self.reporter_id)
        self._housing_check_reporter(partner)
        if self.stage_id.done:
            raise UserError(self.env._("This service request is already closed."))
        if self.close_requested:
            raise UserError(self.env._("You have already asked to close this request."))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Say why the request can be closed."))
        self._housing_check_tenant_texts({"reason": reason})
        self.sudo().write({"close_requested": True, "close_request_reason": reason})
        self.sudo().message_post(
            body=self.env._("The tenant asks to close the request: %(reason)s", reason=reason),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True


def _pixels(data):
    """Width x height of the image in ``data`` from its header (nothing is decoded), 0
    when Pillow cannot read it (HEIC: Odoo does not decode those either)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return float("inf")
    except (OSError, ValueError):
        return 0
    return width * height

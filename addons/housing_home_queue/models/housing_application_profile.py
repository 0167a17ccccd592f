import dataclasses
import datetime
import functools

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.housing_base.tools.dates import record_argument
from odoo.addons.housing_letting.tools.dates import STOCKHOLM, stockholm_date

from ..tools import housing_rules as rules

STAFF_GROUP = "housing_base.group_housing_user"
QUEUE_TYPE = "housing"
STAFF_READERS = "housing_base.group_housing_user,housing_base.group_housing_integration"
# What the applicant writes (Mimer's client save): the household, the living situation,
# the landlord and how to reach the reference, and the stated income.
CLIENT_FIELDS = (
    *rules.PROFILE_FIELDS,
    "reference_phone",
    "reference_email",
    "monthly_income",
)
# What staff write besides: the review of the reference.
REVIEW_FIELDS = (*rules.REVIEW_FIELDS, "reference_comment")
# Set by the rules on each save, by nobody directly.
RULE_DATE_FIELDS = (
    "last_updated_at",
    "expires_at",
    "reference_reviewed_at",
    "reference_reviewed_by_id",
)
# What the rules read of a profile: rules.Profile's fields, in its order.
RULE_PROFILE_FIELDS = tuple(field.name for field in dataclasses.fields(rules.Profile))
REFERENCE_EXPIRES_AT = RULE_PROFILE_FIELDS.index("reference_expires_at")
HOUSING_TYPES = [
    ("LIVES_WITH_FAMILY", "Lives with family"),
    ("LODGER", "Lodger"),
    ("RENTAL", "Rental (first-hand lease)"),
    ("SUB_RENTAL", "Sublet (second-hand lease)"),
    ("OWNS_HOUSE", "Owns a house"),
    ("OWNS_FLAT", "Owns a flat (bostadsrätt)"),
    ("OWNS_ROW_HOUSE", "Owns a row house"),
    ("OTHER", "Other"),
]
REFERENCE_STATUSES = [
    (rules.PENDING, "Pending"),
    (rules.APPROVED, "Approved"),
    (rules.REJECTED, "Not approved"),
    (rules.CONTACTED_UNREACHABLE, "Contacted, no answer"),
    (rules.REFERENCE_NOT_REQUIRED, "Reference not required"),
]
REJECTION_REASONS = [
    ("DEBT_TO_LANDLORD", "Debt to the landlord"),
    ("DISTURBANCE", "Disturbances"),
    ("LATE_RENT_PAYMENT", "Late rent payments"),
    ("MISMANAGEMENT", "Neglect of the home"),
]
# Living situations that ask for the landlord (Mimer's conditional form).
WITH_LANDLORD = ("RENTAL", "SUB_RENTAL")


# A ranking converts tens of thousands of reference dates, mostly the same days.
@functools.lru_cache(maxsize=1024)
def end_of_day(day):
    """Naive UTC datetime of the last moment of the Stockholm ``day``."""
    local = datetime.datetime.combine(day, datetime.time.max, tzinfo=STOCKHOLM)
    return local.astimezone(datetime.UTC).replace(tzinfo=None)


class HousingApplicationProfile(models.Model):
    """A contact's application profile (ansökningsprofil) for the housing queue, with the
    reference from their current landlord (boendereferens): one per contact.

    The applicant keeps it up to date: it is valid six months after they last saved it
    (Mimer's keep-alive). Staff review the reference (approved, or not approved with a
    reason and the date until which that stands). The applicant writes only their own
    fields (CLIENT_FIELDS); the review and the dates are the rules' (tools/housing_rules)
    and the staff's, whatever path the write takes (form, portal, JSON-2)."""

    _name = "housing.application.profile"
    _inherit = ["mail.thread"]
    _description = "Application profile"
    _order = "expires_at desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    customer_number = fields.Char(related="partner_id.customer_number")
    num_adults = fields.Integer(string="Adults", default=1, required=True, tracking=True)
    num_children = fields.Integer(string="Children", default=0, required=True, tracking=True)
    num_persons = fields.Integer(
        string="Persons", compute="_compute_num_persons", help="Adults and children."
    )
    housing_type = fields.Selection(HOUSING_TYPES, string="Current living situation", tracking=True)
    housing_type_description = fields.Char(
        string="Living situation (other)", help="Asked when the living situation is Other."
    )
    landlord = fields.Char(
        string="Current landlord", tracking=True, help="Asked for a first- or second-hand lease."
    )
    monthly_income = fields.Monetary(
        string="Monthly income",
        currency_field="currency_id",
        help="Stated by the applicant, before tax; checked only when the housing queue "
        "rules ask for an income (a multiple of the rent).",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    last_updated_at = fields.Datetime(
        string="Last saved by the applicant", readonly=True, copy=False
    )
    expires_at = fields.Datetime(
        string="Valid until",
        readonly=True,
        copy=False,
        index=True,
        help="Six months after the applicant (or staff changing the household or living "
        "situation) last saved the profile. An expired profile cannot apply for homes.",
    )
    is_valid = fields.Boolean(string="Valid", compute="_compute_is_valid")
    # The reference from the current landlord (boendereferens).
    reference_phone = fields.Char(string="Reference phone")
    reference_email = fields.Char(string="Reference e-mail")
    reference_status = fields.Selection(
        REFERENCE_STATUSES,
        string="Reference",
        default=rules.PENDING,
        required=True,
        index=True,
        tracking=True,
    )
    reference_reason_rejected = fields.Selection(
        REJECTION_REASONS, string="Reason not approved", tracking=True
    )
    reference_comment = fields.Text(
        string="Reference note", groups=STAFF_GROUP, help="For staff only."
    )
    reference_reviewed_at = fields.Datetime(string="Reviewed on", readonly=True, copy=False)
    reference_reviewed_by_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False, groups=STAFF_READERS
    )
    reference_expires_at = fields.Date(
        string="Reference until",
        tracking=True,
        copy=False,
        help="A reference not approved stands until this day (a quarantine staff choose); "
        "another review is valid six months.",
    )

    _partner_unique = models.Constraint(
        "UNIQUE(partner_id)", "The contact already has an application profile."
    )
    _household_positive = models.Constraint(
        "CHECK(num_adults >= 1 AND num_children >= 0)",
        "A household has at least one adult, and no negative number of children.",
    )

    @api.depends("num_adults", "num_children")
    def _compute_num_persons(self):
        for profile in self:
            profile.num_persons = profile.num_adults + profile.num_children

    @api.depends("expires_at")
    def _compute_is_valid(self):
        now = fields.Datetime.now()
        for profile in self:
            profile.is_valid = bool(profile.expires_at and profile.expires_at >= now)

    @api.constrains("housing_type", "landlord", "housing_type_description")
    def _check_housing_type_fields(self):
        for profile in self:
            if profile.housing_type in WITH_LANDLORD and not (profile.landlord or "").strip():
                raise ValidationError(
                    self.env._("Give the current landlord of a first- or second-hand lease.")
                )
            if (
                profile.housing_type == "OTHER"
                and not (profile.housing_type_description or "").strip()
            ):
                raise ValidationError(self.env._("Describe the current living situation."))

    @api.constrains("reference_status", "reference_reason_rejected")
    def _check_rejection_reason(self):
        for profile in self:
            if profile.reference_status == rules.REJECTED and not profile.reference_reason_rejected:
                raise ValidationError(
                    self.env._("Give the reason why the reference is not approved.")
                )

    # ------------------------------------------------------------------ the rules' view
    def _rule_profile(self):
        """The profile as tools/housing_rules sees it (rules.Profile)."""
        self.ensure_one()
        profile = self.sudo()
        return self._as_rule_profile(
            [None if profile[name] is False else profile[name] for name in RULE_PROFILE_FIELDS]
        )

    @staticmethod
    def _as_rule_profile(values):
        """rules.Profile of the ``values`` of RULE_PROFILE_FIELDS in their order (None:
        empty), e.g. a row a ranking reads in SQL: the reference's day as its last
        moment."""
        values = list(values)
        day = values[REFERENCE_EXPIRES_AT]
        values[REFERENCE_EXPIRES_AT] = day and end_of_day(day)
        return rules.Profile(*values)

    @staticmethod
    def _rule_values(vals):
        """``vals`` as tools/housing_rules takes them (empty values as None, the
        reference's day as its last moment)."""
        values = {
            name: vals[name] or None
            for name in (*rules.PROFILE_FIELDS, *rules.REVIEW_FIELDS)
            if name in vals
        }
        for name in ("num_adults", "num_children"):
            if name in vals:
                values[name] = vals[name] or 0
        if values.get("reference_expires_at"):
            values["reference_expires_at"] = end_of_day(
                fields.Date.to_date(values["reference_expires_at"])
            )
        return values

    def _dates_of(self, stored, saved):
        """The fields to write for the dates of rules.Profile ``saved`` that differ from
        those of ``stored`` (None: a new profile)."""
        vals = {}
        for name in ("last_updated_at", "expires_at", "reference_reviewed_at"):
            if stored is None or getattr(saved, name) != getattr(stored, name):
                vals[name] = getattr(saved, name) or False
        if stored is None or saved.reference_expires_at != stored.reference_expires_at:
            until = saved.reference_expires_at
            vals["reference_expires_at"] = until and stockholm_date(until)
        if saved.reference_reviewed_at and (
            stored is None or saved.reference_reviewed_at != stored.reference_reviewed_at
        ):
            vals["reference_reviewed_by_id"] = self.env.uid
        return vals

    def _is_staff(self):
        return self.env.su or self.env.user.has_group(STAFF_GROUP)

    def _by_applicant(self):
        """Whether this save is the applicant's (their own, or an integration's or staff's
        on their behalf through save_application_profile), else staff's."""
        return self.env.context.get("housing_profile_by_applicant") or not self._is_staff()

    def _check_writable(self, vals, creating=False):
        """Refuse fields the acting user may not write: the rules' dates (everybody but
        the superuser), the review and whose profile it is (everybody but staff; the
        applicant names themselves when creating it, which the record rules check)."""
        if self.env.su:
            return
        allowed = set(CLIENT_FIELDS)
        if creating:
            allowed |= {"partner_id", "currency_id"}
        if not self._by_applicant():
            allowed |= {*REVIEW_FIELDS, "partner_id", "currency_id"}
        self._refuse_fields(set(vals) - allowed)

    def _refuse_fields(self, refused):
        if refused:
            labels = sorted(
                self._fields[name]._description_string(self.env) if name in self._fields else name
                for name in refused
            )
            raise AccessError(
                self.env._(
                    "You cannot change these fields of an application profile: %(fields)s.",
                    fields=", ".join(labels),
                )
            )

    def _with_dates(self, vals, dates):
        """``vals`` with the rules' ``dates``; what the superuser gives is kept (data,
        retention; others cannot give the rules' dates, see _check_writable)."""
        merged = dict(vals)
        for name, value in dates.items():
            if not (self.env.su and name in vals):
                merged[name] = value
        return merged

    @api.model_create_multi
    def create(self, vals_list):
        """A profile saved by its applicant is valid six months and waits for the review
        of its reference; one made by staff takes its dates from staff's review (Mimer)."""
        now = fields.Datetime.now()
        staff = not self._by_applicant()
        new_vals_list = []
        for vals in vals_list:
            self._check_writable(vals, creating=True)
            values = self._rule_values(vals)
            if staff:
                saved = rules.save_by_staff(None, values, now)
            else:
                saved = rules.save_by_applicant(None, values, now)
            new_vals_list.append(
                self._with_dates(
                    {**vals, "reference_status": saved.reference_status},
                    self._dates_of(None, saved),
                )
            )
        return super().create(new_vals_list)

    def write(self, vals):
        """Every save by the applicant keeps the profile valid six more months; staff's
        saves follow Mimer's internal portal (tools/housing_rules.save_by_staff)."""
        self._check_writable(vals)
        if not set(vals) & set(CLIENT_FIELDS + REVIEW_FIELDS):
            return super().write(vals)
        now = fields.Datetime.now()
        staff = not self._by_applicant()
        values = self._rule_values(vals)
        for profile in self:
            stored = profile._rule_profile()
            if staff:
                saved = rules.save_by_staff(stored, values, now)
            else:
                saved = rules.save_by_applicant(stored, values, now)
            super(HousingApplicationProfile, profile).write(
                self._with_dates(vals, profile._dates_of(stored, saved))
            )
        return True

    @api.model
    def save_application_profile(self, partner, vals):
        """For the portal and JSON-2: ``partner`` (a record or an id) saves their profile
        with ``vals`` (only CLIENT_FIELDS: household, living situation, landlord,
        reference phone and e-mail, income), creating it on the first save: valid six
        months from now, the reference as staff left it (PENDING on a new profile).
        Applicants act for themselves only; staff and integrations for any contact. It
        confirms the contact's housing queue place too. Returns the profile."""
        partner = record_argument(self.env["res.partner"], partner, "partner")
        self.env["housing.application"]._check_acting_for(partner)
        self._refuse_fields(set(vals) - set(CLIENT_FIELDS))
        Profile = self.sudo().with_context(housing_profile_by_applicant=True)
        profile = Profile.search([("partner_id", "=", partner.id)], limit=1)
        if profile:
            profile.write(vals)
        else:
            profile = Profile._create_first({**vals, "partner_id": partner.id})
        # Who may not read the profile (a protected contact's, without the privilege) may
        # not save it either, nor read it back from the answer.
        profile.with_env(self.env).check_access("read")
        # Saving the profile shows the applicant is still looking: it keeps their housing
        # queue place (keep-alive) too.
        self.env["housing.queue.membership"]._confirm(partner, QUEUE_TYPE)
        return profile.with_env(self.env)

    @api.model
    def _create_first(self, vals):
        """Create the profile of ``vals``; when the same contact's first save was committed
        a moment ago by a concurrent request (invisible to this transaction), refuse with a
        clear message instead of a database error."""
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return self.create(vals)
        except psycopg2.errors.UniqueViolation as error:
            if error.diag.constraint_name != self._partner_unique.full_name(self):
                raise
            raise UserError(
                self.env._(
                    "The application profile was saved from elsewhere at the same moment. "
                    "Open it again and save your changes."
                )
            ) from None

    # ------------------------------------------------------------------ retention
    def _erase_reference(self):
        """Retention: forget the review of these references (a rejection whose end date
        is long past), with its trail in the chatter; they wait for a review again."""
        self = self.sudo()
        names = [*REVIEW_FIELDS, "reference_phone", "reference_email", *RULE_DATE_FIELDS[2:]]
        self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", self._name),
                ("mail_message_id.res_id", "in", self.ids),
                ("field_id.name", "in", names),
            ]
        ).unlink()
        self.with_context(tracking_disable=True).write(
            {**dict.fromkeys(names, False), "reference_status": rules.PENDING}
        )

    # ------------------------------------------------------------------ review
    def _review(self, status, **vals):
        if not self._is_staff():
            raise AccessError(self.env._("Only housing staff review references."))
        self.write({"reference_status": status, **vals})
        return True

    def action_reference_approve(self):
        return self._review(rules.APPROVED, reference_reason_rejected=False)

    def action_reference_unreachable(self):
        return self._review(rules.CONTACTED_UNREACHABLE, reference_reason_rejected=False)

    def action_reference_not_required(self):
        return self._review(rules.REFERENCE_NOT_REQUIRED, reference_reason_rejected=False)

    def action_reference_reject(self):
        """Open the form asking the reason and until when the rejection stands."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reference not approved"),
            "res_model": "housing.reference.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_profile_id": self.id},
        }

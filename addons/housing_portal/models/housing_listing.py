import re

from odoo import api, models
from odoo.fields import Domain

from odoo.addons.housing_letting.tools.dates import queue_points, stockholm_date

# A rent as a tenant types it: "6500", "6 500", "6500,50" or "6500.50" (kronor).
RENT_PATTERN = re.compile(r"\d+(?:[.,]\d{1,2})?")


class HousingListing(models.Model):
    _inherit = "housing.listing"

    def _portal_applicant_counts(self):
        """{listing id: number of applicants still in the running (active or offered)} of
        these listings, which the user may read: a tenant sees how many compete for a
        listing, never who (record rules show them only their own applications, so the
        count reads in sudo, once for all the listings)."""
        self.check_access("read")
        counts = (
            self.env["housing.application"]
            .sudo()
            ._read_group(
                [("listing_id", "in", self.ids), ("state", "in", ("active", "offered"))],
                ["listing_id"],
                ["__count"],
            )
        )
        return {listing.id: count for listing, count in counts}

    @api.model
    def _portal_filter_options(self, category):
        """The residential areas and room types of the published listings of ``category``
        that the user may read, to filter them by: (areas sorted by name, room codes)."""
        listings = self.search([("category", "=", category), ("state", "=", "published")])
        # Tenants do not read the property register: sudo reads the names of what they found.
        listings = listings.sudo()
        areas = listings.residential_area_id.sorted(lambda area: area.name or area.code or "")
        codes = sorted(
            {code.strip().upper() for code in listings.rental_object_id.mapped("room_code") if code}
        )
        return areas, codes

    @api.model
    def _portal_filter_domain(self, category, area=None, rooms=None, max_rent=None):
        """The published listings of ``category`` a tenant looks for on My pages, from the
        filter as they sent it (GET parameters, so any text): a residential area (id),
        a room type (e.g. 2RK) and the highest rent per month. Returns (domain, filters,
        errors): ``filters`` holds the values used (for the form and the pager's links),
        ``errors`` a message for each value that was not a choice or a number, which is
        then left out of the filter."""
        env = self.env
        domain = Domain("category", "=", category) & Domain("state", "=", "published")
        # What is let is read in sudo (tenants do not read the register), as a subquery of
        # the rental objects that match: the listings are still searched as the user.
        objects = []
        filters, errors = {}, []
        areas, codes = self._portal_filter_options(category)
        area = (area or "").strip()
        if area:
            if area.isascii() and area.isdigit() and int(area) in areas.ids:
                domain &= Domain("residential_area_id", "=", int(area))
                filters["area"] = area
            else:
                errors.append(
                    env._("Choose an area from the list: the listings of every area are shown.")
                )
        rooms = (rooms or "").strip().upper()
        if rooms:
            if rooms in codes:
                objects.append(("room_code", "=ilike", rooms))
                filters["rooms"] = rooms
            else:
                errors.append(env._("Choose a room type from the list: every room type is shown."))
        rent = re.sub(r"\s", "", max_rent or "")
        if rent:
            if RENT_PATTERN.fullmatch(rent):
                objects.append(("base_rent", "<=", float(rent.replace(",", "."))))
                filters["max_rent"] = rent
            else:
                errors.append(
                    env._(
                        "The highest rent must be a number of kronor, such as 6500: "
                        "listings of every rent are shown."
                    )
                )
        if objects:
            domain &= Domain(
                "rental_object_id", "in", env["housing.rental.object"].sudo()._search(objects)
            )
        return domain, filters, errors

    def _portal_letting_result(self):
        """What an applicant may read of who got this listing once it is let: the queue
        start date and the queue points of the winner on the day of their offer, never who
        (the winner's application and offer stay out of the applicants' reach: record rules;
        this reads them in sudo and returns only those two values). False while the
        listing is not let; for a first-come listing, whose winner was the first eligible
        applicant, {'first_come': True}."""
        self.ensure_one()
        self.check_access("read")
        listing = self.sudo()
        if listing.state != "assigned":
            return False
        if listing.rule != "scored":
            return {"first_come": True}
        offer = listing.offer_ids.filtered(lambda offer: offer.state == "accepted")[:1]
        start = offer.application_id.queue_start_date
        points = offer.ranking_queue_points or (
            queue_points(start, stockholm_date(offer.sent_at)) if start and offer else None
        )
        return {"first_come": False, "queue_start_date": start or False, "queue_points": points}

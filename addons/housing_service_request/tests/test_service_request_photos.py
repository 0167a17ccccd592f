import base64
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import HousingServiceRequestCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
MODULE = "odoo.addons.housing_service_request.models.maintenance_request"


@tagged("post_install", "-at_install", "housing_service_request")
class TestServiceRequestPhotos(HousingServiceRequestCase):
    def vals(self):
        return {"name": "Kranen läcker", "rental_object_code": self.residence.code}

    def counts(self):
        return (
            self.Request.search_count([]),
            self.env["ir.attachment"].search_count([("res_model", "=", "maintenance.request")]),
        )

    def test_photos_are_attached_and_posted_for_the_tenant(self):
        request = self.Request.with_user(self.tenant_user).create_from_tenant(
            None, self.vals(), photos=[("kran.png", PNG), ("", PNG)]
        )
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "maintenance.request"), ("res_id", "=", request.id)]
        )
        self.assertEqual(sorted(photos.mapped("name")), ["kran.png", "photo"])
        self.assertEqual(set(photos.mapped("mimetype")), {"image/png"})
        message = request.sudo()._tenant_messages().filtered("attachment_ids")
        self.assertEqual(message.attachment_ids, photos)
        self.assertEqual(message.author_id, self.tenant)

    def test_bad_photos_are_refused_and_nothing_is_saved(self):
        before = self.counts()
        cases = [
            ([("virus.exe", b"MZ\x90\x00binary")], "virus.exe is not a photo"),
            ([("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")], "not a photo"),
            ([("tom.png", b"")], "tom.png is empty"),
            ([(f"{n}.png", PNG) for n in range(6)], "at most 5 photos"),
        ]
        for photos, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message):
                self.Request.create_from_tenant(self.tenant, self.vals(), photos=photos)
        with (
            patch(f"{MODULE}.TENANT_PHOTO_MAX_SIZE", len(PNG) - 1),
            self.assertRaisesRegex(ValidationError, "kran.png is too large"),
        ):
            self.Request.create_from_tenant(self.tenant, self.vals(), photos=[("kran.png", PNG)])
        self.assertEqual(self.counts(), before)

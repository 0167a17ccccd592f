from psycopg2 import IntegrityError
from stdnum import luhn

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HousingBaseCase


def samordningsnummer(birth="811218", serial="987"):
    """A valid samordningsnummer: day of birth + 60, with its check digit."""
    digits = birth[:4] + f"{int(birth[4:6]) + 60:02d}" + serial
    return "19" + digits[:6] + "-" + digits[6:] + luhn.calc_check_digit(digits)


@tagged("housing_base")
class TestPartnerValidation(HousingBaseCase):
    def test_customer_number_from_sequence(self):
        other = self.Partner.create({"name": "Bengt", "is_housing_contact": True})
        self.assertRegex(self.tenant.customer_number, r"^P\d{6}$")
        self.assertRegex(other.customer_number, r"^P\d{6}$")
        self.assertNotEqual(self.tenant.customer_number, other.customer_number)
        plain = self.Partner.create({"name": "Leverantör"})
        self.assertFalse(plain.customer_number)
        plain.is_housing_contact = True
        self.assertRegex(plain.customer_number, r"^P\d{6}$")

    def test_personal_number_normalised(self):
        self.assertEqual(self.tenant.personal_number, "19811218-9876")
        partner = self.Partner.create(
            {"name": "Tio siffror", "personal_number": "811218 9876"[:0] + "9001010017"}
        )
        self.assertEqual(partner.personal_number, "19900101-0017")

    def test_samordningsnummer_accepted(self):
        number = samordningsnummer()
        partner = self.Partner.create({"name": "Ny i Sverige", "personal_number": number})
        self.assertEqual(partner.personal_number, number)

    def test_invalid_checksum_rejected_nothing_saved(self):
        count = self.Partner.search_count([])
        with self.assertRaisesRegex(ValidationError, "check digit is wrong"):
            self.Partner.create({"name": "Fel", "personal_number": "19811218-9875"})
        self.assertEqual(self.Partner.search_count([]), count)
        with self.assertRaisesRegex(ValidationError, "date of birth does not exist"):
            self.tenant.write({"personal_number": "19811318-9876"})
        with self.assertRaisesRegex(ValidationError, "YYYYMMDD-NNNN"):
            self.tenant.write({"personal_number": "abc"})
        self.assertEqual(self.tenant.personal_number, "19811218-9876")

    def test_organisation_number(self):
        company = self.Partner.create(
            {"name": "Bygg AB", "is_company": True, "organisation_number": "5560360793"}
        )
        self.assertEqual(company.organisation_number, "556036-0793")
        with self.assertRaisesRegex(ValidationError, "not a valid Swedish organisation number"):
            self.Partner.create(
                {"name": "Fel AB", "is_company": True, "organisation_number": "556036-0794"}
            )
        with self.assertRaisesRegex(ValidationError, "Only companies"):
            self.Partner.create({"name": "Person", "organisation_number": "212000-1355"})
        with self.assertRaisesRegex(ValidationError, "A company has an organisation number"):
            self.Partner.create(
                {"name": "AB", "is_company": True, "personal_number": "19900101-0017"}
            )

    def test_phone_normalised_to_e164(self):
        self.assertEqual(self.tenant.phone, "+46701234567")
        self.tenant.phone = "021-10 20 30"
        self.assertEqual(self.tenant.phone, "+4621102030")
        norway = self.env.ref("base.no")
        self.tenant.write({"country_id": norway.id, "phone": "22 33 44 55"})
        self.assertEqual(self.tenant.phone, "+4722334455")

    def test_bad_phone_rejected_for_housing_contact_only(self):
        with self.assertRaisesRegex(ValidationError, "not a valid phone number"):
            self.tenant.write({"phone": "12"})
        self.assertEqual(self.tenant.phone, "+46701234567")
        supplier = self.Partner.create({"name": "Leverantör", "phone": "ring växeln"})
        self.assertEqual(supplier.phone, "ring växeln")

    @mute_logger("odoo.sql_db")
    def test_personal_number_unique_among_active(self):
        """The error names the contact who has the number, so staff can open it."""
        with self.assertRaises(ValidationError) as caught:
            self.Partner.with_user(self.housing_user).create(
                {"name": "Dubblett", "personal_number": "8112189876"}
            )
        self.assertEqual(
            str(caught.exception),
            f"19811218-9876 already belongs to Anna Andersson ({self.tenant.customer_number}).",
        )
        self.tenant.active = False
        twin = self.Partner.create({"name": "Ny post", "personal_number": "19811218-9876"})
        self.assertTrue(twin.active)

    @mute_logger("odoo.sql_db")
    def test_personal_number_unique_in_database(self):
        """The partial unique index holds even when the Python check is bypassed."""
        other = self.Partner.create({"name": "Annan", "personal_number": "19900101-0017"})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE res_partner SET personal_number = %s WHERE id = %s",
                ("19811218-9876", other.id),
            )

    def test_trustee(self):
        trustee = self.Partner.create({"name": "God man", "is_housing_contact": True})
        self.tenant.trustee_id = trustee
        self.assertEqual(self.tenant.trustee_id, trustee)
        with self.assertRaisesRegex(ValidationError, "own trustee"):
            trustee.trustee_id = trustee

    def test_form_shows_customer_number_after_save(self):
        with Form(self.Partner.with_context(default_is_housing_contact=True)) as form:
            form.name = "Formulärkund"
            form.personal_number = "199001010017"
        self.assertEqual(form.record.personal_number, "19900101-0017")
        self.assertRegex(form.record.customer_number, r"^P\d{6}$")


@tagged("housing_base")
class TestPartnerSearch(HousingBaseCase):
    """Staff find a contact by customer number, personnummer or phone in any usual form,
    from the default search and from many2one fields."""

    def find(self, value, user=None):
        Partner = self.Partner.with_user(user or self.housing_user)
        return Partner.search([("housing_identity_search", "ilike", value)])

    def test_personal_number_in_every_form(self):
        for value in ("198112189876", "8112189876", "19811218-9876", "811218-9876"):
            self.assertEqual(self.find(value), self.tenant, value)
        self.assertFalse(self.find("19811218-9875"))

    def test_phone_in_every_form(self):
        for value in ("070-123 45 67", "0701234567", "+46 70 123 45 67", "+46701234567"):
            self.assertEqual(self.find(value), self.tenant, value)

    def test_customer_number(self):
        self.assertEqual(self.find(self.tenant.customer_number.lower()), self.tenant)

    def test_default_search_and_name_search(self):
        view_domain = [
            "|",
            ("display_name", "ilike", "8112189876"),
            ("housing_identity_search", "ilike", "8112189876"),
        ]
        Partner = self.Partner.with_user(self.housing_user)
        self.assertEqual(Partner.search(view_domain), self.tenant)
        found = Partner.name_search("070-123 45 67")
        self.assertEqual([row[0] for row in found], self.tenant.ids)

    def test_others_cannot_search_identity_numbers(self):
        """A user without access to identity numbers finds by customer number only, and
        the search is no oracle of a number they may not read."""
        self.assertFalse(self.find("8112189876", self.internal_user))
        self.assertEqual(self.find(self.tenant.customer_number, self.internal_user), self.tenant)

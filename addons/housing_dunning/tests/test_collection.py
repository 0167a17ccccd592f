import base64
import csv
import io
from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import HousingDunningCase

JULY = date(2026, 7, 1)
TODAY = "odoo.addons.housing_dunning.wizard.housing_collection_wizard.stockholm_today"


@tagged("housing_dunning", "post_install", "-at_install")
class TestCollection(HousingDunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency = cls.env["res.partner"].create({"name": "Inkasso Nord AB", "is_company": True})
        cls.tenant.write(
            {
                "personal_number": "19811218-9876",
                "street": "Testgatan 1",
                "zip": "722 11",
                "city": "Västerås",
            }
        )
        cls.protector = new_test_user(
            cls.env,
            "dun_protector",
            groups="housing_base.group_housing_manager,housing_base.group_housing_protected_identity",
        )

    def send(self, moves, day, user=None):
        wizard = (
            self.env["housing.collection.wizard"]
            .with_user(user or self.lease_manager)
            .create({"move_ids": [(6, 0, moves.ids)], "agency_id": self.agency.id, "date": day})
        )
        with patch(TODAY, return_value=day):
            wizard.action_send()
        text = base64.b64decode(wizard.export_file).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text), delimiter=";"))

    def test_export_has_what_the_agency_needs(self):
        avi = self.avi(self.tenant, JULY)
        self.run_dunning(date(2026, 7, 8), avi)
        self.pay(avi, date(2026, 7, 10), 2000)
        [row] = self.send(avi, date(2026, 8, 3))
        self.assertEqual(row["Gäldenär"], "Anna Andersson")
        self.assertEqual(row["Person- eller organisationsnummer"], "19811218-9876")
        self.assertEqual(
            (row["Adress"], row["Postnummer"], row["Ort"]), ("Testgatan 1", "722 11", "Västerås")
        )
        self.assertEqual(row["Fakturanummer"], avi.name)
        self.assertEqual(row["OCR-nummer"], avi.payment_reference)
        self.assertEqual(row["Förfallodag"], "2026-06-30")
        self.assertEqual(row["Belopp"], "6200,00")
        self.assertEqual(row["Obetalt"], "4200,00")
        # 10 days on 6 200 kr, then 24 on 4 200 kr, at 10 %.
        interest = round((6200 * 10 + 4200 * 24) * 0.10 / 365, 2)
        self.assertEqual(row["Dröjsmålsränta"], f"{interest:.2f}".replace(".", ","))
        self.assertEqual(row["Räntesats (%)"], "10,00")
        self.assertEqual(row["Avgifter"], "60,00")
        self.assertEqual(avi.housing_collection_date, date(2026, 8, 3))
        self.assertEqual(avi.housing_collection_agency_id, self.agency)
        self.assertEqual(self.tenant.housing_collection_date, date(2026, 8, 3))
        self.assertIn("inkasso", self.messages(self.tenant)[0])
        # No more reminders once at the agency, and not sent twice.
        self.final.days_after_due = 30
        self.assertFalse(self.run_dunning(date(2026, 8, 4), avi)[0])
        with self.assertRaisesRegex(UserError, "already"):
            self.send(avi, date(2026, 8, 4))

    def test_company_debtor_has_its_organisation_number(self):
        self.shop.organisation_number = "556016-0680"
        avi = self.avi(self.shop, JULY)
        [row] = self.send(avi, date(2026, 7, 8))
        self.assertEqual(row["Gäldenär"], "Bageriet AB")
        self.assertEqual(row["Person- eller organisationsnummer"], "556016-0680")
        self.assertEqual(row["Belopp"], "12000,00")
        self.assertEqual(row["Avgifter"], "0,00")

    def test_only_overdue_rent_avier(self):
        avi = self.avi(self.tenant, JULY)
        with self.assertRaisesRegex(UserError, "not overdue"):
            self.send(avi, date(2026, 6, 30))
        self.pay(avi, date(2026, 7, 1))
        with self.assertRaisesRegex(UserError, "not overdue"):
            self.send(avi, date(2026, 7, 8))
        self.assertFalse(avi.housing_collection_date)

    def test_protected_identity_only_with_the_privilege(self):
        avi = self.avi(self.tenant, JULY)
        self.tenant.with_user(self.protector).housing_protect_identity(
            "Skatteverkets beslut", {"street": "Box 123", "zip": "721 00", "city": "Västerås"}
        )
        # Without the privilege: the special postal address, no identity number.
        [row] = self.send(avi, date(2026, 8, 3))
        self.assertEqual(row["Person- eller organisationsnummer"], "")
        self.assertEqual(row["Adress"], "Box 123")
        self.assertNotIn("Testgatan", str(row))
        # With it: the identity number from the protected register, still never the address.
        avi.housing_collection_date = False
        [row] = self.send(avi, date(2026, 8, 3), user=self.protector)
        self.assertEqual(row["Person- eller organisationsnummer"], "19811218-9876")
        self.assertEqual(row["Adress"], "Box 123")
        # What was logged on the contact and the lease names no identity number or address.
        for record in (self.tenant, self.residence_lease):
            logged = " ".join(self.messages(record))
            self.assertNotIn("19811218", logged)
            self.assertNotIn("722 11", logged)
        log = self.env["housing.protected.identity.log"].search(
            [("partner_id", "=", self.tenant.id), ("user_id", "=", self.protector.id)]
        )
        self.assertIn("personal_number", " ".join(log.mapped("field_names")))

    def test_only_managers_send(self):
        avi = self.avi(self.tenant, JULY)
        with self.assertRaises(AccessError):
            self.send(avi, date(2026, 8, 3), user=self.lease_user)
        self.assertFalse(avi.housing_collection_date)

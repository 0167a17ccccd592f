from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .common import HousingBaseCase

SECRETS = ("19900101-0017", "199001010017", "Hemliga", "72215", "722 15", "0701112233",
           "701112233", "skyddad@example", "Gömstället")  # fmt: skip


@tagged("housing_base")
class TestProtectedIdentity(HousingBaseCase):
    """Skyddad identitet: the real details of a protected contact are in the protected
    register; no path of the ORM gives them to anyone without the privilege."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.privileged = new_test_user(
            cls.env,
            "housing_protected",
            groups="housing_base.group_housing_protected_identity,base.group_allow_export",
            name="Handläggare skyddade",
        )
        cls.housing_user.group_ids += cls.env.ref("base.group_allow_export")
        cls.dpo = new_test_user(
            cls.env,
            "housing_dpo",
            groups="housing_base.group_housing_data_protection_officer",
            name="Dataskyddsombud",
        )
        cls.protected = cls.Partner.create(
            {
                "name": "Skyddad Person",
                "is_housing_contact": True,
                "personal_number": "19900101-0017",
                "street": "Hemliga gatan 1",
                "zip": "722 15",
                "city": "Västerås",
                "country_id": cls.env.ref("base.se").id,
                "phone": "0701112233",
                "email": "skyddad@example.se",
            }
        )
        # History that held the real values before the protection: a move tracked in the
        # chatter, a message she wrote by e-mail.
        cls.protected.with_user(cls.housing_user).write({"street2": "Gömstället 3"})
        cls.protected.message_post(
            body="Jag har flyttat.",
            author_id=cls.protected.id,
            email_from="Skyddad Person <skyddad@example.se>",
            message_type="email",
        )
        cls.protected.with_user(cls.privileged).housing_protect_identity(
            "Beslut från Skatteverket",
            {"street": "Särskild postadress", "zip": "106 61", "city": "Stockholm"},
        )

    def assertNoSecret(self, value, where):
        text = str(value)
        for secret in SECRETS:
            self.assertNotIn(secret, text, f"{secret!r} leaked through {where}")

    # ------------------------------------------------------------------ the contact itself
    def test_contact_holds_only_the_special_address(self):
        for user in (self.housing_user, self.housing_manager, self.integration_user):
            values = self.protected.with_user(user).read(
                ["street", "street2", "zip", "city", "personal_number", "phone", "email"]
            )[0]
            self.assertEqual(values["street"], "Särskild postadress")
            self.assertEqual(values["city"], "Stockholm")
            self.assertFalse(values["street2"])
            self.assertFalse(values["personal_number"])
            self.assertFalse(values["phone"])
            self.assertFalse(values["email"])
            self.assertTrue(self.protected.with_user(user).protected_identity)

    def test_derived_fields_hold_nothing(self):
        derived = [
            "email_formatted",
            "email_normalized",
            "phone_sanitized",
            "contact_address",
            "contact_address_inline",
        ]
        # phone_sanitized comes with phone_validation (sms, crm...) when it is installed.
        derived = [fname for fname in derived if fname in self.Partner._fields]
        for user in (self.housing_user, self.housing_manager, self.integration_user):
            partner = self.protected.with_user(user)
            self.assertNoSecret(partner.read(derived), f"read as {user.login}")
            self.assertNoSecret(
                partner.web_read({fname: {} for fname in derived}), f"web_read as {user.login}"
            )
            self.assertNoSecret(
                partner.search_read([("id", "=", partner.id)], derived),
                f"search_read as {user.login}",
            )

    def test_group_by_reveals_nothing(self):
        Partner = self.Partner.with_user(self.housing_user)
        for groupby in ("street", "street2", "zip", "phone", "email", "personal_number"):
            groups = Partner.formatted_read_group([("is_housing_contact", "=", True)], [groupby])
            self.assertNoSecret(groups, f"formatted_read_group by {groupby}")
            self.assertNoSecret(
                Partner._read_group([], [groupby], ["__count"]), f"_read_group by {groupby}"
            )

    def test_display_name_and_name_search_reveal_nothing(self):
        Partner = self.Partner.with_user(self.integration_user)
        for context in ({"show_address": True}, {"show_email": True}, {"show_address_only": True}):
            partner = self.protected.with_user(self.integration_user).with_context(**context)
            self.assertNoSecret(partner.display_name, f"display_name with {context}")
            self.assertNoSecret(
                Partner.with_context(**context).name_search("Skyddad"), f"name_search {context}"
            )

    def test_search_is_no_oracle(self):
        Partner = self.Partner.with_user(self.housing_user)
        for domain in (
            [("personal_number", "=like", "1990%")],
            [("personal_number", "=", "19900101-0017")],
            [("street", "ilike", "Hemliga")],
            [("street2", "ilike", "Gömstället")],
            [("zip", "=", "722 15")],
            [("phone", "ilike", "70111")],
            [("email", "ilike", "skyddad@")],
            [("email_normalized", "=", "skyddad@example.se")],
        ):
            self.assertEqual(Partner.search_count(domain), 0, f"{domain} found her")
        if "phone_sanitized" in Partner._fields:
            self.assertFalse(Partner.search_count([("phone_sanitized", "=", "+46701112233")]))
        # The special address is what may be shown: searching it finds her, as it finds anyone.
        self.assertEqual(Partner.search([("city", "=", "Stockholm")]), self.protected)

    def test_export_and_vcard_reveal_nothing(self):
        partner = self.protected.with_user(self.housing_user)
        exported = partner.export_data(
            ["name", "street", "street2", "zip", "phone", "email", "personal_number"]
        )
        self.assertNoSecret(exported, "export_data")
        self.assertNoSecret(partner._get_vcard_file(), "vCard")

    def test_mail_reveals_nothing(self):
        tenant = self.tenant.with_user(self.housing_user)
        tenant.message_subscribe(partner_ids=self.protected.ids)
        followers = (
            self.env["mail.followers"]
            .with_user(self.housing_user)
            .search([("partner_id", "=", self.protected.id)])
        )
        self.assertTrue(followers)
        self.assertNoSecret(followers.read(["email", "name", "display_name"]), "mail.followers")
        messages = self.env["mail.message"].search([("author_id", "=", self.protected.id)])
        self.assertTrue(messages)
        self.assertNoSecret(messages.read(["email_from", "author_id"]), "mail.message")

    def test_chatter_tracking_keeps_no_old_address(self):
        messages = self.protected.with_user(self.housing_user).message_ids
        values = messages.sudo().tracking_value_ids
        self.assertNoSecret(
            values.read(["old_value_char", "new_value_char"]), "tracking of the contact"
        )
        self.assertNoSecret(
            Store().add(messages.with_user(self.housing_user)).get_result(), "chatter messages"
        )

    # ------------------------------------------------------------------ the protected register
    def test_only_the_privilege_reads_the_register(self):
        Register = self.env["housing.protected.identity"]
        register = Register.search([("partner_id", "=", self.protected.id)])
        for user in (
            self.housing_user,
            self.housing_manager,
            self.integration_user,
            self.internal_user,
            self.portal_user,
            self.dpo,
        ):
            with self.assertRaises(AccessError, msg=user.login):
                register.with_user(user).read(["street"])
            with self.assertRaises(AccessError, msg=user.login):
                Register.with_user(user).search_count([("personal_number", "=like", "1990%")])
        values = register.with_user(self.privileged).read(["personal_number", "street", "phone"])[0]
        self.assertEqual(values["personal_number"], "19900101-0017")
        self.assertEqual(values["street"], "Hemliga gatan 1")
        self.assertEqual(values["phone"], "+46701112233")
        found = Register.with_user(self.privileged).search(
            [("personal_number", "=", "19900101-0017")]
        )
        self.assertEqual(found.partner_id, self.protected)

    def test_every_privileged_read_is_logged_for_the_dpo(self):
        Log = self.env["housing.protected.identity.log"]
        register = self.env["housing.protected.identity"].search(
            [("partner_id", "=", self.protected.id)]
        )
        before = Log.search_count([])
        register.with_user(self.privileged).read(["personal_number", "street"])
        self.env["housing.protected.identity"].with_user(self.privileged).search_read(
            [("id", "=", register.id)], ["email"]
        )
        register.with_user(self.privileged).export_data(["partner_id", "phone"])
        self.env["housing.protected.identity"].with_user(self.privileged).formatted_read_group(
            [], ["city"]
        )
        entries = Log.with_user(self.dpo).search([], limit=Log.search_count([]) - before)
        self.assertEqual(
            sorted(entries.mapped("action")), ["export", "group", "read", "read"], entries.read()
        )
        read = entries.filtered(lambda entry: entry.action == "read")
        self.assertEqual(sorted(read.mapped("field_names")), ["email", "personal_number, street"])
        read = read.filtered(lambda entry: entry.field_names != "email")
        self.assertEqual(read.user_id, self.privileged)
        self.assertEqual(read.partner_id, self.protected)
        self.assertEqual(read.field_names, "personal_number, street")
        self.assertEqual(entries.filtered(lambda e: e.action == "export").field_names, "phone")
        # Nobody else reads the log, and nobody changes it.
        for user in (self.housing_manager, self.privileged, self.integration_user):
            with self.assertRaises(AccessError, msg=user.login):
                Log.with_user(user).search([])
        with self.assertRaises(AccessError):
            read.with_user(self.dpo).write({"field_names": "nothing"})
        with self.assertRaises(AccessError):
            read.with_user(self.dpo).unlink()

    # ------------------------------------------------------------------ setting and lifting
    def test_only_the_privilege_sets_or_lifts_protection(self):
        for user in (self.housing_user, self.housing_manager, self.integration_user):
            with self.assertRaises(AccessError, msg=user.login):
                self.protected.with_user(user).write({"protected_identity": False})
            with self.assertRaises(AccessError, msg=user.login):
                self.protected.with_user(user).housing_lift_protection("Vill se adressen")
            with self.assertRaises(AccessError, msg=user.login):
                self.tenant.with_user(user).housing_protect_identity("Prov")
            with self.assertRaises(AccessError, msg=user.login):
                self.Partner.with_user(user).create({"name": "Ny", "protected_identity": True})
        self.assertTrue(self.protected.protected_identity)
        self.assertFalse(self.tenant.protected_identity)

    def test_a_reason_is_required(self):
        with self.assertRaises(UserError):
            self.tenant.with_user(self.privileged).housing_protect_identity("  ")
        self.assertFalse(self.tenant.protected_identity)
        self.assertEqual(self.tenant.street, "Sjöodjursgatan 4")

    def test_protect_and_lift_round_trip_logged(self):
        Log = self.env["housing.protected.identity.log"]
        self.tenant.with_user(self.privileged).housing_protect_identity("Hot mot hyresgästen")
        self.assertFalse(self.tenant.street)
        self.assertFalse(self.tenant.personal_number)
        self.tenant.with_user(self.privileged).housing_lift_protection("Skyddet upphört")
        self.assertFalse(self.tenant.protected_identity)
        self.assertEqual(self.tenant.street, "Sjöodjursgatan 4")
        self.assertEqual(self.tenant.personal_number, "19811218-9876")
        self.assertEqual(self.tenant.phone, "+46701234567")
        self.assertFalse(
            self.env["housing.protected.identity"].search([("partner_id", "=", self.tenant.id)])
        )
        entries = Log.search([("partner_id", "=", self.tenant.id)], order="id")
        self.assertEqual(entries.mapped("action"), ["protect", "lift"])
        self.assertEqual(entries.mapped("reason"), ["Hot mot hyresgästen", "Skyddet upphört"])
        self.assertEqual(entries.user_id, self.privileged)

    def test_wizard_protects_with_special_address(self):
        action = self.tenant.with_user(self.privileged).action_housing_protection_wizard()
        wizard = (
            self.env["housing.protected.identity.wizard"]
            .with_user(self.privileged)
            .with_context(**action["context"])
            .create({"reason": "Beslut", "street": "Box 123", "zip": "111 11", "city": "Ort"})
        )
        wizard.action_apply()
        self.assertTrue(self.tenant.protected_identity)
        self.assertEqual(self.tenant.street, "Box 123")
        with self.assertRaises(AccessError):
            self.tenant.with_user(self.housing_manager).action_housing_protection_wizard()

    def test_edits_of_a_protected_contact_go_into_the_register(self):
        """Staff or the tenant give a new phone number: it is written, never shown."""
        self.protected.with_user(self.housing_user).write(
            {"phone": "073-999 88 77", "email": "ny@example.se", "comment": "Ringer ofta"}
        )
        self.assertFalse(self.protected.phone)
        self.assertFalse(self.protected.email)
        self.assertEqual(self.protected.comment, "<p>Ringer ofta</p>")
        register = self.env["housing.protected.identity"].search(
            [("partner_id", "=", self.protected.id)]
        )
        self.assertEqual(register.phone, "+46739998877")
        self.assertEqual(register.email, "ny@example.se")
        self.assertTrue(
            self.env["housing.protected.identity.log"].search(
                [("partner_id", "=", self.protected.id), ("action", "=", "edit")]
            )
        )

    def test_identity_number_stays_unique_without_naming_her(self):
        with self.assertRaises(ValidationError) as caught:
            self.Partner.with_user(self.housing_user).create(
                {"name": "Kopia", "is_housing_contact": True, "personal_number": "199001010017"}
            )
        self.assertEqual(
            str(caught.exception),
            "Another active contact already has this personal identity number.",
        )

    def test_migration_moves_old_protected_contacts(self):
        """Contacts protected in 19.0.1 (flag set, details on the contact) are moved."""
        old = self.Partner.create(
            {"name": "Gammal Skyddad", "is_housing_contact": True, "street": "Hemliga vägen 9"}
        )
        self.env.cr.execute(
            "UPDATE res_partner SET protected_identity = TRUE WHERE id = %s", [old.id]
        )
        old.invalidate_recordset()
        moved = self.Partner._housing_migrate_protected_identities()
        self.assertEqual(moved, old)
        self.assertFalse(old.street)
        register = self.env["housing.protected.identity"].search([("partner_id", "=", old.id)])
        self.assertEqual(register.street, "Hemliga vägen 9")
        self.assertFalse(self.Partner._housing_migrate_protected_identities())

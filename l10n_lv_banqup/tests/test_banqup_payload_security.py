# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The received files of a Banqup document: never written by users, read only as the
document's own."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..banqup.transport import DocumentPayload
from .common import BanqupTestCommon, sample


@tagged("post_install", "-at_install")
class TestBanqupPayloadSecurity(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="banqup_payload_accountant",
            groups="base.group_user,account.group_account_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.other_company = cls.setup_other_company(name="Other SIA")["company"]
        cls.other_user = new_test_user(
            cls.env,
            login="banqup_payload_other",
            groups="base.group_user,account.group_account_user",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.portal = new_test_user(
            cls.env, login="banqup_payload_portal", groups="base.group_portal"
        )
        Document = cls.env["banqup.document"]
        cls.document = Document._banqup_store(
            cls.company,
            DocumentPayload(
                "MINE", "sales", "mine.xml", sample("lv_unknown_tax.xml"), ()
            ),
            "upload",
        )
        # company B's e-invoice, with its own file
        cls.other_document = Document.with_company(cls.other_company)._banqup_store(
            cls.other_company,
            DocumentPayload(
                "THEIRS", "sales", "theirs.xml", sample("lv_sales_invoice.xml"), ()
            ),
            "upload",
        )
        cls.other_file = cls.other_document.raw_attachment_id

    def test_accountant_cannot_write_or_create_the_stored_files(self):
        document = self.document.with_user(self.accountant)
        for vals in (
            {"raw_attachment_id": self.other_file.id},
            {"raw_attachment_id": False},
            {"file_attachment_ids": [Command.set(self.other_file.ids)]},
            {"banqup_id": "THEIRS"},
            {"company_id": self.other_company.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                document.write(vals)
        with self.assertRaisesRegex(AccessError, "cannot be changed"):
            self.env["banqup.document"].with_user(self.accountant).create(
                {
                    "name": "forged.xml",
                    "company_id": self.company.id,
                    "banqup_id": "FORGED",
                    "direction": "sales",
                    "raw_attachment_id": self.other_file.id,
                }
            )
        self.assertEqual(
            self.document.raw_attachment_id.raw, sample("lv_unknown_tax.xml")
        )
        # the fields the accountant may write are still writable (nothing else is
        # locked)
        document.write({"name": "renamed.xml"})
        self.assertEqual(self.document.name, "renamed.xml")

    def test_a_foreign_file_is_never_imported(self):
        """Even with another company's file on the document (old data, or written by
        code), the import refuses to read it: no invoice is booked in company A with
        company B's XML."""
        self.document.sudo().raw_attachment_id = self.other_file
        moves_before = self.env["account.move"].search_count(
            [("company_id", "=", self.company.id)]
        )
        self.document.with_user(self.accountant).with_company(
            self.company
        ).action_import()
        self.assertEqual(self.document.state, "error")
        self.assertEqual(
            self.document.error_message,
            f"The file theirs.xml is not a file of the Banqup document "
            f"{self.document.display_name}: it is not read.",
        )
        self.assertEqual(
            self.env["account.move"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            moves_before,
        )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("name", "=", "theirs.xml"), ("res_model", "=", "account.move")]
            )
        )

    def test_other_company_user_cannot_read_the_document_or_its_files(self):
        document = self.document.with_user(self.other_user)
        with self.assertRaises(AccessError):
            document.read(["name", "raw_attachment_id"])
        with self.assertRaises(AccessError):
            self.document.raw_attachment_id.with_user(self.other_user).read(["raw"])
        with self.assertRaises(AccessError):
            document._banqup_payload_attachments(self.document.raw_attachment_id)
        with self.assertRaises(AccessError):
            document.write({"raw_attachment_id": False})
        with self.assertRaises(UserError):  # AccessError (the document) is a UserError
            document.action_import()
        self.assertEqual(self.document.state, "received")

    def test_portal_user_cannot_read_or_write_anything(self):
        document = self.document.with_user(self.portal)
        with self.assertRaises(AccessError):
            document.read(["name"])
        with self.assertRaises(AccessError):
            self.document.raw_attachment_id.with_user(self.portal).read(["raw"])
        with self.assertRaises(AccessError):
            document.write({"raw_attachment_id": self.other_file.id})
        with self.assertRaises(AccessError):
            self.env["banqup.document"].with_user(self.portal).create(
                {
                    "name": "x.xml",
                    "company_id": self.company.id,
                    "banqup_id": "P",
                    "direction": "sales",
                }
            )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Send via Banqup: outbox steps against the emulator, refusal and resend, e-mail
channel, endpoints."""

import base64
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..banqup.outbound import OutboundClient
from ..banqup.ubl_check import check_ubl
from .common_send import BanqupSendCommon


@tagged("post_install", "-at_install")
class TestBanqupSend(BanqupSendCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.new_customer(
            "Klients SIA", vat="LV40103564678", company_registry="40103564678"
        )

    def make_invoice(self, partner=None, amount=100.0, move_type="out_invoice"):
        return self.init_invoice(
            move_type,
            partner=partner or self.customer,
            amounts=[amount],
            taxes=self.company_data["default_tax_sale"],
            post=True,
        )

    def run_cron_killed_at_upload(self):
        """The worker stops inside the PUT. Odoo's assertRaises would roll back to a
        savepoint: the interruption is caught by hand so that what the worker wrote
        before it stays, as in the database of a killed worker."""
        interrupted = False
        with patch.object(
            OutboundClient, "upload_content", side_effect=KeyboardInterrupt
        ):
            try:
                self.run_cron()
            except KeyboardInterrupt:
                interrupted = True
        self.assertTrue(interrupted, "the upload was not reached")

    def run_cron(self, times=1):
        for _ in range(times):
            self.env["banqup.outbox"]._cron_l10n_lv_banqup_send()

    def test_partner_endpoints(self):
        """Latvian partners take 0218 (registry number) from Odoo's data; Estonian
        companies 9931 (VAT) or, without VAT number, 0191 (registry code)."""
        self.assertEqual(
            (self.customer.peppol_eas, self.customer.peppol_endpoint),
            ("0218", "40103564678"),
        )
        lv_vat_only = self.new_partner(
            name="Tikai PVN SIA",
            vat="LV40103564678",
            country_id=self.env.ref("base.lv").id,
        )
        self.assertEqual(
            (lv_vat_only.peppol_eas, lv_vat_only.peppol_endpoint),
            ("9939", "LV40103564678"),
        )
        ee_vat = self.new_partner(
            name="Klient OU", vat="EE100931558", country_id=self.env.ref("base.ee").id
        )
        self.assertEqual(ee_vat.peppol_eas, "9931")
        ee_code = self.new_partner(
            name="Registrikood OU",
            company_registry="10137319",
            country_id=self.env.ref("base.ee").id,
        )
        self.assertEqual(
            (ee_code.peppol_eas, ee_code.peppol_endpoint), ("0191", "10137319")
        )

    def test_send_invoice_and_credit_note(self):
        """Queued, file created, uploaded once, then processed and delivered from the
        file status."""
        invoice = self.make_invoice()
        refund = self.make_invoice(move_type="out_refund", amount=30.0)
        (invoice + refund).action_l10n_lv_banqup_send()
        self.assertEqual(
            (invoice + refund).mapped("l10n_lv_banqup_send_state"), ["queued", "queued"]
        )
        self.run_cron()
        self.assertEqual(
            (invoice + refund).mapped("l10n_lv_banqup_send_state"),
            ["uploaded", "uploaded"],
        )
        uploads = self.emulator.uploads_by_filename()
        print("uploads:", uploads)  # pylint: disable=print-used
        self.assertEqual(len(uploads), 2)
        self.assertEqual(set(uploads.values()), {1})
        entry = invoice.l10n_lv_banqup_outbox_ids
        remote = self.emulator.outbound_files[entry.remote_file_id]
        self.assertEqual(
            remote["metadata"], {"folder": "SALES", "documentCategory": "INVOICE"}
        )
        self.assertEqual(remote["content"], base64.b64decode(entry.xml_content))
        self.assertEqual(check_ubl(remote["content"]), [])
        self.assertIn(
            b'<cbc:EndpointID schemeID="0218">40103564678</cbc:EndpointID>',
            remote["content"],
        )
        self.assertIn(
            b"CreditNote",
            self.emulator.outbound_files[
                refund.l10n_lv_banqup_outbox_ids.remote_file_id
            ]["content"],
        )
        self.run_cron()
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "processed")
        self.run_cron()
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "delivered")
        self.assertEqual(entry.remote_status, "DELIVERED")
        # queuing again does nothing: exactly once
        (invoice + refund).action_l10n_lv_banqup_send()
        self.run_cron()
        self.assertEqual(len(self.emulator.uploads), 2)

    def test_refused_shows_error_and_resend(self):
        """Banqup refuses the document: the invoice shows the text; Resend uploads it
        again once."""
        invoice = self.make_invoice()
        self.emulator.refuse_markers = [b"Klients SIA"]
        invoice.action_l10n_lv_banqup_send()
        self.run_cron(2)
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "error")
        self.assertIn("Peppol endpoint is unknown", invoice.l10n_lv_banqup_send_error)
        self.assertIn("Peppol endpoint is unknown", invoice.message_ids[0].body)
        queued = self.make_invoice(amount=3)
        queued.action_l10n_lv_banqup_send()
        with self.assertRaisesRegex(
            UserError, "Only invoices whose Banqup sending failed"
        ):
            queued.l10n_lv_banqup_outbox_ids.action_resend()
        self.emulator.refuse_markers = []
        invoice.action_l10n_lv_banqup_resend()
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "queued")
        self.run_cron(3)
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "delivered")
        self.assertFalse(invoice.l10n_lv_banqup_send_error)
        # the refused one and the resent one (the other invoice was queued and sent
        # meanwhile)
        self.assertEqual(
            self.emulator.uploads_by_filename()[
                invoice.l10n_lv_banqup_outbox_ids.filename
            ],
            2,
        )

    def test_resume_after_lost_commit_never_uploads_twice(self):
        """The worker died after the PUT, before recording it: the next run asks the
        status, no second PUT."""
        invoice = self.make_invoice()
        invoice.action_l10n_lv_banqup_send()
        entry = invoice.l10n_lv_banqup_outbox_ids
        self.run_cron_killed_at_upload()
        # the PUT happened on Banqup's side but the worker died before its commit
        self.assertEqual((entry.state, entry.upload_started), ("created", True))
        client = self.company._l10n_lv_banqup_get_outbound_client()
        client.upload_content(
            entry.sudo().upload_url, base64.b64decode(entry.xml_content)
        )
        self.run_cron()
        self.assertEqual(entry.state, "uploaded")
        self.assertEqual(len(self.emulator.uploads), 1)
        # died before the PUT: the status is still AWAITING_UPLOAD and the content goes
        # up once
        other = self.make_invoice(amount=5)
        other.action_l10n_lv_banqup_send()
        self.run_cron_killed_at_upload()
        self.run_cron()
        self.assertEqual(other.l10n_lv_banqup_send_state, "uploaded")
        self.assertEqual(sorted(self.emulator.uploads_by_filename().values()), [1, 1])

    def test_missing_endpoint_is_refused_before_any_call(self):
        """A customer without Peppol endpoint: error on that invoice only, nothing sent,
        others go."""
        nobody = self.new_partner(
            name="Bez adreses SIA", country_id=self.env.ref("base.lv").id
        )
        bad = self.make_invoice(partner=nobody)
        good = self.make_invoice()
        (bad + good).action_l10n_lv_banqup_send()
        self.run_cron()
        self.assertEqual(bad.l10n_lv_banqup_send_state, "error")
        self.assertIn("no Peppol endpoint", bad.l10n_lv_banqup_send_error)
        self.assertEqual(good.l10n_lv_banqup_send_state, "uploaded")
        self.assertEqual(len(self.emulator.uploads), 1)

    def test_refuses_drafts_and_vendor_bills(self):
        draft = self.init_invoice(
            "out_invoice",
            partner=self.customer,
            amounts=[10],
            taxes=self.company_data["default_tax_sale"],
        )
        with self.assertRaisesRegex(UserError, "only posted customer invoices"):
            draft.action_l10n_lv_banqup_send()

    def test_email_channel(self):
        """Without API access: one e-mail per invoice to the Outbound address, the
        e-invoice key as subject."""
        self.company.sudo().write(
            {
                "l10n_lv_banqup_send_method": "email",
                "l10n_lv_banqup_outbound_email": "outbound-123@lv.banqup.com",
            }
        )
        invoices = self.make_invoice() + self.make_invoice(amount=7)
        invoices.action_l10n_lv_banqup_send()
        self.run_cron()
        self.assertEqual(
            invoices.mapped("l10n_lv_banqup_send_state"), ["uploaded", "uploaded"]
        )
        mails = self.env["mail.mail"].search(
            [("email_to", "=", "outbound-123@lv.banqup.com")]
        )
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("subject")), {"EINV-KEY-123"})
        for mail in mails:
            self.assertEqual(len(mail.attachment_ids), 1)
            self.assertEqual(check_ubl(mail.attachment_ids.raw), [])
        self.assertFalse(self.emulator.uploads)

    def test_demo_data(self):
        """The demo of ./dev run: a customer with its endpoint and one posted invoice
        queued for Banqup."""
        self.company.sudo().l10n_lv_banqup_send_method = False
        self.company._l10n_lv_banqup_create_send_demo_data()
        self.assertEqual(self.company.sudo().l10n_lv_banqup_send_method, "api")
        entry = self.env["banqup.outbox"].search([("company_id", "=", self.company.id)])
        self.assertEqual(entry.state, "queued")
        self.assertEqual(entry.move_id.partner_id.peppol_endpoint, "40103564678")
        self.run_cron()
        self.assertEqual(entry.state, "uploaded", entry.error_message)
        # a second update of the module does not make a second invoice
        self.company._l10n_lv_banqup_create_send_demo_data()
        self.assertEqual(
            self.env["banqup.outbox"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            1,
        )

    def test_access(self):
        """An invoicing user sends; a user of another company cannot see the entries;
        nobody writes them."""
        invoice = self.make_invoice()
        clerk = new_test_user(
            self.env,
            "banqup_clerk",
            groups="account.group_account_invoice",
            company_id=self.company.id,
        )
        invoice.with_user(clerk).action_l10n_lv_banqup_send()
        entry = invoice.l10n_lv_banqup_outbox_ids
        self.assertEqual(entry.with_user(clerk).state, "queued")
        with self.assertRaises(AccessError):
            entry.with_user(clerk).write({"state": "delivered"})
        other = self.setup_other_company(name="Other SIA")["company"]
        stranger = new_test_user(
            self.env,
            "banqup_stranger",
            groups="account.group_account_invoice",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        self.assertFalse(self.env["banqup.outbox"].with_user(stranger).search([]))
        portal = new_test_user(self.env, "banqup_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["banqup.outbox"].with_user(portal).search([])

    def test_send_and_print_method(self):
        """Send & Print with the sending method 'via Banqup' queues the invoice with
        Odoo's BIS 3 UBL."""
        invoice = self.make_invoice()
        self.customer.with_company(self.company).invoice_sending_method = "banqup"
        wizard = (
            self.env["account.move.send.wizard"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({})
        )
        self.assertIn("banqup", wizard.sending_methods)
        wizard.action_send_and_print()
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "queued")
        self.assertTrue(invoice.l10n_lv_banqup_outbox_ids.xml_content)
        self.run_cron()
        self.assertEqual(invoice.l10n_lv_banqup_send_state, "uploaded")

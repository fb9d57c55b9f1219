# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.account_receipt_preid.tests.common_tour import TourMixin

from .common import SWEDBANK_INVOICE_ROWS, BankImportCommon, sample

SAMPLE = "camt053_swedbank_ee.xml"


@tagged("post_install", "-at_install")
class TestImportSepaEstTour(TourMixin, BankImportCommon, HttpCase):
    """IMPORT SEPA EST in a real browser
    (``static/tests/tours/import_sepa_est_tour.js``): the accountant uploads the
    Swedbank sample on a draft receipt, reads the preview, changes one suggestion of the
    matching step (the payment of Teine Klient AS, suggested as a prepayment, goes to
    its invoice), fills the receipt and confirms it. The result is then checked here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv118 = cls.make_named_invoice(
            cls.kliendi, 1250.0, "INV/2026/00118", payment_reference="2026 1188"
        )
        cls.inv119 = cls.make_named_invoice(
            cls.mari, 99.90, "INV/2026/00119", payment_reference="RF18539007547034"
        )
        cls.inv120 = cls.make_named_invoice(cls.teine, 450.0, "INV/2026/00120")
        cls.env.ref("base.user_admin").write(
            {
                "company_id": cls.company.id,
                "company_ids": [Command.link(cls.company.id)],
                "groups_id": [
                    Command.link(cls.env.ref("account.group_account_manager").id),
                    Command.link(cls.env.ref("account.group_account_user").id),
                ],
            }
        )
        # tell the progress from 2 payments on (see _notify_progress)
        cls.env["ir.config_parameter"].set_param(
            "bank_import_swed.progress_threshold", "2"
        )
        # the file the tour uploads through the wizard's file input
        cls.env["ir.attachment"].create(
            {
                "name": SAMPLE,
                "description": "bank_import_swed tour sample",
                "datas": base64.b64encode(sample(SAMPLE)),
            }
        )

    def test_import_sepa_est_tour(self):
        receipt = self.new_receipt(self.swed_journal)
        self.start_tour(
            f"/odoo/action-account_receipt_preid.account_receipt_action/{receipt.id}",
            "bank_import_swed_import_sepa_est",
            login="admin",
            timeout=120,
        )
        receipt.invalidate_recordset()
        self.assertEqual(
            self.line_summary(receipt),
            [
                *SWEDBANK_INVOICE_ROWS,
                # the suggestion the tour changed: the invoice, not a prepayment
                (
                    "Teine Klient AS",
                    "INV/2026/00120",
                    300.0,
                    "Teine Klient AS",
                    False,
                    "2026111900000103-3",
                ),
            ],
        )
        self.assertEqual(receipt.line_ids.mapped("kind"), ["invoice"] * 3)
        self.assertFalse(
            self.env["account.prepayment"].search([("partner_id", "=", self.teine.id)])
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.receipt"), ("res_id", "=", receipt.id)]
        )
        self.assertEqual(attachment.raw, sample(SAMPLE))
        # the progress notifications went to the admin's bus channel while the import
        # ran
        admin = self.env.ref("base.user_admin")
        channel = [self.env.cr.dbname, "res.partner", admin.partner_id.id]
        progress = (
            self.env["bus.bus"]
            .sudo()
            .search([("message", "like", "simple_notification")], order="id")
        )
        messages = [
            json.loads(bus.message)["payload"]["message"]
            for bus in progress
            if json.loads(bus.channel) == channel
        ]
        self.assertEqual(
            messages,
            [
                "Looking for the customers and invoices of 3 payments…",
                f"Filling receipt {receipt.name}: 3 of 3 lines created…",
            ],
        )

        self.assertEqual(receipt.state, "posted")
        self.assertEntry(
            receipt.move_id,
            [
                (
                    self.swed_journal.default_account_id.code,
                    "",
                    1649.90,
                    0.0,
                    1649.90,
                    "EUR",
                ),
                (self.receivable.code, "Kliendi OÜ", 0.0, 1250.0, -1250.0, "EUR"),
                (self.receivable.code, "Mari Maasikas", 0.0, 99.90, -99.90, "EUR"),
                (self.receivable.code, "Teine Klient AS", 0.0, 300.0, -300.0, "EUR"),
            ],
        )
        self.assertEqual(self.inv118.payment_state, "paid")
        self.assertEqual(self.inv119.payment_state, "paid")
        self.assertEqual(self.inv120.payment_state, "partial")
        self.assertAlmostEqual(self.inv120.amount_residual, 150.0)

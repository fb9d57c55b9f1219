# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.bank_import_swed.wizards.account_receipt_import_mixin import (
    AccountReceiptImportMixin,
)

from .common import BankImportCommon


@tagged("post_install", "-at_install")
class TestImportNotifications(BankImportCommon):
    """What the user is told: the notification at the end of an import (counts, amount,
    skipped entries and duplicates) and the progress of long imports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv118 = cls.make_named_invoice(
            cls.kliendi, 1250.0, "INV/2026/00118", payment_reference="20261188"
        )

    def apply_camt(self, receipt, filename):
        wizard = self.import_camt(receipt, filename, apply=False)
        return wizard, wizard.action_apply()

    def test_done_notification_says_what_was_imported(self):
        receipt = self.new_receipt(self.swed_journal)
        _wizard, action = self.apply_camt(receipt, "camt053_swedbank_ee.xml")
        self.assertEqual(action["type"], "ir.actions.client")
        self.assertEqual(action["tag"], "display_notification")
        params = action["params"]
        self.assertEqual(params["title"], "IMPORT SEPA EST")
        self.assertEqual(params["type"], "success")
        self.assertFalse(
            params["sticky"]
        )  # only the bank fee was skipped: nothing to act on
        self.assertEqual(
            params["message"],
            f"3 payment(s) imported into {receipt.name}, total "
            f"{self.eur.format(1649.90)}. 1 entry(ies) skipped, "
            "0 of them already imported: see the receipt's chatter.",
        )
        # the dialog closes and the receipt form (its caller) reloads with the new lines
        self.assertEqual(params["next"], {"type": "ir.actions.act_window_close"})
        self.assertEqual(len(receipt.line_ids), 3)
        # counts are written as the user's language writes numbers
        self.assertEqual(
            _wizard.with_context(lang="en_US")._format_count(3000), "3,000"
        )

    def test_reimport_notification_counts_the_duplicates(self):
        self.import_camt(self.new_receipt(self.swed_journal), "camt053_swedbank_ee.xml")
        receipt = self.new_receipt(self.swed_journal)
        wizard, action = self.apply_camt(receipt, "camt053_swedbank_ee.xml")
        self.assertEqual(wizard.line_count, 0)
        self.assertEqual(wizard.duplicate_count, 3)
        params = action["params"]
        self.assertEqual(params["type"], "warning")
        self.assertTrue(params["sticky"])
        self.assertIn("0 payment(s) imported", params["message"])
        self.assertIn(
            "4 entry(ies) skipped, 3 of them already imported", params["message"]
        )
        self.assertFalse(receipt.line_ids)

    def test_factoring_notification(self):
        """One row with its invoice imported, the row of an unknown invoice number
        skipped: both counted."""
        self.make_named_invoice(self.kliendi, 2500.0, "INV/2026/00140")
        receipt = self.new_receipt(self.factoring_journal)
        params = self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", apply=False
        ).action_apply()["params"]
        self.assertEqual(params["title"], "IMPORT SWED factoring")
        self.assertEqual(
            params["message"],
            f"1 factoring row(s) imported into {receipt.name}, bank amount "
            f"{self.eur.format(2000.0)}. 1 row(s) "
            "skipped (0 already imported, 1 without open invoice): see the receipt's "
            "chatter.",
        )
        self.assertEqual(len(receipt.line_ids), 1)

    def test_long_import_tells_its_progress(self):
        """From the threshold on, matching and filling the receipt send progress
        notifications (filling in batches); below it, none."""
        sent = []

        def fake_notify(wizard, message):
            sent.append((message, len(wizard.receipt_id.line_ids)))

        with patch.object(
            AccountReceiptImportMixin, "_notify_progress", fake_notify, create=False
        ):
            self.import_camt(
                self.new_receipt(self.swed_journal), "camt053_swedbank_ee.xml"
            )
            self.assertEqual(sent, [])
            self.env["ir.config_parameter"].set_param(
                "bank_import_swed.progress_threshold", "2"
            )
            receipt = self.new_receipt(self.seb_journal)
            with patch(
                "odoo.addons.bank_import_swed.wizards.account_receipt_import_mixin.PROGRESS_BATCH",
                2,
            ):
                self.import_camt(receipt, "camt053_seb_ee.xml")
        count = len(receipt.line_ids)
        self.assertGreater(count, 2)
        self.assertEqual(
            sent[0][0][: len("Looking for the customers")], "Looking for the customers"
        )
        filling = sent[1:]
        self.assertEqual(len(filling), (count + 1) // 2)
        self.assertEqual(
            [message for message, _lines in filling],
            [
                f"Filling receipt {receipt.name}: {min(done, count)} of {count} lines "
                f"created…"
                for done in range(2, count + 2, 2)
            ],
        )
        # each notification is sent once its batch is really created
        self.assertEqual(
            [lines for _message, lines in filling],
            [min(done, count) for done in range(2, count + 2, 2)],
        )

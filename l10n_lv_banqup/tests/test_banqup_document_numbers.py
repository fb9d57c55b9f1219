# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoice numbers as Banqup gives them: a sale keeps the number as its name, a bill as
its reference."""

import datetime
import logging
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BanqupTestCommon, sample

_logger = logging.getLogger(__name__)

#: Realistic numbers of Latvian and Estonian invoicing programs. The first six look like
#: a year or a month to Odoo's sequence mixin and were held with its "isn't aligned with
#: the existing sequence number" error; the others were accepted already.
NUMBERS = (
    "LV-2025-0099",
    "2025/0007",
    "R-25-001",
    "SB-12-00345",
    "K24-17",
    "F10-0040",
    "INV-000123",
    "2025-12-001",
    "12345",
    "A/2025/77",
    "LV2025 0001",
    "FAKT.2025.10",
)

#: The issue date of every document: none of the year/month-like parts above needs to
#: match it.
ISSUE_DATE = "2026-03-02"


def with_number(name, number, old_number):
    """The sample ``name`` with its number (BT-1, and the payment reference) replaced by
    ``number``."""
    xml = sample(name)
    assert old_number.encode() in xml
    return xml.replace(old_number.encode(), number.encode("utf-8"))


@tagged("post_install", "-at_install")
class TestBanqupDocumentNumbers(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.l10n_lv_banqup_auto_post = True

    def test_sales_numbers_are_the_invoice_names(self):
        """Each of the twelve numbers becomes the posted customer invoice's number in
        the Banqup journal."""
        held = []
        for index, number in enumerate(NUMBERS):
            with self.subTest(number=number):
                xml = with_number("lv_sales_invoice.xml", number, "LV-2026-0001")
                document = self.import_xml(xml, banqup_id=f"sale-{index}")
                if document.state != "imported":
                    held.append((number, document.error_message))
                    continue
                self.assertRecordValues(
                    document.move_id,
                    [
                        {
                            "name": number,
                            "state": "posted",
                            "journal_id": self.sale_journal.id,
                            "move_type": "out_invoice",
                            "invoice_date": datetime.date.fromisoformat(ISSUE_DATE),
                            "payment_reference": number,
                        }
                    ],
                )
                self.assertEqual(document.document_number, number)
        _logger.info(
            "sales numbers: %s of %s imported; held: %s",
            len(NUMBERS) - len(held),
            len(NUMBERS),
            held,
        )
        self.assertEqual(held, [])

    def test_sales_numbers_stay_on_draft_invoices(self):
        """Without auto-post the draft keeps the number, and posting it later keeps it
        too."""
        self.company.l10n_lv_banqup_auto_post = False
        for index, number in enumerate(NUMBERS[:6]):
            with self.subTest(number=number):
                document = self.import_xml(
                    with_number("lv_sales_invoice.xml", number, "LV-2026-0001"),
                    banqup_id=f"draft-{index}",
                )
                self.assertEqual(document.state, "imported", document.error_message)
                move = document.move_id
                self.assertEqual((move.state, move.name), ("draft", number))
                move.action_post()
                self.assertEqual((move.state, move.name), ("posted", number))

    def test_purchase_numbers_are_the_bill_references(self):
        """A bill keeps the supplier's number as its reference (Odoo numbers the bill in
        its own journal)."""
        held = []
        for index, number in enumerate(NUMBERS):
            with self.subTest(number=number):
                xml = with_number("purchase_supplier_invoice.xml", number, "SUP-778")
                document = self.import_xml(
                    xml, direction="purchase", banqup_id=f"bill-{index}"
                )
                if document.state != "imported":
                    held.append((number, document.error_message))
                    continue
                move = document.move_id
                self.assertRecordValues(
                    move,
                    [
                        {
                            "ref": number,
                            "state": "posted",
                            "journal_id": self.purchase_journal.id,
                            "move_type": "in_invoice",
                            "payment_reference": number,
                        }
                    ],
                )
                self.assertNotEqual(move.name, number)
                self.assertTrue(move.name.startswith("BQP/2026/"), move.name)
                self.assertEqual(document.document_number, number)
        self.assertEqual(held, [])

    def test_odoo_error_is_told_in_our_words(self):
        """An error raised by Odoo while posting is framed by our message, and Retry
        imports afterwards."""
        Move = self.registry["account.move"]
        original = Move._post

        def refuse(moves, soft=True):
            raise ValidationError("raw Odoo refusal")  # pylint: disable=translation-required

        with patch.object(Move, "_post", refuse):
            document = self.import_xml(
                with_number("lv_sales_invoice.xml", "K24-17", "LV-2026-0001"),
                banqup_id="refused",
            )
        self.assertEqual(document.state, "error")
        self.assertFalse(document.move_id)
        self.assertTrue(
            document.error_message.startswith(
                "Odoo refused the invoice K24-17 of this document:"
            ),
            document.error_message,
        )
        self.assertIn("raw Odoo refusal", document.error_message)
        self.assertIn("press Retry", document.error_message)
        self.assertIs(Move._post, original)
        document.action_retry()
        self.assertEqual(document.state, "imported", document.error_message)
        self.assertEqual(document.move_id.name, "K24-17")

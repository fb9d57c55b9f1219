# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Formats of IMPORT SEPA EST (issue 16): camt.052 refused, unknown versions refused,
size refused before decoding."""

import base64
import sys
import time
import tracemalloc

from odoo.exceptions import UserError
from odoo.tests import tagged

from . import camt_builder as cb
from .common import IBAN_SWEDBANK, BankImportCommon


@tagged("post_install", "-at_install")
class TestImportFormats(BankImportCommon):
    def test_camt052_refused_with_reason(self):
        receipt = self.new_receipt(self.swed_journal)
        data = cb.build([(IBAN_SWEDBANK, [cb.single("10.00", name="A")])], kind="052")
        with self.assertRaisesRegex(
            UserError, "report.xml is a camt.052 intraday account report.*camt.053"
        ):
            self.import_camt(receipt, "report.xml", data=data)
        self.assertFalse(receipt.line_ids)

    def test_unknown_version_refused(self):
        receipt = self.new_receipt(self.swed_journal)
        data = cb.build(
            [(IBAN_SWEDBANK, [cb.single("10.00", name="A")])], version="009.99"
        )
        with self.assertRaisesRegex(
            UserError, "odd.xml is not in the expected format: camt.053 version 009.99"
        ):
            self.import_camt(receipt, "odd.xml", data=data)

    def test_large_upload_refused_before_decoding(self):
        """A 60 MB upload is refused from the length of its base64 text: fast, without a
        copy of the file."""
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.env["account.receipt.camt.import"].create(
            {"receipt_id": receipt.id}
        )
        payload = base64.b64encode(
            b"<?xml version='1.0'?><Document>" + b" " * (60 * 1024 * 1024)
        )
        tracemalloc.start()
        start = time.perf_counter()
        try:
            with self.assertRaisesRegex(
                UserError, "big.xml is too large: it has 62914591 bytes"
            ):
                wizard.write({"data_file": payload, "filename": "big.xml"})
            elapsed = time.perf_counter() - start
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        # the measured figures, shown by pytest -s / -rP
        sys.stdout.write(
            f"\n60 MB upload refused in {elapsed * 1000:.1f} ms, peak extra memory "
            f"{peak / 1e6:.2f} MB\n"
        )
        self.assertLess(peak, 5 * 1024 * 1024)
        self.assertLess(elapsed, 1.0)
        self.assertFalse(wizard.data_file)

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Nothing doubled, nothing lost (issue 16, cases 1–5): each case imports both files the
bank gives for the same money and checks that the receipts hold exactly the money
received."""

from decimal import Decimal

from odoo.tests import tagged

from . import camt_builder as cb
from .common import IBAN_SEB, IBAN_SWEDBANK, BankImportCommon

KASK_IBAN = "EE471000001020145685"
TAMM_IBAN = "EE212200001234567897"


@tagged("post_install", "-at_install")
class TestImportDuplicates(BankImportCommon):
    def total(self, *receipts):
        return round(
            sum(line.amount for receipt in receipts for line in receipt.line_ids), 2
        )

    def run_import(self, data, journal=None, filename="statement.xml", confirm=None):
        """Import ``data`` into a new receipt of ``journal``; ``confirm``: tick Import
        on the possible duplicates first. Returns ``(receipt, wizard)``."""
        receipt = self.new_receipt(journal or self.swed_journal)
        wizard = self.import_camt(receipt, filename, data=data, apply=False)
        if confirm:
            wizard.line_ids.filtered(
                lambda line: line.duplicate_state == "possible"
            ).to_import = True
        wizard.action_apply()
        return receipt, wizard

    # -- case 1: a batch split in the camt.054, aggregated in the camt.053

    def _batch_files(self):
        txs = [
            cb.Tx(
                amount=Decimal("20.00"),
                name=f"Card payer {n}",
                e2e=f"CARD-{n}",
                text="Kaardimaksed",
            )
            for n in (1, 2, 3)
        ]
        notification = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [
                        cb.Ntry(
                            Decimal("60.00"),
                            "2026-11-20",
                            txs=txs,
                            acct_svcr_ref="R-010",
                        )
                    ],
                )
            ],
            kind="054",
        )
        statement = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [cb.Ntry(Decimal("60"), "2026-11-20", acct_svcr_ref="R-010")],
                )
            ]
        )
        return notification, statement

    def test_case1_batch_split_then_aggregated(self):
        notification, statement = self._batch_files()
        first, wizard1 = self.run_import(notification)
        self.assertEqual(
            first.line_ids.mapped("bank_reference"), ["R-010/1", "R-010/2", "R-010/3"]
        )
        second, wizard2 = self.run_import(statement)
        self.assertEqual(self.total(first, second), 60.0)
        self.assertFalse(second.line_ids)
        self.assertEqual(
            (
                wizard2.skip_ids.reason,
                wizard2.skip_ids.existing_receipt,
                wizard2.skip_ids.amount,
            ),
            ("duplicate", first.name, 60.0),
        )

    def test_case1_batch_aggregated_then_split(self):
        notification, statement = self._batch_files()
        first, _wizard = self.run_import(statement)
        second, wizard = self.run_import(notification)
        self.assertEqual(self.total(first, second), 60.0)
        self.assertEqual(wizard.skip_ids.mapped("reason"), ["duplicate"] * 3)

    # -- case 2: camt.054 with the payer's EndToEndId only, then the camt.053 with the
    # bank's reference

    def _e2e_then_servicer_files(self):
        tx = {
            "name": "Kask Maria",
            "iban": KASK_IBAN,
            "e2e": "ARVE-55",
            "text": "arve 55",
        }
        notification = cb.build(
            [(IBAN_SWEDBANK, [cb.single("145.30", **tx)])], kind="054", msg_id="N-1"
        )
        statement = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [cb.single("145.30", acct_svcr_ref="2026112000000999-1", **tx)],
                )
            ]
        )
        return notification, statement

    def test_case2_end_to_end_id_then_bank_reference(self):
        notification, statement = self._e2e_then_servicer_files()
        first, _wizard = self.run_import(notification)
        second, wizard = self.run_import(statement, confirm=False)
        self.assertEqual(self.total(first, second), 145.30)
        # not silently skipped: shown as a possible duplicate, then reported with its
        # reason
        self.assertEqual(wizard.skip_ids.reason, "possible_duplicate")
        self.assertEqual(wizard.skip_ids.existing_receipt, first.name)
        self.assertIn("possible duplicate", second.message_ids[0].body.lower())

    def test_case2_possible_duplicate_shown_and_confirmable(self):
        """The accountant sees the possible duplicate in the matching step and may
        import it anyway (another payment of the same amount, day and payer)."""
        notification, statement = self._e2e_then_servicer_files()
        first, _wizard = self.run_import(notification)
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "statement.xml", data=statement, apply=False)
        line = wizard.line_ids
        self.assertEqual(
            (line.duplicate_state, line.to_import, line.existing_receipt),
            ("possible", False, first.name),
        )
        self.assertEqual(wizard.possible_duplicate_count, 1)
        line.to_import = True
        wizard.action_apply()
        self.assertEqual(self.total(first, receipt), 290.60)

    # -- case 3: payer ids are not unique

    def test_case3_same_end_to_end_id_two_payments(self):
        day1 = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [
                        cb.single(
                            "10.00", name="Väike Pood OÜ", e2e="1", text="Arve 1"
                        ),
                        cb.single(
                            "25.00", name="Teine Pood OÜ", e2e="1", text="Arve 7"
                        ),
                        # same payer, day and amount twice in one statement: the bank
                        # booked two payments
                        cb.single(
                            "25.00", name="Teine Pood OÜ", e2e="1", text="Arve 8"
                        ),
                    ],
                )
            ],
            msg_id="D1",
        )
        day2 = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [cb.single("10.00", "2026-11-21", name="Väike Pood OÜ", e2e="1")],
                )
            ],
            msg_id="D2",
        )
        first, wizard1 = self.run_import(day1)
        second, wizard2 = self.run_import(day2)
        self.assertEqual(self.total(first, second), 70.0)
        self.assertFalse(wizard1.skip_ids | wizard2.skip_ids)
        # the same file again adds nothing
        third, wizard3 = self.run_import(day1)
        self.assertFalse(third.line_ids)
        self.assertEqual(wizard3.skip_ids.mapped("reason"), ["duplicate"] * 3)

    # -- case 4: a payment over two invoices, one receipt line deleted, the file again

    def test_case4_deleted_line_comes_back_alone(self):
        inv1 = self.make_named_invoice(self.kolmas, 100.0, "INV/2026/00201")
        inv2 = self.make_named_invoice(self.kolmas, 200.0, "INV/2026/00202")
        data = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [
                        cb.single(
                            "300.00",
                            acct_svcr_ref="S-300",
                            name="Kolmas Klient OÜ",
                            text="INV/2026/00201 INV/2026/00202",
                        )
                    ],
                )
            ]
        )
        receipt, _wizard = self.run_import(data)
        self.assertEqual(
            [(ln.invoice_id, ln.amount) for ln in receipt.line_ids.sorted("id")],
            [(inv1, 100.0), (inv2, 200.0)],
        )
        receipt.line_ids.sorted("id")[0].unlink()
        again, wizard = self.run_import(data)
        self.assertEqual(self.total(receipt, again), 300.0)
        self.assertEqual(again.line_ids.amount, 100.0)
        self.assertEqual(wizard.line_ids.duplicate_state, "partial")
        self.assertEqual(wizard.line_ids.existing_receipt, receipt.name)
        # and once more: nothing left to import
        third, wizard3 = self.run_import(data)
        self.assertFalse(third.line_ids)
        self.assertEqual(wizard3.skip_ids.reason, "duplicate")
        self.assertEqual(self.total(receipt, again, third), 300.0)

    def test_case4_without_bank_reference(self):
        """The same for a bank that gives no reference: the statement's own entry
        identifies it."""
        self.make_named_invoice(self.kolmas, 100.0, "INV/2026/00203")
        data = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [
                        cb.single(
                            "130.00", name="Kolmas Klient OÜ", text="INV/2026/00203"
                        )
                    ],
                )
            ]
        )
        receipt, _wizard = self.run_import(data)
        self.assertEqual(sorted(receipt.line_ids.mapped("amount")), [30.0, 100.0])
        receipt.line_ids.filtered(lambda line: line.amount == 30.0).unlink()
        again, _wizard = self.run_import(data)
        self.assertEqual(self.total(receipt, again), 130.0)

    # -- case 5: one file, statements of two accounts

    def test_case5_statements_of_two_accounts(self):
        data = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [cb.single("11.00", acct_svcr_ref="SW-1", name="Mari Maasikas")],
                ),
                (
                    IBAN_SEB,
                    [cb.single("22.00", acct_svcr_ref="SEB-1", name="Mari Maasikas")],
                ),
            ]
        )
        swed, swed_wizard = self.run_import(data, self.swed_journal)
        seb, seb_wizard = self.run_import(data, self.seb_journal)
        self.assertEqual((self.total(swed), self.total(seb)), (11.0, 22.0))
        self.assertEqual(
            [
                (skip.reason, skip.account_number, skip.amount)
                for skip in swed_wizard.skip_ids
            ],
            [("other_account", IBAN_SEB, 22.0)],
        )
        self.assertEqual(seb_wizard.skip_ids.account_number, IBAN_SWEDBANK)
        self.assertIn(IBAN_SEB, swed.message_ids[0].body)
        # still refused when no statement is the payment mode's
        with self.assertRaisesRegex(Exception, "is a statement of account"):
            self.run_import(data, self.lhv_journal)

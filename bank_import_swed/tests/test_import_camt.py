# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import psycopg2

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.service.model import _as_validation_error
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import (
    IBAN_SEB,
    IBAN_SWEDBANK,
    SWEDBANK_INVOICE_ROWS,
    BankImportCommon,
    sample,
)


@tagged("post_install", "-at_install")
class TestImportCamt(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv118 = cls.make_named_invoice(
            cls.kliendi, 1250.0, "INV/2026/00118", payment_reference="2026 1188"
        )
        cls.inv_mari = cls.make_named_invoice(cls.mari, 99.90, "INV/2026/00119")
        cls.inv_mari_other = cls.make_named_invoice(cls.mari, 45.00, "INV/2026/00120")
        cls.inv121 = cls.make_named_invoice(cls.kolmas, 610.0, "INV/2026/00121")

    # ------------------------------------------------------------------ bank layouts

    def test_swedbank_statement(self):
        """Swedbank camt.053: reference number, IBAN + amount and name → prepayment; the
        fee (debit) is skipped."""
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml")
        self.assertEqual(
            self.line_summary(receipt),
            [
                *SWEDBANK_INVOICE_ROWS,
                (
                    "Teine Klient AS",
                    False,
                    300.0,
                    "Teine Klient AS",
                    False,
                    "2026111900000103-3",
                ),
            ],
        )
        self.assertEqual(
            wizard.line_ids.sorted("sequence").mapped("match_rule"),
            ["reference", "amount", "prepayment"],
        )
        lines = receipt.line_ids.sorted("id")
        self.assertEqual(lines.mapped("kind"), ["invoice", "invoice", "prepayment"])
        self.assertEqual(lines[0].payer_iban, "EE382200221020145685")
        self.assertEqual(lines[0].name, "Arve INV/2026/00118 tasumine")
        self.assertEqual(lines[0].bank_import_date, date(2026, 11, 19))
        self.assertEqual(lines[0].bank_import_account, IBAN_SWEDBANK)
        self.assertEqual(wizard.skip_ids.mapped("reason"), ["debit"])
        self.assertEqual(wizard.skip_ids.amount, -2.5)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.receipt"), ("res_id", "=", receipt.id)]
        )
        self.assertEqual(attachment.name, "camt053_swedbank_ee.xml")
        self.assertIn("1 entry(ies) skipped", receipt.message_ids[0].body)

    def test_posted_receipt_reconciles_matched_invoices(self):
        receipt = self.new_receipt(self.swed_journal)
        self.import_camt(receipt, "camt053_swedbank_ee.xml")
        receipt.action_post()
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(self.inv118.payment_state, "paid")
        self.assertEqual(self.inv_mari.payment_state, "paid")
        self.assertEqual(self.inv_mari_other.payment_state, "not_paid")

    def test_seb_statement_batch_and_invoice_number_in_text(self):
        """SEB: invoice number in the text; a card batch split into three lines; an
        unknown payer left open."""
        receipt = self.new_receipt(self.seb_journal)
        wizard = self.import_camt(receipt, "camt053_seb_ee.xml")
        self.assertEqual(
            self.line_summary(receipt),
            [
                (
                    "Kolmas Klient OÜ",
                    "INV/2026/00121",
                    610.0,
                    "KOLMAS KLIENT OÜ",
                    "121312952",
                    "RO5126112050L07",
                ),
                (False, False, 120.0, False, False, "RO5126112050K12/1"),
                (False, False, 300.35, False, False, "RO5126112050K12/2"),
                (False, False, 12.5, False, False, "RO5126112050K12/3"),
                (False, False, 150.0, "KOGUMISKESKUS MTÜ", False, "RO5126112050K13"),
            ],
        )
        rules = wizard.line_ids.sorted("sequence").mapped("match_rule")
        self.assertEqual(rules, ["invoice_number", "none", "none", "none", "none"])
        self.assertEqual(
            receipt.line_ids[1].name, "Kaardimakse 19.11.2026 terminal 77001"
        )
        self.assertEqual(wizard.skip_ids.mapped("reason"), ["debit"])

    def test_lhv_statement_in_receipt_currency_only(self):
        """LHV file with a EUR and a USD statement: a EUR receipt takes the EUR one; the
        USD entries are listed as skipped (other currency); invoice number found in the
        text of a converted payment."""
        inv130 = self.make_named_invoice(self.overseas, 920.0, "INV/2026/00130")
        receipt = self.new_receipt(self.lhv_journal)
        wizard = self.import_camt(receipt, "camt053_lhv_ee.xml")
        summary = self.line_summary(receipt)
        self.assertEqual(
            summary,
            [
                (False, False, 241.2, "Jaan Tamm", "RF212026121", "9C2E1F0A77D54B3C"),
                (
                    "Overseas Buyer Inc.",
                    inv130.name,
                    920.0,
                    "Overseas Buyer Inc.",
                    False,
                    "9C2E1F0A77D54B4D",
                ),
            ],
        )
        self.assertEqual(
            sorted(wizard.skip_ids.mapped("reason")), ["currency", "currency"]
        )
        self.assertEqual(wizard.skip_ids.currency_id, self.usd)

    def test_payer_account_matched_as_odoo_sanitises_it(self):
        """The payer account without IBAN (``Othr/Id`` ``021000021-4455667788`` of the
        LHV sample) finds the customer whose bank account has that number with its dash
        (Odoo stores it sanitised); the IBAN of the other payer, stored with spaces,
        still finds its customer. Neither name equals the payer's."""
        us_customer = self.env["res.partner"].create(
            {
                "name": "OBI Holdings LLC",
                "is_company": True,
                "bank_ids": [Command.create({"acc_number": "021000021-4455667788"})],
            }
        )
        tamm = self.env["res.partner"].create(
            {
                "name": "J. Tamm",
                "bank_ids": [
                    Command.create({"acc_number": "EE21 2200 0012 3456 7897"})
                ],
            }
        )
        receipt = self.new_receipt(self.lhv_journal)
        wizard = self.import_camt(receipt, "camt053_lhv_ee.xml", apply=False)
        lines = wizard.line_ids.sorted("sequence")
        self.assertEqual(
            lines.mapped("payer_iban"), ["EE212200001234567897", "021000021-4455667788"]
        )
        self.assertEqual(
            [(line.partner_id, line.match_rule) for line in lines],
            [(tamm, "prepayment"), (us_customer, "prepayment")],
        )

    def test_foreign_currency_statement(self):
        """The USD statement of the LHV file into a USD receipt: amounts stay in USD,
        the USD invoice is paid."""
        inv131 = self.make_named_invoice(
            self.overseas, 1500.0, "INV/2026/00131", currency=self.usd
        )
        receipt = self.new_receipt(self.lhv_usd_journal)
        self.assertEqual(receipt.currency_id, self.usd)
        self.import_camt(receipt, "camt053_lhv_ee.xml")
        self.assertEqual(
            self.line_summary(receipt),
            [
                (
                    "Overseas Buyer Inc.",
                    inv131.name,
                    1500.0,
                    "Overseas Buyer Inc.",
                    False,
                    "9C2E1F0A77D54C01",
                )
            ],
        )
        receipt.action_post()
        self.assertEqual(inv131.payment_state, "paid")

    def test_statement_currency_differs_from_receipt(self):
        journal = self.make_bank_journal(
            "Swedbank USD", "SWBU", IBAN_SWEDBANK, currency=self.usd
        )
        receipt = self.new_receipt(journal)
        with self.assertRaisesRegex(UserError, "is in EUR, but receipt .* is in USD"):
            self.import_camt(receipt, "camt053_swedbank_ee.xml")

    def test_camt054_notification(self):
        """camt.054: the payer found by IBAN (stored with spaces), its one invoice of
        that amount."""
        inv126 = self.make_named_invoice(self.kliendi, 75.25, "INV/2026/00126")
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt054_swedbank_ee.xml")
        self.assertEqual(
            self.line_summary(receipt),
            [
                (
                    "Kliendi OÜ",
                    inv126.name,
                    75.25,
                    "Kliendi OÜ",
                    "777000126",
                    "2026112000000777-1",
                )
            ],
        )
        self.assertEqual(wizard.line_ids.match_rule, "amount")

    def test_camt053_v08_batch_split(self):
        """camt.053.001.08 batch split in two; the reference pays part of
        INV/2026/00118."""
        receipt = self.new_receipt(self.swed_journal)
        self.import_camt(receipt, "camt053_v08.xml")
        summary = self.line_summary(receipt)
        self.assertEqual(
            summary[0],
            (
                "Kliendi OÜ",
                "INV/2026/00118",
                125.0,
                "Kliendi OÜ",
                "20261188",
                "2026112000000201-1-A",
            ),
        )
        self.assertEqual(summary[1][0], "Mari Maasikas")
        self.assertEqual(summary[1][2], 75.0)

    # ------------------------------------------------------------------ matching rules

    def test_reference_matching_oldest_invoice_first(self):
        """A customer reference number shared by two invoices: the payment pays the
        oldest first, then the next one; the user's choice of invoices is what is
        applied."""
        older = self.make_named_invoice(
            self.kliendi,
            50.0,
            "INV/2026/00127",
            payment_reference="777 000 126",
            date="2026-10-15",
        )
        self.inv118.payment_reference = "777000126"
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt054_swedbank_ee.xml", apply=False)
        line = wizard.line_ids
        self.assertEqual(line.match_rule, "reference")
        self.assertEqual(line.partner_id, self.kliendi)
        self.assertEqual(line.invoice_ids, older | self.inv118)
        wizard.action_apply()
        self.assertEqual(
            [(ln.invoice_id, ln.amount) for ln in receipt.line_ids.sorted("id")],
            [(older, 50.0), (self.inv118, 25.25)],
        )
        # the user may change the suggestion: only the newer invoice
        receipt.line_ids.unlink()
        wizard = self.import_camt(receipt, "camt054_swedbank_ee.xml", apply=False)
        wizard.line_ids.invoice_ids = self.inv118
        wizard.action_apply()
        self.assertEqual(
            [(ln.invoice_id, ln.amount) for ln in receipt.line_ids],
            [(self.inv118, 75.25)],
        )

    def test_customer_reference_number_and_prepayment(self):
        """Payer unknown by IBAN and name but its reference number is the customer's
        reference: prepayment."""
        self.kliendi.ref = "777000126"
        self.kliendi.bank_ids.unlink()
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt054_swedbank_ee.xml")
        self.assertEqual(wizard.line_ids.partner_id, self.kliendi)
        self.assertEqual(wizard.line_ids.match_rule, "prepayment")
        self.assertEqual(receipt.line_ids.kind, "prepayment")

    def test_overpayment_leaves_prepayment(self):
        """A payment above the open amount of its invoice: the invoice line takes the
        open amount, a prepayment line of the customer the rest."""
        self.inv118.payment_reference = False
        small = self.make_named_invoice(
            self.kliendi, 70.0, "INV/2026/00128", payment_reference="777000126"
        )
        receipt = self.new_receipt(self.swed_journal)
        self.import_camt(receipt, "camt054_swedbank_ee.xml")
        self.assertEqual(
            [
                (ln.partner_id, ln.invoice_id, ln.amount, ln.bank_reference)
                for ln in receipt.line_ids.sorted("id")
            ],
            [
                (self.kliendi, small, 70.0, "2026112000000777-1"),
                (self.kliendi, self.env["account.move"], 5.25, "2026112000000777-1"),
            ],
        )
        # every line of the payment carries the account and the booking key (issue 16,
        # case 4)
        lines = receipt.line_ids.sorted("id")
        self.assertEqual(
            lines.mapped("bank_import_account"), [IBAN_SWEDBANK, IBAN_SWEDBANK]
        )
        self.assertEqual(len(set(lines.mapped("bank_import_key"))), 1)
        self.assertEqual(lines.mapped("bank_import_split"), [0, 1])
        receipt.action_post()
        self.assertEqual(small.payment_state, "paid")

    def test_invoice_suggested_once(self):
        """An invoice suggested by its reference number is not suggested again to
        another payment of the same amount from the same customer: that one becomes a
        prepayment."""
        invoice = self.make_named_invoice(
            self.kliendi, 62.50, "INV/2026/00150", payment_reference="777000126"
        )
        # the batch of camt053_v08.xml as two payments of 62.50 from Kliendi OÜ, the
        # first with the reference
        data = sample("camt053_v08.xml")
        for old, new in (
            (b"125.00", b"62.50"),
            (b"75.00", b"62.50"),
            (b"200.00", b"125.00"),
            (b"<Ref>20261188</Ref>", b"<Ref>777000126</Ref>"),
            (b"EE641010220123456789", b"EE382200221020145685"),
        ):
            data = data.replace(old, new)
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "two_payments.xml", data=data, apply=False)
        lines = wizard.line_ids.sorted("sequence")
        self.assertEqual(lines[0].match_rule, "reference")
        self.assertEqual(lines[0].invoice_ids, invoice)
        self.assertEqual(
            (lines[1].partner_id, lines[1].match_rule), (self.kliendi, "prepayment")
        )
        self.assertFalse(lines[1].invoice_ids)

    def test_other_company_never_matched(self):
        """An open invoice of another company with the paid reference, number and amount
        is never suggested."""
        other = self.setup_other_company(name="Other company")
        invoice = (
            self.env["account.move"]
            .with_company(other["company"])
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.kliendi.id,
                    "invoice_date": "2026-11-02",
                    "journal_id": other["default_journal_sale"].id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Service",
                                "quantity": 1,
                                "price_unit": 75.25,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        invoice.payment_reference = "777000126"
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt054_swedbank_ee.xml", apply=False)
        self.assertFalse(wizard.line_ids.invoice_ids)
        self.assertEqual(wizard.line_ids.match_rule, "prepayment")
        self.assertEqual(wizard.line_ids.partner_id, self.kliendi)

    def _count_matching_queries(self, copies):
        """Preview lines of the Swedbank sample repeated ``copies`` times, matched from
        a cold cache; returns the wizard and the number of queries of the matching
        (written to the database)."""
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", match=False)
        vals = wizard.line_ids.sorted("sequence").copy_data()
        wizard.line_ids.unlink()
        self.env["account.receipt.camt.import.line"].create(vals * copies)
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        wizard._match_invoices(wizard.line_ids)
        self.env.flush_all()
        return wizard, self.cr.sql_log_count - start

    def test_matching_is_batched(self):
        """The number of queries of the matching step does not depend on the number of
        lines: 6 and 60 lines take the same number (give or take a query or two)."""
        self._count_matching_queries(1)  # warm the registry caches
        small, small_count = self._count_matching_queries(2)
        large, large_count = self._count_matching_queries(20)
        self.assertEqual((len(small.line_ids), len(large.line_ids)), (6, 60))
        # every line got its suggestion: the reference and the customers found for all
        # copies
        for wizard in (small, large):
            self.assertEqual(
                set(
                    wizard.line_ids.mapped(
                        lambda line: (line.partner_id, line.match_rule)
                    )
                ),
                {
                    (self.kliendi, "reference"),
                    (self.mari, "amount"),
                    (self.mari, "prepayment"),
                    (self.teine, "prepayment"),
                },
            )
        self.assertLessEqual(small_count, 40)
        self.assertLessEqual(
            abs(large_count - small_count), 2, (small_count, large_count)
        )

    # ---------------------------------------------------------- duplicates and refusals

    def test_reimport_adds_nothing_and_reports(self):
        first = self.new_receipt(self.swed_journal)
        self.import_camt(first, "camt053_swedbank_ee.xml")
        second = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(second, "camt053_swedbank_ee.xml")
        self.assertFalse(second.line_ids)
        self.assertEqual(wizard.duplicate_count, 3)
        duplicates = wizard.skip_ids.filtered(lambda skip: skip.reason == "duplicate")
        self.assertEqual(
            sorted(duplicates.mapped("bank_reference")),
            ["2026111900000101-1", "2026111900000102-2", "2026111900000103-3"],
        )
        self.assertEqual(set(duplicates.mapped("existing_receipt")), {first.name})
        body = second.message_ids[0].body
        self.assertIn("Already imported", body)
        self.assertIn(first.name, body)
        self.assertIn("2026111900000101-1", body)
        self.assertIn("Kliendi OÜ", body)
        self.assertEqual(len(first.line_ids), 3)

    def test_entry_imported_between_preview_and_apply(self):
        """An entry imported by someone else after the preview is skipped when applying,
        never doubled."""
        other = self.new_receipt(self.swed_journal)
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt054_swedbank_ee.xml", apply=False)
        self.import_camt(other, "camt054_swedbank_ee.xml")
        wizard.action_apply()
        self.assertFalse(receipt.line_ids)
        self.assertEqual(
            (wizard.skip_ids.reason, wizard.skip_ids.existing_receipt),
            ("duplicate", other.name),
        )

    def test_duplicate_guard_in_database(self):
        """The SQL constraint refuses the same part of a bank booking twice, whatever
        the way it is created; the user is shown its message, not PostgreSQL's text.
        Lines without booking key are not constrained."""
        receipt = self.new_receipt(self.swed_journal)
        self.import_camt(receipt, "camt054_swedbank_ee.xml")
        vals = {
            "receipt_id": receipt.id,
            "partner_id": self.kliendi.id,
            "amount": 1.0,
            "bank_reference": "2026112000000777-1",
            "bank_import_account": IBAN_SWEDBANK,
            "bank_import_key": receipt.line_ids.bank_import_key,
        }
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation) as caught,
            self.cr.savepoint(),
        ):
            self.env["account.receipt.line"].create(vals)
            self.env.flush_all()
        self.assertEqual(
            caught.exception.diag.constraint_name,
            "account_receipt_line_bank_import_key_uniq",
        )
        # what the RPC layer shows the user
        self.assertEqual(
            _as_validation_error(self.env, caught.exception).args[0],
            "The operation cannot be completed: This bank entry is already imported "
            "in a receipt of this company.",
        )
        # without booking key the same line may be created twice
        self.env["account.receipt.line"].create([dict(vals, bank_import_key=False)] * 2)
        self.env.flush_all()

    def test_wrong_iban_refused(self):
        receipt = self.new_receipt(self.swed_journal)
        with self.assertRaisesRegex(
            UserError,
            f"account {IBAN_SEB}, but payment mode .* is account {IBAN_SWEDBANK}",
        ):
            self.import_camt(receipt, "camt053_seb_ee.xml")

    def test_malformed_and_hostile_files(self):
        receipt = self.new_receipt(self.swed_journal)
        truncated = sample("camt053_swedbank_ee.xml")[:3000]
        cases = [
            ("broken.xml", truncated, "broken.xml.*(damaged|line)"),
            (
                "hostile_billion_laughs.xml",
                None,
                "hostile_billion_laughs.xml was refused",
            ),
            (
                "hostile_external_entity.xml",
                None,
                "hostile_external_entity.xml was refused",
            ),
            ("hostile_doctype.xml", None, "hostile_doctype.xml was refused"),
            (
                "huge.xml",
                b"<?xml version='1.0'?><Document>" + b" " * (50 * 1024 * 1024),
                "huge.xml is too large",
            ),
            (
                "swed_factoring_res.xml",
                None,
                "swed_factoring_res.xml is not in the expected format",
            ),
        ]
        for filename, data, message in cases:
            with (
                self.subTest(filename=filename),
                self.assertRaisesRegex(UserError, message),
            ):
                self.import_camt(receipt, filename, data=data)
        self.assertFalse(receipt.line_ids)

    def test_journal_without_iban_refused(self):
        journal = self.env["account.journal"].create(
            {"name": "No IBAN", "code": "NOIB", "type": "bank"}
        )
        receipt = self.new_receipt(journal)
        with self.assertRaisesRegex(UserError, "has no bank account number"):
            self.import_camt(receipt, "camt053_swedbank_ee.xml")

    def test_preview_lists_entries_before_matching(self):
        """After reading, the preview holds the incoming payments only, without
        suggestions yet; the edge-case file's reversal and pending debit are skipped
        with their reason."""
        receipt = self.new_receipt(self.seb_journal)
        wizard = self.import_camt(receipt, "camt053_edge_cases.xml", match=False)
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.line_ids.mapped("amount"), [40.0, 50.0])
        self.assertFalse(wizard.line_ids.partner_id)
        self.assertEqual(
            sorted(wizard.skip_ids.mapped("reason")), ["debit", "reversal"]
        )
        self.assertFalse(receipt.line_ids)

    def test_matching_step_in_the_form(self):
        """The matching step as the user sees it: changing the customer of a line in the
        editable list marks it as chosen and keeps only invoices of that customer."""
        receipt = self.new_receipt(self.swed_journal)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", apply=False)
        with Form(wizard) as form:
            self.assertEqual(len(form.line_ids), 3)
            with form.line_ids.edit(1) as row:
                self.assertEqual(row.match_rule, "amount")
                row.partner_id = self.kolmas
                self.assertFalse(row.invoice_ids)
                self.assertEqual(row.match_rule, "manual")
        wizard.action_apply()
        mari_line = receipt.line_ids.filtered(
            lambda line: line.payer_name == "Mari Maasikas"
        )
        self.assertEqual(
            (mari_line.partner_id, mari_line.kind), (self.kolmas, "prepayment")
        )

    def test_only_draft_bank_receipts(self):
        receipt = self.new_receipt(self.swed_journal)
        self.import_camt(receipt, "camt054_swedbank_ee.xml")
        receipt.line_ids.partner_id = self.kliendi
        receipt.action_post()
        with self.assertRaisesRegex(UserError, "not a draft"):
            receipt.action_import_sepa_est()
        cash = self.env["account.journal"].create(
            {"name": "Cash", "code": "CSH", "type": "cash"}
        )
        with self.assertRaisesRegex(UserError, "bank payment mode"):
            self.new_receipt(cash).action_import_sepa_est()

    def test_user_without_accounting_rights_cannot_import(self):
        receipt = self.new_receipt(self.swed_journal)
        user = new_test_user(
            self.env,
            login="employee_no_acc",
            groups="base.group_user",
            company_id=self.company.id,
        )
        with self.assertRaises(AccessError):
            self.env["account.receipt.camt.import"].with_user(user).create(
                {"receipt_id": receipt.id}
            )
        with self.assertRaises(AccessError):
            self.env["account.receipt.factoring.import"].with_user(user).create(
                {"receipt_id": receipt.id}
            )
        with self.assertRaises(AccessError):
            receipt.with_user(user).action_import_sepa_est()

    def test_accountant_can_import(self):
        user = new_test_user(
            self.env,
            login="accountant_bi",
            groups="account.group_account_invoice",
            company_id=self.company.id,
        )
        receipt = self.new_receipt(self.swed_journal).with_user(user)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml")
        self.assertEqual(wizard.env.user, user)
        self.assertEqual(
            [
                (line.partner_id.name, line.invoice_id.name or False, line.amount)
                for line in receipt.line_ids
            ],
            [
                ("Kliendi OÜ", "INV/2026/00118", 1250.0),
                ("Mari Maasikas", "INV/2026/00119", 99.90),
                ("Teine Klient AS", False, 300.0),
            ],
        )

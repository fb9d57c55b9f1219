# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The payments the matching step used to miss (issue 16), one test each."""

from odoo import Command
from odoo.tests import Form, tagged

from . import camt_builder as cb
from .common import IBAN_SWEDBANK, BankImportCommon


@tagged("post_install", "-at_install")
class TestImportMatching(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.sadam = Partner.create({"name": "AS Pärnu Sadam", "is_company": True})
        cls.kask = Partner.create({"name": "Maria Kask"})
        cls.ema = Partner.create(
            {
                "name": "Ema Kontsern AS",
                "is_company": True,
                "company_registry": "11112222",
            }
        )
        cls.tutar = Partner.create(
            {"name": "Tütar OÜ", "is_company": True, "company_registry": "33334444"}
        )
        cls.ema.bank_ids = [Command.create({"acc_number": "EE592200221099887766"})]

    def match(self, *entries):
        """Preview lines of a statement of ``entries`` after the matching step."""
        receipt = self.new_receipt(self.swed_journal)
        data = cb.build([(IBAN_SWEDBANK, list(entries))])
        wizard = self.import_camt(receipt, "statement.xml", data=data, apply=False)
        return wizard.line_ids.sorted("sequence")

    def test_invoice_numbers_written_differently(self):
        inv12 = self.make_named_invoice(self.kolmas, 100.0, "INV/2026/00012")
        inv13 = self.make_named_invoice(self.teine, 200.0, "INV/2026/00013")
        inv32 = self.make_named_invoice(self.kask, 300.0, "INV/2026/00032")
        self.make_named_invoice(self.kolmas, 11.0, "INV/2026/00011")
        lines = self.match(
            cb.single("100.00", name="Someone", text="arve nr 2026/0012"),
            cb.single("200.00", name="Someone", text="INV 2026 00013"),
            cb.single("300.00", name="Someone", text="INV-2026-00032"),
            # a date is not invoice 11
            cb.single("11.00", name="Someone", text="makse 2026-11-20"),
        )
        self.assertEqual(
            [line.invoice_ids for line in lines[:3]], [inv12, inv13, inv32]
        )
        self.assertEqual(set(lines[:3].mapped("match_rule")), {"invoice_number"})
        self.assertIn("INV/2026/00013", lines[1].match_explanation)
        self.assertEqual(
            (lines[3].match_rule, lines[3].invoice_ids),
            ("none", self.env["account.move"]),
        )

    def test_reference_number_typed_in_the_text(self):
        invoice = self.make_named_invoice(
            self.kolmas, 55.0, "INV/2026/00301", payment_reference="20261188"
        )
        rf_invoice = self.make_named_invoice(
            self.teine, 66.0, "INV/2026/00302", payment_reference="RF18539007547034"
        )
        self.make_named_invoice(
            self.teine, 77.0, "INV/2026/00303", payment_reference="20261180"
        )
        lines = self.match(
            cb.single("55.00", name="X", text="viitenumber 2026 1188"),
            cb.single("66.00", name="Y", text="maksan RF18 5390 0754 7034 eest"),
            # wrong check digit: 20261181 is not a reference, nothing found
            cb.single("77.00", name="Z", text="viitenumber 20261181"),
        )
        self.assertEqual(
            [(line.match_rule, line.invoice_ids) for line in lines[:2]],
            [("reference_text", invoice), ("reference_text", rf_invoice)],
        )
        self.assertEqual(lines[2].match_rule, "none")

    def test_reversed_and_upper_case_names(self):
        """Names compared in Python (case-folded, accents, word order, legal form), not
        with SQL lower()."""
        inv_kask = self.make_named_invoice(self.kask, 40.0, "INV/2026/00401")
        inv_sadam = self.make_named_invoice(self.sadam, 1234.5, "INV/2026/00402")
        lines = self.match(
            cb.single("40.00", name="KASK MARIA"),
            cb.single("1234.50", name="PÄRNU SADAM AS"),
        )
        self.assertEqual(
            [(line.partner_id, line.invoice_ids) for line in lines],
            [(self.kask, inv_kask), (self.sadam, inv_sadam)],
        )
        self.assertIn("KASK MARIA", lines[0].match_explanation)

    def test_third_party_paying_for_a_customer(self):
        """Ema Kontsern pays the invoice of Tütar OÜ: the invoice number wins over the
        payer's own account, and the ultimate debtor wins over the payer."""
        inv_tutar = self.make_named_invoice(self.tutar, 500.0, "INV/2026/00501")
        self.make_named_invoice(self.ema, 500.0, "INV/2026/00502")
        self.make_named_invoice(self.tutar, 250.0, "INV/2026/00503")
        lines = self.match(
            cb.single(
                "500.00",
                name="Ema Kontsern AS",
                iban="EE592200221099887766",
                text="INV/2026/00501",
            ),
            cb.single(
                "250.00",
                name="Ema Kontsern AS",
                iban="EE592200221099887766",
                ultimate_name="Tütar OÜ",
                ultimate_id="33334444",
                text="teenused",
            ),
        )
        self.assertEqual(
            [(line.partner_id, line.match_rule) for line in lines],
            [(self.tutar, "invoice_number"), (self.tutar, "amount")],
        )
        self.assertEqual(lines[0].invoice_ids, inv_tutar)
        self.assertEqual(lines[1].ultimate_payer_name, "Tütar OÜ")
        self.assertIn("ultimate debtor", lines[1].match_explanation)

    def test_customer_reference_pays_two_newer_invoices(self):
        """A reference shared by three invoices: the payment equals the two newer ones,
        not the two oldest."""
        old = self.make_named_invoice(
            self.kolmas,
            100.0,
            "INV/2026/00601",
            payment_reference="777000126",
            date="2026-10-01",
        )
        mid = self.make_named_invoice(
            self.kolmas,
            150.0,
            "INV/2026/00602",
            payment_reference="777000126",
            date="2026-10-15",
        )
        new = self.make_named_invoice(
            self.kolmas,
            80.0,
            "INV/2026/00603",
            payment_reference="777000126",
            date="2026-11-01",
        )
        lines = self.match(
            cb.single("230.00", name="Kolmas Klient OÜ", reference="777000126")
        )
        self.assertEqual(lines.invoice_ids, mid | new)
        self.assertNotIn(old, lines.invoice_ids)

    def test_two_invoices_paid_together_from_the_iban_alone(self):
        self.kask.bank_ids = [Command.create({"acc_number": "EE471000001020145685"})]
        first = self.make_named_invoice(
            self.kask, 1120.0, "INV/2026/00701", date="2026-10-01"
        )
        second = self.make_named_invoice(
            self.kask, 1120.0, "INV/2026/00702", date="2026-10-20"
        )
        lines = self.match(
            cb.single("2240.00", name="M. K.", iban="EE471000001020145685")
        )
        self.assertEqual(
            (lines.partner_id, lines.match_rule, lines.invoice_ids),
            (self.kask, "combination", first | second),
        )
        self.assertIn("add up", lines.match_explanation)

    def test_payment_of_an_already_paid_invoice_is_hinted(self):
        invoice = self.make_named_invoice(
            self.kolmas, 90.0, "INV/2026/00801", payment_reference="1234561"
        )
        receipt = self.new_receipt(self.swed_journal)
        receipt.line_ids = [
            Command.create(
                {"partner_id": self.kolmas.id, "invoice_id": invoice.id, "amount": 90.0}
            )
        ]
        receipt.action_post()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        (line,) = self.match(cb.single("90.00", name="Unknown", reference="1234561"))
        self.assertEqual(
            (line.match_rule, line.partner_id, line.invoice_ids),
            ("already_paid", self.kolmas, self.env["account.move"]),
        )
        self.assertIn("already paid", line.match_explanation)

    def test_credit_note_chosen_in_the_matching_step(self):
        """The accountant nets a credit note with the invoice: 1,000 − 200 paid by
        800."""
        invoice = self.make_named_invoice(self.kolmas, 1000.0, "INV/2026/00901")
        credit_note = self.make_invoice(
            self.kolmas, 200.0, date="2026-11-05", move_type="out_refund"
        )
        receipt = self.new_receipt(self.swed_journal)
        data = cb.build(
            [
                (
                    IBAN_SWEDBANK,
                    [cb.single("800.00", name="Kolmas Klient OÜ", text="tasaarveldus")],
                )
            ]
        )
        wizard = self.import_camt(receipt, "statement.xml", data=data, apply=False)
        with Form(wizard) as form, form.line_ids.edit(0) as row:
            row.partner_id = self.kolmas
            row.invoice_ids.add(invoice)
            row.invoice_ids.add(credit_note)
            self.assertEqual(row.prepayment_amount, 0.0)
        wizard.action_apply()
        self.assertEqual(
            sorted(
                (line.invoice_id.move_type or "", line.amount)
                for line in receipt.line_ids
            ),
            [("out_invoice", 1000.0), ("out_refund", -200.0)],
        )
        receipt.action_post()
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(credit_note.payment_state, "paid")

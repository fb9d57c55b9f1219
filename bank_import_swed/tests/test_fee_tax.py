# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Factoring commission VAT: on the fee account by default (the seed's booking), split
into net commission and deductible input VAT (with the tax's grids) when the payment
mode has a Fee VAT tax. Generic chart."""

import base64
from pathlib import Path

from odoo import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

DATA_DIR = Path(__file__).resolve().parent / "data"


@tagged("post_install", "-at_install")
class TestFactoringFeeTax(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.currency = cls.company.currency_id
        Account = cls.env["account.account"]
        cls.prepayment_account = Account.create(
            {
                "name": "Customer prepayments",
                "code": "FT1",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        cls.fee_account = Account.create(
            {"name": "Factoring commission", "code": "FT2", "account_type": "expense"}
        )
        cls.input_vat = Account.create(
            {"name": "Input VAT", "code": "FT3", "account_type": "asset_current"}
        )
        cls.company.receipt_prepayment_account_id = cls.prepayment_account
        country = cls.company.account_fiscal_country_id
        Tag = cls.env["account.account.tag"]
        cls.tag_base = Tag.create(
            {
                "name": "FT base of input VAT",
                "applicability": "taxes",
                "country_id": country.id,
            }
        )
        cls.tag_vat = Tag.create(
            {"name": "FT input VAT", "applicability": "taxes", "country_id": country.id}
        )
        cls.tag_base_refund = Tag.create(
            {
                "name": "FT base of input VAT (refund)",
                "applicability": "taxes",
                "country_id": country.id,
            }
        )
        cls.tag_vat_refund = Tag.create(
            {
                "name": "FT input VAT (refund)",
                "applicability": "taxes",
                "country_id": country.id,
            }
        )

        def repartition(base_tag, vat_tag):
            return [
                Command.create(
                    {"repartition_type": "base", "tag_ids": [Command.set(base_tag.ids)]}
                ),
                Command.create(
                    {
                        "repartition_type": "tax",
                        "account_id": cls.input_vat.id,
                        "tag_ids": [Command.set(vat_tag.ids)],
                    }
                ),
            ]

        cls.vat22 = cls.env["account.tax"].create(
            {
                "name": "Input VAT 22%",
                "amount_type": "percent",
                "amount": 22.0,
                "type_tax_use": "purchase",
                "country_id": country.id,
                "invoice_repartition_line_ids": repartition(cls.tag_base, cls.tag_vat),
                "refund_repartition_line_ids": repartition(
                    cls.tag_base_refund, cls.tag_vat_refund
                ),
            }
        )
        bank_account = cls.env["res.partner.bank"].create(
            {
                "acc_number": "EE052200221234567890",
                "partner_id": cls.company.partner_id.id,
            }
        )
        cls.journal = cls.env["account.journal"].create(
            {
                "name": "Factoring advances",
                "code": "FTADV",
                "type": "bank",
                "bank_account_id": bank_account.id,
                "receipt_export_type": "swed_factoring",
                "receipt_factoring_list": "advance",
                "receipt_bank_services_account_id": cls.fee_account.id,
            }
        )
        cls.bank_account = cls.journal.default_account_id
        cls.customer = cls.env["res.partner"].create(
            {"name": "Kliendi OÜ", "is_company": True}
        )
        cls.receivable = cls.customer.property_account_receivable_id

    def make_invoice(self, amount, name):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": "2026-11-02",
                "date": "2026-11-02",
                "currency_id": self.currency.id,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Service",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "account_id": self.company_data[
                                "default_account_revenue"
                            ].id,
                        }
                    )
                ],
            }
        )
        invoice.name = name
        invoice.action_post()
        return invoice

    def import_advance_list(self):
        """IMPORT SWED factoring of the sample advance list (row INV/2026/00140: bank
        amount 2,000.00, commission 10.00 + VAT 2.20) into a new receipt, then post
        it."""
        invoice = self.make_invoice(2500.0, "INV/2026/00140")
        receipt = self.env["account.receipt"].create(
            {"journal_id": self.journal.id, "date": "2026-11-20"}
        )
        action = receipt.action_import_swed_factoring()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        # the sample is in EUR; the generic chart's company currency may be another one
        data = (DATA_DIR / "swed_factoring_adv_variant.xml").read_bytes()
        data = data.replace(
            b"<fact:currency>eur<", b"<fact:currency>%s<" % self.currency.name.encode()
        )
        wizard.write(
            {
                "data_file": base64.b64encode(data),
                "filename": "swed_factoring_adv_variant.xml",
            }
        )
        wizard.action_read_file()
        wizard.unknown_policy = "skip"
        wizard.action_apply()
        self.assertEqual(len(receipt.line_ids), 1)
        self.assertEqual(
            (receipt.line_ids.amount, receipt.line_ids.fee_amount), (2000.0, 12.20)
        )
        receipt.action_post()
        return receipt, invoice

    def items(self, move):
        return sorted(
            (
                aml.account_id.code,
                aml.partner_id.name or False,
                aml.debit,
                aml.credit,
                aml.amount_currency,
                aml.currency_id.name,
                tuple(sorted(aml.tax_ids.mapped("name"))),
                aml.tax_line_id.name or False,
                tuple(sorted(aml.tax_tag_ids.mapped("name"))),
            )
            for aml in move.line_ids
        )

    def test_default_commission_with_vat_on_the_fee_account(self):
        """Without Fee VAT on the payment mode, commission and its VAT (12.20) go to the
        fee account, no tax."""
        receipt, invoice = self.import_advance_list()
        cur = self.currency.name
        self.assertEqual(
            self.items(receipt.move_id),
            sorted(
                [
                    (
                        self.bank_account.code,
                        False,
                        2000.0,
                        0.0,
                        2000.0,
                        cur,
                        (),
                        False,
                        (),
                    ),
                    (
                        self.fee_account.code,
                        False,
                        12.20,
                        0.0,
                        12.20,
                        cur,
                        (),
                        False,
                        (),
                    ),
                    (
                        self.receivable.code,
                        "Kliendi OÜ",
                        0.0,
                        2012.20,
                        -2012.20,
                        cur,
                        (),
                        False,
                        (),
                    ),
                ]
            ),
        )
        self.assertEqual(invoice.amount_residual, 487.80)
        receivable_item = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.receivable
        )
        self.assertTrue(receivable_item.reconciled)
        self.assertEqual(
            receivable_item.matched_debit_ids.debit_move_id.move_id, invoice
        )

    def test_deductible_commission_vat_on_input_vat(self):
        """With Fee VAT 22 % on the payment mode, 12.20 is split: 10.00 commission (tax
        and base grid) and 2.20 input VAT (the tax's account and VAT grid); the invoice
        is credited 2,012.20 as before."""
        self.journal.receipt_fee_tax_id = self.vat22
        receipt, invoice = self.import_advance_list()
        cur = self.currency.name
        self.assertEqual(
            self.items(receipt.move_id),
            sorted(
                [
                    (
                        self.bank_account.code,
                        False,
                        2000.0,
                        0.0,
                        2000.0,
                        cur,
                        (),
                        False,
                        (),
                    ),
                    (
                        self.fee_account.code,
                        False,
                        10.0,
                        0.0,
                        10.0,
                        cur,
                        ("Input VAT 22%",),
                        False,
                        ("FT base of input VAT",),
                    ),
                    (
                        self.input_vat.code,
                        False,
                        2.20,
                        0.0,
                        2.20,
                        cur,
                        (),
                        "Input VAT 22%",
                        ("FT input VAT",),
                    ),
                    (
                        self.receivable.code,
                        "Kliendi OÜ",
                        0.0,
                        2012.20,
                        -2012.20,
                        cur,
                        (),
                        False,
                        (),
                    ),
                ]
            ),
        )
        vat_item = receipt.move_id.line_ids.filtered("tax_line_id")
        self.assertEqual(vat_item.tax_base_amount, 10.0)
        self.assertEqual(vat_item.tax_repartition_line_id.repartition_type, "tax")
        self.assertEqual(invoice.amount_residual, 487.80)
        self.assertTrue(
            receipt.move_id.line_ids.filtered(
                lambda aml: aml.account_id == self.receivable
            ).reconciled
        )

    def test_deductible_vat_summed_per_tax_over_lines(self):
        """Two rows with fees on one receipt: one net commission item and one VAT item,
        summed (the items with the tax are not summed with fee items without it)."""
        self.journal.receipt_fee_tax_id = self.vat22
        first = self.make_invoice(1000.0, "INV/2026/00150")
        second = self.make_invoice(500.0, "INV/2026/00151")
        receipt = self.env["account.receipt"].create(
            {
                "journal_id": self.journal.id,
                "date": "2026-11-20",
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": self.customer.id,
                            "invoice_id": first.id,
                            "amount": 993.90,
                            "fee_amount": 6.10,
                        }
                    ),
                    Command.create(
                        {
                            "partner_id": self.customer.id,
                            "invoice_id": second.id,
                            "amount": 496.95,
                            "fee_amount": 3.05,
                        }
                    ),
                ],
            }
        )
        receipt.action_post()
        move = receipt.move_id
        fee = move.line_ids.filtered(lambda aml: aml.account_id == self.fee_account)
        vat = move.line_ids.filtered(lambda aml: aml.account_id == self.input_vat)
        # 6.10 = 5.00 + 1.10 and 3.05 = 2.50 + 0.55
        self.assertEqual(
            (len(fee), fee.debit, fee.tax_ids, fee.tax_tag_ids),
            (1, 7.50, self.vat22, self.tag_base),
        )
        self.assertEqual(
            (len(vat), vat.debit, vat.tax_line_id, vat.tax_tag_ids),
            (1, 1.65, self.vat22, self.tag_vat),
        )
        self.assertEqual(vat.tax_base_amount, 7.50)
        self.assertEqual(sum(move.line_ids.mapped("debit")), 1500.0)
        self.assertEqual(sum(move.line_ids.mapped("credit")), 1500.0)
        self.assertEqual((first.payment_state, second.payment_state), ("paid", "paid"))

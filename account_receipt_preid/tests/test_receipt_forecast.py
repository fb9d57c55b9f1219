# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Receipt forecast: open customer invoices by due date and overdue bucket, in company
and invoice currency, multi-company safe, and one receipt made from the selected rows by
the invoices' own *Register Receipt*."""

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import ReceiptCommon
from .common_generic import GenericChartEur


@tagged("post_install", "-at_install")
class TestReceiptForecast(GenericChartEur, ReceiptCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.koks = Partner.create({"name": "Forecast Koks SIA", "is_company": True})
        cls.puit = Partner.create({"name": "Forecast Puit OÜ", "is_company": True})
        (cls.koks | cls.puit).property_account_receivable_id = cls.receivable
        cls.Forecast = cls.env["account.receipt.forecast"].with_context(
            receipt_forecast_date="2026-03-05"
        )
        # due 2026-03-10: not due on 2026-03-05
        cls.inv_not_due = cls._due_invoice(
            cls.koks, 100, "2026-02-20", "2026-03-10", "INV/2026/00301"
        )
        # due 2026-02-01: 32 days overdue
        cls.inv_32 = cls._due_invoice(
            cls.koks, 200, "2026-01-15", "2026-02-01", "INV/2026/00302"
        )
        # USD 300 dated 2026-01-15 (1 EUR = 1.10 USD): 272.73 EUR, due 2025-11-20: 105
        # days overdue
        cls.inv_usd = cls._due_invoice(
            cls.puit, 300, "2026-01-15", "2025-11-20", "INV/2026/00303", cls.usd
        )
        # due 2026-02-20, 13 days overdue, 400 of which 150 is paid: 250 open
        cls.inv_partial = cls._due_invoice(
            cls.puit, 400, "2026-02-10", "2026-02-20", "INV/2026/00304"
        )
        # paid in full: not a forecast row
        cls.inv_paid = cls._due_invoice(
            cls.puit, 50, "2026-02-10", "2026-02-20", "INV/2026/00305"
        )

    @classmethod
    def _due_invoice(cls, partner, amount, date, due, name, currency=None):
        move = cls.make_draft_invoice(partner, amount, currency, date)
        move.invoice_date_due = due
        move.name = name
        move.action_post()
        return move

    def _pay(self, invoice, amount):
        receipt = self.make_receipt(
            [
                {
                    "partner_id": invoice.partner_id.id,
                    "invoice_id": invoice.id,
                    "amount": amount,
                }
            ],
            date="2026-02-25",
        )
        receipt.action_post()
        return receipt

    def _rows(self, domain=None):
        rows = self.Forecast.search(
            [("company_id", "=", self.company.id), *(domain or [])]
        )
        return {
            row.move_id.name: (
                row.partner_id.name,
                str(row.date_maturity),
                row.days_overdue,
                row.bucket,
                row.amount_residual,
                row.amount_residual_currency,
                row.currency_id.name,
            )
            for row in rows
        }

    def test_rows_buckets_and_currencies(self):
        self._pay(self.inv_partial, 150)
        self._pay(self.inv_paid, 50)
        self.assertEqual(
            self._rows(),
            {
                "INV/2026/00301": (
                    "Forecast Koks SIA",
                    "2026-03-10",
                    0,
                    "not_due",
                    100.0,
                    100.0,
                    "EUR",
                ),
                "INV/2026/00302": (
                    "Forecast Koks SIA",
                    "2026-02-01",
                    32,
                    "31_60",
                    200.0,
                    200.0,
                    "EUR",
                ),
                "INV/2026/00303": (
                    "Forecast Puit OÜ",
                    "2025-11-20",
                    105,
                    "90_plus",
                    272.73,
                    300.0,
                    "USD",
                ),
                "INV/2026/00304": (
                    "Forecast Puit OÜ",
                    "2026-02-20",
                    13,
                    "1_30",
                    250.0,
                    250.0,
                    "EUR",
                ),
            },
        )
        # the bucket columns add up to the open amount, per customer
        groups = self.Forecast._read_group(
            [("company_id", "=", self.company.id)],
            ["partner_id"],
            [
                "amount_residual:sum",
                "amount_not_due:sum",
                "amount_1_30:sum",
                "amount_31_60:sum",
                "amount_90_plus:sum",
            ],
        )
        self.assertEqual(
            sorted(
                (partner.name, *(round(v, 2) for v in values))
                for partner, *values in groups
            ),
            [
                ("Forecast Koks SIA", 300.0, 100.0, 0.0, 200.0, 0.0),
                ("Forecast Puit OÜ", 522.73, 0.0, 250.0, 0.0, 272.73),
            ],
        )
        # the filters of the search view
        self.assertEqual(
            sorted(self._rows([("bucket", "!=", "not_due")])),
            ["INV/2026/00302", "INV/2026/00303", "INV/2026/00304"],
        )
        # another day, other buckets: on 2026-04-15 the first invoice is 36 days overdue
        # rows read above are cached with the values of 2026-03-05
        self.Forecast.invalidate_model()
        later = self.Forecast.with_context(receipt_forecast_date="2026-04-15").search(
            [("move_id", "=", self.inv_not_due.id)]
        )
        self.assertEqual(
            (later.days_overdue, later.bucket, later.amount_31_60), (36, "31_60", 100.0)
        )

    def test_installments_are_rows(self):
        """An invoice with a payment term of two installments gives two rows, each with
        its due date."""
        term = self.env["account.payment.term"].create(
            {
                "name": "Half now, half in 30 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 30}
                    ),
                ],
            }
        )
        move = self.make_draft_invoice(self.koks, 600, date="2026-02-20")
        move.invoice_payment_term_id = term
        move.action_post()
        rows = self.Forecast.search([("move_id", "=", move.id)])
        self.assertEqual(
            sorted((str(r.date_maturity), r.bucket, r.amount_residual) for r in rows),
            [("2026-02-20", "1_30", 300.0), ("2026-03-22", "not_due", 300.0)],
        )

    def test_multi_company_rule(self):
        other = self.setup_other_company(name="Forecast Company B")
        other_company = other["company"]
        foreign = (
            self.env["account.move"]
            .with_company(other_company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.koks.id,
                    "invoice_date": "2026-02-01",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Service",
                                "price_unit": 70,
                                "tax_ids": [Command.clear()],
                                "account_id": other["default_account_revenue"].id,
                            }
                        )
                    ],
                }
            )
        )
        foreign.action_post()
        user = new_test_user(
            self.env,
            login="forecast_invoicing",
            groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        mine = self.Forecast.with_user(user).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.company_id, self.company)
        self.assertNotIn(foreign, mine.move_id)
        self.assertIn(foreign, self.Forecast.sudo().search([]).move_id)

    def test_register_receipt_from_forecast(self):
        """Two selected rows of two customers become one draft receipt (the invoices'
        *Register Receipt*), posted: one bank debit, one receivable credit per customer,
        both invoices paid and gone from the forecast."""
        invoices = self.inv_32 | self.inv_partial
        rows = self.Forecast.search([("move_id", "in", invoices.ids)])
        action = rows.action_register_receipt()
        receipt = self.env["account.receipt"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "account.receipt")
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(receipt.journal_id, self.bank_journal)
        self.assertEqual(
            sorted(
                (line.partner_id.name, line.invoice_id.name, line.amount)
                for line in receipt.line_ids
            ),
            [
                ("Forecast Koks SIA", "INV/2026/00302", 200.0),
                ("Forecast Puit OÜ", "INV/2026/00304", 400.0),
            ],
        )
        receipt.date = fields.Date.to_date("2026-03-05")
        receipt.action_post()
        items = sorted(
            (
                aml.account_id.id,
                aml.partner_id.name or "",
                aml.debit,
                aml.credit,
                aml.amount_currency,
                aml.currency_id.name,
                aml.reconciled,
            )
            for aml in receipt.move_id.line_ids
        )
        self.assertEqual(
            items,
            sorted(
                [
                    (self.bank_account.id, "", 600.0, 0.0, 600.0, "EUR", False),
                    (
                        self.receivable.id,
                        "Forecast Koks SIA",
                        0.0,
                        200.0,
                        -200.0,
                        "EUR",
                        True,
                    ),
                    (
                        self.receivable.id,
                        "Forecast Puit OÜ",
                        0.0,
                        400.0,
                        -400.0,
                        "EUR",
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual(invoices.mapped("payment_state"), ["paid", "paid"])
        self.assertFalse(self.Forecast.search([("move_id", "in", invoices.ids)]))
        self.assertEqual(
            len(self.Forecast.search([("company_id", "=", self.company.id)])), 3
        )

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tour: Receipt Forecast → select two invoices → Register Receipt → Confirm,
then the posting is checked here."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import ReceiptCommon
from .common_generic import GenericChartEur
from .common_tour import TourMixin


@tagged("post_install", "-at_install")
class TestReceiptForecastTour(TourMixin, GenericChartEur, ReceiptCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._make_tour_user(
            "forecast_tour_accountant",
            "Forecast Tour Accountant",
        )
        Partner = cls.env["res.partner"]
        cls.koks = Partner.create(
            {"name": "Tour Forecast Koks SIA", "is_company": True}
        )
        cls.puit = Partner.create({"name": "Tour Forecast Puit OÜ", "is_company": True})
        (cls.koks | cls.puit).property_account_receivable_id = cls.receivable
        today = fields.Date.context_today(cls.env["account.move"])
        cls.today = today
        cls.invoices = cls.env["account.move"]
        for partner, amount, due_in, name in (
            (cls.koks, 450, -40, "INV/2026/00501"),  # 40 days overdue
            (cls.koks, 120, 10, "INV/2026/00502"),  # due in 10 days
            (cls.puit, 75, -5, "INV/2026/00503"),  # 5 days overdue
        ):
            move = cls.make_draft_invoice(
                partner, amount, date=today - timedelta(days=50)
            )
            move.invoice_date_due = today + timedelta(days=due_in)
            move.name = name
            move.action_post()
            cls.invoices |= move

    def test_forecast_to_receipt(self):
        self.start_tour(
            "/odoo",
            "account_receipt_preid_forecast",
            login=self.accountant.login,
            timeout=60,
        )
        receipt = self.env["account.receipt"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(receipt), 1)
        self.assertEqual(
            (receipt.create_uid, receipt.state, receipt.date),
            (self.accountant, "posted", self.today),
        )
        paid, open_invoice, paid_2 = self.invoices
        self.assertEqual(
            sorted(
                (line.partner_id.name, line.invoice_id.name, line.amount)
                for line in receipt.line_ids
            ),
            [
                ("Tour Forecast Koks SIA", "INV/2026/00501", 450.0),
                ("Tour Forecast Puit OÜ", "INV/2026/00503", 75.0),
            ],
        )
        self.assertEqual(
            sorted(
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
            ),
            sorted(
                [
                    (self.bank_account.id, "", 525.0, 0.0, 525.0, "EUR", False),
                    (
                        self.receivable.id,
                        "Tour Forecast Koks SIA",
                        0.0,
                        450.0,
                        -450.0,
                        "EUR",
                        True,
                    ),
                    (
                        self.receivable.id,
                        "Tour Forecast Puit OÜ",
                        0.0,
                        75.0,
                        -75.0,
                        "EUR",
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual((paid | paid_2).mapped("payment_state"), ["paid", "paid"])
        self.assertEqual(open_invoice.payment_state, "not_paid")
        forecast = self.env["account.receipt.forecast"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(forecast.move_id, open_invoice)

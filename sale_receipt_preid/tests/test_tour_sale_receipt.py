# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sales order → Register Receipt → PreID → the order's invoice paid by it, in a real
browser (headless Chromium), as an accountant with sales rights; the numbers are checked
here."""

from odoo.tests import HttpCase, tagged

from odoo.addons.account_receipt_preid.tests.common_tour import (
    ACCOUNTANT_GROUPS,
    TourMixin,
)

from .common import SaleReceiptCommon


@tagged("post_install", "-at_install")
class TestSaleReceiptTour(TourMixin, SaleReceiptCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls._make_tour_user(
            "tour_sale_accountant",
            "Tour Sale Accountant",
            groups=f"{ACCOUNTANT_GROUPS},sales_team.group_sale_salesman_all_leads",
        )
        cls.customer.name = "Tour Order SIA"

    def test_order_prepayment_pays_its_invoice(self):
        # older than the tour's receipt (today)
        older = self.receive(self.customer, 200, date="2026-01-10")
        order = self.make_order(600, name="TOUR/SO/001")

        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "sale_receipt_preid_order_prepayment",
            login=self.user.login,
            timeout=90,
        )
        receipt = self.env["account.receipt"].search(
            [("create_uid", "=", self.user.id)]
        )
        self.assertEqual(len(receipt), 1)
        self.assertEqual(receipt.state, "posted")
        self.assertEqual(receipt.line_ids.sale_order_id, order)
        self.assertEqual(
            self.items(receipt.move_id),
            sorted(
                [
                    (self.bank_account.code, "", 600.0, 0.0, 600.0, self.cur, False),
                    (
                        self.prepayment_account.code,
                        "Tour Order SIA",
                        0.0,
                        600.0,
                        -600.0,
                        self.cur,
                        False,
                    ),
                ]
            ),
        )
        preid = receipt.line_ids.created_prepayment_id
        self.assertEqual(preid.sale_order_id, order)
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(
            (invoice.state, invoice.payment_state, invoice.amount_total),
            ("posted", "paid", 600.0),
        )
        self.assertEqual(
            [
                (a.prepayment_id, a.amount, a.manual)
                for a in invoice.preid_allocation_ids
            ],
            [(preid, 600.0, False)],
        )
        self.assertEqual(
            self.items(invoice.preid_allocation_ids.move_id),
            sorted(
                [
                    (
                        self.prepayment_account.code,
                        "Tour Order SIA",
                        600.0,
                        0.0,
                        600.0,
                        self.cur,
                        False,
                    ),
                    (
                        self.receivable.code,
                        "Tour Order SIA",
                        0.0,
                        600.0,
                        -600.0,
                        self.cur,
                        True,
                    ),
                ]
            ),
        )
        self.assertEqual((preid.usable_balance, older.usable_balance), (0.0, 200.0))
        self.assertEqual(
            (
                order.preid_received_total,
                order.preid_usable_total,
                order.preid_to_receive,
            ),
            (600, 0, 0),
        )
        self.assertLedgerAgrees()

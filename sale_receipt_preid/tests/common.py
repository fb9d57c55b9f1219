# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

from odoo.addons.account_receipt_preid.tests.common_preid import PreidCommon


class SaleReceiptCommon(PreidCommon):
    """Receipt fixtures on Odoo's generic chart, a customer and an untaxed service sold
    by the order."""

    country_code = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cur = cls.company.currency_id.name
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Order Customer SIA",
                "is_company": True,
                "property_account_receivable_id": cls.receivable.id,
            }
        )
        cls.service = cls.env["product.product"].create(
            {
                "name": "Roof trusses",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "property_account_income_id": cls.revenue.id,
            }
        )

    @classmethod
    def make_order(cls, amount, partner=None, name=None):
        """A confirmed sales order of one untaxed line of ``amount``."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.service.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [],
                        }
                    )
                ],
            }
        )
        if name:
            order.name = name
        order.action_confirm()
        return order

    def items(self, moves):
        """(account, partner, debit, credit, amount in currency, currency, reconciled)
        of ``moves``' items."""
        return sorted(
            (
                aml.account_id.code,
                aml.partner_id.name or "",
                aml.debit,
                aml.credit,
                aml.amount_currency,
                aml.currency_id.name,
                aml.reconciled,
            )
            for aml in moves.line_ids
        )

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The refund payment file wizard belongs to its creator in their company (issue 15,
item 7)."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestRefundExportIsolation(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("refund_iso")
        cls.colleague = cls.make_company_user("refund_iso_colleague")

    def test_refund_export_is_its_creators(self):
        prepayment = self.receive(self.partner_a, 100)
        receipt = self.refund(prepayment, 40, payer_iban="EE382200221020145685")
        action = receipt.with_user(self.invoicing_user).action_open_refund_export()
        Export = self.env["account.prepayment.refund.export"]
        wizard = Export.browse(action["res_id"])
        self.assertEqual(
            wizard.with_user(self.invoicing_user).line_ids, receipt.line_ids
        )
        for user in (self.user_b, self.colleague):
            with self.subTest(user=user.login):
                self.assertFalse(
                    Export.with_user(user).search([("id", "=", wizard.id)])
                )
                with self.assertRaises(AccessError):
                    Export.with_user(user).browse(wizard.id).read(
                        ["file_data", "line_ids"]
                    )
                with self.assertRaises(AccessError):
                    Export.with_user(user).browse(wizard.id).write(
                        {"schema": "pain.001.001.09"}
                    )
        # a wizard naming another company's refund lines is refused to its creator too
        with self.assertRaises(AccessError):
            Export.with_user(self.user_b).create(
                {"line_ids": [Command.set(receipt.line_ids.ids)]}
            )

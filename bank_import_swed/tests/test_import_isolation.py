# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The import wizards hold a company's bank statement until Apply books it: a user of
another company, and another user of the same company, can neither read nor change them
(issue 15: an amount of company A's pending import changed to 987,654.32 by a company B
user, then booked by A's Apply)."""

import logging

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BankImportCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestImportIsolation(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("isolation")
        cls.colleague = cls.make_company_user("isolation_colleague")
        cls.inv118 = cls.make_named_invoice(
            cls.kliendi, 1250.0, "INV/2026/00118", payment_reference="2026 1188"
        )
        cls.inv_mari = cls.make_named_invoice(cls.mari, 99.90, "INV/2026/00119")

    def _assert_hidden(self, records, user):
        """``user`` finds none of ``records``, and reading or writing any of them is
        refused."""
        Model = self.env[records._name].with_user(user)
        self.assertFalse(
            Model.search([("id", "in", records.ids)]),
            f"{user.login} finds {records._name}",
        )
        for record in records:
            with self.assertRaises(AccessError, msg=f"{user.login} reads {record}"):
                Model.browse(record.id).read(["create_uid"])
            with self.assertRaises(AccessError, msg=f"{user.login} writes {record}"):
                Model.browse(record.id).write({"create_uid": user.id})

    def test_pending_camt_import_is_its_creators(self):
        receipt = self.new_receipt(self.swed_journal).with_user(self.invoicing_user)
        wizard = self.import_camt(receipt, "camt053_swedbank_ee.xml", apply=False)
        self.assertEqual(wizard.env.user, self.invoicing_user)
        amounts = sorted(wizard.line_ids.mapped("amount"))
        self.assertTrue(wizard.line_ids and wizard.skip_ids)
        _logger.info(
            "camt import: %d lines, %d skipped, total %s",
            len(wizard.line_ids),
            len(wizard.skip_ids),
            sum(amounts),
        )
        for user in (self.user_b, self.colleague):
            with self.subTest(user=user.login):
                self._assert_hidden(wizard, user)
                self._assert_hidden(wizard.line_ids, user)
                self._assert_hidden(wizard.skip_ids, user)
                line = (
                    self.env["account.receipt.camt.import.line"]
                    .with_user(user)
                    .browse(wizard.line_ids[0].id)
                )
                with self.assertRaises(AccessError):
                    line.write({"amount": 987654.32})
                with self.assertRaises(AccessError):
                    self.env["account.receipt.camt.import"].with_user(user).browse(
                        wizard.id
                    ).action_apply()
        # the creator's Apply books the statement as read from the file
        wizard.action_apply()
        self.assertEqual(sorted(receipt.line_ids.mapped("amount")), amounts)
        self.assertNotIn(987654.32, receipt.line_ids.mapped("amount"))

    def test_pending_factoring_import_is_its_creators(self):
        receipt = self.new_receipt(self.factoring_journal).with_user(
            self.invoicing_user
        )
        wizard = self.import_factoring(
            receipt, "swed_factoring_adv_variant.xml", apply=False
        )
        self.assertTrue(wizard.line_ids)
        for user in (self.user_b, self.colleague):
            with self.subTest(user=user.login):
                self._assert_hidden(wizard, user)
                self._assert_hidden(wizard.line_ids, user)
                self._assert_hidden(wizard.skip_ids, user)

    def test_creator_in_another_company_loses_access(self):
        """The company check holds for the creator too: a wizard of a receipt of a
        company the user may no longer use is hidden from them."""
        receipt = self.new_receipt(self.swed_journal).with_user(self.invoicing_user)
        wizard = self.import_camt(
            receipt, "camt053_swedbank_ee.xml", match=False
        ).sudo()
        self.invoicing_user.write(
            {
                "company_ids": [Command.set(self.other["company"].ids)],
                "company_id": self.other["company"].id,
            }
        )
        self._assert_hidden(wizard, self.invoicing_user)
        self._assert_hidden(wizard.line_ids, self.invoicing_user)

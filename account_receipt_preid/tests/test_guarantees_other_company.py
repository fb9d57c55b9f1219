# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Last session's reports and settings tried as a user of another company and as lesser
roles, over the ORM calls RPC makes: the receipt forecast (a SQL view: its record rule
must hold on search, read and grouping), the PreID statement (from the customer and from
the PreIDs) and the per-journal *Receipt Money To*."""

from lxml import html

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestGuaranteesOtherCompany(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("other_guard")
        cls.portal = new_test_user(
            cls.env,
            login="other_guard_portal",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.invoice = cls.make_invoice(cls.partner_a, 120, date="2026-02-15")

    def setUp(self):
        super().setUp()
        self.preid = self.receive(self.partner_a, 90)

    def test_forecast_rows_of_company_a_stay_hidden(self):
        Forecast = self.env["account.receipt.forecast"]
        row = Forecast.search([("move_id", "=", self.invoice.id)])
        self.assertEqual((row.company_id, row.amount_residual), (self.company, 120.0))
        as_b = Forecast.with_user(self.user_b)
        self.assertFalse(as_b.search([("move_id", "=", self.invoice.id)]))
        self.assertFalse(as_b.search_count([("company_id", "=", self.company.id)]))
        self.assertFalse(
            as_b.read_group([], ["amount_residual:sum"], ["partner_id"]),
            "the grouped forecast shows company A's amounts",
        )
        with self.assertRaises(AccessError):
            row.with_user(self.user_b).read(["amount_residual", "partner_id"])
        with self.assertRaises(AccessError):
            Forecast.with_user(self.portal).search([])
        # the company's own invoicing user sees it
        self.assertEqual(
            Forecast.with_user(self.invoicing_user).search(
                [("move_id", "=", self.invoice.id)]
            ),
            row,
        )

    def test_preid_statement_of_another_company(self):
        Report = self.env["ir.actions.report"]
        # from the PreIDs: company A's PreID cannot be printed by company B's user
        with self.assertRaises(AccessError):
            Report.with_user(self.user_b)._render_qweb_html(
                "account_receipt_preid.report_preid_statement_preid", self.preid.ids
            )
        with self.assertRaises(AccessError):
            Report.with_user(self.portal)._render_qweb_html(
                "account_receipt_preid.report_preid_statement_preid", self.preid.ids
            )
        # from the customer (shared by both companies): company B's statement shows none
        # of company A's PreIDs
        content, _kind = Report.with_user(self.user_b)._render_qweb_html(
            "account_receipt_preid.report_preid_statement", self.partner_a.ids
        )
        text = html.fromstring(content).text_content()
        self.assertNotIn(self.preid.name, text)
        self.assertNotIn(self.preid.receipt_id.name, text)
        content, _kind = Report.with_user(self.invoicing_user)._render_qweb_html(
            "account_receipt_preid.report_preid_statement", self.partner_a.ids
        )
        self.assertIn(self.preid.name, html.fromstring(content).text_content())

    def test_receipt_money_to_is_for_accounting_managers(self):
        """*Receipt Money To* decides which account a receipt debits: a journal setting,
        changed by accounting managers only (Odoo's rights on journals), never by an
        Invoicing user nor by another company's user."""
        journal = self.bank_journal
        for user in (self.invoicing_user, self.user_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                journal.with_user(user).write(
                    {"receipt_money_destination": "outstanding"}
                )
        self.assertEqual(journal.receipt_money_destination, "bank")
        manager = self.make_company_user(
            "other_guard_manager", "base.group_user,account.group_account_manager"
        )
        journal.with_user(manager).write({"receipt_money_destination": "outstanding"})
        self.assertEqual(journal.receipt_money_destination, "outstanding")

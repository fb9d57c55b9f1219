# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Day-one set-up (issue 15, item 8): the prepayment account from the chart, payment
modes and prepayment accounts checked at the ORM level, demo rates that value USD
right."""

import csv
import logging
from pathlib import Path

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import tagged

from .common import ReceiptCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestReceiptSetup(ReceiptCommon):
    # ------------------------------------------------ prepayment account from the chart

    def test_latvian_chart_gives_5210(self):
        """Runs where the Latvian chart is installed (``./dev test``); Odoo's runner
        installs only this addon's dependencies, where the test is skipped
        (AccountTestInvoicingCommon skips a chart whose module is not installed)."""
        company = self.setup_other_company(
            name="SIA Jauna", country_id=self.env.ref("base.lv").id
        )["company"]
        self.assertEqual(company.chart_template, "lv")
        account = company.receipt_prepayment_account_id.with_company(company)
        _logger.info(
            "new Latvian company: prepayment account %s %s", account.code, account.name
        )
        self.assertTrue(account.code.startswith("5210"), account.code)
        self.assertEqual(account.account_type, "liability_current")
        self.assertEqual(account.company_ids, company)
        # a receipt of a customer without invoice works at once: a PreID on 5210
        bank = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )
        receipt = (
            self.env["account.receipt"]
            .with_company(company)
            .create(
                {
                    "company_id": company.id,
                    "journal_id": bank.id,
                    "date": "2026-02-01",
                    "line_ids": [
                        Command.create({"partner_id": self.partner_a.id, "amount": 250})
                    ],
                }
            )
        )
        receipt.action_post()
        prepayment_item = receipt.move_id.line_ids.filtered(
            lambda aml: aml.account_id == account
        )
        self.assertEqual(
            (prepayment_item.credit, prepayment_item.partner_id), (250, self.partner_a)
        )

    def test_chart_templates_name_a_liability(self):
        """Each template id of the map is an account of that chart, a current liability
        of customers' advances."""
        templates = self.env["res.company"]._get_receipt_prepayment_account_templates()
        self.assertEqual(templates, {"lv": "a5210", "ee": "l10n_ee_20140"})
        for code, xmlid in templates.items():
            path = (
                Path(get_module_path(f"l10n_{code}"))
                / "data"
                / "template"
                / f"account.account-{code}.csv"
            )
            with path.open(encoding="utf-8") as file:
                rows = {row["id"]: row for row in csv.DictReader(file)}
            with self.subTest(chart=code):
                self.assertIn(xmlid, rows)
                self.assertEqual(rows[xmlid]["account_type"], "liability_current")
                _logger.info(
                    "chart %s: %s %s", code, rows[xmlid]["code"], rows[xmlid]["name"]
                )

    def test_other_chart_falls_back_to_a_named_liability(self):
        """A chart without a known advances account (Odoo's generic chart): the first
        current liability named for customers' advances."""
        company = self.company
        self.assertEqual(company.chart_template, "generic_coa")
        named = self.env["account.account"].create(
            {
                "name": "Advances received from customers",
                "code": "2119",
                "account_type": "liability_current",
            }
        )
        found = company._get_receipt_default_prepayment_account()
        _logger.info("chart without a known account: %s %s", found.code, found.name)
        self.assertEqual(found, named)
        found.deprecated = True
        # next: the test company's "Customer prepayments"; an expense account named
        # alike never
        self.env["account.account"].create(
            {
                "name": "Customer advances paid",
                "code": "AAA1",
                "account_type": "expense",
            }
        )
        self.assertEqual(
            company._get_receipt_default_prepayment_account(), self.prepayment_account
        )
        # an account already chosen is never replaced
        company.receipt_prepayment_account_id = self.prepayment_account_2
        company._receipt_set_default_accounts()
        self.assertEqual(
            company.receipt_prepayment_account_id, self.prepayment_account_2
        )
        company.receipt_prepayment_account_id = False
        company._receipt_set_default_accounts()
        self.assertEqual(company.receipt_prepayment_account_id, self.prepayment_account)
        self.prepayment_account.deprecated = True
        company.receipt_prepayment_account_id = False
        company._receipt_set_default_accounts()
        self.assertFalse(company.receipt_prepayment_account_id)

    def test_demo_creates_a_prepayment_account_on_a_chart_without_one(self):
        """The demo on Odoo's generic chart (no customers' advances account): a current
        liability is created, numbered after the chart's first current liability; an
        account found by name is used instead."""
        company = self.company
        self.assertEqual(self.company.chart_template, "generic_coa")
        self.assertEqual(
            company._receipt_demo_prepayment_account(), self.prepayment_account
        )  # found by name
        self.prepayment_account.deprecated = True
        created = company._receipt_demo_prepayment_account()
        first_liability = self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(company),
                ("account_type", "=", "liability_current"),
            ],
            order="code",
            limit=1,
        )
        _logger.info(
            "demo prepayment account on the generic chart: %s %s",
            created.code,
            created.name,
        )
        self.assertEqual(
            (
                created.name,
                created.account_type,
                created.reconcile,
                created.company_ids,
            ),
            ("Customer Prepayments", "liability_current", True, company),
        )
        # the generic chart's 2010 Current Liabilities, with its 6 code digits
        self.assertEqual((first_liability.code, created.code), ("201000", "201001"))
        # receipts of customers without invoice work with it
        company.receipt_prepayment_account_id = created
        receipt = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 40}])
        receipt.action_post()
        self.assertEntry(
            receipt.move_id,
            [
                (self.bank_account.code, "", 40.0, 0.0, 40.0, "EUR"),
                ("201001", self.partner_a.name, 0.0, 40.0, -40.0, "EUR"),
            ],
        )

    # -------------------------------------------------------- refusals at the ORM level

    def test_prepayment_account_must_be_a_liability(self):
        expense = self.company_data["default_account_expense"]
        for record, where in (
            (self.company, "company"),
            (self.partner_a.with_company(self.company), "customer"),
        ):
            for account in (expense, self.receivable, self.bank_account):
                with (
                    self.subTest(where=where, account=account.code),
                    self.assertRaisesRegex(
                        ValidationError, f"{where} .*must be a Current Liabilities"
                    ),
                ):
                    record.receipt_prepayment_account_id = account
        long_term = self.env["account.account"].create(
            {
                "name": "Long-term advances",
                "code": "ADV200",
                "account_type": "liability_non_current",
            }
        )
        self.company.receipt_prepayment_account_id = long_term
        self.partner_a.with_company(
            self.company
        ).receipt_prepayment_account_id = self.prepayment_account_2
        # a line naming a non-liability account is refused when the receipt is posted
        receipt = self.make_receipt(
            [{"partner_id": self.partner_b.id, "amount": 10, "account_id": expense.id}]
        )
        with self.assertRaisesRegex(
            ValidationError, f"line 1 of receipt {receipt.name}"
        ):
            receipt.action_post()
        self.assertEqual(receipt.state, "draft")

    def test_sales_and_purchase_journals_are_not_payment_modes(self):
        sale = self.company_data["default_journal_sale"]
        purchase = self.company_data["default_journal_purchase"]
        misc = self.company_data["default_journal_misc"]
        for journal in (sale, purchase):
            for receipt_type in ("netting", "bank"):
                with (
                    self.subTest(journal=journal.code, receipt_type=receipt_type),
                    self.assertRaisesRegex(
                        ValidationError,
                        f"{journal.name}.*cannot be a receipt payment mode",
                    ),
                ):
                    journal.receipt_type = receipt_type
            with self.assertRaisesRegex(
                ValidationError, "cannot be the payment mode of receipt"
            ):
                self.make_receipt(
                    [{"partner_id": self.partner_a.id, "amount": 5}], journal=journal
                )
        with self.assertRaisesRegex(
            ValidationError, "cannot be the payment mode of receipt"
        ):
            self.make_receipt(
                [{"partner_id": self.partner_a.id, "amount": 5}], journal=misc
            )
        draft = self.make_receipt([{"partner_id": self.partner_a.id, "amount": 5}])
        with self.assertRaisesRegex(
            ValidationError, f"cannot be the payment mode of receipt {draft.name}"
        ):
            draft.journal_id = sale
        # a miscellaneous journal marked as netting is a payment mode
        misc.receipt_type = "netting"
        self.make_receipt(
            [{"partner_id": self.partner_a.id, "amount": 5}], journal=misc
        )

    # ------------------------------------------------------------------ demo rates

    def test_demo_rates_value_usd_right(self):
        """Base's demo rate 1.2834 on EUR made Odoo value 750 USD at 962.55 EUR; after
        the demo fix, EUR (the company currency) has rate 1 and 1 EUR = 1.16 USD, so 750
        USD = 646.55 EUR."""
        company = self.company
        today = fields.Date.context_today(self.env.user)
        Rate = self.env["res.currency.rate"]
        Rate.search([("currency_id", "in", (self.eur | self.usd).ids)]).unlink()
        Rate.create(
            {
                "currency_id": self.eur.id,
                "company_id": False,
                "name": "2010-01-01",
                "rate": 1.2834,
            }
        )
        Rate.create(
            {
                "currency_id": self.usd.id,
                "company_id": False,
                "name": "2010-01-01",
                "rate": 1.0,
            }
        )
        self.env.invalidate_all()
        before = self.usd._convert(750, self.eur, company, today)
        company._receipt_demo_fix_rates()
        self.env.invalidate_all()
        after = self.usd._convert(750, self.eur, company, today)
        _logger.info(
            "750 USD in EUR: %s with base's demo rates, %s after the demo fix",
            before,
            after,
        )
        self.assertAlmostEqual(before, 962.55)
        self.assertAlmostEqual(after, 646.55)
        self.assertFalse(
            Rate.search(
                [
                    ("currency_id", "=", self.eur.id),
                    ("company_id", "in", (False, company.id)),
                ]
            )
        )
        self.assertEqual(self.eur.with_company(company).rate, 1.0)

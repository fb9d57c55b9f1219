# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.osv import expression

from .account_account import PREPAYMENT_ACCOUNT_TYPES


class ResCompany(models.Model):
    _inherit = "res.company"

    receipt_prepayment_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help=(
            "Default account for customer prepayments received on receipts, used when "
            "neither the receipt line nor the customer names one."
        ),
    )
    receipt_bank_services_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help=(
            "Default account for fees (bank charges, factoring commission) on receipt "
            "lines, used when neither the line nor the journal names one."
        ),
    )
    receipt_aggregation = fields.Selection(
        selection=[
            ("none", "Summed"),
            ("debt_part", "Debt part per line"),
            ("both", "Both parts per line"),
            ("payment_file", "Payment file"),
        ],
        string="Journal Lines from Receipt Rows",
        default="none",
        required=True,
        help=(
            "How receipt lines become journal items:\n"
            "- Summed: money and receivable items summed (receivables per customer, "
            "account and currency);\n"
            "- Debt part per line: money summed, one receivable item per receipt "
            "line;\n"
            "- Both parts per line: money and receivable items per receipt line;\n"
            "- Payment file: money summed per customer, receivable items per invoice."
        ),
    )
    receipt_allow_overpayment = fields.Boolean(
        string="Allow Overpayment on Receipts",
        help=(
            "When a receipt line pays more than the invoice's open amount, post the "
            "surplus as a prepayment instead of refusing the receipt."
        ),
    )

    @api.constrains("receipt_prepayment_account_id")
    def _check_receipt_prepayment_account(self):
        for company in self:
            company.receipt_prepayment_account_id._check_receipt_prepayment_account_type(
                self.env._("company %(company)s", company=company.display_name)
            )

    # ------------------------------------------------------------------ day-one set-up

    @api.model
    def _get_receipt_prepayment_account_templates(self):
        """Chart template code → xml id (in that template) of its customers' advances
        account: Latvian 5210 "Advances received from customers", Estonian 20140
        "Prepayments from Customers". Odoo's generic chart has none (its 2120 Deferred
        Revenue is income received ahead, not a customer's money)."""
        return {"lv": "a5210", "ee": "l10n_ee_20140"}

    def _get_receipt_default_prepayment_account(self):
        """The customers' advances account of this company's chart
        (:meth:`_get_receipt_prepayment_account_templates`), else the first current
        liability account named for customers' advances
        (:meth:`_get_receipt_prepayment_words`); an empty recordset when there is
        none."""
        self.ensure_one()
        Account = self.env["account.account"]
        xmlid = self._get_receipt_prepayment_account_templates().get(
            self.chart_template
        )
        if xmlid:
            account = (
                self.env["account.chart.template"]
                .with_company(self)
                .ref(xmlid, raise_if_not_found=False)
            )
            if (
                account
                and account.account_type in PREPAYMENT_ACCOUNT_TYPES
                and not account.deprecated
            ):
                return account
        name_domain = expression.OR(
            [[("name", "ilike", word)] for word in self._get_receipt_prepayment_words()]
        )
        return Account.search(
            [
                *Account._check_company_domain(self),
                ("account_type", "=", "liability_current"),
                ("deprecated", "=", False),
                *name_domain,
            ],
            order="code",
            limit=1,
        )

    @api.model
    def _get_receipt_prepayment_words(self):
        """Words naming a customers' advances account, looked for when the chart is not
        a known one."""
        return (
            "advances received",
            "prepayments from customers",
            "customer prepayment",
            "customer advance",
        )

    def _receipt_set_default_accounts(self):
        """Give the companies without a prepayment account their chart's
        (:meth:`_get_receipt_default_prepayment_account`), so that receipts work on day
        one. Called when the module is installed and when a chart is loaded."""
        for company in self.filtered(
            lambda company: (
                company.chart_template and not company.receipt_prepayment_account_id
            )
        ):
            account = company._get_receipt_default_prepayment_account()
            if account:
                company.receipt_prepayment_account_id = account

    # ------------------------------------------------------------------ demo

    def _receipt_demo_prepayment_account(self):
        """The demo's prepayment account: the chart's
        (:meth:`_get_receipt_default_prepayment_account`), else, on a chart without a
        customers' advances account (Odoo's generic chart), a new current liability
        "Customer Prepayments" numbered after the chart's first current liability, as
        Odoo's own demo creates the accounts it needs by type."""
        self.ensure_one()
        account = self._get_receipt_default_prepayment_account()
        if account:
            return account
        Account = self.env["account.account"].with_company(self)
        liability = Account.search(
            [
                *Account._check_company_domain(self),
                ("account_type", "=", "liability_current"),
            ],
            order="code",
            limit=1,
        )
        return Account.create(
            {
                "name": "Customer Prepayments",
                "code": Account._search_new_account_code(liability.code or "2000"),
                "account_type": "liability_current",
                "reconcile": True,
                "company_ids": [Command.set(self.ids)],
            }
        )

    def _receipt_demo_fix_rates(self):
        """Demo rates that value other currencies right: base's demo data keeps a rate
        of 1.2834 on EUR (from when the demo company was in USD), which Odoo then reads
        as the company currency's own rate. The company currency's rates are removed
        (its rate is 1) and USD gets a realistic rate (1 EUR = 1.16 USD) from the first
        day of last year."""
        self.ensure_one()
        Rate = self.env["res.currency.rate"].sudo()
        company_rates = [("company_id", "in", (False, self.id))]
        Rate.search(
            [("currency_id", "=", self.currency_id.id), *company_rates]
        ).unlink()
        usd = self.env.ref("base.USD")
        if usd == self.currency_id:
            return
        Rate.search([("currency_id", "=", usd.id), *company_rates]).unlink()
        today = fields.Date.context_today(self)
        Rate.create(
            {
                "currency_id": usd.id,
                "company_id": self.id,
                "name": today.replace(year=today.year - 1, month=1, day=1),
                "rate": 1.16,
            }
        )

    def _receipt_create_demo_data(self):
        """Demo: open invoices of the demo customers in EUR and USD, one posted receipt
        paying two invoices of two customers, PreIDs of two customers (two of one, which
        FIFO takes on the draft invoice), one draft receipt. Lines carry the payer's
        name and IBAN as a bank file would. Does nothing for a company without a chart
        of accounts (the demo is then simply not shown)."""
        for company in self.filtered("chart_template"):
            env = self.env["account.move"].with_company(company).env
            if env["account.receipt"].search_count(
                [("company_id", "=", company.id)], limit=1
            ):
                continue  # module update: the demo is there already
            customers = [
                env.ref(f"account_receipt_preid.demo_partner_{name}")
                for name in ("kurzemes_koks", "tallinna_puit", "daugava_build")
            ]
            company._receipt_set_default_accounts()
            if not company.receipt_prepayment_account_id:
                company.receipt_prepayment_account_id = (
                    company._receipt_demo_prepayment_account()
                )
            company._receipt_demo_fix_rates()
            today = fields.Date.context_today(self)
            usd = env.ref("base.USD")
            usd.active = True
            invoices = env["account.move"]
            for partner, amount, currency, label in (
                (customers[0], 1210.0, company.currency_id, "Sawn timber, m3"),
                (customers[1], 605.0, company.currency_id, "Sawn timber, m3"),
                (customers[2], 2420.0, company.currency_id, "Glued beams"),
                (customers[0], 363.0, company.currency_id, "Delivery"),
                (customers[1], 500.0, usd, "Sawn timber, m3 (export)"),
                (customers[0], 750.0, usd, "Oak planks (export)"),
            ):
                invoices |= env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": today,
                        "currency_id": currency.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": label,
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
            invoices.action_post()
            bank = env["account.journal"].search(
                [
                    *env["account.journal"]._check_company_domain(company),
                    ("type", "=", "bank"),
                ],
                limit=1,
            )

            def payer(partner):
                return {
                    "payer_name": partner.name,
                    "payer_iban": partner.bank_ids[:1].acc_number,
                }

            paid = env["account.receipt"].create(
                {
                    "journal_id": bank.id,
                    "date": today,
                    "ref": "Bank statement 1",
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": inv.partner_id.id,
                                "invoice_id": inv.id,
                                "amount": inv.amount_total,
                                "payment_reference": inv.name,
                                **payer(inv.partner_id),
                            }
                        )
                        for inv in invoices[:2]
                    ],
                }
            )
            paid.action_post()
            # advances: two PreIDs of one customer, taken FIFO by the draft invoice
            # below, and one of another
            advances = env["account.receipt"].create(
                {
                    "journal_id": bank.id,
                    "date": today,
                    "ref": "Bank statement 2",
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": customers[2].id,
                                "amount": 500.0,
                                "name": "Advance for order 17",
                                **payer(customers[2]),
                            }
                        ),
                        Command.create(
                            {
                                "partner_id": customers[2].id,
                                "amount": 200.0,
                                "name": "Advance for order 18",
                                **payer(customers[2]),
                            }
                        ),
                        Command.create(
                            {
                                "partner_id": customers[0].id,
                                "amount": 300.0,
                                "name": "Advance, contract 2026/11",
                                **payer(customers[0]),
                            }
                        ),
                    ],
                }
            )
            advances.action_post()
            env["account.receipt"].create(
                {
                    "journal_id": bank.id,
                    "date": today,
                    "ref": "Bank statement 3",
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": customers[2].id,
                                "invoice_id": invoices[2].id,
                                "amount": 1000.0,
                                **payer(customers[2]),
                            }
                        ),
                    ],
                }
            )
            env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customers[2].id,
                    "invoice_date": today,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Order 17: roof trusses",
                                "quantity": 1,
                                "price_unit": 605.0,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )

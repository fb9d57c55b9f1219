# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class ReceiptCommon(AccountTestInvoicingCommon):
    """A EUR company on Odoo's generic chart (the addon does not depend on a
    localisation) with receipt accounts, journals in EUR, USD and GBP, a netting journal
    and explicit exchange rates (1 EUR = 1.10 USD in January, 1.25 in February, 1.00 in
    March; 1 EUR = 0.80 GBP in February).

    A subclass in an addon that depends on a localisation may set ``country_code`` (e.g.
    ``"LV"``) to run on that country's chart; the company currency is then the
    country's."""

    @classmethod
    def _create_company(cls, **create_values):
        # the generic chart's company keeps USD; receipts are tested in EUR with USD and
        # GBP as foreign currencies
        if not cls.country_code and "currency_id" not in create_values:
            create_values["currency_id"] = cls.env.ref("base.EUR").id
        return super()._create_company(**create_values)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.eur = cls.company.currency_id
        cls.usd = cls.setup_other_currency(
            "USD",
            rates=[("2026-01-01", 1.10), ("2026-02-01", 1.25), ("2026-03-01", 1.00)],
        )
        cls.gbp = cls.setup_other_currency(
            "GBP", rates=[("2026-01-01", 0.85), ("2026-02-01", 0.80)]
        )
        Account = cls.env["account.account"]
        cls.prepayment_account = Account.create(
            {
                "name": "Customer prepayments",
                "code": "RCPT1",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        cls.prepayment_account_2 = Account.create(
            {
                "name": "Deposits received",
                "code": "RCPT2",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        cls.fee_account = Account.create(
            {"name": "Bank services", "code": "RCPT3", "account_type": "expense"}
        )
        cls.factoring_fee_account = Account.create(
            {"name": "Factoring fees", "code": "RCPT4", "account_type": "expense"}
        )
        cls.company.write(
            {
                "receipt_prepayment_account_id": cls.prepayment_account.id,
                "receipt_bank_services_account_id": cls.fee_account.id,
            }
        )
        cls.receivable = cls.company_data["default_account_receivable"]
        cls.revenue = cls.company_data["default_account_revenue"]
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.bank_account = cls.bank_journal.default_account_id
        cls.usd_journal = cls._make_bank_journal("Bank USD", "BUSD", cls.usd)
        cls.gbp_journal = cls._make_bank_journal("Bank GBP", "BGBP", cls.gbp)
        cls.netting_journal = cls.env["account.journal"].create(
            {
                "name": "Netting",
                "code": "NET",
                "type": "general",
                "receipt_type": "netting",
            }
        )
        cls.exchange_gain = cls.company.income_currency_exchange_account_id
        cls.exchange_loss = cls.company.expense_currency_exchange_account_id
        cls.partner_b.property_account_receivable_id = cls.receivable

    @classmethod
    def _make_bank_journal(cls, name, code, currency):
        return cls.env["account.journal"].create(
            {"name": name, "code": code, "type": "bank", "currency_id": currency.id}
        )

    @classmethod
    def make_company_user(
        cls, login, groups="base.group_user,account.group_account_invoice"
    ):
        """A user of the main company only, with ``groups`` (Invoicing rights by
        default)."""
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def setup_invoicing_users(cls, prefix):
        """``cls.invoicing_user`` (Invoicing rights, no accountant rights) in the main
        company, and ``cls.user_b`` with the same rights in a second company
        ``cls.other``."""
        cls.invoicing_user = new_test_user(
            cls.env,
            login=f"{prefix}_invoicing",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.other = cls.setup_other_company(name="Company B")
        cls.user_b = new_test_user(
            cls.env,
            login=f"{prefix}_user_b",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.other["company"].id,
            company_ids=[Command.set(cls.other["company"].ids)],
        )

    @classmethod
    def make_invoice(
        cls,
        partner,
        amount,
        currency=None,
        date="2026-01-15",
        move_type="out_invoice",
        name=None,
    ):
        """A posted customer invoice (or credit note) of one untaxed line, numbered
        ``name`` when given."""
        move = cls.make_draft_invoice(partner, amount, currency, date, move_type)
        if name:
            move.name = name
        move.action_post()
        return move

    @classmethod
    def make_draft_invoice(
        cls, partner, amount, currency=None, date="2026-01-15", move_type="out_invoice"
    ):
        """A draft customer invoice (or credit note) of one untaxed line."""
        return cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": date,
                "date": date,
                "currency_id": (currency or cls.eur).id,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Service",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            "account_id": cls.revenue.id,
                        }
                    )
                ],
            }
        )

    def make_receipt(self, lines, journal=None, date="2026-02-01", **vals):
        """A draft receipt; ``lines`` are dicts of receipt line values."""
        return self.env["account.receipt"].create(
            {
                "journal_id": (journal or self.bank_journal).id,
                "date": fields.Date.to_date(date),
                "line_ids": [Command.create(line) for line in lines],
                **vals,
            }
        )

    def entry_lines(self, move):
        """Journal items of ``move`` as sorted tuples (account code, partner, debit,
        credit, amount_currency, currency)."""
        return sorted(
            (
                aml.account_id.code,
                aml.partner_id.name or "",
                round(aml.debit, 2),
                round(aml.credit, 2),
                round(aml.amount_currency, 2),
                aml.currency_id.name,
            )
            for aml in move.line_ids
        )

    def assertEntry(self, move, expected):
        """Compare the journal items of ``move`` with ``expected`` tuples (see
        :meth:`entry_lines`)."""
        self.assertEqual(self.entry_lines(move), sorted(expected))

    def exchange_moves(self, move):
        """Exchange difference entries created when ``move`` was reconciled."""
        partials = move.line_ids.matched_debit_ids | move.line_ids.matched_credit_ids
        return partials.exchange_move_id

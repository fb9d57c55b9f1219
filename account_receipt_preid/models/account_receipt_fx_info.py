# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exchange differences visible on the receipt (issue 11.6).

Each line shows the exchange difference Odoo booked when the receipt's item was matched
with the line's invoice (amount in company currency, and the exchange difference entry),
and which currency case of the seed (§12.1) the line is, with the rule deciding which
amount wins when the receipt currency, the bank rate and the invoice's rate disagree
(DESIGN.md "Foreign currency"). The receipt form lists the cases of its lines in a
banner."""

from markupsafe import Markup, escape

from odoo import api, fields, models

#: the seed's currency cases (§12.1): selection values of
#: ``account.receipt.line.fx_case``
FX_CASES = [
    ("same_currency", "Same Foreign Currency"),
    ("company_at_rate", "Company Currency at Odoo's Rate"),
    ("company_other_rate", "Company Currency at Another Rate"),
    ("foreign_to_company", "Foreign Currency for a Company-Currency Invoice"),
    ("third_at_rate", "Third Currency at the Rates"),
    ("third_other_rate", "Third Currency at Another Rate"),
    ("prepayment_foreign", "Prepayment in Foreign Currency"),
]


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"  # pylint: disable=consider-merging-classes-inherited

    exchange_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Exchange Difference Entry",
        compute="_compute_exchange_difference",
        help=(
            "The exchange difference entry Odoo booked when the receipt was matched "
            "with this line's invoice (shared by the lines paying the same invoice)."
        ),
    )
    exchange_difference = fields.Monetary(
        currency_field="company_currency_id",
        compute="_compute_exchange_difference",
        help=(
            "Exchange difference Odoo booked for this line's invoice, in company "
            "currency: positive a gain, negative a loss."
        ),
    )
    fx_case = fields.Selection(
        selection=FX_CASES,
        string="Currency Case",
        compute="_compute_fx_case",
        help=(
            "How the line converts between the receipt's, the invoice's and the "
            "company's currency (seed §12.1)."
        ),
    )
    fx_rule = fields.Text(
        string="Which Amount Wins",
        compute="_compute_fx_case",
        help=(
            "The rule deciding the amounts of this line when the currencies and rates "
            "disagree."
        ),
    )

    @api.depends("receipt_id.move_id", "invoice_id")
    def _compute_exchange_difference(self):
        for line in self:
            exchange = line._get_exchange_moves()
            line.exchange_move_id = exchange[:1]
            line.exchange_difference = line._get_exchange_difference(exchange)

    def _get_exchange_partials(self):
        """Matchings of the receipt's entry with this line's invoice."""
        self.ensure_one()
        move = self.receipt_id.move_id
        if not move or not self.invoice_id:
            return self.env["account.partial.reconcile"]
        invoice_lines = self.invoice_id.line_ids
        partials = move.line_ids.matched_debit_ids | move.line_ids.matched_credit_ids
        return partials.filtered(
            lambda partial: (
                partial.debit_move_id in invoice_lines
                or partial.credit_move_id in invoice_lines
            )
        )

    def _get_exchange_moves(self):
        """Exchange difference entries of :meth:`_get_exchange_partials`."""
        return self._get_exchange_partials().exchange_move_id

    def _get_exchange_difference(self, exchange_moves):
        """Gain (positive) or loss (negative) booked by ``exchange_moves``, company
        currency: their items on the company's exchange gain and loss accounts."""
        self.ensure_one()
        company = self.company_id
        accounts = (
            company.income_currency_exchange_account_id
            | company.expense_currency_exchange_account_id
        )
        items = exchange_moves.line_ids.filtered(lambda aml: aml.account_id in accounts)
        return (
            company.currency_id.round(-sum(items.mapped("balance"))) if items else 0.0
        )

    @api.depends(
        "invoice_id",
        "invoice_amount_manual",
        "kind",
        "receipt_id.currency_id",
        "receipt_id.company_id",
    )
    def _compute_fx_case(self):
        for line in self:
            line.fx_case = line._get_fx_case()
            line.fx_rule = line._get_fx_rule(line.fx_case)

    def _get_fx_case(self):
        """The seed's currency case of the line (§12.1), ``False`` when everything is in
        company currency."""
        self.ensure_one()
        receipt_currency = self.receipt_id.currency_id
        company_currency = self.receipt_id.company_id.currency_id
        if not receipt_currency or not company_currency:
            return False
        if not self.invoice_id:
            if self.kind == "prepayment" and receipt_currency != company_currency:
                return "prepayment_foreign"
            return False
        invoice_currency = self.invoice_id.currency_id
        if invoice_currency == receipt_currency:
            return "same_currency" if receipt_currency != company_currency else False
        if receipt_currency == company_currency:
            return (
                "company_other_rate"
                if self.invoice_amount_manual
                else "company_at_rate"
            )
        if invoice_currency == company_currency:
            return "foreign_to_company"
        return "third_other_rate" if self.invoice_amount_manual else "third_at_rate"

    def _get_fx_rule(self, case):
        """The explanation of ``case`` shown on the line and in the receipt's banner."""
        self.ensure_one()
        if not case:
            return False
        params = {
            "currency": self.receipt_id.currency_id.name,
            "invoice_currency": self.invoice_id.currency_id.name or "",
            "company_currency": self.receipt_id.company_id.currency_id.name,
        }
        rules = {
            "same_currency": self.env._(
                "Receipt and invoice in %(currency)s: the amount settles the invoice "
                "as it is. Its value in %(company_currency)s is taken at the bank "
                "rate when given, else at Odoo's rate of the receipt date; the "
                "difference with the invoice's booked value is Odoo's exchange "
                "difference.",
                **params,
            ),
            "company_at_rate": self.env._(
                "Receipt in %(company_currency)s for an invoice in "
                "%(invoice_currency)s: the amount received wins; it settles the "
                "invoice at Odoo's rate of the receipt date, and the difference with "
                "the invoice's booked value is Odoo's exchange difference. If the "
                "bank converted at another rate, type the Invoice Amount the bank "
                "settled after the amount.",
                **params,
            ),
            "company_other_rate": self.env._(
                "Receipt in %(company_currency)s for an invoice in "
                "%(invoice_currency)s at the bank's own rate: the typed Invoice "
                "Amount wins for the invoice and the amount received for the money; a "
                "typed Invoice Amount is kept whatever is changed afterwards (date, "
                "bank rate, amount, fee). The difference with the invoice's booked "
                "value is Odoo's exchange difference.",
                **params,
            ),
            "foreign_to_company": self.env._(
                "Receipt in %(currency)s for an invoice in %(company_currency)s: the "
                "invoice is settled by the amount converted at the bank rate when "
                "given, else at Odoo's rate of the receipt date; no exchange "
                "difference is booked.",
                **params,
            ),
            "third_at_rate": self.env._(
                "Receipt in %(currency)s for an invoice in %(invoice_currency)s: the "
                "amount goes to %(company_currency)s at the bank rate (else Odoo's "
                "rate of the receipt date), then to %(invoice_currency)s at Odoo's "
                "rate of the receipt date; the difference with the invoice's booked "
                "value is Odoo's exchange difference. If the bank settled another "
                "amount, type the Invoice Amount after the amount.",
                **params,
            ),
            "third_other_rate": self.env._(
                "Receipt in %(currency)s for an invoice in %(invoice_currency)s at "
                "another rate: the typed Invoice Amount wins for the invoice, the "
                "amount at the bank rate (else Odoo's rate) for the money; a typed "
                "Invoice Amount is kept whatever is changed afterwards. The "
                "difference with the invoice's booked value is Odoo's exchange "
                "difference.",
                **params,
            ),
            "prepayment_foreign": self.env._(
                "Prepayment in %(currency)s: the PreID keeps its amount in "
                "%(currency)s and its value in %(company_currency)s at the receipt "
                "rate; an invoice or refund using it later books the difference at "
                "its own rate as an exchange difference.",
                **params,
            ),
        }
        return rules[case]

    def action_open_exchange_move(self):
        """Open the exchange difference entry of the line."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.exchange_move_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


class AccountReceipt(models.Model):
    _inherit = "account.receipt"  # pylint: disable=consider-merging-classes-inherited

    fx_info = fields.Html(
        string="Currency Cases",
        compute="_compute_fx_info",
        sanitize=False,
        help="The currency cases of the receipt's lines and which amount wins in each.",
    )

    @api.depends("line_ids.fx_case", "line_ids.fx_rule")
    def _compute_fx_info(self):
        for receipt in self:
            cases = {}
            for index, line in enumerate(receipt.line_ids, start=1):
                if line.fx_case:
                    cases.setdefault((line.fx_case, line.fx_rule), []).append(
                        str(index)
                    )
            if not cases:
                receipt.fx_info = False
                continue
            labels = dict(
                receipt.line_ids._fields["fx_case"]._description_selection(self.env)
            )
            items = Markup("").join(
                Markup("<li><strong>%s</strong> (%s): %s</li>")
                % (
                    labels[case],
                    self.env._("lines %(numbers)s", numbers=", ".join(numbers)),
                    escape(rule),
                )
                for (case, rule), numbers in cases.items()
            )
            receipt.fx_info = Markup("<ul class='mb-0'>%s</ul>") % items

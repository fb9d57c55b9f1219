# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .account_receipt import ROLE_COUNTERPART, ROLE_FEE, ROLE_MONEY


class AccountReceiptLine(models.Model):
    _name = "account.receipt.line"
    _description = "Customer Receipt Line"
    _inherit = ["analytic.mixin"]
    _order = "receipt_id, sequence, id"
    _check_company_auto = True

    receipt_id = fields.Many2one(
        comodel_name="account.receipt",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        related="receipt_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(
        related="receipt_id.currency_id", string="Receipt Currency"
    )
    state = fields.Selection(related="receipt_id.state")
    date = fields.Date(related="receipt_id.date")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        check_company=True,
        index="btree_not_null",
        domain=(
            "[('move_type', 'in', ('out_invoice', 'out_refund')), ('state', '=', "
            "'posted'), ('payment_state', 'in', ('not_paid', 'partial')), "
            "('commercial_partner_id', '=?', partner_id)]"
        ),
        help=(
            "The open customer invoice or credit note this line pays (refunds, for a "
            "credit note)."
        ),
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.move",
        relation="account_receipt_line_invoice_pick_rel",
        column1="line_id",
        column2="move_id",
        string="Invoices to Split",
        check_company=True,
        domain=(
            "[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
            "('payment_state', 'in', ('not_paid', 'partial')), "
            "('commercial_partner_id', '=?', partner_id)]"
        ),
        help=(
            "Pick several invoices here: the line is split into one line per invoice, "
            "each paying the invoice's open amount."
        ),
    )
    invoice_currency_id = fields.Many2one(
        related="invoice_id.currency_id", string="Invoice Currency"
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        help=(
            "Money received (negative: paid back) in the receipt currency, fee "
            "excluded."
        ),
    )
    invoice_amount = fields.Monetary(
        currency_field="invoice_currency_id",
        compute="_compute_invoice_amount",
        store=True,
        readonly=False,
        precompute=True,
        help=(
            "Amount applied to the invoice, in the invoice's currency (amount plus "
            "fee, converted at the receipt rate). Editable when the receipt and "
            "invoice currencies differ; a typed amount is kept when the date, bank "
            "rate, fee or amount change later."
        ),
    )
    invoice_amount_manual = fields.Boolean(
        string="Invoice Amount Typed",
        compute="_compute_invoice_amount_manual",
        store=True,
        readonly=False,
        precompute=True,
        help=(
            "Set when the invoice amount was typed (or filled with the invoice's "
            "exact open amount): it is then never recomputed; picking another invoice "
            "clears it."
        ),
    )
    invoice_left_open = fields.Monetary(
        string="Left Open",
        currency_field="invoice_currency_id",
        compute="_compute_invoice_left_open",
        help=(
            "What the invoice keeps open after this receipt, in the invoice's "
            "currency: its open amount minus what the receipt's lines apply to it (on "
            "a posted receipt, what is still open). A change of date, bank rate or "
            "fee never changes a typed amount; it shows here."
        ),
    )
    fee_amount = fields.Monetary(
        string="Fee",
        currency_field="currency_id",
        help=(
            "Bank or factoring charges withheld from this payment: posted to the bank "
            "services account, and the invoice is credited with amount plus fee."
        ),
    )
    fee_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help=(
            "Account of this line's fee. Empty: the payment mode's bank services "
            "account, else the company default."
        ),
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        help="Prepayment account override for prepayment and refund lines.",
    )
    kind = fields.Selection(
        selection=[
            ("invoice", "Invoice Receipt"),
            ("prepayment", "Prepayment"),
            ("netting", "Prepayment Netting"),
            ("refund", "Prepayment Refund"),
            ("credit_note_refund", "Credit Note Refund"),
        ],
        compute="_compute_kind",
        store=True,
        precompute=True,
        help=(
            "Set from the line: with an invoice, it pays the invoice (a negative "
            "amount pays back a credit note); without one, a positive amount is a "
            "prepayment (a new PreID) and a negative amount refunds a PreID; in a "
            "netting payment mode, the invoice is settled with the customer's PreIDs."
        ),
    )
    name = fields.Char(
        string="Comment", help="Shown in the labels of the line's journal items."
    )
    payer_name = fields.Char(help="Name of the payer as given by the bank.")
    payer_iban = fields.Char(
        string="Payer IBAN",
        help=(
            "Bank account the money came from; a prepayment refund is paid back to it."
        ),
    )
    payment_reference = fields.Char(
        help="Reference or payment details given by the payer."
    )
    bank_reference = fields.Char(
        help="Unique id of the entry in the bank file.", index="btree_not_null"
    )

    # ------------------------------------------------------------------ computes

    @api.depends("receipt_id.name", "partner_id", "invoice_id", "name")
    def _compute_display_name(self):
        """``RCPT/2026/00001 · customer · INV/2026/00007`` (or the comment): never a
        technical id where a PreID or an allocation links to its receipt line."""
        for line in self:
            parts = [
                line.receipt_id.name,
                line.partner_id.display_name,
                line.invoice_id.name or line.name,
            ]
            line.display_name = " · ".join(part for part in parts if part)

    @api.depends("invoice_id")
    def _compute_partner_id(self):
        for line in self:
            if line.invoice_id:
                line.partner_id = line.invoice_id.commercial_partner_id

    @api.depends("amount", "invoice_id.move_type", "receipt_id.journal_id.receipt_type")
    def _compute_kind(self):
        for line in self:
            line.kind = line._get_kind()

    def _get_kind(self):
        """The line's kind from the payment mode, the invoice and the sign of the
        amount."""
        self.ensure_one()
        if self.receipt_id.journal_id.receipt_type == "netting":
            return "netting"
        if self.amount < 0:
            return "credit_note_refund" if self.invoice_id else "refund"
        return "invoice" if self.invoice_id else "prepayment"

    @api.depends("invoice_id")
    def _compute_invoice_amount_manual(self):
        for line in self:
            line.invoice_amount_manual = False

    @api.depends(
        "amount",
        "fee_amount",
        "invoice_id",
        "invoice_amount_manual",
        "receipt_id.currency_id",
        "receipt_id.bank_rate",
        "receipt_id.date",
    )
    def _compute_invoice_amount(self):
        """The invoice amount from the line's amount and fee, unless it was typed
        (``invoice_amount_manual``): a typed amount is never changed by a later edit
        (seed §12.1.3 "the order matters")."""
        for line in self:
            if line.invoice_id and line.invoice_amount_manual:
                line.invoice_amount = line.invoice_amount
            else:
                line.invoice_amount = (
                    line._get_invoice_amount() if line.invoice_id else 0.0
                )

    @api.onchange("invoice_amount")
    def _onchange_invoice_amount(self):
        """Typing an invoice amount other than the computed one keeps it from now on."""
        self._mark_typed_invoice_amount()

    def _mark_typed_invoice_amount(self):
        """Flag the lines whose invoice amount differs from the one computed from their
        amount and fee: it was typed, and is kept."""
        for line in self:
            if (
                line.invoice_id
                and line.invoice_currency_id
                and line.invoice_currency_id.compare_amounts(
                    line.invoice_amount, line._get_invoice_amount()
                )
            ):
                line.invoice_amount_manual = True

    @api.depends(
        "state",
        "invoice_id.amount_residual",
        "receipt_id.date",
        "receipt_id.bank_rate",
        "receipt_id.currency_id",
        "receipt_id.line_ids.invoice_id",
        "receipt_id.line_ids.amount",
        "receipt_id.line_ids.fee_amount",
        "receipt_id.line_ids.invoice_amount",
    )
    def _compute_invoice_left_open(self):
        """Open amount of the line's invoice after the receipt (invoice currency,
        positive): before posting, its open amount minus what all the receipt's lines
        apply to it; once posted, what is still open. The amounts applied are summed
        once per receipt."""
        applied = {}
        for line in self:
            invoice = line.invoice_id
            if not invoice or not invoice.currency_id:
                line.invoice_left_open = 0.0
            elif line.state == "posted":
                line.invoice_left_open = invoice.amount_residual
            else:
                receipt = line.receipt_id
                if receipt not in applied:
                    applied[receipt] = receipt._get_applied_by_invoice()
                line.invoice_left_open = invoice.currency_id.round(
                    invoice.amount_residual - abs(applied[receipt].get(invoice, 0.0))
                )

    def _get_invoice_amount(self, rate=None):
        """``amount + fee`` expressed in the invoice currency: as is in the same
        currency, at the receipt rate into company currency, then at Odoo's rate of the
        receipt date into a third currency."""
        self.ensure_one()
        receipt = self.receipt_id
        invoice_currency = self.invoice_id.currency_id
        company = receipt.company_id
        if invoice_currency == receipt.currency_id:
            return self.amount + self.fee_amount
        money, fee = self._get_company_amounts(rate=rate)
        if invoice_currency == company.currency_id:
            return money + fee
        return company.currency_id._convert(
            money + fee, invoice_currency, company, receipt.date or fields.Date.today()
        )

    def _get_applied_amount(self, rate=None):
        """Amount this line settles on its invoice, in the invoice's currency:
        ``amount + fee`` when both are in the same currency, their company value when
        the invoice is in company currency, else the (computed or typed)
        ``invoice_amount``."""
        self.ensure_one()
        if not self.invoice_id:
            return 0.0
        if self.invoice_id.currency_id == self.currency_id:
            return self.amount + self.fee_amount
        if self.invoice_id.currency_id == self.company_id.currency_id:
            return sum(self._get_company_amounts(rate=rate))
        return self.invoice_amount

    def _get_company_amounts(self, rate=None):
        """``(amount, fee)`` in company currency at the receipt rate, each rounded."""
        self.ensure_one()
        receipt = self.receipt_id
        if not receipt.currency_id or not receipt.company_id:
            return self.amount, self.fee_amount
        rate = rate if rate is not None else receipt._get_rate()
        return receipt._convert_to_company(
            self.amount, rate
        ), receipt._convert_to_company(self.fee_amount, rate)

    @api.onchange("invoice_id")
    def _onchange_invoice_id_amount(self):
        """Picking an invoice on a line without an amount fills in what is still open on
        the invoice (in the receipt currency), as *Register Receipt* does, and the
        invoice amount with the exact open amount (no rounding residue from the
        conversion); an amount already typed is kept."""
        for line in self:
            if (
                line.invoice_id
                and line.currency_id
                and line.currency_id.is_zero(line.amount)
            ):
                line.amount = line._get_invoice_open_amount(line.invoice_id)
                line.invoice_amount = line._get_invoice_open_amount(
                    line.invoice_id, in_invoice_currency=True
                )
                line._mark_typed_invoice_amount()

    def _get_invoice_open_amount(self, invoice, in_invoice_currency=False):
        """Open amount of ``invoice`` in the receipt currency (or in its own currency)
        -- negative for a credit note, which a receipt pays back: as is in the same
        currency, else through company currency at the receipt rate."""
        self.ensure_one()
        receipt = self.receipt_id
        residual = invoice.amount_residual
        if in_invoice_currency or invoice.currency_id == receipt.currency_id:
            amount = residual
        else:
            company_amount = invoice.currency_id._convert(
                residual,
                receipt.company_id.currency_id,
                receipt.company_id,
                receipt.date or fields.Date.context_today(self),
            )
            amount = receipt.currency_id.round(company_amount / receipt._get_rate())
        return -amount if invoice.move_type == "out_refund" else amount

    # ----------------------------------------------------- several invoices on one line

    @api.model_create_multi
    def create(self, vals_list):
        receipt_ids = {
            vals["receipt_id"] for vals in vals_list if vals.get("receipt_id")
        }
        self._check_receipt_not_posted(self.env["account.receipt"].browse(receipt_ids))
        lines = super().create(vals_list)
        lines.browse(
            line.id
            for line, vals in zip(lines, vals_list, strict=True)
            if "invoice_amount" in vals and "invoice_amount_manual" not in vals
        )._mark_typed_invoice_amount()
        lines.filtered("invoice_ids")._split_invoice_ids()
        return lines

    #: fields that may not change once the receipt is posted
    _POSTED_READONLY_FIELDS = (
        "partner_id",
        "invoice_id",
        "amount",
        "invoice_amount",
        "fee_amount",
        "fee_account_id",
        "account_id",
        "analytic_distribution",
        "receipt_id",
        "prepayment_id",
        "kind",
    )

    def write(self, vals):
        posted = self.filtered(lambda line: line.state == "posted")
        if posted and set(vals) & set(self._POSTED_READONLY_FIELDS):
            raise UserError(
                self.env._(
                    "Lines of posted receipt %(name)s cannot be changed; reset the "
                    "receipt to draft.",
                    name=", ".join(posted.receipt_id.mapped("name")),
                )
            )
        if vals.get("receipt_id"):
            self._check_receipt_not_posted(
                self.env["account.receipt"].browse(vals["receipt_id"])
            )
        res = super().write(vals)
        if "invoice_amount" in vals and "invoice_amount_manual" not in vals:
            self._mark_typed_invoice_amount()
        if vals.get("invoice_ids"):
            self.filtered("invoice_ids")._split_invoice_ids()
        return res

    @api.model
    def _check_receipt_not_posted(self, receipts):
        """Refuse to add lines to posted ``receipts``: a posted receipt agrees with its
        journal entry."""
        posted = receipts.filtered(lambda receipt: receipt.state == "posted")
        if posted:
            raise UserError(
                self.env._(
                    "Receipt %(name)s is posted: no line can be added to it. Reset it "
                    "to draft first.",
                    name=", ".join(posted.mapped("name")),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        posted = self.filtered(lambda line: line.state == "posted")
        if posted:
            raise UserError(
                self.env._(
                    "Lines of posted receipt %(name)s cannot be deleted; reset the "
                    "receipt to draft.",
                    name=", ".join(posted.receipt_id.mapped("name")),
                )
            )

    def _split_invoice_ids(self):
        """Split each line with picked invoices into one line per invoice (seed §9):
        this line takes the first invoice, copies take the others
        (:meth:`_prepare_split_lines_vals`)."""
        new_vals = []
        for line in self:
            invoices = line.invoice_ids.sorted(
                lambda inv: (inv.invoice_date or inv.date, inv.id)
            )
            line.invoice_ids = [fields.Command.clear()]
            vals_list = line._prepare_split_lines_vals(invoices)
            line.write(vals_list[0])
            new_vals.extend(line.copy_data(vals)[0] for vals in vals_list[1:])
        if new_vals:
            self.create(new_vals)

    def _prepare_split_lines_vals(self, invoices):
        """Values of the lines a line picking ``invoices`` (oldest first) is split into.
        Without an amount, each pays its invoice's open amount. With a typed amount, the
        total is kept: the invoices take their open amount from it in turn until it is
        used up (the invoices it does not reach are left out, the last one reached may
        be paid in part), and the last line takes what is left over (then refused, or a
        prepayment with *Allow Overpayment*, on posting). A typed fee stays on the first
        line."""
        self.ensure_one()
        currency = self.currency_id
        vals_list = [self._prepare_split_line_vals(invoice) for invoice in invoices]
        if currency.is_zero(self.amount):
            return vals_list
        if self.amount < 0:
            raise UserError(
                self.env._(
                    "Receipt %(receipt)s (%(partner)s): several invoices can only be "
                    "picked on a line receiving money; pay credit notes back one per "
                    "line.",
                    receipt=self.receipt_id.name,
                    partner=self.partner_id.display_name,
                )
            )
        left = currency.round(self.amount + self.fee_amount)
        result = []
        for vals in vals_list:
            if currency.compare_amounts(left, 0) <= 0:
                break
            if currency.compare_amounts(vals["amount"], left) > 0:
                vals["amount"] = left
                vals.pop("invoice_amount", None)
            left = currency.round(left - vals["amount"])
            result.append(vals)
        result[-1]["amount"] = currency.round(result[-1]["amount"] + left)
        if not currency.is_zero(left):
            result[-1].pop("invoice_amount", None)
        result[0]["amount"] = currency.round(result[0]["amount"] - self.fee_amount)
        result[0]["fee_amount"] = self.fee_amount
        return result

    def _prepare_split_line_vals(self, invoice):
        """Values of the line paying the open amount of ``invoice`` when a line is split
        by picked invoices (the invoice amount is the exact open amount, without a
        conversion residue)."""
        self.ensure_one()
        return {
            "invoice_id": invoice.id,
            "partner_id": invoice.commercial_partner_id.id,
            "amount": self._get_invoice_open_amount(invoice),
            "invoice_amount": self._get_invoice_open_amount(
                invoice, in_invoice_currency=True
            ),
            "fee_amount": 0.0,
        }

    # ------------------------------------------------------------------ accounts

    def _get_money_account(self):
        """Account debited with the money: the payment mode's own bank/cash account
        (``default_account_id``), not its outstanding receipts account. A receipt
        records money already on the bank statement, so the invoices it settles become
        *Paid* at once (as with a matched statement line), never *In payment*. Netting
        lines have no money: they debit the prepayment account."""
        self.ensure_one()
        if self.kind == "netting":
            return self._get_prepayment_account()
        journal = self.receipt_id.journal_id
        if not journal.default_account_id:
            raise UserError(
                self.env._(
                    "Payment mode %(journal)s has no bank/cash account.",
                    journal=journal.display_name,
                )
            )
        return journal.default_account_id

    def _get_receivable_account(self):
        """Receivable account of the invoice (its open receivable item), else the
        customer's."""
        self.ensure_one()
        if self.invoice_id:
            # first receivable item's account, without building a filtered recordset per
            # receipt line (called twice per line when posting: validation and journal
            # items)
            for aml in self.invoice_id.line_ids:
                if aml.account_id.account_type == "asset_receivable":
                    return aml.account_id
        return self.partner_id.with_company(
            self.company_id
        ).property_account_receivable_id

    def _get_prepayment_account(self):
        """Prepayment account: the line's account, else the customer's prepayment
        account, else the company default."""
        self.ensure_one()
        return (
            self.account_id
            or self.partner_id.commercial_partner_id.with_company(
                self.company_id
            ).receipt_prepayment_account_id
            or self.company_id.receipt_prepayment_account_id
        )

    def _get_fee_account(self):
        """Bank services account for the fee: the line's, else the payment mode's, else
        the company default."""
        self.ensure_one()
        return (
            self.fee_account_id
            or self.receipt_id.journal_id.receipt_bank_services_account_id
            or self.company_id.receipt_bank_services_account_id
        )

    def _get_counterpart_account(self):
        """Account credited with the payment (debited for refunds): the receivable for
        invoice, netting and credit-note lines, the prepayment account for prepayment
        and refund lines."""
        self.ensure_one()
        if self.kind in ("prepayment", "refund"):
            return self._get_prepayment_account()
        return self._get_receivable_account()

    # ------------------------------------------------------------------ journal items

    def _prepare_move_line_vals(self, rate=None):
        """Journal items of this line as ``[(role, values)]``: the money item (debit,
        credit for refunds), the fee item, and the counterpart (receivable or
        prepayment) carrying amount plus fee."""
        self.ensure_one()
        money, fee = self._get_company_amounts(rate=rate)
        result = [(ROLE_MONEY, self._prepare_money_line_vals(money))]
        if not self.currency_id.is_zero(self.fee_amount):
            result.append((ROLE_FEE, self._prepare_fee_line_vals(fee)))
        result.append(
            (
                ROLE_COUNTERPART,
                self._prepare_counterpart_line_vals(money + fee, rate=rate),
            )
        )
        return result

    def _get_label(self):
        """Label of the line's own journal items: the invoice number first (seed §11.1),
        then the comment."""
        self.ensure_one()
        parts = [
            self.invoice_id.name,
            self.name or self.payment_reference,
            self.receipt_id.name,
        ]
        # a payment reference that is just the invoice number is not repeated
        return " ".join(dict.fromkeys(part for part in parts if part))

    def _prepare_money_line_vals(self, balance):
        """Money item (or the prepayment debit of a netting line)."""
        vals = {
            "account_id": self._get_money_account().id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "name": self._get_label(),
            "balance": balance,
            "amount_currency": self.amount,
            "currency_id": self.currency_id.id,
        }
        if self.kind == "netting" and self.analytic_distribution:
            vals["analytic_distribution"] = self.analytic_distribution
        return vals

    def _prepare_fee_line_vals(self, balance):
        """Fee item on the bank services account."""
        return {
            "account_id": self._get_fee_account().id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "name": self.env._("Fee: %(label)s", label=self._get_label()),
            "balance": balance,
            "amount_currency": self.fee_amount,
            "currency_id": self.currency_id.id,
        }

    def _prepare_counterpart_line_vals(self, balance, rate=None):
        """Receivable (or prepayment) item carrying ``amount + fee``. With an invoice,
        it is in the invoice's currency for ``invoice_amount`` so that the invoice is
        matched in its own currency and Odoo books the exchange difference."""
        self.ensure_one()
        currency = self.currency_id
        amount_currency = self.amount + self.fee_amount
        if self.invoice_id:
            currency = self.invoice_id.currency_id
            amount_currency = (
                balance
                if currency == self.company_id.currency_id
                else self._get_applied_amount(rate)
            )
        vals = {
            "account_id": self._get_counterpart_account().id,
            "partner_id": self.partner_id.commercial_partner_id.id,
            "name": self._get_label(),
            "balance": -balance,
            "amount_currency": -amount_currency,
            "currency_id": currency.id,
        }
        if self.kind in ("prepayment", "refund") and self.analytic_distribution:
            vals["analytic_distribution"] = self.analytic_distribution
        return vals

    # ------------------------------------------------------------------ validation

    def _check_line(self, index):
        """Check one line before posting; ``index`` is its number on the receipt, used
        in the messages."""
        self.ensure_one()
        where = {"number": index, "receipt": self.receipt_id.name}
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s has no customer.", **where
                )
            )
        where["partner"] = self.partner_id.display_name
        if self.currency_id.is_zero(self.amount) and self.currency_id.is_zero(
            self.fee_amount
        ):
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) has no "
                    "amount.",
                    **where,
                )
            )
        if self.fee_amount < 0:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s): the fee "
                    "cannot be negative.",
                    **where,
                )
            )
        if self.kind == "netting" and not self.currency_id.is_zero(self.fee_amount):
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) is a "
                    "netting line: no money moves, so it cannot carry a fee.",
                    **where,
                )
            )
        if (
            self.amount < 0
            and self.currency_id.compare_amounts(self.fee_amount, -self.amount) >= 0
        ):
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) pays money "
                    "back: its fee must be smaller than the amount paid back.",
                    **where,
                )
            )
        if self.kind == "netting" and not self.invoice_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) is a "
                    "netting line: it needs an invoice.",
                    **where,
                )
            )
        if self.invoice_id:
            self._check_invoice(where)
        if (
            not self.currency_id.is_zero(self.fee_amount)
            and not self._get_fee_account()
        ):
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) has a fee "
                    "but no bank services account: set one on the line, the payment "
                    "mode or in the Accounting settings.",
                    **where,
                )
            )
        if (
            self.kind in ("prepayment", "refund", "netting")
            and not self._get_prepayment_account()
        ):
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) needs a "
                    "prepayment account: set one on the line, the customer or in the "
                    "Accounting settings.",
                    **where,
                )
            )
        if not self._get_counterpart_account():
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s) has no "
                    "receivable account.",
                    **where,
                )
            )

    def _check_invoice(self, where):
        """The invoice must be an open customer document of the line's customer and
        company, of the right kind for the sign of the amount."""
        invoice = self.invoice_id
        where = dict(where, invoice=invoice.display_name)
        if invoice.company_id != self.company_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s: %(invoice)s belongs to "
                    "another company.",
                    **where,
                )
            )
        if invoice.commercial_partner_id != self.partner_id.commercial_partner_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s: %(invoice)s is not an "
                    "invoice of %(partner)s.",
                    **where,
                )
            )
        if (
            invoice.state != "posted"
            or invoice.payment_state not in ("not_paid", "partial")
            or invoice.currency_id.is_zero(invoice.amount_residual)
        ):
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s): "
                    "%(invoice)s is not open (not posted or already paid).",
                    **where,
                )
            )
        expected = "out_refund" if self.amount < 0 else "out_invoice"
        if invoice.move_type != expected:
            if self.amount < 0:
                message = self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s): a negative "
                    "amount refunds a credit note, but %(invoice)s is an invoice.",
                    **where,
                )
            else:
                message = self.env._(
                    "Line %(number)s of receipt %(receipt)s (%(partner)s): "
                    "%(invoice)s is a credit note; pay it back with a negative amount.",
                    **where,
                )
            raise UserError(message)

    def _prepare_overpayment_split(self, applicable):
        """Reduce this invoice line to ``applicable`` (open amount left on the invoice,
        invoice currency) and return the values of a new prepayment line for the surplus
        (``None`` when nothing is left over)."""
        self.ensure_one()
        total = self.amount + self.fee_amount
        applied = self._get_applied_amount()
        ratio = applicable / applied if applied else 0.0
        keep = self.currency_id.round(total * ratio) - self.fee_amount
        if self.invoice_id.currency_id == self.currency_id:
            keep = applicable - self.fee_amount
        surplus = self.currency_id.round(self.amount - keep)
        if self.currency_id.is_zero(surplus):
            return None
        vals = {
            "receipt_id": self.receipt_id.id,
            "sequence": self.sequence,
            "partner_id": self.partner_id.id,
            "amount": surplus,
            "name": self.env._(
                "Overpayment of %(invoice)s", invoice=self.invoice_id.name
            ),
            "analytic_distribution": self.analytic_distribution,
            "payer_name": self.payer_name,
            "payer_iban": self.payer_iban,
            "payment_reference": self.payment_reference,
        }
        if keep <= 0 and not self.fee_amount:
            self.write({"invoice_id": False, "amount": self.amount})
            return None
        self.write({"amount": keep, "invoice_amount": applicable})
        return vals

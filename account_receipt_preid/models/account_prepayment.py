# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

#: context key set by :meth:`AccountPrepaymentAllocation._release` (the only way
#: allocations are removed)
RELEASE_KEY = "account_prepayment_release"


class AccountPrepayment(models.Model):
    """A PreID: one customer prepayment received on a receipt line, with its own ledger
    of allocations (applications to invoices, nettings, refunds). ``usable_balance`` =
    ``amount`` - applied - refunded.

    Users only read the ledger (access rights); it is written by the ledger's own
    methods, which check the caller's rights on the document behind the change (the
    receipt, the invoice) and the ledger's rules, then write with ``sudo()``:
    :meth:`_create_from_receipt_lines`, :meth:`_allocate`,
    :meth:`AccountPrepaymentAllocation._release` and :meth:`_remove_from_receipt`."""

    _name = "account.prepayment"
    _inherit = ["mail.thread"]
    _description = "Customer Prepayment (PreID)"
    _order = "date, id"
    _check_company_auto = True

    name = fields.Char(
        string="PreID",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", required=True, readonly=True
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    receipt_line_id = fields.Many2one(
        comodel_name="account.receipt.line",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    receipt_id = fields.Many2one(
        related="receipt_line_id.receipt_id",
        string="Receipt",
        help="The receipt that received the prepayment.",
    )
    account_id = fields.Many2one(
        comodel_name="account.account",
        string="Prepayment Account",
        required=True,
        readonly=True,
        check_company=True,
    )
    analytic_distribution = fields.Json(readonly=True)
    amount = fields.Monetary(
        string="Received",
        currency_field="currency_id",
        required=True,
        readonly=True,
        tracking=True,
        help=(
            "Amount received on the receipt line (fee included), in the PreID's "
            "currency."
        ),
    )
    amount_company_currency = fields.Monetary(
        string="Received (Company Currency)",
        currency_field="company_currency_id",
        readonly=True,
        help=(
            "Value of the prepayment in company currency at the rate of the receipt: "
            "the prepayment account is debited at this (historical) rate when the "
            "PreID is applied."
        ),
    )
    amount_applied = fields.Monetary(
        string="Applied",
        currency_field="currency_id",
        compute="_compute_balances",
        store=True,
        help="Used to settle invoices (on posting an invoice, or by netting receipts).",
    )
    amount_refunded = fields.Monetary(
        string="Refunded",
        currency_field="currency_id",
        compute="_compute_balances",
        store=True,
        help="Paid back to the customer by refund lines of receipts.",
    )
    usable_balance = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_balances",
        store=True,
        index=True,
        tracking=True,
        help="What is left to apply or refund: received minus applied minus refunded.",
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("used", "Used")],
        compute="_compute_balances",
        store=True,
        index=True,
        tracking=True,
        help=(
            "Open while a usable balance is left; Used once it is all applied or "
            "refunded."
        ),
    )
    allocation_ids = fields.One2many(
        comodel_name="account.prepayment.allocation",
        inverse_name="prepayment_id",
        string="Allocations",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The PreID must be unique per company.",
        ),
        ("amount_positive", "CHECK(amount > 0)", "A PreID receives a positive amount."),
        (
            "usable_balance_not_negative",
            "CHECK(usable_balance >= 0)",
            "A PreID cannot be used beyond its amount.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("amount", "allocation_ids.amount", "allocation_ids.kind")
    def _compute_balances(self):
        for prepayment in self:
            applied = refunded = 0.0
            for allocation in prepayment.allocation_ids:
                if allocation.kind == "refund":
                    refunded += allocation.amount
                else:
                    applied += allocation.amount
            currency = prepayment.currency_id
            prepayment.amount_applied = applied
            prepayment.amount_refunded = refunded
            prepayment.usable_balance = (
                currency.round(prepayment.amount - applied - refunded)
                if currency
                else 0.0
            )
            prepayment.state = (
                "used"
                if currency
                and currency.compare_amounts(prepayment.usable_balance, 0) <= 0
                else "open"
            )

    # ------------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                date = fields.Date.to_date(
                    vals.get("date")
                ) or fields.Date.context_today(self)
                vals["name"] = self._get_sequence(company).next_by_id(
                    sequence_date=date
                )
        return super(
            AccountPrepayment, self.with_context(mail_create_nosubscribe=True)
        ).create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_referenced(self):
        """A PreID is never deleted while anything refers to it: its allocations, the
        receipt line it was born from (the receipt's reset detaches it first), or a line
        of a receipt (not cancelled) naming it."""
        used = self.filtered("allocation_ids")
        if used:
            raise UserError(
                self.env._(
                    "PreIDs %(names)s have allocations and cannot be deleted.",
                    names=", ".join(used.mapped("name")),
                )
            )
        lines = (
            self.env["account.receipt.line"]
            .sudo()
            .search(
                [
                    "|",
                    ("created_prepayment_id", "in", self.ids),
                    ("prepayment_id", "in", self.ids),
                    ("receipt_id.state", "!=", "cancel"),
                ]
            )
        )
        if lines:
            raise UserError(
                self.env._(
                    "PreIDs %(names)s are named on receipts %(receipts)s and cannot "
                    "be deleted.",
                    names=", ".join(
                        (lines.created_prepayment_id | lines.prepayment_id).mapped(
                            "name"
                        )
                    ),
                    receipts=", ".join(lines.receipt_id.mapped("display_name")),
                )
            )

    @api.model
    def _get_sequence(self, company):
        """The ``ir.sequence`` numbering ``company``'s PreIDs (PRE/2026/00001), created
        on first use."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "account.prepayment"), ("company_id", "=", company.id)],
            limit=1,
        )
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._("PreIDs %(company)s", company=company.name),
                    "code": "account.prepayment",
                    "company_id": company.id,
                    "prefix": "PRE/%(range_year)s/",
                    "padding": 5,
                    "use_date_range": True,
                }
            )
        return sequence

    # ------------------------------------------------------------------ ledger

    def _lock_for_allocation(self):
        """Lock these PreID rows (``SELECT ... FOR UPDATE``, ordered by id so that
        concurrent transactions never deadlock) and drop their cached balances, so that
        the balances read afterwards are those of the database. A concurrent transaction
        holding one of the rows makes this wait; if it commits a change, PostgreSQL
        raises a serialization failure here and Odoo retries the request."""
        if not self:
            return
        self.env["account.prepayment.allocation"].flush_model()
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_prepayment WHERE id IN %s ORDER BY id FOR "
                "UPDATE",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            [
                "amount_applied",
                "amount_refunded",
                "usable_balance",
                "state",
                "allocation_ids",
            ]
        )

    def _allocate(self, vals_list):
        """Create allocations (values of ``account.prepayment.allocation``) on these
        PreIDs after locking them, the only way allocations are made. Checks
        (:meth:`_check_ledger_access`, :meth:`_check_allocation_vals`) the caller's
        right to change the invoice or receipt behind each allocation and the ledger's
        rules (same commercial partner, company and currency, usable balance never below
        zero), then writes with ``sudo()``. Returns the allocations (in the order of
        ``vals_list``, as the caller's recordset)."""
        Allocation = self.env["account.prepayment.allocation"]
        if not vals_list:
            return Allocation
        prepayments = self.env["account.prepayment"].browse(
            {vals["prepayment_id"] for vals in vals_list}
        )
        invoices = self.env["account.move"].browse(
            {vals["invoice_id"] for vals in vals_list if vals.get("invoice_id")}
        )
        lines = self.env["account.receipt.line"].browse(
            {
                vals["receipt_line_id"]
                for vals in vals_list
                if vals.get("receipt_line_id")
            }
        )
        self._check_ledger_access(invoices, lines.receipt_id)
        prepayments._lock_for_allocation()
        requested = defaultdict(float)
        for vals in vals_list:
            self._check_allocation_vals(vals)
            requested[vals["prepayment_id"]] += vals["amount"]
        for prepayment in prepayments:
            prepayment._check_can_give(requested[prepayment.id])
        return Allocation.sudo().create(vals_list).sudo(self.env.su)

    @api.model
    def _check_ledger_access(self, moves, receipts=None):
        """Refuse a ledger change to a caller who may not change the documents behind
        it: the invoices or entries ``moves`` and the receipts ``receipts`` (write
        access, record rules included). The superuser (code running as such) passes."""
        if self.env.su:
            return
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                self.env._(
                    "Only invoicing users and accountants may change the PreID ledger."
                )
            )
        moves.check_access("write")
        if receipts:
            receipts.check_access("write")

    @api.model
    def _check_allocation_vals(self, vals):
        """The ledger's rules for one allocation (``vals``): it names the invoice or
        receipt line it serves (unless the superuser writes it), a positive amount, and
        a PreID of that document's commercial partner, company and currency (a PreID
        picked by hand on an invoice may be in another currency: it is converted)."""
        prepayment = self.browse(vals["prepayment_id"])
        invoice = self.env["account.move"].browse(vals.get("invoice_id"))
        line = self.env["account.receipt.line"].browse(vals.get("receipt_line_id"))
        document = line.receipt_id or invoice
        if not document:
            if self.env.su:
                return
            raise UserError(
                self.env._(
                    "An allocation of PreID %(preid)s must name its invoice or "
                    "receipt.",
                    preid=prepayment.name,
                )
            )
        partner = (line.partner_id or invoice.partner_id).commercial_partner_id
        currency = line.currency_id if line else invoice.currency_id
        problem = None
        if prepayment.company_id != document.company_id:
            problem = self.env._(
                "it belongs to company %(company)s", company=prepayment.company_id.name
            )
        elif prepayment.partner_id != partner:
            problem = self.env._(
                "it is a prepayment of %(partner)s",
                partner=prepayment.partner_id.display_name,
            )
        elif prepayment.currency_id != currency and not (
            invoice and vals.get("manual") and not line
        ):
            problem = self.env._(
                "it is in %(currency)s", currency=prepayment.currency_id.name
            )
        elif (
            invoice
            and not line
            and (invoice.move_type != "out_invoice" or invoice.state != "posted")
        ):
            problem = self.env._(
                "%(invoice)s is not a posted customer invoice",
                invoice=invoice.display_name,
            )
        if problem:
            raise UserError(
                self.env._(
                    "PreID %(preid)s cannot be used by %(document)s: %(problem)s.",
                    preid=prepayment.name,
                    document=document.display_name,
                    problem=problem,
                )
            )

    @api.model
    def _create_from_receipt_lines(self, lines):
        """Create the PreIDs of ``lines`` of posted receipts that credit the prepayment
        account (:meth:`account.receipt.line._creates_prepayment`: a prepayment
        received, a fee-only prepayment row, a netting line turning a credit note into a
        prepayment), the only way PreIDs are made: the caller must be allowed to change
        the receipts; each line gets one PreID (values of
        :meth:`account.receipt.line._prepare_prepayment_vals`). Returns the PreIDs in
        the order of ``lines``."""
        if not lines:
            return self
        self._check_ledger_access(self.env["account.move"], lines.receipt_id)
        # the lines that credit the customer's prepayment account (a prepayment
        # received, a fee-only row, a netting row turning a credit note into a
        # prepayment): the same rule as the entry's posting
        wrong = lines.filtered(
            lambda line: (
                line.receipt_id.state != "posted"
                or not line._creates_prepayment()
                or line.created_prepayment_id
            )
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only lines of posted receipts crediting the prepayment account "
                    "receive a PreID, once (receipts %(receipts)s).",
                    receipts=", ".join(wrong.receipt_id.mapped("display_name")),
                )
            )
        return (
            self.sudo()
            .create([line._prepare_prepayment_vals() for line in lines])
            .sudo(self.env.su)
        )

    def _remove_from_receipt(self, receipts):
        """Delete these PreIDs, born on ``receipts`` that are being reset: the caller
        must be allowed to change the receipts, the PreIDs must be unused and no longer
        attached to a line (see :meth:`_unlink_except_referenced`)."""
        if not self:
            return
        self._check_ledger_access(self.env["account.move"], receipts)
        foreign = self.filtered(
            lambda prepayment: prepayment.receipt_line_id.receipt_id not in receipts
        )
        if foreign:
            raise UserError(
                self.env._(
                    "PreIDs %(names)s were not received on %(receipts)s.",
                    names=", ".join(foreign.mapped("name")),
                    receipts=", ".join(receipts.mapped("display_name")),
                )
            )
        self.sudo().unlink()

    def _check_can_give(self, amount, counted=0.0):
        """Refuse to take ``amount`` from this PreID when its usable balance is smaller.
        ``counted``: part of ``amount`` already deducted from ``usable_balance``
        (allocations being created), added back first."""
        self.ensure_one()
        balance = self.usable_balance + counted
        if self.currency_id.compare_amounts(amount, balance) > 0:
            raise ValidationError(
                self.env._(
                    "PreID %(name)s has a usable balance of %(balance)s; it cannot "
                    "give %(amount)s.",
                    name=self.name,
                    balance=self.currency_id.format(balance),
                    amount=self.currency_id.format(amount),
                )
            )

    def _get_company_value(self, amount):
        """``amount`` of this PreID (its currency) in company currency at the PreID's
        own (historical) rate."""
        self.ensure_one()
        if self.currency_id == self.company_id.currency_id:
            return self.currency_id.round(amount)
        if not self.amount_company_currency:
            return self.currency_id._convert(
                amount, self.company_id.currency_id, self.company_id, self.date
            )
        return self.company_id.currency_id.round(
            self.amount_company_currency * amount / self.amount
        )

    @api.model
    def _get_ledger_differences(self, company):
        """Balance check of the ledger against the books of ``company``: for every
        prepayment account, customer and currency, the sum of the PreIDs' usable
        balances must equal the credit balance (in that currency) of the account's
        posted journal items of that customer. Returns
        ``[(account, partner, currency, ledger, books)]`` for every pair that differs
        (empty when the ledger and the accounts agree)."""
        ledger = defaultdict(float)
        prepayments = self.search([("company_id", "=", company.id)])
        for group in self._read_group(
            [("company_id", "=", company.id)],
            ["account_id", "partner_id", "currency_id"],
            ["usable_balance:sum"],
        ):
            account, partner, currency, balance = group
            ledger[(account, partner.commercial_partner_id, currency)] += balance
        books = defaultdict(float)
        if prepayments:
            for account, partner, currency, amount in self.env[
                "account.move.line"
            ]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", prepayments.account_id.ids),
                ],
                ["account_id", "partner_id", "currency_id"],
                ["amount_currency:sum"],
            ):
                books[(account, partner.commercial_partner_id, currency)] -= amount
        differences = []
        for key in sorted(
            set(ledger) | set(books), key=lambda k: (k[0].id, k[1].id, k[2].id)
        ):
            currency = key[2]
            if currency.compare_amounts(ledger.get(key, 0.0), books.get(key, 0.0)):
                differences.append((*key, ledger.get(key, 0.0), books.get(key, 0.0)))
        return differences


class AccountPrepaymentAllocation(models.Model):
    """One use of a PreID: applied to an invoice, netted on a receipt, or refunded to
    the customer."""

    _name = "account.prepayment.allocation"
    _description = "PreID Allocation"
    _order = "date, id"
    _check_company_auto = True

    prepayment_id = fields.Many2one(
        comodel_name="account.prepayment",
        string="PreID",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="prepayment_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(
        related="prepayment_id.currency_id", string="Currency"
    )
    partner_id = fields.Many2one(related="prepayment_id.partner_id", string="Customer")
    amount = fields.Monetary(
        currency_field="currency_id",
        required=True,
        help="Amount in the PreID's currency.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        selection=[
            ("invoice", "Invoice"),
            ("netting", "Netting"),
            ("refund", "Refund"),
        ],
        required=True,
        help=(
            "Invoice: applied when the invoice was posted; Netting: applied by a "
            "netting receipt; Refund: paid back to the customer."
        ),
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The invoice the PreID settled.",
    )
    receipt_line_id = fields.Many2one(
        comodel_name="account.receipt.line",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help=(
            "The entry that moved the money: the application entry of an invoice, the "
            "receipt's entry for nettings and refunds."
        ),
    )
    manual = fields.Boolean(help="Picked by a person on the invoice (else taken FIFO).")

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "An allocation takes a positive amount.",
        ),
    ]

    @api.depends(
        "prepayment_id.name", "invoice_id.name", "receipt_line_id.receipt_id.name"
    )
    def _compute_display_name(self):
        """``PRE/2026/00001 → INV/2026/00007`` (or the receipt that netted or refunded
        it)."""
        for allocation in self:
            target = (
                allocation.invoice_id.name or allocation.receipt_line_id.receipt_id.name
            )
            allocation.display_name = " → ".join(
                part for part in (allocation.prepayment_id.name, target) if part
            )

    @api.constrains("amount", "prepayment_id")
    def _check_usable_balance(self):
        """The usable balance of a PreID may not go below zero (the allocations in
        ``self`` already count in it)."""
        for prepayment in self.prepayment_id:
            mine = sum(
                self.filtered(lambda a, p=prepayment: a.prepayment_id == p).mapped(
                    "amount"
                )
            )
            prepayment._check_can_give(mine, counted=mine)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_released(self):
        """Allocations are removed only by :meth:`_release` (the reset of the invoice or
        receipt behind them)."""
        if not self.env.context.get(RELEASE_KEY):
            raise UserError(
                self.env._(
                    "PreID allocations %(names)s can only be removed by resetting the "
                    "invoice or receipt that made them.",
                    names=", ".join(self.mapped("display_name")),
                )
            )

    def _release(self):
        """Remove these allocations, giving their amounts back to the PreIDs: the reset
        of the invoices and receipts behind them, which the caller must be allowed to
        change. Locks the PreIDs first."""
        if not self:
            return
        allocations = self.sudo()
        self.env["account.prepayment"]._check_ledger_access(
            allocations.invoice_id.filtered(
                lambda move: move.move_type == "out_invoice"
            ),
            allocations.receipt_line_id.receipt_id,
        )
        allocations.prepayment_id._lock_for_allocation()
        allocations.with_context(**{RELEASE_KEY: True}).unlink()

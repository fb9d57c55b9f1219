# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_list

from .owner_release import RELEASE_RECEIPTS, release, released_ids

_logger = logging.getLogger(__name__)

#: roles of the journal items built from one receipt line
ROLE_MONEY = "money"
ROLE_FEE = "fee"
ROLE_COUNTERPART = "counterpart"


class AccountReceipt(models.Model):
    _name = "account.receipt"
    _description = "Customer Receipt"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, name desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        tracking=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Payment Mode",
        required=True,
        check_company=True,
        tracking=True,
        help=(
            "The bank or cash journal the money came into (its account is debited), "
            "or a netting journal that settles invoices with the customers' "
            "prepayments."
        ),
        domain=(
            "['|', ('type', 'in', ('bank', 'cash')), ('receipt_type', '=', 'netting')]"
        ),
        default=lambda self: self._default_journal(),
    )
    receipt_type = fields.Selection(related="journal_id.receipt_type")
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    bank_rate = fields.Float(
        digits=0,
        tracking=True,
        help=(
            "Company currency per one unit of the receipt currency, as given by the "
            "bank. Empty: Odoo's rate at the receipt date."
        ),
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("posted", "Posted"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many(
        comodel_name="account.receipt.line",
        inverse_name="receipt_id",
        string="Lines",
        copy=True,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Journal Entry",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        help=(
            "The entry posted by Confirm in the payment mode's journal; removed (or "
            "reversed in a closed period) by Reset to Draft."
        ),
    )
    amount_total = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Sum of the line amounts (money received minus money refunded).",
    )
    amount_total_company = fields.Monetary(
        string="Total in Company Currency",
        compute="_compute_amount_total_company",
        store=True,
        currency_field="company_currency_id",
        help=(
            "The total converted at the receipt's rate (the bank rate when given, "
            "else Odoo's rate at the receipt date); the list adds these up, so "
            "receipts in different currencies can be summed."
        ),
    )
    partner_count = fields.Integer(
        string="Customers",
        compute="_compute_amounts",
        store=True,
        help="Number of different customers on the lines.",
    )
    ref = fields.Char(
        string="Reference",
        copy=False,
        help=(
            "Your reference, e.g. the bank statement number; shown in the journal "
            "entry's reference."
        ),
    )
    comment = fields.Text(help="Internal note, not posted.")

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The receipt number must be unique per company.",
        ),
    ]

    # ------------------------------------------------------------ defaults and computes

    @api.model
    def _default_journal(self):
        """The first bank journal of the current company: the usual payment mode."""
        return self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.env.company),
                ("type", "=", "bank"),
            ],
            limit=1,
        )

    @api.depends("journal_id")
    def _compute_currency_id(self):
        for receipt in self:
            receipt.currency_id = (
                receipt.journal_id.currency_id
                or receipt.journal_id.company_id.currency_id
                or receipt.company_id.currency_id
            )

    @api.depends("line_ids.amount", "line_ids.partner_id")
    def _compute_amounts(self):
        for receipt in self:
            receipt.amount_total = sum(receipt.line_ids.mapped("amount"))
            receipt.partner_count = len(
                receipt.line_ids.partner_id.commercial_partner_id
            )

    @api.depends("amount_total", "currency_id", "company_id", "date", "bank_rate")
    def _compute_amount_total_company(self):
        for receipt in self:
            receipt.amount_total_company = receipt._convert_to_company(
                receipt.amount_total
            )

    @api.constrains("journal_id")
    def _check_journal_is_payment_mode(self):
        """The payment mode is a bank or cash journal, or a journal marked as netting:
        never a sales or purchase journal, whatever the caller (the view's domain is not
        a check)."""
        for receipt in self:
            journal = receipt.journal_id
            if journal.type in ("sale", "purchase") or not (
                journal.type in ("bank", "cash") or journal.receipt_type == "netting"
            ):
                raise ValidationError(
                    self.env._(
                        "Journal %(journal)s cannot be the payment mode of receipt "
                        "%(name)s: a receipt's payment mode is a bank or cash "
                        "journal, or a miscellaneous journal marked as netting.",
                        journal=journal.display_name,
                        name=receipt.name,
                    )
                )

    # ------------------------------------------------------------------ ORM

    #: fields only the receipt's own actions write (Confirm, Reset to Draft, Cancel)
    _ACTION_ONLY_FIELDS = ("state", "move_id")
    #: fields of a posted receipt that agree with its journal entry: changed only by
    #: resetting it to draft
    _POSTED_LOCKED_FIELDS = (
        "name",
        "date",
        "journal_id",
        "currency_id",
        "bank_rate",
        "company_id",
        "ref",
        "line_ids",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("move_id") or vals.get("state", "draft") != "draft":
                raise UserError(
                    self.env._(
                        "A receipt is created as a draft, without a journal entry; "
                        "its Confirm button posts it."
                    )
                )
            if vals.get("name", "/") == "/":
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                date = fields.Date.to_date(
                    vals.get("date")
                ) or fields.Date.context_today(self)
                vals["name"] = self._get_next_number(company, date)
        return super().create(vals_list)

    def write(self, vals):
        self._check_write_allowed(vals)
        return super().write(vals)

    def _check_write_allowed(self, vals):
        """A receipt and its journal entry never disagree: the state and the entry
        change only through the receipt's own actions (:meth:`_write_from_action`), and
        a posted receipt keeps the header fields its entry was made from
        (:attr:`_POSTED_LOCKED_FIELDS`) until it is reset to draft. Whatever the caller:
        the web client, RPC, an import."""
        released = released_ids(self.env, RELEASE_RECEIPTS)
        receipts = self.filtered(lambda receipt: receipt.id not in released)
        if not receipts:
            return
        if set(vals) & set(self._ACTION_ONLY_FIELDS):
            raise UserError(
                self.env._(
                    "The state and the journal entry of receipt %(name)s change only "
                    "through its Confirm, Reset to Draft and Cancel buttons.",
                    name=", ".join(receipts.mapped("name")),
                )
            )
        locked = [fname for fname in self._POSTED_LOCKED_FIELDS if fname in vals]
        posted = receipts.filtered(lambda receipt: receipt.state == "posted")
        if locked and posted:
            descriptions = self.fields_get(locked, ["string"])
            raise UserError(
                self.env._(
                    "Receipt %(name)s is posted: %(fields)s cannot be changed. Reset "
                    "it to draft first.",
                    name=", ".join(posted.mapped("name")),
                    fields=format_list(
                        self.env, [descriptions[fname]["string"] for fname in locked]
                    ),
                )
            )

    def _write_from_action(self, vals):
        """Write ``vals`` (state, journal entry) from the receipt's own actions, past
        :meth:`_check_write_allowed`. Private, so that no RPC caller can reach it."""
        return release(self, RELEASE_RECEIPTS).write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        posted = self.filtered(lambda receipt: receipt.state == "posted")
        if posted:
            raise UserError(
                self.env._(
                    "Receipt %(name)s is posted and cannot be deleted; reset it to "
                    "draft first.",
                    name=", ".join(posted.mapped("name")),
                )
            )

    @api.model
    def _get_sequence(self, company):
        """The ``ir.sequence`` numbering ``company``'s receipts: one per company
        (RCPT/2026/00001), created on first use so that every company has its own
        numbering."""
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", "account.receipt"), ("company_id", "=", company.id)], limit=1
        )
        if not sequence:
            sequence = Sequence.create(self._prepare_sequence_vals(company))
        return sequence

    @api.model
    def _prepare_sequence_vals(self, company):
        """Values of the per-company receipt sequence."""
        return {
            "name": self.env._("Receipts %(company)s", company=company.name),
            "code": "account.receipt",
            "company_id": company.id,
            "prefix": "RCPT/%(range_year)s/",
            "padding": 5,
            "use_date_range": True,
            "implementation": "no_gap",
        }

    @api.model
    def _get_next_number(self, company, date):
        """Next receipt number of the company's sequence, dated ``date``."""
        return self._get_sequence(company).next_by_id(sequence_date=date)

    # ------------------------------------------------------------------ rates

    def _get_rate(self):
        """Company currency per one unit of the receipt currency: the bank rate when
        given, else Odoo's rate at the receipt date."""
        self.ensure_one()
        if self.currency_id == self.company_id.currency_id:
            return 1.0
        if self.bank_rate:
            return self.bank_rate
        return self.env["res.currency"]._get_conversion_rate(
            self.currency_id, self.company_id.currency_id, self.company_id, self.date
        )

    def _convert_to_company(self, amount, rate=None):
        """``amount`` in receipt currency expressed (rounded) in company currency at the
        receipt rate."""
        self.ensure_one()
        if self.currency_id == self.company_id.currency_id:
            return self.currency_id.round(amount)
        return self.company_id.currency_id.round(
            amount * (rate if rate is not None else self._get_rate())
        )

    # ------------------------------------------------------------------ actions

    def action_post(self):
        """Validate the receipts, create and post their journal entries, reconcile the
        invoices."""
        for receipt in self:
            if receipt.state != "draft":
                raise UserError(
                    self.env._(
                        "Only draft receipts can be posted (receipt %(name)s).",
                        name=receipt.name,
                    )
                )
            if not receipt.line_ids:
                raise UserError(
                    self.env._(
                        "Receipt %(name)s has no lines to post.", name=receipt.name
                    )
                )
        for receipt in self:
            receipt._split_overpayments()
            receipt._check_lines()
            receipt._check_lock_date()
        move_vals_list = []
        groups_list = []
        for receipt in self:
            groups = receipt._group_move_lines(receipt._prepare_move_line_vals_list())
            groups_list.append(groups)
            move_vals_list.append(receipt._prepare_move_vals(groups))
        self._skip_analytic_distribution_models(move_vals_list)
        moves = self.env["account.move"].create(move_vals_list)
        moves.action_post()
        for receipt, move in zip(self, moves, strict=True):
            receipt._write_from_action({"move_id": move.id, "state": "posted"})
        for receipt, move, groups in zip(self, moves, groups_list, strict=True):
            receipt._reconcile_invoices(move, groups)
            receipt._after_post(move, groups)
            _logger.info(
                "Receipt %s posted: %d lines, entry %s",
                receipt.name,
                len(receipt.line_ids),
                move.name,
            )
        return True

    def action_draft(self):
        """Reset posted (or cancelled) receipts to draft: undo the reconciliations and
        remove the journal entry (or reverse it when it may not be deleted, e.g. in a
        locked period)."""
        for receipt in self:
            receipt._check_can_reset()
        for receipt in self:
            receipt._before_reset()
            if receipt.move_id:
                receipt._remove_move()
        self._write_from_action({"state": "draft", "move_id": False})
        return True

    def action_cancel(self):
        """Cancel draft receipts; a posted receipt is first reset (same checks as
        :meth:`action_draft`)."""
        self.filtered(lambda r: r.state == "posted").action_draft()
        self._write_from_action({"state": "cancel"})
        return True

    def action_open_move(self):
        """Open the receipt's journal entry."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
            "name": self.move_id.name,
        }

    #: journal item values that feed Odoo's own analytic distribution of the item
    #: (product, sale or purchase line)
    _ANALYTIC_SOURCE_FIELDS = ("product_id", "sale_line_ids", "purchase_line_id")

    def _skip_analytic_distribution_models(self, move_vals_list):
        """When no analytic distribution model exists, give the journal items without an
        analytic distribution an explicit empty one in ``move_vals_list`` (values of
        :meth:`_prepare_move_vals`, changed in place).

        Odoo computes the distribution of every item of a journal entry from the
        distribution models, with one search per customer and account: 500 searches for
        a receipt of 500 customers. Without any model (and without a product, sale or
        purchase line on the item) that computation can only keep the value given, so
        giving it is the same result without the searches. With models, nothing changes
        here."""
        if (
            self.env["account.analytic.distribution.model"]
            .sudo()
            .search_count([], limit=1)
        ):
            return
        for move_vals in move_vals_list:
            for command in move_vals.get("line_ids", []):
                if command[0] != fields.Command.CREATE:
                    continue
                vals = command[2]
                if "analytic_distribution" not in vals and not any(
                    fname in vals for fname in self._ANALYTIC_SOURCE_FIELDS
                ):
                    vals["analytic_distribution"] = False

    def _after_post(self, move, groups):
        """Called once the receipt is posted and its invoices reconciled. ``groups`` is
        the list of ``(journal item values, receipt lines)`` of
        :meth:`_group_move_lines`, in the order of ``move``'s items (by id). Nothing to
        do here; the PreID ledger creates the PreIDs of prepayment lines and the
        allocations of netting and refund lines."""

    def _before_reset(self):
        """Called when the receipt is reset to draft, after :meth:`_check_can_reset` and
        before its entry is removed. Nothing to do here; the PreID ledger removes the
        PreIDs and allocations of the receipt."""

    # ------------------------------------------------------------------ reset

    def _check_can_reset(self):
        """Refuse to reset a receipt when a later document depends on it.

        Base rule: the prepayment items of the entry must not be matched with anything
        (a prepayment used by a later netting or refund). The PreID ledger extends this
        with its own allocations."""
        self.ensure_one()
        if self.state not in ("posted", "cancel"):
            raise UserError(
                self.env._("Receipt %(name)s is not posted.", name=self.name)
            )
        prepayment_lines = self.line_ids.filtered(
            lambda line: line.kind in ("prepayment", "refund")
        )
        accounts = self.env["account.account"].union(
            *(line._get_prepayment_account() for line in prepayment_lines)
        )
        used = self.move_id.line_ids.filtered(
            lambda aml: (
                aml.account_id in accounts
                and (aml.matched_debit_ids or aml.matched_credit_ids)
            )
        )
        if used:
            raise UserError(
                self.env._(
                    "Receipt %(name)s cannot be reset to draft: its prepayment items "
                    "are matched with %(entries)s. Undo that matching first.",
                    name=self.name,
                    entries=", ".join(
                        (
                            used.matched_debit_ids.debit_move_id
                            | used.matched_credit_ids.credit_move_id
                        ).move_id.mapped("display_name")
                    ),
                )
            )

    def _remove_move(self):
        """Undo the reconciliations of the receipt's entry and remove it
        (:meth:`account.move._receipt_remove_entries`): deleted, cancelled when the
        audit trail keeps it, or reversed at today's date when it may not be deleted
        (hashed, or dated in a locked period)."""
        self.ensure_one()
        self.move_id._receipt_remove_entries(
            {
                "date": fields.Date.context_today(self),
                "ref": self.env._("Reset of %(name)s", name=self.name),
            }
        )

    # ------------------------------------------------------------------ validation

    def _check_lock_date(self):
        """Refuse a receipt dated in a closed period, with Odoo's own lock date
        check."""
        self.ensure_one()
        violations = self.company_id._get_lock_date_violations(
            self.date, fiscalyear=True, sale=False, purchase=False, tax=False, hard=True
        )
        if violations:
            raise UserError(
                self.env._(
                    "Receipt %(name)s is dated %(date)s, in a closed period "
                    "(%(locks)s).",
                    name=self.name,
                    date=self.date,
                    locks=self.env["res.company"]._format_lock_dates(violations),
                )
            )

    def _check_lines(self):
        """Check every line (customer, invoice, amounts, accounts) and the amounts
        applied per invoice."""
        self.ensure_one()
        for index, line in enumerate(self.line_ids, start=1):
            line._check_line(index)
            if line.kind in ("prepayment", "refund", "netting"):
                line._get_prepayment_account()._check_receipt_prepayment_account_type(
                    self.env._(
                        "line %(number)s of receipt %(name)s",
                        number=index,
                        name=self.name,
                    )
                )
        self._check_invoice_residuals()

    def _check_invoice_residuals(self):
        """Refuse lines that together apply more than an invoice's open amount."""
        applied = defaultdict(float)
        for line in self.line_ids.filtered("invoice_id"):
            applied[line.invoice_id] += line._get_applied_amount()
        for invoice, amount in applied.items():
            residual = invoice.amount_residual
            if invoice.currency_id.compare_amounts(abs(amount), residual) > 0:
                raise UserError(
                    self.env._(
                        "Receipt %(name)s applies %(amount)s to %(invoice)s of "
                        "%(partner)s, whose open amount is only %(residual)s.",
                        name=self.name,
                        amount=invoice.currency_id.format(abs(amount)),
                        invoice=invoice.name,
                        partner=invoice.commercial_partner_id.display_name,
                        residual=invoice.currency_id.format(residual),
                    )
                )

    def _split_overpayments(self):
        """When the company allows overpayment, turn the part of invoice lines above the
        invoice's open amount into new prepayment lines of the same customer."""
        self.ensure_one()
        if not self.company_id.receipt_allow_overpayment:
            return
        remaining = {}
        new_lines = []
        for line in self.line_ids.filtered(lambda line: line.kind == "invoice"):
            invoice = line.invoice_id
            if invoice.state != "posted":
                continue
            left = remaining.setdefault(invoice, invoice.amount_residual)
            applied = line._get_applied_amount()
            if invoice.currency_id.compare_amounts(applied, left) <= 0:
                remaining[invoice] = left - applied
                continue
            vals = line._prepare_overpayment_split(left)
            if vals:
                new_lines.append(vals)
            remaining[invoice] = 0.0
        if new_lines:
            self.env["account.receipt.line"].create(new_lines)

    # ------------------------------------------------------------------ posting

    def _prepare_move_line_vals_list(self):
        """``(receipt line, role, journal item values)`` for every line of the receipt,
        ungrouped."""
        self.ensure_one()
        result = []
        rate = self._get_rate()
        for line in self.line_ids:
            for role, vals in line._prepare_move_line_vals(rate=rate):
                result.append((line, role, vals))
        return result

    def _get_fully_settled_invoices(self):
        """Invoices whose open amount this receipt settles completely."""
        applied = defaultdict(float)
        for line in self.line_ids.filtered("invoice_id"):
            applied[line.invoice_id] += line._get_applied_amount()
        return {
            invoice
            for invoice, amount in applied.items()
            if invoice.currency_id.is_zero(abs(amount) - abs(invoice.amount_residual))
        }

    def _get_move_line_group_key(self, line, role, vals, settled_invoices):
        """Key under which the journal item ``vals`` built for ``line`` is summed with
        others, per the company's aggregation mode (DESIGN.md §1 "Aggregation"):

        - ``none``: money and fees summed per account and currency; counterparts per
          customer, account, currency and analytic (an invoice that stays partly open
          keeps its own item, so that the matching of each invoice is exact);
        - ``debt_part``: money summed, one counterpart per receipt line;
        - ``both``: every item per receipt line;
        - ``payment_file``: money summed per customer, counterparts per invoice.

        Debits and credits are never netted."""
        mode = self.company_id.receipt_aggregation
        direction = vals["balance"] > 0 or (
            vals["balance"] == 0 and vals["amount_currency"] >= 0
        )
        analytic = tuple(sorted((vals.get("analytic_distribution") or {}).items()))
        key = [role, vals["account_id"], vals["currency_id"], direction, analytic]
        if role == ROLE_COUNTERPART:
            key.append(vals.get("partner_id"))
            if mode in ("debt_part", "both"):
                key.append(("line", line.id))
            elif mode == "payment_file" or (
                line.invoice_id and line.invoice_id not in settled_invoices
            ):
                key.append(
                    ("invoice", line.invoice_id.id)
                    if line.invoice_id
                    else ("line", line.id)
                )
        else:
            if self._group_keeps_partner(role, line):
                key.append(vals.get("partner_id"))
            if mode == "both":
                key.append(("line", line.id))
        return tuple(key)

    def _group_move_lines(self, items):
        """Sum the journal items of :meth:`_prepare_move_line_vals_list` by
        :meth:`_get_move_line_group_key`.

        Returns a list of ``(values, receipt lines)`` in a stable order; the receipt
        lines are those whose amounts the item carries (used to reconcile their
        invoices)."""
        self.ensure_one()
        settled = self._get_fully_settled_invoices()
        # key -> (values, ids of the receipt lines); the recordsets are built once at
        # the end (adding one line at a time to a recordset copies it each time:
        # quadratic for the money item of a large receipt)
        groups = {}
        for line, role, vals in items:
            key = self._get_move_line_group_key(line, role, vals, settled)
            if key not in groups:
                group_vals = dict(vals)
                if not self._group_keeps_partner(role, line):
                    group_vals["partner_id"] = False
                groups[key] = (group_vals, dict.fromkeys(line.ids))
                continue
            group_vals, line_ids = groups[key]
            group_vals["balance"] += vals["balance"]
            group_vals["amount_currency"] += vals["amount_currency"]
            if "partner_id" in group_vals and group_vals["partner_id"] != vals.get(
                "partner_id"
            ):
                group_vals["partner_id"] = False
            group_vals["name"] = self._get_grouped_label()
            line_ids.update(dict.fromkeys(line.ids))
        result = []
        receipt_lines = self.env["account.receipt.line"]
        for vals, line_ids in groups.values():
            currency = self.env["res.currency"].browse(vals["currency_id"])
            vals["balance"] = self.company_id.currency_id.round(vals["balance"])
            vals["amount_currency"] = currency.round(vals["amount_currency"])
            result.append((vals, receipt_lines.browse(list(line_ids))))
        return result

    def _group_keeps_partner(self, role, line):
        """Whether summed items of ``role`` carry the customer: always for counterparts
        (Odoo needs the partner on receivables) and for the prepayment debit of a
        netting line; for money and fees only when they are per customer (``both``,
        ``payment_file``)."""
        return (
            role == ROLE_COUNTERPART
            or line.kind == "netting"
            or self.company_id.receipt_aggregation in ("both", "payment_file")
        )

    def _get_grouped_label(self):
        """Label of a journal item that sums several receipt lines."""
        self.ensure_one()
        return f"{self.name} {self.ref}" if self.ref else self.name

    def _prepare_move_vals(self, groups):
        """Values of the receipt's journal entry from the grouped items of
        :meth:`_group_move_lines`."""
        self.ensure_one()
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "date": self.date,
            "ref": f"{self.name} {self.ref}" if self.ref else self.name,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "line_ids": [fields.Command.create(vals) for vals, _lines in groups],
        }

    def _reconcile_invoices(self, move, groups):
        """Match the receipt's receivable items with the invoices and credit notes they
        pay, all in one batch.

        Items and invoices linked through receipt lines form one matching group (one
        item may settle several invoices; several items may pay one invoice). Odoo's
        reconciliation makes the partials and the exchange-difference entries."""
        self.ensure_one()
        move_lines = move.line_ids.sorted("id")
        if len(move_lines) != len(groups):
            raise UserError(
                self.env._(
                    "The journal entry of %(name)s does not match its lines.",
                    name=self.name,
                )
            )
        # union-find over receipt items and invoices
        parent = {}

        def find(node):
            while parent.setdefault(node, node) != node:
                node = parent[node]
            return node

        def union(a, b):
            parent[find(a)] = find(b)

        for aml, (_vals, lines) in zip(move_lines, groups, strict=True):
            if aml.account_id.account_type not in (
                "asset_receivable",
                "liability_payable",
            ):
                continue
            for invoice in lines.invoice_id:
                union(("aml", aml.id), ("invoice", invoice.id))
        components = defaultdict(lambda: self.env["account.move.line"])
        aml_by_id = {aml.id: aml for aml in move_lines}
        invoice_ids = [node[1] for node in parent if node[0] == "invoice"]
        invoices = self.env["account.move"].browse(invoice_ids)
        for node in list(parent):
            root = find(node)
            if node[0] == "aml":
                components[root] |= aml_by_id[node[1]]
        for invoice in invoices:
            root = find(("invoice", invoice.id))
            accounts = components[root].account_id
            components[root] |= invoice.line_ids.filtered(
                lambda aml, accounts=accounts: (
                    aml.account_id in accounts and not aml.reconciled
                )
            )
        plan = [amls for amls in components.values() if len(amls) > 1]
        if plan:
            # One batch for every group. Matching changes no invoice line, so the
            # re-synchronisation of the invoices' tax and payment-term lines around it
            # is skipped (as Odoo does for its cash-basis entries): it was 40% of the
            # time of a 2,000-line receipt.
            self.env["account.move.line"].with_context(
                skip_invoice_sync=True
            )._reconcile_plan(plan)

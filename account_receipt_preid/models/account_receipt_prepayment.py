# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The PreID ledger on receipts: posting creates the PreIDs of prepayment lines and the
allocations of netting and refund lines; resetting removes them."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountReceipt(models.Model):
    _inherit = "account.receipt"

    prepayment_count = fields.Integer(
        string="PreIDs",
        compute="_compute_prepayment_count",
        help="PreIDs created or consumed by the lines of this receipt.",
    )

    @api.depends("line_ids.created_prepayment_id", "line_ids.prepayment_id")
    def _compute_prepayment_count(self):
        for receipt in self:
            receipt.prepayment_count = len(receipt._get_prepayments())

    def _get_prepayments(self):
        """PreIDs born on this receipt's lines and PreIDs its netting and refund lines
        consume."""
        return self.line_ids.created_prepayment_id | self.line_ids.prepayment_id

    def action_open_prepayments(self):
        """Open the PreIDs of :meth:`_get_prepayments` (the PreID itself when there is
        one)."""
        self.ensure_one()
        prepayments = self._get_prepayments()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_receipt_preid.account_prepayment_action"
        )
        action["context"] = {}
        if len(prepayments) == 1:
            action.update(
                {
                    "res_id": prepayments.id,
                    "view_mode": "form",
                    "views": [(False, "form")],
                }
            )
            return action
        action.update(
            {
                "domain": [("id", "in", prepayments.ids)],
                "name": self.env._("PreIDs of %(name)s", name=self.name),
            }
        )
        return action

    def _after_post(self, move, groups):
        res = super()._after_post(move, groups)
        self._create_prepayments()
        self._allocate_line_prepayments(move)
        return res

    def _create_prepayments(self):
        """Create one PreID per line that credits the customer's prepayment account
        (:meth:`account.receipt.line._creates_prepayment`): a prepayment received, or a
        netting line turning a credit note into a prepayment."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line._creates_prepayment())
        if not lines:
            return self.env["account.prepayment"]
        prepayments = self.env["account.prepayment"]._create_from_receipt_lines(lines)
        for line, prepayment in zip(lines, prepayments, strict=True):
            line.created_prepayment_id = prepayment
        return prepayments

    def _allocate_line_prepayments(self, move):
        """Allocate the PreIDs of the lines that debit the customer's prepayment account
        (:meth:`account.receipt.line._consumes_prepayment`: netting an invoice, refund
        without invoice): the named PreID (locked; never more than its usable balance),
        else the customer's PreIDs FIFO."""
        self.ensure_one()
        consuming = self.line_ids.filtered(lambda line: line._consumes_prepayment())
        lines = consuming.filtered("prepayment_id")
        if lines:
            self.env["account.prepayment"]._allocate(
                [line._prepare_prepayment_allocation_vals(move) for line in lines]
            )
        for line in consuming - lines:
            vals_list = line._prepare_fifo_allocation_vals(move)
            if vals_list:
                self.env["account.prepayment"]._allocate(vals_list)

    def _check_lines(self):
        """Also refuse lines taking more from a PreID than its usable balance, and lines
        naming no PreID that take more than the customer's prepayments cover (before
        anything is posted; the allocation repeats the check under the row lock)."""
        res = super()._check_lines()
        requested = defaultdict(float)
        for line in self.line_ids.filtered(
            lambda line: line.prepayment_id and line._consumes_prepayment()
        ):
            requested[line.prepayment_id] += line._get_prepayment_take()
        for prepayment, amount in requested.items():
            prepayment._check_can_give(amount)
        self._check_prepayment_coverage()
        return res

    def _check_prepayment_coverage(self):
        """Refuse a line naming no PreID that takes more from the customer's prepayment
        than it holds. Lines of the same customer, prepayment account and currency count
        together in line order (lines naming a PreID included); PreIDs born on this
        receipt count as received."""
        self.ensure_one()
        created = defaultdict(float)
        for line in self.line_ids.filtered(lambda line: line._creates_prepayment()):
            created[line._get_prepayment_key()] += line._get_prepayment_delta()
        covers = {}
        taken = defaultdict(float)
        for index, line in enumerate(self.line_ids, start=1):
            if not line._consumes_prepayment():
                continue
            key = line._get_prepayment_key()
            if key not in covers:
                covers[key] = self._get_prepayment_cover(key, created[key])
            before = taken[key]
            taken[key] += line._get_prepayment_take()
            cover, ledger, books, outside = covers[key]
            currency = key[2]
            if line.prepayment_id or currency.compare_amounts(taken[key], cover) <= 0:
                continue
            message = self.env._(
                "Line %(number)s of receipt %(receipt)s (%(partner)s) takes "
                "%(amount)s from the customer's prepayments on %(account)s, but they "
                "cover only %(cover)s (usable PreIDs received by %(date)s: "
                "%(ledger)s; prepayment account balance: %(books)s).",
                number=index,
                receipt=self.name,
                partner=line.partner_id.display_name,
                amount=currency.format(line._get_prepayment_take()),
                account=key[1].display_name,
                cover=currency.format(max(cover - before, 0.0)),
                date=self.date,
                ledger=currency.format(ledger),
                books=currency.format(books),
            )
            if (
                currency.compare_amounts(outside, 0) > 0
                and not self.company_id.receipt_prepayment_outside_ledger
            ):
                message += "\n" + self.env._(
                    "The part of the account balance without a PreID (e.g. from "
                    "before the PreID ledger) can only be used with the company "
                    "setting Prepayments Outside the PreID Ledger."
                )
            raise UserError(message)

    def _get_prepayment_cover(self, key, created=0.0):
        """``(cover, ledger, books, outside)`` for a customer's prepayment ``key``
        (commercial partner, account, currency): ``ledger`` is what the customer's open
        PreIDs received on or before the receipt date can give, ``books`` the credit
        balance of the account for the customer in that currency (both plus ``created``,
        PreIDs born on this receipt), ``outside`` what the account holds beyond all the
        customer's PreIDs, and ``cover`` what lines naming no PreID may take: the
        ledger, plus the outside part with the company setting *Prepayments Outside the
        PreID Ledger*, never more than the account's balance."""
        self.ensure_one()
        partner, account, currency = key
        prepayments = self.env["account.prepayment"].search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", self.company_id.id),
                ("currency_id", "=", currency.id),
                ("account_id", "=", account.id),
                ("state", "=", "open"),
            ]
        )
        ledger = (
            sum(
                prepayments.filtered(lambda p: p.date <= self.date).mapped(
                    "usable_balance"
                )
            )
            + created
        )
        books = (
            self._get_prepayment_account_balance(partner, account, currency) + created
        )
        outside = max(books - created - sum(prepayments.mapped("usable_balance")), 0.0)
        cover = (
            ledger + outside
            if self.company_id.receipt_prepayment_outside_ledger
            else ledger
        )
        return min(cover, books), ledger, books, outside

    def _get_prepayment_account_balance(self, partner, account, currency):
        """Credit balance, in ``currency``, of the posted items of ``account`` for
        commercial ``partner``."""
        self.ensure_one()
        [(amount,)] = self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("account_id", "=", account.id),
                ("partner_id", "child_of", partner.id),
                ("currency_id", "=", currency.id),
            ],
            [],
            ["amount_currency:sum"],
        )
        return -(amount or 0.0)

    def _check_can_reset(self):
        """Also refuse while a PreID born on this receipt has allocations."""
        res = super()._check_can_reset()
        used = self.line_ids.created_prepayment_id.filtered("allocation_ids")
        if used:
            raise UserError(
                self.env._(
                    "Receipt %(name)s cannot be reset to draft: its PreIDs %(preids)s "
                    "are already used by %(documents)s. Undo those first.",
                    name=self.name,
                    preids=", ".join(used.mapped("name")),
                    documents=", ".join(
                        used.allocation_ids.invoice_id.mapped("display_name")
                        + used.allocation_ids.receipt_line_id.receipt_id.mapped(
                            "display_name"
                        )
                    ),
                )
            )
        return res

    def _before_reset(self):
        """Remove the allocations of the receipt's netting and refund lines and the
        PreIDs it created."""
        res = super()._before_reset()
        self.env["account.prepayment.allocation"].search(
            [("receipt_line_id", "in", self.line_ids.ids)]
        )._release()
        prepayments = self.line_ids.created_prepayment_id
        self.line_ids.created_prepayment_id = False
        prepayments._remove_from_receipt(self)
        return res

    def action_open_refund_export(self):
        """Open the refund payment file wizard for the refund lines of this receipt."""
        return self.line_ids.action_open_refund_export()


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"

    prepayment_id = fields.Many2one(
        comodel_name="account.prepayment",
        string="PreID",
        check_company=True,
        index="btree_not_null",
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'open')]",
        help="The PreID a netting or refund line consumes.",
    )
    prepayment_usable_balance = fields.Monetary(
        related="prepayment_id.usable_balance",
        string="PreID Usable Balance",
        currency_field="currency_id",
    )
    created_prepayment_id = fields.Many2one(
        comodel_name="account.prepayment",
        string="Created PreID",
        readonly=True,
        copy=False,
        check_company=True,
        index="btree_not_null",
        help="The PreID born from this prepayment line when the receipt was posted.",
    )

    def _get_prepayment_delta(self, company_currency=False):
        """Movement of the customer's prepayment account made by this line, as a credit
        (in the receipt currency, or in company currency at the receipt rate): positive
        when the line credits the account (a prepayment received, fee included; a
        netting line of a credit note, which turns it into a prepayment), negative when
        it debits it (a refund, fee deducted; a netting line settling an invoice), zero
        for lines that do not touch it (invoice receipts, credit-note refunds). The
        PreID ledger moves by exactly this."""
        self.ensure_one()
        money, fee = (
            self._get_company_amounts()
            if company_currency
            else (self.amount, self.fee_amount)
        )
        if self.kind in ("prepayment", "refund"):
            return money + fee
        if self.kind == "netting":
            return -money
        return 0.0

    def _creates_prepayment(self):
        """Whether posting this line credits the prepayment account, so a PreID is
        born."""
        self.ensure_one()
        return self.currency_id.compare_amounts(self._get_prepayment_delta(), 0) > 0

    def _consumes_prepayment(self):
        """Whether posting this line debits the prepayment account, so PreIDs give the
        amount."""
        self.ensure_one()
        return self.currency_id.compare_amounts(self._get_prepayment_delta(), 0) < 0

    def _get_prepayment_take(self):
        """Amount a consuming line takes from the customer's PreIDs (receipt
        currency)."""
        self.ensure_one()
        return self.currency_id.round(-self._get_prepayment_delta())

    def _get_prepayment_key(self):
        """``(commercial partner, prepayment account, currency)`` of the prepayment this
        line moves."""
        self.ensure_one()
        return (
            self.partner_id.commercial_partner_id,
            self._get_prepayment_account(),
            self.currency_id,
        )

    def _prepare_prepayment_vals(self):
        """Values of the PreID born from this line (:meth:`_creates_prepayment`): the
        credit of :meth:`_get_prepayment_delta` in the receipt currency, with the line's
        prepayment account and analytic."""
        self.ensure_one()
        return {
            "partner_id": self.partner_id.commercial_partner_id.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "date": self.receipt_id.date,
            "receipt_line_id": self.id,
            "account_id": self._get_prepayment_account().id,
            "analytic_distribution": self.analytic_distribution,
            "amount": self.currency_id.round(self._get_prepayment_delta()),
            "amount_company_currency": self._get_prepayment_delta(
                company_currency=True
            ),
        }

    def _prepare_prepayment_allocation_vals(self, move):
        """Values of the allocation of a netting line (the amount netted) or a refund
        line (the amount paid back) on its PreID."""
        self.ensure_one()
        return {
            "prepayment_id": self.prepayment_id.id,
            "amount": self._get_prepayment_take(),
            "date": self.receipt_id.date,
            "kind": "refund" if self.kind == "refund" else "netting",
            "invoice_id": self.invoice_id.id if self.kind == "netting" else False,
            "receipt_line_id": self.id,
            "move_id": move.id,
            "manual": True,
        }

    def _get_fifo_prepayments(self):
        """Open PreIDs a netting or refund line naming none consumes, oldest first: same
        customer, company, currency and prepayment account, received on or before the
        receipt date."""
        self.ensure_one()
        return self.env["account.prepayment"].search(
            [
                ("partner_id", "=", self.partner_id.commercial_partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("currency_id", "=", self.currency_id.id),
                ("account_id", "=", self._get_prepayment_account().id),
                ("state", "=", "open"),
                ("date", "<=", self.receipt_id.date),
            ],
            order="date, id",
        )

    def _prepare_fifo_allocation_vals(self, move):
        """Allocations of a netting or refund line that names no PreID: FIFO over
        :meth:`_get_fifo_prepayments` (locked), up to the amount the line netted or paid
        back. What no PreID covers is refused, unless the company setting *Prepayments
        Outside the PreID Ledger* lets it stay outside the ledger (checked against the
        account's balance before posting,
        :meth:`account.receipt._check_prepayment_coverage`)."""
        self.ensure_one()
        prepayments = self._get_fifo_prepayments()
        prepayments._lock_for_allocation()
        currency = self.currency_id
        left = self._get_prepayment_take()
        vals_list = []
        for prepayment in prepayments:
            if currency.compare_amounts(left, 0) <= 0:
                break
            take = currency.round(min(prepayment.usable_balance, left))
            if currency.compare_amounts(take, 0) > 0:
                vals = self._prepare_prepayment_allocation_vals(move)
                vals.update(prepayment_id=prepayment.id, amount=take, manual=False)
                vals_list.append(vals)
                left = currency.round(left - take)
        if (
            currency.compare_amounts(left, 0) > 0
            and not self.company_id.receipt_prepayment_outside_ledger
        ):
            raise UserError(
                self.env._(
                    "Receipt %(receipt)s (%(partner)s): the customer's PreIDs no "
                    "longer cover %(amount)s; another document used them meanwhile. "
                    "Check the line and post again.",
                    receipt=self.receipt_id.name,
                    partner=self.partner_id.display_name,
                    amount=currency.format(left),
                )
            )
        return vals_list

    def _get_prepayment_account(self):
        """A line consuming a PreID uses the PreID's account unless the line names
        one."""
        if self.prepayment_id and not self.account_id:
            return self.prepayment_id.account_id
        return super()._get_prepayment_account()

    def _get_prepayment_analytic(self):
        """Analytic of the prepayment item of a netting or refund line: the line's, else
        its PreID's."""
        self.ensure_one()
        return self.analytic_distribution or self.prepayment_id.analytic_distribution

    def _prepare_money_line_vals(self, balance):
        vals = super()._prepare_money_line_vals(balance)
        if (
            self.kind == "netting"
            and self.prepayment_id
            and self._get_prepayment_analytic()
        ):
            vals["analytic_distribution"] = self._get_prepayment_analytic()
        return vals

    def _prepare_counterpart_line_vals(self, balance, rate=None):
        vals = super()._prepare_counterpart_line_vals(balance, rate=rate)
        if (
            self.kind == "refund"
            and self.prepayment_id
            and self._get_prepayment_analytic()
        ):
            vals["analytic_distribution"] = self._get_prepayment_analytic()
        return vals

    def _check_line(self, index):
        res = super()._check_line(index)
        self._check_line_prepayment(index)
        return res

    def _check_line_prepayment(self, index):
        """A PreID on a line: only on netting and refund lines, of the line's customer,
        company and currency."""
        self.ensure_one()
        prepayment = self.prepayment_id
        if not prepayment:
            return
        where = {
            "number": index,
            "receipt": self.receipt_id.name,
            "preid": prepayment.name,
            "partner": self.partner_id.display_name,
        }
        if self.kind == "netting" and not self._consumes_prepayment():
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s nets credit note "
                    "%(invoice)s: it turns the credit note into a new PreID and "
                    "cannot consume PreID %(preid)s.",
                    invoice=self.invoice_id.display_name,
                    **where,
                )
            )
        if not self._consumes_prepayment():
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s names PreID %(preid)s, "
                    "but only netting lines and refund lines (negative amount, no "
                    "invoice) consume a PreID.",
                    **where,
                )
            )
        if prepayment.partner_id != self.partner_id.commercial_partner_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s: PreID %(preid)s is not a "
                    "prepayment of %(partner)s.",
                    **where,
                )
            )
        if prepayment.currency_id != self.currency_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s: PreID %(preid)s is in "
                    "%(currency)s, the receipt in %(receipt_currency)s.",
                    currency=prepayment.currency_id.name,
                    receipt_currency=self.currency_id.name,
                    **where,
                )
            )
        if self.account_id and self.account_id != prepayment.account_id:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s: PreID %(preid)s is on "
                    "account %(preid_account)s, the line names %(account)s.",
                    preid_account=prepayment.account_id.display_name,
                    account=self.account_id.display_name,
                    **where,
                )
            )
        if prepayment.date > self.receipt_id.date:
            raise UserError(
                self.env._(
                    "Line %(number)s of receipt %(receipt)s: PreID %(preid)s was "
                    "received on %(preid_date)s, after the receipt's date %(date)s.",
                    preid_date=prepayment.date,
                    date=self.receipt_id.date,
                    **where,
                )
            )

    def action_open_refund_export(self):
        """Open the wizard exporting a SEPA credit transfer file for the posted refund
        lines among these."""
        lines = self.filtered(
            lambda line: (
                line.state == "posted" and line.kind in ("refund", "credit_note_refund")
            )
        )
        if not lines:
            raise UserError(self.env._("There are no posted refund lines to pay back."))
        wizard = self.env["account.prepayment.refund.export"].create(
            {"line_ids": [fields.Command.set(lines.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Refund Payment File"),
        }

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer invoices settled by PreIDs: manual picks, FIFO, the application entry and
its reversal."""

import logging
from collections import defaultdict

import markupsafe

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    preid_pick_ids = fields.One2many(
        comodel_name="account.prepayment.pick",
        inverse_name="invoice_id",
        string="PreID Picks",
        help="PreIDs a person chose to apply to this draft invoice, with the amounts.",
    )
    preid_allocation_ids = fields.One2many(
        comodel_name="account.prepayment.allocation",
        inverse_name="invoice_id",
        string="PreID Allocations",
    )
    preid_usable_total = fields.Monetary(
        string="Usable Prepayments",
        compute="_compute_preid_usable_total",
        currency_field="currency_id",
        help=(
            "Usable balance of the customer's PreIDs in the invoice's company and "
            "currency."
        ),
    )
    preid_applied_total = fields.Monetary(
        string="Applied Prepayments",
        compute="_compute_preid_usable_total",
        currency_field="currency_id",
        help="Part of this invoice settled with the customer's PreIDs.",
    )

    @api.depends(
        "partner_id",
        "currency_id",
        "company_id",
        "state",
        "preid_allocation_ids.amount",
    )
    def _compute_preid_usable_total(self):
        for move in self:
            if move.move_type != "out_invoice" or not move.partner_id:
                move.preid_usable_total = move.preid_applied_total = 0.0
                continue
            move.preid_usable_total = sum(
                move._get_prepayments_for_invoice().mapped("usable_balance")
            )
            move.preid_applied_total = sum(move.preid_allocation_ids.mapped("amount"))

    # ----------------------------------------------------------------- extension points

    def _get_prepayments_for_invoice(self, fifo=False):
        """Open PreIDs that may settle this invoice, oldest first: same customer
        (commercial partner), company and currency. Searched on the indexed ``state``,
        so fully used PreIDs cost nothing. With ``fifo``, only those FIFO may take
        (:meth:`_get_prepayment_fifo_date`)."""
        self.ensure_one()
        return self.env["account.prepayment"].search(
            self._get_prepayment_candidate_domain(fifo=fifo), order="date, id"
        )

    def _get_prepayment_candidate_domain(self, fifo=False):
        """Domain of :meth:`_get_prepayments_for_invoice` for these invoices (one search
        for many)."""
        domain = [
            ("partner_id", "in", self.commercial_partner_id.ids),
            ("company_id", "in", self.company_id.ids),
            ("currency_id", "in", self.currency_id.ids),
            ("state", "=", "open"),
        ]
        dates = (
            [
                date
                for date in (invoice._get_prepayment_fifo_date() for invoice in self)
                if date
            ]
            if fifo
            else []
        )
        if dates and len(dates) == len(self):
            domain.append(("date", "<=", max(dates)))
        return domain

    def _get_prepayment_fifo_date(self):
        """Latest receipt date of the PreIDs FIFO may take for this invoice: its invoice
        date (a prepayment received later did not exist when the invoice was issued), or
        ``None`` (any date) when the company lets FIFO use later PreIDs (*FIFO Also Uses
        Later Prepayments*)."""
        self.ensure_one()
        if self.company_id.receipt_prepayment_fifo_later:
            return None
        return self.invoice_date or self.date

    def _takes_prepayments_fifo(self):
        """Whether FIFO may settle this invoice with the customer's PreIDs when it is
        posted (after the picks): the company's *Apply Prepayments Automatically
        (FIFO)*. Extended per invoice (its prepayment to apply, *Keep Out of FIFO*)."""
        self.ensure_one()
        return self.company_id.receipt_prepayment_auto_fifo

    def _get_prepayment_fifo_amount(self, open_amount, picked):
        """How much FIFO may take for this invoice (invoice currency), given its
        ``open_amount`` once the picks are applied and the ``picked`` amount (invoice
        currency) they cover: all that is open. Extended to stop at the invoice's
        prepayment to apply."""
        self.ensure_one()
        return open_amount

    def _sort_prepayments_for_fifo(self, prepayments):
        """The order in which FIFO takes ``prepayments`` (open PreIDs of this invoice's
        customer, oldest first) for this invoice: as given. Extension point, e.g. the
        PreIDs received for the invoice's sales order first."""
        self.ensure_one()
        return prepayments

    def _get_prepayment_application_date(self, prepayments):
        """Date of the application entry using ``prepayments``: the invoice's accounting
        date, or the latest receipt date of the PreIDs when later, so that the
        prepayment account is never debited for the customer before the money was
        received."""
        self.ensure_one()
        return max([self.date, *prepayments.mapped("date")])

    def _allocate_fifo(self, prepayments, amount):
        """FIFO: take ``amount`` (invoice currency, which is the PreIDs' currency) from
        ``prepayments`` in their order, each up to its usable balance. Returns
        ``[(prepayment, amount)]``."""
        self.ensure_one()
        result = []
        currency = self.currency_id
        for prepayment in prepayments:
            if currency.compare_amounts(amount, 0) <= 0:
                break
            take = min(prepayment.usable_balance, amount)
            if currency.compare_amounts(take, 0) > 0:
                result.append((prepayment, currency.round(take)))
                amount = currency.round(amount - take)
        return result

    def _get_prepayment_invoice_amount(self, prepayment, amount):
        """``amount`` of ``prepayment`` (its currency) in the invoice currency: as is in
        the same currency, else converted at Odoo's rate of the invoice's accounting
        date."""
        self.ensure_one()
        if prepayment.currency_id == self.currency_id:
            return amount
        return prepayment.currency_id._convert(
            amount, self.currency_id, self.company_id, self.date
        )

    def _get_prepayment_application_journal(self):
        """Journal of the application entries: the company's netting payment mode, else
        its first miscellaneous journal (never the sales journal, whose numbering is the
        invoices'), else the invoice's."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        company_domain = Journal._check_company_domain(self.company_id)
        return (
            Journal.search([*company_domain, ("receipt_type", "=", "netting")], limit=1)
            or Journal.search([*company_domain, ("type", "=", "general")], limit=1)
            or self.journal_id
        )

    def _get_prepayment_application_analytic(self, prepayment):
        """Analytic of the prepayment item: the customer's default distribution when the
        company says so, else the PreID's, else the invoice's (that of its first line
        carrying one)."""
        self.ensure_one()
        if self.company_id.receipt_prepayment_analytic_from_partner:
            return self.env["account.analytic.distribution.model"]._get_distribution(
                {
                    "partner_id": self.commercial_partner_id.id,
                    "partner_category_id": self.commercial_partner_id.category_id.ids,
                    "company_id": self.company_id.id,
                }
            )
        if prepayment.analytic_distribution:
            return prepayment.analytic_distribution
        return (
            self.invoice_line_ids.filtered("analytic_distribution")[
                :1
            ].analytic_distribution
            or False
        )

    def _get_receivable_lines(self):
        """Open receivable items of the invoice."""
        return self.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )

    def _prepare_prepayment_application_move(self, allocations, journal=None):
        """Values of the application entry settling this invoice with ``allocations``
        (``[(prepayment, amount in its currency, amount in the invoice currency)]``),
        dated by :meth:`_get_prepayment_application_date`, in ``journal`` (default
        :meth:`_get_prepayment_application_journal`): per PreID a debit on its
        prepayment account at the PreID's historical rate and a credit on the invoice's
        receivable; across currencies, the difference between the two company values
        goes to the exchange gain or loss account. Reconciling the receivable with the
        invoice books any remaining exchange difference the usual Odoo way."""
        self.ensure_one()
        company = self.company_id
        date = self._get_prepayment_application_date(
            self.env["account.prepayment"].union(
                *(allocation[0] for allocation in allocations)
            )
        )
        receivable = self._get_receivable_lines().account_id[:1]
        partner = self.commercial_partner_id
        lines = []
        for prepayment, amount, invoice_amount in allocations:
            label = self.env._(
                "%(preid)s applied to %(invoice)s",
                preid=prepayment.name,
                invoice=self.name,
            )
            debit = prepayment._get_company_value(amount)
            lines.append(
                {
                    "account_id": prepayment.account_id.id,
                    "partner_id": partner.id,
                    "name": label,
                    "balance": debit,
                    "amount_currency": amount,
                    "currency_id": prepayment.currency_id.id,
                    "analytic_distribution": self._get_prepayment_application_analytic(
                        prepayment
                    ),
                }
            )
            if prepayment.currency_id == self.currency_id:
                credit = debit
            else:
                credit = self.currency_id._convert(
                    invoice_amount, company.currency_id, company, date
                )
            lines.append(
                {
                    "account_id": receivable.id,
                    "partner_id": partner.id,
                    "name": label,
                    "balance": -credit,
                    "amount_currency": -invoice_amount,
                    "currency_id": self.currency_id.id,
                }
            )
            difference = company.currency_id.round(debit - credit)
            if not company.currency_id.is_zero(difference):
                account = (
                    company.income_currency_exchange_account_id
                    if difference > 0
                    else company.expense_currency_exchange_account_id
                )
                lines.append(
                    {
                        "account_id": account.id,
                        "partner_id": partner.id,
                        "name": self.env._(
                            "Exchange difference: %(label)s", label=label
                        ),
                        "balance": -difference,
                        "amount_currency": -difference,
                        "currency_id": company.currency_id.id,
                    }
                )
        return {
            "move_type": "entry",
            "journal_id": (journal or self._get_prepayment_application_journal()).id,
            "date": date,
            "ref": self.env._("Prepayments applied to %(invoice)s", invoice=self.name),
            "company_id": company.id,
            "partner_id": partner.id,
            "line_ids": [fields.Command.create(vals) for vals in lines],
        }

    # ---------------------------------------------------------------- posting and reset

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: move.move_type == "out_invoice"
        )._apply_prepayments()
        return posted

    def _apply_prepayments(self):
        """Apply the manual picks, then (company setting) FIFO over the customer's other
        PreIDs, up to each invoice's open amount, for all these invoices (posted
        together) in one pass: one search for the candidate PreIDs, their rows locked
        once (ordered by id), then one application entry per invoice, all created in one
        ``create``, posted together and reconciled each with its invoice. Invoices
        posted together take FIFO in turn: the second gets what the first left."""
        if not self:
            return
        self._check_prepayment_picks()
        picks = self.preid_pick_ids.filtered(
            lambda pick: pick.currency_id.compare_amounts(pick.amount, 0) > 0
        )
        candidates = self.filtered(
            lambda move: move._takes_prepayments_fifo()
        )._get_prepayment_fifo_candidates()
        to_lock = picks.prepayment_id.union(*candidates.values())
        if to_lock:
            to_lock._lock_for_allocation()
            plan = self._plan_prepayment_applications(picks, candidates)
        else:
            plan = []
        self.preid_pick_ids.sudo().unlink()
        if plan:
            self._create_prepayment_applications(plan)

    def _get_prepayment_fifo_candidates(self):
        """``{invoice: PreIDs FIFO may take, oldest first}`` for these invoices, with
        one search."""
        if not self:
            return {}
        by_key = defaultdict(list)
        for prepayment in self.env["account.prepayment"].search(
            self._get_prepayment_candidate_domain(fifo=True), order="date, id"
        ):
            by_key[
                (prepayment.partner_id, prepayment.company_id, prepayment.currency_id)
            ].append(prepayment)
        result = {}
        for invoice in self:
            limit = invoice._get_prepayment_fifo_date()
            found = by_key.get(
                (
                    invoice.commercial_partner_id,
                    invoice.company_id,
                    invoice.currency_id,
                ),
                [],
            )
            result[invoice] = invoice._sort_prepayments_for_fifo(
                self.env["account.prepayment"].union(
                    *(
                        prepayment
                        for prepayment in found
                        if not limit or prepayment.date <= limit
                    )
                )
            )
        return result

    def _plan_prepayment_applications(self, picks, candidates):
        """What each invoice takes, from the (locked) balances: its ``picks`` first,
        then FIFO over its ``candidates`` (:meth:`_get_prepayment_fifo_candidates`) up
        to its open amount; balances taken by one invoice are not offered to the next.
        Returns ``[(invoice, [(prepayment, amount, invoice amount, manual)])]`` for the
        invoices taking something."""
        balances = {}
        plan = []
        for invoice in self:
            residual = invoice.amount_residual
            allocations = []
            for pick in picks.filtered(
                lambda pick, invoice=invoice: pick.invoice_id == invoice
            ):
                prepayment = pick.prepayment_id
                balance = balances.setdefault(prepayment, prepayment.usable_balance)
                prepayment._check_can_give(
                    pick.amount, counted=balance - prepayment.usable_balance
                )
                invoice_amount = invoice._get_prepayment_invoice_amount(
                    prepayment, pick.amount
                )
                if invoice.currency_id.compare_amounts(invoice_amount, residual) > 0:
                    raise UserError(
                        invoice.env._(
                            "The PreIDs picked on %(invoice)s apply more than its "
                            "open amount %(residual)s.",
                            invoice=invoice.name,
                            residual=invoice.currency_id.format(
                                invoice.amount_residual
                            ),
                        )
                    )
                residual = invoice.currency_id.round(residual - invoice_amount)
                balances[prepayment] = prepayment.currency_id.round(
                    balance - pick.amount
                )
                allocations.append((prepayment, pick.amount, invoice_amount, True))
            picked = picks.filtered(
                lambda pick, invoice=invoice: pick.invoice_id == invoice
            ).prepayment_id
            fifo_left = invoice.currency_id.round(
                min(
                    residual,
                    invoice._get_prepayment_fifo_amount(
                        residual, sum(allocation[2] for allocation in allocations)
                    ),
                )
            )
            for prepayment in candidates.get(invoice, ()):
                if invoice.currency_id.compare_amounts(fifo_left, 0) <= 0:
                    break
                if prepayment in picked:
                    continue
                take = invoice.currency_id.round(
                    min(
                        balances.setdefault(prepayment, prepayment.usable_balance),
                        fifo_left,
                    )
                )
                if invoice.currency_id.compare_amounts(take, 0) > 0:
                    allocations.append((prepayment, take, take, False))
                    balances[prepayment] = prepayment.currency_id.round(
                        balances[prepayment] - take
                    )
                    fifo_left = invoice.currency_id.round(fifo_left - take)
            if allocations:
                plan.append((invoice, allocations))
        return plan

    def _create_prepayment_applications(self, plan):
        """Book ``plan`` (:meth:`_plan_prepayment_applications`): the application
        entries of all its invoices in one ``create``, posted together, then the
        allocations in one call of the ledger's :meth:`account.prepayment._allocate`
        (which checks them under the row locks) and the matching of each entry with its
        invoice. Returns the entries."""
        journals = {}
        move_vals_list = []
        for invoice, allocations in plan:
            if invoice.company_id not in journals:
                journals[invoice.company_id] = (
                    invoice._get_prepayment_application_journal()
                )
            move_vals_list.append(
                invoice._prepare_prepayment_application_move(
                    [allocation[:3] for allocation in allocations],
                    journal=journals[invoice.company_id],
                )
            )
        moves = self.env["account.move"].create(move_vals_list)
        moves.action_post()
        vals_list = []
        for (invoice, allocations), move in zip(plan, moves, strict=True):
            for prepayment, amount, _invoice_amount, manual in allocations:
                vals_list.append(
                    {
                        "prepayment_id": prepayment.id,
                        "amount": amount,
                        "date": move.date,
                        "kind": "invoice",
                        "invoice_id": invoice.id,
                        "move_id": move.id,
                        "manual": manual,
                    }
                )
        self.env["account.prepayment"]._allocate(vals_list)
        reconcile_plan = []
        for (invoice, _allocations), move in zip(plan, moves, strict=True):
            receivable = invoice._get_receivable_lines().account_id
            reconcile_plan.append(
                (invoice.line_ids | move.line_ids).filtered(
                    lambda aml, receivable=receivable: (
                        aml.account_id in receivable and not aml.reconciled
                    )
                )
            )
        self.env["account.move.line"]._reconcile_plan(reconcile_plan)
        _logger.info("%d invoices: PreIDs applied by %d entries", len(plan), len(moves))
        return moves

    def _check_prepayment_picks(self):
        """Refuse to post an invoice whose picks do not follow it
        (:meth:`account.prepayment.pick. _get_invoice_mismatch`; normally dropped when
        the invoice changed, see :meth:`_drop_foreign_prepayment_picks`)."""
        for pick in self.preid_pick_ids:
            invoice = pick.invoice_id
            if pick.prepayment_id.partner_id != invoice.commercial_partner_id or (
                pick.prepayment_id.company_id != invoice.company_id
            ):
                raise UserError(
                    self.env._(
                        "Invoice %(invoice)s cannot be posted: PreID %(preid)s picked "
                        "on it is a prepayment of %(partner)s (%(company)s), the "
                        "invoice is of %(customer)s (%(invoice_company)s). Open its "
                        "Prepayments list to drop the pick.",
                        invoice=invoice.display_name,
                        preid=pick.prepayment_id.name,
                        partner=pick.prepayment_id.partner_id.display_name,
                        company=pick.prepayment_id.company_id.name,
                        customer=invoice.commercial_partner_id.display_name,
                        invoice_company=invoice.company_id.name,
                    )
                )

    def write(self, vals):
        """Picks follow the invoice: when a draft invoice's customer, currency, company
        or journal changes, the picks that no longer fit are dropped
        (:meth:`_drop_foreign_prepayment_picks`)."""
        if not self._PREID_PICK_FIELDS.intersection(vals):
            return super().write(vals)
        # picks are read as the superuser: a user without access to them may still edit
        # the invoice
        currencies = {
            move: move.currency_id for move in self if move.sudo().preid_pick_ids
        }
        res = super().write(vals)
        for move, currency in currencies.items():
            move._drop_foreign_prepayment_picks(currency)
        return res

    #: fields whose change may make an invoice's picks foreign (currency and company
    #: follow the journal)
    _PREID_PICK_FIELDS = frozenset(
        (
            "partner_id",
            "commercial_partner_id",
            "currency_id",
            "company_id",
            "journal_id",
        )
    )

    def _drop_foreign_prepayment_picks(self, old_currency=None):
        """Remove the picks of this invoice that no longer fit it
        (:meth:`account.prepayment.pick. _get_invoice_mismatch`, ``old_currency``: its
        currency before the change) and say so in its chatter. Returns the reasons."""
        self.ensure_one()
        reasons = []
        foreign = self.env["account.prepayment.pick"].sudo()
        for pick in self.sudo().preid_pick_ids:
            reason = pick._get_invoice_mismatch(currency=old_currency)
            if reason:
                foreign |= pick
                reasons.append(reason)
        if foreign:
            foreign.unlink()
            body = markupsafe.Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("PreIDs picked on this invoice were dropped:"),
                markupsafe.Markup().join(
                    markupsafe.Markup("<li>%s</li>") % reason for reason in reasons
                ),
            )
            self.message_post(body=body)
        return reasons

    def button_draft(self):
        self.filtered(
            lambda move: move.move_type == "out_invoice"
        )._reverse_prepayment_applications()
        return super().button_draft()

    def _reverse_prepayment_applications(self):
        """Undo the PreID applications of these invoices: release the allocations (the
        ledger's :meth:`account.prepayment.allocation._release`, which restores the
        PreIDs' balances), then unmatch and remove the application entries (reversed
        when hashed or locked, cancelled when the audit trail keeps them)."""
        allocations = self.preid_allocation_ids.filtered(
            lambda allocation: allocation.kind == "invoice"
        )
        if not allocations:
            return
        moves = allocations.move_id
        allocations._release()
        moves._receipt_remove_entries({"date": fields.Date.context_today(self)})

    def action_open_prepayment_picks(self):
        """The invoice's *Prepayments* section: for a draft invoice, an editable list of
        the customer's PreIDs (same company and currency) with their usable balance, the
        amount to apply and what FIFO would take; for a posted invoice, the allocations
        that settled it."""
        self.ensure_one()
        if self.state != "draft":
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.prepayment.allocation",
                "view_mode": "list",
                "views": [(False, "list")],
                "domain": [("invoice_id", "=", self.id)],
                "context": {"create": False},
                "name": self.env._("Prepayments of %(invoice)s", invoice=self.name),
                "help": self._get_prepayment_empty_help(
                    self.env._("No PreID was applied to this invoice."),
                    self.env._(
                        "Prepayments are applied when a customer invoice is posted."
                    ),
                ),
            }
        if self.has_access("write"):
            self._sync_prepayment_picks()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.prepayment.pick",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "account_receipt_preid.account_prepayment_pick_view_list"
                    ).id,
                    "list",
                )
            ],
            "domain": [("invoice_id", "=", self.id)],
            "context": {"default_invoice_id": self.id},
            "name": self.env._("Prepayments of %(invoice)s", invoice=self.display_name),
            "help": self._get_prepayment_empty_help(
                self.env._(
                    "This customer has no usable prepayment in the invoice's currency."
                ),
                self.env._(
                    "A receipt line with this customer and no invoice creates one (a "
                    "PreID)."
                ),
            ),
        }

    def _get_prepayment_empty_help(self, title, text):
        """HTML shown by the *Prepayments* lists when they are empty."""
        return markupsafe.Markup(
            '<p class="o_view_nocontent_smiling_face">%s</p><p>%s</p>'
        ) % (title, text)

    def _sync_prepayment_picks(self):
        """One pick row per candidate PreID (amount 0 until a person types one); rows of
        PreIDs no longer candidates and left at 0 are removed, and so are picks that no
        longer fit the invoice."""
        self.ensure_one()
        self._drop_foreign_prepayment_picks()
        candidates = self._get_prepayments_for_invoice()
        existing = self.preid_pick_ids
        existing.filtered(
            lambda pick: pick.prepayment_id not in candidates and not pick.amount
        ).unlink()
        missing = candidates - existing.prepayment_id
        self.env["account.prepayment.pick"].create(
            [
                {"invoice_id": self.id, "prepayment_id": prepayment.id}
                for prepayment in missing
            ]
        )

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer invoices settled by PreIDs: manual picks, FIFO, the application entry and its reversal."""

import logging

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
        help="Usable balance of the customer's PreIDs in the invoice's company and currency.",
    )
    preid_applied_total = fields.Monetary(
        string="Applied Prepayments",
        compute="_compute_preid_usable_total",
        currency_field="currency_id",
        help="Part of this invoice settled with the customer's PreIDs.",
    )

    @api.depends("partner_id", "currency_id", "company_id", "state", "preid_allocation_ids.amount")
    def _compute_preid_usable_total(self):
        for move in self:
            if move.move_type != "out_invoice" or not move.partner_id:
                move.preid_usable_total = move.preid_applied_total = 0.0
                continue
            move.preid_usable_total = sum(move._get_prepayments_for_invoice().mapped("usable_balance"))
            move.preid_applied_total = sum(move.preid_allocation_ids.mapped("amount"))

    # ------------------------------------------------------------------ extension points

    def _get_prepayments_for_invoice(self):
        """Open PreIDs that may settle this invoice, oldest first: same customer (commercial partner), company
        and currency. Searched on the indexed ``state``, so fully used PreIDs cost nothing."""
        self.ensure_one()
        return self.env["account.prepayment"].search(
            [
                ("partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("currency_id", "=", self.currency_id.id),
                ("state", "=", "open"),
            ],
            order="date, id",
        )

    def _allocate_fifo(self, prepayments, amount):
        """FIFO: take ``amount`` (invoice currency, which is the PreIDs' currency) from ``prepayments`` in their
        order, each up to its usable balance. Returns ``[(prepayment, amount)]``."""
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
        """``amount`` of ``prepayment`` (its currency) in the invoice currency: as is in the same currency,
        else converted at Odoo's rate of the invoice's accounting date."""
        self.ensure_one()
        if prepayment.currency_id == self.currency_id:
            return amount
        return prepayment.currency_id._convert(amount, self.currency_id, self.company_id, self.date)

    def _get_prepayment_application_journal(self):
        """Journal of the application entries: the company's netting payment mode, else its first miscellaneous
        journal (never the sales journal, whose numbering is the invoices'), else the invoice's."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        company_domain = Journal._check_company_domain(self.company_id)
        return (
            Journal.search([*company_domain, ("receipt_type", "=", "netting")], limit=1)
            or Journal.search([*company_domain, ("type", "=", "general")], limit=1)
            or self.journal_id
        )

    def _get_prepayment_application_analytic(self, prepayment):
        """Analytic of the prepayment item: the customer's default distribution when the company says so, else
        the PreID's, else the invoice's (that of its first line carrying one)."""
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
        return self.invoice_line_ids.filtered("analytic_distribution")[:1].analytic_distribution or False

    def _get_receivable_lines(self):
        """Open receivable items of the invoice."""
        return self.line_ids.filtered(lambda aml: aml.account_id.account_type == "asset_receivable")

    def _prepare_prepayment_application_move(self, allocations):
        """Values of the application entry settling this invoice with ``allocations`` (``[(prepayment, amount
        in its currency, amount in the invoice currency)]``): per PreID a debit on its prepayment account at
        the PreID's historical rate and a credit on the invoice's receivable; across currencies, the difference
        between the two company values goes to the exchange gain or loss account. Reconciling the receivable
        with the invoice books any remaining exchange difference the usual Odoo way."""
        self.ensure_one()
        company = self.company_id
        receivable = self._get_receivable_lines().account_id[:1]
        partner = self.commercial_partner_id
        lines = []
        for prepayment, amount, invoice_amount in allocations:
            label = self.env._("%(preid)s applied to %(invoice)s", preid=prepayment.name, invoice=self.name)
            debit = prepayment._get_company_value(amount)
            lines.append(
                {
                    "account_id": prepayment.account_id.id,
                    "partner_id": partner.id,
                    "name": label,
                    "balance": debit,
                    "amount_currency": amount,
                    "currency_id": prepayment.currency_id.id,
                    "analytic_distribution": self._get_prepayment_application_analytic(prepayment),
                }
            )
            if prepayment.currency_id == self.currency_id:
                credit = debit
            else:
                credit = self.currency_id._convert(invoice_amount, company.currency_id, company, self.date)
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
                        "name": self.env._("Exchange difference: %(label)s", label=label),
                        "balance": -difference,
                        "amount_currency": -difference,
                        "currency_id": company.currency_id.id,
                    }
                )
        return {
            "move_type": "entry",
            "journal_id": self._get_prepayment_application_journal().id,
            "date": self.date,
            "ref": self.env._("Prepayments applied to %(invoice)s", invoice=self.name),
            "company_id": company.id,
            "partner_id": partner.id,
            "line_ids": [fields.Command.create(vals) for vals in lines],
        }

    # ------------------------------------------------------------------ posting and reset

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted.filtered(lambda move: move.move_type == "out_invoice")._apply_prepayments()
        return posted

    def _apply_prepayments(self):
        """Apply the manual picks, then (company setting) FIFO over the customer's other PreIDs, up to each
        invoice's open amount: one application entry per invoice, posted and reconciled with it."""
        if not self:
            return
        # one query tells which invoices have candidate PreIDs at all (posting many invoices stays cheap)
        with_open = {
            (partner.id, company.id, currency.id)
            for partner, company, currency in self.env["account.prepayment"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "open"),
                ],
                ["partner_id", "company_id", "currency_id"],
            )
        }
        for invoice in self:
            picks = invoice.preid_pick_ids.filtered(lambda pick: pick.currency_id.compare_amounts(pick.amount, 0) > 0)
            key = (invoice.commercial_partner_id.id, invoice.company_id.id, invoice.currency_id.id)
            if not picks and key not in with_open:
                invoice.preid_pick_ids.unlink()
                continue
            candidates = (
                invoice._get_prepayments_for_invoice() if invoice.company_id.receipt_prepayment_auto_fifo else None
            )
            to_lock = picks.prepayment_id | (candidates or self.env["account.prepayment"])
            if not to_lock:
                invoice.preid_pick_ids.unlink()
                continue
            to_lock._lock_for_allocation()
            residual = invoice.amount_residual
            allocations = []
            for pick in picks:
                invoice_amount = invoice._get_prepayment_invoice_amount(pick.prepayment_id, pick.amount)
                if invoice.currency_id.compare_amounts(invoice_amount, residual) > 0:
                    raise UserError(
                        invoice.env._(
                            "The PreIDs picked on %(invoice)s apply more than its open amount %(residual)s.",
                            invoice=invoice.name,
                            residual=invoice.currency_id.format(invoice.amount_residual),
                        )
                    )
                residual = invoice.currency_id.round(residual - invoice_amount)
                allocations.append((pick.prepayment_id, pick.amount, invoice_amount, True))
            if candidates is not None:
                remaining = candidates.filtered(lambda p, picked=picks.prepayment_id: p not in picked)
                for prepayment, amount in invoice._allocate_fifo(remaining, residual):
                    allocations.append((prepayment, amount, amount, False))
            invoice.preid_pick_ids.unlink()
            if allocations:
                invoice._create_prepayment_application(allocations)

    def _create_prepayment_application(self, allocations):
        """Create the allocations, the application entry (posted) and reconcile it with the invoice.
        ``allocations``: ``[(prepayment, amount, invoice amount, manual)]``."""
        self.ensure_one()
        records = self.env["account.prepayment"]._allocate(
            [
                {
                    "prepayment_id": prepayment.id,
                    "amount": amount,
                    "date": self.date,
                    "kind": "invoice",
                    "invoice_id": self.id,
                    "manual": manual,
                }
                for prepayment, amount, _invoice_amount, manual in allocations
            ]
        )
        move = self.env["account.move"].create(
            self._prepare_prepayment_application_move(
                [(prepayment, amount, invoice_amount) for prepayment, amount, invoice_amount, _manual in allocations]
            )
        )
        move.action_post()
        records.move_id = move
        receivable = self._get_receivable_lines().account_id
        (self.line_ids | move.line_ids).filtered(
            lambda aml: aml.account_id in receivable and not aml.reconciled
        ).reconcile()
        _logger.info("Invoice %s: %d PreID allocations applied by %s", self.name, len(records), move.name)
        return move

    def button_draft(self):
        self.filtered(lambda move: move.move_type == "out_invoice")._reverse_prepayment_applications()
        return super().button_draft()

    def _reverse_prepayment_applications(self):
        """Undo the PreID applications of these invoices: unmatch and remove the application entries (reversed
        when hashed or locked, cancelled when the audit trail keeps them) and remove the allocations, which
        restores the PreIDs' balances."""
        allocations = self.preid_allocation_ids.filtered(lambda allocation: allocation.kind == "invoice")
        if not allocations:
            return
        allocations.prepayment_id._lock_for_allocation()
        moves = allocations.move_id
        allocations.unlink()
        moves._receipt_remove_entries({"date": fields.Date.context_today(self)})

    def action_open_prepayment_picks(self):
        """The invoice's *Prepayments* section: for a draft invoice, an editable list of the customer's PreIDs
        (same company and currency) with their usable balance, the amount to apply and what FIFO would take;
        for a posted invoice, the allocations that settled it."""
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
                    self.env._("Prepayments are applied when a customer invoice is posted."),
                ),
            }
        self._sync_prepayment_picks()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.prepayment.pick",
            "view_mode": "list",
            "views": [(self.env.ref("account_receipt_preid.account_prepayment_pick_view_list").id, "list")],
            "domain": [("invoice_id", "=", self.id)],
            "context": {"default_invoice_id": self.id},
            "name": self.env._("Prepayments of %(invoice)s", invoice=self.display_name),
            "help": self._get_prepayment_empty_help(
                self.env._("This customer has no usable prepayment in the invoice's currency."),
                self.env._("A receipt line with this customer and no invoice creates one (a PreID)."),
            ),
        }

    def _get_prepayment_empty_help(self, title, text):
        """HTML shown by the *Prepayments* lists when they are empty."""
        return markupsafe.Markup('<p class="o_view_nocontent_smiling_face">%s</p><p>%s</p>') % (title, text)

    def _sync_prepayment_picks(self):
        """One pick row per candidate PreID (amount 0 until a person types one); rows of PreIDs no longer
        candidates and left at 0 are removed."""
        self.ensure_one()
        candidates = self._get_prepayments_for_invoice()
        existing = self.preid_pick_ids
        existing.filtered(lambda pick: pick.prepayment_id not in candidates and not pick.amount).unlink()
        missing = candidates - existing.prepayment_id
        self.env["account.prepayment.pick"].create(
            [{"invoice_id": self.id, "prepayment_id": prepayment.id} for prepayment in missing]
        )

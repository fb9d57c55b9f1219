# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .banqup_outbox import STATES


class AccountMove(models.Model):
    _inherit = "account.move"

    l10n_lv_banqup_document_id = fields.Many2one(
        "banqup.document",
        string="Banqup Document",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    l10n_lv_banqup_prepaid_amount = fields.Monetary(
        string="Prepaid (Banqup)",
        readonly=True,
        copy=False,
        help="Amount already paid according to the e-invoice (BT-113 PrepaidAmount).",
    )
    l10n_lv_banqup_payable_amount = fields.Monetary(
        string="Amount Due (Banqup)",
        readonly=True,
        copy=False,
        help=(
            "Amount due according to the e-invoice (BT-115 PayableAmount = total - "
            "prepaid + rounding)."
        ),
    )

    def action_open_l10n_lv_banqup_document(self):
        """Smart button: the Banqup inbox document this invoice was imported from."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Banqup document"),
            "res_model": "banqup.document",
            "res_id": self.l10n_lv_banqup_document_id.id,
            "view_mode": "form",
        }

    l10n_lv_banqup_outbox_ids = fields.One2many(
        "banqup.outbox", "move_id", string="Banqup Outbox", readonly=True
    )
    l10n_lv_banqup_send_state = fields.Selection(
        STATES,
        string="Banqup Sending",
        compute="_compute_l10n_lv_banqup_send_state",
        store=True,
        copy=False,
        help="Where the invoice is on its way through Banqup to the customer.",
    )
    l10n_lv_banqup_send_error = fields.Text(
        string="Banqup Sending Error",
        compute="_compute_l10n_lv_banqup_send_state",
        store=True,
        copy=False,
    )

    @api.depends(
        "l10n_lv_banqup_outbox_ids.state", "l10n_lv_banqup_outbox_ids.error_message"
    )
    def _compute_l10n_lv_banqup_send_state(self):
        for move in self:
            entry = move.l10n_lv_banqup_outbox_ids[:1]
            move.l10n_lv_banqup_send_state = entry.state or False
            move.l10n_lv_banqup_send_error = entry.error_message or False

    def action_l10n_lv_banqup_send(self):
        """*Send via Banqup* on the selected invoices: queue them all at once; a cron
        uploads them in batches."""
        moves = self.filtered(lambda m: m.move_type in ("out_invoice", "out_refund"))
        if not moves:
            raise UserError(
                self.env._(
                    "Select posted customer invoices or credit notes to send via "
                    "Banqup."
                )
            )
        entries = self.env["banqup.outbox"]._l10n_lv_banqup_enqueue(moves)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Sending via Banqup"),
                "message": self.env._(
                    "%(count)s invoice(s) queued; they are sent in the background.",
                    count=len(entries),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_l10n_lv_banqup_resend(self):
        """*Resend via Banqup* of an invoice whose sending failed."""
        self.l10n_lv_banqup_outbox_ids.action_resend()
        return True

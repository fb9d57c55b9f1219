from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    l10n_lv_banqup_document_id = fields.Many2one(
        "banqup.document", string="Banqup Document", readonly=True, copy=False, index="btree_not_null"
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
        help="Amount due according to the e-invoice (BT-115 PayableAmount = total - prepaid + rounding).",
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

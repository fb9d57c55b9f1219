# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    l10n_lv_banqup_einvoice_key = fields.Char(
        related="company_id.l10n_lv_banqup_einvoice_key", readonly=False
    )
    l10n_lv_banqup_client_id = fields.Char(
        related="company_id.l10n_lv_banqup_client_id", readonly=False
    )
    l10n_lv_banqup_client_secret = fields.Char(
        related="company_id.l10n_lv_banqup_client_secret", readonly=False
    )
    l10n_lv_banqup_transport = fields.Selection(
        related="company_id.l10n_lv_banqup_transport", readonly=False
    )
    l10n_lv_banqup_environment = fields.Selection(
        related="company_id.l10n_lv_banqup_environment", readonly=False
    )
    l10n_lv_banqup_custom_url = fields.Char(
        related="company_id.l10n_lv_banqup_custom_url", readonly=False
    )
    l10n_lv_banqup_token_path = fields.Char(
        related="company_id.l10n_lv_banqup_token_path", readonly=False
    )
    # issue 13 inbound (b1)
    l10n_lv_banqup_undocumented_api = fields.Boolean(
        related="company_id.l10n_lv_banqup_undocumented_api", readonly=False
    )
    l10n_lv_banqup_space_id = fields.Char(
        related="company_id.l10n_lv_banqup_space_id", readonly=False
    )
    l10n_lv_banqup_sale_journal_id = fields.Many2one(
        related="company_id.l10n_lv_banqup_sale_journal_id", readonly=False
    )
    l10n_lv_banqup_purchase_journal_id = fields.Many2one(
        related="company_id.l10n_lv_banqup_purchase_journal_id", readonly=False
    )
    l10n_lv_banqup_auto_post = fields.Boolean(
        related="company_id.l10n_lv_banqup_auto_post", readonly=False
    )
    l10n_lv_banqup_vies_check = fields.Boolean(
        related="company_id.l10n_lv_banqup_vies_check", readonly=False
    )
    l10n_lv_banqup_vies_url = fields.Char(
        related="company_id.l10n_lv_banqup_vies_url", readonly=False
    )
    l10n_lv_banqup_service_ids = fields.One2many(
        related="company_id.l10n_lv_banqup_service_ids"
    )
    l10n_lv_banqup_last_fetch = fields.Datetime(
        related="company_id.l10n_lv_banqup_last_fetch"
    )

    def action_l10n_lv_banqup_register(self):
        """Open the *Register service* window (settings are saved first by the
        button)."""
        self.ensure_one()
        return (
            self.env["banqup.register.wizard"]
            .with_company(self.company_id)
            ._action_open(self.company_id)
        )

    def action_l10n_lv_banqup_fetch(self):
        """*Fetch now* from the settings: open the inbox, after a notification if the
        fetch was incomplete."""
        self.ensure_one()
        result = self.company_id._banqup_fetch()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_lv_banqup.banqup_document_action"
        )
        # the whole inbox, newest first, instead of only the documents still to do
        action["context"] = {}
        Document = self.env["banqup.document"]
        notification = Document._banqup_fetch_notification(
            result, action
        )  # raises when nothing was done
        return notification if Document._banqup_fetch_incomplete(result) else action

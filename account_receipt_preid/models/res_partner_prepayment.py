# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    preid_usable_total = fields.Monetary(
        string="Usable Prepayments",
        compute="_compute_preid_usable_total",
        currency_field="preid_currency_id",
        help=(
            "Usable balance of the customer's open PreIDs in the current company, in "
            "company currency at today's rate."
        ),
    )
    preid_currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_preid_usable_total"
    )
    preid_count = fields.Integer(
        string="Open PreIDs", compute="_compute_preid_usable_total"
    )

    @api.depends_context("company")
    def _compute_preid_usable_total(self):
        company = self.env.company
        totals = dict.fromkeys(self.ids, 0.0)
        counts = dict.fromkeys(self.ids, 0)
        commercial = {partner.id: partner.commercial_partner_id.id for partner in self}
        groups = self.env["account.prepayment"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "open"),
                ("partner_id", "in", list(set(commercial.values()))),
            ],
            ["partner_id", "currency_id"],
            ["usable_balance:sum", "__count"],
        )
        by_partner = {}
        today = fields.Date.context_today(self)
        for partner, currency, balance, count in groups:
            value = currency._convert(balance, company.currency_id, company, today)
            total, number = by_partner.get(partner.id, (0.0, 0))
            by_partner[partner.id] = (total + value, number + count)
        for partner in self:
            totals[partner.id], counts[partner.id] = by_partner.get(
                commercial[partner.id], (0.0, 0)
            )
            partner.preid_usable_total = totals[partner.id]
            partner.preid_count = counts[partner.id]
            partner.preid_currency_id = company.currency_id

    def action_open_prepayments(self):
        """Open the customer's PreIDs."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_receipt_preid.account_prepayment_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_open": 1}
        return action

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ReportPreidStatement(models.AbstractModel):
    """PreID statement of customers (printed from the customer): for each customer, the
    PreIDs of the current company with received, applied, refunded and usable amounts,
    totals per currency and each PreID's history."""

    _name = "report.account_receipt_preid.report_preid_statement"
    _description = "PreID Statement"
    _doc_model = "res.partner"

    @api.model
    def _get_statements(self, docids):
        """``[{"partner", "company", "prepayments"}]``: one statement per commercial
        partner of ``docids`` (customers), with that customer's PreIDs in the current
        company."""
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        company = self.env.company
        prepayments = self.env["account.prepayment"].search(
            [("partner_id", "in", partners.ids), ("company_id", "=", company.id)]
        )
        return [
            {
                "partner": partner,
                "company": company,
                "prepayments": prepayments.filtered(
                    lambda p, partner=partner: p.partner_id == partner
                ),
            }
            for partner in partners
        ]

    @api.model
    def _get_report_values(self, docids, data=None):
        statements = self._get_statements(docids)
        for statement in statements:
            # the customer's language for the amounts' labels too (the template's text
            # follows t-lang)
            lang = statement["partner"].lang or self.env.lang
            statement["prepayments"] = statement["prepayments"].with_context(lang=lang)
        return {
            "doc_ids": docids,
            "doc_model": self._doc_model,
            "docs": self.env[self._doc_model].browse(docids),
            "statements": statements,
            "today": fields.Date.context_today(self),
        }


class ReportPreidStatementPreid(models.AbstractModel):
    """The same statement printed from the PreID list: one statement per customer and
    company of the selected PreIDs, showing those PreIDs."""

    _name = "report.account_receipt_preid.report_preid_statement_preid"
    _inherit = "report.account_receipt_preid.report_preid_statement"
    _description = "PreID Statement (from PreIDs)"
    _doc_model = "account.prepayment"

    @api.model
    def _get_statements(self, docids):
        prepayments = (
            self.env["account.prepayment"]
            .browse(docids)
            .sorted(lambda p: (p.date, p.id))
        )
        statements = {}
        for prepayment in prepayments:
            key = (prepayment.partner_id, prepayment.company_id)
            statements.setdefault(key, self.env["account.prepayment"])
            statements[key] |= prepayment
        return [
            {"partner": partner, "company": company, "prepayments": records}
            for (partner, company), records in statements.items()
        ]

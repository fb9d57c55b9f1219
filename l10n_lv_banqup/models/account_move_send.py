# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""*Send via Banqup* as a sending method of Odoo's Send & Print, as ``account_peppol``
adds Peppol."""

from odoo import api, models


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _get_default_invoice_edi_format(self, move, **kwargs):
        """Banqup takes Peppol BIS Billing 3.0: Odoo's ``ubl_bis3`` builder makes the
        file."""
        if "banqup" in kwargs.get("sending_methods", []):
            return "ubl_bis3"
        return super()._get_default_invoice_edi_format(move, **kwargs)

    @api.model
    def _is_applicable_to_company(self, method, company):
        if method == "banqup":
            return company._l10n_lv_banqup_can_send()
        return super()._is_applicable_to_company(method, company)

    @api.model
    def _is_applicable_to_move(self, method, move, **move_data):
        if method == "banqup":
            return (
                move.move_type in ("out_invoice", "out_refund")
                and self._is_applicable_to_company(method, move.company_id)
                and move.l10n_lv_banqup_send_state in (False, "error")
            )
        return super()._is_applicable_to_move(method, move, **move_data)

    @api.model
    def _get_alerts(self, moves, moves_data):
        alerts = super()._get_alerts(moves, moves_data)
        banqup_moves = moves.filtered(
            lambda m: "banqup" in moves_data[m]["sending_methods"]
        )
        partners = banqup_moves.partner_id.commercial_partner_id.filtered(
            lambda p: not p.peppol_eas or not p.peppol_endpoint
        )
        if partners:
            # a warning, not a blocking error: the other invoices go, these wait in
            # error on their own
            alerts["l10n_lv_banqup_missing_endpoint"] = {
                "level": "warning",
                "message": self.env._(
                    "These customers have no Peppol endpoint, so Banqup cannot "
                    "deliver to them: %(partners)s",
                    partners=", ".join(partners.mapped("display_name")),
                ),
                "action_text": self.env._("View Partner(s)"),
                "action": partners._get_records_action(
                    name=self.env._("Check Partner(s)")
                ),
            }
        return alerts

    @api.model
    def _call_web_service_after_invoice_pdf_render(self, invoices_data):
        """Queue the invoices sent via Banqup with the UBL Odoo has just built; the send
        cron uploads them."""
        result = super()._call_web_service_after_invoice_pdf_render(invoices_data)
        xml_by_move = {}
        for invoice, invoice_data in invoices_data.items():
            if "banqup" not in invoice_data["sending_methods"]:
                continue
            if not self._is_applicable_to_move("banqup", invoice, **invoice_data):
                continue
            xml = invoice_data.get("ubl_cii_xml_attachment_values")
            if xml:
                xml_by_move[invoice] = (xml["raw"], xml["name"])
            elif invoice.ubl_cii_xml_id:
                xml_by_move[invoice] = (
                    invoice.ubl_cii_xml_id.raw,
                    invoice.ubl_cii_xml_id.name,
                )
            else:
                xml_by_move[invoice] = None
        if xml_by_move:
            moves = self.env["account.move"].union(*xml_by_move)
            self.env["banqup.outbox"]._l10n_lv_banqup_enqueue(
                moves, {move: value for move, value in xml_by_move.items() if value}
            )
        return result

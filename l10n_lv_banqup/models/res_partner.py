# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models

from ..banqup.vies import DEFAULT_ENDPOINT, ViesClient, ViesError

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

    l10n_lv_banqup_vies_state = fields.Selection(
        [
            ("valid", "Valid"),
            ("invalid", "Invalid"),
            ("unavailable", "Not checked (VIES unavailable)"),
        ],
        string="VIES Check",
        readonly=True,
        copy=False,
    )
    l10n_lv_banqup_vies_date = fields.Datetime(
        string="VIES Check Date", readonly=True, copy=False
    )
    l10n_lv_banqup_vies_message = fields.Char(
        string="VIES Answer", readonly=True, copy=False
    )

    def _l10n_lv_banqup_vies_client(self, company):
        """The VIES client for ``company`` (endpoint from its settings, 10 s
        timeout)."""
        endpoint = company.sudo().l10n_lv_banqup_vies_url or DEFAULT_ENDPOINT
        return ViesClient(endpoint=endpoint, timeout=10.0)

    def _l10n_lv_banqup_vies_check(self):
        """Check each partner's VAT number in VIES and keep the answer; never raises for
        VIES."""
        for partner in self.filtered("vat"):
            company = partner.company_id or self.env.company
            values = {"l10n_lv_banqup_vies_date": fields.Datetime.now()}
            try:
                with partner._l10n_lv_banqup_vies_client(company) as client:
                    result = client.check(partner.vat, partner.country_id.code)
            except ViesError as exc:
                _logger.info("VIES check of partner %s not done: %s", partner.id, exc)
                values.update(
                    {
                        "l10n_lv_banqup_vies_state": "unavailable",
                        "l10n_lv_banqup_vies_message": exc.translate(self.env._),
                    }
                )
            else:
                values.update(
                    {
                        "l10n_lv_banqup_vies_state": "valid"
                        if result.valid
                        else "invalid",
                        "l10n_lv_banqup_vies_message": result.name or False,
                    }
                )
            partner.write(values)
        return True

    invoice_sending_method = fields.Selection(selection_add=[("banqup", "via Banqup")])

    @api.depends(lambda self: self._peppol_eas_endpoint_depends())
    def _compute_peppol_eas(self):
        """Odoo maps Estonia to 9931 (VAT) only: an Estonian company without VAT number
        takes its registry code (0191, 8 digits); Latvia already has 0218 (registry) and
        9939 (VAT)."""
        result = super()._compute_peppol_eas()
        for partner in self:
            if partner._l10n_lv_banqup_estonian_registry_code() and not partner.vat:
                partner.peppol_eas = "0191"
        return result

    @api.depends(lambda self: [*self._peppol_eas_endpoint_depends(), "peppol_eas"])
    def _compute_peppol_endpoint(self):
        result = super()._compute_peppol_endpoint()
        for partner in self:
            code = partner._l10n_lv_banqup_estonian_registry_code()
            if code and partner.peppol_eas == "0191" and not partner.peppol_endpoint:
                partner.peppol_endpoint = code
        return result

    def _l10n_lv_banqup_estonian_registry_code(self):
        """The 8-digit Estonian registry code of an Estonian company, else False."""
        self.ensure_one()
        code = (self.company_registry or "").strip()
        if (
            self.country_code == "EE"
            and self.is_company
            and code.isdigit()
            and len(code) == 8
        ):
            return code
        return False

import logging

from odoo import fields, models

from ..banqup.vies import DEFAULT_ENDPOINT, ViesClient, ViesError

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

    l10n_lv_banqup_vies_state = fields.Selection(
        [("valid", "Valid"), ("invalid", "Invalid"), ("unavailable", "Not checked (VIES unavailable)")],
        string="VIES Check",
        readonly=True,
        copy=False,
    )
    l10n_lv_banqup_vies_date = fields.Datetime(string="VIES Check Date", readonly=True, copy=False)
    l10n_lv_banqup_vies_message = fields.Char(string="VIES Answer", readonly=True, copy=False)

    def _l10n_lv_banqup_vies_client(self, company):
        """The VIES client for ``company`` (endpoint from its settings, 10 s timeout)."""
        endpoint = company.sudo().l10n_lv_banqup_vies_url or DEFAULT_ENDPOINT
        return ViesClient(endpoint=endpoint, timeout=10.0)

    def _l10n_lv_banqup_vies_check(self):
        """Check each partner's VAT number in VIES and keep the answer; never raises for VIES."""
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
                        "l10n_lv_banqup_vies_state": "valid" if result.valid else "invalid",
                        "l10n_lv_banqup_vies_message": result.name or False,
                    }
                )
            partner.write(values)
        return True

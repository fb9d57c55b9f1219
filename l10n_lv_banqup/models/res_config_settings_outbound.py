# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """The sending settings (kept apart from the inbound ones of
    ``res_config_settings.py``)."""

    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    l10n_lv_banqup_send_method = fields.Selection(
        related="company_id.l10n_lv_banqup_send_method", readonly=False
    )
    l10n_lv_banqup_outbound_email = fields.Char(
        related="company_id.l10n_lv_banqup_outbound_email", readonly=False
    )

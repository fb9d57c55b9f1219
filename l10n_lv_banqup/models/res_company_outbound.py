# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..banqup.outbound import OutboundClient


class ResCompany(models.Model):
    """Sending via Banqup: a concern of its own (``res_company.py`` holds the connection
    and the fetch)."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    l10n_lv_banqup_send_method = fields.Selection(
        [("api", "Banqup API"), ("email", "E-mail to Banqup's Outbound address")],
        string="Send Invoices via Banqup",
        help=(
            "How invoices sent via Banqup reach it: through the Banqup API (the "
            "client id and secret above), or by e-mail to the Outbound import address "
            "of the Banqup account, with the e-invoice key in the subject, for "
            "accounts without API access."
        ),
    )
    l10n_lv_banqup_outbound_email = fields.Char(
        string="Banqup Outbound Address",
        groups="base.group_system",
        help=(
            "In Banqup: Settings > Outbound > E-mail. One invoice per e-mail is sent "
            "there."
        ),
    )

    def _l10n_lv_banqup_send_channel(self):
        """``api`` or ``email``: the channel of invoices sent via Banqup."""
        self.ensure_one()
        return self.l10n_lv_banqup_send_method or "api"

    def _l10n_lv_banqup_can_send(self):
        """True when the company can send invoices via Banqup on its channel."""
        self.ensure_one()
        company = self.sudo()
        if not company.l10n_lv_banqup_send_method:
            return False
        if company.l10n_lv_banqup_send_method == "email":
            return bool(
                company.l10n_lv_banqup_outbound_email
                and company.l10n_lv_banqup_einvoice_key
            )
        return bool(
            company.l10n_lv_banqup_client_id and company.l10n_lv_banqup_client_secret
        )

    def _l10n_lv_banqup_get_outbound_client(self):
        """The upload client over the company's BTX transport (its token and space)."""
        self.ensure_one()
        return OutboundClient(self._l10n_lv_banqup_get_transport())

    def _l10n_lv_banqup_create_send_demo_data(self):
        """Demo: a customer with its Peppol endpoint and one posted invoice sent via
        Banqup (the send cron uploads it to the local emulator of ``./dev run``, then
        follows its status)."""
        for company in self.filtered("chart_template"):
            if company.l10n_lv_banqup_send_method:
                continue
            company.sudo().l10n_lv_banqup_send_method = "api"
            # a Latvian VAT number is LV + the registration number (an Estonian one is
            # not)
            if (
                company.country_code == "LV"
                and not company.company_registry
                and (company.vat or "")[2:].isdigit()
            ):
                company.company_registry = company.vat[2:]
            customer = self.env["res.partner"].create(
                {
                    "name": "Demo Klients SIA",
                    "is_company": True,
                    "country_id": self.env.ref("base.lv").id,
                    "company_registry": "40103564678",
                    "street": "Elizabetes iela 2",
                    "city": "Riga",
                    "zip": "LV-1050",
                }
            )
            move = (
                self.env["account.move"]
                .with_company(company)
                .create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": customer.id,
                        "invoice_line_ids": [
                            fields.Command.create(
                                {
                                    "name": "E-invoicing set-up",
                                    "quantity": 1,
                                    "price_unit": 250,
                                    "tax_ids": company.account_sale_tax_id.ids,
                                }
                            )
                        ],
                    }
                )
            )
            move.action_post()
            move.action_l10n_lv_banqup_send()

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class BanqupRegisterWizard(models.TransientModel):
    """*Register service*: choose the e-services and the operator, then ask the
    operator."""

    _name = "banqup.register.wizard"
    _description = "Register Banqup E-services"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    line_ids = fields.One2many(
        "banqup.register.wizard.line", "wizard_id", string="E-services"
    )

    @api.model
    def _action_open(self, company):
        """Create the wizard with one line per e-service of ``company`` and open it."""
        services = company._l10n_lv_banqup_ensure_services()
        wizard = self.create(
            {
                "company_id": company.id,
                "line_ids": [
                    Command.create(
                        {
                            "service_id": service.id,
                            "selected": True,
                            "operator": service.operator,
                        }
                    )
                    for service in services
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Register service"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_register(self):
        """*Save*: register the chosen e-services and write each result on its row."""
        self.ensure_one()
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(self.env._("Tick at least one e-service to register."))
        for line in lines:
            line.service_id.operator = line.operator
        self.company_id._l10n_lv_banqup_register(lines.service_id)
        return {"type": "ir.actions.client", "tag": "soft_reload"}


class BanqupRegisterWizardLine(models.TransientModel):
    _name = "banqup.register.wizard.line"
    _description = "Register Banqup E-services: line"

    wizard_id = fields.Many2one(
        "banqup.register.wizard", required=True, ondelete="cascade"
    )
    service_id = fields.Many2one(
        "banqup.service",
        string="E-service Record",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    service = fields.Selection(related="service_id.service")
    selected = fields.Boolean(string="Register", default=True)
    operator = fields.Selection(
        [("unifiedpost", "Unifiedpost (Banqup)")], default="unifiedpost", required=True
    )
    service_active = fields.Boolean(related="service_id.active", string="Active")
    registration_state = fields.Selection(related="service_id.registration_state")
    system_message = fields.Char(related="service_id.system_message")
    request_date = fields.Datetime(related="service_id.request_date")

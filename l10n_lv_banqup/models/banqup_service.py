from odoo import api, fields, models

from ..banqup.transport import SERVICE_IMPORT_SALES_INVOICES, SERVICE_RECEIVE_SUPPLIER_INVOICES


class BanqupService(models.Model):
    """One e-service of a company at the operator, and the result of its registration.

    ``active`` means *registered*: Odoo hides inactive rows by default, so read them
    with ``active_test=False`` (the settings and the wizard do).
    """

    _name = "banqup.service"
    _description = "Banqup E-service"
    _order = "company_id, service"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, ondelete="cascade"
    )
    service = fields.Selection(
        [
            (SERVICE_RECEIVE_SUPPLIER_INVOICES, "Receive supplier e-invoices"),
            (SERVICE_IMPORT_SALES_INVOICES, "Import sales invoices from Banqup"),
        ],
        required=True,
    )
    operator = fields.Selection([("unifiedpost", "Unifiedpost (Banqup)")], default="unifiedpost", required=True)
    active = fields.Boolean(default=False, readonly=True, help="Registered at the operator.")
    system_message = fields.Char(readonly=True, help="The operator's answer to the last registration.")
    request_date = fields.Datetime(readonly=True, help="Time of the last registration request.")
    registration_state = fields.Selection(
        [("active", "Active"), ("failed", "Failed"), ("new", "Not registered")],
        string="Status",
        compute="_compute_registration_state",
        help="Active: registered at the operator. Failed: the last registration was refused, see the message. "
        "Not registered: never asked.",
    )

    _sql_constraints = [
        ("service_company_uniq", "unique(company_id, service)", "Each e-service exists once per company."),
    ]

    @api.depends("active", "request_date")
    def _compute_registration_state(self):
        for service in self:
            if service.active:
                service.registration_state = "active"
            elif service.request_date:
                service.registration_state = "failed"
            else:
                service.registration_state = "new"

    def _compute_display_name(self):
        labels = dict(self._fields["service"]._description_selection(self.env))
        for service in self:
            service.display_name = labels.get(service.service, service.service)

    @api.model
    def action_open_register_wizard(self):
        """*Register service* from the e-services list: the wizard of the current company."""
        return self.env["banqup.register.wizard"]._action_open(self.env.company)

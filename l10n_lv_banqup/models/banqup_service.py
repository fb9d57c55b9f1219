# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..banqup.transport import (
    DIRECTION_BY_SERVICE,
    SERVICE_IMPORT_SALES_INVOICES,
    SERVICE_RECEIVE_SUPPLIER_INVOICES,
)


class BanqupService(models.Model):
    """One e-service of a company at the operator, and the result of its registration.

    ``active`` means *registered*: Odoo hides inactive rows by default, so read them
    with ``active_test=False`` (the settings and the wizard do).

    Each e-service may have an e-mail alias (Banqup's documented *Email delivery* to an
    accounting package sends inbound and outbound invoices to one or two addresses):
    mail to it becomes ``banqup.document`` records through Odoo's mail gateway
    (:meth:`banqup.document.message_new`), accepted from known senders only by default.
    """

    _name = "banqup.service"
    _inherit = ["mail.alias.mixin.optional"]
    _description = "Banqup E-service"
    _order = "company_id, service"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    service = fields.Selection(
        [
            (SERVICE_RECEIVE_SUPPLIER_INVOICES, "Receive supplier e-invoices"),
            (SERVICE_IMPORT_SALES_INVOICES, "Import sales invoices from Banqup"),
        ],
        required=True,
    )
    operator = fields.Selection(
        [("unifiedpost", "Unifiedpost (Banqup)")], default="unifiedpost", required=True
    )
    active = fields.Boolean(
        default=False, readonly=True, help="Registered at the operator."
    )
    system_message = fields.Char(
        readonly=True, help="The operator's answer to the last registration."
    )
    request_date = fields.Datetime(
        readonly=True, help="Time of the last registration request."
    )
    registration_state = fields.Selection(
        [("active", "Active"), ("failed", "Failed"), ("new", "Not registered")],
        string="Status",
        compute="_compute_registration_state",
        help=(
            "Active: registered at the operator. Failed: the last registration was "
            "refused, see the message. Not registered: never asked."
        ),
    )

    _sql_constraints = [
        (
            "service_company_uniq",
            "unique(company_id, service)",
            "Each e-service exists once per company.",
        ),
    ]

    listener_url = fields.Char(
        compute="_compute_listener_url",
        groups="base.group_system",
        help=(
            "Address Banqup posts the messages of this e-service to (the base path "
            "registered as message listener, plus /messages). It carries a secret "
            "derived from the E-invoice key."
        ),
    )

    def _alias_get_creation_values(self):
        """Mail to the alias becomes inbox documents of this company, from known senders
        only."""
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("banqup.document")
        # the service is no mail thread: senders are checked against all partners
        values["alias_parent_model_id"] = False
        values["alias_parent_thread_id"] = False
        if self.id:
            values["alias_defaults"] = repr(
                {
                    "company_id": self.company_id.id,
                    "direction": DIRECTION_BY_SERVICE[self.service],
                }
            )
            values.setdefault("alias_contact", "partners")
        return values

    @api.depends("company_id", "service")
    def _compute_listener_url(self):
        for service in self:
            base = service.company_id._l10n_lv_banqup_listener_base(service.service)
            service.listener_url = f"{base}/messages" if base else False

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

    def action_open_register_wizard(self):
        """*Register service* from the e-services list: the wizard of the current
        company.

        Not ``@api.model``: the list's header button passes its (possibly empty)
        selection.
        """
        return self.env["banqup.register.wizard"]._action_open(self.env.company)

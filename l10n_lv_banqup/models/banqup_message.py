# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Messages Banqup posts to the company's message listener, stored before anything
else."""

import json
import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import mute_logger

from ..banqup.exceptions import BanqupError, ContentNotDocumented
from ..banqup.transport import (
    DIRECTION_BY_SERVICE,
    SERVICE_IMPORT_SALES_INVOICES,
    SERVICE_RECEIVE_SUPPLIER_INVOICES,
)

_logger = logging.getLogger(__name__)

#: the listener keeps at most this many bytes of one message
MAX_MESSAGE_SIZE = 1024 * 1024


class BanqupMessage(models.Model):
    """One message of Banqup's message service, as the listener received it.

    The HTTP route only stores the message (and answers at once); the scheduled inbox
    run turns it into an inbox document through documented calls
    (:meth:`_banqup_process`).
    """

    _name = "banqup.message"
    _description = "Banqup Listener Message"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, ondelete="cascade"
    )
    service = fields.Selection(
        [
            (SERVICE_RECEIVE_SUPPLIER_INVOICES, "Receive supplier e-invoices"),
            (SERVICE_IMPORT_SALES_INVOICES, "Import sales invoices from Banqup"),
        ],
        required=True,
        readonly=True,
    )
    message_uid = fields.Char(string="Message ID", required=True, readonly=True)
    category = fields.Char(readonly=True)
    message_type = fields.Char(string="Type", readonly=True)
    resource_id = fields.Char(readonly=True)
    body = fields.Text(readonly=True, help="The message as Banqup sent it (JSON).")
    state = fields.Selection(
        [
            ("new", "New"),
            ("done", "Done"),
            ("waiting", "Waiting for the file"),
            ("ignored", "Not a document"),
            ("error", "Error"),
        ],
        default="new",
        required=True,
        readonly=True,
        index=True,
    )
    error_message = fields.Text(readonly=True)
    received_date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    document_id = fields.Many2one(
        "banqup.document", readonly=True, check_company=True, ondelete="set null"
    )

    _sql_constraints = [
        (
            "message_company_uniq",
            "unique(company_id, message_uid)",
            "Banqup delivered this message already.",
        ),
    ]

    @api.model
    def _banqup_receive(self, company, service, raw):
        """Store a delivered message (the listener route calls this with sudo after
        checking the secret).

        :returns: ``(status, text)``: 202 stored, 200 already stored, 400 unreadable.
        """
        if len(raw) > MAX_MESSAGE_SIZE:
            return 413, "message too large"
        try:
            message = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return 400, "not JSON"
        if not isinstance(message, dict) or service not in DIRECTION_BY_SERVICE:
            return 400, "not a message"
        uid = str(message.get("id") or "")[:128]
        if not uid:
            return 400, "message without id"
        try:
            # a message delivered twice is answered by the unique index: not a "bad
            # query" error record
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.create(
                    {
                        "company_id": company.id,
                        "service": service,
                        "message_uid": uid,
                        "category": str(message.get("category") or "")[:64],
                        "message_type": str(message.get("type") or "")[:128],
                        "resource_id": str(message.get("resourceId") or "")[:128],
                        "body": raw.decode("utf-8"),
                    }
                )
        except psycopg2.errors.UniqueViolation:
            return 200, "already received"
        return 202, "stored"

    def _banqup_process(self, transport):
        """Turn stored messages into inbox documents through the documented file calls.

        A message naming no file is set aside; a file whose content no documented call
        returns waits with the reason (it arrives by the e-mail delivery); an error
        worth retrying leaves the message new for the next run.
        """
        Document = self.env["banqup.document"]
        for message in self:
            company = message.company_id
            try:
                payload = transport.payload_from_message(
                    json.loads(message.body or "{}"),
                    DIRECTION_BY_SERVICE[message.service],
                )
            except ContentNotDocumented as exc:
                message.write(
                    {"state": "waiting", "error_message": exc.translate(self.env._)}
                )
                continue
            except BanqupError as exc:
                values = {"error_message": exc.translate(self.env._)}
                if not exc.retryable:
                    values["state"] = "error"
                message.write(values)
                continue
            if payload is None:
                message.state = "ignored"
                continue
            origin = self.env._(
                "message listener, message %(uid)s", uid=message.message_uid
            )
            new, duplicates = Document.with_company(company)._banqup_store_pushed(
                company, [payload], "listener", origin
            )
            message.write(
                {
                    "state": "done",
                    "error_message": False,
                    "document_id": (new or duplicates)[:1].id,
                }
            )

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Banqup outbox: one row per customer invoice or credit note sent via Banqup.

Exactly once and crash-safe: every state is committed before the next remote step
(:meth:`BanqupOutbox._l10n_lv_banqup_commit`)::

    queued --(UBL built and checked)--POST files--> created (file id, signed URL
    and upload_started committed together) --PUT uploadUrl--> uploaded (committed)
    --GET file--> processed --> delivered, or error (with Banqup's text; *Resend*
    puts it back to queued)

A worker killed at any point resumes from the stored state. Killed after the
``POST .../files`` and before its commit, the next run creates a new file record (the
first one stays empty, ``AWAITING_UPLOAD``: no content, nothing processed). Killed
after that commit, ``upload_started`` is set and the next run asks the file's status
first: anything but ``AWAITING_UPLOAD`` means the content arrived, so it is never
uploaded twice.
"""

import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..banqup.exceptions import BanqupError
from ..banqup.outbound import AWAITING_UPLOAD
from ..banqup.ubl_check import check_ubl

_logger = logging.getLogger(__name__)

STATES = [
    ("queued", "Queued"),
    ("created", "File Created"),
    ("uploaded", "Uploaded"),
    ("processed", "Processed"),
    ("delivered", "Delivered"),
    ("error", "Error"),
]
#: states with a remote step still to do
TO_SEND = ("queued", "created")
#: states whose status is asked from Banqup
TO_POLL = ("uploaded", "processed")
#: uploads restarted with a new file record (expired signed URL) before giving up
MAX_ATTEMPTS = 3


class BanqupOutbox(models.Model):
    _name = "banqup.outbox"
    _description = "Invoice Sent via Banqup"
    _order = "id desc"
    _rec_name = "move_id"

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    channel = fields.Selection(
        [("api", "Banqup API"), ("email", "E-mail to Banqup")],
        required=True,
        readonly=True,
        default="api",
    )
    state = fields.Selection(
        STATES, required=True, readonly=True, default="queued", index=True
    )
    error_message = fields.Text(string="Banqup Error", readonly=True)
    remote_file_id = fields.Char(string="Banqup File", readonly=True, copy=False)
    remote_status = fields.Char(string="Banqup Status", readonly=True, copy=False)
    upload_url = fields.Char(readonly=True, copy=False, groups="base.group_system")
    upload_started = fields.Boolean(readonly=True, copy=False)
    attempts = fields.Integer(readonly=True, copy=False)
    filename = fields.Char(readonly=True)
    xml_content = fields.Binary(
        string="UBL", attachment=True, readonly=True, copy=False
    )
    sent_date = fields.Datetime(string="Uploaded On", readonly=True, copy=False)
    status_date = fields.Datetime(string="Status Checked On", readonly=True, copy=False)

    _sql_constraints = [
        ("move_unique", "unique(move_id)", "An invoice has one Banqup outbox entry."),
    ]

    # -- queueing
    # -----------------------------------------------------------------------------

    @api.model
    def _l10n_lv_banqup_check_moves(self, moves):
        """Refuse what cannot be sent via Banqup, naming the document."""
        for move in moves:
            if move.state != "posted" or move.move_type not in (
                "out_invoice",
                "out_refund",
            ):
                raise UserError(
                    self.env._(
                        "%(move)s cannot be sent via Banqup: only posted customer "
                        "invoices and credit notes can.",
                        move=move.display_name,
                    )
                )
            if not move.company_id._l10n_lv_banqup_can_send():
                raise UserError(
                    self.env._(
                        "%(move)s cannot be sent via Banqup: %(company)s has no "
                        "Banqup sending set up (API credentials, or the Outbound "
                        "e-mail address and the e-invoice key).",
                        move=move.display_name,
                        company=move.company_id.name,
                    )
                )

    @api.model
    def _l10n_lv_banqup_enqueue(self, moves, xml_by_move=None):
        """Queue ``moves`` (checked by the caller's access rights) and wake the send
        cron.

        An invoice already queued, sent or in error keeps its entry (*Resend* restarts
        an error). :param xml_by_move: ``{move: (bytes, filename)}`` already built by
        Send & Print.
        :returns: the new outbox entries.
        """
        moves.check_access("read")
        self._l10n_lv_banqup_check_moves(moves)
        xml_by_move = xml_by_move or {}
        existing = self.sudo().search([("move_id", "in", moves.ids)]).move_id
        values = []
        for move in moves - existing:
            vals = {
                "move_id": move.id,
                "channel": move.company_id._l10n_lv_banqup_send_channel(),
            }
            if move in xml_by_move:
                content, filename = xml_by_move[move]
                vals.update(
                    {"xml_content": base64.b64encode(content), "filename": filename}
                )
            values.append(vals)
        entries = self.sudo().create(values)
        if entries:
            self.env.ref("l10n_lv_banqup.ir_cron_banqup_send")._trigger()
        return entries

    def action_resend(self):
        """Put entries in error back in the queue (the UBL is built again from the
        invoice)."""
        self.check_access("read")
        if any(entry.state != "error" for entry in self):
            raise UserError(
                self.env._("Only invoices whose Banqup sending failed can be resent.")
            )
        self._l10n_lv_banqup_check_moves(self.move_id)
        self.sudo().write(
            {
                "state": "queued",
                "error_message": False,
                "remote_file_id": False,
                "remote_status": False,
                "upload_url": False,
                "upload_started": False,
                "xml_content": False,
                "attempts": 0,
            }
        )
        self.env.ref("l10n_lv_banqup.ir_cron_banqup_send")._trigger()
        return True

    # -- the UBL
    # ------------------------------------------------------------------------------

    def _l10n_lv_banqup_get_builder(self):
        """Odoo's Peppol BIS Billing 3.0 builder (extension point)."""
        return self.env["account.edi.xml.ubl_bis3"]

    def _l10n_lv_banqup_get_xsd_dir(self):
        """Folder of the UBL 2.1 XSDs (``ir.config_parameter``
        ``l10n_lv_banqup.ubl_xsd_dir``, else shipped)."""
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("l10n_lv_banqup.ubl_xsd_dir")
            or None
        )

    def _l10n_lv_banqup_prepare_ubl(self):
        """Build and check the UBL of the entry's invoice.

        :returns: ``(content, filename, errors)``; errors are translated texts.
        """
        self.ensure_one()
        move = self.move_id
        partner = move.partner_id.commercial_partner_id
        errors = []
        if move.state != "posted":
            errors.append(
                self.env._("%(move)s is no longer posted.", move=move.display_name)
            )
        if not partner.peppol_eas or not partner.peppol_endpoint:
            errors.append(
                self.env._(
                    "The customer %(partner)s has no Peppol endpoint (Peppol "
                    "e-address and endpoint on the partner's Accounting tab).",
                    partner=partner.display_name,
                )
            )
        if errors:
            return None, None, errors
        builder = self._l10n_lv_banqup_get_builder()
        content, builder_errors = builder._export_invoice(move)
        errors += sorted(builder_errors)
        errors += [
            text.translate(self.env._)
            for text in check_ubl(content, self._l10n_lv_banqup_get_xsd_dir())
        ]
        return content, builder._export_invoice_filename(move), errors

    # -- the steps
    # ----------------------------------------------------------------------------

    def _l10n_lv_banqup_commit(self):
        """Documented commit point of the outbox: each state is durable before the next
        remote step.

        Tests that run in one transaction replace this method (Odoo forbids commits
        there); the crash test runs a real worker that commits.
        """
        self.env.cr.commit()  # pylint: disable=invalid-commit

    def _l10n_lv_banqup_fail(self, message):
        self.ensure_one()
        self.write({"state": "error", "error_message": message})
        self.move_id.sudo().message_post(
            body=self.env._("Sending via Banqup failed: %(error)s", error=message)
        )

    def _l10n_lv_banqup_step(self, client):
        """Take this entry as far as it goes now; each state is committed before the
        next remote call.

        Two commits per invoice: after the ``POST`` (file id, signed URL and
        ``upload_started`` together: from then on a ``PUT`` may have happened) and after
        the ``PUT``. The UBL is stored with the first; a worker killed before it builds
        the same file again.
        """
        self.ensure_one()
        if self.state == "queued" and not self.xml_content:
            content, filename, errors = self._l10n_lv_banqup_prepare_ubl()
            if errors:
                self._l10n_lv_banqup_fail("\n".join(errors))
                self._l10n_lv_banqup_commit()
                return
            self.write({"xml_content": base64.b64encode(content), "filename": filename})
        else:
            content = base64.b64decode(self.xml_content)
        if self.state == "queued" and self.channel == "email":
            self._l10n_lv_banqup_send_email(content)
            self.write(
                {
                    "state": "uploaded",
                    "sent_date": fields.Datetime.now(),
                    "error_message": False,
                }
            )
            self._l10n_lv_banqup_commit()
            return
        just_created = False
        if self.state == "queued":
            description = self.env._("Odoo %(move)s", move=self.move_id.name)
            remote = client.create_file(self.filename, len(content), description)
            self.write(
                {
                    "state": "created",
                    "remote_file_id": remote.id,
                    "remote_status": remote.status,
                    "upload_url": remote.upload_url,
                    "upload_started": True,
                    "attempts": self.attempts + 1,
                }
            )
            self._l10n_lv_banqup_commit()
            just_created = True
        if self.state == "created":
            if not just_created:
                # a PUT may have happened before the worker stopped: ask before
                # uploading
                remote = client.get_file(self.remote_file_id)
                if remote.status.upper() != AWAITING_UPLOAD:
                    self._l10n_lv_banqup_mark_uploaded(remote.status)
                    return
            try:
                client.upload_content(self.upload_url, content)
            except BanqupError as exc:
                if exc.retryable:
                    raise
                self._l10n_lv_banqup_restart_upload(client, exc)
                return
            self._l10n_lv_banqup_mark_uploaded("UPLOADED")

    def _l10n_lv_banqup_mark_uploaded(self, remote_status):
        self.write(
            {
                "state": "uploaded",
                "remote_status": remote_status,
                "upload_url": False,
                "sent_date": fields.Datetime.now(),
                "error_message": False,
            }
        )
        self._l10n_lv_banqup_commit()

    def _l10n_lv_banqup_restart_upload(self, client, exc):
        """The signed URL refused the upload (expired, say): when the file is still
        empty, start again with a new file record (at most :data:`MAX_ATTEMPTS`);
        otherwise it is uploaded."""
        remote = client.get_file(self.remote_file_id)
        if remote.status.upper() != AWAITING_UPLOAD:
            self._l10n_lv_banqup_mark_uploaded(remote.status)
        elif self.attempts >= MAX_ATTEMPTS:
            self._l10n_lv_banqup_fail(exc.translate(self.env._))
            self._l10n_lv_banqup_commit()
        else:
            self.write(
                {
                    "state": "queued",
                    "remote_file_id": False,
                    "upload_url": False,
                    "upload_started": False,
                }
            )
            self._l10n_lv_banqup_commit()

    def _l10n_lv_banqup_poll(self, client):
        """Ask Banqup the file's status (documented file details) and follow it."""
        self.ensure_one()
        remote = client.get_file(self.remote_file_id)
        values = {"remote_status": remote.status, "status_date": fields.Datetime.now()}
        new_state = remote.state
        if new_state in ("processed", "delivered") and new_state != self.state:
            values["state"] = new_state
        self.write(values)
        if new_state == "error":
            self._l10n_lv_banqup_fail(
                remote.message
                or self.env._(
                    "Banqup refused the document (status %(status)s).",
                    status=remote.status,
                )
            )

    def _l10n_lv_banqup_send_email(self, content):
        """Banqup's e-mail door for outgoing invoices: one invoice per e-mail to the
        account's *Outbound* address, the account's key in the subject
        (https://help.banqup.com/en/articles/411734-what-requirements-are-necessary-for-sending-outgoing-invoices-by-email,
        https://help.banqup.com/en/articles/406220-how-to-import-accounts-receivable-through-email)."""
        self.ensure_one()
        company = self.company_id.sudo()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.filename,
                    "raw": content,
                    "mimetype": "application/xml",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self.env["mail.mail"].sudo().create(
            {
                "email_from": company.email or self.env.user.email or False,
                "email_to": company.l10n_lv_banqup_outbound_email,
                "subject": company.l10n_lv_banqup_einvoice_key,
                "body_html": self.env._("<p>%(move)s</p>", move=self.move_id.name),
                "attachment_ids": [fields.Command.link(attachment.id)],
                "auto_delete": False,
            }
        )

    # -- the cron
    # -------------------------------------------------------------------------------

    @api.model
    def _l10n_lv_banqup_batch_size(self):
        """Entries handled per cron run (``ir.config_parameter``
        ``l10n_lv_banqup.send_batch``, default 50)."""
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("l10n_lv_banqup.send_batch", 50)
        )

    @api.model
    def _cron_l10n_lv_banqup_send(self):
        """Send the queued entries in batches, then ask the status of the uploaded ones.

        One batch per run: it reports its progress (``ir.cron._notify_progress``) and
        triggers itself again while entries remain, so no request runs long. A system
        job: the entries are written only by these methods, hence ``sudo()``.
        """
        self = self.sudo()
        batch = self._l10n_lv_banqup_batch_size()
        to_send = self.search([("state", "in", TO_SEND)], order="id", limit=batch)
        remaining = self.search_count([("state", "in", TO_SEND)]) - len(to_send)
        to_poll = self.search(
            [("state", "in", TO_POLL), ("channel", "=", "api")],
            order="status_date, id",
            limit=batch,
        )
        clients = {}
        try:
            for entry in to_send + to_poll:
                company = entry.company_id
                try:
                    if entry.channel == "api" and company not in clients:
                        clients[company] = company._l10n_lv_banqup_get_outbound_client()
                    entry = entry.with_company(company)
                    if entry.state in TO_SEND:
                        entry._l10n_lv_banqup_step(
                            clients.get(company)
                        )  # commits its own steps
                    else:
                        entry._l10n_lv_banqup_poll(
                            clients[company]
                        )  # idempotent: committed per batch
                except (BanqupError, UserError) as exc:
                    # network, rate limit, refused request: the entry keeps its state,
                    # the next run resumes
                    message = (
                        exc.translate(self.env._)
                        if isinstance(exc, BanqupError)
                        else exc.args[0]
                    )
                    _logger.warning(
                        "Banqup sending of %s stopped: %s",
                        entry.move_id.display_name,
                        message,
                    )
                    if (
                        isinstance(exc, BanqupError)
                        and not exc.retryable
                        and entry.state == "queued"
                    ):
                        entry._l10n_lv_banqup_fail(message)
                    else:
                        entry.error_message = message
                    self._l10n_lv_banqup_commit()
        finally:
            for client in clients.values():
                client.transport.close()
        self._l10n_lv_banqup_commit()
        self.env["ir.cron"]._notify_progress(done=len(to_send), remaining=remaining)
        if remaining:
            self.env.ref("l10n_lv_banqup.ir_cron_banqup_send")._trigger()

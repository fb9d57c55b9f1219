# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Nothing stuck, nothing invisible: document-level failures hold only their document.

* a file that cannot be read at all (empty, not XML, anything the parser did not expect)
  holds its document in *Error* with a message; the other documents import;
* a document whose download fails for good is in the inbox in *Error* with the reason
  (a cron-only company sees it); every fetch downloads it again until it arrives;
* an acknowledgement refused for one document is recorded on it and retried by the next
  run; it never stops the acknowledgement of the others.
"""

import logging

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..banqup.exceptions import BanqupError
from ..parsers.exceptions import Text, _lt

_logger = logging.getLogger(__name__)

#: consecutive acknowledgements that failed with an error worth retrying (network, 5xx,
#: rate limit) before a run stops acknowledging: the operator is down, the next run goes
#: on
MAX_CONSECUTIVE_ACK_UNAVAILABLE = 3


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    download_failed = fields.Boolean(
        readonly=True,
        copy=False,
        help=(
            "Banqup listed this document but it could not be downloaded; every fetch "
            "tries again."
        ),
    )
    acknowledge_attempts = fields.Integer(
        string="Failed Acknowledgements", readonly=True, copy=False
    )

    # ------------------------------------------------------------------------------
    # unreadable files
    # ------------------------------------------------------------------------------

    def _banqup_unreadable_file_message(self):
        """The message of a stored UBL file that cannot even be given to the parser, or
        False."""
        self.ensure_one()
        attachment = self.raw_attachment_id
        if not attachment:
            return False
        raw = self._banqup_payload_attachments(attachment).raw  # checked, then read
        if not raw:
            return Text(
                _lt(
                    "The e-invoice file %(file)s is empty: there is nothing to "
                    "import. Ask the sender to send the e-invoice again, then ignore "
                    "this document."
                ),
                file=attachment.name or "?",
            )
        return False

    def _banqup_parse_or_hold(self):
        """Any failure to read the file holds only this document (never an exception to
        the batch)."""
        self.ensure_one()
        try:
            message = self._banqup_unreadable_file_message()
            if message:
                self._banqup_set_error(message)
                return None
            return super()._banqup_parse_or_hold()
        except (UserError, ValidationError) as exc:
            self._banqup_set_error(exc)
        except Exception:
            # one unreadable file must not stop the company's import: held, logged with
            # the trace
            _logger.exception(
                "Banqup document %s (%s): file not readable",
                self.display_name,
                self.banqup_id,
            )
            self._banqup_set_error(
                Text(
                    _lt(
                        "The e-invoice file %(file)s could not be read: it is not a "
                        "UBL e-invoice this module understands. The document and its "
                        "file are kept; ask the sender for a Peppol BIS 3.0 "
                        "e-invoice, or ignore this document."
                    ),
                    file=self.raw_attachment_id.name or self.name,
                )
            )
        return None

    # ------------------------------------------------------------------------------
    # downloads that fail for good
    # ------------------------------------------------------------------------------

    @api.model
    def _banqup_waiting_downloads(self, company, banqup_ids):
        """``{banqup_id: document}`` of the company's documents still waiting for their
        download."""
        if not banqup_ids:
            return {}
        documents = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("banqup_id", "in", list(banqup_ids)),
                ("download_failed", "=", True),
                ("state", "=", "error"),
            ]
        )
        return {
            document.banqup_id: document.with_env(self.env) for document in documents
        }

    @api.model
    def _banqup_known_ids(self, company, banqup_ids):
        """A document waiting for its download is not "known": every fetch downloads it
        again."""
        known = super()._banqup_known_ids(company, banqup_ids)
        return known - set(self._banqup_waiting_downloads(company, known))

    @api.model
    def _banqup_hold_undownloaded(self, company, remote, message, source="btx"):
        """Record a listed document that could not be downloaded, in *Error* with the
        reason.

        It is not acknowledged (it stays listed at Banqup) and the next fetch downloads
        it again. A second failure only updates the message.

        :param remote: the :class:`~..banqup.transport.RemoteDocument`.
        :param message: the reason: the client's error (a
            :class:`~..banqup.exceptions.BanqupError`).
        :returns: the inbox record.
        """
        data = self._banqup_message_data(
            Text(
                _lt(
                    "Banqup listed this document but it could not be downloaded: "
                    "%(reason)s. It stays at Banqup and every fetch tries again "
                    "(Retry does it now); if it never arrives, ask Banqup's support "
                    "about document %(banqup_id)s."
                ),
                reason=message,
                banqup_id=remote.banqup_id,
            )
        )
        waiting = self._banqup_waiting_downloads(company, [remote.banqup_id]).get(
            remote.banqup_id
        )
        if waiting:
            waiting.sudo().with_context(mail_notrack=True).write({"error_data": data})
            return waiting
        vals = {
            "name": remote.filename or remote.banqup_id,
            "company_id": company.id,
            "banqup_id": remote.banqup_id,
            "direction": remote.direction,
            "source": source,
            "state": "error",
            "error_data": data,
            "download_failed": True,
        }
        try:
            with self.env.cr.savepoint():
                return self._banqup_create_documents([vals])
        except psycopg2.errors.UniqueViolation:
            # stored meanwhile by a concurrent worker: nothing to add
            _logger.info(
                "Banqup document %s stored concurrently; not recorded as undownloaded",
                remote.banqup_id,
            )
            return self.browse()

    @api.model
    def _banqup_store_many(self, company, payloads, source="btx"):
        """A document that arrives after failed downloads fills its waiting record."""
        waiting = self._banqup_waiting_downloads(
            company, [payload.banqup_id for payload in payloads]
        )
        filled = self.browse()
        rest = []
        for payload in payloads:
            document = waiting.get(payload.banqup_id)
            if document:
                document._banqup_fill_downloaded(payload)
                filled |= document
            else:
                rest.append(payload)
        return filled | super()._banqup_store_many(company, rest, source)

    def _banqup_fill_downloaded(self, payload):
        """Give a record waiting for its download the downloaded files; it is then
        imported as any other."""
        self.ensure_one()
        self.sudo().with_context(mail_notrack=True).write(
            {
                "name": payload.filename or payload.banqup_id,
                "direction": payload.direction,
                "state": "received",
                "error_message": False,
                "download_failed": False,
            }
        )
        self._store_payloads_files([payload])
        self._message_log(
            body=self.env._("Downloaded from Banqup after earlier failures.")
        )

    def action_retry(self):
        """*Retry* of a document that could not be downloaded: fetch now (it is
        downloaded again)."""
        waiting = self.filtered(lambda d: d.state == "error" and d.download_failed)
        result = super(BanqupDocument, self - waiting).action_retry()
        if not waiting:
            return result
        for company in waiting.company_id:
            company.check_access("read")
            fetch = company.with_context(
                l10n_lv_banqup_notify_progress=True
            )._banqup_fetch()
            still = waiting.filtered(
                lambda d, company=company: d.company_id == company and d.download_failed
            )
            if still and fetch["error"]:
                raise UserError(fetch["error"])
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    # ------------------------------------------------------------------------------
    # acknowledgements
    # ------------------------------------------------------------------------------

    def _banqup_acknowledge(self, transport):
        """Acknowledge each document at the source, oldest first; a refusal holds only
        its document.

        A refused acknowledgement is written on the document (shown in the inbox) and
        retried by the next run; the others go on. Only when the operator looks down
        (:data:`MAX_CONSECUTIVE_ACK_UNAVAILABLE` failures in a row worth retrying) does
        the run stop; the next one continues.

        :returns: the acknowledged documents.
        """
        done_ids = []
        unavailable = 0
        for document in self.sorted("id"):
            try:
                transport.acknowledge(document.banqup_id)
            except BanqupError as exc:
                _logger.warning(
                    "Banqup acknowledgement of %s failed (retried next run): %s",
                    document.banqup_id,
                    exc,
                )
                document.with_context(mail_notrack=True).write(
                    {
                        "acknowledge_error_data": self._banqup_message_data(
                            Text(
                                _lt(
                                    "Banqup was not told that this document is "
                                    "imported: %(reason)s. The next fetch tries "
                                    "again; until then Banqup lists it as not "
                                    "exported."
                                ),
                                reason=exc,
                            )
                        ),
                        "acknowledge_attempts": document.acknowledge_attempts + 1,
                    }
                )
                unavailable = unavailable + 1 if exc.retryable else 0
                if unavailable >= MAX_CONSECUTIVE_ACK_UNAVAILABLE:
                    _logger.warning(
                        "Banqup acknowledgements stopped for this run: the operator "
                        "looks unavailable"
                    )
                    break
                continue
            unavailable = 0
            done_ids.append(document.id)
        done = self.browse(done_ids)
        if done:
            # acknowledged_date records it: no tracking message per document
            done.with_context(mail_notrack=True).write(
                {
                    "acknowledged": True,
                    "acknowledged_date": fields.Datetime.now(),
                    "acknowledge_error_data": False,
                    "acknowledge_attempts": 0,
                }
            )
        return done

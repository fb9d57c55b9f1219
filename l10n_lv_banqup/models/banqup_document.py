# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from decimal import Decimal

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from ..banqup.exceptions import BanqupError
from ..banqup.transport import DIRECTION_PURCHASE, DIRECTION_SALES
from ..parsers import helpers, ubl
from ..parsers.exceptions import ParseError, Text, _lt

_logger = logging.getLogger(__name__)

#: documents stored, or imported, between two commits of a run
DEFAULT_COMMIT_BATCH_SIZE = 25


class BanqupImportError(UserError):
    """A document cannot become an invoice; the message is shown on the inbox record.

    Made from a :class:`~..parsers.exceptions.Text`, it keeps the text: the inbox stores
    the template and its values and shows them in each reader's language
    (``banqup_document_messages.py``); ``str()`` is English, for the logs.
    """

    def __init__(self, message, *args):
        self.text = message if isinstance(message, Text) else None
        super().__init__(str(message), *args)


class BatchCache:
    """Lookups shared by the documents of one import run (partners, taxes, units,
    accounts).

    Carried in the context key ``l10n_lv_banqup_batch_cache`` (an object, hence
    hashable) by :meth:`BanqupDocument._banqup_run` (at most ``_banqup_batch_size()``
    documents) or by one :meth:`BanqupDocument._banqup_import_batch`. Only what an
    earlier document of the run found is remembered (never what a rolled-back savepoint
    created), and the one-by-one fallback works without it. Any other value under that
    key (an RPC caller's context is JSON, never this class) is ignored.
    """

    __slots__ = ("data",)

    def __init__(self):
        self.data = {}


def _rate_key(percent):
    """``Decimal("21.00")`` -> ``"21"``; None -> ``"0"``."""
    if percent is None:
        return "0"
    return format(Decimal(percent).normalize(), "f")


class BanqupDocument(models.Model):
    """Inbox of Banqup documents: stored first, then turned into an invoice, then
    acknowledged."""

    _name = "banqup.document"
    _description = "Banqup Document"
    _inherit = ["mail.thread"]
    _order = "received_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    banqup_id = fields.Char(
        string="Banqup ID", required=True, readonly=True, copy=False
    )
    direction = fields.Selection(
        [(DIRECTION_SALES, "Sales invoice"), (DIRECTION_PURCHASE, "Supplier invoice")],
        required=True,
        readonly=True,
    )
    source = fields.Selection(
        [("btx", "Banqup API"), ("upload", "Upload")], default="btx", readonly=True
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("imported", "Imported"),
            ("error", "Error"),
            ("ignored", "Ignored"),
        ],
        default="received",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    raw_attachment_id = fields.Many2one(
        "ir.attachment", string="UBL File", readonly=True, copy=False
    )
    file_attachment_ids = fields.Many2many(
        "ir.attachment",
        "banqup_document_file_rel",
        "document_id",
        "attachment_id",
        string="Other Files",
        readonly=True,
        copy=False,
    )
    error_message = fields.Text(readonly=True, copy=False)
    move_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, copy=False, check_company=True
    )
    document_number = fields.Char(readonly=True, copy=False)
    # not tracked here: the invoice has its own history
    partner_id = fields.Many2one(
        related="move_id.partner_id", string="Partner", tracking=False
    )
    amount_total = fields.Monetary(
        related="move_id.amount_total", string="Total", tracking=False
    )
    currency_id = fields.Many2one(related="move_id.currency_id", tracking=False)
    received_date = fields.Datetime(
        readonly=True, default=fields.Datetime.now, copy=False
    )
    imported_date = fields.Datetime(readonly=True, copy=False)
    acknowledged = fields.Boolean(readonly=True, copy=False, tracking=True)
    acknowledged_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "banqup_id_company_uniq",
            "unique(company_id, banqup_id)",
            "This Banqup document is already in the inbox of this company.",
        ),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_imported(self):
        if any(doc.state == "imported" or doc.move_id for doc in self):
            raise UserError(
                self.env._(
                    "An imported Banqup document cannot be deleted: it proves the "
                    "invoice came from Banqup."
                )
            )

    # ------------------------------------------------------------------------------
    # store
    # ------------------------------------------------------------------------------

    @api.model
    def _prepare_document_vals(self, company, payload, source):
        """Values of a new inbox record for a downloaded :class:`DocumentPayload`."""
        return {
            "name": payload.filename or payload.banqup_id,
            "company_id": company.id,
            "banqup_id": payload.banqup_id,
            "direction": payload.direction,
            "source": source,
            "state": "received",
        }

    def _prepare_payload_attachment_vals(self, payload):
        """Attachment values of ``payload`` on the record: the raw UBL first, then its
        other files."""
        self.ensure_one()
        common = {
            "res_model": self._name,
            "res_id": self.id,
            "company_id": self.company_id.id,
        }
        vals_list = []
        if payload.xml:  # a PDF-only delivery has no UBL
            vals_list.append(
                {
                    **common,
                    "name": payload.filename or f"{payload.banqup_id}.xml",
                    "raw": payload.xml,
                    "mimetype": "application/xml",
                }
            )
        for file in payload.files:
            vals_list.append(
                {
                    **common,
                    "name": file.filename,
                    "raw": file.content,
                    "mimetype": file.mime or "application/octet-stream",
                }
            )
        return vals_list

    def _store_payloads_files(self, payloads):
        """Store the raw UBL and the other files of each record's payload (one
        ``create()`` for all).

        :param list payloads: the :class:`DocumentPayload` of each record of ``self``,
            in order.
        """
        vals_by_document = [
            document._prepare_payload_attachment_vals(payload)
            for document, payload in zip(self, payloads, strict=True)
        ]
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create([vals for group in vals_by_document for vals in group])
        )
        start = 0
        for document, group, payload in zip(
            self, vals_by_document, payloads, strict=True
        ):
            group_attachments = attachments[start : start + len(group)]
            start += len(group)
            xml = group_attachments[:1] if payload.xml else attachments.browse()
            files = group_attachments - xml
            # sudo: users may not write the stored files (banqup_document_payload.py);
            # these are the record's own
            document.sudo().write(
                {
                    "raw_attachment_id": xml.id,
                    "file_attachment_ids": [Command.set(files.ids)],
                }
            )

    @api.model
    def _banqup_store(self, company, payload, source="btx"):
        """Store one downloaded document unless the company's inbox already has it.

        The search answers the common case; the unique constraint, checked inside a
        savepoint, answers a concurrent writer.

        :returns: the new record, or an empty recordset for a duplicate.
        """
        domain = [
            ("company_id", "=", company.id),
            ("banqup_id", "=", payload.banqup_id),
        ]
        if self.sudo().search_count(domain):
            _logger.debug("Banqup document %s already in the inbox", payload.banqup_id)
            return self.browse()
        try:
            # a concurrent writer's duplicate is answered by the unique index: not a
            # "bad query" error record
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                document = self._banqup_create_documents(
                    [self._prepare_document_vals(company, payload, source)]
                )
                document._store_payloads_files([payload])
        except psycopg2.errors.UniqueViolation:
            _logger.info(
                "Banqup document %s stored concurrently by another worker",
                payload.banqup_id,
            )
            return self.browse()
        return document

    @api.model
    def _banqup_create_documents(self, vals_list):
        """Create inbox records without chatter noise: no creation message, no follower.

        The received date and the state say the same; the import logs one message.
        """
        return (
            self.with_context(tracking_disable=True)
            .create(vals_list)
            .with_env(self.env)
        )

    @api.model
    def _banqup_store_many(self, company, payloads, source="btx"):
        """Store downloaded documents that are not in the inbox yet, with one
        ``create()``.

        The caller has checked the ids against the inbox (:meth:`_banqup_known_ids`).
        When a concurrent worker stored one of them meanwhile, the batch is rolled back
        to its savepoint and each document goes through :meth:`_banqup_store`.

        :returns: the new records.
        """
        if len(payloads) <= 1:
            return (
                self._banqup_store(company, payloads[0], source)
                if payloads
                else self.browse()
            )
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                documents = self._banqup_create_documents(
                    [
                        self._prepare_document_vals(company, payload, source)
                        for payload in payloads
                    ]
                )
                documents._store_payloads_files(payloads)
        except psycopg2.errors.UniqueViolation:
            _logger.info(
                "Banqup documents stored concurrently by another worker; storing one "
                "by one"
            )
            documents = self.browse()
            for payload in payloads:
                documents |= self._banqup_store(company, payload, source)
        return documents

    # ------------------------------------------------------------------------------
    # the run: store, commit, import, acknowledge
    # ------------------------------------------------------------------------------

    @api.model
    def _banqup_batch_size(self):
        """Documents imported per run (bounded memory; the next run continues)."""
        return 200

    @api.model
    def _banqup_commit_batch_size(self):
        """Documents stored, or imported, between two commits of a run.

        Every commit clears Odoo's caches (company, journals, taxes, partners are read
        again), so a run commits once per batch instead of once per document. A crash
        inside a batch rolls back at most this many uncommitted documents: stored ones
        are not acknowledged and are listed again, imported ones stay ``received`` in
        the committed state and are imported again; nothing is acknowledged before its
        invoice is committed.
        """
        return DEFAULT_COMMIT_BATCH_SIZE

    @api.model
    def _banqup_known_ids(self, company, banqup_ids):
        """The subset of ``banqup_ids`` already in the company's inbox (one query)."""
        if not banqup_ids:
            return set()
        documents = self.sudo().search_fetch(
            [("company_id", "=", company.id), ("banqup_id", "in", list(banqup_ids))],
            ["banqup_id"],
        )
        return set(documents.mapped("banqup_id"))

    @api.model
    def _banqup_store_listed(
        self, company, transport, remotes, source, result, pending
    ):
        """Download and store the listed documents not yet in the inbox, committing
        every batch.

        :param list pending: one-item list, the number of documents stored since the
            last commit.
        :returns: False when the fetch lock was lost at a commit (another worker took
            over).
        """
        known = self._banqup_known_ids(
            company, {remote.banqup_id for remote in remotes}
        )
        payloads, interrupted = [], None
        for remote in remotes:
            if remote.banqup_id in known:
                continue  # stored earlier; acknowledged once imported
            try:
                payload = transport.download(remote)
            except BanqupError as exc:
                if exc.retryable:
                    # what is downloaded is still stored, then the error goes up
                    interrupted = exc
                    break
                # one unreadable document must not block the others: it stays listed,
                # and it is in the inbox in error with the reason
                # (banqup_document_faults.py)
                _logger.warning(
                    "Banqup document %s not downloaded: %s", remote.banqup_id, exc
                )
                result["download_errors"].append(
                    (remote.banqup_id, exc.translate(self.env._))
                )
                self._banqup_hold_undownloaded(company, remote, exc, source)
                continue
            known.add(remote.banqup_id)
            payloads.append(payload)
        documents = self._banqup_store_many(company, payloads, source)
        result["stored"] |= documents
        pending[0] += len(documents)
        if interrupted is not None:
            raise interrupted
        if pending[0] >= self._banqup_commit_batch_size():
            pending[0] = 0
            if not company._l10n_lv_banqup_commit():
                return False
        return True

    @api.model
    def _banqup_run(self, company, transport, import_documents=True, source="btx"):
        """Exactly-once cycle of one company; the caller holds the fetch lock.

        See :meth:`res.company._banqup_fetch` for the steps and the result.
        """
        result = {
            "stored": self.browse(),
            "imported": self.browse(),
            "failed": self.browse(),
            "acknowledged": self.browse(),
            "skipped": False,
            "error": False,
            "download_errors": [],
        }
        batch_size = self._banqup_commit_batch_size()
        # 1. store every new document, committing before anything is parsed
        pending = [0]  # stored, not yet committed
        listed = []
        try:
            for remote in transport.iter_new_documents():
                listed.append(remote)
                if len(listed) >= batch_size:
                    remotes, listed = listed, []
                    if not self._banqup_store_listed(
                        company, transport, remotes, source, result, pending
                    ):
                        result["skipped"] = True
                        return result
            remotes, listed = listed, []
            if not self._banqup_store_listed(
                company, transport, remotes, source, result, pending
            ):
                result["skipped"] = True
                return result
        except BanqupError as exc:
            # what is stored stays stored and is imported below; the next run lists
            # again
            _logger.warning(
                "Banqup listing of company %s interrupted: %s", company.id, exc
            )
            result["error"] = exc.translate(self.env._)
            if (
                listed
            ):  # listed before the listing broke: stored as they would have been
                try:
                    if not self._banqup_store_listed(
                        company, transport, listed, source, result, pending
                    ):
                        result["skipped"] = True
                        return result
                except BanqupError as exc2:
                    _logger.warning(
                        "Banqup download of company %s interrupted: %s",
                        company.id,
                        exc2,
                    )
        # the stored documents are durable before anything is parsed
        if pending[0] and not company._l10n_lv_banqup_commit():
            result["skipped"] = True
            return result
        company.sudo().l10n_lv_banqup_last_fetch = fields.Datetime.now()
        _logger.info(
            "Banqup fetch of company %s: %d new document(s) stored",
            company.id,
            len(result["stored"]),
        )
        if not import_documents:
            return result
        if not self._banqup_import_received(company, result):
            return result
        # 3. acknowledge what is committed (when the source has an acknowledgement)
        if not getattr(transport, "acknowledges", True):
            return result
        to_ack = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("imported", "ignored")),
                ("acknowledged", "=", False),
            ]
        )
        to_ack = to_ack.filtered(lambda d: d.source == source)
        result["acknowledged"] = to_ack._banqup_acknowledge(transport)
        company._l10n_lv_banqup_commit()
        _logger.info(
            "Banqup run of company %s: %d imported, %d failed, %d acknowledged",
            company.id,
            len(result["imported"]),
            len(result["failed"]),
            len(result["acknowledged"]),
        )
        return result

    @api.model
    def _banqup_import_received(self, company, result):
        """Import every received document of ``company`` (whatever door it came through,
        also those left by a crashed run), each in its own savepoint, committing once
        per batch; the caller holds the fetch lock. Fills ``result["imported"]`` and
        ``result["failed"]``.

        :returns: False when the lock was lost at a commit (``result["skipped"]`` is
            set).
        """
        batch_size = self._banqup_commit_batch_size()
        pending = self.with_context(l10n_lv_banqup_batch_cache=BatchCache()).search(
            [("company_id", "=", company.id), ("state", "=", "received")],
            order="id",
            limit=self._banqup_batch_size(),
        )
        total = len(pending)
        notify = (
            self.env.context.get("l10n_lv_banqup_notify_progress")
            and total > batch_size
        )
        for start in range(0, total, batch_size):
            batch = pending[start : start + batch_size]
            imported = batch._banqup_import_batch()
            result["imported"] |= imported
            result["failed"] |= batch - imported
            if notify:  # sent with the batch's commit
                self._banqup_notify_progress(len(result["imported"]), total)
            if not company._l10n_lv_banqup_commit():
                result["skipped"] = True
                return False
        return True

    def _banqup_notify_progress(self, done, total):
        """Tell the user who pressed *Fetch now* how far the import is (not used by the
        cron)."""
        self.env.user._bus_send(
            "simple_notification",
            {
                "title": self.env._("Banqup"),
                "message": self.env._(
                    "%(done)s of %(total)s documents imported", done=done, total=total
                ),
                "sticky": False,
            },
        )

    def _banqup_acknowledge(self, transport):
        """Acknowledge the documents at the source; stops at the first operator error.

        The operator is called per document; the records are written once.

        :returns: the acknowledged documents.
        """
        done_ids = []
        for document in self:
            try:
                transport.acknowledge(document.banqup_id)
            except BanqupError as exc:
                _logger.warning(
                    "Banqup acknowledgement of %s failed (retried next run): %s",
                    document.banqup_id,
                    exc,
                )
                break
            done_ids.append(document.id)
        done = self.browse(done_ids)
        if done:
            # acknowledged_date records it: no tracking message per document
            done.with_context(mail_notrack=True).write(
                {"acknowledged": True, "acknowledged_date": fields.Datetime.now()}
            )
        return done

    # ------------------------------------------------------------------------------
    # import of one document
    # ------------------------------------------------------------------------------

    def _banqup_import_one(self):
        """Turn the document into an invoice in a savepoint; record an error instead of
        raising.

        :returns: True when imported.
        """
        self.ensure_one()
        if not self._banqup_lock_for_import():
            _logger.info(
                "Banqup document %s skipped: imported or being imported elsewhere",
                self.banqup_id,
            )
            return False
        document = self._banqup_parse_or_hold()
        if document is None:
            return False
        self.document_number = document.number
        try:
            with self.env.cr.savepoint():
                move = self.with_company(self.company_id)._banqup_create_move(document)
        except (UserError, ValidationError) as exc:
            self._banqup_set_error(exc)
            return False
        except psycopg2.Error:
            _logger.exception(
                "Banqup document %s: database error during import", self.banqup_id
            )
            self._banqup_set_error(
                Text(
                    _lt(
                        "The invoice could not be saved: the database refused it, for "
                        "example because someone changed the same records at the same "
                        "time. The document and its file are kept; press Retry."
                    )
                )
            )
            return False
        except Exception:
            # one bad document must not sink the batch: recorded on it, logged
            _logger.exception(
                "Banqup document %s (%s): unexpected error during import",
                self.display_name,
                self.banqup_id,
            )
            self._banqup_set_error(
                Text(
                    _lt(
                        "The invoice could not be made because of an unexpected "
                        "error. The document and its file are kept; press Retry, and "
                        "if it fails again ask your administrator: the server log "
                        "names the Banqup document %(document)s."
                    ),
                    document=self.display_name,
                )
            )
            return False
        self._banqup_mark_imported(move, [document.number])
        return True

    def _banqup_import_batch(self):
        """Import several documents of one company, their invoices made by one
        ``create()``.

        The documents are locked together, then each one is parsed and prepared
        (``_prepare_move_vals``, partners created when missing) in its own savepoint,
        with the lookups (partners, taxes, units, currency, accounts) remembered for the
        run (:class:`BatchCache`). The invoices of the prepared ones are then created,
        checked, given their files and posted together inside one savepoint. When
        anything in that savepoint fails, it is rolled back and every document goes
        through :meth:`_banqup_import_one` in its own savepoint, so one bad document
        still only holds itself. A single document always takes
        :meth:`_banqup_import_one`.

        :returns: the imported documents.
        """
        if len(self) <= 1:
            return self.filtered(lambda d: d._banqup_import_one())
        imported = self.browse()
        prepared = []  # (document, parsed document, move values)
        one_by_one = self.browse()
        numbers = set()
        cached = self
        if not isinstance(
            self.env.context.get("l10n_lv_banqup_batch_cache"), BatchCache
        ):
            cached = self.with_context(l10n_lv_banqup_batch_cache=BatchCache())
        for record in cached._banqup_lock_batch_for_import():
            document = record._banqup_parse_or_hold()
            if document is None:
                continue
            doc = record.with_company(record.company_id)
            try:
                with self.env.cr.savepoint():
                    move_vals = doc._prepare_move_vals(document)
                    existing = doc._match_existing_move(move_vals)
            except (UserError, ValidationError) as exc:
                # an unmapped tax, a missing account...: held now
                record.document_number = document.number
                record._banqup_set_error(exc)
                continue
            except Exception:
                # unexpected: recorded the usual way by _banqup_import_one
                one_by_one |= record
                continue
            # one at a time, after the batch's invoices exist: a duplicate (also of a
            # number earlier in the batch) and a credit note whose invoice may be there
            is_refund = move_vals["move_type"] in ("out_refund", "in_refund")
            if (
                existing
                or document.number in numbers
                or (is_refund and document.billing_reference)
            ):
                one_by_one |= record
                continue
            numbers.add(document.number)
            prepared.append((doc, document, move_vals))
        if prepared:
            try:
                with self.env.cr.savepoint():
                    moves = self._banqup_create_moves(prepared)
            except Exception as exc:  # each document again in its own savepoint
                _logger.info(
                    "Banqup batch import fell back to one document at a time: %s", exc
                )
                for doc, _document, _vals in prepared:
                    one_by_one |= doc
            else:
                documents = self.browse([doc.id for doc, _document, _vals in prepared])
                documents._banqup_mark_imported(
                    moves, [document.number for _doc, document, _vals in prepared]
                )
                imported |= documents
        for record in self.with_context(l10n_lv_banqup_batch_cache=None).browse(
            one_by_one.ids
        ):
            if record._banqup_import_one():
                imported |= record
        return self.browse(imported.ids)

    def _banqup_create_moves(self, prepared):
        """Create, check, attach and post the invoices of prepared documents (one
        ``create()``).

        :param list prepared: ``(document record, parsed document, move values)``.
        :returns: the invoices, in the order of ``prepared``.
        """
        Move = self.env["account.move"]
        # no creation message, follower or tracking: one message says where it comes
        # from
        moves = Move.with_context(tracking_disable=True).create(
            [vals for _doc, _document, vals in prepared]
        )
        moves = moves.with_env(Move.env)
        to_post = Move
        attachment_vals = []
        for (doc, document, _vals), move in zip(prepared, moves, strict=True):
            doc._check_move_totals(move, document)
            attachment_vals.append(doc._prepare_move_attachment_vals(move, document))
            if doc._should_post(move):
                to_post |= move
        self._banqup_create_move_attachments(moves, attachment_vals)
        if to_post:
            to_post.with_context(mail_notrack=True).action_post()
        self.browse(
            [doc.id for doc, _document, _vals in prepared]
        )._banqup_log_on_moves(moves)
        return moves

    def _banqup_log_on_moves(self, moves):
        """One chatter message per invoice: imported from this Banqup document (one
        ``create()``)."""
        moves._message_log_batch(
            {
                move.id: self.env._(
                    "Imported from Banqup document %(document)s.",
                    document=doc._get_html_link(),
                )
                for doc, move in zip(self, moves, strict=True)
            }
        )

    def _banqup_mark_imported(self, moves, numbers):
        """Record each document's invoice, with one chatter message per document.

        :param moves: the invoice of each document of ``self``, in order.
        :param list numbers: the invoice number of each document.
        """
        now = fields.Datetime.now()
        for document, move, number in zip(self, moves, numbers, strict=True):
            # the state change is told by the message below, not by a tracking message
            document.with_context(mail_notrack=True).write(
                {
                    "state": "imported",
                    "move_id": move.id,
                    "document_number": number,
                    "imported_date": now,
                    "error_message": False,
                }
            )
            _logger.info(
                "Banqup document %s imported as move %s", document.banqup_id, move.id
            )
        self._message_log_batch(
            {
                document.id: self.env._(
                    "Imported as %(invoice)s.", invoice=move._get_html_link()
                )
                for document, move in zip(self, moves, strict=True)
            }
        )

    def _banqup_lock_batch_for_import(self):
        """Lock the rows of the documents still waiting for an import, in one query,
        without waiting.

        Rows locked by another transaction are skipped (that worker imports them); on a
        serialisation conflict each document is locked on its own
        (:meth:`_banqup_lock_for_import`).

        :returns: the locked documents, in the order of ``self``.
        """
        if not self:
            return self
        self.flush_recordset(["state"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM banqup_document WHERE id IN %s AND state IN "
                    "('received', 'error') FOR UPDATE SKIP LOCKED",
                    [tuple(self.ids)],
                )
                locked = {row[0] for row in self.env.cr.fetchall()}
        except psycopg2.errors.SerializationFailure:
            return self.filtered(lambda d: d._banqup_lock_for_import())
        self.invalidate_recordset(["state"])
        skipped = self.filtered(lambda d: d.id not in locked)
        for document in skipped:
            _logger.info(
                "Banqup document %s skipped: imported or being imported elsewhere",
                document.banqup_id,
            )
        return self - skipped

    def _banqup_lock_for_import(self):
        """Lock the document row for this transaction, without waiting.

        Two imports of one document (the cron and an accountant's *Import*) must not
        both create an invoice: the second finds the row locked, or already imported.

        :returns: True when the document is locked and still waits for an import.
        """
        self.ensure_one()
        self.flush_recordset(["state"])
        try:
            with self.env.cr.savepoint(flush=False):
                # a row locked elsewhere is an expected answer, not a "bad query" error
                # in the log
                self.env.cr.execute(
                    "SELECT state FROM banqup_document WHERE id = %s FOR UPDATE NOWAIT",
                    [self.id],
                    log_exceptions=False,
                )
                row = self.env.cr.fetchone()
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure):
            return False
        self.invalidate_recordset(["state"])
        return bool(row) and row[0] in ("received", "error")

    def _selection_label(self, model, field, value):
        """The label of a selection value in the user's language (never the technical
        key)."""
        return dict(
            self.env[model]._fields[field]._description_selection(self.env)
        ).get(value, value)

    def _prepare_banqup_error_vals(self, message):
        """The values that hold the document with ``message`` (extension point).

        ``banqup_document_messages.py`` stores the message as data instead of text.
        """
        return {"state": "error", "error_message": str(message) if message else False}

    def _banqup_set_error(self, message):
        """Hold the document with ``message``; raw payload and id stay untouched."""
        self.ensure_one()
        _logger.info("Banqup document %s not imported: %s", self.banqup_id, message)
        self.write(self._prepare_banqup_error_vals(message))

    def _banqup_parse_or_hold(self):
        """Parse the document; when it cannot be parsed, hold it with the reason.

        :returns: the parsed document, or None (the error is recorded on the document).
        """
        self.ensure_one()
        try:
            return self._banqup_parse()
        except ParseError as exc:
            self._banqup_set_error(exc)
        except BanqupImportError as exc:
            self._banqup_set_error(exc)
        return None

    def _banqup_parse(self):
        """Parse the stored UBL and return the document as it should be booked.

        A negative invoice is turned into a credit note with positive amounts.
        :rtype: ~..parsers.ubl.UblDocument
        """
        self.ensure_one()
        if not self.raw_attachment_id:
            if any(
                "pdf" in (mime or "")
                for mime in self.file_attachment_ids.mapped("mimetype")
            ):
                raise BanqupImportError(
                    Text(
                        _lt(
                            "Only a PDF was delivered, no e-invoice (UBL): enter the "
                            "invoice by hand from the attached PDF, or ask the sender "
                            "to send it through Banqup as an e-invoice, then ignore "
                            "this document."
                        )
                    )
                )
            raise BanqupImportError(Text(_lt("The document has no stored UBL file.")))
        raw = self._banqup_payload_attachments(
            self.raw_attachment_id
        ).raw  # checked, then read
        return ubl.parse(raw, filename=self.raw_attachment_id.name).normalized()

    def _banqup_create_move(self, document):
        """Parsed document -> matching -> ``_prepare_*`` -> create -> checks -> (post).

        :param document: the :class:`~..parsers.ubl.UblDocument` of
            :meth:`_banqup_parse`.
        """
        self.ensure_one()
        move_vals = self._prepare_move_vals(document)
        existing = self._match_existing_move(move_vals)
        if existing:
            raise BanqupImportError(
                Text(
                    _lt("%(move)s with number %(number)s is already in Odoo."),
                    move=existing.display_name,
                    number=document.number,
                )
            )
        return self._banqup_create_moves([(self, document, move_vals)])

    # -- move ---------------------------------------------------------------------

    def _banqup_cached(self, key, compute):
        """``compute()``, remembered for the batch when one is running (see
        :class:`BatchCache`).

        Records are remembered as ids and given back in the caller's environment;
        an empty recordset or an exception is not remembered.
        """
        cache = self.env.context.get("l10n_lv_banqup_batch_cache")
        if not isinstance(cache, BatchCache):
            # none running, or a value from outside (an RPC context is JSON): ignored
            return compute()
        if key in cache.data:
            model, ids = cache.data[key]
            return self.env[model].browse(ids)
        value = compute()
        if value:
            cache.data[key] = (value._name, value.ids)
        return value

    def _get_move_type(self, document):
        """``out_invoice``/``out_refund`` for sales, ``in_invoice``/``in_refund`` for
        purchases."""
        refund = document.kind == ubl.KIND_CREDIT_NOTE
        if self.direction == DIRECTION_SALES:
            return "out_refund" if refund else "out_invoice"
        return "in_refund" if refund else "in_invoice"

    def _get_journal(self):
        """The company's Banqup journal of the direction, else its first journal of that
        type."""
        company = self.company_id
        if self.direction == DIRECTION_SALES:
            journal, journal_type = company.l10n_lv_banqup_sale_journal_id, "sale"
        else:
            journal, journal_type = (
                company.l10n_lv_banqup_purchase_journal_id,
                "purchase",
            )
        if not journal:
            journal = self.env["account.journal"].search(
                [
                    *self.env["account.journal"]._check_company_domain(company),
                    ("type", "=", journal_type),
                ],
                limit=1,
            )
        if not journal:
            raise BanqupImportError(
                Text(
                    _lt("The company has no %(type)s journal."),
                    type=self._selection_label("account.journal", "type", journal_type),
                )
            )
        if not journal.default_account_id:
            raise BanqupImportError(
                Text(
                    _lt("The journal %(journal)s has no default account."),
                    journal=journal.display_name,
                )
            )
        return journal

    def _get_currency(self, document):
        """The active Odoo currency of BT-5."""
        currency = self._banqup_cached(
            ("currency", document.currency),
            lambda: self.env["res.currency"].search(
                [("name", "=", document.currency)], limit=1
            ),
        )
        if not currency:
            raise BanqupImportError(
                Text(
                    _lt("The currency %(currency)s is not active in Odoo."),
                    currency=document.currency,
                )
            )
        return currency

    def _get_invoice_party(self, document):
        """The party that becomes the invoice partner: the buyer of a sale, the seller
        of a purchase."""
        return document.buyer if self.direction == DIRECTION_SALES else document.seller

    def _prepare_move_vals(self, document):
        """Values of the ``account.move`` for a parsed document."""
        move_type = self._get_move_type(document)
        journal = self._get_journal()
        currency = self._get_currency(document)
        partner = self._get_partner(self._get_invoice_party(document))
        tax_type = "sale" if self.direction == DIRECTION_SALES else "purchase"
        line_vals = []
        for line in document.lines:
            line_vals += self._prepare_move_line_vals(line, document, tax_type)
        for allowance_charge in document.allowances_charges:
            line_vals.append(
                self._prepare_allowance_charge_line_vals(
                    allowance_charge, document, tax_type
                )
            )
        if document.totals.rounding:
            line_vals.append(self._prepare_rounding_line_vals(document))
        if not any(
            line.get("product_id") or line.get("account_id") for line in line_vals
        ):
            account = self._get_line_account(partner, move_type, journal)
            for line in line_vals:
                line["account_id"] = account.id
        is_refund = move_type in ("out_refund", "in_refund")
        for line in line_vals:
            tax_command = line.get("tax_ids") or [Command.clear()]
            if (
                "tax_tag_ids" not in line
                and len(tax_command) == 1
                and tax_command[0][0] in (Command.SET, Command.CLEAR)
            ):
                tax_ids = (
                    tuple(tax_command[0][2]) if tax_command[0][0] == Command.SET else ()
                )
                tags = self._get_base_tax_tags(
                    tax_ids, line.get("product_id"), is_refund
                )
                line["tax_tag_ids"] = [Command.set(tags.ids)]
        self._set_line_balances(line_vals, move_type, currency)
        vals = {
            "move_type": move_type,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "partner_id": partner.id,
            "invoice_date": document.issue_date,
            "currency_id": currency.id,
            "payment_reference": document.payment_reference or False,
            "narration": document.note or False,
            "invoice_origin": document.order_reference or False,
            "l10n_lv_banqup_document_id": self.id,
            "l10n_lv_banqup_prepaid_amount": float(document.totals.prepaid),
            "l10n_lv_banqup_payable_amount": float(document.totals.payable),
            "invoice_line_ids": [Command.create(vals) for vals in line_vals],
        }
        if document.due_date:
            vals.update(
                {
                    "invoice_payment_term_id": False,
                    "invoice_date_due": document.due_date,
                }
            )
        if self.direction == DIRECTION_SALES:
            vals["name"] = document.number
            vals["ref"] = (
                document.buyer_reference or document.billing_reference or False
            )
        else:
            vals["ref"] = document.number
        reversed_move = self._match_reversed_move(document, move_type, partner)
        if reversed_move:
            vals["reversed_entry_id"] = reversed_move.id
        return vals

    def _get_line_account(self, partner, move_type, journal):
        """Account of invoice lines without product: what Odoo's ``account_id`` compute
        gives them.

        That is the partner's most frequent income (expense) account of the last two
        years allowed on the journal, else the journal's default account. Computed here
        once per partner and run instead of by one query per line. Remembering it for
        the run gives what Odoo would compute for each invoice: the invoices of the run
        only add lines on that account, which keeps it the most frequent one.
        """
        company = self.company_id
        commercial_partner = partner.commercial_partner_id

        def compute():
            account_id = self.env[
                "account.account"
            ]._get_most_frequent_account_for_partner(
                company_id=company.id,
                partner_id=commercial_partner.id,
                move_type=move_type,
                journal_id=journal.id,
            )
            return (
                self.env["account.account"].browse(account_id)
                or journal.default_account_id
            )

        return self._banqup_cached(
            ("account", company.id, commercial_partner.id, move_type, journal.id),
            compute,
        )

    def _set_line_balances(self, line_vals, move_type, currency):
        """Give the lines of an invoice in company currency their balance (signed
        untaxed amount).

        Odoo writes it on every line when it synchronises the taxes after the creation;
        given here, that write is spared. Only done when a line carries a tax, since
        then Odoo recomputes the lines anyway and corrects any amount that differs from
        its own.
        """
        company = self.company_id
        if currency != company.currency_id:
            return
        if not any(
            any(
                command[0] == Command.SET and command[2]
                for command in line.get("tax_ids", [])
            )
            for line in line_vals
        ):
            return
        sign = -1 if move_type in ("out_invoice", "in_refund") else 1
        for line in line_vals:
            if "balance" in line or "amount_currency" in line:
                continue
            price = line.get("price_unit", 0.0) * (
                1 - (line.get("discount") or 0.0) / 100.0
            )
            balance = sign * currency.round(line.get("quantity", 1.0) * price)
            line.update({"balance": balance, "amount_currency": balance})

    def _get_base_tax_tags(self, tax_ids, product_id, is_refund):
        """Tax report tags of an invoice line: the ones Odoo's tax computation gives it.

        Given at creation, they spare one write per line when the invoice's taxes are
        synchronised (Odoo still writes them if they differ, so they are never wrong).

        :param tuple tax_ids: ids of the line's taxes.
        :param int product_id: the line's product id, or False.
        :param bool is_refund: the line belongs to a credit note.
        :returns: ``account.account.tag`` records.
        """

        def compute():
            tags = self.env["account.account.tag"]
            if product_id:
                tags |= (
                    self.env["product.product"]
                    .browse(product_id)
                    .sudo()
                    .account_tag_ids
                )
            field = (
                "refund_repartition_line_ids"
                if is_refund
                else "invoice_repartition_line_ids"
            )
            for tax in (
                self.env["account.tax"].browse(tax_ids).flatten_taxes_hierarchy()
            ):
                if tax.tax_exigibility == "on_invoice":
                    tags |= (
                        tax[field]
                        .filtered(lambda rep: rep.repartition_type == "base")
                        .tag_ids
                    )
            return tags

        return self._banqup_cached(("tags", tax_ids, product_id, is_refund), compute)

    def _match_reversed_move(self, document, move_type, partner):
        """The invoice a credit note corrects (BT-25), when it is in Odoo for the same
        partner."""
        if (
            move_type not in ("out_refund", "in_refund")
            or not document.billing_reference
        ):
            return self.env["account.move"]
        return self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                (
                    "move_type",
                    "=",
                    "out_invoice" if move_type == "out_refund" else "in_invoice",
                ),
                ("commercial_partner_id", "=", partner.commercial_partner_id.id),
                (
                    "name" if move_type == "out_refund" else "ref",
                    "=",
                    document.billing_reference,
                ),
                ("state", "!=", "cancel"),
            ],
            limit=1,
        )

    def _match_existing_move(self, move_vals):
        """Business duplicate guard: a non-cancelled invoice with the same number.

        Sales: the same number in the Banqup sales journal (numbers are unique there);
        purchases: the same bill reference of the same supplier.
        """
        domain = [
            ("company_id", "=", move_vals["company_id"]),
            ("state", "!=", "cancel"),
        ]
        if self.direction == DIRECTION_SALES:
            domain += [
                ("journal_id", "=", move_vals["journal_id"]),
                ("name", "=", move_vals["name"]),
            ]
        else:
            domain += [
                ("move_type", "=", move_vals["move_type"]),
                ("partner_id", "=", move_vals["partner_id"]),
                ("ref", "=", move_vals["ref"]),
            ]
        return self.env["account.move"].search(domain, limit=1)

    def _should_post(self, move):
        """Post when the company's setting says so."""
        return self.company_id.l10n_lv_banqup_auto_post

    def _check_move_totals(self, move, document):
        """The invoice total must equal PayableAmount + PrepaidAmount (BT-115 + BT-113)
        to the cent.

        PayableAmount = TaxInclusive - Prepaid + Rounding, and the rounding is a line of
        the invoice, so the invoice total is what is due plus what was prepaid.
        """
        expected = document.totals.payable + document.totals.prepaid
        if move.currency_id.compare_amounts(move.amount_total, float(expected)) != 0:
            # formatted outside _(): Babel's extractor (./dev pot) fails on an f-string
            # inside the call and drops every later message of the file from the .pot
            odoo_total, document_total = f"{move.amount_total:.2f}", f"{expected:.2f}"
            raise BanqupImportError(
                Text(
                    _lt(
                        "The invoice total in Odoo is %(odoo_total)s but the document "
                        "says %(document_total)s (payable %(payable)s + prepaid "
                        "%(prepaid)s)."
                    ),
                    odoo_total=odoo_total,
                    document_total=document_total,
                    payable=document.totals.payable,
                    prepaid=document.totals.prepaid,
                )
            )

    def _prepare_move_attachment_vals(self, move, document):
        """Attachment values for the invoice: the original XML, the embedded PDF(s), the
        downloaded PDFs."""
        common = {
            "res_model": "account.move",
            "res_id": move.id,
            "company_id": move.company_id.id,
        }
        raw = self._banqup_payload_attachments(self.raw_attachment_id)
        vals_list = [
            {**common, "name": raw.name, "raw": raw.raw, "mimetype": "application/xml"}
        ]
        for index, embedded in enumerate(document.attachments, start=1):
            is_pdf = (embedded.mime or "").lower() == "application/pdf" or (
                embedded.filename or ""
            ).lower().endswith(".pdf")
            if is_pdf:
                name = embedded.filename or f"{document.number}-{index}.pdf"
                vals_list.append(
                    {
                        **common,
                        "name": name,
                        "raw": embedded.content,
                        "mimetype": "application/pdf",
                    }
                )
        for file in self._banqup_payload_attachments(self.file_attachment_ids):
            if file.mimetype == "application/pdf" or file.name.lower().endswith(".pdf"):
                vals_list.append(
                    {
                        **common,
                        "name": file.name,
                        "raw": file.raw,
                        "mimetype": "application/pdf",
                    }
                )
        return vals_list

    @api.model
    def _banqup_create_move_attachments(self, moves, vals_by_move):
        """Create the attachments of several invoices at once; a PDF becomes the main
        attachment.

        :param list vals_by_move: the :meth:`_prepare_move_attachment_vals` of each
            invoice.
        :returns: the attachments.
        """
        attachments = self.env["ir.attachment"].create(
            [vals for group in vals_by_move for vals in group]
        )
        for move in moves:
            pdf = attachments.filtered(
                lambda a, move=move: (
                    a.res_id == move.id and a.mimetype == "application/pdf"
                )
            )[:1]
            if pdf:
                move.message_main_attachment_id = pdf
        return attachments

    # -- lines --------------------------------------------------------------------

    def _get_line_name(self, line):
        """Item name (BT-153) and description (BT-154)."""
        parts = [part for part in (line.name, line.description) if part]
        return "\n".join(parts) or line.id

    def _match_product(self, line):
        """Product by seller item id (``default_code``), then GTIN (``barcode``); else
        none."""
        if not line.seller_item_id and not line.standard_item_id:
            return self.env["product.product"]
        key = (
            "product",
            self.company_id.id,
            line.seller_item_id,
            line.standard_item_id,
        )
        return self._banqup_cached(key, lambda: self._search_product(line))

    def _search_product(self, line):
        """The product search of :meth:`_match_product`."""
        Product = self.env["product.product"]
        domain = Product._check_company_domain(self.company_id)
        if line.seller_item_id:
            product = Product.search(
                [*domain, ("default_code", "=", line.seller_item_id)], limit=1
            )
            if product:
                return product
        if line.standard_item_id:
            product = Product.search(
                [*domain, ("barcode", "=", line.standard_item_id)], limit=1
            )
            if product:
                return product
        return Product

    def _get_uom(self, unit_code):
        """Odoo unit of a UN/ECE Rec 20 code, or an empty record when unknown."""
        xmlid = helpers.uom_xmlid(unit_code)
        if not xmlid:
            return self.env["uom.uom"]
        return self._banqup_cached(
            ("uom", xmlid), lambda: self.env.ref(xmlid, raise_if_not_found=False)
        )

    def _get_price_and_discount(self, line):
        """``(price_unit, discount %, remainder)`` of a line.

        The price is BT-146 / BT-149, rounded to Odoo's *Product Price* precision. Line
        allowances and charges become a discount when that reproduces BT-131 to the
        cent; otherwise ``remainder`` (the amount still missing, also any rounding of a
        price per base quantity) is booked as its own line by
        :meth:`_prepare_move_line_vals`.
        """
        precision = self.env["decimal.precision"]
        price = round(line.unit_price, precision.precision_get("Product Price"))
        gross = round(line.quantity * price, 2)
        if gross == line.net_amount:
            return price, 0.0, Decimal(0)
        if gross > 0 and 0 < line.net_amount < gross:
            discount = round(
                float((1 - line.net_amount / gross) * 100),
                precision.precision_get("Discount"),
            )
            if round(gross * (1 - Decimal(str(discount)) / 100), 2) == line.net_amount:
                return price, discount, Decimal(0)
        return price, 0.0, line.net_amount - gross

    def _prepare_move_line_vals(self, line, document, tax_type):
        """Invoice line values for a UBL line (a list: a second line carries an odd
        allowance)."""
        taxes = self._get_banqup_tax(
            line.tax_category, line.tax_percent, tax_type, document=document, line=line
        )
        price, discount, remainder = self._get_price_and_discount(line)
        product = self._match_product(line)
        uom = self._get_uom(line.unit_code)
        vals = {
            "name": self._get_line_name(line),
            "quantity": float(line.quantity),
            "price_unit": float(price),
            "discount": discount,
            "tax_ids": [Command.set(taxes.ids)],
        }
        if product:
            vals["product_id"] = product.id
        if uom and (not product or uom.category_id == product.uom_id.category_id):
            vals["product_uom_id"] = uom.id
        result = [vals]
        if remainder:
            result.append(
                {
                    "name": self.env._(
                        "Allowances and charges of line %(line)s", line=line.id
                    ),
                    "quantity": 1.0,
                    "price_unit": float(remainder),
                    "tax_ids": [Command.set(taxes.ids)],
                }
            )
        return result

    def _prepare_allowance_charge_line_vals(self, allowance_charge, document, tax_type):
        """A document-level allowance (negative) or charge (positive) as an invoice
        line."""
        taxes = self._get_banqup_tax(
            allowance_charge.tax_category,
            allowance_charge.tax_percent,
            tax_type,
            document=document,
        )
        if allowance_charge.is_charge:
            default = self.env._("Charge")
        else:
            default = self.env._("Allowance")
        return {
            "name": allowance_charge.reason or default,
            "quantity": 1.0,
            "price_unit": float(allowance_charge.signed_amount),
            "tax_ids": [Command.set(taxes.ids)],
        }

    def _prepare_rounding_line_vals(self, document):
        """The payable rounding amount (BT-114) as an untaxed line."""
        return {
            "name": self.env._("Rounding"),
            "quantity": 1.0,
            "price_unit": float(document.totals.rounding),
            "tax_ids": [Command.clear()],
        }

    # -- partner --------------------------------------------------------------------

    def _partner_domain(self):
        """Partners visible to the document's company (its own and shared ones)."""
        return self.env["res.partner"]._check_company_domain(self.company_id)

    def _match_partner_by_vat(self, vat):
        """Partner whose VAT number, compacted, equals ``vat``."""
        if not vat:
            return self.env["res.partner"]
        digits = vat[2:] if vat[:2].isalpha() else vat
        candidates = self.env["res.partner"].search(
            [*self._partner_domain(), ("vat", "ilike", digits)], order="id"
        )
        for partner in candidates:
            if helpers.normalize_vat(partner.vat, partner.country_id.code) == vat:
                return partner.commercial_partner_id
        return self.env["res.partner"]

    def _match_partner_by_registry(self, registry):
        """Partner whose ``company_registry`` equals ``registry``."""
        if not registry:
            return self.env["res.partner"]
        candidates = self.env["res.partner"].search(
            [*self._partner_domain(), ("company_registry", "ilike", registry)],
            order="id",
        )
        for partner in candidates:
            if (
                helpers.normalize_registry(
                    partner.company_registry, partner.country_id.code
                )
                == registry
            ):
                return partner.commercial_partner_id
        return self.env["res.partner"]

    def _match_partner_by_name(self, name):
        """Partner with exactly this name (case-insensitive)."""
        if not name:
            return self.env["res.partner"]
        partner = self.env["res.partner"].search(
            [*self._partner_domain(), ("name", "=ilike", name)], limit=1
        )
        return partner.commercial_partner_id

    def _match_partner(self, party):
        """VAT (BT-31/48), then Peppol endpoint (9939 VAT, 0218 registry), then
        registry, then name.

        A found partner is remembered for the batch (a missing one is searched again: an
        earlier document of the batch may have created it).
        """
        key = (
            "partner",
            self.company_id.id,
            party.vat,
            party.country_code,
            party.endpoint_scheme,
            party.endpoint_id,
            helpers.party_registry(party),
            party.display_name,
        )
        return self._banqup_cached(key, lambda: self._search_partner(party))

    def _search_partner(self, party):
        """The searches of :meth:`_match_partner`."""
        vat = (
            helpers.normalize_vat(party.vat, party.country_code) if party.vat else None
        )
        partner = self._match_partner_by_vat(vat)
        if not partner:
            endpoint = helpers.classify_endpoint(
                party.endpoint_scheme, party.endpoint_id
            )
            if endpoint and endpoint[0] == "vat":
                partner = self._match_partner_by_vat(endpoint[2])
            elif endpoint:
                partner = self._match_partner_by_registry(endpoint[2])
        if not partner:
            partner = self._match_partner_by_registry(helpers.party_registry(party))
        if not partner:
            partner = self._match_partner_by_name(party.display_name)
        return partner

    def _prepare_partner_vals(self, party):
        """Values of a partner created from a UBL party (company-specific, with
        address)."""
        country = self.env["res.country"]
        if party.country_code:
            country = country.search([("code", "=", party.country_code)], limit=1)
        name = party.display_name
        if not name:
            raise BanqupImportError(Text(_lt("The document's partner has no name.")))
        return {
            "name": name,
            "is_company": True,
            "company_id": self.company_id.id,
            "vat": helpers.party_vat(party) or False,
            "company_registry": helpers.party_registry(party) or False,
            "street": party.street or False,
            "street2": party.street2 or False,
            "city": party.city or False,
            "zip": party.zip or False,
            "country_id": country.id or False,
            "email": party.email or False,
            "phone": party.phone or False,
        }

    def _get_partner(self, party):
        """Matched partner, or a new one (VAT numbers from an API push are not
        re-validated)."""
        partner = self._match_partner(party)
        if partner:
            return partner
        partner = (
            self.env["res.partner"]
            .with_context(no_vat_validation=True)
            .create(self._prepare_partner_vals(party))
        )
        self.message_post(
            body=self.env._("New partner %(name)s created.", name=partner.display_name)
        )
        if self.company_id.l10n_lv_banqup_vies_check and partner.vat:
            partner._l10n_lv_banqup_vies_check()
        return partner

    # ------------------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------------------

    def action_import(self):
        """Import the selected received or failed documents now (all checked before the
        first invoice)."""
        offending = self.filtered(lambda d: d.state not in ("received", "error"))[:1]
        if offending:
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s and cannot be imported.",
                    name=offending.name,
                    state=self._selection_label(
                        "banqup.document", "state", offending.state
                    ),
                )
            )
        for document in self:
            if not document._banqup_import_one() and document.state not in (
                "imported",
                "error",
            ):
                raise UserError(
                    self.env._(
                        "%(name)s is being imported by another process; try again.",
                        name=document.name,
                    )
                )
        return True

    def action_retry(self):
        """Import failed documents again (their error is replaced by the new
        outcome)."""
        return self.filtered(lambda d: d.state == "error").action_import()

    def action_ignore(self):
        """Leave documents out of the accounting; they are still acknowledged at the
        source."""
        if any(document.state == "imported" for document in self):
            raise UserError(self.env._("An imported document cannot be ignored."))
        self.write({"state": "ignored"})
        return True

    def action_reset_to_received(self):
        """Bring ignored documents back to the inbox."""
        self.filtered(lambda d: d.state == "ignored").write({"state": "received"})
        return True

    def action_open_move(self):
        """Open the invoice."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def action_fetch_now(self):
        """*Fetch now*: run the fetch of the current company (BTX transport).

        Not ``@api.model``: the list's header button calls it with the (possibly empty)
        selection as argument; the selection is not used.
        """
        company = self.env.company
        if company.l10n_lv_banqup_transport != "btx":
            raise UserError(
                self.env._(
                    "This company receives Banqup documents by upload: use Upload "
                    "instead."
                )
            )
        # progress notifications go to the user who pressed the button (never to the
        # cron)
        result = company.with_context(
            l10n_lv_banqup_notify_progress=True
        )._banqup_fetch()
        return self._banqup_fetch_notification(
            result, {"type": "ir.actions.client", "tag": "soft_reload"}
        )

    @api.model
    def _banqup_fetch_notification(self, result, next_action=None):
        """Turn the result of :meth:`res.company._banqup_fetch` into what the user is
        shown.

        Used by every button that fetches (inbox, settings, upload wizard).

        :param dict result: the fetch result.
        :param dict next_action: the action run after the notification.
        :raises UserError: nothing was done: another fetch holds the lock, or the
            operator could not be reached (with the reason).
        :returns: a ``display_notification`` client action (a warning when
            :meth:`_banqup_fetch_incomplete` or a document is held with an error).
        """
        done = result["stored"] or result["imported"] or result["failed"]
        skipped_message = self.env._(
            "Another Banqup fetch is running for this company; try again in a minute."
        )
        if not done:
            if result["error"]:
                raise UserError(result["error"])
            if result["skipped"]:
                raise UserError(skipped_message)
        lines = [
            self.env._(
                "%(stored)s new document(s), %(imported)s imported, %(failed)s with "
                "errors.",
                stored=len(result["stored"]),
                imported=len(result["imported"]),
                failed=len(result["failed"]),
            )
        ]
        if result["error"]:
            lines.append(result["error"])
        if result["skipped"]:
            lines.append(skipped_message)
        if result["download_errors"]:
            lines.append(
                self.env._(
                    "%(count)s document(s) could not be downloaded and stay at "
                    "Banqup: %(documents)s.",
                    count=len(result["download_errors"]),
                    documents="; ".join(
                        f"{banqup_id} ({message})"
                        for banqup_id, message in result["download_errors"]
                    ),
                )
            )
        problems = self._banqup_fetch_incomplete(result)
        params = {
            "type": "warning" if problems or result["failed"] else "success",
            "message": " ".join(lines),
            "sticky": problems,
        }
        if next_action:
            params["next"] = next_action
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": params,
        }

    @api.model
    def _banqup_fetch_incomplete(self, result):
        """True when the fetch stopped early, was skipped, or left documents
        undownloaded at the source."""
        return bool(result["error"] or result["skipped"] or result["download_errors"])

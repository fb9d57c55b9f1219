# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents Banqup pushes to Odoo: e-mail delivery (mail gateway) and message-listener
files."""

import logging

from odoo import api, fields, models

from ..banqup.delivery import company_identifiers, payloads_from_files
from ..banqup.transport import DIRECTION_PURCHASE, DIRECTIONS
from ..parsers.exceptions import Text, _lt

_logger = logging.getLogger(__name__)


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    source = fields.Selection(
        selection_add=[("mail", "E-mail delivery"), ("listener", "Message listener")],
        ondelete={"mail": "set default", "listener": "set default"},
    )
    duplicate_count = fields.Integer(
        string="Duplicate Deliveries",
        readonly=True,
        copy=False,
        help=(
            "How many times the same document was delivered again; a duplicate is "
            "never imported twice."
        ),
    )

    # ------------------------------------------------------------------------------
    # store pushed documents exactly once
    # ------------------------------------------------------------------------------

    @api.model
    def _banqup_company_identifiers(self, company):
        """Normalised VAT and registration numbers of ``company`` (to tell sales from
        purchases)."""
        return company_identifiers(
            company.vat, company.company_registry, company.partner_id.company_registry
        )

    @api.model
    def _banqup_store_pushed(self, company, payloads, source, origin):
        """Store pushed documents: new ones as received, a second delivery recorded as a
        duplicate.

        :param str origin: where the delivery came from, for the duplicate's note.
        :returns: ``(new documents, documents delivered again)``.
        """
        new = duplicates = self.browse()
        for payload in payloads:
            document = self._banqup_store(company, payload, source)
            if document:
                new |= document
                continue
            existing = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("banqup_id", "=", payload.banqup_id),
                ],
                limit=1,
            )
            if existing:
                existing._banqup_record_duplicate(origin)
                duplicates |= existing
        return new, duplicates

    def _banqup_record_duplicate(self, origin):
        """Count and note a second delivery of the same document; nothing is imported
        again."""
        self.ensure_one()
        self.sudo().duplicate_count += 1
        self.sudo().message_post(
            body=self.env._(
                "Delivered again (%(origin)s): a duplicate of this document, not "
                "imported again.",
                origin=origin,
            )
        )
        _logger.info("Banqup document %s delivered again (%s)", self.banqup_id, origin)

    # ------------------------------------------------------------------------------
    # e-mail delivery: Odoo's mail gateway
    # ------------------------------------------------------------------------------

    @api.model
    def _banqup_mail_files(self, msg_dict):
        """``(filename, mime, bytes)`` of the attachments of a parsed e-mail."""
        files = []
        for attachment in msg_dict.get("attachments") or []:
            filename, content = attachment[0], attachment[1]
            info = (
                attachment[2]
                if len(attachment) > 2 and isinstance(attachment[2], dict)
                else {}
            )
            if isinstance(content, str):
                content = content.encode()
            files.append((filename, info.get("content_type"), content))
        return files

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to a Banqup alias: one inbox document per e-invoice (UBL) or
        PDF-only file.

        The alias gives the company and the default direction (``custom_values``); the
        UBL's parties decide when the company is one of them. Every document is stored
        before anything is imported (the scheduled inbox run imports it); a second
        delivery of a stored document is recorded on it as a duplicate. The e-mail is
        posted on the first document (new or duplicate).
        """
        values = dict(custom_values or {})
        company = (
            self.env["res.company"].browse(values.get("company_id")).exists()
            or self.env.company
        )
        direction = (
            values.get("direction")
            if values.get("direction") in DIRECTIONS
            else DIRECTION_PURCHASE
        )
        payloads = payloads_from_files(
            self._banqup_mail_files(msg_dict),
            self._banqup_company_identifiers(company),
            direction,
        )
        origin = self.env._(
            "e-mail from %(sender)s, %(date)s",
            sender=msg_dict.get("email_from") or "?",
            date=msg_dict.get("date") or "",
        )
        Document = self.with_company(company)
        new, duplicates = Document._banqup_store_pushed(
            company, payloads, "mail", origin
        )
        if new:
            self.env.ref("l10n_lv_banqup.ir_cron_banqup_inbox").sudo()._trigger()
            return new[0]
        if duplicates:
            return duplicates[0]
        # nothing usable: keep the e-mail on a held document so that it is not lost
        held = Document._banqup_create_documents(
            [
                {
                    "name": msg_dict.get("subject")
                    or self.env._("E-mail without e-invoice"),
                    "company_id": company.id,
                    "banqup_id": (
                        f"mail:{msg_dict.get('message_id') or fields.Datetime.now()}"
                    ),
                    "direction": direction,
                    "source": "mail",
                    "state": "error",
                    "error_data": self._banqup_message_data(
                        Text(
                            _lt(
                                "The e-mail has no e-invoice (UBL XML) and no PDF "
                                "attached: nothing to import."
                            )
                        )
                    ),
                }
            ]
        )
        return held

    def message_update(self, msg_dict, update_vals=None):
        """A reply in the thread of a document: its new attachments are deliveries
        too."""
        for document in self:
            company = document.company_id
            payloads = payloads_from_files(
                self._banqup_mail_files(msg_dict),
                self._banqup_company_identifiers(company),
                document.direction,
            )
            origin = self.env._(
                "e-mail from %(sender)s", sender=msg_dict.get("email_from") or "?"
            )
            self.with_company(company)._banqup_store_pushed(
                company, payloads, "mail", origin
            )
        return super().message_update(msg_dict, update_vals=update_vals)

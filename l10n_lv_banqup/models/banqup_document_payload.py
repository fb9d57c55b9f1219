# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The received content of a Banqup document is written only by the addon and read only
as its own.

Users (RPC included) may not write the fields that hold what Banqup delivered or that
identify it: the UBL file, the other files, the Banqup id and the company. The addon
writes them with ``sudo()`` right after storing a delivery. Reading the files for an
import goes through the document's own access rights and company, and the files must be
the document's own attachments, before ``sudo()`` reads their bytes.
"""

from odoo import api, models
from odoo.exceptions import AccessError

#: fields holding received content (or naming it): written only by the addon, as
#: superuser
PAYLOAD_FIELDS = ("raw_attachment_id", "file_attachment_ids")
#: identity of a stored document: set at creation, never written afterwards by a user
IDENTITY_FIELDS = ("banqup_id", "company_id")


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    def _banqup_payload_write_error(self, names):
        return AccessError(
            self.env._(
                "The files and identity of a Banqup document are what Banqup "
                "delivered: they cannot be changed (%(fields)s). Upload the file "
                "again instead.",
                fields=", ".join(
                    self._fields[name].get_description(self.env)["string"]
                    for name in names
                ),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            names = sorted(
                {
                    name
                    for vals in vals_list
                    for name in PAYLOAD_FIELDS
                    if vals.get(name)
                }
            )
            if names:
                raise self._banqup_payload_write_error(names)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            names = [
                name for name in (*PAYLOAD_FIELDS, *IDENTITY_FIELDS) if name in vals
            ]
            if names:
                raise self._banqup_payload_write_error(names)
        return super().write(vals)

    def _banqup_payload_attachments(self, attachments):
        """``attachments`` (the document's UBL or other files), for reading their bytes
        with ``sudo()``.

        Checked first: the current user may read this document (access rights and its
        company's record rule), and every attachment belongs to this document and its
        company. Anything else is refused, so a file of another document, or of another
        company, is never read or copied onto an invoice.

        :raises AccessError: the user may not read the document, or a file is not its
            own.
        """
        self.ensure_one()
        self.check_access("read")
        attachments = attachments.sudo()
        foreign = attachments.filtered(
            lambda a: (
                a.res_model != self._name
                or a.res_id != self.id
                or (a.company_id and a.company_id != self.company_id)
            )
        )
        if foreign:
            raise AccessError(
                self.env._(
                    "The file %(file)s is not a file of the Banqup document "
                    "%(document)s: it is not read.",
                    file=foreign[0].name,
                    document=self.display_name,
                )
            )
        return attachments

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..banqup.exceptions import BanqupError
from ..banqup.upload import UploadTransport


class BanqupUploadWizard(models.TransientModel):
    """Upload UBL files or a zip exported from Banqup into the same inbox (``upload``
    transport)."""

    _name = "banqup.upload.wizard"
    _description = "Upload Banqup Documents"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    direction = fields.Selection(
        [("sales", "Sales invoices"), ("purchase", "Supplier invoices")],
        required=True,
        default="sales",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Files", required=True)

    def _get_transport(self):
        """The upload transport over the chosen files."""
        uploads = [
            (attachment.name, base64.b64decode(attachment.datas or b""))
            for attachment in self.attachment_ids
        ]
        try:
            return UploadTransport(uploads, self.direction)
        except BanqupError as exc:
            raise UserError(exc.translate(self.env._)) from None

    def action_upload(self):
        """Store the uploaded documents, import them and open the inbox."""
        self.ensure_one()
        if not self.attachment_ids:
            raise UserError(self.env._("Choose at least one file."))
        result = self.company_id._banqup_fetch(
            transport=self._get_transport(), source="upload"
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "l10n_lv_banqup.banqup_document_action"
        )
        action["domain"] = [
            ("id", "in", (result["stored"] | result["imported"] | result["failed"]).ids)
        ]
        action["context"] = {}  # every uploaded document, not only those still to do
        Document = self.env["banqup.document"]
        notification = Document._banqup_fetch_notification(
            result, action
        )  # raises when nothing was done
        return notification if Document._banqup_fetch_incomplete(result) else action

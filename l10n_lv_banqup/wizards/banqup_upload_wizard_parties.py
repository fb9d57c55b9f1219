# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The upload's direction comes from the documents' parties, and a contradiction is
refused."""

import dataclasses

from odoo import fields, models
from odoo.exceptions import UserError

from ..banqup.transport import DIRECTION_PURCHASE, DIRECTION_SALES

AUTO = "auto"


class BanqupUploadWizard(models.TransientModel):
    _inherit = "banqup.upload.wizard"

    direction = fields.Selection(
        selection_add=[
            (AUTO, "From the documents (the company is the seller or the buyer)"),
            (DIRECTION_SALES,),
        ],
        default=AUTO,
        ondelete={AUTO: "cascade"},
    )

    def _get_transport(self):
        """Each uploaded document gets the direction its parties give (see
        :meth:`_direct_payloads`)."""
        self.ensure_one()
        chosen = self.direction
        if chosen == AUTO:
            Document = self.env["banqup.document"]
            if not Document._get_company_party_keys(self.company_id):
                raise UserError(
                    self.env._(
                        "%(company)s has no VAT number, registration number or Peppol "
                        "address, so the direction cannot be read from the documents: "
                        "set them on the company, or choose Sales invoices or "
                        "Supplier invoices.",
                        company=self.company_id.name,
                    )
                )
            # the transport is read with a placeholder, replaced for each document below
            self.direction = DIRECTION_PURCHASE
            try:
                transport = super()._get_transport()
            finally:
                self.direction = AUTO
        else:
            transport = super()._get_transport()
        self._direct_payloads(transport, chosen)
        return transport

    def _direct_payloads(self, transport, chosen):
        """Give every payload of ``transport`` its direction from its parties; refuse a
        contradiction.

        ``auto``: the company as seller makes a sales invoice, as buyer a supplier
        invoice; a document where neither (or both) is the company keeps the placeholder
        (or its manifest's direction) and the import holds it with the party that did
        not match. A chosen direction that the parties contradict (a supplier invoice
        uploaded as a sales invoice, and the reverse) is refused with the files named,
        before anything is stored.
        """
        Document = self.env["banqup.document"]
        contradictions = []
        for banqup_id, payload in list(transport._payloads.items()):
            derived = (
                Document._banqup_direction_from_parties(self.company_id, payload.xml)
                if payload.xml
                else None
            )
            if not derived or derived == payload.direction:
                continue
            if chosen == AUTO:
                transport._payloads[banqup_id] = dataclasses.replace(
                    payload, direction=derived
                )
            else:
                contradictions.append(
                    self.env._(
                        "in %(file)s %(company)s is the buyer (a supplier invoice)",
                        file=payload.filename,
                        company=self.company_id.name,
                    )
                    if derived == DIRECTION_PURCHASE
                    else self.env._(
                        "in %(file)s %(company)s is the seller (a sales invoice)",
                        file=payload.filename,
                        company=self.company_id.name,
                    )
                )
        if contradictions:
            raise UserError(
                self.env._(
                    "The parties of these documents contradict the chosen direction, "
                    "nothing was uploaded: %(files)s. Choose the other direction, or "
                    "let the upload decide from the documents.",
                    files="; ".join(contradictions),
                )
            )

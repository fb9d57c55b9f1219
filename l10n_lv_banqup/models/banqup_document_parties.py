# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Is this document ours? The company must be the seller of a sale and the buyer of a
purchase."""

import logging

from odoo import api, models

from ..banqup.transport import DIRECTION_PURCHASE, DIRECTION_SALES
from ..parsers import parties, ubl
from ..parsers.exceptions import Text, _lt
from .banqup_document import BanqupImportError

_logger = logging.getLogger(__name__)


def _join(texts):
    """Texts joined with commas, still translatable in the reader's language."""
    if not texts:
        return ""
    if len(texts) == 1:
        return texts[0]
    return Text(_lt("%(first)s, %(rest)s"), first=texts[0], rest=_join(texts[1:]))


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _get_company_party_keys(self, company):
        """The company's identifiers as :mod:`~..parsers.parties` keys.

        Its VAT number, registration number (``company_registry``) and Peppol address
        (the ``peppol_eas`` / ``peppol_endpoint`` of its partner, from
        ``account_edi_ubl_cii``).
        """
        partner = company.partner_id
        return parties.identifier_keys(
            vat=company.vat,
            registry=company.company_registry,
            country_code=company.country_id.code or partner.country_id.code,
            endpoint_scheme=partner.peppol_eas,
            endpoint_id=partner.peppol_endpoint,
        )

    @api.model
    def _banqup_party_roles(self, company, document):
        """``(company is the seller, company is the buyer)`` of a parsed document; None
        when unknown.

        Unknown: the company has no VAT number, registration number or Peppol address.
        """
        own = self._get_company_party_keys(company)
        if not own:
            return None
        return bool(parties.party_keys(document.seller) & own), bool(
            parties.party_keys(document.buyer) & own
        )

    @api.model
    def _banqup_direction_from_parties(self, company, xml):
        """``sales`` when the company is the document's seller, ``purchase`` when its
        buyer, else None.

        None also for a file that cannot be read: the import holds it with the reason.
        """
        try:
            document = ubl.parse(xml)
        except Exception:
            # only a guess of the direction: the import reports the real error
            return None
        roles = self._banqup_party_roles(company, document)
        if roles == (True, False):
            return DIRECTION_SALES
        if roles == (False, True):
            return DIRECTION_PURCHASE
        return None

    def _banqup_describe_party_keys(self, keys):
        """The identifiers of a party in words, for a message."""
        labels = {
            "vat": _lt("VAT number %(value)s"),
            "registry": _lt("registration number %(value)s"),
            "endpoint": _lt("Peppol address %(value)s"),
        }
        return _join(
            [
                Text(labels[kind], value=value)
                for kind, value in parties.describe_keys(keys)
            ]
        )

    def _check_document_parties(self, document):
        """Hold a document that is not the company's: not its seller (sales) or not its
        buyer (purchase).

        A company without any identifier cannot be checked here (Banqup does not
        register such a company); the invoice partner is still never the company itself
        (:meth:`_check_invoice_partner_not_company`).

        :raises BanqupImportError: the party that should be the company is not, with
            what the document says and what the company has.
        """
        self.ensure_one()
        company = self.company_id
        own = self._get_company_party_keys(company)
        if not own:
            return
        sales = self.direction == DIRECTION_SALES
        ours, other = (
            (document.seller, document.buyer)
            if sales
            else (document.buyer, document.seller)
        )
        found = parties.party_keys(ours)
        if found & own:
            return
        values = {
            "company": company.name,
            "found": self._banqup_describe_party_keys(found),
            "own": self._banqup_describe_party_keys(own),
            "name": ours.display_name or "?",
        }
        if not found and sales:
            message = Text(
                _lt(
                    "The seller (%(name)s) of this sales invoice gives no VAT number, "
                    "registration number or Peppol address, so it cannot be checked "
                    "that it is %(company)s (%(own)s)."
                ),
                **values,
            )
        elif not found:
            message = Text(
                _lt(
                    "The buyer (%(name)s) of this supplier invoice gives no VAT "
                    "number, registration number or Peppol address, so it cannot be "
                    "checked that it is %(company)s (%(own)s)."
                ),
                **values,
            )
        elif sales:
            message = Text(
                _lt(
                    "The seller of this sales invoice is not %(company)s: the "
                    "document names %(name)s with %(found)s; the company has %(own)s."
                ),
                **values,
            )
        else:
            message = Text(
                _lt(
                    "The buyer of this supplier invoice is not %(company)s: the "
                    "document names %(name)s with %(found)s; the company has %(own)s."
                ),
                **values,
            )
        if parties.party_keys(other) & own:
            if sales:
                hint = Text(
                    _lt(
                        "The company is the buyer: this is a supplier invoice. Upload "
                        "it as a supplier invoice (or let the upload decide from the "
                        "parties) and ignore this document."
                    )
                )
            else:
                hint = Text(
                    _lt(
                        "The company is the seller: this is one of its sales "
                        "invoices. Upload it as a sales invoice (or let the upload "
                        "decide from the parties) and ignore this document."
                    )
                )
        else:
            hint = Text(
                _lt(
                    "Check the company's VAT and registration numbers, or ask Banqup "
                    "why the document was delivered to this company; ignore it "
                    "otherwise."
                )
            )
        raise BanqupImportError(
            Text(_lt("%(problem)s %(what_to_do)s"), problem=message, what_to_do=hint)
        )

    def _check_invoice_partner_not_company(self, partner):
        """The customer of a sale or the vendor of a bill is never the company
        itself."""
        company_partner = self.company_id.partner_id.commercial_partner_id
        if partner.commercial_partner_id != company_partner:
            return
        if self.direction == DIRECTION_SALES:
            message = Text(
                _lt(
                    "The customer of this sales invoice is %(company)s itself: it "
                    "looks like a supplier invoice. Upload it as a supplier invoice "
                    "and ignore this document."
                ),
                company=self.company_id.name,
            )
        else:
            message = Text(
                _lt(
                    "The vendor of this supplier invoice is %(company)s itself: it "
                    "looks like one of its sales invoices. Upload it as a sales "
                    "invoice and ignore this document."
                ),
                company=self.company_id.name,
            )
        raise BanqupImportError(message)

    def _prepare_move_vals(self, document):
        """Check first that the document is the company's (see
        :meth:`_check_document_parties`)."""
        self._check_document_parties(document)
        vals = super()._prepare_move_vals(document)
        self._check_invoice_partner_not_company(
            self.env["res.partner"].browse(vals["partner_id"])
        )
        return vals

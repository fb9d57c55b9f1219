# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Supplier data of a bill: the payee IBAN (BT-84), the payment reference (BT-83), the
references.

Where each value goes is what ``account_edi_ubl_cii`` does when it imports a UBL
(``account.edi.xml.ubl_20._import_fill_invoice`` and
``account.edi.common._import_partner_bank`` of Odoo 18): ``PaymentMeans/PaymentID`` ->
``payment_reference``, ``OrderReference/ID`` -> ``invoice_origin``,
``PayeeFinancialAccount/ID`` -> ``partner_bank_id`` (a bank account of the vendor,
created when missing, never one of another partner). Odoo's import does not keep the
buyer reference (BT-10); a sale keeps it as the customer reference (``ref``) and every
invoice in ``l10n_lv_banqup_buyer_reference``. Unlike Odoo, the IBAN is checked
(``schwifty``: country format, length, checksum) and a wrong one is not stored.
"""

import logging

from markupsafe import Markup

from odoo import models

from ..banqup.transport import DIRECTION_PURCHASE

_logger = logging.getLogger(__name__)

try:
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException
except ImportError:
    # declared in external_dependencies; the module does not install without it
    IBAN = SchwiftyException = None


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    def _banqup_check_iban(self, value):
        """``(compact IBAN, None)`` or ``(None, reason)`` for BT-84 (schwifty's IBAN
        check)."""
        try:
            return IBAN(value).compact, None
        except SchwiftyException as exc:
            return None, str(exc)

    def _get_payee_bank_account(self, document, partner, move_type):
        """The vendor's bank account of BT-84, created when missing.

        For bills (``in_invoice``); on a customer invoice BT-84 is the company's own
        account (:meth:`_get_company_bank_account`); the payee of a credit note is not
        the vendor. An IBAN that fails the check, or that Odoo knows as another
        partner's account, is not used (:meth:`_get_payee_bank_notes` tells it on the
        bill).

        :returns: ``res.partner.bank`` (empty when none is used).
        """
        Bank = self.env["res.partner.bank"]
        if move_type == "out_invoice" and document.payee_iban:
            return self._get_company_bank_account(document)
        if (
            self.direction != DIRECTION_PURCHASE
            or move_type != "in_invoice"
            or not document.payee_iban
        ):
            return Bank
        iban, _reason = self._banqup_check_iban(document.payee_iban)
        if not iban:
            return Bank
        vendor = partner.commercial_partner_id
        accounts = Bank.with_context(active_test=False).search(
            [
                ("sanitized_acc_number", "=", iban),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        own = accounts.filtered(
            lambda bank: bank.partner_id.commercial_partner_id == vendor
        )
        if own:
            return own[:1]
        if accounts:
            return Bank
        bank = Bank.create(self._prepare_payee_bank_vals(iban, vendor, document))
        # told where someone checks a vendor's accounts: a changed account is how
        # invoice fraud pays
        vendor._message_log(
            body=self.env._(
                "Bank account %(iban)s saved from the Banqup e-invoice %(number)s "
                "(BT-84); it is not trusted for payments until someone checks it.",
                iban=bank.acc_number,
                number=document.number,
            )
        )
        return bank

    def _get_company_bank_account(self, document):
        """On a sale, BT-84 is the company's own account: used when Odoo has it, never
        created."""
        iban, _reason = self._banqup_check_iban(document.payee_iban)
        if not iban:
            return self.env["res.partner.bank"]
        return self.env["res.partner.bank"].search(
            [
                ("sanitized_acc_number", "=", iban),
                ("partner_id", "=", self.company_id.partner_id.id),
                ("company_id", "in", [False, self.company_id.id]),
            ],
            limit=1,
        )

    def _prepare_payee_bank_vals(self, iban, vendor, document):
        """Values of a vendor's bank account made from BT-84 (not trusted for payments
        until someone says so)."""
        return {"acc_number": iban, "partner_id": vendor.id, "allow_out_payment": False}

    def _get_payee_bank_notes(self, move, document):
        """Chatter notes about BT-84 for the bill: a wrong IBAN, or an account of
        another partner."""
        if (
            self.direction != DIRECTION_PURCHASE
            or move.move_type != "in_invoice"
            or not document.payee_iban
        ):
            return []
        iban, reason = self._banqup_check_iban(document.payee_iban)
        if not iban:
            return [
                self.env._(
                    "The supplier's bank account %(iban)s in the e-invoice (BT-84) is "
                    "not a valid IBAN (%(reason)s): it was not saved. Ask the "
                    "supplier for the right account before paying.",
                    iban=document.payee_iban,
                    reason=reason,
                )
            ]
        if move.partner_bank_id.sanitized_acc_number != iban:
            other = (
                self.env["res.partner.bank"]
                .with_context(active_test=False)
                .search(
                    [
                        ("sanitized_acc_number", "=", iban),
                        ("company_id", "in", [False, self.company_id.id]),
                    ]
                )
            )
            return [
                self.env._(
                    "The supplier's bank account %(iban)s in the e-invoice (BT-84) "
                    "belongs to %(partner)s in Odoo, not to %(vendor)s: it was not "
                    "set on the bill. Check it before paying.",
                    iban=iban,
                    partner=", ".join(other.partner_id.mapped("display_name")) or "?",
                    vendor=move.commercial_partner_id.display_name,
                )
            ]
        return []

    def _prepare_move_vals(self, document):
        """Add the vendor's bank account (BT-84) and the buyer reference (BT-10)."""
        vals = super()._prepare_move_vals(document)
        partner = self.env["res.partner"].browse(vals["partner_id"])
        bank = self._get_payee_bank_account(document, partner, vals["move_type"])
        if bank:
            vals["partner_bank_id"] = bank.id
        vals["l10n_lv_banqup_buyer_reference"] = document.buyer_reference or False
        return vals

    def _banqup_create_moves(self, prepared):
        """After the invoices are made, tell on each bill what happened to the
        supplier's IBAN."""
        moves = super()._banqup_create_moves(prepared)
        notes = {}
        for (doc, document, _vals), move in zip(prepared, moves, strict=True):
            lines = doc._get_payee_bank_notes(move, document)
            if lines:
                notes[move.id] = Markup("<br/>").join(lines)
        if notes:
            moves.browse(list(notes))._message_log_batch(notes)
        return moves

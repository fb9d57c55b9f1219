# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Refund payment file: a SEPA credit transfer (pain.001) paying posted refund lines
back to the customers."""

import base64
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

_logger = logging.getLogger(__name__)

try:
    from sepaxml import SepaTransfer
    from sepaxml.validation import ValidationError as SepaValidationError
except ImportError:  # pragma: no cover
    # declared in the manifest's external_dependencies
    SepaTransfer = SepaValidationError = None
try:
    from schwifty import BIC, IBAN
    from schwifty.exceptions import SchwiftyException
except ImportError:  # pragma: no cover
    # declared in the manifest's external_dependencies
    BIC = IBAN = SchwiftyException = None


class AccountPrepaymentRefundExport(models.TransientModel):
    _name = "account.prepayment.refund.export"
    _description = "Refund Payment File"

    line_ids = fields.Many2many(
        comodel_name="account.receipt.line",
        string="Refund Lines",
        domain=(
            "[('state', '=', 'posted'), ('kind', 'in', ('refund', "
            "'credit_note_refund'))]"
        ),
    )
    schema = fields.Selection(
        selection=[
            ("pain.001.001.03", "pain.001.001.03"),
            ("pain.001.001.09", "pain.001.001.09"),
        ],
        default="pain.001.001.03",
        required=True,
    )
    execution_date = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=1),
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)
    exported_line_ids = fields.Many2many(
        comodel_name="account.receipt.line",
        string="Already Exported",
        compute="_compute_exported_line_ids",
        help=(
            "Refund lines already exported in a payment file: exporting them again "
            "pays them twice unless the first file was never sent to the bank."
        ),
    )
    confirm_reexport = fields.Boolean(
        string="Export Again",
        help=(
            "Tick to export refunds already exported (when the first file was not "
            "sent to the bank)."
        ),
    )

    @api.depends("line_ids")
    def _compute_exported_line_ids(self):
        for wizard in self:
            wizard.exported_line_ids = wizard.line_ids.filtered("refund_exported_at")

    def _get_debtor_bank_account(self, journal):
        """The company's bank account paying the refunds: the payment mode's bank
        account."""
        return journal.bank_account_id

    def _get_creditor_iban(self, line):
        """``(iban, bic)`` the refund of ``line`` is paid to: the payer IBAN of the
        line, else the bank account of the credit note, else the customer's first bank
        account. ``(False, False)`` when there is none."""
        if line.payer_iban:
            return line.payer_iban.replace(" ", "").upper(), False
        bank = (
            line.invoice_id.partner_bank_id
            or line.partner_id.commercial_partner_id.bank_ids[:1]
        )
        if bank:
            return bank.acc_number.replace(" ", "").upper(), bank.bank_id.bic or False
        return False, False

    def _check_bank_account(self, iban, bic):
        """The error of an IBAN (country format, length, checksum) or a BIC (structure,
        country) as ``schwifty`` validates them, or ``None`` when both are valid."""
        try:
            IBAN(iban)
            if bic:
                BIC(bic)
        except SchwiftyException as error:
            return str(error)
        return None

    def _check_reexport(self, lines):
        """Refuse to export refunds already exported unless *Export Again* is ticked;
        the message says when, by whom and in which file each was exported."""
        exported = lines.filtered("refund_exported_at")
        if not exported or self.confirm_reexport:
            return
        details = [
            self.env._(
                "%(receipt)s: %(partner)s, %(amount)s, exported on %(date)s by "
                "%(user)s in %(file)s",
                receipt=line.receipt_id.name,
                partner=line.partner_id.display_name,
                amount=line.currency_id.format(abs(line.amount)),
                date=fields.Datetime.to_string(line.refund_exported_at),
                user=line.refund_exported_by_id.name,
                file=line.refund_export_file_id.name or "-",
            )
            for line in exported
        ]
        raise UserError(
            self.env._(
                "These refunds were already exported; tick Export Again to export "
                "them once more (only if the first file was not sent to the "
                "bank):\n%(lines)s",
                lines="\n".join(details),
            )
        )

    def _prepare_payment(self, line, iban, bic):
        """``sepaxml`` payment dict of one refund line (amount in cents)."""
        currency = line.currency_id
        amount = float_round(
            abs(line.amount) * 10**currency.decimal_places, precision_digits=0
        )
        payment = {
            "name": line.payer_name or line.partner_id.commercial_partner_id.name,
            "IBAN": iban,
            "amount": int(amount),
            "execution_date": self.execution_date,
            "description": " ".join(
                part
                for part in (
                    self.env._("Refund"),
                    line.prepayment_id.name or line.invoice_id.name,
                    line.receipt_id.name,
                )
                if part
            ),
            "endtoend_id": f"R{line.id}",
        }
        if bic:
            payment["BIC"] = bic
        return payment

    def action_export(self):
        """Build the pain.001 file (validated by ``sepaxml`` against the ISO 20022
        schema it ships), attach it to the receipt(s), mark the lines exported and offer
        it for download. Refunds exported before need *Export Again*; all missing and
        invalid bank accounts (IBAN and BIC checked by ``schwifty``) are listed in one
        error."""
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: line.state == "posted"
        )._filter_refund_lines()
        if not lines:
            raise UserError(self.env._("There are no posted refund lines to pay back."))
        journal = lines.receipt_id.journal_id
        if len(journal) > 1 or len(lines.currency_id) > 1:
            raise UserError(
                self.env._(
                    "Export the refunds of one payment mode and one currency at a time."
                )
            )
        self._check_reexport(lines)
        debtor = self._get_debtor_bank_account(journal)
        missing = []
        invalid = []
        if not debtor.acc_number:
            missing.append(
                self.env._(
                    "payment mode %(journal)s (company account)",
                    journal=journal.display_name,
                )
            )
        else:
            error = self._check_bank_account(
                debtor.acc_number.replace(" ", "").upper(), debtor.bank_id.bic
            )
            if error:
                invalid.append(
                    self.env._(
                        "payment mode %(journal)s (company account %(iban)s): "
                        "%(error)s",
                        journal=journal.display_name,
                        iban=debtor.acc_number,
                        error=error,
                    )
                )
        payments = []
        for line in lines:
            iban, bic = self._get_creditor_iban(line)
            where = {
                "receipt": line.receipt_id.name,
                "number": line.receipt_id.line_ids.ids.index(line.id) + 1,
                "partner": line.partner_id.display_name,
                "amount": line.currency_id.format(abs(line.amount)),
            }
            if not iban:
                missing.append(
                    self.env._("%(receipt)s: %(partner)s, %(amount)s", **where)
                )
                continue
            error = self._check_bank_account(iban, bic)
            if error:
                invalid.append(
                    self.env._(
                        "%(receipt)s line %(number)s: %(partner)s, %(amount)s, IBAN "
                        "%(iban)s, BIC %(bic)s: %(error)s",
                        iban=iban,
                        bic=bic or "-",
                        error=error,
                        **where,
                    )
                )
                continue
            payments.append(self._prepare_payment(line, iban, bic))
        errors = []
        if missing:
            errors.append(
                self.env._(
                    "These refunds have no bank account (IBAN):\n%(lines)s",
                    lines="\n".join(missing),
                )
            )
        if invalid:
            errors.append(
                self.env._(
                    "These bank accounts are not valid (IBAN or BIC):\n%(lines)s",
                    lines="\n".join(invalid),
                )
            )
        if errors:
            raise UserError("\n\n".join(errors))
        company = journal.company_id
        config = {
            "name": company.name,
            "IBAN": debtor.acc_number.replace(" ", "").upper(),
            "batch": True,
            "currency": lines.currency_id.name,
        }
        if debtor.bank_id.bic:
            config["BIC"] = debtor.bank_id.bic
        transfer = SepaTransfer(config, schema=self.schema, clean=True)
        for payment in payments:
            transfer.add_payment(payment)
        try:
            content = transfer.export(validate=True)
        except SepaValidationError as error:
            raise UserError(
                self.env._(
                    "The refund payment file is not valid %(schema)s: %(error)s",
                    schema=self.schema,
                    error=error,
                )
            ) from error
        name = f"refunds-{self.schema}-{fields.Date.to_string(self.execution_date)}.xml"
        receipt = lines.receipt_id[:1]
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": content,
                "mimetype": "application/xml",
                "res_model": receipt._name,
                "res_id": receipt.id,
            }
        )
        lines._mark_refund_exported(attachment)
        self.write({"file_data": base64.b64encode(content), "file_name": name})
        _logger.info("Refund payment file %s: %d payments", name, len(payments))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

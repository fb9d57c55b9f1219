# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Refund payment file: a SEPA credit transfer (pain.001) paying posted refund lines back to the customers."""

import base64
import logging
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

_logger = logging.getLogger(__name__)

try:
    from sepaxml import SepaTransfer
    from sepaxml.validation import ValidationError as SepaValidationError
except ImportError:  # pragma: no cover - declared in the manifest's external_dependencies
    SepaTransfer = SepaValidationError = None


class AccountPrepaymentRefundExport(models.TransientModel):
    _name = "account.prepayment.refund.export"
    _description = "Refund Payment File"

    line_ids = fields.Many2many(
        comodel_name="account.receipt.line",
        string="Refund Lines",
        domain="[('state', '=', 'posted'), ('kind', 'in', ('refund', 'credit_note_refund'))]",
    )
    schema = fields.Selection(
        selection=[("pain.001.001.03", "pain.001.001.03"), ("pain.001.001.09", "pain.001.001.09")],
        default="pain.001.001.03",
        required=True,
    )
    execution_date = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self) + timedelta(days=1)
    )
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _get_debtor_bank_account(self, journal):
        """The company's bank account paying the refunds: the payment mode's bank account."""
        return journal.bank_account_id

    def _get_creditor_iban(self, line):
        """``(iban, bic)`` the refund of ``line`` is paid to: the payer IBAN of the line, else the bank account
        of the credit note, else the customer's first bank account. ``(False, False)`` when there is none."""
        if line.payer_iban:
            return line.payer_iban.replace(" ", "").upper(), False
        bank = line.invoice_id.partner_bank_id or line.partner_id.commercial_partner_id.bank_ids[:1]
        if bank:
            return bank.acc_number.replace(" ", "").upper(), bank.bank_id.bic or False
        return False, False

    def _prepare_payment(self, line, iban, bic):
        """``sepaxml`` payment dict of one refund line (amount in cents)."""
        currency = line.currency_id
        amount = float_round(abs(line.amount) * 10**currency.decimal_places, precision_digits=0)
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
        """Build the pain.001 file (validated by ``sepaxml`` against the bundled schema), attach it to the
        receipt(s) and offer it for download. All missing bank accounts are listed in one error."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.state == "posted" and line.amount < 0)
        if not lines:
            raise UserError(self.env._("There are no posted refund lines to pay back."))
        journal = lines.receipt_id.journal_id
        if len(journal) > 1 or len(lines.currency_id) > 1:
            raise UserError(self.env._("Export the refunds of one payment mode and one currency at a time."))
        debtor = self._get_debtor_bank_account(journal)
        missing = []
        if not debtor.acc_number:
            missing.append(self.env._("payment mode %(journal)s (company account)", journal=journal.display_name))
        payments = []
        for line in lines:
            iban, bic = self._get_creditor_iban(line)
            if not iban:
                missing.append(
                    self.env._(
                        "%(receipt)s: %(partner)s, %(amount)s",
                        receipt=line.receipt_id.name,
                        partner=line.partner_id.display_name,
                        amount=line.currency_id.format(abs(line.amount)),
                    )
                )
                continue
            payments.append(self._prepare_payment(line, iban, bic))
        if missing:
            raise UserError(
                self.env._("These refunds have no bank account (IBAN):\n%(lines)s", lines="\n".join(missing))
            )
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
                    "The refund payment file is not valid %(schema)s: %(error)s", schema=self.schema, error=error
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
        self.write({"file_data": base64.b64encode(content), "file_name": name})
        _logger.info("Refund payment file %s: %d payments", name, len(payments))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

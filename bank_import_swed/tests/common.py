# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from pathlib import Path

from odoo import Command, fields

from odoo.addons.account_receipt_preid.tests.common import ReceiptCommon

DATA_DIR = Path(__file__).resolve().parent / "data"

#: accounts of the synthetic samples (see data/README.md)
IBAN_SWEDBANK = "EE102200221055501234"
IBAN_SEB = "EE381010220555123456"
IBAN_LHV = "EE937700771001234561"
#: the two payments of camt053_swedbank_ee.xml that the matching step gives to their
#: invoices, as ``BankImportCommon.line_summary`` shows them (partner, invoice, amount,
#: payer, payment reference, bank reference): one by the invoice's reference number
#: with a space, one by an RF creditor reference
SWEDBANK_INVOICE_ROWS = (
    (
        "Kliendi OÜ",
        "INV/2026/00118",
        1250.0,
        "Kliendi OÜ",
        "20261188",
        "2026111900000101-1",
    ),
    (
        "Mari Maasikas",
        "INV/2026/00119",
        99.90,
        "Mari Maasikas",
        "RF18539007547034",
        "2026111900000102-2",
    ),
)


def sample(name):
    """Bytes of a sample file under ``tests/data``."""
    return (DATA_DIR / name).read_bytes()


class BankImportCommon(ReceiptCommon):
    """Receipt company with bank journals whose IBANs are those of the samples, the
    customers of the samples (with bank accounts, registry codes) and two factoring
    payment modes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.swed_journal = cls.make_bank_journal("Swedbank", "SWB", IBAN_SWEDBANK)
        cls.seb_journal = cls.make_bank_journal("SEB", "SEB", IBAN_SEB)
        cls.lhv_journal = cls.make_bank_journal("LHV EUR", "LHVE", IBAN_LHV)
        cls.lhv_usd_journal = cls.make_bank_journal(
            "LHV USD", "LHVU", IBAN_LHV, currency=cls.usd
        )
        cls.factoring_journal = cls.make_bank_journal(
            "Factoring advances", "FADV", "EE052200221234567890"
        )
        cls.factoring_journal.write(
            {
                "receipt_export_type": "swed_factoring",
                "receipt_bank_services_account_id": cls.factoring_fee_account.id,
            }
        )
        cls.factoring_res_journal = cls.make_bank_journal(
            "Factoring reserves", "FRES", "EE162200221234567891"
        )
        cls.factoring_res_journal.receipt_export_type = "swed_factoring"
        Partner = cls.env["res.partner"]
        cls.kliendi = Partner.create(
            {
                "name": "Kliendi OÜ",
                "is_company": True,
                "company_registry": "10000001",
                "bank_ids": [
                    Command.create({"acc_number": "EE38 2200 2210 2014 5685"})
                ],
            }
        )
        cls.mari = Partner.create(
            {
                "name": "Mari Maasikas",
                "bank_ids": [Command.create({"acc_number": "EE641010220123456789"})],
            }
        )
        cls.teine = Partner.create({"name": "Teine Klient AS", "is_company": True})
        cls.kolmas = Partner.create({"name": "Kolmas Klient OÜ", "is_company": True})
        cls.overseas = Partner.create(
            {"name": "Overseas Buyer Inc.", "is_company": True}
        )
        # the samples' payer accounts are these customers' only: one held by another
        # partner already (demo data: account_receipt_preid's Tallinna Puit OÜ has the
        # Swedbank sample's payer account, on purpose for the demo's own import) is
        # archived for the test, else the matching step would rightly find two
        # customers for one account
        ours = (cls.kliendi | cls.mari).bank_ids
        cls.env["res.partner.bank"].search(
            [
                ("sanitized_acc_number", "in", ours.mapped("sanitized_acc_number")),
                ("id", "not in", ours.ids),
            ]
        ).action_archive()

    @classmethod
    def make_bank_journal(cls, name, code, iban, currency=None):
        """A bank journal of the company whose bank account is ``iban``."""
        bank_account = cls.env["res.partner.bank"].search(
            [
                ("sanitized_acc_number", "=", iban),
                ("partner_id", "=", cls.company.partner_id.id),
            ]
        ) or cls.env["res.partner.bank"].create(
            {"acc_number": iban, "partner_id": cls.company.partner_id.id}
        )
        vals = {
            "name": name,
            "code": code,
            "type": "bank",
            "bank_account_id": bank_account.id,
        }
        if currency:
            vals["currency_id"] = currency.id
        return cls.env["account.journal"].create(vals)

    @classmethod
    def make_named_invoice(
        cls,
        partner,
        amount,
        name,
        payment_reference=None,
        currency=None,
        date="2026-11-02",
    ):
        """A posted customer invoice numbered ``name`` (the samples quote invoice
        numbers)."""
        move = cls.make_invoice(
            partner, amount, currency=currency, date=date, name=name
        )
        if payment_reference:
            move.payment_reference = payment_reference
        return move

    def new_receipt(self, journal, date="2026-11-20"):
        return self.env["account.receipt"].create(
            {"journal_id": journal.id, "date": fields.Date.to_date(date)}
        )

    def open_wizard(self, receipt, action, filename, data=None):
        wizard = receipt.env[action["res_model"]].browse(action["res_id"])
        wizard.write(
            {
                "data_file": base64.b64encode(
                    data if data is not None else sample(filename)
                ),
                "filename": filename,
            }
        )
        return wizard

    def import_camt(self, receipt, filename, data=None, match=True, apply=True):
        """Run IMPORT SEPA EST on ``receipt`` with a sample through the wizard's steps;
        returns the wizard."""
        wizard = self.open_wizard(
            receipt, receipt.action_import_sepa_est(), filename, data
        )
        wizard.action_read_file()
        if match:
            wizard.action_match()
        if match and apply:
            wizard.action_apply()
        return wizard

    def import_factoring(self, receipt, filename, policy="skip", apply=True):
        """Run IMPORT SWED factoring on ``receipt`` with a sample; returns the
        wizard."""
        wizard = self.open_wizard(
            receipt, receipt.action_import_swed_factoring(), filename
        )
        wizard.action_read_file()
        wizard.unknown_policy = policy
        if apply:
            wizard.action_apply()
        return wizard

    def line_summary(self, receipt):
        """Receipt lines as tuples (partner, invoice, amount, payer, payment reference,
        bank reference)."""
        return [
            (
                line.partner_id.name or False,
                line.invoice_id.name or False,
                line.amount,
                line.payer_name or False,
                line.payment_reference or False,
                line.bank_reference or False,
            )
            for line in receipt.line_ids.sorted(lambda line: (line.sequence, line.id))
        ]

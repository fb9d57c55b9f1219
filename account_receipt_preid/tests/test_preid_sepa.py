# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import os
import unittest
from pathlib import Path

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_preid import PreidCommon

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir():
    """The project's shared folder (``BALTIC_SHARED_DIR``, else ``<repo>/../shared``)."""
    return Path(os.environ.get("BALTIC_SHARED_DIR") or REPO_ROOT.parent / "shared")


def official_xsd(schema):
    """The official ISO 20022 XSD of ``schema`` under the shared folder, or None."""
    data = shared_dir() / "data"
    if not data.is_dir():
        return None
    return next(iter(sorted(data.rglob(f"{schema}*.xsd"))), None)


@tagged("post_install", "-at_install")
class TestPreidRefundFile(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        bank = cls.env["res.bank"].create({"name": "Swedbank", "bic": "HABALV22"})
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {"acc_number": "LV80 BANK 0000 4351 9500 1", "partner_id": cls.company.partner_id.id, "bank_id": bank.id}
        )
        customer_bank = cls.env["res.bank"].create({"name": "SEB", "bic": "UNLALV2X"})
        cls.partner_b_bank = cls.env["res.partner.bank"].create(
            {"acc_number": "LV97UNLA0050014230677", "partner_id": cls.partner_b.id, "bank_id": customer_bank.id}
        )

    def _refund_receipt(self):
        pre_a = self.receive(self.partner_a, 100)
        pre_b = self.receive(self.partner_b, 200)
        credit_note = self.make_invoice(self.partner_b, 30, move_type="out_refund", date="2026-02-05")
        credit_note.partner_bank_id = self.partner_b_bank
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": -40,
                    "prepayment_id": pre_a.id,
                    "payer_iban": "EE382200221020145685",
                    "payer_name": "Partner A payer",
                },
                {"partner_id": self.partner_b.id, "amount": -50, "prepayment_id": pre_b.id},
                {"partner_id": self.partner_b.id, "amount": -30, "invoice_id": credit_note.id},
            ],
            date="2026-02-10",
        )
        receipt.action_post()
        return receipt

    def _export(self, receipt, schema):
        action = receipt.action_open_refund_export()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.write({"schema": schema, "execution_date": "2026-02-11"})
        result = wizard.action_export()
        self.assertIn("/web/content/", result["url"])
        return base64.b64decode(wizard.file_data)

    def test_pain001_03_and_09(self):
        receipt = self._refund_receipt()
        for schema, bic_tag in (("pain.001.001.03", "BIC"), ("pain.001.001.09", "BICFI")):
            with self.subTest(schema=schema):
                content = self._export(receipt, schema)
                root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
                ns = {"p": f"urn:iso:std:iso:20022:tech:xsd:{schema}"}
                self.assertEqual(root.xpath("//p:GrpHdr/p:NbOfTxs/text()", namespaces=ns), ["3"])
                self.assertEqual(root.xpath("//p:GrpHdr/p:CtrlSum/text()", namespaces=ns), ["120.00"])
                self.assertEqual(
                    root.xpath("//p:DbtrAcct/p:Id/p:IBAN/text()", namespaces=ns), ["LV80BANK0000435195001"]
                )
                self.assertEqual(
                    root.xpath(f"//p:DbtrAgt/p:FinInstnId/p:{bic_tag}/text()", namespaces=ns), ["HABALV22"]
                )
                transactions = root.xpath("//p:CdtTrfTxInf", namespaces=ns)
                found = sorted(
                    (
                        tx.xpath("string(p:Cdtr/p:Nm)", namespaces=ns),
                        tx.xpath("string(p:CdtrAcct/p:Id/p:IBAN)", namespaces=ns),
                        tx.xpath("string(p:Amt/p:InstdAmt)", namespaces=ns),
                        tx.xpath("string(p:Amt/p:InstdAmt/@Ccy)", namespaces=ns),
                    )
                    for tx in transactions
                )
                self.assertEqual(
                    found,
                    [
                        ("Partner A payer", "EE382200221020145685", "40.00", "EUR"),
                        ("partner_b", "LV97UNLA0050014230677", "30.00", "EUR"),
                        ("partner_b", "LV97UNLA0050014230677", "50.00", "EUR"),
                    ],
                )
                attachment = self.env["ir.attachment"].search(
                    [("res_model", "=", "account.receipt"), ("res_id", "=", receipt.id), ("name", "like", schema)]
                )
                self.assertEqual(attachment.raw, content)

    def test_missing_ibans_in_one_error(self):
        pre_a = self.receive(self.partner_a, 100)
        pre_b = self.receive(self.partner_b, 100)
        self.partner_b_bank.unlink()
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_a.id, "amount": -10, "prepayment_id": pre_a.id},
                {"partner_id": self.partner_b.id, "amount": -20, "prepayment_id": pre_b.id},
            ],
            date="2026-02-10",
        )
        receipt.action_post()
        with self.assertRaisesRegex(UserError, r"no bank account[\s\S]*partner_a[\s\S]*partner_b"):
            self._export(receipt, "pain.001.001.03")

    def test_official_xsd(self):
        """Validate against the official XSDs when the shared folder has them (skipped otherwise)."""
        receipt = self._refund_receipt()
        checked = 0
        for schema in ("pain.001.001.03", "pain.001.001.09"):
            xsd_path = official_xsd(schema)
            if not xsd_path:
                continue
            xsd = etree.XMLSchema(etree.parse(str(xsd_path), etree.XMLParser(no_network=True)))
            xsd.assertValid(etree.fromstring(self._export(receipt, schema)))
            checked += 1
        if not checked:
            raise unittest.SkipTest(f"no pain.001 XSD under {shared_dir() / 'data'}")

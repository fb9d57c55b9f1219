# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging
from pathlib import Path

import sepaxml
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_preid import PreidCommon

_logger = logging.getLogger(__name__)


def official_xsd(schema):
    """The ISO 20022 XSD of ``schema`` as ``sepaxml`` (a dependency of the addon) ships
    it: the schemas published by ISO 20022 (iso20022.org message archive), unchanged.
    Fails when it is missing, so the test cannot be skipped."""
    path = Path(sepaxml.__file__).parent / "schemas" / f"{schema}.xsd"
    if not path.is_file():
        raise AssertionError(f"sepaxml ships no {schema}.xsd at {path}")
    return path


def load_xsd(schema):
    xsd = etree.parse(
        str(official_xsd(schema)),
        etree.XMLParser(no_network=True, resolve_entities=False),
    )
    namespace = xsd.getroot().get("targetNamespace")
    if namespace != f"urn:iso:std:iso:20022:tech:xsd:{schema}":
        raise AssertionError(f"{schema}.xsd has the target namespace {namespace}")
    return etree.XMLSchema(xsd)


@tagged("post_install", "-at_install")
class TestPreidRefundFile(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        bank = cls.env["res.bank"].create({"name": "Swedbank", "bic": "HABALV22"})
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {
                "acc_number": "LV80 BANK 0000 4351 9500 1",
                "partner_id": cls.company.partner_id.id,
                "bank_id": bank.id,
            }
        )
        customer_bank = cls.env["res.bank"].create({"name": "SEB", "bic": "UNLALV2X"})
        cls.partner_b_bank = cls.env["res.partner.bank"].create(
            {
                "acc_number": "LV58UNLA0050014230677",
                "partner_id": cls.partner_b.id,
                "bank_id": customer_bank.id,
            }
        )

    def _refund_receipt(self):
        pre_a = self.receive(self.partner_a, 100)
        pre_b = self.receive(self.partner_b, 200)
        credit_note = self.make_invoice(
            self.partner_b, 30, move_type="out_refund", date="2026-02-05"
        )
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
                {
                    "partner_id": self.partner_b.id,
                    "amount": -50,
                    "prepayment_id": pre_b.id,
                },
                {
                    "partner_id": self.partner_b.id,
                    "amount": -30,
                    "invoice_id": credit_note.id,
                },
            ],
            date="2026-02-10",
        )
        receipt.action_post()
        return receipt

    def _export(self, receipt, schema):
        action = receipt.action_open_refund_export()
        wizard = receipt.env[action["res_model"]].browse(action["res_id"])
        # the format tests export the same refunds in both versions: the second export
        # is confirmed
        wizard.write(
            {
                "schema": schema,
                "execution_date": "2026-02-11",
                "confirm_reexport": bool(wizard.exported_line_ids),
            }
        )
        result = wizard.action_export()
        self.assertIn("/web/content/", result["url"])
        return base64.b64decode(wizard.file_data)

    def test_pain001_03_and_09(self):
        receipt = self._refund_receipt()
        for schema, bic_tag in (
            ("pain.001.001.03", "BIC"),
            ("pain.001.001.09", "BICFI"),
        ):
            with self.subTest(schema=schema):
                content = self._export(receipt, schema)
                root = etree.fromstring(
                    content, etree.XMLParser(resolve_entities=False, no_network=True)
                )
                ns = {"p": f"urn:iso:std:iso:20022:tech:xsd:{schema}"}
                self.assertEqual(
                    root.xpath("//p:GrpHdr/p:NbOfTxs/text()", namespaces=ns), ["3"]
                )
                self.assertEqual(
                    root.xpath("//p:GrpHdr/p:CtrlSum/text()", namespaces=ns), ["120.00"]
                )
                self.assertEqual(
                    root.xpath("//p:DbtrAcct/p:Id/p:IBAN/text()", namespaces=ns),
                    ["LV80BANK0000435195001"],
                )
                self.assertEqual(
                    root.xpath(
                        f"//p:DbtrAgt/p:FinInstnId/p:{bic_tag}/text()", namespaces=ns
                    ),
                    ["HABALV22"],
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
                        ("partner_b", "LV58UNLA0050014230677", "30.00", "EUR"),
                        ("partner_b", "LV58UNLA0050014230677", "50.00", "EUR"),
                    ],
                )
                attachment = self.env["ir.attachment"].search(
                    [
                        ("res_model", "=", "account.receipt"),
                        ("res_id", "=", receipt.id),
                        ("name", "like", schema),
                    ]
                )
                self.assertEqual(attachment.raw, content)

    def test_missing_ibans_in_one_error(self):
        pre_a = self.receive(self.partner_a, 100)
        pre_b = self.receive(self.partner_b, 100)
        self.partner_b_bank.unlink()
        receipt = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "amount": -10,
                    "prepayment_id": pre_a.id,
                },
                {
                    "partner_id": self.partner_b.id,
                    "amount": -20,
                    "prepayment_id": pre_b.id,
                },
            ],
            date="2026-02-10",
        )
        receipt.action_post()
        with self.assertRaisesRegex(
            UserError, r"no bank account[\s\S]*partner_a[\s\S]*partner_b"
        ):
            self._export(receipt, "pain.001.001.03")

    def test_official_xsd(self):
        """The files pass the official pain.001.001.03 and pain.001.001.09 XSDs
        (validated here with lxml, independently of sepaxml's own check); the same file
        with a transaction's amount removed or an IBAN broken does not, so the check can
        fail."""
        receipt = self._refund_receipt()
        for schema in ("pain.001.001.03", "pain.001.001.09"):
            with self.subTest(schema=schema):
                xsd = load_xsd(schema)
                content = self._export(receipt, schema)
                root = etree.fromstring(
                    content, etree.XMLParser(resolve_entities=False, no_network=True)
                )
                self.assertTrue(xsd.validate(root), xsd.error_log)
                ns = {"p": f"urn:iso:std:iso:20022:tech:xsd:{schema}"}
                broken = etree.fromstring(content)
                amount = broken.xpath("//p:CdtTrfTxInf/p:Amt", namespaces=ns)[0]
                amount.getparent().remove(amount)
                self.assertFalse(xsd.validate(broken))
                broken = etree.fromstring(content)
                broken.xpath("//p:CdtrAcct/p:Id/p:IBAN", namespaces=ns)[
                    0
                ].text = "not an iban"
                self.assertFalse(xsd.validate(broken))
                _logger.info(
                    "%s: %d transactions, valid against the official XSD",
                    schema,
                    len(root.xpath("//p:CdtTrfTxInf", namespaces=ns)),
                )

    def test_refund_file_for_any_receipt_with_refund_lines(self):
        """A receipt receiving 200 and refunding 50 (total +150) offers the refund file
        for its refund line."""
        pre_a = self.receive(self.partner_a, 100)
        receipt = self.make_receipt(
            [
                {"partner_id": self.partner_b.id, "amount": 200},
                {
                    "partner_id": self.partner_a.id,
                    "amount": -50,
                    "prepayment_id": pre_a.id,
                    "payer_iban": "EE382200221020145685",
                },
            ],
            date="2026-02-10",
        )
        receipt.action_post()
        self.assertEqual((receipt.amount_total, receipt.refund_line_count), (150, 1))
        arch = self.env["account.receipt"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("not refund_line_count", arch)
        self.assertNotIn("amount_total &gt;= 0", arch)
        root = etree.fromstring(self._export(receipt, "pain.001.001.03"))
        ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
        self.assertEqual(
            root.xpath("//p:GrpHdr/p:CtrlSum/text()", namespaces=ns), ["50.00"]
        )

    def test_exported_lines_are_marked_and_a_second_export_asks(self):
        receipt = self._refund_receipt()
        self._export(receipt, "pain.001.001.03")
        lines = receipt.line_ids
        first_file = lines.refund_export_file_id
        self.assertEqual(len(first_file), 1)
        self.assertEqual(first_file.res_id, receipt.id)
        self.assertEqual(lines.refund_exported_by_id, self.env.user)
        self.assertTrue(all(lines.mapped("refund_exported_at")))
        action = receipt.action_open_refund_export()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.exported_line_ids, lines)
        with self.assertRaisesRegex(
            UserError,
            rf"already exported; tick Export Again[\s\S]*{receipt.name}: partner_a, "
            rf".*40\.00.*, exported on .* by {self.env.user.name} in {first_file.name}",
        ):
            wizard.action_export()
        self.assertEqual(lines.refund_export_file_id, first_file)
        wizard.write({"confirm_reexport": True, "schema": "pain.001.001.09"})
        wizard.action_export()
        self.assertNotEqual(lines.refund_export_file_id, first_file)
        self.assertIn("pain.001.001.09", lines.refund_export_file_id.name)

    def test_invalid_iban_and_bic_refused(self):
        """A bad IBAN checksum (schwifty) is refused with the receipt line, customer and
        amount; a bad BIC too; nothing is exported or marked."""
        receipt = self._refund_receipt()
        self.partner_b_bank.bank_id.bic = "UNLALV2"
        # the payer IBAN as a bank file gave it (posted lines may be frozen: written in
        # SQL)
        self.env.cr.execute(
            "UPDATE account_receipt_line SET payer_iban = 'EE382200221020145686' "
            "WHERE id = %s",
            [receipt.line_ids[0].id],
        )
        receipt.line_ids.invalidate_recordset()
        with self.assertRaisesRegex(
            UserError,
            rf"not valid \(IBAN or BIC\):\n{receipt.name} line 1: partner_a, "
            rf".*40\.00.*, IBAN EE382200221020145686, BIC -: Invalid checksum digits\n"
            rf"{receipt.name} line 2: partner_b, .*50\.00.*, IBAN "
            rf"LV58UNLA0050014230677, BIC UNLALV2: Invalid length",
        ):
            self._export(receipt, "pain.001.001.03")
        self.assertFalse(receipt.line_ids.filtered("refund_exported_at"))
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "account.receipt"), ("res_id", "=", receipt.id)]
            )
        )

    def test_export_as_invoicing_user(self):
        """An Invoicing user exports the file and the lines record them as the
        exporter."""
        receipt = self._refund_receipt()
        self.setup_invoicing_users("sepa")
        content = self._export(
            receipt.with_user(self.invoicing_user), "pain.001.001.09"
        )
        self.assertTrue(load_xsd("pain.001.001.09").validate(etree.fromstring(content)))
        self.assertEqual(receipt.line_ids.refund_exported_by_id, self.invoicing_user)

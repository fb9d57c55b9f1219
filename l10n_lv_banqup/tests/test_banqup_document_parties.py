# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Is this document ours? The company is the seller of a sale and the buyer of a
purchase; the upload agrees."""

import base64
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import BaseCase, tagged

from ..banqup.transport import DocumentPayload
from ..parsers import parties, ubl
from .common import BanqupTestCommon, sample


def strip_party_ids(xml, role):
    """``xml`` with every identifier of the party ``role`` (Supplier, Customer)
    removed."""
    start = xml.index(f"<cac:Accounting{role}Party>".encode())
    end = xml.index(f"</cac:Accounting{role}Party>".encode())
    part = xml[start:end]
    for tag in (
        b"cbc:EndpointID",
        b"cac:PartyIdentification",
        b"cac:PartyTaxScheme",
        b"cac:PartyLegalEntity",
    ):
        while b"<" + tag in part:
            open_at = part.index(b"<" + tag)
            close = b"</" + tag + b">"
            part = part[:open_at] + part[part.index(close, open_at) + len(close) :]
    return xml[:start] + part + xml[end:]


class TestPartyKeys(BaseCase):
    """The identifiers of a party, normalised (no database)."""

    def party(self, name):
        return ubl.parse(sample(name), name)

    def test_keys_of_a_latvian_party(self):
        doc = self.party("purchase_supplier_invoice.xml")
        self.assertEqual(
            parties.party_keys(doc.buyer),
            {("vat", "LV40103000001"), ("registry", "LV", "40103000001")},
        )
        self.assertEqual(
            parties.party_keys(doc.seller),
            {("vat", "LV50003000002"), ("registry", "LV", "50003000002")},
        )

    def test_company_identifiers_normalised(self):
        """Spaces, prefixes and the schemes 9939/0218 (LV) and 9931/0191 (EE) give the
        same keys."""
        expected_lv = {("vat", "LV40103000001"), ("registry", "LV", "40103000001")}
        for kwargs in (
            {"vat": "LV 4010 3000 001", "country_code": "LV"},
            {"vat": "40103000001", "country_code": "LV"},
            {"registry": "LV40103000001", "country_code": "LV"},
            {"registry": "401 030 000 01", "country_code": "LV"},
            {"endpoint_scheme": "9939", "endpoint_id": "lv40103000001"},
            {"endpoint_scheme": "0218", "endpoint_id": "40103000001"},
        ):
            with self.subTest(**kwargs):
                self.assertEqual(parties.identifier_keys(**kwargs), expected_lv)
        # Estonia: the VAT number and the registry code are different numbers, never
        # derived
        self.assertEqual(
            parties.identifier_keys(vat="100 000 001", country_code="EE"),
            {("vat", "EE100000001")},
        )
        self.assertEqual(
            parties.identifier_keys(endpoint_scheme="9931", endpoint_id="EE100000001"),
            {("vat", "EE100000001")},
        )
        self.assertEqual(
            parties.identifier_keys(endpoint_scheme="0191", endpoint_id="10000001"),
            {("registry", "EE", "10000001")},
        )
        self.assertEqual(
            parties.identifier_keys(
                endpoint_scheme="0088", endpoint_id="4035811991014"
            ),
            {("endpoint", "0088", "4035811991014")},
        )
        self.assertEqual(parties.identifier_keys(), set())

    def test_estonian_party_matches_by_registry(self):
        doc = self.party("lv_intra_eu.xml")
        own = parties.identifier_keys(registry="10000001", country_code="EE")
        self.assertTrue(parties.party_keys(doc.buyer) & own)
        self.assertFalse(parties.party_keys(doc.seller) & own)


@tagged("post_install", "-at_install")
class TestBanqupDocumentParties(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(cls.company)

    def assert_held(self, document, *fragments):
        self.assertEqual(document.state, "error")
        self.assertFalse(document.move_id)
        for fragment in fragments:
            self.assertIn(fragment, document.error_message)

    def test_sale_of_the_company_and_purchase_of_the_company_import(self):
        sale = self.import_sample("lv_sales_invoice.xml")
        self.assertEqual(sale.state, "imported", sale.error_message)
        self.assertEqual(sale.move_id.move_type, "out_invoice")
        bill = self.import_sample("purchase_supplier_invoice.xml", direction="purchase")
        self.assertEqual(bill.state, "imported", bill.error_message)
        self.assertEqual(bill.move_id.move_type, "in_invoice")
        self.assertEqual(bill.move_id.partner_id.vat, "LV50003000002")

    def test_company_known_by_registration_number_only(self):
        """A company with only its registration number is still recognised (LV VAT = LV
        + registry)."""
        self.company.sudo().vat = False
        self.company.partner_id.sudo().write(
            {"peppol_eas": False, "peppol_endpoint": False}
        )
        xml = sample("purchase_supplier_invoice.xml")
        bill = self.import_xml(xml, direction="purchase", banqup_id="registry-only")
        self.assertEqual(bill.state, "imported", bill.error_message)

    def test_supplier_invoice_delivered_as_a_sale_is_held(self):
        """The measured defect: a supplier invoice as a sale made the company its own
        customer."""
        with self.assert_no_new_moves():
            document = self.import_sample(
                "purchase_supplier_invoice.xml", direction="sales"
            )
        self.assert_held(
            document,
            f"The seller of this sales invoice is not {self.company.name}",
            'SIA "Piegādātājs" with registration number LV 50003000002, VAT number '
            "LV50003000002",
            "the company has registration number LV 40103000001, VAT number "
            "LV40103000001",
            "The company is the buyer: this is a supplier invoice.",
        )

    def test_sales_invoice_delivered_as_a_purchase_is_held(self):
        with self.assert_no_new_moves():
            document = self.import_sample("lv_sales_invoice.xml", direction="purchase")
        self.assert_held(
            document,
            f"The buyer of this supplier invoice is not {self.company.name}",
            "VAT number LV50003000002",
            "The company is the seller: this is one of its sales invoices.",
        )

    def test_document_of_another_company_is_held(self):
        xml = sample("purchase_supplier_invoice.xml").replace(
            b"40103000001", b"40003999999"
        )
        with self.assert_no_new_moves():
            document = self.import_xml(
                xml, direction="purchase", banqup_id="someone-else"
            )
        self.assert_held(
            document,
            f"The buyer of this supplier invoice is not {self.company.name}",
            "VAT number LV40003999999",
            "Check the company's VAT and registration numbers",
        )
        # Retry says the same until the document is ignored
        document.action_retry()
        self.assert_held(document, "VAT number LV40003999999")

    def test_party_without_identifiers_is_held(self):
        xml = strip_party_ids(sample("lv_sales_invoice.xml"), "Supplier")
        with self.assert_no_new_moves():
            document = self.import_xml(xml, banqup_id="anonymous-seller")
        self.assert_held(
            document, "gives no VAT number, registration number or Peppol address"
        )

    def test_batch_holds_only_the_stranger(self):
        """In a batch (the cron's path) only the document that is not the company's is
        held."""
        payloads = [
            ("ours-1", "sales", sample("lv_sales_invoice.xml")),
            ("stranger", "sales", sample("purchase_supplier_invoice.xml")),
            ("ours-2", "purchase", sample("purchase_supplier_invoice.xml")),
        ]
        Document = self.env["banqup.document"]
        documents = Document.browse()
        for banqup_id, direction, xml in payloads:
            documents |= Document._banqup_store(
                self.company,
                DocumentPayload(banqup_id, direction, f"{banqup_id}.xml", xml),
                "upload",
            )
        imported = documents._banqup_import_batch()
        by_id = {doc.banqup_id: doc for doc in documents}
        self.assertEqual(imported, by_id["ours-1"] | by_id["ours-2"])
        self.assert_held(by_id["stranger"], "The seller of this sales invoice is not")

    def test_batch_cache_from_outside_is_ignored(self):
        """A value under the batch cache's context key that is not the cache (an RPC
        caller's context is JSON) is ignored: the documents import as without it, in a
        batch and one by one (the button)."""
        Document = self.env["banqup.document"]
        documents = Document.browse()
        for banqup_id, direction, xml in (
            ("ours-1", "sales", sample("lv_sales_invoice.xml")),
            ("ours-2", "purchase", sample("purchase_supplier_invoice.xml")),
            (
                "ours-3",
                "sales",
                sample("lv_sales_invoice.xml").replace(b"<cbc:ID>", b"<cbc:ID>B-", 1),
            ),
        ):
            documents |= Document._banqup_store(
                self.company,
                DocumentPayload(banqup_id, direction, f"{banqup_id}.xml", xml),
                "upload",
            )
        forged = {"data": {"partner": ["res.partner", [self.env.user.partner_id.id]]}}
        # in one batch: the one-by-one fallback (taken when the batch fails) must not
        # run
        with patch.object(
            type(Document), "_banqup_import_one", side_effect=AssertionError("fallback")
        ):
            imported = (
                documents[:2]
                .with_context(l10n_lv_banqup_batch_cache=forged)
                ._banqup_import_batch()
            )
        self.assertEqual(imported, documents[:2])
        documents[2].with_context(l10n_lv_banqup_batch_cache=forged).action_import()
        self.assertEqual(documents.mapped("state"), ["imported"] * 3)
        self.assertNotIn(
            self.env.user.partner_id, documents.move_id.partner_id, "cache not used"
        )


@tagged("post_install", "-at_install")
class TestBanqupCompanyItself(BanqupTestCommon):
    """A company without identifiers cannot be checked, but it is never its own customer
    or vendor."""

    def test_company_is_never_its_own_customer(self):
        self.assertFalse(self.company.vat or self.company.company_registry)
        company_partner = self.company.partner_id
        company_partner.sudo().write({"peppol_eas": False, "peppol_endpoint": False})
        # the document's buyer is found as the company's partner (here by its name)
        company_partner.sudo().name = 'SIA "Baltic Receipts Demo"'
        with self.assert_no_new_moves():
            document = self.import_sample(
                "purchase_supplier_invoice.xml", direction="sales"
            )
        self.assertEqual(document.state, "error")
        self.assertIn(
            'The customer of this sales invoice is SIA "Baltic Receipts Demo" itself',
            document.error_message,
        )


@tagged("post_install", "-at_install")
class TestBanqupUploadDirection(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(cls.company)
        cls.company.l10n_lv_banqup_transport = "upload"
        cls.company.l10n_lv_banqup_auto_post = True

    def upload(self, names, **vals):
        attachments = self.env["ir.attachment"].create(
            [{"name": name, "datas": base64.b64encode(sample(name))} for name in names]
        )
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_company(self.company)
            .create({"attachment_ids": [Command.set(attachments.ids)], **vals})
        )
        return wizard

    def inbox(self):
        return self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)], order="id"
        )

    def test_default_direction_comes_from_the_parties(self):
        """Uploaded with the default, a supplier invoice becomes a bill and a sales
        invoice a customer invoice."""
        wizard = self.upload(["purchase_supplier_invoice.xml", "lv_sales_invoice.xml"])
        self.assertEqual(wizard.direction, "auto")
        wizard.action_upload()
        by_name = {doc.name: doc for doc in self.inbox()}
        bill, sale = (
            by_name["purchase_supplier_invoice.xml"],
            by_name["lv_sales_invoice.xml"],
        )
        self.assertEqual(
            (bill.direction, bill.state), ("purchase", "imported"), bill.error_message
        )
        self.assertRecordValues(
            bill.move_id,
            [{"move_type": "in_invoice", "state": "posted", "ref": "SUP-778"}],
        )
        self.assertEqual(bill.move_id.partner_id.vat, "LV50003000002")
        self.assertNotEqual(bill.move_id.commercial_partner_id, self.company.partner_id)
        self.assertEqual(
            (sale.direction, sale.state), ("sales", "imported"), sale.error_message
        )
        self.assertRecordValues(
            sale.move_id, [{"move_type": "out_invoice", "name": "LV-2026-0001"}]
        )

    def test_a_contradicting_direction_is_refused(self):
        wizard = self.upload(["purchase_supplier_invoice.xml"], direction="sales")
        with self.assertRaisesRegex(
            UserError, "in purchase_supplier_invoice.xml .* is the buyer"
        ):
            wizard.action_upload()
        self.assertFalse(self.inbox())
        wizard = self.upload(["lv_sales_invoice.xml"], direction="purchase")
        with self.assertRaisesRegex(
            UserError, "in lv_sales_invoice.xml .* is the seller"
        ):
            wizard.action_upload()
        self.assertFalse(self.inbox())

    def test_a_stranger_document_is_held_by_the_import(self):
        """Neither party is the company: stored, then held with the party that did not
        match."""
        xml = sample("purchase_supplier_invoice.xml").replace(
            b"40103000001", b"40003999999"
        )
        attachment = self.env["ir.attachment"].create(
            {"name": "stranger.xml", "datas": base64.b64encode(xml)}
        )
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_company(self.company)
            .create({"attachment_ids": [Command.set(attachment.ids)]})
        )
        wizard.action_upload()
        document = self.inbox()
        self.assertEqual(document.state, "error")
        self.assertIn(
            "The buyer of this supplier invoice is not", document.error_message
        )

    def test_company_without_identifiers_must_choose(self):
        self.company.sudo().write({"vat": False, "company_registry": False})
        self.company.partner_id.sudo().write(
            {"peppol_eas": False, "peppol_endpoint": False}
        )
        wizard = self.upload(["purchase_supplier_invoice.xml"])
        with self.assertRaisesRegex(
            UserError, "no VAT number, registration number or Peppol address"
        ):
            wizard.action_upload()
        self.assertFalse(self.inbox())

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""UBL -> account.move over the samples of tests/data and the shared Peppol examples."""

import datetime
from decimal import Decimal

from odoo.tests import tagged

from ..banqup.transport import DocumentPayload
from ..parsers import ubl
from .common import BanqupTestCommon, sample


@tagged("post_install", "-at_install")
class TestBanqupImport(BanqupTestCommon):
    def assert_imported(self, document):
        self.assertEqual(document.state, "imported", document.error_message)
        self.assertFalse(document.error_message)
        return document.move_id

    def test_sales_invoice(self):
        document = self.import_sample("lv_sales_invoice.xml")
        move = self.assert_imported(document)
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "out_invoice",
                    "name": "LV-2026-0001",
                    "journal_id": self.sale_journal.id,
                    "invoice_date": datetime.date(2026, 3, 2),
                    "invoice_date_due": datetime.date(2026, 3, 16),
                    "payment_reference": "LV-2026-0001",
                    "ref": "BR-77",
                    "currency_id": self.env.ref("base.EUR").id,
                    "amount_untaxed": 320.0,
                    "amount_tax": 56.4,
                    "amount_total": 376.4,
                    "state": "draft",
                    "l10n_lv_banqup_document_id": document.id,
                }
            ],
        )
        partner = move.partner_id
        self.assertEqual(partner.name, 'SIA "Klients"')
        self.assertEqual(partner.vat, "LV50003000002")
        self.assertEqual(partner.company_registry, "50003000002")
        self.assertEqual(partner.country_id.code, "LV")
        self.assertEqual(partner.company_id, self.company)
        lines = move.invoice_line_ids
        self.assertEqual(lines.mapped("quantity"), [2.0, 3.0])
        self.assertEqual(lines.mapped("price_unit"), [100.0, 40.0])
        self.assertEqual(lines.mapped("price_subtotal"), [200.0, 120.0])
        self.assertEqual(lines[0].tax_ids, self.lv_tax("VAT_S_G_21_LV"))
        # a line in hours is a service (the tax mapping's goods/services)
        self.assertEqual(lines[1].tax_ids, self.lv_tax("VAT_S_S_12_LV"))
        self.assertEqual(lines[1].product_uom_id, self.env.ref("uom.product_uom_hour"))
        self.assertEqual(document.document_number, "LV-2026-0001")
        xml = move.attachment_ids.filtered(lambda a: a.mimetype == "application/xml")
        self.assertEqual(xml.raw, sample("lv_sales_invoice.xml"))

    def test_sales_invoice_matches_existing_partner_by_vat(self):
        partner = self.new_partner(
            name="Klients (ours)", vat="LV 5000 3000002", company_id=False
        )
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertEqual(move.partner_id, partner)

    def test_partner_matched_by_registry(self):
        partner = self.new_partner(
            name="Klients by registry", company_registry="50003000002"
        )
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertEqual(move.partner_id, partner)

    def test_partner_matched_by_name(self):
        partner = self.new_partner(name='SIA "Klients"')
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertEqual(move.partner_id, partner)

    def test_partner_of_another_company_is_not_matched(self):
        other = self.setup_other_company(name="Other SIA")["company"]
        foreign = self.new_partner(
            name="Klients elsewhere", vat="LV50003000002", company_id=other.id
        )
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertNotEqual(move.partner_id, foreign)
        self.assertEqual(move.partner_id.company_id, self.company)

    def test_product_by_seller_item_id_and_gtin(self):
        doc = ubl.parse(sample("lv_sales_invoice.xml"), "lv_sales_invoice.xml")
        first = doc.lines[0]
        product = self.env["product.product"].create(
            {"name": "By code", "default_code": first.seller_item_id}
        )
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertEqual(move.invoice_line_ids[0].product_id, product)
        self.assertEqual(
            move.invoice_line_ids[0].price_unit, 100.0, "the document's price wins"
        )
        self.assertFalse(move.invoice_line_ids[1].product_id)

    def test_product_by_gtin(self):
        doc = ubl.parse(sample("lv_sales_invoice.xml"), "lv_sales_invoice.xml")
        product = self.env["product.product"].create(
            {"name": "By GTIN", "barcode": doc.lines[0].standard_item_id}
        )
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertEqual(move.invoice_line_ids[0].product_id, product)

    def test_credit_note(self):
        move = self.assert_imported(self.import_sample("lv_credit_note.xml"))
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "out_refund",
                    "name": "LV-2026-K001",
                    "invoice_date_due": datetime.date(2026, 3, 24),
                    "amount_total": 121.0,
                }
            ],
        )
        self.assertTrue(all(line.price_subtotal > 0 for line in move.invoice_line_ids))

    def test_credit_note_linked_to_its_invoice(self):
        invoice = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        credit_note = self.assert_imported(self.import_sample("lv_credit_note.xml"))
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        self.assertEqual(credit_note.ref, "BR-77")

    def test_negative_invoice_becomes_credit_note(self):
        move = self.assert_imported(self.import_sample("lv_negative_invoice.xml"))
        self.assertEqual(move.move_type, "out_refund")
        self.assertEqual(move.name, "LV-2026-0011")
        self.assertEqual(move.amount_total, 121.0)

    def test_foreign_currency(self):
        move = self.assert_imported(self.import_sample("lv_foreign_currency_usd.xml"))
        self.assertEqual(move.currency_id.name, "USD")
        self.assertEqual(move.name, "LV-2026-0002")
        self.assertEqual(move.amount_total, 605.0)
        self.assertEqual(move.amount_tax, 105.0)

    def test_inactive_currency_is_an_error_then_retry(self):
        """A failed document keeps its error and raw payload and imports on Retry once
        fixed."""
        sek = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "=", "SEK")])
        )
        sek.active = False
        xml = sample("lv_foreign_currency_usd.xml").replace(b"USD", b"SEK")
        document = self.import_xml(xml, banqup_id="sek-invoice")
        self.assertEqual(document.state, "error")
        self.assertIn("SEK", document.error_message)
        self.assertEqual(document.raw_attachment_id.raw, xml)
        sek.active = True
        document.action_retry()
        move = self.assert_imported(document)
        self.assertEqual((move.currency_id, move.amount_total), (sek, 605.0))

    def test_reverse_charge(self):
        move = self.assert_imported(self.import_sample("lv_reverse_charge.xml"))
        self.assertEqual(move.invoice_line_ids.tax_ids, self.lv_tax("VAT_RC_0_LV"))
        self.assertEqual(move.invoice_line_ids.quantity, 12.5)
        self.assertEqual(
            move.invoice_line_ids.product_uom_id,
            self.env.ref("uom.product_uom_cubic_meter"),
        )
        self.assertEqual((move.amount_tax, move.amount_total), (0.0, 1000.0))

    def test_intra_eu(self):
        move = self.assert_imported(self.import_sample("lv_intra_eu.xml"))
        self.assertEqual(move.invoice_line_ids.tax_ids, self.lv_tax("VAT_S_EU_G_0_LV"))
        self.assertEqual(move.partner_id.country_id.code, "EE")
        self.assertEqual(move.partner_id.vat, "EE100000001")
        self.assertEqual(move.amount_total, 500.0)

    def test_document_allowance_and_charge(self):
        move = self.assert_imported(self.import_sample("lv_allowance_charge.xml"))
        self.assertEqual(move.amount_untaxed, 175.0)
        self.assertEqual(move.amount_total, 211.75)
        names = move.invoice_line_ids.mapped("name")
        self.assertIn("Atlaide", names)
        self.assertIn("Piegāde", names)
        allowance = move.invoice_line_ids.filtered(lambda line: line.name == "Atlaide")
        charge = move.invoice_line_ids.filtered(lambda line: line.name == "Piegāde")
        self.assertEqual(
            (allowance.price_subtotal, charge.price_subtotal), (-10.0, 5.0)
        )
        self.assertEqual(allowance.tax_ids, self.lv_tax("VAT_S_G_21_LV"))
        printer = move.invoice_line_ids.filtered(lambda line: line.name == "Printeris")
        # net price 50.00 (gross 55.00 - 5.00); the line allowance 20.00 of 200.00 is a
        # 10 % discount
        self.assertEqual(
            (printer.quantity, printer.price_unit, printer.discount), (4.0, 50.0, 10.0)
        )
        self.assertEqual(printer.price_subtotal, 180.0)

    def test_line_allowance_that_is_no_exact_percentage(self):
        """An allowance no 2-decimal discount reproduces is booked as its own line, to
        the cent."""
        line = ubl.Line(
            id="7",
            name="Big",
            description=None,
            quantity=Decimal(1),
            unit_code="C62",
            net_amount=Decimal("9999.99"),
            price=Decimal("10000.00"),
        )
        Document = self.env["banqup.document"].with_company(self.company)
        document = Document.create(
            {
                "name": "t",
                "banqup_id": "t",
                "direction": "sales",
                "company_id": self.company.id,
            }
        )
        self.assertEqual(
            document._get_price_and_discount(line),
            (Decimal("10000.00"), 0.0, Decimal("-0.01")),
        )
        line.tax_category, line.tax_percent = "S", Decimal(21)
        vals = document._prepare_move_line_vals(line, None, "sale")
        self.assertEqual(
            [(v["quantity"], v["price_unit"]) for v in vals],
            [(1.0, 10000.0), (1.0, -0.01)],
        )

    def test_price_per_base_quantity(self):
        """10.00 per 3 units, 3 units: 3.33 a unit in Odoo and 0.01 on its own line,
        total exact."""
        line = ubl.Line(
            id="8",
            name="Per three",
            description=None,
            quantity=Decimal(3),
            unit_code="C62",
            net_amount=Decimal("10.00"),
            price=Decimal("10.00"),
            base_quantity=Decimal(3),
            tax_category="S",
            tax_percent=Decimal(21),
        )
        Document = self.env["banqup.document"].with_company(self.company)
        document = Document.create(
            {
                "name": "t",
                "banqup_id": "t",
                "direction": "sales",
                "company_id": self.company.id,
            }
        )
        vals = document._prepare_move_line_vals(line, None, "sale")
        self.assertEqual(
            [(v["quantity"], v["price_unit"]) for v in vals], [(3.0, 3.33), (1.0, 0.01)]
        )

    def test_payable_rounding_is_a_line(self):
        """BT-114 becomes an untaxed line, so the total still equals payable +
        prepaid."""
        xml = sample("lv_sales_invoice.xml").replace(
            b'<cbc:PayableAmount currencyID="EUR">376.40</cbc:PayableAmount>',
            b"<cbc:PayableRoundingAmount "
            b'currencyID="EUR">0.60</cbc:PayableRoundingAmount><cbc:PayableAmount '
            b'currencyID="EUR">377.00</cbc:PayableAmount>',
        )
        self.assertIn(b"PayableRoundingAmount", xml)
        move = self.assert_imported(self.import_xml(xml, banqup_id="rounded"))
        self.assertEqual(move.amount_total, 377.0)
        rounding = move.invoice_line_ids.filtered(lambda line: line.name == "Rounding")
        self.assertEqual((rounding.price_subtotal, rounding.tax_ids.ids), (0.6, []))

    def test_embedded_pdf_attached(self):
        move = self.assert_imported(self.import_sample("lv_embedded_pdf.xml"))
        pdf = move.attachment_ids.filtered(lambda a: a.mimetype == "application/pdf")
        self.assertEqual(pdf.name, "LV-2026-0007.pdf")
        self.assertEqual(pdf.raw, sample("lv_embedded_pdf.pdf"))
        self.assertEqual(move.message_main_attachment_id, pdf)
        self.assertEqual(
            len(
                move.attachment_ids.filtered(lambda a: a.mimetype == "application/xml")
            ),
            1,
        )

    def test_prepaid_amount_kept(self):
        move = self.assert_imported(self.import_sample("lv_prepaid.xml"))
        self.assertEqual(move.amount_total, 1210.0)
        self.assertEqual(move.l10n_lv_banqup_prepaid_amount, 500.0)
        self.assertEqual(move.l10n_lv_banqup_payable_amount, 710.0)

    def test_unknown_tax_is_an_error(self):
        with self.assert_no_new_moves():
            document = self.import_sample("lv_unknown_tax.xml")
        self.assertEqual(document.state, "error")
        self.assertIn("VAT category S at 17 %", document.error_message)
        self.assertFalse(document.move_id)
        self.assertEqual(document.raw_attachment_id.raw, sample("lv_unknown_tax.xml"))

    def test_total_mismatch_is_an_error(self):
        with self.assert_no_new_moves():
            document = self.import_sample("lv_total_mismatch.xml")
        self.assertEqual(document.state, "error")
        self.assertIn("376.40", document.error_message)
        self.assertIn("376.41", document.error_message)

    def test_malformed_file_is_an_error(self):
        with self.assert_no_new_moves():
            document = self.import_sample("malformed_truncated.xml")
        self.assertEqual(document.state, "error")
        self.assertIn("malformed", document.error_message)
        self.assertTrue(document.raw_attachment_id)

    def test_hostile_files_are_errors(self):
        for name in ("hostile_billion_laughs.xml", "hostile_external_entity.xml"):
            with self.subTest(name=name), self.assert_no_new_moves():
                document = self.import_sample(name)
                self.assertEqual(document.state, "error")
                self.assertIn(name, document.error_message)
                self.assertNotIn(
                    "/etc/passwd", document.error_message.replace(name, "")
                )

    def test_purchase_invoice(self):
        move = self.assert_imported(
            self.import_sample("purchase_supplier_invoice.xml", direction="purchase")
        )
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "in_invoice",
                    "journal_id": self.purchase_journal.id,
                    "ref": "SUP-778",
                    "amount_total": 134.4,
                    "invoice_date": datetime.date(2026, 3, 2),
                    "invoice_date_due": datetime.date(2026, 3, 16),
                }
            ],
        )
        self.assertEqual(move.partner_id.name, 'SIA "Piegādātājs"')
        self.assertEqual(move.partner_id.vat, "LV50003000002")
        self.assertEqual(
            move.invoice_line_ids.tax_ids, self.lv_tax("VAT_P_S_12_LV")
        )  # hours: services

    def test_purchase_domestic_reverse_charge_self_assessed(self):
        """A received AE document of a Latvian supplier books the domestic reverse
        charge (nets to zero); EU acquisitions are in test_banqup_tax_mapping."""
        move = self.assert_imported(
            self.import_sample("lv_reverse_charge.xml", direction="purchase")
        )
        self.assertEqual(move.move_type, "in_invoice")
        self.assertEqual(move.invoice_line_ids.tax_ids, self.lv_tax("VAT_RC_21_LV"))
        self.assertEqual(move.amount_total, 1000.0)
        self.assertEqual(move.partner_id.vat, "LV40103000001")

    def test_purchase_intra_eu_from_a_latvian_supplier_is_held(self):
        """K (intra-EU supply) whose supplier is in Latvia has no row: held, the row
        named."""
        document = self.import_sample("lv_intra_eu.xml", direction="purchase")
        self.assertEqual(document.state, "error")
        self.assertIn("VAT category K at 0 %", document.error_message)

    def test_purchase_duplicate_is_refused(self):
        first = self.import_sample(
            "purchase_supplier_invoice.xml", direction="purchase"
        )
        self.assert_imported(first)
        again = self.import_xml(
            sample("purchase_supplier_invoice.xml") + b"\n",
            "purchase",
            banqup_id="other-id",
        )
        self.assertEqual(again.state, "error")
        self.assertIn("SUP-778", again.error_message)

    def test_sales_number_already_in_the_journal(self):
        self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        xml = sample("lv_sales_invoice.xml").replace(b"50003000002", b"40003000099")
        again = self.import_xml(xml, banqup_id="same-number-other-customer")
        self.assertEqual(again.state, "error")
        self.assertIn("LV-2026-0001", again.error_message)

    def test_auto_post(self):
        self.company.l10n_lv_banqup_auto_post = True
        move = self.assert_imported(self.import_sample("lv_sales_invoice.xml"))
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.name, "LV-2026-0001")

    def test_every_import_twice_adds_nothing(self):
        """The same Banqup id stored twice is one document and one invoice."""
        first = self.import_sample("lv_sales_invoice.xml")
        self.assert_imported(first)
        with self.assert_no_new_moves():
            payload = DocumentPayload(
                "lv_sales_invoice.xml", "sales", "x.xml", sample("lv_sales_invoice.xml")
            )
            again = self.env["banqup.document"]._banqup_store(self.company, payload)
        self.assertFalse(again)
        self.assertEqual(
            self.env["banqup.document"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            1,
        )

    # -- the shared OpenPEPPOL examples
    # -------------------------------------------------

    def test_shared_peppol_examples_are_held_with_their_rate(self):
        """The OpenPEPPOL examples use 25 % VAT: no Latvian tax, so each is held with
        the rate named."""
        folder = self.shared_sample_path("data", "peppol_bis3")
        names = sorted(p.name for p in folder.glob("*.xml"))
        self.assertTrue(names)
        for name in names:
            with self.subTest(name=name), self.assert_no_new_moves():
                document = self.import_xml(
                    (folder / name).read_bytes(), banqup_id=name, filename=name
                )
                self.assertEqual(document.state, "error")
                self.assertEqual(document.document_number, "Snippet1")
                self.assertIn("VAT category S at 25 %", document.error_message)
                self.assertEqual(
                    document.raw_attachment_id.raw, (folder / name).read_bytes()
                )

    def test_shared_peppol_examples_import_with_a_mapped_tax(self):
        """With rows for 25 % (and 15 %) to a Swedish customer added, every example
        imports to the cent."""
        folder = self.shared_sample_path("data", "peppol_bis3")
        Mapping = self.env["l10n_lv_banqup.tax.mapping"]
        for rate in (25.0, 15.0):
            tax = self.env["account.tax"].create(
                {
                    "name": f"Sale {rate:g}%",
                    "amount": rate,
                    "type_tax_use": "sale",
                    "company_id": self.company.id,
                }
            )
            Mapping.create(
                {
                    "direction": "sale",
                    "category": "S",
                    "rate": rate,
                    "region": "eu",
                    "tax_id": tax.id,
                }
            )
        expected = {
            "base-example.xml": ("out_invoice", 1656.25, 0.0),
            "base-creditnote-correction.xml": ("out_refund", 1656.25, 0.0),
            "Vat-category-S.xml": ("out_invoice", 8550.0, 0.0),
            "Allowance-example.xml": ("out_invoice", 7125.0, 1000.0),
        }
        for name, (move_type, total, prepaid) in expected.items():
            path = folder / name
            if not path.exists():
                continue
            with self.subTest(name=name):
                document = self.import_xml(path.read_bytes(), banqup_id=name)
                move = self.assert_imported(document)
                self.assertEqual(move.move_type, move_type)
                self.assertEqual(move.amount_total, total)
                self.assertEqual(move.l10n_lv_banqup_prepaid_amount, prepaid)
                self.assertEqual(move.partner_id.vat, "SE4598375937")
                # every example is number Snippet1 of the same customer: cancel it so
                # that the duplicate guard lets the next one in
                move.button_cancel()

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Banqup tax mapping of a Latvian company: every default row booked with its PVN
return lines."""

import datetime
import json
import re
from decimal import Decimal

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import BanqupTestCommon
from .common_tax import TaxMappingTestMixin
from .ubl_builder import DocInvoice, DocLine, DocParty

A = "a5721"  # l10n_lv: 5721 VAT account of every Latvian VAT tax

#: The Latvian rows and what they must book, from l10n_lv's taxes (account.tax-lv.csv)
#: and its PVN return (account_tax_report_data.xml): base tags, then the tax lines (tag,
#: factor, account).
LV_EXPECTED = {
    # sales: 41/52 standard rate, 42/53 12 %, 421/531 5 %
    ("sale", "S", 21.0, "any", "any"): ("VAT_S_G_21_LV", ["+41"], [("+52", 1, A)]),
    ("sale", "S", 21.0, "any", "services"): ("VAT_S_S_21_LV", ["+41"], [("+52", 1, A)]),
    ("sale", "S", 12.0, "any", "any"): ("VAT_S_G_12_LV", ["+42"], [("+53", 1, A)]),
    ("sale", "S", 12.0, "any", "services"): ("VAT_S_S_12_LV", ["+42"], [("+53", 1, A)]),
    ("sale", "S", 5.0, "any", "any"): ("VAT_S_G_5_LV", ["+421"], [("+531", 1, A)]),
    ("sale", "S", 5.0, "any", "services"): ("VAT_S_S_5_LV", ["+421"], [("+531", 1, A)]),
    # 48: 0 % services; 49: exempt; 411: domestic reverse charge
    ("sale", "Z", 0.0, "any", "any"): ("VAT_S_S_0_LV", ["+48"], []),
    ("sale", "E", 0.0, "any", "any"): ("VAT_S_E_0_LV", ["+49"], []),
    ("sale", "AE", 0.0, "domestic", "any"): ("VAT_RC_0_LV", ["+411"], []),
    # 482 + 482_S: services to EU businesses; 45 + 45_G: goods to EU businesses
    ("sale", "AE", 0.0, "eu", "any"): ("VAT_S_EU_S_0_LV", ["+482", "+482_S"], []),
    ("sale", "AE", 0.0, "eu", "goods"): ("VAT_S_EU_G_0_LV", ["+45", "+45_G"], []),
    ("sale", "K", 0.0, "eu", "any"): ("VAT_S_EU_G_0_LV", ["+45", "+45_G"], []),
    ("sale", "K", 0.0, "eu", "services"): ("VAT_S_EU_S_0_LV", ["+482", "+482_S"], []),
    # 481: exported goods; 482: transactions in other countries
    ("sale", "AE", 0.0, "non_eu", "any"): ("VAT_S_EX_S_0_LV", ["+482"], []),
    ("sale", "G", 0.0, "non_eu", "any"): ("VAT_S_EX_G_0_LV", ["+481"], []),
    ("sale", "G", 0.0, "non_eu", "services"): ("VAT_S_EX_S_0_LV", ["+482"], []),
    ("sale", "O", 0.0, "domestic", "any"): (False, [], []),
    ("sale", "O", 0.0, "eu", "any"): ("VAT_S_EX_S_0_LV", ["+482"], []),
    ("sale", "O", 0.0, "non_eu", "any"): ("VAT_S_EX_S_0_LV", ["+482"], []),
    # purchases: 62 domestic input VAT
    ("purchase", "S", 21.0, "domestic", "any"): ("VAT_P_G_21_LV", [], [("+62", 1, A)]),
    ("purchase", "S", 21.0, "domestic", "services"): (
        "VAT_P_S_21_LV",
        [],
        [("+62", 1, A)],
    ),
    ("purchase", "S", 12.0, "domestic", "any"): ("VAT_P_G_12_LV", [], [("+62", 1, A)]),
    ("purchase", "S", 12.0, "domestic", "services"): (
        "VAT_P_S_12_LV",
        [],
        [("+62", 1, A)],
    ),
    ("purchase", "S", 5.0, "domestic", "any"): ("VAT_P_G_5_LV", [], [("+62", 1, A)]),
    ("purchase", "S", 5.0, "domestic", "services"): (
        "VAT_P_S_5_LV",
        [],
        [("+62", 1, A)],
    ),
    # domestic reverse charge: 52 (VAT due) and 62 (deducted)
    ("purchase", "AE", 0.0, "domestic", "any"): (
        "VAT_RC_21_LV",
        [],
        [("+52", 1, A), ("-62", -1, A)],
    ),
    # EU acquisitions: 50 (base), 55 (VAT due), 64 (deducted)
    ("purchase", "AE", 0.0, "eu", "any"): (
        "VAT_P_EU_S_21_LV",
        ["+50"],
        [("+55", 1, A), ("-64", -1, A)],
    ),
    ("purchase", "AE", 0.0, "eu", "goods"): (
        "VAT_P_EU_G_21_LV",
        ["+50"],
        [("+55", 1, A), ("-64", -1, A)],
    ),
    ("purchase", "K", 0.0, "eu", "any"): (
        "VAT_P_EU_G_21_LV",
        ["+50"],
        [("+55", 1, A), ("-64", -1, A)],
    ),
    ("purchase", "K", 0.0, "eu", "services"): (
        "VAT_P_EU_S_21_LV",
        ["+50"],
        [("+55", 1, A), ("-64", -1, A)],
    ),
    # from outside the EU: 54 (VAT on services received) or 52, and 63 (deducted)
    ("purchase", "AE", 0.0, "non_eu", "any"): (
        "VAT_P_EX_S_21_LV",
        [],
        [("+54", 1, A), ("-63", -1, A)],
    ),
    ("purchase", "AE", 0.0, "non_eu", "goods"): (
        "VAT_P_EX_G_21_LV",
        [],
        [("+52", 1, A), ("-63", -1, A)],
    ),
    # no Latvian VAT
    ("purchase", "O", 0.0, "domestic", "any"): (False, [], []),
    ("purchase", "E", 0.0, "any", "any"): (False, [], []),
    ("purchase", "Z", 0.0, "any", "any"): (False, [], []),
}


@tagged("post_install", "-at_install")
class TestBanqupTaxMapping(TaxMappingTestMixin, BanqupTestCommon):
    expected_rows = LV_EXPECTED
    counterparties = {
        "domestic": DocParty('SIA "Vietējais"', "LV", "LV50003000002", "50003000002"),
        "eu": DocParty("Muster GmbH", "DE", "DE123456789"),
        "non_eu": DocParty("Norsk Handel AS", "NO", "NO999999999MVA"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(cls.company)
        cls.company_party = DocParty(
            "Baltic Receipts Demo", "LV", "LV40103000001", "40103000001"
        )

    def test_every_latvian_row_books_its_return_lines(self):
        """One document per default row: the tax, the tags of the PVN return lines, the
        journal items."""
        self.check_every_row()

    def test_eu_service_acquisition_is_not_domestic_reverse_charge(self):
        """The reported defect: AE from a German supplier took VAT_RC_21_LV
        (+52/-62)."""
        invoice = self.build_document("purchase", "AE", 0, "eu", "services")
        move = self.assert_row_booked(
            ("purchase", "AE", 0.0, "eu", "any"),
            self.import_document(invoice, "purchase"),
            invoice,
        )
        tags = move.line_ids.tax_tag_ids.mapped("name")
        self.assertNotIn("+52", tags)
        self.assertNotIn("-62", tags)

    def test_mixed_document_takes_a_row_per_line(self):
        """Goods (K, kilograms) and services (AE, hours) sold to one EU customer: each
        line its tax."""
        invoice = DocInvoice(
            number="MIX-2026-0001",
            seller=self.company_party,
            buyer=self.counterparties["eu"],
            lines=[
                DocLine(
                    "Granulas", Decimal(250), Decimal("2.00"), "K", Decimal(0), "KGM"
                ),
                DocLine(
                    "Montāža", Decimal(3), Decimal("40.00"), "AE", Decimal(0), "HUR"
                ),
            ],
        )
        move = self.assert_imported(self.import_document(invoice, "sale"))
        lines = move.invoice_line_ids
        self.assertEqual(lines[0].tax_ids, self.chart_ref("VAT_S_EU_G_0_LV"))
        self.assertEqual(lines[1].tax_ids, self.chart_ref("VAT_S_EU_S_0_LV"))
        self.assertEqual(move.amount_total, 620.0)
        self.assertEqual(sorted(lines[0].tax_tag_ids.mapped("name")), ["+45", "+45_G"])
        self.assertEqual(
            sorted(lines[1].tax_tag_ids.mapped("name")), ["+482", "+482_S"]
        )

    def test_document_allowance_takes_the_kind_of_its_lines(self):
        """A document allowance says neither goods nor services: it takes the kind of
        the lines of its category and rate, so a discount on EU services (K, hours)
        lowers line 482 too, not line 45."""
        invoice = DocInvoice(
            number="ALW-2026-0001",
            seller=self.company_party,
            buyer=self.counterparties["eu"],
            lines=[
                DocLine("Apkope", Decimal(10), Decimal("50.00"), "K", Decimal(0), "HUR")
            ],
            allowances=[(Decimal("25.00"), "K", Decimal(0), "Atlaide")],
        )
        move = self.assert_imported(self.import_document(invoice, "sale"))
        service_tax = self.chart_ref("VAT_S_EU_S_0_LV")
        self.assertEqual(move.invoice_line_ids.tax_ids, service_tax)
        allowance = move.invoice_line_ids.filtered(lambda line: line.name == "Atlaide")
        self.assertEqual(
            (allowance.price_subtotal, allowance.tax_ids), (-25.0, service_tax)
        )
        self.assertEqual(
            sorted(allowance.tax_tag_ids.mapped("name")), ["+482", "+482_S"]
        )
        self.assertEqual(move.amount_total, 475.0)

    def assert_imported(self, document):
        self.assertEqual(document.state, "imported", document.error_message)
        return document.move_id

    def test_foreign_vat_invoice_is_held_until_the_row_is_added_then_retry_imports_it(
        self,
    ):
        """A Danish supplier charging 25 % VAT: held naming the row; the Tax mapping
        button opens the table filtered with the row pre-filled; once added, Retry books
        it to the cent."""
        supplier = DocParty("Dansk Leverandør A/S", "DK", "DK12345678")
        invoice = DocInvoice(
            number="DK-2026-0042",
            seller=supplier,
            buyer=self.company_party,
            lines=[
                DocLine(
                    "Konsulentydelser",
                    Decimal(3),
                    Decimal("333.33"),
                    "S",
                    Decimal(25),
                    "HUR",
                )
            ],
        )
        with self.assert_no_new_moves():
            document = self.import_document(invoice, "purchase")
        self.assertEqual(document.state, "error")
        self.assertIn("VAT category S at 25 %", document.error_message)
        for label in ("Purchases", "Other EU country", "Services"):
            self.assertIn(label, document.error_message)
        self.assertEqual(
            json.loads(document.missing_tax_mapping),
            {
                "category": "S",
                "direction": "purchase",
                "kind": "services",
                "rate": 25.0,
                "region": "eu",
            },
        )
        action = document.action_open_tax_mapping()
        self.assertEqual(action["res_model"], "l10n_lv_banqup.tax.mapping")
        self.assertEqual(
            action["domain"],
            [
                ("company_id", "=", self.company.id),
                ("direction", "=", "purchase"),
                ("category", "=", "S"),
            ],
        )
        # foreign VAT is no Latvian input VAT: a tax without tags, its amount on the
        # expense account
        expense = self.company_data["default_account_expense"]
        foreign_vat = self.env["account.tax"].create(
            {
                "name": "25% foreign VAT (not deductible)",
                "amount": 25.0,
                "type_tax_use": "purchase",
                "company_id": self.company.id,
                "invoice_repartition_line_ids": [
                    Command.create({"repartition_type": "base"}),
                    Command.create(
                        {"repartition_type": "tax", "account_id": expense.id}
                    ),
                ],
                "refund_repartition_line_ids": [
                    Command.create({"repartition_type": "base"}),
                    Command.create(
                        {"repartition_type": "tax", "account_id": expense.id}
                    ),
                ],
            }
        )
        row = (
            self.env["l10n_lv_banqup.tax.mapping"]
            .with_context(**action["context"])
            .create({"tax_id": foreign_vat.id})
        )
        self.assertRecordValues(
            row,
            [
                {
                    "company_id": self.company.id,
                    "direction": "purchase",
                    "category": "S",
                    "rate": 25.0,
                    "region": "eu",
                    "kind": "services",
                }
            ],
        )
        document.action_retry()
        move = self.assert_imported(document)
        self.assertFalse(document.missing_tax_mapping)
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "in_invoice",
                    "amount_untaxed": 999.99,
                    "amount_tax": 250.0,
                    "amount_total": 1249.99,
                }
            ],
        )
        self.assertRecordValues(
            move.line_ids.sorted(lambda line: (line.display_type, line.balance)),
            [
                {
                    "display_type": "payment_term",
                    "balance": -1249.99,
                    "account_id": move.partner_id.property_account_payable_id.id,
                    "tax_tag_ids": [],
                },
                {
                    "display_type": "product",
                    "balance": 999.99,
                    "account_id": expense.id,
                    "tax_tag_ids": [],
                },
                {
                    "display_type": "tax",
                    "balance": 250.0,
                    "account_id": expense.id,
                    "tax_tag_ids": [],
                },
            ],
        )

    def test_shared_peppol_examples_are_held_naming_the_row(self):
        """The OpenPEPPOL examples (a Swedish buyer, 25 % VAT) are held with the missing
        row named."""
        folder = self.shared_sample_path("data", "peppol_bis3")
        for path in sorted(folder.glob("*.xml")):
            data = path.read_bytes()
            # the example's seller is the company here (by its Peppol address), so the
            # "is it ours" check passes and what holds it is the tax mapping
            seller = re.search(
                rb"SupplierParty>\s*<cac:Party>\s*<cbc:EndpointID "
                rb'schemeID="(\d+)">([^<]+)<',
                data,
            )
            eas, endpoint = seller.group(1).decode(), seller.group(2).decode()
            self.company.partner_id.write(
                {"peppol_eas": eas, "peppol_endpoint": endpoint}
            )
            with self.subTest(name=path.name), self.assert_no_new_moves():
                document = self.import_xml(
                    data, banqup_id=path.name, filename=path.name
                )
                self.assertEqual(document.state, "error")
                self.assertIn("VAT category S at 25 %", document.error_message)
                self.assertIn("Other EU country", document.error_message)
                key = json.loads(document.missing_tax_mapping)
                self.assertEqual(
                    (key["direction"], key["category"], key["rate"], key["region"]),
                    ("sale", "S", 25.0, "eu"),
                )

    def test_unmapped_category_for_the_place_is_held(self):
        """K from a Latvian supplier (an intra-EU supply cannot come from home) is held,
        never guessed."""
        invoice = self.build_document("purchase", "K", 0, "domestic", "any")
        document = self.import_document(invoice, "purchase")
        self.assertEqual(document.state, "error")
        self.assertIn("VAT category K at 0 %", document.error_message)
        self.assertIn("Company's own country", document.error_message)

    def test_archived_tax_of_a_row_is_named(self):
        self.chart_ref("VAT_S_EX_G_0_LV").active = False
        document = self.import_document(
            self.build_document("sale", "G", 0, "non_eu", "any"), "sale"
        )
        self.assertEqual(document.state, "error")
        self.assertIn("archived", document.error_message)
        self.assertFalse(document.missing_tax_mapping)

    def test_dated_rows(self):
        """A row with dates applies to invoices dated inside them; the undated row to
        the others."""
        tax = self.env["account.tax"].create(
            {
                "name": "Old 22%",
                "amount": 22.0,
                "type_tax_use": "sale",
                "company_id": self.company.id,
            }
        )
        Mapping = self.env["l10n_lv_banqup.tax.mapping"]
        Mapping.create(
            {
                "direction": "sale",
                "category": "S",
                "rate": 22.0,
                "date_to": "2025-12-31",
                "tax_id": tax.id,
            }
        )
        old = self.build_document(
            "sale", "S", 22, "any", "any", issue_date=datetime.date(2025, 6, 1)
        )
        self.assertEqual(
            self.assert_imported(
                self.import_document(old, "sale")
            ).invoice_line_ids.tax_ids,
            tax,
        )
        new = self.build_document("sale", "S", 22, "any", "any")
        self.assertEqual(self.import_document(new, "sale").state, "error")
        with self.assertRaises(ValidationError):
            Mapping.create(
                {
                    "direction": "sale",
                    "category": "S",
                    "rate": 22.0,
                    "date_from": "2025-01-01",
                }
            )

    def test_defaults_filled_once_and_restored(self):
        Mapping = self.env["l10n_lv_banqup.tax.mapping"]
        self.assertFalse(Mapping._banqup_fill_defaults(self.company), "nothing twice")
        row = self.mapping_rows().filtered(
            lambda r: r.category == "E" and r.direction == "sale"
        )
        self.assertEqual(
            row.tax_id.invoice_repartition_line_ids.tag_ids.mapped("name"), ["+49"]
        )
        self.assertEqual(row.report_tags, "+49")
        changed = self.mapping_rows().filtered(
            lambda r: r.category == "Z" and r.direction == "purchase"
        )
        changed.tax_id = self.chart_ref("VAT_P_G_5_LV")
        row.unlink()
        created = Mapping._banqup_fill_defaults(self.company)
        self.assertEqual(len(created), 1)
        self.assertEqual(created.tax_id, self.chart_ref("VAT_S_E_0_LV"))
        self.assertEqual(
            changed.tax_id,
            self.chart_ref("VAT_P_G_5_LV"),
            "an accountant's change is kept",
        )

    def test_install_hook_fills_existing_companies_once(self):
        """The addon installed on a database whose companies already have the chart: the
        exempt tax and the rows are added, and running it again adds nothing."""
        self.mapping_rows().unlink()
        exempt = self.chart_ref("VAT_S_E_0_LV")
        # as before the addon: the company's chart without the exempt sale tax
        self.env["ir.model.data"].search(
            [("model", "=", "account.tax"), ("res_id", "=", exempt.id)]
        ).unlink()
        exempt.active = False
        taxes_before = self.env["account.tax"].search_count(
            [("company_id", "=", self.company.id)]
        )
        post_init_hook(self.env)
        self.assertEqual(
            sorted(self.row_key(row) for row in self.mapping_rows()),
            sorted(LV_EXPECTED),
        )
        post_init_hook(self.env)
        self.assertEqual(len(self.mapping_rows()), len(LV_EXPECTED))
        added = self.chart_ref("VAT_S_E_0_LV")
        self.assertNotEqual(added, exempt)
        taxes_after = self.env["account.tax"].search_count(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(taxes_after, taxes_before + 1, "one tax added, once")
        self.assertEqual(
            added.invoice_repartition_line_ids.mapped("repartition_type"),
            ["base", "tax"],
        )
        self.assertEqual(
            added.invoice_repartition_line_ids.tag_ids.mapped("name"), ["+49"]
        )
        self.assertEqual(
            added.refund_repartition_line_ids.tag_ids.mapped("name"), ["-49"]
        )
        row = self.mapping_rows().filtered(
            lambda r: r.category == "E" and r.direction == "sale"
        )
        self.assertEqual(row.tax_id, added)

    def test_other_companies_rows_are_invisible_and_read_only_for_billing(self):
        other = self.setup_other_company(name="Other SIA")["company"]
        self.assertTrue(
            self.mapping_rows(other), "a company given the Latvian chart gets its rows"
        )
        user = self.env["res.users"].create(
            {
                "name": "Accountant A",
                "login": "accountant_a_tax_mapping",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [
                    Command.set(self.env.ref("account.group_account_user").ids)
                ],
            }
        )
        Mapping = self.env["l10n_lv_banqup.tax.mapping"].with_user(user)
        self.assertEqual(Mapping.search([]).company_id, self.company)
        billing = user.copy({"login": "billing_tax_mapping"})
        billing.groups_id = [
            Command.set(self.env.ref("account.group_account_invoice").ids)
        ]
        with self.assertRaises(AccessError):
            Mapping.with_user(billing).browse(self.mapping_rows()[:1].id).write(
                {"rate": 1.0}
            )

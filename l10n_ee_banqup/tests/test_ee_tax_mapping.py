# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An Estonian company (chart l10n_ee) imports Banqup documents with its own taxes and
KMD lines."""

import datetime
from decimal import Decimal

from odoo.tests import tagged

from odoo.addons.l10n_lv_banqup.tests.common import BanqupTestCommon
from odoo.addons.l10n_lv_banqup.tests.common_tax import TaxMappingTestMixin
from odoo.addons.l10n_lv_banqup.tests.ubl_builder import DocInvoice, DocLine, DocParty

OUT = "l10n_ee_201204"  # l10n_ee: VAT payable
IN = "l10n_ee_201201"  # l10n_ee: input VAT
BEFORE_24 = datetime.date(2025, 6, 30)
FROM_24 = datetime.date(2025, 7, 1)
#: l10n_ee ships these archived; an accountant unarchives them to use the rows
ARCHIVED = (
    "l10n_ee_vat_out_exempt",
    "l10n_ee_vat_out_0_exp_g",
    "l10n_ee_vat_out_0_exp_s",
)


def eu_acquisition(kind, rate):
    """An EU acquisition self-assessed at ``rate``: 6 (services) / 6.1 (goods), 1 (VAT
    due), 5 (deducted)."""
    suffix = "" if rate == 22 else "_24"
    line_6 = "+6_1" if kind == "g" else "+6"
    return (
        f"l10n_ee_vat_in_0_eu_{kind}_{rate}",
        [f"+1_base{suffix}", line_6],
        [("+5_tax", 1, IN), (f"-1_tax{suffix}", -1, OUT)],
    )


#: The Estonian rows and what they must book, from l10n_ee's taxes (account.tax-ee.csv)
#: and its KMD report (account_tax_report_data.xml): base tags, then the tax lines (tag,
#: factor, account).
EE_EXPECTED = {
    # sales: KMD 1 (24 % / 22 %), 2² (13 %), 2 (9 %), 2¹ (5 %)
    ("sale", "S", 24.0, "any", "any"): (
        "l10n_ee_vat_out_24_g",
        ["+1_base_24"],
        [("+1_tax_24", 1, OUT)],
    ),
    ("sale", "S", 24.0, "any", "services"): (
        "l10n_ee_vat_out_24_s",
        ["+1_base_24"],
        [("+1_tax_24", 1, OUT)],
    ),
    ("sale", "S", 22.0, "any", "any"): (
        "l10n_ee_vat_out_22_g",
        ["+1_base"],
        [("+1_tax", 1, OUT)],
    ),
    ("sale", "S", 22.0, "any", "services"): (
        "l10n_ee_vat_out_22_s",
        ["+1_base"],
        [("+1_tax", 1, OUT)],
    ),
    ("sale", "S", 13.0, "any", "any"): (
        "l10n_ee_vat_out_13_s",
        ["+2_2_base"],
        [("+2_2_tax", 1, OUT)],
    ),
    ("sale", "S", 9.0, "any", "any"): (
        "l10n_ee_vat_out_9_g",
        ["+2_base"],
        [("+2_tax", 1, OUT)],
    ),
    ("sale", "S", 5.0, "any", "any"): (
        "l10n_ee_vat_out_5_g",
        ["+2_1_base"],
        [("+2_1_tax", 1, OUT)],
    ),
    # 3: 0 %; 8: exempt; 3.1.1 goods / 3.1 services to EU businesses; 3.2 export
    ("sale", "Z", 0.0, "any", "any"): ("l10n_ee_vat_out_0_g", ["+3"], []),
    ("sale", "E", 0.0, "any", "any"): ("l10n_ee_vat_out_exempt", ["+8"], []),
    ("sale", "K", 0.0, "eu", "any"): (
        "l10n_ee_vat_out_0_eu_g",
        ["+3_1_1", "+3_1_1_G"],
        [],
    ),
    ("sale", "K", 0.0, "eu", "services"): (
        "l10n_ee_vat_out_0_eu_s",
        ["+3_1", "+3_1_S"],
        [],
    ),
    ("sale", "AE", 0.0, "eu", "any"): (
        "l10n_ee_vat_out_0_eu_s",
        ["+3_1", "+3_1_S"],
        [],
    ),
    ("sale", "AE", 0.0, "eu", "goods"): (
        "l10n_ee_vat_out_0_eu_g",
        ["+3_1_1", "+3_1_1_G"],
        [],
    ),
    ("sale", "G", 0.0, "non_eu", "any"): ("l10n_ee_vat_out_0_exp_g", ["+3_2"], []),
    ("sale", "G", 0.0, "non_eu", "services"): ("l10n_ee_vat_out_0_exp_s", ["+3"], []),
    ("sale", "O", 0.0, "domestic", "any"): (False, [], []),
    # purchases: KMD 5 input VAT
    ("purchase", "S", 24.0, "domestic", "any"): (
        "l10n_ee_vat_in_24_g",
        [],
        [("+5_tax", 1, IN)],
    ),
    ("purchase", "S", 24.0, "domestic", "services"): (
        "l10n_ee_vat_in_24_s",
        [],
        [("+5_tax", 1, IN)],
    ),
    ("purchase", "S", 22.0, "domestic", "any"): (
        "l10n_ee_vat_in_22_g",
        [],
        [("+5_tax", 1, IN)],
    ),
    ("purchase", "S", 22.0, "domestic", "services"): (
        "l10n_ee_vat_in_22_s",
        [],
        [("+5_tax", 1, IN)],
    ),
    ("purchase", "S", 13.0, "domestic", "any"): (
        "l10n_ee_vat_in_13_s",
        [],
        [("+5_tax", 1, IN)],
    ),
    ("purchase", "S", 9.0, "domestic", "any"): (
        "l10n_ee_vat_in_9_g",
        [],
        [("+5_tax", 1, IN)],
    ),
    ("purchase", "S", 5.0, "domestic", "any"): (
        "l10n_ee_vat_in_5_g",
        [],
        [("+5_tax", 1, IN)],
    ),
    # EU acquisitions at the rate of the invoice date
    ("purchase", "AE", 0.0, "eu", "any", BEFORE_24): eu_acquisition("s", 22),
    ("purchase", "AE", 0.0, "eu", "any", FROM_24): eu_acquisition("s", 24),
    ("purchase", "AE", 0.0, "eu", "goods", BEFORE_24): eu_acquisition("g", 22),
    ("purchase", "AE", 0.0, "eu", "goods", FROM_24): eu_acquisition("g", 24),
    ("purchase", "K", 0.0, "eu", "any", BEFORE_24): eu_acquisition("g", 22),
    ("purchase", "K", 0.0, "eu", "any", FROM_24): eu_acquisition("g", 24),
    ("purchase", "K", 0.0, "eu", "services", BEFORE_24): eu_acquisition("s", 22),
    ("purchase", "K", 0.0, "eu", "services", FROM_24): eu_acquisition("s", 24),
    # no Estonian VAT
    ("purchase", "O", 0.0, "domestic", "any"): (False, [], []),
    ("purchase", "E", 0.0, "any", "any"): (False, [], []),
    ("purchase", "Z", 0.0, "any", "any"): (False, [], []),
}


@tagged("post_install", "-at_install")
class TestEeBanqupTaxMapping(TaxMappingTestMixin, BanqupTestCommon):
    expected_rows = EE_EXPECTED
    counterparties = {
        "domestic": DocParty("Tarnija OÜ", "EE", "EE101000002", "11000002"),
        "eu": DocParty('SIA "Piegādātājs"', "LV", "LV50003000002", "50003000002"),
        "non_eu": DocParty("Norsk Handel AS", "NO", "NO999999999MVA"),
    }

    @classmethod
    def _create_company(cls, **create_values):
        # BanqupTestCommon sets up a Latvian company (setup_country("lv")): this class's
        # are Estonian
        cls.country_code = "EE"
        return super()._create_company(**create_values)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().with_context(no_vat_validation=True).write(
            {"vat": "EE102000001", "company_registry": "12000001"}
        )
        cls.company_party = DocParty(
            "Balti Kviitungid OÜ", "EE", "EE102000001", "12000001"
        )

    def test_company_has_the_estonian_chart(self):
        self.assertEqual(self.company.chart_template, "ee")
        self.assertEqual(self.company.account_fiscal_country_id.code, "EE")

    def test_every_estonian_row_books_its_kmd_lines(self):
        """One document per default row: the tax, the tags of the KMD lines, the journal
        items."""
        for xmlid in ARCHIVED:
            self.chart_ref(xmlid).active = True
        self.check_every_row()

    def test_archived_export_tax_is_named(self):
        document = self.import_document(
            self.build_document("sale", "G", 0, "non_eu", "any"), "sale"
        )
        self.assertEqual(document.state, "error")
        self.assertIn("archived", document.error_message)

    def test_estonian_supplier_bill(self):
        """A domestic bill with 24 % goods and 24 % services: input VAT on KMD line
        5."""
        invoice = DocInvoice(
            number="EE-2026-0100",
            seller=self.counterparties["domestic"],
            buyer=self.company_party,
            lines=[
                DocLine("Paber", Decimal(10), Decimal("4.99"), "S", Decimal(24), "KGM"),
                DocLine(
                    "Hooldus", Decimal("2.5"), Decimal("60.00"), "S", Decimal(24), "HUR"
                ),
            ],
        )
        document = self.import_document(invoice, "purchase")
        self.assertEqual(document.state, "imported", document.error_message)
        move = document.move_id
        self.assertRecordValues(
            move,
            [
                {
                    "move_type": "in_invoice",
                    "amount_untaxed": 199.9,
                    "amount_total": 247.88,
                }
            ],
        )
        self.assertEqual(
            move.invoice_line_ids[0].tax_ids, self.chart_ref("l10n_ee_vat_in_24_g")
        )
        self.assertEqual(
            move.invoice_line_ids[1].tax_ids, self.chart_ref("l10n_ee_vat_in_24_s")
        )
        tax_lines = move.line_ids.filtered(lambda line: line.display_type == "tax")
        self.assertEqual(sorted(tax_lines.tax_tag_ids.mapped("name")), ["+5_tax"])
        self.assertEqual(round(sum(tax_lines.mapped("balance")), 2), 47.98)
        self.assertEqual(tax_lines.account_id, self.chart_ref(IN))

    def test_eu_reverse_charge_bill(self):
        """Services from a Latvian supplier under reverse charge: KMD 6 and 1 (24 %),
        deducted on 5."""
        invoice = DocInvoice(
            number="LV-2026-0777",
            seller=self.counterparties["eu"],
            buyer=self.company_party,
            lines=[
                DocLine(
                    "Konsultācijas",
                    Decimal(8),
                    Decimal("75.00"),
                    "AE",
                    Decimal(0),
                    "HUR",
                )
            ],
        )
        document = self.import_document(invoice, "purchase")
        self.assertEqual(document.state, "imported", document.error_message)
        move = document.move_id
        self.assertEqual(move.amount_total, 600.0)
        line = move.invoice_line_ids
        self.assertEqual(line.tax_ids, self.chart_ref("l10n_ee_vat_in_0_eu_s_24"))
        self.assertEqual(sorted(line.tax_tag_ids.mapped("name")), ["+1_base_24", "+6"])
        self.assertEqual(
            sorted(
                (tax_line.tax_tag_ids.name, tax_line.balance, tax_line.account_id.id)
                for tax_line in move.line_ids.filtered(
                    lambda line: line.display_type == "tax"
                )
            ),
            sorted(
                [
                    ("+5_tax", 144.0, self.chart_ref(IN).id),
                    ("-1_tax_24", -144.0, self.chart_ref(OUT).id),
                ]
            ),
        )

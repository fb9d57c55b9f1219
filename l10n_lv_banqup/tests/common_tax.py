# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Helpers of the tax mapping tests: a document per mapping row, and its journal items
checked."""

import itertools
from decimal import Decimal

from .ubl_builder import DocInvoice, DocLine

#: the unit of a test line per kind of row: a time unit is a service, kilograms are
#: goods, pieces ("one") say neither, so only a row for goods or services applies
KIND_UNITS = {"any": "C62", "services": "HUR", "goods": "KGM"}

_numbers = itertools.count(1)


class TaxMappingTestMixin:
    """For a class with ``cls.company`` (its chart loaded), ``company_party`` and
    ``counterparties``.

    ``expected_rows``:
    ``{(direction, category, rate, region, kind[, day]): (tax template id or False,
    base tags, [(tax line tag, factor, account template id), ...])}``,
    the tax line's balance being ``factor x rate of the tax`` for a line of 100.00
    (negated for sales); ``day`` (a dated row's first, else last day) is the test
    document's date.
    """

    company_party = None  #: the company as a UBL party
    counterparties = {}  #: region -> the other party (DocParty)
    expected_rows = {}

    def mapping_rows(self, company=None):
        return self.env["l10n_lv_banqup.tax.mapping"].search(
            [("company_id", "=", (company or self.company).id)]
        )

    @staticmethod
    def row_key(row):
        """``(direction, category, rate, region, kind)``, and the row's first (else
        last) day when it has dates."""
        key = (row.direction, row.category, round(row.rate, 4), row.region, row.kind)
        day = row.date_from or row.date_to
        return (*key, day) if day else key

    def build_document(
        self, direction, category, rate, region, kind, amount="100.00", issue_date=None
    ):
        """A one-line invoice of ``amount`` for the row; the other party is in
        ``region`` (``any``: the company's own country)."""
        other = self.counterparties["domestic" if region == "any" else region]
        seller, buyer = (
            (self.company_party, other)
            if direction == "sale"
            else (other, self.company_party)
        )
        invoice = DocInvoice(
            number=f"TM-2026-{next(_numbers):04d}",
            seller=seller,
            buyer=buyer,
            lines=[
                DocLine(
                    "Row test",
                    Decimal(1),
                    Decimal(amount),
                    category,
                    Decimal(str(rate)),
                    KIND_UNITS[kind],
                )
            ],
        )
        if issue_date:
            invoice.issue_date = issue_date
        return invoice

    def import_document(self, invoice, direction):
        banqup_direction = "sales" if direction == "sale" else "purchase"
        return self.import_xml(
            invoice.to_xml(),
            banqup_direction,
            banqup_id=invoice.number,
            filename=invoice.number,
        )

    def chart_ref(self, xmlid):
        return self.env["account.chart.template"].with_company(self.company).ref(xmlid)

    def assert_row_booked(self, key, document, invoice):
        """The invoice of ``document`` has the tax, the tags and the journal items the
        row says."""
        template, base_tags, tax_lines = self.expected_rows[key]
        direction = key[0]
        self.assertEqual(document.state, "imported", f"{key}: {document.error_message}")
        move = document.move_id
        untaxed, tax_total, total = invoice.totals()
        self.assertEqual(
            move.currency_id.compare_amounts(move.amount_total, float(total)), 0, key
        )
        sign = -1 if direction == "sale" else 1
        tax = self.chart_ref(template) if template else self.env["account.tax"]
        product_line = move.line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        self.assertEqual(product_line.tax_ids, tax, key)
        self.assertEqual(
            sorted(product_line.tax_tag_ids.mapped("name")), sorted(base_tags), key
        )
        self.assertEqual(product_line.balance, sign * float(untaxed), key)
        expected_tax_lines = sorted(
            (
                tag,
                round(sign * factor * tax.amount * float(untaxed) / 100, 2),
                self.chart_ref(account).id,
            )
            for tag, factor, account in tax_lines
        )
        actual_tax_lines = sorted(
            (
                " ".join(line.tax_tag_ids.mapped("name")),
                line.balance,
                line.account_id.id,
            )
            for line in move.line_ids.filtered(lambda line: line.display_type == "tax")
        )
        self.assertEqual(actual_tax_lines, expected_tax_lines, key)
        counterpart = move.line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        self.assertEqual(
            round(sum(counterpart.mapped("balance")), 2), -sign * float(total), key
        )
        self.assertEqual(
            counterpart.partner_id, move.partner_id.commercial_partner_id, key
        )
        return move

    def check_every_row(self):
        """A document per expected row, imported and checked; the company's rows are
        exactly those."""
        self.assertEqual(
            sorted(self.row_key(row) for row in self.mapping_rows()),
            sorted(self.expected_rows),
            "every default row of the chart has its expected tax and tags in the test",
        )
        for key in self.expected_rows:
            with self.subTest(row=key):
                direction, category, rate, region, kind = key[:5]
                issue_date = key[5] if len(key) > 5 else None
                invoice = self.build_document(
                    direction, category, rate, region, kind, issue_date=issue_date
                )
                document = self.import_document(invoice, direction)
                self.assert_row_booked(key, document, invoice)

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The per-company table that turns a UBL VAT category into an Odoo tax.

A row says: for this company, a line of VAT category (UNCL5305) ``category`` at
``rate`` %, on a sale or a purchase, with the other party in the company's own country,
another EU country or outside the EU, of goods or services, between two dates, takes
``tax_id`` (empty: no tax). The importer uses this table only; rows are pre-filled from
:meth:`_get_banqup_tax_mapping_defaults` when a chart is loaded and when the addon (or a
bridge addon adding rows, e.g. ``l10n_ee_banqup``) is installed, and an accountant edits
them under *Accounting > Configuration > Banqup tax mapping*.
"""

import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .banqup_tax_mapping_lv import LV_TAX_MAPPING_DEFAULTS

_logger = logging.getLogger(__name__)

#: UNCL5305 duty/tax/fee category codes of Peppol BIS Billing 3.0 (code list "VAT
#: category code")
CATEGORIES = [
    ("S", "S - Standard rate"),
    ("Z", "Z - Zero rated goods"),
    ("E", "E - Exempt from tax"),
    ("AE", "AE - VAT reverse charge"),
    ("K", "K - Intra-community supply (VAT exempt for EEA)"),
    ("G", "G - Free export item, VAT not charged"),
    ("O", "O - Services outside scope of tax"),
    ("L", "L - Canary Islands general indirect tax"),
    ("M", "M - Tax for production, services and importation in Ceuta and Melilla"),
    ("B", "B - Transferred (VAT), Italy"),
]
REGIONS = [
    ("any", "Any country"),
    ("domestic", "Company's own country"),
    ("eu", "Other EU country"),
    ("non_eu", "Outside the EU"),
]
KINDS = [("any", "Goods or services"), ("goods", "Goods"), ("services", "Services")]
RATE_DIGITS = 4


class BanqupTaxMapping(models.Model):
    _name = "l10n_lv_banqup.tax.mapping"
    _description = "Banqup Tax Mapping"
    _order = "company_id, direction, category, rate desc, region, kind, date_from"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    direction = fields.Selection(
        [("sale", "Sales"), ("purchase", "Purchases")],
        required=True,
        help=(
            "Sales: documents the company issued (customer invoices); purchases: "
            "supplier invoices."
        ),
    )
    category = fields.Selection(
        CATEGORIES,
        string="VAT category",
        required=True,
        help="The UNCL5305 code of the line (BT-151, BT-95, BT-102).",
    )
    rate = fields.Float(
        string="Rate (%)",
        digits=(16, RATE_DIGITS),
        default=0.0,
        help="The VAT rate of the document line (BT-152); 0 for AE, K, G, E, Z and O.",
    )
    region = fields.Selection(
        REGIONS,
        string="Other party",
        required=True,
        default="any",
        help=(
            "Where the customer (sales) or the supplier (purchases) is, by the "
            "country of its address (BT-55 / BT-40), else of its VAT number. A row "
            "for a specific place wins over 'Any country'."
        ),
    )
    kind = fields.Selection(
        KINDS,
        string="Goods or services",
        required=True,
        default="any",
        help=(
            "Services: the line's product is a service, or its unit is a time unit "
            "(hour, day, month...). Goods: the product is goods, or the unit is a "
            "weight, volume or length. 'Goods or services' applies when the line says "
            "neither, and when no row of the exact kind exists."
        ),
    )
    date_from = fields.Date(
        string="Valid from", help="Invoice dates (BT-2) from this day; empty: always."
    )
    date_to = fields.Date(
        string="Valid until", help="Invoice dates up to this day; empty: no end."
    )
    tax_id = fields.Many2one(
        "account.tax",
        check_company=True,
        ondelete="cascade",
        domain="[('type_tax_use', '=', direction)]",
        help=(
            "Empty: the lines are booked without tax (they are not reported in the "
            "VAT return)."
        ),
    )
    report_tags = fields.Char(
        string="VAT return lines",
        compute="_compute_report_tags",
        help="The tax report tags the tax gives an invoice (base, then tax).",
    )

    @api.depends("tax_id")
    def _compute_report_tags(self):
        for row in self:
            repartition = row.tax_id.invoice_repartition_line_ids
            base = repartition.filtered(lambda r: r.repartition_type == "base").tag_ids
            tax = repartition.filtered(lambda r: r.repartition_type == "tax").tag_ids
            row.report_tags = " ".join((base | tax).mapped("name")) or False

    @api.depends("category", "rate", "direction", "region", "kind")
    def _compute_display_name(self):
        labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("direction", "region", "kind")
        }
        for row in self:
            row.display_name = self.env._(
                "%(direction)s %(category)s %(rate)s %% (%(region)s, %(kind)s)",
                direction=labels["direction"].get(row.direction, ""),
                category=row.category or "",
                rate=self._format_rate(row.rate),
                region=labels["region"].get(row.region, ""),
                kind=labels["kind"].get(row.kind, ""),
            )

    @api.model
    def _format_rate(self, rate):
        """``21.0`` -> ``"21"``, ``5.5`` -> ``"5.5"``."""
        return f"{rate or 0.0:.{RATE_DIGITS}f}".rstrip("0").rstrip(".")

    @api.constrains(
        "company_id",
        "direction",
        "category",
        "rate",
        "region",
        "kind",
        "date_from",
        "date_to",
    )
    def _check_unique_row(self):
        for row in self:
            if row.date_from and row.date_to and row.date_from > row.date_to:
                raise ValidationError(
                    self.env._(
                        "The tax mapping row %(row)s ends before it starts.",
                        row=row.display_name,
                    )
                )
            others = self.search(
                [
                    ("id", "!=", row.id),
                    ("company_id", "=", row.company_id.id),
                    ("direction", "=", row.direction),
                    ("category", "=", row.category),
                    ("region", "=", row.region),
                    ("kind", "=", row.kind),
                ]
            )
            for other in others:
                if float_compare(other.rate, row.rate, precision_digits=RATE_DIGITS):
                    continue
                if row._overlaps(other):
                    raise ValidationError(
                        self.env._(
                            "The tax mapping has two rows for %(row)s at the same "
                            "dates: keep one, or give them dates that do not overlap.",
                            row=row.display_name,
                        )
                    )

    def _overlaps(self, other):
        """True when the validity periods of two rows share a day."""
        self.ensure_one()
        starts_before_other_ends = (
            not other.date_to or not self.date_from or self.date_from <= other.date_to
        )
        ends_after_other_starts = (
            not other.date_from or not self.date_to or self.date_to >= other.date_from
        )
        return starts_before_other_ends and ends_after_other_starts

    # ------------------------------------------------------------------------------
    # lookup
    # ------------------------------------------------------------------------------

    def _banqup_match(self, direction, category, rate, region, kind, date):
        """The row of ``self`` (rows of one company) that applies, the most specific
        one.

        :param str region: ``domestic``, ``eu``, ``non_eu``, or None when unknown (then
            only rows for any country apply).
        :param str kind: ``goods``, ``services``, or None when unknown (then only rows
            for goods or services apply).
        :param date: the invoice date, or None.
        :returns: one row, or an empty recordset.
        """
        best, best_score = self.browse(), -1
        for row in self:
            if row.direction != direction or row.category != category:
                continue
            if float_compare(row.rate, rate, precision_digits=RATE_DIGITS):
                continue
            if row.region not in ("any", region) or row.kind not in ("any", kind):
                continue
            if date and (
                (row.date_from and row.date_from > date)
                or (row.date_to and row.date_to < date)
            ):
                continue
            # the place decides more of the VAT treatment than goods/services: it weighs
            # more
            score = (row.region != "any") * 2 + (row.kind != "any")
            if score > best_score:
                best, best_score = row, score
        return best

    # ------------------------------------------------------------------------------
    # defaults from the chart
    # ------------------------------------------------------------------------------

    @api.model
    def _get_banqup_tax_mapping_defaults(self):
        """Default rows per chart template code: ``{code: [row, ...]}``.

        A row is a dict with ``direction``, ``category``, ``rate``, optionally
        ``region``, ``kind`` (default ``any``), ``date_from``, ``date_to``, and ``tax``:
        the chart template's tax id (e.g. ``VAT_S_G_21_LV``) or False for "no tax".
        Bridge addons add their chart's rows by overriding this method
        (``l10n_ee_banqup`` adds ``ee``).
        """
        return {"lv": LV_TAX_MAPPING_DEFAULTS}

    @api.model
    def _row_key(self, direction, category, rate, region, kind, date_from):
        return (
            direction,
            category,
            round(rate or 0.0, RATE_DIGITS),
            region,
            kind,
            date_from or False,
        )

    @api.model
    def _banqup_fill_defaults(self, companies=None):
        """Add the default rows of each company's chart that it does not have yet.

        Rows an accountant changed are kept (same key), rows whose tax the chart no
        longer has are skipped. Called when a chart is loaded and when the addon is
        installed.

        :returns: the created rows.
        """
        if companies is None:
            companies = (
                self.env["res.company"].sudo().search([("chart_template", "!=", False)])
            )
        defaults = self._get_banqup_tax_mapping_defaults()
        vals_list = []
        for company in companies:
            rows = defaults.get(company.chart_template)
            if not rows:
                continue
            existing = {
                self._row_key(
                    r.direction, r.category, r.rate, r.region, r.kind, r.date_from
                )
                for r in self.sudo().search([("company_id", "=", company.id)])
            }
            chart = self.env["account.chart.template"].with_company(company)
            for row in rows:
                region, kind = row.get("region", "any"), row.get("kind", "any")
                date_from = fields.Date.to_date(row.get("date_from"))
                key = self._row_key(
                    row["direction"],
                    row["category"],
                    row["rate"],
                    region,
                    kind,
                    date_from,
                )
                if key in existing:
                    continue
                tax = self.env["account.tax"]
                if row["tax"]:
                    tax = chart.ref(row["tax"], raise_if_not_found=False)
                    if not tax:
                        _logger.info(
                            "Banqup tax mapping of %s: the chart has no tax %s",
                            company.name,
                            row["tax"],
                        )
                        continue
                existing.add(key)
                vals_list.append(
                    {
                        "company_id": company.id,
                        "direction": row["direction"],
                        "category": row["category"],
                        "rate": row["rate"],
                        "region": region,
                        "kind": kind,
                        "date_from": date_from,
                        "date_to": fields.Date.to_date(row.get("date_to")),
                        "tax_id": tax.id,
                    }
                )
        return self.sudo().create(vals_list)

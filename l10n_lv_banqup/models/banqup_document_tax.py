# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Taxes of imported lines: the company's Banqup tax mapping, and the document held for
a missing row."""

import json
import logging

from odoo import fields, models

from ..banqup.transport import DIRECTION_SALES
from ..parsers import helpers
from ..parsers.exceptions import Text, _lt
from .banqup_document import BanqupImportError, _rate_key

_logger = logging.getLogger(__name__)

#: UN/ECE Rec 20 units of time and of service: a line in them is a service
SERVICE_UNIT_CODES = frozenset(
    {"HUR", "DAY", "MIN", "SEC", "WEE", "MON", "ANN", "QAN", "E48", "E49", "LH"}
)
#: UN/ECE Rec 20 units of weight, volume, area and length: a line in them is goods
GOODS_UNIT_CODES = frozenset(
    {"KGM", "GRM", "TNE", "LTR", "MLT", "MTQ", "MTK", "MTR", "CMT", "MMT", "DZN"}
)


class BanqupMissingTaxMapping(BanqupImportError):
    """No row of the company's tax mapping applies to a line; ``key`` says which row is
    missing."""

    def __init__(self, message, key):
        super().__init__(message)
        self.key = key


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    missing_tax_mapping = fields.Char(
        readonly=True,
        copy=False,
        help=(
            "Technical: the tax mapping row the held document needs (JSON), for the "
            "Tax mapping button."
        ),
    )

    # ------------------------------------------------------------------------------
    # the tax of a line
    # ------------------------------------------------------------------------------

    def _get_banqup_tax(self, category, percent, tax_type, document=None, line=None):
        """The company's tax for a UBL line (or document allowance/charge), from its tax
        mapping.

        :param str category: UNCL5305 code (S, Z, E, AE, K, G, O, ...).
        :param percent: rate as ``Decimal`` or None.
        :param str tax_type: ``sale`` or ``purchase``.
        :param document: the parsed :class:`~..parsers.ubl.UblDocument` (the other
            party's country and the invoice date); None: only rows for any country and
            date apply.
        :param line: the parsed line (goods or services); None for a document-level
            allowance or charge, which takes the kind of the document's lines of the
            same category and rate.
        :returns: ``account.tax`` records (empty: the row says "no tax").
        :raises BanqupImportError: no row applies (:class:`BanqupMissingTaxMapping`), or
            its tax is archived. A tax is never guessed.
        """
        category = (category or "").upper()
        rate = float(percent or 0)
        region = (
            self._get_banqup_counterparty_region(document)
            if document is not None
            else None
        )
        if line is not None:
            kind = self._get_banqup_line_kind(line)
        else:
            kind = (
                self._get_banqup_document_kind(document, category, rate)
                if document is not None
                else None
            )
        date = document.issue_date if document is not None else None
        rows = self._get_banqup_tax_mapping_rows()
        row = rows._banqup_match(tax_type, category, rate, region, kind, date)
        if not row:
            error = self._banqup_missing_tax_mapping_error(
                tax_type, category, percent, region, kind
            )
            if self.id:
                self._banqup_missing_tax_mapping_store()[self.id] = error.key
            raise error
        tax = row.tax_id
        if tax and not tax.active:
            raise BanqupImportError(
                Text(
                    _lt(
                        "The tax %(tax)s of the Banqup tax mapping row %(row)s is "
                        "archived: unarchive it under Accounting > Configuration > "
                        "Taxes, or choose another tax in the row, then press Retry."
                    ),
                    tax=tax.display_name,
                    row=row.display_name,
                )
            )
        return tax

    def _get_banqup_tax_mapping_rows(self):
        """The tax mapping rows of the document's company (remembered for the batch)."""
        company = self.company_id
        return self._banqup_cached(
            ("tax_mapping", company.id),
            lambda: self.env["l10n_lv_banqup.tax.mapping"].search(
                [("company_id", "=", company.id)]
            ),
        )

    def _get_banqup_party_country(self, party):
        """ISO code of the party's country: its address (BT-40/55), else its VAT number
        or endpoint."""
        if party.country_code:
            return party.country_code.strip().upper()
        vat = helpers.party_vat(party)
        if vat and vat[:2].isalpha():
            return "GR" if vat[:2] == "EL" else vat[:2]
        endpoint = helpers.classify_endpoint(party.endpoint_scheme, party.endpoint_id)
        return endpoint[1] if endpoint else None

    def _get_banqup_counterparty_region(self, document):
        """``domestic``, ``eu`` or ``non_eu``: where the customer of a sale or the
        supplier of a purchase is, seen from the company's fiscal country."""
        company = self.company_id
        home = (company.account_fiscal_country_id or company.country_id).code
        if not home:
            raise BanqupImportError(
                Text(
                    _lt(
                        "The company %(company)s has no country: set it, then press "
                        "Retry."
                    ),
                    company=company.display_name,
                )
            )
        party = self._get_invoice_party(document)
        country = self._get_banqup_party_country(party)
        if not country:
            role = (
                Text(_lt("customer"))
                if self.direction == DIRECTION_SALES
                else Text(_lt("supplier"))
            )
            raise BanqupImportError(
                Text(
                    _lt(
                        "The document gives no country of the %(party)s (postal "
                        "address BT-40/BT-55, VAT number): its VAT treatment cannot "
                        "be chosen."
                    ),
                    party=role,
                )
            )
        if country == home.upper():
            return "domestic"
        europe = self._banqup_cached(
            ("country_group", "base.europe"),
            lambda: self.env.ref("base.europe", raise_if_not_found=False),
        )
        return "eu" if country in set(europe.country_ids.mapped("code")) else "non_eu"

    def _get_banqup_line_kind(self, line):
        """``goods``, ``services`` or None (not known): the matched product's type, else
        the unit."""
        product = self._match_product(line)
        if product.type == "service":
            return "services"
        if product.type == "consu":
            return "goods"
        unit = (line.unit_code or "").strip().upper()
        if unit in SERVICE_UNIT_CODES:
            return "services"
        if unit in GOODS_UNIT_CODES:
            return "goods"
        return None

    def _get_banqup_document_kind(self, document, category, rate):
        """The kind of the document's lines of one category and rate when they agree,
        else None."""
        kinds = {
            self._get_banqup_line_kind(line)
            for line in document.lines
            if (line.tax_category or "").upper() == category
            and float(line.tax_percent or 0) == rate
        }
        return kinds.pop() if len(kinds) == 1 else None

    def _banqup_missing_tax_mapping_error(
        self, tax_type, category, percent, region, kind
    ):
        """The error of :meth:`_get_banqup_tax` when no row applies (built only to be
        raised)."""
        Mapping = self.env["l10n_lv_banqup.tax.mapping"]
        key = {
            "direction": tax_type,
            "category": category,
            "rate": float(percent or 0),
            "region": region or "any",
            "kind": kind or "any",
        }
        return BanqupMissingTaxMapping(
            Text(
                _lt(
                    "No row of the Banqup tax mapping matches VAT category "
                    "%(category)s at %(rate)s %% (%(direction)s, other party: "
                    "%(region)s, %(kind)s). Add the row with the Tax mapping button "
                    "(Accounting > Configuration > Banqup tax mapping), then press "
                    "Retry."
                ),
                category=category or "?",
                rate=_rate_key(percent),
                direction=self._selection_label(
                    Mapping._name, "direction", key["direction"]
                ),
                region=self._selection_label(Mapping._name, "region", key["region"]),
                kind=self._selection_label(Mapping._name, "kind", key["kind"]),
            ),
            key,
        )

    # ------------------------------------------------------------------------------
    # held for a missing row: which one, and the button
    # ------------------------------------------------------------------------------

    def _banqup_missing_tax_mapping_store(self):
        """``{document id: key}`` of the rows found missing in this transaction.

        Kept on the cursor (``cr.cache``), not in the database: the import that raised
        is rolled back to its savepoint before the error is recorded.
        """
        return self.env.cr.cache.setdefault("l10n_lv_banqup_missing_tax_mapping", {})

    def _banqup_set_error(self, *args, **kwargs):
        """Also remember which tax mapping row the document misses, if that is why it is
        held."""
        result = super()._banqup_set_error(*args, **kwargs)
        key = self._banqup_missing_tax_mapping_store().pop(self.id, None)
        value = json.dumps(key, sort_keys=True) if key else False
        if self.missing_tax_mapping != value:
            self.missing_tax_mapping = value
        return result

    def _banqup_mark_imported(self, moves, numbers):
        result = super()._banqup_mark_imported(moves, numbers)
        self.filtered("missing_tax_mapping").missing_tax_mapping = False
        return result

    def action_open_tax_mapping(self):
        """The company's tax mapping, filtered on the missing row's category and
        direction, with a new row pre-filled as the held document needs it."""
        self.ensure_one()
        key = json.loads(self.missing_tax_mapping or "{}")
        context = {"default_company_id": self.company_id.id}
        domain = [("company_id", "=", self.company_id.id)]
        if key:
            context.update({f"default_{name}": value for name, value in key.items()})
            domain += [
                ("direction", "=", key["direction"]),
                ("category", "=", key["category"]),
            ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Banqup tax mapping"),
            "res_model": "l10n_lv_banqup.tax.mapping",
            "view_mode": "list,form",
            "domain": domain,
            "context": context,
            "target": "current",
        }

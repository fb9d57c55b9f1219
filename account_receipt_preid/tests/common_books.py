# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Set-up of the issue 11 books tests (analytic plans, PreID on items, exchange
differences, bank reconciliation): the receipt fixtures of :class:`PreidCommon` on
Odoo's generic chart, in a EUR company (no localisation)."""

from .common_preid import PreidCommon


class BooksCommon(PreidCommon):
    """:class:`PreidCommon` on the generic chart: no country, the company in EUR."""

    country_code = False

    @classmethod
    def _create_company(cls, **create_values):
        eur = cls.env.ref("base.EUR")
        eur.active = True
        create_values.setdefault("currency_id", eur.id)
        return super()._create_company(**create_values)

    def items(self, move, with_analytic=False, with_preid=False):
        """Journal items of ``move`` as sorted tuples (account code, partner, debit,
        credit, amount_currency, currency[, analytic distribution as sorted pairs][,
        PreID number])."""
        result = []
        for aml in move.line_ids:
            row = (
                aml.account_id.code,
                aml.partner_id.name or "",
                round(aml.debit, 2),
                round(aml.credit, 2),
                round(aml.amount_currency, 2),
                aml.currency_id.name,
            )
            if with_analytic:
                row += (tuple(sorted((aml.analytic_distribution or {}).items())),)
            if with_preid:
                row += (aml.receipt_prepayment_id.name or "",)
            result.append(row)
        return sorted(result)

    def assertItems(self, move, expected, **options):
        """Compare the journal items of ``move`` (see :meth:`items`) with ``expected``,
        in any order."""
        self.assertEqual(self.items(move, **options), sorted(expected))

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


class GenericChartEur:
    """Mix in before :class:`ReceiptCommon` (or a subclass): Odoo's generic chart (no
    country, so only the addon's declared dependencies are needed) on a company whose
    currency is EUR, as the Baltic companies' (the generic chart's test company is in
    USD otherwise)."""

    country_code = None

    @classmethod
    def setup_independent_company(cls, **kwargs):
        eur = cls._enable_currency("EUR")
        return super().setup_independent_company(**{"currency_id": eur.id, **kwargs})

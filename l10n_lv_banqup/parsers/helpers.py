# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Code-list helpers for UBL imports: units of measure, Peppol EAS schemes, VAT numbers.

Everything here is plain data and pure functions; the Odoo layer resolves the XML ids.
"""

import re

#: UN/ECE Recommendation 20 (and Rec 21 for C62/H87/EA) unit code -> generic Odoo UoM
#: XML id, all defined in ``addons/uom/data/uom_data.xml`` of Odoo 18.0.
UOM_XMLIDS = {
    "C62": "uom.product_uom_unit",  # one
    "H87": "uom.product_uom_unit",  # piece
    "EA": "uom.product_uom_unit",  # each
    "XPP": "uom.product_uom_unit",  # piece (Rec 21 package code)
    "DZN": "uom.product_uom_dozen",
    "KGM": "uom.product_uom_kgm",
    "GRM": "uom.product_uom_gram",
    "TNE": "uom.product_uom_ton",  # tonne (metric ton)
    "HUR": "uom.product_uom_hour",
    "DAY": "uom.product_uom_day",
    "LTR": "uom.product_uom_litre",
    "MTQ": "uom.product_uom_cubic_meter",
    "MTR": "uom.product_uom_meter",
    "CMT": "uom.product_uom_cm",
    "MMT": "uom.product_uom_millimeter",
    "KMT": "uom.product_uom_km",
}


def uom_xmlid(unit_code):
    """Return the Odoo UoM XML id for a UN/ECE Rec 20 unit code, or ``None`` when
    unknown.

    >>> uom_xmlid("KGM")
    'uom.product_uom_kgm'
    """
    if not unit_code:
        return None
    return UOM_XMLIDS.get(unit_code.strip().upper())


#: Peppol Electronic Address Scheme codes the Baltic importer understands.
EAS_LV_VAT = "9939"
EAS_LV_REGISTRY = "0218"
EAS_EE_VAT = "9931"
EAS_EE_REGISTRY = "0191"

#: scheme -> (country code, kind) with kind "vat" or "registry"
EAS_SCHEMES = {
    EAS_LV_VAT: ("LV", "vat"),
    EAS_LV_REGISTRY: ("LV", "registry"),
    EAS_EE_VAT: ("EE", "vat"),
    EAS_EE_REGISTRY: ("EE", "registry"),
}

_SEPARATORS = re.compile(r"[\s.\-/]")


def normalize_vat(value, country_code=None):
    """Return a VAT number in compact form (``LV40003000000``), or ``None`` when empty.

    Spaces, dots, dashes and slashes are removed and letters upper-cased; a number made
    only of digits gets ``country_code`` in front when one is given. Greece's VAT prefix
    is ``EL``. No checksum is verified here.
    """
    if not value:
        return None
    compact = _SEPARATORS.sub("", value).upper()
    if not compact:
        return None
    if compact.isdigit() and country_code:
        prefix = "EL" if country_code.upper() == "GR" else country_code.upper()
        compact = prefix + compact
    return compact


def normalize_registry(value, country_code=None):
    """Return a registration number without separators and without a country prefix."""
    if not value:
        return None
    compact = _SEPARATORS.sub("", value).upper()
    if (
        country_code
        and compact.startswith(country_code.upper())
        and compact[2:].isdigit()
    ):
        compact = compact[2:]
    return compact or None


def classify_endpoint(scheme, value):
    """Interpret a Peppol endpoint or party identifier.

    :returns: ``(kind, country_code, normalized_value)`` where kind is ``"vat"`` or
        ``"registry"``, or ``None`` for a scheme not listed in :data:`EAS_SCHEMES`.

    >>> classify_endpoint("9939", "40003000000")
    ('vat', 'LV', 'LV40003000000')
    >>> classify_endpoint("0218", "40003000000")
    ('registry', 'LV', '40003000000')
    """
    if not scheme or not value or scheme not in EAS_SCHEMES:
        return None
    country, kind = EAS_SCHEMES[scheme]
    if kind == "vat":
        return kind, country, normalize_vat(value, country)
    return kind, country, normalize_registry(value, country)


def party_vat(party):
    """Best VAT number of a parsed :class:`~.ubl.Party`: BT-31/48, else a VAT
    endpoint."""
    if party.vat:
        return normalize_vat(party.vat, party.country_code)
    found = classify_endpoint(party.endpoint_scheme, party.endpoint_id)
    if found and found[0] == "vat":
        return found[2]
    return None


def party_registry(party):
    """Best registration number of a parsed :class:`~.ubl.Party`.

    BT-30/47 legal id first, then a registry endpoint (0218, 0191), then a party
    identifier with such a scheme.
    """
    if party.company_id:
        return normalize_registry(party.company_id, party.country_code)
    candidates = [(party.endpoint_scheme, party.endpoint_id)]
    candidates += [(ident.scheme, ident.value) for ident in party.identifiers]
    for scheme, value in candidates:
        found = classify_endpoint(scheme, value)
        if found and found[0] == "registry":
            return found[2]
    return None

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Identifiers of a party, normalised so that the company's own can be compared with a
document's.

Plain Python: the Odoo layer gives the company's VAT number, registration number and
Peppol address, the parser gives the document's parties. Each identifier becomes a key:

* ``("vat", "LV40103000001")``: a VAT number with its country prefix (EAS 9939, 9931);
* ``("registry", "LV", "40103000001")``: a registration number and its country (EAS
  0218, 0191);
* ``("endpoint", "0088", "4035811991014")``: any other Peppol address, scheme and value.

In Latvia a company's VAT number is ``LV`` followed by its registration number, so a
Latvian registration number also gives the VAT key and the reverse
(:data:`VAT_FROM_REGISTRY`); Estonian VAT and registry codes are different numbers and
are never derived from each other.
"""

import re

from .helpers import EAS_SCHEMES, classify_endpoint, normalize_registry, normalize_vat

#: country -> how its VAT number follows from a legal entity's registration number
VAT_FROM_REGISTRY = {
    "LV": lambda registry: (
        f"LV{registry}" if re.fullmatch(r"\d{11}", registry) else None
    )
}

#: registration-number schemes of ``PartyLegalEntity/CompanyID`` -> country
REGISTRY_SCHEME_COUNTRY = {
    scheme: country
    for scheme, (country, kind) in EAS_SCHEMES.items()
    if kind == "registry"
}


def vat_keys(vat, country_code=None):
    """The keys of a VAT number: the VAT key, and the registry key where the country
    derives it."""
    value = normalize_vat(vat, country_code)
    if not value:
        return set()
    keys = {("vat", value)}
    country, rest = value[:2], value[2:]
    derive = VAT_FROM_REGISTRY.get(country)
    if derive and derive(rest) == value:
        keys.add(("registry", country, rest))
    return keys


def registry_keys(registry, country_code):
    """The keys of a registration number: the registry key, and the VAT key where the
    country derives it."""
    value = normalize_registry(registry, country_code)
    if not value or not country_code:
        return set()
    country = country_code.upper()
    keys = {("registry", country, value)}
    derive = VAT_FROM_REGISTRY.get(country)
    vat = derive(value) if derive else None
    if vat:
        keys.add(("vat", vat))
    return keys


def endpoint_keys(scheme, value):
    """The keys of a Peppol address (EAS scheme and identifier)."""
    if not scheme or not value:
        return set()
    found = classify_endpoint(scheme, value)
    if not found:
        return {("endpoint", scheme.strip(), re.sub(r"\s", "", value).upper())}
    kind, country, normalized = found
    if kind == "vat":
        return vat_keys(normalized, country)
    return registry_keys(normalized, country)


def identifier_keys(
    vat=None, registry=None, country_code=None, endpoint_scheme=None, endpoint_id=None
):
    """The keys of a company as Odoo knows it (VAT number, registration number, Peppol
    address)."""
    keys = vat_keys(vat, country_code)
    keys |= registry_keys(registry, country_code)
    keys |= endpoint_keys(endpoint_scheme, endpoint_id)
    return keys


def party_keys(party):
    """The keys of a parsed :class:`~.ubl.Party`: BT-31/48 VAT, BT-30/47 legal id,
    BT-29/46 ids, BT-34/49 address."""
    keys = vat_keys(party.vat, party.country_code)
    if party.company_id:
        country = REGISTRY_SCHEME_COUNTRY.get(
            party.company_id_scheme or "", party.country_code
        )
        keys |= registry_keys(party.company_id, country)
    for ident in party.identifiers:
        if ident.scheme in EAS_SCHEMES:
            keys |= endpoint_keys(ident.scheme, ident.value)
    keys |= endpoint_keys(party.endpoint_scheme, party.endpoint_id)
    return keys


def describe_keys(keys):
    """The keys as ``(kind, value)`` pairs for a message, in a stable order.

    kind is ``"vat"``, ``"registry"`` or ``"endpoint"``; the value of a registry key
    carries its country (``LV 40103000001``), of an endpoint key its scheme
    (``0088:4035811991014``).
    """
    described = []
    for key in sorted(keys):
        if key[0] == "vat":
            described.append(("vat", key[1]))
        elif key[0] == "registry":
            described.append(("registry", f"{key[1]} {key[2]}"))
        else:
            described.append(("endpoint", f"{key[1]}:{key[2]}"))
    return described

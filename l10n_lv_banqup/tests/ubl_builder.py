# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Peppol BIS Billing 3.0 invoices built for the tests: any parties, VAT categories,
rates and units.

Amounts are computed with ``Decimal`` the way BIS 3 asks (line net = quantity x price,
VAT per category = taxable x rate rounded to the cent), so a document is consistent to
the cent by construction (the parser checks BR-CO-10..16).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

CENT = Decimal("0.01")

#: VATEX codes of the categories that need an exemption reason (BR-AE-10, BR-E-10,
#: BR-IC-10, BR-G-10, BR-O-10)
EXEMPTION = {
    "AE": ("VATEX-EU-AE", "Reverse charge"),
    "E": ("VATEX-EU-132", "Exempt"),
    "K": ("VATEX-EU-IC", "Intra-Community supply"),
    "G": ("VATEX-EU-G", "Export outside the EU"),
    "O": ("VATEX-EU-O", "Not subject to VAT"),
}

#: Peppol EAS codes of VAT numbers used as endpoints (others get a GLN, scheme 0088)
VAT_EAS = {"LV": "9939", "EE": "9931"}


@dataclass
class DocParty:
    name: str
    country: str
    vat: str | None = None
    registry: str | None = None


@dataclass
class DocLine:
    name: str
    quantity: Decimal
    price: Decimal
    category: str
    percent: Decimal = Decimal(0)
    unit: str = "C62"

    @property
    def net(self):
        return (self.quantity * self.price).quantize(CENT)


@dataclass
class DocInvoice:
    number: str
    seller: DocParty
    buyer: DocParty
    lines: list[DocLine] = field(default_factory=list)
    issue_date: datetime.date = datetime.date(2026, 3, 2)
    currency: str = "EUR"
    #: document-level allowances: ``(amount, category, percent, reason)``
    allowances: list[tuple] = field(default_factory=list)

    def subtotals(self):
        """``{(category, percent): (taxable, tax)}`` in order of appearance."""
        groups = {}
        for line in self.lines:
            key = (line.category, line.percent)
            groups[key] = groups.get(key, Decimal(0)) + line.net
        for amount, category, percent, _reason in self.allowances:
            groups[(category, percent)] = (
                groups.get((category, percent), Decimal(0)) - amount
            )
        return {
            key: (taxable, (taxable * key[1] / 100).quantize(CENT))
            for key, taxable in groups.items()
        }

    def allowance_total(self):
        return sum(
            (amount for amount, _category, _percent, _reason in self.allowances),
            Decimal(0),
        )

    def totals(self):
        """``(untaxed, tax, total)``: the total without VAT is after document allowances
        (BT-109)."""
        subtotals = self.subtotals()
        untaxed = (
            sum((line.net for line in self.lines), Decimal(0)) - self.allowance_total()
        )
        tax = sum((tax for _taxable, tax in subtotals.values()), Decimal(0))
        return untaxed, tax, untaxed + tax

    def to_xml(self):
        cur = self.currency
        untaxed, tax, total = self.totals()
        line_extension = sum((line.net for line in self.lines), Decimal(0))
        allowances = "".join(
            f"""
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReason>{escape(reason)}</cbc:AllowanceChargeReason>
    <cbc:Amount currencyID="{cur}">{amount:.2f}</cbc:Amount>
    {_category("TaxCategory", category, percent)}
  </cac:AllowanceCharge>"""
            for amount, category, percent, reason in self.allowances
        )
        allowance_total = (
            f"<cbc:AllowanceTotalAmount "
            f'currencyID="{cur}">{self.allowance_total():.2f}</cbc:AllowanceTotalAmount>'
            if self.allowances
            else ""
        )
        subtotals = "".join(
            f"""
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="{cur}">{taxable:.2f}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="{cur}">{amount:.2f}</cbc:TaxAmount>
      {_category("TaxCategory", category, percent, exemption=True)}
    </cac:TaxSubtotal>"""
            for (category, percent), (taxable, amount) in self.subtotals().items()
        )
        lines = "".join(
            f"""
  <cac:InvoiceLine>
    <cbc:ID>{index}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="{line.unit}">{line.quantity}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="{cur}">{line.net:.2f}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>{escape(line.name)}</cbc:Name>
      {_category("ClassifiedTaxCategory", line.category, line.percent)}
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="{cur}">{line.price}</cbc:PriceAmount>
    </cac:Price>
  </cac:InvoiceLine>"""
            for index, line in enumerate(self.lines, start=1)
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" \
xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{escape(self.number)}</cbc:ID>
  <cbc:IssueDate>{self.issue_date.isoformat()}</cbc:IssueDate>
  <cbc:DueDate>{(self.issue_date + datetime.timedelta(days=14)).isoformat()}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>{escape(self.number)}</cbc:BuyerReference>
  <cac:AccountingSupplierParty>{_party(self.seller)}</cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>{_party(self.buyer)}</cac:AccountingCustomerParty>{allowances}
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="{cur}">{tax:.2f}</cbc:TaxAmount>{subtotals}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="{cur}">{line_extension:.2f}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="{cur}">{untaxed:.2f}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="{cur}">{total:.2f}</cbc:TaxInclusiveAmount>
    {allowance_total}
    <cbc:PayableAmount currencyID="{cur}">{total:.2f}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>{lines}
</Invoice>
""".encode()  # noqa: E501


def _category(tag, category, percent, exemption=False):
    reason = ""
    if exemption and category in EXEMPTION:
        code, text = EXEMPTION[category]
        reason = (
            f"<cbc:TaxExemptionReasonCode>{code}</cbc:TaxExemptionReasonCode>"
            f"<cbc:TaxExemptionReason>{text}</cbc:TaxExemptionReason>"
        )
    rate = "" if category == "O" else f"<cbc:Percent>{percent}</cbc:Percent>"
    scheme = "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
    return f"<cac:{tag}><cbc:ID>{category}</cbc:ID>{rate}{reason}{scheme}</cac:{tag}>"


def _party(party):
    tax_scheme = (
        f"<cac:PartyTaxScheme><cbc:CompanyID>{party.vat}</cbc:CompanyID>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
        if party.vat
        else ""
    )
    legal_id = (
        f"<cbc:CompanyID>{party.registry}</cbc:CompanyID>" if party.registry else ""
    )
    scheme = VAT_EAS.get(party.country) if party.vat else None
    endpoint = party.vat if scheme else "7300010000001"
    return f"""
    <cac:Party>
      <cbc:EndpointID schemeID="{scheme or "0088"}">{escape(endpoint)}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>{escape(party.name)}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Street 1</cbc:StreetName>
        <cbc:CityName>City</cbc:CityName>
        <cbc:PostalZone>1000</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>{party.country}</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      {tax_scheme}
      <cac:PartyLegalEntity><cbc:RegistrationName>{escape(party.name)}</cbc:RegistrationName>{legal_id}</cac:PartyLegalEntity>
    </cac:Party>"""

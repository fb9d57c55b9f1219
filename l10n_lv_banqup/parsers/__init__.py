# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Plain-Python parsers of the Banqup addon (no import of the Odoo framework here).

``ubl`` loads untrusted XML with the shared safe loader of ``base_xml_safe`` (plain
Python, :mod:`odoo.addons.base_xml_safe.tools.xmlsafe`) and turns a UBL 2.1 / Peppol BIS
Billing 3.0 Invoice or CreditNote into plain dataclasses with ``Decimal`` amounts,
``helpers`` maps code lists (UN/ECE Rec 20 units, Peppol EAS) to what the Odoo layer
needs.
"""

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Plain-Python Banqup client package (no Odoo import here).

* :mod:`.transport` - the transport interface and its data classes;
* :mod:`.btx` - the BTX REST implementation (OAuth2 client credentials, spaces,
  documents);
* :mod:`.upload` - the "upload" transport (UBL files or a zip exported from Banqup);
* :mod:`.vies` - EU VIES VAT number check over SOAP (zeep, local WSDL);
* :mod:`.exceptions` - small exception classes with translatable templates.
"""

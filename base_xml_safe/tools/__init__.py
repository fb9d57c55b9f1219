# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Plain-Python tools of ``base_xml_safe`` (no Odoo import): :mod:`.xmlsafe`, the safe
XML loader, and :mod:`.exceptions`, its errors."""

from . import exceptions, xmlsafe

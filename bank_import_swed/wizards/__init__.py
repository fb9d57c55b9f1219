# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import (
    account_receipt_import_mixin,
    account_receipt_import_skip,
    account_receipt_camt_match,
    account_receipt_camt_import,
    account_receipt_camt_import_line,
    account_receipt_factoring_import,
    account_receipt_camt_background,
)

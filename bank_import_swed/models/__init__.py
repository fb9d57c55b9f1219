# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import account_journal, account_receipt, account_receipt_line
from . import res_company, account_receipt_fee_tax
from . import (
    res_company_background,
    account_receipt_import_job,
    account_receipt_import_lock,
)
from . import account_receipt_import_stop

from . import account_journal, account_receipt, account_receipt_line
from . import res_company

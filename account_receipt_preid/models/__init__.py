# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import res_company
from . import res_config_settings
from . import res_partner
from . import account_account
from . import account_chart_template
from . import account_journal
from . import account_receipt
from . import account_receipt_line
from . import account_receipt_residue
from . import account_receipt_refund
from . import account_move
from . import account_move_owner
from . import account_prepayment
from . import account_prepayment_pick
from . import account_receipt_prepayment
from . import account_receipt_prepayment_fx
from . import account_move_prepayment
from . import account_move_prepayment_amount
from . import account_prepayment_pick_fill
from . import account_partial_reconcile
from . import res_company_prepayment
from . import res_config_settings_prepayment
from . import res_partner_prepayment
from . import account_prepayment_history
from . import account_receipt_forecast

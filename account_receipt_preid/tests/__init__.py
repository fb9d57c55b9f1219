# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_install
from . import test_receipt_posting
from . import test_receipt_fx
from . import test_receipt_flow
from . import test_receipt_security
from . import test_preid_ledger
from . import test_preid_fx
from . import test_preid_sepa
from . import test_receipt_row_kinds
from . import test_receipt_typed_amounts
from . import test_preid_concurrency
from . import test_preid_property
from . import test_preid_security
from . import test_tour_receipt
from . import test_receipt_ui
from . import test_preid_checker
from . import test_preid_paths
from . import test_preid_fx_consume
from . import test_receipt_entry_owner
from . import test_wizard_isolation
from . import test_preid_ledger_access
from . import test_preid_picks
from . import test_preid_batch
from . import test_preid_prepayment_amount

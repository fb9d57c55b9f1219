# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_install, test_import_camt, test_import_factoring, test_import_notifications, test_import_tour
from . import test_import_wizard_paths
from . import test_fee_tax, test_background_import

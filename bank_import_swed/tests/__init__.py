# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_install
from . import test_import_camt
from . import test_import_factoring
from . import test_import_notifications
from . import test_import_tour
from . import test_import_wizard_paths
from . import test_import_duplicates
from . import test_import_factoring_warnings
from . import test_import_formats
from . import test_import_isolation
from . import test_import_matching
from . import test_matching_month
from . import test_parser_camt
from . import test_parser_factoring
from . import test_parser_keys
from . import test_parser_versions
from . import test_refs
from . import test_xmlsafe
from . import test_fee_tax
from . import test_background_import
from . import test_guarantees_import_lock

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import banqup_register_wizard
from . import banqup_upload_wizard
from . import banqup_upload_wizard_parties
from . import banqup_register_wizard_neutralize

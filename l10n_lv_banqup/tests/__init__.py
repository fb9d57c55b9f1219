# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_install
from . import test_banqup_tour
from . import test_banqup_error_language
from . import test_banqup_registration
from . import test_banqup_import
from . import test_banqup_fetch
from . import test_banqup_security
from . import test_banqup_partner_vies
from . import test_banqup_concurrency
from . import test_banqup_batch_import
from . import test_banqup_mail_delivery
from . import test_banqup_listener
from . import test_banqup_wizard_isolation
from . import test_banqup_send
from . import test_banqup_send_crash
from . import test_banqup_send_tour
from . import test_banqup_mail_tour
from . import test_banqup_fault_tour
from . import test_banqup_faults
from . import test_banqup_payload_security
from . import test_banqup_message_language

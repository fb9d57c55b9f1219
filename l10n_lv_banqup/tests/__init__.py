from . import test_install
from . import test_banqup_registration
from . import test_banqup_import
from . import test_banqup_fetch
from . import test_banqup_security
from . import test_banqup_partner_vies
from . import test_banqup_concurrency
from . import test_banqup_tour

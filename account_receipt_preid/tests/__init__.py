from . import test_install
from . import test_receipt_posting
from . import test_receipt_fx
from . import test_receipt_flow
from . import test_receipt_security

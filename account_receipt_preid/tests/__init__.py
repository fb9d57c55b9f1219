from . import test_install
from . import test_receipt_posting
from . import test_receipt_fx

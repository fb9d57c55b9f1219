from . import test_install, test_import_camt, test_import_factoring

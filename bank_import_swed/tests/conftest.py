"""pytest setup for the plain-Python parser tests of this addon.

pytest-odoo registers an autouse, session-wide ``load_registry`` fixture that needs an Odoo
database. The parser tests (``test_parser_*.py``, ``test_refs.py``, ``test_xmlsafe.py``) need
none, so when pytest runs without an Odoo database (``python -m pytest bank_import_swed/tests/
test_parser_camt.py``) that fixture is replaced here by one that does nothing. With a database
(``./dev test`` passes ``--odoo-config``/``--odoo-database``) nothing is overridden and the
Odoo tests of this folder run as usual.
"""

import pytest

try:
    from odoo.tools import config as _odoo_config
except ImportError:  # Odoo not installed: plain Python environment
    _odoo_config = {}

if not _odoo_config.get("db_name"):

    @pytest.fixture(scope="session", autouse=True)
    def load_registry():
        """No Odoo database configured: plain tests run without Odoo's registry."""
        yield

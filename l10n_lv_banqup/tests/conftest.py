"""Let the plain-Python tests of this directory run without an Odoo database.

The project venv has pytest-odoo, whose autouse session fixture ``load_registry``
loads the Odoo registry and fails when no database is configured. The parser, client,
emulator and VIES tests need no database, so when pytest runs without
``--odoo-database`` / ``--odoo-config`` this fixture of the same name does nothing.
With a database (``./dev test``) it loads the registry exactly like the plugin does.
"""

import pytest


def _odoo_database():
    """The configured Odoo database name, or None (also when Odoo is not importable)."""
    try:
        from odoo.tools import config
    except ImportError:
        return None
    return config.get("db_name") or None


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Replace pytest-odoo's registry loading by a no-op when there is no database."""
    if not _odoo_database():
        yield
        return
    import pytest_odoo

    import odoo.modules.registry

    with pytest_odoo._worker_db_name() as db_name:
        odoo.modules.registry.Registry(db_name)
        yield

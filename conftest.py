# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""pytest setup shared by every test folder.

Two ways to run the tests:

- ``./dev test``: pytest-odoo (``--odoo-database`` …) loads the registry of a fresh test
  database; every test runs.
- ``./dev unit``: ``pytest -p no:odoo``, no database: the addons are imported as
  ``odoo.addons.<addon>`` as under pytest-odoo, plain tests (tooling) and the
  database-free Odoo test cases (``odoo.tests.BaseCase`` subclasses such as the addons'
  ``tests/cases.py`` ``UnitCase``: parsers, clients, XML safety) run, and the Odoo test
  cases that need a database (``TransactionCase``, ``HttpCase``...) are skipped with one
  line saying how to run them.
"""

import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


class _DropTestFrameworkImportError(logging.Filter):
    """pytest-odoo imports test modules before it switches Odoo's test mode on, so Odoo
    logs a scary "Importing test framework" error with a stack trace for every run; it
    is not an error here."""

    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_DropTestFrameworkImportError())


def _without_database(config):
    return not config.pluginmanager.has_plugin("odoo")


def pytest_configure(config):
    if not _without_database(config):
        return
    import pytest_odoo

    import odoo.addons

    # our addons and Odoo's own addons folder (test modules import
    # odoo.addons.account...)
    for folder in (ROOT, Path(odoo.addons.__file__).resolve().parents[2] / "addons"):
        if folder.is_dir() and str(folder) not in odoo.addons.__path__:
            odoo.addons.__path__.append(str(folder))
    # name addon test modules odoo.addons.<addon>.tests.<module>, like pytest-odoo does
    pytest_odoo.monkey_patch_resolve_pkg_root_and_module_name()
    # run the database-free Odoo test cases as pytest-odoo runs test cases: unittest's
    # run and subTest instead of Odoo's (they expect Odoo's test result object)
    pytest_odoo.support_subtest()
    pytest_odoo.disable_odoo_test_retry()


def pytest_collection_modifyitems(config, items):
    if not _without_database(config):
        return
    from odoo.tests.common import SingleTransactionCase, TransactionCase

    skip = pytest.mark.skip(
        reason="Odoo test case: needs a database, run it with ./dev test"
    )
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(
            cls, (TransactionCase, SingleTransactionCase)
        ):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _static_folders_read_once(request):
    """Odoo's web server reads every addon's manifest on the first static file request,
    lazily (``odoo.http.root.statics``). A browser asks for several files at once, so
    several request threads can do it together, and Python 3.11's parser is not
    thread-safe there (https://github.com/python/cpython/issues/106905: "SystemError:
    AST constructor recursion depth mismatch", a tour then fails at random). Read them
    once here, before any server thread runs."""
    if _without_database(request.config):
        return
    from odoo import http

    _ = http.root.statics

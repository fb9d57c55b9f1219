"""pytest setup shared by every test folder."""

import logging


class _DropTestFrameworkImportError(logging.Filter):
    """pytest-odoo imports test modules before it switches Odoo's test mode on, so Odoo
    logs a scary "Importing test framework" error with a stack trace for every run; it
    is not an error here."""

    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_DropTestFrameworkImportError())

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Set-up of the browser tours, here and in the addons that depend on this one."""

import unittest

from odoo import Command
from odoo.tests import new_test_user

ACCOUNTANT_GROUPS = "base.group_user,account.group_account_user"
NO_CHROMIUM = "no Chromium found: browser tours skipped (install chromium to run them)"


class TourMixin:
    """First base of a tour test case (an ``HttpCase`` with ``cls.company``).

    The case is skipped with one clear line when no Chromium can be found, before the
    company set-up (instead of Odoo's own message deep in it);
    :meth:`_make_tour_user` makes the user who clicks through the tour.
    """

    @classmethod
    def setUpClass(cls):
        from odoo.tests.common import _find_executable

        try:
            _find_executable()
        except unittest.SkipTest:
            raise unittest.SkipTest(NO_CHROMIUM) from None
        super().setUpClass()

    @classmethod
    def _make_tour_user(cls, login, name, groups=ACCOUNTANT_GROUPS):
        """A user of the test company only (not the administrator): an accountant."""
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=groups,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

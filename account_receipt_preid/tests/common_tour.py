# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Set-up of the browser tours, here and in the addons that depend on this one."""

import unittest

from odoo import Command, http
from odoo.tests import new_test_user

ACCOUNTANT_GROUPS = "base.group_user,account.group_account_user"
NO_CHROMIUM = "no Chromium found: browser tours skipped (install chromium to run them)"


class TourMixin:
    """First base of a tour test case (an ``HttpCase`` with ``cls.company``).

    The case is skipped with one clear line when no Chromium can be found, before the
    company set-up (instead of Odoo's own message deep in it); the web server's list
    of static folders is read before the browser starts;
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
        # the web server reads every addon's manifest on the first static file request;
        # read them now, in one thread: several request threads doing it at once can
        # fail on Python 3.11 (https://github.com/python/cpython/issues/106905)
        _ = http.root.statics

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

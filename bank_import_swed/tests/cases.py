# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Database-free test cases collected by both runners.

``UnitCase`` is an ``odoo.tests.BaseCase``: Odoo's runner (``odoo-bin --test-enable``)
and pytest-odoo (``./dev test``) run it, and ``./dev unit`` runs it without a database
(see the root ``conftest.py``). Two conveniences keep the tests written like the pytest
functions they were:

- ``@parametrize("a, b", [(1, 2), ...])`` on a method expands it into one test method
  per value set, named ``test_x__0``, ``test_x__1``..., so each case passes or fails
  alone in both runners;
- a test method's other parameters are filled from the test's attributes of the same
  name (set them in ``setUp``), as pytest fixtures were.
"""

import functools
import importlib
import inspect
import itertools

from odoo.tests import BaseCase


def parametrize(argnames, argvalues):
    """Run the decorated test method once per item of ``argvalues`` (see the module
    docstring)."""
    names = (
        [name.strip() for name in argnames.split(",")]
        if isinstance(argnames, str)
        else list(argnames)
    )

    def decorator(func):
        sets = [
            dict(zip(names, values if len(names) > 1 else (values,), strict=True))
            for values in argvalues
        ]
        previous = getattr(func, "_parametrize", None)
        func._parametrize = (
            [{**a, **b} for a, b in itertools.product(sets, previous)]
            if previous is not None
            else sets
        )
        return func

    return decorator


def _with_attributes(func, given):
    """``func(self)`` with ``given`` arguments and the others taken from ``self``'s
    attributes."""
    wanted = [
        name
        for name in list(inspect.signature(func).parameters)[1:]
        if name not in given
    ]

    @functools.wraps(func)
    def method(self):
        return func(self, **given, **{name: getattr(self, name) for name in wanted})

    method.__signature__ = inspect.Signature(
        [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    )
    return method


class UnitCase(BaseCase):
    """A test case that needs no database (parsers, clients, XML safety)."""

    def importorskip(self, module):
        """The module named ``module``; the test is skipped, saying why, when it is not
        installed."""
        try:
            return importlib.import_module(module)
        except ImportError:
            self.skipTest(f"{module} is not installed (test-requirements.txt)")

    def __init_subclass__(cls, **kwargs):
        res = super().__init_subclass__(**kwargs)
        for name, func in list(vars(cls).items()):
            if not name.startswith("test") or not callable(func):
                continue
            sets = getattr(func, "_parametrize", None)
            if sets is None:
                if len(inspect.signature(func).parameters) > 1:
                    setattr(cls, name, _with_attributes(func, {}))
                continue
            delattr(cls, name)
            for index, given in enumerate(sets):
                method = _with_attributes(func, given)
                method.__name__ = method.__qualname__ = f"{name}__{index}"
                method.__doc__ = (
                    f"{func.__doc__ or name} "
                    f"[{', '.join(f'{k}={v!r:.60}' for k, v in given.items())}]"
                )
                setattr(cls, method.__name__, method)
        return res

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import models
from . import report
from . import wizards


def post_init_hook(env):
    """Day-one set-up of the companies that already have a chart: their prepayment
    account from the chart."""
    env["res.company"].search([])._receipt_set_default_accounts()

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_sale_receipt
from . import test_tour_sale_receipt
from . import test_guarantees_odoo_buttons

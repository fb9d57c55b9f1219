# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Estonian companies that had their chart before this addon get their Banqup tax
    mapping rows."""
    env["l10n_lv_banqup.tax.mapping"]._banqup_fill_defaults()

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: post one receipt of N lines vs Odoo's Register Payment wizard.

    ./dev bench receipt                       # N = 200 and 2000, peer at both sizes
    # skip the (very slow) peer at 2000
    ./dev bench receipt --sizes 200,2000 --peer-max 200

Data per size N: N/4 customers, N open customer invoices of a Latvian (EUR) company,
twice (one set for us, one identical set for the peer). Ours: one draft receipt with
one line per invoice, then ``action_post()`` (entry + reconciliation) is measured.
Peer: ``account.payment.register`` on the same invoices, grouped per customer
(``group_payment``), ``action_create_payments()`` measured.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

from odoo import Command, fields

MODULES = ["l10n_lv", "account_receipt_preid"]
DATE = "2026-02-01"


def setup_company(env):
    """The database's main company, in EUR with the Latvian chart of accounts (a new
    company with a country would try to install more localisation modules)."""
    company = env.ref("base.main_company")
    if not company.chart_template:
        company.write(
            {"name": "Bench Receipts SIA", "currency_id": env.ref("base.EUR").id}
        )
        env.ref("base.EUR").active = True
        env["account.chart.template"].try_loading(
            "lv", company=company, install_demo=False
        )
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    return env, company


def make_invoices(env, company, size, tag):
    """``size`` posted invoices for ``size // 4`` customers (at least one)."""
    partners = env["res.partner"].create(
        [
            {"name": f"Customer {tag} {i}", "company_id": False}
            for i in range(max(1, size // 4))
        ]
    )
    revenue = env["account.account"].search(
        [
            *env["account.account"]._check_company_domain(company),
            ("account_type", "=", "income"),
        ],
        limit=1,
    )
    vals = [
        {
            "move_type": "out_invoice",
            "partner_id": partners[i % len(partners)].id,
            "invoice_date": "2026-01-15",
            "date": "2026-01-15",
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Service",
                        "quantity": 1,
                        "price_unit": 100 + i % 97,
                        "tax_ids": [Command.clear()],
                        "account_id": revenue.id,
                    }
                )
            ],
        }
        for i in range(size)
    ]
    invoices = env["account.move"].create(vals)
    invoices.action_post()
    return invoices


def run_ours(env, journal, invoices, profile=False):
    receipt = env["account.receipt"].create(
        {
            "journal_id": journal.id,
            "date": DATE,
            "line_ids": [
                Command.create(
                    {
                        "partner_id": inv.commercial_partner_id.id,
                        "invoice_id": inv.id,
                        "amount": inv.amount_residual,
                    }
                )
                for inv in invoices
            ],
        }
    )
    with benchlib.measure(env, "receipt action_post (ours)", len(invoices)) as result:
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(receipt.action_post)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        else:
            receipt.action_post()
    assert set(invoices.mapped("payment_state")) == {"paid"}, set(
        invoices.mapped("payment_state")
    )
    result.extra["lines"] = len(receipt.move_id.line_ids)
    return result


def run_peer(env, journal, invoices):
    wizard = (
        env["account.payment.register"]
        .with_context(active_model="account.move", active_ids=invoices.ids)
        .create({"journal_id": journal.id, "payment_date": DATE, "group_payment": True})
    )
    with benchlib.measure(
        env, "account.payment.register (peer)", len(invoices)
    ) as result:
        wizard.action_create_payments()
    assert set(invoices.mapped("payment_state")) <= {"paid", "in_payment"}, set(
        invoices.mapped("payment_state")
    )
    return result


def main():
    parser = benchlib.arg_parser(__doc__)
    parser.add_argument(
        "--sizes", default="200,2000", help="comma-separated numbers of invoices"
    )
    parser.add_argument(
        "--peer-max",
        type=int,
        default=0,
        help="skip the peer above this size (0: never skip)",
    )
    parser.add_argument(
        "--mode", default="none", help="aggregation mode of the company"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of our posting"
    )
    args = benchlib.parse_args(parser, sizes="3")
    db = args.db or "bench_receipt"
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"creating database {db} with {', '.join(MODULES)}", flush=True)
    benchlib.create_db(args.odoo_config, db, MODULES)
    ours, peers = [], []
    try:
        with benchlib.environment(args.odoo_config, db) as env:
            env, company = setup_company(env)
            company.receipt_aggregation = args.mode
            journal = env["account.journal"].search(
                [
                    *env["account.journal"]._check_company_domain(company),
                    ("type", "=", "bank"),
                ],
                limit=1,
            )
            for size in sizes:
                with_peer = not args.peer_max or size <= args.peer_max
                print(
                    f"size {size}: creating {2 if with_peer else 1} x {size} invoices",
                    flush=True,
                )
                mine = make_invoices(env, company, size, f"o{size}")
                theirs = (
                    make_invoices(env, company, size, f"p{size}") if with_peer else None
                )
                env.invalidate_all()
                ours.append(run_ours(env, journal, mine, profile=args.profile))
                print(
                    f"  ours: {ours[-1].seconds:.2f} s, {ours[-1].queries} queries",
                    flush=True,
                )
                if with_peer:
                    env.invalidate_all()
                    peers.append(run_peer(env, journal, theirs))
                    print(
                        f"  peer: {peers[-1].seconds:.2f} s, {peers[-1].queries} "
                        f"queries",
                        flush=True,
                    )
    finally:
        if not args.keep_db:
            benchlib.drop_db(args.odoo_config, db)
    benchlib.report(
        f"Receipt posting vs Register Payment (grouped per customer), aggregation "
        f"'{args.mode}', {fields.Date.today()}",
        ours,
        peers,
    )


if __name__ == "__main__":
    main()

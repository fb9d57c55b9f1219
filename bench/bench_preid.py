# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: posting customer invoices settled FIFO by PreIDs.

    # 10,000 used PreIDs, 50 open, 5 invoices per customer; batch of 200
    ./dev bench preid
    ./dev bench preid --used 2000 --invoices 3 --batch 100

1. Used PreIDs cost nothing: one invoice at a time (``action_post()``, 2.5 PreIDs taken
   FIFO, one application entry reconciled) for a customer with 10,000 fully used PreIDs
   and 50 open ones vs a customer with only 50 PreIDs (the peer). Both should be about
   equal: the candidate PreIDs are searched on the indexed ``state``.
2. Invoices posted together: ``--batch`` invoices (4 per customer, 25 EUR each, PreIDs
   of 10 EUR) posted in one ``action_post()`` with FIFO (each takes 2.5 PreIDs:
   application entries created, posted and reconciled in one pass), against the same
   number of invoices of the same customers posted together without FIFO (the company
   setting off: Odoo's own posting), and against the same work posted one invoice at a
   time.

The PreIDs are created with the ORM as the superuser (the used ones with one allocation
each, as the ledger's tests do); the measured blocks include the chatter tracking of the
PreIDs (``precommit``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from bench_receipt import setup_company

from odoo import Command, fields

MODULES = ["l10n_lv", "account_receipt_preid"]
BATCH = 2000


def make_prepayments(env, company, account, partner, count, used):
    """``count`` PreIDs of 10 EUR for ``partner``; the first ``used`` of them fully
    allocated (refunded)."""
    env = env(context=dict(env.context, tracking_disable=True))
    Prepayment = env["account.prepayment"]
    for start in range(0, count, BATCH):
        stop = min(count, start + BATCH)
        prepayments = Prepayment.create(
            [
                {
                    "name": f"BENCH/{partner.id}/{index:06d}",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "currency_id": company.currency_id.id,
                    "account_id": account.id,
                    "date": "2025-01-01" if index < used else "2026-01-01",
                    "amount": 10,
                }
                for index in range(start, stop)
            ]
        )
        allocations = [
            {
                "prepayment_id": prepayment.id,
                "amount": 10,
                "kind": "refund",
                "date": "2025-06-01",
            }
            for index, prepayment in zip(range(start, stop), prepayments, strict=True)
            if index < used
        ]
        if allocations:
            env["account.prepayment.allocation"].create(allocations)
        env.flush_all()
        env.invalidate_all()


def make_invoices(env, partners, revenue):
    """One draft invoice of 25 EUR per partner of ``partners`` (a list, repeats
    allowed)."""
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-02-01",
                "date": "2026-02-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Service",
                            "quantity": 1,
                            "price_unit": 25,
                            "tax_ids": [Command.clear()],
                            "account_id": revenue.id,
                        }
                    )
                ],
            }
            for partner in partners
        ]
    )
    env.flush_all()
    env.invalidate_all()
    return invoices


def post(env, label, invoices, one_by_one=False):
    """Measure the posting of ``invoices`` (together, or one ``action_post()`` each)."""
    with benchlib.measure(env, label, len(invoices)) as result:
        for batch in invoices if one_by_one else [invoices]:
            batch.action_post()
        env.flush_all()
        env.cr.precommit.run()
    env.invalidate_all()
    return result


def bench_used(env, company, account, revenue, args):
    """Part 1: one invoice at a time, heavy (many used PreIDs) vs light customer."""
    heavy, light = env["res.partner"].create(
        [{"name": "Heavy customer"}, {"name": "Light customer"}]
    )
    print(
        f"creating {args.used} used + {args.open} open PreIDs, and {args.open} PreIDs",
        flush=True,
    )
    make_prepayments(env, company, account, heavy, args.used + args.open, args.used)
    make_prepayments(env, company, account, light, args.open, 0)
    results = {}
    for key, partner in (("heavy", heavy), ("light", light)):
        rows = []
        for _index in range(args.invoices):
            invoice = make_invoices(env, [partner], revenue)
            rows.append(post(env, key, invoice))
            assert invoice.payment_state == "paid", invoice.payment_state
        # the first posting warms the caches; keep the others when there are several
        results[key] = rows[1:] or rows
    return results


def bench_batch(env, company, account, revenue, size):
    """Part 2: ``size`` invoices posted together with FIFO, without FIFO, and one by one
    with FIFO."""
    customers = env["res.partner"].create(
        [{"name": f"Batch customer {i}"} for i in range(max(1, size // 4))]
    )
    partners = [customers[i % len(customers)] for i in range(size)]
    for customer in customers:
        # 4 invoices of 25 per customer and PreIDs of 10: 10 PreIDs per customer, 2.5
        # per invoice
        make_prepayments(env, company, account, customer, 10 * 2, 0)
    results = {}
    company.receipt_prepayment_auto_fifo = False
    invoices = make_invoices(env, partners, revenue)
    results["without"] = post(env, "without FIFO, together", invoices)
    assert set(invoices.mapped("payment_state")) == {"not_paid"}
    company.receipt_prepayment_auto_fifo = True
    invoices = make_invoices(env, partners, revenue)
    results["with"] = post(env, "with FIFO, together", invoices)
    assert set(invoices.mapped("payment_state")) == {"paid"}, set(
        invoices.mapped("payment_state")
    )
    invoices = make_invoices(env, partners, revenue)
    results["one_by_one"] = post(
        env, "with FIFO, one by one", invoices, one_by_one=True
    )
    assert set(invoices.mapped("payment_state")) == {"paid"}, set(
        invoices.mapped("payment_state")
    )
    return results


def main():
    parser = benchlib.arg_parser(__doc__)
    parser.add_argument(
        "--used",
        type=int,
        default=10000,
        help="fully used PreIDs of the heavy customer",
    )
    parser.add_argument(
        "--open", type=int, default=50, help="open PreIDs of each customer"
    )
    parser.add_argument(
        "--invoices",
        type=int,
        default=5,
        help="invoices posted one by one per customer (part 1)",
    )
    parser.add_argument(
        "--batch", type=int, default=200, help="invoices posted together (part 2)"
    )
    args = benchlib.parse_args(parser, used=20, open=10, invoices=2, batch=4)
    db = args.db or "bench_preid"
    print(f"creating database {db} with {', '.join(MODULES)}", flush=True)
    benchlib.create_db(args.odoo_config, db, MODULES)
    try:
        with benchlib.environment(args.odoo_config, db) as env:
            env, company = setup_company(env)
            company.receipt_prepayment_auto_fifo = True
            account = env["account.account"].create(
                {
                    "name": "Customer prepayments",
                    "code": "BENCH1",
                    "account_type": "liability_current",
                }
            )
            revenue = env["account.account"].search(
                [
                    *env["account.account"]._check_company_domain(company),
                    ("account_type", "=", "income"),
                ],
                limit=1,
            )
            used = bench_used(env, company, account, revenue, args)
            batch = bench_batch(env, company, account, revenue, args.batch)
    finally:
        if not args.keep_db:
            benchlib.drop_db(args.odoo_config, db)
    print(f"\nInvoice posting with FIFO over PreIDs, {fields.Date.today()}")
    print(
        f"{'what':<46} {'invoices':>8} {'ms/invoice':>11} {'queries/invoice':>16} "
        f"{'ratio':>8}"
    )

    def line(label, rows, ratio=""):
        count = sum(r.size for r in rows)
        ms = 1000 * sum(r.seconds for r in rows) / count
        queries = sum(r.queries for r in rows) / count
        print(f"{label:<46} {count:>8} {ms:>11.1f} {queries:>16.1f} {ratio:>8}")
        return ms

    heavy = line(
        f"one at a time, {args.used} used + {args.open} open PreIDs", used["heavy"]
    )
    light = line(f"one at a time, {args.open} PreIDs (peer)", used["light"])
    print(
        f"{'  heavy / light (1.0 = used PreIDs cost nothing)':<46} {'':>8} {'':>11} "
        f"{'':>16} {heavy / light:>7.2f}x"
    )
    without = line("together, without FIFO", [batch["without"]])
    together = line("together, with FIFO", [batch["with"]])
    one_by_one = line("one by one, with FIFO", [batch["one_by_one"]])
    print(
        f"{'  with FIFO / without FIFO (together)':<46} {'':>8} {'':>11} {'':>16} "
        f"{together / without:>7.2f}x"
    )
    print(
        f"{'  one by one / together (with FIFO)':<46} {'':>8} {'':>11} {'':>16} "
        f"{one_by_one / together:>7.2f}x"
    )


if __name__ == "__main__":
    main()

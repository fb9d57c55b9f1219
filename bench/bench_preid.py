"""Benchmark: posting a customer invoice settled FIFO by PreIDs, for a customer with 10,000 fully used PreIDs
and 50 open ones vs a customer with only 50 PreIDs.

    ./dev bench preid                      # 10,000 used PreIDs, 50 open, 5 invoices per customer
    ./dev bench preid --used 2000 --invoices 3

The PreIDs are created with the ORM (the used ones with one allocation each); each measured invoice is posted
with ``action_post()`` and takes 2.5 PreIDs FIFO (one application entry, reconciled). Both customers' times and
query counts should be about equal: the candidate PreIDs are searched on the indexed ``state``, so fully used
PreIDs are never read.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from bench_receipt import drop_db, setup_company

from odoo import Command, fields

MODULES = ["l10n_lv", "account_receipt_preid"]
BATCH = 2000


def make_prepayments(env, company, account, partner, count, used):
    """``count`` PreIDs of 10 EUR for ``partner``; the first ``used`` of them fully allocated (refunded)."""
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
            {"prepayment_id": prepayment.id, "amount": 10, "kind": "refund", "date": "2025-06-01"}
            for index, prepayment in zip(range(start, stop), prepayments, strict=True)
            if index < used
        ]
        if allocations:
            env["account.prepayment.allocation"].create(allocations)
        env.flush_all()
        env.invalidate_all()


def make_invoice(env, company, partner, revenue):
    invoice = env["account.move"].create(
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
    )
    env.flush_all()
    env.invalidate_all()
    return invoice


def main():
    parser = benchlib.arg_parser(__doc__)
    parser.add_argument("--used", type=int, default=10000, help="fully used PreIDs of the heavy customer")
    parser.add_argument("--open", type=int, default=50, help="open PreIDs of each customer")
    parser.add_argument("--invoices", type=int, default=5, help="invoices posted per customer")
    args = parser.parse_args()
    db = args.db or "bench_preid"
    print(f"creating database {db} with {', '.join(MODULES)}", flush=True)
    benchlib.create_db(args.odoo_config, db, MODULES)
    results = []
    try:
        with benchlib.environment(args.odoo_config, db) as env:
            env, company = setup_company(env)
            company.receipt_prepayment_auto_fifo = True
            account = env["account.account"].create(
                {"name": "Customer prepayments", "code": "BENCH1", "account_type": "liability_current"}
            )
            revenue = env["account.account"].search(
                [*env["account.account"]._check_company_domain(company), ("account_type", "=", "income")], limit=1
            )
            heavy, light = env["res.partner"].create([{"name": "Heavy customer"}, {"name": "Light customer"}])
            print(f"creating {args.used} used + {args.open} open PreIDs, and {args.open} PreIDs", flush=True)
            make_prepayments(env, company, account, heavy, args.used + args.open, args.used)
            make_prepayments(env, company, account, light, args.open, 0)
            for label, partner in ((f"{args.used} used + {args.open} open", heavy), (f"{args.open} PreIDs", light)):
                for _index in range(args.invoices):
                    invoice = make_invoice(env, company, partner, revenue)
                    with benchlib.measure(env, f"post invoice, {label}", 1) as result:
                        invoice.action_post()
                    assert invoice.payment_state == "paid", invoice.payment_state
                    results.append(result)
                    env.invalidate_all()
    finally:
        if not args.keep_db:
            drop_db(db)
    print(f"\nInvoice posting with FIFO over PreIDs, {fields.Date.today()}")
    print(f"{'customer':<34} {'invoices':>8} {'ms/invoice':>11} {'queries/invoice':>16}")
    for label in dict.fromkeys(r.label for r in results):
        rows = [r for r in results if r.label == label]
        # the first posting warms the caches; report the mean of the others when there are several
        rows = rows[1:] or rows
        ms = 1000 * sum(r.seconds for r in rows) / len(rows)
        queries = sum(r.queries for r in rows) / len(rows)
        print(f"{label.removeprefix('post invoice, '):<34} {len(rows):>8} {ms:>11.1f} {queries:>16.1f}")


if __name__ == "__main__":
    main()

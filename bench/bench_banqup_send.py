# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: Send via Banqup (queue + outbox cron: UBL, checks, upload) vs Odoo's own
Send & Print.

    ./dev bench banqup_send                  # N = 200 and 1000
    ./dev bench banqup_send --sizes 50       # quick run while developing

Data per size N: N posted customer invoices (3 lines at 21 %) of the bench company to
the 50 Latvian customers of ``bench_banqup.py`` (Peppol endpoint 9939 + VAT number).

Ours: ``moves.action_l10n_lv_banqup_send()`` (one action on all N), then the send cron
(``banqup.outbox._cron_l10n_lv_banqup_send``) until nothing is queued, exactly as the
scheduler runs it (one batch per call, committing each step): Odoo's BIS 3 builder, the
XSD and BIS rule checks, ``POST .../files`` and the ``PUT`` to the signed URL on the
in-process emulator. The status calls that follow are measured apart ("status").

Peer: Odoo's Send & Print of the same invoices. Its PDF needs wkhtmltopdf; when the
machine has none (``shutil.which``), the peer is Send & Print's UBL generation only
(``account.move.send._hook_invoice_document_before_pdf_report_render`` with format
``ubl_bis3`` and the XML attachment it makes), in batches of 80 like Send & Print, which
is said in the output.

Memory: peak RSS growth while our sending runs (sampled every 20 ms); with bounded
batches it does not follow N.
"""

import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
from bench_banqup import (
    MODULES,
    BanqupEmulator,
    RssSampler,
    configure_banqup,
    customers,
    maxrss_mb,
    setup_company,
)

from odoo import Command, fields

PEER_BATCH = 80


def make_invoices(env, company, journal, size):
    """``size`` posted invoices over the 50 customers, committed."""
    names = [name for name, _vat, _registry in customers()]
    partners = env["res.partner"].search([("name", "in", names)])
    tax = env["account.tax"].search(
        [
            ("company_id", "=", company.id),
            ("type_tax_use", "=", "sale"),
            ("amount", "=", 21),
        ],
        limit=1,
    )
    moves = env["account.move"]
    for start in range(0, size, 200):
        batch = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "journal_id": journal.id,
                    "partner_id": partners[index % len(partners)].id,
                    "invoice_date": "2026-03-02",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": f"Service {line} ({index % 17})",
                                "quantity": 1 + (index + line) % 3,
                                "price_unit": 10 + (index * 7 + line * 13) % 90,
                                "tax_ids": tax.ids,
                            }
                        )
                        for line in range(1, 4)
                    ],
                }
                for index in range(start, min(size, start + 200))
            ]
        )
        batch.action_post()
        moves |= batch
        env.cr.commit()
    return moves


def run_ours(env, emulator, moves):
    Outbox = env["banqup.outbox"]
    env.invalidate_all()
    uploads_before = len(emulator.uploads)
    runs = 0
    with (
        RssSampler() as memory,
        benchlib.measure(env, "Send via Banqup (ours)", len(moves)) as result,
    ):
        moves.action_l10n_lv_banqup_send()
        env.cr.commit()
        while Outbox.search_count([("state", "in", ("queued", "created"))]):
            Outbox._cron_l10n_lv_banqup_send()
            env.cr.commit()
            runs += 1
    with benchlib.measure(env, "  status calls until delivered", len(moves)) as status:
        while Outbox.search_count([("state", "in", ("uploaded", "processed"))]):
            Outbox._cron_l10n_lv_banqup_send()
            env.cr.commit()
    states = set(moves.l10n_lv_banqup_outbox_ids.mapped("state"))
    assert states == {"delivered"}, states
    assert len(emulator.uploads) - uploads_before == len(moves)
    result.extra.update(
        runs=runs,
        rss_growth_mb=memory.growth_mb,
        maxrss_after=maxrss_mb(),
        status=status,
    )
    return result


def run_peer(env, moves, with_pdf=False):
    """Send & Print's document generation: the UBL, and with ``--peer-pdf`` the invoice
    PDF too.

    PDFs are opt-in: wkhtmltopdf reads the report's assets from Odoo's HTTP server,
    which a bench does not run, so it fails or makes empty files here; on a server with
    ``./dev run`` going, pass ``--peer-pdf`` (and ``report.url``) to compare with PDF
    generation included."""
    Send = env["account.move.send"]
    env.invalidate_all()
    with_pdf = with_pdf and bool(shutil.which("wkhtmltopdf"))
    label = (
        "Send & Print PDF+UBL (peer)" if with_pdf else "Send & Print UBL only (peer)"
    )
    with benchlib.measure(env, label, len(moves)) as result:
        for start in range(0, len(moves), PEER_BATCH):
            batch = moves[start : start + PEER_BATCH]
            if with_pdf:
                Send._generate_and_send_invoices(
                    batch, sending_methods=["manual"], invoice_edi_format="ubl_bis3"
                )
            else:
                values = []
                for move in batch:
                    data = {
                        "invoice_edi_format": "ubl_bis3",
                        "sending_methods": {"manual"},
                    }
                    Send._hook_invoice_document_before_pdf_report_render(move, data)
                    assert "ubl_cii_xml_attachment_values" in data, data.get("error")
                    values.append(data["ubl_cii_xml_attachment_values"])
                env["ir.attachment"].create(values)
            env.cr.commit()
    result.extra["with_pdf"] = with_pdf
    return result


def main():
    parser = benchlib.arg_parser(__doc__)
    parser.add_argument(
        "--sizes", default="200,1000", help="comma-separated numbers of invoices"
    )
    parser.add_argument(
        "--peer-pdf",
        action="store_true",
        help="the peer makes the invoice PDFs too (needs Odoo's HTTP server)",
    )
    args = benchlib.parse_args(parser, sizes="3")
    db = args.db or "bench_banqup_send"
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"creating database {db} with {', '.join(MODULES)}", flush=True)
    benchlib.create_db(args.odoo_config, db, MODULES)
    ours, peers = [], []
    emulator = BanqupEmulator().start()
    try:
        with benchlib.environment(args.odoo_config, db) as env:
            env, company, _seller_vat, _our_journal, sale_journal = setup_company(env)
            configure_banqup(company, emulator, sale_journal)
            company.write(
                {
                    "company_registry": company.vat[2:],
                    "street": "Brivibas iela 100",
                    "city": "Riga",
                    "zip": "LV-1011",
                }
            )
            company.sudo().l10n_lv_banqup_send_method = "api"
            env.cr.commit()
            for size in sizes:
                print(f"size {size}: creating and posting {size} invoices", flush=True)
                moves = make_invoices(env, company, sale_journal, size)
                mine = run_ours(env, emulator, moves)
                ours.append(mine)
                print(
                    f"  ours: {mine.seconds:.2f} s, {mine.queries} queries, "
                    f"{mine.extra['runs']} cron run(s), peak RSS growth "
                    f"{mine.extra['rss_growth_mb']:.1f} MB; status: "
                    f"{mine.extra['status'].seconds:.2f} s",
                    flush=True,
                )
                peer = run_peer(env, moves, with_pdf=args.peer_pdf)
                peers.append(peer)
                print(
                    f"  peer: {peer.seconds:.2f} s, {peer.queries} queries", flush=True
                )
    finally:
        emulator.stop()
        if not args.keep_db:
            benchlib.drop_db(args.odoo_config, db)
    if not peers[0].extra["with_pdf"]:
        print(
            "\nwkhtmltopdf is not installed: the peer is Send & Print's UBL "
            "generation only (no PDF)."
        )
    benchlib.report(
        f"Send via Banqup vs Odoo Send & Print, {fields.Date.today()}", ours, peers
    )
    print("\nMemory of our sending")
    print(
        f"{'size':>8} {'cron runs':>10} {'peak RSS growth MB':>19} "
        f"{'ru_maxrss after MB':>19}"
    )
    for mine in ours:
        extra = mine.extra
        print(
            f"{mine.size:>8} {extra['runs']:>10} {extra['rss_growth_mb']:>19.1f} "
            f"{extra['maxrss_after']:>19.1f}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"\n(total run {time.perf_counter() - start:.0f} s)")

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: IMPORT SEPA EST end to end (parse, match, fill and post a receipt) against
OCA's camt statement import.

    ./dev bench camt [--sizes 1000,10000] [--skip-peer] [--keep-db]

For each size N a camt.053 file with N incoming payments is generated, with an open
invoice for each (a quarter of the payments quote the invoice's reference number, a
quarter its number in the text, a quarter come from the customer's IBAN with the exact
amount, a quarter from the customer's name only). *Ours* runs the wizard's code path:
read the file, match every line, fill a receipt and post it (invoices reconciled), then
asserts the end state (every invoice paid, totals equal). *The peer* imports the same
file with OCA ``account_statement_import_camt`` 18.0 (parse and create a bank statement,
no matching).

The peer and its OCA dependencies are installed from PyPI with
``pip install --no-deps --target .state/bench-addons`` (never into the project's
environment) and that folder is added to the addons path of the bench database only.
When they cannot be installed, ours is measured alone and the reason is printed.
"""

import base64
import configparser
import cProfile
import pstats
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from benchlib import (
    arg_parser,
    configure,
    drop_db,
    environment,
    measure,
    odoo_bin,
    parse_args,
    report,
)

import odoo

ROOT = Path(__file__).resolve().parents[1]
PEER_DIR = ROOT / ".state" / "bench-addons"
PEER_MODULE = "account_statement_import_camt"
PEER_REQUIREMENTS = [
    "odoo-addon-account-statement-import-camt==18.0.*",
    "odoo-addon-account-statement-import-file==18.0.*",
    "odoo-addon-account-statement-import-base==18.0.*",
    "odoo-addon-account-statement-base==18.0.*",
]
OUR_IBAN = "EE102200221055501234"


def install_peer():
    """Install the OCA peer into PEER_DIR; return its addons folder, or raise
    RuntimeError with the reason."""
    addons = PEER_DIR / "odoo" / "addons"
    if (addons / PEER_MODULE / "__manifest__.py").exists():
        return addons
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--target",
        str(PEER_DIR),
        *PEER_REQUIREMENTS,
    ]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode or not (addons / PEER_MODULE).exists():
        raise RuntimeError(
            f"pip install of the OCA peer "
            f"failed:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}"
        )
    return addons


def addons_path(config, extra):
    parser = configparser.ConfigParser()
    parser.read(config)
    paths = parser.get("options", "addons_path").split(",")
    return ",".join(paths + [str(path) for path in extra])


# --------------------------------------------------------------------------- data


def iban(number):
    return f"EE{number % 100:02d}{number:016d}"


def camt_file(entries, prefix, account):
    """A camt.053.001.02 statement with one credit ``Ntry`` per
    ``(amount, name, iban, reference, text)``."""
    total = sum((entry[0] for entry in entries), Decimal(0))
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<Document "
        'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>'
        f"<GrpHdr><MsgId>{prefix}</MsgId><CreDtTm>2026-11-20T09:00:00</CreDtTm></GrpHdr><Stmt><Id>{prefix}-1</Id><CreDtTm>2026-11-20T09:00:00</CreDtTm><Acct><Id><IBAN>{account}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
        "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt "
        'Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
        "<Dt><Dt>2026-11-19</Dt></Dt></Bal>"
        f"<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt "
        f'Ccy="EUR">{total:.2f}</Amt>'
        "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-19</Dt></Dt></Bal>"
    ]
    for index, (amount, name, payer_iban, reference, text) in enumerate(entries):
        ref = f"{prefix}{index:08d}-1"
        remittance = ""
        if reference:
            remittance += (
                f"<Strd><CdtrRefInf><Ref>{reference}</Ref></CdtrRefInf></Strd>"
            )
        if text:
            remittance += f"<Ustrd>{text}</Ustrd>"
        parts.append(
            f"<Ntry><NtryRef>{ref}</NtryRef><Amt "
            f'Ccy="EUR">{amount:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
            "<Sts>BOOK</Sts><BookgDt><Dt>2026-11-19</Dt></BookgDt><ValDt><Dt>2026-11-19</Dt></ValDt>"
            f"<AcctSvcrRef>{ref}</AcctSvcrRef>"
            "<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>"
            f"<NtryDtls><TxDtls><Refs><AcctSvcrRef>{ref}</AcctSvcrRef><EndToEndId>E2E{ref}</EndToEndId></Refs>"
            f'<AmtDtls><TxAmt><Amt Ccy="EUR">{amount:.2f}</Amt></TxAmt></AmtDtls>'
            f"<RltdPties><Dbtr><Nm>{name}</Nm></Dbtr><DbtrAcct><Id><IBAN>{payer_iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf>{remittance}</RmtInf></TxDtls></NtryDtls></Ntry>"
        )
    parts.append("</Stmt></BkToCstmrStmt></Document>\n")
    return "".join(parts).encode()


def setup_company(env):
    """EUR company with a chart of accounts, receipt accounts and the bank journal of
    OUR_IBAN."""
    company = env.company
    if not env["account.account"].search_count(
        [("company_ids", "in", company.id)], limit=1
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
    company.currency_id = env.ref("base.EUR")
    prepayment = env["account.account"].create(
        {
            "name": "Prepayments",
            "code": "BENCH1",
            "account_type": "liability_current",
            "reconcile": True,
        }
    )
    company.receipt_prepayment_account_id = prepayment
    # the code path measured is the one of a request: no hand-over to the background job
    # (same work, in batches)
    company.receipt_import_background_threshold = 10**9
    bank_account = env["res.partner.bank"].create(
        {"acc_number": OUR_IBAN, "partner_id": company.partner_id.id}
    )
    journal = env["account.journal"].create(
        {
            "name": "Bench bank",
            "code": "BNCH",
            "type": "bank",
            "bank_account_id": bank_account.id,
        }
    )
    return company, journal


def make_data(env, size, prefix, refs):
    """``size`` customers (each with an IBAN), one open invoice each, and the file's
    entries."""
    start = time.perf_counter()
    partners = env["res.partner"].create(
        [
            {
                "name": f"{prefix} Customer {index:06d} OÜ",
                "is_company": True,
                "bank_ids": [
                    odoo.Command.create(
                        {"acc_number": iban(hash((prefix, index)) % 10**15)}
                    )
                ],
            }
            for index in range(size)
        ]
    )
    revenue = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", env.company.id)],
        limit=1,
    )
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-11-02",
                "payment_reference": refs.make_ee_reference(f"{index + 1}{size}"),
                "invoice_line_ids": [
                    odoo.Command.create(
                        {
                            "name": "Service",
                            "quantity": 1,
                            "price_unit": 100 + index % 900 + (index % 97) / 100,
                            "tax_ids": [odoo.Command.clear()],
                            "account_id": revenue.id,
                        }
                    )
                ],
            }
            for index, partner in enumerate(partners)
        ]
    )
    invoices.action_post()
    invoices.fetch(["name", "payment_reference", "amount_residual"])
    entries = []
    for index, (partner, invoice) in enumerate(zip(partners, invoices, strict=True)):
        amount = Decimal(str(invoice.amount_residual)).quantize(Decimal("0.01"))
        payer_iban = partner.bank_ids.acc_number
        rule = index % 4
        if rule == 0:  # reference number
            entries.append(
                (
                    amount,
                    partner.name,
                    iban(10**14 + index),
                    invoice.payment_reference,
                    "Arve",
                )
            )
        elif rule == 1:  # invoice number in the text
            entries.append(
                (
                    amount,
                    "Someone Else",
                    iban(2 * 10**14 + index),
                    None,
                    f"Arve {invoice.name} tasumine",
                )
            )
        elif rule == 2:  # IBAN + amount
            entries.append((amount, "Unknown Name", payer_iban, None, "Makse"))
        else:  # name + amount
            entries.append(
                (amount, partner.name, iban(3 * 10**14 + index), None, "Makse")
            )
    env.flush_all()
    print(f"  data for {size}: {time.perf_counter() - start:.1f} s", flush=True)
    return entries, invoices


def run_ours(env, journal, data, filename, size, invoices, profile=False):
    """Ours end to end: read the file, match, fill the receipt AND post it (the invoices
    reconciled); then the end state is asserted: every invoice of this size paid, the
    receipt total equal to the money in the file."""
    receipt = env["account.receipt"].create(
        {"journal_id": journal.id, "date": "2026-11-20"}
    )
    env.invalidate_all()
    profiler = cProfile.Profile() if profile else None
    phases = {}
    with measure(env, "ours: IMPORT SEPA EST + post", size) as result:
        if profiler:
            profiler.enable()
        start = time.perf_counter()
        wizard = env["account.receipt.camt.import"].create(
            {
                "receipt_id": receipt.id,
                "data_file": base64.b64encode(data),
                "filename": filename,
            }
        )
        wizard.action_read_file()
        phases["read"] = time.perf_counter() - start
        wizard.action_match()
        phases["match"] = time.perf_counter() - start - phases["read"]
        wizard.action_apply()
        env.flush_all()
        phases["fill"] = time.perf_counter() - start - phases["read"] - phases["match"]
        receipt.action_post()
        env.flush_all()
        phases["post"] = (
            time.perf_counter()
            - start
            - phases["read"]
            - phases["match"]
            - phases["fill"]
        )
        if profiler:
            profiler.disable()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    rules = {}
    for rule in wizard.line_ids.mapped("match_rule"):
        rules[rule] = rules.get(rule, 0) + 1
    check_end_state(receipt, data, invoices)
    result.extra = {
        "lines": len(receipt.line_ids),
        "rules": rules,
        "invoices": len(receipt.line_ids.invoice_id),
        "phases (s)": {name: round(seconds, 1) for name, seconds in phases.items()},
    }
    return result


def file_total(data):
    """Sum of the credit entries of a generated file (their ``Ntry/Amt``), read back
    from the bytes."""
    import re

    return sum(
        (
            Decimal(amount.decode())
            for amount in re.findall(
                rb'<Ntry><NtryRef>[^<]*</NtryRef><Amt Ccy="EUR">([^<]*)<', data
            )
        ),
        Decimal(0),
    )


def check_end_state(receipt, data, invoices):
    """The end state an accountant expects: the receipt posted, its total the money
    received, every invoice paid."""
    receipt.invalidate_recordset()
    invoices.invalidate_recordset()
    assert receipt.state == "posted", (
        f"receipt {receipt.name} is {receipt.state}, not posted"
    )
    total = Decimal(str(receipt.amount_total)).quantize(Decimal("0.01"))
    expected = file_total(data)
    assert total == expected, f"receipt total {total} != money in the file {expected}"
    unpaid = invoices.filtered(
        lambda inv: inv.payment_state not in ("paid", "in_payment")
    )
    assert not unpaid, (
        f"{len(unpaid)} of {len(invoices)} invoices not paid, e.g. "
        f"{unpaid[:5].mapped('name')}"
    )
    move_total = Decimal(str(sum(receipt.move_id.line_ids.mapped("debit")))).quantize(
        Decimal("0.01")
    )
    assert move_total == expected, (
        f"journal entry total {move_total} != money in the file {expected}"
    )


def run_peer(env, journal, data, filename, size):
    env.invalidate_all()
    with measure(env, "peer: OCA statement import", size) as result:
        wizard = (
            env["account.statement.import"]
            .with_context(journal_id=journal.id)
            .create(
                {
                    "statement_file": base64.b64encode(data),
                    "statement_filename": filename,
                }
            )
        )
        outcome = wizard._import_file()
    statements = env["account.bank.statement"].browse(outcome["statement_ids"])
    lines = statements.line_ids
    total = Decimal(str(sum(lines.mapped("amount")))).quantize(Decimal("0.01"))
    assert len(lines) == size and total == file_total(data), (
        f"peer: {len(lines)} lines, total {total}"
    )
    result.extra = {
        "lines": len(lines),
        "total": str(total),
        "reconciled": "no (OCA imports, matching is manual)",
    }
    return result


def check_growth(ours):
    """Our cost per entry must not grow with N: queries per entry of the largest size
    against the smallest are asserted (they do not depend on the machine); time per
    entry is printed with a warning above 1.5x (the machine is shared: a benchmark does
    not fail on a slow machine)."""
    if len(ours) < 2 or ours[0].size < 1000:
        return
    small, large = ours[0], ours[-1]
    per_query = (large.queries / large.size) / (small.queries / small.size)
    per_time = (large.seconds / large.size) / (small.seconds / small.size)
    print(
        f"\nper entry, {large.size} vs {small.size}: queries x{per_query:.2f}, time "
        f"x{per_time:.2f}"
    )
    if per_time > 1.5:
        print(
            "WARNING: our time per entry grows with N (or the machine was busier "
            "during the larger size)"
        )
    assert per_query <= 1.1, f"queries per entry grow with N (x{per_query:.2f})"


def main():
    parser = arg_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="comma-separated entry counts (default 1000,10000)",
    )
    parser.add_argument("--skip-peer", action="store_true", help="measure ours only")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile summary of ours"
    )
    args = parse_args(parser, sizes="20", skip_peer=True)
    db = args.db or "bench_camt"
    sizes = [int(size) for size in args.sizes.split(",") if size]
    extra_paths, modules, peer_reason = [], ["bank_import_swed"], None
    if not args.skip_peer:
        try:
            extra_paths.append(install_peer())
            modules.append(PEER_MODULE)
        except RuntimeError as exc:
            peer_reason = str(exc)
    else:
        peer_reason = "--skip-peer given"
    path = addons_path(args.odoo_config, extra_paths)
    print(f"creating {db} with {', '.join(modules)}", flush=True)
    # this process's Odoo sees the peer's addons too (the configuration is parsed once
    # per process)
    configure(args.odoo_config, db, f"--addons-path={path}", "--log-level=warn")
    drop_db(args.odoo_config, db)
    odoo_bin(
        args.odoo_config,
        db,
        f"--addons-path={path}",
        "-i",
        ",".join(modules),
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    )
    ours, peers = [], []
    try:
        with environment(args.odoo_config, db) as env:
            from odoo.addons.bank_import_swed.parsers import refs

            _company, journal = setup_company(env)
            for size in sizes:
                prefix = f"B{size}"
                entries, invoices = make_data(env, size, prefix, refs)
                data = camt_file(entries, prefix, OUR_IBAN)
                filename = f"bench_{size}.xml"
                print(f"  file for {size}: {len(data) / 1e6:.1f} MB", flush=True)
                mine = run_ours(
                    env, journal, data, filename, size, invoices, profile=args.profile
                )
                ours.append(mine)
                print(
                    f"  ours {size}: {mine.seconds:.1f} s, {mine.queries} queries, "
                    f"{mine.extra}",
                    flush=True,
                )
                if PEER_MODULE in modules:
                    peer = run_peer(env, journal, data, filename, size)
                    peers.append(peer)
                    print(
                        f"  peer {size}: {peer.seconds:.1f} s, {peer.queries} "
                        f"queries, {peer.extra}",
                        flush=True,
                    )
    finally:
        if not args.keep_db:
            drop_db(args.odoo_config, db)
    report(
        "IMPORT SEPA EST end to end (parse, match, fill, post) vs OCA statement import",
        ours,
        peers,
    )
    check_growth(ours)
    if peer_reason:
        print(f"\npeer not measured: {peer_reason}")


if __name__ == "__main__":
    main()

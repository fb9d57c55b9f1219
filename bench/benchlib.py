# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared helpers of the benchmarks (run through ``./dev bench NAME``).

A benchmark script gets ``--odoo-config`` from ``./dev``; it builds its own database
(``bench_<name>``) with the modules it needs, measures our code and a peer in the
same run on the same data, prints one table with seconds, queries and the ratio,
and drops the database unless ``--keep-db`` is given.
"""

import argparse
import contextlib
import subprocess
import sys
import time
from dataclasses import dataclass, field

import odoo


def arg_parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--odoo-config", required=True, help="Odoo configuration file (given by ./dev)"
    )
    parser.add_argument("--db", help="database name (default bench_<name>)")
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the database after the run"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=(
            "tiny sizes: only checks that the benchmark runs to its end and prints "
            "its table (timings meaningless)"
        ),
    )
    return parser


def parse_args(parser, **smoke):
    """Parse the command line; with ``--smoke``, the options in ``smoke`` (e.g.
    ``sizes="3"``) replace the given ones, so ``./dev test`` can run every benchmark
    once, quickly (tests/test_bench_smoke.py)."""
    args = parser.parse_args()
    if args.smoke:
        for name, value in smoke.items():
            setattr(args, name, value)
    return args


def odoo_bin(config, db, *args):
    """Run odoo-bin (found through the importable odoo package) with this config and
    db."""
    code = "import sys, odoo.cli; sys.argv = ['odoo'] + sys.argv[1:]; odoo.cli.main()"
    subprocess.run(
        [sys.executable, "-c", code, "-c", config, "-d", db, *args], check=True
    )


def create_db(config, db, modules):
    drop_db(config, db)
    odoo_bin(
        config,
        db,
        "-i",
        ",".join(modules),
        "--without-demo=all",
        "--stop-after-init",
        "--log-level=warn",
    )


_configured = []


def configure(config, db=None, *options):
    """Load the Odoo configuration once per process (a second parse_config breaks Odoo
    18); ``options`` are further command-line options such as ``--addons-path=...``
    (only the first call's count)."""
    if not _configured:
        odoo.tools.config.parse_config(
            ["-c", config] + (["-d", db] if db else []) + list(options)
        )
        _configured.append(config)


def drop_db(config, db):
    """Drop db if it exists (closing this process's connections to it first)."""
    configure(config)
    odoo.modules.registry.Registry.delete(db)
    odoo.sql_db.close_db(db)
    if odoo.service.db.exp_db_exist(db):
        odoo.service.db.exp_drop(db)


@contextlib.contextmanager
def environment(config, db):
    """An Odoo environment (superuser) on db; rolled back at the end."""
    configure(config, db)
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            yield env
        finally:
            cr.rollback()


@dataclass
class Measure:
    label: str
    size: int
    seconds: float = 0.0
    queries: int = 0
    extra: dict = field(default_factory=dict)


@contextlib.contextmanager
def measure(env, label, size):
    """Time a block and count the SQL queries it ran (flushes before stopping the
    clock)."""
    result = Measure(label, size)
    env.flush_all()
    start_q = env.cr.sql_log_count
    start = time.perf_counter()
    yield result
    env.flush_all()
    result.seconds = time.perf_counter() - start
    result.queries = env.cr.sql_log_count - start_q


REPORT_HEADER = (
    f"{'size':>8} {'who':<34} {'seconds':>10} {'queries':>9} {'ms/item':>9} "
    f"{'peer/ours':>10}"
)


def report(title, ours, peers):
    """Print ours vs peer per size, with ratios (peer time / our time)."""
    print(f"\n{title}")
    print(REPORT_HEADER)
    for mine in ours:
        peer = next((p for p in peers if p.size == mine.size), None)
        for m in [mine] + ([peer] if peer else []):
            ratio = (
                f"{peer.seconds / mine.seconds:10.1f}"
                if (peer and m is mine and mine.seconds)
                else ""
            )
            per = 1000 * m.seconds / m.size if m.size else 0
            print(
                f"{m.size:>8} {m.label:<34} {m.seconds:>10.2f} {m.queries:>9} "
                f"{per:>9.2f} {ratio:>10}"
            )
    sys.stdout.flush()

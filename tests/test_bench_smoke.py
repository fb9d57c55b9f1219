# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every benchmark runs once at a tiny size (``--smoke``), so a benchmark cannot break
unnoticed.

This checks that each ``bench/bench_*.py`` builds its database, runs ours (and the peer
where the smoke options keep it), prints its table and drops its database; the timings
of such a run mean nothing and are not looked at. ``./dev test`` gives the Odoo
configuration of its database server in ``ODOO_BENCH_CONFIG``; without it
(``./dev unit``, plain pytest) the runs are skipped.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHES = sorted(
    p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py")
)
sys.path.insert(0, str(ROOT / "bench"))
import benchlib  # noqa: E402 (bench/ is put on the path just above)


def test_every_benchmark_has_a_smoke_size():
    for name in BENCHES:
        text = (ROOT / "bench" / f"bench_{name}.py").read_text()
        assert "parse_args(parser," in text, (
            f"bench_{name}.py does not parse its options with benchlib.parse_args"
        )


@pytest.mark.parametrize("name", BENCHES)
def test_benchmark_runs(name):
    config = os.environ.get("ODOO_BENCH_CONFIG")
    if not config:
        pytest.skip(
            "ODOO_BENCH_CONFIG not set (./dev test sets it): benchmark smoke runs "
            "skipped"
        )
    script = ROOT / "bench" / f"bench_{name}.py"
    cmd = [
        sys.executable,
        str(script),
        "--odoo-config",
        config,
        "--smoke",
        "--db",
        f"smoke_{name}",
    ]
    res = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    output = res.stdout + res.stderr
    assert res.returncode == 0, f"./dev bench {name} --smoke failed:\n{output[-4000:]}"
    # benchlib.report()'s table, or a benchmark's own table of ratios (e.g. "3.15x")
    table = benchlib.REPORT_HEADER in res.stdout or re.search(
        r"\d\.\d+x\s*$", res.stdout, re.M
    )
    assert table, f"./dev bench {name} --smoke printed no table:\n{output[-4000:]}"

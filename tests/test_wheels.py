# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The addons install as an integrator installs OCA addons: built as wheels with
``whool``, ``pip install``-ed into a fresh Odoo 18 environment, then ``odoo-bin -i``
from that environment with no path to this repository.

The fresh environment is a new virtual environment in which Odoo's source is installed
(editable, as for a source install of Odoo); Odoo's third-party requirements are made
visible to it from ``./dev``'s environment so that nothing is downloaded. Our wheels are
installed from their folder only (``--no-index``) and ``pip check`` must find every
dependency they declare satisfied (Odoo's own pins are left out of that check: ``./dev``
replaces some of them, e.g. ``psycopg2`` by ``psycopg2-binary``). The addons are then
installed from the wheels alone, so a data file left out of a wheel, or an addon
dependency missing from its metadata, fails here (that each manifest declares its
runtime packages is checked in test_repository.py). The ``-i`` part needs the database
server of ``./dev test`` (its Odoo configuration is given in ``ODOO_BENCH_CONFIG``);
without it only the wheels are built and checked.
"""

import configparser
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADDONS = [
    "account_receipt_preid",
    "bank_import_swed",
    "base_xml_safe",
    "l10n_lv_banqup",
    "l10n_ee_banqup",
    "sale_receipt_preid",
]


def _run(cmd, **kw):
    res = subprocess.run(
        [str(c) for c in cmd], capture_output=True, text=True, check=False, **kw
    )
    assert res.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed:\n{(res.stdout + res.stderr)[-4000:]}"
    )
    return res


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    pytest.importorskip("whool")
    out = tmp_path_factory.mktemp("wheels")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            out,
            *(ROOT / addon for addon in ADDONS),
        ]
    )
    return out


def _metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return zf.read(name).decode()


def test_each_addon_builds_a_wheel_with_its_dependencies(wheels):
    built = {p.name.split("-")[0]: p for p in wheels.glob("*.whl")}
    assert set(built) == {f"odoo_addon_{addon}" for addon in ADDONS}
    meta = {addon: _metadata(built[f"odoo_addon_{addon}"]) for addon in ADDONS}
    assert "Requires-Dist: odoo==18.0.*" in meta["account_receipt_preid"]
    assert "Requires-Dist: sepaxml" in meta["account_receipt_preid"]
    assert (
        "Requires-Dist: odoo-addon-account_receipt_preid==18.0.*"
        in meta["bank_import_swed"]
    )
    assert "Requires-Dist: zeep" in meta["l10n_lv_banqup"]
    # the shared safe XML loader is a dependency of both importers, and travels in its
    # wheel
    for addon in ("bank_import_swed", "l10n_lv_banqup"):
        assert "Requires-Dist: odoo-addon-base_xml_safe==18.0.*" in meta[addon], addon
    with zipfile.ZipFile(built["odoo_addon_base_xml_safe"]) as zf:
        assert "odoo/addons/base_xml_safe/tools/xmlsafe.py" in zf.namelist()
    with zipfile.ZipFile(built["odoo_addon_l10n_lv_banqup"]) as zf:
        names = zf.namelist()
    # data, translations and the plain-Python client travel in the wheel
    for rel in (
        "__manifest__.py",
        "i18n/lv.po",
        "i18n/et.po",
        "banqup/btx.py",
        "security/ir.model.access.csv",
    ):
        assert f"odoo/addons/l10n_lv_banqup/{rel}" in names, rel


def _odoo_src():
    import odoo

    return Path(odoo.__file__).resolve().parents[1]


def test_wheels_install_into_a_fresh_odoo_and_the_addons_install(wheels, tmp_path):
    config = os.environ.get("ODOO_BENCH_CONFIG")
    if not config:
        pytest.skip(
            "ODOO_BENCH_CONFIG not set (./dev test sets it): the install into a "
            "database is skipped"
        )
    src = _odoo_src()
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv])
    vpy = venv / "bin" / "python"
    purelib = Path(
        _run(
            [vpy, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    # Odoo's third-party requirements, already installed for ./dev (no download; not our
    # packages)
    (purelib / "zz_odoo_requirements.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    pip = [vpy, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run(
        [*pip, "install", "--no-deps", "--no-build-isolation", "--no-index", "-e", src]
    )
    wheel_files = sorted(wheels.glob("*.whl"))
    _run(
        [
            *pip,
            "install",
            "--no-index",
            "--no-deps",
            "--find-links",
            wheels,
            *wheel_files,
        ]
    )
    # every dependency our wheels declare is satisfied; the only complaints pip may have
    # are about Odoo's own pins that ./dev's environment replaces (psycopg2 by
    # psycopg2-binary, ...)
    check = subprocess.run(
        [vpy, "-m", "pip", "check"], capture_output=True, text=True, check=False
    ).stdout
    ours = [line for line in check.splitlines() if not line.startswith("odoo ")]
    assert not ours, "the wheels' dependencies are not satisfied:\n" + "\n".join(ours)
    shown = _run([vpy, "-m", "pip", "show", "odoo-addon-bank_import_swed"]).stdout
    assert "Location: " + str(purelib) in shown
    # odoo-bin of the fresh environment, with Odoo's own addons only: ours come from the
    # wheels
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(config)
    cp["options"]["addons_path"] = ",".join(
        str(p) for p in (src / "odoo" / "addons", src / "addons")
    )
    cp["options"]["data_dir"] = str(tmp_path / "data")
    conf = tmp_path / "odoo.conf"
    with open(conf, "w") as fh:
        cp.write(fh)
    db = "wheels_install"
    odoo = [vpy, src / "odoo-bin", "-c", conf, "--log-level=warn", "--no-http"]
    subprocess.run(
        [vpy, src / "odoo-bin", "db", "-c", conf, "drop", db],
        capture_output=True,
        check=False,
    )
    try:
        _run(
            [
                *odoo,
                "-d",
                db,
                "-i",
                ",".join(ADDONS),
                "--without-demo=all",
                "--stop-after-init",
            ]
        )
        code = (
            "import json, odoo\n"
            f"odoo.tools.config.parse_config(['-c', {str(conf)!r}, '-d', {db!r}])\n"
            f"with odoo.registry({db!r}).cursor() as cr:\n"
            '    cr.execute("SELECT name, state FROM ir_module_module WHERE name IN '
            '%s", '
            f"[tuple({ADDONS!r})])\n"
            "    print(json.dumps(dict(cr.fetchall())))\n"
            "    from odoo.modules.module import get_module_path\n"
            f"    print(get_module_path({ADDONS[0]!r}))\n"
        )
        out = _run([vpy, "-c", code]).stdout.splitlines()
        assert json.loads(out[0]) == dict.fromkeys(ADDONS, "installed")
        assert out[1].startswith(str(purelib)), (
            f"account_receipt_preid was loaded from {out[1]}, not the wheel"
        )
    finally:
        subprocess.run(
            [vpy, src / "odoo-bin", "db", "-c", conf, "drop", db],
            capture_output=True,
            check=False,
        )

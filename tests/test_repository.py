"""Repository-level checks: the task runner's setup logic and the addons' packaging.

Plain pytest: no database needed, so they also run with ``python -m pytest tests``.
"""

import ast
import csv
import importlib.machinery
import importlib.util
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ["account_receipt_preid", "bank_import_swed", "l10n_lv_banqup"]
DEPENDS = {
    "account_receipt_preid": {"account", "analytic"},
    "bank_import_swed": {"account_receipt_preid"},
    "l10n_lv_banqup": {"account", "account_edi_ubl_cii", "l10n_lv"},  # BIS 3 builder for sending
}


@pytest.fixture(scope="module")
def dev():
    loader = importlib.machinery.SourceFileLoader("dev_runner", str(ROOT / "dev"))
    spec = importlib.util.spec_from_loader("dev_runner", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


# --------------------------------------------------------------------------- ./dev


def test_odoo_requirements_are_fixed(dev, tmp_path):
    (tmp_path / "requirements.txt").write_text(
        textwrap.dedent(
            """\
            # comment
            cbor2==5.4.2 ; python_version < '3.12'
            psycopg2==2.9.5 ; python_version == '3.11'
            python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12' # ldap
            zeep==4.2.1 ; python_version >= '3.11' and python_version < '3.13'
            lxml==4.9.3 ; python_version > '3.10' and python_version < '3.12' # pin
            pytz  # unpinned
            """
        )
    )
    lines = dev.filtered_odoo_requirements(tmp_path).splitlines()
    assert lines == [
        "cbor2>=5.6,<6 ; python_version < '3.12'",
        "psycopg2-binary>=2.9.5,<2.10 ; python_version == '3.11'",
        "lxml==4.9.3 ; python_version > '3.10' and python_version < '3.12'",
        "pytz",
    ]


def test_odoo_version_detection(dev, tmp_path):
    assert dev.odoo_version_of(tmp_path) is None
    (tmp_path / "odoo").mkdir()
    (tmp_path / "addons").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("version_info = (18, 0, 0, FINAL, 0, '')\n")
    assert dev.odoo_version_of(tmp_path) == 18
    (tmp_path / "odoo" / "release.py").write_text("version_info = ('saas~17', 4, 0, 'final', 0, '')\n")
    assert dev.odoo_version_of(tmp_path) == 17


def test_existing_postgres_from_environment(dev, monkeypatch, tmp_path):
    for var in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "ODOO_RC"):
        monkeypatch.delenv(var, raising=False)
    assert dev.external_db_settings() is None
    monkeypatch.setenv("PGHOST", "db.internal")
    monkeypatch.setenv("PGUSER", "odoo")
    monkeypatch.setenv("PGPASSWORD", "secret")
    assert dev.external_db_settings() == {
        "db_host": "db.internal",
        "db_port": "5432",
        "db_user": "odoo",
        "db_password": "secret",
    }
    for var in ("PGHOST", "PGUSER", "PGPASSWORD"):
        monkeypatch.delenv(var)
    rc = tmp_path / "odoo.conf"
    rc.write_text("[options]\ndb_host = 10.1.2.3\ndb_port = 6432\ndb_user = erp\n")
    monkeypatch.setenv("ODOO_RC", str(rc))
    assert dev.external_db_settings() == {"db_host": "10.1.2.3", "db_port": "6432", "db_user": "erp"}


def test_stamps_make_steps_idempotent(dev, monkeypatch, tmp_path):
    monkeypatch.setattr(dev, "STAMPS", tmp_path)
    assert not dev.stamp_ok("venv", "abc")
    dev.stamp_set("venv", "abc")
    assert dev.stamp_ok("venv", "abc")
    assert not dev.stamp_ok("venv", "abd")
    dev.stamp_clear("venv")
    assert not dev.stamp_ok("venv", "abc")


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./dev test" in readme
    assert re.search(r"^\./dev test\s*$", ci, re.M)


# --------------------------------------------------------------------------- addons


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_follows_house_rules(addon):
    manifest = _manifest(addon)
    assert manifest["version"] == "18.0.1.0.0"
    assert manifest["license"] == "LGPL-3"
    assert manifest["installable"] is True
    assert set(manifest["depends"]) == DEPENDS[addon]
    assert manifest["data"][0].startswith("security/"), "data must start with the security files"
    for key in ("data", "demo"):
        for rel in manifest.get(key, []):
            assert (ROOT / addon / rel).is_file(), f"{addon}: {key} file {rel} is missing"
    for rel in ("readme/DESCRIPTION.md", "security/ir.model.access.csv", "i18n", "tests/__init__.py"):
        assert (ROOT / addon / rel).exists(), f"{addon}: {rel} is missing"


@pytest.mark.parametrize("addon", ADDONS)
def test_external_dependencies_are_importable(addon):
    """As Odoo checks them: an installed distribution of that (PyPI) name, else an importable module."""
    for name in _manifest(addon).get("external_dependencies", {}).get("python", []):
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            importlib.import_module(name)


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rules(addon):
    """Each new model (``_name`` without ``_inherit`` of the same name) has an access line."""
    with open(ROOT / addon / "security" / "ir.model.access.csv", newline="") as fh:
        granted = {row["model_id:id"] for row in csv.DictReader(fh)}
    for py in (ROOT / addon).rglob("*.py"):
        if "tests" in py.parts:
            continue
        for node in ast.walk(ast.parse(py.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {
                t.id: stmt.value.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant)
                for t in stmt.targets
                if isinstance(t, ast.Name)
            }
            name = attrs.get("_name")
            if not name or attrs.get("_inherit") == name or attrs.get("_transient") is False:
                continue
            is_abstract = any(isinstance(b, ast.Attribute) and b.attr == "AbstractModel" for b in node.bases)
            if is_abstract:
                continue
            xmlid = "model_" + name.replace(".", "_")
            assert any(g.split(".")[-1] == xmlid for g in granted), f"{addon}: no access rule for {name} ({py.name})"


def test_pictures_referenced_by_the_readmes_exist():
    """Every image the README and the addons' readme fragments show is committed."""
    docs = [ROOT / "README.md", *sorted(ROOT.glob("*/readme/*.md"))]
    seen = 0
    for doc in docs:
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", doc.read_text()):
            seen += 1
            assert (doc.parent / target).resolve().is_file(), f"{doc.relative_to(ROOT)} shows a missing {target}"
    assert seen >= 8

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Repository-level checks: the task runner's setup logic and the addons' packaging.

Plain pytest: no database needed, so they also run with ``python -m pytest tests``.
"""

import ast
import csv
import hashlib
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import textwrap
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
DEPENDS = {
    "account_receipt_preid": {"account", "analytic"},
    "bank_import_swed": {"account_receipt_preid", "base_xml_safe"},
    "base_xml_safe": {"base"},
    # BIS 3 builder for sending
    "l10n_lv_banqup": {"account", "account_edi_ubl_cii", "base_xml_safe", "l10n_lv"},
    # the Estonian rows of the tax mapping
    "l10n_ee_banqup": {"l10n_lv_banqup", "l10n_ee"},
    "sale_receipt_preid": {"sale", "account_receipt_preid"},
}
#: technical addons that define no model: no data, no security files
WITHOUT_MODELS = {"base_xml_safe"}


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
            """  # noqa: E501
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
    (tmp_path / "odoo" / "release.py").write_text(
        "version_info = (18, 0, 0, FINAL, 0, '')\n"
    )
    assert dev.odoo_version_of(tmp_path) == 18
    (tmp_path / "odoo" / "release.py").write_text(
        "version_info = ('saas~17', 4, 0, 'final', 0, '')\n"
    )
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
    assert dev.external_db_settings() == {
        "db_host": "10.1.2.3",
        "db_port": "6432",
        "db_user": "erp",
    }


def test_stamps_make_steps_idempotent(dev, monkeypatch, tmp_path):
    monkeypatch.setattr(dev, "STAMPS", tmp_path)
    assert not dev.stamp_ok("venv", "abc")
    dev.stamp_set("venv", "abc")
    assert dev.stamp_ok("venv", "abc")
    assert not dev.stamp_ok("venv", "abd")
    dev.stamp_clear("venv")
    assert not dev.stamp_ok("venv", "abc")


def test_demo_cluster_keeps_data_and_scratch_cluster_is_fast(
    dev, monkeypatch, tmp_path
):
    """./dev run's cluster runs with PostgreSQL's safe defaults; only the throw-away
    test and bench databases live on a cluster with fsync, synchronous_commit and
    full_page_writes off."""
    monkeypatch.setattr(dev, "STATE", tmp_path)
    monkeypatch.setattr(
        dev.EmbeddedPostgres, "_find_bindir", staticmethod(lambda: tmp_path)
    )
    started = {}

    def fake_pg(self, tool, *args, check=True, capture=False):
        if tool == "pg_ctl" and args[0] == "status":
            return type("R", (), {"returncode": 3})()
        if tool == "pg_ctl" and args[0] == "start":
            started[self.scratch] = args[args.index("-o") + 1]
        return type("R", (), {"returncode": 0})()

    monkeypatch.setattr(dev.EmbeddedPostgres, "_pg", fake_pg)
    monkeypatch.setattr(dev.EmbeddedPostgres, "init", lambda self: None)
    monkeypatch.setattr(
        dev.EmbeddedPostgres,
        "_own",
        lambda self, path: path.mkdir(parents=True, exist_ok=True),
    )
    demo, scratch = dev.EmbeddedPostgres(), dev.EmbeddedPostgres(scratch=True)
    assert (
        demo.data != scratch.data
        and demo.sock != scratch.sock
        and demo.users != scratch.users
    )
    demo.start()
    scratch.start()
    for unsafe in ("fsync=off", "synchronous_commit=off", "full_page_writes=off"):
        assert unsafe not in started[False]
        assert unsafe in started[True]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./dev test" in readme
    assert re.search(r"^\./dev test\s*$", ci, re.M)
    # then each addon alone under Odoo's own runner
    assert re.search(r"^\./dev test\s*\n\./dev odoo-test\s*$", ci, re.M)


def test_odoo_test_reads_odoo_runner_log(dev):
    """./dev odoo-test reads Odoo's last line and every ERROR record (with its
    traceback) of the log."""
    log = textwrap.dedent(
        """\
        2026-12-04 03:01:55,243 31902 INFO db odoo.addons.a.tests.test_x: Starting TestX.test_one ...
        2026-12-04 03:02:26,899 31902 ERROR db odoo.addons.a.tests.test_x: FAIL: TestX.test_one
        Traceback (most recent call last):
        AssertionError: True is not false
        2026-12-04 03:02:27,000 31902 WARNING db odoo.models: a warning
        2026-12-04 03:30:16,178 1 ERROR d odoo.tests.result: 1 failed, 0 error(s) of 189 tests when loading database 'd'
        """  # noqa: E501
    )
    assert dev.ODOO_TEST_REPORT.findall(log) == [("1", "0", "189")]
    problems = dev.odoo_log_problems(log)
    assert len(problems) == 2
    assert problems[0].endswith("AssertionError: True is not false")
    assert "a warning" not in "".join(problems)


@pytest.mark.parametrize("addon", ADDONS)
def test_every_addon_test_is_seen_by_odoo_runner(addon):
    """Odoo's runner (odoo-bin --test-enable) runs only the test classes of the modules
    imported in tests/__init__.py: every test module is imported there and holds no
    plain pytest function."""
    tests = ROOT / addon / "tests"
    imported = set(
        re.findall(
            r"^from \. import (test_\w+)", (tests / "__init__.py").read_text(), re.M
        )
    )
    modules = {path.stem for path in tests.glob("test_*.py")}
    assert modules - imported == set(), "not imported in tests/__init__.py"
    for path in sorted(tests.glob("test_*.py")):
        tree = ast.parse(path.read_text())
        functions = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test")
        ]
        assert functions == [], (
            f"{path.name}: plain test functions, make them methods of an Odoo test case"
        )


# --------------------------------------------------------------------------- addons


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_follows_house_rules(addon):
    manifest = _manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"]), manifest[
        "version"
    ]
    assert manifest["license"] == "LGPL-3"
    assert manifest["installable"] is True
    assert set(manifest["depends"]) == DEPENDS[addon]
    if addon in WITHOUT_MODELS:
        assert "data" not in manifest and not (ROOT / addon / "models").exists()
    else:
        assert manifest["data"][0].startswith("security/"), (
            "data must start with the security files"
        )
    for key in ("data", "demo"):
        for rel in manifest.get(key, []):
            assert (ROOT / addon / rel).is_file(), (
                f"{addon}: {key} file {rel} is missing"
            )
    for rel in (
        "readme/DESCRIPTION.md",
        "security/ir.model.access.csv",
        "i18n",
        "tests/__init__.py",
    ):
        if rel.startswith("security/") and addon in WITHOUT_MODELS:
            continue
        assert (ROOT / addon / rel).exists(), f"{addon}: {rel} is missing"


@pytest.mark.parametrize("addon", ADDONS)
def test_external_dependencies_are_importable(addon):
    """As Odoo checks them: an installed distribution of that (PyPI) name, else an
    importable module."""
    for name in _manifest(addon).get("external_dependencies", {}).get("python", []):
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            importlib.import_module(name)


def _transient_models(addon):
    """``_name`` of every TransientModel class the addon defines (not the ones it only
    extends)."""
    names = set()
    for py in (ROOT / addon).rglob("*.py"):
        if "tests" in py.parts:
            continue
        for node in ast.walk(ast.parse(py.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            if not any(
                getattr(base, "attr", None) == "TransientModel" for base in node.bases
            ):
                continue
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and getattr(stmt.targets[0], "id", None) == "_name"
                    and isinstance(stmt.value, ast.Constant)
                ):
                    names.add(stmt.value.value)
    return names


@pytest.mark.parametrize("addon", ADDONS)
def test_every_wizard_has_creator_and_company_rules(addon):
    """Odoo gives transient records no creator check of their own: each wizard model of
    ours has a record rule limiting its rows to their creator (and to the user's
    companies), so a colleague or a user of another company can neither read nor change
    a pending import, refund file or upload."""
    rules = {}
    for xml in (ROOT / addon / "security").glob("*.xml"):
        for record in re.findall(
            r'<record[^>]*model="ir.rule"[^>]*>(.*?)</record>', xml.read_text(), re.S
        ):
            model = re.search(r'name="model_id"\s+ref="([^"]+)"', record)
            domain = re.search(r'name="domain_force"\s*>(.*?)</field>', record, re.S)
            if model and domain:
                rules.setdefault(model.group(1).split(".")[-1], []).append(
                    domain.group(1)
                )
    for name in sorted(_transient_models(addon)):
        domains = rules.get("model_" + name.replace(".", "_"), [])
        assert any("create_uid" in d and "company" in d for d in domains), (
            f"{addon}: wizard {name} has no record rule on its creator and company"
        )


def test_every_python_file_carries_the_licence_header():
    """LGPL-3 (LICENSE at the root): the header in the first lines of every Python file
    we ship or run."""
    tracked = subprocess.run(
        ["git", "ls-files", "*.py", "dev"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    missing = [
        f
        for f in tracked
        if "License LGPL-3.0"
        not in "".join((ROOT / f).read_text().splitlines(True)[:4])
    ]
    assert not missing, f"no LGPL-3 header in: {', '.join(missing)}"


def _requirement_names(path):
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(re.match(r"[A-Za-z0-9_.\-]+", line).group(0).lower())
    return names


def test_runtime_requirements_are_the_manifests_dependencies():
    """requirements.txt holds what the addons need at run time (what their wheels pull
    in), and nothing only the tests or the tooling use; those are in
    test-requirements.txt."""
    declared = {
        name.lower()
        for addon in ADDONS
        for name in _manifest(addon).get("external_dependencies", {}).get("python", [])
    }
    runtime = _requirement_names(ROOT / "requirements.txt")
    # phonenumbers: Odoo's account_peppol (auto-installed with the Latvian chart)
    # imports it
    assert runtime == declared | {"phonenumbers"}
    assert not runtime & _requirement_names(ROOT / "test-requirements.txt")


def _readme_source_digest(addon):
    """The digest oca-gen-addon-readme writes into README.rst: sha256 over the manifest
    and the readme/ fragments (each file's path relative to the addon, then its bytes,
    sorted walk, dot-files skipped), as OCA's maintainer-tools compute it."""
    h = hashlib.sha256()
    base = ROOT / addon
    paths = [base / "__manifest__.py"]
    for dirpath, dirnames, filenames in os.walk(base / "readme"):
        dirnames.sort()
        paths += [
            Path(dirpath) / name
            for name in sorted(filenames)
            if not name.startswith(".")
        ]
    for path in paths:
        h.update(str(path.relative_to(base)).encode())
        h.update(path.read_bytes())
    return "sha256:" + h.hexdigest()


@pytest.mark.parametrize("addon", ADDONS)
def test_generated_readme_is_up_to_date(addon):
    """README.rst and static/description/index.html (the Apps page) are generated from
    readme/ and the manifest by OCA's oca-gen-addon-readme; after changing either,
    regenerate them:

        oca-gen-addon-readme --org-name baltic-receipts --repo-name odoo-baltic \\
            --branch 18.0 \\
            --addon-dir ADDON --gen-html
    """
    readme = (ROOT / addon / "README.rst").read_text()
    found = re.search(r"!! source digest: (sha256:\w+)", readme)
    assert found, f"{addon}/README.rst was not made by oca-gen-addon-readme"
    assert found.group(1) == _readme_source_digest(addon), (
        f"{addon}: readme/ or the manifest changed since README.rst was generated: "
        f"regenerate it"
    )
    assert (ROOT / addon / "static" / "description" / "index.html").is_file()


def test_every_addon_builds_with_whool_and_has_oca_files():
    for addon in ADDONS:
        pyproject = (ROOT / addon / "pyproject.toml").read_text()
        assert 'build-backend = "whool.buildapi"' in pyproject, addon
        for rel in ("readme/CONTRIBUTORS.md", "static/description/icon.png"):
            assert (ROOT / addon / rel).is_file(), f"{addon}: {rel} is missing"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text()


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rules(addon):
    """Each new model (``_name`` without ``_inherit`` of the same name) has an access
    line."""
    access = ROOT / addon / "security" / "ir.model.access.csv"
    if addon in WITHOUT_MODELS and not access.exists():
        access = None  # then any model found below fails the test
    granted = set()
    if access:
        with open(access, newline="") as fh:
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
            if (
                not name
                or attrs.get("_inherit") == name
                or attrs.get("_transient") is False
            ):
                continue
            is_abstract = any(
                isinstance(b, ast.Attribute) and b.attr == "AbstractModel"
                for b in node.bases
            )
            if is_abstract:
                continue
            xmlid = "model_" + name.replace(".", "_")
            assert any(g.split(".")[-1] == xmlid for g in granted), (
                f"{addon}: no access rule for {name} ({py.name})"
            )


def test_pictures_referenced_by_the_readmes_exist():
    """Every image the README and the addons' readme fragments show is committed."""
    docs = [ROOT / "README.md", *sorted(ROOT.glob("*/readme/*.md"))]
    seen = 0
    for doc in docs:
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", doc.read_text()):
            seen += 1
            assert (doc.parent / target).resolve().is_file(), (
                f"{doc.relative_to(ROOT)} shows a missing {target}"
            )
    assert seen >= 8

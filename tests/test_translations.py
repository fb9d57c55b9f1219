# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Latvian and Estonian translations of the three addons are complete and well
formed.

Plain pytest, no database (runs in ``./dev unit`` too): each addon's ``i18n/lv.po`` and
``i18n/et.po`` translate every term of its ``i18n/<addon>.pot`` (non-empty, not fuzzy),
keeping the placeholders, HTML tags and leading/trailing newlines of the English text.
``test_translations_odoo.py`` checks the same against the terms Odoo reads from the
code.
"""

import importlib.machinery
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
ADDONS = [
    "account_receipt_preid",
    "bank_import_swed",
    "base_xml_safe",
    "l10n_lv_banqup",
    "l10n_ee_banqup",
    "sale_receipt_preid",
]
LANGS = ["lv", "et"]
NPLURALS = {"lv": 3, "et": 2}  # as in Odoo's own lv.po / et.po

# %(name)s, %s, %d, %r, %.2f ... ("%%" is a literal percent sign) and {name} / {}
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdirf]|\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def _catalog(path):
    with path.open("rb") as fileobj:
        return read_po(fileobj, abort_invalid=True)


def _messages(catalog):
    return {message.id: message for message in catalog if message.id}


def _text(value):
    return "\n".join(value) if isinstance(value, (tuple, list)) else (value or "")


def _problems(pot, po, addon, lang):
    problems = []
    translations = _messages(po)
    for msgid in _messages(pot):
        where = f"{addon}/i18n/{lang}.po: {_text(msgid)!r}"
        message = translations.get(msgid)
        msgstr = _text(message.string) if message else ""
        if not msgstr.strip():
            problems.append(f"{where} is not translated")
            continue
        if message.fuzzy:
            problems.append(f"{where} is fuzzy")
        source = _text(msgid)
        if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(msgstr)):
            problems.append(
                f"{where}: placeholders {sorted(PLACEHOLDER.findall(source))} "
                f"became {sorted(PLACEHOLDER.findall(msgstr))} in {msgstr!r}"
            )
        if Counter(HTML_TAG.findall(source)) != Counter(HTML_TAG.findall(msgstr)):
            problems.append(
                f"{where}: HTML tags {HTML_TAG.findall(source)} became "
                f"{HTML_TAG.findall(msgstr)} in {msgstr!r}"
            )
        for end, name in ((str.startswith, "starts"), (str.endswith, "ends")):
            if end(source, "\n") != end(msgstr, "\n"):
                problems.append(
                    f"{where}: only one of msgid/msgstr {name} with a newline"
                )
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("addon", ADDONS)
def test_po_translates_every_term_of_the_pot(addon, lang):
    pot_path = ROOT / addon / "i18n" / f"{addon}.pot"
    po_path = ROOT / addon / "i18n" / f"{lang}.po"
    assert pot_path.is_file(), f"{addon} has no i18n/{addon}.pot: run ./dev pot {addon}"
    assert po_path.is_file(), (
        f"{addon} has no {lang} translation: i18n/{lang}.po is missing"
    )
    pot, po = _catalog(pot_path), _catalog(po_path)
    problems = _problems(pot, po, addon, lang)
    assert not problems, f"{len(problems)} problem(s) in {addon} {lang}:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("addon", ADDONS)
def test_po_header_names_the_language(addon, lang):
    po_path = ROOT / addon / "i18n" / f"{lang}.po"
    if not po_path.is_file():
        pytest.fail(f"{addon} has no {lang} translation: i18n/{lang}.po is missing")
    text = po_path.read_text(encoding="utf-8")
    assert f'"Language: {lang}\\n"' in text, (
        f"{addon}/i18n/{lang}.po: the header has no 'Language: {lang}'"
    )
    assert f'"Plural-Forms: nplurals={NPLURALS[lang]}; plural=' in text, (
        f"{addon}/i18n/{lang}.po: the header's Plural-Forms does not give "
        f"nplurals={NPLURALS[lang]}"
    )
    assert "charset=UTF-8" in text, f"{addon}/i18n/{lang}.po: not declared UTF-8"


@pytest.mark.parametrize("addon", ADDONS)
def test_python_messages_are_read_by_odoo_and_in_the_pot(addon):
    """Every ``_()``/``_lt()`` message of the addon's Python code is in its .pot, read
    the way Odoo's exporter (``./dev pot``) reads it: Babel's Python extractor. That
    extractor gives up on a whole file when a call holds an f-string or other expression
    it cannot evaluate, silently dropping every later message of the file from the
    .pot."""
    pot = set(_messages(_catalog(ROOT / addon / "i18n" / f"{addon}.pot")))
    problems = []
    for path in sorted((ROOT / addon).rglob("*.py")):
        if "tests" in path.relative_to(ROOT / addon).parts:
            continue
        where = path.relative_to(ROOT)
        with path.open("rb") as fileobj:
            try:
                found = list(
                    extract(
                        "python",
                        fileobj,
                        keywords={"_": None, "_lt": None},
                        options={"encoding": "UTF-8"},
                    )
                )
            except Exception as exc:  # what Odoo's exporter logs and skips
                problems.append(
                    f"{where}: Odoo's exporter cannot read its messages "
                    f"({type(exc).__name__}: {exc})"
                )
                continue
        for lineno, message, _comments, _context in found:
            message = _text(
                message[0] if isinstance(message, (tuple, list)) else message
            )
            if len(re.sub(r"\W+", "", message)) > 1 and message not in pot:
                problems.append(
                    f"{where}:{lineno}: {message!r} is not in i18n/{addon}.pot (run "
                    f"./dev pot {addon})"
                )
    assert not problems, "\n".join(problems)


def test_the_checker_catches_what_it_should(tmp_path):
    """The checks above can fail: an untranslated, a fuzzy, a lost placeholder, a lost
    tag."""
    pot = tmp_path / "x.pot"
    pot.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Receipt %(name)s"\nmsgstr ""\n\n'
        'msgid "Use <b>Fetch now</b>"\nmsgstr ""\n\n'
        'msgid "Prepayment"\nmsgstr ""\n\n'
        'msgid "Draft"\nmsgstr ""\n\n'
        'msgid "Amount %s of %d"\nmsgstr ""\n',
        encoding="utf-8",
    )
    po = tmp_path / "lv.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Receipt %(name)s"\nmsgstr "Kvīts %(nosaukums)s"\n\n'
        'msgid "Use <b>Fetch now</b>"\nmsgstr "Izmantojiet Saņemt tagad"\n\n'
        '#, fuzzy\nmsgid "Prepayment"\nmsgstr "Avanss"\n\n'
        'msgid "Amount %s of %d"\nmsgstr "Summa %s no %d"\n',
        encoding="utf-8",
    )
    problems = _problems(_catalog(pot), _catalog(po), "x", "lv")
    assert len(problems) == 4, problems
    assert any("'Receipt %(name)s': placeholders" in p for p in problems)
    assert any("'Use <b>Fetch now</b>': HTML tags" in p for p in problems)
    assert any("'Prepayment' is fuzzy" in p for p in problems)
    assert any("'Draft' is not translated" in p for p in problems)


# --------------------------------------------------------------------------- ./dev pot


@pytest.fixture(scope="module")
def dev():
    loader = importlib.machinery.SourceFileLoader("dev_runner_i18n", str(ROOT / "dev"))
    spec = importlib.util.spec_from_loader("dev_runner_i18n", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


POT = """msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 18.0\\n"
"POT-Creation-Date: {date}\\n"
"PO-Revision-Date: {date}\\n"
"Plural-Forms: \\n"

msgid "{term}"
msgstr ""
"""


def test_dev_pot_keeps_an_unchanged_template(dev):
    """Odoo stamps every export with the time: ./dev pot keeps the old stamp when the
    terms did not change, so running it twice gives no diff, and takes the new file
    otherwise."""
    old = POT.format(date="2026-11-22 07:28+0000", term="Receipt")
    same_terms = POT.format(date="2026-11-22 09:00+0000", term="Receipt")
    new_term = POT.format(date="2026-11-22 09:00+0000", term="Receipts")
    assert dev.pot_keeping_dates(old, same_terms) == old
    assert dev.pot_keeping_dates(old, new_term) == new_term
    assert dev.pot_keeping_dates(None, same_terms) == same_terms

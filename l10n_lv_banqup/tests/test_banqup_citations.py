# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every Banqup call and every emulator route cites a public page listed in
readme/CONTEXT.md.

The pages were found with the project's documentation search; a test cannot search, so
it checks against the list of ``readme/CONTEXT.md`` ("Documented: the pages we cite"),
which is where such a finding is recorded.
"""

import logging
import re

from ..banqup import btx
from . import banqup_emulator
from .cases import UnitCase
from .common_paths import ADDON_DIR

_logger = logging.getLogger(__name__)

URL = re.compile(r"https://[^\s|)`>]+")


def cited_pages():
    """URLs of CONTEXT.md's list of documented pages (one ``- https://...`` item per
    page)."""
    text = (ADDON_DIR / "readme" / "CONTEXT.md").read_text(encoding="utf-8")
    section = text.split("## Documented: the pages we cite", 1)[1].split("\n## ", 1)[0]
    pages = {
        match.group(0)
        for line in section.splitlines()
        if line.startswith("- https")
        for match in [URL.search(line)]
    }
    assert len(pages) >= 10, "the list of documented pages is missing or empty"
    return pages


CLIENT_FILES = ("btx.py", "outbound.py")
#: what starts an HTTP call in them
CALL = re.compile(r"(\._request\(|\.session\.(get|post|put|delete)\()")


def client_calls():
    """``("file:line", comment block above)`` of every HTTP call in the Banqup
    clients."""
    calls = []
    for name in CLIENT_FILES:
        lines = (ADDON_DIR / "banqup" / name).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if CALL.search(line) and "def _request" not in line:
                above = []
                for previous in reversed(lines[max(0, number - 4) : number]):
                    if not previous.strip().startswith("#"):
                        if above:
                            break
                        continue
                    above.insert(0, previous.strip())
                calls.append((f"{name}:{number + 1}", " ".join(above)))
    return calls


class TestBanqupCitations(UnitCase):
    def test_every_emulator_route_cites_a_listed_page(self):
        pages = cited_pages()
        routes = banqup_emulator.ROUTES
        assert routes, "the emulator serves no documented route"
        for method, pattern, handler, doc_url in routes:
            assert method in ("GET", "POST", "PUT", "DELETE"), (method, pattern)
            assert hasattr(banqup_emulator._Handler, handler), (
                f"{method} {pattern}: no handler {handler}"
            )
            assert doc_url in pages, (
                f"{method} {pattern} cites {doc_url!r}, not in CONTEXT.md's list"
            )
        _logger.info(
            f"{len(routes)} documented emulator routes, {len(pages)} cited pages"
        )

    def test_undocumented_routes_are_marked_and_off_by_default(self):
        for method, pattern, _handler, doc_url in banqup_emulator.UNDOCUMENTED_ROUTES:
            assert doc_url == banqup_emulator.NOT_DOCUMENTED, (method, pattern)
        emulator = banqup_emulator.BanqupEmulator()
        assert emulator.routes() == banqup_emulator.ROUTES
        emulator.extra_routes.append(
            ("GET", r"/x", "_spaces", banqup_emulator.DOC_FILES)
        )
        assert emulator.routes()[-1][0:2] == ("GET", r"/x")
        assert set(banqup_emulator.UNDOCUMENTED_ROUTES) <= set(
            banqup_emulator.BanqupEmulator(undocumented=True).routes()
        )

    #: the plain-Python clients that call Banqup: token/spaces/listener/inbound, and the
    #: outbound upload

    def test_every_client_call_cites_a_listed_page_or_is_marked_undocumented(self):
        pages = cited_pages()
        calls = client_calls()
        assert len(calls) >= 8, calls
        documented = 0
        for number, comment in calls:
            if comment.startswith("# NOT documented"):
                assert "opt-in" in comment, (
                    f"{number}: an undocumented call must name the opt-in"
                )
                continue
            assert comment.startswith("# documented:"), (
                f"{number}: no citation above the call"
            )
            urls = URL.findall(comment)
            assert urls, f"{number}: no URL in {comment!r}"
            for url in urls:
                assert url in pages, f"{number} cites {url!r}, not in CONTEXT.md's list"
            documented += 1
        _logger.info(
            f"{len(calls)} client calls: {documented} documented, "
            f"{len(calls) - documented} opt-in"
        )

    def test_client_doc_constants_are_listed(self):
        pages = cited_pages()
        for key, url in btx.DOCS.items():
            assert url in pages, (
                f"btx.DOCS[{key!r}] = {url!r} is not in CONTEXT.md's list"
            )

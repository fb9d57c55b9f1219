# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""BTX REST transport against the local Banqup emulator (loopback only)."""

import logging
import socket
import threading

from ..banqup.btx import BtxConfig, BtxTransport
from ..banqup.exceptions import (
    AuthenticationError,
    BanqupError,
    ConfigurationError,
    NotWhitelistedError,
    OperatorUnavailable,
    ProtocolError,
    RateLimited,
)
from ..banqup.transport import (
    REGISTRATION_OK_MESSAGE,
    SERVICE_IMPORT_SALES_INVOICES,
    SERVICE_RECEIVE_SUPPLIER_INVOICES,
    SERVICES,
    DocumentPayload,
)
from ..parsers import ubl
from ..parsers.exceptions import ParseError
from .banqup_emulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_SPACE_ID,
    BanqupEmulator,
    load_demo_folder,
)
from .cases import UnitCase
from .common_paths import DATA_DIR, sample

SECRET = "s3cr3t-Very-Private-Value-42"


class FakeClock:
    """Monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


_OPEN_TRANSPORTS = []


def _close_transports():
    """Close every transport a test created (their keep-alive sockets)."""
    while _OPEN_TRANSPORTS:
        _OPEN_TRANSPORTS.pop().close()


def make_transport(
    emu_or_url,
    clock=None,
    sleeps=None,
    client_id="odoo-app",
    secret=SECRET,
    **overrides,
):
    url = emu_or_url if isinstance(emu_or_url, str) else emu_or_url.url
    overrides.setdefault("undocumented_endpoints", True)
    config = BtxConfig(
        base_url=url, client_id=client_id, client_secret=secret, timeout=5, **overrides
    )
    transport = BtxTransport(
        config,
        clock=clock or FakeClock(),
        sleep=(sleeps.append if sleeps is not None else lambda seconds: None),
    )
    _OPEN_TRANSPORTS.append(transport)
    return transport


def api_calls(emu, path_part):
    return [
        (method, status) for method, path, status in emu.requests if path_part in path
    ]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- token
# -----------------------------------------------------------------------------------


def add_documents(emu, count, folder="SALES"):
    return [
        emu.add_document(f"<doc n='{i}'/>".encode(), folder, f"inv-{i}.xml")
        for i in range(count)
    ]


class _EchoResponse:
    """A reply whose error body echoes the credentials back (a hostile or buggy
    server)."""

    status_code = 400

    def __init__(self, secret):
        self._secret = secret
        self.headers = {}

    def json(self):
        return {"error": f"invalid client_secret {self._secret}"}

    def close(self):
        """Nothing to release."""


class _EchoSession:
    def __init__(self, secret):
        self.secret = secret

    def request(self, method, url, **kwargs):
        return _EchoResponse(self.secret)


class TestBtxClient(UnitCase):
    def setUp(self):
        super().setUp()
        # the emulator with the undocumented routes too: most tests here exercise the
        # opt-in listing
        self.emulator = BanqupEmulator(token_lifetime=300, undocumented=True)
        self.emulator.__enter__()
        self.addCleanup(self.emulator.__exit__, None, None, None)
        self.emulator.add_client("odoo-app", SECRET)
        self.addCleanup(_close_transports)
        self.clock = FakeClock()
        self.sleeps = []

    def test_token_is_cached(self, emulator, clock):
        transport = make_transport(emulator, clock)
        transport.discover_space()
        transport.list_new_documents()
        transport.list_new_documents()
        assert emulator.tokens_issued == 1
        assert api_calls(emulator, "/oauth2/") == [("POST", 200)]

    def test_token_renewed_before_expires_in(self, emulator, clock):
        transport = make_transport(emulator, clock)
        transport.discover_space()
        clock.now += 300 - 30 - 1  # still inside the lifetime minus the leeway
        transport.discover_space()
        assert emulator.tokens_issued == 1
        clock.now += 2
        transport.discover_space()
        assert emulator.tokens_issued == 2
        assert all(
            status != 401 for _m, _p, status in emulator.requests
        )  # no 401 needed

    def test_default_lifetime_when_reply_has_no_expires_in(self, clock):
        with BanqupEmulator(report_expires_in=False) as emu:
            transport = make_transport(
                emu, clock, client_id=DEMO_CLIENT_ID, secret=DEMO_CLIENT_SECRET
            )
            transport.discover_space()
            clock.now += 269
            transport.discover_space()
            assert emu.tokens_issued == 1
            clock.now += 2
            transport.discover_space()
            assert emu.tokens_issued == 2

    def test_refresh_once_on_401(self, emulator, clock):
        transport = make_transport(emulator, clock)
        transport.discover_space()
        emulator.advance(
            301
        )  # the server expires the token; the client does not know yet
        space = transport.discover_space()
        assert space.id == DEMO_SPACE_ID
        assert emulator.tokens_issued == 2
        spaces_calls = api_calls(emulator, "/entitystore/v1/spaces")
        assert spaces_calls == [("GET", 200), ("GET", 401), ("GET", 200)]

    def test_401_twice_is_authentication_error(self, emulator, clock):
        transport = make_transport(emulator, clock)
        emulator.fail_next(2, status=401, path_contains="/entitystore/")
        with self.assertRaises(AuthenticationError):
            transport.discover_space()
        assert emulator.tokens_issued == 2  # one refresh, not more

    def test_bad_credentials(self, emulator, clock):
        transport = make_transport(emulator, clock, secret="wrong-" + SECRET)
        with self.assertRaises(AuthenticationError) as info:
            transport.discover_space()
        assert "refused the API credentials" in str(info.exception)
        assert SECRET not in str(info.exception)
        assert api_calls(emulator, "/oauth2/") == [("POST", 401)]

    def test_unknown_client_id(self, emulator, clock):
        transport = make_transport(emulator, clock, client_id="nobody")
        with self.assertRaises(AuthenticationError):
            transport.list_new_documents()

    def test_configurable_token_path(self, emulator, clock):
        """The getting-started guide's gettoken is the default; the recipe's accesstoken
        is a setting."""
        transport = make_transport(emulator, clock)
        transport.discover_space()
        assert api_calls(emulator, "/oauth2/client_credential/gettoken") == [
            ("POST", 200)
        ]
        transport = make_transport(
            emulator, clock, token_path="/oauth2/client_credential/accesstoken"
        )
        transport.discover_space()
        assert api_calls(emulator, "/oauth2/client_credential/accesstoken") == [
            ("POST", 200)
        ]

    # -- spaces
    # ---------------------------------------------------------------------------------

    def test_not_whitelisted(self, emulator, clock):
        emulator.add_client("new-app", SECRET, whitelisted=False)
        transport = make_transport(emulator, clock, client_id="new-app")
        with self.assertRaises(NotWhitelistedError) as info:
            transport.discover_space()
        message = str(info.exception)
        assert (
            "legal representative must whitelist this application in Banqup" in message
        )
        results = transport.register(SERVICES)
        assert set(results) == set(SERVICES)
        for result in results.values():
            assert result.active is False
            assert "whitelist" in result.message
            assert isinstance(result.error, NotWhitelistedError)

    def test_business_space_is_picked(self, emulator, clock):
        emulator.add_client(
            "multi",
            SECRET,
            spaces=[
                {"id": "p1", "name": "Me", "type": "PERSONAL"},
                {"id": "b1", "name": "SIA B", "type": "BUSINESS"},
            ],
        )
        transport = make_transport(emulator, clock, client_id="multi")
        assert transport.discover_space().id == "b1"
        assert transport.space_id == "b1"

    def test_several_business_spaces_need_a_setting(self, emulator, clock):
        spaces = [
            {"id": "b1", "name": "SIA A", "type": "BUSINESS"},
            {"id": "b2", "name": "SIA B", "type": "BUSINESS"},
        ]
        emulator.add_client("multi", SECRET, spaces=spaces)
        with self.assertRaisesRegex(ConfigurationError, "SIA A, SIA B"):
            make_transport(emulator, clock, client_id="multi").discover_space()
        assert (
            make_transport(emulator, clock, client_id="multi", space_id="b2")
            .discover_space()
            .id
            == "b2"
        )
        with self.assertRaisesRegex(ConfigurationError, "not among"):
            make_transport(
                emulator, clock, client_id="multi", space_id="b9"
            ).discover_space()

    # -- operator down, retries
    # -------------------------------------------------------------------

    def test_operator_down_closed_port(self, clock):
        transport = make_transport(f"http://127.0.0.1:{closed_port()}", clock)
        with self.assertRaises(OperatorUnavailable) as info:
            transport.discover_space()
        assert "network error" in str(info.exception)
        results = transport.register([SERVICE_IMPORT_SALES_INVOICES])
        assert results[SERVICE_IMPORT_SALES_INVOICES].active is False
        assert "not reachable" in results[SERVICE_IMPORT_SALES_INVOICES].message

    def test_timeout_is_operator_unavailable(self, clock):
        with (
            socket.socket() as server
        ):  # accepts connections (kernel backlog) but never answers
            server.bind(("127.0.0.1", 0))
            server.listen(5)
            config = BtxConfig(
                f"http://127.0.0.1:{server.getsockname()[1]}",
                "odoo-app",
                SECRET,
                timeout=0.3,
            )
            with (
                BtxTransport(config, clock=clock) as transport,
                self.assertRaisesRegex(
                    OperatorUnavailable, "no answer within 0.3 seconds"
                ),
            ):
                transport.discover_space()

    def test_5xx_is_retried_with_backoff(self, emulator, clock, sleeps):
        """urllib3's Retry schedule: the first retry at once, then backoff x 2, x 4,
        ..."""
        transport = make_transport(emulator, clock, sleeps)
        emulator.fail_next(2, status=500, path_contains="/spaces")
        assert transport.discover_space().id == DEMO_SPACE_ID
        assert sleeps == [2.0]
        assert [status for _method, status in api_calls(emulator, "/spaces")] == [
            500,
            500,
            200,
        ]

    def test_5xx_retries_are_bounded(self, emulator, clock, sleeps):
        transport = make_transport(emulator, clock, sleeps, max_retries=3)
        emulator.fail_next(10, status=503, path_contains="/entitystore/")
        with self.assertRaisesRegex(OperatorUnavailable, "HTTP 503"):
            transport.discover_space()
        assert sleeps == [2.0, 4.0]
        assert len(api_calls(emulator, "/entitystore/")) == 4

    def test_429_honours_retry_after(self, emulator, clock, sleeps):
        transport = make_transport(emulator, clock, sleeps)
        emulator.fail_next(1, status=429, retry_after=7, path_contains="/entitystore/")
        assert transport.discover_space().id == DEMO_SPACE_ID
        assert sleeps == [7]

    def test_429_wait_is_capped_and_bounded(self, emulator, clock, sleeps):
        transport = make_transport(emulator, clock, sleeps, max_retries=2, max_wait=10)
        emulator.fail_next(
            5, status=429, retry_after=3600, path_contains="/entitystore/"
        )
        with self.assertRaises(RateLimited) as info:
            transport.discover_space()
        assert sleeps == [10, 10]
        assert info.exception.retry_after == 3600
        assert "3600 seconds" in str(info.exception)

    def test_other_4xx_is_not_retried(self, emulator, clock, sleeps):
        transport = make_transport(emulator, clock, sleeps)
        from ..banqup.transport import RemoteDocument

        with self.assertRaisesRegex(ProtocolError, "HTTP 404"):
            transport.download(RemoteDocument("does-not-exist", "sales"))
        assert sleeps == []

    def test_token_endpoint_5xx_is_retried(self, emulator, clock, sleeps):
        transport = make_transport(emulator, clock, sleeps)
        emulator.fail_next(1, status=502, path_contains="/oauth2/")
        transport.discover_space()
        assert sleeps == []  # urllib3 retries the first time at once
        assert api_calls(emulator, "/oauth2/") == [("POST", 502), ("POST", 200)]

    # -- documents
    # ----------------------------------------------------------------------------------

    def test_pagination(self, emulator, clock):
        ids = add_documents(emulator, 5)
        transport = make_transport(emulator, clock, page_size=2)
        page1, cursor1 = transport.list_new_documents()
        page2, cursor2 = transport.list_new_documents(cursor1)
        page3, cursor3 = transport.list_new_documents(cursor2)
        assert [d.banqup_id for d in page1 + page2 + page3] == ids
        assert [len(page1), len(page2), len(page3)] == [2, 2, 1]
        assert cursor1 and cursor2 and cursor3 is None
        assert [d.banqup_id for d in transport.iter_new_documents()] == ids
        assert {d.direction for d in page1} == {"sales"}

    def test_folders_setting_filters(self, emulator, clock):
        sales = add_documents(emulator, 2, "SALES")
        purchases = add_documents(emulator, 2, "PURCHASES")
        only_sales = make_transport(emulator, clock, folders=("SALES",))
        assert [d.banqup_id for d in only_sales.iter_new_documents()] == sales
        both = make_transport(emulator, clock)
        listed = list(both.iter_new_documents())
        assert [d.banqup_id for d in listed] == sales + purchases
        assert [d.direction for d in listed] == [
            "sales",
            "sales",
            "purchase",
            "purchase",
        ]

    def test_download_with_files(self, emulator, clock):
        xml = sample("lv_embedded_pdf.xml")
        pdf = sample("lv_embedded_pdf.pdf")
        doc_id = emulator.add_document(
            xml,
            "PURCHASES",
            "LV-2026-0007.xml",
            [("LV-2026-0007.pdf", "application/pdf", pdf)],
        )
        transport = make_transport(emulator, clock)
        (remote,) = transport.list_new_documents()[0]
        payload = transport.download(remote)
        assert isinstance(payload, DocumentPayload)
        assert (payload.banqup_id, payload.direction, payload.filename) == (
            doc_id,
            "purchase",
            "LV-2026-0007.xml",
        )
        assert payload.xml == xml
        (file,) = payload.files
        assert (file.filename, file.mime, file.content) == (
            "LV-2026-0007.pdf",
            "application/pdf",
            pdf,
        )
        assert payload.metadata == {"documentCategory": "INVOICE"}

    def test_download_size_limit(self, emulator, clock):
        emulator.add_document(b"<a>" + b"x" * 5000 + b"</a>", "SALES")
        transport = make_transport(emulator, clock, max_file_size=1000)
        (remote,) = transport.list_new_documents()[0]
        with self.assertRaisesRegex(ProtocolError, "larger than 1000 bytes"):
            transport.download(remote)

    def test_acknowledge_removes_from_listing(self, emulator, clock):
        ids = add_documents(emulator, 3)
        transport = make_transport(emulator, clock)
        transport.acknowledge(ids[1])
        assert emulator.acknowledged == [ids[1]]
        assert [d.banqup_id for d in transport.iter_new_documents()] == [ids[0], ids[2]]
        transport.acknowledge(ids[1])  # idempotent
        assert emulator.acknowledged == [ids[1]]

    def test_acknowledging_while_paging_skips_nothing(self, emulator, clock):
        ids = add_documents(emulator, 5)
        transport = make_transport(emulator, clock, page_size=2)
        seen = []
        for remote in transport.iter_new_documents():
            transport.download(remote)
            transport.acknowledge(remote.banqup_id)
            seen.append(remote.banqup_id)
        assert seen == ids
        assert emulator.acknowledged == ids
        assert transport.list_new_documents() == ([], None)

    def test_register_services(self, emulator, clock):
        """Register: the space, then one documented messageListeners extension per
        e-service."""
        transport = make_transport(emulator, clock)
        urls = {
            SERVICE_RECEIVE_SUPPLIER_INVOICES: (
                "https://odoo.example/l10n_lv_banqup/listener/1/t/receive_supplier_invoices"
            ),
            SERVICE_IMPORT_SALES_INVOICES: (
                "https://odoo.example/l10n_lv_banqup/listener/1/t/import_sales_invoices"
            ),
        }
        results = transport.register(
            [SERVICE_RECEIVE_SUPPLIER_INVOICES, SERVICE_IMPORT_SALES_INVOICES], urls
        )
        assert [(r.service, r.active, r.message) for r in results.values()] == [
            (SERVICE_RECEIVE_SUPPLIER_INVOICES, True, REGISTRATION_OK_MESSAGE),
            (SERVICE_IMPORT_SALES_INVOICES, True, REGISTRATION_OK_MESSAGE),
        ]
        assert [
            (e["basePath"], e["space"], e["filter"]) for e in emulator.extensions
        ] == [
            (
                urls[SERVICE_RECEIVE_SUPPLIER_INVOICES],
                DEMO_SPACE_ID,
                {"categories": ["document", "file"]},
            ),
            (
                urls[SERVICE_IMPORT_SALES_INVOICES],
                DEMO_SPACE_ID,
                {"categories": ["document", "file"]},
            ),
        ]
        assert api_calls(emulator, "/core/plugin/api/v1/extensionPoints") == [
            ("GET", 200),
            ("POST", 201),
            ("POST", 201),
        ]
        assert all(
            r.request_date is not None and r.request_date.tzinfo is None
            for r in results.values()
        )
        assert emulator.unserved == []

    def test_register_unknown_service_and_without_listener(self, emulator, clock):
        transport = make_transport(emulator, clock)
        results = transport.register([SERVICE_IMPORT_SALES_INVOICES, "fax"])
        assert results[SERVICE_IMPORT_SALES_INVOICES].active is True
        assert results["fax"].active is False
        assert "unknown e-service" in results["fax"].message
        assert emulator.extensions == []

    def test_default_config_calls_only_documented_endpoints(self, clock):
        """Without the opt-in nothing undocumented is called: against the documented
        emulator (its default) listing is empty, acknowledging calls nothing, and no
        path goes unserved."""
        with BanqupEmulator() as emu:
            emu.add_client("odoo-app", SECRET)
            emu.add_document(sample("lv_sales_invoice.xml"))
            transport = make_transport(emu, clock, undocumented_endpoints=False)
            assert transport.list_new_documents() == ([], None)
            transport.acknowledge("anything")
            results = transport.register(
                SERVICES, {s: f"http://127.0.0.1:9/{s}" for s in SERVICES}
            )
            assert all(r.active for r in results.values())
            assert emu.unserved == []
            assert {path for _m, path, _s in emu.requests} == {
                "/oauth2/client_credential/gettoken",
                "/entitystore/v1/spaces",
                "/core/plugin/api/v1/extensionPoints",
                "/core/plugin/api/v1/extensionPoints/45e62b83-51e5-492c-b270-d1606c99fde6/extensions",
            }
            transport.close()

    def test_concurrent_use_of_two_transports(self, emulator, clock):
        ids = add_documents(emulator, 20)
        seen, errors = [], []

        def worker():
            try:
                transport = make_transport(emulator, FakeClock())
                seen.extend(d.banqup_id for d in transport.iter_new_documents())
            except BanqupError as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert errors == []
        assert sorted(seen) == sorted(ids * 2)

    # -- secrets
    # ----------------------------------------------------------------------------------

    def test_secrets_never_in_exceptions_or_logs(self, emulator, clock, sleeps):
        with self.assertLogs("odoo.addons.l10n_lv_banqup", logging.DEBUG) as logs:
            collected = []
            good = make_transport(emulator, clock, sleeps)
            good.discover_space()
            emulator.advance(301)
            emulator.fail_next(1, status=500, path_contains="/documents")
            good.list_new_documents()  # 401 refresh + 500 retry
            emulator.fail_next(5, status=429, retry_after=1, path_contains="/documents")
            for transport, action in [
                (
                    make_transport(emulator, clock, secret="bad-" + SECRET),
                    "discover_space",
                ),
                (good, "list_new_documents"),
                (
                    make_transport(f"http://127.0.0.1:{closed_port()}", clock),
                    "discover_space",
                ),
            ]:
                with self.assertRaises(BanqupError) as info:
                    getattr(transport, action)()
                collected += [
                    str(info.exception),
                    repr(info.exception),
                    repr(transport),
                    repr(transport.config),
                ]
            collected += [
                r.message
                for r in make_transport(emulator, clock, secret="bad-" + SECRET)
                .register(SERVICES)
                .values()
            ]
        text = "\n".join(collected) + "\n" + "\n".join(logs.output)
        assert "emu-token-" not in text
        assert SECRET not in text
        assert len(logs.records) > 5  # the flow did log

    def test_secret_echoed_by_server_is_redacted(self):
        config = BtxConfig("http://127.0.0.1:9", "odoo-app", SECRET)
        transport = BtxTransport(config, session=_EchoSession(SECRET))
        with self.assertRaises(AuthenticationError) as info:
            transport.discover_space()
        assert SECRET not in str(info.exception)
        assert str(info.exception) == (
            "Banqup refused the API credentials (client id or secret): POST "
            "/oauth2/client_credential/gettoken: HTTP 400 (invalid client_secret ***)"
        )

    def test_config_requires_credentials(self):
        with self.assertRaises(ConfigurationError):
            BtxTransport(BtxConfig("http://127.0.0.1:9", "", ""))
        assert SECRET not in repr(BtxConfig("http://127.0.0.1:9", "id", SECRET))

    def test_config_for_environment_and_retryable_flags(self):
        config = BtxConfig.for_environment("sandbox", "id", SECRET)
        assert config.base_url == "https://api.uat.btx.eu.banqup.com"
        assert BtxConfig.for_environment(
            "custom", "id", SECRET, custom_url="http://127.0.0.1:8070"
        ).base_url == ("http://127.0.0.1:8070")
        with self.assertRaises(ConfigurationError):
            BtxConfig.for_environment("custom", "id", SECRET)
        with self.assertRaises(ConfigurationError):
            BtxConfig.for_environment("moon", "id", SECRET)
        assert OperatorUnavailable("x").retryable and RateLimited("x").retryable
        assert (
            not AuthenticationError("x").retryable
            and not NotWhitelistedError().retryable
        )

    def test_end_to_end_fetch_parse_acknowledge(self, emulator, clock):
        """The inbox flow in miniature: fetch everything, parse, acknowledge only what
        parsed."""
        ids = load_demo_folder(emulator, DATA_DIR)
        assert len(ids) == 15
        transport = make_transport(emulator, clock, page_size=4)
        parsed, failed = {}, {}
        for remote in transport.iter_new_documents():
            payload = transport.download(remote)
            try:
                parsed[payload.filename] = (
                    payload.direction,
                    ubl.parse(payload.xml, payload.filename),
                )
            except ParseError as exc:
                failed[payload.filename] = exc
                continue
            transport.acknowledge(payload.banqup_id)
        assert sorted(failed) == [
            "hostile_billion_laughs.xml",
            "hostile_external_entity.xml",
            "malformed_truncated.xml",
        ]
        assert len(parsed) == 12
        assert parsed["purchase_supplier_invoice.xml"][0] == "purchase"
        assert parsed["lv_sales_invoice.xml"][0] == "sales"
        assert parsed["lv_embedded_pdf.xml"][1].attachments[0].content == sample(
            "lv_embedded_pdf.pdf"
        )
        # the failed documents stay listed (not acknowledged) for the next run; nothing
        # is lost
        remaining = [d.filename for d in transport.iter_new_documents()]
        assert sorted(remaining) == sorted(failed)

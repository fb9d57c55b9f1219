# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The local Banqup API emulator itself: protocol details, control API, standalone run,
shutdown."""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from .banqup_emulator import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_SPACE_ID,
    BanqupEmulator,
)
from .cases import UnitCase
from .common_paths import DATA_DIR, REPO_ROOT

DOCS = f"/datastore/documents/transaction/v1/spaces/{DEMO_SPACE_ID}"


def call(url, method="GET", data=None, headers=None, form=None):
    """Tiny stdlib HTTP helper: returns (status, headers, body bytes)."""
    body = None
    headers = dict(headers or {})
    if form is not None:
        body = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def token(emu, client_id=DEMO_CLIENT_ID, secret=DEMO_CLIENT_SECRET):
    status, _h, body = call(
        emu.url + "/oauth2/client_credential/accesstoken",
        "POST",
        form={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": secret,
        },
    )
    return status, json.loads(body)


def auth(tok):
    return {"Authorization": f"Bearer {tok}"}


class TestBanqupEmulator(UnitCase):
    def test_token_protocol_and_expiry(self):
        with BanqupEmulator(token_lifetime=60) as emu:
            status, body = token(emu)
            assert status == 200
            assert body == {
                "access_token": "emu-token-000001",
                "token_type": "Bearer",
                "expires_in": 60,
            }
            assert (
                call(
                    emu.url + "/entitystore/v1/spaces",
                    headers=auth(body["access_token"]),
                )[0]
                == 200
            )
            emu.advance(61)
            assert (
                call(
                    emu.url + "/entitystore/v1/spaces",
                    headers=auth(body["access_token"]),
                )[0]
                == 401
            )
            assert call(emu.url + "/entitystore/v1/spaces")[0] == 401
            assert (
                call(emu.url + "/entitystore/v1/spaces", headers=auth("forged"))[0]
                == 401
            )
            assert token(emu, secret="nope")[0] == 401
            status, _h, body = call(
                emu.url + "/oauth2/client_credential/gettoken",
                "POST",
                form={"grant_type": "password"},
            )
            assert (status, json.loads(body)) == (
                400,
                {"error": "unsupported_grant_type"},
            )

    def test_deterministic_ids_and_listing_shape(self):
        with BanqupEmulator(undocumented=True) as emu:
            first = emu.add_document(b"<a/>", "SALES", "a.xml")
            second = emu.add_document(b"<b/>", "PURCHASES", "b.xml")
            assert (first, second) == (
                "00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-0000-000000000002",
            )
            tok = token(emu)[1]["access_token"]
            status, _h, body = call(
                emu.url + DOCS + "/documents?limit=1", headers=auth(tok)
            )
            assert status == 200
            assert json.loads(body) == {
                "documents": [{"id": first, "folder": "SALES", "filename": "a.xml"}],
                "nextCursor": "1",
            }
            status, _h, body = call(
                emu.url + DOCS + "/documents?limit=1&cursor=1", headers=auth(tok)
            )
            assert json.loads(body)["nextCursor"] is None
            assert (
                call(emu.url + DOCS + "/documents?cursor=x", headers=auth(tok))[0]
                == 400
            )

    def test_other_space_is_forbidden_and_unknown_paths_404(self):
        with BanqupEmulator(undocumented=True) as emu:
            tok = token(emu)[1]["access_token"]
            other = "/datastore/documents/transaction/v1/spaces/other-space/documents"
            assert call(emu.url + other, headers=auth(tok))[0] == 403
            assert call(emu.url + DOCS + "/nothing-here", headers=auth(tok))[0] == 404
            assert (
                call(emu.url + DOCS + "/documents/unknown", headers=auth(tok))[0] == 404
            )
            assert emu.unserved == [("GET", DOCS + "/nothing-here")]

    def test_undocumented_paths_404_by_default_and_are_recorded(self):
        """The default emulator is the documented API only: the opt-in paths answer 404,
        even with a valid token, and each unserved call is recorded for the tests to
        assert on."""
        with BanqupEmulator() as emu:
            doc_id = emu.add_document(b"<x/>")
            tok = token(emu)[1]["access_token"]
            for path in (
                "/documents",
                f"/documents/{doc_id}",
                f"/files/{emu.documents[doc_id].files[0].id}/content",
            ):
                assert call(emu.url + DOCS + path, headers=auth(tok))[0] == 404
            assert (
                call(
                    emu.url + DOCS + f"/documents/{doc_id}/export-acknowledgement",
                    "POST",
                    {},
                    auth(tok),
                )[0]
                == 404
            )
            assert [method for method, _path in emu.unserved] == [
                "GET",
                "GET",
                "GET",
                "POST",
            ]
            # the documented file details answer
            status, _h, body = call(
                emu.url + DOCS + f"/files/{emu.documents[doc_id].files[0].id}",
                headers=auth(tok),
            )
            assert (status, json.loads(body)["metadata"]["folder"]) == (200, "SALES")

    def test_listener_registration_and_delivery(self):
        """The documented listener: extension point, registration, then messages POSTed
        to <base>/messages."""
        received = []

        class Listener(BaseHTTPRequestHandler):
            def do_POST(self):
                received.append(
                    (
                        self.path,
                        json.loads(
                            self.rfile.read(int(self.headers["Content-Length"]))
                        ),
                    )
                )
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Listener)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with BanqupEmulator() as emu:
                doc_id = emu.add_document(b"<x/>", "PURCHASES")
                tok = token(emu)[1]["access_token"]
                query = (
                    "?namespace=com.unifiedpost.btx&name=messageListeners&version=1.0"
                )
                status, _h, body = call(
                    emu.url + "/core/plugin/api/v1/extensionPoints" + query,
                    headers=auth(tok),
                )
                point = json.loads(body)["extensionPoints"][0]["extensionPointId"]
                base = f"http://127.0.0.1:{server.server_address[1]}/hook"
                status, _h, body = call(
                    emu.url + f"/core/plugin/api/v1/extensionPoints/{point}/extensions",
                    "POST",
                    {"basePath": base, "filter": {"categories": ["file"]}},
                    auth(tok),
                )
                assert status == 201
                assert emu.deliver_messages() == [202]
                path, message = received[0]
                assert path == "/hook/messages"
                assert message["category"] == "file"
                assert message["resourceId"] == emu.documents[doc_id].files[0].id
                assert message["data"]["documentId"] == doc_id
                assert emu.unserved == []
        finally:
            server.shutdown()
            server.server_close()

    def test_file_details_and_content(self):
        with BanqupEmulator(undocumented=True) as emu:
            doc_id = emu.add_document(
                b"<x/>", files=[("x.pdf", "application/pdf", b"%PDF-1.4")]
            )
            tok = token(emu)[1]["access_token"]
            status, _h, body = call(
                emu.url + DOCS + f"/documents/{doc_id}", headers=auth(tok)
            )
            files = json.loads(body)["files"]
            assert [(f["filename"], f["role"]) for f in files] == [
                ("document-1.xml", "UBL"),
                ("x.pdf", "ATTACHMENT"),
            ]
            status, headers, content = call(
                emu.url + DOCS + f"/files/{files[1]['id']}/content", headers=auth(tok)
            )
            assert (status, headers["Content-Type"], content) == (
                200,
                "application/pdf",
                b"%PDF-1.4",
            )
            status, _h, body = call(
                emu.url + DOCS + f"/files/{files[1]['id']}", headers=auth(tok)
            )
            assert json.loads(body)["fileSize"] == 8

    def test_injected_failures_and_request_log(self):
        with BanqupEmulator(undocumented=True) as emu:
            emu.fail_next(1, status=429, retry_after=2)
            status, headers, _b = call(emu.url + "/entitystore/v1/spaces")
            assert (status, headers["Retry-After"]) == (429, "2")
            emu.fail_next(1, status=500, path_contains="/documents")
            tok = token(emu)[1]["access_token"]  # not matched by path_contains
            assert call(emu.url + DOCS + "/documents", headers=auth(tok))[0] == 500
            assert call(emu.url + DOCS + "/documents", headers=auth(tok))[0] == 200
            assert [status for _m, _p, status in emu.requests] == [429, 200, 500, 200]

    def test_http_control_endpoints(self):
        with BanqupEmulator() as emu:
            xml = (DATA_DIR / "lv_sales_invoice.xml").read_bytes()
            status, _h, body = call(
                emu.url + "/_emulator/documents",
                "POST",
                data={
                    "xml_base64": base64.b64encode(xml).decode(),
                    "folder": "SALES",
                    "filename": "LV-2026-0001.xml",
                    "files": [
                        {
                            "filename": "p.pdf",
                            "content_base64": base64.b64encode(b"%PDF").decode(),
                        }
                    ],
                },
            )
            assert status == 201
            doc_id = json.loads(body)["id"]
            assert emu.documents[doc_id].files[0].content == xml
            assert (
                call(
                    emu.url + "/_emulator/fail",
                    "POST",
                    data={"count": 1, "status": 503},
                )[0]
                == 204
            )
            assert call(emu.url + "/entitystore/v1/spaces")[0] == 503
            assert (
                call(emu.url + "/_emulator/advance", "POST", data={"seconds": 10})[0]
                == 204
            )
            assert emu.now == 10
            assert (
                call(
                    emu.url + "/_emulator/documents", "POST", data={"folder": "SALES"}
                )[0]
                == 400
            )
            status, _h, body = call(emu.url + "/_emulator/state")
            state = json.loads(body)
            assert state["documents"] == [
                {"id": doc_id, "folder": "SALES", "filename": "LV-2026-0001.xml"}
            ]
            assert state["acknowledged"] == []

    def test_clean_shutdown_closes_port_and_threads(self):
        before = threading.active_count()
        emu = BanqupEmulator().start()
        port = emu.port
        tok = token(emu)[1]["access_token"]
        assert call(emu.url + "/entitystore/v1/spaces", headers=auth(tok))[0] == 200
        emu.stop()
        with (
            self.assertRaises(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=1),
        ):
            pass
        deadline = time.monotonic() + 2
        while threading.active_count() > before and time.monotonic() < deadline:
            time.sleep(0.02)
        assert threading.active_count() == before
        emu.stop()  # stopping twice is harmless

    def test_standalone_main_with_demo_folder(self):
        tmp_path = Path(tempfile.mkdtemp(prefix="banqup-demo-"))
        self.addCleanup(shutil.rmtree, tmp_path, ignore_errors=True)
        (tmp_path / "LV-1.xml").write_bytes(
            (DATA_DIR / "lv_sales_invoice.xml").read_bytes()
        )
        (tmp_path / "LV-1.pdf").write_bytes(b"%PDF-1.4 demo")
        (tmp_path / "purchase-1.xml").write_bytes(
            (DATA_DIR / "purchase_supplier_invoice.xml").read_bytes()
        )
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        script = REPO_ROOT / "l10n_lv_banqup" / "tests" / "banqup_emulator.py"
        env = {**os.environ, "PYTHONPATH": ""}
        proc = subprocess.Popen(
            [sys.executable, str(script), "--port", str(port), "--demo", str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 15
            while True:
                try:
                    _status, _h, body = call(url + "/_emulator/state")
                    break
                except (urllib.error.URLError, ConnectionError):
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise
                    time.sleep(0.1)
            state = json.loads(body)
            assert [(d["folder"], d["filename"]) for d in state["documents"]] == [
                ("SALES", "LV-1.xml"),
                ("PURCHASES", "purchase-1.xml"),
            ]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            proc.stdout.close()
            proc.stderr.close()

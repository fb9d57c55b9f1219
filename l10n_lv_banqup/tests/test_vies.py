# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""VIES VAT check through zeep against a tiny local fake SOAP endpoint (stdlib HTTP
server)."""

import datetime
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..banqup.vies import (
    WSDL_PATH,
    ViesClient,
    ViesInvalidInput,
    ViesResult,
    ViesUnavailable,
    split_vat,
)
from .cases import UnitCase

ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?><env:Envelope '
    'xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header/><env:Body>{}</env:Body>'
    "</env:Envelope>"
)
RESPONSE = (
    "<ns2:checkVatResponse "
    'xmlns:ns2="urn:ec.europa.eu:taxud:vies:services:checkVat:types">'
    "<ns2:countryCode>{country}</ns2:countryCode><ns2:vatNumber>{number}</ns2:vatNumber><ns2:requestDate>2026-03-02+01:00</ns2:requestDate><ns2:valid>{valid}</ns2:valid><ns2:name>{name}</ns2:name><ns2:address>{address}</ns2:address></ns2:checkVatResponse>"
)
FAULT = (
    "<env:Fault><faultcode>env:Server</faultcode>"
    "<faultstring>{}</faultstring></env:Fault>"
)

#: VAT number -> (HTTP status, body)
ANSWERS = {
    "40003000000": (
        200,
        ENVELOPE.format(
            RESPONSE.format(
                country="LV",
                number="40003000000",
                valid="true",
                name="SIA VALID",
                address="RĪGA, LV-1050",
            )
        ),
    ),
    "99999999999": (
        200,
        ENVELOPE.format(
            RESPONSE.format(
                country="LV",
                number="99999999999",
                valid="false",
                name="---",
                address="---",
            )
        ),
    ),
    "11111111111": (500, ENVELOPE.format(FAULT.format("MS_UNAVAILABLE"))),
    "22222222222": (500, ENVELOPE.format(FAULT.format("INVALID_INPUT"))),
    "33333333333": (200, "<html><body>Maintenance</body></html>"),
    "44444444444": (
        200,
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + ENVELOPE.format(
            RESPONSE.format(
                country="LV", number="&e;", valid="true", name="x", address="y"
            )
        ).split("?>", 1)[1],
    ),
    "55555555555": (503, "Service Unavailable"),
}


class FakeVies:
    """Minimal SOAP endpoint on a loopback port; records request bodies."""

    def __init__(self):
        self.bodies = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return None

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                owner.bodies.append((self.path, body))
                number = next((n for n in ANSWERS if n in body), None)
                status, answer = ANSWERS.get(
                    number, (500, ENVELOPE.format(FAULT.format("SERVICE_UNAVAILABLE")))
                )
                data = answer.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/taxation_customs/vies/services/checkVatService"
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


class TestVies(UnitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeVies()
        cls.fake.__enter__()
        cls.addClassCleanup(cls.fake.__exit__, None, None, None)
        cls.client = ViesClient(endpoint=cls.fake.url, timeout=5)
        cls.client.__enter__()
        cls.addClassCleanup(cls.client.__exit__, None, None, None)

    def test_local_wsdl_exists_and_has_no_imports(self):
        text = WSDL_PATH.read_text()
        assert "checkVatBinding" in text
        for forbidden in (":import", ":include", "schemaLocation", "<!DOCTYPE"):
            assert forbidden not in text

    def test_valid_number(self, client, fake):
        result = client.check("LV 4000-3000000")
        assert result == ViesResult(
            country_code="LV",
            vat_number="40003000000",
            request_date=datetime.date(2026, 3, 2),
            valid=True,
            name="SIA VALID",
            address="RĪGA, LV-1050",
        )
        assert result.vat == "LV40003000000"
        path, body = fake.bodies[-1]
        assert path == "/taxation_customs/vies/services/checkVatService"
        assert "<ns0:countryCode>LV</ns0:countryCode>" in body or ">LV</" in body
        assert ">40003000000</" in body

    def test_invalid_number_hides_placeholders(self, client):
        result = client.check("99999999999", country_code="LV")
        assert (result.valid, result.name, result.address) == (False, None, None)

    def test_member_state_unavailable_fault(self, client):
        with self.assertRaisesRegex(ViesUnavailable, "MS_UNAVAILABLE"):
            client.check("LV11111111111")

    def test_invalid_input_fault(self, client):
        with self.assertRaisesRegex(ViesInvalidInput, "INVALID_INPUT"):
            client.check("LV22222222222")

    def test_garbage_and_http_errors_are_unavailable(self, client):
        with self.assertRaises(ViesUnavailable):
            client.check("LV33333333333")
        with self.assertRaises(ViesUnavailable):
            client.check("LV55555555555")

    def test_hostile_reply_is_refused(self, client):
        with self.assertRaises(ViesUnavailable) as info:
            client.check("LV44444444444")
        assert "DTDForbidden" in str(info.exception)
        assert "root:" not in str(info.exception)

    def test_server_down(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with self.assertRaisesRegex(ViesUnavailable, "network error"):
            ViesClient(endpoint=f"http://127.0.0.1:{port}/x", timeout=2).check(
                "LV40003000000"
            )

    def test_timeout(self):
        with socket.socket() as server:  # accepts (backlog) but never answers
            server.bind(("127.0.0.1", 0))
            server.listen(5)
            client = ViesClient(
                endpoint=f"http://127.0.0.1:{server.getsockname()[1]}/x", timeout=0.3
            )
            with self.assertRaisesRegex(
                ViesUnavailable, "no answer within 0.3 seconds"
            ):
                client.check("LV40003000000")

    def test_split_vat(self):
        assert split_vat("lv40003000000") == ("LV", "40003000000")
        assert split_vat("123456789", "GR") == ("EL", "123456789")
        assert split_vat("EE 100 000 001") == ("EE", "100000001")
        with self.assertRaises(ViesInvalidInput):
            split_vat("40003000000")
        with self.assertRaises(ViesInvalidInput):
            split_vat("LV<script>")

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outbound upload client and UBL checks against the emulator (no database)."""

import hashlib

from ..banqup.btx import BtxConfig, BtxTransport
from ..banqup.exceptions import ProtocolError
from ..banqup.outbound import AWAITING_UPLOAD, OutboundClient
from ..banqup.ubl_check import BIS_RULES, DEFAULT_XSD_DIR, check_ubl
from .banqup_emulator import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, BanqupEmulator
from .banqup_emulator_outbound import OUTBOUND_ROUTES
from .cases import UnitCase, parametrize
from .common_paths import sample, shared_path


class TestOutboundClient(UnitCase):
    def setUp(self):
        super().setUp()
        self.emulator = BanqupEmulator()
        self.emulator.__enter__()
        self.addCleanup(self.emulator.__exit__, None, None, None)
        transport = BtxTransport(
            BtxConfig(
                self.emulator.url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, max_retries=0
            )
        )
        self.addCleanup(transport.close)
        self.client = OutboundClient(transport)

    def test_upload_flow(self, emulator, client):
        """Create the file record, PUT the bytes once to the signed URL, follow the
        status."""
        xml = sample("lv_sales_invoice.xml")
        remote = client.create_file("LV-1.xml", len(xml), "Odoo LV-1")
        assert remote.status == AWAITING_UPLOAD and remote.upload_url
        assert client.get_file(remote.id).status == AWAITING_UPLOAD
        client.upload_content(remote.upload_url, xml)
        assert emulator.uploads == [
            (remote.id, "LV-1.xml", hashlib.sha256(xml).hexdigest())
        ]
        record = emulator.outbound_files[remote.id]
        assert record["metadata"] == {"folder": "SALES", "documentCategory": "INVOICE"}
        assert record["retentionTime"].endswith("Z")
        states = [client.get_file(remote.id).state for _ in range(3)]
        print("states after upload:", states)  # pylint: disable=print-used
        assert states == ["processed", "delivered", "delivered"]
        # the object exists: a second PUT is refused (and the outbox never makes one)
        with self.assertRaises(ProtocolError):
            client.upload_content(remote.upload_url, xml)
        assert len(emulator.uploads) == 1

    def test_refused_document_has_its_message(self, emulator, client):
        emulator.refuse_markers = [b"LV40103000001"]
        xml = sample("lv_sales_invoice.xml")
        remote = client.create_file("LV-2.xml", len(xml), "Odoo LV-2")
        client.upload_content(remote.upload_url, xml)
        refused = client.get_file(remote.id)
        assert refused.state == "error"
        assert "refused" in refused.message

    def test_bad_signature_is_refused(self, emulator, client):
        xml = b"<x/>"
        remote = client.create_file("x.xml", len(xml), "x")
        with self.assertRaises(ProtocolError):
            client.upload_content(
                remote.upload_url.replace("Signature=", "Signature=0"), xml
            )
        assert not emulator.uploads

    def test_every_outbound_route_cites_its_page(self):
        for method, pattern, handler, doc in OUTBOUND_ROUTES:
            assert method in ("GET", "POST", "PUT") and pattern and handler
            assert doc.startswith("https://docs.btx.banqup.com/"), handler

    @parametrize("name", ["lv_sales_invoice.xml", "lv_credit_note.xml"])
    def test_valid_samples_pass(self, name):
        assert check_ubl(sample(name)) == []

    def test_total_mismatch_is_refused(self):
        errors = [str(e) for e in check_ubl(sample("lv_total_mismatch.xml"))]
        print(errors)  # pylint: disable=print-used
        assert errors and all(e.startswith("BR-CO-") for e in errors)

    def test_missing_buyer_endpoint_is_refused(self):
        xml = sample("lv_sales_invoice.xml").replace(
            b'<cbc:EndpointID schemeID="9939">LV50003000002</cbc:EndpointID>', b""
        )
        assert [str(e) for e in check_ubl(xml)] == [
            "PEPPOL-EN16931-R010: Buyer electronic address with its scheme (BT-49) is "
            "missing"
        ]

    def test_schema_error_is_reported(self):
        xml = sample("lv_sales_invoice.xml").replace(
            b"<cbc:IssueDate>", b"<cbc:Foo/><cbc:IssueDate>", 1
        )
        errors = [str(e) for e in check_ubl(xml)]
        assert errors and errors[0].startswith("UBL 2.1 schema, line")

    def test_rule_list_is_clear(self):
        assert len({rule for rule, _xpath, _what in BIS_RULES}) == len(BIS_RULES)

    @parametrize(
        "name",
        [
            "base-example.xml",
            "base-creditnote-correction.xml",
            "Allowance-example.xml",
            "Vat-category-S.xml",
        ],
    )
    def test_official_peppol_samples_pass(self, name):
        """The official Peppol BIS 3.0 examples (valid by definition) pass every check,
        with the shipped XSDs and with the shared copy given as the configurable
        folder."""
        xml = shared_path("data", "peppol_bis3", name).read_bytes()
        assert check_ubl(xml) == []
        assert check_ubl(xml, shared_path("data", "ubl21_xsd")) == []

    def test_shipped_xsds_are_the_official_files(self):
        """The schemas shipped in the addon are byte for byte the shared OASIS files."""
        shared = shared_path("data", "ubl21_xsd")
        shipped = sorted(
            p.relative_to(DEFAULT_XSD_DIR) for p in DEFAULT_XSD_DIR.rglob("*.xsd")
        )
        assert len(shipped) == 14
        for rel in shipped:
            assert (DEFAULT_XSD_DIR / rel).read_bytes() == (
                shared / rel
            ).read_bytes(), rel

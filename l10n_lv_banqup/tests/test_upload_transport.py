# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The "upload" transport: plain XML, zip exports, manifest ids, zip-slip and zip-bomb
refusal."""

import hashlib
import io
import json
import stat
import zipfile

from ..banqup.exceptions import UploadError
from ..banqup.transport import SERVICES, DocumentPayload, Transport
from ..banqup.upload import UploadLimits, UploadTransport, content_id, read_upload
from .cases import UnitCase, parametrize
from .common_paths import sample

INVOICE = sample("lv_sales_invoice.xml")
CREDIT = sample("lv_credit_note.xml")
PDF = sample("lv_embedded_pdf.pdf")


def make_zip(members, compression=zipfile.ZIP_DEFLATED):
    """members: list of (name, bytes) or (ZipInfo, bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


class TestUploadTransport(UnitCase):
    def test_plain_xml_upload_id_is_content_hash(self):
        (payload,) = read_upload(INVOICE, "C:\\Users\\acc\\LV-2026-0001.xml", "sales")
        assert isinstance(payload, DocumentPayload)
        assert (
            payload.banqup_id
            == "sha256:" + hashlib.sha256(INVOICE).hexdigest()
            == content_id(INVOICE)
        )
        assert (payload.direction, payload.filename, payload.xml, payload.files) == (
            "sales",
            "LV-2026-0001.xml",
            INVOICE,
            (),
        )

    def test_zip_groups_companion_files_by_stem(self):
        data = make_zip(
            [
                ("export/LV-2026-0001.xml", INVOICE),
                ("export/LV-2026-0001.pdf", PDF),
                ("export/LV-2026-K001.xml", CREDIT),
                ("export/readme.txt", b"hello"),
                ("export/", b""),
            ]
        )
        payloads = read_upload(data, "banqup-export.zip", "purchase")
        assert [(p.filename, p.direction, p.banqup_id) for p in payloads] == [
            ("LV-2026-0001.xml", "purchase", content_id(INVOICE)),
            ("LV-2026-K001.xml", "purchase", content_id(CREDIT)),
        ]
        assert [(f.filename, f.mime, f.content) for f in payloads[0].files] == [
            ("LV-2026-0001.pdf", "application/pdf", PDF)
        ]
        assert payloads[1].files == ()
        assert payloads[0].metadata["archive"] == "banqup-export.zip"

    def test_zip_manifest_ids_and_directions(self):
        manifest = {
            "documents": [
                {
                    "id": "7d4c-uuid-1",
                    "xml": "a.xml",
                    "direction": "sales",
                    "files": ["a.pdf"],
                },
                {"id": "7d4c-uuid-2", "xml": "b.xml"},
            ]
        }
        data = make_zip(
            [
                ("manifest.json", json.dumps(manifest)),
                ("a.xml", INVOICE),
                ("a.pdf", PDF),
                ("b.xml", CREDIT),
            ]
        )
        payloads = read_upload(data, "export.zip", "purchase")
        assert [(p.banqup_id, p.direction, p.filename) for p in payloads] == [
            ("7d4c-uuid-1", "sales", "a.xml"),
            ("7d4c-uuid-2", "purchase", "b.xml"),
        ]
        assert payloads[0].files[0].content == PDF

    @parametrize(
        "manifest",
        [
            b"not json",
            json.dumps({"documents": [{"id": "x", "xml": "missing.xml"}]}).encode(),
            json.dumps({"documents": [{"id": "x", "xml": "../a.xml"}]}).encode(),
            json.dumps({"documents": [{"xml": "a.xml"}]}).encode(),
            json.dumps(
                {"documents": [{"id": "x", "xml": "a.xml", "direction": "sideways"}]}
            ).encode(),
        ],
    )
    def test_bad_manifest(self, manifest):
        with self.assertRaises(UploadError):
            read_upload(
                make_zip([("manifest.json", manifest), ("a.xml", INVOICE)]),
                "m.zip",
                "sales",
            )

    @parametrize(
        "name",
        [
            "../evil.xml",
            "a/../../evil.xml",
            "/etc/evil.xml",
            "C:/evil.xml",
            "dir\\..\\evil.xml",
            "./../evil.xml",
        ],
    )
    def test_zip_slip_names_are_refused(self, name):
        data = make_zip([("ok.xml", INVOICE), (zipfile.ZipInfo(name), b"<x/>")])
        with self.assertRaises(UploadError) as info:
            read_upload(data, "slip.zip", "sales")
        assert "unsafe member name" in str(info.exception)
        assert info.exception.params["filename"] == "slip.zip"

    def test_symlink_member_is_refused(self):
        link = zipfile.ZipInfo("link.xml")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        with self.assertRaisesRegex(UploadError, "symbolic link"):
            read_upload(make_zip([(link, "/etc/passwd")]), "link.zip", "sales")

    def test_nested_zip_is_refused(self):
        with self.assertRaisesRegex(UploadError, "nested archive"):
            read_upload(
                make_zip([("inner.zip", make_zip([("a.xml", INVOICE)]))]),
                "outer.zip",
                "sales",
            )

    def test_zip_bomb_declared_size_is_refused_before_reading(self):
        bomb = make_zip([("bomb.xml", b"\0" * (3 * 1024 * 1024))])
        assert len(bomb) < 10_000
        limits = UploadLimits(
            max_member_size=1024 * 1024, max_total_size=2 * 1024 * 1024
        )
        with self.assertRaisesRegex(UploadError, "limit"):
            read_upload(bomb, "bomb.zip", "sales", limits)

    def test_zip_bomb_with_lying_header_is_stopped_while_reading(self):
        real = b"<a>" + b"\0" * (2 * 1024 * 1024) + b"</a>"
        data = bytearray(make_zip([("bomb.xml", real)]))
        # rewrite the declared uncompressed size (local header and central directory) to
        # 100 bytes
        small = (100).to_bytes(4, "little")
        real_size = len(real).to_bytes(4, "little")
        assert data.count(real_size) == 2
        data = bytes(data).replace(real_size, small)
        limits = UploadLimits(max_member_size=1024 * 1024, max_total_size=1024 * 1024)
        with self.assertRaises(UploadError) as info:
            read_upload(data, "liar.zip", "sales", limits)
        assert "bomb" in str(info.exception) or "cannot be read" in str(info.exception)

    def test_too_many_members(self):
        data = make_zip([(f"f{i}.xml", b"<x/>") for i in range(6)])
        with self.assertRaisesRegex(UploadError, "6 members, the limit is 5"):
            read_upload(data, "many.zip", "sales", UploadLimits(max_members=5))

    def test_upload_size_and_garbage(self):
        with self.assertRaisesRegex(UploadError, "exceed"):
            read_upload(INVOICE, "x.xml", "sales", UploadLimits(max_upload_size=100))
        with self.assertRaisesRegex(UploadError, "not a readable zip"):
            read_upload(b"PK\x03\x04garbage", "x.zip", "sales")
        with self.assertRaisesRegex(UploadError, "no XML document"):
            read_upload(make_zip([("a.pdf", PDF)]), "pdfs.zip", "sales")
        with self.assertRaises(ValueError):
            read_upload(INVOICE, "x.xml", "inbound")

    def test_transport_interface_dedup_paging_and_ack(self):
        transport = UploadTransport(
            [
                ("a.xml", INVOICE),
                ("again.xml", INVOICE),
                ("export.zip", make_zip([("b.xml", CREDIT), ("c.xml", PDF)])),
            ],
            "sales",
            page_size=2,
        )
        assert isinstance(transport, Transport)
        ids = [content_id(INVOICE), content_id(CREDIT), content_id(PDF)]
        listed = list(transport.iter_new_documents())
        assert [
            d.banqup_id for d in listed
        ] == ids  # the same invoice uploaded twice is listed once
        page, cursor = transport.list_new_documents()
        transport.acknowledge(page[0].banqup_id)
        rest, end = transport.list_new_documents(cursor)
        assert [d.banqup_id for d in rest] == [ids[2]] and end is None
        assert [d.banqup_id for d in transport.iter_new_documents()] == ids[1:]
        assert transport.download(listed[1]).xml == CREDIT
        results = transport.register(SERVICES)
        assert all(r.active for r in results.values())
        assert transport.discover_space().type == "UPLOAD"

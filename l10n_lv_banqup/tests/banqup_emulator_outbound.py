# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Outbound half of the Banqup emulator: the documented upload flow of a sales invoice.

Routes (``OUTBOUND_ROUTES``: ``(method, path_regex, handler_name, doc_url)``):

* ``POST .../spaces/{space}/files`` creates a file record ``AWAITING_UPLOAD`` with a
  signed ``uploadUrl`` (served by this emulator under ``/storage/upload/{fileId}`` with
  a ``X-Goog-Signature`` query parameter, like the Google Cloud Storage URL of the
  docs);
* ``PUT`` to that URL stores the bytes (no bearer token; a bad signature gets 403, a
  second upload of the same file 409 since the object then exists);
* ``GET .../spaces/{space}/files/{fileId}`` gives the details with ``status``.

After an upload, each details call moves a SALES file one step before answering:
``UPLOADED`` -> ``PROCESSED`` -> ``DELIVERED``; a file whose content contains one of
:attr:`OutboundEmulatorMixin.refuse_markers` ends ``REFUSED`` with a ``message``. Only
``AWAITING_UPLOAD`` is a documented status value; the later ones are this emulator's
(``readme/CONTEXT.md``). ``uploads`` logs every received content ``(file_id, filename,
sha256)`` so that tests can count uploads per invoice.
"""

import hashlib
import hmac
import threading
import uuid

DOC_SALES = (
    "https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic"
)
_SPACE = r"/datastore/documents/transaction/v1/spaces/(?P<space>[^/]+)"
UPLOAD_PATH = r"/storage/upload/(?P<file>[^/]+)"
_SIGNING_KEY = b"banqup-emulator-signing-key"

#: (method, path regex, handler name, page documenting it)
OUTBOUND_ROUTES = [
    ("POST", _SPACE + r"/files", "_outbound_create_file", DOC_SALES),
    ("GET", _SPACE + r"/files/(?P<file>[^/]+)", "_outbound_file_details", DOC_SALES),
    ("PUT", UPLOAD_PATH, "_outbound_upload", DOC_SALES),
]
#: routes that carry their own authorisation (signed URL): no bearer token
UNAUTHENTICATED = {"_outbound_upload"}
#: status after each details call, once uploaded
_NEXT = {"UPLOADED": "PROCESSED", "PROCESSED": "DELIVERED"}


class OutboundEmulatorMixin:
    """State and control of the outbound files; mixed into ``BanqupEmulator``."""

    def reset_outbound(self):
        """Forget every outbound file and upload."""
        self.outbound_files = {}
        self.uploads = []
        self.refuse_markers = []
        # : callable(method, path, status) after each answer (tests kill workers)
        self.on_request = None
        self._outbound_lock = threading.RLock()

    def _signature(self, file_id):
        return hmac.new(_SIGNING_KEY, file_id.encode(), hashlib.sha256).hexdigest()

    def uploads_by_filename(self):
        """``{filename: number of uploads}``."""
        counts = {}
        for _file_id, filename, _sha in self.uploads:
            counts[filename] = counts.get(filename, 0) + 1
        return counts

    def outbound_state(self):
        """JSON-friendly snapshot (for the control endpoint)."""
        with self._outbound_lock:
            return {
                "files": [
                    {"id": f["id"], "filename": f["filename"], "status": f["status"]}
                    for f in self.outbound_files.values()
                ],
                "uploads": [list(u) for u in self.uploads],
            }


class OutboundHandlerMixin:
    """Route handlers; mixed into the emulator's request handler (``self.emulator``)."""

    def _outbound_create_file(self, client, match, query):
        space_id = match.group("space")
        body = self._json_body()
        metadata = body.get("metadata") if isinstance(body, dict) else None
        if (
            not isinstance(body, dict)
            or not body.get("filename")
            or not isinstance(metadata, dict)
            or metadata.get("folder") not in ("SALES", "PURCHASES")
            or metadata.get("documentCategory") != "INVOICE"
            or not isinstance(body.get("fileSize"), int)
        ):
            return self._error(400, "invalid_file_request")
        emu = self.emulator
        file_id = str(uuid.uuid4())
        record = {
            "id": file_id,
            "space": space_id,
            "filename": body["filename"],
            "description": body.get("description"),
            "retentionTime": body.get("retentionTime"),
            "status": "AWAITING_UPLOAD",
            "fileSize": body["fileSize"],
            "fileType": body.get("fileType"),
            "contentType": body.get("contentType") or "application/xml",
            "metadata": metadata,
            "uploadUrl": (
                f"{emu.url}/storage/upload/{file_id}?X-Goog-Signature={emu._signature(file_id)}"
            ),
        }
        with emu._outbound_lock:
            emu.outbound_files[file_id] = record
        return self._send(201, self._outbound_public(record))

    @staticmethod
    def _outbound_public(record):
        keys = (
            "id",
            "filename",
            "description",
            "retentionTime",
            "status",
            "fileSize",
            "fileType",
            "contentType",
        )
        body = {key: record[key] for key in keys}
        if record["status"] == "AWAITING_UPLOAD":
            body["uploadUrl"] = record["uploadUrl"]
        if record.get("message"):
            body["message"] = record["message"]
        return body

    def _outbound_file_details(self, client, match, query):
        space_id = match.group("space")
        emu = self.emulator
        with emu._outbound_lock:
            record = emu.outbound_files.get(match.group("file"))
            if record is None or record["space"] != space_id:
                if hasattr(self, "_file_details"):  # a file of an inbound document
                    return self._file_details(client, match, query)
                return self._error(404, "file_not_found")
            if record["status"] == "UPLOADED" and any(
                m in record["content"] for m in emu.refuse_markers
            ):
                record["status"] = "REFUSED"
                record["message"] = (
                    "Document refused: the customer's Peppol endpoint is unknown"
                )
            elif record["metadata"]["folder"] == "SALES" and record["status"] in _NEXT:
                record["status"] = _NEXT[record["status"]]
            body = self._outbound_public(record)
        return self._send(200, body)

    def _outbound_upload(self, client, match, query):
        emu = self.emulator
        content = self._body()
        file_id = match.group("file")
        signature = (query.get("X-Goog-Signature") or [""])[0]
        with emu._outbound_lock:
            record = emu.outbound_files.get(file_id)
            if record is None or not hmac.compare_digest(
                signature, emu._signature(file_id)
            ):
                return self._error(403, "SignatureDoesNotMatch")
            if (self.headers.get("Content-Type") or "") != record["contentType"]:
                return self._error(403, "SignatureDoesNotMatch")
            if record["status"] != "AWAITING_UPLOAD":
                return self._error(409, "already_uploaded")
            if len(content) != record["fileSize"]:
                return self._error(400, "size_mismatch")
            record["content"] = content
            record["status"] = "UPLOADED"
            emu.uploads.append(
                (file_id, record["filename"], hashlib.sha256(content).hexdigest())
            )
        return self._send(200, b"", content_type="text/plain")

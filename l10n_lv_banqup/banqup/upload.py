# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The "upload" transport: UBL files or a zip exported from Banqup, uploaded by hand.

It yields the same :class:`~.transport.DocumentPayload` objects as the BTX transport,
so uploaded documents go through the same inbox.

* A plain ``.xml`` file is one document.
* A ``.zip`` holds several: every ``*.xml`` member is a document, and a member of the
  same folder and stem with another extension (``INV-1.pdf`` next to ``INV-1.xml``) is
  attached to it. If the zip has a ``manifest.json`` (our assumption of a Banqup
  export: ``{"documents": [{"id", "xml", "direction"?, "files"?: [...]}]}``) its ids
  and file lists are used instead.
* ``banqup_id`` is the manifest id when there is one, else ``sha256:<hex>`` of the XML
  bytes: uploading the same file twice gives the same id, so the inbox stores it once.

Zip safety: at most ``max_members`` members, each at most ``max_member_size`` bytes and
in total at most ``max_total_size`` bytes **actually read** (the sizes in the zip
directory are checked first, then enforced while decompressing, since headers can lie);
names that are absolute, contain ``..``, backslashes, drive letters or NUL bytes, and
encrypted, symlink or nested-zip members are refused.
"""

import hashlib
import io
import json
import logging
import posixpath
import stat
import zipfile
from dataclasses import dataclass

from ..parsers.exceptions import Text, _lt
from .exceptions import UploadError
from .transport import (
    DIRECTIONS,
    DocumentFile,
    DocumentPayload,
    RemoteDocument,
    Space,
    Transport,
    all_active,
)

_logger = logging.getLogger(__name__)

_MIME_BY_EXT = {
    ".pdf": "application/pdf",
    ".xml": "application/xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class UploadLimits:
    """Bounds applied to uploaded files and archives (bytes / counts)."""

    max_upload_size: int = 50 * 1024 * 1024  #: the uploaded file itself
    max_members: int = 1000
    max_member_size: int = 10 * 1024 * 1024
    max_total_size: int = 200 * 1024 * 1024


def content_id(xml):
    """Stable id of a document without a Banqup id:
    ``sha256:<hex of the XML bytes>``."""
    return "sha256:" + hashlib.sha256(xml).hexdigest()


def _mime(name):
    return _MIME_BY_EXT.get(
        posixpath.splitext(name)[1].lower(), "application/octet-stream"
    )


def _check_member_name(name, archive):
    """Refuse path traversal and odd names; return the normalised posix path."""
    if (
        not name
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
    ):
        raise UploadError(
            Text(_lt("unsafe member name %(name)r in the archive"), name=name[:80]),
            archive,
        )
    parts = name.split("/")
    if any(part == ".." for part in parts):
        raise UploadError(
            Text(
                _lt("unsafe member name %(name)r in the archive (path traversal)"),
                name=name[:80],
            ),
            archive,
        )
    return posixpath.normpath(name)


def _read_zip(data, filename, limits):
    """Return ``{member path: bytes}`` of the regular files of a zip, with every safety
    check."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise UploadError(
            Text(_lt("not a readable zip archive (%(error)s)"), error=str(exc)),
            filename,
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise UploadError(
                Text(
                    _lt("the archive has %(count)s members, the limit is %(limit)s"),
                    count=len(infos),
                    limit=limits.max_members,
                ),
                filename,
            )
        declared = sum(info.file_size for info in infos)
        if declared > limits.max_total_size:
            raise UploadError(
                Text(
                    _lt(
                        "the archive would unpack to %(size)s bytes, the limit is "
                        "%(limit)s"
                    ),
                    size=declared,
                    limit=limits.max_total_size,
                ),
                filename,
            )
        members = {}
        total = 0
        for info in infos:
            name = _check_member_name(info.filename, filename)
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise UploadError(
                    Text(_lt("encrypted member %(name)r is not supported"), name=name),
                    filename,
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UploadError(
                    Text(
                        _lt("symbolic link %(name)r is not allowed in the archive"),
                        name=name,
                    ),
                    filename,
                )
            if name.lower().endswith(".zip"):
                raise UploadError(
                    Text(_lt("nested archive %(name)r is not supported"), name=name),
                    filename,
                )
            if info.file_size > limits.max_member_size:
                raise UploadError(
                    Text(
                        _lt(
                            "member %(name)r is %(size)s bytes, the limit is %(limit)s"
                        ),
                        name=name,
                        size=info.file_size,
                        limit=limits.max_member_size,
                    ),
                    filename,
                )
            if name in members:
                raise UploadError(
                    Text(
                        _lt("member %(name)r appears twice in the archive"), name=name
                    ),
                    filename,
                )
            content = bytearray()
            try:
                with archive.open(info) as handle:
                    while chunk := handle.read(64 * 1024):
                        content += chunk
                        total += len(chunk)
                        if (
                            len(content) > limits.max_member_size
                            or total > limits.max_total_size
                        ):
                            raise UploadError(
                                Text(
                                    _lt(
                                        "member %(name)r unpacks beyond the size "
                                        "limit (zip bomb?)"
                                    ),
                                    name=name,
                                ),
                                filename,
                            )
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise UploadError(
                    Text(
                        _lt("member %(name)r cannot be read (%(error)s)"),
                        name=name,
                        error=type(exc).__name__,
                    ),
                    filename,
                ) from None
            members[name] = bytes(content)
        return members


def _payloads_from_manifest(members, manifest_bytes, filename, direction):
    try:
        manifest = json.loads(manifest_bytes)
        entries = manifest["documents"]
        if not isinstance(entries, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise UploadError(
            _lt("manifest.json is not a valid manifest"), filename
        ) from None
    payloads = []
    for entry in entries:
        try:
            doc_id, xml_name = (
                str(entry["id"]),
                _check_member_name(str(entry["xml"]), filename),
            )
            files = [
                _check_member_name(str(name), filename)
                for name in entry.get("files", [])
            ]
        except (KeyError, TypeError, AttributeError):
            raise UploadError(
                _lt("manifest.json has an entry without id or xml"), filename
            ) from None
        entry_direction = entry.get("direction") or direction
        if entry_direction not in DIRECTIONS:
            raise UploadError(
                Text(
                    _lt("manifest entry %(entry)r has no valid direction"),
                    entry=doc_id[:60],
                ),
                filename,
            )
        missing = [name for name in [xml_name, *files] if name not in members]
        if missing:
            raise UploadError(
                Text(
                    _lt("manifest.json names missing member %(name)r"), name=missing[0]
                ),
                filename,
            )
        payloads.append(
            DocumentPayload(
                banqup_id=doc_id,
                direction=entry_direction,
                filename=posixpath.basename(xml_name),
                xml=members[xml_name],
                files=tuple(
                    DocumentFile(posixpath.basename(n), _mime(n), members[n])
                    for n in files
                ),
                metadata={"source": "upload", "archive": filename, "manifest": True},
            )
        )
    return payloads


def _payloads_by_name(members, filename, direction):
    payloads = []
    xml_names = sorted(name for name in members if name.lower().endswith(".xml"))
    for xml_name in xml_names:
        stem = posixpath.splitext(xml_name)[0]
        companions = sorted(
            name
            for name in members
            if name != xml_name
            and posixpath.splitext(name)[0] == stem
            and name not in xml_names
        )
        xml = members[xml_name]
        payloads.append(
            DocumentPayload(
                banqup_id=content_id(xml),
                direction=direction,
                filename=posixpath.basename(xml_name),
                xml=xml,
                files=tuple(
                    DocumentFile(posixpath.basename(n), _mime(n), members[n])
                    for n in companions
                ),
                metadata={"source": "upload", "archive": filename},
            )
        )
    return payloads


def read_upload(data, filename, direction, limits=None):
    """Turn one uploaded file (``.xml`` or ``.zip``) into document payloads.

    :param bytes data: the uploaded bytes.
    :param str filename: the uploaded file name (decides xml vs zip with the content).
    :param str direction: ``"sales"`` or ``"purchase"`` (a manifest entry may override).
    :param UploadLimits limits: size and count bounds.
    :raises UploadError: unsafe, too large or unreadable upload.
    :rtype: list[DocumentPayload]
    """
    limits = limits or UploadLimits()
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}")
    if len(data) > limits.max_upload_size:
        raise UploadError(
            Text(
                _lt("%(size)s bytes exceed the limit of %(limit)s bytes"),
                size=len(data),
                limit=limits.max_upload_size,
            ),
            filename,
        )
    if data[:4] == b"PK\x03\x04" or (filename or "").lower().endswith(".zip"):
        members = _read_zip(data, filename, limits)
        if "manifest.json" in members:
            payloads = _payloads_from_manifest(
                members, members["manifest.json"], filename, direction
            )
        else:
            payloads = _payloads_by_name(members, filename, direction)
        if not payloads:
            raise UploadError(_lt("the archive contains no XML document"), filename)
        _logger.info(
            "upload %s: %d document(s) found in the archive", filename, len(payloads)
        )
        return payloads
    if len(data) > limits.max_member_size:
        raise UploadError(
            Text(
                _lt("%(size)s bytes exceed the limit of %(limit)s bytes"),
                size=len(data),
                limit=limits.max_member_size,
            ),
            filename,
        )
    name = (
        posixpath.basename((filename or "document.xml").replace("\\", "/"))
        or "document.xml"
    )
    return [
        DocumentPayload(
            content_id(data), direction, name, data, (), {"source": "upload"}
        )
    ]


class UploadTransport(Transport):
    """:class:`~.transport.Transport` over uploaded files (in memory).

    :param uploads: iterable of ``(filename, bytes)``.
    :param str direction: ``"sales"`` or ``"purchase"``.
    :param UploadLimits limits: bounds for each upload.
    :param int page_size: documents per :meth:`list_new_documents` page.
    """

    def __init__(self, uploads, direction, limits=None, page_size=100):
        self.page_size = page_size
        self._payloads = {}
        for filename, data in uploads:
            for payload in read_upload(data, filename, direction, limits):
                # the same document uploaded twice is kept once
                self._payloads.setdefault(payload.banqup_id, payload)
        self.acknowledged = set()

    def discover_space(self):
        """Uploads have no space; a fixed pseudo-space is returned."""
        return Space(id="upload", name="Manual upload", type="UPLOAD")

    def register(self, services, listener_urls=None):
        """Nothing to register for uploads: every service is reported active."""
        return all_active(services)

    def list_new_documents(self, cursor=None):
        """Page through the uploaded documents not acknowledged.

        The cursor is a position in the upload order, so acknowledging documents
        while walking the pages skips nothing.
        """
        start = int(cursor or 0)
        everything = list(self._payloads.values())
        chunk = everything[start : start + self.page_size]
        end = start + len(chunk)
        next_cursor = str(end) if end < len(everything) else None
        page = [
            RemoteDocument(p.banqup_id, p.direction, p.filename, dict(p.metadata))
            for p in chunk
            if p.banqup_id not in self.acknowledged
        ]
        return page, next_cursor

    def download(self, document):
        """Return the uploaded payload of a listed document."""
        return self._payloads[document.banqup_id]

    def acknowledge(self, banqup_id):
        """Mark an uploaded document imported (in memory)."""
        self.acknowledged.add(banqup_id)

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Local Banqup API emulator (standard library only, no Odoo import).

It serves **only the endpoints Banqup's public documentation describes**, each route of
the module-level table :data:`ROUTES` citing its page as a 4-tuple
``(method, path_regex, handler_name, doc_url)``; anything else answers 404 and is
recorded in :attr:`BanqupEmulator.unserved` (the tests assert it stays empty). The
documented routes:

* ``POST /oauth2/client_credential/gettoken`` (getting-started guide) and
  ``.../accesstoken`` (recipe): form ``grant_type``, ``client_id``, ``client_secret`` ->
  ``{access_token, token_type, expires_in}``; 400 another grant type, 401 bad
  credentials;
* ``GET /entitystore/v1/spaces`` -> ``{"spaces": [...]}`` (``[]`` when not whitelisted);
* ``GET /core/plugin/api/v1/extensionPoints?namespace&name&version`` -> the
  ``messageListeners`` extension point; ``POST .../extensionPoints/{id}/extensions``
  registers a listener base path; :meth:`BanqupEmulator.deliver_messages` then POSTs
  messages (``id, category, type, resourceId, data``) to ``<base path>/messages``;
* ``POST .../spaces/{space}/files`` -> a file record ``AWAITING_UPLOAD`` with an
  ``uploadUrl``; ``GET .../spaces/{space}/files/{fileId}`` -> its details.

The undocumented endpoints the client may use behind its opt-in (listing, document
details, file content, acknowledgement: :data:`UNDOCUMENTED_ROUTES`) are served only
when the emulator runs with ``undocumented=True`` (``--undocumented``). Further routes
(the outbound flow) are added to :attr:`BanqupEmulator.extra_routes` in the same 4-tuple
format, with their handler methods on :class:`_Handler` (or a subclass given as
``handler_class``).

Every API call needs ``Authorization: Bearer <token>``; a missing, unknown or expired
token gets 401, a space the client cannot see 403. Tokens are deterministic
(``emu-token-000001``...), document ids are UUID-shaped counters, and time can be
advanced with :meth:`BanqupEmulator.advance` so tests of expiry need no sleeping.

Control API (Python): :meth:`~BanqupEmulator.add_client`,
:meth:`~BanqupEmulator.add_document`, :meth:`~BanqupEmulator.fail_next`,
:meth:`~BanqupEmulator.advance`, :meth:`~BanqupEmulator.deliver_messages`, and the state
attributes ``acknowledged``, ``requests`` (log of ``(method, path, status)``),
``unserved``, ``extensions``, ``delivered``, ``tokens_issued``. The same over HTTP (no
token needed, loopback only, prefix ``/_emulator/``, not part of the Banqup API):
``GET /_emulator/state``, ``POST /_emulator/documents`` (JSON
``{"xml_base64", "folder", "filename", "files": [{"filename", "content_type",
"content_base64"}]}``),
``POST /_emulator/fail`` (JSON ``{"count", "status", "retry_after", "path_contains"}``),
``POST /_emulator/advance`` (JSON ``{"seconds"}``), ``POST /_emulator/deliver``
(messages of the pending documents to the registered listeners).

Standalone::

    python l10n_lv_banqup/tests/banqup_emulator.py --port 8070 --demo path/to/xml-folder

preloads every ``*.xml`` of the folder (a ``.pdf`` of the same stem is attached;
files whose name starts with ``purchase`` go to PURCHASES, others to SALES) and
serves client ``demo-client`` / ``demo-secret`` until interrupted.
"""

import argparse
import base64
import json
import logging
import re
import socket
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

try:
    from .banqup_emulator_outbound import (
        OUTBOUND_ROUTES,
        UNAUTHENTICATED,
        OutboundEmulatorMixin,
        OutboundHandlerMixin,
    )
except ImportError:  # run as a script (./dev run) or loaded by file path (bench)
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from banqup_emulator_outbound import (
        OUTBOUND_ROUTES,
        UNAUTHENTICATED,
        OutboundEmulatorMixin,
        OutboundHandlerMixin,
    )

_logger = logging.getLogger(__name__)

DEMO_CLIENT_ID = "demo-client"
DEMO_CLIENT_SECRET = "demo-secret"
DEMO_SPACE_ID = "5f0c1e2a-0000-4000-8000-00000000d3e0"
_SPACE = r"/datastore/documents/transaction/v1/spaces/(?P<space>[^/]+)"
_PLUGIN = r"/core/plugin/api/v1/extensionPoints"
DOC_MAKE_API_CALL = (
    "https://docs.btx.banqup.com/docs/api-guides/getting-started/make-api-call"
)
DOC_TOKEN_RECIPE = (
    "https://docs.btx.banqup.com/docs/recipes/authentication/get-access-token-app"
)
DOC_LISTENER = (
    "https://docs.btx.banqup.com/docs/recipes/platform/set-up-message-listener"
)
DOC_FILES = (
    "https://docs.btx.banqup.com/docs/recipes/e-invoicing/process-purchase-invoices"
)
#: what marks an undocumented route (CONTEXT.md's "Not found in the public
#: documentation")
NOT_DOCUMENTED = "not documented (readme/CONTEXT.md, opt-in)"

#: the documented Banqup API: (method, path regex, handler method, public page)
ROUTES = [
    ("POST", r"/oauth2/client_credential/gettoken", "_token", DOC_MAKE_API_CALL),
    ("POST", r"/oauth2/client_credential/accesstoken", "_token", DOC_TOKEN_RECIPE),
    ("GET", r"/entitystore/v1/spaces", "_spaces", DOC_MAKE_API_CALL),
    ("GET", _PLUGIN, "_extension_points", DOC_LISTENER),
    (
        "POST",
        _PLUGIN + r"/(?P<point>[^/]+)/extensions",
        "_register_extension",
        DOC_LISTENER,
    ),
    # the file calls (create a file record, its signed upload URL, its details) are the
    # outbound flow's (banqup_emulator_outbound.py); the details route also answers for
    # the files of inbound documents
    *OUTBOUND_ROUTES,
]
#: the client's opt-in assumptions, served only by ``BanqupEmulator(undocumented=True)``
UNDOCUMENTED_ROUTES = [
    ("GET", _SPACE + r"/documents", "_list", NOT_DOCUMENTED),
    ("GET", _SPACE + r"/documents/(?P<doc>[^/]+)", "_document", NOT_DOCUMENTED),
    (
        "POST",
        _SPACE + r"/documents/(?P<doc>[^/]+)/export-acknowledgement",
        "_acknowledge",
        NOT_DOCUMENTED,
    ),
    (
        "GET",
        _SPACE + r"/files/(?P<file>[^/]+)/content",
        "_file_content",
        NOT_DOCUMENTED,
    ),
]
#: handlers answering without a bearer token
PUBLIC_HANDLERS = {"_token", *UNAUTHENTICATED}
LISTENER_POINT_ID = "45e62b83-51e5-492c-b270-d1606c99fde6"


@dataclass
class EmulatedClient:
    """An API application with its credentials and visible spaces."""

    client_id: str
    client_secret: str = field(repr=False)
    spaces: list = field(
        default_factory=list
    )  #: list of space dicts; [] = not whitelisted


@dataclass
class EmulatedFile:
    id: str
    filename: str
    content_type: str
    content: bytes = field(repr=False)
    role: str = "ATTACHMENT"


@dataclass
class EmulatedDocument:
    seq: int
    id: str
    space_id: str
    folder: str
    filename: str
    files: list = field(default_factory=list)
    metadata: dict = field(default_factory=dict)


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    path_contains: str | None


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that remembers open connections so that stop() can close
    them."""

    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._connections = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        return super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        return super().shutdown_request(request)

    def close_connections(self):
        """Shut down every keep-alive connection still open (their threads then end)."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                _logger.debug("emulator: connection already closed")


class BanqupEmulator(OutboundEmulatorMixin):
    """In-memory Banqup API on a loopback port, run in a background thread.

    Use as a context manager (``with BanqupEmulator() as emu: emu.url``) or call
    :meth:`start` / :meth:`stop`. ``port=0`` picks a free port.

    :param token_lifetime: seconds a token stays valid (reported as ``expires_in``).
    :param report_expires_in: when False, token replies omit ``expires_in``.
    """

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        token_lifetime=300,
        report_expires_in=True,
        undocumented=False,
        handler_class=None,
    ):
        self.host = host
        self.port = port
        self.token_lifetime = token_lifetime
        self.report_expires_in = report_expires_in
        #: serve :data:`UNDOCUMENTED_ROUTES` too (the client's opt-in)
        self.undocumented = undocumented
        #: more routes in the format of :data:`ROUTES` (e.g. the outbound flow)
        self.extra_routes = []
        self.handler_class = handler_class or _Handler
        self._lock = threading.RLock()
        self._server = None
        self._thread = None
        self.reset()

    # -- lifecycle --------------------------------------------------------------

    def start(self):
        """Start serving in a daemon thread; returns self."""
        handler = type("Handler", (self.handler_class,), {"emulator": self})
        self._server = _Server((self.host, self.port), handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="banqup-emulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.close_connections()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None
            self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def url(self):
        """Base URL, e.g. ``http://127.0.0.1:54321``."""
        return f"http://{self.host}:{self.port}"

    # -- state & control ----------------------------------------------------------

    def reset(self):
        """Forget everything and recreate the demo client with one business space."""
        with self._lock:
            self.clients = {}
            self.documents = {}
            self.acknowledged = []
            # registered message listeners: {"id", "point", "basePath", ...}
            self.extensions = []
            # (url, message, HTTP status) of each delivery to a listener
            self.delivered = []
            self.requests = []
            self.unserved = []  # (method, path) of every request no route serves
            self.tokens = {}  # token -> (client_id, expiry time)
            self.tokens_issued = 0
            self.now = 0.0  # emulator clock, seconds; advanced by advance()
            self._seq = 0
            self._file_seq = 0
            self._failures = []
            self.reset_outbound()
            self.add_client(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)

    def add_client(self, client_id, client_secret, whitelisted=True, spaces=None):
        """Register API credentials. ``whitelisted=False`` gives an empty space list.

        :param spaces: list of ``{"id", "name", "type"}`` dicts; default one BUSINESS
            space with id :data:`DEMO_SPACE_ID`.
        """
        if spaces is None:
            spaces = (
                [{"id": DEMO_SPACE_ID, "name": "Demo SIA", "type": "BUSINESS"}]
                if whitelisted
                else []
            )
        with self._lock:
            self.clients[client_id] = EmulatedClient(
                client_id, client_secret, list(spaces)
            )

    def add_document(
        self,
        xml,
        folder="SALES",
        filename=None,
        files=(),
        space_id=DEMO_SPACE_ID,
        document_id=None,
        content_type="application/xml",
    ):
        """Add a pending document; returns its id.

        :param bytes xml: the UBL content.
        :param files: iterable of ``(filename, content_type, bytes)``.
        """
        if folder not in ("SALES", "PURCHASES"):
            raise ValueError("folder must be SALES or PURCHASES")
        with self._lock:
            self._seq += 1
            doc_id = document_id or str(uuid.UUID(int=self._seq))
            doc = EmulatedDocument(
                seq=self._seq,
                id=doc_id,
                space_id=space_id,
                folder=folder,
                filename=filename or f"document-{self._seq}.xml",
                metadata={"documentCategory": "INVOICE"},
            )
            role = "UBL" if "xml" in content_type else "ATTACHMENT"
            doc.files.append(self._new_file(doc.filename, content_type, xml, role))
            for name, content_type, content in files:
                doc.files.append(
                    self._new_file(name, content_type, content, "ATTACHMENT")
                )
            self.documents[doc_id] = doc
            return doc_id

    def _new_file(self, filename, content_type, content, role):
        self._file_seq += 1
        return EmulatedFile(
            str(uuid.UUID(int=(1 << 64) + self._file_seq)),
            filename,
            content_type,
            bytes(content),
            role,
        )

    def fail_next(self, count=1, status=429, retry_after=None, path_contains=None):
        """Make the next ``count`` matching requests fail with ``status`` (429 or 5xx
        usually)."""
        with self._lock:
            self._failures.extend(
                _Failure(status, retry_after, path_contains) for _ in range(count)
            )

    def advance(self, seconds):
        """Move the emulator clock forward (tokens expire without real waiting)."""
        with self._lock:
            self.now += seconds

    def expire_tokens(self):
        """Invalidate every token issued so far."""
        with self._lock:
            self.tokens.clear()

    def pending(self, folder=None):
        """Documents not acknowledged yet, in order."""
        with self._lock:
            docs = sorted(self.documents.values(), key=lambda d: d.seq)
            return [
                d
                for d in docs
                if d.id not in self.acknowledged
                and (folder is None or d.folder == folder)
            ]

    def state(self):
        """JSON-friendly snapshot of the state (for the control endpoint and tests)."""
        with self._lock:
            return {
                "documents": [
                    {"id": d.id, "folder": d.folder, "filename": d.filename}
                    for d in self.pending()
                ],
                "acknowledged": list(self.acknowledged),
                "extensions": list(self.extensions),
                "unserved": [list(r) for r in self.unserved],
                "tokens_issued": self.tokens_issued,
                "requests": [list(r) for r in self.requests],
            }

    def routes(self):
        """The routes served now: documented, the extra ones, the undocumented ones when
        enabled."""
        return (
            ROUTES
            + list(self.extra_routes)
            + (UNDOCUMENTED_ROUTES if self.undocumented else [])
        )

    def _message_of(self, doc, file, message_type="file.uploaded"):
        """A message as the message-service guide shows it, announcing ``file`` of
        ``doc``."""
        return {
            "id": str(uuid.uuid4()),
            "category": "file",
            "type": message_type,
            "resourceId": file.id,
            "channel": f"{doc.space_id}/{doc.id}",
            "data": {
                "fileId": file.id,
                "documentId": doc.id,
                "spaceId": doc.space_id,
                "folder": doc.folder,
            },
        }

    def deliver_messages(self, documents=None, timeout=10):
        """POST one message per main file of ``documents`` (default: the pending ones)
        to every registered listener whose filter takes the category; returns the HTTP
        statuses."""
        import urllib.error
        import urllib.request

        docs = self.pending() if documents is None else documents
        statuses = []
        for extension in list(self.extensions):
            categories = (extension.get("filter") or {}).get("categories") or ["file"]
            if "file" not in categories:
                continue
            url = extension["basePath"].rstrip("/") + "/messages"
            for doc in docs:
                if doc.space_id != extension["space"]:
                    continue
                message = self._message_of(doc, doc.files[0])
                request = urllib.request.Request(
                    url,
                    json.dumps(message).encode(),
                    {"Content-Type": "application/json"},
                    method="POST",
                )
                try:
                    with urllib.request.urlopen(request, timeout=timeout) as response:
                        status = response.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                with self._lock:
                    self.delivered.append((url, message, status))
                statuses.append(status)
        return statuses

    def _take_failure(self, path):
        with self._lock:
            for index, failure in enumerate(self._failures):
                if failure.path_contains is None or failure.path_contains in path:
                    return self._failures.pop(index)
        return None


class _Handler(OutboundHandlerMixin, BaseHTTPRequestHandler):
    """Request handler; ``emulator`` is bound by :meth:`BanqupEmulator.start`."""

    emulator = None
    protocol_version = "HTTP/1.1"
    # one buffered write per response and no Nagle delay: keep-alive stays fast
    wbufsize = -1
    disable_nagle_algorithm = True
    server_version = "BanqupEmulator/1.0"

    def log_message(self, fmt, *args):  # pylint: disable=arguments-renamed
        _logger.debug("emulator: " + fmt, *args)

    # -- responses --------------------------------------------------------------

    def _send(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        with self.emulator._lock:
            self.emulator.requests.append(
                (self.command, urlsplit(self.path).path, status)
            )
        if self.emulator.on_request is not None:
            self.emulator.on_request(self.command, urlsplit(self.path).path, status)

    def _error(self, status, code, headers=None):
        self._send(status, {"error": code}, headers=headers)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json_body(self):
        try:
            return json.loads(self._body() or b"{}")
        except ValueError:
            return None

    def _client(self):
        """The client of the bearer token, or None (expired/unknown/missing)."""
        auth = self.headers.get("Authorization") or ""
        if not auth.startswith("Bearer "):
            return None
        emu = self.emulator
        with emu._lock:
            entry = emu.tokens.get(auth[len("Bearer ") :])
            if entry is None or entry[1] <= emu.now:
                return None
            return emu.clients.get(entry[0])

    # -- routing ----------------------------------------------------------------

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def _dispatch(self, method):
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        if path.startswith("/_emulator/"):
            return self._control(method, path)
        emu = self.emulator
        route = None
        for route_method, pattern, handler_name, _doc_url in emu.routes():
            match = re.fullmatch(pattern, path)
            if match and route_method == method:
                route = (handler_name, match)
                break
        if route is None:
            self._body()
            with emu._lock:
                emu.unserved.append((method, path))
            return self._error(404, "not_found")
        failure = emu._take_failure(path)
        if failure is not None:
            self._body()
            headers = (
                {"Retry-After": str(failure.retry_after)}
                if failure.retry_after is not None
                else None
            )
            return self._error(failure.status, "injected_failure", headers=headers)
        handler_name, match = route
        client = None
        if handler_name not in PUBLIC_HANDLERS:
            client = self._client()
            if client is None:
                self._body()
                return self._error(401, "invalid_token")
            space_id = match.groupdict().get("space")
            if space_id is not None and not any(
                s.get("id") == space_id for s in client.spaces
            ):
                self._body()
                return self._error(403, "space_not_accessible")
        return getattr(self, handler_name)(client, match, query)

    # -- API endpoints --------------------------------------------------------------

    def _token(self, client, match, query):
        form = parse_qs(self._body().decode("utf-8", "replace"))
        grant = form.get("grant_type", [""])[0]
        client_id = form.get("client_id", [""])[0]
        secret = form.get("client_secret", [""])[0]
        if grant != "client_credentials":
            return self._error(400, "unsupported_grant_type")
        emu = self.emulator
        with emu._lock:
            client = emu.clients.get(client_id)
            if client is None or client.client_secret != secret:
                return self._error(401, "invalid_client")
            emu.tokens_issued += 1
            token = f"emu-token-{emu.tokens_issued:06d}"
            emu.tokens[token] = (client_id, emu.now + emu.token_lifetime)
        body = {"access_token": token, "token_type": "Bearer"}
        if emu.report_expires_in:
            body["expires_in"] = emu.token_lifetime
        return self._send(200, body)

    def _spaces(self, client, match, query):
        return self._send(200, {"spaces": client.spaces})

    def _extension_points(self, client, match, query):
        wanted = {
            key: query.get(key, [None])[0] for key in ("namespace", "name", "version")
        }
        point = {
            "extensionPointId": LISTENER_POINT_ID,
            "namespace": "com.unifiedpost.btx",
            "name": "messageListeners",
            "version": "1.0",
            "public": False,
        }
        matches = all(
            value is None or point[key] == value for key, value in wanted.items()
        )
        return self._send(200, {"extensionPoints": [point] if matches else []})

    def _register_extension(self, client, match, query):
        body = self._json_body()
        if match.group("point") != LISTENER_POINT_ID:
            return self._error(404, "extension_point_not_found")
        if not isinstance(body, dict) or not str(body.get("basePath", "")).startswith(
            ("http://", "https://")
        ):
            return self._error(400, "base_path_required")
        emu = self.emulator
        with emu._lock:
            extension = {
                "id": str(uuid.UUID(int=(2 << 64) + len(emu.extensions) + 1)),
                "point": LISTENER_POINT_ID,
                "space": client.spaces[0]["id"] if client.spaces else None,
                **body,
            }
            emu.extensions.append(extension)
        return self._send(201, {"extensionId": extension["id"]})

    def _list(self, client, match, query):
        space_id = match.group("space")
        try:
            after = int(query.get("cursor", ["0"])[0] or 0)
            limit = max(1, min(int(query.get("limit", ["100"])[0]), 500))
        except ValueError:
            return self._error(400, "bad_cursor_or_limit")
        folders = set(query.get("folder", [])) or {"SALES", "PURCHASES"}
        docs = [
            d
            for d in self.emulator.pending()
            if d.space_id == space_id and d.folder in folders and d.seq > after
        ]
        page = docs[:limit]
        next_cursor = str(page[-1].seq) if len(docs) > limit else None
        return self._send(
            200,
            {
                "documents": [
                    {"id": d.id, "folder": d.folder, "filename": d.filename}
                    for d in page
                ],
                "nextCursor": next_cursor,
            },
        )

    def _get_doc(self, space_id, doc_id):
        doc = self.emulator.documents.get(doc_id)
        return doc if doc is not None and doc.space_id == space_id else None

    def _document(self, client, match, query):
        space_id = match.group("space")
        doc = self._get_doc(space_id, match.group("doc"))
        if doc is None:
            return self._error(404, "document_not_found")
        return self._send(
            200,
            {
                "id": doc.id,
                "folder": doc.folder,
                "category": "INVOICE",
                "metadata": doc.metadata,
                "files": [
                    {
                        "id": f.id,
                        "filename": f.filename,
                        "contentType": f.content_type,
                        "role": f.role,
                    }
                    for f in doc.files
                ],
            },
        )

    def _acknowledge(self, client, match, query):
        space_id = match.group("space")
        self._body()
        doc = self._get_doc(space_id, match.group("doc"))
        if doc is None:
            return self._error(404, "document_not_found")
        with self.emulator._lock:
            if doc.id not in self.emulator.acknowledged:
                self.emulator.acknowledged.append(doc.id)
        return self._send(204)

    def _find_file(self, space_id, file_id):
        for doc in self.emulator.documents.values():
            if doc.space_id == space_id:
                for f in doc.files:
                    if f.id == file_id:
                        return f
        return None

    def _file_details(self, client, match, query):
        space_id = match.group("space")
        f = self._find_file(space_id, match.group("file"))
        if f is None:
            return self._error(404, "file_not_found")
        doc = next(d for d in self.emulator.documents.values() if f in d.files)
        return self._send(
            200,
            {
                "id": f.id,
                "filename": f.filename,
                "status": "UPLOADED",
                "fileSize": len(f.content),
                "fileType": f.content_type,
                "contentType": f.content_type,
                "metadata": {"folder": doc.folder, "documentCategory": "INVOICE"},
            },
        )

    def _file_content(self, client, match, query):
        space_id = match.group("space")
        f = self._find_file(space_id, match.group("file"))
        if f is None:
            return self._error(404, "file_not_found")
        return self._send(200, f.content, content_type=f.content_type)

    # -- control endpoints ---------------------------------------------------------

    def _control(self, method, path):
        emu = self.emulator
        if method == "GET" and path == "/_emulator/state":
            return self._send(200, emu.state())
        body = self._json_body() if method == "POST" else None
        if not isinstance(body, dict):
            return self._error(400, "json_object_expected")
        try:
            if path == "/_emulator/documents":
                files = [
                    (
                        f["filename"],
                        f.get("content_type", "application/pdf"),
                        base64.b64decode(f["content_base64"]),
                    )
                    for f in body.get("files", [])
                ]
                doc_id = emu.add_document(
                    base64.b64decode(body["xml_base64"]),
                    body.get("folder", "SALES"),
                    body.get("filename"),
                    files,
                )
                return self._send(201, {"id": doc_id})
            if path == "/_emulator/fail":
                emu.fail_next(
                    int(body.get("count", 1)),
                    int(body.get("status", 429)),
                    body.get("retry_after"),
                    body.get("path_contains"),
                )
                return self._send(204)
            if path == "/_emulator/deliver":
                return self._send(200, {"statuses": emu.deliver_messages()})
            if path == "/_emulator/advance":
                emu.advance(float(body["seconds"]))
                return self._send(204)
        except (KeyError, ValueError, TypeError):
            return self._error(400, "bad_control_request")
        return self._error(404, "not_found")


def load_demo_folder(emulator, folder, patterns=("*.xml",)):
    """Add every XML file of ``folder`` matching one of ``patterns`` (sorted) to the
    emulator; returns the ids."""
    ids = []
    paths = sorted(
        {
            p
            for pattern in patterns
            for p in Path(folder).glob(pattern)
            if p.suffix == ".xml"
        }
    )
    for xml_path in paths:
        pdf = xml_path.with_suffix(".pdf")
        files = (
            [(pdf.name, "application/pdf", pdf.read_bytes())] if pdf.exists() else []
        )
        target = (
            "PURCHASES" if xml_path.name.lower().startswith("purchase") else "SALES"
        )
        ids.append(
            emulator.add_document(xml_path.read_bytes(), target, xml_path.name, files)
        )
    return ids


def main(argv=None):
    """Run the emulator in the foreground (see module docstring)."""
    parser = argparse.ArgumentParser(description="Local Banqup API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8070)
    parser.add_argument("--demo", help="folder of UBL XML files to preload")
    parser.add_argument(
        "--pattern",
        action="append",
        help="file name patterns to preload (default *.xml)",
    )
    parser.add_argument("--token-lifetime", type=int, default=300)
    parser.add_argument(
        "--undocumented",
        action="store_true",
        help="also serve the undocumented endpoints (the client's opt-in)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    emulator = BanqupEmulator(
        args.host,
        args.port,
        token_lifetime=args.token_lifetime,
        undocumented=args.undocumented,
    )
    if args.demo:
        count = len(load_demo_folder(emulator, args.demo, args.pattern or ("*.xml",)))
        _logger.info("preloaded %d document(s) from %s", count, args.demo)
    emulator.start()
    _logger.info(
        "Banqup emulator on %s (client %s / %s); Ctrl+C to stop",
        emulator.url,
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        _logger.info("interrupted, stopping")
    finally:
        emulator.stop()


if __name__ == "__main__":
    main()

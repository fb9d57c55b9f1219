"""Banqup BTX REST transport over ``requests``.

What comes from the public documentation (docs.btx.banqup.com, checked 2026-11, see
``readme/CONTEXT.md``):

* OAuth2 client-credentials: ``POST`` a form-encoded body (``grant_type``,
  ``client_id``, ``client_secret``) to ``/oauth2/client_credential/accesstoken`` (one
  recipe) or ``/oauth2/client_credential/gettoken`` (the getting-started guide); the
  reply holds ``access_token`` and ``token_type: Bearer``. Lifetime "5 minutes" in one
  page, "60 minutes" in another: we honour ``expires_in`` and refresh once on HTTP 401.
* ``GET /entitystore/v1/spaces`` returns ``{"spaces": [{"id", "name", "type": "BUSINESS"}]}``;
  without whitelisting by the legal representative no space is visible.
* Files live under ``/datastore/documents/transaction/v1/spaces/{spaceId}/files`` with
  ``metadata.folder`` ``SALES`` or ``PURCHASES``; ``GET .../files/{fileId}`` gives details.

What is **our assumption** (not in the public docs; every path is a :class:`BtxConfig`
setting so it can follow the real API without code changes):

* listing of not-yet-exported documents:
  ``GET {documents_path}?exportStatus=PENDING&folder=SALES&folder=PURCHASES&limit=N&cursor=C``
  -> ``{"documents": [{"id", "folder", "filename", ...}], "nextCursor": "..." | null}``;
* document details: ``GET {documents_path}/{documentId}`` -> ``{"id", "folder", "files":
  [{"id", "filename", "contentType", "role": "UBL" | "ATTACHMENT"}], "metadata": {...}}``;
* file content: ``GET {files_path}/{fileId}/content`` (raw bytes);
* acknowledgement: ``POST {ack_path}`` (``{documentId}`` in the path) -> 200/204;
* service registration: ``POST {subscriptions_path}`` with ``{"service", "folder",
  "operator"}`` -> ``{"status": "ACTIVE", "message"}``; ``subscriptions_path=None``
  makes registration a pure credential + space check.

Retries: only on HTTP 429 (honouring ``Retry-After``) and 5xx, at most
``max_retries`` times with exponential backoff capped by ``max_wait``. Network errors
and timeouts raise :class:`~.exceptions.OperatorUnavailable` at once (the next cron run
retries). Every request has a timeout.
"""

import email.utils
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import requests

from ..parsers.exceptions import Text, _lt
from .exceptions import (
    AuthenticationError,
    BanqupError,
    ConfigurationError,
    NotWhitelistedError,
    OperatorUnavailable,
    ProtocolError,
    RateLimited,
)
from .transport import (
    DIRECTION_BY_FOLDER,
    DIRECTION_BY_SERVICE,
    FOLDER_BY_DIRECTION,
    REGISTRATION_OK_MESSAGE,
    DocumentFile,
    DocumentPayload,
    RemoteDocument,
    ServiceResult,
    Space,
    Transport,
    utcnow,
)

_logger = logging.getLogger(__name__)

#: base URLs of the known environments (production host unconfirmed, FORMATS.md §1)
ENVIRONMENTS = {
    "production": "https://api.btx.eu.banqup.com",
    "sandbox": "https://api.uat.btx.eu.banqup.com",
}
_DOCS = "/datastore/documents/transaction/v1/spaces/{spaceId}"


@dataclass
class BtxConfig:
    """Settings of :class:`BtxTransport`. Paths may contain ``{spaceId}`` / ``{documentId}``."""

    base_url: str
    client_id: str
    client_secret: str = field(repr=False)
    space_id: str | None = None  #: None: discovered (the only BUSINESS space)
    token_path: str = "/oauth2/client_credential/accesstoken"
    spaces_path: str = "/entitystore/v1/spaces"
    documents_path: str = _DOCS + "/documents"
    ack_path: str = _DOCS + "/documents/{documentId}/export-acknowledgement"
    files_path: str = _DOCS + "/files"
    subscriptions_path: str | None = _DOCS + "/export-subscriptions"
    folders: tuple[str, ...] = ("SALES", "PURCHASES")
    timeout: float = 30.0  #: seconds, connect and read
    page_size: int = 100
    max_retries: int = 3  #: extra attempts after a 429 / 5xx
    backoff: float = 1.0  #: first backoff in seconds, doubled each retry
    max_wait: float = 60.0  #: upper bound of one wait (Retry-After included)
    default_token_lifetime: int = 300  #: seconds, when the reply has no expires_in
    token_leeway: int = 30  #: renew this many seconds before expiry
    max_file_size: int = 20 * 1024 * 1024  #: refuse larger downloads
    operator: str = "unifiedpost"

    @classmethod
    def for_environment(cls, environment, client_id, client_secret, custom_url=None, **settings):
        """Build a config for ``"production"``, ``"sandbox"`` or ``"custom"`` (``custom_url``, e.g. the emulator)."""
        if environment == "custom":
            if not custom_url:
                raise ConfigurationError(_lt("a custom environment needs a base URL"))
            base_url = custom_url
        elif environment in ENVIRONMENTS:
            base_url = ENVIRONMENTS[environment]
        else:
            raise ConfigurationError(Text(_lt("unknown environment %(environment)r"), environment=environment))
        return cls(base_url=base_url, client_id=client_id, client_secret=client_secret, **settings)


class BtxTransport(Transport):
    """:class:`~.transport.Transport` over the Banqup BTX REST API.

    :param BtxConfig config: the settings.
    :param session: a :class:`requests.Session` (one is created when omitted).
    :param clock: monotonic clock for token expiry (tests inject their own).
    :param sleep: function used to wait between retries (tests inject their own).

    One instance caches one token and one space; use one instance per company and
    per thread (``requests.Session`` is not guaranteed thread-safe).
    """

    def __init__(self, config, session=None, clock=time.monotonic, sleep=time.sleep):
        if not config.base_url or not config.client_id or not config.client_secret:
            raise ConfigurationError(_lt("the base URL, client id and client secret are required"))
        self.config = config
        self.session = session or requests.Session()
        self._clock = clock
        self._sleep = sleep
        self._token = None
        self._token_expiry = 0.0
        self._space = None

    def __repr__(self):
        return f"<BtxTransport {self.config.base_url} client={self.config.client_id}>"

    def close(self):
        """Close the HTTP session (keep-alive connections)."""
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # -- plumbing ---------------------------------------------------------

    def _redact(self, text):
        """Remove the secret and the current token from text copied from a reply."""
        text = str(text)
        for secret in (self.config.client_secret, self._token):
            if secret:
                text = text.replace(secret, "***")
        return text

    def _error_code(self, response):
        """A short, redacted error code from a JSON error body (or '')."""
        try:
            body = response.json()
        except ValueError:
            return ""
        if not isinstance(body, dict):
            return ""
        code = body.get("error") or body.get("code") or body.get("message") or ""
        if not isinstance(code, str):
            return ""
        code = self._redact(code)[:80]
        return "".join(ch for ch in code if ch.isalnum() or ch in " _.-:*") if code else ""

    def _url(self, path_template, **ids):
        path = path_template.format(**{key: quote(str(value), safe="") for key, value in ids.items()})
        return self.config.base_url.rstrip("/") + path

    def _retry_after(self, response):
        """Seconds from a Retry-After header (delta or HTTP date), or None."""
        value = (response.headers.get("Retry-After") or "").strip()
        if not value:
            return None
        if value.isdigit():
            return int(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0, int(when.timestamp() - time.time()))

    def _request(self, method, path_template, ids=None, auth=True, **kwargs):
        """Send a request with timeout, bounded retries and one token refresh on 401.

        :returns: the successful :class:`requests.Response`.
        """
        url = self._url(path_template, **(ids or {}))
        label = f"{method} {path_template}"
        refreshed = False
        attempt = 0
        while True:
            headers = {"Accept": "application/json"}
            if auth:
                headers["Authorization"] = f"Bearer {self._get_token()}"
            try:
                response = self.session.request(method, url, headers=headers, timeout=self.config.timeout, **kwargs)
            except requests.Timeout:
                raise OperatorUnavailable(
                    Text(
                        _lt("%(request)s: no answer within %(timeout)s seconds"),
                        request=label,
                        timeout=self.config.timeout,
                    )
                ) from None
            except requests.RequestException as exc:
                raise OperatorUnavailable(
                    Text(_lt("%(request)s: network error (%(error)s)"), request=label, error=type(exc).__name__)
                ) from None
            status = response.status_code
            _logger.debug("Banqup %s -> HTTP %s", label, status)
            if status < 400:
                return response
            code = self._error_code(response)
            response.close()  # a streamed error reply must give its connection back
            if status == 401 and auth and not refreshed:
                _logger.info("Banqup refused the access token; requesting a new one")
                self._token = None
                refreshed = True
                continue
            if status == 429 or status >= 500:
                retry_after = self._retry_after(response) if status == 429 else None
                if attempt >= self.config.max_retries:
                    if status == 429:
                        raise RateLimited(Text(_lt("%(request)s: HTTP 429"), request=label), retry_after=retry_after)
                    raise OperatorUnavailable(
                        Text(
                            _lt("%(request)s: HTTP %(status)s %(code)s"), request=label, status=status, code=code or ""
                        )
                    )
                wait = retry_after if retry_after is not None else self.config.backoff * (2**attempt)
                wait = min(wait, self.config.max_wait)
                _logger.warning("Banqup %s answered HTTP %s; retry %d in %.1f s", label, status, attempt + 1, wait)
                self._sleep(wait)
                attempt += 1
                continue
            if code:
                detail = Text(_lt("%(request)s: HTTP %(status)s (%(code)s)"), request=label, status=status, code=code)
            else:
                detail = Text(_lt("%(request)s: HTTP %(status)s"), request=label, status=status)
            if status == 401:
                if auth:
                    detail = Text(_lt("%(detail)s, the access token was refused twice"), detail=detail)
                raise AuthenticationError(detail)
            if status == 403:
                raise NotWhitelistedError(Text(_lt("(%(detail)s)"), detail=detail))
            raise ProtocolError(detail)

    def _json(self, response, label):
        try:
            body = response.json()
        except ValueError:
            raise ProtocolError(Text(_lt("%(request)s: the reply is not JSON"), request=label)) from None
        if not isinstance(body, dict):
            raise ProtocolError(Text(_lt("%(request)s: the reply is not a JSON object"), request=label))
        return body

    # -- token --------------------------------------------------------------

    def _get_token(self):
        """Return a valid access token, requesting one when none is cached or it expired."""
        if self._token and self._clock() < self._token_expiry:
            return self._token
        self._token = None
        cfg = self.config
        try:
            response = self._request(
                "POST",
                cfg.token_path,
                auth=False,
                data={
                    "grant_type": "client_credentials",
                    "client_id": cfg.client_id,
                    "client_secret": cfg.client_secret,
                },
            )
        except ProtocolError as exc:
            # 400 / 401 / 403 from the token endpoint: the credentials are wrong
            raise AuthenticationError(exc.detail_text) from None
        except NotWhitelistedError:
            raise AuthenticationError(
                Text(_lt("%(request)s: HTTP %(status)s"), request=f"POST {cfg.token_path}", status=403)
            ) from None
        body = self._json(response, f"POST {cfg.token_path}")
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise ProtocolError(
                Text(_lt("%(request)s: no access_token in the reply"), request=f"POST {cfg.token_path}")
            )
        lifetime = body.get("expires_in", cfg.default_token_lifetime)
        try:
            lifetime = int(lifetime)
        except (TypeError, ValueError):
            lifetime = cfg.default_token_lifetime
        lifetime = max(lifetime - cfg.token_leeway, lifetime // 2)
        self._token = token
        self._token_expiry = self._clock() + lifetime
        _logger.info("Banqup access token obtained (valid about %d s)", lifetime)
        return token

    # -- spaces -----------------------------------------------------------

    def list_spaces(self):
        """Return every :class:`~.transport.Space` visible to the credentials."""
        label = f"GET {self.config.spaces_path}"
        body = self._json(self._request("GET", self.config.spaces_path), label)
        spaces = body.get("spaces")
        if not isinstance(spaces, list):
            raise ProtocolError(Text(_lt("%(request)s: no 'spaces' list in the reply"), request=label))
        return [
            Space(id=str(s["id"]), name=s.get("name"), type=s.get("type"))
            for s in spaces
            if isinstance(s, dict) and s.get("id")
        ]

    def discover_space(self):
        """Return the business space: ``config.space_id`` if set (checked), else the only one.

        :raises NotWhitelistedError: no business space is visible.
        :raises ConfigurationError: the configured space is not visible, or several
            business spaces exist and none is configured.
        """
        spaces = [s for s in self.list_spaces() if (s.type or "").upper() == "BUSINESS"]
        if not spaces:
            raise NotWhitelistedError()
        if self.config.space_id:
            chosen = [s for s in spaces if s.id == self.config.space_id]
            if not chosen:
                raise ConfigurationError(
                    _lt("the configured space id is not among the business spaces visible to these credentials")
                )
        elif len(spaces) > 1:
            names = ", ".join(s.name or s.id for s in spaces)
            raise ConfigurationError(
                Text(_lt("several business spaces are visible (%(names)s); choose one in the settings"), names=names)
            )
        else:
            chosen = spaces
        self._space = chosen[0]
        return self._space

    @property
    def space_id(self):
        """The space id to use: configured, else discovered once."""
        if self.config.space_id:
            return self.config.space_id
        if self._space is None:
            self.discover_space()
        return self._space.id

    # -- registration -------------------------------------------------------

    def register(self, services):
        """Check credentials and space, then subscribe each e-service (see module doc)."""
        services = list(services)
        try:
            space = self.discover_space()
        except BanqupError as exc:
            _logger.warning("Banqup registration failed: %s", exc)
            now = utcnow()
            return {s: ServiceResult(s, False, str(exc), now, error=exc) for s in services}
        results = {}
        for service in services:
            try:
                if service not in DIRECTION_BY_SERVICE:
                    raise ConfigurationError(Text(_lt("unknown e-service %(service)r"), service=service))
                message = REGISTRATION_OK_MESSAGE
                if self.config.subscriptions_path:
                    payload = {
                        "service": service,
                        "folder": FOLDER_BY_DIRECTION[DIRECTION_BY_SERVICE[service]],
                        "operator": self.config.operator,
                    }
                    response = self._request(
                        "POST",
                        self.config.subscriptions_path,
                        {"spaceId": space.id},
                        json=payload,
                    )
                    body = self._json(response, f"POST {self.config.subscriptions_path}")
                    if str(body.get("status", "ACTIVE")).upper() != "ACTIVE":
                        raise ProtocolError(
                            Text(_lt("the service is %(status)s, not ACTIVE"), status=str(body.get("status"))[:40])
                        )
                results[service] = ServiceResult(service, True, message, utcnow())
            except BanqupError as exc:
                _logger.warning("Banqup registration of %s failed: %s", service, exc)
                results[service] = ServiceResult(service, False, str(exc), utcnow(), error=exc)
        return results

    # -- documents ----------------------------------------------------------

    def list_new_documents(self, cursor=None):
        """One page of documents not acknowledged yet (our assumed listing, see module doc)."""
        cfg = self.config
        params = [("exportStatus", "PENDING"), ("limit", str(cfg.page_size))]
        params += [("folder", folder) for folder in cfg.folders]
        if cursor:
            params.append(("cursor", cursor))
        label = f"GET {cfg.documents_path}"
        body = self._json(
            self._request("GET", cfg.documents_path, {"spaceId": self.space_id}, params=params),
            label,
        )
        items = body.get("documents")
        if not isinstance(items, list):
            raise ProtocolError(Text(_lt("%(request)s: no 'documents' list in the reply"), request=label))
        documents = []
        for item in items:
            if not isinstance(item, dict) or not item.get("id"):
                raise ProtocolError(Text(_lt("%(request)s: a document without id"), request=label))
            direction = DIRECTION_BY_FOLDER.get(str(item.get("folder", "")).upper())
            if direction is None:
                raise ProtocolError(
                    Text(
                        _lt("%(request)s: unknown folder %(folder)r"),
                        request=label,
                        folder=str(item.get("folder"))[:20],
                    )
                )
            documents.append(
                RemoteDocument(
                    banqup_id=str(item["id"]),
                    direction=direction,
                    filename=item.get("filename"),
                    metadata={k: v for k, v in item.items() if k not in ("id", "folder", "filename")},
                )
            )
        next_cursor = body.get("nextCursor")
        _logger.info(
            "Banqup listing: %d document(s), more: %s",
            len(documents),
            bool(next_cursor),
        )
        return documents, (str(next_cursor) if next_cursor else None)

    def _download_file(self, file_id):
        """Raw bytes of a file, refusing anything above ``max_file_size``."""
        path = self.config.files_path + "/{fileId}/content"
        response = self._request("GET", path, {"spaceId": self.space_id, "fileId": file_id}, stream=True)
        limit = self.config.max_file_size
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ProtocolError(
                        Text(
                            _lt("%(request)s: the file is larger than %(limit)s bytes"),
                            request=f"GET {path}",
                            limit=limit,
                        )
                    )
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise OperatorUnavailable(
                Text(
                    _lt("%(request)s: download interrupted (%(error)s)"),
                    request=f"GET {path}",
                    error=type(exc).__name__,
                )
            ) from None
        finally:
            response.close()
        return b"".join(chunks)

    def download(self, document):
        """Download the document's UBL file and its other files."""
        cfg = self.config
        path = cfg.documents_path + "/{documentId}"
        ids = {"spaceId": self.space_id, "documentId": document.banqup_id}
        body = self._json(self._request("GET", path, ids), f"GET {path}")
        files = body.get("files")
        if not isinstance(files, list) or not files:
            raise ProtocolError(Text(_lt("%(request)s: the document has no files"), request=f"GET {path}"))
        ubl = None
        others = []
        for entry in files:
            if not isinstance(entry, dict) or not entry.get("id"):
                raise ProtocolError(Text(_lt("%(request)s: a file without id"), request=f"GET {path}"))
            is_xml = "xml" in str(entry.get("contentType", "")).lower()
            if ubl is None and (str(entry.get("role", "")).upper() == "UBL" or (not entry.get("role") and is_xml)):
                ubl = entry
            else:
                others.append(entry)
        if ubl is None:
            raise ProtocolError(Text(_lt("%(request)s: the document has no UBL file"), request=f"GET {path}"))
        direction = DIRECTION_BY_FOLDER.get(str(body.get("folder", "")).upper(), document.direction)
        payload = DocumentPayload(
            banqup_id=document.banqup_id,
            direction=direction,
            filename=str(ubl.get("filename") or f"{document.banqup_id}.xml"),
            xml=self._download_file(ubl["id"]),
            files=tuple(
                DocumentFile(
                    filename=str(entry.get("filename") or entry["id"]),
                    mime=entry.get("contentType"),
                    content=self._download_file(entry["id"]),
                )
                for entry in others
            ),
            metadata=body.get("metadata") if isinstance(body.get("metadata"), dict) else {},
        )
        _logger.info(
            "Banqup document %s downloaded (%d extra file(s))",
            document.banqup_id,
            len(payload.files),
        )
        return payload

    def acknowledge(self, banqup_id):
        """Mark the document exported (assumed endpoint, see module doc)."""
        self._request(
            "POST",
            self.config.ack_path,
            {"spaceId": self.space_id, "documentId": banqup_id},
        )
        _logger.info("Banqup document %s acknowledged", banqup_id)

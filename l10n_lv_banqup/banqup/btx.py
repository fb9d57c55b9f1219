# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Banqup BTX REST transport over ``requests``: documented doors only, unless opted in.

Every HTTP call of this module cites, in a comment next to it, the public page of the
Banqup developer documentation that describes it (see :data:`DOCS`, and the table of
``readme/CONTEXT.md``; the test ``test_banqup_citations`` checks both agree):

* token: OAuth2 client credentials, form body (``grant_type``, ``client_id``,
  ``client_secret``) to ``/oauth2/client_credential/gettoken`` (the getting-started
  guide, our default) or ``/oauth2/client_credential/accesstoken`` (a recipe; a
  setting). The guide gives the lifetime as 5 minutes (the recipe 60): we honour
  ``expires_in``, else assume 300 s, and refresh once on HTTP 401 as the guide says;
* ``GET /entitystore/v1/spaces``: the spaces; none without whitelisting;
* message listener:
  ``GET /core/plugin/api/v1/extensionPoints`` with the query
  ``namespace=com.unifiedpost.btx&name=messageListeners&version=1.0`` gives the
  extension point id,
  ``POST /core/plugin/api/v1/extensionPoints/{id}/extensions`` registers our base path;
  Banqup then POSTs messages to ``<base path>/messages``;
* ``GET /datastore/documents/transaction/v1/spaces/{spaceId}/files/{fileId}``: the
  details of a file (name, content type, status, size).

**Not documented** (found nowhere in the public documentation; used only when the
administrator ticks *Use undocumented document endpoints (assumption)*, i.e.
``BtxConfig.undocumented_endpoints``): the listing of documents not yet exported
(``GET .../documents?exportStatus=PENDING``), the document details with a ``files``
list, the file content (``GET .../files/{fileId}/content``) and the acknowledgement
(``POST .../documents/{documentId}/export-acknowledgement``). Without the opt-in,
:meth:`BtxTransport.list_new_documents` lists nothing and
:meth:`BtxTransport.acknowledge` calls nothing: documents reach Odoo through Banqup's
documented e-mail delivery, the message listener and the upload wizard.

Retries: urllib3's :class:`~urllib3.util.retry.Retry` on the session's adapter, only on
HTTP 429 (honouring ``Retry-After``) and 5xx, at most ``max_retries`` times with its
exponential backoff, each wait capped by ``max_wait``. Network errors and timeouts raise
:class:`~.exceptions.OperatorUnavailable` at once (the next cron run retries). Every
request has a timeout. The one token refresh on 401 stays here: it is not a retry
policy.
"""

import logging
import time
from dataclasses import dataclass, field
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader
from urllib3.util.retry import Retry

from ..parsers.exceptions import Text, _lt
from .exceptions import (
    AuthenticationError,
    BanqupError,
    ConfigurationError,
    ContentNotDocumented,
    NotWhitelistedError,
    OperatorUnavailable,
    ProtocolError,
    RateLimited,
)
from .transport import (
    DIRECTION_BY_FOLDER,
    DIRECTION_BY_SERVICE,
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

#: the public pages each call cites (kept in the table of readme/CONTEXT.md)
DOCS = {
    "token": (
        "https://docs.btx.banqup.com/docs/api-guides/getting-started/make-api-call"
    ),
    "token_recipe": (
        "https://docs.btx.banqup.com/docs/recipes/authentication/get-access-token-app"
    ),
    "spaces": (
        "https://docs.btx.banqup.com/docs/api-guides/getting-started/make-api-call"
    ),
    "listener": (
        "https://docs.btx.banqup.com/docs/recipes/platform/set-up-message-listener"
    ),
    "messages": (
        "https://docs.btx.banqup.com/docs/foundation/message/message-service-api"
    ),
    "message_types": (
        "https://docs.btx.banqup.com/docs/api-guides/platform/messages/message-types"
    ),
    "files": (
        "https://docs.btx.banqup.com/docs/recipes/e-invoicing/process-purchase-invoices"
    ),
    "files_sales": (
        "https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic"
    ),
}
#: token path of the getting-started guide (default) and of the recipe (a setting)
TOKEN_PATH_GUIDE = "/oauth2/client_credential/gettoken"
TOKEN_PATH_RECIPE = "/oauth2/client_credential/accesstoken"
#: the message listener extension point (set-up-message-listener recipe, step 1)
LISTENER_EXTENSION_POINT = {
    "namespace": "com.unifiedpost.btx",
    "name": "messageListeners",
    "version": "1.0",
}
#: message categories the listener subscribes to (message-types guide)
LISTENER_CATEGORIES = ("document", "file")

#: base URLs of the known environments; the getting-started guide names the UAT hosts
#: only (api.uat.btx.eu.banqup.com, France api.uat.btx.fr.banqup.com); the production
#: host is the same name without "uat." (not confirmed by a public page)
ENVIRONMENTS = {
    "production": "https://api.btx.eu.banqup.com",
    "sandbox": "https://api.uat.btx.eu.banqup.com",
}
_DOCS = "/datastore/documents/transaction/v1/spaces/{spaceId}"


@dataclass
class BtxConfig:
    """Settings of :class:`BtxTransport`. Paths may contain ``{spaceId}`` /
    ``{documentId}``."""

    base_url: str
    client_id: str
    client_secret: str = field(repr=False)
    space_id: str | None = None  #: None: discovered (the only BUSINESS space)
    token_path: str = TOKEN_PATH_GUIDE
    spaces_path: str = "/entitystore/v1/spaces"
    files_path: str = _DOCS + "/files"
    extension_points_path: str = "/core/plugin/api/v1/extensionPoints"
    extensions_path: str = (
        "/core/plugin/api/v1/extensionPoints/{extensionPointId}/extensions"
    )
    #: opt-in: the undocumented listing / details / content / acknowledgement (module
    #: doc)
    undocumented_endpoints: bool = False
    documents_path: str = (
        _DOCS + "/documents"
    )  #: undocumented, used only with the opt-in
    ack_path: str = (
        _DOCS + "/documents/{documentId}/export-acknowledgement"
    )  #: undocumented, opt-in
    folders: tuple[str, ...] = ("SALES", "PURCHASES")
    timeout: float = 30.0  #: seconds, connect and read
    page_size: int = 100
    max_retries: int = 3  #: extra attempts after a 429 / 5xx
    backoff: float = (
        1.0  #: urllib3's backoff factor: waits of 0, 2, 4, ... x this many seconds
    )
    max_wait: float = 60.0  #: upper bound of one wait (Retry-After included)
    default_token_lifetime: int = 300  #: seconds, when the reply has no expires_in
    token_leeway: int = 30  #: renew this many seconds before expiry
    max_file_size: int = 20 * 1024 * 1024  #: refuse larger downloads

    @classmethod
    def for_environment(
        cls, environment, client_id, client_secret, custom_url=None, **settings
    ):
        """Build a config for ``"production"``, ``"sandbox"`` or ``"custom"``
        (``custom_url``, e.g. the emulator)."""
        if environment == "custom":
            if not custom_url:
                raise ConfigurationError(_lt("a custom environment needs a base URL"))
            base_url = custom_url
        elif environment in ENVIRONMENTS:
            base_url = ENVIRONMENTS[environment]
        else:
            raise ConfigurationError(
                Text(
                    _lt("unknown environment %(environment)r"), environment=environment
                )
            )
        return cls(
            base_url=base_url,
            client_id=client_id,
            client_secret=client_secret,
            **settings,
        )


RETRY_STATUSES = frozenset({429, 500, 501, 502, 503, 504, 505, 507, 508, 510, 511})


class BoundedRetry(Retry):
    """urllib3's :class:`Retry` whose waits go through ``sleeper`` and never exceed
    ``max_wait``.

    urllib3 counts the attempts, recognises the statuses, reads ``Retry-After`` (seconds
    or HTTP date) and computes the backoff; this subclass only caps each wait (a server
    asking for an hour must not hold a cron worker) and lets tests observe the waits
    instead of sleeping. Built per transport by :meth:`BtxTransport._make_retry`.
    """

    sleeper = staticmethod(time.sleep)
    max_wait = 60.0

    def sleep(self, response=None):
        wait = None
        if response is not None and self.respect_retry_after_header:
            if response.status in self.RETRY_AFTER_STATUS_CODES:
                wait = self.get_retry_after(response)
        if wait is None:
            wait = self.get_backoff_time()
        if wait > 0:
            _logger.warning(
                "Banqup answered HTTP %s; retrying in %.1f s",
                getattr(response, "status", "?"),
                wait,
            )
            self.sleeper(min(wait, self.max_wait))


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
            raise ConfigurationError(
                _lt("the base URL, client id and client secret are required")
            )
        self.config = config
        self._clock = clock
        self._sleep = sleep
        if session is None:
            session = requests.Session()
            adapter = HTTPAdapter(max_retries=self._make_retry())
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session
        self._token = None
        self._token_expiry = 0.0
        self._space = None

    @property
    def acknowledges(self):
        """Only the undocumented opt-in has an acknowledgement call."""
        return self.config.undocumented_endpoints

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
        return (
            "".join(ch for ch in code if ch.isalnum() or ch in " _.-:*") if code else ""
        )

    def _url(self, path_template, **ids):
        path = path_template.format(
            **{key: quote(str(value), safe="") for key, value in ids.items()}
        )
        return self.config.base_url.rstrip("/") + path

    def _make_retry(self):
        """The retry policy mounted on the session: urllib3's, statuses 429 and 5xx, any
        method (the documented calls are token, listing, file creation and registration;
        a retried file creation leaves at most an empty file record, never a second
        upload), no retry on connection errors (the next run retries), the last reply
        returned rather than raised."""
        retry_class = type(
            "TransportRetry",
            (BoundedRetry,),
            {"sleeper": staticmethod(self._sleep), "max_wait": self.config.max_wait},
        )
        return retry_class(
            total=self.config.max_retries,
            connect=0,
            # a read timeout is raised as such (requests.ReadTimeout), not retried
            read=False,
            status=self.config.max_retries,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=None,
            backoff_factor=self.config.backoff,
            respect_retry_after_header=True,
            raise_on_status=False,
            raise_on_redirect=False,
        )

    def _retry_after(self, response):
        """Seconds from the Retry-After header of a final 429 (urllib3's parser), or
        None."""
        value = (response.headers.get("Retry-After") or "").strip()
        if not value:
            return None
        try:
            return int(Retry().parse_retry_after(value))
        except InvalidHeader:  # a value urllib3 cannot read
            return None

    def _request(self, method, path_template, ids=None, auth=True, **kwargs):
        """Send a request with timeout, bounded retries and one token refresh on 401.

        :returns: the successful :class:`requests.Response`.
        """
        url = self._url(path_template, **(ids or {}))
        label = f"{method} {path_template}"
        refreshed = False
        while True:
            headers = {"Accept": "application/json"}
            if auth:
                headers["Authorization"] = f"Bearer {self._get_token()}"
            try:
                response = self.session.request(
                    method, url, headers=headers, timeout=self.config.timeout, **kwargs
                )
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
                    Text(
                        _lt("%(request)s: network error (%(error)s)"),
                        request=label,
                        error=type(exc).__name__,
                    )
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
            if status in RETRY_STATUSES:
                # urllib3's Retry on the session already waited and retried max_retries
                # times
                if status == 429:
                    raise RateLimited(
                        Text(_lt("%(request)s: HTTP 429"), request=label),
                        retry_after=self._retry_after(response),
                    )
                raise OperatorUnavailable(
                    Text(
                        _lt("%(request)s: HTTP %(status)s %(code)s"),
                        request=label,
                        status=status,
                        code=code or "",
                    )
                )
            if code:
                detail = Text(
                    _lt("%(request)s: HTTP %(status)s (%(code)s)"),
                    request=label,
                    status=status,
                    code=code,
                )
            else:
                detail = Text(
                    _lt("%(request)s: HTTP %(status)s"), request=label, status=status
                )
            if status == 401:
                if auth:
                    detail = Text(
                        _lt("%(detail)s, the access token was refused twice"),
                        detail=detail,
                    )
                raise AuthenticationError(detail)
            if status == 403:
                raise NotWhitelistedError(Text(_lt("(%(detail)s)"), detail=detail))
            raise ProtocolError(detail)

    def _json(self, response, label):
        try:
            body = response.json()
        except ValueError:
            raise ProtocolError(
                Text(_lt("%(request)s: the reply is not JSON"), request=label)
            ) from None
        if not isinstance(body, dict):
            raise ProtocolError(
                Text(_lt("%(request)s: the reply is not a JSON object"), request=label)
            )
        return body

    # -- token --------------------------------------------------------------

    def _get_token(self):
        """Return a valid access token, requesting one when none is cached or it
        expired."""
        if self._token and self._clock() < self._token_expiry:
            return self._token
        self._token = None
        cfg = self.config
        try:
            # documented:
            # https://docs.btx.banqup.com/docs/api-guides/getting-started/make-api-call
            # (gettoken, the default) and, for the accesstoken path (a setting),
            # https://docs.btx.banqup.com/docs/recipes/authentication/get-access-token-app
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
                Text(
                    _lt("%(request)s: HTTP %(status)s"),
                    request=f"POST {cfg.token_path}",
                    status=403,
                )
            ) from None
        body = self._json(response, f"POST {cfg.token_path}")
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise ProtocolError(
                Text(
                    _lt("%(request)s: no access_token in the reply"),
                    request=f"POST {cfg.token_path}",
                )
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
        # documented:
        # https://docs.btx.banqup.com/docs/api-guides/getting-started/make-api-call
        body = self._json(self._request("GET", self.config.spaces_path), label)
        spaces = body.get("spaces")
        if not isinstance(spaces, list):
            raise ProtocolError(
                Text(_lt("%(request)s: no 'spaces' list in the reply"), request=label)
            )
        return [
            Space(id=str(s["id"]), name=s.get("name"), type=s.get("type"))
            for s in spaces
            if isinstance(s, dict) and s.get("id")
        ]

    def discover_space(self):
        """Return the business space: ``config.space_id`` if set (checked), else the
        only one.

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
                    _lt(
                        "the configured space id is not among the business spaces "
                        "visible to these credentials"
                    )
                )
        elif len(spaces) > 1:
            names = ", ".join(s.name or s.id for s in spaces)
            raise ConfigurationError(
                Text(
                    _lt(
                        "several business spaces are visible (%(names)s); choose one "
                        "in the settings"
                    ),
                    names=names,
                )
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

    # -- registration: message listeners ---------------------------------------

    def _listener_extension_point_id(self):
        """Id of Banqup's ``messageListeners`` extension point (recipe step 1)."""
        path = self.config.extension_points_path
        label = f"GET {path}"
        # documented:
        # https://docs.btx.banqup.com/docs/recipes/platform/set-up-message-listener
        body = self._json(
            self._request("GET", path, params=LISTENER_EXTENSION_POINT), label
        )
        points = body.get("extensionPoints")
        if not isinstance(points, list):
            raise ProtocolError(
                Text(
                    _lt("%(request)s: no 'extensionPoints' list in the reply"),
                    request=label,
                )
            )
        for point in points:
            if (
                isinstance(point, dict)
                and point.get("extensionPointId")
                and point.get("name") == LISTENER_EXTENSION_POINT["name"]
            ):
                return str(point["extensionPointId"])
        raise ProtocolError(
            Text(_lt("%(request)s: no messageListeners extension point"), request=label)
        )

    def _prepare_listener_extension(self, service, base_path):
        """Body registering ``base_path`` as the message listener of ``service`` (recipe
        step 2).

        The recipe's prerequisites are the base path (Banqup POSTs to
        ``<base path>/messages``) and the message categories subscribed to.
        """
        return {
            "name": f"odoo-{service}",
            "basePath": base_path,
            "filter": {"categories": list(LISTENER_CATEGORIES)},
        }

    def register_listener(self, service, base_path, extension_point_id=None):
        """Register ``base_path`` as a message listener; returns the extension id (or
        '')."""
        point_id = extension_point_id or self._listener_extension_point_id()
        path = self.config.extensions_path
        # documented:
        # https://docs.btx.banqup.com/docs/recipes/platform/set-up-message-listener
        response = self._request(
            "POST",
            path,
            {"extensionPointId": point_id},
            json=self._prepare_listener_extension(service, base_path),
        )
        body = self._json(response, f"POST {path}") if response.content else {}
        return str(body.get("extensionId") or body.get("id") or "")

    def register(self, services, listener_urls=None):
        """Check the credentials and the space, then register the message listener of
        each e-service.

        :param dict listener_urls: base path of the Odoo listener of each service; a
            service without one is registered as a credentials and space check only.
        """
        services = list(services)
        listener_urls = listener_urls or {}
        try:
            self.discover_space()
            point_id = self._listener_extension_point_id() if listener_urls else None
        except BanqupError as exc:
            _logger.warning("Banqup registration failed: %s", exc)
            now = utcnow()
            return {
                s: ServiceResult(s, False, str(exc), now, error=exc) for s in services
            }
        results = {}
        for service in services:
            try:
                if service not in DIRECTION_BY_SERVICE:
                    raise ConfigurationError(
                        Text(_lt("unknown e-service %(service)r"), service=service)
                    )
                if listener_urls.get(service):
                    self.register_listener(service, listener_urls[service], point_id)
                results[service] = ServiceResult(
                    service, True, REGISTRATION_OK_MESSAGE, utcnow()
                )
            except BanqupError as exc:
                _logger.warning("Banqup registration of %s failed: %s", service, exc)
                results[service] = ServiceResult(
                    service, False, str(exc), utcnow(), error=exc
                )
        return results

    # -- files (documented) ---------------------------------------------------

    def get_file(self, file_id):
        """Details of a file:
        ``{"id", "filename", "contentType", "status", "fileSize", "metadata"...}``."""
        path = self.config.files_path + "/{fileId}"
        # documented:
        # https://docs.btx.banqup.com/docs/recipes/e-invoicing/process-purchase-invoices
        response = self._request(
            "GET", path, {"spaceId": self.space_id, "fileId": file_id}
        )
        return self._json(response, f"GET {path}")

    def payload_from_message(self, message, direction):
        """Turn a stored listener message into a :class:`DocumentPayload`, or None when
        it names no file.

        The file details come from the documented file endpoint; its content needs the
        undocumented download (opt-in), otherwise :class:`ContentNotDocumented` is
        raised. A PDF without XML gives a payload with empty ``xml`` and the PDF in
        ``files``.
        """
        data = message.get("data") if isinstance(message.get("data"), dict) else {}
        file_id = data.get("fileId") or (
            message.get("resourceId") if message.get("category") == "file" else None
        )
        if not file_id:
            return None
        details = self.get_file(str(file_id))
        if not self.config.undocumented_endpoints:
            raise ContentNotDocumented(
                Text(
                    _lt("file %(filename)s"),
                    filename=str(details.get("filename") or file_id)[:120],
                )
            )
        metadata = (
            details.get("metadata") if isinstance(details.get("metadata"), dict) else {}
        )
        direction = DIRECTION_BY_FOLDER.get(
            str(metadata.get("folder", "")).upper(), direction
        )
        filename = str(details.get("filename") or file_id)
        content_type = str(details.get("contentType") or "")
        content = self._download_file(str(file_id))
        banqup_id = str(data.get("documentId") or message.get("resourceId") or file_id)
        if "xml" in content_type.lower() or filename.lower().endswith(".xml"):
            return DocumentPayload(
                banqup_id, direction, filename, content, metadata=metadata
            )
        return DocumentPayload(
            banqup_id,
            direction,
            filename,
            b"",
            (DocumentFile(filename, content_type, content),),
            metadata,
        )

    # -- documents: undocumented, opt-in only ---------------------------------

    def list_new_documents(self, cursor=None):
        """One page of documents not acknowledged yet; nothing without the opt-in
        (module doc)."""
        cfg = self.config
        if not cfg.undocumented_endpoints:
            return [], None
        params = [("exportStatus", "PENDING"), ("limit", str(cfg.page_size))]
        params += [("folder", folder) for folder in cfg.folders]
        if cursor:
            params.append(("cursor", cursor))
        label = f"GET {cfg.documents_path}"
        # NOT documented (opt-in "Use undocumented document endpoints (assumption)"),
        # see readme/CONTEXT.md "Not found in the public documentation"
        body = self._json(
            self._request(
                "GET", cfg.documents_path, {"spaceId": self.space_id}, params=params
            ),
            label,
        )
        items = body.get("documents")
        if not isinstance(items, list):
            raise ProtocolError(
                Text(
                    _lt("%(request)s: no 'documents' list in the reply"), request=label
                )
            )
        documents = []
        for item in items:
            if not isinstance(item, dict) or not item.get("id"):
                raise ProtocolError(
                    Text(_lt("%(request)s: a document without id"), request=label)
                )
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
                    metadata={
                        k: v
                        for k, v in item.items()
                        if k not in ("id", "folder", "filename")
                    },
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
        if not self.config.undocumented_endpoints:
            raise ContentNotDocumented(Text(_lt("file %(filename)s"), filename=file_id))
        # NOT documented (opt-in), see readme/CONTEXT.md "Not found in the public
        # documentation"
        response = self._request(
            "GET", path, {"spaceId": self.space_id, "fileId": file_id}, stream=True
        )
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
        if not cfg.undocumented_endpoints:
            raise ContentNotDocumented(
                Text(_lt("document %(filename)s"), filename=document.banqup_id)
            )
        # NOT documented (opt-in), see readme/CONTEXT.md "Not found in the public
        # documentation"
        body = self._json(self._request("GET", path, ids), f"GET {path}")
        files = body.get("files")
        if not isinstance(files, list) or not files:
            raise ProtocolError(
                Text(
                    _lt("%(request)s: the document has no files"), request=f"GET {path}"
                )
            )
        ubl = None
        others = []
        for entry in files:
            if not isinstance(entry, dict) or not entry.get("id"):
                raise ProtocolError(
                    Text(_lt("%(request)s: a file without id"), request=f"GET {path}")
                )
            is_xml = "xml" in str(entry.get("contentType", "")).lower()
            if ubl is None and (
                str(entry.get("role", "")).upper() == "UBL"
                or (not entry.get("role") and is_xml)
            ):
                ubl = entry
            else:
                others.append(entry)
        if ubl is None:
            raise ProtocolError(
                Text(
                    _lt("%(request)s: the document has no UBL file"),
                    request=f"GET {path}",
                )
            )
        direction = DIRECTION_BY_FOLDER.get(
            str(body.get("folder", "")).upper(), document.direction
        )
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
            metadata=body.get("metadata")
            if isinstance(body.get("metadata"), dict)
            else {},
        )
        _logger.info(
            "Banqup document %s downloaded (%d extra file(s))",
            document.banqup_id,
            len(payload.files),
        )
        return payload

    def acknowledge(self, banqup_id):
        """Mark the document exported: only with the opt-in (assumed endpoint, see
        module doc)."""
        if not self.config.undocumented_endpoints:
            return
        # NOT documented (opt-in), see readme/CONTEXT.md "Not found in the public
        # documentation"
        self._request(
            "POST",
            self.config.ack_path,
            {"spaceId": self.space_id, "documentId": banqup_id},
        )
        _logger.info("Banqup document %s acknowledged", banqup_id)

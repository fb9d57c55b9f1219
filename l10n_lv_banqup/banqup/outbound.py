# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Send a sales invoice to Banqup: Banqup's documented upload flow (plain Python, no
Odoo).

The flow of the public recipe "Send sales invoices"
(https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic):

1. ``POST /datastore/documents/transaction/v1/spaces/{spaceId}/files`` with the file's
   ``filename``, ``description``, ``retentionTime``, ``fileSize``, ``fileType``,
   ``contentType`` and ``metadata: {folder: "SALES", documentCategory: "INVOICE"}``; the
   reply has the file ``id``, ``status: "AWAITING_UPLOAD"`` and a signed Google Cloud
   Storage ``uploadUrl`` (``X-Goog-SignedHeaders=content-type;host``: the upload is a
   ``PUT`` of the raw bytes with that ``Content-Type`` and no bearer token);
2. ``PUT`` the bytes to ``uploadUrl``;
3. ``GET .../files/{fileId}`` gives the file details with its ``status``; Banqup then
   processes the file and sends the invoice to the customer.

Only ``AWAITING_UPLOAD`` is a documented status value; :data:`STATUS_MAP` maps the
others we know of to our states and leaves any other value "uploaded" with the raw
status shown. This module reuses :class:`~.btx.BtxTransport` for the token, the space,
the retries and the error handling (one session, one token).
"""

import datetime
import logging
from dataclasses import dataclass

import requests

from ..parsers.exceptions import Text, _lt
from .exceptions import OperatorUnavailable, ProtocolError

_logger = logging.getLogger(__name__)

DOC_SALES_INVOICES = (
    "https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic"
)

#: the documented status of a file record whose content has not arrived yet
AWAITING_UPLOAD = "AWAITING_UPLOAD"
#: remote file status -> outbox state; an unknown status leaves the outbox "uploaded"
STATUS_MAP = {
    AWAITING_UPLOAD: "created",
    "UPLOADED": "uploaded",
    "PROCESSING": "uploaded",
    "PROCESSED": "processed",
    "SENT": "delivered",
    "DELIVERED": "delivered",
    "FAILED": "error",
    "REJECTED": "error",
    "REFUSED": "error",
    "ERROR": "error",
}


@dataclass(frozen=True)
class RemoteFile:
    """A Banqup file record as the details call returns it."""

    id: str
    status: str
    upload_url: str | None = None
    message: str | None = None  #: an error text of the reply, when there is one

    @property
    def state(self):
        """Our outbox state for this remote status (``None``: keep the current one)."""
        return STATUS_MAP.get(self.status.upper())


class OutboundClient:
    """Calls of the upload flow, on top of a :class:`~.btx.BtxTransport`.

    :param transport: the company's :class:`~.btx.BtxTransport` (token, space, retries).
    :param retention_years: ``retentionTime`` = now + this many years (Latvian law keeps
        accounting documents 5 to 10 years; 10 by default).
    """

    def __init__(self, transport, retention_years=10):
        self.transport = transport
        self.retention_years = retention_years

    def _file_from(self, body, label):
        file_id = body.get("id")
        status = body.get("status")
        if not isinstance(file_id, str) or not file_id or not isinstance(status, str):
            raise ProtocolError(
                Text(
                    _lt("%(request)s: no file id or status in the reply"), request=label
                )
            )
        message = body.get("message") or body.get("error")
        return RemoteFile(
            id=file_id,
            status=status,
            upload_url=body.get("uploadUrl")
            if isinstance(body.get("uploadUrl"), str)
            else None,
            message=self.transport._redact(message)[:500]
            if isinstance(message, str)
            else None,
        )

    def _prepare_file_payload(self, filename, size, description, content_type):
        """The body of the create-file call (extension point)."""
        retention = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        retention = retention.replace(
            year=retention.year + self.retention_years, day=min(retention.day, 28)
        )
        return {
            "filename": filename,
            "description": description,
            "retentionTime": retention.isoformat().replace("+00:00", "Z"),
            "fileSize": size,
            "fileType": content_type,
            "contentType": content_type,
            "metadata": {"folder": "SALES", "documentCategory": "INVOICE"},
        }

    def create_file(self, filename, size, description, content_type="application/xml"):
        """Step 1: create the file record. Returns a :class:`RemoteFile` with its upload
        URL."""
        path = self.transport.config.files_path
        # documented:
        # https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic
        # (POST .../spaces/{spaceId}/files, folder SALES, category INVOICE)
        response = self.transport._request(
            "POST",
            path,
            {"spaceId": self.transport.space_id},
            json=self._prepare_file_payload(filename, size, description, content_type),
        )
        remote = self._file_from(
            self.transport._json(response, f"POST {path}"), f"POST {path}"
        )
        if not remote.upload_url:
            raise ProtocolError(
                Text(
                    _lt("%(request)s: no uploadUrl in the reply"),
                    request=f"POST {path}",
                )
            )
        _logger.info("Banqup file %s created for %s", remote.id, filename)
        return remote

    def upload_content(self, upload_url, content, content_type="application/xml"):
        """Step 2: ``PUT`` the bytes to the signed upload URL (no bearer token: the URL
        is signed).

        Not retried here: the outbox decides, after asking the file's status, whether a
        second attempt is needed, so that a file is never uploaded twice.
        """
        label = "PUT uploadUrl"
        try:
            # documented:
            # https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic
            # (the signed Google Cloud Storage uploadUrl of the create-file reply,
            # signed headers content-type;host)
            response = self.transport.session.put(
                upload_url,
                data=content,
                headers={"Content-Type": content_type},
                timeout=self.transport.config.timeout,
            )
        except requests.Timeout:
            raise OperatorUnavailable(
                Text(
                    _lt("%(request)s: no answer within %(timeout)s seconds"),
                    request=label,
                    timeout=self.transport.config.timeout,
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
        response.close()
        if status >= 500 or status == 429:
            raise OperatorUnavailable(
                Text(
                    _lt("%(request)s: HTTP %(status)s %(code)s"),
                    request=label,
                    status=status,
                    code="",
                )
            )
        if status >= 400:
            raise ProtocolError(
                Text(_lt("%(request)s: HTTP %(status)s"), request=label, status=status)
            )
        _logger.debug("Banqup upload of %d bytes done", len(content))

    def get_file(self, file_id):
        """Step 3: the file details with its ``status``."""
        path = self.transport.config.files_path + "/{fileId}"
        # documented:
        # https://docs.btx.banqup.com/docs/recipes/e-invoicing/sales-invoices-automatic
        # (GET .../spaces/{spaceId}/files/{fileId}, "How to view the file details")
        response = self.transport._request(
            "GET", path, {"spaceId": self.transport.space_id, "fileId": file_id}
        )
        return self._file_from(
            self.transport._json(response, f"GET {path}"), f"GET {path}"
        )

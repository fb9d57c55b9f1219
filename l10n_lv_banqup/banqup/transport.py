# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Transport interface between the Odoo inbox and a source of Banqup documents.

A transport lists the documents not yet acknowledged, downloads each one as a
:class:`DocumentPayload` (the UBL bytes plus its files), and acknowledges a document
once its invoice is safely committed. Two implementations exist:
:class:`~.btx.BtxTransport` (Banqup REST API) and :class:`~.upload.UploadTransport`
(files uploaded by the accountant). Tests may provide their own.

Expected use by the inbox (exactly once, nothing lost)::

    for remote in transport.iter_new_documents():
        payload = transport.download(remote)
        store(payload)            # durable, unique per banqup_id, committed
    ...                            # import each stored document in a savepoint
    transport.acknowledge(banqup_id)   # only after the invoice is committed

Acknowledged documents are no longer listed; a document that is listed again before
its acknowledgement reaches the operator is deduplicated by ``banqup_id``.
"""

import abc
import datetime
from dataclasses import dataclass, field

from ..parsers.exceptions import _lt

DIRECTION_SALES = "sales"
DIRECTION_PURCHASE = "purchase"
DIRECTIONS = (DIRECTION_SALES, DIRECTION_PURCHASE)

#: Banqup folder of each direction
FOLDER_BY_DIRECTION = {DIRECTION_SALES: "SALES", DIRECTION_PURCHASE: "PURCHASES"}
DIRECTION_BY_FOLDER = {
    folder: direction for direction, folder in FOLDER_BY_DIRECTION.items()
}

#: e-services of the *Register service* step
SERVICE_RECEIVE_SUPPLIER_INVOICES = "receive_supplier_invoices"
SERVICE_IMPORT_SALES_INVOICES = "import_sales_invoices"
SERVICES = (SERVICE_RECEIVE_SUPPLIER_INVOICES, SERVICE_IMPORT_SALES_INVOICES)
#: direction delivered by each e-service
DIRECTION_BY_SERVICE = {
    SERVICE_RECEIVE_SUPPLIER_INVOICES: DIRECTION_PURCHASE,
    SERVICE_IMPORT_SALES_INVOICES: DIRECTION_SALES,
}

#: system message of a successful registration (as in the Standard Books flow)
REGISTRATION_OK_MESSAGE = _lt("Registration was successful!")


@dataclass(frozen=True)
class Space:
    """A Banqup space (tenant); documents are scoped by its id."""

    id: str
    name: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class RemoteDocument:
    """One entry of a listing: enough to download the document."""

    banqup_id: str  #: stable id of the document (Banqup documentId, or a content hash)
    direction: str  #: "sales" or "purchase"
    filename: str | None = None
    metadata: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class DocumentFile:
    """A file belonging to a document (PDF copy, attachment)."""

    filename: str
    mime: str | None
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class DocumentPayload:
    """A downloaded document: the raw UBL and its files, ready to be stored as is."""

    banqup_id: str
    direction: str  #: "sales" or "purchase"
    filename: str  #: file name of the UBL XML
    xml: bytes = field(repr=False)
    files: tuple[DocumentFile, ...] = ()
    metadata: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ServiceResult:
    """Outcome of registering one e-service."""

    service: str
    active: bool
    message: str  #: :data:`REGISTRATION_OK_MESSAGE` or the error in words (no secrets)
    request_date: datetime.datetime  #: UTC, naive (Odoo's convention)
    error: Exception | None = field(default=None, compare=False)


def utcnow():
    """Naive UTC now, as Odoo stores datetimes."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class Transport(abc.ABC):
    """Source of Banqup documents. Subclasses implement the abstract methods."""

    #: safety bound of :meth:`iter_new_documents`
    max_pages = 1000
    #: False when :meth:`acknowledge` tells the source nothing (documents are then not
    #: marked)
    acknowledges = True

    @abc.abstractmethod
    def discover_space(self):
        """Return the :class:`Space` documents come from.

        :raises ~.exceptions.NotWhitelistedError: no business space is visible.
        """

    @abc.abstractmethod
    def register(self, services, listener_urls=None):
        """Register e-services (see :data:`SERVICES`) with the operator.

        :param dict listener_urls: optional base path of the push listener of each
            service.

        Never raises for an operator error: every requested service gets a
        :class:`ServiceResult` with ``active=False`` and the error in words.

        :rtype: dict[str, ServiceResult]
        """

    @abc.abstractmethod
    def list_new_documents(self, cursor=None):
        """Return one page of documents not acknowledged yet.

        :param cursor: ``None`` for the first page, then the value returned by the
            previous call. The cursor is a pagination token for one fetch run; it
            need not be stored, since acknowledged documents leave the listing.
        :returns: ``(documents, next_cursor)``; ``next_cursor`` is ``None`` after
            the last page.
        :rtype: tuple[list[RemoteDocument], str | None]
        """

    @abc.abstractmethod
    def download(self, document):
        """Download a listed document with its files.

        :param RemoteDocument document: an entry of :meth:`list_new_documents`.
        :rtype: DocumentPayload
        """

    @abc.abstractmethod
    def acknowledge(self, banqup_id):
        """Tell the source the document is imported; it is no longer listed after
        this."""

    def iter_new_documents(self, cursor=None):
        """Yield every listed document, walking the pages (bounded by
        :attr:`max_pages`)."""
        for _page in range(self.max_pages):
            documents, cursor = self.list_new_documents(cursor)
            yield from documents
            if cursor is None:
                return


def all_active(services):
    """Registration results of a source with nothing to register: every service
    active."""
    now = utcnow()
    return {s: ServiceResult(s, True, REGISTRATION_OK_MESSAGE, now) for s in services}


class PushTransport(Transport):
    """The source of companies whose documents are pushed (e-mail delivery, listener,
    upload): nothing to list, download or acknowledge; used to import what is already
    stored."""

    acknowledges = False

    def discover_space(self):
        return Space(id="push", name="Pushed documents", type="PUSH")

    def register(self, services, listener_urls=None):
        """Nothing to register: every service is reported active."""
        return all_active(services)

    def list_new_documents(self, cursor=None):
        return [], None

    def download(self, document):
        raise NotImplementedError("nothing is listed")

    def acknowledge(self, banqup_id):
        """Nothing to tell: pushed documents are not acknowledged."""

    def payload_from_message(self, message, direction):
        """Without API credentials a listener message cannot be resolved."""
        from .exceptions import ContentNotDocumented

        raise ContentNotDocumented(
            str(message.get("resourceId") or message.get("id") or "?")
        )

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""EU VIES VAT number check over SOAP (zeep >= 4.3.3), with a local WSDL.

The WSDL (``data/vies/checkVatService.wsdl``) is our own reduced copy of the public
service description, so nothing is downloaded to build the client. zeep runs with
``Settings(forbid_dtd=True, forbid_external=True)``, and every call has a timeout.

VIES is often down for one member state or another: any failure to get an answer
raises :class:`ViesUnavailable`, which the Odoo layer logs and ignores (a VAT check
never blocks an import). Only an answer saying the input is malformed raises
:class:`ViesInvalidInput`.
"""

import datetime
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import requests
from stdnum import exceptions as stdnum_exceptions
from stdnum.eu import vat as eu_vat
from zeep import Client, Settings
from zeep.exceptions import Error as ZeepError
from zeep.exceptions import Fault
from zeep.transports import Transport

from ..parsers.exceptions import Text, TranslatableError, _lt

_logger = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://ec.europa.eu/taxation_customs/vies/services/checkVatService"
WSDL_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "vies" / "checkVatService.wsdl"
)
BINDING = "{urn:ec.europa.eu:taxud:vies:services:checkVat}checkVatBinding"
#: VIES fault strings meaning "the number itself is not acceptable"
INVALID_INPUT_FAULTS = {"INVALID_INPUT", "INVALID_REQUESTER_INFO"}

_VAT_RE = re.compile(r"^([A-Z]{2})([0-9A-Z+*]{2,14})$")


class ViesError(TranslatableError):
    """Base class; ``template`` / ``params`` / :meth:`translate` as in the parser
    exceptions."""

    template = _lt("VIES check failed: %(detail)s")


class ViesUnavailable(ViesError):
    """No usable answer: network error, timeout, HTTP error, VIES or member state
    down."""

    template = _lt("The EU VIES service is unavailable: %(detail)s")


class ViesInvalidInput(ViesError):
    """VIES says the country code or number is malformed (or we refuse it before
    asking)."""

    template = _lt("VIES cannot check this VAT number: %(detail)s")


@dataclass(frozen=True)
class ViesResult:
    """Answer of ``checkVat``."""

    country_code: str
    vat_number: str
    request_date: datetime.date | None
    valid: bool
    name: str | None
    address: str | None

    @property
    def vat(self):
        """Country code + number, e.g. ``LV40003000000``."""
        return self.country_code + self.vat_number


def split_vat(vat, country_code=None):
    """Split ``"LV 4000-3000000"`` into ``("LV", "40003000000")``; Greece is ``EL``.

    The number is compacted by python-stdnum (``stdnum.eu.vat.compact``, the library
    ``base_vat`` uses), which also knows each member state's prefix.

    :raises ViesInvalidInput: no country prefix and no ``country_code``, or bad
        characters.
    """
    compact = re.sub(r"[\s.\-/]", "", vat or "").upper()
    if not compact[:2].isalpha():
        if not country_code:
            raise ViesInvalidInput(_lt("the VAT number has no country prefix"))
        compact = country_code.upper() + compact
    try:
        compact = eu_vat.compact(compact)
    except stdnum_exceptions.ValidationError:
        raise ViesInvalidInput(_lt("the VAT number has an invalid format")) from None
    country, number = compact[:2], compact[2:]
    if country == "GR":
        country = "EL"
    if not _VAT_RE.match(country + number):
        raise ViesInvalidInput(_lt("the VAT number has an invalid format"))
    return country, number


def _clean(value):
    """VIES answers ``---`` for data it does not disclose."""
    if value is None:
        return None
    value = str(value).strip()
    return None if value in ("", "---") else value


class ViesClient:
    """Checks VAT numbers against VIES.

    Kept beside ``base_vat`` (which calls ``stdnum.eu.vat.check_vies``) because that one
    downloads the WSDL from ec.europa.eu at first use, cannot be pointed at another
    endpoint (a test emulator) and reports "unavailable" as "not valid"; this client
    loads a local WSDL with zeep's ``forbid_dtd``/``forbid_external`` and tells
    :class:`ViesUnavailable` from an invalid number. The number's format is still
    checked by python-stdnum (:func:`split_vat`).

    :param str endpoint: SOAP endpoint URL (a local fake in tests).
    :param float timeout: seconds for the HTTP call.
    :param session: optional :class:`requests.Session`.
    """

    def __init__(
        self, endpoint=DEFAULT_ENDPOINT, timeout=10.0, session=None, wsdl=WSDL_PATH
    ):
        self.endpoint = endpoint
        self.timeout = timeout
        self._session = session or requests.Session()
        self._wsdl = str(wsdl)
        self._service = None

    def close(self):
        """Close the HTTP session."""
        self._session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _get_service(self):
        if self._service is None:
            transport = Transport(
                session=self._session,
                timeout=self.timeout,
                operation_timeout=self.timeout,
            )
            settings = Settings(
                forbid_dtd=True, forbid_entities=True, forbid_external=True, strict=True
            )
            client = Client(self._wsdl, settings=settings, transport=transport)
            self._service = client.create_service(BINDING, self.endpoint)
        return self._service

    def check(self, vat, country_code=None):
        """Check one VAT number.

        :param str vat: with or without country prefix (then ``country_code`` is used).
        :rtype: ViesResult
        :raises ViesUnavailable: no usable answer (log it and go on).
        :raises ViesInvalidInput: malformed number.
        """
        country, number = split_vat(vat, country_code)
        service = self._get_service()
        try:
            answer = service.checkVat(countryCode=country, vatNumber=number)
        except Fault as exc:
            code = (exc.message or "").strip().upper()[:60]
            if code in INVALID_INPUT_FAULTS:
                raise ViesInvalidInput(code) from None
            raise ViesUnavailable(code or _lt("SOAP fault")) from None
        except requests.Timeout:
            raise ViesUnavailable(
                Text(_lt("no answer within %(timeout)s seconds"), timeout=self.timeout)
            ) from None
        except requests.RequestException as exc:
            raise ViesUnavailable(
                Text(_lt("network error (%(error)s)"), error=type(exc).__name__)
            ) from None
        except ZeepError as exc:
            raise ViesUnavailable(
                Text(_lt("unexpected reply (%(error)s)"), error=type(exc).__name__)
            ) from None
        if answer is None or answer.valid is None:
            raise ViesUnavailable(_lt("the reply has no validity flag"))
        request_date = answer.requestDate
        if isinstance(request_date, datetime.datetime):
            request_date = request_date.date()
        result = ViesResult(
            country_code=_clean(answer.countryCode) or country,
            vat_number=_clean(answer.vatNumber) or number,
            request_date=request_date,
            valid=bool(answer.valid),
            name=_clean(answer.name),
            address=_clean(answer.address),
        )
        _logger.info(
            "VIES check of %s: %s", result.vat, "valid" if result.valid else "invalid"
        )
        return result

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Errors of the Banqup client.

Like the parser exceptions (:class:`~..parsers.exceptions.TranslatableError`), each
error has a translatable :attr:`~BanqupError.template` with named placeholders, its
:attr:`~BanqupError.params`, and a detail that may be a
:class:`~..parsers.exceptions.Text`; the Odoo layer shows it in the user's language::

    except BanqupError as exc:
        service.system_message = exc.translate(self.env._)

Messages are built by this package only from safe values (HTTP status, a short error
code, the path template); they never contain the client secret or a token. The client
additionally redacts its secrets from any text it copies from a server reply.
"""

from ..parsers.exceptions import UNNAMED_FILE, Text, TranslatableError, _lt


class BanqupError(TranslatableError):
    """Base class of every Banqup client error."""

    template = _lt("Banqup error: %(detail)s")
    #: True when trying again later may succeed (network, 5xx, rate limit)
    retryable = False


class AuthenticationError(BanqupError):
    """The token endpoint refused the client id / secret, or tokens keep being
    refused."""

    template = _lt(
        "Banqup refused the API credentials (client id or secret): %(detail)s"
    )


class NotWhitelistedError(BanqupError):
    """The credentials work but no business space is visible (or access is
    forbidden)."""

    template = _lt(
        "Banqup shows no business space for these credentials: the company's legal "
        "representative must whitelist this application in Banqup (Settings > "
        "External applications). %(detail)s"
    )


class ConfigurationError(BanqupError):
    """Settings do not identify one space (several business spaces, unknown space
    id)."""

    template = _lt("Banqup settings problem: %(detail)s")


class OperatorUnavailable(BanqupError):
    """Network failure, timeout or a 5xx reply after the bounded retries."""

    template = _lt("Banqup is not reachable right now: %(detail)s")
    retryable = True


class RateLimited(BanqupError):
    """HTTP 429 persisted after the bounded retries."""

    template = _lt(
        "Banqup asks to slow down (rate limit); try again in %(retry_after)s seconds."
    )
    retryable = True

    def __init__(self, detail="", retry_after=None):
        self.retry_after = retry_after
        super().__init__(
            detail,
            retry_after=retry_after if retry_after is not None else Text(_lt("a few")),
        )


class ProtocolError(BanqupError):
    """The reply is not what the API is documented (or assumed) to return."""

    template = _lt("Unexpected reply from Banqup: %(detail)s")


class ContentNotDocumented(BanqupError):
    """Banqup documents no call that returns a file's content; the opt-in is off."""

    template = _lt(
        "Banqup announced %(detail)s, but its public documentation has no call that "
        "returns the content. The document arrives through the accounting e-mail "
        "delivery (or upload it); an administrator may instead tick 'Use undocumented "
        "document endpoints (assumption)'."
    )


class UploadError(BanqupError):
    """An uploaded file or archive is refused (unsafe, too large, unreadable)."""

    template = _lt("%(filename)s cannot be imported: %(detail)s")

    def __init__(self, detail="", filename=None):
        super().__init__(detail, filename=filename or Text(UNNAMED_FILE))

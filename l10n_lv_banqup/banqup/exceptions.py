"""Errors of the Banqup client.

Like the parser exceptions, each error has a translatable :attr:`~BanqupError.template`
with named placeholders and its :attr:`~BanqupError.params`::

    except BanqupError as exc:
        service.system_message = self.env._(exc.template, **exc.params)

Messages are built by this package only from safe values (HTTP status, a short error
code, the path template); they never contain the client secret or a token. The client
additionally redacts its secrets from any text it copies from a server reply.
"""


class BanqupError(Exception):
    """Base class of every Banqup client error."""

    template = "Banqup error: %(detail)s"
    #: True when trying again later may succeed (network, 5xx, rate limit)
    retryable = False

    def __init__(self, detail="", **params):
        self.detail = str(detail)
        self.params = {"detail": self.detail, **params}
        super().__init__(str(self))

    def __str__(self):
        return self.template % self.params


class AuthenticationError(BanqupError):
    """The token endpoint refused the client id / secret, or tokens keep being refused."""

    template = "Banqup refused the API credentials (client id or secret): %(detail)s"


class NotWhitelistedError(BanqupError):
    """The credentials work but no business space is visible (or access is forbidden)."""

    template = (
        "Banqup shows no business space for these credentials: the company's legal representative "
        "must whitelist this application in Banqup (Settings > External applications). %(detail)s"
    )


class ConfigurationError(BanqupError):
    """Settings do not identify one space (several business spaces, unknown space id)."""

    template = "Banqup settings problem: %(detail)s"


class OperatorUnavailable(BanqupError):
    """Network failure, timeout or a 5xx reply after the bounded retries."""

    template = "Banqup is not reachable right now: %(detail)s"
    retryable = True


class RateLimited(BanqupError):
    """HTTP 429 persisted after the bounded retries."""

    template = "Banqup asks to slow down (rate limit); try again in %(retry_after)s seconds."
    retryable = True

    def __init__(self, detail="", retry_after=None):
        self.retry_after = retry_after
        super().__init__(detail, retry_after=retry_after if retry_after is not None else "a few")


class ProtocolError(BanqupError):
    """The reply is not what the API is documented (or assumed) to return."""

    template = "Unexpected reply from Banqup: %(detail)s"


class UploadError(BanqupError):
    """An uploaded file or archive is refused (unsafe, too large, unreadable)."""

    template = "%(filename)s cannot be imported: %(detail)s"

    def __init__(self, detail="", filename=None):
        super().__init__(detail, filename=filename or "(unnamed file)")

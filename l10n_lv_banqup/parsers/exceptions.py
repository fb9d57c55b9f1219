"""Exceptions raised by the parsers.

Every exception carries a message *template* with named ``%(placeholders)s`` and the
*params* that fill it, so the Odoo layer can translate the template and substitute the
values itself::

    except ParseError as exc:
        raise UserError(self.env._(exc.template, **exc.params)) from exc

``str(exc)`` gives the English message. ``filename``, ``line`` (1-based, or ``None``)
and ``detail`` (English text naming the first problem) are plain attributes.
"""


class ParseError(Exception):
    """Base class: the file could not be turned into data."""

    #: template used when the problem has a line number
    template_with_line = "%(filename)s, line %(line)s: %(detail)s"
    #: template used without a line number
    template_without_line = "%(filename)s: %(detail)s"

    def __init__(self, detail, filename=None, line=None):
        self.detail = str(detail)
        self.filename = filename or "(unnamed file)"
        self.line = line if isinstance(line, int) and line > 0 else None
        super().__init__(str(self))

    @property
    def template(self):
        """The translatable message template (named placeholders only)."""
        return self.template_with_line if self.line else self.template_without_line

    @property
    def params(self):
        """Values for :attr:`template`."""
        return {"filename": self.filename, "line": self.line, "detail": self.detail}

    def __str__(self):
        return self.template % self.params


class NotMyFormat(ParseError):
    """The file is not of the format this parser reads (chain to the next parser)."""

    template_with_line = "%(filename)s is not a UBL invoice or credit note (line %(line)s): %(detail)s"
    template_without_line = "%(filename)s is not a UBL invoice or credit note: %(detail)s"


class MalformedFile(ParseError):
    """The file is of our format but broken: names the file, the first problem and its line."""

    template_with_line = "%(filename)s is malformed at line %(line)s: %(detail)s"
    template_without_line = "%(filename)s is malformed: %(detail)s"


class FileTooLarge(ParseError):
    """The file exceeds the size limit; it was refused before parsing."""

    template_with_line = template_without_line = (
        "%(filename)s is too large: %(size)s bytes, the limit is %(limit)s bytes"
    )

    def __init__(self, size, limit, filename=None):
        self.size = size
        self.limit = limit
        super().__init__(f"{size} bytes exceed the limit of {limit} bytes", filename=filename)

    @property
    def params(self):
        """Values for :attr:`template`."""
        return {**super().params, "size": self.size, "limit": self.limit}

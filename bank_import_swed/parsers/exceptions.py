# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exceptions raised by the file parsers of ``bank_import_swed``.

Every exception carries the data the Odoo layer needs to build a translated message
(``self.env._(exc.template, **exc.params)``):

* ``template`` -- a plain English message with named ``%(placeholder)s`` fields;
* ``params`` -- the values for those fields (always ``filename``, ``detail``, ``line``);
* ``filename``, ``line`` (``None`` when unknown) and ``detail`` as attributes;
* ``detail_template`` / ``detail_params`` -- the detail text before formatting, so the
  detail can be translated on its own.

``str(exc)`` gives the English message; :meth:`ParseError.translate` gives it in the
user's language when called with a gettext function such as ``self.env._``. No file
content (beyond the short value that was wrong) is ever put into a message.

Every English text of the parsers is wrapped in :func:`_lt`, a no-op here, so that
Odoo's translation export (which collects ``_lt("...")`` calls from every Python file of
the addon) puts them into ``i18n/bank_import_swed.pot``.

The XML itself is loaded by the shared safe loader of ``base_xml_safe``
(:mod:`odoo.addons.base_xml_safe.tools.xmlsafe`); :func:`xml_errors` turns its errors
into the classes below, with this addon's messages around the loader's detail (the
detail is translated by ``base_xml_safe``, where it is defined).
"""

import contextlib

from odoo.addons.base_xml_safe.tools.exceptions import (
    XmlNotXml,
    XmlSafetyError,
    XmlTooLarge,
    XmlUnsafe,
)

#: detail parameters whose values are themselves translatable texts (wrapped in ``_lt``)
TRANSLATABLE_PARAMS = frozenset({"what"})


def _lt(source):
    """Mark ``source`` for Odoo's translation export and return it unchanged (plain
    Python, no Odoo)."""
    return source


class ParseError(ValueError):
    """Base class of every parser error."""

    #: message used when no line number is known
    template = _lt("Could not read the file %(filename)s: %(detail)s")
    #: message used when the line number of the problem is known
    template_with_line = _lt(
        "Could not read the file %(filename)s, line %(line)s: %(detail)s"
    )

    def __init__(self, filename, detail_template, line=None, **detail_params):
        """Build the error.

        :param filename: name of the uploaded file (may be empty)
        :param detail_template: English description of the first problem, with named
            ``%(placeholder)s`` fields filled from ``detail_params``
        :param line: line number in the file, when known
        """
        self.filename = filename or ""
        self.line = line
        self.detail_template = detail_template
        self.detail_params = detail_params
        self.detail = (
            detail_template % detail_params if detail_params else detail_template
        )
        #: the error of the shared XML loader this error stands for, if any
        self.xml_error = None
        super().__init__(self.message)

    @property
    def params(self):
        """Values for the named placeholders of :attr:`template`."""
        return {"filename": self.filename, "line": self.line, "detail": self.detail}

    @property
    def message_template(self):
        """The template matching this error (with or without the line number)."""
        return self.template_with_line if self.line else self.template

    @property
    def message(self):
        """The formatted English message."""
        return self.message_template % self.params

    def __str__(self):
        return self.message

    def translate(self, gettext):
        """Return the message translated with ``gettext`` (for instance ``self.env._``
        in Odoo).

        ``gettext(source)`` must return the translation of ``source``; the detail, the
        translatable detail parameters and the message template are translated
        separately and then formatted.
        """
        if self.xml_error is not None:
            # the loader's detail is a text of base_xml_safe: translated there
            detail = self.xml_error.translate_detail(gettext)
            return gettext(self.message_template) % dict(self.params, detail=detail)
        params = {
            key: gettext(value)
            if key in TRANSLATABLE_PARAMS and isinstance(value, str)
            else value
            for key, value in self.detail_params.items()
        }
        detail = (
            gettext(self.detail_template) % params
            if params
            else gettext(self.detail_template)
        )
        return gettext(self.message_template) % dict(self.params, detail=detail)


class NotMyFormat(ParseError):
    """The file is not in the format of this parser; the caller may try another
    parser."""

    template = _lt("The file %(filename)s is not in the expected format: %(detail)s")
    template_with_line = _lt(
        "The file %(filename)s is not in the expected format (line %(line)s): "
        "%(detail)s"
    )


class MalformedFile(ParseError):
    """The file is in the format of this parser but is broken or incomplete."""

    template = _lt("The file %(filename)s is damaged or incomplete: %(detail)s")
    template_with_line = _lt(
        "The file %(filename)s is damaged or incomplete, line %(line)s: %(detail)s"
    )


class UnsafeXml(MalformedFile):
    """The XML declares a DOCTYPE or entities; such files are refused without being
    parsed."""

    template = _lt("The file %(filename)s was refused: %(detail)s")
    template_with_line = _lt(
        "The file %(filename)s was refused, line %(line)s: %(detail)s"
    )


class FileTooLarge(ParseError):
    """The file is larger than the configured limit; it was not parsed."""

    template = _lt("The file %(filename)s is too large: %(detail)s")
    template_with_line = template

    def __init__(self, filename, size, limit):
        """:param size: size of the file in bytes; :param limit: the limit in bytes."""
        self.size = size
        self.limit = limit
        super().__init__(
            filename,
            _lt("it has %(size)s bytes, the limit is %(limit)s bytes"),
            size=size,
            limit=limit,
        )


def from_xml_error(error):
    """The :class:`ParseError` of this addon for an error of the shared XML loader.

    :param error: an ``XmlSafetyError`` of ``base_xml_safe``
    """
    if isinstance(error, XmlTooLarge):
        return FileTooLarge(error.filename, error.size, error.limit)
    if isinstance(error, XmlUnsafe):
        cls = UnsafeXml
    elif isinstance(error, XmlNotXml):
        cls = NotMyFormat
    else:
        cls = MalformedFile
    text = error.detail_text
    result = cls(error.filename, text.template, line=error.line, **text.params)
    result.xml_error = error
    return result


@contextlib.contextmanager
def xml_errors():
    """Raise the addon's :class:`ParseError` for an error of the shared XML loader."""
    try:
        yield
    except XmlSafetyError as error:
        raise from_xml_error(error) from error

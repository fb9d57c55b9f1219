# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Exceptions raised by the parsers, and the translatable-message base of the addon's
errors.

Every exception carries a message *template* with named ``%(placeholders)s`` and the
*params* that fill it. ``str(exc)`` gives the English message; the Odoo layer shows it
in the user's language with :meth:`TranslatableError.translate`::

    except ParseError as exc:
        raise UserError(exc.translate(self.env._)) from exc

``filename``, ``line`` (1-based, or ``None``) and ``detail`` (English text naming the
first problem) are plain attributes; ``template`` and ``params`` stay available.

Every English text of the plain-Python code (templates, details, labels) is wrapped in
:func:`_lt`, a no-op here, so that Odoo's translation export (which collects
``_lt("...")`` calls from every Python file of the addon) puts them into
``i18n/l10n_lv_banqup.pot``. A detail with values of its own is a :class:`Text` (its
template and values), so that the template is translated before the values go in.

The XML itself is loaded by the shared safe loader of ``base_xml_safe``
(:mod:`odoo.addons.base_xml_safe.tools.xmlsafe`); :func:`xml_errors` turns its errors
into the classes below, whose detail is then the loader's text (a ``base_xml_safe``
``Text``, translated by ``base_xml_safe`` where it is defined).
"""

import contextlib

from odoo.addons.base_xml_safe.tools.exceptions import Text as XmlText
from odoo.addons.base_xml_safe.tools.exceptions import (
    XmlNotXml,
    XmlSafetyError,
    XmlTooLarge,
)


def _lt(source):
    """Mark ``source`` for Odoo's translation export and return it unchanged (plain
    Python, no Odoo)."""
    return source


#: parameters whose plain-string values are themselves English texts marked with ``_lt``
TRANSLATABLE_PARAMS = frozenset({"what"})

UNNAMED_FILE = _lt("(unnamed file)")


def _format(template, params, fallback):
    """``template % params``; the English ``fallback`` when a translation breaks the
    placeholders."""
    if not params:
        return template
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return fallback % params


def _render(key, value, gettext=None):
    """The text of one parameter value, translated with ``gettext`` when it is a text of
    ours."""
    if isinstance(value, Text | XmlText):
        return value.translate(gettext)
    if gettext is not None and key in TRANSLATABLE_PARAMS and isinstance(value, str):
        return gettext(value)
    return value


class Text:
    """An English text with named placeholders and their values, translatable later.

    ``str(Text(_lt("%(what)s is missing"), what=_lt("Currency (BT-5)")))`` is the
    English text; :meth:`translate` translates the template (and the values that are
    texts of ours) before formatting.
    """

    __slots__ = ("template", "params")

    def __init__(self, template, **params):
        self.template = template
        self.params = params

    def translate(self, gettext=None):
        """The text in the language of ``gettext`` (English without it)."""
        params = {
            key: _render(key, value, gettext) for key, value in self.params.items()
        }
        template = gettext(self.template) if gettext is not None else self.template
        return _format(template, params, self.template)

    def __str__(self):
        return self.translate()

    def __repr__(self):
        return f"Text({self.template!r}, **{self.params!r})"


class TranslatableError(Exception):
    """Base of the addon's plain-Python errors: an English ``template`` with named
    placeholders, and values of which ``detail`` may be a :class:`Text`.

    Subclasses set :attr:`template`; ``__init__`` takes the detail and the other values.
    """

    template = _lt("%(detail)s")

    def __init__(self, detail="", **params):
        self.detail_text = detail
        self.detail = str(detail)
        self._params = params
        super().__init__(str(self))

    @property
    def params(self):
        """Values for :attr:`template` (English)."""
        return {
            **{key: _render(key, value) for key, value in self._params.items()},
            "detail": self.detail,
        }

    def __str__(self):
        return _format(self.template, self.params, self.template)

    def translate(self, gettext):
        """The message in the user's language: ``gettext`` is ``self.env._`` in Odoo.

        The detail, the values that are texts of ours and the template are translated
        separately, then formatted; a text without translation stays English.
        """
        params = {
            key: _render(key, value, gettext) for key, value in self._params.items()
        }
        detail = self.detail_text
        if isinstance(detail, Text | XmlText):
            params["detail"] = detail.translate(gettext)
        else:
            params["detail"] = gettext(detail) if detail else ""
        return _format(gettext(self.template), params, self.template)


class ParseError(TranslatableError):
    """Base class: the file could not be turned into data."""

    #: template used when the problem has a line number
    template_with_line = _lt("%(filename)s, line %(line)s: %(detail)s")
    #: template used without a line number
    template_without_line = _lt("%(filename)s: %(detail)s")

    def __init__(self, detail, filename=None, line=None, **params):
        self.filename = filename or UNNAMED_FILE
        self.line = line if isinstance(line, int) and line > 0 else None
        super().__init__(
            detail, filename=filename or Text(UNNAMED_FILE), line=self.line, **params
        )

    @property
    def template(self):
        """The translatable message template (named placeholders only)."""
        return self.template_with_line if self.line else self.template_without_line


class NotMyFormat(ParseError):
    """The file is not of the format this parser reads (chain to the next parser)."""

    template_with_line = _lt(
        "%(filename)s is not a UBL invoice or credit note (line %(line)s): %(detail)s"
    )
    template_without_line = _lt(
        "%(filename)s is not a UBL invoice or credit note: %(detail)s"
    )


class MalformedFile(ParseError):
    """The file is of our format but broken: names the file, the first problem and its
    line."""

    template_with_line = _lt("%(filename)s is malformed at line %(line)s: %(detail)s")
    template_without_line = _lt("%(filename)s is malformed: %(detail)s")


class FileTooLarge(ParseError):
    """The file exceeds the size limit; it was refused before parsing."""

    template_with_line = template_without_line = _lt(
        "%(filename)s is too large: %(size)s bytes, the limit is %(limit)s bytes"
    )

    def __init__(self, size, limit, filename=None):
        self.size = size
        self.limit = limit
        super().__init__(
            Text(
                _lt("%(size)s bytes exceed the limit of %(limit)s bytes"),
                size=size,
                limit=limit,
            ),
            filename=filename,
            size=size,
            limit=limit,
        )


def from_xml_error(error):
    """The :class:`ParseError` of this addon for an error of the shared XML loader.

    :param error: an ``XmlSafetyError`` of ``base_xml_safe``
    """
    filename = error.filename or None
    if isinstance(error, XmlTooLarge):
        return FileTooLarge(error.size, error.limit, filename=filename)
    cls = NotMyFormat if isinstance(error, XmlNotXml) else MalformedFile
    return cls(error.detail_text, filename=filename, line=error.line)


@contextlib.contextmanager
def xml_errors():
    """Raise the addon's :class:`ParseError` for an error of the shared XML loader."""
    try:
        yield
    except XmlSafetyError as error:
        raise from_xml_error(error) from error

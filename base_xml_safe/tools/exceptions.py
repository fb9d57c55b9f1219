# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Errors of the safe XML loader (plain Python, no Odoo import).

Every error names the file, the problem and, when known, the line and column:

* :class:`XmlTooLarge` -- the size and the limit (checked before parsing);
* :class:`XmlUnsafe` -- a DOCTYPE or ENTITY declaration (refused, never parsed);
* :class:`XmlMalformed` -- not well-formed (line and column of lxml's first error),
  empty, or in an encoding the loader does not accept;
* :class:`XmlNotXml` -- the content is not XML at all (a PDF, a CSV...).

``str(error)`` is English. ``error.translate(self.env._)`` gives the message in the
user's language and ``error.translate_detail(self.env._)`` the detail alone (an addon
that wraps the error in its own message uses the latter). Odoo's ``env._`` looks a
text up in the translations of the addon whose code calls it: the calls are made here,
so the texts are translated by ``base_xml_safe``'s own ``i18n/*.po`` whichever addon
shows them.

Every English text is wrapped in :func:`_lt`, a no-op here, so that Odoo's translation
export (``_lt("...")`` calls of every Python file of the addon) puts it in
``i18n/base_xml_safe.pot``.
"""


def _lt(source):
    """Mark ``source`` for Odoo's translation export; return it unchanged."""
    return source


UNNAMED_FILE = _lt("(unnamed file)")


def _format(template, params, fallback):
    """``template % params``; ``fallback % params`` when a translation breaks it."""
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return fallback % params


class Text:
    """An English text with named placeholders and their values, translated later.

    :meth:`translate` calls ``gettext`` from this module, so that in Odoo the template
    is looked up in ``base_xml_safe``'s translations.
    """

    __slots__ = ("template", "params")

    def __init__(self, template, **params):
        self.template = template
        self.params = params

    def translate(self, gettext=None):
        """The text in the language of ``gettext`` (English without it)."""
        template = gettext(self.template) if gettext is not None else self.template
        return (
            _format(template, self.params, self.template) if self.params else template
        )

    def __str__(self):
        return self.translate()

    def __repr__(self):
        return f"Text({self.template!r}, **{self.params!r})"


class XmlSafetyError(ValueError):
    """Base class: the XML was refused; nothing of it was used."""

    #: message without a line number
    template = _lt("%(filename)s: %(detail)s")
    #: message with the line number of the problem
    template_with_line = _lt("%(filename)s, line %(line)s: %(detail)s")

    def __init__(self, detail, filename=None, line=None, column=None):
        """:param detail: a :class:`Text` naming the problem;
        :param line: 1-based line of the problem, when known;
        :param column: 1-based column of the problem, when known."""
        self.detail_text = detail
        self.detail = str(detail)
        self.filename = filename or ""
        self.line = line if isinstance(line, int) and line > 0 else None
        self.column = column if isinstance(column, int) and column > 0 else None
        super().__init__(str(self))

    @property
    def message_template(self):
        """The template matching this error (with or without the line)."""
        return self.template_with_line if self.line else self.template

    def translate_detail(self, gettext=None):
        """The detail alone, translated with ``gettext`` (``self.env._`` in Odoo)."""
        return self.detail_text.translate(gettext)

    def translate(self, gettext=None):
        """The whole message, translated with ``gettext`` (``self.env._`` in Odoo)."""
        template = self.message_template
        unnamed = UNNAMED_FILE
        if gettext is not None:
            template, unnamed = gettext(template), gettext(UNNAMED_FILE)
        params = {
            "filename": self.filename or unnamed,
            "line": self.line,
            "detail": self.translate_detail(gettext),
        }
        return _format(template, params, self.message_template)

    def __str__(self):
        return self.translate()


class XmlTooLarge(XmlSafetyError):
    """The input is larger than the limit; it was not parsed."""

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
        )


class XmlUnsafe(XmlSafetyError):
    """The input declares a DOCTYPE or an entity (billion laughs, external entities)."""

    def __init__(self, marker, filename=None, line=None):
        self.marker = marker
        super().__init__(
            Text(
                _lt(
                    "DOCTYPE/ENTITY declarations are refused (%(marker)s found): "
                    "they can expand to gigabytes or read local files"
                ),
                marker=marker,
            ),
            filename=filename,
            line=line,
        )


class XmlMalformed(XmlSafetyError):
    """The input is not well-formed XML, is empty, or has an encoding not accepted."""


class XmlNotXml(XmlSafetyError):
    """The input is not XML at all (the caller may try another format)."""

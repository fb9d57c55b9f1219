# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Messages stored on inbox documents are shown in the reader's language.

A held document keeps its message as data: the English template (a text marked with
``_lt``) and its values, nested texts included (``error_data``). ``error_message`` is
computed from it in the language of whoever reads it (``env.lang``), so an Estonian
accountant reads in Estonian what a Latvian cron run stored. A message given as a plain
string (an error of Odoo itself, older records) is kept as is.

Data format: ``{"t": template, "p": {name: value}}`` where a value is a JSON scalar or
such a nested text; ``{"s": text}`` for a plain string. A text of the shared XML loader
carries ``"m": "base_xml_safe"``: it is rebuilt as that addon's ``Text``, so that it is
translated by ``base_xml_safe``'s .po files, where it is defined.
"""

import logging
from decimal import Decimal

from odoo import api, fields, models
from odoo.tools import sql

from odoo.addons.base_xml_safe.tools.exceptions import Text as XmlText

from ..parsers.exceptions import Text, TranslatableError

#: the ``"m"`` of a stored text of the shared XML loader
XML_MODULE = "base_xml_safe"

_logger = logging.getLogger(__name__)


def _value_data(value):
    """A template value as JSON: texts of ours nested, numbers and strings as they
    are."""
    if isinstance(value, Text | XmlText | TranslatableError):
        return message_data(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def message_data(message):
    """The stored form of ``message``: a :class:`Text`, one of the addon's errors, or a
    plain string.

    :returns: a JSON-able dict, or False for no message.
    """
    if not message:
        return False
    text = getattr(message, "text", None)  # BanqupImportError made from a Text
    if isinstance(text, Text):
        message = text
    if isinstance(message, TranslatableError):
        params = {key: _value_data(value) for key, value in message._params.items()}
        detail = message.detail_text
        # a plain detail string is an English text of ours (translated on display, as
        # translate() does)
        if isinstance(detail, Text | XmlText):
            params["detail"] = message_data(detail)
        else:
            params["detail"] = {"t": detail, "p": {}} if detail else ""
        return {"t": message.template, "p": params}
    if isinstance(message, Text):
        return {
            "t": message.template,
            "p": {key: _value_data(value) for key, value in message.params.items()},
        }
    if isinstance(message, XmlText):
        params = {key: _value_data(value) for key, value in message.params.items()}
        return {"t": message.template, "p": params, "m": XML_MODULE}
    if isinstance(message, Exception):
        message = message.args[0] if message.args else str(message)
    return {"s": str(message)}


def message_text(data):
    """The :class:`Text` (or plain string) of stored ``data``."""
    if not data:
        return False
    if "s" in data:
        return data["s"]
    params = {}
    for key, value in (data.get("p") or {}).items():
        params[key] = message_text(value) if isinstance(value, dict) else value
    cls = XmlText if data.get("m") == XML_MODULE else Text
    return cls(data.get("t") or "", **params)


def render(data, gettext):
    """Stored ``data`` in the language of ``gettext`` (``self.env._``); English without
    translation."""
    text = message_text(data)
    if isinstance(text, Text | XmlText):
        try:
            return text.translate(gettext)
        except Exception:
            _logger.warning("Banqup message not translated: %r", data, exc_info=True)
            return str(text)
    return text or False


class BanqupDocument(models.Model):
    _inherit = "banqup.document"  # pylint: disable=consider-merging-classes-inherited

    error_data = fields.Json(
        readonly=True,
        copy=False,
        help="The error as template and values (see error_message).",
    )
    error_message = fields.Text(
        compute="_compute_error_message",
        inverse="_inverse_error_message",
        store=False,
        readonly=True,
        copy=False,
        help="Why the document is held, in your language.",
    )
    acknowledge_error_data = fields.Json(readonly=True, copy=False)
    acknowledge_error = fields.Text(
        string="Acknowledgement Error",
        compute="_compute_acknowledge_error",
        store=False,
        readonly=True,
        copy=False,
        help=(
            "Why Banqup refused to be told that this document is imported; the next "
            "fetch tries again."
        ),
    )

    def _auto_init(self):
        """Databases made before ``error_data``: their stored messages move into it,
        once (kept as is)."""
        result = super()._auto_init()
        if sql.column_exists(self.env.cr, self._table, "error_message"):
            self.env.cr.execute(
                """UPDATE banqup_document
                      SET error_data = jsonb_build_object('s', error_message), error_message = NULL
                    WHERE error_message IS NOT NULL"""  # noqa: E501
            )
        return result

    @api.depends("error_data")
    @api.depends_context("lang")
    def _compute_error_message(self):
        gettext = self.env._
        for document in self:
            document.error_message = render(document.error_data, gettext)

    def _inverse_error_message(self):
        for document in self:
            document.error_data = message_data(document.error_message)

    @api.depends("acknowledge_error_data")
    @api.depends_context("lang")
    def _compute_acknowledge_error(self):
        gettext = self.env._
        for document in self:
            document.acknowledge_error = render(
                document.acknowledge_error_data, gettext
            )

    @api.model
    def _banqup_message_data(self, message):
        """Stored form of a message (see :func:`message_data`), for ``error_data`` and
        the like."""
        return message_data(message)

    def _prepare_banqup_error_vals(self, message):
        """The message (a :class:`Text`, an error, or a string) is kept as data."""
        vals = super()._prepare_banqup_error_vals(message)
        vals.pop("error_message", None)
        vals["error_data"] = message_data(message)
        return vals

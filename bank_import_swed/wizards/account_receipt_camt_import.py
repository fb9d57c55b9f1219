# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import re
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date

from odoo.addons.base.models.res_bank import sanitize_account_number

from ..parsers import camt
from ..parsers.refs import normalize_reference
from .account_receipt_import_mixin import DUPLICATE_REASONS

_logger = logging.getLogger(__name__)

MATCH_RULES = [
    ("reference", "Reference number"),
    ("invoice_number", "Invoice number in the text"),
    ("amount", "Customer and amount"),
    ("prepayment", "Prepayment (customer known)"),
    ("manual", "Chosen by you"),
    ("none", "Not matched: choose the customer"),
]

#: tokens of the payment text that may be an invoice number
_TOKEN_SPLIT = re.compile(r"[\s,;]+")
_TOKEN_STRIP = "()[]{}<>.:'\"!?"
#: open customer invoices that a payment can settle
OPEN_INVOICE_DOMAIN = [
    ("move_type", "=", "out_invoice"),
    ("state", "=", "posted"),
    ("payment_state", "in", ("not_paid", "partial")),
]
_MATCH_FIELDS = ["name", "commercial_partner_id", "amount_residual", "currency_id", "invoice_date_due", "date"]


class AccountReceiptCamtImport(models.TransientModel):
    """IMPORT SEPA EST: a camt.053 / camt.054 statement into a draft receipt of a bank payment mode.

    Steps: :meth:`action_read_file` (parse, check the account and currency, preview the incoming entries and
    list the skipped ones) → :meth:`action_match` (suggest customers and invoices) → :meth:`action_apply`
    (fill the receipt, attach the file)."""

    _name = "account.receipt.camt.import"
    _inherit = ["account.receipt.import.mixin"]
    _description = "IMPORT SEPA EST"

    line_ids = fields.One2many(comodel_name="account.receipt.camt.import.line", inverse_name="import_id")
    skip_ids = fields.One2many(comodel_name="account.receipt.import.skip", inverse_name="camt_import_id")
    line_count = fields.Integer(compute="_compute_counts")
    skip_count = fields.Integer(compute="_compute_counts")
    duplicate_count = fields.Integer(compute="_compute_counts")
    unmatched_count = fields.Integer(compute="_compute_match_counts")

    @api.depends("line_ids", "skip_ids")
    def _compute_counts(self):
        for wizard in self:
            wizard.line_count = len(wizard.line_ids)
            wizard.skip_count = len(wizard.skip_ids)
            wizard.duplicate_count = len(wizard.skip_ids.filtered(lambda skip: skip.reason in DUPLICATE_REASONS))

    @api.depends("line_ids.partner_id")
    def _compute_match_counts(self):
        for wizard in self:
            wizard.unmatched_count = len(wizard.line_ids.filtered(lambda line: not line.partner_id))

    def _get_import_title(self):
        return self.env._("IMPORT SEPA EST")

    # ------------------------------------------------------------------ step 1: read the file

    def _parse_file(self, data, filename):
        """Parse a camt.052/053/054 file into :class:`~..parsers.camt.Statement` objects."""
        return camt.parse(data, filename, max_bytes=self._get_max_bytes())

    def _get_duplicate_scope(self, parsed=None):
        """Bank references of a statement belong to the payment mode's IBAN."""
        return self.journal_id._get_receipt_import_iban()

    def _check_statements(self, statements):
        """Refuse a file for another account than the payment mode's, or without any statement in the receipt
        currency. Returns the statements to import (in the receipt currency) and the others."""
        self.ensure_one()
        filename = self._get_filename()
        journal_iban = self._get_duplicate_scope()
        if not journal_iban:
            raise UserError(
                self.env._(
                    "Payment mode %(journal)s has no bank account number: set its IBAN on the journal so that "
                    "the statement %(filename)s can be checked against it.",
                    journal=self.journal_id.display_name,
                    filename=filename,
                )
            )
        for statement in statements:
            account = sanitize_account_number(statement.account_iban or statement.account_other_id) or ""
            if account != journal_iban:
                raise UserError(
                    self.env._(
                        "The file %(filename)s is a statement of account %(statement_iban)s, but payment mode "
                        "%(journal)s is account %(journal_iban)s. Import it into a receipt of the payment mode "
                        "of account %(statement_iban)s.",
                        filename=filename,
                        statement_iban=account or self.env._("(no account number)"),
                        journal=self.journal_id.display_name,
                        journal_iban=journal_iban,
                    )
                )
        currency = self.currency_id.name
        selected = [st for st in statements if (st.currency or currency) == currency]
        if not selected:
            raise UserError(
                self.env._(
                    "The statement %(filename)s is in %(statement_currency)s, but receipt %(receipt)s is in "
                    "%(receipt_currency)s. Amounts are imported in the statement's currency: use a receipt "
                    "in %(statement_currency)s (a payment mode in that currency).",
                    filename=filename,
                    statement_currency=", ".join(sorted({st.currency or "?" for st in statements})),
                    receipt=self.receipt_id.name,
                    receipt_currency=currency,
                )
            )
        others = [st for st in statements if st not in selected]
        return selected, others

    def _get_entry_skip_reason(self, entry, currency):
        """Why ``entry`` does not become a receipt line (a ``SKIP_REASONS`` key), or ``None``: only booked
        incoming payments in the receipt currency are imported."""
        if not entry.is_credit:
            return "debit"
        if entry.reversal:
            return "reversal"
        if entry.status and entry.status.upper() not in ("BOOK", "BOOKED"):
            return "not_booked"
        if entry.currency and entry.currency != currency:
            return "currency"
        return None

    def _prepare_import_line_vals(self, entry, statement):
        """Values of the preview line (``account.receipt.camt.import.line``) of an incoming ``entry``."""
        return {
            "import_id": self.id,
            "sequence": entry.index,
            "date": entry.booking_date or entry.value_date or statement.date_to,
            "amount": float(entry.amount),
            "payer_name": entry.counterparty_name or entry.ultimate_counterparty_name,
            "payer_iban": entry.counterparty_iban or entry.counterparty_account,
            "payer_code": entry.counterparty_id,
            "payment_reference": entry.structured_reference,
            "text": entry.unstructured or entry.additional_info,
            "bank_reference": entry.bank_reference,
            "instructed": (
                f"{entry.instructed_amount} {entry.instructed_currency}"
                if entry.instructed_currency and entry.instructed_currency != entry.currency
                else False
            ),
        }

    def _get_currency(self, code):
        """The ``res.currency`` of ISO ``code`` (cached per wizard), else the receipt currency."""
        cache = self.env.context.get("_bank_import_currencies")
        if cache is None or code not in cache:
            currency = self.env["res.currency"].with_context(active_test=False).search([("name", "=", code)], limit=1)
            if cache is None:
                return currency or self.currency_id
            cache[code] = currency
        return cache[code] or self.currency_id

    def _prepare_skip_vals(self, entry, reason, sequence):
        """Values of the ``account.receipt.import.skip`` record reporting ``entry``."""
        currency = self._get_currency(entry.currency) if entry.currency else self.currency_id
        return {
            "camt_import_id": self.id,
            "sequence": sequence,
            "date": entry.booking_date or entry.value_date,
            "amount": float(entry.signed_amount),
            "currency_id": currency.id,
            "payer_name": entry.counterparty_name,
            "payment_reference": entry.structured_reference,
            "bank_reference": entry.bank_reference,
            "name": entry.unstructured or entry.additional_info,
            "reason": reason,
        }

    def action_read_file(self):
        """Step 1: parse the file and build the preview (incoming entries) and the list of skipped entries."""
        self.ensure_one()
        self.with_context(_bank_import_currencies={})._read_file()
        return self._reopen()

    def _read_file(self):
        """Parse, check and store the preview lines and skipped entries."""
        statements, others = self._check_statements(self._parse())
        currency = self.currency_id.name
        entries = [(entry, statement) for statement in statements for entry in statement.entries]
        imported = self._get_imported_references(self._get_duplicate_scope(), [e.bank_reference for e, _s in entries])
        seen = set()
        line_vals, skip_vals = [], []
        for entry, statement in entries:
            reason = self._get_entry_skip_reason(entry, currency)
            if not reason and entry.bank_reference in imported:
                reason = "duplicate"
            elif not reason and entry.bank_reference in seen:
                reason = "duplicate_file"
            if reason:
                vals = self._prepare_skip_vals(entry, reason, len(skip_vals))
                if reason == "duplicate":
                    vals["existing_receipt"] = imported[entry.bank_reference]
                skip_vals.append(vals)
                continue
            seen.add(entry.bank_reference)
            line_vals.append(self._prepare_import_line_vals(entry, statement))
        for statement in others:
            for entry in statement.entries:
                skip_vals.append(self._prepare_skip_vals(entry, "currency", len(skip_vals)))
        self.line_ids.unlink()
        self.skip_ids.unlink()
        self.env["account.receipt.camt.import.line"].create(line_vals)
        self.env["account.receipt.import.skip"].create(skip_vals)
        first = statements[0]
        self.write(
            {
                "state": "preview",
                "summary": self.env._(
                    "%(kind)s of %(account)s, %(date_from)s – %(date_to)s: %(lines)s incoming payment(s) to "
                    "import, %(skipped)s entry(ies) skipped.",
                    kind=first.kind,
                    account=first.account_iban or first.account_other_id,
                    date_from=format_date(self.env, first.date_from) if first.date_from else "",
                    date_to=format_date(self.env, statements[-1].date_to) if statements[-1].date_to else "",
                    lines=self._format_count(len(line_vals)),
                    skipped=self._format_count(len(skip_vals)),
                ),
            }
        )
        _logger.info("IMPORT SEPA EST %s: %d line(s), %d skipped", self._get_filename(), len(line_vals), len(skip_vals))

    # ------------------------------------------------------------------ step 2: matching

    def action_match(self):
        """Step 2: suggest a customer and invoices for every line (see :meth:`_match_invoices`)."""
        self.ensure_one()
        if len(self.line_ids) >= self._get_progress_threshold():
            self._notify_progress(
                self.env._(
                    "Looking for the customers and invoices of %(count)s payments…",
                    count=self._format_count(len(self.line_ids)),
                )
            )
        self._match_invoices(self.line_ids)
        self.state = "match"
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.state = "preview" if self.state == "match" else "upload"
        return self._reopen()

    def _get_open_invoice_domain(self):
        """Open customer invoices of the receipt's company that a payment may settle."""
        return [("company_id", "=", self.company_id.id), *OPEN_INVOICE_DOMAIN]

    @api.model
    def _get_text_tokens(self, text):
        """Words of a payment text that may be invoice numbers (``"Arve INV/2026/00118,"`` → ``INV/2026/00118``)."""
        tokens = set()
        for raw in _TOKEN_SPLIT.split(text or ""):
            token = raw.strip(_TOKEN_STRIP)
            if len(token) >= 3 and any(char.isdigit() for char in token):
                tokens.add(token.upper())
        return tokens

    def _get_invoices_by_reference(self, references):
        """Open invoices whose payment reference equals one of ``references`` (compared without spaces, upper
        case), as ``{reference: invoices}``; one query."""
        if not references:
            return {}
        Move = self.env["account.move"]
        Move.flush_model(["payment_reference", "company_id", "move_type", "state", "payment_state"])
        self.env.cr.execute(
            SQL(
                "SELECT id, upper(regexp_replace(payment_reference, '\\s', '', 'g')) FROM account_move "
                "WHERE company_id = %s AND move_type = 'out_invoice' AND state = 'posted' "
                "AND payment_state IN ('not_paid', 'partial') "
                "AND upper(regexp_replace(payment_reference, '\\s', '', 'g')) = ANY(%s)",
                self.company_id.id,
                list(references),
            )
        )
        rows = self.env.cr.fetchall()
        invoices = Move.browse([row[0] for row in rows])
        invoices.fetch(_MATCH_FIELDS)
        result = defaultdict(lambda: Move)
        for invoice_id, reference in rows:
            result[reference] |= Move.browse(invoice_id)
        return result

    def _get_invoices_by_number(self, tokens):
        """Open invoices whose number is one of ``tokens`` (upper case), as ``{number: invoice}``; one query."""
        if not tokens:
            return {}
        invoices = self.env["account.move"].search_fetch(
            [*self._get_open_invoice_domain(), ("name", "in", list(tokens))], _MATCH_FIELDS
        )
        return {invoice.name.upper(): invoice for invoice in invoices}

    def _get_partners_by_iban(self, ibans):
        """Customers by the payer IBAN (their bank accounts), as ``{iban: commercial partners}``; one query."""
        if not ibans:
            return {}
        banks = self.env["res.partner.bank"].search_fetch(
            [
                ("sanitized_acc_number", "in", list(ibans)),
                ("company_id", "in", (False, self.company_id.id)),
                ("partner_id", "!=", self.company_id.partner_id.id),
            ],
            ["sanitized_acc_number", "partner_id"],
        )
        result = defaultdict(lambda: self.env["res.partner"])
        for bank in banks:
            result[bank.sanitized_acc_number] |= bank.partner_id.commercial_partner_id
        return result

    def _get_partners_by_code(self, codes):
        """Customers by registry code (``company_registry``) or internal reference (``ref``, the customer's
        reference number), as ``{code: commercial partners}``; one query."""
        if not codes:
            return {}
        codes = set(codes)
        partners = self.env["res.partner"].search_fetch(
            [
                ("company_id", "in", (False, self.company_id.id)),
                "|",
                ("company_registry", "in", list(codes)),
                ("ref", "in", list(codes)),
            ],
            ["company_registry", "ref", "commercial_partner_id"],
        )
        result = defaultdict(lambda: self.env["res.partner"])
        for partner in partners:
            for code in {partner.company_registry, partner.ref} & codes:
                result[code] |= partner.commercial_partner_id
        return result

    def _get_partners_by_name(self, names):
        """Customers whose name equals a payer name (case-insensitive), as ``{name: commercial partners}``;
        one query."""
        if not names:
            return {}
        Partner = self.env["res.partner"]
        Partner.flush_model(["name", "active", "company_id", "commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                "SELECT p.commercial_partner_id, n.name FROM res_partner p "
                "JOIN unnest(%s::text[]) AS n(name) ON lower(p.name) = lower(n.name) "
                "WHERE p.active AND (p.company_id IS NULL OR p.company_id = %s) AND p.id != %s",
                list(names),
                self.company_id.id,
                self.company_id.partner_id.id,
            )
        )
        result = defaultdict(lambda: Partner)
        for partner_id, name in self.env.cr.fetchall():
            result[name] |= Partner.browse(partner_id)
        return result

    def _get_open_invoices_by_partner(self, partners):
        """Open invoices of ``partners``, as ``{commercial partner: invoices}``; one query."""
        if not partners:
            return {}
        invoices = self.env["account.move"].search_fetch(
            [*self._get_open_invoice_domain(), ("commercial_partner_id", "in", partners.ids)],
            _MATCH_FIELDS,
            order="invoice_date_due, date, id",
        )
        result = defaultdict(lambda: self.env["account.move"])
        for invoice in invoices:
            result[invoice.commercial_partner_id] |= invoice
        return result

    def _pick_invoices(self, amount, invoices):
        """Among ``invoices`` (of one customer, e.g. all those with the paid reference), the ones the payment
        of ``amount`` settles: the single one whose open amount equals it, else the oldest first until the
        amount is used."""
        currency = self.currency_id
        same = invoices.filtered(lambda inv: inv.currency_id == currency)
        exact = same.filtered(lambda inv: currency.compare_amounts(inv.amount_residual, amount) == 0)
        if len(exact) == 1 or len(invoices) == 1:
            return exact[:1] or invoices
        picked = self.env["account.move"]
        left = amount
        for invoice in same.sorted(lambda inv: (inv.invoice_date_due or inv.date, inv.date, inv.id)):
            if currency.compare_amounts(left, 0) <= 0:
                break
            picked |= invoice
            left -= invoice.amount_residual
        return picked

    def _match_invoices(self, lines):
        """Suggest a customer and invoices for ``lines`` (``account.receipt.camt.import.line``), in batch: a
        fixed number of queries whatever the number of lines. Order of the rules:

        1. the structured reference equals the payment reference of open invoices (``reference``);
        2. an open invoice number appears in the payment text (``invoice_number``);
        3. the customer by payer IBAN (partner bank accounts), registry code or reference number, or name;
           then the one open invoice of that customer whose open amount equals the payment (``amount``);
        4. otherwise a prepayment of that customer (``prepayment``), else nothing (``none``: the user chooses).
        """
        by_reference = self._get_invoices_by_reference({line.payment_reference for line in lines} - {False})
        tokens_by_line = {line: self._get_text_tokens(line.text) for line in lines}
        by_number = self._get_invoices_by_number(set().union(*tokens_by_line.values()) if lines else set())
        ibans = {sanitize_account_number(line.payer_iban) for line in lines if line.payer_iban} - {False}
        by_iban = self._get_partners_by_iban(ibans)
        by_code = self._get_partners_by_code(
            ({line.payer_code for line in lines} | {line.payment_reference for line in lines}) - {False}
        )
        by_name = self._get_partners_by_name({line.payer_name for line in lines} - {False})

        results = {}
        need_amount = {}
        for line in lines:
            invoices = by_reference.get(normalize_reference(line.payment_reference)) if line.payment_reference else None
            if invoices and len(invoices.commercial_partner_id) == 1:
                picked = self._pick_invoices(line.amount, invoices)
                results[line] = ("reference", invoices.commercial_partner_id, picked)
                continue
            found = self.env["account.move"].union(
                *(by_number[token] for token in tokens_by_line[line] if token in by_number)
            )
            if found and len(found.commercial_partner_id) == 1:
                results[line] = ("invoice_number", found.commercial_partner_id, found)
                continue
            partner = self._get_line_partner(line, by_iban, by_code, by_name)
            if partner:
                need_amount[line] = partner
            else:
                results[line] = ("none", self.env["res.partner"], self.env["account.move"])

        by_partner = self._get_open_invoices_by_partner(self.env["res.partner"].union(*need_amount.values()))
        # an invoice already suggested by its reference or number is not offered again by amount
        used = {invoice_id for _rule, _partner, invoices in results.values() for invoice_id in invoices.ids}
        currency = self.currency_id
        for line, partner in need_amount.items():
            candidates = by_partner.get(partner, self.env["account.move"]).filtered(
                lambda inv, amount=line.amount: (
                    inv.id not in used
                    and inv.currency_id == currency
                    and currency.compare_amounts(inv.amount_residual, amount) == 0
                )
            )
            if len(candidates) >= 1:
                used.add(candidates[0].id)
                results[line] = ("amount", partner, candidates[0])
            else:
                results[line] = ("prepayment", partner, self.env["account.move"])
        self._write_match_results(results)

    def _get_line_partner(self, line, by_iban, by_code, by_name):
        """The one customer of ``line`` found by IBAN, then registry code / reference number, then name."""
        for partners in (
            by_iban.get(sanitize_account_number(line.payer_iban)) if line.payer_iban else None,
            by_code.get(line.payer_code) if line.payer_code else None,
            by_code.get(line.payment_reference) if line.payment_reference else None,
            by_name.get(line.payer_name) if line.payer_name else None,
        ):
            if partners and len(partners) == 1:
                return partners
        return self.env["res.partner"]

    def _write_match_results(self, results):
        """Store ``{line: (rule, partner, invoices)}`` on the preview lines, grouping identical writes."""
        groups = defaultdict(list)
        for line, (rule, partner, invoices) in results.items():
            groups[(rule, partner.id, tuple(invoices.ids))].append(line.id)
        Line = self.env["account.receipt.camt.import.line"]
        for (rule, partner_id, invoice_ids), line_ids in groups.items():
            Line.browse(line_ids).write(
                {"match_rule": rule, "partner_id": partner_id, "invoice_ids": [Command.set(list(invoice_ids))]}
            )

    # ------------------------------------------------------------------ step 3: fill the receipt

    def _prepare_receipt_line_vals(self, line):
        """Receipt line values for one preview ``line``: one line per chosen invoice (oldest first, each taking
        at most its open amount when in the receipt currency), and a prepayment line of the customer for what
        is left; without invoice, one line (prepayment when the customer is known, else for the user to
        complete). The first line carries the duplicate key (``bank_import_account``)."""
        currency = self.currency_id
        common = {
            "payer_name": line.payer_name,
            "payer_iban": line.payer_iban,
            "payment_reference": line.payment_reference,
            "bank_reference": line.bank_reference,
            "bank_import_date": line.date,
            "name": line.text or line.payment_reference or line.payer_name,
            "partner_id": line.partner_id.id,
        }
        vals_list = []
        left = line.amount
        invoices = line.invoice_ids.sorted(lambda inv: (inv.invoice_date_due or inv.date, inv.date, inv.id))
        for position, invoice in enumerate(invoices):
            if currency.compare_amounts(left, 0) <= 0:
                break
            last = position == len(invoices) - 1
            if invoice.currency_id == currency:
                part = min(left, invoice.amount_residual) if invoice.amount_residual > 0 else left
            else:
                part = left if last else 0.0
            if currency.is_zero(part):
                continue
            vals_list.append(
                dict(common, invoice_id=invoice.id, partner_id=invoice.commercial_partner_id.id, amount=part)
            )
            left = currency.round(left - part)
        if not vals_list or not currency.is_zero(left):
            vals_list.append(dict(common, amount=left))
        vals_list[0]["bank_import_account"] = self._get_duplicate_scope()
        return vals_list

    def action_apply(self):
        """Step 3: fill the receipt with the lines (entries imported meanwhile by someone else are skipped and
        reported), attach the file and return to the receipt."""
        self.ensure_one()
        self.receipt_id._check_importable()
        scope = self._get_duplicate_scope()
        lines = self.line_ids.sorted("sequence")
        taken = self._get_imported_references(scope, lines.mapped("bank_reference"))
        if taken:
            late = lines.filtered(lambda line: line.bank_reference in taken)
            self.env["account.receipt.import.skip"].create(
                [
                    dict(
                        line._prepare_skip_vals("duplicate", len(self.skip_ids) + index),
                        existing_receipt=taken[line.bank_reference],
                    )
                    for index, line in enumerate(late)
                ]
            )
            lines -= late
        vals_list = [vals for line in lines for vals in self._prepare_receipt_line_vals(line)]
        receipt_lines = self._create_receipt_lines(vals_list)
        self._attach_file(receipt_lines, self.skip_ids)
        _logger.info(
            "IMPORT SEPA EST %s into %s: %d receipt line(s)", self._get_filename(), self.receipt_id.name, len(vals_list)
        )
        return self._action_done(len(lines), sum(lines.mapped("amount")), self.skip_ids)


class AccountReceiptCamtImportLine(models.TransientModel):
    """One incoming payment of the statement, with the suggested (or chosen) customer and invoices."""

    _name = "account.receipt.camt.import.line"
    _description = "IMPORT SEPA EST: Line"
    _order = "sequence, id"

    import_id = fields.Many2one(
        comodel_name="account.receipt.camt.import", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="import_id.company_id")
    currency_id = fields.Many2one(related="import_id.currency_id")
    sequence = fields.Integer()
    date = fields.Date(readonly=True, help="Booking date of the payment on the bank account.")
    amount = fields.Monetary(currency_field="currency_id", readonly=True, help="Amount received.")
    payer_name = fields.Char(readonly=True, help="Name of the payer as the bank gives it.")
    payer_iban = fields.Char(
        string="Payer IBAN",
        readonly=True,
        help="Account the money came from; it finds the customer through the customer's bank accounts.",
    )
    payer_code = fields.Char(readonly=True, help="Registry code or personal code of the payer.")
    payment_reference = fields.Char(
        string="Reference",
        readonly=True,
        help="Structured reference of the payment (Estonian reference number or RF creditor reference); it finds "
        "the invoice with the same payment reference.",
    )
    text = fields.Char(
        string="Explanation",
        readonly=True,
        help="Free text of the payment; an invoice number written in it finds the invoice.",
    )
    bank_reference = fields.Char(
        readonly=True,
        help="The bank's own reference of the entry; the same entry is never imported twice.",
    )
    instructed = fields.Char(string="Ordered Amount", readonly=True, help="Amount as ordered in another currency.")
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        check_company=True,
        help="Customer who paid. Without a customer the payment becomes a receipt line that you complete on the "
        "receipt before confirming it.",
    )
    invoice_ids = fields.Many2many(
        comodel_name="account.move",
        relation="account_receipt_camt_import_line_move_rel",
        column1="line_id",
        column2="move_id",
        string="Invoices",
        check_company=True,
        help="Open invoices of the customer that this payment settles, oldest first. What is left after them "
        "becomes a prepayment of the customer.",
        domain="[('company_id', '=', company_id), ('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('payment_state', 'in', ('not_paid', 'partial')), ('commercial_partner_id', '=?', partner_id)]",
    )
    match_rule = fields.Selection(
        selection=MATCH_RULES,
        string="Suggested By",
        readonly=True,
        help="How the customer and invoices were found: by the reference number, by an invoice number in the "
        "text, by the payer's account or name and the amount, or chosen by you.",
    )
    invoice_open_amount = fields.Monetary(
        string="Open on Invoices",
        currency_field="currency_id",
        compute="_compute_prepayment_amount",
        help="Amount still open on the chosen invoices.",
    )
    prepayment_amount = fields.Monetary(
        string="Prepayment",
        currency_field="currency_id",
        compute="_compute_prepayment_amount",
        help="Part of the payment that becomes a prepayment of the customer (nothing open left on the invoices).",
    )

    @api.depends("amount", "invoice_ids", "partner_id")
    def _compute_prepayment_amount(self):
        for line in self:
            same = line.invoice_ids.filtered(lambda inv, line=line: inv.currency_id == line.currency_id)
            line.invoice_open_amount = sum(same.mapped("amount_residual"))
            if line.invoice_ids and same != line.invoice_ids:
                line.prepayment_amount = 0.0
            elif line.partner_id:
                line.prepayment_amount = max(line.amount - line.invoice_open_amount, 0.0)
            else:
                line.prepayment_amount = 0.0

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        for line in self:
            line.invoice_ids = line.invoice_ids.filtered(
                lambda inv, line=line: inv.commercial_partner_id == line.partner_id.commercial_partner_id
            )
            line.match_rule = "manual"

    @api.onchange("invoice_ids")
    def _onchange_invoice_ids(self):
        for line in self:
            if line.invoice_ids and not line.partner_id:
                line.partner_id = line.invoice_ids[0].commercial_partner_id
            line.match_rule = "manual"

    def _prepare_skip_vals(self, reason, sequence):
        """Skip record for a line found already imported when applying."""
        self.ensure_one()
        return {
            "camt_import_id": self.import_id.id,
            "sequence": sequence,
            "date": self.date,
            "amount": self.amount,
            "currency_id": self.currency_id.id,
            "payer_name": self.payer_name,
            "payment_reference": self.payment_reference,
            "bank_reference": self.bank_reference,
            "name": self.text,
            "reason": reason,
        }

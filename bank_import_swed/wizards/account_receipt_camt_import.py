# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from odoo.addons.base.models.res_bank import sanitize_account_number

from ..parsers import camt
from .account_receipt_import_mixin import DUPLICATE_REASONS

_logger = logging.getLogger(__name__)


class AccountReceiptCamtImport(models.TransientModel):
    """IMPORT SEPA EST: a camt.053 / camt.054 statement into a draft receipt of a bank
    payment mode.

    Steps: :meth:`action_read_file` (parse, check the account and currency, preview the
    incoming entries and list the skipped ones) → :meth:`action_match` (suggest
    customers and invoices) → :meth:`action_apply` (fill the receipt, attach the
    file)."""

    _name = "account.receipt.camt.import"
    _inherit = ["account.receipt.import.mixin", "account.receipt.camt.match"]
    _description = "IMPORT SEPA EST"

    line_ids = fields.One2many(
        comodel_name="account.receipt.camt.import.line", inverse_name="import_id"
    )
    skip_ids = fields.One2many(
        comodel_name="account.receipt.import.skip", inverse_name="camt_import_id"
    )
    line_count = fields.Integer(compute="_compute_counts")
    skip_count = fields.Integer(compute="_compute_counts")
    duplicate_count = fields.Integer(compute="_compute_counts")
    possible_duplicate_count = fields.Integer(compute="_compute_counts")
    unmatched_count = fields.Integer(compute="_compute_match_counts")

    @api.depends("line_ids.duplicate_state", "line_ids.to_import", "skip_ids")
    def _compute_counts(self):
        for wizard in self:
            wizard.line_count = len(wizard.line_ids)
            wizard.skip_count = len(wizard.skip_ids)
            wizard.duplicate_count = len(
                wizard.skip_ids.filtered(lambda skip: skip.reason in DUPLICATE_REASONS)
            )
            wizard.possible_duplicate_count = len(
                wizard.line_ids.filtered(
                    lambda line: (
                        line.duplicate_state == "possible" and not line.to_import
                    )
                )
            )

    @api.depends("line_ids.partner_id")
    def _compute_match_counts(self):
        for wizard in self:
            wizard.unmatched_count = len(
                wizard.line_ids.filtered(lambda line: not line.partner_id)
            )

    def _get_import_title(self):
        return self.env._("IMPORT SEPA EST")

    # ------------------------------------------------------------ step 1: read the file

    def _parse_file(self, data, filename):
        """Parse a camt.052/053/054 file into :class:`~..parsers.camt.Statement`
        objects."""
        return camt.parse(data, filename, max_bytes=self._get_max_bytes())

    def _get_duplicate_scope(self, parsed=None):
        """Bank references of a statement belong to the payment mode's IBAN."""
        return self.journal_id._get_receipt_import_iban()

    def _check_statements(self, statements):
        """Split the file's statements: those of the payment mode's account in the
        receipt currency are imported, the others (another account, another currency)
        are listed as skipped. Refuses a file without any statement of the payment
        mode's account, or none in the receipt currency.

        :return: ``(selected statements, [(other statement, skip reason)])``"""
        self.ensure_one()
        filename = self._get_filename()
        journal_iban = self._get_duplicate_scope()
        if not journal_iban:
            raise UserError(
                self.env._(
                    "Payment mode %(journal)s has no bank account number: set its "
                    "IBAN on the journal so that the statement %(filename)s can be "
                    "checked against it.",
                    journal=self.journal_id.display_name,
                    filename=filename,
                )
            )
        self._check_statement_kind(statements)
        ours = [
            st for st in statements if self._get_statement_account(st) == journal_iban
        ]
        if not ours:
            accounts = sorted({self._get_statement_account(st) for st in statements})
            raise UserError(
                self.env._(
                    "The file %(filename)s is a statement of account "
                    "%(statement_iban)s, but payment mode %(journal)s is account "
                    "%(journal_iban)s. Import it into a receipt of the payment mode "
                    "of account %(statement_iban)s.",
                    filename=filename,
                    statement_iban=", ".join(
                        account or self.env._("(no account number)")
                        for account in accounts
                    ),
                    journal=self.journal_id.display_name,
                    journal_iban=journal_iban,
                )
            )
        currency = self.currency_id.name
        selected = [st for st in ours if (st.currency or currency) == currency]
        if not selected:
            raise UserError(
                self.env._(
                    "The statement %(filename)s is in %(statement_currency)s, but "
                    "receipt %(receipt)s is in %(receipt_currency)s. Amounts are "
                    "imported in the statement's currency: use a receipt in "
                    "%(statement_currency)s (a payment mode in that currency).",
                    filename=filename,
                    statement_currency=", ".join(
                        sorted({st.currency or "?" for st in ours})
                    ),
                    receipt=self.receipt_id.name,
                    receipt_currency=currency,
                )
            )
        others = [
            (st, "currency" if st in ours else "other_account")
            for st in statements
            if st not in selected
        ]
        return selected, others

    def _check_statement_kind(self, statements):
        """Refuse a camt.052 intraday report: its entries may still be pending or change
        before the day is closed, and the day's camt.053 statement books them again
        (documented choice, see readme/USAGE.md)."""
        if any(statement.kind == "camt.052" for statement in statements):
            raise UserError(
                self.env._(
                    "The file %(filename)s is a camt.052 intraday account report: its "
                    "entries may still be pending or change before the day is closed, "
                    "so it is not imported. Import the day's camt.053 statement (or "
                    "the camt.054 notifications) instead.",
                    filename=self._get_filename(),
                )
            )

    @api.model
    def _get_statement_account(self, statement):
        """The account of ``statement`` as Odoo sanitises account numbers (``""`` when
        it has none)."""
        return (
            sanitize_account_number(
                statement.account_iban or statement.account_other_id
            )
            or ""
        )

    def _get_entry_skip_reason(self, entry, currency):
        """Why ``entry`` does not become a receipt line (a ``SKIP_REASONS`` key), or
        ``None``: only booked incoming payments in the receipt currency are imported."""
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
        """Values of the preview line (``account.receipt.camt.import.line``) of an
        incoming ``entry``."""
        return {
            "import_id": self.id,
            "sequence": entry.index,
            "date": entry.booking_date or entry.value_date or statement.date_to,
            "amount": float(entry.amount),
            "payer_name": entry.counterparty_name or entry.ultimate_counterparty_name,
            "ultimate_payer_name": entry.ultimate_counterparty_name,
            "ultimate_payer_code": entry.ultimate_counterparty_id,
            "payer_iban": entry.counterparty_iban or entry.counterparty_account,
            "payer_code": entry.counterparty_id,
            "payment_reference": entry.structured_reference,
            "text": entry.unstructured or entry.additional_info,
            "bank_reference": entry.bank_reference,
            "booking_key": entry.booking_key,
            "booking_part": entry.booking_part,
            "fingerprint": entry.fingerprint,
            "file_amount": float(entry.amount),
            "entry_amount": float(entry.entry_amount),
            "instructed": (
                f"{entry.instructed_amount} {entry.instructed_currency}"
                if entry.instructed_currency
                and entry.instructed_currency != entry.currency
                else False
            ),
        }

    def _get_currency(self, code):
        """The ``res.currency`` of ISO ``code`` (cached per wizard), else the receipt
        currency."""
        cache = self.env.context.get("_bank_import_currencies")
        if cache is None or code not in cache:
            currency = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", code)], limit=1)
            )
            if cache is None:
                return currency or self.currency_id
            cache[code] = currency
        return cache[code] or self.currency_id

    def _prepare_skip_vals(self, entry, reason, sequence, statement=None):
        """Values of the ``account.receipt.import.skip`` record reporting ``entry`` (of
        ``statement``)."""
        currency = (
            self._get_currency(entry.currency) if entry.currency else self.currency_id
        )
        return {
            "account_number": self._get_statement_account(statement)
            if statement
            else False,
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
        """Step 1: parse the file and build the preview (incoming entries) and the list
        of skipped entries."""
        self.ensure_one()
        self.with_context(_bank_import_currencies={})._read_file()
        return self._reopen()

    def _read_file(self, window=None):
        """Parse, check and store the preview lines and skipped entries. With ``window``
        (``(start, stop)``), only the entries at those positions of the file (all
        statements, in file order) are stored: a background import takes the file in
        batches (see ``account.receipt.import.job``).

        :return: the number of entries of the file"""
        statements, others = self._check_statements(self._parse())
        currency = self.currency_id.name
        start, stop = window or (0, None)
        position = -1

        def in_window():
            nonlocal position
            position += 1
            return position >= start and (stop is None or position < stop)

        line_vals, skip_vals, candidates = [], [], []
        for statement in statements:
            for entry in statement.entries:
                if not in_window():
                    continue
                reason = self._get_entry_skip_reason(entry, currency)
                if reason:
                    skip_vals.append(
                        self._prepare_skip_vals(
                            entry, reason, len(skip_vals), statement
                        )
                    )
                else:
                    candidates.append((entry, statement))
        verdicts = self._classify_bookings(
            [self._get_entry_booking(entry) for entry, _statement in candidates]
        )
        for (entry, statement), verdict in zip(candidates, verdicts, strict=True):
            if verdict["state"] == "duplicate":
                vals = self._prepare_skip_vals(
                    entry, "duplicate", len(skip_vals), statement
                )
                vals["existing_receipt"] = verdict["receipt"]
                skip_vals.append(vals)
                continue
            vals = self._prepare_import_line_vals(entry, statement)
            vals.update(self._prepare_duplicate_vals(verdict))
            line_vals.append(vals)
        for statement, reason in others:
            for entry in statement.entries:
                if in_window():
                    skip_vals.append(
                        self._prepare_skip_vals(
                            entry, reason, len(skip_vals), statement
                        )
                    )
        self.line_ids.unlink()
        self.skip_ids.unlink()
        self.env["account.receipt.camt.import.line"].create(line_vals)
        self.env["account.receipt.import.skip"].create(skip_vals)
        first = statements[0]
        self.write(
            {
                "state": "preview",
                "summary": self.env._(
                    "%(kind)s of %(account)s, %(date_from)s – %(date_to)s: %(lines)s "
                    "incoming payment(s) to import, %(skipped)s entry(ies) skipped.",
                    kind=first.kind,
                    account=first.account_iban or first.account_other_id,
                    date_from=format_date(self.env, first.date_from)
                    if first.date_from
                    else "",
                    date_to=format_date(self.env, statements[-1].date_to)
                    if statements[-1].date_to
                    else "",
                    lines=self._format_count(len(line_vals)),
                    skipped=self._format_count(len(skip_vals)),
                ),
            }
        )
        _logger.info(
            "IMPORT SEPA EST %s: %d line(s), %d skipped",
            self._get_filename(),
            len(line_vals),
            len(skip_vals),
        )
        return position + 1

    # ------------------------------------------------------------------ duplicates

    @api.model
    def _get_entry_booking(self, entry):
        """The duplicate keys and amounts of a parsed ``entry`` (see
        :meth:`_classify_bookings`)."""
        return {
            "key": entry.booking_key,
            "part": entry.booking_part,
            "fingerprint": entry.fingerprint,
            "amount": float(entry.amount),
            "entry_amount": float(entry.entry_amount),
        }

    def _classify_bookings(self, bookings):
        """Tell, for each booking dict (``key``, ``part``, ``fingerprint``, ``amount``,
        ``entry_amount``, in file order), whether it is already on a receipt of the
        company. Returns one dict per booking:

        * ``state``: ``"new"``; ``"duplicate"`` (the bank's key or the same statement
          entry is imported for its whole amount: skipped); ``"partial"`` (some receipt
          lines of it were deleted: only the rest, ``amount``, is imported);
          ``"possible"`` (only a weak key matches, or the booking was imported at
          another granularity, or the file repeats it: left out until the accountant
          confirms it);
        * ``amount``: what to import; ``split``: the first free split position of the
          key;
        * ``receipt``: the receipt that has it; ``info``: why it is a possible
          duplicate.

        Two queries whatever the number of bookings."""
        currency = self.currency_id
        by_key, by_fingerprint = self.env[
            "account.receipt.line"
        ]._get_imported_bookings(
            self.company_id,
            {b["key"] for b in bookings},
            {b["fingerprint"] for b in bookings},
        )
        seen = set()
        verdicts = []
        for booking in bookings:
            key, part, amount = booking["key"], booking["part"], booking["amount"]
            verdict = {
                "state": "new",
                "amount": amount,
                "split": 0,
                "receipt": False,
                "info": False,
            }
            verdicts.append(verdict)
            existing = by_key.get(key) if key else None
            if existing:
                verdict["receipt"] = next(iter(existing.values()))[2]
                if part and 0 in existing:
                    # imported whole, now reported split: only the entry's total tells
                    # what is missing
                    imported = sum(values[0] for values in existing.values())
                    if currency.compare_amounts(booking["entry_amount"], imported) <= 0:
                        verdict["state"] = "duplicate"
                    else:
                        verdict.update(
                            state="possible",
                            info=self.env._("Booking partly imported as a whole"),
                        )
                    continue
                imported = (
                    existing[part][0]
                    if part
                    else sum(values[0] for values in existing.values())
                )
                verdict["split"] = existing[part][1] if part in existing else 0
                left = currency.round(amount - imported)
                if currency.compare_amounts(left, 0) <= 0:
                    verdict["state"] = "duplicate"
                elif currency.compare_amounts(left, amount) < 0:
                    verdict.update(state="partial", amount=left)
                continue
            if key and (key, part) in seen:
                verdict.update(
                    state="possible", info=self.env._("Repeated in the file")
                )
                continue
            seen.add((key, part))
            for other_key, receipt in by_fingerprint.get(booking["fingerprint"], ()):
                if other_key != key and not (
                    (other_key or "").startswith("bank:")
                    and (key or "").startswith("bank:")
                ):
                    verdict.update(
                        state="possible",
                        receipt=receipt,
                        info=self.env._(
                            "Same date, amount and payer, without the same bank "
                            "reference"
                        ),
                    )
                    break
        return verdicts

    @api.model
    def _prepare_duplicate_vals(self, verdict):
        """Preview line values of a :meth:`_classify_bookings` verdict that is not a
        sure duplicate."""
        return {
            "amount": verdict["amount"],
            "duplicate_state": verdict["state"],
            "duplicate_info": verdict["info"],
            "existing_receipt": verdict["receipt"]
            if verdict["state"] != "new"
            else False,
            "to_import": verdict["state"] != "possible",
        }

    # ----------------------------------------------------------------- step 2: matching

    def action_match(self):
        """Step 2: suggest a customer and invoices for every line (see
        :meth:`_match_invoices`)."""
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

    # --------------------------------------------------------- step 3: fill the receipt

    def _prepare_receipt_line_vals(self, line):
        """Receipt line values for one preview ``line``: one line per chosen invoice
        (oldest first, each taking at most its open amount when in the receipt
        currency), and a prepayment line of the customer for what is left; without
        invoice, one line (prepayment when the customer is known, else for the user to
        complete). Every line carries the booking's duplicate key, each with its own
        split position."""
        currency = self.currency_id
        common = {
            "payer_name": line.payer_name,
            "payer_iban": line.payer_iban,
            "payment_reference": line.payment_reference,
            "bank_reference": line.bank_reference,
            "bank_import_account": self._get_duplicate_scope(),
            "bank_import_key": line.booking_key,
            "bank_import_part": line.booking_part,
            "bank_import_fingerprint": line.fingerprint,
            "bank_import_date": line.date,
            "name": line.text or line.payment_reference or line.payer_name,
            "partner_id": line.partner_id.id,
        }
        vals_list = []
        left = line.amount
        credit_notes = line.invoice_ids.filtered(
            lambda inv: inv.move_type == "out_refund"
        )
        for credit_note in credit_notes.filtered(
            lambda inv: inv.currency_id == currency
        ):
            # a credit note chosen with invoices: its open amount is netted (a negative
            # line), the invoices get it
            vals_list.append(
                dict(
                    common,
                    invoice_id=credit_note.id,
                    partner_id=credit_note.commercial_partner_id.id,
                    amount=-credit_note.amount_residual,
                )
            )
            left = currency.round(left + credit_note.amount_residual)
        invoices = (line.invoice_ids - credit_notes).sorted(
            lambda inv: (inv.invoice_date_due or inv.date, inv.date, inv.id)
        )
        for position, invoice in enumerate(invoices):
            if currency.compare_amounts(left, 0) <= 0:
                break
            last = position == len(invoices) - 1
            if invoice.currency_id == currency:
                part = (
                    min(left, invoice.amount_residual)
                    if invoice.amount_residual > 0
                    else left
                )
            else:
                part = left if last else 0.0
            if currency.is_zero(part):
                continue
            vals_list.append(
                dict(
                    common,
                    invoice_id=invoice.id,
                    partner_id=invoice.commercial_partner_id.id,
                    amount=part,
                )
            )
            left = currency.round(left - part)
        if not vals_list or not currency.is_zero(left):
            vals_list.append(dict(common, amount=left))
        return vals_list

    def action_apply(self):
        """Step 3: fill the receipt with the lines, attach the file and return to the
        receipt. The duplicate check runs again: entries imported meanwhile by someone
        else are skipped (or only their missing rest imported), possible duplicates the
        accountant did not confirm are left out; all are reported."""
        self.ensure_one()
        receipt_lines, imported = self._apply_lines()
        self._attach_file(receipt_lines, self.skip_ids)
        _logger.info(
            "IMPORT SEPA EST %s into %s: %d receipt line(s)",
            self._get_filename(),
            self.receipt_id.name,
            len(receipt_lines),
        )
        return self._action_done(
            len(imported), sum(imported.mapped("amount")), self.skip_ids
        )

    def _apply_lines(self):
        """Create the receipt lines of the preview lines (duplicate check run again, see
        :meth:`action_apply`); the left-out ones become skipped entries.

        :return: ``(receipt lines, imported preview lines)``"""
        self.ensure_one()
        self.receipt_id._check_importable()
        lines = self.line_ids.sorted("sequence")
        verdicts = self._classify_bookings([line._get_booking() for line in lines])
        skip_vals, vals_list, imported_ids = [], [], []
        next_split = {}
        for line, verdict in zip(lines, verdicts, strict=True):
            state = verdict["state"]
            if state == "duplicate" or (state == "possible" and not line.to_import):
                reason = "duplicate" if state == "duplicate" else "possible_duplicate"
                skip_vals.append(
                    dict(
                        line._prepare_skip_vals(
                            reason, len(self.skip_ids) + len(skip_vals)
                        ),
                        existing_receipt=verdict["receipt"] or line.existing_receipt,
                    )
                )
                continue
            if (
                state == "partial"
                and line.currency_id.compare_amounts(line.amount, verdict["amount"]) > 0
            ):
                line.amount = verdict["amount"]
            split_key = (line.booking_key, line.booking_part)
            split = max(next_split.get(split_key, 0), verdict["split"])
            line_vals = self._prepare_receipt_line_vals(line)
            for position, vals in enumerate(line_vals):
                vals["bank_import_split"] = split + position
            next_split[split_key] = split + len(line_vals)
            vals_list.extend(line_vals)
            imported_ids.append(line.id)
        if skip_vals:
            self.env["account.receipt.import.skip"].create(skip_vals)
        return self._create_receipt_lines(vals_list), self.line_ids.browse(imported_ids)

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.base.models.res_bank import sanitize_account_number

from ..parsers import matching
from ..parsers.refs import normalize_reference

MATCH_RULES = [
    ("reference", "Reference number"),
    ("invoice_number", "Invoice number in the text"),
    ("reference_text", "Reference number in the text"),
    ("amount", "Customer and amount"),
    ("combination", "Customer and sum of open items"),
    ("already_paid", "Invoice already paid: prepayment"),
    ("prepayment", "Prepayment (customer known)"),
    ("manual", "Chosen by you"),
    ("none", "Not matched: choose the customer"),
]

#: tokens of the payment text that may be an invoice number
_TOKEN_SPLIT = re.compile(r"[\s,;]+")
_TOKEN_STRIP = "()[]{}<>.:'\"!?"
#: open customer invoices and credit notes that a payment can settle
OPEN_ITEM_DOMAIN = [
    ("move_type", "in", ("out_invoice", "out_refund")),
    ("state", "=", "posted"),
    ("payment_state", "in", ("not_paid", "partial")),
]
_MATCH_FIELDS = [
    "name",
    "move_type",
    "commercial_partner_id",
    "amount_residual",
    "currency_id",
    "invoice_date_due",
    "date",
    "payment_reference",
    "payment_state",
]
_PAID_STATES = ("paid", "in_payment")


def _age(move):
    return (move.invoice_date_due or move.date, move.date, move.id)


class AccountReceiptCamtMatch(models.AbstractModel):
    """The matching step of IMPORT SEPA EST: suggest the customer and invoices of every
    payment as a careful accountant would, in a fixed number of queries whatever the
    number of payments. Every suggestion carries its explanation (``match_explanation``
    of the line)."""

    _name = "account.receipt.camt.match"
    _description = "IMPORT SEPA EST: Matching"

    # -------------------------------------------------------- look-ups (one query each)

    def _get_open_invoice_domain(self):
        """Open customer invoices and credit notes of the receipt's company that a
        payment may settle."""
        return [("company_id", "=", self.company_id.id), *OPEN_ITEM_DOMAIN]

    @api.model
    def _get_text_tokens(self, text):
        """Words of a payment text that may be invoice numbers
        (``"Arve INV/2026/00118,"`` → ``INV/2026/00118``)."""
        tokens = set()
        for raw in _TOKEN_SPLIT.split(text or ""):
            token = raw.strip(_TOKEN_STRIP)
            if len(token) >= 3 and any(char.isdigit() for char in token):
                tokens.add(token.upper())
        return tokens

    def _get_open_items(self):
        """Every open invoice and credit note of the company in the receipt currency,
        oldest first (one query): the candidates of the amount rules and of the invoice
        numbers however they are typed."""
        return self.env["account.move"].search_fetch(
            [
                *self._get_open_invoice_domain(),
                ("currency_id", "=", self.currency_id.id),
            ],
            _MATCH_FIELDS,
            order="invoice_date_due, date, id",
        )

    def _get_invoices_by_reference(self, references):
        """Posted customer invoices whose payment reference (without spaces, upper case)
        is one of ``references``, open or already paid, as ``{reference: invoices}``;
        one query."""
        if not references:
            return {}
        Move = self.env["account.move"]
        Move.flush_model(
            ["payment_reference", "company_id", "move_type", "state", "payment_state"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT id, upper(regexp_replace(payment_reference, '\\s', '', 'g')) "
                "FROM account_move WHERE company_id = %s AND move_type = "
                "'out_invoice' AND state = 'posted' AND payment_state IN ('not_paid', "
                "'partial', 'paid', 'in_payment') AND "
                "upper(regexp_replace(payment_reference, '\\s', '', 'g')) = ANY(%s)",
                self.company_id.id,
                list(references),
            )
        )
        rows = self.env.cr.fetchall()
        Move.browse([row[0] for row in rows]).fetch(_MATCH_FIELDS)
        result = defaultdict(lambda: Move)
        for invoice_id, reference in rows:
            result[reference] |= Move.browse(invoice_id)
        return result

    def _get_invoices_by_number(self, names):
        """Posted customer invoices (open or paid) whose number is one of ``names``
        (upper case), as ``{number: invoice}``; one query."""
        if not names:
            return {}
        invoices = self.env["account.move"].search_fetch(
            [
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial", *_PAID_STATES)),
                ("name", "in", list(names)),
            ],
            _MATCH_FIELDS,
        )
        return {invoice.name.upper(): invoice for invoice in invoices}

    def _get_partners_by_iban(self, ibans):
        """Customers by the payer IBAN (their bank accounts), as
        ``{iban: commercial partners}``; one query."""
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
        """Customers by registry code (``company_registry``) or internal reference
        (``ref``, the customer's reference number), as ``{code: commercial partners}``;
        one query."""
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
        """Customers whose name is one of ``names`` compared as
        :func:`~..parsers.matching.name_key` does (case, accents, word order and legal
        form ignored, in Python: the database's collation plays no part), as
        ``{name: commercial partners}``; one query."""
        keys = {name: matching.name_key(name) for name in names if name}
        wanted = set(keys.values()) - {""}
        if not wanted:
            return {}
        Partner = self.env["res.partner"]
        Partner.flush_model(["name", "active", "company_id", "commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                "SELECT commercial_partner_id, name FROM res_partner WHERE active AND "
                "name IS NOT NULL AND (company_id IS NULL OR company_id = %s) AND id "
                "!= %s",
                self.company_id.id,
                self.company_id.partner_id.id,
            )
        )
        by_key = defaultdict(set)
        for partner_id, name in self.env.cr.fetchall():
            key = matching.name_key(name)
            if key in wanted:
                by_key[key].add(partner_id)
        return {
            name: Partner.browse(sorted(by_key[key]))
            for name, key in keys.items()
            if by_key.get(key)
        }

    # ------------------------------------------------------------------ choosing

    def _pick_invoices(self, amount, invoices):
        """Among ``invoices`` (of one customer, e.g. all those with the paid reference),
        the ones the payment of ``amount`` settles: the combination whose open amounts
        equal it (fewest, then oldest: see :func:`~..parsers.matching.exact_sum`), else
        the oldest first until the amount is used."""
        currency = self.currency_id
        if len(invoices) == 1:
            return invoices
        combination = self._get_exact_combination(amount, invoices)
        if combination:
            return combination
        picked = self.env["account.move"]
        left = amount
        for invoice in invoices.filtered(
            lambda inv: inv.currency_id == currency
        ).sorted(_age):
            if currency.compare_amounts(left, 0) <= 0:
                break
            picked |= invoice
            left -= invoice.amount_residual
        return picked

    def _get_exact_combination(self, amount, items):
        """The open ``items`` in the receipt currency (credit notes count negative)
        whose open amounts add up to ``amount`` exactly (bounded search), else an empty
        recordset."""
        currency = self.currency_id
        cents = 10**currency.decimal_places

        def signed(move):
            return (
                -move.amount_residual
                if move.move_type == "out_refund"
                else move.amount_residual
            )

        pool = [
            (move.id, round(signed(move) * cents))
            for move in items.sorted(_age)
            if move.currency_id == currency
        ]
        found = matching.exact_sum(round(amount * cents), pool)
        return self.env["account.move"].browse(found or [])

    def _get_line_partner(self, line, lookups):
        """``(commercial partner, explanation)`` of ``line``: the ultimate debtor first
        (a parent company paying for its subsidiary), then the payer's IBAN, registry or
        personal code, the customer reference number given as reference, then the
        payer's name."""
        by_iban, by_code, by_name = lookups["iban"], lookups["code"], lookups["name"]
        candidates = [
            (
                by_code.get(line.ultimate_payer_code),
                self.env._("ultimate debtor %s", line.ultimate_payer_code),
            ),
            (
                by_name.get(line.ultimate_payer_name),
                self.env._("ultimate debtor %s", line.ultimate_payer_name),
            ),
            (
                by_iban.get(sanitize_account_number(line.payer_iban))
                if line.payer_iban
                else None,
                self.env._("payer account %s", line.payer_iban),
            ),
            (
                by_code.get(line.payer_code),
                self.env._("payer code %s", line.payer_code),
            ),
            (
                by_code.get(line.payment_reference),
                self.env._("customer reference %s", line.payment_reference),
            ),
            (
                by_name.get(line.payer_name),
                self.env._("payer name %s", line.payer_name),
            ),
        ]
        for partners, how in candidates:
            if partners and len(partners) == 1:
                return partners, how
        return self.env["res.partner"], ""

    def _get_match_lookups(self, lines):
        """Everything the rules need for ``lines``, in a fixed number of queries."""
        texts = {
            line: " ".join(filter(None, (line.text, line.payment_reference)))
            for line in lines
        }
        text_refs = {line: matching.references_in_text(line.text) for line in lines}
        references = {
            normalize_reference(line.payment_reference)
            for line in lines
            if line.payment_reference
        }
        open_items = self._get_open_items()
        by_key = defaultdict(lambda: self.env["account.move"])
        for move in open_items:
            key = (
                matching.invoice_number_key(move.name)
                if move.move_type == "out_invoice"
                else None
            )
            if key:
                by_key[key[1:]] |= move
        tokens = {line: self._get_text_tokens(texts[line]) for line in lines}
        numbers = {
            line: matching.invoice_numbers_in_text(texts[line]) for line in lines
        }
        codes = {line.payer_code for line in lines} | {
            line.ultimate_payer_code for line in lines
        }
        return {
            "texts": texts,
            "tokens": tokens,
            "numbers": numbers,
            "text_refs": text_refs,
            "open_items": open_items,
            "by_number_key": by_key,
            "by_reference": self._get_invoices_by_reference(
                references.union(*text_refs.values()) if lines else set()
            ),
            "by_name_token": self._get_invoices_by_number(
                set().union(*tokens.values()) if lines else set()
            ),
            "iban": self._get_partners_by_iban(
                {
                    sanitize_account_number(line.payer_iban)
                    for line in lines
                    if line.payer_iban
                }
                - {False}
            ),
            "code": self._get_partners_by_code((codes | references) - {False, ""}),
            "name": self._get_partners_by_name(
                (
                    {line.payer_name for line in lines}
                    | {line.ultimate_payer_name for line in lines}
                )
                - {False}
            ),
        }

    def _match_reference(self, line, reference, rule, lookups):
        """``(result or None, paid invoices)`` of a payment reference (``rule``:
        ``reference`` when structured, ``reference_text`` when written in the text): the
        open invoices of one customer with that payment reference, the combination of
        them the amount pays."""
        invoices = lookups["by_reference"].get(reference, self.env["account.move"])
        open_invoices = invoices.filtered(
            lambda inv: inv.payment_state not in _PAID_STATES
        )
        if not open_invoices or len(open_invoices.commercial_partner_id) != 1:
            return None, invoices - open_invoices
        picked = self._pick_invoices(line.amount, open_invoices)
        if rule == "reference":
            why = self.env._(
                "Reference %(reference)s of %(invoices)s",
                reference=reference,
                invoices=_names(picked),
            )
        else:
            why = self.env._(
                "Reference %(reference)s written in the text, of %(invoices)s",
                reference=reference,
                invoices=_names(picked),
            )
        return (
            rule,
            open_invoices.commercial_partner_id,
            picked,
            why,
        ), invoices - open_invoices

    def _match_by_documents(self, line, lookups):
        """The rules that name the invoice: structured reference, invoice number in the
        text (however written), reference number in the text.
        ``(rule, partner, invoices, explanation)`` or ``None``; a reference or number of
        an invoice already paid gives ``already_paid`` with its customer."""
        Move = self.env["account.move"]
        paid = Move
        reference = normalize_reference(line.payment_reference)
        if reference:
            result, paid = self._match_reference(line, reference, "reference", lookups)
            if result:
                return result
        found = Move.union(
            *(
                lookups["by_name_token"][t]
                for t in lookups["tokens"][line]
                if t in lookups["by_name_token"]
            )
        )
        for number in lookups["numbers"][line]:
            found |= (
                lookups["by_number_key"]
                .get(number[1:3], Move)
                .filtered(
                    lambda inv, number=number: matching.matches_invoice_key(
                        number, matching.invoice_number_key(inv.name)
                    )
                )
            )
        open_found = found.filtered(lambda inv: inv.payment_state not in _PAID_STATES)
        paid |= found - open_found
        if open_found and len(open_found.commercial_partner_id) == 1:
            return (
                "invoice_number",
                open_found.commercial_partner_id,
                open_found,
                self.env._(
                    "Invoice number %(invoices)s in the text",
                    invoices=_names(open_found),
                ),
            )
        for text_reference in sorted(lookups["text_refs"][line] - {reference}):
            result, paid_by_text = self._match_reference(
                line, text_reference, "reference_text", lookups
            )
            if result:
                return result
            paid |= paid_by_text
        if paid and len(paid.commercial_partner_id) == 1:
            return (
                "already_paid",
                paid.commercial_partner_id,
                Move,
                self.env._(
                    "The payment names %(invoices)s, already paid: a prepayment of "
                    "its customer (check for a double payment)",
                    invoices=_names(paid),
                ),
            )
        return None

    def _match_invoices(self, lines):
        """Suggest a customer and invoices for ``lines``
        (``account.receipt.camt.import.line``), in batch: a fixed number of queries
        whatever the number of lines. Order of the rules:

        1. the structured reference equals the payment reference of open invoices
           (``reference``);
        2. an open invoice number appears in the payment text, however written
           (``invoice_number``);
        3. a valid 7-3-1 or RF reference written in the text (``reference_text``);
        4. a reference or number of an invoice already paid: prepayment of its customer,
           with a hint (``already_paid``);
        5. the customer by ultimate debtor, payer IBAN, registry code or reference
           number, or name (case, accents and word order ignored); then the oldest open
           invoice whose open amount equals the payment (``amount``), else the fewest
           oldest open items (credit notes included) that add up to it exactly
           (``combination``);
        6. otherwise a prepayment of that customer (``prepayment``), else nothing
           (``none``: the user chooses).
        """
        lookups = self._get_match_lookups(lines)
        results = {}
        need_amount = {}
        Move = self.env["account.move"]
        for line in lines:
            result = self._match_by_documents(line, lookups)
            if result:
                results[line] = result
                continue
            partner, how = self._get_line_partner(line, lookups)
            if partner:
                need_amount[line] = (partner, how)
            else:
                results[line] = ("none", self.env["res.partner"], Move, "")
        # an invoice already suggested by its reference or number, or already on a line
        # of the receipt (an earlier file, an earlier batch of a background import), is
        # not offered again by amount
        used = {
            invoice_id for result in results.values() for invoice_id in result[2].ids
        }
        used.update(self._get_taken_invoice_ids())
        by_partner = defaultdict(lambda: Move)
        for move in lookups["open_items"]:
            by_partner[move.commercial_partner_id.id] |= move
        for line, (partner, how) in need_amount.items():
            items = by_partner[partner.id].filtered(lambda inv: inv.id not in used)
            results[line] = self._match_by_amount(line, partner, how, items)
            used.update(results[line][2].ids)
        self._write_match_results(results)

    def _get_taken_invoice_ids(self):
        """Ids of the invoices the receipt's lines already pay."""
        lines = self.env["account.receipt.line"].search_fetch(
            [("receipt_id", "=", self.receipt_id.id), ("invoice_id", "!=", False)],
            ["invoice_id"],
        )
        return set(lines.invoice_id.ids)

    def _match_by_amount(self, line, partner, how, items):
        """``(rule, partner, invoices, explanation)`` of a payment whose customer is
        known but no document named: one open invoice of that amount, else a combination
        of open items, else a prepayment."""
        currency = self.currency_id
        invoices = items.filtered(lambda inv: inv.move_type == "out_invoice")
        single = invoices.filtered(
            lambda inv: currency.compare_amounts(inv.amount_residual, line.amount) == 0
        )
        if single:
            return (
                "amount",
                partner,
                single[0],
                self.env._(
                    "Customer by %(how)s; open invoice %(invoice)s of this amount",
                    how=how,
                    invoice=single[0].name,
                ),
            )
        combination = self._get_exact_combination(line.amount, items)
        if combination:
            return (
                "combination",
                partner,
                combination,
                self.env._(
                    "Customer by %(how)s; open items %(invoices)s add up to this "
                    "amount",
                    how=how,
                    invoices=_names(combination),
                ),
            )
        return (
            "prepayment",
            partner,
            self.env["account.move"],
            self.env._(
                "Customer by %(how)s; no open items of this amount: prepayment", how=how
            ),
        )

    def _write_match_results(self, results):
        """Store ``{line: (rule, partner, invoices, explanation)}`` on the preview lines
        in bulk: one ``UPDATE`` per rule and customer and one ``INSERT`` of all the
        chosen invoices, instead of one write per line."""
        if not results:
            return
        Line = self.env["account.receipt.camt.import.line"]
        lines = Line.union(*results)
        lines.flush_recordset()
        groups = defaultdict(list)
        for line, (rule, partner, _invoices, explanation) in results.items():
            groups[(rule, partner.id or None, explanation or None)].append(line.id)
        for (rule, partner_id, explanation), line_ids in groups.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE account_receipt_camt_import_line SET match_rule = %s, "
                    "partner_id = %s, match_explanation = %s WHERE id = ANY(%s)",
                    rule,
                    partner_id,
                    explanation,
                    line_ids,
                )
            )
        self.env.cr.execute(
            SQL(
                "DELETE FROM account_receipt_camt_import_line_move_rel WHERE line_id "
                "= ANY(%s)",
                lines.ids,
            )
        )
        pairs = [
            (line.id, move_id)
            for line, result in results.items()
            for move_id in result[2].ids
        ]
        if pairs:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO account_receipt_camt_import_line_move_rel (line_id, "
                    "move_id) SELECT * FROM unnest(%s::int[], %s::int[])",
                    [pair[0] for pair in pairs],
                    [pair[1] for pair in pairs],
                )
            )
        lines.invalidate_recordset(
            ["match_rule", "partner_id", "match_explanation", "invoice_ids"]
        )


def _names(moves):
    return ", ".join(moves.sorted(_age).mapped("name"))

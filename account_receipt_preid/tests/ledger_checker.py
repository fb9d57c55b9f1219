# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""An independent checker of the PreID ledger and the receipts against the books (test
helper, not product code).

Everything is read with SQL from the tables, after flushing what the ORM still holds in
memory: no ORM compute, no stored balance and not
``account.prepayment._get_ledger_differences`` take part, so that a bug in those cannot
hide a disagreement. :func:`get_book_differences` returns one ``(code, message)`` per
difference; the tests assert that the list is empty (and, in ``test_preid_checker``,
that it is not once the books are corrupted).

What is checked, for one company:

``ledger``
    For every prepayment account, commercial partner and currency: the PreID ledger
    (received − applied − refunded, summed from ``account_prepayment.amount`` and
    ``account_prepayment_allocation.amount``) equals the credit balance in that currency
    of the posted journal items (``amount_currency``).
``ledger_company``
    The same in company currency: each PreID's remaining company value (its company
    value received, in proportion to what is left) equals the credit ``balance`` of the
    account; a cent per allocation of tolerance covers the rounding of each application
    at the PreID's historical rate.
``preid_balance``, ``preid_negative``
    The stored usable balance of every PreID is its amount minus its allocations, and
    never below zero.
``receipt_entry``, ``receipt_entries``, ``receipt_header``, ``receipt_total``,
``entry_shared``
    Every posted receipt has exactly one posted (not reversed) entry — an entry whose
    reference starts with the receipt's number, as the receipt writes it —, the one it
    links, with the receipt's date, journal and currency, and whose money items (the
    payment mode's account; the prepayment accounts for a netting payment mode) total
    the receipt's lines; a receipt that is not posted has no posted entry left; no two
    receipts share an entry.
``receipt_preid``
    Every positive prepayment line of a posted receipt created exactly one PreID, of the
    line's customer, currency and amount (fee included); no PreID comes from a receipt
    that is not posted.
``allocation_entry``
    Every allocation has its entry, posted: the application entry of a posted invoice,
    or the entry of the posted receipt whose netting or refund line made it.
"""

from collections import defaultdict

from odoo import Command
from odoo.tests import new_test_user

#: kinds of receipt lines that book on a prepayment account
PREPAYMENT_KINDS = ("prepayment", "refund", "netting")


def _rows(cr, query, params):
    cr.execute(query, params)
    return cr.fetchall()


def get_prepayment_accounts(cr, company_id):
    """Ids of the company's prepayment accounts: the company default, the customers'
    (company-dependent) ones, the accounts of PreIDs and those named on prepayment,
    refund and netting receipt lines."""
    key = str(company_id)
    rows = _rows(
        cr,
        """
        SELECT receipt_prepayment_account_id FROM res_company WHERE id = %(company)s
        UNION SELECT (receipt_prepayment_account_id ->> %(key)s)::int FROM res_partner
                      WHERE receipt_prepayment_account_id ? %(key)s
        UNION SELECT account_id FROM account_prepayment WHERE company_id = %(company)s
        UNION SELECT account_id FROM account_receipt_line
               WHERE company_id = %(company)s AND account_id IS NOT NULL
                 AND kind IN %(kinds)s
        """,
        {"company": company_id, "key": key, "kinds": PREPAYMENT_KINDS},
    )
    return tuple(sorted({row[0] for row in rows if row[0]}))


def _ledger(cr, company_id):
    """``{(account, commercial partner, currency): [amount, company amount,
    allocations]}`` of the PreIDs."""
    ledger = defaultdict(lambda: [0.0, 0.0, 0])
    for account, partner, currency, left, company_left, allocations in _rows(
        cr,
        """
        SELECT p.account_id, COALESCE(rp.commercial_partner_id, p.partner_id),
               p.currency_id,
               p.amount - COALESCE(a.total, 0),
               CASE WHEN p.amount = 0 THEN 0
                    ELSE COALESCE(p.amount_company_currency, 0)
                         * (p.amount - COALESCE(a.total, 0)) / p.amount END,
               COALESCE(a.number, 0)
          FROM account_prepayment p
          JOIN res_partner rp ON rp.id = p.partner_id
          LEFT JOIN (SELECT prepayment_id, SUM(amount) AS total, COUNT(*) AS number
                       FROM account_prepayment_allocation GROUP BY prepayment_id) a
                 ON a.prepayment_id = p.id
         WHERE p.company_id = %(company)s
        """,
        {"company": company_id},
    ):
        values = ledger[(account, partner, currency)]
        values[0] += float(left)
        values[1] += float(company_left)
        values[2] += allocations
    return ledger


def _books(cr, company_id, accounts):
    """``{(account, commercial partner, currency): [credit in currency, credit in
    company currency]}`` of the posted journal items on ``accounts``."""
    books = defaultdict(lambda: [0.0, 0.0])
    if not accounts:
        return books
    for account, partner, currency, amount, balance in _rows(
        cr,
        """
        SELECT aml.account_id, COALESCE(rp.commercial_partner_id, aml.partner_id),
               aml.currency_id, -SUM(aml.amount_currency), -SUM(aml.balance)
          FROM account_move_line aml
          JOIN account_move m ON m.id = aml.move_id
          LEFT JOIN res_partner rp ON rp.id = aml.partner_id
         WHERE m.state = 'posted' AND m.company_id = %(company)s
           AND aml.account_id IN %(accounts)s
         GROUP BY 1, 2, 3
        """,
        {"company": company_id, "accounts": accounts},
    ):
        books[(account, partner, currency)] = [float(amount), float(balance)]
    return books


def _check_ledger(cr, company_id):
    """Codes ``ledger`` and ``ledger_company``."""
    names = dict(_rows(cr, "SELECT id, name FROM res_currency", {}))
    digits = dict(_rows(cr, "SELECT id, decimal_places FROM res_currency", {}))
    company_currency = _rows(
        cr, "SELECT currency_id FROM res_company WHERE id = %s", (company_id,)
    )[0][0]
    ledger = _ledger(cr, company_id)
    books = _books(cr, company_id, get_prepayment_accounts(cr, company_id))
    differences = []
    for key in sorted(set(ledger) | set(books), key=lambda k: tuple(v or 0 for v in k)):
        account, partner, currency = key
        left, company_left, allocations = ledger.get(key, (0.0, 0.0, 0))
        amount, balance = books.get(key, (0.0, 0.0))
        where = f"account {account}, partner {partner}, {names.get(currency)}"
        if round(left - amount, digits.get(currency, 2)):
            differences.append(
                ("ledger", f"{where}: ledger {left:.2f}, books {amount:.2f}")
            )
        elif abs(company_left - balance) > 0.01 * (allocations + 1) - 10 ** -(
            digits[company_currency] + 2
        ):
            differences.append(
                (
                    "ledger_company",
                    f"{where}: ledger {company_left:.2f}, books {balance:.2f} "
                    f"(company currency)",
                )
            )
    return differences


def _check_preids(cr, company_id):
    """Codes ``preid_balance``, ``preid_negative`` and ``receipt_preid``."""
    differences = []
    for name, stored, computed in _rows(
        cr,
        """
        SELECT p.name, p.usable_balance, p.amount - COALESCE(SUM(a.amount), 0)
          FROM account_prepayment p
          LEFT JOIN account_prepayment_allocation a ON a.prepayment_id = p.id
         WHERE p.company_id = %(company)s
         GROUP BY p.id
        """,
        {"company": company_id},
    ):
        if round(float(computed), 2) < 0:
            differences.append(("preid_negative", f"PreID {name}: {computed:.2f} left"))
        if round(float(stored or 0) - float(computed), 2):
            differences.append(
                (
                    "preid_balance",
                    f"PreID {name}: usable balance {stored}, ledger {computed}",
                )
            )
    for receipt, line, count, wrong in _rows(
        cr,
        """
        SELECT r.name, l.id, COUNT(p.id),
               COUNT(p.id) FILTER (
                   WHERE p.currency_id != r.currency_id
                      OR p.partner_id != rp.commercial_partner_id
                      OR round(p.amount - l.amount - COALESCE(l.fee_amount, 0), 2) != 0)
          FROM account_receipt_line l
          JOIN account_receipt r ON r.id = l.receipt_id
          JOIN res_partner rp ON rp.id = l.partner_id
          LEFT JOIN account_prepayment p ON p.receipt_line_id = l.id
         WHERE r.company_id = %(company)s AND r.state = 'posted'
           AND l.kind = 'prepayment' AND l.amount > 0
         GROUP BY r.name, l.id
        HAVING COUNT(p.id) != 1 OR COUNT(p.id) FILTER (
                   WHERE p.currency_id != r.currency_id
                      OR p.partner_id != rp.commercial_partner_id
                      OR round(p.amount - l.amount - COALESCE(l.fee_amount, 0), 2) != 0
               ) > 0
        """,
        {"company": company_id},
    ):
        differences.append(
            (
                "receipt_preid",
                f"receipt {receipt} line {line}: {count} PreIDs, {wrong} not as the "
                f"line",
            )
        )
    for name, receipt, state in _rows(
        cr,
        """
        SELECT p.name, r.name, r.state
          FROM account_prepayment p
          JOIN account_receipt_line l ON l.id = p.receipt_line_id
          JOIN account_receipt r ON r.id = l.receipt_id
         WHERE p.company_id = %(company)s AND r.state != 'posted'
        """,
        {"company": company_id},
    ):
        differences.append(
            (
                "receipt_preid",
                f"PreID {name} comes from receipt {receipt}, which is {state}",
            )
        )
    return differences


#: posted entries that are not reversed by a posted entry
_LIVE_MOVES = """
    SELECT m.* FROM account_move m
     WHERE m.state = 'posted' AND m.company_id = %(company)s
       AND NOT EXISTS (SELECT 1 FROM account_move rev
                        WHERE rev.reversed_entry_id = m.id AND rev.state = 'posted')
"""


def _check_receipts(cr, company_id):
    """Codes ``receipt_entry``, ``receipt_entries``, ``receipt_header``,
    ``receipt_total`` and ``entry_shared``."""
    differences = []
    params = {"company": company_id}
    for name, state, move, move_state, reversed_by, entries in _rows(
        cr,
        f"""
        WITH live AS (SELECT split_part(m.ref, ' ', 1) AS receipt, COUNT(*) AS number
                        FROM ({_LIVE_MOVES}) m
                       WHERE m.move_type = 'entry' AND m.ref IS NOT NULL
                       GROUP BY 1)
        SELECT r.name, r.state, r.move_id, m.state, rev.name, COALESCE(live.number, 0)
          FROM account_receipt r
          LEFT JOIN account_move m ON m.id = r.move_id
          LEFT JOIN LATERAL (SELECT name FROM account_move
                              WHERE reversed_entry_id = m.id AND state = 'posted'
                              LIMIT 1) rev ON TRUE
          LEFT JOIN live ON live.receipt = r.name
         WHERE r.company_id = %(company)s
        """,
        params,
    ):
        if state == "posted" and (not move or move_state != "posted" or reversed_by):
            differences.append(
                (
                    "receipt_entry",
                    f"posted receipt {name}: entry {move or 'missing'} "
                    f"{move_state or ''}"
                    f"{' reversed by ' + reversed_by if reversed_by else ''}",
                )
            )
        expected = 1 if state == "posted" else 0
        if entries != expected:
            differences.append(
                (
                    "receipt_entries",
                    f"{state} receipt {name} has {entries} posted entries",
                )
            )
    for name, field, receipt_value, move_value in _rows(
        cr,
        """
        SELECT r.name, x.field, x.receipt_value, x.move_value
          FROM account_receipt r JOIN account_move m ON m.id = r.move_id,
          LATERAL (VALUES ('date', r.date::text, m.date::text),
                          ('journal', r.journal_id::text, m.journal_id::text),
                          ('currency', r.currency_id::text, m.currency_id::text),
                          ('company', r.company_id::text, m.company_id::text))
               AS x(field, receipt_value, move_value)
         WHERE r.company_id = %(company)s AND r.state = 'posted'
           AND x.receipt_value IS DISTINCT FROM x.move_value
        """,
        params,
    ):
        differences.append(
            (
                "receipt_header",
                f"receipt {name}: {field} {receipt_value}, entry {move_value}",
            )
        )
    accounts = get_prepayment_accounts(cr, company_id) or (0,)
    for name, lines_total, money_total in _rows(
        cr,
        """
        SELECT r.name,
               (SELECT COALESCE(SUM(l.amount), 0) FROM account_receipt_line l
                 WHERE l.receipt_id = r.id),
               (SELECT COALESCE(SUM(aml.amount_currency), 0) FROM account_move_line aml
                 WHERE aml.move_id = r.move_id AND aml.currency_id = r.currency_id
                   AND CASE WHEN j.receipt_type = 'netting'
                            THEN aml.account_id IN %(accounts)s
                            ELSE aml.account_id = j.default_account_id END)
          FROM account_receipt r JOIN account_journal j ON j.id = r.journal_id
         WHERE r.company_id = %(company)s AND r.state = 'posted'
           AND r.move_id IS NOT NULL
        """,
        dict(params, accounts=accounts),
    ):
        if round(float(lines_total) - float(money_total), 2):
            differences.append(
                (
                    "receipt_total",
                    f"receipt {name}: lines {lines_total:.2f}, entry {money_total:.2f}",
                )
            )
    for move, receipts in _rows(
        cr,
        """
        SELECT move_id, string_agg(name, ', ') FROM account_receipt
         WHERE company_id = %(company)s AND move_id IS NOT NULL
         GROUP BY move_id HAVING COUNT(*) > 1
        """,
        params,
    ):
        differences.append(
            ("entry_shared", f"entry {move} belongs to receipts {receipts}")
        )
    return differences


def _check_allocations(cr, company_id):
    """Code ``allocation_entry``."""
    differences = []
    for allocation, preid, kind, problem in _rows(
        cr,
        """
        SELECT a.id, p.name, a.kind,
               CASE WHEN a.move_id IS NULL THEN 'no entry'
                    WHEN m.state != 'posted' THEN 'entry ' || m.id || ' is ' || m.state
                    WHEN EXISTS (SELECT 1 FROM account_move rev
                                  WHERE rev.reversed_entry_id = m.id
                                    AND rev.state = 'posted')
                         THEN 'entry ' || m.id || ' is reversed'
                    WHEN a.kind = 'invoice'
                         AND (inv.id IS NULL OR inv.state != 'posted')
                         THEN 'invoice ' || COALESCE(inv.name, 'missing')
                              || ' is not posted'
                    WHEN a.kind != 'invoice' AND (r.id IS NULL OR r.state != 'posted')
                         THEN 'receipt ' || COALESCE(r.name, 'missing')
                              || ' is not posted'
                    WHEN a.kind != 'invoice' AND r.move_id != a.move_id
                         THEN 'not the entry of receipt ' || r.name
               END
          FROM account_prepayment_allocation a
          JOIN account_prepayment p ON p.id = a.prepayment_id
          LEFT JOIN account_move m ON m.id = a.move_id
          LEFT JOIN account_move inv ON inv.id = a.invoice_id
          LEFT JOIN account_receipt_line l ON l.id = a.receipt_line_id
          LEFT JOIN account_receipt r ON r.id = l.receipt_id
         WHERE p.company_id = %(company)s
        """,
        {"company": company_id},
    ):
        if problem:
            differences.append(
                (
                    "allocation_entry",
                    f"allocation {allocation} ({kind}) of {preid}: {problem}",
                )
            )
    return differences


def get_book_differences(env, company):
    """All differences between the PreID ledger, the receipts and the books of
    ``company`` (see the module docstring): a list of ``(code, message)``, empty when
    everything agrees."""
    env.flush_all()
    cr = env.cr
    company_id = company.id
    return (
        _check_ledger(cr, company_id)
        + _check_preids(cr, company_id)
        + _check_receipts(cr, company_id)
        + _check_allocations(cr, company_id)
    )


class BooksCheckMixin:
    """``assertBooksAgree``: the checker finds no difference (prints them when it
    does)."""

    @classmethod
    def setup_roles(cls, prefix):
        """The roles of issue 15: ``cls.invoicing_user`` and the second-company
        ``cls.user_b`` (``setup_invoicing_users``) and ``cls.accountant`` (Accounting
        rights); the netting journal nets."""
        cls.setup_invoicing_users(prefix)
        cls.accountant = new_test_user(
            cls.env,
            login=f"{prefix}_accountant",
            groups=(
                "base.group_user,account.group_account_invoice,account.group_account_user"
            ),
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.netting_journal.receipt_type = "netting"

    def assertBooksAgree(self, company=None, msg=None):
        differences = get_book_differences(self.env, company or self.company)
        if differences:
            self.fail(
                (f"{msg}: " if msg else "")
                + "the books and the PreID ledger disagree:\n"
                + "\n".join(f"  [{code}] {text}" for code, text in differences)
            )

    def assertBooksDisagree(self, code, company=None):
        """The checker reports at least one difference of ``code``; returns the
        differences."""
        differences = get_book_differences(self.env, company or self.company)
        self.assertIn(code, [found for found, _text in differences], differences)
        return differences

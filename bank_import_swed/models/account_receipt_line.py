# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class AccountReceiptLine(models.Model):
    _inherit = "account.receipt.line"

    bank_import_date = fields.Date(
        string="Bank Date",
        help=(
            "Booking date of the bank entry, or payment date of the factoring row, "
            "this line was imported from."
        ),
    )
    bank_import_account = fields.Char(
        string="Imported From",
        copy=False,
        readonly=True,
        help=(
            "Account (IBAN) or factoring contract of the file this line was imported "
            "from. With the bank reference it identifies the bank entry: the same "
            "entry is never imported twice in a company."
        ),
    )

    bank_import_key = fields.Char(
        string="Booking Key",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help=(
            "Duplicate key of the bank booking this line was imported from (the "
            "bank's entry reference with the account, booking date and amount, else "
            "the entry's content). Every line of one payment carries it."
        ),
    )
    bank_import_part = fields.Integer(
        string="Booking Part",
        copy=False,
        readonly=True,
        default=0,
        help=(
            "0: the whole booking; n: its n-th transaction when the bank reported the "
            "booking split."
        ),
    )
    bank_import_split = fields.Integer(
        copy=False,
        readonly=True,
        default=0,
        help=(
            "Position of this line among the receipt lines of the same booking part "
            "(a payment split over several invoices)."
        ),
    )
    bank_import_fingerprint = fields.Char(
        copy=False,
        readonly=True,
        index="btree_not_null",
        help=(
            "Account, date, amount and payer of the bank line: the same payment "
            "reported without the same bank reference is shown as a possible "
            "duplicate."
        ),
    )

    # One part of a bank booking at most once per company, whatever the import path: the
    # wizards search before they create (and name the receipt), this constraint catches
    # two imports running at once. Every line of a payment split over invoices carries
    # the key (with its own split position), so deleting one of them and importing again
    # brings back that part only. NULLs are distinct: lines without key are not
    # constrained.
    _sql_constraints = [
        (
            "bank_import_key_uniq",
            "unique(company_id, bank_import_key, bank_import_part, bank_import_split)",
            "This bank entry is already imported in a receipt of this company.",
        )
    ]

    def _auto_init(self):
        """Drop the constraint of earlier versions, one reference per payment
        (unique(company_id, bank_import_account, bank_reference)), which Odoo does not
        drop by itself on update: it refused a payment split over several invoices."""
        self.env.cr.execute(
            "ALTER TABLE IF EXISTS account_receipt_line DROP CONSTRAINT IF EXISTS "
            "account_receipt_line_bank_import_uniq"
        )
        return super()._auto_init()

    @api.model
    def _get_imported_bank_references(self, company, account, references):
        """Those of ``references`` already imported for ``account`` (IBAN or factoring
        contract) into a receipt of ``company``, as
        ``{bank reference: receipt number}``; in one query and whatever the user's
        record rules (a duplicate must be seen even on a receipt the user cannot
        read)."""
        references = [ref for ref in references if ref]
        if not references or not account:
            return {}
        self.flush_model(
            ["company_id", "bank_import_account", "bank_reference", "receipt_id"]
        )
        self.env["account.receipt"].flush_model(["name"])
        self.env.cr.execute(
            SQL(
                "SELECT line.bank_reference, receipt.name FROM account_receipt_line "
                "line JOIN account_receipt receipt ON receipt.id = line.receipt_id "
                "WHERE line.company_id = %s AND line.bank_import_account = %s AND "
                "line.bank_reference = ANY(%s)",
                company.id,
                account,
                references,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _get_imported_bookings(self, company, keys, fingerprints):
        """What is already imported into receipts of ``company`` for the booking
        ``keys`` and the weak ``fingerprints``, whatever the user's record rules (one
        query each):

        * ``{key: {part: (amount, next split, receipt number)}}`` summed over the
          receipt lines of that key;
        * ``{fingerprint: [(key, receipt number)]}``.
        """
        keys = [key for key in keys if key]
        fingerprints = [fingerprint for fingerprint in fingerprints if fingerprint]
        by_key, by_fingerprint = {}, {}
        if not keys and not fingerprints:
            return by_key, by_fingerprint
        self.flush_model(
            [
                "company_id",
                "bank_import_key",
                "bank_import_part",
                "bank_import_split",
                "amount",
                "receipt_id",
            ]
        )
        self.flush_model(["bank_import_fingerprint"])
        self.env["account.receipt"].flush_model(["name"])
        if keys:
            self.env.cr.execute(
                SQL(
                    "SELECT line.bank_import_key, line.bank_import_part, "
                    "sum(line.amount), max(line.bank_import_split) + 1, "
                    "min(receipt.name) FROM account_receipt_line line JOIN "
                    "account_receipt receipt ON receipt.id = line.receipt_id WHERE "
                    "line.company_id = %s AND line.bank_import_key = ANY(%s) GROUP BY "
                    "line.bank_import_key, line.bank_import_part",
                    company.id,
                    keys,
                )
            )
            for key, part, amount, next_split, receipt in self.env.cr.fetchall():
                by_key.setdefault(key, {})[part] = (amount, next_split, receipt)
        if fingerprints:
            self.env.cr.execute(
                SQL(
                    "SELECT line.bank_import_fingerprint, line.bank_import_key, "
                    "receipt.name FROM account_receipt_line line JOIN account_receipt "
                    "receipt ON receipt.id = line.receipt_id WHERE line.company_id = "
                    "%s AND line.bank_import_fingerprint = ANY(%s)",
                    company.id,
                    fingerprints,
                )
            )
            for fingerprint, key, receipt in self.env.cr.fetchall():
                by_fingerprint.setdefault(fingerprint, []).append((key, receipt))
        return by_key, by_fingerprint

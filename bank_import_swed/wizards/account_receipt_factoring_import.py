# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..parsers import swed_factoring

_logger = logging.getLogger(__name__)

ROW_STATES = [
    ("ok", "Invoice found"),
    ("not_open", "Invoice already paid or not open"),
    ("unknown", "Invoice not found"),
]


class AccountReceiptFactoringImport(models.TransientModel):
    """IMPORT SWED factoring: a Swedbank factoring list (``LIST_ADV_BUYER`` advances or
    ``LIST_RES_BUYER`` reserves) into a draft receipt whose payment mode has the export
    type *SWED factoring*.

    Steps: :meth:`action_read_file` (parse, find the invoices by number, preview every
    row, unknown invoice numbers included) → :meth:`action_apply` (one receipt line per
    row: bank amount, fee on the bank services account, comment and payment date)."""

    _name = "account.receipt.factoring.import"
    _inherit = ["account.receipt.import.mixin"]
    _description = "IMPORT SWED factoring"

    line_ids = fields.One2many(
        comodel_name="account.receipt.factoring.import.line", inverse_name="import_id"
    )
    skip_ids = fields.One2many(
        comodel_name="account.receipt.import.skip", inverse_name="factoring_import_id"
    )
    list_type = fields.Selection(
        selection=[
            (swed_factoring.LIST_ADV_BUYER, "Advances (LIST_ADV_BUYER)"),
            (swed_factoring.LIST_RES_BUYER, "Reserves (LIST_RES_BUYER)"),
        ],
        readonly=True,
        help=(
            "Advances: the money the factoring company paid in advance for the "
            "invoices; reserves: the rest of the invoices' amounts paid out once the "
            "buyers paid."
        ),
    )
    contract_number = fields.Char(readonly=True, help="Factoring contract of the list.")
    unknown_policy = fields.Selection(
        selection=[
            ("skip", "Skip them (listed in the receipt's chatter)"),
            (
                "import",
                "Import them as lines without invoice, to complete on the receipt",
            ),
        ],
        string="Rows Without Open Invoice",
        default="skip",
        required=True,
        help=(
            "Rows whose invoice number is not an open customer invoice of the company "
            "(unless you choose the invoice in the list): skipped and reported, or "
            "imported as receipt lines without invoice that you complete (customer, "
            "invoice) before confirming the receipt."
        ),
    )
    fee_account_id = fields.Many2one(
        comodel_name="account.account",
        check_company=True,
        readonly=True,
        help="Bank services account of the payment mode, else the company default.",
    )
    unknown_count = fields.Integer(compute="_compute_unknown_count")
    over_count = fields.Integer(compute="_compute_unknown_count")
    list_warning = fields.Char(compute="_compute_list_warning")
    line_count = fields.Integer(compute="_compute_unknown_count")
    has_fees = fields.Boolean(compute="_compute_unknown_count")

    @api.depends("line_ids", "line_ids.row_state", "line_ids.fee_amount")
    def _compute_unknown_count(self):
        for wizard in self:
            wizard.line_count = len(wizard.line_ids)
            wizard.unknown_count = len(
                wizard.line_ids.filtered(lambda line: line.row_state != "ok")
            )
            wizard.over_count = len(wizard.line_ids.filtered("over_open"))
            wizard.has_fees = any(wizard.line_ids.mapped("fee_amount"))

    @api.depends("list_type", "journal_id.receipt_factoring_list")
    def _compute_list_warning(self):
        for wizard in self:
            wizard.list_warning = wizard._get_list_warning()

    def _get_list_warning(self):
        """Warning when the list is not of the kind the payment mode takes (its
        *Factoring Lists*)."""
        self.ensure_one()
        expected = self.journal_id.receipt_factoring_list
        if not self.list_type or not expected:
            return False
        actual = "advance" if self.list_type == "LIST_ADV_BUYER" else "reserve"
        if actual == expected:
            return False
        if actual == "reserve":
            return self.env._(
                "This is a reserve list but payment mode %(journal)s takes advance "
                "lists: the reserve interest would be booked on the advance "
                "commission account. Use the reserve payment mode.",
                journal=self.journal_id.display_name,
            )
        return self.env._(
            "This is an advance list but payment mode %(journal)s takes reserve "
            "lists: the advance commission would be booked on the reserve interest "
            "account. Use the advance payment mode.",
            journal=self.journal_id.display_name,
        )

    def _check_rows(self, factoring_list):
        """Refuse negative amounts: a factoring list pays invoices, it never takes money
        back."""
        negative = [
            row
            for row in factoring_list.rows
            if row.bank_amount < 0 or row.fee_amount < 0
        ]
        if negative:
            raise UserError(
                self.env._(
                    "The factoring list %(filename)s has negative amounts in row(s) "
                    "%(rows)s (invoices %(invoices)s): a factoring list is not "
                    "imported with negative amounts; ask the bank for a corrected "
                    "list.",
                    filename=self._get_filename(),
                    rows=", ".join(str(row.line_no) for row in negative),
                    invoices=", ".join(row.invoice_number for row in negative),
                )
            )

    def _get_import_title(self):
        return self.env._("IMPORT SWED factoring")

    def _get_done_message(self, count, amount, skipped):
        """Rows rather than payments; rows without open invoice counted apart from those
        already imported."""
        self.ensure_one()
        message = self.env._(
            "%(count)s factoring row(s) imported into %(receipt)s, bank amount "
            "%(amount)s.",
            count=self._format_count(count),
            receipt=self.receipt_id.name,
            amount=self.currency_id.format(amount),
        )
        if skipped:
            message += " " + self.env._(
                "%(skipped)s row(s) skipped (%(duplicates)s already imported, "
                "%(unknown)s without open invoice): see the receipt's chatter.",
                skipped=self._format_count(len(skipped)),
                duplicates=self._format_count(
                    len(skipped.filtered(lambda skip: skip.reason == "duplicate"))
                ),
                unknown=self._format_count(
                    len(skipped.filtered(lambda skip: skip.reason == "no_invoice"))
                ),
            )
        return message

    # ------------------------------------------------------------------ step 1

    def _parse_file(self, data, filename):
        """Parse a Swedbank factoring list into a
        :class:`~..parsers.swed_factoring.FactoringList`."""
        return swed_factoring.parse(data, filename, max_bytes=self._get_max_bytes())

    def _get_duplicate_scope(self, parsed=None):
        """Rows of a factoring list are identified within the factoring contract (else
        the payment mode)."""
        contract = (
            parsed.contract_number if parsed else self.contract_number
        ) or f"journal-{self.journal_id.id}"
        return f"SWED-FACTORING:{contract}"

    @api.model
    def _get_row_reference(self, factoring_list, row, counter):
        """Bank reference of a row (the duplicate key within the contract): list type,
        payment number or date, invoice number; a row repeated in one list gets ``/2``,
        ``/3``…"""
        base = "/".join(
            (
                "ADV" if factoring_list.is_advance else "RES",
                row.payment_number
                or (row.payment_date.isoformat() if row.payment_date else "-"),
                row.invoice_number,
            )
        )
        counter[base] += 1
        return base if counter[base] == 1 else f"{base}/{counter[base]}"

    def _get_fee_account(self):
        """Account of the factoring fee: the payment mode's bank services account, else
        the company default."""
        self.ensure_one()
        return (
            self.journal_id.receipt_bank_services_account_id
            or self.company_id.receipt_bank_services_account_id
        )

    def _check_list(self, factoring_list):
        """Refuse a list in another currency than the receipt."""
        if factoring_list.currency and factoring_list.currency != self.currency_id.name:
            raise UserError(
                self.env._(
                    "The factoring list %(filename)s is in %(list_currency)s, but "
                    "receipt %(receipt)s is in %(receipt_currency)s: use a payment "
                    "mode in %(list_currency)s.",
                    filename=self._get_filename(),
                    list_currency=factoring_list.currency,
                    receipt=self.receipt_id.name,
                    receipt_currency=self.currency_id.name,
                )
            )

    def _match_invoices(self, numbers):
        """The company's posted customer invoices whose number is in ``numbers``, as
        ``{number: invoice}``; one query."""
        if not numbers:
            return {}
        invoices = self.env["account.move"].search_fetch(
            [
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("name", "in", list(numbers)),
            ],
            [
                "name",
                "commercial_partner_id",
                "payment_state",
                "amount_residual",
                "currency_id",
            ],
        )
        return {invoice.name: invoice for invoice in invoices}

    def action_read_file(self):
        """Step 1: parse the list, find the invoices and show every row (already
        imported rows are skipped)."""
        self.ensure_one()
        factoring_list = self._parse()
        self._check_list(factoring_list)
        self._check_rows(factoring_list)
        scope = self._get_duplicate_scope(factoring_list)
        counter = Counter()
        references = [
            self._get_row_reference(factoring_list, row, counter)
            for row in factoring_list.rows
        ]
        imported = self._get_imported_references(scope, references)
        invoices = self._match_invoices(
            {row.invoice_number for row in factoring_list.rows}
        )
        line_vals, skip_vals = [], []
        for row, reference in zip(factoring_list.rows, references, strict=True):
            if reference in imported:
                skip_vals.append(
                    {
                        "factoring_import_id": self.id,
                        "sequence": row.line_no,
                        "date": row.payment_date,
                        "amount": float(row.bank_amount),
                        "currency_id": self.currency_id.id,
                        "payer_name": row.buyer_name,
                        "payment_reference": row.invoice_number,
                        "bank_reference": reference,
                        "name": row.payment_number,
                        "reason": "duplicate",
                        "existing_receipt": imported[reference],
                    }
                )
                continue
            line_vals.append(
                self._prepare_import_line_vals(
                    row, reference, invoices.get(row.invoice_number)
                )
            )
        self.line_ids.unlink()
        self.skip_ids.unlink()
        self.env["account.receipt.factoring.import.line"].create(line_vals)
        self.env["account.receipt.import.skip"].create(skip_vals)
        self.write(
            {
                "state": "preview",
                "list_type": factoring_list.list_type,
                "contract_number": factoring_list.contract_number,
                "fee_account_id": self._get_fee_account().id,
                "summary": self.env._(
                    "%(list_type)s: %(rows)s row(s), bank amount %(bank)s, fees "
                    "%(fees)s; %(skipped)s row(s) already imported.",
                    list_type=dict(
                        self._fields["list_type"]._description_selection(self.env)
                    ).get(factoring_list.list_type, factoring_list.list_type),
                    rows=self._format_count(len(factoring_list.rows)),
                    bank=self.currency_id.format(
                        float(factoring_list.total_bank_amount)
                    ),
                    fees=self.currency_id.format(
                        float(factoring_list.total_fee_amount)
                    ),
                    skipped=self._format_count(len(skip_vals)),
                ),
            }
        )
        return self._reopen()

    def _prepare_import_line_vals(self, row, reference, invoice):
        """Values of the preview line of factoring ``row`` (``invoice``: the invoice
        found by its number)."""
        return {
            "import_id": self.id,
            "sequence": row.line_no,
            "invoice_number": row.invoice_number,
            "invoice_id": invoice.id if invoice else False,
            "payment_number": row.payment_number,
            "payment_date": row.payment_date,
            "bank_amount": float(row.bank_amount),
            "fee_amount": float(row.fee_amount),
            "buyer_name": row.buyer_name,
            "bank_reference": reference,
        }

    def action_back(self):
        self.ensure_one()
        self.state = "upload"
        return self._reopen()

    # ------------------------------------------------------------------ step 2

    def _prepare_receipt_line_vals(self, line):
        """Receipt line values of one preview ``line``: bank amount as the line amount,
        the fee on the fee account, the payment number as the comment and the payment
        date as the line's bank date; the invoice when it is open (else the invoice's
        customer only, or nothing)."""
        comment = line.payment_number or ""
        if line.row_state != "ok":
            comment = self.env._(
                "%(comment)s invoice %(number)s not found or not open",
                comment=comment,
                number=line.invoice_number,
            ).strip()
        invoice = (
            line.invoice_id if line.row_state == "ok" else self.env["account.move"]
        )
        return [
            {
                "invoice_id": invoice.id,
                "partner_id": line.invoice_id.commercial_partner_id.id,
                "amount": line.bank_amount,
                "fee_amount": line.fee_amount,
                "fee_account_id": self.fee_account_id.id if line.fee_amount else False,
                "name": comment,
                "payer_name": line.buyer_name,
                "payment_reference": line.invoice_number,
                "bank_reference": line.bank_reference,
                "bank_import_account": self._get_duplicate_scope(),
                # the database guard against two imports of the row running at once (see
                # account.receipt.line)
                "bank_import_key": (
                    f"factoring:{self._get_duplicate_scope()}|{line.bank_reference}"
                ),
                "bank_import_date": line.payment_date,
            }
        ]

    def action_apply(self):
        """Fill the receipt: one line per row (rows without open invoice per
        :attr:`unknown_policy`), attach the file and return to the receipt."""
        self.ensure_one()
        self.receipt_id._check_importable()
        lines = self.line_ids.sorted("sequence")
        taken = self._get_imported_references(
            self._get_duplicate_scope(), lines.mapped("bank_reference")
        )
        skip_vals = []
        if self.unknown_policy == "skip":
            for line in lines.filtered(lambda line: line.row_state != "ok"):
                skip_vals.append(line._prepare_skip_vals("no_invoice"))
            lines = lines.filtered(lambda line: line.row_state == "ok")
        for line in lines.filtered(lambda line: line.bank_reference in taken):
            skip_vals.append(
                dict(
                    line._prepare_skip_vals("duplicate"),
                    existing_receipt=taken[line.bank_reference],
                )
            )
        lines = lines.filtered(lambda line: line.bank_reference not in taken)
        if skip_vals:
            self.env["account.receipt.import.skip"].create(skip_vals)
        if any(line.fee_amount for line in lines) and not self.fee_account_id:
            raise UserError(
                self.env._(
                    "The factoring list has fees but no bank services account is set: "
                    "set one on payment mode %(journal)s or in the Accounting "
                    "settings.",
                    journal=self.journal_id.display_name,
                )
            )
        vals_list = [
            vals for line in lines for vals in self._prepare_receipt_line_vals(line)
        ]
        receipt_lines = self._create_receipt_lines(vals_list)
        self._attach_file(receipt_lines, self.skip_ids)
        _logger.info(
            "IMPORT SWED factoring %s into %s: %d receipt line(s)",
            self._get_filename(),
            self.receipt_id.name,
            len(vals_list),
        )
        return self._action_done(
            len(lines), sum(lines.mapped("bank_amount")), self.skip_ids
        )


class AccountReceiptFactoringImportLine(models.TransientModel):
    """One row of the factoring list; the invoice can be corrected before applying."""

    _name = "account.receipt.factoring.import.line"
    _description = "IMPORT SWED factoring: Row"
    _order = "sequence, id"

    import_id = fields.Many2one(
        comodel_name="account.receipt.factoring.import",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="import_id.company_id")
    currency_id = fields.Many2one(related="import_id.currency_id")
    sequence = fields.Integer(string="Row", help="Row number in the list.")
    invoice_number = fields.Char(
        string="InvNo", readonly=True, help="Invoice number as written in the list."
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        check_company=True,
        help=(
            "Customer invoice of the row, found by its number; choose another one if "
            "the number is wrong."
        ),
        domain=(
            "[('company_id', '=', company_id), ('move_type', '=', 'out_invoice'), "
            "('state', '=', 'posted')]"
        ),
    )
    partner_id = fields.Many2one(
        related="invoice_id.commercial_partner_id", string="Customer"
    )
    row_state = fields.Selection(
        selection=ROW_STATES,
        string="Status",
        compute="_compute_row_state",
        help=(
            "Whether the row's invoice is an open customer invoice that the row can "
            "pay."
        ),
    )
    payment_number = fields.Char(
        string="Comment (PmtNr)",
        readonly=True,
        help="Payment number of the row; it becomes the line's comment.",
    )
    payment_date = fields.Date(
        string="Date (PmtDate)",
        readonly=True,
        help="Payment date of the row; it becomes the line's bank date.",
    )
    bank_amount = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Amount paid to the bank account for the invoice.",
    )
    fee_amount = fields.Monetary(
        string="Fee",
        currency_field="currency_id",
        readonly=True,
        help="Factoring fee kept by the bank; it is posted on the fee account.",
    )
    buyer_name = fields.Char(
        string="Buyer",
        readonly=True,
        help="Buyer (your customer) as written in the list.",
    )
    bank_reference = fields.Char(
        readonly=True, help="Identifies the row: the same row is never imported twice."
    )

    over_open = fields.Boolean(
        string="Above Open Amount",
        compute="_compute_row_state",
        help="The row (bank amount and fee) is more than what is open on the invoice.",
    )

    @api.depends("invoice_id", "bank_amount", "fee_amount")
    def _compute_row_state(self):
        for line in self:
            if not line.invoice_id:
                line.row_state = "unknown"
            elif line.invoice_id.payment_state in ("not_paid", "partial"):
                line.row_state = "ok"
            else:
                line.row_state = "not_open"
            line.over_open = line.row_state == "ok" and (
                line.currency_id.compare_amounts(
                    line.bank_amount + line.fee_amount, line.invoice_id.amount_residual
                )
                > 0
            )

    def _prepare_skip_vals(self, reason):
        """Skip record reporting this row."""
        self.ensure_one()
        return {
            "factoring_import_id": self.import_id.id,
            "sequence": self.sequence,
            "date": self.payment_date,
            "amount": self.bank_amount,
            "currency_id": self.currency_id.id,
            "payer_name": self.buyer_name,
            "payment_reference": self.invoice_number,
            "bank_reference": self.bank_reference,
            "name": self.payment_number,
            "reason": reason,
        }

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.account.models.account_move import PAYMENT_STATE_SELECTION

#: overdue buckets: (key, first day overdue, last day overdue or None)
BUCKETS = [
    ("not_due", None, 0),
    ("1_30", 1, 30),
    ("31_60", 31, 60),
    ("61_90", 61, 90),
    ("90_plus", 91, None),
]


class AccountReceiptForecast(models.Model):
    """Receipt forecast (Directo's *receipt forecast* report): one row per open
    receivable item of a posted customer invoice (one per installment), with its due
    date, days overdue and overdue bucket counted from today (or from the context's
    ``receipt_forecast_date``), and the open amount in company and invoice currency. A
    read-only SQL query on ``account_move_line``: always current, nothing stored.
    Selected rows become one receipt through the invoices' own *Register Receipt*."""

    _name = "account.receipt.forecast"
    _description = "Receipt Forecast"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"
    # the columns read by the query: flushed before every search of the forecast
    _depends = {
        "account.move": [
            "move_type",
            "commercial_partner_id",
            "invoice_user_id",
            "invoice_date",
            "payment_reference",
            "payment_state",
        ],
        "account.move.line": [
            "move_id",
            "partner_id",
            "company_id",
            "company_currency_id",
            "currency_id",
            "journal_id",
            "account_id",
            "date",
            "date_maturity",
            "parent_state",
            "reconciled",
            "balance",
            "amount_residual",
            "amount_residual_currency",
        ],
        "account.account": ["account_type"],
    }

    move_id = fields.Many2one(
        comodel_name="account.move", string="Invoice", readonly=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    company_currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    currency_id = fields.Many2one(
        comodel_name="res.currency", string="Invoice Currency", readonly=True
    )
    journal_id = fields.Many2one(comodel_name="account.journal", readonly=True)
    account_id = fields.Many2one(
        comodel_name="account.account", string="Receivable Account", readonly=True
    )
    invoice_user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", readonly=True
    )
    invoice_date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    payment_reference = fields.Char(readonly=True)
    payment_state = fields.Selection(selection=PAYMENT_STATE_SELECTION, readonly=True)
    days_overdue = fields.Integer(
        readonly=True, aggregator="max", help="Days past the due date (0 when not due)."
    )
    bucket = fields.Selection(
        selection=[
            ("not_due", "Not Due"),
            ("1_30", "1-30 Days"),
            ("31_60", "31-60 Days"),
            ("61_90", "61-90 Days"),
            ("90_plus", "Over 90 Days"),
        ],
        string="Overdue",
        readonly=True,
    )
    amount_total = fields.Monetary(
        string="Amount",
        currency_field="company_currency_id",
        readonly=True,
        help="Original amount of the item.",
    )
    amount_residual = fields.Monetary(
        string="Open Amount",
        currency_field="company_currency_id",
        readonly=True,
        help="In company currency.",
    )
    amount_residual_currency = fields.Monetary(
        string="Open Amount in Currency",
        currency_field="currency_id",
        readonly=True,
        help="In the invoice currency.",
    )
    amount_not_due = fields.Monetary(
        string="Not Due", currency_field="company_currency_id", readonly=True
    )
    amount_1_30 = fields.Monetary(
        string="1-30", currency_field="company_currency_id", readonly=True
    )
    amount_31_60 = fields.Monetary(
        string="31-60", currency_field="company_currency_id", readonly=True
    )
    amount_61_90 = fields.Monetary(
        string="61-90", currency_field="company_currency_id", readonly=True
    )
    amount_90_plus = fields.Monetary(
        string="Over 90", currency_field="company_currency_id", readonly=True
    )

    @api.model
    def _get_forecast_date(self):
        """The day the buckets are counted from: the context's
        ``receipt_forecast_date``, else today (user's time zone)."""
        return fields.Date.to_date(
            self.env.context.get("receipt_forecast_date")
        ) or fields.Date.context_today(self)

    @api.model
    def _get_move_types(self):
        """The documents whose open receivable items are expected receipts."""
        return ("out_invoice",)

    @property
    def _table_query(self):
        return SQL("%s %s %s", self._select(), self._from(), self._where())

    @api.model
    def _select(self):
        today = self._get_forecast_date()
        overdue = SQL(
            "GREATEST(%s::date - COALESCE(line.date_maturity, move.invoice_date, "
            "line.date), 0)",
            today,
        )
        bucket_sql = SQL(
            "CASE WHEN %(d)s <= 0 THEN 'not_due' WHEN %(d)s <= 30 THEN '1_30' WHEN "
            "%(d)s <= 60 THEN '31_60' WHEN %(d)s <= 90 THEN '61_90' ELSE '90_plus' END",
            d=overdue,
        )
        amounts = [
            SQL(
                "CASE WHEN %s = %s THEN line.amount_residual ELSE 0 END AS %s",
                bucket_sql,
                key,
                SQL.identifier(f"amount_{key}"),
            )
            for key, _first, _last in BUCKETS
        ]
        return SQL(
            """
            SELECT
                line.id,
                line.move_id,
                COALESCE(line.partner_id, move.commercial_partner_id) AS partner_id,
                line.company_id,
                line.company_currency_id,
                line.currency_id,
                line.journal_id,
                line.account_id,
                move.invoice_user_id,
                move.invoice_date,
                COALESCE(line.date_maturity, move.invoice_date, line.date)
                    AS date_maturity,
                move.payment_reference,
                move.payment_state,
                %(overdue)s AS days_overdue,
                %(bucket)s AS bucket,
                line.balance AS amount_total,
                line.amount_residual,
                line.amount_residual_currency,
                %(amounts)s
            """,
            overdue=overdue,
            bucket=bucket_sql,
            amounts=SQL(", ").join(amounts),
        )

    @api.model
    def _from(self):
        return SQL(
            """
            FROM account_move_line line
            JOIN account_move move ON move.id = line.move_id
            JOIN account_account account ON account.id = line.account_id
            """
        )

    @api.model
    def _where(self):
        return SQL(
            """
            WHERE account.account_type = 'asset_receivable'
              AND line.parent_state = 'posted'
              AND move.move_type IN %s
              AND NOT line.reconciled
              AND line.amount_residual != 0
            """,
            self._get_move_types(),
        )

    def action_register_receipt(self):
        """One draft receipt paying the invoices of the selected rows: the invoices' own
        *Register Receipt*."""
        return self.move_id.action_register_receipt()

    def action_open_invoice(self):
        self.ensure_one()
        return self.move_id._get_records_action()

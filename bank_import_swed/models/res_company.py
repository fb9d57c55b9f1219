# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _bank_import_swed_create_demo_data(self):
        """Demo: a Swedbank EE journal whose IBAN is the one of ``tests/data/camt053_swedbank_ee.xml``,
        open invoices that its payments match (by reference number and RF reference), a payer who
        only prepays, a draft receipt to import the file into, and a SWED factoring journal. Nothing
        for a company without a chart of accounts, or when the journal is there already."""
        for company in self.filtered("chart_template"):
            env = self.env["account.journal"].with_company(company).env
            Journal = env["account.journal"]
            if Journal.search_count([*Journal._check_company_domain(company), ("code", "=", "SWEE")], limit=1):
                continue
            bank_account = env["res.partner.bank"].create(
                {"acc_number": "EE102200221055501234", "partner_id": company.partner_id.id}
            )
            journal = Journal.create(
                {
                    "name": "Swedbank EE",
                    "code": "SWEE",
                    "type": "bank",
                    "bank_account_id": bank_account.id,
                    "company_id": company.id,
                }
            )
            Journal.create(
                {
                    "name": "Swedbank factoring",
                    "code": "SWFA",
                    "type": "bank",
                    "receipt_export_type": "swed_factoring",
                    "company_id": company.id,
                }
            )
            customer = env.ref("account_receipt_preid.demo_partner_tallinna_puit")
            person = env["res.partner"].create(
                {
                    "name": "Mari Maasikas",
                    "country_id": env.ref("base.ee").id,
                    "bank_ids": [Command.create({"acc_number": "EE641010220123456789"})],
                }
            )
            env["res.partner"].create(
                {
                    "name": "Teine Klient AS",
                    "is_company": True,
                    "country_id": env.ref("base.ee").id,
                    "bank_ids": [Command.create({"acc_number": "EE637700771003456789"})],
                }
            )
            today = fields.Date.context_today(self)
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": today,
                        "payment_reference": reference,
                        "invoice_line_ids": [
                            Command.create({"name": label, "quantity": 1, "price_unit": amount, "tax_ids": []})
                        ],
                    }
                    for partner, amount, reference, label in (
                        (customer, 1250.0, "20261188", "Pine boards, 12 m3"),
                        (person, 99.90, "RF18539007547034", "Garden bench"),
                    )
                ]
            )
            invoices.action_post()
            env["account.receipt"].create(
                {"journal_id": journal.id, "date": today, "ref": "Swedbank statement 19.11 (IMPORT SEPA EST)"}
            )

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _bank_import_swed_create_demo_data(self):
        """Demo: a Swedbank EE journal whose IBAN is the one of
        ``tests/data/camt053_swedbank_ee.xml``, open invoices that its payments match
        (by reference number and RF reference), a payer who only prepays, a draft
        receipt to import the file into, and a SWED factoring journal. Nothing for a
        company without a chart of accounts, or when the journal is there already.

        The payers it creates belong to the company: their bank accounts are those of
        the sample files, and a customer with the same account in another company (a
        real one, or a test company) must not become ambiguous for the matching step."""
        for company in self.filtered("chart_template"):
            env = self.env["account.journal"].with_company(company).env
            Journal = env["account.journal"]
            if Journal.search_count(
                [*Journal._check_company_domain(company), ("code", "=", "SWEE")],
                limit=1,
            ):
                continue
            bank_account = env["res.partner.bank"].create(
                {
                    "acc_number": "EE102200221055501234",
                    "partner_id": company.partner_id.id,
                }
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
            Account = env["account.account"]
            factoring_journal = Journal.create(
                {
                    "name": "Swedbank factoring",
                    "code": "SWFA",
                    "type": "bank",
                    "receipt_export_type": "swed_factoring",
                    # commission and interest of the factoring lists: Latvian chart 7640
                    # Commissions paid, else (any other chart) the first expense account
                    "receipt_bank_services_account_id": (
                        Account.search(
                            [
                                *Account._check_company_domain(company),
                                ("code", "=", "7640"),
                            ],
                            limit=1,
                        )
                        or Account.search(
                            [
                                *Account._check_company_domain(company),
                                ("account_type", "=", "expense"),
                            ],
                            order="code",
                            limit=1,
                        )
                    ).id,
                    "company_id": company.id,
                }
            )
            customer = env.ref("account_receipt_preid.demo_partner_tallinna_puit")
            person = env["res.partner"].create(
                {
                    "name": "Mari Maasikas",
                    "company_id": company.id,
                    "country_id": env.ref("base.ee").id,
                    "bank_ids": [
                        Command.create({"acc_number": "EE641010220123456789"})
                    ],
                }
            )
            teine = env["res.partner"].create(
                {
                    "name": "Teine Klient AS",
                    "company_id": company.id,
                    "is_company": True,
                    "country_id": env.ref("base.ee").id,
                    "bank_ids": [
                        Command.create({"acc_number": "EE637700771003456789"})
                    ],
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
                            Command.create(
                                {
                                    "name": label,
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [],
                                }
                            )
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
                {
                    "journal_id": journal.id,
                    "date": today,
                    "ref": "Swedbank statement 19.11 (IMPORT SEPA EST)",
                }
            )
            company._bank_import_swed_create_factoring_demo_data(
                factoring_journal, teine
            )

    def _bank_import_swed_create_factoring_demo_data(self, journal, teine):
        """Demo for IMPORT SWED factoring: the factored invoices that the sample lists
        ``tests/data/swed_factoring_adv_variant.xml`` and ``swed_factoring_res.xml``
        name, and a draft factoring receipt to import them into (``teine``: the customer
        of the second invoice)."""
        self.ensure_one()
        env = journal.with_company(self).env
        kliendi = env["res.partner"].create(
            {
                "name": "Kliendi OÜ",
                "company_id": self.id,
                "is_company": True,
                "country_id": env.ref("base.ee").id,
                "bank_ids": [Command.create({"acc_number": "EE222200221020147719"})],
            }
        )
        invoices = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "name": name,
                    "partner_id": partner.id,
                    "invoice_date": fields.Date.to_date(invoice_date),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
                for name, partner, invoice_date, amount, label in (
                    (
                        "INV/2026/00121",
                        teine,
                        "2026-10-20",
                        305.50,
                        "Oak flooring (factored)",
                    ),
                    (
                        "INV/2026/00140",
                        kliendi,
                        "2026-11-02",
                        2500.0,
                        "Glued beams (factored)",
                    ),
                )
            ]
        )
        invoices.action_post()
        env["account.receipt"].create(
            {
                "journal_id": journal.id,
                "date": "2026-11-16",
                "ref": "Swedbank factoring advances 16.11",
            }
        )

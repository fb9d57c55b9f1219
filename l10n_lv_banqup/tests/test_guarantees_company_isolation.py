# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The tax mapping table (it decides which VAT return lines a Banqup document books) and
the Banqup documents, tried over the ORM calls RPC makes as each role: a user of company
B only never sees nor changes company A's rows and documents; a user of both companies
cannot point a row or a document of A at a tax or an invoice of B; a portal user gets
nothing; an Invoicing user (no accountant rights) reads the table but cannot change it
(the access CSV: read for ``account.group_account_invoice``, everything for accountants
and managers)."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import BanqupTestCommon

ACCOUNTANT = "base.group_user,account.group_account_user"


@tagged("post_install", "-at_install")
class TestGuaranteesCompanyIsolation(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.setup_other_company(name="Company B SIA")["company"]
        both = cls.company | cls.company_b

        def user(login, groups, companies):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=companies[0].id,
                company_ids=[Command.set(companies.ids)],
            )

        cls.user_b = user("guard_b", ACCOUNTANT, cls.company_b)
        cls.user_both = user("guard_both", ACCOUNTANT, both)
        cls.invoicing = user(
            "guard_invoicing",
            "base.group_user,account.group_account_invoice",
            cls.company,
        )
        cls.portal = user("guard_portal", "base.group_portal", cls.company)
        Mapping = cls.env["l10n_lv_banqup.tax.mapping"]
        cls.row_a = Mapping.search(
            [("company_id", "=", cls.company.id), ("tax_id", "!=", False)], limit=1
        )
        cls.row_b = Mapping.search(
            [("company_id", "=", cls.company_b.id), ("tax_id", "!=", False)], limit=1
        )
        cls.tax_b = cls.row_b.tax_id
        Document = cls.env["banqup.document"]
        cls.doc_a = Document.create(
            {
                "name": "a.xml",
                "company_id": cls.company.id,
                "banqup_id": "GRD-A",
                "direction": "purchase",
            }
        )
        cls.doc_b = Document.create(
            {
                "name": "b.xml",
                "company_id": cls.company_b.id,
                "banqup_id": "GRD-B",
                "direction": "purchase",
            }
        )

    def row_vals(self, company, tax):
        return {
            "company_id": company.id,
            "direction": "purchase",
            "category": "S",
            "rate": 7.0,
            "region": "any",
            "kind": "any",
            "tax_id": tax.id,
        }

    def test_rows_exist_for_both_companies(self):
        self.assertTrue(self.row_a and self.row_b)
        self.assertEqual(self.row_a.tax_id.company_id, self.company)
        self.assertEqual(self.tax_b.company_id, self.company_b)

    def test_second_company_user_never_reaches_company_a(self):
        Mapping = self.env["l10n_lv_banqup.tax.mapping"].with_user(self.user_b)
        Document = self.env["banqup.document"].with_user(self.user_b)
        self.assertEqual(Mapping.search([]).company_id, self.company_b)
        self.assertFalse(Mapping.search([("id", "=", self.row_a.id)]))
        self.assertEqual(Document.search([]), self.doc_b)
        self.assertFalse(Mapping.search_count([("company_id", "=", self.company.id)]))
        row, doc = self.row_a.with_user(self.user_b), self.doc_a.with_user(self.user_b)
        tax_a = self.row_a.tax_id
        attempts = {
            "read row": lambda: row.read(["tax_id", "rate"]),
            "write row": lambda: row.write({"rate": 1.0}),
            "unlink row": row.unlink,
            "create row in A": lambda: Mapping.create(
                self.row_vals(self.company, tax_a)
            ),
            "move own row to A": lambda: self.row_b.with_user(self.user_b).write(
                {"company_id": self.company.id}
            ),
            "read document": lambda: doc.read(["state", "banqup_id"]),
            "write document": lambda: doc.write({"error_message": "x"}),
            "create document in A": lambda: Document.create(
                {
                    "name": "c.xml",
                    "company_id": self.company.id,
                    "banqup_id": "GRD-C",
                    "direction": "sales",
                }
            ),
            "retry document": doc.action_retry,
            "ignore document": doc.action_ignore,
        }
        for name, attempt in attempts.items():
            with (
                self.subTest(attempt=name),
                self.assertRaises(UserError) as caught,
            ):
                attempt()
            self.assertTrue(str(caught.exception))
        self.env.invalidate_all()
        self.assertEqual(
            (self.row_a.tax_id, self.row_a.company_id), (tax_a, self.company)
        )
        self.assertEqual(self.row_b.company_id, self.company_b)
        self.assertFalse(self.doc_a.error_message)
        self.assertEqual(
            self.env["banqup.document"].search_count(
                [("company_id", "=", self.company.id)]
            ),
            1,
        )

    def test_row_of_a_never_points_to_a_tax_of_b(self):
        """A user of both companies: a row of A naming B's tax is refused
        (``check_company``), on create and on write, and so is a row moved to B keeping
        A's tax."""
        Mapping = self.env["l10n_lv_banqup.tax.mapping"].with_user(self.user_both)
        row = self.row_a.with_user(self.user_both)
        tax_a = self.row_a.tax_id
        # a row of A naming A's own tax is fine for that user
        own = Mapping.create(self.row_vals(self.company, tax_a))
        self.assertEqual(own.company_id, self.company)
        for name, attempt in {
            "write": lambda: row.write({"tax_id": self.tax_b.id}),
            "create": lambda: Mapping.create(
                dict(self.row_vals(self.company, self.tax_b), rate=8.0)
            ),
            "move to B": lambda: own.write({"company_id": self.company_b.id}),
        }.items():
            with self.subTest(attempt=name), self.assertRaises(UserError) as caught:
                attempt()
            self.assertRegex(str(caught.exception), "(?i)incompatible companies")
        self.env.invalidate_all()
        self.assertEqual((self.row_a.tax_id, own.company_id), (tax_a, self.company))

    def test_document_of_a_never_points_to_an_invoice_of_b(self):
        invoice_b = (
            self.env["account.move"]
            .with_company(self.company_b)
            .create({"move_type": "in_invoice", "company_id": self.company_b.id})
        )
        self.assertEqual(invoice_b.journal_id.company_id, self.company_b)
        with self.assertRaises(UserError) as caught:
            self.doc_a.with_user(self.user_both).write({"move_id": invoice_b.id})
        self.assertRegex(str(caught.exception), "(?i)incompatible companies")
        self.env.invalidate_all()
        self.assertFalse(self.doc_a.move_id)

    def test_portal_user_gets_nothing(self):
        for model in ("l10n_lv_banqup.tax.mapping", "banqup.document"):
            Model = self.env[model].with_user(self.portal)
            with self.subTest(model=model), self.assertRaises(AccessError):
                Model.search([])
        with self.assertRaises(AccessError):
            self.row_a.with_user(self.portal).read(["tax_id"])
        with self.assertRaises(AccessError):
            self.row_a.with_user(self.portal).write({"rate": 1.0})
        with self.assertRaises(AccessError):
            self.doc_a.with_user(self.portal).read(["state"])

    def test_invoicing_user_reads_but_never_changes_the_table(self):
        """The table decides the VAT return lines: accountants only. The Invoicing user
        reads it (to understand a held document) and is refused every change."""
        Mapping = self.env["l10n_lv_banqup.tax.mapping"].with_user(self.invoicing)
        self.assertEqual(Mapping.search([]).company_id, self.company)
        self.assertTrue(self.row_a.with_user(self.invoicing).read(["tax_id"]))
        row = self.row_a.with_user(self.invoicing)
        tax_a = self.row_a.tax_id
        for name, attempt in {
            "write": lambda: row.write({"tax_id": False}),
            "create": lambda: Mapping.create(self.row_vals(self.company, tax_a)),
            "unlink": row.unlink,
        }.items():
            with self.subTest(attempt=name), self.assertRaises(AccessError):
                attempt()
        self.assertEqual(self.row_a.tax_id, tax_a)
        # the accountant may change it
        self.row_a.with_user(self.user_both).write({"tax_id": False})
        self.assertFalse(self.row_a.tax_id)

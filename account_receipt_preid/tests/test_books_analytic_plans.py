# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_books import BooksCommon


@tagged("post_install", "-at_install")
class TestBooksAnalyticPlans(BooksCommon):
    """Issue 11.4: the seed's object and project are two analytic plans; the rules "the
    PreID row's object, else the invoice's object" and "Prepayment takes object from
    Customer" apply plan by plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.receipt_aggregation = "none"
        Plan = cls.env["account.analytic.plan"]
        Account = cls.env["account.analytic.account"]
        cls.object_plan = Plan.create({"name": "Objects"})
        cls.project_plan = Plan.create({"name": "Projects (receipts)"})
        cls.object_a = Account.create(
            {"name": "Object A", "plan_id": cls.object_plan.id}
        )
        cls.object_b = Account.create(
            {"name": "Object B", "plan_id": cls.object_plan.id}
        )
        cls.project_x = Account.create(
            {"name": "Project X", "plan_id": cls.project_plan.id}
        )
        cls.project_y = Account.create(
            {"name": "Project Y", "plan_id": cls.project_plan.id}
        )
        cls.prep = cls.prepayment_account.code
        cls.recv = cls.receivable.code

    def key(self, *accounts):
        return ",".join(str(account.id) for account in accounts)

    def invoice_with_analytic(self, amount, distribution, date="2026-02-15"):
        invoice = self.draft_invoice(self.partner_a, amount, date=date)
        invoice.invoice_line_ids.analytic_distribution = distribution
        invoice.action_post()
        return invoice

    def analytic_by_plan(self, aml):
        """``[(amount, object account name, project account name)]`` of the item's
        analytic lines."""
        object_column = self.object_plan._column_name()
        project_column = self.project_plan._column_name()
        return sorted(
            (
                round(line.amount, 2),
                line[object_column].name or "",
                line[project_column].name or "",
            )
            for line in aml.analytic_line_ids
        )

    def test_merge_by_plan(self):
        """Each plan from the first distribution that has it; a key whose plans all come
        from one source stays whole, a mixed key is cut down to the plans taken from it;
        percentages are kept."""
        merge = self.env[
            "account.analytic.account"
        ]._receipt_merge_distributions_by_plan
        a, b, x, y = self.object_a, self.object_b, self.project_x, self.project_y
        self.assertEqual(
            merge({self.key(x): 100}, {self.key(a, y): 60, self.key(b, y): 40}),
            {self.key(x): 100, self.key(a): 60, self.key(b): 40},
        )
        self.assertEqual(
            merge({self.key(a, x): 100}, {self.key(b): 100}), {self.key(a, x): 100}
        )
        self.assertEqual(merge(False, {}, {self.key(b): 100}), {self.key(b): 100})
        self.assertEqual(
            merge({self.key(a, y): 50, self.key(a, x): 50}, {self.key(b): 100}),
            {
                self.key(a, y): 50,
                self.key(a, x): 50,
            },
        )
        self.assertFalse(merge(False, None, {}))

    def test_preid_project_keeps_invoice_object(self):
        """A PreID row with only a project: the application debits the prepayment with
        the PreID's project and the invoice's object (before: the invoice's object was
        lost)."""
        prepayment = self.receive(
            self.partner_a, 100, analytic_distribution={self.key(self.project_x): 100}
        )
        self.assertItems(
            prepayment.receipt_id.move_id,
            with_analytic=True,
            expected=[
                (self.bank_account.code, "", 100, 0, 100, "EUR", ()),
                (
                    self.prep,
                    "partner_a",
                    0,
                    100,
                    -100,
                    "EUR",
                    ((self.key(self.project_x), 100.0),),
                ),
            ],
        )
        invoice = self.invoice_with_analytic(100, {self.key(self.object_a): 100})
        self.assertEqual(invoice.payment_state, "paid")
        application = invoice.preid_allocation_ids.move_id
        self.assertItems(
            application,
            with_analytic=True,
            expected=[
                (
                    self.prep,
                    "partner_a",
                    100,
                    0,
                    100,
                    "EUR",
                    tuple(
                        sorted(
                            {
                                self.key(self.project_x): 100.0,
                                self.key(self.object_a): 100.0,
                            }.items()
                        )
                    ),
                ),
                (self.recv, "partner_a", 0, 100, -100, "EUR", ()),
            ],
        )
        debit = application.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account
        )
        self.assertEqual(
            self.analytic_by_plan(debit),
            [(-100, "", "Project X"), (-100, "Object A", "")],
        )
        self.assertTrue(
            application.line_ids.filtered(
                lambda aml: aml.account_id == self.receivable
            ).reconciled
        )
        self.assertLedgerAgrees()

    def test_preid_object_wins_over_invoice_object(self):
        """A PreID row with object and project (one key): both kept whole; the invoice's
        object is not used."""
        prepayment = self.receive(
            self.partner_a,
            60,
            analytic_distribution={self.key(self.object_b, self.project_x): 100},
        )
        invoice = self.invoice_with_analytic(
            100, {self.key(self.object_a, self.project_y): 100}
        )
        self.assertEqual(invoice.payment_state, "partial")
        self.assertEqual(prepayment.usable_balance, 0)
        self.assertItems(
            invoice.preid_allocation_ids.move_id,
            with_analytic=True,
            expected=[
                (
                    self.prep,
                    "partner_a",
                    60,
                    0,
                    60,
                    "EUR",
                    ((self.key(self.object_b, self.project_x), 100.0),),
                ),
                (self.recv, "partner_a", 0, 60, -60, "EUR", ()),
            ],
        )
        self.assertEqual(invoice.amount_residual, 40)

    def test_object_from_customer_keeps_preid_project(self):
        """Setting *Prepayment analytic from customer*: the customer's object replaces
        the PreID's object, the PreID's project stays (before: the project was
        dropped)."""
        self.company.receipt_prepayment_analytic_from_partner = True
        self.env["account.analytic.distribution.model"].create(
            {
                "partner_id": self.partner_a.id,
                "analytic_distribution": {self.key(self.object_b): 100},
            }
        )
        self.receive(
            self.partner_a,
            80,
            analytic_distribution={self.key(self.object_a, self.project_x): 100},
        )
        invoice = self.invoice_with_analytic(80, {self.key(self.project_y): 100})
        self.assertEqual(invoice.payment_state, "paid")
        application = invoice.preid_allocation_ids.move_id
        self.assertItems(
            application,
            with_analytic=True,
            expected=[
                (
                    self.prep,
                    "partner_a",
                    80,
                    0,
                    80,
                    "EUR",
                    tuple(
                        sorted(
                            {
                                self.key(self.object_b): 100.0,
                                self.key(self.project_x): 100.0,
                            }.items()
                        )
                    ),
                ),
                # Odoo's analytic distribution model applies to the other items of the
                # entry (as on any entry)
                (
                    self.recv,
                    "partner_a",
                    0,
                    80,
                    -80,
                    "EUR",
                    ((self.key(self.object_b), 100.0),),
                ),
            ],
        )
        debit = application.line_ids.filtered(
            lambda aml: aml.account_id == self.prepayment_account
        )
        self.assertEqual(
            self.analytic_by_plan(debit),
            [(-80, "", "Project X"), (-80, "Object B", "")],
        )

    def test_netting_line_per_plan(self):
        """A netting line without analytic consuming a PreID with only a project: the
        prepayment debit takes the PreID's project and the invoice's object; the line's
        own object wins over both when given."""
        self.company.receipt_prepayment_auto_fifo = False
        prepayment = self.receive(
            self.partner_a, 100, analytic_distribution={self.key(self.project_x): 100}
        )
        invoice = self.invoice_with_analytic(70, {self.key(self.object_a): 100})
        invoice_2 = self.invoice_with_analytic(30, {self.key(self.object_a): 100})
        netting = self.make_receipt(
            [
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice.id,
                    "amount": 70,
                    "prepayment_id": prepayment.id,
                },
                {
                    "partner_id": self.partner_a.id,
                    "invoice_id": invoice_2.id,
                    "amount": 30,
                    "prepayment_id": prepayment.id,
                    "analytic_distribution": {self.key(self.object_b): 100},
                },
            ],
            journal=self.netting_journal,
            date="2026-02-20",
        )
        netting.action_post()
        self.assertItems(
            netting.move_id,
            with_analytic=True,
            expected=[
                (
                    self.prep,
                    "partner_a",
                    30,
                    0,
                    30,
                    "EUR",
                    tuple(
                        sorted(
                            {
                                self.key(self.object_b): 100.0,
                                self.key(self.project_x): 100.0,
                            }.items()
                        )
                    ),
                ),
                (
                    self.prep,
                    "partner_a",
                    70,
                    0,
                    70,
                    "EUR",
                    tuple(
                        sorted(
                            {
                                self.key(self.object_a): 100.0,
                                self.key(self.project_x): 100.0,
                            }.items()
                        )
                    ),
                ),
                (self.recv, "partner_a", 0, 100, -100, "EUR", ()),
            ],
        )
        self.assertEqual(
            (invoice.payment_state, invoice_2.payment_state), ("paid", "paid")
        )
        self.assertEqual(prepayment.usable_balance, 0)
        self.assertLedgerAgrees()

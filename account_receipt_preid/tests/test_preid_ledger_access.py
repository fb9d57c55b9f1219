# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The PreID ledger is written only by its own methods: what an Invoicing user, an
accountant or a manager can do over the ORM (as over RPC) to PreIDs, allocations and
picks, and the flows that must keep working as them."""

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_preid import PreidCommon

REFUSED = (AccessError, UserError)


@tagged("post_install", "-at_install")
class TestPreidLedgerAccess(PreidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_users("ledger")
        cls.accountant, cls.manager, cls.auditor = (
            new_test_user(
                cls.env,
                login=f"ledger_{name}",
                groups=f"base.group_user,account.{group}",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )
            for name, group in (
                ("accountant", "group_account_user"),
                ("manager", "group_account_manager"),
                ("auditor", "group_account_readonly"),
            )
        )

    def _users(self):
        return self.invoicing_user | self.accountant | self.manager

    def assertRefused(self, method, *args):
        try:
            with self.cr.savepoint():
                method(*args)
        except REFUSED:
            return
        self.fail(f"{method} was not refused")

    def test_users_cannot_write_the_ledger(self):
        """Create a PreID, raise its amount, delete an unused one, create, edit or
        delete an allocation: refused for every accounting role, and nothing changed."""
        prepayment = self.receive(self.partner_a, 100)
        unused = self.receive(self.partner_b, 50)
        self.post_invoice(self.partner_a, 60)
        allocation = prepayment.allocation_ids
        vals = {
            "partner_id": self.partner_a.id,
            "currency_id": self.eur.id,
            "account_id": self.prepayment_account.id,
            "amount": 1000000,
        }
        for user in self._users():
            Prepayment = self.env["account.prepayment"].with_user(user)
            Allocation = self.env["account.prepayment.allocation"].with_user(user)
            self.assertEqual(
                Prepayment.browse(prepayment.id).usable_balance,
                40,
                "users read the ledger",
            )
            self.assertRefused(Prepayment.create, vals)
            self.assertRefused(
                Prepayment.browse(prepayment.id).write, {"amount": 1000000}
            )
            self.assertRefused(Prepayment.browse(unused.id).unlink)
            self.assertRefused(Allocation.browse(allocation.id).write, {"amount": 100})
            self.assertRefused(Allocation.browse(allocation.id).unlink)
            self.assertRefused(
                Allocation.create,
                {"prepayment_id": unused.id, "amount": 50, "kind": "refund"},
            )
        self.assertEqual(
            (prepayment.amount, prepayment.usable_balance, allocation.amount),
            (100, 40, 60),
        )
        self.assertTrue(unused.exists())
        self.assertLedgerAgrees()

    def test_never_deleted_while_referenced(self):
        """Even code running as the superuser cannot delete a PreID named on a receipt
        or remove an allocation without releasing it through its invoice or receipt."""
        prepayment = self.receive(self.partner_a, 100)
        self.post_invoice(self.partner_a, 60)
        with self.assertRaisesRegex(UserError, "have allocations"), self.cr.savepoint():
            prepayment.sudo().unlink()
        with (
            self.assertRaisesRegex(UserError, "resetting the invoice or receipt"),
            self.cr.savepoint(),
        ):
            prepayment.allocation_ids.sudo().unlink()
        unused = self.receive(self.partner_b, 50)
        with (
            self.assertRaisesRegex(
                UserError, rf"named on receipts .*{unused.receipt_id.name}"
            ),
            self.cr.savepoint(),
        ):
            unused.sudo().unlink()
        draft_refund = self.make_receipt(
            [
                {
                    "partner_id": self.partner_b.id,
                    "amount": -10,
                    "prepayment_id": unused.id,
                }
            ]
        )
        with (
            self.assertRaisesRegex(
                UserError, rf"named on receipts {draft_refund.name}"
            ),
            self.cr.savepoint(),
        ):
            unused.receipt_id.action_draft()
        self.assertTrue(unused.exists())
        draft_refund.unlink()
        unused.receipt_id.action_draft()
        self.assertFalse(unused.exists())

    def test_ledger_methods_check_the_rules(self):
        """The ledger's methods refuse another customer's PreID and allocations that
        name no document."""
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.make_invoice(self.partner_b, 50, date="2026-02-15")
        Prepayment = self.env["account.prepayment"].with_user(self.invoicing_user)
        with self.assertRaisesRegex(
            UserError, rf"{prepayment.name} cannot be used by .*prepayment of"
        ):
            Prepayment._allocate(
                [
                    {
                        "prepayment_id": prepayment.id,
                        "amount": 10,
                        "kind": "invoice",
                        "invoice_id": invoice.id,
                    }
                ]
            )
        with self.assertRaisesRegex(UserError, "must name its invoice or receipt"):
            Prepayment._allocate(
                [{"prepayment_id": prepayment.id, "amount": 10, "kind": "refund"}]
            )
        with self.assertRaises(AccessError):
            self.env["account.prepayment"].with_user(self.auditor)._allocate(
                [
                    {
                        "prepayment_id": prepayment.id,
                        "amount": 10,
                        "kind": "invoice",
                        "invoice_id": invoice.id,
                    }
                ]
            )
        self.assertEqual(prepayment.usable_balance, 100)

    def end_request(self):
        """What the end of an RPC request does: flush, then the chatter's tracking (a
        precommit hook)."""
        self.env.cr.flush()
        self.env.cr.precommit.run()

    def test_invoicing_user_flows(self):
        """As an Invoicing user (one request per step): receipt -> PreID -> invoice
        application (picked, FIFO), netting, refund, then every reset; the PreID's
        chatter tracks its usable balance at each step."""
        # the test environment disables the chatter (DISABLED_MAIL_CONTEXT); a user's
        # requests do not
        context = {
            key: value for key, value in self.env.context.items() if "track" not in key
        }
        env = self.env(user=self.invoicing_user, context=context)
        receipt = env["account.receipt"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-02-01",
                "line_ids": [
                    Command.create({"partner_id": self.partner_a.id, "amount": 100})
                ],
            }
        )
        receipt.action_post()
        prepayment = receipt.line_ids.created_prepayment_id
        self.assertEqual(prepayment.usable_balance, 100)
        self.end_request()
        invoice = env["account.move"].browse(self.draft_invoice(self.partner_a, 30).id)
        invoice.action_open_prepayment_picks()
        invoice.preid_pick_ids.amount = 30
        invoice.action_post()
        self.assertEqual(
            (invoice.payment_state, prepayment.usable_balance), ("paid", 70)
        )
        self.end_request()
        fifo_invoice = env["account.move"].browse(
            self.draft_invoice(self.partner_a, 20).id
        )
        fifo_invoice.action_post()
        self.assertEqual(
            (fifo_invoice.payment_state, prepayment.usable_balance), ("paid", 50)
        )
        self.end_request()
        self.company.receipt_prepayment_auto_fifo = False
        netted = env["account.move"].browse(
            self.make_invoice(self.partner_a, 15, date="2026-02-16").id
        )
        netting = env["account.receipt"].create(
            {
                "journal_id": self.netting_journal.id,
                "date": "2026-02-20",
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": self.partner_a.id,
                            "invoice_id": netted.id,
                            "amount": 15,
                            "prepayment_id": prepayment.id,
                        }
                    )
                ],
            }
        )
        netting.action_post()
        self.assertEqual(
            (netted.payment_state, prepayment.usable_balance), ("paid", 35)
        )
        self.end_request()
        refund = env["account.receipt"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-02-21",
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": self.partner_a.id,
                            "amount": -5,
                            "prepayment_id": prepayment.id,
                        }
                    )
                ],
            }
        )
        refund.action_post()
        self.assertEqual(prepayment.usable_balance, 30)
        self.assertLedgerAgrees()
        self.end_request()
        for reset in (
            refund.action_draft,
            netting.action_draft,
            fifo_invoice.button_draft,
            invoice.button_draft,
        ):
            reset()
            self.end_request()
        self.assertEqual(prepayment.usable_balance, 100)
        with (
            self.assertRaisesRegex(UserError, f"named on receipts .*{netting.name}"),
            self.cr.savepoint(),
        ):
            receipt.action_draft()
        (netting | refund).action_cancel()
        # tracking values are for system administrators to read; the messages are on the
        # PreID's chatter
        tracked = prepayment.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "usable_balance"
        )
        self.assertEqual(
            sorted(
                tracked.mapped(
                    lambda value: (value.old_value_float, value.new_value_float)
                )
            ),
            sorted(
                [
                    (100, 70),
                    (70, 50),
                    (50, 35),
                    (35, 30),
                    (30, 35),
                    (35, 50),
                    (50, 70),
                    (70, 100),
                ]
            ),
        )
        receipt.action_draft()
        self.assertFalse(prepayment.exists())
        self.assertLedgerAgrees()

    def test_picks_narrowly_writable(self):
        """Invoicing users set the Apply amount of draft invoices' picks; they cannot
        pick another customer's PreID, nor touch the picks of a posted invoice; a
        read-only user opens the list without changing it."""
        mine = self.receive(self.partner_a, 100)
        other = self.receive(self.partner_b, 100)
        invoice = self.draft_invoice(self.partner_a, 60).with_user(self.invoicing_user)
        invoice.action_open_prepayment_picks()
        pick = invoice.preid_pick_ids
        self.assertEqual(pick.prepayment_id, mine)
        pick.amount = 20
        with (
            self.assertRaisesRegex(UserError, rf"{other.name} is a prepayment of"),
            self.cr.savepoint(),
        ):
            pick.prepayment_id = other
        Pick = self.env["account.prepayment.pick"].with_user(self.invoicing_user)
        with (
            self.assertRaisesRegex(UserError, rf"{other.name} is a prepayment of"),
            self.cr.savepoint(),
        ):
            Pick.create({"invoice_id": invoice.id, "prepayment_id": other.id})
        posted = self.post_invoice(self.partner_a, 10)
        self.assertRefused(
            Pick.create,
            {"invoice_id": posted.id, "prepayment_id": mine.id, "amount": 5},
        )
        action = invoice.with_user(self.auditor).action_open_prepayment_picks()
        self.assertEqual(
            self.env["account.prepayment.pick"]
            .with_user(self.auditor)
            .search(action["domain"]),
            pick,
        )
        self.assertRefused(pick.with_user(self.auditor).write, {"amount": 30})
        invoice.action_post()
        self.assertEqual(invoice.preid_allocation_ids.filtered("manual").amount, 20)

    def test_views_offer_no_ledger_edits(self):
        """The posted invoice's Prepayments list, the PreID list and form offer no
        Create, Edit or Delete; the PreID form has a chatter."""
        prepayment = self.receive(self.partner_a, 100)
        invoice = self.post_invoice(self.partner_a, 60)
        action = invoice.with_user(self.invoicing_user).action_open_prepayment_picks()
        Allocation = self.env["account.prepayment.allocation"].with_user(
            self.invoicing_user
        )
        arch = etree.fromstring(
            Allocation.get_views([(False, "list")])["views"]["list"]["arch"]
        )
        self.assertEqual(
            (arch.get("create"), arch.get("edit"), arch.get("delete")), ("0", "0", "0")
        )
        self.assertEqual(action["res_model"], Allocation._name)
        Prepayment = self.env["account.prepayment"].with_user(self.invoicing_user)
        views = Prepayment.get_views([(False, "list"), (False, "form")])["views"]
        form = etree.fromstring(views["form"]["arch"])
        listing = etree.fromstring(views["list"]["arch"])
        self.assertEqual(
            (form.get("create"), form.get("edit"), form.get("delete")), ("0", "0", "0")
        )
        self.assertEqual((listing.get("create"), listing.get("delete")), ("0", "0"))
        self.assertTrue(form.xpath("//chatter"))
        self.assertFalse(Prepayment.browse(prepayment.id).has_access("write"))

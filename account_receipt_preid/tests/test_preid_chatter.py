# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Chatter and activities on PreIDs: an invoicing user, who may only read the ledger,
can write a note and plan an activity on a PreID, and still cannot change it."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_generic import GenericChartEur
from .common_preid import PreidCommon


@tagged("post_install", "-at_install")
class TestPreidChatter(GenericChartEur, PreidCommon):
    def test_note_and_activity_by_invoicing_user(self):
        prepayment = self.receive(self.partner_b, 500)
        user = self.make_company_user("preid_chatter_invoicing")
        mine = prepayment.with_user(user)
        message = mine.message_post(
            body="Customer asked to refund in March", message_type="comment"
        )
        self.assertEqual(message.author_id, user.partner_id)
        self.assertIn(message, prepayment.message_ids)
        activity = mine.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Call about the refund",
            user_id=user.id,
        )
        self.assertEqual(
            (activity.res_model, activity.res_id), ("account.prepayment", prepayment.id)
        )
        self.assertEqual(prepayment.activity_ids, activity)
        self.assertEqual(
            self.env["account.prepayment"]
            .with_user(user)
            .search([("activity_user_id", "=", user.id)]),
            prepayment,
        )
        # the ledger stays read-only
        with self.assertRaises(AccessError):
            mine.write({"amount": 1})
        self.assertEqual((prepayment.amount, prepayment.usable_balance), (500.0, 500.0))

    def test_ledger_tracking_in_chatter(self):
        """The usable balance's changes are tracked in the chatter (applications,
        refunds)."""
        # the test classes switch tracking off by default: on again for this test
        self.env = self.env(
            context=dict(self.env.context, tracking_disable=False, mail_notrack=False)
        )
        prepayment = self.receive(self.partner_b, 500)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.refund(prepayment, 120)
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = prepayment.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "usable_balance"
        )
        self.assertEqual(
            [(value.old_value_float, value.new_value_float) for value in tracked],
            [(500.0, 380.0)],
        )

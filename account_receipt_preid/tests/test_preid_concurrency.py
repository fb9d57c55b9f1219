# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import time

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPreidConcurrency(TransactionCase):
    """Two real transactions (own cursors, committed data) allocate the same PreID at
    once: the row lock makes the second wait for the first, then fail cleanly
    (serialization failure, retried by Odoo, or the balance check) instead of
    over-allocating."""

    def setUp(self):
        super().setUp()
        # Odoo's runner (odoo-bin --test-enable) runs the tests while holding
        # Registry._lock (server.py, ThreadedServer.run around preload_registries); a
        # second thread opening an environment (Registry(dbname) in api.Environment)
        # would wait for that lock until the test gave up. Odoo's own HttpCase swaps in
        # a DummyRLock for its server threads in the same way
        # (Registry.enter_test_mode).
        self.patch(Registry, "_lock", DummyRLock())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            account = env["account.account"].create(
                {
                    "name": "Concurrency prepayments",
                    "code": "PRECC1",
                    "account_type": "liability_current",
                }
            )
            partner = env["res.partner"].create({"name": "Concurrency customer"})
            prepayment = env["account.prepayment"].create(
                {
                    "name": "PRE/CONCURRENCY/1",
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "currency_id": company.currency_id.id,
                    "account_id": account.id,
                    "amount": 100,
                }
            )
            self.ids = {
                "account": account.id,
                "partner": partner.id,
                "prepayment": prepayment.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM account_prepayment_allocation WHERE prepayment_id = %s",
                [self.ids["prepayment"]],
            )
            cr.execute(
                "DELETE FROM account_prepayment WHERE id = %s", [self.ids["prepayment"]]
            )
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.ids["partner"]])
            cr.execute(
                "DELETE FROM account_account WHERE id = %s", [self.ids["account"]]
            )

    def _allocate(self, cr, amount):
        cr.execute("SET LOCAL lock_timeout = '20s'")
        env = api.Environment(cr, SUPERUSER_ID, {})
        prepayment = env["account.prepayment"].browse(self.ids["prepayment"])
        return prepayment._allocate(
            [
                {
                    "prepayment_id": prepayment.id,
                    "amount": amount,
                    "kind": "refund",
                    "date": "2026-02-01",
                }
            ]
        )

    def test_two_transactions_same_preid(self):
        outcome = {}

        def second():
            try:
                # the serialization failure is expected here: PostgreSQL's error is not
                # logged as a bad query
                with mute_logger("odoo.sql_db"), self.registry.cursor() as cr2:
                    outcome["started"] = time.monotonic()
                    self._allocate(cr2, 60)
                outcome["result"] = "committed"
            except (psycopg2.errors.SerializationFailure, ValidationError) as error:
                outcome["result"] = type(error).__name__
            outcome["ended"] = time.monotonic()

        with self.registry.cursor() as cr1:
            self._allocate(cr1, 60)
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(1.5)
            # the second transaction waits on the row lock while the first is open
            self.assertTrue(thread.is_alive())
            committed_at = time.monotonic()
        thread.join(30)
        self.assertFalse(thread.is_alive())
        self.assertIn(outcome["result"], ("SerializationFailure", "ValidationError"))
        self.assertGreaterEqual(outcome["ended"], committed_at)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT amount_applied + amount_refunded, usable_balance, (SELECT "
                "SUM(amount) FROM account_prepayment_allocation WHERE prepayment_id = "
                "p.id) FROM account_prepayment p WHERE id = %s",
                [self.ids["prepayment"]],
            )
            self.assertEqual([float(v) for v in cr.fetchone()], [60.0, 40.0, 60.0])

    def test_sequential_transactions_see_balance(self):
        """Once the first has committed, the second reads the new balance and is refused
        with the PreID."""
        with self.registry.cursor() as cr1:
            self._allocate(cr1, 60)
        with self.assertRaisesRegex(
            ValidationError, "PRE/CONCURRENCY/1 has a usable balance of"
        ):
            with self.registry.cursor() as cr2:
                self._allocate(cr2, 60)

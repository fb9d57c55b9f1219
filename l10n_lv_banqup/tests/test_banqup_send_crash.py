# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""200 invoices sent via Banqup by a real worker process killed with SIGKILL between
steps.

The invoices are committed in a company of their own; a worker (``odoo-bin shell`` on
the test database) runs the send cron until nothing is left, and the emulator kills it
with SIGKILL right after answering its k-th request (the remote step is done, the worker
has not recorded it yet). It is started again until a run finishes; then every invoice
must have been uploaded exactly once and its status followed to *delivered*.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from .banqup_emulator import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, BanqupEmulator

COUNT = int(os.environ.get("BANQUP_SEND_CRASH_COUNT", "200"))
#: the worker is killed after this many requests of each run (then runs to the end)
KILL_AFTER = (1, 2, 3, 4, 5, 6, 7, 11, 60, 97, 150, 201, 333)
WORKER = """
Outbox = env["banqup.outbox"]
while Outbox.search_count([("state", "in", ("queued", "created"))]):
    Outbox._cron_l10n_lv_banqup_send()
    env.cr.commit()
for _round in range(40):
    if not Outbox.search_count([("state", "in", ("uploaded", "processed"))]):
        break
    Outbox._cron_l10n_lv_banqup_send()
    env.cr.commit()
print("WORKER-DONE")
"""


def create_committed_company(env, url, count):
    """A Latvian company with ``count`` posted invoices of one customer, queued for
    Banqup."""
    company = env["res.company"].create(
        {
            "name": f"Banqup crash test {time.time_ns()}",
            "country_id": env.ref("base.lv").id,
            "vat": "LV40003009497",
            "company_registry": "40003009497",
            "street": "Brivibas iela 1",
            "city": "Riga",
            "zip": "LV-1010",
            "currency_id": env.ref("base.EUR").id,
        }
    )
    env["account.chart.template"].try_loading("lv", company, install_demo=False)
    company.sudo().write(
        {
            "l10n_lv_banqup_environment": "custom",
            "l10n_lv_banqup_custom_url": url,
            "l10n_lv_banqup_client_id": DEMO_CLIENT_ID,
            "l10n_lv_banqup_client_secret": DEMO_CLIENT_SECRET,
            "l10n_lv_banqup_send_method": "api",
        }
    )
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    customer = (
        env["res.partner"]
        .with_context(no_vat_validation=True)
        .create(
            {
                "name": "Klients SIA",
                "is_company": True,
                "vat": "LV40103564678",
                "company_registry": "40103564678",
                "country_id": env.ref("base.lv").id,
                "street": "Elizabetes iela 2",
                "city": "Riga",
                "zip": "LV-1050",
            }
        )
    )
    journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    )
    tax = env["account.tax"].search(
        [
            ("company_id", "=", company.id),
            ("type_tax_use", "=", "sale"),
            ("amount", "=", 21),
        ],
        limit=1,
    )
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "company_id": company.id,
                "journal_id": journal.id,
                "partner_id": customer.id,
                "invoice_date": "2026-11-02",
                "invoice_line_ids": [
                    odoo.Command.create(
                        {
                            "name": f"Service {n}",
                            "quantity": 1,
                            "price_unit": 10 + n,
                            "tax_ids": tax.ids,
                        }
                    )
                ],
            }
            for n in range(count)
        ]
    )
    moves.action_post()
    moves.action_l10n_lv_banqup_send()
    return company, moves


@tagged("post_install", "-at_install")
class TestBanqupSendCrash(TransactionCase):
    def setUp(self):
        super().setUp()
        self.emulator = BanqupEmulator().start()
        self.addCleanup(self.emulator.stop)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company, moves = create_committed_company(env, self.emulator.url, COUNT)
            self.company_id, self.move_ids = company.id, moves.ids
            self.names = dict(zip(moves.ids, moves.mapped("name"), strict=True))
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        """Other tests must not find these committed entries in the cron's queue."""
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM banqup_outbox WHERE company_id = %s", [self.company_id]
            )

    def _worker(self, kill_after):
        """Run the worker; kill it with SIGKILL after the emulator answered
        ``kill_after`` requests."""
        odoo_bin = Path(odoo.__file__).resolve().parent.parent / "odoo-bin"
        cmd = [
            sys.executable,
            str(odoo_bin),
            "shell",
            "-c",
            config.rcfile,
            "-d",
            self.env.cr.dbname,
            "--no-http",
        ]
        cmd += ["--log-level", "warn"]
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        seen = []
        lock = threading.Lock()

        def on_request(method, path, status):
            with lock:
                seen.append(path)
                if len(seen) == kill_after and process.poll() is None:
                    os.kill(process.pid, signal.SIGKILL)

        self.emulator.on_request = on_request
        try:
            output, _ = process.communicate(WORKER, timeout=900)
        finally:
            self.emulator.on_request = None
        return process.returncode, output, len(seen)

    def _states(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state, count(*) FROM banqup_outbox WHERE company_id = %s "
                "GROUP BY state",
                [self.company_id],
            )
            return dict(cr.fetchall())

    def test_sigkill_at_any_step_uploads_each_invoice_once(self):
        kills = 0
        for kill_after in (*KILL_AFTER, None):
            returncode, output, requests = self._worker(kill_after or 10**9)
            print(  # pylint: disable=print-used
                f"run killed after {kill_after} request(s): rc={returncode}, "
                f"{requests} request(s), {self._states()}"
            )
            if returncode == -signal.SIGKILL:
                kills += 1
            else:
                self.assertEqual(returncode, 0, output[-3000:])
                self.assertIn("WORKER-DONE", output)
        self.assertGreaterEqual(kills, 10)
        uploads = self.emulator.uploads_by_filename()
        expected = {
            f"{name.replace('/', '_')}_ubl_bis3.xml" for name in self.names.values()
        }
        print(  # pylint: disable=print-used
            f"{len(uploads)} invoices uploaded, {sum(uploads.values())} uploads, "
            f"{kills} kills"
        )
        self.assertEqual(set(uploads), expected)
        self.assertEqual(set(uploads.values()), {1}, "an invoice was uploaded twice")
        self.assertEqual(self._states(), {"delivered": COUNT})

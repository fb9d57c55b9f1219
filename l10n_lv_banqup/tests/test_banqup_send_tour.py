# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Send via Banqup in a real browser: list action, statuses, refused invoice resent.

Odoo skips the test with one line when no Chromium is installed.
"""

from odoo.tests import HttpCase, tagged

from .common_send import BanqupSendCommon


@tagged("post_install", "-at_install")
class TestBanqupSendTour(BanqupSendCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.user_admin").write(
            {"company_id": cls.company.id, "company_ids": [(4, cls.company.id)]}
        )
        partners = [
            cls.new_customer(name, company_registry=registry)
            for name, registry in (
                ("Tour Klients SIA", "40103564678"),
                ("Tour Atteikums SIA", "40003000001"),
            )
        ]
        cls.invoices = [
            cls.init_invoice(
                "out_invoice",
                partner=partner,
                amounts=[100],
                taxes=cls.company_data["default_tax_sale"],
                post=True,
                company=cls.company,
            )
            for partner in partners
        ]

    def test_send_and_status_tour(self):
        accepted, refused = self.invoices
        self.emulator.refuse_markers = [b"Tour Atteikums SIA"]
        self.start_tour(
            "/odoo/action-account.action_move_out_invoice_type",
            "l10n_lv_banqup_send_tour",
            login="admin",
        )
        self.assertEqual(
            [accepted.l10n_lv_banqup_send_state, refused.l10n_lv_banqup_send_state],
            ["queued"] * 2,
        )
        for _run in range(3):
            self.env["banqup.outbox"]._cron_l10n_lv_banqup_send()
        self.assertEqual(accepted.l10n_lv_banqup_send_state, "delivered")
        self.assertEqual(refused.l10n_lv_banqup_send_state, "error")
        self.start_tour(
            "/odoo/action-account.action_move_out_invoice_type",
            "l10n_lv_banqup_send_status_tour",
            login="admin",
        )
        self.assertEqual(refused.l10n_lv_banqup_send_state, "queued")
        self.assertFalse(refused.l10n_lv_banqup_send_error)
        self.assertEqual(len(self.emulator.uploads), 2)

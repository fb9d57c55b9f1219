# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Banqup's e-mail delivery in a real browser: the administrator sets the e-service's
e-mail address, Banqup's e-mail (a real RFC 822 message) goes through Odoo's mail
gateway, and the inbox shows the supplier e-invoice imported with its bill.

Odoo skips the test with one line when no Chromium is installed.
"""

from odoo.tests import HttpCase, tagged

from .common import BanqupTestCommon, sample
from .test_banqup_mail_delivery import rfc822


@tagged("post_install", "-at_install")
class TestBanqupMailTour(BanqupTestCommon, HttpCase):
    banqup_undocumented = False  # the documented doors only

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(cls.company)
        cls.company.alias_domain_id = cls.env["mail.alias.domain"].create(
            {"name": "books.example"}
        )
        cls.company._l10n_lv_banqup_ensure_services()
        cls.env["res.partner"].create(
            {"name": "Banqup delivery", "email": "no-reply@banqup.example"}
        )
        cls.env.ref("base.user_admin").write(
            {"company_id": cls.company.id, "company_ids": [(4, cls.company.id)]}
        )

    def test_mail_delivery_tour(self):
        self.start_tour(
            "/odoo/action-l10n_lv_banqup.banqup_service_action",
            "l10n_lv_banqup_mail_alias_tour",
            login="admin",
        )
        self.env.invalidate_all()  # the browser wrote through its own request
        service = (
            self.env["banqup.service"]
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", self.company.id),
                    ("service", "=", "receive_supplier_invoices"),
                ]
            )
        )
        self.assertEqual(service.alias_email, "banqup-bills@books.example")

        message = rfc822(
            service.alias_email,
            [("SUP-778.xml", sample("purchase_supplier_invoice.xml"))],
        )
        self.env["mail.thread"].message_process(False, message)
        self.env["res.company"]._cron_l10n_lv_banqup_inbox()
        document = self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(document.mapped("state"), ["imported"])
        self.assertEqual(document.move_id.move_type, "in_invoice")
        self.assertEqual(document.move_id.amount_total, 134.40)

        self.start_tour(
            "/odoo/action-l10n_lv_banqup.banqup_document_action",
            "l10n_lv_banqup_mail_inbox_tour",
            login="admin",
        )
        # a second delivery of the same e-mail is recorded, not imported again
        self.env["mail.thread"].message_process(
            False,
            rfc822(
                service.alias_email,
                [("SUP-778.xml", sample("purchase_supplier_invoice.xml"))],
            ),
        )
        self.env["res.company"]._cron_l10n_lv_banqup_inbox()
        self.assertEqual(
            self.env["banqup.document"].search([("company_id", "=", self.company.id)]),
            document,
        )
        self.assertEqual(document.duplicate_count, 1)
        bills = self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("move_type", "=", "in_invoice")]
        )
        self.assertEqual(bills, document.move_id)

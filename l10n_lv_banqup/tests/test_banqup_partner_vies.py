# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""VIES check of partners created from Banqup documents, against a local fake SOAP
endpoint."""

import socket

from odoo.tests import tagged

from .common import BanqupTestCommon, sample
from .test_vies import FakeVies


@tagged("post_install", "-at_install")
class TestBanqupPartnerVies(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake_vies = FakeVies().__enter__()
        cls.addClassCleanup(cls.fake_vies.__exit__, None, None, None)

    def setUp(self):
        super().setUp()
        self.company.sudo().write(
            {
                "l10n_lv_banqup_vies_check": True,
                "l10n_lv_banqup_vies_url": self.fake_vies.url,
            }
        )

    def test_new_partner_valid_in_vies(self):
        xml = sample("lv_sales_invoice.xml").replace(b"50003000002", b"40003000000")
        document = self.import_xml(xml, banqup_id="vies-valid")
        self.assertEqual(document.state, "imported", document.error_message)
        partner = document.move_id.partner_id
        self.assertEqual(partner.vat, "LV40003000000")
        self.assertEqual(partner.l10n_lv_banqup_vies_state, "valid")
        self.assertEqual(partner.l10n_lv_banqup_vies_message, "SIA VALID")
        self.assertTrue(partner.l10n_lv_banqup_vies_date)

    def test_new_partner_invalid_in_vies(self):
        xml = sample("lv_sales_invoice.xml").replace(b"50003000002", b"99999999999")
        document = self.import_xml(xml, banqup_id="vies-invalid")
        self.assertEqual(document.state, "imported", document.error_message)
        self.assertEqual(
            document.move_id.partner_id.l10n_lv_banqup_vies_state, "invalid"
        )

    def test_vies_fault_never_blocks_the_import(self):
        xml = sample("lv_sales_invoice.xml").replace(b"50003000002", b"11111111111")
        document = self.import_xml(xml, banqup_id="vies-fault")
        self.assertEqual(document.state, "imported", document.error_message)
        partner = document.move_id.partner_id
        self.assertEqual(partner.l10n_lv_banqup_vies_state, "unavailable")
        self.assertIn("unavailable", partner.l10n_lv_banqup_vies_message)

    def test_vies_down_never_blocks_the_import(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.company.sudo().l10n_lv_banqup_vies_url = (
            f"http://127.0.0.1:{port}/checkVatService"
        )
        document = self.import_sample("lv_sales_invoice.xml")
        self.assertEqual(document.state, "imported", document.error_message)
        self.assertEqual(
            document.move_id.partner_id.l10n_lv_banqup_vies_state, "unavailable"
        )

    def test_existing_partner_is_not_checked(self):
        partner = self.new_partner(name="Known", vat="LV50003000002")
        document = self.import_sample("lv_sales_invoice.xml")
        self.assertEqual(document.move_id.partner_id, partner)
        self.assertFalse(partner.l10n_lv_banqup_vies_state)

    def test_check_disabled(self):
        self.company.l10n_lv_banqup_vies_check = False
        document = self.import_sample("lv_sales_invoice.xml")
        self.assertFalse(document.move_id.partner_id.l10n_lv_banqup_vies_state)

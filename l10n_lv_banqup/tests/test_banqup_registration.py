# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Settings and the *Register service* step against the local emulator."""

import socket

from odoo.tests import tagged

from .banqup_emulator import DEMO_SPACE_ID
from .common import BanqupTestCommon


def _free_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestBanqupRegistration(BanqupTestCommon):
    """Registration against the emulator reduced to Banqup's documented endpoints (its
    default)."""

    banqup_undocumented = False

    def register(self, selected=("receive_supplier_invoices", "import_sales_invoices")):
        """Open the wizard from the settings as an administrator, tick ``selected`` and
        save."""
        settings = self.env["res.config.settings"].with_user(
            self.env.ref("base.user_admin")
        )
        settings = settings.with_company(self.company).create({})
        action = settings.action_l10n_lv_banqup_register()
        # the administrator who opened the wizard goes on with it: a wizard is its
        # creator's only
        wizard = settings.env["banqup.register.wizard"].browse(action["res_id"])
        self.assertEqual(
            sorted(wizard.line_ids.mapped("service")),
            ["import_sales_invoices", "receive_supplier_invoices"],
        )
        self.assertEqual(set(wizard.line_ids.mapped("operator")), {"unifiedpost"})
        for line in wizard.line_ids:
            line.selected = line.service in selected
        wizard.action_register()
        return (
            self.env["banqup.service"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company.id)])
        )

    def test_registration_success(self):
        """Both services become active with the Standard Books message, the time and the
        space."""
        self.env.ref("base.user_admin").company_ids |= self.company
        services = self.register()
        self.assertEqual(services.mapped("active"), [True, True])
        self.assertEqual(
            set(services.mapped("system_message")), {"Registration was successful!"}
        )
        self.assertTrue(all(services.mapped("request_date")))
        self.assertEqual(self.company.sudo().l10n_lv_banqup_space_id, DEMO_SPACE_ID)
        # one documented messageListeners extension per e-service, at the company's
        # secret address
        by_code = {s.service: s for s in services}
        self.assertEqual(
            [
                extension["basePath"] + "/messages"
                for extension in self.emulator.extensions
            ],
            [
                by_code["receive_supplier_invoices"].listener_url,
                by_code["import_sales_invoices"].listener_url,
            ],
        )
        token = self.company._l10n_lv_banqup_listener_token()
        self.assertEqual(len(token), 40)
        self.assertNotIn("EINV-KEY-123", by_code["import_sales_invoices"].listener_url)
        self.assertIn(
            f"/l10n_lv_banqup/listener/{self.company.id}/{token}/import_sales_invoices/messages",
            by_code["import_sales_invoices"].listener_url,
        )
        self.assertEqual(
            {path for _m, path, _s in self.emulator.requests},
            {
                "/oauth2/client_credential/gettoken",
                "/entitystore/v1/spaces",
                "/core/plugin/api/v1/extensionPoints",
                "/core/plugin/api/v1/extensionPoints/45e62b83-51e5-492c-b270-d1606c99fde6/extensions",
            },
        )
        # registering again keeps one row per service
        services = self.register(selected=("import_sales_invoices",))
        self.assertEqual(len(services), 2)

    def test_registration_only_selected_service(self):
        self.env.ref("base.user_admin").company_ids |= self.company
        services = self.register(selected=("receive_supplier_invoices",))
        by_code = {s.service: s for s in services}
        self.assertTrue(by_code["receive_supplier_invoices"].active)
        self.assertFalse(by_code["import_sales_invoices"].active)
        self.assertFalse(by_code["import_sales_invoices"].request_date)

    def test_registration_needs_the_einvoice_key(self):
        """The E-invoice key secures the listener address: without it nothing is
        registered."""
        self.env.ref("base.user_admin").company_ids |= self.company
        self.company.sudo().l10n_lv_banqup_einvoice_key = False
        services = self.register()
        self.assertEqual(services.mapped("active"), [False, False])
        self.assertIn("E-invoice key", services[0].system_message)
        self.assertEqual(self.emulator.extensions, [])
        # another key, another listener secret
        self.company.sudo().l10n_lv_banqup_einvoice_key = "KEY-A"
        token_a = self.company._l10n_lv_banqup_listener_token()
        self.company.sudo().l10n_lv_banqup_einvoice_key = "KEY-B"
        self.assertNotEqual(token_a, self.company._l10n_lv_banqup_listener_token())

    def test_registration_bad_credentials(self):
        self.env.ref("base.user_admin").company_ids |= self.company
        self.configure_company(self.company, client_secret="wrong-secret")
        services = self.register()
        self.assertEqual(services.mapped("active"), [False, False])
        for service in services:
            self.assertIn("refused the API credentials", service.system_message)
            self.assertNotIn("wrong-secret", service.system_message)
            self.assertTrue(service.request_date)

    def test_registration_not_whitelisted(self):
        self.env.ref("base.user_admin").company_ids |= self.company
        self.emulator.add_client("not-whitelisted", "its-secret", whitelisted=False)
        self.configure_company(
            self.company, client_id="not-whitelisted", client_secret="its-secret"
        )
        services = self.register()
        self.assertEqual(services.mapped("active"), [False, False])
        for service in services:
            self.assertIn("whitelist", service.system_message)
            self.assertIn("legal representative", service.system_message)

    def test_registration_operator_down(self):
        self.env.ref("base.user_admin").company_ids |= self.company
        self.company.sudo().l10n_lv_banqup_custom_url = (
            f"http://127.0.0.1:{_free_port()}"
        )
        services = self.register()
        self.assertEqual(services.mapped("active"), [False, False])
        for service in services:
            self.assertIn("not reachable", service.system_message)

    def test_registration_operator_error_5xx(self):
        self.env.ref("base.user_admin").company_ids |= self.company
        self.emulator.fail_next(count=5, status=503)
        services = self.register()
        self.assertEqual(services.mapped("active"), [False, False])
        self.assertIn("HTTP 503", services[0].system_message)

    def test_registration_without_credentials(self):
        self.env.ref("base.user_admin").company_ids |= self.company
        self.company.sudo().l10n_lv_banqup_client_secret = False
        services = self.register()
        self.assertEqual(services.mapped("active"), [False, False])
        self.assertIn("client id and secret", services[0].system_message)

    def test_settings_fields_round_trip(self):
        """The settings form reads and writes the company's Banqup fields."""
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        settings = (
            self.env["res.config.settings"]
            .with_user(admin)
            .with_company(self.company)
            .create({})
        )
        self.assertEqual(settings.l10n_lv_banqup_client_id, "demo-client")
        self.assertEqual(settings.l10n_lv_banqup_environment, "custom")
        self.assertEqual(
            settings.l10n_lv_banqup_token_path, "/oauth2/client_credential/gettoken"
        )
        self.assertFalse(settings.l10n_lv_banqup_undocumented_api)
        settings.l10n_lv_banqup_auto_post = True
        settings.execute()
        self.assertTrue(self.company.l10n_lv_banqup_auto_post)

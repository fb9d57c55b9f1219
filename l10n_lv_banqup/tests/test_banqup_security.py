# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Access rights, secrets and multi-company isolation of the inbox and the
e-services."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BanqupTestCommon

SECRET_FIELDS = (
    "l10n_lv_banqup_client_secret",
    "l10n_lv_banqup_client_id",
    "l10n_lv_banqup_einvoice_key",
)


@tagged("post_install", "-at_install")
class TestBanqupSecurity(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_ids = [(6, 0, cls.company.ids)]
        cls.accountant = new_test_user(
            cls.env,
            login="banqup_accountant",
            groups="base.group_user,account.group_account_user",
            company_id=cls.company.id,
            company_ids=company_ids,
        )
        cls.billing = new_test_user(
            cls.env,
            login="banqup_billing",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=company_ids,
        )
        cls.employee = new_test_user(
            cls.env,
            login="banqup_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=company_ids,
        )
        cls.other_company = cls.setup_other_company(name="Other SIA")["company"]
        cls.other_accountant = new_test_user(
            cls.env,
            login="banqup_other_accountant",
            groups="base.group_user,account.group_account_user",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.document = cls.env["banqup.document"].create(
            {
                "name": "a.xml",
                "company_id": cls.company.id,
                "banqup_id": "SEC-1",
                "direction": "sales",
            }
        )
        cls.other_document = cls.env["banqup.document"].create(
            {
                "name": "b.xml",
                "company_id": cls.other_company.id,
                "banqup_id": "SEC-1",
                "direction": "sales",
            }
        )
        cls.services = cls.company._l10n_lv_banqup_ensure_services()
        cls.other_services = cls.other_company._l10n_lv_banqup_ensure_services()

    def test_secrets_are_for_system_administrators_only(self):
        for user in (self.accountant, self.billing):
            company = self.company.with_user(user)
            for field in SECRET_FIELDS:
                with (
                    self.subTest(user=user.login, field=field),
                    self.assertRaises(AccessError),
                ):
                    company.read([field])
            self.assertNotIn("l10n_lv_banqup_client_secret", company.fields_get())
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        self.assertEqual(
            self.company.with_user(admin).l10n_lv_banqup_client_secret, "demo-secret"
        )

    def test_accountant_fetch_uses_the_secret_without_seeing_it(self):
        """The narrow sudo() helper lets an accountant's *Fetch now* build the client.

        The import itself runs with the accountant's rights: creating a customer needs
        the Contact Creation right, else the document waits with that error for a Retry.
        """
        self.add_emulator_document("lv_sales_invoice.xml")
        self.env["banqup.document"].with_user(self.accountant).with_company(
            self.company
        ).action_fetch_now()
        docs = self.env["banqup.document"].search(
            [("company_id", "=", self.company.id), ("banqup_id", "!=", "SEC-1")]
        )
        self.assertEqual(docs.state, "error")
        self.assertIn("res.partner", docs.error_message)
        self.accountant.groups_id |= self.env.ref("base.group_partner_manager")
        docs.with_user(self.accountant).action_retry()
        self.assertEqual(docs.state, "imported", docs.error_message)
        self.assertEqual(docs.move_id.name, "LV-2026-0001")

    def test_secret_not_in_messages_or_errors(self):
        self.configure_company(self.company, client_secret="very-secret-value")
        self.company._l10n_lv_banqup_register(self.services)
        for service in self.services:
            self.assertNotIn("very-secret-value", service.system_message or "")

    def test_accountant_sees_and_works_the_inbox(self):
        Document = self.env["banqup.document"].with_user(self.accountant)
        self.assertEqual(Document.search([]), self.document)
        self.document.with_user(self.accountant).action_ignore()
        self.assertEqual(self.document.state, "ignored")
        with self.assertRaises(AccessError):
            self.document.with_user(self.accountant).unlink()

    def test_billing_user_reads_only(self):
        Document = self.env["banqup.document"].with_user(self.billing)
        self.assertEqual(Document.search([]), self.document)
        with self.assertRaises(AccessError):
            self.document.with_user(self.billing).write({"error_message": "x"})
        with self.assertRaises(AccessError):
            Document.create(
                {
                    "name": "c",
                    "banqup_id": "X",
                    "direction": "sales",
                    "company_id": self.company.id,
                }
            )

    def test_inbox_buttons_follow_the_rights(self):
        """Fetch now, Upload, Retry and Ignore: for accountants and for the Invoicing
        administrator of a Community database (without *Show Full Accounting Features*);
        not for billing users."""
        manager = new_test_user(
            self.env,
            login="banqup_invoicing_admin",
            groups="base.group_user,account.group_account_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.assertFalse(manager.has_group("account.group_account_user"))
        buttons = (
            "action_fetch_now",
            "action_ignore",
            "action_retry",
            "banqup_upload_wizard_action",
        )
        for user, visible in (
            (self.accountant, True),
            (manager, True),
            (self.billing, False),
        ):
            views = (
                self.env["banqup.document"]
                .with_user(user)
                .get_views([(False, "list"), (False, "form")])["views"]
            )
            arch = views["list"]["arch"] + views["form"]["arch"]
            upload_action = str(
                self.env.ref("l10n_lv_banqup.banqup_upload_wizard_action").id
            )
            for button in buttons:
                name = (
                    upload_action if button == "banqup_upload_wizard_action" else button
                )
                self.assertEqual(
                    f'name="{name}"' in arch, visible, f"{button} for {user.login}"
                )
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_user(manager)
            .create({"direction": "sales"})
        )
        self.assertEqual(wizard.company_id, self.company)

    def test_employee_without_accounting_has_no_access(self):
        with self.assertRaises(AccessError):
            self.env["banqup.document"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            self.env["banqup.service"].with_user(self.employee).search([])

    def test_services_configured_by_system_administrators(self):
        Service = (
            self.env["banqup.service"]
            .with_user(self.accountant)
            .with_context(active_test=False)
        )
        self.assertEqual(Service.search([]), self.services)
        with self.assertRaises(AccessError):
            self.services[0].with_user(self.accountant).write(
                {"operator": "unifiedpost"}
            )
        with self.assertRaises(AccessError):
            self.env["banqup.register.wizard"].with_user(self.accountant).create(
                {"company_id": self.company.id}
            )

    def test_multi_company_isolation(self):
        """Each company's users see only their inbox and e-services; the same Banqup id
        may exist in both."""
        self.assertEqual(
            self.env["banqup.document"].with_user(self.other_accountant).search([]),
            self.other_document,
        )
        with self.assertRaises(AccessError):
            self.document.with_user(self.other_accountant).read(["name"])
        Service = self.env["banqup.service"].with_context(active_test=False)
        self.assertEqual(
            Service.with_user(self.other_accountant).search([]), self.other_services
        )
        self.assertEqual(Service.with_user(self.accountant).search([]), self.services)

    def test_multi_company_fetch_stays_in_its_company(self):
        """Fetching for one company stores nothing in the other one's inbox."""
        self.add_emulator_document("lv_sales_invoice.xml")
        self.company._banqup_fetch()
        self.assertEqual(
            self.env["banqup.document"].search(
                [("company_id", "=", self.other_company.id)]
            ),
            self.other_document,
        )

    def test_settings_block_only_for_system_administrators(self):
        """Only system administrators open the settings, and the Banqup block is marked
        for them."""
        admin = self.env.ref("base.user_admin")
        manager = new_test_user(
            self.env,
            login="banqup_manager",
            groups="base.group_user,account.group_account_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        admin_arch = (
            self.env["res.config.settings"]
            .with_user(admin)
            .get_views([(False, "form")])["views"]["form"]
        )
        self.assertIn("l10n_lv_banqup_client_secret", admin_arch["arch"])
        self.assertIn("action_l10n_lv_banqup_register", admin_arch["arch"])
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(manager).get_views(
                [(False, "form")]
            )
        view = self.env.ref("l10n_lv_banqup.res_config_settings_view_form")
        self.assertIn('groups="base.group_system"', view.arch_db)

    def test_menus(self):
        inbox = self.env.ref("l10n_lv_banqup.banqup_document_menu")
        services = self.env.ref("l10n_lv_banqup.banqup_service_menu")
        self.assertEqual(inbox.parent_id, self.env.ref("account.menu_finance"))
        self.assertEqual(
            services.parent_id, self.env.ref("account.menu_finance_configuration")
        )
        self.assertIn(self.env.ref("account.group_account_invoice"), inbox.groups_id)
        self.assertEqual(services.groups_id, self.env.ref("base.group_system"))

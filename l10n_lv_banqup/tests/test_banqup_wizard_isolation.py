# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The Banqup wizards (upload, register service) belong to their creator in their
company: another company's user, and another user of the same company, neither read nor
change them (issue 15, item 7)."""

import base64

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BanqupTestCommon, sample


@tagged("post_install", "-at_install")
class TestBanqupWizardIsolation(BanqupTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company(name="Other SIA")["company"]

        def user(login, groups, company):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        accountant = "base.group_user,account.group_account_user"
        admin = "base.group_user,account.group_account_user,base.group_system"
        cls.accountant = user("iso_accountant", accountant, cls.company)
        cls.colleague = user("iso_colleague", accountant, cls.company)
        cls.other_accountant = user(
            "iso_other_accountant", accountant, cls.other_company
        )
        cls.admin = user("iso_admin", admin, cls.company)
        cls.other_admin = user("iso_other_admin", admin, cls.other_company)
        cls.colleague_admin = user("iso_colleague_admin", admin, cls.company)

    def _assert_hidden(self, records, user):
        Model = self.env[records._name].with_user(user)
        self.assertFalse(Model.search([("id", "in", records.ids)]))
        for record in records:
            with self.assertRaises(AccessError):
                Model.browse(record.id).read(
                    ["company_id" if "company_id" in record._fields else "create_uid"]
                )
            with self.assertRaises(AccessError):
                Model.browse(record.id).write({"create_uid": user.id})

    def test_upload_wizard_is_its_creators(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "lv_sales_invoice.xml",
                "datas": base64.b64encode(sample("lv_sales_invoice.xml")),
            }
        )
        wizard = (
            self.env["banqup.upload.wizard"]
            .with_user(self.accountant)
            .create(
                {"direction": "sales", "attachment_ids": [Command.set(attachment.ids)]}
            )
        )
        self.assertEqual(wizard.company_id, self.company)
        for user in (self.other_accountant, self.colleague):
            with self.subTest(user=user.login):
                self._assert_hidden(wizard, user)
                with self.assertRaises(AccessError):
                    self.env["banqup.upload.wizard"].with_user(user).browse(
                        wizard.id
                    ).action_upload()
        # nor can a user of another company make one that uploads into this company's
        # inbox
        with self.assertRaises(AccessError):
            self.env["banqup.upload.wizard"].with_user(self.other_accountant).create(
                {
                    "direction": "sales",
                    "company_id": self.company.id,
                    "attachment_ids": [Command.set(attachment.ids)],
                }
            )

    def test_register_wizard_is_its_creators(self):
        action = (
            self.env["banqup.register.wizard"]
            .with_user(self.admin)
            ._action_open(self.company)
        )
        wizard = self.env["banqup.register.wizard"].sudo().browse(action["res_id"])
        self.assertTrue(wizard.line_ids)
        for user in (self.other_admin, self.colleague_admin):
            with self.subTest(user=user.login):
                self._assert_hidden(wizard, user)
                self._assert_hidden(wizard.line_ids, user)

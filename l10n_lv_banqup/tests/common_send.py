# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the sending tests: a Latvian seller that sends via Banqup, customers with
endpoints."""

from unittest.mock import patch

from .common import BanqupTestCommon


class BanqupSendCommon(BanqupTestCommon):
    """The test company with the seller data Odoo's BIS 3 builder needs, sending through
    the API.

    The outbox's commit point is replaced (the test runs in one transaction);
    ``self.commits`` lists the entries of each commit.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "vat": "LV40003009497",
                "company_registry": "40003009497",
                "street": "Brivibas iela 1",
                "city": "Riga",
                "zip": "LV-1010",
                "country_id": cls.env.ref("base.lv").id,
            }
        )
        cls.company.sudo().l10n_lv_banqup_send_method = "api"

    @classmethod
    def new_customer(cls, name, **vals):
        """A Latvian company customer (its Peppol endpoint follows from the registry
        number)."""
        return cls.new_partner(
            name=name,
            street="Elizabetes iela 2",
            city="Riga",
            zip="LV-1050",
            country_id=cls.env.ref("base.lv").id,
            **vals,
        )

    def setUp(self):
        super().setUp()
        self.commits = []
        patcher = patch.object(
            self.registry["banqup.outbox"],
            "_l10n_lv_banqup_commit",
            lambda outbox: self.commits.append(outbox.ids),
        )
        patcher.start()
        self.addCleanup(patcher.stop)

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Supplier data used: the payee IBAN (BT-84), the payment reference (BT-83), the buyer
and order references."""

from odoo.tests import tagged

from .common import BanqupTestCommon, sample

IBAN = "LV80BANK0000435195001"  # the sample's BT-84, a valid IBAN
ORDER_REFERENCE = b"""  <cbc:BuyerReference>BR-77</cbc:BuyerReference>
  <cac:OrderReference>
    <cbc:ID>PO-2026-031</cbc:ID>
  </cac:OrderReference>"""


def bill_xml(iban=IBAN, number="SUP-778"):
    """The supplier invoice sample with an order reference, the given IBAN and
    number."""
    xml = sample("purchase_supplier_invoice.xml")
    xml = xml.replace(
        b"  <cbc:BuyerReference>BR-77</cbc:BuyerReference>", ORDER_REFERENCE
    )
    xml = xml.replace(IBAN.encode(), iban.encode())
    return xml.replace(b"SUP-778", number.encode())


@tagged("post_install", "-at_install")
class TestBanqupDocumentPayment(BanqupTestCommon):
    def import_bill(self, banqup_id="bill", **kwargs):
        document = self.import_xml(
            bill_xml(**kwargs), direction="purchase", banqup_id=banqup_id
        )
        self.assertEqual(document.state, "imported", document.error_message)
        return document.move_id

    def banks(self, number=IBAN):
        return (
            self.env["res.partner.bank"]
            .with_context(active_test=False)
            .search([("sanitized_acc_number", "=", number)])
        )

    def test_bill_gets_the_vendor_account_and_the_references(self):
        bill = self.import_bill()
        vendor = bill.commercial_partner_id
        self.assertEqual(vendor.vat, "LV50003000002")
        self.assertRecordValues(
            bill,
            [
                {
                    "move_type": "in_invoice",
                    "ref": "SUP-778",
                    "payment_reference": "SUP-778",
                    "invoice_origin": "PO-2026-031",
                    "l10n_lv_banqup_buyer_reference": "BR-77",
                }
            ],
        )
        bank = bill.partner_bank_id
        self.assertRecordValues(
            bank,
            [{"acc_number": IBAN, "partner_id": vendor.id, "allow_out_payment": False}],
        )
        self.assertEqual(self.banks(), bank)
        self.assertIn(
            "saved from the Banqup e-invoice SUP-778", vendor.message_ids[0].body
        )
        # the vendor's next bill uses the same account: none is added
        second = self.import_bill(banqup_id="bill-2", number="SUP-779")
        self.assertEqual(second.partner_bank_id, bank)
        self.assertEqual(self.banks(), bank)

    def test_existing_account_written_with_spaces_is_used(self):
        vendor = self.new_partner(name='SIA "Piegādātājs"', vat="LV50003000002")
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "LV80 BANK 0000 4351 9500 1", "partner_id": vendor.id}
        )
        other = self.env["res.partner.bank"].create(
            {"acc_number": "EE382200221020145685", "partner_id": vendor.id}
        )
        bill = self.import_bill()
        self.assertEqual(bill.partner_id, vendor)
        self.assertEqual(bill.partner_bank_id, bank)
        self.assertEqual(vendor.bank_ids, bank | other)

    def test_invalid_iban_is_not_stored_and_the_bill_says_so(self):
        wrong = "LV81BANK0000435195001"  # one checksum digit off
        bill = self.import_bill(iban=wrong)
        self.assertFalse(self.banks(wrong))
        self.assertNotEqual(bill.partner_bank_id.sanitized_acc_number, wrong)
        self.assertFalse(bill.commercial_partner_id.bank_ids)
        notes = bill.message_ids.mapped("body")
        self.assertTrue(
            any(
                f"{wrong} in the e-invoice (BT-84) is not a valid IBAN" in body
                for body in notes
            ),
            notes,
        )
        self.assertEqual(bill.payment_reference, "SUP-778")

    def test_account_of_another_partner_is_not_set(self):
        factoring = self.new_partner(name="Factoring SIA")
        self.env["res.partner.bank"].create(
            {"acc_number": IBAN, "partner_id": factoring.id}
        )
        bill = self.import_bill()
        self.assertFalse(bill.partner_bank_id)
        self.assertEqual(self.banks().partner_id, factoring)
        self.assertTrue(
            any(
                "belongs to Factoring SIA in Odoo" in body
                for body in bill.message_ids.mapped("body")
            )
        )

    def test_sale_keeps_the_references_and_adds_no_account(self):
        document = self.import_sample("lv_sales_invoice.xml")
        move = document.move_id
        self.assertRecordValues(
            move,
            [
                {
                    "ref": "BR-77",
                    "l10n_lv_banqup_buyer_reference": "BR-77",
                    "invoice_origin": "PO-4711",
                    "payment_reference": "LV-2026-0001",
                }
            ],
        )
        self.assertFalse(self.banks())
        self.assertNotEqual(move.partner_bank_id.sanitized_acc_number, IBAN)

    def test_sale_uses_the_company_account_of_the_document(self):
        """On a customer invoice BT-84 is the company's own account: used when Odoo
        knows it, never created."""
        Bank = self.env["res.partner.bank"]
        Bank.create(
            {
                "acc_number": "EE382200221020145685",
                "partner_id": self.company.partner_id.id,
            }
        )
        ours = Bank.create(
            {
                "acc_number": "LV80 BANK 0000 4351 9500 1",
                "partner_id": self.company.partner_id.id,
            }
        )
        move = self.import_sample("lv_sales_invoice.xml").move_id
        self.assertEqual(move.partner_bank_id, ours)
        self.assertEqual(self.banks(), ours)

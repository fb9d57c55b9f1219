# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Banqup's e-mail delivery to accounting: real RFC 822 messages through Odoo's mail
gateway."""

import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from odoo.tests import tagged

from ..banqup.delivery import KEY_PREFIX
from .common import BanqupTestCommon, sample

_logger = logging.getLogger(__name__)

BANQUP_SENDER = "Banqup <no-reply@banqup.example>"
PDF = sample("lv_embedded_pdf.pdf")


def variant(name, number):
    """A sample with another document number (first cbc:ID)."""
    xml = sample(name)
    old = xml.split(b"<cbc:ID>", 1)[1].split(b"</cbc:ID>", 1)[0]
    return xml.replace(
        b"<cbc:ID>" + old + b"</cbc:ID>",
        b"<cbc:ID>" + number.encode() + b"</cbc:ID>",
        1,
    )


def pdf_variant(index):
    """A distinct PDF-only document (a different PDF trailer comment)."""
    return PDF + f"\n% scanned bill {index}\n".encode()


def rfc822(to, files, sender=BANQUP_SENDER, subject="Banqup documents"):
    """An e-mail as Banqup's e-mail delivery sends it: one attachment per file."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate()
    message["Message-Id"] = make_msgid(domain="banqup.example")
    message.set_content("Documents shared with your accountant.")
    for filename, content in files:
        maintype, subtype = (
            ("application", "pdf")
            if filename.endswith(".pdf")
            else ("application", "xml")
        )
        message.add_attachment(
            content, maintype=maintype, subtype=subtype, filename=filename
        )
    return message.as_bytes()


@tagged("post_install", "-at_install")
class TestBanqupMailDelivery(BanqupTestCommon):
    """The documented door: an Odoo alias on the Banqup inbox, the emulator reduced to
    documented endpoints."""

    banqup_undocumented = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.set_company_identifiers(cls.company)
        domain = cls.env["mail.alias.domain"].create({"name": "books.example"})
        cls.company.alias_domain_id = domain
        services = cls.company._l10n_lv_banqup_ensure_services()
        cls.supplier_service = services.filtered(
            lambda s: s.service == "receive_supplier_invoices"
        )
        cls.supplier_service.alias_name = "banqup-inbox"
        cls.env["res.partner"].create(
            {"name": "Banqup delivery", "email": "no-reply@banqup.example"}
        )
        cls.alias = cls.supplier_service.alias_email

    def deliver(self, files, **kwargs):
        return self.env["mail.thread"].message_process(
            False, rfc822(self.alias, files, **kwargs)
        )

    def inbox(self):
        return self.env["banqup.document"].search(
            [("company_id", "=", self.company.id)]
        )

    def test_alias_on_the_inbox(self):
        self.assertEqual(self.alias, "banqup-inbox@books.example")
        alias = self.supplier_service.alias_id
        self.assertEqual(alias.alias_model_id.model, "banqup.document")
        self.assertEqual(alias.alias_contact, "partners")
        self.assertEqual(
            alias.alias_defaults,
            repr({"company_id": self.company.id, "direction": "purchase"}),
        )

    def test_twenty_messages_give_eighteen_documents_and_sixteen_invoices(self):
        """18 distinct documents (8 sales and 8 supplier e-invoices, 2 PDF-only) in 18
        messages, then 2 messages delivering 5 of them again: 18 inbox documents, 16
        invoices, 5 duplicates."""
        sales = [
            (
                f"LV-MAIL-{i:03d}.xml",
                variant("lv_sales_invoice.xml", f"LV-MAIL-{i:03d}"),
            )
            for i in range(8)
        ]
        bills = [
            (
                f"purchase-{i:03d}.xml",
                variant("purchase_supplier_invoice.xml", f"SUP-M{i:03d}"),
            )
            for i in range(8)
        ]
        pdfs = [(f"scan-{i}.pdf", pdf_variant(i)) for i in range(2)]
        documents = sales + bills + pdfs
        for filename, content in documents:
            self.deliver([(filename, content)], subject=filename)
        # the same documents again (Banqup sends an archived document once, but mail may
        # be replayed)
        self.deliver([sales[0], sales[1], bills[0]], subject="again 1")
        self.deliver([bills[1], pdfs[0]], subject="again 2")

        inbox = self.inbox()
        _logger.info(
            f"e-mail delivery: 20 messages, {len(documents) + 5} files -> "
            f"{len(inbox)} inbox documents"
        )
        self.assertEqual(len(inbox), 18)
        self.assertEqual(set(inbox.mapped("source")), {"mail"})
        # stored before anything is parsed: no invoice yet
        self.assertEqual(set(inbox.mapped("state")), {"received"})
        self.assertFalse(inbox.move_id)
        self.assertEqual(sum(inbox.mapped("duplicate_count")), 5)
        self.assertEqual(len(inbox.filtered("duplicate_count")), 5)
        self.assertTrue(
            all(key.startswith(KEY_PREFIX) for key in inbox.mapped("banqup_id"))
        )

        result = self.company._banqup_fetch()
        self.assertFalse(result["error"])
        inbox.invalidate_recordset()
        imported = inbox.filtered(lambda d: d.state == "imported")
        held = inbox - imported
        moves = imported.move_id
        _logger.info(
            f"imported {len(imported)} invoices/bills, held {len(held)} PDF-only"
        )
        self.assertEqual(len(imported), 16)
        self.assertEqual(len(moves), 16)
        self.assertEqual(
            sorted(set(moves.mapped("move_type"))), ["in_invoice", "out_invoice"]
        )
        out = moves.filtered(lambda m: m.move_type == "out_invoice")
        bills_moves = moves - out
        self.assertEqual(len(out), 8)
        self.assertEqual(out.journal_id, self.sale_journal)
        self.assertEqual(bills_moves.journal_id, self.purchase_journal)
        self.assertAlmostEqual(sum(out.mapped("amount_total")), 8 * 376.40, places=2)
        self.assertAlmostEqual(
            sum(bills_moves.mapped("amount_total")), 8 * 134.40, places=2
        )
        self.assertEqual(
            sorted(out.mapped("name")), [f"LV-MAIL-{i:03d}" for i in range(8)]
        )
        # the two PDF-only documents wait, held with a clear message and their PDF
        self.assertEqual(len(held), 2)
        self.assertEqual(set(held.mapped("state")), {"error"})
        for document in held:
            self.assertIn("Only a PDF was delivered", document.error_message)
            self.assertEqual(
                document.file_attachment_ids.mapped("mimetype"), ["application/pdf"]
            )
        # a third delivery after the import changes nothing
        before = self.env["account.move"].search_count([])
        self.deliver([sales[2]])
        self.company._banqup_fetch()
        self.assertEqual(self.env["account.move"].search_count([]), before)
        self.assertEqual(len(self.inbox()), 18)

    def test_unknown_sender_is_refused(self):
        """The alias accepts known senders only: a stranger's e-invoice never reaches
        the inbox."""
        xml = variant("lv_sales_invoice.xml", "LV-SPAM-1")
        self.deliver([("spam.xml", xml)], sender="Stranger <someone@elsewhere.example>")
        self.assertFalse(self.inbox())
        # the same e-mail from the known Banqup sender is accepted: the sender decided
        self.deliver([("spam.xml", xml)])
        self.assertEqual(len(self.inbox()), 1)

    def test_direction_from_the_alias_without_matching_party(self):
        """A document where the company is neither party takes the alias's direction."""
        self.company.sudo().with_context(no_vat_validation=True).write(
            {"vat": False, "company_registry": False}
        )
        self.deliver([("LV-X.xml", variant("lv_sales_invoice.xml", "LV-X"))])
        self.assertEqual(self.inbox().direction, "purchase")

    def test_demo_mail_delivery(self):
        """The demo's e-mail delivery (./dev run): an alias, one e-mail through the
        gateway, one bill."""
        self.company._l10n_lv_banqup_demo_mail_delivery()
        self.assertEqual(
            self.supplier_service.alias_name, f"banqup-bills-{self.company.id}"
        )
        document = self.inbox()
        self.assertEqual(len(document), 1)
        self.assertRecordValues(
            document, [{"source": "mail", "state": "imported", "direction": "purchase"}]
        )
        self.assertRecordValues(
            document.move_id,
            [{"move_type": "in_invoice", "ref": "SUP-778", "amount_total": 134.4}],
        )

    def test_inbox_cron_imports_what_the_gateway_stored(self):
        """The scheduled action the gateway triggers imports the stored e-mail
        documents."""
        cron = self.env.ref("l10n_lv_banqup.ir_cron_banqup_inbox")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.deliver([("LV-CRON-1.xml", variant("lv_sales_invoice.xml", "LV-CRON-1"))])
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers + 1,
        )
        self.assertEqual(self.inbox().state, "received")
        self.env["res.company"]._cron_l10n_lv_banqup_inbox()
        self.assertEqual(self.inbox().state, "imported")
        self.assertRecordValues(
            self.inbox().move_id, [{"move_type": "out_invoice", "name": "LV-CRON-1"}]
        )

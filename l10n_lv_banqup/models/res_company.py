# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import logging
import os
import zlib
from email.message import EmailMessage
from email.utils import make_msgid

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import file_open

from ..banqup.btx import TOKEN_PATH_GUIDE, BtxConfig, BtxTransport
from ..banqup.exceptions import BanqupError
from ..banqup.transport import SERVICES, PushTransport
from ..banqup.upload import UploadTransport

_logger = logging.getLogger(__name__)

#: first key of the advisory lock that serialises fetches of one company
_FETCH_LOCK_NAMESPACE = zlib.crc32(b"l10n_lv_banqup.fetch") & 0x7FFFFFFF
DEFAULT_TOKEN_PATH = TOKEN_PATH_GUIDE
#: route of the message listener; Banqup POSTs to <base path>/messages
LISTENER_ROUTE = "/l10n_lv_banqup/listener"


class ResCompany(models.Model):
    _inherit = "res.company"

    # -- secrets: readable by system administrators only ----------------------------
    l10n_lv_banqup_einvoice_key = fields.Char(
        string="Banqup E-invoice Key",
        groups="base.group_system",
        copy=False,
        help=(
            "Authentication code sent by the e-invoice operator after the contract is "
            "signed. It secures the message listener: the listener address Banqup "
            "calls carries a secret derived from this key, so a new key means "
            "registering the e-services again."
        ),
    )
    l10n_lv_banqup_client_id = fields.Char(
        string="Banqup Client ID",
        groups="base.group_system",
        copy=False,
        help="Client ID of the Banqup API application, from Unifiedpost.",
    )
    l10n_lv_banqup_client_secret = fields.Char(
        string="Banqup Client Secret",
        groups="base.group_system",
        copy=False,
        help="Secret of the Banqup API application; never shown in messages or logs.",
    )

    # -- connection settings -----------------------------------------------------------
    l10n_lv_banqup_transport = fields.Selection(
        [("btx", "Banqup API (BTX)"), ("upload", "Manual upload of UBL files / zip")],
        string="Banqup Transport",
        default="btx",
        required=True,
        help=(
            "How documents reach Odoo: through the Banqup API, or as files exported "
            "from Banqup that you upload."
        ),
    )
    l10n_lv_banqup_environment = fields.Selection(
        [
            ("production", "Production"),
            ("sandbox", "Sandbox (UAT)"),
            ("custom", "Custom URL"),
        ],
        string="Banqup Environment",
        default="sandbox",
        required=True,
        help=(
            "Production for real invoices; Sandbox (UAT) for trials; Custom URL for "
            "another address."
        ),
    )
    l10n_lv_banqup_custom_url = fields.Char(
        string="Banqup Custom Base URL",
        groups="base.group_system",
        help="Base address of the Banqup API when the environment is Custom URL.",
    )
    l10n_lv_banqup_token_path = fields.Char(
        string="Banqup Token Path",
        default=DEFAULT_TOKEN_PATH,
        groups="base.group_system",
        help=(
            "Banqup's getting-started guide uses /oauth2/client_credential/gettoken "
            "(the default); a recipe uses /oauth2/client_credential/accesstoken."
        ),
    )
    l10n_lv_banqup_undocumented_api = fields.Boolean(
        string="Use undocumented document endpoints (assumption)",
        groups="base.group_system",
        help=(
            "Off by default. When on, Fetch now lists, downloads and acknowledges "
            "documents through endpoints that Banqup's public documentation does not "
            "describe (our assumption of the API, see the module's CONTEXT.md); they "
            "may not exist. Without it, documents arrive by the accounting e-mail "
            "delivery, the message listener and the upload wizard."
        ),
    )
    l10n_lv_banqup_space_id = fields.Char(
        string="Banqup Space",
        copy=False,
        groups="base.group_system",
        help="Business space id, discovered by the Register service step.",
    )
    l10n_lv_banqup_sale_journal_id = fields.Many2one(
        "account.journal",
        string="Banqup Sales Journal",
        domain="[('type', '=', 'sale')]",
        check_company=True,
        help=(
            "Journal of the customer invoices imported from Banqup; they keep "
            "Banqup's numbers."
        ),
    )
    l10n_lv_banqup_purchase_journal_id = fields.Many2one(
        "account.journal",
        string="Banqup Purchase Journal",
        domain="[('type', '=', 'purchase')]",
        check_company=True,
        help="Journal of the vendor bills received through Banqup.",
    )
    l10n_lv_banqup_auto_post = fields.Boolean(
        string="Post Banqup Invoices Automatically",
        help=(
            "Post imported invoices at once; otherwise they wait as drafts for a check."
        ),
    )
    l10n_lv_banqup_vies_check = fields.Boolean(
        string="Check New Banqup Partners in VIES",
        help=(
            "Partners created from Banqup documents are checked against the EU VIES "
            "service. VIES being down never blocks an import."
        ),
    )
    l10n_lv_banqup_vies_url = fields.Char(
        string="VIES Endpoint",
        groups="base.group_system",
        help="Address of the VIES service; empty: the EU VIES service.",
    )
    l10n_lv_banqup_service_ids = fields.One2many(
        "banqup.service",
        "company_id",
        string="Banqup E-services",
        context={"active_test": False},
    )
    l10n_lv_banqup_last_fetch = fields.Datetime(
        string="Last Banqup Fetch",
        readonly=True,
        copy=False,
        help="When documents were last fetched from Banqup.",
    )

    # -- client ------------------------------------------------------------------------

    def _l10n_lv_banqup_btx_settings(self):
        """Extra :class:`~..banqup.btx.BtxConfig` keyword settings (timeouts, paths,
        retries).

        Override to follow a change of Banqup's API without touching the client.
        """
        return {}

    def _l10n_lv_banqup_get_btx_config(self):
        """Build the BTX client settings from the company; the only place that reads
        secrets.

        Reading the secret fields needs ``sudo()``: the fetch also runs for accountants
        and for the cron. The config never leaves this process and is never logged.
        """
        self.ensure_one()
        company = self.sudo()
        if (
            not company.l10n_lv_banqup_client_id
            or not company.l10n_lv_banqup_client_secret
        ):
            raise UserError(
                self.env._(
                    "Enter the Banqup client id and secret of %(company)s in the "
                    "Accounting settings first.",
                    company=self.name,
                )
            )
        try:
            return BtxConfig.for_environment(
                company.l10n_lv_banqup_environment,
                company.l10n_lv_banqup_client_id,
                company.l10n_lv_banqup_client_secret,
                custom_url=company.l10n_lv_banqup_custom_url,
                space_id=company.l10n_lv_banqup_space_id or None,
                token_path=company.l10n_lv_banqup_token_path or DEFAULT_TOKEN_PATH,
                undocumented_endpoints=company.l10n_lv_banqup_undocumented_api,
                **self._l10n_lv_banqup_btx_settings(),
            )
        except BanqupError as exc:
            raise UserError(exc.translate(self.env._)) from None

    def _l10n_lv_banqup_get_transport(self):
        """Return the transport of the company's documents (BTX REST client by default).

        The upload transport is built by the upload wizard from the uploaded files.
        """
        self.ensure_one()
        return BtxTransport(self._l10n_lv_banqup_get_btx_config())

    # -- message listener ------------------------------------------------------------

    def _l10n_lv_banqup_listener_token(self):
        """Secret of the company's listener URL, derived from the E-invoice key (or
        False).

        Banqup's pages say nothing about how it authenticates its calls to a listener,
        so the URL itself carries a secret: HMAC-SHA256 of the database uuid and the
        company id under the E-invoice key the operator handed over.
        """
        self.ensure_one()
        key = self.sudo().l10n_lv_banqup_einvoice_key
        if not key:
            return False
        dbuuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        message = f"l10n_lv_banqup.listener:{dbuuid}:{self.id}".encode()
        return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:40]

    def _l10n_lv_banqup_listener_base(self, service):
        """Base path registered as Banqup message listener of ``service`` (Banqup adds
        /messages)."""
        self.ensure_one()
        token = self._l10n_lv_banqup_listener_token()
        if not token:
            return False
        return f"{self.get_base_url()}{LISTENER_ROUTE}/{self.id}/{token}/{service}"

    def _l10n_lv_banqup_check_listener_token(self, token):
        """True when ``token`` is the company's listener secret (constant-time
        comparison)."""
        self.ensure_one()
        expected = self._l10n_lv_banqup_listener_token()
        return bool(expected) and hmac.compare_digest(expected, str(token or ""))

    # -- registration ----------------------------------------------------------------

    def _l10n_lv_banqup_get_registration_transport(self):
        """Transport asked by *Register service*: the API, or the upload
        pseudo-operator."""
        self.ensure_one()
        if self.l10n_lv_banqup_transport == "upload":
            return UploadTransport([], "sales")
        return self._l10n_lv_banqup_get_transport()

    def _l10n_lv_banqup_ensure_services(self):
        """Return the company's e-service rows, creating the missing ones (inactive)."""
        self.ensure_one()
        Service = self.env["banqup.service"].with_context(active_test=False)
        services = Service.search([("company_id", "=", self.id)])
        missing = [code for code in SERVICES if code not in services.mapped("service")]
        if missing:
            services |= Service.create(
                [
                    {"company_id": self.id, "service": code, "active": False}
                    for code in missing
                ]
            )
        return services

    def _l10n_lv_banqup_register(self, services):
        """Register e-services with the operator and write each result on its row.

        :param services: ``banqup.service`` records of this company.
        :returns: the service records.
        """
        self.ensure_one()
        codes = services.mapped("service")
        listener_urls = {}
        try:
            transport = self._l10n_lv_banqup_get_registration_transport()
            if self.l10n_lv_banqup_transport == "btx":
                listener_urls = self._l10n_lv_banqup_listener_urls(codes)
        except UserError as exc:
            now = fields.Datetime.now()
            services.write(
                {"active": False, "system_message": exc.args[0], "request_date": now}
            )
            return services
        try:
            results = transport.register(codes, listener_urls)
            space_id = None
            if self.l10n_lv_banqup_transport == "btx" and any(
                result.active for result in results.values()
            ):
                space_id = transport.space_id
        finally:
            if hasattr(transport, "close"):
                transport.close()
        for service in services:
            result = results[service.service]
            message = result.message
            if result.error is not None and isinstance(result.error, BanqupError):
                message = result.error.translate(self.env._)
            elif result.active:
                message = self.env._("Registration was successful!")
            service.write(
                {
                    "active": result.active,
                    "system_message": message,
                    "request_date": result.request_date,
                }
            )
        if space_id:
            self.sudo().l10n_lv_banqup_space_id = space_id
        _logger.info(
            "Banqup registration of company %s: %s",
            self.id,
            ", ".join(
                f"{code}={'ok' if results[code].active else 'failed'}" for code in codes
            ),
        )
        return services

    def _l10n_lv_banqup_listener_urls(self, codes):
        """Listener base path of each e-service; refuses without the E-invoice key that
        secures them."""
        self.ensure_one()
        if not self._l10n_lv_banqup_listener_token():
            raise UserError(
                self.env._(
                    "Enter the E-invoice key of %(company)s first: Register service "
                    "registers Banqup's message listener at an address secured with "
                    "it.",
                    company=self.name,
                )
            )
        return {code: self._l10n_lv_banqup_listener_base(code) for code in codes}

    # -- fetch -----------------------------------------------------------------------

    def _l10n_lv_banqup_try_lock(self):
        """Take the company's fetch lock for the current transaction, without waiting.

        A transaction-level advisory lock: released by the next commit or rollback, so
        a crashed worker never leaves it behind. :meth:`_l10n_lv_banqup_commit` takes it
        again after each commit.

        :returns: True when this transaction holds the lock.
        """
        self.ensure_one()
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", (_FETCH_LOCK_NAMESPACE, self.id)
        )
        return self.env.cr.fetchone()[0]

    def _l10n_lv_banqup_commit(self):
        """Documented commit point of the Banqup fetch (see the readme).

        Makes the stored documents (or an imported invoice) durable, then takes the
        fetch lock again. Tests replace this method, since Odoo forbids commits there.

        :returns: True when the lock is held again (False: another worker took over).
        """
        self.env.cr.commit()  # pylint: disable=invalid-commit
        return self._l10n_lv_banqup_try_lock()

    def _banqup_fetch(self, transport=None, import_documents=True, source="btx"):
        """Fetch new Banqup documents of each company: store, commit, import,
        acknowledge.

        1. list and download every new document; store each one (raw bytes and id) in
           the inbox, then commit, before anything is parsed;
        2. import every ``received`` document of the company, each in a savepoint,
           committing once per batch of documents;
        3. acknowledge documents whose invoice is committed (and ignored ones).

        :param transport: a :class:`~..banqup.transport.Transport`; default the
            company's.
        :param bool import_documents: False only stores (the next run imports).
        :param str source: ``btx`` or ``upload`` (recorded on the documents).
        :returns: dict with the ``stored``, ``imported``, ``failed`` and
            ``acknowledged`` documents (``banqup.document`` records), ``skipped`` (True
            when another worker holds the lock), ``error`` (why the listing stopped, or
            False) and ``download_errors`` (``(banqup_id, message)`` of documents left
            at the source).
        """
        Document = self.env["banqup.document"]
        summary = {
            "stored": Document,
            "imported": Document,
            "failed": Document,
            "acknowledged": Document,
            "skipped": False,
            "error": False,
            "download_errors": [],
        }
        for company in self:
            if not company._l10n_lv_banqup_try_lock():
                _logger.info(
                    "Banqup fetch of company %s skipped: another fetch is running",
                    company.id,
                )
                summary["skipped"] = True
                continue
            own_transport = transport is None
            company_transport = (
                transport or company._l10n_lv_banqup_get_fetch_transport()
            )
            try:
                company._l10n_lv_banqup_process_messages(company_transport)
                result = Document.with_company(company)._banqup_run(
                    company, company_transport, import_documents, source
                )
            finally:
                if own_transport and hasattr(company_transport, "close"):
                    company_transport.close()
            for key in ("stored", "imported", "failed", "acknowledged"):
                summary[key] |= result[key]
            summary["skipped"] |= result["skipped"]
            summary["error"] = summary["error"] or result["error"]
            summary["download_errors"] += result["download_errors"]
        return summary

    @api.model
    def _cron_l10n_lv_banqup_fetch(self):
        """Scheduled action: fetch for every company connected through the BTX API whose
        e-services are registered (at least one active), with the company's language for
        the messages it stores."""
        companies = self.sudo().search(
            [
                ("l10n_lv_banqup_transport", "=", "btx"),
                ("l10n_lv_banqup_service_ids.active", "=", True),
            ]
        )
        companies = companies.filtered(
            lambda c: c.l10n_lv_banqup_client_id and c.l10n_lv_banqup_client_secret
        )
        for company in companies:
            try:
                result = company._l10n_lv_banqup_with_company_lang()._banqup_fetch()
            except (BanqupError, UserError) as exc:
                # the documents already stored stay in the inbox; the next run retries
                _logger.warning(
                    "Banqup fetch of company %s failed: %s", company.id, exc
                )
                continue
            if result["error"]:
                _logger.warning(
                    "Banqup fetch of company %s incomplete: %s",
                    company.id,
                    result["error"],
                )

    def _l10n_lv_banqup_get_fetch_transport(self):
        """The API client when the company is connected through it, else the push-only
        source."""
        self.ensure_one()
        company = self.sudo()
        if (
            company.l10n_lv_banqup_transport == "btx"
            and company.l10n_lv_banqup_client_id
        ):
            return self._l10n_lv_banqup_get_transport()
        return PushTransport()

    def _l10n_lv_banqup_process_messages(self, transport):
        """Turn the company's new listener messages into inbox documents, then commit
        (stored before anything is parsed); the caller holds the fetch lock."""
        self.ensure_one()
        messages = (
            self.env["banqup.message"]
            .sudo()
            .search([("company_id", "=", self.id), ("state", "=", "new")])
        )
        if messages:
            messages._banqup_process(transport)
            self._l10n_lv_banqup_commit()

    @api.model
    def _cron_l10n_lv_banqup_inbox(self):
        """Scheduled action (triggered by the listener and the mail gateway): every
        company with new listener messages or received documents, whatever door they
        came through."""
        Document = self.env["banqup.document"].sudo()
        Message = self.env["banqup.message"].sudo()
        company_ids = set(Message.search([("state", "=", "new")]).company_id.ids)
        company_ids |= set(Document.search([("state", "=", "received")]).company_id.ids)
        for company in self.sudo().browse(sorted(company_ids)):
            try:
                company._l10n_lv_banqup_with_company_lang()._banqup_fetch()
            except (BanqupError, UserError) as exc:
                _logger.warning(
                    "Banqup inbox run of company %s failed: %s", company.id, exc
                )

    def _l10n_lv_banqup_with_company_lang(self):
        """This company in its partner's language (when active), for messages written
        without a user: the cron's import errors are read by the company's
        accountants."""
        self.ensure_one()
        lang = self.env["res.lang"]._get_code(self.partner_id.lang or "")
        return self.with_context(lang=lang) if lang else self

    @api.model
    def _l10n_lv_banqup_demo_emulator_port(self):
        """Port of the demo emulator: ``ODOO_BANQUP_EMULATOR_PORT`` as ``./dev run``
        starts it (default 8070)."""
        value = os.environ.get("ODOO_BANQUP_EMULATOR_PORT", "")
        return int(value) if value.isdigit() and int(value) > 0 else 8070

    def _l10n_lv_banqup_create_demo_data(self):
        """Demo: point the company at the local Banqup emulator of ``./dev run`` with a
        Banqup sales journal. Nothing for a company without a chart of accounts, or
        already set up."""
        for company in self.filtered("chart_template"):
            if company.l10n_lv_banqup_client_id:
                continue
            Journal = self.env["account.journal"].with_company(company)
            usual_sale_journal = Journal.search(
                [*Journal._check_company_domain(company), ("type", "=", "sale")],
                limit=1,
            )
            sale_journal = Journal.create(
                {
                    "name": "Banqup Sales Invoices",
                    "code": "BNQS",
                    "type": "sale",
                    "company_id": company.id,
                    "default_account_id": usual_sale_journal.default_account_id.id,
                }
            )
            purchase_journal = Journal.search(
                [*Journal._check_company_domain(company), ("type", "=", "purchase")],
                limit=1,
            )
            company.sudo().write(
                {
                    "l10n_lv_banqup_transport": "btx",
                    "l10n_lv_banqup_environment": "custom",
                    "l10n_lv_banqup_custom_url": (
                        f"http://127.0.0.1:{self._l10n_lv_banqup_demo_emulator_port()}"
                    ),
                    "l10n_lv_banqup_client_id": "demo-client",
                    "l10n_lv_banqup_client_secret": "demo-secret",
                    "l10n_lv_banqup_einvoice_key": "DEMO-EINVOICE-KEY",
                    "l10n_lv_banqup_sale_journal_id": sale_journal.id,
                    "l10n_lv_banqup_purchase_journal_id": purchase_journal.id,
                    "l10n_lv_banqup_auto_post": True,
                    "l10n_lv_banqup_vies_check": False,
                }
            )

    def _l10n_lv_banqup_demo_mail_delivery(self):
        """Demo: the supplier e-service's e-mail delivery address, and one e-mail from
        Banqup with a supplier e-invoice, received through Odoo's mail gateway and
        imported."""
        for company in self.filtered("l10n_lv_banqup_client_id"):
            if not company.alias_domain_id:
                company.alias_domain_id = self.env["mail.alias.domain"].create(
                    {"name": "banqup-demo.example"}
                )
            service = company._l10n_lv_banqup_ensure_services().filtered(
                lambda s: s.service == "receive_supplier_invoices"
            )
            service.alias_name = f"banqup-bills-{company.id}"
            sender = "no-reply@banqup-demo.example"
            if not self.env["res.partner"].search_count([("email", "=", sender)]):
                self.env["res.partner"].create(
                    {"name": "Banqup e-mail delivery", "email": sender}
                )
            message = EmailMessage()
            message["From"] = f"Banqup <{sender}>"
            message["To"] = service.alias_email
            message["Subject"] = "Banqup: SUP-778"
            message["Message-Id"] = make_msgid(domain="banqup-demo.example")
            message.set_content("A document shared with your accountant.")
            with file_open(
                "l10n_lv_banqup/tests/data/purchase_supplier_invoice.xml", "rb"
            ) as xml:
                message.add_attachment(
                    xml.read(),
                    maintype="application",
                    subtype="xml",
                    filename="SUP-778.xml",
                )
            self.env["mail.thread"].message_process(False, message.as_bytes())
            received = self.env["banqup.document"].search(
                [
                    ("company_id", "=", company.id),
                    ("source", "=", "mail"),
                    ("state", "=", "received"),
                ]
            )
            received.with_company(company)._banqup_import_batch()

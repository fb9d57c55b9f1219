# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark: Banqup fetch (fetch + store + import + post + acknowledge) vs Odoo's own
UBL import.

    ./dev bench banqup                        # N = 200 and 1000, peer at both sizes
    ./dev bench banqup --sizes 50             # quick run while developing
    ./dev bench banqup --sizes 200 --profile  # cProfile of our fetch runs

Data per size N: N Peppol BIS Billing 3.0 sales invoices (3 lines at 21 % each) of the
bench company to 50 Latvian customers (valid LV VAT numbers, created beforehand so that
neither side pays for creating partners). Ours: the documents are put into the local
Banqup API emulator (in this process, on a free loopback port), the company is pointed
at it with auto-post on, and ``company._banqup_fetch()`` is called until the emulator
has nothing pending (each call stores what is new, imports at most
``_banqup_batch_size()`` = 200 documents in batches of 25 with a commit after each
batch, acknowledges). It runs on a real cursor of the (throwaway) bench
database since the fetch commits. Peer: the same XML files as attachments, imported by
``account.journal._create_document_from_attachment`` on the company's sales journal (as
the journal dashboard upload does, in batches of 200 with a commit after each), which
leaves drafts; their ``action_post()`` is measured separately ("peer + post").

Memory: the peak RSS growth during our run (sampled every 20 ms) and the process's
peak RSS (``ru_maxrss``) before and after it; with bounded batches the growth does not
follow N.
"""

import resource
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
import psutil
from stdnum.lv import pvn

from odoo import fields


def _load_emulator():
    """The emulator module (standard library only), loaded from its file: importing the
    addon's ``tests`` package outside Odoo's module loading would import the models a
    second time."""
    import importlib.util

    path = (
        Path(__file__).resolve().parents[1]
        / "l10n_lv_banqup"
        / "tests"
        / "banqup_emulator.py"
    )
    spec = importlib.util.spec_from_file_location("bench_banqup_emulator", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


emulator_module = _load_emulator()
BanqupEmulator = emulator_module.BanqupEmulator
DEMO_CLIENT_ID = emulator_module.DEMO_CLIENT_ID
DEMO_CLIENT_SECRET = emulator_module.DEMO_CLIENT_SECRET

MODULES = ["l10n_lv", "l10n_lv_banqup", "account_edi_ubl_cii"]
CUSTOMERS = 50
PEER_BATCH = 200
ISSUE_DATE = "2026-03-02"
DUE_DATE = "2026-03-16"

INVOICE = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" \
xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{issue_date}</cbc:IssueDate>
  <cbc:DueDate>{due_date}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>{number}</cbc:BuyerReference>
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="9939">{seller_vat}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>Bench Banqup SIA</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Brīvības iela 100</cbc:StreetName>
        <cbc:CityName>Rīga</cbc:CityName>
        <cbc:PostalZone>LV-1011</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>LV</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>{seller_vat}</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>SIA "Bench Banqup"</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0218">{seller_registry}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cbc:EndpointID schemeID="9939">{buyer_vat}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>{buyer_name}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Daugavpils iela {buyer_index}</cbc:StreetName>
        <cbc:CityName>Jelgava</cbc:CityName>
        <cbc:PostalZone>LV-3001</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>LV</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>{buyer_vat}</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>{buyer_name}</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0218">{buyer_registry}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentID>{number}</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>LV80BANK0000435195001</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">{tax}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">{untaxed}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">{tax}</cbc:TaxAmount>
      <cac:TaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>21</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{untaxed}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{untaxed}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{total}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{total}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
{lines}</Invoice>
"""

LINE = """  <cac:InvoiceLine>
    <cbc:ID>{line_id}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">{quantity}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{amount}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>{name}</cbc:Name>
      <cac:ClassifiedTaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>21</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{price}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
"""


def valid_lv_vat(base):
    """``LV`` + the 11-digit legal-entity number starting with the 10 digits ``base``
    that stdnum accepts."""
    for check in range(10):
        number = f"LV{base}{check}"
        if pvn.is_valid(number):
            return number
    raise ValueError(f"no valid LV VAT number with base {base}")


def customers():
    """``(name, vat, registry)`` of the 50 customers (VAT numbers valid for
    stdnum.lv.pvn)."""
    result = []
    base = 4000300100
    while len(result) < CUSTOMERS:
        base += 1
        try:
            vat = valid_lv_vat(str(base))
        except ValueError:
            continue
        result.append((f'SIA "Bench Customer {len(result) + 1:02d}"', vat, vat[2:]))
    return result


def make_xml(index, number, customer, seller_vat):
    """One sales invoice: 3 lines at 21 % (whole-euro amounts, so every tax is exact to
    the cent)."""
    lines, untaxed = [], Decimal(0)
    for line_id in range(1, 4):
        quantity = 1 + (index + line_id) % 3
        price = Decimal(10 + (index * 7 + line_id * 13) % 90)
        amount = quantity * price
        untaxed += amount
        lines.append(
            LINE.format(
                line_id=line_id,
                quantity=quantity,
                amount=f"{amount:.2f}",
                price=f"{price:.2f}",
                name=f"Service {line_id} ({index % 17})",
            )
        )
    tax = (untaxed * Decimal("0.21")).quantize(Decimal("0.01"))
    name, vat, registry = customer
    xml = INVOICE.format(
        number=number,
        issue_date=ISSUE_DATE,
        due_date=DUE_DATE,
        seller_vat=seller_vat,
        seller_registry=seller_vat[2:],
        buyer_vat=vat,
        buyer_name=name,
        buyer_index=index % CUSTOMERS + 1,
        buyer_registry=registry,
        untaxed=f"{untaxed:.2f}",
        tax=f"{tax:.2f}",
        total=f"{untaxed + tax:.2f}",
        lines="".join(lines),
    )
    return xml.encode(), untaxed + tax


def make_documents(size, seller_vat):
    """``[(number, xml bytes, total)]`` of ``size`` invoices over the 50 customers."""
    people = customers()
    documents = []
    for index in range(size):
        number = f"BQ-2026-{size}{index + 1:05d}"
        xml, total = make_xml(index, number, people[index % CUSTOMERS], seller_vat)
        documents.append((number, xml, total))
    return documents


def setup_company(env):
    """The main company in EUR with the Latvian chart, its customers and a Banqup sales
    journal."""
    company = env.ref("base.main_company")
    seller_vat = valid_lv_vat("4000300000")
    env.ref("base.EUR").active = True
    if company.chart_template != "lv":
        company.write({"currency_id": env.ref("base.EUR").id})
        env["account.chart.template"].try_loading(
            "lv", company=company, install_demo=False
        )
    company.write(
        {
            "name": "Bench Banqup SIA",
            "country_id": env.ref("base.lv").id,
            "vat": seller_vat,
        }
    )
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    Journal = env["account.journal"]
    peer_journal = Journal.search(
        [*Journal._check_company_domain(company), ("type", "=", "sale")], limit=1
    )
    our_journal = Journal.create(
        {
            "name": "Banqup sales",
            "code": "BQS",
            "type": "sale",
            "company_id": company.id,
            "default_account_id": peer_journal.default_account_id.id,
        }
    )
    env["res.partner"].create(
        [
            {
                "name": name,
                "is_company": True,
                "company_id": False,
                "country_id": env.ref("base.lv").id,
                "vat": vat,
                "company_registry": registry,
                "peppol_eas": "9939",
                "peppol_endpoint": vat,
            }
            for name, vat, registry in customers()
        ]
    )
    return env, company, seller_vat, our_journal, peer_journal


def configure_banqup(company, emulator, journal, undocumented=False):
    """Point the company at the emulator, as the Odoo tests do (``tests/common.py``),
    with auto-post; ``undocumented``: the administrator's opt-in *Use undocumented
    document endpoints (assumption)*, which *Fetch now* (the document listing this
    benchmark measures) needs."""
    company.sudo().write(
        {
            "l10n_lv_banqup_transport": "btx",
            "l10n_lv_banqup_environment": "custom",
            "l10n_lv_banqup_custom_url": emulator.url,
            "l10n_lv_banqup_client_id": DEMO_CLIENT_ID,
            "l10n_lv_banqup_client_secret": DEMO_CLIENT_SECRET,
            "l10n_lv_banqup_einvoice_key": "BENCH-KEY",
            "l10n_lv_banqup_sale_journal_id": journal.id,
            "l10n_lv_banqup_auto_post": True,
            "l10n_lv_banqup_vies_check": False,
            "l10n_lv_banqup_undocumented_api": undocumented,
        }
    )


class RssSampler:
    """Highest RSS seen (every ``interval`` seconds) while the block runs, minus the RSS
    at its start."""

    def __init__(self, interval=0.02):
        self.interval = interval
        self.process = psutil.Process()
        self.start_rss = self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = None

    def _run(self):
        while not self._stop.wait(self.interval):
            self.peak_rss = max(self.peak_rss, self.process.memory_info().rss)

    def __enter__(self):
        self.start_rss = self.peak_rss = self.process.memory_info().rss
        self._thread = threading.Thread(
            target=self._run, name="rss-sampler", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        self.peak_rss = max(self.peak_rss, self.process.memory_info().rss)

    @property
    def growth_mb(self):
        return (self.peak_rss - self.start_rss) / 2**20


def maxrss_mb():
    """Peak RSS of the process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(env, company, emulator, documents, profile=False):
    """Load the documents into the emulator and fetch until none is pending
    (``profile``: True to print a cProfile, or a file name to save it too)."""
    for number, xml, _total in documents:
        emulator.add_document(xml, folder="SALES", filename=f"{number}.xml")
    env.cr.commit()  # the fetch commits anyway; start from a clean transaction
    env.invalidate_all()
    size = len(documents)
    max_calls = size // env["banqup.document"]._banqup_batch_size() + 3
    calls, failed = 0, env["banqup.document"]
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    maxrss_before = maxrss_mb()
    with (
        RssSampler() as memory,
        benchlib.measure(env, "Banqup fetch+import+post (ours)", size) as result,
    ):
        while emulator.pending(folder="SALES") and calls < max_calls:
            summary = (
                profiler.runcall(company._banqup_fetch)
                if profiler
                else company._banqup_fetch()
            )
            failed |= summary["failed"]
            calls += 1
    result.extra.update(
        calls=calls,
        rss_growth_mb=memory.growth_mb,
        maxrss_before=maxrss_before,
        maxrss_after=maxrss_mb(),
    )
    if profiler:
        import pstats

        if profile is not True:
            profiler.dump_stats(profile)
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
    numbers = [number for number, _xml, _total in documents]
    moves = env["account.move"].search(
        [
            ("journal_id", "=", company.l10n_lv_banqup_sale_journal_id.id),
            ("name", "in", numbers),
        ]
    )
    if failed:
        print(
            f"  ours: {len(failed)} failed, e.g. {failed[0].error_message}", flush=True
        )
    assert len(moves) == size and set(moves.mapped("state")) == {"posted"}, (
        len(moves),
        set(moves.mapped("state")),
    )
    assert not emulator.pending(folder="SALES"), "documents left unacknowledged"
    result.extra["moves"] = moves
    return result


def run_peer(env, journal, documents, post=True):
    """The same files as attachments through Odoo's UBL import (drafts), then optionally
    their posting."""
    Attachment = env["ir.attachment"]
    attachments = Attachment.create(
        [
            {"name": f"{number}.xml", "raw": xml, "mimetype": "application/xml"}
            for number, xml, _total in documents
        ]
    )
    env.cr.commit()
    env.invalidate_all()
    size = len(documents)
    journal = journal.with_context(default_move_type="out_invoice")
    invoices = env["account.move"]
    with benchlib.measure(env, "Odoo UBL import, drafts (peer)", size) as imported:
        for start in range(0, size, PEER_BATCH):
            invoices |= journal._create_document_from_attachment(
                attachments[start : start + PEER_BATCH].ids
            )
            env.cr.commit()
    assert len(invoices) == size and set(invoices.mapped("state")) == {"draft"}, len(
        invoices
    )
    wrong = [
        inv
        for inv, (_number, _xml, total) in zip(invoices, documents, strict=True)
        if inv.currency_id.compare_amounts(inv.amount_total, float(total))
    ]
    if wrong:
        print(
            f"  peer: {len(wrong)} draft(s) with a total other than the document's",
            flush=True,
        )
    posted = None
    if post:
        env.invalidate_all()
        with benchlib.measure(env, "  its action_post()", size) as posted:
            for start in range(0, size, PEER_BATCH):
                invoices[start : start + PEER_BATCH].action_post()
                env.cr.commit()
    return imported, posted


def main():
    parser = benchlib.arg_parser(__doc__)
    parser.add_argument(
        "--sizes", default="200,1000", help="comma-separated numbers of invoices"
    )
    parser.add_argument(
        "--peer-max",
        type=int,
        default=0,
        help="skip the peer above this size (0: never skip)",
    )
    parser.add_argument(
        "--no-peer-post", action="store_true", help="do not post the peer's drafts"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of our fetch runs"
    )
    parser.add_argument(
        "--profile-file",
        help="also save the cProfile statistics to this file (pstats format)",
    )
    args = benchlib.parse_args(parser, sizes="3")
    db = args.db or "bench_banqup"
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"creating database {db} with {', '.join(MODULES)}", flush=True)
    benchlib.create_db(args.odoo_config, db, MODULES)
    ours, peers, peers_posted = [], [], []
    # the fetch measured here is the document listing: served only with the opt-in
    # (readme/CONTEXT.md)
    emulator = BanqupEmulator(undocumented=True).start()
    try:
        with benchlib.environment(args.odoo_config, db) as env:
            env, company, seller_vat, our_journal, peer_journal = setup_company(env)
            configure_banqup(company, emulator, our_journal, undocumented=True)
            env.cr.commit()
            for size in sizes:
                with_peer = not args.peer_max or size <= args.peer_max
                print(f"size {size}: generating {size} invoices", flush=True)
                documents = make_documents(size, seller_vat)
                profile = (args.profile_file or True) if args.profile else False
                mine = run_ours(env, company, emulator, documents, profile=profile)
                ours.append(mine)
                print(
                    f"  ours: {mine.seconds:.2f} s, {mine.queries} queries, "
                    f"{mine.extra['calls']} fetch call(s), peak RSS growth "
                    f"{mine.extra['rss_growth_mb']:.1f} MB",
                    flush=True,
                )
                if with_peer:
                    imported, posted = run_peer(
                        env, peer_journal, documents, post=not args.no_peer_post
                    )
                    peers.append(imported)
                    print(
                        f"  peer: {imported.seconds:.2f} s, {imported.queries} queries",
                        flush=True,
                    )
                    if posted:
                        total = benchlib.Measure(
                            "Odoo UBL import + post (peer)",
                            size,
                            imported.seconds + posted.seconds,
                            imported.queries + posted.queries,
                        )
                        peers_posted.append(total)
                        print(
                            f"  peer post: {posted.seconds:.2f} s, {posted.queries} "
                            f"queries",
                            flush=True,
                        )
    finally:
        emulator.stop()
        if not args.keep_db:
            benchlib.drop_db(args.odoo_config, db)
    today = fields.Date.today()
    benchlib.report(
        f"Banqup fetch (posted) vs Odoo UBL import (drafts), {today}", ours, peers
    )
    if peers_posted:
        benchlib.report(
            f"Banqup fetch (posted) vs Odoo UBL import + posting, {today}",
            ours,
            peers_posted,
        )
    print(
        "\nMemory of our fetch (documents imported in batches of the inbox's batch "
        "size)"
    )
    print(
        f"{'size':>8} {'fetch calls':>12} {'peak RSS growth MB':>19} "
        f"{'ru_maxrss before MB':>20} {'after MB':>9}"
    )
    for mine in ours:
        extra = mine.extra
        print(
            f"{mine.size:>8} {extra['calls']:>12} {extra['rss_growth_mb']:>19.1f} "
            f"{extra['maxrss_before']:>20.1f} {extra['maxrss_after']:>9.1f}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"\n(total run {time.perf_counter() - start:.0f} s)")

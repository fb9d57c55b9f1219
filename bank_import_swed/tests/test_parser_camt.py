# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Golden-output tests of the camt.052/053/054 parser (database-free test case, see
cases.py)."""

import dataclasses
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from ..parsers import camt
from ..parsers.exceptions import MalformedFile, NotMyFormat
from .cases import UnitCase, parametrize
from .parser_common import DATA_DIR, sample, shared_path

D = Decimal
CAMT_SAMPLES = sorted(path.name for path in DATA_DIR.glob("camt05*.xml"))
ENTRY_FIELDS = [field.name for field in dataclasses.fields(camt.Entry)]


def parse_one(name):
    statements = camt.parse(sample(name), name)
    assert len(statements) == 1
    return statements[0]


def parse_shared(name):
    """The statements of the real-world sample ``name`` of the shared folder."""
    path = shared_path("data", "camt_samples", name)
    return camt.parse(path.read_bytes(), name)


#: duplicate keys, checked by test_parser_keys.py
KEY_FIELDS = ("booking_key", "booking_part", "fingerprint")


def assert_entry(entry, **expected):
    """Compare every field of ``entry`` (but the duplicate keys): fields not given must
    be ``None``."""
    unknown = set(expected) - set(ENTRY_FIELDS)
    assert not unknown, unknown
    actual = {
        name: value
        for name, value in dataclasses.asdict(entry).items()
        if name not in KEY_FIELDS
    }
    wanted = {
        name: expected.get(name) for name in ENTRY_FIELDS if name not in KEY_FIELDS
    }
    assert actual == wanted


# --------------------------------------------------------------------------- XSD


UBL_INVOICE = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>INV-1</cbc:ID>
</Invoice>"""


def _broken(old, new, name="camt053_swedbank_ee.xml", count=1):
    data = sample(name)
    assert old in data
    return data.replace(old, new, count)


SHARED_SAMPLES = [
    "genkgo-camt053.v2.all-balance-types.xml",
    "genkgo-camt053.v2.minimal.xml",
    "genkgo-camt053.v2.with-party-ids.xml",
    "genkgo-camt054.v2.xml",
    "oca-test-camt053.xml",
    "oca-test-camt054.xml",
    "tuleva-seb-ee-camt053-historical.xml",
    "tuleva-swedbank-ee-camt053.xml",
]


#: what the transactions compared field by field below share: booked credits with an
#: account-servicer reference
BOOKED_CREDIT = {
    "credit_debit": "CRDT",
    "reversal": False,
    "status": "BOOK",
    "bank_reference_source": "acct_svcr_ref",
}
#: one transaction of each kind of sample, every field:
#: (sample, statement index, entry index, fields)
EVERY_FIELD = [
    # Swedbank: a payment with an Estonian reference
    (
        "camt053_swedbank_ee.xml",
        0,
        0,
        {
            **BOOKED_CREDIT,
            "index": 0,
            "entry_index": 0,
            "tx_index": 0,
            "batch_size": 1,
            "amount": D("1250.00"),
            "currency": "EUR",
            "booking_date": date(2026, 11, 19),
            "value_date": date(2026, 11, 19),
            "entry_amount": D("1250.00"),
            "bank_reference": "2026111900000101-1",
            "account_servicer_ref": "2026111900000101-1",
            "entry_ref": "2026111900000101-1",
            "instruction_id": "331",
            "counterparty_name": "Kliendi OÜ",
            "counterparty_iban": "EE382200221020145685",
            "counterparty_bic": "HABAEE2X",
            "counterparty_id": "10000001",
            "counterparty_id_scheme": "COID",
            "structured_reference": "20261188",
            "reference_type": "ee",
            "unstructured": "Arve INV/2026/00118 tasumine",
            "bank_tx_code": "PMNT/RCDT/BOOK",
            "bank_tx_proprietary": "MK",
            "bank_tx_issuer": "SWEDBANK AS",
            "instructed_amount": D("1250.00"),
            "instructed_currency": "EUR",
            "source_line": 93,
        },
    ),
    # SEB: the first entry
    (
        "camt053_seb_ee.xml",
        0,
        0,
        {
            **BOOKED_CREDIT,
            "index": 0,
            "entry_index": 0,
            "tx_index": 0,
            "batch_size": 1,
            "amount": D("610.00"),
            "currency": "EUR",
            "booking_date": date(2026, 11, 20),
            "value_date": date(2026, 11, 20),
            "entry_amount": D("610.00"),
            "bank_reference": "RO5126112050L07",
            "account_servicer_ref": "RO5126112050L07",
            "end_to_end_id": "1187",
            "instruction_id": "1187",
            "counterparty_name": "KOLMAS KLIENT OÜ",
            "counterparty_iban": "EE937700771001234561",
            "counterparty_bic": "LHVBEE22",
            "counterparty_id": "10000028",
            "counterparty_id_scheme": "COID",
            "structured_reference": "121312952",
            "reference_type": "ee",
            "unstructured": "INV/2026/00121",
            "bank_tx_code": "PMNT/RCDT/ESCT",
            "source_line": 102,
        },
    ),
    # LHV: a payment on the USD statement
    (
        "camt053_lhv_ee.xml",
        1,
        0,
        {
            **BOOKED_CREDIT,
            "index": 0,
            "entry_index": 0,
            "tx_index": 0,
            "batch_size": 1,
            "amount": D("1500.00"),
            "currency": "USD",
            "booking_date": date(2026, 11, 20),
            "value_date": date(2026, 11, 20),
            "entry_amount": D("1500.00"),
            "bank_reference": "9C2E1F0A77D54C01",
            "account_servicer_ref": "9C2E1F0A77D54C01",
            "entry_ref": "9C2E1F0A77D54C01",
            "end_to_end_id": "US-PO-88190",
            "counterparty_name": "Overseas Buyer Inc.",
            "counterparty_account": "021000021-4455667788",
            "counterparty_bic": "CHASUS33",
            "unstructured": "PO 88190 invoice INV/2026/00131",
            "bank_tx_code": "PMNT/RCDT/XBCT",
            "instructed_amount": D("1500.00"),
            "instructed_currency": "USD",
            "source_line": 262,
        },
    ),
    # camt.054: a notified payment
    (
        "camt054_swedbank_ee.xml",
        0,
        0,
        {
            **BOOKED_CREDIT,
            "index": 0,
            "entry_index": 0,
            "tx_index": 0,
            "batch_size": 1,
            "amount": D("75.25"),
            "currency": "EUR",
            "booking_date": date(2026, 11, 20),
            "value_date": date(2026, 11, 20),
            "entry_amount": D("75.25"),
            "bank_reference": "2026112000000777-1",
            "account_servicer_ref": "2026112000000777-1",
            "entry_ref": "2026112000000777-1",
            "instruction_id": "12",
            "counterparty_name": "Kliendi OÜ",
            "counterparty_iban": "EE382200221020145685",
            "counterparty_bic": "HABAEE2X",
            "structured_reference": "777000126",
            "reference_type": "ee",
            "unstructured": "Viivis",
            "bank_tx_code": "PMNT/RCDT/BOOK",
            "bank_tx_proprietary": "MK",
            "bank_tx_issuer": "SWEDBANK AS",
            "source_line": 29,
        },
    ),
    # camt.053 v08: the second transaction of a batch split by its amounts
    (
        "camt053_v08.xml",
        0,
        1,
        {
            **BOOKED_CREDIT,
            "index": 1,
            "entry_index": 0,
            "tx_index": 1,
            "batch_size": 2,
            "amount": D("75.00"),
            "currency": "EUR",
            "booking_date": date(2026, 11, 20),
            "value_date": date(2026, 11, 20),
            "entry_amount": D("200.00"),
            "bank_reference": "2026112000000201-1-B",
            "account_servicer_ref": "2026112000000201-1-B",
            "entry_ref": "2026112000000201-1",
            "end_to_end_id": "E2E-V08-2",
            "counterparty_name": "Mari Maasikas",
            "counterparty_iban": "EE641010220123456789",
            "counterparty_bic": "EEUHEE2X",
            "counterparty_id": "49005051239",
            "counterparty_id_scheme": "NIDN",
            "structured_reference": "RF21INV202600118",
            "reference_type": "rf",
            "bank_tx_code": "PMNT/RCDT/ESCT",
            "bank_tx_proprietary": "MK",
            "bank_tx_issuer": "SWEDBANK AS",
            "source_line": 147,
        },
    ),
]


class TestParserCamt(UnitCase):
    def test_committed_samples_exist(self):
        assert len(CAMT_SAMPLES) >= 7

    @parametrize("name", CAMT_SAMPLES)
    def test_samples_are_valid_against_official_xsd(self, name):
        xmlschema = self.importorskip("xmlschema")
        text = sample(name).decode("utf-8")
        message = re.search(
            r"urn:iso:std:iso:20022:tech:xsd:(camt\.05\d\.001\.\d\d)", text
        ).group(1)
        xsd = shared_path("data", "camt_xsd", f"{message}.xsd")
        schema = xmlschema.XMLSchema(str(xsd), allow="sandbox", defuse="always")
        resource = xmlschema.XMLResource(
            str(DATA_DIR / name), allow="sandbox", defuse="always"
        )
        errors = list(schema.iter_errors(resource))
        assert not errors, f"{name}: {errors[0]}"

    @parametrize(("name", "statement", "position", "expected"), EVERY_FIELD)
    def test_entry_every_field(self, name, statement, position, expected):
        entry = camt.parse(sample(name), name)[statement].entries[position]
        assert_entry(entry, **expected)

    # ------------------------------------------------------------------------- Swedbank

    def test_swedbank_statement_header(self):
        statement = parse_one("camt053_swedbank_ee.xml")
        assert (statement.kind, statement.version) == ("camt.053", "001.02")
        assert statement.msg_id == "202611200915400001"
        assert statement.statement_id == "111502001-EUR-1"
        assert statement.sequence_number == "111502001"
        assert statement.account_iban == "EE102200221055501234"
        assert statement.account_other_id is None
        assert statement.currency == "EUR"
        assert statement.owner_name == "Balti Demo OÜ"
        assert statement.owner_id == "12345673"
        assert (statement.servicer_bic, statement.servicer_name) == (
            "HABAEE2X",
            "SWEDBANK AS",
        )
        assert (statement.date_from, statement.date_to) == (
            date(2026, 11, 19),
            date(2026, 11, 19),
        )
        assert (statement.opening_balance, statement.closing_balance) == (
            D("1000.00"),
            D("2647.40"),
        )
        assert [(b.type, b.amount, b.currency, b.date) for b in statement.balances] == [
            ("OPBD", D("1000.00"), "EUR", date(2026, 11, 19)),
            ("CLBD", D("2647.40"), "EUR", date(2026, 11, 19)),
        ]
        assert statement.created == datetime(2026, 11, 20, 9, 15, 40)
        assert statement.index == 0
        assert len(statement.entries) == 4
        signed = sum((entry.signed_amount for entry in statement.entries), D(0))
        assert statement.opening_balance + signed == statement.closing_balance
        assert [e.amount for e in statement.credit_entries] == [
            D("1250.00"),
            D("99.90"),
            D("300.00"),
        ]
        assert [e.amount for e in statement.debit_entries] == [D("2.50")]

    def test_swedbank_entry_with_estonian_reference_is_a_credit(self):
        entry = parse_one("camt053_swedbank_ee.xml").entries[0]
        assert entry.is_credit and not entry.is_debit and not entry.is_split
        assert entry.signed_amount == D("1250.00")

    def test_swedbank_rf_reference_personal_code_and_notprovided(self):
        entries = parse_one("camt053_swedbank_ee.xml").entries
        rf = entries[1]
        assert (rf.structured_reference, rf.reference_type) == (
            "RF18539007547034",
            "rf",
        )
        assert (
            rf.counterparty_name,
            rf.counterparty_id,
            rf.counterparty_id_scheme,
        ) == (
            "Mari Maasikas",
            "49005051239",
            "NIDN",
        )
        assert (rf.counterparty_iban, rf.counterparty_bic) == (
            "EE641010220123456789",
            "EEUHEE2X",
        )
        assert rf.end_to_end_id == "E2E-MARI-0042"
        assert rf.bank_reference == "2026111900000102-2"
        assert rf.bank_tx_code == "PMNT/RCDT/ESCT"
        prepayment = entries[2]
        assert prepayment.end_to_end_id is None  # NOTPROVIDED
        assert (prepayment.structured_reference, prepayment.reference_type) == (
            None,
            None,
        )
        assert prepayment.unstructured == "Ettemaks lepingu 2026-17 alusel"
        assert prepayment.counterparty_bic == "LHVBEE22"

    def test_swedbank_debit_fee_entry(self):
        fee = parse_one("camt053_swedbank_ee.xml").entries[3]
        assert (fee.amount, fee.credit_debit, fee.signed_amount) == (
            D("2.50"),
            "DBIT",
            D("-2.50"),
        )
        assert fee.is_debit and not fee.is_credit
        assert fee.bank_tx_code == "ACMT/MDOP/FEES"
        assert (fee.bank_tx_proprietary, fee.bank_tx_issuer) == ("TT", "SWEDBANK AS")
        assert fee.counterparty_name == "SWEDBANK AS"  # the creditor of a debit
        assert fee.counterparty_iban is None
        assert fee.unstructured == "Konto kuutasu, november 2026"
        assert fee.bank_reference == "2026111900000104-4"

    # --------------------------------------------------------------------------- SEB

    def test_seb_statement(self):
        statement = parse_one("camt053_seb_ee.xml")
        assert statement.account_iban == "EE381010220555123456"
        assert (statement.servicer_bic, statement.servicer_name) == (
            "EEUHEE2X",
            "AS SEB PANK",
        )
        assert statement.opening_balance == D("-150.00")
        assert statement.closing_balance == D("1041.35")
        assert statement.created == datetime(
            2026, 11, 21, 6, 30, 12, 300000, tzinfo=timezone(timedelta(hours=2))
        )
        assert (statement.date_from, statement.date_to) == (
            date(2026, 11, 20),
            date(2026, 11, 20),
        )
        assert len(statement.entries) == 6
        assert (
            statement.opening_balance + sum(e.signed_amount for e in statement.entries)
            == statement.closing_balance
        )

    def test_seb_batch_is_split_when_amounts_add_up(self):
        entries = parse_one("camt053_seb_ee.xml").entries
        batch = entries[1:4]
        assert [(e.entry_index, e.tx_index, e.batch_size, e.amount) for e in batch] == [
            (1, 0, 3, D("120.00")),
            (1, 1, 3, D("300.35")),
            (1, 2, 3, D("12.50")),
        ]
        assert all(
            e.entry_amount == D("432.85") and e.is_split and e.is_credit for e in batch
        )
        assert sum(e.amount for e in batch) == D("432.85")
        # only the entry has an AcctSvcrRef: each line gets its own key
        assert [e.bank_reference for e in batch] == [
            "RO5126112050K12/1",
            "RO5126112050K12/2",
            "RO5126112050K12/3",
        ]
        assert {e.account_servicer_ref for e in batch} == {"RO5126112050K12"}
        assert [e.unstructured for e in batch] == [
            "Kaardimakse 19.11.2026 terminal 77001",
            "Kaardimakse 19.11.2026 terminal 77002",
            "Kaardimakse 19.11.2026 terminal 77001",
        ]
        assert {e.additional_info for e in batch} == {"Kaardimaksete laekumine"}
        assert {e.bank_tx_code for e in batch} == {"PMNT/MCRD/POSP"}

    def test_seb_batch_stays_one_line_when_amounts_do_not_add_up(self):
        entry = parse_one("camt053_seb_ee.xml").entries[4]
        assert (entry.entry_index, entry.tx_index, entry.batch_size) == (2, None, 1)
        # 100.00 + 60.00 != 150.00
        assert entry.amount == entry.entry_amount == D("150.00")
        assert not entry.is_split
        # shared by both transactions
        assert entry.counterparty_name == "KOGUMISKESKUS MTÜ"
        assert entry.unstructured == "Liikmemaks; Annetus"
        assert entry.end_to_end_id is None  # differs per transaction
        assert (entry.bank_reference, entry.bank_reference_source) == (
            "RO5126112050K13",
            "acct_svcr_ref",
        )

    def test_seb_fee(self):
        fee = parse_one("camt053_seb_ee.xml").entries[5]
        assert (fee.amount, fee.credit_debit, fee.bank_tx_code) == (
            D("1.50"),
            "DBIT",
            "ACMT/MDOP/FEES",
        )
        assert fee.counterparty_name == "AS SEB PANK"
        assert fee.unstructured == "Teenustasu: kaardimaksete vastuvõtt"

    # ----------------------------------------------------------------- LHV / currencies

    def test_lhv_two_currency_statements(self):
        eur, usd = camt.parse(sample("camt053_lhv_ee.xml"), "camt053_lhv_ee.xml")
        assert (eur.index, usd.index) == (0, 1)
        assert eur.account_iban == usd.account_iban == "EE937700771001234561"
        assert (eur.currency, usd.currency) == ("EUR", "USD")
        assert (eur.servicer_bic, eur.servicer_name) == ("LHVBEE22", "AS LHV Pank")
        assert (eur.opening_balance, eur.closing_balance) == (D("500.00"), D("1661.20"))
        assert (usd.opening_balance, usd.closing_balance) == (D("0.00"), D("1487.50"))
        assert usd.statement_id == "LHV-STMT-20261120-000731-USD"
        assert eur.msg_id == usd.msg_id == "LHV-STMT-20261120-000731"

    def test_lhv_payment_converted_from_usd(self):
        entry = camt.parse(sample("camt053_lhv_ee.xml"), "lhv.xml")[0].entries[1]
        # the account-currency amount
        assert (entry.amount, entry.currency) == (D("920.00"), "EUR")
        assert (entry.instructed_amount, entry.instructed_currency) == (
            D("1000.00"),
            "USD",
        )
        assert entry.exchange_rate == D("0.92")
        assert entry.counterparty_iban is None
        assert entry.counterparty_account == "021000021-4455667788"
        assert entry.counterparty_bic == "CHASUS33"
        assert entry.bank_reference == "9C2E1F0A77D54B4D"

    def test_lhv_usd_fee_without_details(self):
        usd = camt.parse(sample("camt053_lhv_ee.xml"), "lhv.xml")[1]
        fee = usd.entries[1]
        assert (fee.amount, fee.currency, fee.credit_debit) == (
            D("12.50"),
            "USD",
            "DBIT",
        )
        assert (fee.tx_index, fee.counterparty_name) == (None, None)
        assert fee.additional_info == "Incoming foreign payment fee"

    def test_lhv_ultimate_debtor_and_rf(self):
        entry = camt.parse(sample("camt053_lhv_ee.xml"), "lhv.xml")[0].entries[0]
        assert entry.counterparty_name == "Jaan Tamm"
        assert entry.ultimate_counterparty_name == "Tamm Holding OÜ"
        assert (entry.structured_reference, entry.reference_type) == (
            "RF212026121",
            "rf",
        )

    # -------------------------------------------------------------- camt.054, .052, .08

    def test_camt054_notification(self):
        statement = parse_one("camt054_swedbank_ee.xml")
        assert (statement.kind, statement.version) == ("camt.054", "001.02")
        assert statement.statement_id == "202611201402110077-1"
        assert (
            statement.opening_balance,
            statement.closing_balance,
            statement.balances,
        ) == (None, None, ())
        assert (statement.date_from, statement.date_to) == (
            date(2026, 11, 20),
            date(2026, 11, 20),
        )

    def test_camt052_report_with_datetimes(self):
        statement = parse_one("camt052_report.xml")
        assert (statement.kind, statement.version) == ("camt.052", "001.02")
        assert statement.balances[0].type == "ITBD"
        assert statement.balances[0].date == date(2026, 11, 20)
        entry = statement.entries[0]
        assert (entry.booking_date, entry.value_date) == (date(2026, 11, 20), None)
        assert (entry.structured_reference, entry.reference_type) == ("10016", "ee")

    def test_camt053_v08_batch_split_by_tx_amount(self):
        statement = parse_one("camt053_v08.xml")
        assert (statement.kind, statement.version) == ("camt.053", "001.08")
        assert statement.servicer_bic == "HABAEE2X"  # BICFI
        assert len(statement.entries) == 2
        first = statement.entries[0]
        assert (first.amount, first.counterparty_name, first.counterparty_id) == (
            D("125.00"),
            "Kliendi OÜ",
            "10000001",
        )
        assert (first.structured_reference, first.reference_type) == ("20261188", "ee")

    # ------------------------------------------------------------------ bank references

    def test_edge_cases_references_and_reversal(self):
        statement = parse_one("camt053_edge_cases.xml")
        assert statement.currency == "EUR"  # no Acct/Ccy: from the first balance
        assert statement.opening_balance == D("10.00")  # PRCD
        assert (statement.date_from, statement.date_to) == (
            date(2026, 11, 18),
            date(2026, 11, 20),
        )
        e2e, hashed, reversal, pending = statement.entries
        assert (e2e.bank_reference, e2e.bank_reference_source) == (
            "PAYER-E2E-77",
            "end_to_end_id",
        )
        assert e2e.unstructured == "Arve nr 55 ja 56"
        assert hashed.bank_reference_source == "hash"
        assert re.fullmatch(r"sha256:[0-9a-f]{40}", hashed.bank_reference)
        assert hashed.end_to_end_id is None
        # a reversed credit gives back money we paid: the other party is the creditor
        assert reversal.reversal and reversal.is_credit
        assert (reversal.counterparty_name, reversal.counterparty_iban) == (
            "Tarnija AS",
            "EE571010010987654321",
        )
        assert (pending.status, pending.booking_date, pending.value_date) == (
            "PDNG",
            None,
            date(2026, 11, 21),
        )

    def test_hash_reference_is_stable_and_positional(self):
        first = parse_one("camt053_edge_cases.xml").entries[1].bank_reference
        again = parse_one("camt053_edge_cases.xml").entries[1].bank_reference
        assert first == again
        # the same entry at another position of the statement gets another key
        text = sample("camt053_edge_cases.xml").decode()
        ntry = text[text.index("      <Ntry>") : text.index("    </Stmt>")]
        entries = re.findall(r"      <Ntry>.*?</Ntry>\n", ntry, flags=re.S)
        reordered = text.replace(ntry, entries[1] + entries[0] + "".join(entries[2:]))
        moved = camt.parse(reordered.encode(), "reordered.xml")[0].entries[0]
        assert moved.bank_reference_source == "hash"
        assert moved.bank_reference != first
        assert moved.amount == D("50.00")

    # ------------------------------------------------------------------------ tolerance

    def test_namespace_less_file_is_read(self):
        data = sample("camt053_swedbank_ee.xml").replace(
            b' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"', b""
        )
        statement = camt.parse(data, "nons.xml")[0]
        assert (statement.kind, statement.version) == ("camt.053", None)
        assert statement.entries[0].bank_reference == "2026111900000101-1"

    def test_prefixed_namespace_and_bom_are_read(self):
        data = sample("camt054_swedbank_ee.xml")
        data = re.sub(rb"<(/?)([A-Za-z])", rb"<\1c:\2", data)
        data = data.replace(b'xmlns="urn', b'xmlns:c="urn')
        statement = camt.parse(b"\xef\xbb\xbf" + data, "prefixed.xml")[0]
        assert statement.entries[0].amount == D("75.25")

    def test_account_iban_and_counterparty_iban_are_normalised(self):
        data = sample("camt054_swedbank_ee.xml").replace(
            b"EE382200221020145685", b"ee38 2200 2210 2014 5685"
        )
        entry = camt.parse(data, "spaces.xml")[0].entries[0]
        assert entry.counterparty_iban == "EE382200221020145685"

    def test_is_camt_sniffing(self):
        assert camt.is_camt(sample("camt053_v08.xml"))
        assert not camt.is_camt(b"<Invoice/>")

    # --------------------------------------------------------------------------- errors

    @parametrize(
        "data",
        [
            UBL_INVOICE,
            b"<random><xml>1</xml></random>",
            b"date;amount\n2026-11-20;10.00\n",
            b"%PDF-1.7 binary",
            b"<Document "
            b'xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><BkToCstmrStmt/></Document>',
            b"<Document><CstmrCdtTrfInitn/></Document><!-- BkToCstmr -->",
        ],
    )
    def test_not_my_format(self, data):
        with self.assertRaises(NotMyFormat) as info:
            camt.parse(data, "other.xml")
        assert info.exception.filename == "other.xml"
        assert "other.xml" in str(info.exception)

    def test_peppol_invoice_from_shared_folder_is_not_my_format(self):
        path = shared_path("data", "peppol_bis3", "base-example.xml")
        with self.assertRaises(NotMyFormat):
            camt.parse(path.read_bytes(), path.name)

    def test_factoring_file_is_not_camt(self):
        with self.assertRaises(NotMyFormat):
            camt.parse(sample("swed_factoring_res.xml"), "res.xml")

    def test_truncated_file_is_malformed_with_line_number(self):
        data = sample("camt053_swedbank_ee.xml")
        cut = data[: len(data) * 6 // 10]
        with self.assertRaises(MalformedFile) as info:
            camt.parse(cut, "cut.xml")
        error = info.exception
        assert error.filename == "cut.xml"
        assert error.line == cut.count(b"\n") + 1
        assert str(error).startswith(
            f"The file cut.xml is damaged or incomplete, line {error.line}:"
        )

    @parametrize(
        ("old", "new", "line", "fragment"),
        [
            (
                b'<Amt Ccy="EUR">1250.00</Amt>',
                b'<Amt Ccy="EUR">1250,00</Amt>',
                95,
                "invalid amount '1250,00'",
            ),
            (
                b'<Amt Ccy="EUR">1250.00</Amt>',
                b'<Amt Ccy="EUR">-1</Amt>',
                95,
                "invalid amount",
            ),
            (b'<Amt Ccy="EUR">1250.00</Amt>', b"", 93, "An entry has no amount"),
            (
                b"<Dt>2026-11-19</Dt>\n        </BookgDt>",
                b"<Dt>2026-19-11</Dt>\n        </BookgDt>",
                99,
                "booking date",
            ),
            (
                b"<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>",
                b"<CdtDbtInd>CR</CdtDbtInd>\n        <Sts>",
                96,
                "CRDT",
            ),
            (
                b'<Amt Ccy="EUR">1000.00</Amt>',
                b'<Amt Ccy="EUR">1e3</Amt>',
                65,
                "A balance has an invalid amount",
            ),
            (
                b"<FrDtTm>2026-11-19T00:00:00</FrDtTm>",
                b"<FrDtTm>yesterday</FrDtTm>",
                17,
                "start time",
            ),
        ],
    )
    def test_malformed_values_name_file_line_and_problem(
        self, old, new, line, fragment
    ):
        with self.assertRaises(MalformedFile) as info:
            camt.parse(_broken(old, new), "broken.xml")
        error = info.exception
        assert error.filename == "broken.xml"
        assert error.line == line
        assert fragment in error.detail
        assert "broken.xml" in str(error) and f"line {line}" in str(error)

    def test_namespace_and_message_mismatch_is_malformed(self):
        data = _broken(
            b'xsd:camt.054.001.02"',
            b'xsd:camt.053.001.02"',
            name="camt054_swedbank_ee.xml",
        )
        with self.assertRaisesRegex(
            MalformedFile, "camt.053 but the message is camt.054"
        ):
            camt.parse(data, "mismatch.xml")

    def test_statement_without_account_is_malformed(self):
        data = re.sub(
            rb"<Acct>.*?</Acct>",
            b"",
            sample("camt054_swedbank_ee.xml"),
            count=1,
            flags=re.S,
        )
        with self.assertRaisesRegex(MalformedFile, "no account"):
            camt.parse(data, "noacct.xml")

    def test_message_without_statements_is_malformed(self):
        data = (
            b"<Document "
            b'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>'
        )
        with self.assertRaisesRegex(MalformedFile, "no Stmt"):
            camt.parse(data, "empty.xml")

    # -------------------------------------------------------- shared real-world samples

    @parametrize("name", SHARED_SAMPLES)
    def test_shared_samples_parse(self, name):
        statements = parse_shared(name)
        assert statements
        for statement in statements:
            assert statement.kind in ("camt.053", "camt.054")
            assert statement.entries
            references = [entry.bank_reference for entry in statement.entries]
            assert all(references) and len(set(references)) == len(references)
            for entry in statement.entries:
                assert isinstance(entry.amount, Decimal) and entry.amount > 0
                assert entry.credit_debit in ("CRDT", "DBIT")

    def test_shared_tuleva_swedbank_golden(self):
        (statement,) = parse_shared("tuleva-swedbank-ee-camt053.xml")
        assert statement.account_iban == "EE062200221055091967"
        assert (statement.opening_balance, statement.closing_balance) == (
            D("3332.17"),
            D("5898.24"),
        )
        assert statement.owner_id == "10006901"
        assert [e.amount for e in statement.entries] == [
            D("772.88"),
            D("612.37"),
            D("454.76"),
            D("726.06"),
        ]
        assert (
            statement.opening_balance + sum(e.signed_amount for e in statement.entries)
            == statement.closing_balance
        )
        first = statement.entries[0]
        assert first.bank_reference == "2025060525827070-1"
        assert (
            first.counterparty_name,
            first.counterparty_iban,
            first.counterparty_bic,
        ) == (
            "Toomas Raudsepp",
            "EE042200000000100032",
            "HABAEE2X",
        )
        assert (first.counterparty_id, first.counterparty_id_scheme) == (
            "38888888888",
            "NIDN",
        )
        assert (first.bank_tx_proprietary, first.bank_tx_issuer) == (
            "MK",
            "SWEDBANK AS",
        )
        assert first.instruction_id == "179"
        assert (
            first.unstructured
            == "Subscription renewal for a productivity app or software"
        )

    def test_shared_tuleva_seb_fee_golden(self):
        (statement,) = parse_shared("tuleva-seb-ee-camt053-historical.xml")
        assert statement.account_iban == "EE651010220306497226"
        assert (statement.date_from, statement.date_to) == (
            date(2025, 12, 12),
            date(2026, 1, 12),
        )
        (fee,) = statement.entries
        assert (fee.amount, fee.credit_debit, fee.bank_tx_code) == (
            D("1.00"),
            "DBIT",
            "ACMT/MDOP/FEES",
        )
        assert fee.bank_reference == "RO4126031250L01"
        assert fee.unstructured == "Konto kuutasu, jaanuar 2026"

    def test_shared_oca_batch_split_and_reversal(self):
        (statement,) = parse_shared("oca-test-camt053.xml")
        assert [(e.entry_index, e.tx_index, e.amount) for e in statement.entries] == [
            (0, 0, D("754.25")),
            (1, 0, D("564.05")),
            (1, 1, D("100.00")),
            (2, 0, D("1405.31")),
        ]
        returned = statement.entries[1]
        assert returned.reversal and returned.is_debit
        assert returned.bank_reference == "TESTBANK/NL/20141229/01206408"
        assert returned.counterparty_name == "Test Customer"

    def test_shared_genkgo_batch_without_amounts_stays_at_entry_level(self):
        (statement,) = parse_shared("genkgo-camt054.v2.xml")
        (entry,) = statement.entries
        assert (entry.amount, entry.currency, entry.batch_size, entry.tx_index) == (
            D("200000"),
            "SEK",
            1,
            None,
        )
        assert entry.bank_reference == "AAAASESS-FP-ACCR001"
        assert statement.account_other_id == "CH2801234000123456789"

    def test_entry_amount_without_currency_takes_the_account_currency(self):
        data = _broken(
            b'<Amt Ccy="EUR">75.25</Amt>\n        <CdtDbtInd>',
            b"<Amt>75.25</Amt>\n        <CdtDbtInd>",
            "camt054_swedbank_ee.xml",
        )
        entry = camt.parse(data, "noccy.xml")[0].entries[0]
        assert (entry.amount, entry.currency) == (D("75.25"), "EUR")

    def test_proprietary_entry_status_of_v08(self):
        data = _broken(
            b"<Cd>BOOK</Cd>\n        </Sts>",
            b"<Prtry>BOOKED</Prtry>\n        </Sts>",
            "camt053_v08.xml",
        )
        assert {entry.status for entry in camt.parse(data, "sts.xml")[0].entries} == {
            "BOOKED"
        }

    def test_split_lines_sharing_an_end_to_end_id_get_distinct_references(self):
        data = re.sub(
            rb"<Prtry>\s*<Tp>SEQ</Tp>\s*<Ref>176361120000000008\d\d</Ref>\s*</Prtry>",
            b"<EndToEndId>SAME</EndToEndId>",
            sample("camt053_seb_ee.xml"),
        )
        data = data.replace(b"<AcctSvcrRef>RO5126112050K12</AcctSvcrRef>", b"")
        batch = [
            entry
            for entry in camt.parse(data, "e2e.xml")[0].entries
            if entry.entry_index == 1
        ]
        assert [
            (entry.bank_reference, entry.bank_reference_source) for entry in batch
        ] == [
            ("SAME/1", "end_to_end_id"),
            ("SAME/2", "end_to_end_id"),
            ("SAME/3", "end_to_end_id"),
        ]

    @parametrize("rate", [b"NaN", b"Infinity", b"0,92"])
    def test_invalid_exchange_rate_is_malformed(self, rate):
        data = _broken(
            b"<XchgRate>0.92</XchgRate>",
            b"<XchgRate>" + rate + b"</XchgRate>",
            "camt053_lhv_ee.xml",
        )
        with self.assertRaisesRegex(
            MalformedFile, "An exchange rate is not a number"
        ) as info:
            camt.parse(data, "rate.xml")
        assert info.exception.line == 183

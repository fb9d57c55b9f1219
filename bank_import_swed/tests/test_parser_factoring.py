# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Golden-output tests of the Swedbank factoring list parser (database-free test case,
see cases.py)."""

import dataclasses
from datetime import date
from decimal import Decimal

from ..parsers import camt
from ..parsers import swed_factoring as sf
from ..parsers.exceptions import FileTooLarge, MalformedFile, NotMyFormat, UnsafeXml
from .cases import UnitCase, parametrize
from .parser_common import sample, shared_path

D = Decimal


ROW = (
    "<LIST_ADV_BUYER>\n<Row>\n<PmtNr>P</PmtNr>\n<PmtDate>{date}</PmtDate>\n<InvNo>{inv}</InvNo>\n"
    "<InvAdvCalc>{amount}</InvAdvCalc>\n<InvComm>1</InvComm>\n</Row>\n</LIST_ADV_BUYER>"
)


class TestParserFactoring(UnitCase):
    def test_reserve_list_every_field(self):
        result = sf.parse(sample("swed_factoring_res.xml"), "res.xml")
        assert result.list_type == sf.LIST_RES_BUYER
        assert not result.is_advance
        assert (result.currency, result.contract_number, result.client_reg_no) == (
            "EUR",
            "F-2026-0042",
            "12345673",
        )
        assert len(result.rows) == 2
        assert dataclasses.asdict(result.rows[0]) == {
            "line_no": 1,
            "invoice_number": "INV/2026/00140",
            "payment_number": "RES-2026-000300",
            "payment_date": date(2026, 12, 1),
            "bank_amount": D("475.60"),
            "fee_amount": D("12.20"),
            "fee_commission": D("0"),
            "fee_vat": D("0"),
            "fee_interest": D("12.20"),
            "invoice_amount": D("2500.00"),
            "invoice_date": date(2026, 11, 2),
            "buyer_name": "Kliendi OÜ",
            "buyer_reg_no": "10000001",
            "source_line": 11,
        }
        assert result.rows[0].receivable_amount == D("487.80")
        second = result.rows[1]
        assert (second.invoice_number, second.bank_amount, second.fee_amount) == (
            "INV/2026/00121",
            D("59.61"),
            D("0"),
        )
        assert (second.invoice_date, second.buyer_reg_no) == (None, None)
        assert (result.total_bank_amount, result.total_fee_amount) == (
            D("535.21"),
            D("12.20"),
        )

    def test_advance_list_variant_layout_every_field(self):
        result = sf.parse(sample("swed_factoring_adv_variant.xml"), "adv.xml")
        assert result.list_type == sf.LIST_ADV_BUYER
        assert result.is_advance
        assert (result.currency, result.contract_number, result.client_reg_no) == (
            "EUR",
            "F-2026-0042",
            None,
        )
        assert dataclasses.asdict(result.rows[0]) == {
            "line_no": 1,
            "invoice_number": "INV/2026/00140",
            "payment_number": "ADV-2026-000800",
            "payment_date": date(2026, 11, 16),
            "bank_amount": D("2000.00"),
            "fee_amount": D("12.20"),
            "fee_commission": D("10.00"),
            "fee_vat": D("2.20"),
            "fee_interest": D("0"),
            "invoice_amount": D("2500.00"),
            "invoice_date": None,
            "buyer_name": None,
            "buyer_reg_no": None,
            "source_line": 12,
        }
        second = result.rows[1]
        assert (
            second.bank_amount,
            second.fee_amount,
            second.fee_commission,
            second.fee_vat,
        ) == (
            D("80.00"),
            D("0.40"),
            D("0.40"),
            D("0"),
        )
        # advance + reserve lists clear the invoice exactly
        reserve = sf.parse(sample("swed_factoring_res.xml"), "res.xml").rows[0]
        assert (
            result.rows[0].receivable_amount + reserve.receivable_amount
            == result.rows[0].invoice_amount
        )

    def test_shared_synthetic_advance_list(self):
        path = shared_path("data", "swed_factoring", "synthetic-list-adv-buyer.xml")
        result = sf.parse(path.read_bytes(), path.name)
        assert result.list_type == "LIST_ADV_BUYER"
        assert [
            (r.invoice_number, r.bank_amount, r.fee_commission, r.fee_vat, r.fee_amount)
            for r in result.rows
        ] == [
            ("INV/2026/00118", D("976.00"), D("4.88"), D("1.07"), D("5.95")),
            ("INV/2026/00121", D("244.40"), D("1.22"), D("0.27"), D("1.49")),
        ]
        assert {r.payment_number for r in result.rows} == {"ADV-2026-000731"}
        assert {r.payment_date for r in result.rows} == {date(2026, 10, 15)}
        assert result.rows[0].receivable_amount == D("981.95")

    def test_shared_synthetic_reserve_list_clears_invoice_with_advance(self):
        adv = shared_path("data", "swed_factoring", "synthetic-list-adv-buyer.xml")
        res = shared_path("data", "swed_factoring", "synthetic-list-res-buyer.xml")
        reserve = sf.parse(res.read_bytes(), res.name)
        assert reserve.list_type == "LIST_RES_BUYER"
        (row,) = reserve.rows
        assert (row.payment_number, row.payment_date) == (
            "RES-2026-000212",
            date(2026, 11, 2),
        )
        assert (row.bank_amount, row.fee_amount, row.fee_interest) == (
            D("234.16"),
            D("3.89"),
            D("3.89"),
        )
        advance_row = sf.parse(adv.read_bytes(), adv.name).rows[0]
        assert (
            advance_row.receivable_amount + row.receivable_amount
            == D("1220.00")
            == row.invoice_amount
        )

    def test_list_type_from_fields_and_attribute_rows(self):
        data = b"""<Export>
          <Line InvNo="A-1" PmtNr="P1" PmtDate="2026-11-30" InvResCalc="1.005,50" InvInterest="4,50"/>
          <Line InvNo="A-2" PmtNr="P1" PmtDate="20261130" InvResCalc="10" />
        </Export>"""  # noqa: E501
        result = sf.parse(data, "attrs.xml")
        assert result.list_type == "LIST_RES_BUYER"
        assert [
            (r.invoice_number, r.payment_date, r.bank_amount, r.fee_amount)
            for r in result.rows
        ] == [
            ("A-1", date(2026, 11, 30), D("1005.50"), D("4.50")),
            ("A-2", date(2026, 11, 30), D("10"), D("0")),
        ]

    @parametrize(
        ("raw", "value"),
        [
            ("976.00", D("976.00")),
            ("244,40", D("244.40")),
            ("1 220,50", D("1220.50")),
            ("1\u00a0220,50", D("1220.50")),
            ("1.220,50", D("1220.50")),
            ("1,220.50", D("1220.50")),
            ("-3,89", D("-3.89")),
            ("0", D("0")),
        ],
    )
    def test_parse_amount(self, raw, value):
        assert sf.parse_amount(raw) == value

    @parametrize("raw", ["", "abc", "1,2,3", "1e3", "12.", "NaN"])
    def test_parse_amount_rejects(self, raw):
        with self.assertRaises(ValueError):
            sf.parse_amount(raw)

    @parametrize(
        ("raw", "value"),
        [
            ("2026-10-15", date(2026, 10, 15)),
            ("15.10.2026", date(2026, 10, 15)),
            ("15/10/2026", date(2026, 10, 15)),
            ("20261015", date(2026, 10, 15)),
            ("2026-10-15T09:12:00", date(2026, 10, 15)),
        ],
    )
    def test_parse_date(self, raw, value):
        assert sf.parse_date(raw) == value

    @parametrize("raw", ["", "31.02.2026", "2026/15/10", "yesterday"])
    def test_parse_date_rejects(self, raw):
        with self.assertRaises(ValueError):
            sf.parse_date(raw)

    @parametrize(
        ("values", "line", "fragment"),
        [
            ({"amount": "12x"}, 6, "row 1: InvAdvCalc is not an amount: '12x'"),
            ({"date": "32.13.2026"}, 4, "row 1: PmtDate is not a date: '32.13.2026'"),
            ({"inv": ""}, 2, "row 1 has no invoice number (InvNo)"),
        ],
    )
    def test_malformed_rows_name_file_line_and_field(self, values, line, fragment):
        params = {"date": "2026-11-01", "inv": "INV-1", "amount": "10.00", **values}
        with self.assertRaises(MalformedFile) as info:
            sf.parse(ROW.format(**params).encode(), "bad.xml")
        error = info.exception
        assert (error.filename, error.line) == ("bad.xml", line)
        assert fragment in error.detail
        assert str(error).startswith(
            f"The file bad.xml is damaged or incomplete, line {line}: "
        )

    def test_missing_bank_amount_is_malformed(self):
        data = (
            b"<LIST_RES_BUYER><Row><InvNo>1</InvNo><InvInterest>2</InvInterest></Row>"
            b"</LIST_RES_BUYER>"
        )
        with self.assertRaisesRegex(MalformedFile, "row 1 has no InvResCalc"):
            sf.parse(data, "nobank.xml")

    def test_list_without_rows_is_malformed(self):
        with self.assertRaisesRegex(MalformedFile, "no invoice rows"):
            sf.parse(b"<LIST_ADV_BUYER><Header/></LIST_ADV_BUYER>", "empty.xml")

    def test_mixed_rows_are_malformed(self):
        data = (
            b"<X><R><InvNo>1</InvNo><InvAdvCalc>1</InvAdvCalc></R>"
            b"<R><InvNo>2</InvNo><InvResCalc>1</InvResCalc></R></X>"
        )
        with self.assertRaisesRegex(MalformedFile, "mixes advance"):
            sf.parse(data, "mixed.xml")

    def test_truncated_file_is_malformed_with_line(self):
        data = sample("swed_factoring_res.xml")[:400]
        with self.assertRaises(MalformedFile) as info:
            sf.parse(data, "cut.xml")
        assert info.exception.line == data.count(b"\n") + 1

    @parametrize(
        "data",
        [
            b"<random><xml>1</xml></random>",
            b"InvNo;InvAdvCalc\n1;2\n",
            b"<Invoice><InvNo>1</InvNo><Total>5</Total></Invoice>",
        ],
    )
    def test_not_my_format(self, data):
        with self.assertRaises(NotMyFormat):
            sf.parse(data, "other.xml")

    def test_camt_statement_is_not_a_factoring_list(self):
        with self.assertRaises(NotMyFormat):
            sf.parse(sample("camt053_swedbank_ee.xml"), "camt.xml")

    def test_hostile_and_large_input_are_refused(self):
        with self.assertRaises(UnsafeXml):
            sf.parse(
                b"<!DOCTYPE x [<!ENTITY a SYSTEM "
                b'"file:///etc/passwd">]><LIST_ADV_BUYER>&a;</LIST_ADV_BUYER>',
                "x.xml",
            )
        with self.assertRaises(FileTooLarge):
            sf.parse(sample("swed_factoring_res.xml"), "res.xml", max_bytes=100)

    def test_baltic_windows_encoding_without_declaration_is_read(self):
        text = (
            "<LIST_ADV_BUYER><Row><BuyerName>Šokolaadi Õun "
            "OÜ</BuyerName><InvNo>1</InvNo>"
        )
        text += "<InvAdvCalc>5,00</InvAdvCalc></Row></LIST_ADV_BUYER>"
        row = sf.parse(text.encode("cp1257"), "cp1257.xml").rows[0]
        assert (row.buyer_name, row.bank_amount) == ("Šokolaadi Õun OÜ", D("5.00"))
        declared = b'<?xml version="1.0" encoding="windows-1257"?>' + text.encode(
            "cp1257"
        )
        assert (
            sf.parse(declared, "declared.xml").rows[0].buyer_name == "Šokolaadi Õun OÜ"
        )
        assert (
            sf.parse(text.encode("utf-8"), "utf8.xml").rows[0].buyer_name
            == "Šokolaadi Õun OÜ"
        )
        assert (
            sf.parse(text.encode("utf-16"), "utf16.xml").rows[0].buyer_name
            == "Šokolaadi Õun OÜ"
        )

    def test_camt_accepts_utf8_only(self):
        data = sample("camt054_swedbank_ee.xml").replace(
            b'<?xml version="1.0" encoding="UTF-8"?>\n', b""
        )
        data = data.decode("utf-8").encode("cp1257")
        with self.assertRaisesRegex(MalformedFile, "not well-formed"):
            camt.parse(data, "cp1257.xml")

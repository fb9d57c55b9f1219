# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Duplicate keys of the camt parser (issue 16): stable across how a bank reports one
booking, never built from payer-chosen ids. Plain Python, no database."""

from decimal import Decimal

from ..parsers import camt
from . import camt_builder as cb
from .cases import UnitCase

IBAN = "EE102200221055501234"


def entries(data):
    return [
        entry
        for statement in camt.parse(data, "test.xml")
        for entry in statement.entries
    ]


class TestParserKeys(UnitCase):
    def test_batch_split_and_aggregated_share_the_key(self):
        txs = [
            cb.Tx(amount=Decimal("20.00"), name=f"Payer {n}", e2e=f"E{n}")
            for n in (1, 2, 3)
        ]
        split = entries(
            cb.build(
                [
                    (
                        IBAN,
                        [
                            cb.Ntry(
                                Decimal("60.00"),
                                "2026-11-20",
                                txs=txs,
                                acct_svcr_ref="R-010",
                            )
                        ],
                    )
                ],
                "054",
            )
        )
        whole = entries(
            cb.build(
                [(IBAN, [cb.Ntry(Decimal("60"), "2026-11-20", acct_svcr_ref="R-010")])]
            )
        )
        assert [e.booking_part for e in split] == [1, 2, 3]
        assert whole[0].booking_part == 0
        assert (
            {e.booking_key for e in split}
            == {whole[0].booking_key}
            == {f"bank:{IBAN}|R-010|2026-11-20|60|EUR"}
        )
        assert [e.bank_reference for e in split] == ["R-010/1", "R-010/2", "R-010/3"]

    def test_end_to_end_id_never_a_key(self):
        one = entries(
            cb.build(
                [
                    (
                        IBAN,
                        [
                            cb.single("10.00", name="A", e2e="1"),
                            cb.single("12.00", name="B", e2e="1"),
                        ],
                    )
                ]
            )
        )
        assert one[0].booking_key.startswith("content:")
        assert one[0].booking_key != one[1].booking_key
        # the same statement read again: the same keys; another message with the same
        # payment: another key
        assert [e.booking_key for e in one] == [
            e.booking_key
            for e in entries(
                cb.build(
                    [
                        (
                            IBAN,
                            [
                                cb.single("10.00", name="A", e2e="1"),
                                cb.single("12.00", name="B", e2e="1"),
                            ],
                        )
                    ]
                )
            )
        ]
        other = entries(
            cb.build([(IBAN, [cb.single("10.00", name="A", e2e="1")])], msg_id="OTHER")
        )
        assert other[0].booking_key != one[0].booking_key
        assert (
            other[0].fingerprint
            == one[0].fingerprint
            == f"{IBAN}|2026-11-20|CRDT|10|EUR|a"
        )

    def test_fingerprint_prefers_iban_and_folds_names(self):
        (by_iban,) = entries(
            cb.build(
                [(IBAN, [cb.single("5.5", name="X", iban="EE471000001020145685")])]
            )
        )
        (by_name,) = entries(
            cb.build([(IBAN, [cb.single("5.50", name="PÄRNU  SADAM AS")])])
        )
        assert by_iban.fingerprint.endswith("|5.5|EUR|EE471000001020145685")
        assert by_name.fingerprint.endswith("|5.5|EUR|pärnu sadam as")

    def test_split_batch_without_entry_reference_keys_each_transaction(self):
        txs = [
            cb.Tx(amount=Decimal("20.00"), name="P", acct_svcr_ref=f"T-{n}")
            for n in (1, 2)
        ]
        lines = entries(
            cb.build([(IBAN, [cb.Ntry(Decimal("40.00"), "2026-11-20", txs=txs)])])
        )
        assert [(e.booking_key, e.booking_part) for e in lines] == [
            (f"bank:{IBAN}|T-1|2026-11-20|20|EUR", 0),
            (f"bank:{IBAN}|T-2|2026-11-20|20|EUR", 0),
        ]

    def test_ultimate_debtor_only(self):
        (entry,) = entries(
            cb.build(
                [
                    (
                        IBAN,
                        [
                            cb.single(
                                "7.00", ultimate_name="Tütar OÜ", ultimate_id="12345678"
                            )
                        ],
                    )
                ]
            )
        )
        assert (entry.counterparty_name, entry.ultimate_counterparty_name) == (
            None,
            "Tütar OÜ",
        )
        assert entry.ultimate_counterparty_id == "12345678"

# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Estonian 7-3-1 reference numbers and RF creditor references (database-free test case,
see cases.py)."""

from hypothesis import given
from hypothesis import strategies as st

from ..parsers import refs
from .cases import UnitCase, parametrize


class TestReferences(UnitCase):
    def test_worked_example_from_formats_md(self):
        assert refs.ee_check_digit("12131295") == "2"
        assert refs.make_ee_reference("12131295") == "121312952"
        assert refs.is_valid_ee_reference("121312952")
        assert refs.is_valid_ee_reference("1213 1295 2")

    @parametrize(
        ("base", "reference"),
        [
            ("1", "13"),
            ("123", "1232"),
            ("1001", "10016"),
            ("2026118", "20261188"),
            ("77700012", "777000126"),
        ],
    )
    def test_known_estonian_references(self, base, reference):
        assert refs.make_ee_reference(base) == reference
        assert refs.classify_reference(reference) == "ee"

    @parametrize(
        "value",
        [
            "121312953",
            "1",
            "",
            "12a",
            "123456789012345678901",
            None,
            "RF18539007547034",
        ],
    )
    def test_invalid_estonian_references(self, value):
        assert not refs.is_valid_ee_reference(value)

    @parametrize("base", ["", "12a", "1" * 20])
    def test_estonian_base_must_be_1_to_19_digits(self, base):
        with self.assertRaises(ValueError):
            refs.make_ee_reference(base)

    def test_rf_reference_validation_uses_iso11649(self):
        assert refs.is_valid_rf_reference("RF18539007547034")
        assert refs.is_valid_rf_reference("rf18 5390 0754 7034")
        assert refs.is_valid_rf_reference("RF18 5390 0754 70Y")  # letters are allowed
        assert not refs.is_valid_rf_reference("RF17539007547034")
        assert not refs.is_valid_rf_reference(
            "RF18-5390-0754-7034"
        )  # only spaces are display separators
        assert not refs.is_valid_rf_reference("121312952")

    def test_rf_generation(self):
        assert refs.make_rf_reference("539007547034") == "RF18539007547034"
        assert refs.make_rf_reference("inv 2026 00118") == "RF21INV202600118"
        assert refs.format_rf_reference("RF18539007547034") == "RF18 5390 0754 7034"
        with self.assertRaises(ValueError):
            refs.make_rf_reference("A" * 22)
        with self.assertRaises(ValueError):
            refs.make_rf_reference("INV/1")

    def test_normalize_and_classify(self):
        assert (
            refs.normalize_reference(" rf18 5390\u00a00754\t7034 ")
            == "RF18539007547034"
        )
        assert refs.normalize_reference(None) == ""
        assert refs.classify_reference("1213 1295 2") == "ee"
        assert refs.classify_reference("RF18 5390 0754 7034") == "rf"
        assert refs.classify_reference("121312950") is None
        assert refs.classify_reference("INV/2026/00118") is None
        assert refs.classify_reference("") is None

    @given(st.text(alphabet="0123456789", min_size=1, max_size=19))
    def test_property_estonian_check_digit(self, base):
        reference = refs.make_ee_reference(base)
        assert reference[:-1] == base
        assert refs.is_valid_ee_reference(reference)
        weights = (7, 3, 1)
        total = sum(
            int(d) * weights[i % 3] for i, d in enumerate(reversed(reference[:-1]))
        )
        assert (total + int(reference[-1])) % 10 == 0
        for wrong in "0123456789".replace(reference[-1], ""):
            assert not refs.is_valid_ee_reference(reference[:-1] + wrong)

    @given(
        st.text(
            alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=21
        )
    )
    def test_property_rf_round_trip(self, base):
        reference = refs.make_rf_reference(base)
        assert (
            reference.startswith("RF")
            and reference[4:] == base
            and len(reference) <= 25
        )
        assert refs.is_valid_rf_reference(reference)
        assert refs.classify_reference(refs.format_rf_reference(reference)) == "rf"
        check = int(reference[2:4])
        wrong = f"{(check + 1) % 100:02d}" if check != 98 else "02"
        assert not refs.is_valid_rf_reference("RF" + wrong + base)

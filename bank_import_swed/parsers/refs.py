# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Payment reference numbers used in Estonia.

* Estonian reference number (*viitenumber*, Pangaliit 7-3-1 standard): 2 to 20 digits,
  the last one a check digit. The base digits are weighted 7, 3, 1, 7, 3, 1, ... from
  the right; the check digit is the distance from the sum up to the next multiple of
  ten. Example: base ``12131295`` -> ``121312952``. python-stdnum has no module for it.
* RF creditor reference (ISO 11649): ``RF`` + 2 check digits + 1 to 21 letters/digits,
  validated with ISO 7064 mod 97-10 (python-stdnum ``stdnum.iso11649``).
"""

import re

from stdnum import iso11649
from stdnum.iso7064 import mod_97_10

__all__ = [
    "classify_reference",
    "ee_check_digit",
    "format_rf_reference",
    "is_valid_ee_reference",
    "is_valid_rf_reference",
    "make_ee_reference",
    "make_rf_reference",
    "normalize_reference",
]

EE_MIN_LENGTH = 2
EE_MAX_LENGTH = 20
RF_MAX_BASE_LENGTH = 21

_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")
_ALNUM = re.compile(r"[0-9A-Z]+")
_WEIGHTS = (7, 3, 1)


def normalize_reference(value):
    """Return ``value`` without any whitespace (display groups), upper-cased; ``""`` for
    ``None``."""
    if value is None:
        return ""
    return _WHITESPACE.sub("", str(value)).upper()


def ee_check_digit(base):
    """Compute the 7-3-1 check digit of the Estonian reference number base ``base``.

    :param base: 1 to 19 digits (spaces are ignored)
    :return: the check digit as a one-character string
    :raises ValueError: ``base`` is not 1 to 19 digits
    """
    base = normalize_reference(base)
    if not _DIGITS.fullmatch(base) or len(base) > EE_MAX_LENGTH - 1:
        raise ValueError("An Estonian reference number base must be 1 to 19 digits")
    total = sum(
        int(digit) * _WEIGHTS[index % 3] for index, digit in enumerate(reversed(base))
    )
    return str(-total % 10)


def make_ee_reference(base):
    """Return the Estonian reference number for ``base``: the base followed by its check
    digit."""
    base = normalize_reference(base)
    return base + ee_check_digit(base)


def is_valid_ee_reference(value):
    """Tell whether ``value`` is a valid Estonian 7-3-1 reference number (spaces
    ignored)."""
    value = normalize_reference(value)
    if not _DIGITS.fullmatch(value) or not EE_MIN_LENGTH <= len(value) <= EE_MAX_LENGTH:
        return False
    return ee_check_digit(value[:-1]) == value[-1]


def is_valid_rf_reference(value):
    """Tell whether ``value`` is a valid ISO 11649 RF creditor reference (spaces
    ignored)."""
    value = normalize_reference(value)
    if not value.startswith("RF") or not _ALNUM.fullmatch(value):
        return False
    return iso11649.is_valid(value)


def make_rf_reference(base):
    """Return the RF creditor reference for ``base`` (1 to 21 letters or digits).

    The check digits are computed so that ``base + "RF" + check`` is 1 modulo 97.

    :raises ValueError: ``base`` is empty, too long or not alphanumeric
    """
    base = normalize_reference(base)
    if not _ALNUM.fullmatch(base) or len(base) > RF_MAX_BASE_LENGTH:
        raise ValueError("An RF reference base must be 1 to 21 letters or digits")
    return "RF" + mod_97_10.calc_check_digits(base + "RF") + base


def format_rf_reference(value):
    """Return an RF reference in groups of four characters, for display."""
    return iso11649.format(normalize_reference(value))


def classify_reference(value):
    """Classify a structured payment reference.

    :return: ``"ee"`` for a valid Estonian 7-3-1 reference number, ``"rf"`` for a valid
        RF creditor reference, ``None`` for anything else (including invalid check
        digits)
    """
    if is_valid_ee_reference(value):
        return "ee"
    if is_valid_rf_reference(value):
        return "rf"
    return None

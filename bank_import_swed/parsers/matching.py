# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain-Python helpers of the matching step of IMPORT SEPA EST (no Odoo import here).

What a careful accountant does with a payment text, written down:

* :func:`name_key` -- a person's or company's name compared whatever its case, accents,
  word order and legal form (``"KASK MARIA"`` = ``"Maria Kask"``, ``"PÄRNU SADAM AS"`` =
  ``"AS Pärnu Sadam"``); in Python with :meth:`str.casefold` and Unicode decomposition,
  so it never depends on the database's collation (SQL ``lower()`` leaves ``Ä`` as it is
  under the ``C`` locale);
* :func:`invoice_number_key` / :func:`invoice_numbers_in_text` -- an invoice number
  however it is typed (``"arve nr 2026/0012"``, ``"INV 2026 00013"``,
  ``"INV-2026-00032"`` are ``INV/2026/00012`` ...);
* :func:`references_in_text` -- Estonian 7-3-1 and RF creditor references typed into the
  free text, kept only when their check digits are right;
* :func:`exact_sum` -- the combination of a customer's open items that equals the amount
  paid (bounded).
"""

import itertools
import re
import unicodedata

from .refs import classify_reference

__all__ = [
    "exact_sum",
    "fold",
    "invoice_number_key",
    "invoice_numbers_in_text",
    "name_key",
    "references_in_text",
]

#: legal forms left out of a name key (folded: no accents, lower case)
LEGAL_FORMS = frozenset(
    "as ou mtu fie tu sa sia uab ab oy llc inc ltd gmbh kg ag ikm zs ks ao oao ooo "
    "plc bv nv srl sp z o".split()
)
_NON_WORD = re.compile(r"[\W_]+")
_INVOICE_NAME = re.compile(r"^([A-Z]*)[^A-Z0-9]*((?:19|20)\d\d)[^A-Z0-9]+(\d+)$")
#: an invoice number in a text: optional letters, a year, a sequence; not part of a date
#: or an amount
_TEXT_NUMBER = re.compile(
    r"(?<![0-9A-Z])(?:([A-Z]{2,6})[\s./_#:-]{0,3})?((?:19|20)\d\d)[\s./_-]{1,3}(\d{1,7})(?![0-9]|[.,/-]\d)"
)
_RF = re.compile(r"RF\d\d(?:\s?[0-9A-Z]){1,21}")
_DIGITS = re.compile(r"(?<![0-9])\d{4,20}(?![0-9])")
_GROUPED_DIGITS = re.compile(r"(?<![0-9])\d{1,6}(?: \d{1,6}){1,4}(?![0-9])")
#: sequence digits from which a number without the invoice's prefix is trusted
#: (``2026/0012`` yes, ``2026-11`` no)
MIN_BARE_DIGITS = 3


def fold(text):
    """``text`` case-folded, without accents and punctuation, single-spaced
    (``"PÄRNU-Sadam"`` → ``"parnu sadam"``)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", stripped).split())


def name_key(name):
    """Key of a name for comparison: folded words without legal forms, sorted (word
    order ignored); ``""`` when nothing is left."""
    words = [word for word in fold(name).split() if word not in LEGAL_FORMS]
    return " ".join(sorted(words))


def invoice_number_key(name):
    """``(prefix, year, sequence)`` of an invoice number such as ``INV/2026/00012``
    (``("INV", 2026, 12)``), else ``None``."""
    match = _INVOICE_NAME.match((name or "").upper().strip())
    if not match:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


def invoice_numbers_in_text(text):
    """The invoice numbers written in ``text`` as ``{(prefix or "", year, sequence)}``.
    A number without letters before it needs :data:`MIN_BARE_DIGITS` digits
    (``2026-11-20`` is a date, not invoice 11)."""
    found = set()
    for match in _TEXT_NUMBER.finditer((text or "").upper()):
        prefix, year, sequence = match.groups()
        found.add((prefix or "", int(year), int(sequence), len(sequence)))
    return found


def matches_invoice_key(found, key):
    """Tell whether a number ``found`` in a text (see :func:`invoice_numbers_in_text`)
    is the invoice ``key``."""
    prefix, year, sequence, digits = found
    if (year, sequence) != key[1:]:
        return False
    return prefix == key[0] or digits >= MIN_BARE_DIGITS


def references_in_text(text):
    """Estonian and RF references with valid check digits written anywhere in ``text``
    (spaces of display groups allowed), without spaces, upper case."""
    upper = (text or "").upper()
    candidates = set()
    for match in _RF.finditer(upper):
        # "RF18 5390 0754 7034 EEST": every run of whole groups is a candidate, the
        # check digits decide
        groups = match.group(0).split(" ")
        candidates.update("".join(groups[: end + 1]) for end in range(len(groups)))
    candidates.update(match.group(0) for match in _DIGITS.finditer(upper))
    candidates.update(
        match.group(0).replace(" ", "") for match in _GROUPED_DIGITS.finditer(upper)
    )
    return {
        candidate
        for candidate in candidates
        if 5 <= len(candidate) <= 25
        and not candidate.startswith("0")
        and classify_reference(candidate)
    }


def exact_sum(target, items, max_items=12, max_size=4):
    """The combination of ``items`` (``[(key, amount in cents)]``, oldest first; credit
    notes negative) whose amounts add up to ``target`` cents: the fewest items, then the
    oldest. ``None`` when there is none within the bounds (the ``max_items`` oldest
    items, at most ``max_size`` of them)."""
    pool = list(items)[:max_items]
    for size in range(1, min(max_size, len(pool)) + 1):
        for combination in itertools.combinations(pool, size):
            if sum(amount for _key, amount in combination) == target:
                return [key for key, _amount in combination]
    return None

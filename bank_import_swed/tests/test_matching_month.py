# Copyright 2026 Baltic Receipts
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A realistic Estonian month: 320 incoming payments over Swedbank, SEB, LHV and Luminor
statements, with the ground truth (which invoices each payment pays) kept here. The
matching step must reach 95 % invoice recall and 98 % precision; the test prints both
figures."""

import random
import sys
from collections import Counter

from odoo import Command
from odoo.tests import tagged

from ..parsers.matching import name_key
from ..parsers.refs import make_ee_reference, make_rf_reference
from . import camt_builder as cb
from .common import BankImportCommon

FIRST = [
    "Mari",
    "Jaan",
    "Kätlin",
    "Tõnu",
    "Ülle",
    "Märt",
    "Liis",
    "Andres",
    "Õie",
    "Priit",
    "Anu",
    "Rein",
]
LAST = [
    "Kask",
    "Tamm",
    "Saar",
    "Mägi",
    "Õunapuu",
    "Pärn",
    "Kuusk",
    "Lepik",
    "Sepp",
    "Rebane",
    "Ilves",
    "Kõiv",
]
WORDS = [
    "Pärnu",
    "Tartu",
    "Põhja",
    "Lõuna",
    "Sadam",
    "Puit",
    "Ehitus",
    "Kala",
    "Mööbel",
    "Üksus",
    "Valgus",
    "Kivi",
]
TRADES = [
    "Grupp",
    "Teenused",
    "Kaubandus",
    "Invest",
    "Logistika",
    "Tehnika",
    "Ehitus",
    "Hulgi",
]
FORMS = ["OÜ", "AS", "MTÜ"]
BANKS = {
    # account, habits: upper-case names, reversed person names, bank reference on the
    # entry, RF references
    "swedbank": ("EE102200221055501234", {"acct_ref": True}),
    "seb": ("EE381010220555123456", {"acct_ref": True, "upper": True}),
    "lhv": ("EE937700771001234561", {"acct_ref": True, "rf": True}),
    "luminor": ("EE461700017000123456", {"upper": True, "reverse": True}),
}
SCENARIOS = [
    ("reference", 80),
    ("number_text", 60),
    ("reference_text", 25),
    ("iban_amount", 40),
    ("name_amount", 30),
    ("two_by_iban", 15),
    ("third_party", 15),
    ("ultimate", 10),
    ("customer_ref_newer", 10),
    ("already_paid", 5),
    ("prepayment", 20),
    ("unknown", 10),
]


@tagged("post_install", "-at_install")
class TestMatchingMonth(BankImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.luminor_journal = cls.make_bank_journal(
            "Luminor", "LUM", BANKS["luminor"][0]
        )
        cls.rng = random.Random(16)
        cls.sequence = 1000
        cls.customers = cls._make_customers()

    @classmethod
    def _make_customers(cls):
        rng = cls.rng
        vals, seen = [], set()
        while len(vals) < 140:
            person = len(vals) % 3 == 0
            if person:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            else:
                name = (
                    f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(TRADES)} "
                    f"{rng.choice(FORMS)}"
                )
            # two customers whose names differ only by word order or legal form are told
            # apart by an accountant only from their accounts: the month keeps names
            # distinct
            if name_key(name) in seen or len(set(name.split())) < len(name.split()):
                continue
            seen.add(name_key(name))
            index = len(vals)
            vals.append(
                {
                    "name": name,
                    "is_company": not person,
                    "company_registry": None if person else str(10000000 + index),
                    "ref": make_ee_reference(str(5000 + index))
                    if index % 4 == 0
                    else False,
                    "bank_ids": [
                        Command.create(
                            {
                                "acc_number": (
                                    f"EE{10 + index % 80:02d}22002210{index:010d}"
                                )
                            }
                        )
                    ],
                }
            )
        return cls.env["res.partner"].create(vals)

    def _invoice_spec(self, partner, amount, date, kind="ee", reference=None):
        """An invoice to create: numbered INV/2026/NNNNN, with a 7-3-1 (or RF) payment
        reference."""
        type(self).sequence += 1
        base = str(20260000 + self.sequence)
        if not reference:
            reference = (
                make_rf_reference(base) if kind == "rf" else make_ee_reference(base)
            )
        return {
            "name": f"INV/2026/{self.sequence:05d}",
            "ref": reference,
            "partner": partner,
            "amount": amount,
            "date": date,
        }

    def _create_invoices(self, specs):
        """Create and post the invoices of ``specs`` in one batch;
        ``{name: invoice}``."""
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "name": spec["name"],
                    "payment_reference": spec["ref"],
                    "partner_id": spec["partner"].id,
                    "invoice_date": spec["date"],
                    "date": spec["date"],
                    "invoice_payment_term_id": False,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Goods",
                                "quantity": 1,
                                "price_unit": spec["amount"],
                                "tax_ids": [Command.clear()],
                                "account_id": self.revenue.id,
                            }
                        )
                    ],
                }
                for spec in specs
            ]
        )
        moves.action_post()
        return {move.name: move for move in moves}

    def _amount(self):
        return round(self.rng.uniform(20, 3000), 2)

    def _payer(self, partner, style):
        name = partner.name
        if style.get("reverse") and not partner.is_company:
            name = " ".join(reversed(name.split()))
        return name.upper() if style.get("upper") else name

    def _build_month(self):
        """``{bank: [(Ntry, truth invoices, truth partner)]}``; every customer also has
        an open invoice nobody pays this month (noise for the amount rules), and some
        invoices were paid last month."""
        rng = self.rng
        plan = [kind for kind, count in SCENARIOS for _ in range(count)]
        rng.shuffle(plan)
        customers = list(self.customers)
        specs = [
            self._invoice_spec(partner, self._amount(), "2026-10-05")
            for partner in customers
        ]
        paid_before, planned = [], {bank: [] for bank in BANKS}
        for number, kind in enumerate(plan):
            bank = list(BANKS)[number % 4]
            style = BANKS[bank][1]
            partner = customers[number % len(customers)]
            day = f"2026-11-{1 + number % 28:02d}"
            tx = {
                "name": self._payer(partner, style),
                "iban": partner.bank_ids[0].acc_number,
            }
            tx["e2e"] = "1" if number % 5 == 0 else None
            truth = []
            if kind in (
                "reference",
                "number_text",
                "reference_text",
                "iban_amount",
                "name_amount",
                "already_paid",
            ):
                spec = self._invoice_spec(
                    partner,
                    self._amount(),
                    "2026-10-20",
                    "rf" if style.get("rf") else "ee",
                )
                truth = [spec]
                if kind == "reference":
                    tx["reference"] = spec["ref"]
                elif kind == "number_text":
                    sequence = spec["name"].split("/")[-1]
                    tx["text"] = rng.choice(
                        [
                            f"Arve {spec['name']}",
                            f"arve nr 2026/{int(sequence):04d}",
                            f"INV 2026 {sequence}",
                            f"INV-2026-{sequence} tasumine",
                            f"makse {spec['name']}, aitäh",
                        ]
                    )
                elif kind == "reference_text":
                    tx["text"] = f"viitenumber {spec['ref'][:4]} {spec['ref'][4:]}"
                elif kind == "iban_amount":
                    tx["name"] = "Makse"
                elif kind == "name_amount":
                    tx["iban"] = f"EE9999{number:014d}"
                # paid last month, paid again by its reference: a prepayment with a hint
                else:
                    tx["reference"] = spec["ref"]
                    paid_before.append(spec)
                    truth = []
                specs.append(spec)
                amount = spec["amount"]
            elif kind == "two_by_iban":
                truth = [
                    self._invoice_spec(partner, 1120.0, f"2026-10-0{n}") for n in (1, 2)
                ]
                specs.extend(truth)
                amount = 2240.0
                tx["name"] = "Makse"
            elif kind in ("third_party", "ultimate"):
                payer = customers[
                    (number + (7 if kind == "third_party" else 11)) % len(customers)
                ]
                truth = [self._invoice_spec(partner, self._amount(), "2026-10-20")]
                specs.extend(truth)
                amount = truth[0]["amount"]
                tx.update(
                    name=self._payer(payer, style), iban=payer.bank_ids[0].acc_number
                )
                if kind == "third_party":
                    tx["text"] = f"{truth[0]['name']} eest"
                else:
                    tx.update(
                        ultimate_name=partner.name, ultimate_id=partner.company_registry
                    )
            elif kind == "customer_ref_newer":
                reference = make_ee_reference(str(700000 + number))
                three = [
                    self._invoice_spec(
                        partner, self._amount(), f"2026-10-{n:02d}", reference=reference
                    )
                    for n in (1, 8, 15)
                ]
                specs.extend(three)
                truth = three[1:]
                amount = sum(spec["amount"] for spec in truth)
                tx["reference"] = reference
            elif kind == "prepayment":
                amount = self._amount() + 0.01
                tx["text"] = "ettemaks"
            else:  # unknown payer
                partner = self.env["res.partner"]
                amount = self._amount()
                tx.update(
                    name=f"Tundmatu Maksja {number}",
                    iban=f"EE8888{number:014d}",
                    text="annetus",
                )
            acct_ref = f"{bank}-{number}" if style.get("acct_ref") else None
            entry = cb.single(f"{amount:.2f}", day, acct_svcr_ref=acct_ref, **tx)
            planned[bank].append((entry, [spec["name"] for spec in truth], partner))
        by_name = self._create_invoices(specs)
        receipt = self.new_receipt(self.swed_journal, date="2026-10-31")
        receipt.line_ids = [
            Command.create(
                {
                    "partner_id": spec["partner"].id,
                    "invoice_id": by_name[spec["name"]].id,
                    "amount": spec["amount"],
                }
            )
            for spec in paid_before
        ]
        receipt.action_post()
        Move = self.env["account.move"]
        return {
            bank: [
                (entry, Move.union(*(by_name[name] for name in names)), partner)
                for entry, names, partner in items
            ]
            for bank, items in planned.items()
        }

    def test_month_recall_and_precision(self):
        payments = self._build_month()
        journals = {
            "swedbank": self.swed_journal,
            "seb": self.seb_journal,
            "lhv": self.lhv_journal,
            "luminor": self.luminor_journal,
        }
        truth_ids, suggested_ids, hit_ids = set(), set(), set()
        partners_right = partners_total = 0
        rules = Counter()
        count = 0
        for bank, items in payments.items():
            data = cb.build(
                [(BANKS[bank][0], [entry for entry, _truth, _partner in items])],
                msg_id=bank,
            )
            receipt = self.new_receipt(journals[bank])
            wizard = self.import_camt(receipt, f"{bank}.xml", data=data, apply=False)
            lines = wizard.line_ids.sorted("sequence")
            self.assertEqual(len(lines), len(items))
            for line, (_entry, truth, partner) in zip(lines, items, strict=True):
                count += 1
                rules[line.match_rule] += 1
                truth_ids.update(truth.ids)
                suggested_ids.update(line.invoice_ids.ids)
                hit_ids.update(set(line.invoice_ids.ids) & set(truth.ids))
                if partner:
                    partners_total += 1
                    partners_right += line.partner_id == partner.commercial_partner_id
        recall = len(hit_ids) / len(truth_ids)
        precision = len(hit_ids) / len(suggested_ids)
        # the measured figures, shown by pytest -s / -rP
        sys.stdout.write(
            f"\nmatching month: {count} payments, {len(truth_ids)} paid invoices; "
            f"invoice recall {recall:.1%}, precision {precision:.1%}; customers right "
            f"{partners_right}/{partners_total}; rules {dict(rules)}\n"
        )
        self.assertGreaterEqual(count, 300)
        self.assertGreaterEqual(recall, 0.95)
        self.assertGreaterEqual(precision, 0.98)
        self.assertGreaterEqual(partners_right / partners_total, 0.95)

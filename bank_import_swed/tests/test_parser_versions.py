# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Only published camt versions are read (issue 16). Plain Python, no database."""

from ..parsers import camt
from ..parsers.exceptions import NotMyFormat
from . import camt_builder as cb
from .cases import UnitCase, parametrize

IBAN = "EE102200221055501234"


class TestParserVersions(UnitCase):
    @parametrize("version", ["001.02", "001.04", "001.08", "001.13"])
    def test_published_versions_read(self, version):
        (statement,) = camt.parse(
            cb.build([(IBAN, [cb.single("1.00", name="A")])], version=version), "ok.xml"
        )
        assert statement.version == version

    @parametrize("version", ["009.99", "001.99", "001.00"])
    def test_unknown_version_refused(self, version):
        with self.assertRaisesRegex(
            NotMyFormat,
            rf"camt.053 version {version} is not a published ISO 20022 version",
        ):
            camt.parse(
                cb.build([(IBAN, [cb.single("1.00", name="A")])], version=version),
                "odd.xml",
            )

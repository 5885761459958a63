"""Document numbers (发文字号) such as 平工总［2009］38号: :class:`DocumentNumber`."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Final

import attrs

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_

__all__ = ["DocumentNumber"]

# --------------------------------------------------------------------------------------------------
# document numbers (发文字号)

_OPEN_CLOSE: Final = {"[": "]", "〔": "〕", "【": "】", "(": ")", "〖": "〗"}
# Traditional → Simplified for the characters document-number abbreviations use (武工辦 → 武工办).
_SIMPLIFY: Final = str.maketrans(
    {"辦": "办", "號": "号", "總": "总", "會": "会", "發": "发", "區": "区", "縣": "县", "廳": "厅"}
)
_DOCNO = re.compile(
    r"^(?P<abbr>[^\s\d\[\]〔〕【】()〖〗]+?)\s*"
    r"(?P<open>[\[〔【(〖])\s*(?P<year>\d{4})\s*(?P<close>[\]〕】)〗])\s*"
    r"第?\s*(?P<serial>\d{1,5})\s*(?P<hao>[号號])$"
)


def _docno_error(text: object) -> InvalidValueError:
    return InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=N_("document number"),
        expected=N_(
            "an issuer abbreviation, the year in brackets and a serial with 号, "
            "e.g. 平工总［2009］38号"
        ),
        got=text,
    )


@attrs.frozen
class DocumentNumber:
    """A document number (发文字号) such as ``平工总［2009］38号`` or ``武工辦〔2014〕74號``.

    Attributes:
        issuer_abbrev: the issuer's abbreviation as printed (``武工辦`` keeps its Traditional
            script; :attr:`canonical` gives the Simplified form used in citations).
        year: the year in the brackets.
        serial: the serial number.
        text: the number as printed.
    """

    issuer_abbrev: str = attrs.field(validator=attrs.validators.instance_of(str))
    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    serial: int = attrs.field(validator=attrs.validators.instance_of(int))
    text: str = attrs.field(validator=attrs.validators.instance_of(str))

    @classmethod
    def parse(cls, text: object) -> DocumentNumber:
        """Read a document number.

        Accepts the brackets people use (［］〔〕[]【】() and full-width forms), 号 or 號, an
        optional 第, full-width digits and spaces around the parts. Anything else is an
        :class:`InvalidValueError`.

        >>> DocumentNumber.parse("武工辦〔2014〕74號").canonical
        '武工办〔2014〕74号'
        """
        if not isinstance(text, str) or not text.strip() or len(text) > 100:
            raise _docno_error(text)
        # NFKC folds full-width digits and ［］（） to ASCII; 〔〕【】 are left as they are.
        folded = unicodedata.normalize("NFKC", text).strip()
        match = _DOCNO.match(folded)
        if match is None or _OPEN_CLOSE[match["open"]] != match["close"]:
            raise _docno_error(text)
        year = int(match["year"])
        serial = int(match["serial"])
        if not 1949 <= year <= 2100 or serial < 1:
            raise _docno_error(text)
        return cls(issuer_abbrev=match["abbr"], year=year, serial=serial, text=text.strip())

    @property
    def canonical(self) -> str:
        """The Simplified-script citation form with 〔〕: ``武工办〔2014〕74号``."""
        return f"{self.issuer_abbrev.translate(_SIMPLIFY)}〔{self.year}〕{self.serial}号"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "issuer_abbrev": self.issuer_abbrev,
            "year": self.year,
            "serial": self.serial,
            "canonical": self.canonical,
        }

    def __str__(self) -> str:
        return self.text

"""Masking of personal data (names, 居民身份证 numbers, bank and union card numbers).

Every report, log line and export masks these unless the caller asks for them in clear
(``show_personal_data=True`` in Python, ``--show-personal-data`` on the command line).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["mask_card", "mask_id_number", "mask_name", "mask_numbers_in", "mask_personal_in"]

#: A run of digits shaped like a 居民身份证 number (15 or 18, the last may be X) or a bank or union
#: card number (16 to 19 digits), inside any text.
_PERSONAL_RUN: Final = re.compile(r"(?<![0-9０-９])[0-9０-９]{14,18}[0-9０-９Xx](?![0-9０-９])")
#: A mainland mobile phone number (11 digits starting 13–19), inside any text.
_PHONE_RUN: Final = re.compile(r"(?<![0-9０-９])[1１][3-9３-９][0-9０-９]{9}(?![0-9０-９])")
#: A run of Chinese characters: where a cell holds a personal number, the words beside it are
#: taken for a name (``张建国 410402195501010113``).
_HAN_RUN: Final = re.compile(r"[\u3400-\u9fff]+")
#: What a date or an amount may contain besides digits (2010年1月25日, 12月22号, 12.5万元): any
#: other Chinese character in such a cell is taken for a name typed in the wrong column.
_DATE_AND_AMOUNT_CHARS: Final = frozenset("年月日号號元万萬千百十零〇一二三四五六七八九")


def mask_id_number(value: str) -> str:
    """``410402199001011234`` → ``410402********1234``: region kept, birth date and sequence hidden.

    Shorter or malformed input keeps at most its first 2 and last 2 characters visible.
    """
    text = value.strip()
    if len(text) == 18:
        return text[:6] + "*" * 8 + text[-4:]
    if len(text) == 15:
        return text[:6] + "*" * 6 + text[-3:]
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


def mask_card(value: str) -> str:
    """A bank or union card number with all but its last 4 digits hidden: ``************1234``."""
    text = "".join(value.split())
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


def mask_name(value: str) -> str:
    """A name with all but its first character hidden: ``张三丰`` → ``张**``."""
    text = value.strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


def mask_numbers_in(text: str) -> str:
    """``text`` with every ID-shaped or card-shaped run of digits masked (:func:`mask_id_number`
    for 15 and 18 characters, :func:`mask_card` otherwise): for values echoed from a cell that
    should not have held one (``"张建国 410402195501010113"`` in a 类别 column)."""
    return _PERSONAL_RUN.sub(
        lambda m: mask_id_number(m[0]) if len(m[0]) in (15, 18) else mask_card(m[0]), text
    )


def _mask_phone(number: str) -> str:
    return number[:3] + "*" * 4 + number[-4:]


def mask_personal_in(text: str, *, expects_digits: bool = False) -> str:
    """``text`` as an error or a finding may echo it: every ID-shaped or card-shaped run of digits
    masked (:func:`mask_numbers_in`), every mobile phone number (``138****5678``), and the names
    beside them (``张建国 410402195501010113`` → ``张** 410402********0113``). With
    ``expects_digits`` (a date or amount column), any word of Chinese characters that a date or an
    amount does not use is masked too: a name typed into such a column (``张建国`` → ``张**``).

    The one function every echo of a user's value goes through (errors' ``got`` and parameters,
    findings that quote a cell); names alone in a text column cannot be told from a typo of a
    label by their shape and are left (docs/decisions.md, "Personal data in errors").
    """
    masked = mask_numbers_in(text)
    masked = _PHONE_RUN.sub(lambda m: _mask_phone(m[0]), masked)
    if masked != text:  # a personal number was there: the words beside it are a name
        return _HAN_RUN.sub(lambda m: mask_name(m[0]), masked)
    if expects_digits:
        return _HAN_RUN.sub(
            lambda m: m[0] if set(m[0]) <= _DATE_AND_AMOUNT_CHARS else mask_name(m[0]), masked
        )
    return masked

"""Masking of personal data (names, 居民身份证 numbers, bank and union card numbers).

Every report, log line and export masks these unless the caller asks for them in clear
(``show_personal_data=True`` in Python, ``--show-personal-data`` on the command line).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["mask_card", "mask_id_number", "mask_name", "mask_numbers_in"]

#: A run of digits shaped like a 居民身份证 number (15 or 18, the last may be X) or a bank or union
#: card number (16 to 19 digits), inside any text.
_PERSONAL_RUN: Final = re.compile(r"(?<![0-9０-９])[0-9０-９]{14,18}[0-9０-９Xx](?![0-9０-９])")


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

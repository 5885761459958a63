"""Masking of personal data (names, 居民身份证 numbers, bank and union card numbers).

Every report, log line and export masks these unless the caller asks for them in clear
(``show_personal_data=True`` in Python, ``--show-personal-data`` on the command line).
"""

from __future__ import annotations

__all__ = ["mask_card", "mask_id_number", "mask_name"]


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

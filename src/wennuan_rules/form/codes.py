"""Line item codes: what people type (``05(A)``, ``05（A）``, ``5a``, ``０５Ａ``) to the form's own
code (``05A``).

contract.md, "Line item codes": codes are the form's own codes in ASCII, without brackets or
spaces. Numbered rows keep two digits (``05A``, never ``5A``); a line with several blanks has one
code per blank suffixed ``-1``, ``-2`` … (``08A-1``); letter-only forms (changzhou-edz-2021:swn)
use ``A``, ``B1``, ``K2``.
"""

from __future__ import annotations

import re
from functools import cache

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_

__all__ = ["CODE_PATTERN", "is_code", "normalize_code"]

#: The shape of a normalised code: ``05A``, ``08A-1``, ``01``, ``A``, ``B1``, ``C11``.
CODE_PATTERN = re.compile(r"^(?:\d{2}[A-Z]?|[A-Z]\d{0,2})(?:-[1-9]\d?)?$")


@cache
def _grammar() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The shapes of a numbered (``05A-1``) and a lettered (``B1``) code, compiled on first use: a
    check of codes already normalised (every bundled form, most returns) does without them."""
    return (
        re.compile(r"^(\d{1,2})([A-Z]?)(?:-0*([1-9]\d?))?$"),
        re.compile(r"^([A-Z])(\d{0,2})(?:-0*([1-9]\d?))?$"),
    )


_DROP = str.maketrans("", "", " \t\u3000()[]【】（）_")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "－": "-", "―": "-"})


def is_code(text: str) -> bool:
    """True when ``text`` is already a normalised code."""
    return CODE_PATTERN.match(text) is not None


def normalize_code(text: object) -> str:
    """The normalised code for what a person typed.

    Full-width characters, brackets of either width, spaces and lower case are undone; a one-digit
    line number gets its leading zero (``5A`` → ``05A``); a blank suffix keeps its number
    (``08a-1`` → ``08A-1``).

    Args:
        text: the code as typed.

    Returns:
        The code, e.g. ``"05A"``.

    Raises:
        InvalidValueError: ``text`` is not a string or does not look like a line item code.
    """
    if not isinstance(text, str):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("code"),
            expected=N_("a line item code such as 05A"),
            got=text,
        )
    import unicodedata  # here: start-up does without it

    numbered, lettered = _grammar()
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_DROP).upper()
    m = numbered.match(folded)
    if m is not None:
        number, letter, blank = m.groups()
        return number.zfill(2) + letter + (f"-{blank}" if blank else "")
    m = lettered.match(folded)
    if m is not None:
        letter, number, blank = m.groups()
        return letter + number + (f"-{blank}" if blank else "")
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=N_("code"),
        expected=N_("a line item code such as 05A, 08A-1 or B1"),
        got=text,
    )

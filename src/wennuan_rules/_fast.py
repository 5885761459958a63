"""Fast paths of the readers: the plain forms most input takes, and a trusted constructor.

A reader first tries the plain forms (``1234.50``, ``2021-01-05``, an exact id): when a value
has one, its meaning is certain and cheap to read. Anything else raises :class:`Slow`, and the
reader falls back to its full path, which gives every value that is not plain its usual reading
and every error its usual message: a fast path never refuses anything itself. The values a fast
path proved are given to :func:`trusted` constructors, which set the fields of an attrs class
without running its validators again (they would only prove the same facts twice).

``tests/test_fast_paths.py`` checks, for generated text (junk, full-width and other scripts'
digits, more decimals), that a fast path and the full parser agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

import attrs

__all__ = ["Slow", "plain_amount", "plain_date", "trusted"]


class Slow(Exception):
    """The value is not in a plain form: read it by the full path."""


#: An amount of yuan people write plainly: ASCII digits (at most 12), a point and at most 8
#: decimals. Such text is non-negative, below 10^12 and exact at 8 decimals.
_PLAIN_AMOUNT: Final = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,8})?").fullmatch
#: An ISO date with ASCII digits.
_PLAIN_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
_LIMIT: Final = Decimal(10) ** 12
_date = dt.date.fromisoformat


def plain_amount(value: Any) -> Decimal:
    """An amount in yuan, non-negative, below 10^12, with at most 8 decimals, from plain text, an
    int or a Decimal; anything else (signs, separators, units, other digits, zero as a Decimal)
    raises :class:`Slow`."""
    kind = value.__class__
    if kind is str:
        if _PLAIN_AMOUNT(value) is not None:
            return Decimal(value)
    elif kind is int:
        if 0 <= value < 10**12:
            return Decimal(value)
    elif (
        kind is Decimal
        and value.is_finite()
        and 0 < value < _LIMIT
        and value.as_tuple().exponent >= -8
    ):  # zero is left to the full path, which turns -0 into 0
        return value  # type: ignore[no-any-return]
    raise Slow


def plain_date(value: Any) -> dt.date:
    """A date from ``YYYY-MM-DD`` in ASCII digits (a real day) or a :class:`datetime.date` (not
    a datetime); anything else raises :class:`Slow`."""
    kind = value.__class__
    if kind is str and _PLAIN_DATE(value) is not None:
        try:
            return _date(value)
        except ValueError:
            raise Slow from None
    if kind is dt.date:
        return value  # type: ignore[no-any-return]
    raise Slow


def trusted(cls: type[Any]) -> Callable[..., Any]:
    """A constructor of the attrs class ``cls`` taking every field positionally, in order, that
    sets them without validators, converters or ``__attrs_post_init__``: for values a reader has
    already proved valid (the class's own ``__init__`` would prove them again)."""
    names = [a.name for a in attrs.fields(cls)]
    setters = {f"_s{k}": cls.__dict__[name].__set__ for k, name in enumerate(names)}
    args = ", ".join(names)
    body = "".join(f"    _s{k}(self, {name})\n" for k, name in enumerate(names))
    src = f"def make({args}):\n    self = _new(_cls)\n{body}    return self\n"
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(compile(src, f"<trusted {cls.__name__}>", "exec"), namespace)
    make: Callable[..., Any] = namespace["make"]
    return make

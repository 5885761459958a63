"""Plausibility bounds: what a real figure of a return or a payment of a roster can be.

The bounds are data (``data/plausibility.toml``, each with its reason; docs/decisions.md,
"Plausibility bounds"): per unit of a form's line item (人, 人次, 户, 个, 万元) and per payment
(元).
Above a bound a figure is reported (a finding, never a silent pass); a figure with more digits than
any real one (:func:`check_digits`) is an input error.
"""

from __future__ import annotations

import os
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

import attrs

from wennuan_rules._cache import toml
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, Message

__all__ = ["Bound", "Bounds", "bounds", "check_digits", "judge"]

#: What :func:`judge` says of a figure: it looks like an ID number, a card number, or it is above
#: the bound of its unit.
ID_NUMBER: Final = "id-number"
CARD_NUMBER: Final = "card-number"
ABOVE: Final = "above"


@attrs.frozen
class Bound:
    """The most a figure in ``unit`` can be, and why."""

    unit: str
    max: Decimal
    reason: str


@attrs.frozen
class Bounds:
    """The plausibility bounds of ``data/plausibility.toml``."""

    max_digits: int
    reason: str
    id_digits: frozenset[int]
    card_digits: frozenset[int]
    units: dict[str, Bound]
    payment: Bound


@lru_cache(maxsize=1)
def bounds() -> Bounds:
    """The bounds (read once)."""
    # beside this module (not importlib.resources, which imports zipfile at start-up), parsed
    # through the cache (every check of a return compiles its form with these bounds)
    with open(os.path.join(os.path.dirname(__file__), "data", "plausibility.toml"), "rb") as fh:
        data: dict[str, Any] = toml(fh.read())["plausibility"]
    units = {
        unit: Bound(unit, Decimal(entry["max"]), entry["reason"])
        for unit, entry in data["units"].items()
    }
    pay = data["payment"]
    return Bounds(
        max_digits=int(data["max_digits"]),
        reason=data["reason"],
        id_digits=frozenset(data["id_digits"]),
        card_digits=frozenset(data["card_digits"]),
        units=units,
        payment=Bound("元", Decimal(pay["max"]), pay["reason"]),
    )


def _digits(value: Decimal) -> int:
    """Digits before the decimal point (0 for ``|value| < 1``)."""
    return max(value.adjusted() + 1, 0) if value.is_finite() and value else 0


def check_digits(value: Decimal, what: str, got: object = None) -> Decimal:
    """``value``, unless it has more digits than any real figure (:attr:`Bounds.max_digits`).

    Raises:
        InvalidValueError: naming ``what`` and how many digits the figure has.
    """
    limit = bounds().max_digits
    digits = _digits(value)
    if digits > limit:
        raise InvalidValueError(
            N_(
                "{what}: a number of {digits} digits is too large to be a real figure; "
                "expected at most {max} digits"
            ),
            what=what,
            expected=Message.of(N_("at most {max} digits"), max=limit),
            got=Message.of(N_("{digits} digits"), digits=digits),
            params={"digits": digits, "max": limit},
        )
    return value


def judge(value: Decimal, bound: Bound | None) -> str | None:
    """``None`` for a plausible figure; else :data:`ID_NUMBER` (a whole number with as many digits
    as a 居民身份证 number), :data:`CARD_NUMBER` (as many as a bank card number) or :data:`ABOVE`
    (above ``bound``)."""
    b = bounds()
    if bound is None or not value.is_finite() or value <= bound.max:
        return None
    whole = value == value.to_integral_value()
    digits = _digits(value)
    if whole and digits in b.id_digits:
        return ID_NUMBER
    if whole and digits in b.card_digits:
        return CARD_NUMBER
    return ABOVE

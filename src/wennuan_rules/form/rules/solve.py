"""The single-item solve of a linear comparison: the value of one item that makes both sides
equal while the others keep theirs (the likely fix; the strategies' determined items)."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal

from wennuan_rules.form.rules.ast import CONTEXT, Compare, Value

__all__ = ["boundary", "coefficient", "difference", "solve_each"]

_ZERO = Decimal(0)


def coefficient(c: Compare, code: str) -> Decimal:
    """The coefficient of ``code`` in ``left - right``."""
    total = Decimal(0)
    for k, term in c.left.terms:
        if term == code:
            total += k
    for k, term in c.right.terms:
        if term == code:
            total -= k
    return total


def boundary(c: Compare, code: str, values: Mapping[str, Value]) -> Decimal | None:
    """The value of ``code`` at which ``left == right`` (the others as in ``values``).

    ``None`` when ``code`` does not count (coefficient 0), another item is blank, or the value is
    not an exact decimal (``3 * A = B`` with ``B = 1``).
    """
    k = coefficient(c, code)
    current = values.get(code)
    if k == 0 or current.__class__ is not Decimal:
        return None
    # the other terms with ``code`` at 0 (so the value keeps the others' decimals: 41.91, not
    # 41.910000 from 41.909999 + 0.000001)
    others = {**values, code: _ZERO}
    try:
        with decimal.localcontext(CONTEXT):
            left, right = c.left.value(others), c.right.value(others)
            if left is None or right is None:
                return None
            return -(left - right) / k
    except (decimal.Inexact, decimal.InvalidOperation):
        return None


def difference(c: Compare, order: tuple[str, ...]) -> tuple[tuple[Decimal, ...], Decimal]:
    """``left - right`` as one coefficient per item of ``order`` and a constant."""
    return tuple(coefficient(c, code) for code in order), c.left.constant - c.right.constant


def solve_each(
    coefficients: tuple[Decimal, ...], constant: Decimal, nums: list[Decimal]
) -> list[Decimal | None]:
    """For each item (``nums`` in the order of ``coefficients``), the value at which
    ``Σ coefficient × num + constant = 0`` when only that item changes; ``None`` where it does
    not count or the value is not an exact decimal. Run under :data:`CONTEXT`.

    The first item (the total) is solved from the others (``05A`` = the sum of its parts, as
    written); the others as ``num - difference / coefficient`` (``total - parts + part``).
    """
    out: list[Decimal | None] = []
    diff = constant
    for k, v in zip(coefficients, nums, strict=True):
        diff += v if k == 1 else -v if k == -1 else k * v
    for pos, (k, v) in enumerate(zip(coefficients, nums, strict=True)):
        try:
            if k == 0:
                out.append(None)
            elif pos == 0:
                others = constant
                for k2, v2 in zip(coefficients[1:], nums[1:], strict=True):
                    others += v2 if k2 == 1 else -v2 if k2 == -1 else k2 * v2
                out.append(-others if k == 1 else others if k == -1 else -others / k)
            else:
                out.append(v - diff if k == 1 else v + diff if k == -1 else v - diff / k)
        except (decimal.Inexact, decimal.InvalidOperation):
            out.append(None)
    return out

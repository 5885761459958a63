"""The single-item solve of a linear comparison: the value of one item that makes both sides
equal while the others keep theirs (the likely fix; the strategies' determined items)."""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from wennuan_rules.form.rules.ast import CONTEXT, Compare, Value

__all__ = ["Solver", "boundary", "coefficient"]

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


class Solver:
    """The single-item solve of one comparison, prepared once: ``left - right`` as one
    coefficient per item (in the rule's item order) and a constant.

    :meth:`values` gives, for each item, the value at which ``left == right`` when only that
    item changes. The first item (the total) is solved from the others (``05A`` = the sum of its
    parts, as written); the others as ``current - difference / coefficient`` (``total - parts +
    part``), so the decimals of 0.1's fixes are kept. Run under :data:`CONTEXT`.
    """

    def __init__(self, c: Compare, order: tuple[str, ...]) -> None:
        self.coefficients = tuple(coefficient(c, code) for code in order)
        self.constant = c.left.constant - c.right.constant
        # coefficients of exactly +1 / -1 (every bundled rule) are added without multiplying;
        # ``*_rest`` leave out the first item (the total), which is solved from the others
        plus = [i for i, k in enumerate(self.coefficients) if k == 1]
        minus = [i for i, k in enumerate(self.coefficients) if k == -1]
        other = [(i, k) for i, k in enumerate(self.coefficients) if k not in (0, 1, -1)]
        self._all = (plus, minus, other)
        self._signs = (
            None
            if other or len(plus) + len(minus) < len(self.coefficients)
            else tuple(1 if k == 1 else -1 for k in self.coefficients)
        )
        self._rest = (
            [i for i in plus if i],
            [i for i in minus if i],
            [(i, k) for i, k in other if i],
        )

    def _sum(self, nums: list[Decimal], parts: tuple[list[int], list[int], list[Any]]) -> Decimal:
        plus, minus, other = parts
        get = nums.__getitem__
        total = sum(map(get, plus), self.constant) - sum(map(get, minus), _ZERO)
        for i, k in other:
            total += k * nums[i]
        return total

    def values(self, nums: list[Decimal]) -> list[Decimal | None]:
        """Per item, the value solving the comparison; ``None`` where the item does not count
        or the value is not an exact decimal."""
        if self._signs is not None:  # every coefficient +1 or -1 (the sums and 其中 rules)
            # exact sums do not depend on the order: Σ all = the others + the first
            others = self._sum(nums, self._rest)
            plus_first = self._signs[0] == 1
            diff = others + nums[0] if plus_first else others - nums[0]
            # 0 - others, not -others: a zero stays 0, never -0
            first: list[Decimal | None] = [_ZERO - others if plus_first else others]
            pairs = zip(self._signs[1:], nums[1:], strict=True)
            return first + [v - diff if sign == 1 else v + diff for sign, v in pairs]
        out: list[Decimal | None] = []
        diff = self._sum(nums, self._all)
        for pos, k in enumerate(self.coefficients):
            try:
                if k == 0:
                    out.append(None)
                elif pos == 0:
                    others = self._sum(nums, self._rest)
                    out.append(_ZERO - others if k == 1 else others if k == -1 else -others / k)
                else:
                    v = nums[pos]
                    out.append(v - diff if k == 1 else v + diff if k == -1 else v - diff / k)
            except (decimal.Inexact, decimal.InvalidOperation):
                out.append(None)
        return out

"""The one AST of form rules: linear expressions, comparisons, implications, unit checks.

A rule of a form is one of

* :class:`Compare` ``left OP right`` with ``OP`` one of ``= <= >= < >`` and both sides
  :class:`Linear` (a sum of exact Decimal coefficient × item, plus a constant):
  ``05A = 05B + 05C``, ``04F <= 04D``, ``B <= 0.5 * A``;
* :class:`Implies` ``comparison -> comparison`` (one-way): ``09I > 0 -> 09J > 0``; its premise
  may also be an :class:`Answer`, a yes-no item's answer: ``06B = 是 -> 06A > 0``;
* :class:`Iff` ``comparison <-> comparison`` (both or neither): the paired check of a line's count
  and amount is ``08C > 0 <-> 08D > 0``;
* :class:`UnitCheck` the implicit check of one item (whole ≥ 0, 万元 ≥ 0 with ≤ 6 decimals, yes-no).

Everything else (the compiled evaluator, findings, the likely fix, printed expressions, the
Hypothesis strategy) is derived from these nodes. :func:`evaluate` is the direct interpreter,
three-valued: ``True`` passed, ``False`` failed, ``None`` not evaluated (an item not reported).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

import attrs

__all__ = [
    "OPS",
    "UNIT_KINDS",
    "Answer",
    "Compare",
    "Condition",
    "Expr",
    "Iff",
    "Implies",
    "Linear",
    "UnitCheck",
    "answers",
    "comparisons",
    "evaluate",
    "holds",
    "rule_items",
    "shape",
    "shown_sides",
]

#: The comparison operators, in the order the docs list them.
OPS: Final = ("=", "<=", ">=", "<", ">")
#: Unit check kinds: whole numbers ≥ 0 (counts), 万元 ≥ 0 with at most 6 decimals, yes-no.
UNIT_KINDS: Final = ("whole", "amount", "yes-no")

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_MICRO: Final = Decimal("0.000001")
#: Exact arithmetic: an operation that would round raises instead.
CONTEXT: Final = decimal.Context(
    prec=60, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation, decimal.Inexact]
)

Value = Decimal | bool | None


def _terms(value: object) -> tuple[tuple[Decimal, str], ...]:
    return tuple((Decimal(c), str(code)) for c, code in value)  # type: ignore[attr-defined]


def _decimal(value: Decimal | int | str) -> Decimal:
    """``Decimal(value)``. A function rather than the type itself as the converter: attrs reads a
    converter's signature when it builds the class, and the signature of a type written in C is
    parsed with the tokenizer (milliseconds of every command's start-up)."""
    return Decimal(value)


@attrs.frozen
class Linear:
    """``Σ coefficient × item + constant`` with exact Decimal coefficients, terms as written."""

    terms: tuple[tuple[Decimal, str], ...] = attrs.field(converter=_terms, default=())
    constant: Decimal = attrs.field(converter=_decimal, default=_ZERO)

    @classmethod
    def of(cls, *codes: str) -> Linear:
        """``codes[0] + codes[1] + …`` (coefficients 1)."""
        return cls(tuple((_ONE, c) for c in codes))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for _, code in self.terms)

    @property
    def is_plain_sum(self) -> bool:
        """Items added with coefficient 1 and no constant (``05B + 05C``)."""
        return bool(self.terms) and self.constant == 0 and all(c == 1 for c, _ in self.terms)

    def value(self, values: Mapping[str, Value]) -> Decimal | None:
        """The value, ``None`` when an item is not a number (not reported).

        Computed in the caller's decimal context: run it under :data:`CONTEXT` (exact, raising
        rather than rounding), as :func:`evaluate` and the engine do.
        """
        total = self.constant
        for coefficient, code in self.terms:
            v = values.get(code)
            if v.__class__ is not Decimal:
                return None
            total += v if coefficient == 1 else coefficient * v
        return total


@attrs.frozen
class Compare:
    """``left OP right``."""

    left: Linear
    op: str = attrs.field(validator=attrs.validators.in_(OPS))
    right: Linear


@attrs.frozen
class Answer:
    """``06B = 是`` (``yes``) or ``06B = 否``: a yes-no item's answer, the premise of an
    implication (it has no sides to show, so it is never a rule of its own or a conclusion)."""

    code: str
    yes: bool


#: What an implication's premise may be: a comparison or a yes-no answer.
Condition = Compare | Answer


@attrs.frozen
class Implies:
    """``premise -> conclusion``: fails only when the premise holds and the conclusion does not."""

    premise: Condition
    conclusion: Compare


@attrs.frozen
class Iff:
    """``left <-> right``: fails when one holds and the other does not."""

    left: Compare
    right: Compare


@attrs.frozen
class UnitCheck:
    """The implicit check of one item: ``whole`` (counts), ``amount`` (万元) or ``yes-no``."""

    code: str
    kind: str = attrs.field(validator=attrs.validators.in_(UNIT_KINDS))


Expr = Compare | Implies | Iff | UnitCheck


def comparisons(expr: Expr) -> tuple[Compare, ...]:
    """The comparisons of a rule, in written order (an :class:`Answer` premise is none)."""
    if isinstance(expr, Compare):
        return (expr,)
    if isinstance(expr, Implies):
        if isinstance(expr.premise, Answer):
            return (expr.conclusion,)
        return (expr.premise, expr.conclusion)
    if isinstance(expr, Iff):
        return (expr.left, expr.right)
    return ()


def shown_sides(expr: Compare | Implies | Iff) -> tuple[Linear, Linear]:
    """The two sides whose values a finding shows as ``actual`` and ``expected``: a comparison's
    left and right, an implication's conclusion's, and for ``<->`` the left sides of both."""
    if isinstance(expr, Compare):
        return expr.left, expr.right
    if isinstance(expr, Implies):
        return expr.conclusion.left, expr.conclusion.right
    return expr.left.left, expr.right.left


def answers(expr: Expr) -> tuple[str, ...]:
    """The yes-no items a rule reads (the item of an :class:`Answer` premise)."""
    if isinstance(expr, Implies) and isinstance(expr.premise, Answer):
        return (expr.premise.code,)
    return ()


def _compare_items(c: Compare | Answer) -> tuple[str, ...]:
    if isinstance(c, Answer):
        return (c.code,)
    # the bounding (greater) side first: ``02B <= 02A`` reads (02A, 02B), as 0.1's le rules did
    if c.op in ("<", "<="):
        return c.right.codes + c.left.codes
    return c.left.codes + c.right.codes


def rule_items(expr: Expr) -> tuple[str, ...]:
    """The items a rule reads, each once: the bounding side of a comparison first, then the
    other; premise before conclusion."""
    if isinstance(expr, UnitCheck):
        return (expr.code,)
    out: dict[str, None] = dict.fromkeys(answers(expr))
    for c in comparisons(expr):
        out.update(dict.fromkeys(_compare_items(c)))
    return tuple(out)


def shape(expr: Expr) -> str:
    """What kind of rule this is, by its shape: ``sum`` (``T = P1 + P2``), ``le``
    (``P1 + P2 <= T``), ``paired`` (``C > 0 <-> A > 0``), else ``compare``, ``implies``, ``iff``
    or ``unit``."""
    if isinstance(expr, Compare):
        left, right = expr.left, expr.right
        if left.is_plain_sum and right.is_plain_sum:
            if expr.op == "=" and len(left.terms) == 1:
                return "sum"
            if expr.op == "<=" and len(right.terms) == 1:
                return "le"
        return "compare"
    if isinstance(expr, Iff):
        if all(_positive_test(c) for c in (expr.left, expr.right)):
            return "paired"
        return "iff"
    if isinstance(expr, Implies):
        return "implies"
    return "unit"


def _positive_test(c: Compare) -> bool:
    """``X > 0``."""
    return (
        c.op == ">"
        and c.left.is_plain_sum
        and len(c.left.terms) == 1
        and not c.right.terms
        and c.right.constant == 0
    )


def holds(
    c: Compare | Answer, values: Mapping[str, Value], tolerance: Decimal | None = None
) -> bool | None:
    """Whether ``c`` holds (within ``tolerance``, absolute); ``None`` when an item is blank."""
    if isinstance(c, Answer):
        value = values.get(c.code)
        return None if value.__class__ is not bool else value is c.yes
    with decimal.localcontext(CONTEXT):
        left, right = c.left.value(values), c.right.value(values)
        if left is None or right is None:
            return None
        d = left - right
        t = _ZERO if tolerance is None else tolerance
        if c.op == "=":
            return abs(d) <= t
        if c.op == "<=":
            return d <= t
        if c.op == ">=":
            return -d <= t
        if c.op == "<":
            return d < t
        return -d < t


def unit_ok(kind: str, value: Value) -> bool | None:
    """The unit check: ``None`` when not reported."""
    if value is None:
        return None
    if kind == "yes-no":
        return value.__class__ is bool
    if value.__class__ is not Decimal or value < 0:
        return False
    assert isinstance(value, Decimal)
    with decimal.localcontext(CONTEXT):
        if kind == "whole":
            return value % 1 == 0
        return value % _MICRO == 0


def evaluate(
    expr: Expr, values: Mapping[str, Value], tolerance: Decimal | None = None
) -> bool | None:
    """The direct interpreter: ``True`` passed, ``False`` failed, ``None`` not evaluated.

    A rule reading an item that is blank (``None``) or not a number is not evaluated, whatever
    its other items say. ``tolerance`` applies to a rule that is one comparison only.
    """
    if isinstance(expr, UnitCheck):
        return unit_ok(expr.kind, values.get(expr.code))
    yes_no = answers(expr)
    for code in rule_items(expr):
        if values.get(code).__class__ is not (bool if code in yes_no else Decimal):
            return None
    if isinstance(expr, Compare):
        return holds(expr, values, tolerance)
    if isinstance(expr, Implies):
        return not holds(expr.premise, values) or bool(holds(expr.conclusion, values))
    return holds(expr.left, values) == holds(expr.right, values)

"""The row evaluator, generated from the AST as straight-line Python and compiled once per form.

Each item becomes a local ``v<i>`` (``None`` when not reported or failing its unit check, which
is generated from the item's :class:`UnitCheck`); each rule becomes ``if <an item is None>:
not evaluated elif <the rule fails>: failed``, where the failing condition is the comparison
negated (``v0 != v1 + v2``, ``v1 > v0``), an implication's ``premise and not conclusion`` or a
biconditional's ``premise != conclusion``. Constants and coefficients are names bound in the
namespace (exact Decimals), so the code is as fast as hand-written checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from wennuan_rules.form.rules.ast import (
    Answer,
    Compare,
    Expr,
    Iff,
    Implies,
    Linear,
    UnitCheck,
    shown_sides,
)

__all__ = ["Constants", "fails_src", "item_lines", "row_item_lines", "rule_lines", "sides_lines"]

_NEGATED = {"=": "!=", "<=": ">", ">=": "<", "<": ">=", ">": "<="}
_HOLDS = {"=": "==", "<=": "<=", ">=": ">=", "<": "<", ">": ">"}


class Constants:
    """Decimal constants of the generated code, bound as ``K0``, ``K1``… (``Z`` is 0)."""

    def __init__(self) -> None:
        self.values: dict[Decimal, str] = {}

    def name(self, value: Decimal) -> str:
        if value == 0:
            return "Z"
        found = self.values.get(value)
        if found is None:
            found = self.values[value] = f"K{len(self.values)}"
        return found

    def namespace(self) -> dict[str, Decimal]:
        return {name: value for value, name in self.values.items()}


def _linear(lin: Linear, names: Mapping[str, str], k: Constants) -> str:
    out: list[str] = []
    for coefficient, code in lin.terms:
        v = names[code]
        if coefficient == 1:
            term, sign = v, "+"
        elif coefficient == -1:
            term, sign = v, "-"
        else:
            term, sign = f"{k.name(coefficient)} * {v}", "+"
        out.append(f"{sign} {term}" if out else (f"-{term}" if sign == "-" else term))
    if lin.constant or not out:
        out.append(f"+ {k.name(lin.constant)}" if out else k.name(lin.constant))
    return " ".join(out)


def _side(lin: Linear, names: Mapping[str, str], k: Constants) -> str:
    text = _linear(lin, names, k)
    return f"({text})" if " " in text else text


def _compare(
    c: Compare | Answer, names: Mapping[str, str], k: Constants, table: Mapping[str, str]
) -> str:
    if isinstance(c, Answer):  # a yes-no item holds True or False (None was tested before)
        return f"{names[c.code]} is {c.yes == (table is _HOLDS)}"
    return f"{_linear(c.left, names, k)} {table[c.op]} {_linear(c.right, names, k)}"


def fails_src(expr: Expr, names: Mapping[str, str], k: Constants, tolerant: bool) -> str:
    """A Python condition, true when the rule fails (all its items are numbers); ``T`` is the
    tolerance of a rule that is one comparison."""
    if isinstance(expr, Compare):
        if not tolerant:
            return _compare(expr, names, k, _NEGATED)
        left, right = _side(expr.left, names, k), _side(expr.right, names, k)
        if expr.op == "=":
            return f"abs({left} - {right}) > T"
        if expr.op in ("<=", "<"):
            return f"{left} - {right} {'>' if expr.op == '<=' else '>='} T"
        return f"{right} - {left} {'>' if expr.op == '>=' else '>='} T"
    if isinstance(expr, Implies):
        premise = _compare(expr.premise, names, k, _HOLDS)
        return f"({premise}) and ({_compare(expr.conclusion, names, k, _NEGATED)})"
    assert isinstance(expr, Iff)
    left, right = (_compare(c, names, k, _HOLDS) for c in (expr.left, expr.right))
    return f"({left}) != ({right})"


def rule_lines(
    expr: Expr, items: tuple[str, ...], names: Mapping[str, str], k: Constants, tolerant: bool
) -> list[str]:
    """``if <blank>: ne(K) / elif <fails>: fl(K)`` (``K`` replaced by the caller)."""
    missing = " or ".join(f"{names[c]} is None" for c in items)
    return [
        f"    if {missing}:",
        "        ne(K)",
        f"    elif {fails_src(expr, names, k, tolerant)}:",
        "        fl(K)",
    ]


def sides_lines(
    expr: Compare | Implies | Iff, items: tuple[str, ...], names: Mapping[str, str], k: Constants
) -> list[str]:
    """The body of ``sides_<k>(s)``: the values of the rule's shown sides
    (:func:`~wennuan_rules.form.rules.ast.shown_sides`) from the slots ``s``, for its finding."""
    left, right = shown_sides(expr)
    out = [f"    {names[c]} = s[{names[c][1:]}]" for c in items]
    out.append(f"    return {_linear(left, names, k)}, {_linear(right, names, k)}")
    return out


def item_lines(i: int, check: UnitCheck, above: str = "", above_int: str = "") -> list[str]:
    """Lines that read item ``i`` into ``v<i>`` (None when not reported or failing its unit
    check, recording the failure in ``u``; ``m`` counts the items not reported: the caller
    counts the reported ones as all the others).

    ``above`` is a comparison (``> P3``, ``>= H``) true of a number the plausibility check must
    look at, ``above_int`` the same for an int; such a number, a negative one of ``H`` or more,
    or a number given for a yes-no item sets ``o`` (the caller then runs the plausibility
    check). Text of plain ASCII digits is proven a whole number ≥ 0, and read as an int for a
    count (exact, and faster to add and compare; the caller makes it a Decimal again for
    findings); for 万元, digits with one point and at most 6 decimals are proven non-negative
    with at most 6 decimals: the unit check is not run again on either."""
    v = f"v{i}"
    if check.kind == "yes-no":
        return [
            f"    {v} = g({check.code!r})",
            f"    if {v} is not None:",
            f"        if {v}.__class__ is not bool:",
            f"            {v} = cv({v}, {i})",
            f"            if {v} is None:",
            "                m += 1",
            f"            elif {v}.__class__ is not bool:",
            *(["                o = 1"] if above else []),
            f"                u.append({i})",
            f"                {v} = None",
            "    else:",
            "        m += 1",
        ]
    whole = check.kind == "whole"
    # digits only (counts), or digits and one point with at most 6 decimals after it (no point
    # before the last 7 characters) for 万元; anything else (signs, separators, full-width or
    # other digits, units, junk, more decimals) goes through parse_value and the unit check
    if whole:
        fast = f"{v}.isdigit() and {v}.isascii()"
    else:
        fast = f"{v}.replace('.', '', 1).isdigit() and {v}.isascii() and {v}.find('.', 0, -7) < 0"
    return [
        f"    {v} = g({check.code!r})",
        f"    if {v} is not None:",
        f"        if {v}.__class__ is str and {fast}:",
        *_fast_lines(i, whole, above, above_int),
        "        else:",
        *_slow_lines(i, whole, above),
        "    else:",
        "        m += 1",
    ]


def _fast_lines(i: int, whole: bool, above: str, above_int: str) -> list[str]:
    """Item ``i`` read from text proven plain (a count: ASCII digits; 万元: ASCII digits with at
    most one point and 6 decimals): an int or a Decimal, its unit check proven."""
    v = f"v{i}"
    read, fast_above = (f"{v} = I({v})", above_int or above) if whole else (f"{v} = D({v})", above)
    return [
        f"            {read}",
        *([f"            if {v} {fast_above}:", "                o = 1"] if above else []),
    ]


def _slow_lines(i: int, whole: bool, above: str) -> list[str]:
    """Item ``i`` read with ``cv`` (parse_value) and its unit check run."""
    v = f"v{i}"
    # v % 1 is 0 for whole numbers, v % 0.000001 for at most 6 decimals (exact; raises for
    # Infinity or numbers of more than 60 digits)
    check_src = f"{v} % 1" if whole else f"{v} % M"
    return [
        f"            if {v}.__class__ is not D:",
        f"                {v} = cv({v}, {i})",
        f"                if {v}.__class__ is bool:",
        f"                    u.append({i})",
        f"                    {v} = None",
        f"                elif {v} is None:",
        "                    m += 1",
        f"            if {v} is not None:",
        *([f"                if {v} {above}:", "                    o = 1"] if above else []),
        f"                if {v} < Z or {check_src}:",
        *([f"                    if {v} <= NH:", "                        o = 1"] if above else []),
        f"                    u.append({i})",
        f"                    {v} = None",
    ]


def row_item_lines(
    i: int, check: UnitCheck, column: int | None, above: str = "", above_int: str = ""
) -> list[str]:
    """As :func:`item_lines`, for a row of a wide file that its reader proved plain (``r``: the
    row's cells; ``column``: the item's cell, ``None`` when the file has no column for it): a
    number cell is empty or ASCII digits with at most one point (not a point alone), a yes-no
    cell empty, ``是`` or ``否``. What the proof leaves open (a count with a point, 万元 with more
    than 6 decimals) is read as :func:`item_lines` reads it; everything is read alike."""
    v = f"v{i}"
    if column is None:  # no column: not reported
        return [f"    {v} = None", "    m += 1"]
    if check.kind == "yes-no":
        return [f"    {v} = YN[r[{column}]]", f"    if {v} is None:", "        m += 1"]
    whole = check.kind == "whole"
    fast = f"'.' not in {v}" if whole else f"{v}.find('.', 0, -7) < 0"
    return [
        f"    {v} = r[{column}]",
        f"    if not {v}:",
        f"        {v} = None",
        "        m += 1",
        f"    elif {fast}:",
        *_fast_lines(i, whole, above, above_int),
        "    else:",
        *_slow_lines(i, whole, above),
    ]

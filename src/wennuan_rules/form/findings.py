"""Findings built from the AST: items, message, expected and actual (as exact strings and
values) of a failed rule or unit check.

The strings are contract.md's: a comparison's ``actual`` is its left side's value and its
``expected`` the right side's, prefixed by the operator unless it is ``=`` (``"452.35"``,
``"<= 425.35"``); a paired line gives ``actual = "count / amount"`` and no ``expected``.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping
from decimal import Decimal

from wennuan_rules.form.model import FormRule, LineItem, unit_label
from wennuan_rules.form.rules.ast import (
    CONTEXT,
    Compare,
    Iff,
    Implies,
    UnitCheck,
    Value,
    shown_sides,
)
from wennuan_rules.form.rules.expression import formula, linear_text
from wennuan_rules.i18n import N_, Message
from wennuan_rules.report import Finding, Severity

__all__ = ["FindingBuilder", "figure_unit", "plain", "rule_finding", "unit_finding"]


def plain(d: Decimal) -> str:
    """An exact string without exponent (``1E+3`` → ``1000``)."""
    return format(d, "f")


def _expected(c: Compare, right: Decimal) -> str:
    return plain(right) if c.op == "=" else f"{c.op} {plain(right)}"


def _message(rule: FormRule) -> tuple[str, dict[str, str], tuple[Compare, ...]]:
    """The message of a failed ``rule``: its msgid (``""`` for a paired line: it depends on
    which side is 0), the parameters known before any value is read, and its comparisons."""
    expr, kind = rule.expr, rule.kind
    if isinstance(expr, Iff):
        sides = (expr.left, expr.right)
        if kind == "paired":
            return "", {"count": rule.count, "amount": rule.amount}, sides
        msgid = N_("{expression} does not hold: {left} is {actual}, {right} is {right_value}")
        left, right = linear_text(expr.left.left), linear_text(expr.right.left)
        return msgid, {"expression": rule.formula, "left": left, "right": right}, sides
    if isinstance(expr, Implies):
        msgid = N_("{expression} does not hold: {premise}, but {left} is {actual}")
        fixed = {
            "expression": rule.formula,
            "premise": formula(expr.premise),
            "left": linear_text(expr.conclusion.left),
        }
        return msgid, fixed, (expr.conclusion,)
    assert isinstance(expr, Compare)
    if kind == "sum":
        msgid = N_("{total} is {actual}, but its parts {parts} add up to {expected}")
        fixed = {"total": rule.total, "parts": "+".join(rule.parts)}
        return msgid, fixed, (expr,)
    if kind == "le" and len(rule.parts) == 1:
        msgid = N_("{part} is {actual}, more than {total} ({total_value})")
        return msgid, {"part": rule.parts[0], "total": rule.total}, (expr,)
    if kind == "le":
        msgid = N_("{parts} add up to {actual}, more than {total} ({total_value})")
        return msgid, {"parts": "+".join(rule.parts), "total": rule.total}, (expr,)
    msgid = N_("{expression} does not hold: {left} is {actual}, {right} is {right_value}")
    fixed = {
        "expression": rule.formula,
        "left": linear_text(expr.left),
        "right": linear_text(expr.right),
    }
    return msgid, fixed, (expr,)


def figure_unit(rule: FormRule, unit_of: Callable[[str], str]) -> str | None:
    """The unit a comparison's figures are shown in: that of its first item (the bounding side
    first) written without a coefficient (``F <= 50 * E``: F's 人, not E's 辆); ``None`` for
    implications and <->, or when every item has a coefficient."""
    expr = rule.expr
    if not isinstance(expr, Compare):
        return None
    plain_codes = {code for k, code in (*expr.left.terms, *expr.right.terms) if k in (1, -1)}
    return next((unit_of(code) for code in rule.items if code in plain_codes), None)


class FindingBuilder:
    """Builds the finding of one failed rule from the values it read; what does not depend on
    the values (message, names, source) is prepared once, from the rule's AST.

    ``unit`` is the unit of a comparison's figures (:func:`figure_unit`).
    """

    def __init__(self, rule: FormRule, rule_id: str, source: str, unit: str | None) -> None:
        expr = rule.expr
        assert not isinstance(expr, UnitCheck)
        self.rule = rule
        self.rule_id = rule_id
        self.source = source
        self.unit = unit
        self.msgid, self.fixed, _ = _message(rule)
        self.shown = shown_sides(expr)
        # the comparison whose sides are ``actual`` and ``expected`` (none for <->)
        self.compare: Compare | None = None
        if isinstance(expr, Compare | Implies):
            self.compare = expr.conclusion if isinstance(expr, Implies) else expr
        # the message's parameter for the right side's value (none for an implication)
        kind = rule.kind
        self.right_key = (
            ""
            if isinstance(expr, Implies)
            else "expected"
            if kind == "sum"
            else "total_value"
            if kind == "le"
            else "right_value"
        )
        self.fixed_params = tuple(self.fixed.items())

    def __call__(self, values: Mapping[str, Value]) -> Finding:
        """The finding, ``values`` holding the rule's items (all numbers: it was evaluated).

        Run under :data:`~wennuan_rules.form.rules.ast.CONTEXT` (exact; as the engine does).
        """
        left, right = (side.value(values) for side in self.shown)
        assert left is not None and right is not None  # a failed rule read numbers only
        return self.build(left, right, tuple([(c, values.get(c)) for c in self.rule.items]))

    def build(self, left: Decimal, right: Decimal, read: tuple[tuple[str, Value], ...]) -> Finding:
        """The finding from the values of the two shown sides (:func:`shown_sides`) and the
        items read (the compiled engine computes the sides with generated code)."""
        rule = self.rule
        c = self.compare
        if c is None:
            return Finding(
                rule=self.rule_id,
                severity=rule.severity,
                items=rule.items,
                message=self._iff_message(left, right),
                expected=None,
                actual=f"{plain(left)} / {plain(right)}",
                source=self.source,
                relation="<->",
                values=read,
                formula=rule.formula,
            )
        actual = plain(left)
        return Finding(
            rule=self.rule_id,
            severity=rule.severity,
            items=rule.items,
            message=Message(self.msgid, self._params(actual, right)),
            expected=_expected(c, right),
            actual=actual,
            source=self.source,
            unit=self.unit,
            expected_value=right,
            actual_value=left,
            relation=c.op,
            values=read,
            formula=rule.formula,
        )

    def _params(self, actual: str, right: Decimal) -> tuple[tuple[str, object], ...]:
        if not self.right_key:
            return (*self.fixed_params, ("actual", actual))
        return (*self.fixed_params, ("actual", actual), (self.right_key, plain(right)))

    def _iff_message(self, a: Decimal, b: Decimal) -> Message:
        if self.msgid:
            return Message.of(self.msgid, **self.fixed, actual=plain(a), right_value=plain(b))
        msgid = (
            N_("{count} is 0 but {amount} is {amount_value}: money without anyone helped?")
            if a == 0
            else N_("{count} is {count_value} but {amount} is 0: people helped without money?")
        )
        return Message.of(msgid, **self.fixed, count_value=plain(a), amount_value=plain(b))


def rule_finding(
    rule: FormRule,
    rule_id: str,
    values: Mapping[str, Value],
    source: str,
    unit: str | None,
) -> Finding:
    """The finding of ``rule``, failed on ``values`` (its items are numbers); ``unit`` as
    :func:`figure_unit` gives it."""
    with decimal.localcontext(CONTEXT):
        return FindingBuilder(rule, rule_id, source, unit)(values)


def _exact(raw: object) -> Decimal | None:
    """The exact number ``raw`` (as given) is, when it is a finite number; else ``None``."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal | int):
        value = Decimal(raw)
    elif isinstance(raw, str | float):
        try:
            value = Decimal(raw if isinstance(raw, str) else str(raw))
        except decimal.InvalidOperation:
            return None
    else:
        return None
    return value if value.is_finite() else None


def unit_finding(
    check: UnitCheck, item: LineItem, raw: object, rule_id: str, source: str
) -> Finding:
    """The finding of an item failing its unit check (``raw`` as given)."""
    got = plain(raw) if isinstance(raw, Decimal) else str(raw)
    if len(got) > 40:
        got = got[:39] + "…"
    if check.kind == "whole":
        msgid = N_("{item} must be a whole number, not negative ({unit}); got {got}")
        expected = N_("a whole number >= 0")
    elif check.kind == "amount":
        msgid = N_(
            "{item} must be an amount in 万元, not negative, with at most 6 decimals; got {got}"
        )
        expected = N_("an amount >= 0 with at most 6 decimals")
    else:
        msgid = N_("{item} must be yes or no (是/否); got {got}")
        expected = N_("yes or no")
    return Finding(
        rule=rule_id,
        severity=Severity.ERROR,
        items=(item.code,),
        message=Message.of(msgid, item=item.code, unit=unit_label(item.unit), got=got),
        expected=expected,
        actual=got,
        source=source,
        unit=item.unit,
        actual_value=_exact(raw),
        relation="unit",
        values=((item.code, raw if isinstance(raw, Decimal | bool) else None),),
    )

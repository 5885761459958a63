"""Findings built from the AST: items, message, expected and actual (as exact strings and
values) of a failed rule or unit check.

The strings are contract.md's: a comparison's ``actual`` is its left side's value and its
``expected`` the right side's, prefixed by the operator unless it is ``=`` (``"452.35"``,
``"<= 425.35"``); a paired line gives ``actual = "count / amount"`` and no ``expected``.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal

from wennuan_rules.form.model import FormRule, LineItem
from wennuan_rules.form.rules.ast import CONTEXT, Compare, Iff, Implies, UnitCheck, Value
from wennuan_rules.form.rules.expression import formula, linear_text
from wennuan_rules.i18n import N_, Message
from wennuan_rules.report import Finding, Severity

__all__ = ["plain", "rule_finding", "unit_finding"]


def plain(d: Decimal) -> str:
    """An exact string without exponent (``1E+3`` → ``1000``)."""
    return format(d, "f")


def _expected(c: Compare, right: Decimal) -> str:
    return plain(right) if c.op == "=" else f"{c.op} {plain(right)}"


def _sides(c: Compare, values: Mapping[str, Value]) -> tuple[Decimal, Decimal]:
    with decimal.localcontext(CONTEXT):
        left, right = c.left.value(values), c.right.value(values)
    assert left is not None and right is not None  # a failed rule read numbers only
    return left, right


def _compare_message(rule: FormRule, c: Compare, left: Decimal, right: Decimal) -> Message:
    kind = rule.kind
    if kind == "sum":
        return Message.of(
            N_("{total} is {actual}, but its parts {parts} add up to {expected}"),
            total=rule.total,
            parts="+".join(rule.parts),
            actual=plain(left),
            expected=plain(right),
        )
    if kind == "le" and len(rule.parts) == 1:
        return Message.of(
            N_("{part} is {actual}, more than {total} ({total_value})"),
            part=rule.parts[0],
            total=rule.total,
            actual=plain(left),
            total_value=plain(right),
        )
    if kind == "le":
        return Message.of(
            N_("{parts} add up to {actual}, more than {total} ({total_value})"),
            parts="+".join(rule.parts),
            total=rule.total,
            actual=plain(left),
            total_value=plain(right),
        )
    return Message.of(
        N_("{expression} does not hold: {left} is {actual}, {right} is {right_value}"),
        expression=rule.formula,
        left=linear_text(c.left),
        right=linear_text(c.right),
        actual=plain(left),
        right_value=plain(right),
    )


def _iff_message(rule: FormRule, expr: Iff, a: Decimal, b: Decimal) -> Message:
    if rule.kind == "paired":
        msgid = (
            N_("{count} is 0 but {amount} is {amount_value}: money without anyone helped?")
            if a == 0
            else N_("{count} is {count_value} but {amount} is 0: people helped without money?")
        )
        return Message.of(
            msgid,
            count=rule.count,
            amount=rule.amount,
            count_value=plain(a),
            amount_value=plain(b),
        )
    return Message.of(
        N_("{expression} does not hold: {left} is {actual}, {right} is {right_value}"),
        expression=rule.formula,
        left=linear_text(expr.left.left),
        right=linear_text(expr.right.left),
        actual=plain(a),
        right_value=plain(b),
    )


def rule_finding(
    rule: FormRule,
    rule_id: str,
    values: Mapping[str, Value],
    source: str,
    unit: str | None,
) -> Finding:
    """The finding of ``rule``, failed on ``values`` (its items are numbers); ``unit`` is the
    unit of its first item."""
    expr = rule.expr
    read = tuple((code, values.get(code)) for code in rule.items)
    if isinstance(expr, Iff):
        a, b = (_sides(c, values)[0] for c in (expr.left, expr.right))
        return Finding(
            rule=rule_id,
            severity=rule.severity,
            items=rule.items,
            message=_iff_message(rule, expr, a, b),
            expected=None,
            actual=f"{plain(a)} / {plain(b)}",
            source=source,
            relation="<->",
            values=read,
            formula=rule.formula,
        )
    if isinstance(expr, Implies):
        c = expr.conclusion
        left, right = _sides(c, values)
        message = Message.of(
            N_("{expression} does not hold: {premise}, but {left} is {actual}"),
            expression=rule.formula,
            premise=formula(expr.premise),
            left=linear_text(c.left),
            actual=plain(left),
        )
        unit = None
    else:
        assert isinstance(expr, Compare)
        c = expr
        left, right = _sides(c, values)
        message = _compare_message(rule, c, left, right)
    return Finding(
        rule=rule_id,
        severity=rule.severity,
        items=rule.items,
        message=message,
        expected=_expected(c, right),
        actual=plain(left),
        source=source,
        unit=unit,
        expected_value=right,
        actual_value=left,
        relation=c.op,
        values=read,
        formula=rule.formula,
    )


def unit_finding(
    check: UnitCheck, item: LineItem, raw: object, rule_id: str, source: str
) -> Finding:
    """The finding of an item failing its unit check (``raw`` as given)."""
    got = plain(raw) if isinstance(raw, Decimal) else str(raw)
    if len(got) > 40:
        got = got[:39] + "…"
    if check.kind == "whole":
        msgid = N_("{item} must be a whole number, not negative ({unit}); got {got}")
        expected = "a whole number >= 0"
    elif check.kind == "amount":
        msgid = N_(
            "{item} must be an amount in 万元, not negative, with at most 6 decimals; got {got}"
        )
        expected = "an amount >= 0 with at most 6 decimals"
    else:
        msgid = N_("{item} must be yes or no (是/否); got {got}")
        expected = "yes or no"
    return Finding(
        rule=rule_id,
        severity=Severity.ERROR,
        items=(item.code,),
        message=Message.of(msgid, item=item.code, unit=item.unit, got=got),
        expected=expected,
        actual=got,
        source=source,
        unit=item.unit,
        actual_value=raw if isinstance(raw, Decimal) else None,
        relation="unit",
        values=((item.code, raw if isinstance(raw, Decimal | bool) else None),),
    )

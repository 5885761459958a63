"""Rules as text: the formula (data-file syntax, parses back to the same AST) and the printed
expression in zh-Hans, zh-Hant or en (the ``forms`` command, the docs' rule catalogue)."""

from __future__ import annotations

from decimal import Decimal

from wennuan_rules.form.rules.ast import (
    Answer,
    Compare,
    Expr,
    Iff,
    Implies,
    Linear,
    UnitCheck,
    shape,
)
from wennuan_rules.i18n import N_, translate

__all__ = ["describe", "formula", "linear_text"]

_PRINTED = {"<=": "≤", ">=": "≥"}


def _number(d: Decimal) -> str:
    return format(d, "f")


def _code(code: str) -> str:
    return f"[{code}]" if code[:1].isdigit() and not code[2:3].isalpha() else code


def linear_text(lin: Linear, times: str = "*") -> str:
    """``05B + 05C``, ``0.5 * A`` (``0.5 × A`` with ``times="×"``), ``B - 1``."""
    parts: list[str] = []
    for coefficient, code in lin.terms:
        sign = "-" if coefficient < 0 else "+"
        size = -coefficient if coefficient < 0 else coefficient
        text = _code(code) if size == 1 else f"{_number(size)} {times} {_code(code)}"
        parts.append(f"{sign} {text}" if parts else (f"-{text}" if sign == "-" else text))
    if lin.constant or not parts:
        c = lin.constant
        if not parts:
            parts.append(_number(c))
        else:
            parts.append(f"- {_number(-c)}" if c < 0 else f"+ {_number(c)}")
    return " ".join(parts)


def _compare(c: Compare, ops: dict[str, str]) -> str:
    times = "×" if ops else "*"
    return f"{linear_text(c.left, times)} {ops.get(c.op, c.op)} {linear_text(c.right, times)}"


def _answer(a: Answer) -> str:
    """``06B = 是``: the answer as printed on the form, in every language."""
    return f"{a.code} = {'是' if a.yes else '否'}"


def formula(expr: Expr | Answer) -> str:
    """The rule in data-file syntax: ``05A = 05B + 05C``, ``09I > 0 -> 09J > 0``.

    ``parse(formula(e)) == e`` for every rule (unit checks have no formula: they are implied by
    an item's unit; they read ``05A:unit``).
    """
    if isinstance(expr, Compare):
        return _compare(expr, {})
    if isinstance(expr, Answer):
        return _answer(expr)
    if isinstance(expr, Implies):
        return f"{formula(expr.premise)} -> {formula(expr.conclusion)}"
    if isinstance(expr, Iff):
        return f"{formula(expr.left)} <-> {formula(expr.right)}"
    return f"{expr.code}:unit"


def describe(expr: Expr | Answer, lang: str | None = None) -> str:
    """The rule as a reader sees it in ``lang``: ``05A = 05B + 05C``, ``02B ≤ 02A``,
    ``B ≤ 0.5 × A``, ``08C ~ 08D (both 0, or both more than 0)``, ``if 09I > 0, then 09J > 0``."""
    if isinstance(expr, Compare):
        return _compare(expr, _PRINTED)
    if isinstance(expr, Answer):
        return _answer(expr)
    if isinstance(expr, Iff):
        if shape(expr) == "paired":
            return translate(
                N_("{count} ~ {amount} (both 0, or both more than 0)"),
                lang,
                count=expr.left.left.codes[0],
                amount=expr.right.left.codes[0],
            )
        return translate(
            N_("{left} exactly when {right}"),
            lang,
            left=describe(expr.left, lang),
            right=describe(expr.right, lang),
        )
    if isinstance(expr, Implies):
        return translate(
            N_("if {premise}, then {conclusion}"),
            lang,
            premise=describe(expr.premise, lang),
            conclusion=describe(expr.conclusion, lang),
        )
    assert isinstance(expr, UnitCheck)
    if expr.kind == "whole":
        msgid = N_("{item} is a whole number, 0 or more")
    elif expr.kind == "amount":
        msgid = N_("{item} is an amount in 万元, 0 or more, with at most 6 decimals")
    else:
        msgid = N_("{item} is yes or no (是/否)")
    return translate(msgid, lang, item=expr.code)

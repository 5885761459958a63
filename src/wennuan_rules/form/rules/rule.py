"""A rule of a form: a name, its formula as an AST, a severity, a source; and the 0.1 kinds
(``sum``, ``le``, ``paired``) as constructors of the same AST."""

from __future__ import annotations

from typing import Any

import attrs

from wennuan_rules.errors import DataFileError
from wennuan_rules.form.codes import CODE_PATTERN
from wennuan_rules.form.rules.ast import Compare, Expr, Iff, Implies, Linear, rule_items, shape
from wennuan_rules.form.rules.expression import formula
from wennuan_rules.i18n import N_
from wennuan_rules.report import Severity

__all__ = ["FormRule", "LeRule", "PairedRule", "SumRule"]


def _bad(what: str, expected: str, got: object) -> DataFileError:
    return DataFileError(
        N_("{what}: expected {expected}, got {got}"), what=what, expected=expected, got=got
    )


def _str(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _bad(attribute.name, N_("a string"), value)


_SEVERITY = attrs.validators.instance_of(Severity)


def _expr(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Compare | Implies | Iff):
        raise _bad(attribute.name, N_("a comparison, an implication or <->"), value)


@attrs.frozen
class FormRule:
    """One rule of a form: a name, its formula as an AST, a severity, a source.

    ``kind`` says the shape (``sum``: ``T = P1 + P2``; ``le``: ``P1 + P2 <= T``; ``paired``:
    ``C > 0 <-> A > 0``; else ``compare``, ``implies`` or ``iff``); ``total``/``parts`` and
    ``count``/``amount`` read the items of the 0.1 shapes (empty for other shapes).
    """

    name: str = attrs.field(validator=_str)
    expr: Expr = attrs.field(validator=_expr)
    severity: Severity = attrs.field(default=Severity.ERROR, validator=_SEVERITY)
    source: str = attrs.field(default="", validator=_str)
    note: str = attrs.field(default="", validator=_str)

    #: The items read, the bounding side first (a sum's or le's total, then its parts).
    items: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    #: The shape: ``sum``, ``le``, ``paired``, ``compare``, ``implies`` or ``iff``.
    kind: str = attrs.field(init=False, eq=False, repr=False)
    #: The rule in data-file syntax (``05A = 05B + 05C``).
    formula: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "items", rule_items(self.expr))
        object.__setattr__(self, "kind", shape(self.expr))
        object.__setattr__(self, "formula", formula(self.expr))

    @property
    def total(self) -> str:
        return self.items[0] if self.kind in ("sum", "le") else ""

    @property
    def parts(self) -> tuple[str, ...]:
        return self.items[1:] if self.kind in ("sum", "le") else ()

    @property
    def count(self) -> str:
        return self.items[0] if self.kind == "paired" else ""

    @property
    def amount(self) -> str:
        return self.items[1] if self.kind == "paired" else ""


def SumRule(
    name: str,
    total: str,
    parts: tuple[str, ...],
    severity: Severity = Severity.ERROR,
    source: str = "",
    note: str = "",
) -> FormRule:
    """``total = Σ parts`` (0.1's ``kind = "sum"``)."""
    _check_codes(total, parts)
    return FormRule(name, Compare(Linear.of(total), "=", Linear.of(*parts)), severity, source, note)


def LeRule(
    name: str,
    total: str,
    parts: tuple[str, ...],
    severity: Severity = Severity.ERROR,
    source: str = "",
    note: str = "",
) -> FormRule:
    """``Σ parts <= total`` (0.1's ``kind = "le"``)."""
    _check_codes(total, parts)
    return FormRule(
        name, Compare(Linear.of(*parts), "<=", Linear.of(total)), severity, source, note
    )


def PairedRule(
    name: str,
    count: str,
    amount: str,
    severity: Severity = Severity.WARNING,
    source: str = "",
    note: str = "",
) -> FormRule:
    """``count > 0 <-> amount > 0`` (0.1's ``kind = "paired"``): one zero and the other positive
    is suspicious."""
    _check_codes(count, (amount,), ("count", "amount"))
    zero = Linear()
    expr = Iff(Compare(Linear.of(count), ">", zero), Compare(Linear.of(amount), ">", zero))
    return FormRule(name, expr, severity, source, note)


def _check_codes(first: str, rest: object, names: tuple[str, str] = ("total", "parts")) -> None:
    if not isinstance(first, str) or not CODE_PATTERN.match(first):
        raise _bad(names[0], N_("a normalised line item code such as 05A, 08A-1 or B1"), first)
    if not isinstance(rest, tuple) or not rest:
        raise _bad(names[1], N_("a non-empty tuple of codes"), rest)
    for code in rest:
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            raise _bad(names[1], N_("a normalised line item code such as 05A, 08A-1 or B1"), code)

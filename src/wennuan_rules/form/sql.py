"""A form's rules as SQL: one query over a wide table, generated from the AST with sqlglot.

:func:`form_sql` gives the text of a query for a dialect sqlglot knows (``duckdb`` by default;
``postgres``, ``spark``, ``trino`` are tested to generate). The table has a ``unit`` column and one
column per line item, named by code (``"05A"``), holding the cells as text, as a CSV loader reads
them (``all_varchar`` in DuckDB, ``StringType`` in Spark); the query gives one row per return:
``unit``, ``ok``, ``errors``, ``warnings``, ``failed`` and ``not_evaluated`` (rule ids, comma
separated: arrays without nulls are not portable) and ``unreadable`` (codes of cells that are not
plain numbers, 是/否 words or blank, or are too large: refuse those returns or read them with the
row engine).

Exact: a cell is checked against its unit as text (regular expressions: a count has no fraction,
万元 at most 6 decimals, neither is negative) before it is cast to ``DECIMAL(38, 6)``, so the cast
never rounds; each comparison is multiplied by the least common multiple of its denominators so
that only integer coefficients meet the decimals (``B <= 0.5 * A`` is ``2 * B - A <= 0``). ``NULL``
is not reported: it propagates, and a rule reading it is not evaluated (``CASE`` guards the
implications, whose ``AND``/``OR`` would otherwise decide on a ``NULL``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from wennuan_rules.errors import WennuanError
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import FormTemplate
from wennuan_rules.form.rules.ast import Answer, Compare, Expr, Iff, Implies, rule_items
from wennuan_rules.i18n import N_
from wennuan_rules.report import Severity

__all__ = ["form_sql"]

_PLAIN = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$"
#: not negative (``-0`` is zero), no fraction / at most 6 decimals
_UNIT_OK = {
    "whole": r"^(\+?[0-9]*(\.0*)?|-[0.]*)$",
    "amount": r"^(\+?[0-9]*(\.[0-9]{0,6}0*)?|-[0.]*)$",
}
#: too many integer digits: counts 10^15 or more, 万元 10^12 or more (as the polars engine)
_TOO_LARGE = {"whole": r"^[+-]?0*[1-9][0-9]{15}", "amount": r"^[+-]?0*[1-9][0-9]{12}"}
_YES = ("是", "yes", "y", "true", "有", "√")
_WORDS = ("是", "否", "yes", "no", "y", "n", "true", "false", "有", "无", "無", "√", "×")


def _sqlglot() -> Any:
    try:
        import sqlglot
    except ImportError:  # pragma: no cover - depends on the environment
        raise WennuanError(
            N_("form_sql() needs sqlglot: pip install 'wennuan-rules[columnar]'"), what="sqlglot"
        ) from None
    return sqlglot


def _matches(exp: Any, this: Any, pattern: str) -> Any:
    return exp.RegexpLike(this=this, expression=exp.Literal.string(pattern))


def _item(exp: Any, i: int, kind: str) -> tuple[Any, Any, Any]:
    """``ok`` (NULL/TRUE/FALSE), the value (DECIMAL(38, 6), NULL unless ok) and ``unreadable``
    of the text column ``t<i>``."""
    t = exp.column(f"t{i}")
    blank = exp.or_(t.is_(exp.null()), t.eq(exp.Literal.string("")))
    plain = _matches(exp, t.copy(), _PLAIN)
    if kind == "yes-no":
        word = exp.func("LOWER", t.copy()).isin(*[exp.Literal.string(w) for w in _WORDS])
        ok = exp.case().when(blank, exp.null()).when(word, exp.true()).when(plain, exp.false())
        bad = exp.and_(exp.not_(blank.copy()), exp.not_(word.copy()), exp.not_(plain.copy()))
        yes = exp.func("LOWER", t.copy()).isin(*[exp.Literal.string(w) for w in _YES])
        return ok, exp.case().when(exp.column(f"ok{i}"), yes), bad
    large = _matches(exp, t.copy(), _TOO_LARGE[kind])
    readable = exp.and_(plain, exp.not_(large))
    ok = exp.case().when(blank, exp.null()).when(readable, _matches(exp, t.copy(), _UNIT_OK[kind]))
    cast = exp.cast(t.copy(), exp.DataType.build("DECIMAL(38, 6)"))
    value = exp.case().when(exp.column(f"ok{i}"), cast)
    bad = exp.and_(exp.not_(blank.copy()), exp.not_(readable.copy()))
    return ok, value, bad


def _difference(exp: Any, c: Compare, slot: dict[str, int], tol: Fraction) -> tuple[Any, Any]:
    """``m·(left - right)`` with integer coefficients, and ``m·tol``."""
    coefs: dict[int, Fraction] = {}
    for sign, side in ((1, c.left), (-1, c.right)):
        for coefficient, code in side.terms:
            coefs[slot[code]] = coefs.get(slot[code], Fraction(0)) + sign * Fraction(coefficient)
    constant = Fraction(c.left.constant) - Fraction(c.right.constant)
    m = math.lcm(*(f.denominator for f in (*coefs.values(), constant, tol)))
    out: Any = None
    for i, k in coefs.items():
        v = exp.column(f"v{i}")
        term = v if k * m == 1 else exp.Mul(this=exp.Literal.number(int(k * m)), expression=v)
        out = term if out is None else exp.Add(this=out, expression=term)
    const = int(constant * m)
    if out is None or const:
        lit = exp.Literal.number(const)
        out = lit if out is None else exp.Add(this=out, expression=lit)
    return exp.Paren(this=out), exp.Literal.number(int(tol * m))


def _fails(exp: Any, c: Compare | Answer, slot: dict[str, int], tol: Fraction) -> Any:
    if isinstance(c, Answer):  # ``06B = 是``: v is the Boolean answer of the yes-no item
        return exp.NEQ(this=exp.column(f"v{slot[c.code]}"), expression=exp.Boolean(this=c.yes))
    d, t = _difference(exp, c, slot, tol)
    if c.op == "=":
        return exp.GT(this=exp.func("ABS", d), expression=t)
    if c.op == "<=":
        return exp.GT(this=d, expression=t)
    if c.op == "<":
        return exp.GTE(this=d, expression=t)
    neg = exp.Neg(this=d)
    return exp.GT(this=neg, expression=t) if c.op == ">=" else exp.GTE(this=neg, expression=t)


def _rule(exp: Any, expr: Expr, slot: dict[str, int], tol: Fraction | None) -> Any:
    """TRUE failed, FALSE passed, NULL not evaluated."""
    zero = Fraction(0)
    if isinstance(expr, Compare):
        return _fails(exp, expr, slot, zero if tol is None else tol)
    if isinstance(expr, Implies):
        cond = exp.and_(
            exp.not_(_fails(exp, expr.premise, slot, zero)),
            _fails(exp, expr.conclusion, slot, zero),
        )
    else:
        assert isinstance(expr, Iff)
        left, right = (exp.Paren(this=_fails(exp, c, slot, zero)) for c in (expr.left, expr.right))
        cond = exp.NEQ(this=left, expression=right)
    items = rule_items(expr)
    reported = exp.and_(*[exp.column(f"v{slot[code]}").is_(exp.null()).not_() for code in items])
    return exp.case().when(reported, cond)


def _listed(exp: Any, pairs: list[tuple[Any, str]]) -> Any:
    """``id1,id2`` of the ids whose condition is TRUE (``''`` for none): ``',id'`` or ``''``
    pieces joined with ``||``, the first comma cut (no NULL reaches the concatenation)."""
    if not pairs:
        return exp.Literal.string("")
    out: Any = None
    for cond, text in pairs:
        piece = exp.case().when(cond, exp.Literal.string("," + text)).else_(exp.Literal.string(""))
        out = piece if out is None else exp.DPipe(this=out, expression=piece, safe=True)
    return exp.Substring(this=out, start=exp.Literal.number(2))


def _count(exp: Any, conds: list[Any]) -> Any:
    out: Any = exp.Literal.number(0)
    for cond in conds:
        out = exp.Add(
            this=out,
            expression=exp.case().when(cond, exp.Literal.number(1)).else_(exp.Literal.number(0)),
        )
    return out


def form_sql(
    form: str | FormTemplate,
    dialect: str = "duckdb",
    *,
    table: str = "returns",
    keep: tuple[str, ...] = (),
    tolerance: str | int | None = None,
    pretty: bool = False,
) -> str:
    """The rules of ``form`` as one SQL query over the wide table ``table``.

    Args:
        form: a form id or a :class:`FormTemplate`.
        dialect: a sqlglot dialect: ``duckdb`` (default), ``postgres``, ``spark``, ``trino`` …
        table: the table (or view) of returns: ``unit`` and one text column per line item code.
        keep: further columns of the table passed through (a row number, a file name).
        tolerance: as for :func:`~wennuan_rules.form.validate.validate`.
        pretty: indent the SQL.

    Returns:
        The query text: one row per return with ``unit``, the ``keep`` columns, ``ok``,
        ``errors``, ``warnings``, ``failed``, ``not_evaluated`` and ``unreadable``.
    """
    from wennuan_rules.form.validate import _tolerance

    sqlglot = _sqlglot()
    exp = sqlglot.exp
    template = get_form(form)
    tol = _tolerance(tolerance)
    slot = {item.code: i for i, item in enumerate(template.items)}
    passed = [exp.column(name, quoted=True) for name in ("unit", *keep)]
    trimmed = [
        exp.func("TRIM", exp.cast(exp.column(item.code, quoted=True), "VARCHAR")).as_(f"t{i}")
        for i, item in enumerate(template.items)
    ]
    step1 = exp.select(*passed, *trimmed).from_(table)
    oks, values, bads = [], [], []
    for i, item in enumerate(template.items):
        ok, value, bad = _item(exp, i, item.unit_kind)
        oks.append(ok.as_(f"ok{i}"))
        values.append(value.as_(f"v{i}"))
        bads.append((bad, item.code))
    step2 = exp.select("*", *oks, _listed(exp, bads).as_("unreadable")).from_("t")
    step3 = exp.select("*", *values).from_("u")
    fraction_tol = None if tol is None else Fraction(tol)
    rules = [
        _rule(exp, r.expr, slot, fraction_tol if isinstance(r.expr, Compare) else None).as_(f"f{k}")
        for k, r in enumerate(template.rules)
    ]
    step4 = exp.select("*", *rules).from_("v")
    rule_ids = [f"{template.id}/{r.name}" for r in template.rules]
    unit_ids = [f"{template.id}/{item.code}:unit" for item in template.items]
    errors = [k for k, r in enumerate(template.rules) if r.severity is Severity.ERROR]
    warnings = [k for k, r in enumerate(template.rules) if r.severity is not Severity.ERROR]
    f = [exp.column(f"f{k}") for k in range(len(template.rules))]
    bad_unit = [exp.column(f"ok{i}").eq(exp.false()) for i in range(len(template.items))]
    n_errors = _count(exp, [f[k] for k in errors] + bad_unit)
    failed = [(f[k].copy(), rule_ids[k]) for k in errors]
    failed += [(b.copy(), unit_ids[i]) for i, b in enumerate(bad_unit)]
    failed += [(f[k].copy(), rule_ids[k]) for k in warnings]
    nev = [(x.copy().is_(exp.null()), rule_ids[k]) for k, x in enumerate(f)]
    nev += [(exp.column(f"ok{i}").is_(exp.null()), u) for i, u in enumerate(unit_ids)]
    final = exp.select(
        exp.func("NULLIF", exp.func("TRIM", exp.column("unit")), exp.Literal.string("")).as_(
            "unit"
        ),
        *[exp.column(name, quoted=True) for name in keep],
        n_errors.eq(0).as_("ok"),
        n_errors.copy().as_("errors"),
        _count(exp, [f[k].copy() for k in warnings]).as_("warnings"),
        _listed(exp, failed).as_("failed"),
        _listed(exp, nev).as_("not_evaluated"),
        exp.column("unreadable"),
    ).from_("r")
    query = final.with_("t", as_=step1).with_("u", as_=step2)
    query = query.with_("v", as_=step3).with_("r", as_=step4)
    return str(query.sql(dialect=dialect, pretty=pretty))

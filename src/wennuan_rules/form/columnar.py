"""The columnar engine: a form's rules compiled from their AST to polars expressions.

:func:`validate_frame` checks a whole frame of returns in the wide layout (a ``unit`` column and
one column per line item) at once and gives one row per return: ``unit``, ``ok``, ``errors``,
``warnings``, ``failed`` (rule ids) and ``not_evaluated`` (rule ids), as the row engine
(:func:`~wennuan_rules.form.validate.validate`) would; the full findings (with the likely fix) of
the failing returns come from the row engine, through :meth:`FrameResult.explain`.

Arithmetic is exact on integers: each item is read into integer units of its scale (counts as
they are, 万元 × 10^6, see :mod:`._frame_read`), and each comparison ``Σ cᵢ·xᵢ + k OP 0`` is
multiplied by the least common multiple of its denominators, so ``B <= 0.5 * A`` is evaluated as
``2·B - A <= 0`` (Int64 where the bound of the sum fits, else Int128). ``null`` is not reported:
it propagates, and a rule reading it (or an item failing its unit check) is not evaluated.

polars is imported only here (the ``columnar`` extra).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from wennuan_rules.batch import Batch
from wennuan_rules.errors import InvalidValueError, WennuanError
from wennuan_rules.form._frame_read import SCALE, Problem, canonical_cell, read_items
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import FormTemplate
from wennuan_rules.form.rules.ast import Answer, Compare, Expr, Iff, Implies, rule_items
from wennuan_rules.form.validate import RuleSummary, Summary, _tolerance, validate
from wennuan_rules.i18n import N_
from wennuan_rules.report import Report, Severity

__all__ = ["FrameInputError", "FrameResult", "polars", "validate_frame"]

_INT64_MAX = 2**63 - 1
#: the largest value of an item in its integer units (see _frame_read._DIGITS)
_MAX_UNITS = {"whole": 10**15, "amount": 10**18, "yes-no": 1}


def polars() -> Any:
    """The polars module, or an error naming the extra to install."""
    try:
        import polars as pl
    except ImportError:  # pragma: no cover - depends on the environment
        raise WennuanError(
            N_("the columnar engine needs polars: pip install 'wennuan-rules[columnar]'"),
            what="polars",
        ) from None
    return pl


class FrameInputError(InvalidValueError):
    """Cells of a frame the columnar engine cannot read exactly; ``problems`` lists them all."""

    problems: tuple[Problem, ...] = ()


def _input_error(problems: list[Problem]) -> FrameInputError:
    first = problems[0]
    exc = FrameInputError(
        N_("{what}: {count} cells cannot be read exactly; the first, row {row}: {got}"),
        what=first.column,
        expected="plain numbers (at most 6 decimals for 万元), 是/否 for yes-no items, or blank",
        got=first.value,
        column=first.column,
        params={"count": len(problems), "row": first.row},
    )
    exc.problems = tuple(problems)
    return exc


# -- compiling the AST -----------------------------------------------------------------------------


@attrs.frozen
class _Scaled:
    """``Σ k·v + constant`` over items' integer units, an exact multiple of ``left - right``."""

    terms: tuple[tuple[int, int], ...]  # (coefficient, item slot)
    constant: int
    tolerance: int
    wide: bool  # the bound of the sum does not fit Int64


def _scale(c: Compare, form: FormTemplate, slot: Mapping[str, int], tol: Decimal | None) -> _Scaled:
    coefs: dict[int, Fraction] = {}
    for sign, side in ((1, c.left), (-1, c.right)):
        for coefficient, code in side.terms:
            i = slot[code]
            unit = 10 ** SCALE[form.items[i].unit_kind]
            coefs[i] = coefs.get(i, Fraction(0)) + sign * Fraction(coefficient) / unit
    constant = Fraction(c.left.constant) - Fraction(c.right.constant)
    t = Fraction(tol or 0)
    m = math.lcm(*(f.denominator for f in (*coefs.values(), constant, t)))
    terms = tuple((int(f * m), i) for i, f in coefs.items())
    bound = sum(abs(k) * _MAX_UNITS[form.items[i].unit_kind] for k, i in terms)
    bound += abs(int(constant * m)) + int(t * m)
    return _Scaled(terms, int(constant * m), int(t * m), bound > _INT64_MAX)


def _difference(pl: Any, s: _Scaled) -> Any:
    dtype = pl.Int128 if s.wide else pl.Int64
    out = pl.lit(s.constant, dtype)
    for k, i in s.terms:
        v = pl.col(f"v{i}") if not s.wide else pl.col(f"v{i}").cast(dtype)
        out = out + (v if k == 1 else v * pl.lit(k, dtype))
    return out


def _fails(pl: Any, c: Compare, s: _Scaled, tolerant: bool) -> Any:
    """True when ``c`` fails (within the tolerance when ``tolerant``), null when not evaluated."""
    d = _difference(pl, s)
    t = pl.lit(s.tolerance if tolerant else 0, pl.Int128 if s.wide else pl.Int64)
    if c.op == "=":
        return d.abs() > t
    if c.op == "<=":
        return d > t
    if c.op == "<":
        return d >= t
    if c.op == ">=":
        return -d > t
    return -d >= t


def rule_fails(
    pl: Any, expr: Expr, form: FormTemplate, slot: Mapping[str, int], tol: Decimal | None
) -> Any:
    """The polars expression of one rule: True failed, False passed, null not evaluated."""

    def fails(c: Compare | Answer, tolerant: bool = False) -> Any:
        if isinstance(c, Answer):  # ``06B = 是``: the Boolean answer of a yes-no item
            return pl.col(f"v{slot[c.code]}") != pl.lit(c.yes)
        return _fails(pl, c, _scale(c, form, slot, tol if tolerant else None), tolerant)

    if isinstance(expr, Compare):
        return fails(expr, tol is not None)
    if isinstance(expr, Implies):
        cond = ~fails(expr.premise) & fails(expr.conclusion)
    else:
        assert isinstance(expr, Iff)
        cond = fails(expr.left) != fails(expr.right)
    # Kleene logic would decide ``null & False``: a rule reading a blank is not evaluated
    reported = pl.all_horizontal([pl.col(f"v{slot[c]}").is_not_null() for c in rule_items(expr)])
    return pl.when(reported).then(cond)


# -- the frame -------------------------------------------------------------------------------------


def _columns(frame: Any, form: FormTemplate) -> tuple[str | None, dict[str, str]]:
    unit: str | None = None
    columns: dict[str, str] = {}
    for name in frame.columns:
        text = str(name).strip()
        if text.lower() == "unit":
            unit = name
            continue
        try:
            code = form.resolve(text)
        except WennuanError as exc:
            raise exc.located(column=str(name)) from None
        if code in columns:
            raise InvalidValueError(
                N_("{what}: line item given twice, as {first} and as {second}"),
                what=code,
                expected="each line item once",
                got=name,
                column=str(name),
                params={"first": columns[code], "second": name},
            )
        columns[code] = name
    return unit, columns


def _to_polars(pl: Any, frame: Any) -> Any:
    if isinstance(frame, pl.LazyFrame):
        return frame.collect()
    if isinstance(frame, pl.DataFrame):
        return frame
    if type(frame).__module__.split(".")[0] == "pandas":
        return pl.DataFrame({str(k): frame[k].tolist() for k in frame.columns}, strict=False)
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what="frame",
        expected="a polars or pandas DataFrame",
        got=type(frame).__name__,
    )


@attrs.frozen
class FrameResult:
    """What :func:`validate_frame` gives.

    Attributes:
        returns: one row per return: ``unit``, ``ok``, ``errors``, ``warnings``, ``failed`` and
            ``not_evaluated`` (lists of rule ids, as the row engine's report gives them).
        summary: per rule, how many returns passed, failed, were not evaluated (as
            :func:`~wennuan_rules.form.validate.summarize`).
    """

    returns: Any
    summary: Summary
    form: FormTemplate
    frame: Any = attrs.field(repr=False)
    tolerance: Decimal | None = None

    def explain(self, row: int) -> Report:
        """The row engine's full report (findings, likely fix) of the return in ``row``."""
        record = self.frame.row(row, named=True)
        unit = self.returns.get_column("unit")[row]
        values: dict[str, object] = {}
        for name, raw in record.items():
            if str(name).strip().lower() == "unit":
                continue
            item = self.form.item(self.form.resolve(str(name).strip()))
            if isinstance(raw, float):
                text, _ = canonical_cell(raw, item, True)
                raw = None if raw != raw else text  # NaN is blank (pandas)
            values[str(name)] = raw
        return validate(self.form, values, unit=unit, tolerance=self.tolerance)

    def failing(self) -> dict[int, Report]:
        """The full reports of the returns with an error or a warning, by row."""
        pl = polars()
        rows = (
            self.returns.with_row_index("_row")
            .filter((pl.col("errors") > 0) | (pl.col("warnings") > 0))
            .get_column("_row")
        )
        return {int(r): self.explain(int(r)) for r in rows}

    def batch(self) -> Batch:
        """The notebook's object (:class:`~wennuan_rules.batch.Batch`): the per-rule summary of
        every row, and the full reports of the rows with a finding (the others passed every
        rule), by row."""
        failing = self.failing()
        return Batch(self.summary, tuple(failing.values()), tuple(failing), (None,) * len(failing))

    def _repr_html_(self) -> str:
        return self.batch()._repr_html_()


def _summary(pl: Any, checked: Any, form: FormTemplate) -> Summary:
    n = checked.height
    exprs = []
    for k in range(len(form.rules)):
        exprs += [pl.col(f"f{k}").sum().alias(f"f{k}"), pl.col(f"f{k}").null_count().alias(f"n{k}")]
    for i in range(len(form.items)):
        exprs += [
            (~pl.col(f"ok{i}")).sum().alias(f"uf{i}"),
            pl.col(f"ok{i}").null_count().alias(f"un{i}"),
        ]
    exprs.append((~pl.col("ok")).sum().alias("bad"))
    counts = checked.select(exprs).row(0, named=True)
    rows = []
    for k, rule in enumerate(form.rules):
        fl, ne = counts[f"f{k}"] or 0, counts[f"n{k}"]
        rid = f"{form.id}/{rule.name}"
        rows.append(
            RuleSummary(
                rid,
                rule.severity,
                rule.items,
                n - fl - ne,
                fl,
                ne,
                form.rule_source(rule),
                expr=rule.expr,
            )
        )
    for i, item in enumerate(form.items):
        fl, ne = counts[f"uf{i}"] or 0, counts[f"un{i}"]
        rid = f"{form.id}/{item.code}:unit"
        source = form.item_source(item.code)
        rows.append(
            RuleSummary(
                rid, Severity.ERROR, (item.code,), n - fl - ne, fl, ne, source, unit_check=True
            )
        )
    return Summary({form.id: n} if n else {}, counts["bad"] or 0, tuple(rows))


def _outcome(pl: Any, form: FormTemplate) -> tuple[list[Any], list[_Listing]]:
    rule_ids = [f"{form.id}/{r.name}" for r in form.rules]
    unit_ids = [f"{form.id}/{item.code}:unit" for item in form.items]
    ids = pl.Enum(rule_ids + unit_ids)
    errors = [k for k, r in enumerate(form.rules) if r.severity is Severity.ERROR]
    warnings = [k for k, r in enumerate(form.rules) if r.severity is not Severity.ERROR]
    failed_rule = [pl.col(f"f{k}").fill_null(False) for k in range(len(form.rules))]
    bad_unit = [pl.col(f"ok{i}").not_().fill_null(False) for i in range(len(form.items))]
    n_errors = pl.sum_horizontal([failed_rule[k] for k in errors] + bad_unit).cast(pl.Int32)
    n_warnings = pl.sum_horizontal([failed_rule[k] for k in warnings] + [pl.lit(0)]).cast(pl.Int32)
    failed = [(failed_rule[k], rule_ids[k]) for k in errors]
    failed += [(bad_unit[i], unit_ids[i]) for i in range(len(form.items))]
    failed += [(failed_rule[k], rule_ids[k]) for k in warnings]
    nev = [(pl.col(f"f{k}").is_null(), rule_ids[k]) for k in range(len(form.rules))]
    nev += [(pl.col(f"ok{i}").is_null(), unit_ids[i]) for i in range(len(form.items))]
    return [
        (n_errors == 0).alias("ok"),
        n_errors.alias("errors"),
        n_warnings.alias("warnings"),
        pl.any_horizontal([c for c, _ in failed]).alias("_any_failed"),
        pl.any_horizontal([c for c, _ in nev]).alias("_any_nev"),
    ], [_Listing("failed", failed, ids), _Listing("not_evaluated", nev, ids)]


@attrs.frozen
class _Listing:
    """A column of id lists: the ids of ``pairs`` whose condition holds, in the pairs' order."""

    name: str
    pairs: list[tuple[Any, str]]
    ids: Any  # the Enum of every id

    def of(self, pl: Any, rows: Any) -> Any:
        """``_row`` and the list, for the rows of ``rows`` that have an id. The conditions are
        unpivoted to one (row, position) per id that holds, then gathered per row: linear in the
        ids found, where a list built per row from every condition costs every condition."""
        names = pl.Series(self.name, [i for _, i in self.pairs], dtype=self.ids)
        flags = [c.fill_null(False).alias(str(j)) for j, (c, _) in enumerate(self.pairs)]
        hits = (
            rows.select("_row", *flags)
            .unpivot(index="_row", variable_name="_j", value_name="_hit")
            .filter(pl.col("_hit"))
            .select("_row", pl.col("_j").cast(pl.UInt32))
            .collect()
            .sort("_row", "_j")
        )
        hits = hits.with_columns(names.gather(hits.get_column("_j")))
        return hits.group_by("_row", maintain_order=True).agg(pl.col(self.name))


def _lists(pl: Any, checked: Any, lists: list[_Listing]) -> Any:
    """The returns' frame with the id lists, built only for the rows that have ids (most rows of a
    batch have none)."""
    out = checked.select("_row", pl.col("_unit").alias("unit"), "ok", "errors", "warnings")
    for flag, listing in zip(("_any_failed", "_any_nev"), lists, strict=True):
        empty = pl.lit([], pl.List(listing.ids))
        if not listing.pairs:
            out = out.with_columns(empty.alias(listing.name))
            continue
        some = listing.of(pl, checked.lazy().filter(pl.col(flag)))
        out = out.join(some, on="_row", how="left")
        out = out.with_columns(pl.col(listing.name).fill_null(empty))
    return out.sort("_row").drop("_row")


def validate_frame(
    frame: Any,
    form: str | FormTemplate,
    *,
    tolerance: Decimal | str | int | None = None,
) -> FrameResult:
    """Check every return of a wide frame (a ``unit`` column, one column per line item).

    Args:
        frame: a polars DataFrame or LazyFrame, or a pandas DataFrame. Cells are text (as read
            from CSV: ``"12"``, ``"0.5"``, ``"是"``, blank), integers, Decimals or floats exact at
            15 significant digits; ``null``/``NaN``/empty is not reported.
        form: a form id or a :class:`FormTemplate`.
        tolerance: as for :func:`~wennuan_rules.form.validate.validate`.

    Returns:
        A :class:`FrameResult`: ``returns`` (one row per return), ``summary`` (per rule),
        ``explain(row)`` and ``failing()`` (the row engine's full reports).

    Raises:
        FrameInputError: cells that cannot be read exactly (listed in ``problems`` with row and
            column), never rounded.
        UnknownIdError / InvalidValueError: an unknown form or column, a column given twice.
    """
    pl = polars()
    template = get_form(form)
    tol = _tolerance(tolerance)
    data = _to_polars(pl, frame)
    unit, columns = _columns(data, template)
    read, problems = read_items(pl, data, template, columns)
    if problems:
        raise _input_error(problems)
    slot = {item.code: i for i, item in enumerate(template.items)}
    rules = [
        rule_fails(pl, r.expr, template, slot, tol).alias(f"f{k}")
        for k, r in enumerate(template.rules)
    ]
    unit_col = pl.lit(None, pl.String)
    if unit is not None:
        stripped = pl.col(unit).cast(pl.String).str.strip_chars()
        unit_col = pl.when(stripped != "").then(stripped)
    counts, lists = _outcome(pl, template)
    checked = (
        read.lazy()
        .with_row_index("_row")
        .with_columns(rules)
        .with_columns(unit_col.alias("_unit"), *counts)
        .collect()
    )
    summary = _summary(pl, checked, template)
    return FrameResult(_lists(pl, checked, lists), summary, template, data, tol)

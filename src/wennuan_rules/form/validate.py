"""Validating returns: each form's rules are compiled once into straight-line Python.

:func:`validate` checks one return; :func:`validate_many` checks a stream of returns in constant
memory; :func:`summarize` counts, per rule, how many returns passed, failed or could not be
evaluated (as R validate's ``summary``); :func:`roll_up` adds several units' returns of one form
into one.

How a return is read:

* codes are normalised (``5a`` → ``05A``); an unknown code or a code given twice is an error,
  never dropped;
* a value is a number (``int``, ``Decimal`` or a string such as ``"12,000"`` / ``"１２０００"``),
  a boolean (yes-no items; also ``是``/``否``, ``yes``/``no``, ``true``/``false``) or
  ``None``/``""`` = not reported. A Python ``float`` is refused: it is not exact;
* not reported is not zero: a rule that reads an item not reported is ``not_evaluated`` (never
  passed), and so is the item's own unit check;
* an item failing its unit check (a negative or fractional count, 万元 with more than 6 decimals,
  a number for a yes-no item) is an error, and the rules reading it are not evaluated.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from wennuan_rules.errors import InvalidValueError, WennuanError
from wennuan_rules.form.findings import FindingBuilder, figure_unit, unit_finding
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import (
    YES_NO_CELLS,
    FormTemplate,
    LineItem,
    Return,
    RowLayout,
    Rule,
    TextValues,
    _not_mapping,
)
from wennuan_rules.form.plausible import implausible
from wennuan_rules.form.rules.ast import Compare, UnitCheck
from wennuan_rules.form.rules.compile import (
    Constants,
    item_lines,
    row_item_lines,
    rule_lines,
    sides_lines,
)
from wennuan_rules.form.rules.solve import Solver
from wennuan_rules.i18n import N_, Message
from wennuan_rules.money import refuse_foreign_digits
from wennuan_rules.plausibility import bounds
from wennuan_rules.results import Finding, Fix, Report, RuleSummary, Severity, Summary

__all__ = [
    "RuleSummary",
    "Summary",
    "Value",
    "make_return",
    "parse_value",
    "roll_up",
    "summarize",
    "validate",
    "validate_many",
]

Value = Decimal | bool | None

_ZERO: Final = Decimal(0)
_MICRO: Final = Decimal("0.000001")
#: Figures at or above this (10^15 persons, or 10^15 万元) are not real; refusing them keeps sums
# exact.
_BIG: Final = Decimal(10) ** 15
#: Sums are exact: an operation that would round raises (decimal.Inexact) instead.
_CONTEXT: Final = decimal.Context(
    prec=60, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation, decimal.Inexact]
)

_YES: Final = frozenset({"是", "yes", "y", "true", "有", "√"})
_NO: Final = frozenset({"否", "no", "n", "false", "无", "無", "×"})
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_PLAIN_MATCH = _PLAIN.match


def _plain(d: Decimal) -> str:
    """An exact string without exponent (``1E+3`` → ``1000``)."""
    return format(d, "f")


# -- values ----------------------------------------------------------------------------------------


def _number(text: str, item: LineItem) -> Decimal:
    from wennuan_rules.money import parse_number

    unit = None if item.is_yes_no else item.unit
    try:
        return parse_number(text, what=item.code, unit=unit, allow_negative=True)
    except InvalidValueError as exc:
        if not item.is_yes_no:
            raise
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=item.code,
            expected=N_("是/否, yes/no or true/false"),
            got=text,
        ) from exc


def parse_value(raw: object, item: LineItem) -> Value:
    """The value of ``item`` for what was given: a Decimal, a boolean or ``None`` (not reported).

    Strings are read as people type them: surrounding spaces, full-width digits, thousands
    separators (``12,000``); for yes-no items ``是``/``否``, ``yes``/``no``, ``true``/``false``. An
    empty string is not reported. Whether the value suits the item's unit is checked by
    :func:`validate`, not here.

    Raises:
        InvalidValueError: a float (not exact), a non-finite number, text that is not a number,
            another type.
    """
    if raw.__class__ is str:
        # what spreadsheets write (120, 12.5, an empty cell) first, without the regular expression
        # (benchmarks/bench_validate.py: the wide-CSV path spent most of its time here)
        if len(raw) < 30 and raw.isascii() and raw.replace(".", "", 1).isdigit():
            return Decimal(raw)
        if not raw:
            return None
    if isinstance(raw, str) and not raw.isascii():
        refuse_foreign_digits(raw, item.code)
    if isinstance(raw, str) and len(raw) < 30 and _PLAIN_MATCH(raw):
        return Decimal(raw)
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=item.code,
                expected=N_("a finite number"),
                got=raw,
            )
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if item.is_yes_no:
            low = unicodedata.normalize("NFKC", text).lower()
            if low in _YES:
                return True
            if low in _NO:
                return False
        return _number(text, item)
    if isinstance(raw, float):
        raise InvalidValueError(
            N_("{what}: a float is not exact; give {got} as a string or a Decimal"),
            what=item.code,
            expected=N_("a string, int or Decimal"),
            got=raw,
        )
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=item.code,
        expected=N_("a number, a string, a boolean or None"),
        got=raw,
    )


# -- compilation -----------------------------------------------------------------------------------


class _Lazy:
    """Generated functions compiled when first asked for: a command that checks a few returns
    compiles the evaluator and the helpers of the rules that failed, not all of them."""

    def __init__(self, name: str, sources: dict[str, str], namespace: dict[str, Any]) -> None:
        self.name, self.sources, self.namespace = name, sources, namespace

    def get(self, function: str) -> Any:
        found = self.namespace.get(function)
        if found is None:
            exec(_code(self.sources[function], f"<rules of {self.name}>"), self.namespace)
            found = self.namespace[function]
        return found


def _code(source: str, name: str) -> Any:
    """``compile(source)``, its code object kept in the cache of :mod:`wennuan_rules._cache`
    (compiling a form's evaluator is a large part of a command's start-up)."""
    import marshal
    import sys

    from wennuan_rules._cache import derived

    tag = f"wennuan_rules code 1 {sys.implementation.cache_tag} {sys.version}\n{name}\n"
    data = derived(
        (tag + source).encode("utf-8"),
        lambda: marshal.dumps(compile(source, name, "exec")),
    )
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError):  # a damaged cache file
        return compile(source, name, "exec")


class _Column:
    """``column[k]``: the generated function ``pattern.format(k)`` (compiled on first use)."""

    def __init__(self, lazy: _Lazy, pattern: str, size: int) -> None:
        self.lazy, self.pattern, self.size = lazy, pattern, size

    def __getitem__(self, k: int) -> Any:
        return self.lazy.get(self.pattern.format(k))

    def __len__(self) -> int:
        return self.size


@attrs.frozen
class _Compiled:
    form: FormTemplate
    codes: frozenset[str]
    index: Mapping[str, int]
    items: tuple[LineItem, ...]
    rules: tuple[Rule, ...]
    rule_ids: tuple[str, ...]
    unit_ids: tuple[str, ...]
    severities: tuple[Severity, ...]
    evaluate: Callable[..., tuple[list[Value], list[int], int, list[int], list[int], int]]
    rule_slots: tuple[tuple[int, ...], ...]
    #: per rule, its evaluator alone (0 passed, 1 failed, 2 not evaluated), generated
    single_exact: _Column
    single_tol: _Column
    rules_of_item: tuple[tuple[int, ...], ...]
    #: per rule, its single-item solve; ``None`` for implications and <->
    linear: tuple[Solver | None, ...]
    #: per rule, the builder of its finding, and the values of the sides it shows (generated)
    findings: tuple[FindingBuilder, ...]
    sides: _Column
    #: the evaluator of rows of a layout: ``row_evaluator(columns, exact)`` (generated, compiled
    #: once per layout and tolerance)
    row_evaluator: Callable[[tuple[int | None, ...], bool], Any]


def _single_rule(body: list[str], items: Sequence[str], k: int, suffix: str) -> list[str]:
    """A function ``rule_<k>_<suffix>(s, T)``: 0 passed, 1 failed, 2 not evaluated."""
    out = [f"def rule_{k}_{suffix}(s, T):"]
    out += [f"    {n} = s[{n[1:]}]" for n in sorted(set(items))]
    out += [line.replace("ne(K)", "return 2").replace("fl(K)", "return 1") for line in body]
    out.append("    return 0")
    return out


def _source(
    form: FormTemplate, columns: Sequence[int | None] | None = None
) -> tuple[list[str], list[str], dict[str, Decimal | int]]:
    """The evaluators of ``form`` (exact, tolerant) and the helpers of each rule (single-rule
    evaluators, shown sides) as Python source, generated from the rules' AST.

    With ``columns`` (per item, its cell in a row of a wide file, or ``None``), the evaluators
    ``evaluate_row_exact(r, T)`` / ``evaluate_row_tol(r, T)`` read the cells of a row its reader
    proved plain (:func:`~wennuan_rules.form.rules.compile.row_item_lines`) instead of a mapping;
    the constants are named alike either way."""
    slot = {item.code: f"v{i}" for i, item in enumerate(form.items)}
    n = len(form.items)
    names = ", ".join(f"v{i}" for i in range(n)) + ("," if n == 1 else "")
    k_names = Constants()
    read: list[str] = ["    u = []", "    m = 0", "    o = 0"]
    if columns is None:
        read.insert(0, "    g = values.get")
    limits = bounds()
    ints: dict[str, int] = {}
    for i, check in enumerate(form.unit_checks):
        # a number above the plausibility bound of its unit, or of more digits than any real
        # figure, is looked at by form/plausible.py (which runs only when one was read)
        bound = limits.units.get(form.items[i].unit)
        above = f"> {k_names.name(bound.max)}" if bound is not None else ">= H"
        above_int = ">= IH"
        if bound is not None and bound.max == bound.max.to_integral_value():
            ints[f"IB{int(bound.max)}"] = int(bound.max)
            above_int = f"> IB{int(bound.max)}"
        if columns is None:
            read += item_lines(i, check, above, above_int)
        else:
            read += row_item_lines(i, check, columns[i], above, above_int)
    head = ["    f = []", "    ne_list = []", "    fl = f.append", "    ne = ne_list.append"]
    helpers: list[str] = []
    bodies: dict[str, list[str]] = {"exact": [], "tol": []}
    for k, rule in enumerate(form.rules):
        used = [slot[c] for c in rule.items]
        src: list[str] = []
        for suffix in ("exact", "tol"):
            body = rule_lines(rule.expr, rule.items, slot, k_names, suffix == "tol")
            src += _single_rule(body, used, k, suffix)
            bodies[suffix] += [line.replace("(K)", f"({k})") for line in body]
        assert not isinstance(rule.expr, UnitCheck)
        src += [f"def sides_{k}(s):", *sides_lines(rule.expr, rule.items, slot, k_names), ""]
        helpers.append("\n".join(src))
    signature = "evaluate_{}(values, T):" if columns is None else "evaluate_row_{}(r, T):"
    evaluators = [
        "\n".join(
            [
                "def " + signature.format(suffix),
                *read,
                *head,
                *bodies[suffix],
                f"    return [{names}], u, {n} - m, f, ne_list, o",
                "",
            ]
        )
        for suffix in ("exact", "tol")
    ]
    return evaluators, helpers, {**k_names.namespace(), **ints}


def _compile(form: FormTemplate) -> _Compiled:
    cached = form._cache.get("compiled")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    items = form.items
    slot = {item.code: i for i, item in enumerate(items)}
    evaluators, helpers, constants = _source(form)

    def cv(raw: object, i: int) -> Value:
        return parse_value(raw, items[i])

    high = Decimal(10) ** bounds().max_digits
    namespace: dict[str, Any] = {
        "D": Decimal,
        "Z": _ZERO,
        "M": _MICRO,
        "H": high,
        "NH": -high,
        "I": int,
        "IH": int(high),
        "cv": cv,
        "YN": YES_NO_CELLS,
        **constants,
    }
    sources = {"evaluate_exact": evaluators[0], "evaluate_tol": evaluators[1]}
    for k, text in enumerate(helpers):
        sources.update(dict.fromkeys((f"rule_{k}_exact", f"rule_{k}_tol", f"sides_{k}"), text))
    lazy = _Lazy(form.id, sources, namespace)
    exact = lazy.get("evaluate_exact")

    def evaluate(values: Mapping[str, object], tolerance: Decimal | None) -> Any:
        """Run under ``_CONTEXT`` (as ``_validate`` does, once for the return)."""
        if tolerance is None:
            return exact(values, None)
        return lazy.get("evaluate_tol")(values, tolerance)

    def unit_of(code: str) -> str:
        return items[slot[code]].unit

    rows: dict[tuple[tuple[int | None, ...], bool], Any] = {}

    def row_evaluator(columns: tuple[int | None, ...], exact: bool) -> Any:
        found = rows.get((columns, exact))
        if found is None:
            row_sources, _helpers, row_constants = _source(form, columns)
            assert row_constants == constants  # the same names for the same constants
            name = f"evaluate_row_{'exact' if exact else 'tol'}"
            code = _code(row_sources[0 if exact else 1], f"<rules of {form.id}>")
            scope: dict[str, Any] = {}
            exec(code, namespace, scope)
            found = rows[(columns, exact)] = scope[name]
        return found

    compiled = _Compiled(
        form=form,
        codes=frozenset(slot),
        index=slot,
        items=items,
        rules=form.rules,
        rule_ids=tuple(f"{form.id}/{r.name}" for r in form.rules),
        unit_ids=tuple(f"{form.id}/{item.code}:unit" for item in items),
        severities=tuple(r.severity for r in form.rules),
        evaluate=evaluate,
        rule_slots=tuple(tuple(slot[c] for c in r.items) for r in form.rules),
        single_exact=_Column(lazy, "rule_{}_exact", len(form.rules)),
        single_tol=_Column(lazy, "rule_{}_tol", len(form.rules)),
        rules_of_item=tuple(
            tuple(k for k, r in enumerate(form.rules) if item.code in r.items) for item in items
        ),
        linear=tuple(
            Solver(r.expr, r.items) if isinstance(r.expr, Compare) else None for r in form.rules
        ),
        findings=tuple(
            FindingBuilder(r, rid, form.rule_source(r), figure_unit(r, unit_of))
            for r, rid in zip(form.rules, [f"{form.id}/{r.name}" for r in form.rules], strict=True)
        ),
        sides=_Column(lazy, "sides_{}", len(form.rules)),
        row_evaluator=row_evaluator,
    )
    form._cache["compiled"] = compiled
    return compiled


# -- codes of a return -----------------------------------------------------------------------------


def _twice(
    code: str,
    got: object,
    first: object,
    second: object,
    *,
    file: str | None = None,
    line: int | None = None,
    column: str | int | None = None,
) -> InvalidValueError:
    """The error for line item ``code`` given twice (as ``first`` and as ``second``)."""
    return InvalidValueError(
        N_("{what}: line item given twice, as {first} and as {second}"),
        what=code,
        expected=N_("each line item once"),
        got=got,
        file=file,
        line=line,
        column=column,
        params={"first": first, "second": second},
    )


def _canonical(form: FormTemplate, values: Mapping[str, object]) -> dict[str, object]:
    """``values`` with every code normalised; unknown codes and codes given twice are errors."""
    if not isinstance(values, Mapping):
        raise _not_mapping("values", values)
    out: dict[str, object] = {}
    given: dict[str, object] = {}
    for key, value in values.items():
        code = form.resolve(key)
        if code in out:
            raise _twice(code, key, given[code], key)
        out[code] = value
        given[code] = key
    return out


def make_return(
    form: str | FormTemplate,
    values: Mapping[str, object],
    unit: str | None = None,
    *,
    file: str | None = None,
    line: int | None = None,
) -> Return:
    """A :class:`Return` with codes normalised and values parsed (``"12,000"`` →
    ``Decimal(12000)``).

    Raises:
        UnknownIdError: an unknown form or line item code.
        InvalidValueError: a code given twice, or a value that is not a number, boolean or empty.
    """
    template = get_form(form)
    canonical = _canonical(template, values)
    parsed: dict[str, Value] = {}
    for code, raw in canonical.items():
        parsed[code] = parse_value(raw, template.item(code))
    return Return(form=template.id, values=parsed, unit=unit, file=file, line=line)


# -- findings --------------------------------------------------------------------------------------


def _rule_finding(c: _Compiled, k: int, slots: Sequence[Value]) -> Finding:
    """The finding of rule ``k``, failed on ``slots`` (run under ``_CONTEXT``)."""
    left, right = c.sides[k](slots)
    read = tuple(zip(c.rules[k].items, [slots[i] for i in c.rule_slots[k]], strict=True))
    return c.findings[k].build(left, right, read)


def _unit_finding(c: _Compiled, i: int, values: Mapping[str, object]) -> Finding:
    item = c.items[i]
    check = c.form.unit_checks[i]
    source = c.form.item_source(item.code)
    return unit_finding(check, item, values.get(item.code), c.unit_ids[i], source)


# -- likely fix ------------------------------------------------------------------------------------


def _valid_for(item: LineItem, value: Decimal) -> bool:
    if value < 0 or value >= _BIG:
        return False
    if item.is_count:
        return value == value.to_integral_value()
    return value == value.quantize(_MICRO)


def _candidates(
    c: _Compiled, slots: list[Value], errors: list[int]
) -> list[tuple[bool, int, Decimal]]:
    """For each failing comparison and each item it reads, the value that makes it hold exactly
    when that item alone changes (the single-item solve); implications and <-> give none."""
    targets = set(errors)
    rules_of_item = c.rules_of_item
    comparing = [k for k in errors if c.linear[k] is not None]
    # the bounding item (a total) of each failing comparison
    totals = {c.rule_slots[k][0] for k in comparing}
    out: list[tuple[bool, int, Decimal]] = []
    seen: set[tuple[int, Decimal]] | None = set() if len(errors) > 1 else None
    for k in comparing:
        solver = c.linear[k]
        assert solver is not None
        idx = c.rule_slots[k]
        # every item of a failed rule is a Decimal (else the rule was not evaluated)
        nums: list[Decimal] = [slots[i] for i in idx]  # type: ignore[misc]
        values = solver.values(nums)
        for pos, i in enumerate(idx):
            value = values[pos]
            if value is None or value == nums[pos]:
                continue
            if seen is not None:  # several failing rules may propose the same change
                if (i, value) in seen:
                    continue
                seen.add((i, value))
            if targets.issubset(rules_of_item[i]):
                out.append((i in totals, i, value))
    out.sort(key=lambda entry: not entry[0])  # totals first, stable otherwise
    return out


def _likely_fix(
    c: _Compiled, slots: list[Value], failed: list[int], tolerance: Decimal | None
) -> Fix | None:
    """The one item and value that would make every failing error rule pass (and break none).

    Warnings that fail before may still fail after when errors fail too (the fix is for the
    errors); when only warnings fail, the fix is for them. No rule that passed may fail. Run
    under ``_CONTEXT``.
    """
    errors = [k for k in failed if c.severities[k] is Severity.ERROR]
    warnings = {k for k in failed if c.severities[k] is not Severity.ERROR}
    if not errors:  # only warnings fail: advise on them
        errors, warnings = list(failed), set()
    single = c.single_exact if tolerance is None else c.single_tol
    # as errorlocate with equal weights, one change: every candidate must be read by every failing
    # target rule, so all candidates are equally minimal; a total is preferred (a mistyped total is
    # the commonest slip), and a tie gives no advice rather than a guess
    accepted: list[tuple[int, Decimal]] = []
    best: bool | None = None
    for is_total, i, value in _candidates(c, slots, errors):
        if best is not None and is_total != best:
            break  # only candidates as good as the one accepted could tie with it
        if not _valid_for(c.items[i], value):
            continue
        # rules not reading item i keep their outcome; those reading it must not fail now
        # (a warning that failed before may still fail when the fix is for the errors)
        old, slots[i] = slots[i], value
        try:
            ok = all(single[r](slots, tolerance) != 1 or r in warnings for r in c.rules_of_item[i])
        finally:
            slots[i] = old
        if ok:
            accepted.append((i, value))
            if len(accepted) > 1:
                return None
            best = is_total
    if not accepted:
        return None
    i, value = accepted[0]
    current = slots[i]
    return Fix(
        item=c.items[i].code,
        value=_plain(value),
        current=None if not isinstance(current, Decimal) else _plain(current),
        label=c.items[i].label,
    )


# -- validate --------------------------------------------------------------------------------------


def _tolerance(tolerance: object) -> Decimal | None:
    if tolerance is None:
        return None
    from wennuan_rules.money import parse_number

    value = parse_number(tolerance, what="tolerance")
    if value >= _BIG:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="tolerance",
            expected=N_("a non-negative number (0.01)"),
            got=tolerance,
        )
    return value


def _too_large(c: _Compiled, values: Mapping[str, object]) -> InvalidValueError:
    """The error for a return whose numbers Decimal cannot check exactly: NaN, Infinity (refused
    by parse_value) or numbers of more than about 50 digits."""
    biggest: tuple[int, str, object] | None = None
    if isinstance(values, TextValues):  # the text read
        values = values.raw
    for code, raw in values.items():
        value = parse_value(raw, c.items[c.index[code]])
        if isinstance(value, Decimal) and (biggest is None or value.adjusted() > biggest[0]):
            biggest = (value.adjusted(), code, raw)
    what, got = (biggest[1], biggest[2]) if biggest is not None else ("values", values)
    return InvalidValueError(
        N_("{what}: {got} is too large to check exactly"),
        what=what,
        expected=N_("numbers of at most 40 digits"),
        got=got,
    )


def _validate(
    c: _Compiled,
    values: Mapping[str, object],
    unit: str | None,
    tol: Decimal | None,
) -> Report:
    """The rules' report, with the plausibility findings (form/plausible.py) first.

    The plausibility check runs only when the evaluator read a number it must look at (above the
    bound of its unit, too long, or given for a yes-no item), or when reading the return failed:
    then it runs first, so that its error is the one raised, as if it had run before the rules.
    """
    try:
        report, look = _validate_rules(c, values, unit, tol)
    except Exception:
        implausible(c.form, values, parse_value)
        raise
    if not look:
        return report
    odd = implausible(c.form, values, parse_value)
    if not odd:
        return report
    findings = sorted((*odd, *report.findings), key=lambda f: f.severity is not Severity.ERROR)
    return attrs.evolve(report, findings=tuple(findings))


def _row_evaluator(c: _Compiled, layout: RowLayout, exact: bool) -> Callable[..., Any]:
    """The evaluator of ``c`` for rows of ``layout``, kept in the layout (one per file; the
    layout belongs to ``c``'s form, whose compiled rules ``_compile`` keeps once)."""
    found = layout.evaluators.get(exact)
    if found is None:
        found = layout.evaluators[exact] = c.row_evaluator(layout.columns, exact)
    return found


def _validate_rules(
    c: _Compiled,
    values: Mapping[str, object],
    unit: str | None,
    tol: Decimal | None,
) -> tuple[Report, int]:
    """The report of the rules, and whether a number read needs the plausibility check."""
    shown = values  # what unit findings quote: the values as Decimals
    # what the evaluator reads: a mapping of codes, or (the row engine) a row of cells
    evaluate: Callable[..., Any] = c.evaluate
    given: object = values
    if values.__class__ is TextValues:  # plain text proven by the reader, codes resolved
        layout = values.layout
        if layout is not None and layout.form is c.form:  # a row kept as read: by position
            evaluate, given = _row_evaluator(c, layout, tol is None), values.row
        else:  # its text, for this form's codes only (another form's return: as a dict)
            given = raw = values.raw
            if not raw.keys() <= c.codes:
                given = shown = _canonical(c.form, raw)
    elif not isinstance(values, dict) or not values.keys() <= c.codes:
        given = shown = _canonical(c.form, values)
    # one exact context for the whole return: evaluation, findings and the likely fix
    with decimal.localcontext(_CONTEXT):
        try:
            slots, bad_units, reported, failed, not_eval, look = evaluate(given, tol)
        except (decimal.InvalidOperation, decimal.Inexact):
            raise _too_large(c, shown) from None
        if failed:  # counts read as ints: Decimals again for the findings and the fix, which
            # read only the items of the failed rules (the fix re-checks other rules by comparing)
            rule_slots = c.rule_slots
            for k in failed:
                for i in rule_slots[k]:
                    if slots[i].__class__ is int:
                        slots[i] = Decimal(slots[i])
        n_rules = len(c.rules)
        passed = n_rules - len(failed) - len(not_eval) + reported - len(bad_units)
        nev: tuple[str, ...] = ()
        missing: tuple[str, ...] = ()
        if not_eval or reported < len(c.items):
            ids = c.rule_ids
            nev_list = [ids[k] for k in not_eval]
            if reported < len(c.items):
                bad = set(bad_units)
                absent = [i for i, v in enumerate(slots) if v is None and i not in bad]
                uid = c.unit_ids
                nev_list += [uid[i] for i in absent]
                missing = tuple(c.items[i].code for i in absent)
            nev = tuple(nev_list)
        if not failed and not bad_units:
            return Report(c.form.id, unit, (), passed, nev, not_reported=missing), look
        findings = [_rule_finding(c, k, slots) for k in failed]
        findings += [_unit_finding(c, i, shown) for i in bad_units]
        findings.sort(key=lambda f: f.severity is not Severity.ERROR)
        fix = _likely_fix(c, slots, failed, tol) if failed and not bad_units else None
    return Report(c.form.id, unit, tuple(findings), passed, nev, fix, not_reported=missing), look


def validate(
    form_or_id: str | FormTemplate,
    values: Mapping[str, object] | Return,
    *,
    tolerance: Decimal | str | int | None = None,
    unit: str | None = None,
) -> Report:
    """Check one return of a form.

    Args:
        form_or_id: a form id (``"wuhan-2015:swn"``) or a :class:`FormTemplate` (e.g. from
            ``load_form``).
        values: line item code → value (number, numeric string, boolean, ``None``/``""`` = not
            reported), or a :class:`Return` from the readers.
        tolerance: allowed absolute difference for sum and le rules, in the items' unit (``"0.01"``
            万元). Exact when ``None``.
        unit: the reporting unit (填报单位) shown in the report (a Return's own unit is used
            otherwise).

    Returns:
        A :class:`~wennuan_rules.report.Report`: failed rules as findings (errors first), how many
        rules passed, the rules not evaluated, and a likely fix when one changed item would make
        them all pass.

    Raises:
        UnknownIdError: an unknown form or line item code.
        InvalidValueError: a code given twice, a float, or a value that is not a number, boolean or
            empty.
    """
    form = get_form(form_or_id)
    if isinstance(values, Return):
        if values.form != form.id:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("form"),
                expected=form.id,
                got=values.form,
            )
        unit = unit if unit is not None else values.unit
        values = values.values
    return _validate(_compile(form), values, unit, _tolerance(tolerance))


ReturnLike = Return | tuple[Any, ...]


def validate_many(
    returns: Iterable[ReturnLike],
    *,
    tolerance: Decimal | str | int | None = None,
    forms: Iterable[FormTemplate] = (),
) -> Iterator[Report]:
    """Check many returns, one at a time (a generator: memory stays constant however many there
    are).

    Args:
        returns: :class:`Return` objects (from :func:`~wennuan_rules.form.read_returns`) or tuples
            ``(form_or_id, values)`` / ``(form_or_id, values, unit)``.
        tolerance: as for :func:`validate`.
        forms: forms not bundled (from ``load_form``) that returns may name by id.

    Yields:
        One report per return, in order. An error in one return (an unknown code) raises, naming
        the file and line where the return was read from.
    """
    tol = _tolerance(tolerance)
    extra = {f.id: f for f in forms}
    compiled: dict[str, _Compiled] = {}

    def template(ref: object) -> _Compiled:
        key = ref.id if isinstance(ref, FormTemplate) else ref
        if not isinstance(key, str):
            key = str(key)
        found = compiled.get(key)
        if found is None:
            form = ref if isinstance(ref, FormTemplate) else extra.get(key) or get_form(key)
            found = compiled[key] = _compile(form)
        return found

    for entry in returns:
        if isinstance(entry, Return):
            try:
                yield _validate(template(entry.form), entry.values, entry.unit, tol)
            except WennuanError as exc:
                raise exc.located(file=entry.file, line=entry.line) from None
        elif isinstance(entry, tuple) and len(entry) in (2, 3):
            unit = entry[2] if len(entry) == 3 else None
            yield _validate(template(entry[0]), entry[1], unit, tol)
        else:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("returns"),
                expected=N_("Return objects or (form, values[, unit]) tuples"),
                got=entry,
            )


# -- summary ---------------------------------------------------------------------------------------


def summarize(reports: Iterable[Report], *, forms: Iterable[FormTemplate] = ()) -> Summary:
    """Count, per rule, the returns where it passed, failed or was not evaluated.

    Reads the reports once, keeping only counters (reports may be a generator from
    :func:`validate_many`).

    Args:
        reports: reports of form returns.
        forms: forms not bundled (from ``load_form``) the reports name.
    """
    extra = {f.id: f for f in forms}
    per_form: dict[str, int] = {}
    failed: dict[str, int] = {}
    not_eval: dict[str, int] = {}
    with_errors = 0
    for report in reports:
        per_form[report.form] = per_form.get(report.form, 0) + 1
        if not report.ok:
            with_errors += 1
        for f in report.findings:
            failed[f.rule] = failed.get(f.rule, 0) + 1
        for rid in report.not_evaluated:
            not_eval[rid] = not_eval.get(rid, 0) + 1
    rows: list[RuleSummary] = []
    for form_id, count in per_form.items():
        form = extra.get(form_id) or get_form(form_id)
        c = _compile(form)
        entries: list[tuple[str, Severity, tuple[str, ...], str, Any]] = [
            (c.rule_ids[k], r.severity, r.items, form.rule_source(r), r.expr)
            for k, r in enumerate(c.rules)
        ]
        entries += [
            (c.unit_ids[i], Severity.ERROR, (item.code,), form.item_source(item.code), None)
            for i, item in enumerate(c.items)
        ]
        for rid, sev, items, source, expr in entries:
            fl, ne = failed.get(rid, 0), not_eval.get(rid, 0)
            rows.append(
                RuleSummary(
                    rid,
                    sev,
                    items,
                    count - fl - ne,
                    fl,
                    ne,
                    source,
                    unit_check=expr is None,
                    expr=expr,
                )
            )
    return Summary(per_form, with_errors, tuple(rows))


# -- roll-up ---------------------------------------------------------------------------------------


class _Accumulator:
    """Adds returns of one form as they come (constant memory)."""

    def __init__(self, missing: str, distinct_units: bool = False) -> None:
        if missing not in ("strict", "skip"):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("missing"),
                expected=N_("strict or skip"),
                got=missing,
            )
        self.missing = missing
        self.form: FormTemplate | None = None
        self.count = 0
        self.sums: dict[str, Decimal] = {}
        self.flags: dict[str, set[bool]] = {}
        self.absent: set[str] = set()
        self.distinct_units = distinct_units
        self.units: dict[str, int | None] = {}  # unit → line of its return: none added twice

    def add(self, entry: Return, extra: Mapping[str, FormTemplate]) -> None:
        if self.distinct_units and entry.unit is not None:
            unit = unicodedata.normalize("NFKC", entry.unit).strip()
            if unit in self.units:
                raise InvalidValueError(
                    N_("{what}: unit {got} appears twice in the roll-up (first at line {first})"),
                    what=N_("unit"),
                    expected=N_("each unit once"),
                    got=entry.unit,
                    file=entry.file,
                    line=entry.line,
                    params={"first": self.units[unit] or "?"},
                )
            self.units[unit] = entry.line
        form = extra.get(entry.form) or get_form(entry.form)
        if self.form is None:
            self.form = form
        elif form.id != self.form.id:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("form"),
                expected=Message.of(N_("returns of one form ({form})"), form=self.form.id),
                got=form.id,
                file=entry.file,
                line=entry.line,
            )
        self.count += 1
        for item in form.items:
            raw = entry.values.get(item.code)
            try:
                value = parse_value(raw, item)
            except WennuanError as exc:
                raise exc.located(file=entry.file, line=entry.line) from None
            if value is None:
                self.absent.add(item.code)
            elif item.is_yes_no:
                if not isinstance(value, bool):
                    self.absent.add(
                        item.code
                    )  # not a yes/no: the unit check of that return says so
                else:
                    self.flags.setdefault(item.code, set()).add(value)
            elif isinstance(value, bool):
                raise InvalidValueError(
                    N_("{what}: expected {expected}, got {got}"),
                    what=item.code,
                    expected=N_("a number"),
                    got=value,
                    file=entry.file,
                    line=entry.line,
                )
            else:
                self.sums[item.code] = self.sums.get(item.code, _ZERO) + value

    def result(self, unit: str | None) -> Return:
        if self.form is None:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("returns"),
                expected=N_("at least one return to add up"),
                got=Message.of(N_("none")),
            )
        values: dict[str, Value] = {}
        for item in self.form.items:
            code = item.code
            if item.is_yes_no:
                seen = self.flags.get(code, set())
                agreed = len(seen) == 1 and (code not in self.absent or self.missing == "skip")
                values[code] = next(iter(seen)) if agreed else None
            elif code in self.sums and (code not in self.absent or self.missing == "skip"):
                values[code] = self.sums[code]
            else:
                values[code] = None
        return Return(form=self.form.id, values=values, unit=unit)


def roll_up(
    returns: Iterable[ReturnLike],
    *,
    unit: str | None = None,
    missing: str = "strict",
    forms: Iterable[FormTemplate] = (),
    distinct_units: bool = False,
) -> Return:
    """Add several units' returns of one form into one return (a city's from its districts').

    Args:
        returns: :class:`Return` objects or ``(form, values[, unit])`` tuples, all of one form.
        unit: the unit of the rolled-up return (``"武汉市总工会（各区合计）"``).
        missing: ``"strict"`` (default): an item any unit did not report is not reported in the sum
            (not reported + x = not reported: the total is unknown). ``"skip"``: add what was
            reported; an item is not reported only when no unit reported it.
        forms: forms not bundled (from ``load_form``).
        distinct_units: refuse a unit given twice (it would be added twice); the command line's
            ``check --rollup`` does.

    Yes-no items: the answer when every unit gave the same answer, else not reported.

    Raises:
        InvalidValueError: returns of different forms, no return, a value that is not a number, a
            unit given twice (with ``distinct_units``).
    """
    extra = {f.id: f for f in forms}
    acc = _Accumulator(missing, distinct_units)
    for entry in returns:
        if not isinstance(entry, Return):
            if not (isinstance(entry, tuple) and len(entry) in (2, 3)):
                raise InvalidValueError(
                    N_("{what}: expected {expected}, got {got}"),
                    what=N_("returns"),
                    expected=N_("Return objects or (form, values[, unit]) tuples"),
                    got=entry,
                )
            ref = entry[0]
            form = (
                ref if isinstance(ref, FormTemplate) else extra.get(str(ref)) or get_form(str(ref))
            )
            extra.setdefault(form.id, form)
            entry = make_return(form, entry[1], entry[2] if len(entry) == 3 else None)
        acc.add(entry, extra)
    return acc.result(unit)

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
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import (
    FormTemplate,
    LeRule,
    LineItem,
    PairedRule,
    Return,
    Rule,
    SumRule,
    _not_mapping,
)
from wennuan_rules.i18n import N_, Message
from wennuan_rules.money import refuse_foreign_digits
from wennuan_rules.report import Finding, Fix, Report, Severity

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
            expected="是/否, yes/no or true/false",
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
                expected="a finite number",
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
            expected="a string, int or Decimal",
            got=raw,
        )
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=item.code,
        expected="a number, a string, a boolean or None",
        got=raw,
    )


# -- compilation -----------------------------------------------------------------------------------


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
    evaluate: Callable[..., tuple[list[Value], list[int], int, list[int], list[int]]]
    rule_slots: tuple[tuple[int, ...], ...]
    single_exact: tuple[Callable[[Sequence[Value], Decimal | None], int], ...]
    single_tol: tuple[Callable[[Sequence[Value], Decimal | None], int], ...]
    rules_of_item: tuple[tuple[int, ...], ...]


def _rule_code(rule: Rule, slot: Mapping[str, int], k: int, tolerant: bool) -> list[str]:
    """Lines that append rule ``k`` to ``f`` (failed) or ``ne`` (not evaluated)."""
    names = [f"v{slot[c]}" for c in rule.items]
    missing = " or ".join(f"{n} is None" for n in names)
    out = [f"    if {missing}:", f"        ne({k})"]
    if isinstance(rule, SumRule):
        total, parts = names[0], " + ".join(names[1:])
        if tolerant:
            out.append(f"    elif abs({total} - ({parts})) > T:")
        else:
            out.append(f"    elif {total} != {parts}:")
    elif isinstance(rule, LeRule):
        total, parts = names[0], " + ".join(names[1:])
        if tolerant:
            out.append(f"    elif ({parts}) - {total} > T:")
        else:
            out.append(f"    elif {parts} > {total}:")
    else:
        count, amount = names
        out.append(f"    elif ({count} == Z) != ({amount} == Z):")
    out.append(f"        fl({k})")
    return out


def _item_code(i: int, item: LineItem) -> list[str]:
    """Lines that read item ``i`` into ``v<i>`` (None when not reported or failing its unit check,
    recording the failure in ``u``)."""
    v = f"v{i}"
    if item.is_yes_no:
        return [
            f"    {v} = g({item.code!r})",
            f"    if {v} is not None:",
            f"        if {v}.__class__ is not bool:",
            f"            {v} = cv({v}, {i})",
            f"            if {v} is not None and {v}.__class__ is not bool:",
            "                r += 1",
            f"                u.append({i})",
            f"                {v} = None",
            f"        if {v} is not None:",
            "            r += 1",
        ]
    # digits only (counts), or digits and one point (万元): Decimal reads them exactly; anything
    # else (signs, separators, full-width digits, units, junk) goes through parse_value
    fast = f"{v}.isdigit()" if item.is_count else f"{v}.replace('.', '', 1).isdigit()"
    # v % 1 is 0 for whole numbers, v % 0.000001 for at most 6 decimals (exact; raises for
    # Infinity or numbers of more than 60 digits)
    check = f"{v} % 1" if item.is_count else f"{v} % M"
    return [
        f"    {v} = g({item.code!r})",
        f"    if {v} is not None:",
        f"        if {v}.__class__ is not D:",
        f"            if {v}.__class__ is str and {fast}:",
        f"                {v} = D({v})",
        "            else:",
        f"                {v} = cv({v}, {i})",
        f"                if {v}.__class__ is bool:",
        "                    r += 1",
        f"                    u.append({i})",
        f"                    {v} = None",
        f"        if {v} is not None:",
        "            r += 1",
        f"            if {v} < Z or {check}:",
        f"                u.append({i})",
        f"                {v} = None",
    ]


def _single_rule(rule: Rule, slot: Mapping[str, int], k: int, tolerant: bool) -> list[str]:
    """A function ``rule_<k>_<exact|tol>(s, T)``: 0 passed, 1 failed, 2 not evaluated."""
    body = _rule_code(rule, slot, k, tolerant)
    names = sorted({f"v{slot[c]}" for c in rule.items})
    suffix = "tol" if tolerant else "exact"
    out = [f"def rule_{k}_{suffix}(s, T):"]
    out += [f"    {n} = s[{n[1:]}]" for n in names]
    for line in body:
        out.append(line.replace(f"ne({k})", "return 2").replace(f"fl({k})", "return 1"))
    out.append("    return 0")
    return out


def _compile(form: FormTemplate) -> _Compiled:
    cached = form._cache.get("compiled")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    items = form.items
    slot = {item.code: i for i, item in enumerate(items)}
    n = len(items)
    names = ", ".join(f"v{i}" for i in range(n)) + ("," if n == 1 else "")
    rules_exact: list[str] = []
    rules_tol: list[str] = []
    for k, rule in enumerate(form.rules):
        rules_exact += _rule_code(rule, slot, k, False)
        rules_tol += _rule_code(rule, slot, k, True)
    read: list[str] = ["    g = values.get", "    u = []", "    r = 0"]
    for i, item in enumerate(items):
        read += _item_code(i, item)
    head = ["    f = []", "    ne_list = []", "    fl = f.append", "    ne = ne_list.append"]
    src: list[str] = []
    for k, rule in enumerate(form.rules):
        src += _single_rule(rule, slot, k, False) + _single_rule(rule, slot, k, True) + [""]
    for suffix, rules_src in (("exact", rules_exact), ("tol", rules_tol)):
        src += [f"def evaluate_{suffix}(values, T):", *read, *head, *rules_src]
        src += [f"    return [{names}], u, r, f, ne_list", ""]

    def cv(raw: object, i: int) -> Value:
        return parse_value(raw, items[i])

    namespace: dict[str, Any] = {"D": Decimal, "Z": _ZERO, "M": _MICRO, "N": n, "cv": cv}
    exec(compile("\n".join(src), f"<rules of {form.id}>", "exec"), namespace)

    def evaluate(values: Mapping[str, object], tolerance: Decimal | None) -> Any:
        with decimal.localcontext(_CONTEXT):
            if tolerance is None:
                return namespace["evaluate_exact"](values, None)
            return namespace["evaluate_tol"](values, tolerance)

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
        single_exact=tuple(namespace[f"rule_{k}_exact"] for k in range(len(form.rules))),
        single_tol=tuple(namespace[f"rule_{k}_tol"] for k in range(len(form.rules))),
        rules_of_item=tuple(
            tuple(k for k, r in enumerate(form.rules) if item.code in r.items) for item in items
        ),
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
        expected="each line item once",
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


def _join(codes: Iterable[str]) -> str:
    return "+".join(codes)


def _rule_finding(
    c: _Compiled, k: int, slots: Sequence[Value], form_source: Callable[[Rule], str]
) -> Finding:
    rule = c.rules[k]
    vals: list[Decimal] = [slots[i] for i in c.rule_slots[k]]  # type: ignore[misc]
    if isinstance(rule, SumRule):
        total, parts = vals[0], sum(vals[1:], _ZERO)
        expected, actual = _plain(parts), _plain(total)
        message = Message.of(
            N_("{total} is {actual}, but its parts {parts} add up to {expected}"),
            total=rule.total,
            parts=_join(rule.parts),
            actual=actual,
            expected=expected,
        )
    elif isinstance(rule, LeRule):
        total, parts = vals[0], sum(vals[1:], _ZERO)
        expected, actual = "<= " + _plain(total), _plain(parts)
        if len(rule.parts) == 1:
            message = Message.of(
                N_("{part} is {actual}, more than {total} ({total_value})"),
                part=rule.parts[0],
                total=rule.total,
                actual=actual,
                total_value=_plain(total),
            )
        else:
            message = Message.of(
                N_("{parts} add up to {actual}, more than {total} ({total_value})"),
                parts=_join(rule.parts),
                total=rule.total,
                actual=actual,
                total_value=_plain(total),
            )
    else:
        assert isinstance(rule, PairedRule)
        count, amount = vals
        expected = None
        actual = f"{_plain(count)} / {_plain(amount)}"
        if count == 0:
            msgid = N_("{count} is 0 but {amount} is {amount_value}: money without anyone helped?")
        else:
            msgid = N_("{count} is {count_value} but {amount} is 0: people helped without money?")
        message = Message.of(
            msgid,
            count=rule.count,
            amount=rule.amount,
            count_value=_plain(count),
            amount_value=_plain(amount),
        )
    return Finding(
        rule=c.rule_ids[k],
        severity=rule.severity,
        items=rule.items,
        message=message,
        expected=expected,
        actual=actual,
        source=form_source(rule),
        unit=None if isinstance(rule, PairedRule) else c.items[c.rule_slots[k][0]].unit,
    )


def _unit_finding(c: _Compiled, i: int, values: Mapping[str, object]) -> Finding:
    item = c.items[i]
    raw = values.get(item.code)
    got = _plain(raw) if isinstance(raw, Decimal) else str(raw)
    if len(got) > 40:
        got = got[:39] + "…"
    if item.is_count:
        msgid = N_("{item} must be a whole number, not negative ({unit}); got {got}")
        expected = "a whole number >= 0"
    elif item.is_amount:
        msgid = N_(
            "{item} must be an amount in 万元, not negative, with at most 6 decimals; got {got}"
        )
        expected = "an amount >= 0 with at most 6 decimals"
    else:
        msgid = N_("{item} must be yes or no (是/否); got {got}")
        expected = "yes or no"
    return Finding(
        rule=c.unit_ids[i],
        severity=Severity.ERROR,
        items=(item.code,),
        message=Message.of(msgid, item=item.code, unit=item.unit, got=got),
        expected=expected,
        actual=got,
        source=c.form.item_source(item.code),
        unit=item.unit,
    )


# -- likely fix ------------------------------------------------------------------------------------


def _valid_for(item: LineItem, value: Decimal) -> bool:
    if value < 0 or value >= _BIG:
        return False
    if item.is_count:
        return value == value.to_integral_value()
    return value == value.quantize(_MICRO)


def _likely_fix(
    c: _Compiled, slots: list[Value], failed: list[int], tolerance: Decimal | None
) -> Fix | None:
    """The one item and value that would make every failing error rule pass (and break none).

    Warnings that fail before may still fail after when errors fail too (the fix is for the
    errors); when only warnings fail, the fix is for them. No rule that passed may fail.
    """
    errors = [k for k in failed if c.severities[k] is Severity.ERROR]
    warnings = {k for k in failed if c.severities[k] is not Severity.ERROR}
    if not errors:  # only warnings fail: advise on them
        errors, warnings = list(failed), set()
    targets = set(errors)
    single = c.single_exact if tolerance is None else c.single_tol
    items, rules_of_item = c.items, c.rules_of_item
    # as errorlocate with equal weights, one change: every candidate must be read by every failing
    # target rule, so all candidates are equally minimal; a total is preferred (a mistyped total is
    # the commonest slip), and a tie gives no advice rather than a guess
    totals = {c.rule_slots[k][0] for k in errors if not isinstance(c.rules[k], PairedRule)}
    candidates: list[tuple[bool, int, Decimal]] = []
    seen: set[tuple[int, Decimal]] | None = set() if len(errors) > 1 else None
    for k in errors:
        if isinstance(c.rules[k], PairedRule):
            continue
        idx = c.rule_slots[k]
        # every item of a failed rule is a Decimal (else the rule was not evaluated)
        nums: list[Decimal] = [slots[i] for i in idx]  # type: ignore[misc]
        with decimal.localcontext(_CONTEXT):
            total = nums[0]
            parts = sum(nums[1:], _ZERO)
            for pos, i in enumerate(idx):
                # the value that makes rule k hold exactly when item i alone changes
                value = parts if pos == 0 else total - parts + nums[pos]
                if value == nums[pos]:
                    continue
                if seen is not None:  # several failing rules may propose the same change
                    if (i, value) in seen:
                        continue
                    seen.add((i, value))
                if targets.issubset(rules_of_item[i]):
                    candidates.append((i in totals, i, value))
    candidates.sort(key=lambda entry: not entry[0])  # totals first, stable otherwise
    accepted: list[tuple[int, Decimal]] = []
    best: bool | None = None
    with decimal.localcontext(_CONTEXT):
        for is_total, i, value in candidates:
            if best is not None and is_total != best:
                break  # only candidates as good as the one accepted could tie with it
            if not _valid_for(items[i], value):
                continue
            # rules not reading item i keep their outcome; those reading it must not fail now
            # (a warning that failed before may still fail when the fix is for the errors)
            old, slots[i] = slots[i], value
            try:
                ok = all(
                    single[r](slots, tolerance) != 1 or r in warnings for r in rules_of_item[i]
                )
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
            expected="a non-negative number (0.01)",
            got=tolerance,
        )
    return value


def _too_large(c: _Compiled, values: Mapping[str, object]) -> InvalidValueError:
    """The error for a return whose numbers Decimal cannot check exactly: NaN, Infinity (refused
    by parse_value) or numbers of more than about 50 digits."""
    biggest: tuple[int, str, object] | None = None
    for code, raw in values.items():
        value = parse_value(raw, c.items[c.index[code]])
        if isinstance(value, Decimal) and (biggest is None or value.adjusted() > biggest[0]):
            biggest = (value.adjusted(), code, raw)
    what, got = (biggest[1], biggest[2]) if biggest is not None else ("values", values)
    return InvalidValueError(
        N_("{what}: {got} is too large to check exactly"),
        what=what,
        expected="numbers of at most 40 digits",
        got=got,
    )


def _validate(
    c: _Compiled,
    values: Mapping[str, object],
    unit: str | None,
    tol: Decimal | None,
) -> Report:
    """The rules' report, with the plausibility findings (form/plausible.py) first."""
    from wennuan_rules.form.plausible import implausible

    odd = implausible(c.form, values)
    report = _validate_rules(c, values, unit, tol)
    if not odd:
        return report
    findings = sorted((*odd, *report.findings), key=lambda f: f.severity is not Severity.ERROR)
    return attrs.evolve(report, findings=tuple(findings))


def _validate_rules(
    c: _Compiled,
    values: Mapping[str, object],
    unit: str | None,
    tol: Decimal | None,
) -> Report:
    if not isinstance(values, dict) or not values.keys() <= c.codes:
        values = _canonical(c.form, values)
    try:
        slots, bad_units, reported, failed, not_eval = c.evaluate(values, tol)
    except (decimal.InvalidOperation, decimal.Inexact):
        raise _too_large(c, values) from None
    n_rules = len(c.rules)
    passed = n_rules - len(failed) - len(not_eval) + reported - len(bad_units)
    nev: tuple[str, ...] = ()
    if not_eval or reported < len(c.items):
        ids = c.rule_ids
        nev_list = [ids[k] for k in not_eval]
        if reported < len(c.items):
            bad = set(bad_units)
            uid = c.unit_ids
            nev_list += [uid[i] for i, v in enumerate(slots) if v is None and i not in bad]
        nev = tuple(nev_list)
    if not failed and not bad_units:
        return Report(c.form.id, unit, (), passed, nev)
    source = c.form.rule_source
    findings = [_rule_finding(c, k, slots, source) for k in failed]
    findings += [_unit_finding(c, i, values) for i in bad_units]
    findings.sort(key=lambda f: f.severity is not Severity.ERROR)
    fix = _likely_fix(c, slots, failed, tol) if failed and not bad_units else None
    return Report(c.form.id, unit, tuple(findings), passed, nev, fix)


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
                what="form",
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
                what="returns",
                expected="Return objects or (form, values[, unit]) tuples",
                got=entry,
            )


# -- summary ---------------------------------------------------------------------------------------


@attrs.frozen
class RuleSummary:
    """How one rule fared over many returns (R validate's ``summary`` row)."""

    rule: str
    severity: Severity
    items: tuple[str, ...]
    passed: int
    failed: int
    not_evaluated: int
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "items": list(self.items),
            "passed": self.passed,
            "failed": self.failed,
            "not_evaluated": self.not_evaluated,
            "source": self.source,
        }


@attrs.frozen
class Summary:
    """Per rule, over many returns: passed, failed, not evaluated.

    Attributes:
        returns: how many returns of each form were summarised.
        with_errors: how many returns had at least one error.
        rules: one row per rule of every form seen (rules first, then unit checks), in form order.
    """

    returns: Mapping[str, int]
    with_errors: int
    rules: tuple[RuleSummary, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "returns": dict(self.returns),
            "with_errors": self.with_errors,
            "rules": [r.to_dict() for r in self.rules],
        }

    def to_text(self, lang: str | None = None) -> str:
        from wennuan_rules.render import summary_text

        return summary_text(self, lang)

    def to_csv(self) -> str:
        from wennuan_rules.render import summary_csv

        return summary_csv(self)


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
    severity: dict[str, Severity] = {}
    with_errors = 0
    for report in reports:
        per_form[report.form] = per_form.get(report.form, 0) + 1
        if not report.ok:
            with_errors += 1
        for f in report.findings:
            failed[f.rule] = failed.get(f.rule, 0) + 1
            severity.setdefault(f.rule, f.severity)
        for rid in report.not_evaluated:
            not_eval[rid] = not_eval.get(rid, 0) + 1
    rows: list[RuleSummary] = []
    for form_id, count in per_form.items():
        form = extra.get(form_id) or get_form(form_id)
        c = _compile(form)
        entries: list[tuple[str, Severity, tuple[str, ...], str]] = [
            (c.rule_ids[k], r.severity, r.items, form.rule_source(r)) for k, r in enumerate(c.rules)
        ]
        entries += [
            (c.unit_ids[i], Severity.ERROR, (item.code,), form.item_source(item.code))
            for i, item in enumerate(c.items)
        ]
        for rid, sev, items, source in entries:
            fl, ne = failed.get(rid, 0), not_eval.get(rid, 0)
            rows.append(RuleSummary(rid, sev, items, count - fl - ne, fl, ne, source))
    return Summary(per_form, with_errors, tuple(rows))


# -- roll-up ---------------------------------------------------------------------------------------


class _Accumulator:
    """Adds returns of one form as they come (constant memory)."""

    def __init__(self, missing: str, distinct_units: bool = False) -> None:
        if missing not in ("strict", "skip"):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what="missing",
                expected="strict or skip",
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
                    what="unit",
                    expected="each unit once",
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
                what="form",
                expected=f"returns of one form ({self.form.id})",
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
                    expected="a number",
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
                what="returns",
                expected="at least one return to add up",
                got="none",
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
                    what="returns",
                    expected="Return objects or (form, values[, unit]) tuples",
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

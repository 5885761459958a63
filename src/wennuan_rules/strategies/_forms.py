"""Hypothesis strategies for returns of statistical forms.

* :func:`returns`: returns of any form (bundled, or a user's from ``load_form``) that satisfy every
  rule of the form (``valid=True``), or such a return with EXACTLY ONE item changed so that some
  rules surely fail (``valid=False``), together with which item changed and which rule ids must now
  fail.

Returns are built directly, never by filtering, from the rules' AST
(:mod:`wennuan_rules.form.rules`). Each comparison determines (``=``) or bounds (``<=``, ``<``,
``>=``, ``>``) its first item, the total on its bounding side, from its other items: items are
drawn in dependency order, free items first (counts are whole numbers, 万元 have at most 6
decimals, yes-no items are booleans; the items of a paired line, ``C > 0 <-> A > 0``, are both
zero or both positive), then each determined item is computed by the single-item solve
(``05A = 05B + 05C``: the sum; ``B <= 0.5 * A``: ``A`` at least ``2B``) and each bounded one is
its least value plus a drawn slack. Where a total is fixed by one rule and bounded by another
(``09A = 09C + … + 09S`` and ``10A <= 09A``), the shortfall is added to a part (the last one,
usually 其他); an implication whose premise holds gets its conclusion raised; the repairs are
carried up until every rule holds. Only raising values is ever needed for rules with positive
coefficients, so this ends for every such form whose rules can be satisfied at all.

Which rules a changed item breaks is computed here by the AST's direct interpreter
(:func:`wennuan_rules.form.rules.evaluate`) and the unit checks, independently of the compiled
validation engine, so property tests can compare the two.
"""

from __future__ import annotations

import decimal
import graphlib
import random
from collections.abc import Collection, Iterator, Mapping
from decimal import Decimal
from typing import Final, Protocol

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from wennuan_rules.errors import WennuanError
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import FormRule, FormTemplate, LineItem, Return
from wennuan_rules.form.rules.ast import (
    Compare,
    Iff,
    Implies,
    evaluate,
    holds,
    rule_items,
    unit_ok,
)
from wennuan_rules.form.rules.solve import boundary, coefficient

__all__ = ["GeneratedReturn", "returns"]

Value = Decimal | bool | None

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_MICRO: Final = Decimal("0.000001")
#: Exact arithmetic for the figures drawn here (far below 10^15).
_CONTEXT: Final = decimal.Context(prec=60, traps=[decimal.InvalidOperation])
#: Largest count of a drawn part, and largest amount (万元) of a drawn part: a district's figures.
_MAX_COUNT: Final = 2000
_MAX_AMOUNT: Final = 1000
#: Decimal places of drawn amounts: whole 万元, yuan-like (0.01 万元 = 100 元), 分 (0.000001 万元).
_PLACES: Final = (0, 2, 6)
#: What a paired line's count or amount is raised to when its partner is positive.
_PAIR_AMOUNT: Final = Decimal("0.1")
_MAX_PASSES: Final = 100
#: Reporting units (填报单位) drawn when the caller names none.
_UNITS: Final = (
    "江岸区总工会",
    "江汉区总工会",
    "硚口区总工会",
    "汉阳区总工会",
    "新华区总工会",
    "卫东区总工会",
    "湛河区总工会",
    "石龙区总工会",
    "常州经济开发区总工会",
    "市直机关工会工委",
)


def _frozenset(value: Collection[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen
class GeneratedReturn(Return):
    """A return drawn by :func:`returns`: a :class:`~wennuan_rules.form.Return` (so ``validate``,
    ``validate_many`` and ``roll_up`` take it as it is) that also says what was changed.

    Attributes:
        changed_item: the code of the one item changed (``valid=False``), else ``None``.
        original_value: that item's value in the consistent return before the change.
        expected_failures: the rule ids (``<form>/<name>``, ``<form>/<code>:unit``) that fail
            because of the change, errors and warnings; empty for a valid return.
        change: how the item was changed: ``""`` (valid), ``"up"`` / ``"down"`` (a whole unit
            more or less than the rules allow, e.g. a total one more than its parts), ``"zero"``
            (set to 0 while its pair or parts are positive), ``"unit"`` (negative, fractional
            count, 万元 with 7 decimals, a number for a yes-no item).
    """

    changed_item: str | None = None
    original_value: Value = None
    expected_failures: frozenset[str] = attrs.field(default=frozenset(), converter=_frozenset)
    change: str = ""

    @property
    def valid(self) -> bool:
        """True when nothing was changed (every rule holds, or is not evaluated)."""
        return self.changed_item is None


# -- sources of randomness -------------------------------------------------------------------------


class _Source(Protocol):
    def integer(self, lo: int, hi: int) -> int: ...

    def boolean(self) -> bool: ...

    def index(self, n: int) -> int: ...


class _DrawSource:
    """Hypothesis draws (shrinking towards 0, False and the first choice)."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, lo: int, hi: int) -> int:
        return self._draw(st.integers(lo, hi))

    def boolean(self) -> bool:
        return self._draw(st.booleans())

    def index(self, n: int) -> int:
        return self._draw(st.integers(0, n - 1))


class _RandomSource:
    """A seeded ``random.Random`` (benchmarks: many returns fast, reproducibly)."""

    def __init__(self, rnd: random.Random) -> None:
        self._rnd = rnd

    def integer(self, lo: int, hi: int) -> int:
        return self._rnd.randint(lo, hi)

    def boolean(self) -> bool:
        return self._rnd.random() < 0.5

    def index(self, n: int) -> int:
        return self._rnd.randrange(n)


# -- the plan of a form ----------------------------------------------------------------------------


class _Plan:
    """What generation needs to know about a form, computed once per :func:`returns` call.

    Read from the rules' AST: a comparison determines (``=``) or bounds (``<=``, ``<``, ``>=``,
    ``>``) its first item (the total: the bounding side's first code) from the others; a
    biconditional of ``X > 0`` tests (a paired line) switches its items on or off together.
    """

    def __init__(self, form: FormTemplate) -> None:
        self.form = form
        self.items: dict[str, LineItem] = {item.code: item for item in form.items}
        self.rule_ids: dict[str, str] = {r.name: f"{form.id}/{r.name}" for r in form.rules}
        self.eq_of: dict[str, FormRule] = {}
        self.bound_of: dict[str, list[FormRule]] = {}
        self.switches: tuple[FormRule, ...] = tuple(r for r in form.rules if r.kind == "paired")
        self.switch_of: dict[str, list[int]] = {}
        self.rules_of: dict[str, list[FormRule]] = {code: [] for code in self.items}
        graph: dict[str, set[str]] = {code: set() for code in self.items}
        for rule in form.rules:
            for code in rule.items:
                self.rules_of[code].append(rule)
            if isinstance(rule.expr, Compare):
                first = rule.items[0]
                if rule.expr.op == "=":
                    self.eq_of.setdefault(first, rule)
                else:
                    self.bound_of.setdefault(first, []).append(rule)
                graph[first].update(rule.items[1:])
        for k, pair in enumerate(self.switches):
            for code in pair.items:
                self.switch_of.setdefault(code, []).append(k)
        try:
            # parts before totals; ties in printed order
            sorter = graphlib.TopologicalSorter(
                {c: sorted(graph[c], key=form.codes.index) for c in form.codes}
            )
            order = tuple(sorter.static_order())
        except graphlib.CycleError:
            order = form.codes  # a cycle of le rules (A <= B <= A): the repair loop settles it
        self.order: tuple[LineItem, ...] = tuple(self.items[c] for c in order)

    def unit_id(self, code: str) -> str:
        return f"{self.form.id}/{code}:unit"


# -- rule semantics (the AST's direct interpreter, not the compiled engine) -----------------------


def _unit_ok(item: LineItem, value: Value) -> bool | None:
    """``None`` when not reported, else whether the value suits the item's unit."""
    return unit_ok(item.unit_kind, value)


def _fails(plan: _Plan, rule: FormRule, values: Mapping[str, Value]) -> bool | None:
    """Whether ``rule`` fails; ``None`` when it cannot be evaluated (an item not reported or
    failing its unit check)."""
    for code in rule.items:
        if not _unit_ok(plan.items[code], values.get(code)):
            return None
    outcome = evaluate(rule.expr, values)
    return None if outcome is None else not outcome


def _failures(plan: _Plan, code: str, values: Mapping[str, Value]) -> frozenset[str]:
    """The ids of the rules reading ``code`` (and its unit check) that fail on ``values``."""
    out = set()
    if _unit_ok(plan.items[code], values.get(code)) is False:
        out.add(plan.unit_id(code))
    for rule in plan.rules_of[code]:
        if _fails(plan, rule, values):
            out.add(plan.rule_ids[rule.name])
    return frozenset(out)


# -- building a consistent return ------------------------------------------------------------------


def _number(item: LineItem, src: _Source, *, positive: bool) -> Decimal:
    low = 1 if positive else 0
    if item.is_count:
        return Decimal(src.integer(low, _MAX_COUNT))
    places = _PLACES[src.index(len(_PLACES))]
    scale = 10**places
    amount: Decimal = Decimal(src.integer(low, _MAX_AMOUNT * scale)) / scale
    return amount


def _need(plan: _Plan, c: Compare, code: str, values: Mapping[str, Decimal | bool]) -> Decimal:
    """The least value of ``code`` (≥ 0, in its unit) making ``c`` hold when only it changes:
    the single-item solve, rounded up to the unit, one step past it for ``<`` and ``>``."""
    item = plan.items[code]
    full: dict[str, Value] = {k: values.get(k, _ZERO) for k in rule_items(c)}
    full[code] = _ZERO
    value = boundary(c, code, full)
    if value is None:
        return _ZERO
    quantum = _ONE if item.is_count else _MICRO
    value = value.quantize(quantum, rounding=decimal.ROUND_CEILING)
    if c.op in ("<", ">"):
        value += _ONE if item.is_count else _PAIR_AMOUNT
    return value if value > 0 else _ZERO  # never below 0, never -0


def _build(plan: _Plan, src: _Source) -> dict[str, Value]:
    """Values satisfying every rule of the form: parts first, then totals, then repairs."""
    active = [src.boolean() for _ in plan.switches]
    values: dict[str, Decimal | bool] = {}
    with decimal.localcontext(_CONTEXT):
        for item in plan.order:
            code = item.code
            if item.is_yes_no:
                values[code] = src.boolean()
                continue
            flags = [active[k] for k in plan.switch_of.get(code, ())]
            quiet = bool(flags) and not any(flags)  # every pair of this item drawn as "both zero"
            rule = plan.eq_of.get(code)
            bounds = plan.bound_of.get(code)
            if rule is not None:
                assert isinstance(rule.expr, Compare)
                values[code] = _need(plan, rule.expr, code, values)
            elif bounds:
                base = max(_need(plan, r.expr, code, values) for r in bounds)  # type: ignore[arg-type]
                if (quiet and base == 0) or src.boolean():
                    values[code] = base
                else:
                    values[code] = base + _number(item, src, positive=True)
            else:
                values[code] = _ZERO if quiet else _number(item, src, positive=any(flags))
        _repair(plan, values)
    return dict(values)


def _fix_rule(plan: _Plan, rule: FormRule, values: dict[str, Decimal | bool]) -> None:
    """Raise one item of a failing rule so that it holds: the total of a comparison (or, when
    an equality's total is too large, the last part), an implication's conclusion, the side of a
    biconditional that does not hold."""
    expr = rule.expr
    if isinstance(expr, Compare):
        first = rule.items[0]
        need = _need(plan, expr, first, values)
        if expr.op != "=" or need >= values[first]:
            values[first] = need
            return
        for code in reversed(rule.items[1:]):
            value = _need(plan, expr, code, values)
            if value > values[code]:
                values[code] = value
                return
        return
    if isinstance(expr, Implies):
        sides = [expr.conclusion]
    else:
        assert isinstance(expr, Iff)
        sides = [s for s in (expr.left, expr.right) if not holds(s, values)]
    for side in sides:
        first = rule_items(side)[0]
        values[first] = _need(plan, side, first, values)


def _repair(plan: _Plan, values: dict[str, Decimal | bool]) -> None:
    """Raise values until every rule holds (only ever raising, so it settles)."""
    for _ in range(_MAX_PASSES):
        changed = False
        for rule in plan.form.rules:
            if evaluate(rule.expr, values) is False:
                _fix_rule(plan, rule, values)
                changed = True
        if not changed:
            return
    raise InvalidArgument(
        f"the rules of form {plan.form.id} cannot all be satisfied by non-negative figures "
        "(rules that contradict each other?)"
    )


# -- breaking one item -----------------------------------------------------------------------------


def _unit_break(item: LineItem, value: Decimal | bool, src: _Source) -> Value:
    if item.is_yes_no:
        return _ONE if value else _ZERO
    assert isinstance(value, Decimal)
    negative = src.boolean()
    if item.is_count:
        return -(value + _ONE) if negative else value + Decimal("0.5")
    return -(value + Decimal("0.01")) if negative else value + Decimal("0.0000001")


def _perturb(
    plan: _Plan, values: Mapping[str, Value], src: _Source
) -> tuple[str, Value, str, frozenset[str]]:
    """Choose one reported item and a new value for it that breaks at least one rule.

    Returns:
        (code, new value, how, the ids of the rules that now fail).
    """
    codes = [c for c in plan.form.codes if values.get(c) is not None]
    if not codes:
        raise InvalidArgument(
            f"a return of {plan.form.id} with no item reported: nothing to change"
        )
    code = codes[src.index(len(codes))]
    item = plan.items[code]
    value = values[code]
    assert value is not None
    with decimal.localcontext(_CONTEXT):
        if not item.is_yes_no and src.index(4) < 3:  # a rule break about three times in four
            assert isinstance(value, Decimal)
            step = _ONE if item.is_count else (_ONE, Decimal("0.01"), _MICRO)[src.index(3)]
            ups, downs = [step], [step]
            for rule in plan.rules_of[code]:
                c = rule.expr
                if not isinstance(c, Compare) or c.op == "=":
                    continue
                # how far the item may move before the comparison fails, and in which direction
                at = boundary(c, code, values)
                if at is not None:
                    raising_fails = (coefficient(c, code) > 0) == (c.op in ("<=", "<"))
                    (ups if raising_fails else downs).append(abs(at - value) + step)
            candidates: dict[Decimal, str] = {}
            for d in ups:
                candidates.setdefault(value + d, "up")
            for d in downs:
                if value - d >= 0:
                    candidates.setdefault(value - d, "down")
            if value > 0:
                candidates.setdefault(_ZERO, "zero")
            trial = dict(values)
            breaking: list[tuple[Decimal, str, frozenset[str]]] = []
            for new, how in candidates.items():
                trial[code] = new
                failed = _failures(plan, code, trial)
                if failed:
                    breaking.append((new, how, failed))
            if breaking:
                new, how, failed = breaking[src.index(len(breaking))]
                return code, new, how, failed
        # no rule reads the item (or none can be broken by a valid value): break its unit
        new_value = _unit_break(item, value, src)
        trial = dict(values)
        trial[code] = new_value
        return code, new_value, "unit", _failures(plan, code, trial)


# -- the strategy ----------------------------------------------------------------------------------


def _broken(
    plan: _Plan, values: dict[str, Value], src: _Source, unit: str | None
) -> GeneratedReturn:
    """A return of ``values`` (changed in place) with one item broken by :func:`_perturb`."""
    code, new, how, failed = _perturb(plan, values, src)
    original = values[code]
    values[code] = new
    return GeneratedReturn(
        form=plan.form.id,
        values=values,
        unit=unit,
        changed_item=code,
        original_value=original,
        expected_failures=failed,
        change=how,
    )


def _template(form: object) -> FormTemplate:
    if not isinstance(form, str | FormTemplate):
        raise InvalidArgument(f"form={form!r} must be a form id or a FormTemplate")
    try:
        return get_form(form)
    except WennuanError as exc:
        raise InvalidArgument(f"form={form!r}: {exc}") from None


def _units(unit: object) -> st.SearchStrategy[str | None]:
    if unit is None:
        return st.sampled_from(_UNITS)
    if isinstance(unit, str):
        if not unit.strip():
            raise InvalidArgument(f"unit={unit!r} must name a reporting unit (填报单位)")
        return st.just(unit)
    if isinstance(unit, st.SearchStrategy):
        return unit
    raise InvalidArgument(
        f"unit={unit!r} must be a reporting unit's name (str) or a strategy of names"
    )


def _missing(form: FormTemplate, not_reported: object, valid: bool) -> st.SearchStrategy[list[str]]:
    n = len(form.codes)
    if not_reported is False:
        return st.just([])
    if not_reported is True:
        most = max(0, n // 4 if valid else min(n // 4, n - 1))
        return st.lists(st.sampled_from(form.codes), unique=True, max_size=most)
    if isinstance(not_reported, str) or not isinstance(not_reported, Collection):
        raise InvalidArgument(
            f"not_reported={not_reported!r} must be True, False or a collection of codes"
        )
    codes: list[str] = []
    for raw in not_reported:
        try:
            code = form.resolve(raw)
        except WennuanError as exc:
            raise InvalidArgument(f"not_reported: {exc}") from None
        if code not in codes:
            codes.append(code)
    if not valid and len(codes) == n:
        raise InvalidArgument("valid=False needs at least one reported item to change")
    return st.just(codes)


def returns(
    form: str | FormTemplate,
    *,
    valid: bool = True,
    unit: str | st.SearchStrategy[str | None] | None = None,
    not_reported: bool | Collection[str] = False,
) -> st.SearchStrategy[GeneratedReturn]:
    """Returns of ``form``: consistent ones, or consistent ones with exactly one item broken.

    Args:
        form: a bundled form id (``"wuhan-2015:center"``) or a :class:`FormTemplate` (a user's
            form from ``load_form``).
        valid: True (default): every rule holds (errors and warnings), every item is reported
            unless ``not_reported`` says otherwise. False: such a return with exactly one reported
            item changed; the drawn :class:`GeneratedReturn` names the item
            (``changed_item``, ``original_value``) and the rule ids that must fail
            (``expected_failures``).
        unit: the reporting unit (填报单位): a name, or a strategy of names (or ``None``);
            by default one of a few district unions.
        not_reported: False (default): every item reported. True: some items (at most a quarter)
            are not reported (``None``); the rules reading them cannot be evaluated, all others
            hold. A collection of codes: exactly those are not reported.

    Returns:
        A strategy of :class:`GeneratedReturn` (a :class:`~wennuan_rules.form.Return`).

    Raises:
        InvalidArgument: an unknown form, a unit that is not a name or a strategy, ``valid`` not a
            boolean, unknown codes in ``not_reported``, or nothing left to change.

    Example::

        from hypothesis import given
        from wennuan_rules.form import validate
        from wennuan_rules.strategies import returns

        @given(returns("wuhan-2015:center", valid=False))
        def test_one_broken_item(r):
            report = validate("wuhan-2015:center", r)
            assert {f.rule for f in report.findings} == r.expected_failures
    """
    template = _template(form)
    if not isinstance(valid, bool):
        raise InvalidArgument(f"valid={valid!r} must be True or False")
    units = _units(unit)
    missing = _missing(template, not_reported, valid)
    plan = _Plan(template)

    @st.composite
    def _returns(draw: st.DrawFn) -> GeneratedReturn:
        src = _DrawSource(draw)
        values = _build(plan, src)
        for code in draw(missing):
            values[code] = None
        name = draw(units)
        if name is not None and not isinstance(name, str):
            raise InvalidArgument(f"unit strategy drew {name!r}, not a name (str) or None")
        if valid:
            return GeneratedReturn(form=template.id, values=values, unit=name)
        return _broken(plan, values, src, name)

    return _returns()


def _random_returns(
    form: str | FormTemplate, *, n: int, seed: int, invalid: float = 0.0
) -> Iterator[GeneratedReturn]:
    """``n`` returns from a seeded ``random.Random`` (not Hypothesis), a share ``invalid`` of them
    with one item broken, as :func:`returns` builds them (for benchmarks and fixtures)."""
    template = _template(form)
    plan = _Plan(template)
    rnd = random.Random(seed)
    src = _RandomSource(rnd)
    for i in range(n):
        values = _build(plan, src)
        name = _UNITS[i % len(_UNITS)]
        if rnd.random() >= invalid:
            yield GeneratedReturn(form=template.id, values=values, unit=name)
            continue
        yield _broken(plan, values, src, name)

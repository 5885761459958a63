"""Criteria: small composable pieces that decide one thing about a household and explain themselves.

Each criterion has two faces:

* :meth:`Criterion.compile` turns it, for one :class:`Context` (decision date, parameters), into a
    fast test ``household -> True | False | None`` (``None``: a fact it needs is not stated),
    thresholds precomputed;
* :meth:`Criterion.explain` gives the :class:`Reason`: the criterion, met or not, the values
    compared as exact strings, the parameter used with its source, and the clause.

Criteria combine with ``&`` (:class:`AllOf`) and ``|`` (:class:`AnyOf`) in three-valued logic: a
false part decides an ``&``, a true part decides an ``|``, and otherwise a part that is not stated
leaves the result undetermined (never a silent ``True``).

Boundaries are exact: "以内" is inclusive (``≤``), "低于" and "超过" are strict. Income is compared
as ``total ≤ k × standard × members`` (× 12 for annual income); a per-capita figure is shown, never
rounded before comparing (``8100.01`` yuan for 3 people is ``2700.0033…``, not ``2700.00``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from functools import cache
from typing import Any, ClassVar

import attrs

from wennuan_rules.eligibility._render import label_in, render_in, render_message
from wennuan_rules.eligibility.household import Household
from wennuan_rules.errors import ParameterError
from wennuan_rules.i18n import N_, Message, normalize_lang
from wennuan_rules.parameters import DIBAO, Parameters, ParameterValue
from wennuan_rules.vocabulary import (
    Cause,
    CivilAffairs,
    HardshipCategory,
    ModelWorkerLevel,
    NewFormWorker,
    Professional,
    Vocab,
)

__all__ = [
    "AllOf",
    "AnyOf",
    "CausesAny",
    "CivilAffairsIs",
    "Context",
    "Criterion",
    "Emitter",
    "EventWithin",
    "Fact",
    "IncomeNotBelow",
    "IncomeWithin",
    "MedicalCostsOver",
    "ModelWorkerAtLeast",
    "NewFormOccupation",
    "OnFile",
    "ProfessionalStated",
    "Reason",
    "Settled",
    "Test",
    "generate",
    "label_in",
    "render_in",
    "render_message",
]

Test = Callable[[Household], "bool | None"]

_MEMO_MAX = 4096
NOT_SHARED: Any = object()
"""What ``Criterion._key`` returns when the reasons depend on more than a few facts (income)."""


@attrs.frozen
class Reason:
    """Why one criterion is met, not met, or cannot be decided.

    Attributes:
        criterion: the criterion's id (``income-within``).
        met: True, False, or ``None`` when a fact it needs is not stated.
        message: what was compared, rendered in the caller's language.
        source: the clause (``江苏常州经济开发区总工会 2021-01-06 二(一)1(3)``).
        values: the values compared, as exact strings (``("income", "8100.01")``, …).
        parameter: the dated parameter used (低保 standard), with its own source.
        exact: exact values beside the display strings of ``values`` where those are not exact
            (``("per_capita", Fraction(810001, 300))`` beside ``"2700.0033…"``); not in the JSON.
    """

    criterion: str
    met: bool | None
    message: Message
    source: str
    values: tuple[tuple[str, str], ...] = ()
    parameter: ParameterValue | None = None
    alternative: str | None = None
    exact: tuple[tuple[str, Fraction], ...] = attrs.field(default=(), eq=False, kw_only=True)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return self.as_dict(normalize_lang(lang))

    def as_dict(self, locale: str) -> dict[str, Any]:
        """:meth:`to_dict` for a locale already normalised (a fresh dict each time)."""
        hit = _DICTS.get((id(self), locale))
        if hit is not None and hit[0] is self:
            out = hit[1].copy()
            out["values"] = out["values"].copy()
            return out
        out = self._as_dict(locale)
        if _SHARED.get(id(self)) is self:  # shared reasons (see Criterion.explain) come again
            if len(_DICTS) >= _MEMO_MAX:
                _DICTS.clear()
            _DICTS[(id(self), locale)] = (self, out)
            out = out.copy()
            out["values"] = out["values"].copy()
        return out

    def _as_dict(self, locale: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "criterion": self.criterion,
            "met": self.met,
            "message": render_in(self.message, locale),
            "source": self.source,
            "values": dict(self.values),
        }
        if self.parameter is not None:
            out["parameter"] = self.parameter.to_dict()
        if self.alternative is not None:
            out["alternative"] = self.alternative
        return out


_MARKED: dict[tuple[int, str], tuple[Reason, Reason]] = {}
_DICTS: dict[tuple[int, str], tuple[Reason, dict[str, Any]]] = {}
_SHARED: dict[int, Reason] = {}


def _marked(reason: Reason, mark: str) -> Reason:
    """``reason`` as a line of alternative ``mark`` (the same object for the same reason: reasons
    of leaf criteria are shared between households, see :meth:`Criterion.explain`)."""
    key = (id(reason), mark)
    hit = _MARKED.get(key)
    if hit is not None and hit[0] is reason:
        return hit[1]
    r = reason
    out = Reason(r.criterion, r.met, r.message, r.source, r.values, r.parameter, mark)
    if len(_MARKED) >= _MEMO_MAX:
        _MARKED.clear()
    _MARKED[key] = (reason, out)
    return out


@attrs.frozen
class Context:
    """What a decision depends on besides the household.

    Attributes:
        on: the date of the decision (the 低保 standard in force that day; files dated after it do
            not count).
        parameters: the dated parameters to read.
        default_region: the region of the 低保 standard when the household names none.
    """

    on: dt.date
    parameters: Parameters
    default_region: str | None = None
    _cache: dict[tuple[str, str | None], ParameterValue | ParameterError] = attrs.field(
        factory=dict, eq=False, repr=False
    )
    _explained: dict[tuple[int, object], tuple[Criterion, tuple[Reason, ...]]] = attrs.field(
        factory=dict, eq=False, repr=False
    )

    def standard(self, region: str | None, name: str = DIBAO) -> ParameterValue:
        """The parameter value in force on ``on`` for ``region`` (or the default region)."""
        key = (name, region)
        found = self._cache.get(key)
        if found is None:
            where = region if region is not None else self.default_region
            try:
                if where is None:
                    raise ParameterError(
                        N_("no region given for the {name} standard, and the campaign has none"),
                        what="region",
                        expected="a region id such as changzhou-edz",
                        got=None,
                        params={"name": name},
                    )
                found = self.parameters.value_at(name, where, self.on)
            except ParameterError as exc:
                found = exc
            self._cache[key] = found
        if isinstance(found, ParameterError):
            raise found
        return found


class Emitter:
    """Collects the constants and income limits of generated code (see :func:`generate`)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.namespace: dict[str, Any] = {}
        self.incomes: list[IncomeWithin] = []
        self.attributes: list[str] = []
        self.file = False

    def attr(self, name: str) -> str:
        """A local variable holding ``h.<name>`` (read once per household)."""
        if name not in self.attributes:
            self.attributes.append(name)
        return f"a_{name}"

    def file_fields(self) -> tuple[str, str]:
        """Locals holding the hardship file's category and filing date (None when no file)."""
        self.file = True
        return "f_category", "f_filed_on"

    def const(self, value: object) -> str:
        name = f"_k{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def income(self, criterion: IncomeWithin) -> int:
        self.incomes.append(criterion)
        return len(self.incomes) - 1


def generate(
    groups: Iterable[tuple[str, Criterion]], ctx: Context
) -> Callable[[Household], tuple[str, ...]]:
    """One Python function ``household -> eligible group ids`` for the groups, thresholds
    precomputed.

    The generated code treats "not stated" as "not met" (an undetermined group is not eligible), so
    it needs no three-valued logic; :meth:`Criterion.compile` gives the three-valued result when
    asked.
    """
    em = Emitter(ctx)
    body = []
    for ident, criterion in groups:
        body.append(f"    if {criterion.emit(em)}:\n        out.append({ident!r})")
    lines = ["def eligible(h):", "    out = []", *_preamble(em)]
    if em.incomes:
        incomes = tuple(em.incomes)
        cache: dict[str | None, tuple[Decimal | None, ...]] = {}

        def load(region: str | None) -> tuple[Decimal | None, ...]:
            limits = []
            for c in incomes:
                found = c._limits(ctx, region)
                limits.append(None if found is None else found[0])
            cache[region] = result = tuple(limits)
            return result

        em.namespace["_L"] = cache
        em.namespace["_load"] = load
        lines += [
            "    m = h.monthly_income",
            "    if m is not None:",
            "        tot = m; k = h.members",
            "    else:",
            "        tot = h.annual_income; k = h.members * 12",
            "    r = h.region",
            "    L = _L.get(r)",
            "    if L is None:",
            "        L = _load(r)",
        ]
    lines += body
    lines.append("    return tuple(out)")
    func: Callable[[Household], tuple[str, ...]] = _define(lines, em, "eligible")
    return func


def _preamble(em: Emitter) -> list[str]:
    """Lines reading the household's attributes once into the locals the expressions use."""
    lines = [f"    a_{name} = h.{name}" for name in em.attributes]
    if em.file:
        lines += [
            "    f = h.hardship_file",
            "    if f is None:",
            "        f_category = f_filed_on = None",
            "    else:",
            "        f_category = f.category; f_filed_on = f.filed_on",
        ]
    return lines


def _define(lines: list[str], em: Emitter, name: str) -> Any:
    namespace = dict(em.namespace)
    code = "\n".join(lines)
    exec(compile(code, f"<wennuan_rules eligibility {em.ctx.on}>", "exec"), namespace)
    return namespace[name]


def _compile_emitted(criterion: Criterion, ctx: Context) -> Test:
    """The test of a criterion that is never undetermined ("not stated" is "not met"), generated
    from its :meth:`Criterion.emit` expression."""
    em = Emitter(ctx)
    expr = criterion.emit(em)
    test: Test = _define(["def test(h):", *_preamble(em), f"    return {expr}"], em, "test")
    return test


class Criterion:
    """Base of criteria. Subclasses set ``id`` and ``source`` and implement
    ``compile``/``explain``."""

    id: ClassVar[str] = "criterion"
    source: str

    def compile(self, ctx: Context) -> Test:
        """A fast test for this context: ``household -> True | False | None``."""
        raise NotImplementedError

    def explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        """The reasons, one per leaf criterion, in order.

        A leaf criterion implements ``_explain`` and ``_key`` (the facts its reasons depend on);
        its reasons are then built once per distinct key in a context (households repeat the same
        facts), which keeps explanations fast without changing a word of them.
        """
        key = self._key(household)
        if key is NOT_SHARED:
            return self._explain(household, ctx)
        memo = ctx._explained
        k = (id(self), key)
        hit = memo.get(k)
        if hit is not None and hit[0] is self:
            return hit[1]
        found = self._explain(household, ctx)
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[k] = (self, found)
        if len(_SHARED) >= _MEMO_MAX:
            _SHARED.clear()
        for r in found:
            _SHARED[id(r)] = r
        return found

    def _key(self, household: Household) -> object:
        """The facts of ``household`` that :meth:`_explain` reads (hashable, exact), or
        :data:`NOT_SHARED` when its reasons are built for each household."""
        return NOT_SHARED

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        raise NotImplementedError

    def emit(self, em: Emitter) -> str:
        """A Python expression over ``h`` that is true exactly when this criterion is met (for
        :func:`generate`; "not stated" is not met)."""
        raise NotImplementedError

    def evaluate(self, household: Household, ctx: Context) -> bool | None:
        """The result for one household (compiles each time; use :meth:`compile` for many)."""
        return self.compile(ctx)(household)

    def __and__(self, other: Criterion) -> AllOf:
        return AllOf((self, other))

    def __or__(self, other: Criterion) -> AnyOf:
        return AnyOf((self, other))


class Settled(Criterion):
    """A criterion that is never undetermined: a fact not stated counts as not met (not on file,
    not a model worker, no civil-affairs status). Its test is generated from :meth:`emit`."""

    def compile(self, ctx: Context) -> Test:
        return _compile_emitted(self, ctx)


def _parts_key(parts: tuple[Criterion, ...], household: Household) -> object:
    """The facts a combination's reasons depend on: its parts' keys (NOT_SHARED if one part's
    reasons are not shared)."""
    keys = []
    for p in parts:
        k = p._key(household)
        if k is NOT_SHARED:
            return NOT_SHARED
        keys.append(k)
    return tuple(keys)


def _parts(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    parts = tuple(value)
    if not parts or not all(isinstance(p, Criterion) for p in parts):
        raise TypeError("AllOf/AnyOf need at least one Criterion")
    return parts


def _three_valued(tests: tuple[Test, ...], *, decisive: bool) -> Test:
    """Combine tests: a part giving ``decisive`` decides (False for "all of", True for "any of");
    otherwise a part that is not stated (None) leaves the result undetermined."""
    otherwise = not decisive

    def combined(h: Household) -> bool | None:
        result: bool | None = otherwise
        for t in tests:
            r = t(h)
            if r is decisive:
                return decisive
            if r is None:
                result = None
        return result

    return combined


@attrs.frozen
class AllOf(Criterion):
    """Every part holds (a false part decides; otherwise an unstated part leaves it
    undetermined)."""

    parts: tuple[Criterion, ...] = attrs.field(converter=_parts)
    source: str = ""
    id: ClassVar[str] = "all-of"

    def compile(self, ctx: Context) -> Test:
        tests = tuple(p.compile(ctx) for p in self.parts)
        if len(tests) == 2:
            a, b = tests

            def all2(h: Household) -> bool | None:
                x = a(h)
                if x is False:
                    return False
                y = b(h)
                if y is False:
                    return False
                return None if (x is None or y is None) else True

            return all2

        return _three_valued(tests, decisive=False)

    def _key(self, household: Household) -> object:
        return _parts_key(self.parts, household)

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        return tuple(r for p in self.parts for r in p.explain(household, ctx))

    def emit(self, em: Emitter) -> str:
        return "(" + " and ".join(p.emit(em) for p in self.parts) + ")"

    def __and__(self, other: Criterion) -> AllOf:
        return AllOf((*self.parts, other), self.source)


@attrs.frozen
class AnyOf(Criterion):
    """At least one part holds (a true part decides; otherwise an unstated part leaves it
    undetermined)."""

    parts: tuple[Criterion, ...] = attrs.field(converter=_parts)
    source: str = ""
    id: ClassVar[str] = "any-of"

    def compile(self, ctx: Context) -> Test:
        return _three_valued(tuple(p.compile(ctx) for p in self.parts), decisive=True)

    def _key(self, household: Household) -> object:
        return _parts_key(self.parts, household)

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        """The reasons of every alternative, each marked with its alternative (``"1"``, ``"2"``,
        nested: ``"2.1"``): the group is met when every reason of one alternative is met."""
        out: list[Reason] = []
        for i, part in enumerate(self.parts, start=1):
            for r in part.explain(household, ctx):
                mark = str(i) if r.alternative is None else f"{i}.{r.alternative}"
                out.append(_marked(r, mark))
        return tuple(out)

    def emit(self, em: Emitter) -> str:
        return "(" + " or ".join(p.emit(em) for p in self.parts) + ")"

    def __or__(self, other: Criterion) -> AnyOf:
        return AnyOf((*self.parts, other), self.source)


# -- income -------------------------------------------------------------------------------------

_SHOW = Decimal("0.0001")


def per_capita_text(total: Decimal, members: int) -> str:
    """``total ÷ members`` exactly when it has at most 2 decimals (``"2700.00"``), else truncated to
    4 decimals with ``…`` (``"2700.0033…"``), so the shown figure never crosses a threshold."""
    exact = total / members
    if exact * members == total and exact == exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN):
        return str(exact.quantize(Decimal("0.01")))
    return str(exact.quantize(_SHOW, rounding=ROUND_DOWN)) + "…"


def per_capita_exact(total: Decimal, members: int) -> Fraction:
    """``total ÷ members`` exactly (``Fraction(810001, 300)``); :func:`per_capita_text` is its
    display string."""
    num, den = total.as_integer_ratio()
    return Fraction(num, den * members)


def _dec(value: Decimal) -> str:
    return str(value)


def _income_reason(
    criterion: str,
    source: str,
    household: Household,
    pv: ParameterValue,
    total: Decimal,
    annual: bool,
    multiple: Decimal,
    met: bool,
    op: str,
) -> Reason:
    """The reason of an income comparison with ``multiple`` × the 低保 standard (× 12 for annual
    income, × members): the message, the exact figures and the per-capita income as a fraction."""
    per_limit = multiple * pv.value * (12 if annual else 1)
    limit = per_limit * household.members
    msgid = (
        N_(
            "per-capita annual income {per_capita} yuan {op} {multiple} × {standard} yuan × 12 "
            "(household {income} yuan ÷ {members} people; limit {limit} yuan)"
        )
        if annual
        else N_(
            "per-capita monthly income {per_capita} yuan {op} {multiple} × {standard} yuan "
            "(household {income} yuan ÷ {members} people; limit {limit} yuan)"
        )
    )
    per_capita = per_capita_text(total, household.members)
    values = (
        ("income", _dec(total)),
        ("period", "annual" if annual else "monthly"),
        ("members", str(household.members)),
        ("per_capita", per_capita),
        ("multiple", _dec(multiple)),
        ("standard", _dec(pv.value)),
        ("limit_per_capita", _dec(per_limit)),
        ("limit", _dec(limit)),
        ("comparison", op),
    )
    message = Message.of(
        msgid,
        per_capita=per_capita,
        op=op,
        multiple=_dec(multiple),
        standard=_dec(pv.value),
        income=_dec(total),
        members=household.members,
        limit=_dec(limit),
    )
    exact = (("per_capita", per_capita_exact(total, household.members)),)
    return Reason(criterion, met, message, source, values, pv, exact=exact)


@attrs.frozen
class IncomeWithin(Criterion):
    """Per-capita income within ``multiple`` × the 低保 standard.

    ``strict=False`` ("以内", "(含)"): ``total ≤ multiple × standard × members`` (× 12 for annual
    income). ``strict=True`` ("低于"): ``<``. ``undetermined_without_standard``: where no standard
    is in force, the result is "cannot decide" instead of a
    :class:`~wennuan_rules.errors.ParameterError`.
    """

    multiple: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))
    source: str
    strict: bool = False
    undetermined_without_standard: bool = False
    id: ClassVar[str] = "income-within"

    def _limits(self, ctx: Context, region: str | None) -> tuple[Decimal, Decimal] | None:
        try:
            pv = ctx.standard(region)
        except ParameterError:
            if self.undetermined_without_standard:
                return None
            raise
        monthly = self.multiple * pv.value
        return monthly, monthly * 12

    def compile(self, ctx: Context) -> Test:
        cache: dict[str | None, tuple[Decimal, Decimal] | None] = {}
        limits = self._limits

        if self.strict:

            def below(h: Household) -> bool | None:
                region = h.region
                try:
                    lim = cache[region]
                except KeyError:
                    lim = cache[region] = limits(ctx, region)
                if lim is None:
                    return None
                m = h.monthly_income
                if m is not None:
                    return m < lim[0] * h.members
                return h.annual_income < lim[1] * h.members  # type: ignore[operator]

            return below

        def within(h: Household) -> bool | None:
            region = h.region
            try:
                lim = cache[region]
            except KeyError:
                lim = cache[region] = limits(ctx, region)
            if lim is None:
                return None
            m = h.monthly_income
            if m is not None:
                return m <= lim[0] * h.members
            return h.annual_income <= lim[1] * h.members  # type: ignore[operator]

        return within

    def emit(self, em: Emitter) -> str:
        i = em.income(self)
        op = "<" if self.strict else "<="
        if self.undetermined_without_standard:
            return f"(L[{i}] is not None and tot {op} L[{i}] * k)"
        return f"(tot {op} L[{i}] * k)"

    def _key(self, household: Household) -> object:
        return NOT_SHARED

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        try:
            pv = ctx.standard(household.region)
        except ParameterError as exc:
            if not self.undetermined_without_standard:
                raise
            return (
                Reason(
                    self.id,
                    None,
                    Message.of(
                        N_(
                            "cannot compare income: no 低保 standard in force for {region} on "
                            "{date}"
                        ),
                        region=household.region or ctx.default_region or "—",
                        date=ctx.on.isoformat(),
                    ),
                    self.source,
                    (("error", exc.message("en")),),
                ),
            )
        annual = household.monthly_income is None
        total = household.annual_income if annual else household.monthly_income
        assert total is not None
        per_month_limit = self.multiple * pv.value
        per_limit = per_month_limit * 12 if annual else per_month_limit
        limit = per_limit * household.members
        met = total < limit if self.strict else total <= limit
        op = ("<" if met else "≥") if self.strict else ("≤" if met else ">")
        return (
            _income_reason(
                self.id, self.source, household, pv, total, annual, self.multiple, met, op
            ),
        )


@attrs.frozen
class IncomeNotBelow(IncomeWithin):
    """Per-capita income at or above ``multiple`` × the 低保 standard, checked only where a
    standard is in force (平工总［2009］38号 附件1 03(C) "略高于低保线": issue 9 point 12). Where
    none is known the criterion is met and says the income was not compared."""

    id: ClassVar[str] = "income-not-below"

    def _limits(self, ctx: Context, region: str | None) -> tuple[Decimal, Decimal] | None:
        try:
            pv = ctx.standard(region)
        except ParameterError:
            return None
        monthly = self.multiple * pv.value
        return monthly, monthly * 12

    def compile(self, ctx: Context) -> Test:
        cache: dict[str | None, tuple[Decimal, Decimal] | None] = {}
        limits = self._limits

        def not_below(h: Household) -> bool | None:
            region = h.region
            try:
                lim = cache[region]
            except KeyError:
                lim = cache[region] = limits(ctx, region)
            if lim is None:
                return True
            m = h.monthly_income
            if m is not None:
                return m >= lim[0] * h.members
            return h.annual_income >= lim[1] * h.members  # type: ignore[operator]

        return not_below

    def emit(self, em: Emitter) -> str:
        i = em.income(self)
        return f"(L[{i}] is None or tot >= L[{i}] * k)"

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        try:
            pv = ctx.standard(household.region)
        except ParameterError as exc:
            message = Message.of(
                N_(
                    "income not compared: no 低保 standard in force for {region} on {date} "
                    "(needed only where one is known)"
                ),
                region=household.region or ctx.default_region or "—",
                date=ctx.on.isoformat(),
            )
            return (Reason(self.id, True, message, self.source, (("error", exc.message("en")),)),)
        annual = household.monthly_income is None
        total = household.annual_income if annual else household.monthly_income
        assert total is not None
        per_limit = self.multiple * pv.value * (12 if annual else 1)
        limit = per_limit * household.members
        met = total >= limit
        op = "≥" if met else "<"
        return (
            _income_reason(
                self.id, self.source, household, pv, total, annual, self.multiple, met, op
            ),
        )


# -- yes/no facts --------------------------------------------------------------------------------

_FACT_MESSAGES: dict[str, tuple[str, str, str]] = {
    "out_of_hardship_this_year": (
        N_("got out of hardship this year with the union's aid"),
        N_("did not get out of hardship this year"),
        N_("out of hardship this year: not stated"),
    ),
    "economic_hardship": (
        N_("the family is in economic hardship"),
        N_("the family is not in economic hardship"),
        N_("family in economic hardship: not stated"),
    ),
    "has_labour_contract": (
        N_("has a labour contract"),
        N_("has no labour contract"),
        N_("labour contract: not stated"),
    ),
    "migrant_worker": (
        N_("is a migrant worker"),
        N_("is not a migrant worker"),
        N_("migrant worker: not stated"),
    ),
    "stable_labour_relation": (
        N_("has a stable labour relation"),
        N_("has no stable labour relation"),
        N_("stable labour relation: not stated"),
    ),
    "major_illness": (
        N_("the worker or a main family member has a major illness"),
        N_("no major illness in the family"),
        N_("major illness: not stated"),
    ),
    "basic_living_difficulty": (
        N_("the household's basic living is in difficulty"),
        N_("the household's basic living is not in difficulty"),
        N_("basic living in difficulty: not stated"),
    ),
    "enterprise_in_crisis": (
        N_("the enterprise has been in difficulty since the financial crisis"),
        N_("the enterprise is not in difficulty since the financial crisis"),
        N_("enterprise in difficulty since the financial crisis: not stated"),
    ),
    "enterprise_restructured": (
        N_("the enterprise was restructured, closed or went bankrupt"),
        N_("the enterprise was not restructured, closed or bankrupt"),
        N_("restructured, closed or bankrupt enterprise: not stated"),
    ),
    "depleted_mining_area": (
        N_("lives in a depleted-resource or independent mining area"),
        N_("does not live in a depleted-resource or independent mining area"),
        N_("depleted-resource or independent mining area: not stated"),
    ),
    "on_duty_during_festival": (
        N_("stays at a front-line post during the festival"),
        N_("does not stay at a front-line post during the festival"),
        N_("front-line post during the festival: not stated"),
    ),
    "major_project_contributor": (
        N_("made an outstanding contribution in a key project or major event"),
        N_("no outstanding contribution in a key project or major event"),
        N_("contribution in a key project or major event: not stated"),
    ),
    "epidemic_frontline_medical": (
        N_("medical worker at the front line of epidemic control"),
        N_("not a medical worker at the front line of epidemic control"),
        N_("medical worker at the front line of epidemic control: not stated"),
    ),
}


@attrs.frozen
class Fact(Criterion):
    """A yes/no fact of the household must be true (``None``: not stated, undetermined)."""

    name: str = attrs.field(validator=attrs.validators.in_(tuple(_FACT_MESSAGES)))
    source: str = ""
    id: ClassVar[str] = "fact"

    def compile(self, ctx: Context) -> Test:
        getter: Callable[[Household], bool | None] = attrs_getter(self.name)
        return getter

    def emit(self, em: Emitter) -> str:
        return f"({em.attr(self.name)} is True)"

    def _key(self, household: Household) -> object:
        return getattr(household, self.name)

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        value = getattr(household, self.name)
        yes, no, unknown = _FACT_MESSAGES[self.name]
        msgid = unknown if value is None else (yes if value else no)
        shown = "null" if value is None else ("true" if value else "false")
        return (
            Reason(
                self.name.replace("_", "-"),
                value,
                Message.of(msgid),
                self.source,
                ((self.name, shown),),
            ),
        )


def attrs_getter(name: str) -> Callable[[Household], Any]:
    """A fast attribute getter (``operator.attrgetter``)."""
    import operator

    return operator.attrgetter(name)


# -- amounts -------------------------------------------------------------------------------------


@attrs.frozen
class MedicalCostsOver(Criterion):
    """Annual out-of-pocket medical costs over ``amount`` ("超过": strict unless ``inclusive``)."""

    amount: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))
    source: str
    inclusive: bool = False
    id: ClassVar[str] = "medical-costs-over"

    def compile(self, ctx: Context) -> Test:
        amount = self.amount
        if self.inclusive:

            def at_least(h: Household) -> bool | None:
                c = h.annual_medical_out_of_pocket
                return None if c is None else c >= amount

            return at_least

        def over(h: Household) -> bool | None:
            c = h.annual_medical_out_of_pocket
            return None if c is None else c > amount

        return over

    def emit(self, em: Emitter) -> str:
        name = em.const(self.amount)
        op = ">=" if self.inclusive else ">"
        c = em.attr("annual_medical_out_of_pocket")
        return f"({c} is not None and {c} {op} {name})"

    def _key(self, household: Household) -> object:
        # amounts differ from household to household: sharing would only fill the tables
        return NOT_SHARED

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        cost = household.annual_medical_out_of_pocket
        if cost is None:
            return (
                Reason(
                    self.id,
                    None,
                    Message.of(
                        N_(
                            "medical costs paid by the household in the year: not stated "
                            "(needed over {limit} yuan)"
                        ),
                        limit=_dec(self.amount),
                    ),
                    self.source,
                    (("annual_medical_out_of_pocket", "null"), ("limit", _dec(self.amount))),
                ),
            )
        met = cost >= self.amount if self.inclusive else cost > self.amount
        op = ("≥" if met else "<") if self.inclusive else (">" if met else "≤")
        return (
            Reason(
                self.id,
                met,
                Message.of(
                    N_(
                        "medical costs paid by the household in the year {amount} yuan {op} "
                        "{limit} yuan"
                    ),
                    amount=_dec(cost),
                    op=op,
                    limit=_dec(self.amount),
                ),
                self.source,
                (
                    ("annual_medical_out_of_pocket", _dec(cost)),
                    ("limit", _dec(self.amount)),
                    ("comparison", op),
                ),
            ),
        )


# -- vocabulary facts ----------------------------------------------------------------------------


@cache
def _order(vocab: type[Vocab]) -> dict[Vocab, int]:
    return {m: i for i, m in enumerate(vocab)}


def _sorted(members: Iterable[Any]) -> tuple[Any, ...]:
    items = list(members)
    if not items:
        return ()
    kind: type[Vocab] = type(items[0])
    order = _order(kind)
    return tuple(sorted(items, key=order.__getitem__))


def _causes(value: Iterable[Cause]) -> frozenset[Cause]:
    return frozenset(value)


def _categories(value: Iterable[HardshipCategory]) -> frozenset[HardshipCategory]:
    return frozenset(value)


@attrs.frozen
class CausesAny(Criterion):
    """At least one of ``causes`` is among the household's causes (``None`` causes: not stated)."""

    causes: frozenset[Cause] = attrs.field(converter=_causes)
    source: str = ""
    id: ClassVar[str] = "causes"

    def compile(self, ctx: Context) -> Test:
        wanted = self.causes

        def test(h: Household) -> bool | None:
            c = h.causes
            if c is None:
                return None
            return not wanted.isdisjoint(c)

        return test

    def emit(self, em: Emitter) -> str:
        name = em.const(self.causes)
        c = em.attr("causes")
        return f"({c} is not None and not {name}.isdisjoint({c}))"

    def _key(self, household: Household) -> object:
        return household.causes

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        wanted = _sorted(self.causes)
        values = [("expected", ",".join(c.id for c in wanted))]
        if household.causes is None:
            return (
                Reason(
                    self.id,
                    None,
                    Message.of(
                        N_("causes of hardship: not stated (needed one of {expected})"),
                        expected=wanted,
                    ),
                    self.source,
                    (("causes", "null"), *values),
                ),
            )
        have = _sorted(household.causes)
        met = not self.causes.isdisjoint(household.causes)
        msgid = (
            N_("causes {causes} include one of {expected}")
            if met
            else N_("causes {causes} include none of {expected}")
        )
        return (
            Reason(
                self.id,
                met,
                Message.of(msgid, causes=have, expected=wanted),
                self.source,
                (("causes", ",".join(c.id for c in have)), *values),
            ),
        )


@attrs.frozen
class ModelWorkerAtLeast(Settled):
    """A model worker (劳动模范) of at least ``minimum`` level ("区级以上": at least district)."""

    minimum: ModelWorkerLevel = attrs.field(
        validator=attrs.validators.instance_of(ModelWorkerLevel)
    )
    source: str = ""
    id: ClassVar[str] = "model-worker-level"

    def emit(self, em: Emitter) -> str:
        ok = frozenset(m for m in ModelWorkerLevel if m.at_least(self.minimum))
        return f"({em.attr('model_worker_level')} in {em.const(ok)})"

    def _key(self, household: Household) -> object:
        return household.model_worker_level

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        level = household.model_worker_level
        if level is None:
            return (
                Reason(
                    self.id,
                    False,
                    Message.of(
                        N_("not a model worker (needed at least {minimum})"), minimum=self.minimum
                    ),
                    self.source,
                    (("model_worker_level", "null"), ("minimum", self.minimum.id)),
                ),
            )
        met = level.at_least(self.minimum)
        msgid = (
            N_("model worker of level {level}, at least {minimum}")
            if met
            else N_("model worker of level {level}, below {minimum}")
        )
        return (
            Reason(
                self.id,
                met,
                Message.of(msgid, level=level, minimum=self.minimum),
                self.source,
                (("model_worker_level", level.id), ("minimum", self.minimum.id)),
            ),
        )


@attrs.frozen
class OnFile(Settled):
    """On the union's hardship file in one of ``categories``, filed on or before the decision date,
    and (when given) filed before ``filed_before`` / on or after ``filed_from``."""

    categories: frozenset[HardshipCategory] = attrs.field(converter=_categories)
    source: str = ""
    filed_before: dt.date | None = None
    filed_from: dt.date | None = None
    id: ClassVar[str] = "on-file"

    def emit(self, em: Emitter) -> str:
        cat, day = em.file_fields()
        parts = [
            f"{cat} in {em.const(self.categories)}",
            f"{day} <= {em.const(em.ctx.on)}",
        ]
        if self.filed_before is not None:
            parts.append(f"{day} < {em.const(self.filed_before)}")
        if self.filed_from is not None:
            parts.append(f"{day} >= {em.const(self.filed_from)}")
        return "(" + " and ".join(parts) + ")"

    def _key(self, household: Household) -> object:
        return household.hardship_file

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        cats = _sorted(self.categories)
        f = household.hardship_file
        values: list[tuple[str, str]] = [("categories", ",".join(c.id for c in cats))]
        if self.filed_before is not None:
            values.append(("filed_before", self.filed_before.isoformat()))
        if self.filed_from is not None:
            values.append(("filed_from", self.filed_from.isoformat()))
        values.append(("on", ctx.on.isoformat()))
        if f is None:
            message = Message.of(
                N_("not on the hardship file (needed: {categories})"), categories=cats
            )
            return (
                Reason(self.id, False, message, self.source, (("hardship_file", "null"), *values)),
            )
        values = [("category", f.category.id), ("filed_on", f.filed_on.isoformat()), *values]
        met = False
        if f.category not in self.categories:
            message = Message.of(
                N_("on file as {category}, not one of {categories}"),
                category=f.category,
                categories=cats,
            )
        elif f.filed_on > ctx.on:
            message = Message.of(
                N_("on file as {category} only from {filed_on}, after the decision date {on}"),
                category=f.category,
                filed_on=f.filed_on.isoformat(),
                on=ctx.on.isoformat(),
            )
        elif self.filed_before is not None and f.filed_on >= self.filed_before:
            message = Message.of(
                N_(
                    "on file as {category} since {filed_on}; this category counts only if filed "
                    "before {before}"
                ),
                category=f.category,
                filed_on=f.filed_on.isoformat(),
                before=self.filed_before.isoformat(),
            )
        elif self.filed_from is not None and f.filed_on < self.filed_from:
            message = Message.of(
                N_(
                    "on file as {category} since {filed_on}; this category counts only if filed "
                    "on or after {since}"
                ),
                category=f.category,
                filed_on=f.filed_on.isoformat(),
                since=self.filed_from.isoformat(),
            )
        else:
            met = True
            message = Message.of(
                N_("on file as {category} since {filed_on}"),
                category=f.category,
                filed_on=f.filed_on.isoformat(),
            )
        return (Reason(self.id, met, message, self.source, tuple(values)),)


@attrs.frozen
class CivilAffairsIs(Settled):
    """The household's civil-affairs status is ``status`` (低保, 低保边缘)."""

    status: CivilAffairs = attrs.field(validator=attrs.validators.instance_of(CivilAffairs))
    source: str = ""
    id: ClassVar[str] = "civil-affairs"

    def emit(self, em: Emitter) -> str:
        return f"({em.attr('civil_affairs')} is {em.const(self.status)})"

    def _key(self, household: Household) -> object:
        return household.civil_affairs

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        have = household.civil_affairs
        if have is None:
            message = Message.of(
                N_("no civil-affairs status (needed {expected})"), expected=self.status
            )
        elif have is self.status:
            message = Message.of(N_("civil-affairs status {status}"), status=have)
        else:
            message = Message.of(
                N_("civil-affairs status {status}, not {expected}"),
                status=have,
                expected=self.status,
            )
        return (
            Reason(
                self.id,
                have is self.status,
                message,
                self.source,
                (
                    ("civil_affairs", "null" if have is None else have.id),
                    ("expected", self.status.id),
                ),
            ),
        )


@attrs.frozen
class NewFormOccupation(Settled):
    """A new-form worker (新就业形态劳动者: truck or ride-hailing driver, courier, food
    delivery, "等群体"). ``named_only=False`` (the default reading of 等): any occupation stated
    counts, and one the notice does not name is accepted and named; ``named_only=True``: only the
    occupations the notice names."""

    source: str = ""
    named_only: bool = False
    id: ClassVar[str] = "new-form-occupation"

    def emit(self, em: Emitter) -> str:
        occ = em.attr("new_form_occupation")
        if self.named_only:
            return f"({occ} in {em.const(frozenset(NewFormWorker))})"
        return f"({occ} is not None)"

    def _key(self, household: Household) -> object:
        return household.new_form_occupation

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        occ = household.new_form_occupation
        named = isinstance(occ, NewFormWorker)
        met = named or (occ is not None and not self.named_only)
        if occ is None:
            message = Message.of(
                N_(
                    "not a new-form worker (truck or ride-hailing driver, courier, food delivery "
                    "rider)"
                )
            )
        elif named:
            message = Message.of(N_("new-form worker: {occupation}"), occupation=occ)
        elif met:
            message = Message.of(
                N_(
                    "new-form worker: {occupation} (not named in the notice, whose list ends in "
                    "'and other groups' and is read as open)"
                ),
                occupation=occ,
            )
        else:
            message = Message.of(
                N_(
                    "{occupation} is not one of the new-form occupations the notice names "
                    "(option: named occupations only)"
                ),
                occupation=occ,
            )
        shown = "null" if occ is None else (occ.id if isinstance(occ, NewFormWorker) else occ)
        return (Reason(self.id, met, message, self.source, (("new_form_occupation", shown),)),)


@attrs.frozen
class ProfessionalStated(Settled):
    """A 专业人才 among those to visit (工匠劳模、技能人才、学科带头人等专业人才): the notice's list
    ends in 等 and is read as open, so any kind stated counts, and one it does not name is accepted
    and named."""

    source: str = ""
    id: ClassVar[str] = "professional"

    def emit(self, em: Emitter) -> str:
        return f"({em.attr('professional')} is not None)"

    def _key(self, household: Household) -> object:
        return household.professional

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        kind = household.professional
        if kind is None:
            message = Message.of(
                N_(
                    "not stated as a professional (craftsman or model worker, skilled talent, "
                    "leader of an academic discipline)"
                )
            )
        elif isinstance(kind, Professional):
            message = Message.of(N_("professional: {kind}"), kind=kind)
        else:
            message = Message.of(
                N_(
                    "professional: {kind} (not named in the notice, whose list ends in "
                    "'and other professionals' and is read as open)"
                ),
                kind=kind,
            )
        shown = "null" if kind is None else (kind.id if isinstance(kind, Professional) else kind)
        return (
            Reason(self.id, kind is not None, message, self.source, (("professional", shown),)),
        )


@attrs.frozen
class EventWithin(Criterion):
    """The sudden event, accident or illness happened between ``start`` and ``end`` (inclusive)."""

    start: dt.date
    end: dt.date
    source: str = ""
    id: ClassVar[str] = "event-within"

    def compile(self, ctx: Context) -> Test:
        start, end = self.start, self.end

        def test(h: Household) -> bool | None:
            d = h.event_on
            return None if d is None else start <= d <= end

        return test

    def emit(self, em: Emitter) -> str:
        a, b = em.const(self.start), em.const(self.end)
        d = em.attr("event_on")
        return f"({d} is not None and {a} <= {d} <= {b})"

    def _key(self, household: Household) -> object:
        return household.event_on

    def _explain(self, household: Household, ctx: Context) -> tuple[Reason, ...]:
        d = household.event_on
        span = (("start", self.start.isoformat()), ("end", self.end.isoformat()))
        if d is None:
            message = Message.of(
                N_("day of the event: not stated (needed {start} to {end})"),
                start=self.start.isoformat(),
                end=self.end.isoformat(),
            )
            return (Reason(self.id, None, message, self.source, (("event_on", "null"), *span)),)
        met = self.start <= d <= self.end
        msgid = (
            N_("the event on {day} falls within {start} to {end}")
            if met
            else N_("the event on {day} falls outside {start} to {end}")
        )
        message = Message.of(
            msgid, day=d.isoformat(), start=self.start.isoformat(), end=self.end.isoformat()
        )
        return (Reason(self.id, met, message, self.source, (("event_on", d.isoformat()), *span)),)

"""Assessing households against a campaign's groups: :func:`assess`, :func:`assess_many`.

A campaign's groups are compiled once per (campaign, decision date, parameters, options): into one
generated Python function that returns the eligible group ids (thresholds precomputed), and into
three-valued tests (met, not met, not stated). An :class:`Assessment` keeps only the household and
its eligible groups, and builds the explained :class:`Decision` objects (reasons, values compared,
parameters used, clauses) when they are asked for. This keeps :func:`assess_many` streaming at a
steady memory over millions of households, within 2x of a hand-written function.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any, Final

import attrs

from wennuan_rules._data import on_data_change
from wennuan_rules.campaign import campaigns, get_campaign
from wennuan_rules.eligibility.criteria import Context, Reason, Test, generate, label_in
from wennuan_rules.eligibility.documents import Checklist
from wennuan_rules.eligibility.household import Household
from wennuan_rules.eligibility.logic import campaign_options, campaign_rules
from wennuan_rules.eligibility.rules import CampaignRules, GroupRule
from wennuan_rules.errors import InvalidValueError, UnknownIdError
from wennuan_rules.i18n import N_, Label, normalize_lang
from wennuan_rules.parameters import Parameters
from wennuan_rules.privacy import mask_id_number
from wennuan_rules.results import renderers

__all__ = [
    "Assessment",
    "Decision",
    "Explained",
    "assess",
    "assess_many",
    "campaign_options",
    "campaign_rules",
    "compile_campaign",
]

ELIGIBLE: Final = "eligible"
NOT_ELIGIBLE: Final = "not-eligible"
UNDETERMINED: Final = "undetermined"


def _campaign_id(campaign: object) -> str:
    """The id of a known campaign (bundled or from a data directory); UnknownIdError otherwise."""
    try:
        return get_campaign(campaign).id
    except UnknownIdError:
        raise UnknownIdError(
            N_("unknown campaign {got}; expected one of {expected}"),
            what="campaign",
            expected=", ".join(c.id for c in campaigns()),
            got=campaign,
        ) from None


@attrs.frozen
class Program:
    """A campaign's rules compiled for one context."""

    rules: CampaignRules
    ctx: Context
    tests: tuple[Test, ...]
    category_tests: tuple[Test, ...]
    ids: tuple[str, ...]
    eligible: Callable[[Household], tuple[str, ...]]


def compile_campaign(
    campaign: object,
    on: dt.date,
    *,
    parameters: Parameters | None = None,
    options: Mapping[str, Any] | None = None,
) -> Program:
    """Compile a campaign's groups for a decision date (cached for bundled parameters)."""
    ident = _campaign_id(campaign)
    key = tuple(sorted((options or {}).items()))
    try:
        hash(key)
    except TypeError:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="options",
            expected="a mapping of option names to True/False or strings",
            got=options,
        ) from None
    if parameters is None:
        return _compiled(ident, on, key)
    return _compile(ident, on, parameters, dict(key))


@on_data_change
def _clear() -> None:
    _compiled.cache_clear()


@lru_cache(maxsize=64)
def _compiled(ident: str, on: dt.date, key: tuple[tuple[str, Any], ...]) -> Program:
    return _compile(ident, on, Parameters.bundled(), dict(key))


def _compile(
    ident: str, on: dt.date, parameters: Parameters, options: Mapping[str, Any]
) -> Program:
    rules = campaign_rules(ident, options)
    ctx = Context(on=on, parameters=parameters, default_region=rules.default_region)
    return Program(
        rules=rules,
        ctx=ctx,
        tests=tuple(g.criterion.compile(ctx) for g in rules.groups),
        category_tests=tuple(g.criterion.compile(ctx) for g in rules.categories),
        ids=tuple(g.id for g in rules.groups),
        eligible=generate(((g.id, g.criterion) for g in rules.groups), ctx),
    )


@attrs.frozen
class Decision:
    """Whether a household belongs to one group, and why.

    Attributes:
        group: the group id.
        label: the group's name.
        eligible: True only when the group's criteria are met (undetermined counts as not eligible).
        status: ``eligible``, ``not-eligible`` or ``undetermined`` (a fact the decision needs is not
            stated: the reasons say which).
        source: the clause that defines the group.
        reasons: one reason per criterion, in the order of the clause.
    """

    group: str
    label: Label
    eligible: bool
    status: str
    source: str
    reasons: tuple[Reason, ...]

    @property
    def not_stated(self) -> tuple[str, ...]:
        """The criteria that could not be decided because a fact is not stated."""
        return tuple(r.criterion for r in self.reasons if r.met is None)

    def to_dict(self, lang: str | None = None, *, key: str = "group") -> dict[str, Any]:
        return self.as_dict(normalize_lang(lang), key=key)

    def as_dict(self, locale: str, *, key: str = "group") -> dict[str, Any]:
        """:meth:`to_dict` for a locale already normalised."""
        return {
            key: self.group,
            "label": label_in(self.label, locale),
            "eligible": self.eligible,
            "status": self.status,
            "source": self.source,
            "reasons": [r.as_dict(locale) for r in self.reasons],
        }


def _status(result: bool | None) -> str:
    return ELIGIBLE if result is True else (UNDETERMINED if result is None else NOT_ELIGIBLE)


def _decide(rule: GroupRule, result: bool | None, household: Household, ctx: Context) -> Decision:
    return Decision(
        group=rule.id,
        label=rule.label,
        eligible=result is True,
        status=_status(result),
        source=rule.source,
        reasons=rule.criterion.explain(household, ctx),
    )


_ID_NUMBER = re.compile(r"^\d{15}$|^\d{17}[\dXx]$")


class Assessment:
    """The assessment of one household against one campaign.

    Attributes:
        campaign: the campaign id.
        on: the decision date.
        household: the household assessed.
        eligible: the ids of the groups the household belongs to, in the campaign's order.
    """

    __slots__ = ("_program", "eligible", "household")

    def __init__(self, program: Program, household: Household, eligible: tuple[str, ...]) -> None:
        self._program = program
        self.household = household
        self.eligible = eligible

    @property
    def campaign(self) -> str:
        return self._program.rules.campaign

    @property
    def on(self) -> dt.date:
        return self._program.ctx.on

    def __repr__(self) -> str:
        return (
            f"Assessment(campaign={self.campaign!r}, ref={self.shown_ref()!r}, "
            f"on={self.on.isoformat()!r}, "
            f"eligible={self.eligible!r})"
        )

    def _repr_html_(self) -> str:
        """The assessment for notebooks (:func:`wennuan_rules.render.assessment_html`)."""
        return renderers().assessment_html(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return (self.campaign, self.on, self.household, self.eligible) == (
            other.campaign,
            other.on,
            other.household,
            other.eligible,
        )

    def __hash__(self) -> int:
        return hash((self.campaign, self.on, self.household, self.eligible))

    @property
    def ref(self) -> str | None:
        return self.household.ref

    @property
    def results(self) -> tuple[bool | None, ...]:
        """Per group, in the campaign's order: True, False, or None (a fact is not stated)."""
        h = self.household
        return tuple(t(h) for t in self._program.tests)

    @property
    def undetermined(self) -> tuple[str, ...]:
        """The ids of the groups that could not be decided (a fact is not stated)."""
        return self._undetermined(self.results)

    def _undetermined(self, results: tuple[bool | None, ...]) -> tuple[str, ...]:
        return tuple(i for i, r in zip(self._program.ids, results, strict=True) if r is None)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """One explained decision per group (built on demand)."""
        return self._decisions(self.results)

    def _decisions(self, results: tuple[bool | None, ...]) -> tuple[Decision, ...]:
        p = self._program
        h = self.household
        return tuple(
            _decide(rule, result, h, p.ctx)
            for rule, result in zip(p.rules.groups, results, strict=True)
        )

    def decision(self, group: str) -> Decision:
        """The decision for one group (UnknownIdError listing the groups)."""
        for d in self.decisions:
            if d.group == group:
                return d
        raise UnknownIdError(
            N_("{what}: unknown value {got}; expected one of {expected}"),
            what="group",
            expected=", ".join(self._program.ids),
            got=group,
        )

    @property
    def categories(self) -> tuple[Decision, ...]:
        """The household categories of the campaign's form (pingdingshan-2010 line 03),
        explained."""
        p = self._program
        return tuple(
            _decide(rule, test(self.household), self.household, p.ctx)
            for rule, test in zip(p.rules.categories, p.category_tests, strict=True)
        )

    @property
    def documents(self) -> Checklist | None:
        """The documents checklist, where the campaign has one (changzhou-edz-2021)."""
        make = self._program.rules.checklist
        return None if make is None else make(self.household, self.eligible)

    def to_dict(
        self, lang: str | None = None, *, show_personal_data: bool = False
    ) -> dict[str, Any]:
        """contract.md's assessment JSON, plus ``undetermined``, ``categories``, ``documents``,
        ``options``."""
        return self.explained(lang, show_personal_data=show_personal_data).to_dict()

    def shown_ref(self, *, show_personal_data: bool = False) -> str | None:
        """The caller's reference as shown: an ID number is masked unless ``show_personal_data``."""
        ref = self.ref
        if ref is not None and not show_personal_data and _ID_NUMBER.match(ref):
            return mask_id_number(ref)
        return ref

    def explained(self, lang: str | None = None, *, show_personal_data: bool = False) -> Explained:
        """Everything the explanation shows, computed once (for renderers that show it twice)."""
        results = self.results
        return Explained(
            self,
            normalize_lang(lang),
            self.shown_ref(show_personal_data=show_personal_data),
            self._undetermined(results),
            self._decisions(results),
            self.categories,
            self.documents,
        )


@attrs.frozen
class Explained:
    """An assessment explained in one locale: decisions, categories and documents built once.

    Attributes:
        assessment: the assessment.
        locale: ``zh-Hans``, ``zh-Hant`` or ``en``.
        ref: the reference as shown (ID numbers masked unless asked otherwise).
        undetermined: the groups that could not be decided.
        decisions: one explained decision per group.
        categories: the explained household categories (pingdingshan-2010), or ().
        documents: the documents checklist, or None.
    """

    assessment: Assessment
    locale: str
    ref: str | None
    undetermined: tuple[str, ...]
    decisions: tuple[Decision, ...]
    categories: tuple[Decision, ...]
    documents: Checklist | None

    def to_dict(self) -> dict[str, Any]:
        """contract.md's assessment JSON (see :meth:`Assessment.to_dict`)."""
        a = self.assessment
        locale = self.locale
        out: dict[str, Any] = {
            "campaign": a.campaign,
            "ref": self.ref,
            "on": a.on.isoformat(),
            "eligible": list(a.eligible),
            "undetermined": list(self.undetermined),
            "decisions": [d.as_dict(locale) for d in self.decisions],
        }
        if self.categories:
            out["categories"] = [d.as_dict(locale, key="category") for d in self.categories]
        if self.documents is not None:
            out["documents"] = self.documents.to_dict(locale)
        out["options"] = dict(a._program.rules.options)
        return out


def _on(on: object) -> dt.date:
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.date) and not isinstance(on, dt.datetime):
        return on
    if isinstance(on, str):
        try:
            return dt.date.fromisoformat(on.strip())
        except ValueError:
            pass
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what="on",
        expected="a date YYYY-MM-DD",
        got=on,
    )


def _household(value: object) -> Household:
    if value.__class__ is dict:
        return Household.from_mapping(value)
    if isinstance(value, Household):
        return value
    if isinstance(value, Mapping):
        return Household.from_mapping(value)
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what="household",
        expected="a Household or a mapping of household facts",
        got=value,
    )


def assess(
    household: Household | Mapping[str, Any],
    campaign: object,
    on: dt.date | str | None = None,
    *,
    parameters: Parameters | None = None,
    options: Mapping[str, Any] | None = None,
) -> Assessment:
    """Assess one household against a campaign's groups.

    Args:
        household: a :class:`Household` or contract.md's household facts as a mapping.
        campaign: a campaign id or :class:`~wennuan_rules.campaign.Campaign`.
        on: the decision date (default: today); a date outside the campaign period is allowed.
        parameters: dated parameters (default: the bundled ones).
        options: readings of ambiguous clauses (:func:`campaign_options`).

    Raises:
        ParameterError: no 低保 standard in force for the household's region on ``on``.
    """
    program = compile_campaign(campaign, _on(on), parameters=parameters, options=options)
    h = _household(household)
    return Assessment(program, h, program.eligible(h))


def assess_many(
    households: Iterable[Household | Mapping[str, Any]],
    campaign: object,
    on: dt.date | str | None = None,
    *,
    parameters: Parameters | None = None,
    options: Mapping[str, Any] | None = None,
) -> Iterator[Assessment]:
    """Assess households one at a time as they come (a generator: memory stays flat).

    The campaign is compiled once; arguments are as for :func:`assess`.
    """
    program = compile_campaign(campaign, _on(on), parameters=parameters, options=options)
    eligible = program.eligible
    for item in households:
        h = item if type(item) is Household else _household(item)
        yield Assessment(program, h, eligible(h))

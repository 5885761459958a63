"""A campaign as value types: :class:`Campaign` and its fields, each with the clause it rests on."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping
from typing import Any

import attrs

from wennuan_rules._data import Sourced
from wennuan_rules.campaign.docno import DocumentNumber
from wennuan_rules.errors import (
    InvalidValueError,
    UnknownIdError,
)
from wennuan_rules.i18n import N_, Label, localize_tree
from wennuan_rules.vocabulary import FundSource, PaymentChannel, UnionLevel

__all__ = [
    "Campaign",
    "Deadline",
    "DocumentNumber",
    "GroupSpec",
    "PaymentRules",
    "Period",
    "VisitQuota",
]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# groups have ids like _ID; household categories are named by their form line (``03A``)
_SPEC_ID = re.compile(r"^[A-Za-z0-9]+(?:-[a-z0-9]+)*$")


# --------------------------------------------------------------------------------------------------
# value types


def _check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=attribute.name,
            expected=N_("a date without a time"),
            got=value,
        )


def _as_day(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected=N_("a date without a time (datetime.date)"),
            got=value,
        )
    return value


_str = attrs.validators.instance_of(str)


@attrs.frozen
class Period:
    """A span of days, inclusive on both ends (a campaign's period, a visiting window).

    Attributes:
        start: the first day.
        end: the last day.
        source: the clause, e.g. ``平工总［2009］38号 二``.
        text: the words as printed: ``2009年12月下旬至2010年春节前``.
        note: how they were read.
        dated: whether the notice prints the dates; ``False`` when they were computed from words
            such as "元旦、春节期间" (findings outside an undated period are warnings).
    """

    start: dt.date = attrs.field(validator=_check_date)
    end: dt.date = attrs.field(validator=_check_date)
    source: str = attrs.field(default="", validator=_str)
    text: str = attrs.field(default="", validator=_str)
    note: str = attrs.field(default="", validator=_str)
    dated: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("period"),
                expected=N_("an end on or after the start"),
                got=f"{self.start.isoformat()} .. {self.end.isoformat()}",
            )

    def __contains__(self, day: object) -> bool:
        d = _as_day(day, "date")
        return self.start <= d <= self.end

    @property
    def days(self) -> int:
        """How many days the period has."""
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "source": self.source,
            "text": self.text,
            "note": self.note,
            "dated": self.dated,
        }


@attrs.frozen
class Deadline:
    """A day by which something must be done.

    Attributes:
        last_day: the last day on which it is still on time (inclusive), in the reading chosen.
        source: the clause.
        text: the words as printed: ``2010年2月1日前``.
        note: the reading chosen (see docs/decisions.md).
        named_day: the day the text names (``2010-02-01``; 春节 for "春节前"); defaults to
            ``last_day``.
        inclusive: whether the named day itself is still on time in the chosen reading.
    """

    last_day: dt.date = attrs.field(validator=_check_date)
    source: str = attrs.field(default="", validator=_str)
    text: str = attrs.field(default="", validator=_str)
    note: str = attrs.field(default="", validator=_str)
    named_day: dt.date = attrs.field(
        default=attrs.Factory(lambda self: self.last_day, takes_self=True), validator=_check_date
    )
    inclusive: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))

    def met_by(self, day: object, *, inclusive: bool | None = None) -> bool:
        """Whether ``day`` is on time.

        Args:
            day: the day something was done.
            inclusive: ``None`` for the reading chosen (``day <= last_day``); ``True`` to allow
                the named day, ``False`` to require a day strictly before it (the other reading
                of "前").
        """
        d = _as_day(day, "date")
        if inclusive is None:
            return d <= self.last_day
        return d <= self.named_day if inclusive else d < self.named_day

    def to_dict(self) -> dict[str, Any]:
        return {
            "last_day": self.last_day.isoformat(),
            "named_day": self.named_day.isoformat(),
            "inclusive": self.inclusive,
            "source": self.source,
            "text": self.text,
            "note": self.note,
        }


@attrs.frozen
class GroupSpec:
    """A priority group of a campaign (ids: contract.md, docs/campaigns.md).

    Attributes:
        id: the stable id, e.g. ``serious-illness``.
        label: the group's name in zh-Hans, zh-Hant and en.
        source: the clause, e.g. ``江苏常州经济开发区总工会 2021-01-06 二(一)1(3)``.
        text: the clause as printed.
        note: how it was read.
        criteria: the group's criteria written as data (``criteria = [{kind = …}, …]``, all must
            be met; docs/extending.md), as read; empty when the campaign's module decides the
            group. The eligibility layer builds them (:mod:`wennuan_rules.eligibility.from_data`).
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(_SPEC_ID))
    label: Label = attrs.field(validator=attrs.validators.instance_of(Label))
    source: str = attrs.field(validator=_str)
    text: str = attrs.field(validator=_str)
    note: str = attrs.field(default="", validator=_str)
    criteria: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label.get(lang),
            "source": self.source,
            "text": self.text,
            "note": self.note,
        }
        if self.criteria:  # a group written as data
            out["criteria"] = [dict(c) for c in self.criteria]
        return out


@attrs.frozen
class PaymentRules:
    """How aid must be paid (None: the notice says nothing).

    Attributes:
        real_name: 实名制发放.
        file_before_aid: 先建档、后帮扶 / 依档帮扶 / 建档帮扶: a recipient must be on file before
            being paid.
        channels: the required channel(s): bank card, union card.
        channel_applies_to: the fund sources the channel rule governs; ``()`` = all money.
        earmarked: 专款专用.
        rules_apply_to: the fund sources ``real_name`` and ``file_before_aid`` govern; ``()`` =
            all money.
        bound_groups: the recipient groups (ids of the campaign's audit data) that
            ``file_before_aid`` and ``channels`` govern, with their clause; ``None``: every row.
            Rows naming another group are not held to them; rows naming no group are.
    """

    real_name: Sourced[bool] | None = None
    file_before_aid: Sourced[bool] | None = None
    channels: Sourced[tuple[PaymentChannel, ...]] | None = None
    channel_applies_to: tuple[FundSource, ...] = ()
    earmarked: Sourced[bool] | None = None
    rules_apply_to: tuple[FundSource, ...] = ()
    bound_groups: Sourced[tuple[str, ...]] | None = None

    def to_dict(self) -> dict[str, Any]:
        def sourced(s: Sourced[Any] | None) -> dict[str, Any] | None:
            if s is None:
                return None
            value = s.value
            if isinstance(value, tuple):
                value = [v if isinstance(v, str) else v.id for v in value]
            return {"value": value, "source": s.source, "text": s.text, "note": s.note}

        return {
            "real_name": sourced(self.real_name),
            "file_before_aid": sourced(self.file_before_aid),
            "channels": sourced(self.channels),
            "channel_applies_to": [f.id for f in self.channel_applies_to],
            "earmarked": sourced(self.earmarked),
            "rules_apply_to": [f.id for f in self.rules_apply_to],
            "bound_groups": sourced(self.bound_groups),
        }


def _int_mapping(value: Mapping[str, int]) -> Mapping[str, int]:
    return types.MappingProxyType(dict(value))


@attrs.frozen
class VisitQuota:
    """The least number of households a visiting group must see (平工总［2009］38号 附件3 三2).

    Attributes:
        minimum_households: the least number in all.
        by_kind: the least number of each kind:
            ``{"model-worker": 1, "migrant-worker": 1, "worker": 2}``.
        per: what the quota counts per: ``unit-visited`` (each county, industry or enterprise a
            group visits).
        source: the clause.
        text: as printed.
        note: how it was read.
    """

    minimum_households: int = attrs.field(validator=attrs.validators.instance_of(int))
    by_kind: Mapping[str, int] = attrs.field(converter=_int_mapping)
    source: str = attrs.field(validator=_str)
    text: str = attrs.field(validator=_str)
    per: str = attrs.field(default="unit-visited", validator=_str)
    note: str = attrs.field(default="", validator=_str)

    def to_dict(self) -> dict[str, Any]:
        return {
            "minimum_households": self.minimum_households,
            "by_kind": dict(self.by_kind),
            "per": self.per,
            "source": self.source,
            "text": self.text,
            "note": self.note,
        }


def _mapping(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return types.MappingProxyType(dict(value))


@attrs.frozen(eq=False)
class Campaign:
    """One 送温暖 campaign: what its notice says, field by field, each with its source.

    Optional fields are ``None`` where the notice says nothing; :attr:`absent` then explains, with a
    source, why (e.g. ``document``: "the notice has no document number").
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(_ID))
    title: Label
    issuer: Label
    level: UnionLevel
    document: DocumentNumber | None
    issued_on: Sourced[dt.date] | None
    theme: Sourced[str] | None
    period: Period
    visiting_window: Period | None
    report_deadline: Deadline | None
    application_deadline: Deadline | None
    spending_deadlines: Mapping[FundSource, Deadline] = attrs.field(converter=_mapping)
    payment: PaymentRules
    forms: tuple[Sourced[str], ...]
    groups: tuple[GroupSpec, ...]
    coverage: Sourced[str] | None
    visit_quota: VisitQuota | None
    programmes: tuple[Sourced[str], ...]
    spring_festival: dt.date
    #: the citation prefix of every source: ``平工总［2009］38号``,
    #: ``江苏常州经济开发区总工会 2021-01-06``.
    cite: str = ""
    #: where the issuer, level and title were read.
    issuer_source: Sourced[str] | None = None
    #: the day a web copy was published, where it differs from the signed date
    #: (武汉 2015: 2014-12-31).
    published_on: Sourced[dt.date] | None = None
    #: other documents to hand in with the forms (送温暖活动报告 …).
    reports: tuple[Sourced[str], ...] = ()
    #: why an optional field is None: field name → source, text and note.
    absent: Mapping[str, Sourced[None]] = attrs.field(factory=dict, converter=_mapping)
    #: the data file it was read from.
    file: str = ""
    #: the region whose 低保 standard applies when a household names none (``changzhou-edz``).
    region: str | None = None
    #: household categories of the campaign's form (pingdingshan-2010 附件1 line 03), decided
    #: like groups but not priority groups.
    categories: tuple[GroupSpec, ...] = ()
    #: other dated spans the notice names that are neither the period nor a visiting window
    #: (wuhan-2015 工会卡宣传月 1月9日至2月10日), by id.
    observances: Mapping[str, Period] = attrs.field(factory=dict, converter=_mapping)

    def group(self, id: str) -> GroupSpec:
        """The priority group ``id``; :class:`UnknownIdError` listing the campaign's group ids."""
        for spec in self.groups:
            if spec.id == id:
                return spec
        raise UnknownIdError(
            N_("{what}: unknown value {got}; expected one of {expected}"),
            what=f"group of {self.id}",
            expected=", ".join(g.id for g in self.groups),
            got=id,
        )

    @property
    def group_ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.groups)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """JSON-ready data: every field with its source, text as printed and note."""

        def sourced(s: Sourced[Any] | None) -> dict[str, Any] | None:
            if s is None:
                return None
            value = s.value.isoformat() if isinstance(s.value, dt.date) else s.value
            return {"value": value, "source": s.source, "text": s.text, "note": s.note}

        issuer = sourced(self.issuer_source) or {}
        out: dict[str, Any] = localize_tree(self._fields_dict(lang, issuer, sourced), lang)
        return out

    def _fields_dict(
        self, lang: str | None, issuer: dict[str, Any], sourced: Any
    ) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.get(lang),
            "cite": self.cite,
            "issuer": {
                "value": self.issuer.get(lang),
                "level": self.level.id,
                "level_label": self.level.label.get(lang),
                "source": issuer.get("source", ""),
                "text": issuer.get("text", ""),
                "note": issuer.get("note", ""),
            },
            "document": (
                None
                if self.document is None
                else {**self.document.to_dict(), "source": f"{self.cite} (heading)"}
            ),
            "issued_on": sourced(self.issued_on),
            "published_on": sourced(self.published_on),
            "theme": sourced(self.theme),
            "period": self.period.to_dict(),
            "visiting_window": None
            if self.visiting_window is None
            else self.visiting_window.to_dict(),
            "report_deadline": None
            if self.report_deadline is None
            else self.report_deadline.to_dict(),
            "application_deadline": (
                None if self.application_deadline is None else self.application_deadline.to_dict()
            ),
            "spending_deadlines": {k.id: v.to_dict() for k, v in self.spending_deadlines.items()},
            "payment": self.payment.to_dict(),
            "forms": [sourced(f) for f in self.forms],
            "reports": [sourced(r) for r in self.reports],
            "groups": [g.to_dict(lang) for g in self.groups],
            "coverage": sourced(self.coverage),
            "visit_quota": None if self.visit_quota is None else self.visit_quota.to_dict(),
            "programmes": [sourced(p) for p in self.programmes],
            "spring_festival": self.spring_festival.isoformat(),
            "region": self.region,
            "categories": [g.to_dict(lang) for g in self.categories],
            "observances": {k: v.to_dict() for k, v in self.observances.items()},
            "absent": {
                name: {"source": s.source, "text": s.text, "note": s.note}
                for name, s in self.absent.items()
            },
        }

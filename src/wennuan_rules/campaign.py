"""The five 送温暖 campaigns as data: periods, deadlines, payment rules, priority groups, sources.

Each campaign is one TOML file in ``data/campaigns/<id>.toml`` (read strictly with
:class:`wennuan_rules._data.Table`): every field carries the clause it rests on (document number and
section), the words of the notice as printed and a note on how they were read. Dates the notices
give by a rule ("12月下旬", "春节前", "正月十五") are computed from the calendar here, from the rule
in the data file.

>>> import wennuan_rules as wr
>>> c = wr.get_campaign("pingdingshan-2010")
>>> c.period.start, c.period.end
(datetime.date(2009, 12, 21), datetime.date(2010, 2, 13))
>>> c.spending_deadlines[FundSource.CENTRAL_FISCAL].last_day
datetime.date(2009, 12, 31)

A user's own campaign file is read with :func:`load_campaign`; ``docs/campaigns.md`` describes the
format.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import types
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs
from dateutil.relativedelta import relativedelta

from wennuan_rules._data import Sourced, Table, bundled_files, load_toml
from wennuan_rules.errors import (
    DataFileError,
    InvalidValueError,
    UnknownIdError,
    WennuanError,
)
from wennuan_rules.i18n import N_, Label, translate
from wennuan_rules.vocabulary import FundSource, PaymentChannel, UnionLevel, vocabularies

if TYPE_CHECKING:
    import argparse
    from typing import TextIO

__all__ = [
    "CAMPAIGN_IDS",
    "DATE_RULES",
    "Campaign",
    "Deadline",
    "DocumentNumber",
    "GroupSpec",
    "PaymentRules",
    "Period",
    "VisitQuota",
    "campaigns",
    "get_campaign",
    "load_campaign",
    "resolve_date",
    "run_cli",
]

#: The bundled campaigns in contract order (contract.md, "Identifiers").
CAMPAIGN_IDS: Final = (
    "pingdingshan-2010",
    "wuhan-2015",
    "henan-2018",
    "changzhou-edz-2021",
    "pingdingshan-2022",
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --------------------------------------------------------------------------------------------------
# document numbers (发文字号)

_OPEN_CLOSE: Final = {"[": "]", "〔": "〕", "【": "】", "(": ")", "〖": "〗"}
# Traditional → Simplified for the characters document-number abbreviations use (武工辦 → 武工办).
_SIMPLIFY: Final = str.maketrans(
    {"辦": "办", "號": "号", "總": "总", "會": "会", "發": "发", "區": "区", "縣": "县", "廳": "厅"}
)
_DOCNO = re.compile(
    r"^(?P<abbr>[^\s\d\[\]〔〕【】()〖〗]+?)\s*"
    r"(?P<open>[\[〔【(〖])\s*(?P<year>\d{4})\s*(?P<close>[\]〕】)〗])\s*"
    r"第?\s*(?P<serial>\d{1,5})\s*(?P<hao>[号號])$"
)


def _docno_error(text: object) -> InvalidValueError:
    return InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what="document number",
        expected="an issuer abbreviation, the year in brackets and a serial with 号, "
        "e.g. 平工总［2009］38号",
        got=text,
    )


@attrs.frozen
class DocumentNumber:
    """A document number (发文字号) such as ``平工总［2009］38号`` or ``武工辦〔2014〕74號``.

    Attributes:
        issuer_abbrev: the issuer's abbreviation as printed (``武工辦`` keeps its Traditional
            script; :attr:`canonical` gives the Simplified form used in citations).
        year: the year in the brackets.
        serial: the serial number.
        text: the number as printed.
    """

    issuer_abbrev: str = attrs.field(validator=attrs.validators.instance_of(str))
    year: int = attrs.field(validator=attrs.validators.instance_of(int))
    serial: int = attrs.field(validator=attrs.validators.instance_of(int))
    text: str = attrs.field(validator=attrs.validators.instance_of(str))

    @classmethod
    def parse(cls, text: object) -> DocumentNumber:
        """Read a document number.

        Accepts the brackets people use (［］〔〕[]【】() and full-width forms), 号 or 號, an
        optional 第, full-width digits and spaces around the parts. Anything else is an
        :class:`InvalidValueError`.

        >>> DocumentNumber.parse("武工辦〔2014〕74號").canonical
        '武工办〔2014〕74号'
        """
        if not isinstance(text, str) or not text.strip() or len(text) > 100:
            raise _docno_error(text)
        # NFKC folds full-width digits and ［］（） to ASCII; 〔〕【】 are left as they are.
        folded = unicodedata.normalize("NFKC", text).strip()
        match = _DOCNO.match(folded)
        if match is None or _OPEN_CLOSE[match["open"]] != match["close"]:
            raise _docno_error(text)
        year = int(match["year"])
        serial = int(match["serial"])
        if not 1949 <= year <= 2100 or serial < 1:
            raise _docno_error(text)
        return cls(issuer_abbrev=match["abbr"], year=year, serial=serial, text=text.strip())

    @property
    def canonical(self) -> str:
        """The Simplified-script citation form with 〔〕: ``武工办〔2014〕74号``."""
        return f"{self.issuer_abbrev.translate(_SIMPLIFY)}〔{self.year}〕{self.serial}号"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "issuer_abbrev": self.issuer_abbrev,
            "year": self.year,
            "serial": self.serial,
            "canonical": self.canonical,
        }

    def __str__(self) -> str:
        return self.text


# --------------------------------------------------------------------------------------------------
# dates given by rule


def _spring_festival(year: int) -> dt.date:
    from wennuan_rules.lunar import spring_festival

    return spring_festival(year)


def _lantern_festival(year: int) -> dt.date:
    from wennuan_rules.lunar import lantern_festival

    return lantern_festival(year)


def _from_lunar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    from wennuan_rules.lunar import from_lunar

    return from_lunar(year, month, day, leap=leap)


def _month_part(first: int, last: int | None) -> Callable[[Table, bool], dt.date]:
    """A rule for part of a month: 上旬 (1–10), 中旬 (11–20), 下旬 (21–end), or the whole month."""

    def rule(spec: Table, is_end: bool) -> dt.date:
        year = _year(spec)
        month = spec.get("month", int)
        if not 1 <= month <= 12:
            raise spec.error("month", "a month 1–12", month)
        start = dt.date(year, month, 1)
        if not is_end:
            return start + relativedelta(day=first)
        if last is None:  # to the end of the month, whatever its length
            return start + relativedelta(day=31)
        return start + relativedelta(day=last)

    return rule


def _year(spec: Table) -> int:
    year = spec.get("year", int)
    if not 1901 <= year <= 2099:
        raise spec.error("year", "a year 1901–2099", year)
    return year


def _rule_new_year(spec: Table, is_end: bool) -> dt.date:
    return dt.date(_year(spec), 1, 1)


def _rule_spring_festival(spec: Table, is_end: bool) -> dt.date:
    return _spring_festival(_year(spec))


def _rule_before_spring_festival(spec: Table, is_end: bool) -> dt.date:
    return _spring_festival(_year(spec)) - dt.timedelta(days=1)


def _rule_lantern_festival(spec: Table, is_end: bool) -> dt.date:
    return _lantern_festival(_year(spec))


def _rule_lunar(spec: Table, is_end: bool) -> dt.date:
    year = _year(spec)
    month = spec.get("month", int)
    day = spec.get("day", int)
    leap = spec.get("leap", bool, False)
    try:
        return _from_lunar(year, month, day, leap)
    except WennuanError as exc:
        raise spec.error("day", "a lunar date that exists", f"{year}-{month}-{day}") from exc


#: The rules a data file may use for a date (``{rule = "late-month", year = 2009, month = 12}``).
#: Each resolves to a day; month rules give the first day as a start and the last day as an end.
DATE_RULES: Final[Mapping[str, Callable[[Table, bool], dt.date]]] = types.MappingProxyType(
    {
        "early-month": _month_part(1, 10),  # 上旬
        "mid-month": _month_part(11, 20),  # 中旬
        "late-month": _month_part(21, None),  # 下旬
        "month": _month_part(1, None),  # "2021年1月"
        "new-year": _rule_new_year,  # 元旦
        "spring-festival": _rule_spring_festival,  # 春节 (正月初一)
        "before-spring-festival": _rule_before_spring_festival,  # 春节前: 除夕
        "lantern-festival": _rule_lantern_festival,  # 元宵 (正月十五)
        "lunar": _rule_lunar,  # any lunar date
    }
)


def resolve_date(
    value: object, *, is_end: bool = False, where: Table | None = None, key: str = "date"
) -> dt.date:
    """The day a data file's date value stands for.

    Args:
        value: a date (``2010-02-01``), an ISO string, or a rule table such as
            ``{"rule": "late-month", "year": 2009, "month": 12}`` (see :data:`DATE_RULES`).
        is_end: whether the date ends a period (month rules then give the month's or decade's
            last day).
        where: the table the value was read from (for errors naming file and key).
        key: the key of ``value`` in ``where``.

    >>> resolve_date({"rule": "late-month", "year": 2009, "month": 12})
    datetime.date(2009, 12, 21)
    >>> resolve_date({"rule": "before-spring-festival", "year": 2010}, is_end=True)
    datetime.date(2010, 2, 13)
    """
    parent = where if where is not None else Table({key: value}, "<date>", "")
    if isinstance(value, Mapping):
        spec = Table(dict(value), parent.file, parent.key_path(key))
        rule_name = spec.get("rule", str)
        rule = DATE_RULES.get(rule_name)
        if rule is None:
            raise spec.error("rule", "one of " + ", ".join(DATE_RULES), rule_name)
        result = rule(spec, is_end)
        spec.close()
        return result
    return Table({key: value}, parent.file, parent.path).date(key)


# --------------------------------------------------------------------------------------------------
# value types


def _check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=attribute.name,
            expected="a date without a time",
            got=value,
        )


def _as_day(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected="a date without a time (datetime.date)",
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
    """

    start: dt.date = attrs.field(validator=_check_date)
    end: dt.date = attrs.field(validator=_check_date)
    source: str = attrs.field(default="", validator=_str)
    text: str = attrs.field(default="", validator=_str)
    note: str = attrs.field(default="", validator=_str)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what="period",
                expected="an end on or after the start",
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
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(_ID))
    label: Label = attrs.field(validator=attrs.validators.instance_of(Label))
    source: str = attrs.field(validator=_str)
    text: str = attrs.field(validator=_str)
    note: str = attrs.field(default="", validator=_str)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label.get(lang),
            "source": self.source,
            "text": self.text,
            "note": self.note,
        }


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
    """

    real_name: Sourced[bool] | None = None
    file_before_aid: Sourced[bool] | None = None
    channels: Sourced[tuple[PaymentChannel, ...]] | None = None
    channel_applies_to: tuple[FundSource, ...] = ()
    earmarked: Sourced[bool] | None = None
    rules_apply_to: tuple[FundSource, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def sourced(s: Sourced[Any] | None) -> dict[str, Any] | None:
            if s is None:
                return None
            value = s.value
            if isinstance(value, tuple):
                value = [v.id for v in value]
            return {"value": value, "source": s.source, "text": s.text, "note": s.note}

        return {
            "real_name": sourced(self.real_name),
            "file_before_aid": sourced(self.file_before_aid),
            "channels": sourced(self.channels),
            "channel_applies_to": [f.id for f in self.channel_applies_to],
            "earmarked": sourced(self.earmarked),
            "rules_apply_to": [f.id for f in self.rules_apply_to],
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
            "absent": {
                name: {"source": s.source, "text": s.text, "note": s.note}
                for name, s in self.absent.items()
            },
        }


# --------------------------------------------------------------------------------------------------
# reading data files

_OPTIONAL_FIELDS: Final = (
    "document",
    "issued_on",
    "published_on",
    "theme",
    "visiting_window",
    "report_deadline",
    "application_deadline",
    "spending_deadlines",
    "coverage",
    "visit_quota",
    "programmes",
    "payment.real_name",
    "payment.file_before_aid",
    "payment.channels",
    "payment.earmarked",
    "forms",
    "reports",
)


def _reraise(table: Table, key: str, exc: WennuanError) -> DataFileError:
    if isinstance(exc, DataFileError):
        return exc
    return table.error(key, exc.expected or "a valid value", exc.got)


def _read_period(table: Table, key: str) -> Period:
    sub = table.table(key)
    start = resolve_date(sub.get("start", object), where=sub, key="start")
    end = resolve_date(sub.get("end", object), is_end=True, where=sub, key="end")
    try:
        period = Period(
            start=start,
            end=end,
            source=sub.get("source", str),
            text=sub.get("text", str),
            note=sub.get("note", str, ""),
        )
    except WennuanError as exc:
        raise _reraise(table, key, exc) from None
    sub.close()
    return period


def _read_deadline(table: Table, key: str) -> Deadline:
    sub = table.table(key)
    inclusive = sub.get("inclusive", bool, True)
    named = resolve_date(sub.get("day", object), is_end=True, where=sub, key="day")
    deadline = Deadline(
        last_day=named if inclusive else named - dt.timedelta(days=1),
        named_day=named,
        inclusive=inclusive,
        source=sub.get("source", str),
        text=sub.get("text", str),
        note=sub.get("note", str, ""),
    )
    sub.close()
    return deadline


def _read_sourced_bool(table: Table, key: str) -> Sourced[bool] | None:
    if key not in table:
        return None
    return table.sourced(key, lambda t: t.get("value", bool))


def _read_sourced_list(table: Table, key: str) -> tuple[Sourced[str], ...]:
    return tuple(sub.as_sourced(sub.get("value", str)) for sub in table.tables(key, required=False))


def _vocab_ids(table: Table, key: str, vocab: type[Any]) -> tuple[Any, ...]:
    out = []
    for i, text in enumerate(table.strs(key, ())):
        if text not in vocab.ids():
            raise table.error(f"{key}[{i}]", "one of " + ", ".join(vocab.ids()), text)
        out.append(vocab.from_text(text))
    return tuple(out)


def _read_payment(table: Table) -> PaymentRules:
    sub = table.table("payment", required=False)
    channels: Sourced[tuple[PaymentChannel, ...]] | None = None
    if "channels" in sub:
        channels = sub.sourced("channels", lambda t: _vocab_ids(t, "value", PaymentChannel))
    rules = PaymentRules(
        real_name=_read_sourced_bool(sub, "real_name"),
        file_before_aid=_read_sourced_bool(sub, "file_before_aid"),
        channels=channels,
        channel_applies_to=_vocab_ids(sub, "channel_applies_to", FundSource),
        earmarked=_read_sourced_bool(sub, "earmarked"),
        rules_apply_to=_vocab_ids(sub, "rules_apply_to", FundSource),
    )
    sub.close()
    return rules


def _read_groups(table: Table) -> tuple[GroupSpec, ...]:
    out: list[GroupSpec] = []
    for sub in table.tables("groups", required=False):
        ident = sub.get("id", str)
        if not _ID.match(ident):
            raise sub.error("id", "lower-case words joined by '-', e.g. serious-illness", ident)
        if any(g.id == ident for g in out):
            raise sub.error("id", "an id not used by another group of the campaign", ident)
        out.append(
            GroupSpec(
                id=ident,
                label=sub.label("label"),
                source=sub.get("source", str),
                text=sub.get("text", str),
                note=sub.get("note", str, ""),
            )
        )
        sub.close()
    return tuple(out)


def _read_quota(table: Table) -> VisitQuota | None:
    if "visit_quota" not in table:
        return None
    sub = table.table("visit_quota")
    kinds = sub.table("by_kind")
    by_kind: dict[str, int] = {}
    names = kinds.keys()
    for name in names:
        count = kinds.get(name, int)
        if count < 0:
            raise kinds.error(name, "a count ≥ 0", count)
        by_kind[name] = count
    kinds.close()
    minimum = sub.get("minimum_households", int)
    if minimum < sum(by_kind.values()):
        raise sub.error("minimum_households", "at least the sum of by_kind", minimum)
    quota = VisitQuota(
        minimum_households=minimum,
        by_kind=by_kind,
        per=sub.get("per", str, "unit-visited"),
        source=sub.get("source", str),
        text=sub.get("text", str),
        note=sub.get("note", str, ""),
    )
    sub.close()
    return quota


def _read_programmes(table: Table) -> tuple[Sourced[str], ...]:
    known = vocabularies()
    out = _read_sourced_list(table, "programmes")
    for i, p in enumerate(out):
        if p.value not in known:
            raise table.error(f"programmes[{i}].value", "one of " + ", ".join(known), p.value)
    return out


def _read_sourced_date(table: Table, key: str) -> Sourced[dt.date] | None:
    if key not in table:
        return None
    return table.sourced(key, lambda t: t.date("value"))


def _read_campaign(table: Table, file: str) -> Campaign:
    ident = table.get("id", str)
    if not _ID.match(ident):
        raise table.error("id", "lower-case words joined by '-', e.g. pingdingshan-2010", ident)
    issuer = table.table("issuer")
    level_text = issuer.get("level", str)
    if level_text not in UnionLevel.ids():
        raise issuer.error("level", "one of " + ", ".join(UnionLevel.ids()), level_text)
    issuer_label = issuer.label("label")
    issuer_source: Sourced[str] = Sourced(
        value=issuer_label.zh_hans,
        source=issuer.get("source", str),
        text=issuer.get("text", str),
        note=issuer.get("note", str, ""),
    )
    issuer.close()

    document: DocumentNumber | None = None
    if "document" in table:
        doc = table.table("document")
        text = doc.get("text", str)
        try:
            document = DocumentNumber.parse(text)
        except WennuanError as exc:
            raise _reraise(doc, "text", exc) from None
        doc.close()

    spending: dict[FundSource, Deadline] = {}
    sd = table.table("spending_deadlines", required=False)
    fund_names = sd.keys()
    for name in fund_names:
        if name not in FundSource.ids():
            raise sd.error(name, "a fund source id: " + ", ".join(FundSource.ids()), name)
        spending[FundSource.from_text(name)] = _read_deadline(sd, name)
    sd.close()

    absent: dict[str, Sourced[None]] = {}
    ab = table.table("absent", required=False)
    absent_names = ab.keys()
    for name in absent_names:
        if name not in _OPTIONAL_FIELDS:
            raise ab.error(name, "an optional field: " + ", ".join(_OPTIONAL_FIELDS), name)
        absent[name] = ab.sourced(name, lambda t: None)
    ab.close()

    festival_year = table.get("festival_year", int)
    campaign = Campaign(
        id=ident,
        cite=table.get("cite", str),
        title=table.label("title"),
        issuer=issuer_label,
        issuer_source=issuer_source,
        level=UnionLevel.from_text(level_text),
        document=document,
        issued_on=_read_sourced_date(table, "issued_on"),
        published_on=_read_sourced_date(table, "published_on"),
        theme=table.sourced_str("theme") if "theme" in table else None,
        period=_read_period(table, "period"),
        visiting_window=(
            _read_period(table, "visiting_window") if "visiting_window" in table else None
        ),
        report_deadline=(
            _read_deadline(table, "report_deadline") if "report_deadline" in table else None
        ),
        application_deadline=(
            _read_deadline(table, "application_deadline")
            if "application_deadline" in table
            else None
        ),
        spending_deadlines=spending,
        payment=_read_payment(table),
        forms=_read_sourced_list(table, "forms"),
        reports=_read_sourced_list(table, "reports"),
        groups=_read_groups(table),
        coverage=table.sourced_str("coverage") if "coverage" in table else None,
        visit_quota=_read_quota(table),
        programmes=_read_programmes(table),
        spring_festival=_spring_festival(festival_year),
        absent=absent,
        file=file,
    )
    table.close()
    return campaign


def load_campaign(path: Path | str) -> Campaign:
    """Read a campaign from a TOML data file (the format is described in docs/campaigns.md).

    Raises:
        DataFileError: naming the file and key, for a missing, unknown or malformed key.
    """
    text = str(path) if isinstance(path, (str, Path)) else None
    if text is None or not text.strip() or len(text) > 4096 or "\x00" in text:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="path",
            expected="a file path",
            got=path,
        )
    try:
        table = load_toml(path)
    except WennuanError:
        raise
    except ValueError as exc:  # e.g. a path the file system cannot encode
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="path",
            expected="a file path",
            got=path,
        ) from exc
    return _read_campaign(table, str(path))


@cache
def _bundled() -> dict[str, Campaign]:
    found: dict[str, Campaign] = {}
    for stem, path in bundled_files("campaigns"):
        campaign = _read_campaign(load_toml(path, name=f"data/campaigns/{stem}.toml"), str(path))
        if campaign.id != stem:
            raise DataFileError(
                N_("in {file}, key {what}: expected {expected}, got {got}"),
                what="id",
                expected=stem,
                got=campaign.id,
                file=f"data/campaigns/{stem}.toml",
                params={"file": f"data/campaigns/{stem}.toml"},
            )
        found[stem] = campaign
    order = {ident: i for i, ident in enumerate(CAMPAIGN_IDS)}
    return dict(sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def campaigns() -> tuple[Campaign, ...]:
    """The bundled campaigns, in contract order (read once, then cached)."""
    return tuple(_bundled().values())


def get_campaign(id: object) -> Campaign:
    """The bundled campaign ``id`` (``pingdingshan-2010``); a :class:`Campaign` is returned as is.

    Raises:
        UnknownIdError: listing the known ids.
    """
    if isinstance(id, Campaign):
        return id
    found = _bundled().get(id) if isinstance(id, str) else None
    if found is None:
        raise UnknownIdError(
            N_("{what}: unknown value {got}; expected one of {expected}"),
            what="campaign",
            expected=", ".join(_bundled()),
            got=id,
        )
    return found


# --------------------------------------------------------------------------------------------------
# command line: wennuan-rules campaigns [ID] [--format text|json|csv] [--lang …]


def _period_text(p: Period) -> str:
    return f"{p.start.isoformat()} – {p.end.isoformat()}"


def _list_rows(lang: str | None) -> list[dict[str, str]]:
    return [
        {
            "id": c.id,
            "title": c.title.get(lang),
            "document": c.document.text if c.document is not None else c.cite,
            "period": _period_text(c.period),
        }
        for c in campaigns()
    ]


def _csv(rows: list[list[str]]) -> str:
    from wennuan_rules.render import safe_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def _aligned(rows: list[list[str]]) -> str:
    from wennuan_rules.render import display_width

    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _flat_fields(campaign: Campaign, lang: str | None) -> list[tuple[str, str, str, str, str]]:
    """(field, value, source, text as printed, note) rows for text and CSV output."""
    rows: list[tuple[str, str, str, str, str]] = []

    def add(field: str, value: object, source: str = "", text: str = "", note: str = "") -> None:
        rows.append((field, "" if value is None else str(value), source, text, note))

    def absent(field: str) -> None:
        s = campaign.absent.get(field)
        if s is None:
            add(field, "—")
        else:
            add(field, "—", s.source, s.text, s.note)

    def sourced(field: str, s: Sourced[Any] | None) -> None:
        if s is None:
            absent(field)
        else:
            value = s.value.isoformat() if isinstance(s.value, dt.date) else s.value
            add(field, value, s.source, s.text, s.note)

    iss = campaign.issuer_source
    add("id", campaign.id)
    add("title", campaign.title.get(lang))
    add(
        "issuer",
        f"{campaign.issuer.get(lang)} ({campaign.level.label.get(lang)})",
        iss.source if iss else "",
        iss.text if iss else "",
        iss.note if iss else "",
    )
    if campaign.document is None:
        absent("document")
    else:
        d = campaign.document
        add(
            "document",
            f"{d.text} = {d.issuer_abbrev} / {d.year} / {d.serial}",
            f"{campaign.cite} (heading)",
            d.text,
        )
    sourced("issued_on", campaign.issued_on)
    if campaign.published_on is not None:
        sourced("published_on", campaign.published_on)
    sourced("theme", campaign.theme)
    p = campaign.period
    add("period", _period_text(p), p.source, p.text, p.note)
    if campaign.visiting_window is None:
        absent("visiting_window")
    else:
        w = campaign.visiting_window
        add("visiting_window", _period_text(w), w.source, w.text, w.note)
    for name in ("report_deadline", "application_deadline"):
        dl: Deadline | None = getattr(campaign, name)
        if dl is None:
            absent(name)
        else:
            add(name, dl.last_day.isoformat(), dl.source, dl.text, dl.note)
    if not campaign.spending_deadlines:
        absent("spending_deadlines")
    for fund, dl in campaign.spending_deadlines.items():
        add(
            f"spending_deadline[{fund.id}]",
            dl.last_day.isoformat(),
            dl.source,
            dl.text,
            dl.note,
        )
    pay = campaign.payment
    for name in ("real_name", "file_before_aid", "channels", "earmarked"):
        s = getattr(pay, name)
        if s is None:
            absent(f"payment.{name}")
            continue
        value = s.value
        if isinstance(value, tuple):
            value = ", ".join(v.id for v in value)
            if pay.channel_applies_to:
                value += " (" + ", ".join(f.id for f in pay.channel_applies_to) + ")"
        else:
            value = translate(N_("yes") if value else N_("no"), lang)
            if pay.rules_apply_to and name in ("real_name", "file_before_aid"):
                value += " (" + ", ".join(f.id for f in pay.rules_apply_to) + ")"
        add(f"payment.{name}", value, s.source, s.text, s.note)
    for field, items in (("forms", campaign.forms), ("reports", campaign.reports)):
        if not items:
            absent(field)
        for s in items:
            sourced(field, s)
    for g in campaign.groups:
        add(f"group[{g.id}]", g.label.get(lang), g.source, g.text, g.note)
    sourced("coverage", campaign.coverage)
    q = campaign.visit_quota
    if q is None:
        absent("visit_quota")
    else:
        kinds = ", ".join(f"{k} ≥ {v}" for k, v in q.by_kind.items())
        add(
            "visit_quota",
            f"≥ {q.minimum_households} per {q.per} ({kinds})",
            q.source,
            q.text,
            q.note,
        )
    if not campaign.programmes:
        absent("programmes")
    for s in campaign.programmes:
        sourced("programmes", s)
    add("spring_festival", campaign.spring_festival.isoformat())
    return rows


_FIELD_NAMES: Final = {
    "id": N_("Id"),
    "title": N_("Title"),
    "issuer": N_("Issuer"),
    "document": N_("Document number"),
    "issued_on": N_("Issued on"),
    "published_on": N_("Published on"),
    "theme": N_("Theme"),
    "period": N_("Campaign period"),
    "visiting_window": N_("Concentrated visiting window"),
    "report_deadline": N_("Report deadline"),
    "application_deadline": N_("Application deadline"),
    "spending_deadline": N_("Spending deadline"),
    "spending_deadlines": N_("Spending deadline"),
    "payment.real_name": N_("Real-name payment"),
    "payment.file_before_aid": N_("On file before aid"),
    "payment.channels": N_("Payment channel"),
    "payment.earmarked": N_("Earmarked funds"),
    "forms": N_("Form"),
    "reports": N_("Report to hand in"),
    "group": N_("Priority group"),
    "coverage": N_("Coverage"),
    "visit_quota": N_("Visit quota"),
    "programmes": N_("Programme"),
    "spring_festival": N_("Spring Festival"),
}


def _field_name(field: str, lang: str | None) -> str:
    base, _, rest = field.partition("[")
    msgid = _FIELD_NAMES.get(base)
    if msgid is None:
        return field
    name = translate(msgid, lang)
    return f"{name} [{rest}" if rest else name


def _show_text(campaign: Campaign, lang: str | None) -> str:
    from wennuan_rules.render import display_width

    rows = [(_field_name(r[0], lang), *r[1:]) for r in _flat_fields(campaign, lang)]
    width = max(display_width(r[0]) for r in rows)
    indent = " " * (width + 2)
    lines = []
    for field, value, source, text, note in rows:
        lines.append(field + " " * (width - display_width(field)) + "  " + value)
        if source:
            lines.append(indent + translate(N_("clause: {source}"), lang, source=source))
        if text and text != value:
            lines.append(indent + translate(N_("as printed: {text}"), lang, text=text))
        if note:
            lines.append(indent + translate(N_("read as: {note}"), lang, note=note))
    return "\n".join(lines) + "\n"


def run_cli(args: argparse.Namespace, out: TextIO) -> int:
    """``wennuan-rules campaigns [ID] [--format text|json|csv] [--lang …]``; returns exit status."""
    lang: str | None = getattr(args, "lang", None)
    fmt: str = getattr(args, "format", "text") or "text"
    ident: str | None = getattr(args, "id", None)
    if ident is None:
        rows = _list_rows(lang)
        if fmt == "json":
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            keys = ["id", "title", "document", "period"]
            out.write(_csv([keys] + [[r[k] for k in keys] for r in rows]))
        else:
            head = [translate(_FIELD_NAMES[k], lang) for k in ("id", "document", "period", "title")]
            table = [head] + [[r["id"], r["document"], r["period"], r["title"]] for r in rows]
            out.write(_aligned(table) + "\n")
        return 0
    campaign = get_campaign(ident)
    if fmt == "json":
        out.write(json.dumps(campaign.to_dict(lang), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        head = ["field", "value", "source", "text", "note"]
        out.write(_csv([head] + [list(r) for r in _flat_fields(campaign, lang)]))
    else:
        out.write(_show_text(campaign, lang))
    return 0

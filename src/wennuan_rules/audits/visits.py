"""Visiting plans (走访慰问分组表), visit logs and the families on file: records, readers and the
audit.

A visits file (JSON; ``data/schemas/visits.schema.json``) holds a plan, a log, or both::

    {"campaign": "pingdingshan-2010", "unit": "平顶山市总工会",
     "groups": [{"id": "g1", "leaders": ["…"], "liaison": "…", "units": ["叶县", "卫东区"],
                 "departments": ["保障部"],
                 "households": [{"ref": "H01", "kind": "model-worker", "unit": "叶县"}]}],
     "visits": [{"group": "g1", "date": "2010-01-26", "household": "H01", "kind": "model-worker",
                 "unit": "叶县", "name": "…", "id_number": "…"}]}

A CSV file is a log only (header: ``group,date,household,kind,unit,name,id_number``). The families
on file (``--on-file``) are JSON (a list, or ``{"families": […]}``) or CSV
(``ref,name,id_number,file_category,filed_on``).

Rules (ids ``<campaign>:visits/<name>``):

* ``quota``: each visiting group sees at least ``VisitQuota.minimum_households`` households, with
  the least number of each kind (平工总［2009］38号 附件3 三2: 4 = 1 困难劳模 + 1 困难农民工 + 2
  困难职工), counted per ``VisitQuota.per`` (``unit-visited``: each county, industry or enterprise a
  group visits; ``group``: the group's whole round). Households visited are counted from the log;
  with no log, from the plan.
* ``window``: every visit falls inside the concentrated visiting window
  (``Campaign.visiting_window``), or the campaign period where there is none.
* ``coverage``: every family on file was visited (武工办〔2014〕74号 三(二) "普遍走访慰问一次",
  豫工文〔2017〕61号 三2 "全覆盖、不遗漏"); one finding per family missed. Only visits inside the
  window of the ``window`` rule count (``coverage_in_window=False``: a visit on any date).
* ``group``: a visit names a group of the plan.

Names and ID numbers are masked in findings unless ``show_personal_data=True``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from wennuan_rules.audits._common import Audit, check_file_campaign, resolve_campaign
from wennuan_rules.audits.data import AuditData, audit_data
from wennuan_rules.audits.readers import header_str, read_records
from wennuan_rules.audits.roster import as_input_error, normalize_id_number, parse_date
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError, WennuanError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.privacy import mask_id_number, mask_name
from wennuan_rules.report import Report
from wennuan_rules.vocabulary import HardshipCategory

if TYPE_CHECKING:
    from wennuan_rules.campaign import Campaign

__all__ = [
    "FAMILY_FIELDS",
    "QUOTA_PER",
    "VISIT_FIELDS",
    "FamilyOnFile",
    "Visit",
    "VisitGroup",
    "VisitPlan",
    "Visitee",
    "audit_visits",
    "read_families",
    "read_visits",
]

VISIT_FIELDS: Final = ("group", "date", "household", "kind", "unit", "name", "id_number")
HOUSEHOLD_FIELDS: Final = ("ref", "kind", "unit", "name", "id_number")
GROUP_FIELDS: Final = ("id", "leaders", "liaison", "units", "departments", "households")
FAMILY_FIELDS: Final = ("ref", "name", "id_number", "file_category", "filed_on")
_VISIT_ALIASES: Final = {
    "group": ("组", "组别", "組", "組別", "走访组", "走訪組"),
    "date": ("日期", "走访日期", "走訪日期", "visited_on"),
    "household": ("户", "户号", "戶", "戶號", "编号", "編號"),
    "kind": ("类别", "類別", "对象类别", "對象類別"),
    "unit": ("单位", "單位", "走访单位", "走訪單位"),
    "name": ("姓名",),
    "id_number": ("身份证号", "身份证号码", "身份證號", "身份證號碼", "公民身份号码"),
}
_FAMILY_ALIASES: Final = {
    "ref": ("编号", "編號", "户号", "戶號", "序号", "序號"),
    "name": ("姓名",),
    "id_number": ("身份证号", "身份证号码", "身份證號", "身份證號碼", "公民身份号码"),
    "file_category": ("档案类别", "檔案類別", "建档类别", "建檔類別"),
    "filed_on": ("建档日期", "建檔日期"),
}


#: How a visit quota may be counted: per unit a group visits, or per group.
QUOTA_PER: Final = ("unit-visited", "group")

_opt_text = attrs.validators.optional(attrs.validators.instance_of(str))
_texts = attrs.validators.deep_iterable(
    attrs.validators.instance_of(str), attrs.validators.instance_of(tuple)
)


@attrs.frozen
class Visitee:
    """A household a plan assigns to a group (any of ``ref``, ``id_number``, ``name`` identifies
    it)."""

    ref: str | None = attrs.field(default=None, validator=_opt_text)
    kind: str | None = attrs.field(default=None, validator=_opt_text)
    unit: str | None = attrs.field(default=None, validator=_opt_text)
    name: str | None = attrs.field(default=None, validator=_opt_text)
    id_number: str | None = attrs.field(default=None, validator=_opt_text)


@attrs.frozen
class VisitGroup:
    """A visiting group of the plan (附件4 分组表): its leaders, liaison, the units it visits."""

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    leaders: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    liaison: str | None = attrs.field(default=None, validator=_opt_text)
    units: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    departments: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    households: tuple[Visitee, ...] = attrs.field(default=())


@attrs.frozen
class Visit:
    """One visit of the log.

    Attributes:
        visited_on: the day of the visit.
        group: the visiting group's id (``None`` when the log does not say).
        household: the household's reference (matches ``Visitee.ref`` and ``FamilyOnFile.ref``).
        kind: the household's kind (``model-worker``, ``migrant-worker``, ``worker``; or a label).
        unit: the county, industry or enterprise visited.
        name: the head of the household's name.
        id_number: their 居民身份证 number (matches the families on file).
        row: the CSV line or 1-based JSON record.
    """

    visited_on: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    group: str | None = attrs.field(default=None, validator=_opt_text)
    household: str | None = attrs.field(default=None, validator=_opt_text)
    kind: str | None = attrs.field(default=None, validator=_opt_text)
    unit: str | None = attrs.field(default=None, validator=_opt_text)
    name: str | None = attrs.field(default=None, validator=_opt_text)
    id_number: str | None = attrs.field(default=None, validator=_opt_text)
    row: int | None = attrs.field(default=None)

    @property
    def where(self) -> str:
        return str(self.row) if self.row is not None else (self.household or "?")

    def key(self) -> str:
        """Which household this was: its reference, else its normalised ID number, else its row."""
        if self.household:
            return "ref:" + self.household
        if self.id_number:
            return "id:" + normalize_id_number(self.id_number)
        return "row:" + self.where


@attrs.frozen
class VisitPlan:
    """A visits file read whole: the plan's groups and the log's visits (either may be empty)."""

    groups: tuple[VisitGroup, ...] = ()
    visits: tuple[Visit, ...] = ()
    unit: str | None = None
    campaign: str | None = None
    file: str | None = None


@attrs.frozen
class FamilyOnFile:
    """A family on the hardship file (建档困难职工家庭), which coverage rules require to be
    visited."""

    ref: str | None = attrs.field(default=None, validator=_opt_text)
    name: str | None = attrs.field(default=None, validator=_opt_text)
    id_number: str | None = attrs.field(default=None, validator=_opt_text)
    file_category: HardshipCategory | None = attrs.field(default=None)
    filed_on: dt.date | None = attrs.field(default=None)
    row: int | None = attrs.field(default=None)

    @property
    def where(self) -> str:
        return str(self.row) if self.row is not None else (self.ref or "?")


# -- readers ---------------------------------------------------------------------------------------


def _text(value: object, what: str, *, personal: bool = False) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and not personal:
        return str(value)
    if not isinstance(value, str):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected="text",
            got=f"<{type(value).__name__}>" if personal else value,
        )
    return value.strip() or None


def _type_error(what: str, expected: str, value: object) -> InvalidValueError:
    """A value of the wrong type (its type is shown, never its content: it may be personal)."""
    return InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=what,
        expected=expected,
        got=type(value).__name__,
    )


def _required(what: str, expected: str) -> InvalidValueError:
    return InvalidValueError(
        N_("{what}: a value is required; expected {expected}"),
        what=what,
        expected=expected,
        got=None,
    )


def _texts_of(value: object, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.replace("，", ",").replace("、", ",").split(",") if v.strip())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _type_error(what, "a list of texts", value)
    return tuple(v.strip() for v in value if v.strip())


def _check_keys(data: Mapping[str, object], known: Sequence[str], what: str) -> None:
    for key in data:
        if key not in known:
            raise UnknownIdError(
                N_("{what}: unknown value {got}; expected one of {expected}"),
                what=what,
                expected=", ".join(known),
                got=key,
            )


def _visit(data: Mapping[str, object], row: int) -> Visit:
    _check_keys(data, VISIT_FIELDS, "visit field")
    if data.get("date") in (None, ""):
        raise _required("date", "a date such as 2010-01-26")
    return Visit(
        visited_on=parse_date(data["date"], what="date"),
        group=_text(data.get("group"), "group"),
        household=_text(data.get("household"), "household"),
        kind=_text(data.get("kind"), "kind"),
        unit=_text(data.get("unit"), "unit"),
        name=_text(data.get("name"), "name", personal=True),
        id_number=_text(data.get("id_number"), "id_number", personal=True),
        row=row,
    )


def _group(data: object) -> VisitGroup:
    if not isinstance(data, dict):
        raise _type_error("groups", "an object", data)
    _check_keys(data, GROUP_FIELDS, "group field")
    ident = _text(data.get("id"), "id")
    if ident is None:
        raise _required("id", "the group's id, e.g. g1")
    households = []
    raw = data.get("households") or []
    if not isinstance(raw, list):
        raise _type_error("households", "a list of objects", raw)
    for item in raw:
        if not isinstance(item, dict):
            raise _type_error("households", "an object", item)
        _check_keys(item, HOUSEHOLD_FIELDS, "household field")
        households.append(
            Visitee(
                ref=_text(item.get("ref"), "ref"),
                kind=_text(item.get("kind"), "kind"),
                unit=_text(item.get("unit"), "unit"),
                name=_text(item.get("name"), "name", personal=True),
                id_number=_text(item.get("id_number"), "id_number", personal=True),
            )
        )
    return VisitGroup(
        id=ident,
        leaders=_texts_of(data.get("leaders"), "leaders"),
        liaison=_text(data.get("liaison"), "liaison"),
        units=_texts_of(data.get("units"), "units"),
        departments=_texts_of(data.get("departments"), "departments"),
        households=tuple(households),
    )


def read_visits(path: Path | str) -> VisitPlan:
    """A visits file: JSON (plan and/or log, or a list of visits), JSON Lines (one visit a line)
    or CSV (a log).

    ``Visit.row`` is the line where the visit starts (CSV: the header is line 1).

    Raises:
        InputFileError: unreadable file, unknown key or column, a value that cannot be read; the
            error names the file and the line where the record starts.
    """
    name = str(path)
    visits, header, located = read_records(
        path,
        key="visits",
        what="visit",
        known=("campaign", "unit", "groups"),
        fields=VISIT_FIELDS,
        aliases=_VISIT_ALIASES,
        build=_visit,
        lists=("groups",),
    )
    groups = []
    raw_groups = header.get("groups") or []
    if not isinstance(raw_groups, list):
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="groups",
            expected="a list of groups",
            got=type(raw_groups).__name__,
            file=name,
        )
    for line, item in located.get("groups") or list(enumerate(raw_groups, start=1)):
        try:
            groups.append(_group(item))
        except WennuanError as exc:
            raise as_input_error(exc, name, line, "groups") from None
    return VisitPlan(
        groups=tuple(groups),
        visits=tuple(visits),
        unit=header_str(header, "unit", name),
        campaign=header_str(header, "campaign", name),
        file=name,
    )


def _family(data: Mapping[str, object], row: int) -> FamilyOnFile:
    _check_keys(data, FAMILY_FIELDS, "family field")
    category = _text(data.get("file_category"), "file_category")
    filed = data.get("filed_on")
    ref = _text(data.get("ref"), "ref")
    id_number = _text(data.get("id_number"), "id_number", personal=True)
    if ref is None and id_number is None:
        raise _required("ref", "a ref or an id_number to match the family with visits")
    return FamilyOnFile(
        ref=ref,
        name=_text(data.get("name"), "name", personal=True),
        id_number=id_number,
        file_category=None if category is None else HardshipCategory.from_text(category),
        filed_on=None if filed in (None, "") else parse_date(filed, what="filed_on"),
        row=row,
    )


def read_families(path: Path | str) -> tuple[FamilyOnFile, ...]:
    """The families on file: JSON (a list, or ``{"families": […]}``), JSON Lines or CSV.

    Raises:
        InputFileError: unreadable file, unknown key or column, a family with neither ref nor ID
            number.
    """
    families, _header, _located = read_records(
        path,
        key="families",
        what="family",
        known=("campaign", "unit"),
        fields=FAMILY_FIELDS,
        aliases=_FAMILY_ALIASES,
        build=_family,
    )
    return tuple(families)


# -- the audit -------------------------------------------------------------------------------------


def _person(name: str | None, id_number: str | None, ref: str | None, show: bool) -> str:
    """How a finding names a family: ref, masked ID number, masked name (clear when ``show``)."""
    parts = []
    if ref:
        parts.append(ref)
    if id_number:
        parts.append(id_number if show else mask_id_number(id_number))
    if name:
        parts.append(name if show else mask_name(name))
    return " ".join(parts) or "?"


def _visit_keys(v: Visit) -> list[str]:
    keys = ["ref:" + v.household] if v.household else []
    if v.id_number:
        keys.append("id:" + normalize_id_number(v.id_number))
    return keys


def _family_keys(f: FamilyOnFile) -> list[str]:
    keys = ["ref:" + f.ref] if f.ref else []
    if f.id_number:
        keys.append("id:" + normalize_id_number(f.id_number))
    return keys


def audit_visits(
    plan: VisitPlan | Iterable[Visit],
    campaign: Campaign | str,
    *,
    families: Iterable[FamilyOnFile] | None = None,
    show_personal_data: bool = False,
    data: AuditData | None = None,
    quota_per: str | None = None,
    require_coverage: bool | None = None,
    unit: str | None = None,
    coverage_in_window: bool = True,
) -> Report:
    """Audit a visiting plan and/or visit log against a campaign's rules.

    Args:
        plan: a :class:`VisitPlan` (groups and visits) or just the visits.
        campaign: a campaign or its id.
        families: the families on file, for the coverage rule (``None``: coverage not evaluated).
        show_personal_data: names and ID numbers in clear in findings (default: masked).
        data: the campaign's audit data (kinds of household; default: bundled).
        quota_per: ``unit-visited`` or ``group`` to count the quota otherwise than the campaign
            reads it.
        require_coverage: force the coverage rule on (``True``) or off (``False``); ``None``: as the
            campaign says (``Campaign.coverage``).
        unit: the unit shown in the report (default: the file's own).
        coverage_in_window: only visits inside the window the ``window`` rule checks (the
            concentrated visiting window, else the campaign period) count for coverage (default;
            docs/decisions.md "Audits"); ``False`` counts a visit on any date.

    Returns:
        A :class:`~wennuan_rules.report.Report` with form ``<campaign>:visits``.

    Raises:
        UnknownIdError: an unknown campaign id.
        InvalidValueError: a ``quota_per`` other than ``unit-visited`` or ``group``; a visits file
            that names another campaign.
    """
    camp = resolve_campaign(campaign)
    if not isinstance(plan, VisitPlan):
        plan = VisitPlan(visits=tuple(plan))
    check_file_campaign(plan.campaign, camp.id, plan.file)
    if unit is None:
        unit = plan.unit
    info = data if data is not None else audit_data(camp.id)
    audit = Audit(camp.id, "visits", show_personal_data=show_personal_data)
    prefix = audit.prefix
    tally = audit.tally
    show = show_personal_data

    def kind_of(text: str | None) -> str | None:
        if text is None:
            return None
        found = info.group(text)
        return found.id if found is not None else text

    # -- group named by a visit --------------------------------------------------------------------
    group_ids = [g.id for g in plan.groups]
    r_group = prefix + "group"
    if group_ids:
        for v in plan.visits:
            if v.group is None or v.group in group_ids:
                tally.add(r_group, 0)
                continue
            audit.finding(
                r_group,
                ("group",),
                Message.of(
                    N_("the visit names group {got}, which is not in the plan ({expected})"),
                    got=v.group,
                    expected=", ".join(group_ids),
                ),
                v.where,
                camp.visit_quota.source if camp.visit_quota else "",
                expected=", ".join(group_ids),
                actual=v.group,
            )

    # -- window ------------------------------------------------------------------------------------
    window = camp.visiting_window or camp.period
    r_window = prefix + "window"
    for v in plan.visits:
        if window.start <= v.visited_on <= window.end:
            tally.add(r_window, 0)
            continue
        audit.finding(
            r_window,
            ("date",),
            Message.of(
                N_("visited on {date}, outside the visiting window {start} to {end}"),
                date=v.visited_on.isoformat(),
                start=window.start.isoformat(),
                end=window.end.isoformat(),
            ),
            v.where,
            window.source,
            expected=f"{window.start.isoformat()} .. {window.end.isoformat()}",
            actual=v.visited_on.isoformat(),
        )

    # -- quota -------------------------------------------------------------------------------------
    quota = camp.visit_quota
    quota_out: list[dict[str, Any]] = []
    if quota is not None:
        per = quota_per if quota_per is not None else quota.per
        if per not in QUOTA_PER:
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what="quota_per",
                expected=" or ".join(QUOTA_PER),
                got=per,
            )
        r_quota = prefix + "quota"
        kinds = {g.id: g for g in info.groups}  # shown by their label in messages
        # (group, unit) -> household key -> kind
        seen: dict[tuple[str, str | None], dict[str, str | None]] = {}
        order: list[tuple[str, str | None]] = []

        def bucket(group: str, place: str | None) -> dict[str, str | None]:
            key = (group, place if per == "unit-visited" else None)
            if key not in seen:
                seen[key] = {}
                order.append(key)
            return seen[key]

        if plan.visits:
            counted_from = "log"
            for g in plan.groups:  # every planned unit must be visited
                if per == "unit-visited" and g.units:
                    for u in g.units:
                        bucket(g.id, u)
                else:
                    bucket(g.id, None)
            for v in plan.visits:
                households = bucket(v.group or "?", v.unit)
                households.setdefault(v.key(), kind_of(v.kind))
        else:
            counted_from = "plan"
            for g in plan.groups:
                if per == "unit-visited" and g.units:
                    for u in g.units:
                        bucket(g.id, u)
                else:
                    bucket(g.id, None)
                for i, h in enumerate(g.households, start=1):
                    ident = h.ref or (normalize_id_number(h.id_number) if h.id_number else f"#{i}")
                    bucket(g.id, h.unit).setdefault(ident, kind_of(h.kind))
        for group, place in order:
            households = seen[(group, place)]
            where = group if place is None else f"{group} {place}"
            counts = {k: 0 for k in quota.by_kind}
            for kind in households.values():
                if kind in counts:
                    counts[kind] += 1
            quota_out.append(
                {"group": group, "unit": place, "households": len(households), "by_kind": counts}
            )
            checks: list[tuple[str | None, int, int]] = [
                (None, len(households), quota.minimum_households)
            ]
            checks += [(k, counts[k], n) for k, n in quota.by_kind.items()]
            for kind, got, minimum in checks:
                if got >= minimum:
                    tally.add(r_quota, 0)
                    continue
                if kind is None:
                    message = Message.of(
                        N_("group {group} saw {count} households; at least {minimum} are required"),
                        group=where,
                        count=got,
                        minimum=minimum,
                    )
                else:
                    message = Message.of(
                        N_(
                            "group {group} saw {count} households of kind {kind}; "
                            "at least {minimum} are required"
                        ),
                        group=where,
                        count=got,
                        kind=kinds.get(kind, kind),
                        minimum=minimum,
                    )
                audit.finding(
                    r_quota,
                    ("kind",) if kind is not None else ("household",),
                    message,
                    where,
                    quota.source,
                    expected=f">= {minimum}",
                    actual=str(got),
                )
    else:
        counted_from = None

    # -- coverage ----------------------------------------------------------------------------------
    wanted = camp.coverage is not None if require_coverage is None else require_coverage
    r_cover = prefix + "coverage"
    coverage_out: dict[str, Any] | None = None
    if wanted:
        source = camp.coverage.source if camp.coverage is not None else ""
        if families is None:
            audit.skip(r_cover)
        else:
            # which visits count: those in the window (docs/decisions.md "Audits"), or any
            counted = [
                v
                for v in plan.visits
                if not coverage_in_window or window.start <= v.visited_on <= window.end
            ]
            refs = {v.household for v in counted if v.household}
            ids = {normalize_id_number(v.id_number) for v in counted if v.id_number}
            # visits outside the window, per household key, to say why a family still counts as
            # missed
            outside: dict[str, list[str]] = {}
            if coverage_in_window:
                for v in plan.visits:
                    if not window.start <= v.visited_on <= window.end:
                        for key in _visit_keys(v):
                            outside.setdefault(key, []).append(v.visited_on.isoformat())
            span = f"{window.start.isoformat()} .. {window.end.isoformat()}"
            total = missed = 0
            for f in families:
                total += 1
                if (f.ref and f.ref in refs) or (
                    f.id_number and normalize_id_number(f.id_number) in ids
                ):
                    tally.add(r_cover, 0)
                    continue
                missed += 1
                family = _person(f.name, f.id_number, f.ref, show)
                dates = sorted({d for key in _family_keys(f) for d in outside.get(key, ())})
                if dates:
                    message = Message.of(
                        N_(
                            "family {family} is on file but was visited only on {dates}, "
                            "outside {start} to {end}"
                        ),
                        family=family,
                        dates=", ".join(dates),
                        start=window.start.isoformat(),
                        end=window.end.isoformat(),
                    )
                else:
                    message = Message.of(
                        N_("family {family} is on file but was not visited"), family=family
                    )
                audit.finding(
                    r_cover,
                    ("household",),
                    message,
                    f.where,
                    source,
                    expected=span if coverage_in_window else None,
                    actual=", ".join(dates) or None,
                )
            coverage_out = {
                "on_file": total,
                "visited": total - missed,
                "missed": missed,
            }

    extra: dict[str, Any] = {
        "campaign": camp.id,
        "groups": len(plan.groups),
        "visits": len(plan.visits),
        "window": {"start": window.start.isoformat(), "end": window.end.isoformat()},
    }
    if quota is not None:
        extra["quota"] = {
            "counted_from": counted_from,
            "per": quota_per or quota.per,
            "groups": quota_out,
        }
    if coverage_out is not None:
        extra["coverage"] = coverage_out
        extra["coverage_counts"] = (
            "visits in window" if coverage_in_window else "visits on any date"
        )
    return audit.report(unit, extra)

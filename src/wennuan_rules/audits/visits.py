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

Rules (ids ``<campaign>:visits/<name>``), one function each in
:mod:`wennuan_rules.audits.rules.visits`; :func:`audit_visits` runs those the campaign's audit
data lists (``[rules] visits``; every rule by default), in order:

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
* ``grouping``, ``leaders``, ``must-visit``: the official grouping (附件4), the leaders' visits
  (附件3 三6) and 五必访 (四(一)); :mod:`wennuan_rules.audits.rules.visit_plan`.

Names and ID numbers are masked in findings unless ``show_personal_data=True``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, TypeVar, overload

import attrs

from wennuan_rules._io.collect import Collected, Problems, check_errors
from wennuan_rules.audits._common import Audit, check_file_campaign, resolve_campaign
from wennuan_rules.audits.data import audit_data
from wennuan_rules.audits.model import AuditData
from wennuan_rules.audits.readers import header_str, read_records
from wennuan_rules.audits.records import (
    QUOTA_PER,
    FamilyOnFile,
    Visit,
    Visitee,
    VisitGroup,
    VisitPlan,
    check_keys,
    text_value,
)
from wennuan_rules.audits.roster import as_input_error, parse_date
from wennuan_rules.audits.rules.visits import VisitContext
from wennuan_rules.errors import (
    InputFileError,
    InputProblems,
    InvalidValueError,
    UnknownIdError,
    WennuanError,
)
from wennuan_rules.i18n import N_
from wennuan_rules.report import Report
from wennuan_rules.vocabulary import FiveMustVisits, HardshipCategory, ModelWorkerLevel, Vocab

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
    "identified_visits",
    "read_families",
    "read_visits",
]

VISIT_FIELDS: Final = (
    "group",
    "date",
    "household",
    "kind",
    "unit",
    "name",
    "id_number",
    "model_worker_level",
    "no",
)
HOUSEHOLD_FIELDS: Final = ("ref", "kind", "unit", "name", "id_number", "model_worker_level")
GROUP_FIELDS: Final = ("id", "leaders", "liaison", "units", "departments", "households")
FAMILY_FIELDS: Final = (
    "ref",
    "name",
    "id_number",
    "file_category",
    "filed_on",
    "must_visit",
    "no",
)
#: A log's or file's own row-number column (序号), shown in findings besides the file line.
_NO_ALIASES: Final = ("序号", "序號", "序", "no.")
_LEVEL_ALIASES: Final = ("劳模级别", "勞模級別", "劳模等级", "勞模等級", "级别", "級別", "level")
_VISIT_ALIASES: Final = {
    "group": ("组", "组别", "組", "組別", "走访组", "走訪組", "慰问组", "慰問組", "分组", "分組"),
    "date": ("日期", "走访日期", "走訪日期", "visited_on"),
    "household": ("户", "户号", "戶", "戶號", "编号", "編號"),
    "kind": ("类别", "類別", "对象类别", "對象類別"),
    "unit": ("单位", "單位", "走访单位", "走訪單位"),
    "name": ("姓名",),
    "id_number": ("身份证号", "身份证号码", "身份證號", "身份證號碼", "公民身份号码"),
    "model_worker_level": _LEVEL_ALIASES,
    "no": _NO_ALIASES,
}
_FAMILY_ALIASES: Final = {
    "ref": ("编号", "編號", "户号", "戶號"),
    "no": _NO_ALIASES,
    "name": ("姓名",),
    "id_number": ("身份证号", "身份证号码", "身份證號", "身份證號碼", "公民身份号码"),
    "file_category": ("档案类别", "檔案類別", "建档类别", "建檔類別"),
    "filed_on": ("建档日期", "建檔日期"),
    "must_visit": ("五必访", "五必訪", "必访类别", "必訪類別", "五必访类别", "五必訪類別"),
}


_V = TypeVar("_V", bound=Vocab)


_text = text_value


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
        raise _type_error(what, N_("a list of texts"), value)
    return tuple(v.strip() for v in value if v.strip())


def _vocab(cls: type[_V], text: str, what: str) -> _V:
    """A vocabulary member, an unknown value named by its field (not by the vocabulary)."""
    try:
        return cls.from_text(text)
    except WennuanError as exc:
        raise UnknownIdError(exc.msgid, what=what, expected=exc.expected, got=text) from None


def _level(value: object) -> ModelWorkerLevel | None:
    text = _text(value, "model_worker_level")
    return None if text is None else _vocab(ModelWorkerLevel, text, "model_worker_level")


_IDENTIFIES: Final = "the household's reference (household), its ID number or its name"


def _as_text(value: object) -> object:
    """A row number as text (a JSON integer such as ``7`` is ``"7"``)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _visit(data: Mapping[str, object], row: int) -> Visit:
    check_keys(data, VISIT_FIELDS, "visit field")
    if data.get("date") in (None, ""):
        raise _required("date", N_("a date such as 2010-01-26"))
    visit = Visit(
        visited_on=parse_date(data["date"], what=N_("date")),
        group=_text(data.get("group"), "group"),
        household=_text(data.get("household"), "household"),
        kind=_text(data.get("kind"), "kind"),
        unit=_text(data.get("unit"), "unit"),
        name=_text(data.get("name"), "name", personal=True),
        id_number=_text(data.get("id_number"), "id_number", personal=True),
        row=row,
        model_worker_level=_level(data.get("model_worker_level")),
        no=_text(_as_text(data.get("no")), "no"),
    )
    return visit


def _group(data: object) -> VisitGroup:
    if not isinstance(data, dict):
        raise _type_error("groups", N_("an object"), data)
    check_keys(data, GROUP_FIELDS, "group field")
    ident = _text(data.get("id"), "id")
    if ident is None:
        raise _required("id", N_("the group's id, e.g. g1"))
    households = []
    raw = data.get("households") or []
    if not isinstance(raw, list):
        raise _type_error("households", N_("a list of objects"), raw)
    for item in raw:
        if not isinstance(item, dict):
            raise _type_error("households", N_("an object"), item)
        check_keys(item, HOUSEHOLD_FIELDS, "household field")
        households.append(
            Visitee(
                ref=_text(item.get("ref"), "ref"),
                kind=_text(item.get("kind"), "kind"),
                unit=_text(item.get("unit"), "unit"),
                name=_text(item.get("name"), "name", personal=True),
                id_number=_text(item.get("id_number"), "id_number", personal=True),
                model_worker_level=_level(item.get("model_worker_level")),
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


@overload
def read_visits(path: Path | str, *, errors: Literal["raise"] = ...) -> VisitPlan: ...


@overload
def read_visits(path: Path | str, *, errors: Literal["collect"]) -> Collected[VisitPlan]: ...


def read_visits(path: Path | str, *, errors: str = "raise") -> VisitPlan | Collected[VisitPlan]:
    """A visits file: JSON (plan and/or log, or a list of visits), JSON Lines (one visit a line)
    or CSV (a log).

    ``Visit.row`` is the line where the visit starts (CSV: the header is line 1). The file is read
    to its end whatever its problems; a visit or group that cannot be read is left out.

    Args:
        path: the file.
        errors: ``"raise"`` (default): raise every problem as one error; ``"collect"``: return a
            :class:`~wennuan_rules.Collected` of the plan (what could be read) and the problems.

    Raises:
        InputFileError: unreadable file, unknown key or column, a value that cannot be read; the
            error names the file and the line where the record starts.
        InputProblems: more than one problem (``problems`` lists each).
    """
    collect = check_errors(errors)
    name = str(path)
    problems = Problems(name)
    visits, header, located = read_records(
        path,
        key="visits",
        what=N_("visit"),
        known=("campaign", "unit", "groups"),
        fields=VISIT_FIELDS,
        aliases=_VISIT_ALIASES,
        build=_visit,
        lists=("groups",),
        problems=problems,
    )
    groups = []
    raw_groups = header.get("groups") or []
    if not isinstance(raw_groups, list):
        problems.add(
            InputFileError(
                N_("{what}: expected {expected}, got {got}"),
                what=N_("groups"),
                expected=N_("a list of groups"),
                got=type(raw_groups).__name__,
                file=name,
            )
        )
        raw_groups = []
    for line, item in located.get("groups") or list(enumerate(raw_groups, start=1)):
        try:
            groups.append(_group(item))
        except WennuanError as exc:
            problems.add(as_input_error(exc, name, line, "groups"))
    unit = campaign = None
    try:
        unit = header_str(header, "unit", name)
        campaign = header_str(header, "campaign", name)
    except WennuanError as exc:
        problems.add(exc)
    plan = VisitPlan(
        groups=tuple(groups),
        visits=tuple(visits),
        unit=unit,
        campaign=campaign,
        file=name,
    )
    if collect:
        return problems.collected(plan)
    problems.raise_any()
    return plan


def _family(data: Mapping[str, object], row: int) -> FamilyOnFile:
    check_keys(data, FAMILY_FIELDS, "family field")
    category = _text(data.get("file_category"), "file_category")
    filed = data.get("filed_on")
    no = _text(_as_text(data.get("no")), "no")
    ref = _text(data.get("ref"), "ref") or no  # 序号 fed ref before no existed
    id_number = _text(data.get("id_number"), "id_number", personal=True)
    if ref is None and id_number is None:
        raise _required("ref", N_("a ref or an id_number to match the family with visits"))
    return FamilyOnFile(
        ref=ref,
        name=_text(data.get("name"), "name", personal=True),
        id_number=id_number,
        file_category=None if category is None else HardshipCategory.from_text(category),
        filed_on=None if filed in (None, "") else parse_date(filed, what="filed_on"),
        row=row,
        no=no,
        must_visit=tuple(
            _vocab(FiveMustVisits, t, "must_visit")
            for t in _texts_of(data.get("must_visit"), "must_visit")
        ),
    )


@overload
def read_families(
    path: Path | str, *, errors: Literal["raise"] = ...
) -> tuple[FamilyOnFile, ...]: ...


@overload
def read_families(
    path: Path | str, *, errors: Literal["collect"]
) -> Collected[tuple[FamilyOnFile, ...]]: ...


def read_families(
    path: Path | str, *, errors: str = "raise"
) -> tuple[FamilyOnFile, ...] | Collected[tuple[FamilyOnFile, ...]]:
    """The families on file: JSON (a list, or ``{"families": […]}``), JSON Lines or CSV.

    The file is read to its end whatever its problems; a family that cannot be read is left out.

    Args:
        path: the file.
        errors: ``"raise"`` (default): raise every problem as one error; ``"collect"``: return a
            :class:`~wennuan_rules.Collected` of the families (a tuple) and the problems.

    Raises:
        InputFileError: unreadable file, unknown key or column, a family with neither ref nor ID
            number.
        InputProblems: more than one problem (``problems`` lists each).
    """
    collect = check_errors(errors)
    problems = Problems(str(path))
    families, _header, _located = read_records(
        path,
        key="families",
        what=N_("family"),
        known=("campaign", "unit"),
        fields=FAMILY_FIELDS,
        aliases=_FAMILY_ALIASES,
        build=_family,
        problems=problems,
    )
    if collect:
        return problems.collected(tuple(families))
    problems.raise_any()
    return tuple(families)


# -- the audit -------------------------------------------------------------------------------------


def _visits_of(plan: object) -> tuple[Visit, ...]:
    """The visits of what was given for a plan: an iterable of :class:`Visit`, nothing else."""
    if isinstance(plan, str | bytes | Mapping) or not isinstance(plan, Iterable):
        raise _type_error("plan", N_("a VisitPlan or an iterable of Visit"), plan)
    visits = tuple(plan)
    for i, v in enumerate(visits):
        if not isinstance(v, Visit):
            raise _type_error(f"visits[{i}]", N_("a Visit"), v)
    return visits


def identified_visits(plan: VisitPlan) -> tuple[VisitPlan, tuple[WennuanError, ...]]:
    """The plan without the visits read from a file that do not say which household they were (a
    visit would be counted by its line, and a compact JSON log has every visit on one line), and
    one problem for each visit left out (its line, the field ``household``)."""
    if plan.file is None:
        return plan, ()
    problems = tuple(
        as_input_error(_required("household", _IDENTIFIES), plan.file, v.row, "household")
        for v in plan.visits
        if not v.identified()
    )
    if not problems:
        return plan, ()
    kept = tuple(v for v in plan.visits if v.identified())
    return attrs.evolve(plan, visits=kept), problems


def _check_identified(plan: VisitPlan) -> None:
    """Refuse a visit read from a file that does not say which household it was (every one of
    them: :func:`identified_visits`)."""
    _plan, problems = identified_visits(plan)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InputProblems(plan.file, problems)


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
    must_visit: Iterable[FamilyOnFile] | None = None,
) -> Report:
    """Audit a visiting plan and/or visit log against a campaign's rules.

    Args:
        plan: a :class:`VisitPlan` (groups and visits) or just the visits.
        campaign: a campaign or its id.
        families: the families on file, for the coverage rule (``None``: coverage not evaluated).
        show_personal_data: names and ID numbers in clear in findings (default: masked).
        data: the campaign's audit data (kinds of household, the rules to run: ``[rules] visits``;
            default: bundled).
        quota_per: ``unit-visited`` or ``group`` to count the quota otherwise than the campaign
            reads it.
        require_coverage: force the coverage rule on (``True``) or off (``False``); ``None``: as the
            campaign says (``Campaign.coverage``).
        unit: the unit shown in the report (default: the file's own).
        coverage_in_window: only visits inside the window the ``window`` rule checks (the
            concentrated visiting window, else the campaign period) count for coverage (default;
            docs/decisions.md "Audits"); ``False`` counts a visit on any date.
        must_visit: the families (and 特困企业) of 五必访 (平工总［2009］38号 四(一)), each with
            its ``must_visit`` categories; ``None``: those of ``families`` that have categories.

    Returns:
        A :class:`~wennuan_rules.report.Report` with form ``<campaign>:visits``.

    Raises:
        UnknownIdError: an unknown campaign id.
        InvalidValueError: a ``quota_per`` other than ``unit-visited`` or ``group``; a visits file
            that names another campaign.
        InputFileError: a visit read from a file that names no household (no reference, ID number
            or name).
    """
    camp = resolve_campaign(campaign)
    if not isinstance(plan, VisitPlan):
        plan = VisitPlan(visits=_visits_of(plan))
    check_file_campaign(plan.campaign, camp.id, plan.file)
    _check_identified(plan)
    if unit is None:
        unit = plan.unit
    info = data if data is not None else audit_data(camp.id)
    window = camp.visiting_window or camp.period
    ctx = VisitContext(
        campaign=camp,
        info=info,
        audit=Audit(camp.id, "visits", show_personal_data=show_personal_data),
        plan=plan,
        families=None if families is None else tuple(families),  # read by two rules
        window=window,
        quota_per=quota_per,
        require_coverage=require_coverage,
        coverage_in_window=coverage_in_window,
        must_visit=None if must_visit is None else tuple(must_visit),
        extra={
            "campaign": camp.id,
            "groups": len(plan.groups),
            "visits": len(plan.visits),
            "window": {"start": window.start.isoformat(), "end": window.end.isoformat()},
        },
    )
    for use in info.rules("visits"):
        use.rule.function(ctx, use)
    return ctx.audit.report(unit, ctx.extra)

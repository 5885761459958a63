"""The visit rules of a campaign's plan (ids ``visits/grouping``, ``visits/leaders``,
``visits/must-visit``; docs/audits.md):

* ``grouping``: the plan and log against the official grouping of the visits (平工总［2009］38号
  附件4 分组表, the audit data's ``[[visiting_groups]]``): a group that is not in it, and a group
  of it with no visits.
* ``leaders``: the visits of the provincial and city leaders (附件3 三6 "省、市领导看望
  16名困难职工和10名生活困难的省部级以上劳模", the audit data's ``[leaders_visits]``) reach
  each target.
* ``must-visit``: 五必访 (四(一)): every family (and 特困企业) listed with a 五必访 category was
  visited during the campaign period; the families missed, by category.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from wennuan_rules.audits._common import PASS
from wennuan_rules.audits.registry import RuleUse, audit_rule
from wennuan_rules.audits.roster import normalize_id_number
from wennuan_rules.audits.rules.visits import VisitContext, _person
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import FiveMustVisits, ModelWorkerLevel, _key

if TYPE_CHECKING:
    from wennuan_rules.audits.model import LeadersVisits, OfficialGroup, VisitTarget
    from wennuan_rules.audits.records import FamilyOnFile, Visit

__all__: list[str] = []


def _official(groups: tuple[OfficialGroup, ...], name: str | None) -> OfficialGroup | None:
    """The official group a plan or log calls ``name`` (its id or an alias), else ``None``."""
    if name is None:
        return None
    key = _key(name)
    return next((g for g in groups if key in g.names()), None)


@audit_rule(
    "visits/grouping",
    clause="the official grouping of the visits: the campaign audit data's [[visiting_groups]] "
    "source (平工总［2009］38号 附件4 分组表)",
    summary="every group of the plan and log is one of the official grouping (or the leaders' "
    "group), and every official group has visits (from the log, else the plan); not evaluated "
    "where the plan names none of the official groups, unless required = true",
    params={"required": False},
)
def grouping(ctx: VisitContext, use: RuleUse) -> None:
    official = ctx.info.visiting_groups
    if not official:
        return
    rule, plan = ctx.rule("grouping"), ctx.plan
    source = "; ".join(dict.fromkeys(g.source for g in official))
    used: dict[str, tuple[str, str]] = {}  # normalised name -> (as written, where first met)
    for g in plan.groups:
        used.setdefault(_key(g.id), (g.id, g.id))
    for v in plan.visits:
        if v.group:
            used.setdefault(_key(v.group), (v.group, v.where))
    # a plan naming none of the official groups is some other union's plan (a county's own
    # groups): not compared, unless the data file says required = true
    claims = any(_official(official, name) is not None for name, _where in used.values())
    if not claims and not (used and use.params.get("required")):
        ctx.audit.skip(rule)
        return
    expected = ", ".join(g.id for g in official)
    unknown = []
    for name, where in used.values():
        if _official(official, name) is not None or ctx.leaders_group(name):
            ctx.audit.tally.add(rule, PASS)
            continue
        unknown.append(name)
        message = Message.of(
            N_(
                "group {got} is not one of the visiting groups of the official grouping "
                "({expected})"
            ),
            got=name,
            expected=expected,
        )
        ctx.audit.finding(rule, ("group",), message, where, source, expected, name, use.severity)
    names = [v.group for v in plan.visits] if plan.visits else [g.id for g in plan.groups]
    visited = {found.id for n in names if (found := _official(official, n)) is not None}
    for og in official:
        if og.id in visited:
            ctx.audit.tally.add(rule, PASS)
            continue
        message = Message.of(
            N_("visiting group {group} ({leaders}) of the official grouping has no visits"),
            group=og.id,
            leaders="、".join(og.leaders),
        )
        ctx.audit.finding(rule, ("group",), message, og.id, og.source, ">= 1", "0", use.severity)
    ctx.extra["grouping"] = {
        "official": [g.id for g in official],
        "visited": [og.id for og in official if og.id in visited],
        "unknown": unknown,
        "counted_from": "log" if plan.visits else "plan",
    }


def _leaders_households(
    ctx: VisitContext,
) -> tuple[dict[str, tuple[str | None, ModelWorkerLevel | None]], str, bool]:
    """The households the leaders' group visited (key → kind, level), counted from the log, else
    from the plan; and whether the plan or log names the group at all."""
    plan = ctx.plan
    named = any(ctx.leaders_group(g.id) for g in plan.groups) or any(
        ctx.leaders_group(v.group) for v in plan.visits
    )
    seen: dict[str, tuple[str | None, ModelWorkerLevel | None]] = {}
    if plan.visits:
        for v in plan.visits:
            if ctx.leaders_group(v.group):
                seen.setdefault(v.key(), (ctx.kind_of(v.kind), v.model_worker_level))
        return seen, "log", named
    for g in plan.groups:
        if ctx.leaders_group(g.id):
            for i, h in enumerate(g.households, start=1):
                ident = h.ref or (normalize_id_number(h.id_number) if h.id_number else f"#{i}")
                seen.setdefault(ident, (ctx.kind_of(h.kind), h.model_worker_level))
    return seen, "plan", named


def _count(
    target: VisitTarget, households: dict[str, tuple[str | None, ModelWorkerLevel | None]]
) -> tuple[int, int]:
    """(households that count toward ``target``, those that would if their level were stated)."""
    got = unknown = 0
    for kind, level in households.values():
        if kind not in target.kinds:
            continue
        if not target.levels or (level is not None and level.id in target.levels):
            got += 1
        elif level is None:
            unknown += 1
    return got, unknown


@audit_rule(
    "visits/leaders",
    clause="the leaders' visits: the campaign audit data's [leaders_visits] source "
    "(平工总［2009］38号 附件3 三6 省、市领导看望16名困难职工和10名生活困难的省部级以上劳模)",
    summary="the leaders' group visits at least the number of households of each target "
    "(from the log, else the plan); not evaluated where the plan and log do not name the group, "
    "unless required = true",
    params={"required": False},
)
def leaders(ctx: VisitContext, use: RuleUse) -> None:
    spec: LeadersVisits | None = ctx.info.leaders_visits
    if spec is None:
        return
    rule = ctx.rule("leaders")
    households, counted_from, named = _leaders_households(ctx)
    if not named and not use.params.get("required"):
        ctx.audit.skip(rule)
        return
    out: list[dict[str, Any]] = []
    for target in spec.targets:
        got, unknown = _count(target, households)
        out.append(
            {
                "kinds": list(target.kinds),
                "levels": list(target.levels),
                "minimum": target.minimum,
                "counted": got,
                "level_not_stated": unknown,
            }
        )
        if got >= target.minimum:
            ctx.audit.tally.add(rule, PASS)
        elif got + unknown >= target.minimum:  # enough, if the levels not stated qualify
            ctx.audit.skip(rule, f"{spec.group} {'+'.join(target.kinds)}")
        else:
            message = Message.of(
                N_("{group} visit {count} {what}; {clause} requires at least {minimum}"),
                group=spec.label,
                count=got,
                what=target.label,
                clause=spec.source,
                minimum=target.minimum,
            )
            expected, actual = f">= {target.minimum}", str(got)
            where = spec.group
            ctx.audit.finding(
                rule, ("kind",), message, where, spec.source, expected, actual, use.severity
            )
    ctx.extra["leaders"] = {"group": spec.group, "counted_from": counted_from, "targets": out}


_ENTERPRISE: Final = FiveMustVisits.EXTREME_ENTERPRISES


def _seen(f: FamilyOnFile, refs: set[str], ids: set[str], units: set[str]) -> bool:
    """Whether a visit names the family (its ref, its ID number) or, for a 特困企业, the
    enterprise (the visit's unit is its ref or name)."""
    if (f.ref and f.ref in refs) or (f.id_number and normalize_id_number(f.id_number) in ids):
        return True
    return _ENTERPRISE in f.must_visit and any(
        n is not None and _key(n) in units for n in (f.ref, f.name)
    )


def _shown(f: FamilyOnFile, show: bool) -> str:
    """How a finding names an entry: a 特困企业 by its ref and name in clear (not personal data),
    a family masked."""
    if f.must_visit == (_ENTERPRISE,):
        return " ".join(n for n in (f.ref, f.name) if n) or "?"
    return _person(f.name, f.id_number, f.ref, show)


@audit_rule(
    "visits/must-visit",
    clause="五必访: the campaign's programme FiveMustVisits (平工总［2009］38号 四(一))",
    summary="every family (or 特困企业) listed with a 五必访 category was visited during the "
    "campaign period; a warning (力争做到); not evaluated without such a list",
    severity=Severity.WARNING,
)
def must_visit(ctx: VisitContext, use: RuleUse) -> None:
    camp = ctx.campaign
    programme = next((p for p in camp.programmes if p.value == "FiveMustVisits"), None)
    if programme is None:
        return
    rule = ctx.rule("must-visit")
    given = ctx.must_visit if ctx.must_visit is not None else tuple(ctx.families or ())
    listed = [f for f in given if f.must_visit]
    if not listed:
        ctx.audit.skip(rule)
        return
    span, any_date = camp.period, not ctx.coverage_in_window
    counted: list[Visit] = [
        v for v in ctx.plan.visits if any_date or span.start <= v.visited_on <= span.end
    ]
    refs = {v.household for v in counted if v.household}
    ids = {normalize_id_number(v.id_number) for v in counted if v.id_number}
    units = {_key(v.unit) for v in counted if v.unit}
    by_category: dict[str, dict[str, Any]] = {
        c.id: {"listed": 0, "visited": 0, "missed": []} for c in FiveMustVisits
    }
    start, end = span.start.isoformat(), span.end.isoformat()
    expected = None if any_date else f"{start} .. {end}"
    for f in listed:
        visited = _seen(f, refs, ids, units)
        for c in f.must_visit:
            entry = by_category[c.id]
            entry["listed"] += 1
            if visited:
                entry["visited"] += 1
            else:
                entry["missed"].append(f.where)
        if visited:
            ctx.audit.tally.add(rule, PASS)
            continue
        categories = Label(
            zh_hans="、".join(c.label.zh_hans for c in f.must_visit),
            zh_hant="、".join(c.label.zh_hant for c in f.must_visit),
            en="; ".join(c.label.en for c in f.must_visit),
        )
        params = {"categories": categories, "family": _shown(f, ctx.audit.show)}
        message = (
            Message.of(N_("{categories}: {family} was not visited"), **params)
            if any_date
            else Message.of(
                N_(
                    "{categories}: {family} was not visited during the campaign period "
                    "{start} to {end}"
                ),
                start=start,
                end=end,
                **params,
            )
        )
        ctx.audit.finding(
            rule, ("household",), message, f.where, programme.source, expected, None, use.severity
        )
    ctx.extra["must_visit"] = {
        "counts": "visits on any date" if any_date else "visits in the campaign period",
        "by_category": by_category,
    }

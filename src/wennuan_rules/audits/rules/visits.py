"""The visit rules, one function each (ids ``visits/<name>``; docs/audits.md).

A visit rule looks at the whole plan and log of one audit (:class:`VisitContext`), records its
findings and counts in the audit, and adds what it worked out to the report's ``extra``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from wennuan_rules.audits._common import PASS, Audit, fallback_source
from wennuan_rules.audits.model import AuditData
from wennuan_rules.audits.registry import RuleUse, audit_rule
from wennuan_rules.audits.roster import normalize_id_number
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, Label, Message
from wennuan_rules.privacy import mask_id_number, mask_name
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import _key

if TYPE_CHECKING:
    from wennuan_rules.audits.records import FamilyOnFile, Visit, VisitPlan
    from wennuan_rules.campaign import Campaign, Period

__all__ = ["VisitContext"]


@attrs.define
class VisitContext:
    """What the visit rules of one audit share.

    Attributes:
        campaign: the campaign audited.
        info: its audit data (the kinds of household).
        audit: the findings collector.
        plan: the plan and log.
        families: the families on file (``None``: coverage not evaluated).
        window: the visiting window (the campaign period where there is none).
        quota_per: how the quota is counted (``None``: as the campaign says).
        require_coverage: the coverage rule forced on or off (``None``: as the campaign says).
        coverage_in_window: only visits inside the window count for coverage.
        extra: the report's ``extra``, which rules add to.
        must_visit: the families of 五必访 given apart from ``families`` (``None``: not given).
    """

    campaign: Campaign
    info: AuditData
    audit: Audit
    plan: VisitPlan
    families: Iterable[FamilyOnFile] | None
    window: Period
    quota_per: str | None
    require_coverage: bool | None
    coverage_in_window: bool
    extra: dict[str, Any] = attrs.field(factory=dict)
    must_visit: tuple[FamilyOnFile, ...] | None = None

    def rule(self, name: str) -> str:
        return self.audit.prefix + name

    def kind_of(self, text: str | None) -> str | None:
        """The id of the kind of household ``text`` names (an id or label), else ``text``."""
        if text is None:
            return None
        found = self.info.group(text)
        return found.id if found is not None else text

    def leaders_group(self, name: str | None) -> bool:
        """Whether ``name`` is the leaders' group of the audit data (附件3 三6), which the
        ``quota`` of the visiting groups does not bind."""
        spec = self.info.leaders_visits
        return spec is not None and name is not None and _key(name) in spec.names()

    def in_window(self, v: Visit) -> bool:
        return self.window.start <= v.visited_on <= self.window.end


@audit_rule(
    "visits/group",
    clause="the campaign's visit quota clause (visit_quota: the groups of the plan)",
    summary="a visit names a group of the plan",
)
def group(ctx: VisitContext, use: RuleUse) -> None:
    group_ids = [g.id for g in ctx.plan.groups]
    if not group_ids:
        return
    rule = ctx.rule("group")
    quota = ctx.campaign.visit_quota
    source = quota.source if quota else fallback_source(ctx.campaign, "visit_quota")
    expected = ", ".join(group_ids)
    for v in ctx.plan.visits:
        # the leaders' visits (附件3 三6) are not one of the plan's groups (附件4)
        if v.group is None or v.group in group_ids or ctx.leaders_group(v.group):
            ctx.audit.tally.add(rule, PASS)
            continue
        message = Message.of(
            N_("the visit names group {got}, which is not in the plan ({expected})"),
            got=v.group,
            expected=expected,
        )
        ctx.audit.finding(
            rule, ("group",), message, v.where, source, expected, v.group, use.severity
        )


@audit_rule(
    "visits/window",
    clause="the campaign's concentrated visiting window (visiting_window), else its period",
    summary="every visit falls inside the visiting window",
)
def window(ctx: VisitContext, use: RuleUse) -> None:
    span = ctx.window
    rule = ctx.rule("window")
    expected = f"{span.start.isoformat()} .. {span.end.isoformat()}"
    # a period the notice gives no dates for (元旦、春节期间) is our reading: outside it is a
    # warning (issue 9 point 10)
    severity = use.severity if span.dated else Severity.WARNING
    # without a concentrated visiting window the span is the campaign period: say so (point 13)
    msgid = (
        N_("visited on {date}, outside the visiting window {start} to {end}")
        if ctx.campaign.visiting_window is not None and span == ctx.campaign.visiting_window
        else N_("visited on {date}, outside the campaign period {start} to {end}")
    )
    for v in ctx.plan.visits:
        if ctx.in_window(v):
            ctx.audit.tally.add(rule, PASS)
            continue
        date = v.visited_on.isoformat()
        message = Message.of(
            msgid,
            date=date,
            start=span.start.isoformat(),
            end=span.end.isoformat(),
        )
        ctx.audit.finding(rule, ("date",), message, v.where, span.source, expected, date, severity)


@audit_rule(
    "visits/quota",
    clause="the campaign's visit quota (visit_quota: at least N households, so many of each kind)",
    summary="each visiting group sees the least number of households, and of each kind, per unit "
    "visited or per group; counted from the log, else from the plan",
)
def quota(ctx: VisitContext, use: RuleUse) -> None:
    from wennuan_rules.audits.records import QUOTA_PER

    quota = ctx.campaign.visit_quota
    if quota is None:
        return
    per = ctx.quota_per if ctx.quota_per is not None else quota.per
    if per not in QUOTA_PER:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="quota_per",
            expected=" or ".join(QUOTA_PER),
            got=per,
        )
    seen, counted_from = _households(ctx, per)
    kinds = {g.id: g for g in ctx.info.groups}  # shown by their label in messages
    rule = ctx.rule("quota")
    _unknown_kinds(ctx, use, rule, quota.source)
    out: list[dict[str, Any]] = []
    for (group_id, place), households in seen.items():
        where = group_id if place is None else f"{group_id} {place}"
        counts = {k: 0 for k in quota.by_kind}
        for kind in households.values():
            if kind in counts:
                counts[kind] += 1
        out.append(
            {"group": group_id, "unit": place, "households": len(households), "by_kind": counts}
        )
        checks: list[tuple[str | None, int, int]] = [
            (None, len(households), quota.minimum_households)
        ]
        checks += [(k, counts[k], n) for k, n in quota.by_kind.items()]
        for kind, got, minimum in checks:
            if got >= minimum:
                ctx.audit.tally.add(rule, PASS)
                continue
            message = _quota_message(where, kind, got, minimum, kinds)
            items = ("kind",) if kind is not None else ("household",)
            ctx.audit.finding(
                rule, items, message, where, quota.source, f">= {minimum}", str(got), use.severity
            )
    ctx.extra["quota"] = {
        "counted_from": counted_from,
        "per": ctx.quota_per or quota.per,
        "groups": out,
    }


def _unknown_kinds(ctx: VisitContext, use: RuleUse, rule: str, source: str) -> None:
    """A finding for each visit (or planned household, without a log) whose kind is none of the
    campaign's kinds of household: it counts toward the number of households, toward no kind."""
    groups = ctx.info.groups
    if not groups:
        return
    known = Label(
        zh_hans="、".join(g.label.zh_hans for g in groups),
        zh_hant="、".join(g.label.zh_hant for g in groups),
        en=", ".join(g.label.en for g in groups),
    )
    expected = ", ".join(g.id for g in groups)
    plan = ctx.plan
    places: list[tuple[str | None, str]] = [(v.kind, v.where) for v in plan.visits]
    if not plan.visits:
        places = [(h.kind, g.id) for g in plan.groups for h in g.households]
    for kind, where in places:
        if kind is None or ctx.info.group(kind) is not None:
            continue
        message = Message.of(
            N_("household kind {got} is none of the kinds {expected}; it counts toward no kind"),
            got=kind,
            expected=known,
        )
        ctx.audit.finding(rule, ("kind",), message, where, source, expected, kind, use.severity)


def _quota_message(
    where: str, kind: str | None, got: int, minimum: int, kinds: Mapping[str, object]
) -> Message:
    if kind is None:
        return Message.of(
            N_("group {group} saw {count} households; at least {minimum} are required"),
            group=where,
            count=got,
            minimum=minimum,
        )
    return Message.of(
        N_("group {group} saw {count} households of kind {kind}; at least {minimum} are required"),
        group=where,
        count=got,
        kind=kinds.get(kind, kind),
        minimum=minimum,
    )


def _households(
    ctx: VisitContext, per: str
) -> tuple[dict[tuple[str, str | None], dict[str, str | None]], str]:
    """(group, unit visited or ``None``) → household key → kind, in the order first met, and
    whether they were counted from the ``log`` or the ``plan``."""
    seen: dict[tuple[str, str | None], dict[str, str | None]] = {}

    def bucket(group_id: str, place: str | None) -> dict[str, str | None]:
        return seen.setdefault((group_id, place if per == "unit-visited" else None), {})

    plan = ctx.plan
    for g in plan.groups:  # every planned unit must be visited
        if ctx.leaders_group(g.id):
            continue
        if per == "unit-visited" and g.units:
            for u in g.units:
                bucket(g.id, u)
        else:
            bucket(g.id, None)
        if not plan.visits:
            for i, h in enumerate(g.households, start=1):
                ident = h.ref or (normalize_id_number(h.id_number) if h.id_number else f"#{i}")
                bucket(g.id, h.unit).setdefault(ident, ctx.kind_of(h.kind))
    if not plan.visits:
        return seen, "plan"
    for v in plan.visits:
        if not ctx.leaders_group(v.group):
            bucket(v.group or "?", v.unit).setdefault(v.key(), ctx.kind_of(v.kind))
    return seen, "log"


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


def _keys(household: str | None, ref: str | None, id_number: str | None) -> list[str]:
    keys = ["ref:" + (household or ref or "")] if (household or ref) else []
    if id_number:
        keys.append("id:" + normalize_id_number(id_number))
    return keys


@audit_rule(
    "visits/coverage",
    clause="the campaign's coverage clause (coverage: 普遍走访慰问一次 / 全覆盖、不遗漏)",
    summary="every family on file was visited (in the window, unless coverage_in_window=False); "
    "one finding per family missed",
)
def coverage(ctx: VisitContext, use: RuleUse) -> None:
    camp = ctx.campaign
    wanted = camp.coverage is not None if ctx.require_coverage is None else ctx.require_coverage
    if not wanted:
        return
    rule = ctx.rule("coverage")
    if ctx.families is None:
        ctx.audit.skip(rule)
        return
    source = (
        camp.coverage.source if camp.coverage is not None else fallback_source(camp, "coverage")
    )
    in_window, span = ctx.coverage_in_window, ctx.window
    visits = ctx.plan.visits
    # which visits count: those in the window (docs/decisions.md "Audits"), or any
    counted = [v for v in visits if not in_window or ctx.in_window(v)]
    refs = {v.household for v in counted if v.household}
    ids = {normalize_id_number(v.id_number) for v in counted if v.id_number}
    # visits outside the window, per household key, to say why a family still counts as missed
    outside: dict[str, list[str]] = {}
    if in_window:
        for v in visits:
            if not ctx.in_window(v):
                for key in _keys(v.household, None, v.id_number):
                    outside.setdefault(key, []).append(v.visited_on.isoformat())
    expected = f"{span.start.isoformat()} .. {span.end.isoformat()}" if in_window else None
    show = ctx.audit.show
    total = missed = 0
    for f in ctx.families:
        total += 1
        if (f.ref and f.ref in refs) or (f.id_number and normalize_id_number(f.id_number) in ids):
            ctx.audit.tally.add(rule, PASS)
            continue
        missed += 1
        family = _person(f.name, f.id_number, f.ref, show)
        dates = sorted({d for key in _keys(None, f.ref, f.id_number) for d in outside.get(key, ())})
        if dates:
            message = Message.of(
                N_(
                    "family {family} is on file but was visited only on {dates}, "
                    "outside {start} to {end}"
                ),
                family=family,
                dates=", ".join(dates),
                start=span.start.isoformat(),
                end=span.end.isoformat(),
            )
        else:
            message = Message.of(
                N_("family {family} is on file but was not visited"), family=family
            )
        actual = ", ".join(dates) or None
        ctx.audit.finding(
            rule, ("household",), message, f.where, source, expected, actual, use.severity
        )
    ctx.extra["coverage"] = {"on_file": total, "visited": total - missed, "missed": missed}
    ctx.extra["coverage_counts"] = "visits in window" if in_window else "visits on any date"

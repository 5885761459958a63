"""A campaign's audit data: recipient groups, and how a roster reconciles with the campaign's return
(``data/audits/<campaign>.toml``).

Which roster fund sources and groups add up to which line item of a form is a reading of the form,
so it is data, not code::

    campaign = "wuhan-2015"
    form = "wuhan-2015:swn"

    [[groups]]                       # recipient groups a roster's "group" column may name
    id = "model-worker"
    label = { zh-Hans = "困难劳模", zh-Hant = "困難勞模", en = "model worker in hardship" }
    source = "武工办〔2014〕74号 附件1 06B"

    [[groups]]                       # or every member of a vocabulary (labels, clause from there)
    vocabulary = "Professional"

    [[groups]]                       # or every group of the campaign file
    campaign_groups = true

    [[reconcile]]                    # roster total (these groups, sources) against one line item
    item = "06B"
    measure = "amount"               # amount (万元) | payments (人次: rows)
    relation = "eq"                  # eq: equal; le: roster ≤ return (paid from what was raised)
    groups = ["model-worker"]        # [] = every row
    fund_sources = []                # [] = every source
    source = "武工办〔2014〕74号 附件1 06B"
    note = ""

    [rules]                          # the rules the campaign's audits run, in this order
    payments = ["real-name", "file-before-aid", "spending-deadline", "period", "channel",
                "amount", { id = "duplicate", severity = "warning" }, "group", "reconcile"]
    visits = ["group", "window", "quota", "coverage"]

    [recipients]                     # whom aid may go to (payments/recipient-category, …)
    groups = ["worker", "model-worker", "migrant-worker"]
    unionised_employer = true
    union_applies_to = []            # the groups the union condition binds ([] = every row)
    source = "平工总［2009］38号 附件3 三1"

    [leaders_visits]                 # the leaders' visits (visits/leaders)
    group = "leaders"
    aliases = ["省市领导"]
    label = { zh-Hans = "省、市领导", zh-Hant = "省、市領導", en = "provincial and city leaders" }
    source = "平工总［2009］38号 附件3 三6"
    [[leaders_visits.targets]]
    kinds = ["worker"]
    minimum = 16
    label = { zh-Hans = "困难职工", zh-Hant = "困難職工", en = "workers in hardship" }

    [[visiting_groups]]              # the official grouping (visits/grouping)
    id = "g1"
    aliases = ["第一组"]
    leaders = ["李丰海"]
    liaison = "唐建勋"
    units = ["叶县"]
    departments = ["保障部"]
    source = "平工总［2009］38号 附件4"

A rule is named by its id without the kind (``real-name`` for ``payments/real-name``: the ids of
:func:`wennuan_rules.audits.rules.registered`), or given as a table with its ``id`` and parameters
(``severity``: ``error`` or ``warning``, replacing the rule's own). An unknown rule, a rule named
twice or an unknown parameter is a :class:`~wennuan_rules.errors.DataFileError`. Without a list,
every registered rule of the kind runs, in the order registered.

A campaign without a file has no groups, no reconciliation, and every rule. (Which money the
payment rules govern is the campaign's own data: ``PaymentRules.rules_apply_to`` and
``channel_applies_to``.)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from wennuan_rules._data import Table, data_file, load_toml, on_data_change
from wennuan_rules.audits.model import (
    MEASURES,
    RELATIONS,
    AuditData,
    LeadersVisits,
    OfficialGroup,
    RecipientGroup,
    RecipientRule,
    Reconciliation,
    VisitTarget,
)
from wennuan_rules.audits.rules import KINDS, RuleUse, find, registered
from wennuan_rules.errors import DataFileError, WennuanError
from wennuan_rules.i18n import N_
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import FundSource, ModelWorkerLevel

__all__ = [
    "MEASURES",
    "RELATIONS",
    "AuditData",
    "RecipientGroup",
    "Reconciliation",
    "audit_data",
    "load_audit_data",
]


def _fund_sources(table: Table, key: str) -> tuple[FundSource, ...]:
    out = []
    for i, text in enumerate(table.strs(key, ())):
        try:
            out.append(FundSource.from_text(text))
        except WennuanError:
            raise table.error(f"{key}[{i}]", ", ".join(FundSource.ids()), text) from None
    return tuple(out)


def _rule_use(top: Table, kind: str, i: int, item: object) -> RuleUse:
    """One entry of ``[rules] <kind>``: a rule name, or a table with its ``id`` and parameters."""
    key = f"{kind}[{i}]"
    if isinstance(item, dict):
        t = Table(item, top.file, top.key_path(key))
        name = t.get("id", str)
        given = {k: v for k, v in t.items() if k != "id"}
    elif isinstance(item, str):
        name, given, t = item, {}, top
    else:
        raise top.error(key, "a rule id or a table {id = …, <parameter> = …}", item)
    rule = find(kind, name)
    if rule is None:
        names = ", ".join(r.name for r in registered(kind))
        raise (t if t is top else top).error(key, f"a {kind} rule: {names}", name)
    for param in given:
        if param not in rule.params:
            raise t.error(param, "a parameter of " + rule.id + ": " + ", ".join(rule.params), param)
    severity = rule.severity
    if given.get("severity") is not None:
        try:
            severity = Severity(given["severity"])
        except ValueError:
            raise t.error("severity", "error or warning", given["severity"]) from None
    params = {**rule.params, **given, "severity": severity.value}
    return RuleUse(rule=rule, severity=severity, params=params)


def _rule_lists(top: Table) -> tuple[tuple[str, tuple[RuleUse, ...]], ...]:
    table = top.table("rules", required=False)
    out = []
    for kind in KINDS:
        listed = table.opt(kind, list)
        if listed is None:
            continue
        uses = [_rule_use(table, kind, i, item) for i, item in enumerate(listed)]
        names = [u.rule.name for u in uses]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise table.error(f"{kind}[{i}]", "each rule once", name)
        out.append((kind, tuple(uses)))
    table.close()
    return tuple(out)


def _vocabulary_groups(t: Table, name: str) -> list[RecipientGroup]:
    """``[[groups]] vocabulary = "Professional"``: one group per member of the vocabulary (one home
    for their labels and clause: :mod:`wennuan_rules.vocabulary`)."""
    from wennuan_rules.vocabulary import vocabularies

    vocab = vocabularies().get(name)
    if vocab is None:
        raise t.error("vocabulary", "a vocabulary: " + ", ".join(vocabularies()), name)
    return [RecipientGroup(id=m.id, label=m.label, source=vocab.source()) for m in vocab]


def _campaign_groups(campaign: str) -> list[RecipientGroup]:
    """``[[groups]] campaign_groups = true``: the groups of the campaign file, with their labels
    and clauses."""
    from wennuan_rules.campaign import get_campaign

    return [
        RecipientGroup(id=g.id, label=g.label, source=g.source)
        for g in get_campaign(campaign).groups
    ]


def _read(top: Table) -> AuditData:
    campaign = top.get("campaign", str)
    form = top.opt("form", str)
    groups = []
    for t in top.tables("groups", required=False):
        vocab = t.opt("vocabulary", str)
        if vocab is not None:  # every member of a vocabulary, its labels and source from there
            groups += _vocabulary_groups(t, vocab)
        elif t.opt("campaign_groups", bool):  # every group of the campaign file
            groups += _campaign_groups(campaign)
        else:
            groups.append(
                RecipientGroup(
                    id=t.get("id", str), label=t.label("label"), source=t.get("source", str)
                )
            )
        t.close()
    ids = {g.id for g in groups}
    reconcile = []
    for t in top.tables("reconcile", required=False):
        measure = t.get("measure", str, "amount")
        if measure not in MEASURES:
            raise t.error("measure", " or ".join(MEASURES), measure)
        relation = t.get("relation", str, "eq")
        if relation not in RELATIONS:
            raise t.error("relation", " or ".join(RELATIONS), relation)
        wanted = t.strs("groups", ())
        for i, g in enumerate(wanted):
            if g not in ids:
                raise t.error(
                    f"groups[{i}]", "a group id of this file: " + ", ".join(sorted(ids)), g
                )
        reconcile.append(
            Reconciliation(
                item=t.get("item", str),
                measure=measure,
                relation=relation,
                groups=wanted,
                fund_sources=_fund_sources(t, "fund_sources"),
                source=t.get("source", str),
                note=t.get("note", str, ""),
            )
        )
        t.close()
    recipients = _recipients(top, ids)
    visiting_groups = _visiting_groups(top)
    leaders = _leaders_visits(top, ids)
    rule_lists = _rule_lists(top)
    top.close()
    return AuditData(
        campaign=campaign,
        form=form,
        groups=tuple(groups),
        reconcile=tuple(reconcile),
        file=top.file,
        rule_lists=rule_lists,
        recipients=recipients,
        visiting_groups=visiting_groups,
        leaders_visits=leaders,
    )


def _group_ids(t: Table, key: str, ids: set[str]) -> tuple[str, ...]:
    """A list of recipient group ids of this file."""
    wanted = t.strs(key, ())
    for i, g in enumerate(wanted):
        if g not in ids:
            raise t.error(f"{key}[{i}]", "a group id of this file: " + ", ".join(sorted(ids)), g)
    return wanted


def _recipients(top: Table, ids: set[str]) -> RecipientRule | None:
    """``[recipients]``: whom aid may go to (附件3 三1)."""
    if "recipients" not in top:
        return None
    t = top.table("recipients")
    rule = RecipientRule(
        groups=_group_ids(t, "groups", ids),
        unionised_employer=t.get("unionised_employer", bool, False),
        union_applies_to=_group_ids(t, "union_applies_to", ids),
        source=t.get("source", str),
        text=t.get("text", str, ""),
        note=t.get("note", str, ""),
    )
    t.close()
    return rule


def _visiting_groups(top: Table) -> tuple[OfficialGroup, ...]:
    """``[[visiting_groups]]``: the official grouping of the visits (附件4)."""
    out = []
    for t in top.tables("visiting_groups", required=False):
        out.append(
            OfficialGroup(
                id=t.get("id", str),
                aliases=t.strs("aliases", ()),
                leaders=t.strs("leaders", ()),
                liaison=t.opt("liaison", str),
                units=t.strs("units", ()),
                departments=t.strs("departments", ()),
                source=t.get("source", str),
            )
        )
        t.close()
    return tuple(out)


def _target(t: Table, ids: set[str]) -> VisitTarget:
    levels = t.strs("levels", ())
    for i, level in enumerate(levels):
        if level not in ModelWorkerLevel.ids():
            raise t.error(f"levels[{i}]", ", ".join(ModelWorkerLevel.ids()), level)
    minimum = t.get("minimum", int)
    if minimum < 1:
        raise t.error("minimum", "an integer >= 1", minimum)
    target = VisitTarget(
        kinds=_group_ids(t, "kinds", ids) or (),
        levels=levels,
        minimum=minimum,
        label=t.label("label"),
    )
    if not target.kinds:
        raise t.error("kinds", "at least one group id of this file", [])
    t.close()
    return target


def _leaders_visits(top: Table, ids: set[str]) -> LeadersVisits | None:
    """``[leaders_visits]``: the provincial and city leaders' visits (附件3 三6)."""
    if "leaders_visits" not in top:
        return None
    t = top.table("leaders_visits")
    out = LeadersVisits(
        group=t.get("group", str),
        aliases=t.strs("aliases", ()),
        label=t.label("label"),
        targets=tuple(_target(x, ids) for x in t.tables("targets")),
        source=t.get("source", str),
        text=t.get("text", str, ""),
        note=t.get("note", str, ""),
    )
    t.close()
    return out


def load_audit_data(path: Path | str) -> AuditData:
    """A user's own audit data file (same schema as the bundled ones).

    Raises:
        DataFileError: the file is unreadable or breaks the schema (the error names the key).
    """
    return _read(load_toml(path))


@on_data_change
def _clear() -> None:
    audit_data.cache_clear()


@cache
def audit_data(campaign_id: str) -> AuditData:
    """The audit data of a campaign, bundled or from a data directory (empty when it has none)."""
    found = data_file("audits", f"{campaign_id}.toml")
    if found is None:
        return AuditData(campaign=campaign_id)
    data = _read(load_toml(found[0], name=found[1]))
    if data.campaign != campaign_id:
        raise DataFileError(
            N_("in {file}, key {what}: expected {expected}, got {got}"),
            what="campaign",
            expected=campaign_id,
            got=data.campaign,
            file=data.file,
            params={"file": data.file},
        )
    return data

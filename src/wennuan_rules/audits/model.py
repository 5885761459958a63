"""What a campaign's audits read from data: recipient groups, reconciliations, the rule lists
(read by :mod:`wennuan_rules.audits.data`; plain domain types the audit rules use)."""

from __future__ import annotations

from typing import Final

import attrs

from wennuan_rules.audits.registry import RuleUse, registered
from wennuan_rules.i18n import Label
from wennuan_rules.vocabulary import FundSource, _key

__all__ = [
    "MEASURES",
    "RELATIONS",
    "AuditData",
    "LeadersVisits",
    "OfficialGroup",
    "RecipientGroup",
    "RecipientRule",
    "Reconciliation",
    "VisitTarget",
]

MEASURES: Final = ("amount", "payments")
RELATIONS: Final = ("eq", "le")


@attrs.frozen
class RecipientGroup:
    """A group of recipients (and of visited households) a roster or visit log names."""

    id: str
    label: Label
    source: str


@attrs.frozen
class Reconciliation:
    """One line item of the campaign's form and the roster rows that make it up.

    Attributes:
        item: the line item code (``06A``).
        measure: ``amount`` (sum of amounts, compared in 万元) or ``payments`` (rows, 人次).
        relation: ``eq`` (roster equals the return) or ``le`` (roster at most the return).
        groups: recipient group ids counted (empty: every row).
        fund_sources: fund sources counted (empty: every source).
        source: the form line.
        note: how the line was read.
    """

    item: str
    measure: str = attrs.field(validator=attrs.validators.in_(MEASURES))
    relation: str = attrs.field(validator=attrs.validators.in_(RELATIONS))
    groups: tuple[str, ...]
    fund_sources: tuple[FundSource, ...]
    source: str
    note: str = ""


@attrs.frozen
class RecipientRule:
    """Whom aid may go to (平工总［2009］38号 附件3 三1 "慰问款必须定向用于建有工会组织的
    企事业单位的特困职工和困难劳动模范、农民工"): ``[recipients]`` of the audit data.

    Attributes:
        groups: the recipient group ids allowed (empty: the category is not restricted).
        unionised_employer: the recipient's employer must have a union.
        union_applies_to: the groups the union condition binds (empty: every row).
        source, text, note: the clause, as printed, and how it was read.
    """

    groups: tuple[str, ...]
    unionised_employer: bool
    union_applies_to: tuple[str, ...]
    source: str
    text: str = ""
    note: str = ""


@attrs.frozen
class OfficialGroup:
    """A visiting group of the official grouping (平工总［2009］38号 附件4 分组表): its id, the
    other names a plan may give it, its leaders, liaison, units and departments, its source."""

    id: str
    aliases: tuple[str, ...]
    leaders: tuple[str, ...]
    liaison: str | None
    units: tuple[str, ...]
    departments: tuple[str, ...]
    source: str

    def names(self) -> frozenset[str]:
        """What a plan or log may call it (compared with :func:`_key`)."""
        return frozenset(_key(n) for n in (self.id, *self.aliases))


@attrs.frozen
class VisitTarget:
    """How many households of some kinds a group must visit (附件3 三6: 16 困难职工, 10
    省部级以上劳模).

    Attributes:
        kinds: the household kinds that count (ids of the audit data's groups).
        levels: where given, only model workers of these ``ModelWorkerLevel`` ids count.
        minimum: the number required.
        label: what is counted, in messages.
    """

    kinds: tuple[str, ...]
    levels: tuple[str, ...]
    minimum: int
    label: Label


@attrs.frozen
class LeadersVisits:
    """The visits of the provincial and city leaders (``[leaders_visits]``; 附件3 三6): the group a
    plan or log names for them, and the targets."""

    group: str
    aliases: tuple[str, ...]
    label: Label
    targets: tuple[VisitTarget, ...]
    source: str
    text: str = ""
    note: str = ""

    def names(self) -> frozenset[str]:
        return frozenset(_key(n) for n in (self.group, *self.aliases))


@attrs.frozen
class AuditData:
    """Everything about a campaign's audits that is read from data."""

    campaign: str
    form: str | None = None
    groups: tuple[RecipientGroup, ...] = ()
    reconcile: tuple[Reconciliation, ...] = ()
    file: str | None = None
    rule_lists: tuple[tuple[str, tuple[RuleUse, ...]], ...] = ()
    recipients: RecipientRule | None = None
    visiting_groups: tuple[OfficialGroup, ...] = ()
    leaders_visits: LeadersVisits | None = None

    def rules(self, kind: str) -> tuple[RuleUse, ...]:
        """The rules an audit of ``kind`` (``payments``, ``visits``) runs, in order: the file's
        list, else every registered rule of the kind."""
        for listed_kind, uses in self.rule_lists:
            if listed_kind == kind:
                return uses
        return tuple(RuleUse.default(rule) for rule in registered(kind))

    def group(self, text: str) -> RecipientGroup | None:
        """The group whose id or label (either script, English) is ``text``, else ``None``."""
        key = _key(text)
        for group in self.groups:
            if key in {
                _key(group.id),
                _key(group.label.zh_hans),
                _key(group.label.zh_hant),
                _key(group.label.en),
            }:
                return group
        return None

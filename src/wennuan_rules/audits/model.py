"""What a campaign's audits read from data: recipient groups, reconciliations, the rule lists
(read by :mod:`wennuan_rules.audits.data`; plain domain types the audit rules use)."""

from __future__ import annotations

from typing import Final

import attrs

from wennuan_rules.audits.registry import RuleUse, registered
from wennuan_rules.i18n import Label
from wennuan_rules.vocabulary import FundSource, _key

__all__ = ["MEASURES", "RELATIONS", "AuditData", "RecipientGroup", "Reconciliation"]

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
class AuditData:
    """Everything about a campaign's audits that is read from data."""

    campaign: str
    form: str | None = None
    groups: tuple[RecipientGroup, ...] = ()
    reconcile: tuple[Reconciliation, ...] = ()
    file: str | None = None
    rule_lists: tuple[tuple[str, tuple[RuleUse, ...]], ...] = ()

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

"""The audit rule registry (the rule modules register into it; :mod:`wennuan_rules.audits.rules`
imports them all).

The audit rules: one function per rule, registered by :func:`audit_rule` (docs/audits.md).

A rule is registered under an id ``<kind>/<name>`` (``payments/real-name``, ``visits/quota``) with
its severity and the clause it cites. A campaign's audit data file lists which rules its audits run,
in order (``[rules] payments = [...]``, ``visits = [...]``); without a list, every rule of the kind
runs, in the order registered.

A rule function is called once per audit with the audit's context and its :class:`RuleUse` (the
rule, the severity and the parameters the data file gives it). A payment rule returns a
:class:`Check` (``row``: called for every row, keeping whatever state the rule needs, such as the
ID numbers already paid; ``finish``: called after the last row) or ``None`` when the campaign has
no such rule (no 实名制 clause, no spending deadline). A visit rule looks at the whole plan and
returns ``None``; so do the rules of hardship files, civil-affairs comparisons and goods rosters
(:mod:`wennuan_rules.audits.rules.lists`), which cite the clause their ``source`` parameter gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from wennuan_rules.report import Severity

__all__ = [
    "KINDS",
    "AuditRule",
    "Check",
    "Row",
    "RuleUse",
    "audit_rule",
    "find",
    "registered",
    "rule_ids",
]

KINDS: Final = ("payments", "visits", "files", "civil-affairs", "goods")

#: Parameters every rule accepts: ``severity`` (``error`` or ``warning``) replaces the rule's own.
COMMON_PARAMS: Final[Mapping[str, object]] = MappingProxyType({"severity": None})


@attrs.frozen
class AuditRule:
    """A registered audit rule.

    Attributes:
        id: ``<kind>/<name>``, the rule id findings carry after ``<campaign>:`` (a rule checking
            several things adds ``/<what>``: ``payments/spending-deadline/central-fiscal``).
        severity: of its findings, unless a campaign's data file says otherwise.
        clause: which clause it cites, in words: where the campaign's data gives the document
            and section (each finding's ``source`` is that text for the campaign audited).
        summary: what it checks, one line.
        params: the parameters a data file may give it, with their defaults.
        function: the rule itself.
    """

    id: str
    severity: Severity
    clause: str
    summary: str
    params: Mapping[str, object]
    function: Callable[..., Any] = attrs.field(repr=False)

    @property
    def kind(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]


@attrs.frozen
class RuleUse:
    """A rule as a campaign's audit runs it: its severity and parameters from the data file."""

    rule: AuditRule
    severity: Severity
    params: Mapping[str, object] = attrs.field(factory=dict)

    @classmethod
    def default(cls, rule: AuditRule) -> RuleUse:
        return cls(rule=rule, severity=rule.severity, params=dict(rule.params))


#: A row as payment rules see it: the payment, its fund source id, its normalised ID number, the
#: ID number's problem (``None``: valid), its recipient group id (resolved from a label).
Row = tuple[Any, str, str, "str | None", "str | None"]


@attrs.define
class Check:
    """What a payment rule does with the rows: ``rows(batch)`` for each batch of :data:`Row` in
    file order (batches of a few hundred rows: a rule's loop runs over many rows per call, and
    memory stays flat), then ``finish()`` after the last."""

    rows: Callable[[list[Row]], None] | None = None
    finish: Callable[[], None] | None = None


_REGISTRY: dict[str, AuditRule] = {}


def audit_rule(
    id: str,
    *,
    clause: str,
    summary: str,
    severity: Severity = Severity.ERROR,
    params: Mapping[str, object] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the audit rule ``id`` (``<kind>/<name>``)."""
    kind, _sep, name = id.partition("/")
    if kind not in KINDS or not name or id in _REGISTRY:
        raise ValueError(f"audit rule id {id!r}: expected a new <kind>/<name>, kind in {KINDS}")
    if not clause.strip():
        raise ValueError(f"audit rule {id}: every rule cites its clause")

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[id] = AuditRule(
            id=id,
            severity=severity,
            clause=clause,
            summary=summary,
            params=MappingProxyType({**COMMON_PARAMS, **(params or {})}),
            function=function,
        )
        return function

    return register


def registered(kind: str | None = None) -> tuple[AuditRule, ...]:
    """The registered rules (of one kind), in the order registered."""
    return tuple(r for r in _REGISTRY.values() if kind is None or r.kind == kind)


def rule_ids(kind: str) -> tuple[str, ...]:
    """The names (``real-name``) of the registered rules of ``kind``."""
    return tuple(r.name for r in registered(kind))


def find(kind: str, name: str) -> AuditRule | None:
    """The rule ``<kind>/<name>``, or ``None``."""
    registered(kind)
    return _REGISTRY.get(f"{kind}/{name}")

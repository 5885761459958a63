"""The audit rules: one function per rule, registered by :func:`audit_rule` (docs/audits.md).

A rule is registered under an id ``<kind>/<name>`` (``payments/real-name``, ``visits/quota``) with
its severity and the clause it cites. A campaign's audit data file lists which rules its audits run,
in order (``[rules] payments = [...]``, ``visits = [...]``); without a list, every rule of the kind
runs, in the order registered.

A rule function is called once per audit with the audit's context and its :class:`RuleUse` (the
rule, the severity and the parameters the data file gives it). A payment rule returns a
:class:`Check` (``row``: called for every row, keeping whatever state the rule needs, such as the
ID numbers already paid; ``finish``: called after the last row) or ``None`` when the campaign has
no such rule (no 实名制 clause, no spending deadline). A visit rule looks at the whole plan and
returns ``None``.
"""

from __future__ import annotations

from wennuan_rules.audits.registry import (
    COMMON_PARAMS,
    KINDS,
    AuditRule,
    Check,
    Row,
    RuleUse,
    audit_rule,
    find,
    registered,
    rule_ids,
)

# the rule modules register their rules on import; importing this package loads them all
from wennuan_rules.audits.rules import payments, reconcile, visits  # noqa: F401 - they register

__all__ = [
    "COMMON_PARAMS",
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

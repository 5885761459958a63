"""The audit rules: one function per rule (payments, reconciliation, visits, lists), each
registered with its id, severity and clause by :func:`audit_rule`. How rules are registered, chosen
by a campaign's audit data and called is said once, in :mod:`wennuan_rules.audits.registry`;
importing this package registers them all."""

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
from wennuan_rules.audits.rules import (  # noqa: F401 - they register
    lists,
    payments,
    recipients,
    reconcile,
    visit_plan,
    visits,
)

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

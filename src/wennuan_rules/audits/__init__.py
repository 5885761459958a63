"""Audits of payment rosters and visit logs against a campaign's rules (docs/audits.md).

>>> import wennuan_rules as wr
>>> from wennuan_rules.audits import read_roster
>>> report = wr.audit_payments(read_roster("roster.csv"), "pingdingshan-2010")  # doctest: +SKIP

Personal data (names, 居民身份证 and card numbers) is masked in every report unless the caller
passes ``show_personal_data=True``.
"""

from __future__ import annotations

from wennuan_rules.audits.data import (
    AuditData,
    RecipientGroup,
    Reconciliation,
    audit_data,
    load_audit_data,
)
from wennuan_rules.audits.payments import audit_payments
from wennuan_rules.audits.readers import iter_payments, read_roster
from wennuan_rules.audits.roster import PAYMENT_FIELDS, Payment, Roster, id_number_problem
from wennuan_rules.audits.visits import (
    FamilyOnFile,
    Visit,
    Visitee,
    VisitGroup,
    VisitPlan,
    audit_visits,
    read_families,
    read_visits,
)

__all__ = [
    "PAYMENT_FIELDS",
    "AuditData",
    "FamilyOnFile",
    "Payment",
    "RecipientGroup",
    "Reconciliation",
    "Roster",
    "Visit",
    "VisitGroup",
    "VisitPlan",
    "Visitee",
    "audit_data",
    "audit_payments",
    "audit_visits",
    "id_number_problem",
    "iter_payments",
    "load_audit_data",
    "read_families",
    "read_roster",
    "read_visits",
]

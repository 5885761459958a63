"""``wennuan-rules audit payments|visits``: audit a roster or a visit log, print the report
(``audit files|civil-affairs|goods``: :mod:`wennuan_rules.cli.audit_lists`)."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TextIO

from wennuan_rules._io import Problems
from wennuan_rules.audits._common import check_tolerance
from wennuan_rules.audits.data import AuditData, audit_data, load_audit_data
from wennuan_rules.audits.payments import audit_payments, resolve_campaign
from wennuan_rules.audits.readers import file_format, payments, read_roster
from wennuan_rules.audits.roster import Payment, Roster
from wennuan_rules.audits.visits import (
    audit_visits,
    identified_visits,
    read_families,
    read_visits,
)
from wennuan_rules.campaign import Campaign
from wennuan_rules.cli.problems import status
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.render import reports_csv, reports_json, reports_text
from wennuan_rules.report import Report

__all__ = ["run_audit", "write_report"]


def write_report(report: Report, fmt: str, lang: str | None, out: TextIO) -> None:
    if fmt == "json":
        out.write(reports_json([report], lang, single=True) + "\n")
    elif fmt == "csv":
        text = reports_csv([report], lang)
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write(reports_text([report], lang))


def _tolerance(text: str | None) -> Decimal:
    if text is None:
        return Decimal(0)
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    return check_tolerance(
        value, what="--tolerance", got=text, expected=N_("a number ≥ 0 in 万元, e.g. 0.01")
    )


def _return_values(path: str, info: AuditData) -> dict[str, object]:
    from wennuan_rules.form import read_returns

    if info.form is None:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="--return",
            expected=N_("a campaign whose audit data names a form to reconcile with"),
            got=info.campaign,
        )
    returns = list(read_returns(path, form=info.form))
    if len(returns) != 1:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="--return",
            expected=Message.of(N_("exactly one return of {form}"), form=info.form),
            got=Message.of(N_("{count} returns"), count=len(returns)),
            file=path,
        )
    found = returns[0]
    if found.form != info.form:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("form"),
            expected=info.form,
            got=found.form,
            file=path,
        )
    return dict(found.values)


def run_audit(args: argparse.Namespace, out: TextIO) -> int:
    """Run an ``audit`` command; returns the exit status: 0 or 1 as the audit found, 2 when the
    input had a problem (every usable row audited and reported all the same; nothing reported
    when no row could be read)."""
    if args.audit_kind not in ("payments", "visits"):
        from wennuan_rules.cli.audit_lists import run_list_audit

        return run_list_audit(args, out, write_report)
    campaign = resolve_campaign(args.campaign)
    custom = getattr(args, "audit_data", None)
    info = load_audit_data(custom) if custom else audit_data(campaign.id)
    problems = Problems(str(args.file))
    read = [0]
    if args.audit_kind == "payments":
        report = _audit_payments(args, campaign, info, problems, read)
    else:
        report = _audit_visits(args, campaign, info, problems, read)
    if read[0] or not problems:
        write_report(report, args.format, args.lang, out)
    return status(problems, args.lang, 0 if report.ok else 1)


def _counted(rows: Iterable[Payment], read: list[int]) -> Iterator[Payment]:
    for row in rows:
        read[0] += 1
        yield row


def _audit_payments(
    args: argparse.Namespace,
    campaign: Campaign,
    info: AuditData,
    problems: Problems,
    read: list[int],
) -> Report:
    values = _return_values(args.return_file, info) if args.return_file else None
    # CSV and JSON Lines are streamed (constant memory whatever the roster's length); a JSON
    # document is read whole, which also gives the file's own unit
    rows: Roster | Iterator[Payment]
    if file_format(args.file) == "json":
        roster = read_roster(args.file, errors="collect")
        _add(problems, roster.problems)
        read[0] = len(roster.records.payments)
        rows = roster.records
    else:
        rows = _counted(payments(args.file, problems), read)
    return audit_payments(
        rows,
        campaign,
        return_values=values,
        show_personal_data=bool(getattr(args, "show_personal_data", False)),
        data=info,
        tolerance=_tolerance(getattr(args, "tolerance", None)),
    )


def _audit_visits(
    args: argparse.Namespace,
    campaign: Campaign,
    info: AuditData,
    problems: Problems,
    read: list[int],
) -> Report:
    collected = read_visits(args.file, errors="collect")
    _add(problems, collected.problems)
    plan, found = identified_visits(collected.records)
    _add(problems, found)
    read[0] = len(plan.visits) + len(plan.groups)
    families = None
    if args.on_file:
        on_file = read_families(args.on_file, errors="collect")
        _add(problems, on_file.problems)
        families = on_file.records
    must = None
    if getattr(args, "must_visit", None):
        listed = read_families(args.must_visit, errors="collect")
        _add(problems, listed.problems)
        must = listed.records
    return audit_visits(
        plan,
        campaign,
        families=families,
        show_personal_data=bool(getattr(args, "show_personal_data", False)),
        data=info,
        quota_per=getattr(args, "quota_per", None),
        coverage_in_window=not getattr(args, "coverage_any_date", False),
        must_visit=must,
    )


def _add(problems: Problems, found: Iterable[WennuanError]) -> None:
    for problem in found:
        problems.add(problem)

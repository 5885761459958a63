"""``wennuan-rules audit payments|visits``: audit a roster or a visit log, print the report."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import TextIO

from wennuan_rules.audits._common import check_tolerance
from wennuan_rules.audits.data import AuditData, audit_data, load_audit_data
from wennuan_rules.audits.payments import audit_payments, resolve_campaign
from wennuan_rules.audits.readers import file_format, iter_payments, read_roster
from wennuan_rules.audits.roster import Payment, Roster
from wennuan_rules.audits.visits import audit_visits, read_families, read_visits
from wennuan_rules.errors import InputFileError
from wennuan_rules.i18n import N_
from wennuan_rules.render import reports_csv, reports_json, reports_text
from wennuan_rules.report import Report

__all__ = ["run_audit"]


def _write(report: Report, fmt: str, lang: str | None, out: TextIO) -> None:
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
            expected=f"exactly one return of {info.form}",
            got=f"{len(returns)} returns",
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
    """Run ``audit payments`` or ``audit visits``; returns the exit status (0 or 1)."""
    campaign = resolve_campaign(args.campaign)
    custom = getattr(args, "audit_data", None)
    info = load_audit_data(custom) if custom else audit_data(campaign.id)
    show = bool(getattr(args, "show_personal_data", False))
    if args.audit_kind == "payments":
        values = _return_values(args.return_file, info) if args.return_file else None
        # CSV and JSON Lines are streamed (constant memory whatever the roster's length); a JSON
        # document is read whole, which also gives the file's own unit
        whole = file_format(args.file) == "json"
        rows: Roster | Iterator[Payment] = (
            read_roster(args.file) if whole else iter_payments(args.file)
        )
        report = audit_payments(
            rows,
            campaign,
            return_values=values,
            show_personal_data=show,
            data=info,
            tolerance=_tolerance(getattr(args, "tolerance", None)),
        )
    else:
        plan = read_visits(args.file)
        families = read_families(args.on_file) if args.on_file else None
        report = audit_visits(
            plan,
            campaign,
            families=families,
            show_personal_data=show,
            data=info,
            quota_per=getattr(args, "quota_per", None),
            coverage_in_window=not getattr(args, "coverage_any_date", False),
        )
    _write(report, args.format, args.lang, out)
    return 0 if report.ok else 1

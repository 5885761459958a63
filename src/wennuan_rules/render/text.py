"""Text renderers: reports and summaries people read in a terminal, aligned, in their language."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from wennuan_rules.form.model import unit_label
from wennuan_rules.i18n import N_, phrase, translate
from wennuan_rules.money import format_wan, wan_to_yuan
from wennuan_rules.render.width import display_width, pad, wrap
from wennuan_rules.results import Finding, Report, Severity, Summary

__all__ = ["report_text", "reports_text", "summary_text", "where_text"]


def reports_text(reports: Sequence[Report], lang: str | None = None) -> str:
    """A report people read in a terminal: a heading per return, findings grouped by severity,
    aligned."""
    blocks = [_report_text(r, lang) for r in reports]
    if len(reports) > 1:
        bad = sum(1 for r in reports if not r.ok)
        blocks.append(
            translate(
                N_("{total} returns checked: {bad} with errors, {good} without"),
                lang,
                total=len(reports),
                bad=bad,
                good=len(reports) - bad,
            )
        )
    return "\n\n".join(blocks) + "\n"


def _figure(
    text: str | None, value: Decimal | None, prefix: str, f: Finding, lang: str | None
) -> str:
    """An exact figure of a finding for people, from its exact value: 万元 amounts in the
    reader's language (all their decimals, nothing rounded), other units after the number as
    printed on the form. ``text`` (the contract's string) is shown as it is when the finding has no
    exact value or unit, or when it is not that value (a value cut short)."""
    if text is None:
        return "—"
    unit = f.unit
    if value is None or unit is None or unit == "yes-no":
        return phrase(text, lang) or text
    number = format(value, "f")
    if text != prefix + number:
        return text
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if unit == "万元" and places <= 6:
        return prefix + format_wan(wan_to_yuan(Decimal(number)), lang, places=places)
    return f"{prefix}{number} {unit_label(unit).get(lang)}"


def _bound(f: Finding) -> str:
    """What precedes the expected figure: the relation when it is a bound (``<= ``)."""
    return f"{f.relation} " if f.relation in ("<=", ">=", "<", ">") else ""


def where_text(finding: Finding, lang: str | None = None) -> str:
    """How a finding names its row: the file line (``where``), with the row's own number on the
    roster (its 序号, ``row_no``) when it has one: ``第 12 行（序号 7）``."""
    where = finding.where or ""
    if finding.row_no is None or not where:
        return where
    if where.isdigit():
        return translate(N_("line {line} (No. {no})"), lang, line=where, no=finding.row_no)
    return translate(N_("{where} (No. {no})"), lang, where=where, no=finding.row_no)


def report_text(report: Report, lang: str | None = None) -> str:
    """One report as terminal text: heading, counts, errors then warnings (aligned), fix, what is
    missing."""
    return _report_text(report, lang)


def _report_text(report: Report, lang: str | None) -> str:
    counts = report.counts
    head = report.form + (f"  {report.unit}" if report.unit else "")
    status = translate(N_("OK") if report.ok else N_("ERRORS FOUND"), lang)
    lines = [f"{head}  [{status}]"]
    lines.append(
        translate(
            N_(
                "{error} errors, {warning} warnings, {passed} rules passed, "
                "{not_evaluated} not evaluated"
            ),
            lang,
            **counts,
        )
    )
    prefix = report.form + "/"
    for severity, title in (
        (Severity.ERROR, N_("Errors:")),
        (Severity.WARNING, N_("Warnings:")),
    ):
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        lines.append("")
        lines.append(translate(title, lang))
        names = [f.rule.removeprefix(prefix) for f in group]
        width = max(display_width(n) for n in names)
        indent = "  " + " " * width + "  "
        for name, f in zip(names, group, strict=True):
            label = where_text(f, lang)
            where = f"[{label}] " if label else ""
            lines.append(f"  {pad(name, width)}  {where}{f.message.render(lang)}")
            if f.expected is not None:
                lines.append(
                    indent
                    + translate(
                        N_("expected {expected}, found {actual}"),
                        lang,
                        expected=_figure(f.expected, f.expected_value, _bound(f), f, lang),
                        actual=_figure(f.actual, f.actual_value, "", f, lang),
                    )
                )
            elif f.actual is not None:  # nothing to compare with: no "expected —"
                actual = _figure(f.actual, f.actual_value, "", f, lang)
                lines.append(indent + translate(N_("found {actual}"), lang, actual=actual))
            if f.source:
                lines.append(indent + translate(N_("source: {source}"), lang, source=f.source))
    if report.fix is not None:
        lines.append("")
        lines.append(
            translate(
                N_(
                    "Likely fix: set {item} to {value} (now {current}); "
                    "every failing rule would pass."
                ),
                lang,
                item=report.fix.item,
                value=report.fix.value,
                current=report.fix.current if report.fix.current is not None else "—",
            )
        )
        if report.fix.label is not None:
            lines.append(f"  {report.fix.item}  {report.fix.label.get(lang)}")
    if report.not_evaluated:
        missing = list(report.not_reported)
        rules = [r.removeprefix(prefix) for r in report.not_evaluated_rules]
        lines.append("")
        if missing:
            text = translate(N_("Not reported: {items}"), lang, items=", ".join(missing))
            lines += wrap(text)
        if rules:
            text = translate(
                N_("Not evaluated (something the rule needs was not given): {rules}"),
                lang,
                rules=", ".join(rules),
            )
            lines += wrap(text)
    return "\n".join(lines)


def summary_text(summary: Summary, lang: str | None = None) -> str:
    """A per-rule summary of many returns (R validate's ``summary``) as aligned terminal text."""
    total = sum(summary.returns.values())
    lines = [
        translate(
            N_("{total} returns checked: {bad} with errors, {good} without"),
            lang,
            total=total,
            bad=summary.with_errors,
            good=total - summary.with_errors,
        ),
        "",
    ]
    header = (
        translate(N_("rule"), lang),
        translate(N_("passed"), lang),
        translate(N_("failed"), lang),
        translate(N_("not evaluated"), lang),
    )
    prefix = ""
    if len(summary.returns) == 1:
        form = next(iter(summary.returns))
        prefix = form + "/"
        lines.insert(0, form)
    rows = [
        (r.rule.removeprefix(prefix), str(r.passed), str(r.failed), str(r.not_evaluated))
        for r in summary.rules
        if not r.unit_check or r.failed
    ]
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [pad(row[0], widths[0])] + [
            " " * (widths[i] - display_width(row[i])) + row[i] for i in range(1, 4)
        ]
        lines.append("  ".join(cells).rstrip())
    hidden = [r for r in summary.rules if r.unit_check and not r.failed]
    if hidden:
        lines.append("")
        lines.append(
            translate(
                N_(
                    "{count} unit checks never failed (not shown): {passed} passed on every "
                    "return, {not_evaluated} were not evaluated on at least one (an item left "
                    "blank)."
                ),
                lang,
                count=len(hidden),
                passed=sum(1 for r in hidden if not r.not_evaluated),
                not_evaluated=sum(1 for r in hidden if r.not_evaluated),
            )
        )
    return "\n".join(lines) + "\n"

"""Renderers: reports to text, JSON, CSV, HTML (notebooks) and pandas frames. Renderers never decide.

Every renderer takes a report (or many) and a locale; none of them evaluates a rule. CSV output is safe to
open in spreadsheet software: a text cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
prefixed with ``'`` (numbers such as ``-12.5`` are left as they are).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from wennuan_rules.i18n import N_, translate
from wennuan_rules.report import Report, Severity

__all__ = [
    "display_width",
    "findings_frame",
    "report_html",
    "reports_csv",
    "reports_json",
    "reports_text",
    "safe_cell",
]

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def safe_cell(value: object) -> str:
    """A CSV cell that spreadsheet software will not run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text and text[0] in "=+-@\t\r" and not _NUMBER.match(text):
        return "'" + text
    return text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def reports_json(reports: Sequence[Report], lang: str | None = None, *, single: bool = False) -> str:
    """JSON text: one object when ``single`` and exactly one report, else a list."""
    data: Any = [r.to_dict(lang) for r in reports]
    if single and len(reports) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2)


CSV_COLUMNS = (
    "form",
    "unit",
    "rule",
    "severity",
    "items",
    "expected",
    "actual",
    "where",
    "source",
    "message",
)


def reports_csv(reports: Iterable[Report], lang: str | None = None) -> str:
    """One row per finding; a return with no findings gets one row with an empty rule (so it is counted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in reports:
        if not report.findings:
            writer.writerow([safe_cell(report.form), safe_cell(report.unit)] + [""] * 8)
        for finding in report.findings:
            row = [
                report.form,
                report.unit,
                finding.rule,
                finding.severity.value,
                " ".join(finding.items),
                finding.expected,
                finding.actual,
                finding.where,
                finding.source,
                finding.message.render(lang),
            ]
            writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def reports_text(reports: Sequence[Report], lang: str | None = None) -> str:
    """A report people read in a terminal: a heading per return, findings grouped by severity, aligned."""
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
    for severity, title in (
        (Severity.ERROR, N_("Errors")),
        (Severity.WARNING, N_("Warnings")),
    ):
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        lines.append("")
        lines.append(translate(title, lang) + ":")
        width = max(display_width(f.rule) for f in group)
        for f in group:
            where = f"[{f.where}] " if f.where else ""
            lines.append(f"  {pad(f.rule, width)}  {where}{f.message.render(lang)}")
            if f.source:
                lines.append(
                    "  "
                    + " " * width
                    + "  "
                    + translate(N_("source: {source}"), lang, source=f.source)
                )
    if report.fix is not None:
        lines.append("")
        lines.append(
            translate(
                N_("Likely fix: set {item} to {value} (now {current}); every failing rule would pass."),
                lang,
                item=report.fix.item,
                value=report.fix.value,
                current=report.fix.current if report.fix.current is not None else "—",
            )
        )
    if report.not_evaluated:
        lines.append("")
        lines.append(
            translate(
                N_("Not evaluated (an item was not reported): {rules}"),
                lang,
                rules=", ".join(report.not_evaluated),
            )
        )
    return "\n".join(lines)


def report_html(report: Report, lang: str | None = None) -> str:
    """An HTML table for notebooks (``Report._repr_html_``)."""
    esc = html.escape
    counts = report.counts
    rows = "".join(
        "<tr>"
        f"<td>{esc(f.severity.value)}</td><td><code>{esc(f.rule)}</code></td>"
        f"<td>{esc(' '.join(f.items))}</td><td>{esc(f.expected or '')}</td>"
        f"<td>{esc(f.actual or '')}</td><td>{esc(f.message.render(lang))}</td>"
        f"<td>{esc(f.source)}</td>"
        "</tr>"
        for f in report.findings
    )
    status = "ok" if report.ok else "errors"
    return (
        f"<div><strong>{esc(report.form)}</strong> {esc(report.unit or '')} "
        f"<em>{status}</em>: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['passed']} passed, {counts['not_evaluated']} not evaluated"
        "<table><thead><tr><th>severity</th><th>rule</th><th>items</th><th>expected</th>"
        "<th>actual</th><th>message</th><th>source</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def findings_frame(reports: Iterable[Report], lang: str | None = None) -> Any:
    """A pandas DataFrame, one row per finding (pandas is imported only here; install the ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from wennuan_rules.errors import WennuanError

        raise WennuanError(
            N_("to_frame() needs pandas: pip install 'wennuan-rules[pandas]'"), what="pandas"
        ) from exc
    records = []
    for report in reports:
        for f in report.findings:
            records.append(
                {
                    "form": report.form,
                    "unit": report.unit,
                    "rule": f.rule,
                    "severity": f.severity.value,
                    "items": " ".join(f.items),
                    "expected": f.expected,
                    "actual": f.actual,
                    "where": f.where,
                    "source": f.source,
                    "message": f.message.render(lang),
                }
            )
    return pd.DataFrame.from_records(records, columns=list(CSV_COLUMNS))

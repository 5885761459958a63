"""Renderers: reports to text, JSON, CSV, HTML (notebooks) and pandas frames. Renderers never
decide.

Every renderer takes a report (or many) and a locale; none of them evaluates a rule. CSV output is
safe to open in spreadsheet software: a text cell beginning with ``=``, ``+``, ``-``, ``@``, tab or
carriage return is prefixed with ``'`` (numbers such as ``-12.5`` are left as they are).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

from wennuan_rules.i18n import N_, translate
from wennuan_rules.report import Report, Severity

if TYPE_CHECKING:  # pragma: no cover
    from wennuan_rules.form.validate import Summary

__all__ = [
    "display_width",
    "findings_frame",
    "report_html",
    "report_text",
    "reports_csv",
    "reports_json",
    "reports_text",
    "safe_cell",
    "summary_csv",
    "summary_text",
    "write_reports_csv",
]

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection": = + - @, tab,
#: carriage return; line feed; ``|`` of DDE payloads; the full-width ＝ ＋ － ＠ too).
_FORMULA_START: Final = frozenset("=+-@\t\r\n|＝＋－＠")
#: Spaces spreadsheets skip before a formula: space, no-break space, ideographic space, and so on.
_LEADING_SPACE: Final = " \u00a0\u3000\u202f\u205f\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))


def safe_cell(value: object) -> str:
    """A CSV cell that spreadsheet software will not run as a formula (OWASP's CSV-injection
    guidance: a cell starting, after any spaces, with one of :data:`_FORMULA_START` gets a leading
    ``'``); plain numbers (``-12.5``) stay as they are."""
    if value is None:
        return ""
    text = str(value)
    head = text.lstrip(_LEADING_SPACE)
    starts = head and (head[0] in _FORMULA_START or text[0] in _FORMULA_START)
    if starts and not _NUMBER.match(text):
        return "'" + text
    return text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def reports_json(
    reports: Sequence[Report], lang: str | None = None, *, single: bool = False
) -> str:
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
    """One row per finding; a return with no findings gets one row with an empty rule (so it is
    counted)."""
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


_FIGURE = re.compile(r"^(<= |>= |< |> )?(-?\d+(?:\.(\d+))?)$")


def _figure(value: str | None, unit: str | None, lang: str | None) -> str:
    """An exact figure of a finding for people: 万元 amounts in the reader's language (all their
    decimals, nothing rounded), other units after the number as printed on the form."""
    if value is None:
        return "—"
    match = _FIGURE.match(value)
    if match is None or unit is None or unit == "yes-no":
        return value
    prefix, number, decimals = match.group(1) or "", match.group(2), match.group(3) or ""
    if unit == "万元" and len(decimals) <= 6:
        from decimal import Decimal

        from wennuan_rules.money import format_wan, wan_to_yuan

        return prefix + format_wan(wan_to_yuan(Decimal(number)), lang, places=len(decimals))
    return f"{prefix}{number} {unit}"


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
            where = f"[{f.where}] " if f.where else ""
            lines.append(f"  {pad(name, width)}  {where}{f.message.render(lang)}")
            if f.expected is not None or f.actual is not None:
                lines.append(
                    indent
                    + translate(
                        N_("expected {expected}, found {actual}"),
                        lang,
                        expected=_figure(f.expected, f.unit, lang),
                        actual=_figure(f.actual, f.unit, lang),
                    )
                )
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
        missing = [
            r.removeprefix(prefix)[: -len(":unit")]
            for r in report.not_evaluated
            if r.endswith(":unit")
        ]
        rules = [r.removeprefix(prefix) for r in report.not_evaluated if not r.endswith(":unit")]
        lines.append("")
        if missing:
            text = translate(N_("Not reported: {items}"), lang, items=", ".join(missing))
            lines += _wrap(text)
        if rules:
            text = translate(
                N_("Not evaluated (something the rule needs was not given): {rules}"),
                lang,
                rules=", ".join(rules),
            )
            lines += _wrap(text)
    return "\n".join(lines)


def _wrap(text: str, width: int = 96) -> list[str]:
    """``text`` broken after ", " into lines of at most ``width`` columns (CJK count two)."""
    out: list[str] = []
    line = ""
    for piece in text.split(", "):
        candidate = f"{line}, {piece}" if line else piece
        if line and display_width(candidate) > width:
            out.append(line + ",")
            line = "    " + piece
        else:
            line = candidate
    out.append(line)
    return out


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
        if not r.rule.endswith(":unit") or r.failed
    ]
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [pad(row[0], widths[0])] + [
            " " * (widths[i] - display_width(row[i])) + row[i] for i in range(1, 4)
        ]
        lines.append("  ".join(cells).rstrip())
    hidden = sum(1 for r in summary.rules if r.rule.endswith(":unit") and not r.failed)
    if hidden:
        lines.append("")
        lines.append(
            translate(N_("{count} unit checks never failed (not shown)."), lang, count=hidden)
        )
    return "\n".join(lines) + "\n"


SUMMARY_COLUMNS = ("rule", "severity", "items", "passed", "failed", "not_evaluated", "source")


def summary_csv(summary: Summary) -> str:
    """The per-rule summary as CSV (every rule, unit checks included)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for r in summary.rules:
        row = (
            r.rule,
            r.severity.value,
            " ".join(r.items),
            r.passed,
            r.failed,
            r.not_evaluated,
            r.source,
        )
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def write_reports_csv(reports: Iterable[Report], out: TextIO, lang: str | None = None) -> None:
    """:func:`reports_csv` written to ``out`` one report at a time (constant memory)."""
    out.write(",".join(CSV_COLUMNS) + "\n")
    for report in reports:
        text = reports_csv([report], lang)
        out.write(text.split("\n", 1)[1])


_HTML_COLUMNS = (
    N_("severity"),
    N_("rule"),
    N_("where"),
    N_("items"),
    N_("expected"),
    N_("actual"),
    N_("message"),
    N_("source"),
)


def report_html(report: Report, lang: str | None = None) -> str:
    """An HTML table for notebooks (``Report._repr_html_``), in the caller's language."""
    esc = html.escape
    rows = "".join(
        "<tr>"
        f"<td>{esc(f.severity.value)}</td><td><code>{esc(f.rule)}</code></td>"
        f"<td>{esc(f.where or '')}</td>"
        f"<td>{esc(' '.join(f.items))}</td><td>{esc(f.expected or '')}</td>"
        f"<td>{esc(f.actual or '')}</td><td>{esc(f.message.render(lang))}</td>"
        f"<td>{esc(f.source)}</td>"
        "</tr>"
        for f in report.findings
    )
    status = translate(N_("OK") if report.ok else N_("ERRORS FOUND"), lang)
    counts = translate(
        N_(
            "{error} errors, {warning} warnings, {passed} rules passed, "
            "{not_evaluated} not evaluated"
        ),
        lang,
        **report.counts,
    )
    head = "".join(f"<th>{esc(translate(c, lang))}</th>" for c in _HTML_COLUMNS)
    return (
        f"<div><strong>{esc(report.form)}</strong> {esc(report.unit or '')} "
        f"<em>{esc(status)}</em>: {esc(counts)}"
        f"<table><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def findings_frame(reports: Iterable[Report], lang: str | None = None) -> Any:
    """A pandas DataFrame, one row per finding (pandas is imported only here; install the
    ``pandas`` extra)."""
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

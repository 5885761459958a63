"""CSV renderers: one row per finding, per-rule summaries. Safe to open in spreadsheet software: a
text cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'``
(numbers such as ``-12.5`` are left as they are)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Final, TextIO

from wennuan_rules.results import Report, Summary

__all__ = [
    "CSV_COLUMNS",
    "SUMMARY_COLUMNS",
    "reports_csv",
    "safe_cell",
    "summary_csv",
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
    "row_no",
)


def reports_csv(reports: Iterable[Report], lang: str | None = None) -> str:
    """One row per finding; a return with no findings gets one row with an empty rule (so it is
    counted)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in reports:
        if not report.findings:
            writer.writerow([safe_cell(report.form), safe_cell(report.unit)] + [""] * 9)
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
                finding.row_no,
            ]
            writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def write_reports_csv(reports: Iterable[Report], out: TextIO, lang: str | None = None) -> None:
    """:func:`reports_csv` written to ``out`` one report at a time (constant memory)."""
    out.write(",".join(CSV_COLUMNS) + "\n")
    for report in reports:
        text = reports_csv([report], lang)
        out.write(text.split("\n", 1)[1])


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

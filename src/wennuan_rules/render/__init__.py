"""Renderers: the only code that formats. Results (reports, summaries, assessments, campaigns) to
text, JSON, CSV, HTML (notebooks) and pandas frames, in zh-Hans, zh-Hant or en. Renderers never
decide: none of them evaluates a rule.

One module per format (:mod:`.text`, :mod:`.json`, :mod:`.csv`, :mod:`.html`, :mod:`.frame`) and
per subject where a subject has its own layout (:mod:`.campaigns`). CSV output is safe to open in
spreadsheet software (:func:`safe_cell`). Every name that ``wennuan_rules.render`` had when it was
one module is re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wennuan_rules._lazy import lazy_names

# public name -> the module of this package that defines it (loaded on first use: a command that
# writes text does not import the HTML, CSV and frame renderers)
_LAZY: dict[str, str] = {
    "batch_html": "batch",
    "summary_html": "batch",
    "CSV_COLUMNS": "csv",
    "SUMMARY_COLUMNS": "csv",
    "reports_csv": "csv",
    "safe_cell": "csv",
    "summary_csv": "csv",
    "write_reports_csv": "csv",
    "batch_frame": "frame",
    "findings_frame": "frame",
    "report_html": "html",
    "reports_json": "json",
    "report_text": "text",
    "reports_text": "text",
    "summary_text": "text",
    "display_width": "width",
    "pad": "width",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from wennuan_rules.render.batch import batch_html, summary_html
    from wennuan_rules.render.csv import (
        CSV_COLUMNS,
        SUMMARY_COLUMNS,
        reports_csv,
        safe_cell,
        summary_csv,
        write_reports_csv,
    )
    from wennuan_rules.render.frame import batch_frame, findings_frame
    from wennuan_rules.render.html import report_html
    from wennuan_rules.render.json import reports_json
    from wennuan_rules.render.text import report_text, reports_text, summary_text
    from wennuan_rules.render.width import display_width, pad

__all__ = [
    "CSV_COLUMNS",
    "SUMMARY_COLUMNS",
    "assessment_html",
    "batch_frame",
    "batch_html",
    "display_width",
    "findings_frame",
    "pad",
    "report_html",
    "report_text",
    "reports_csv",
    "reports_json",
    "reports_text",
    "safe_cell",
    "summary_csv",
    "summary_html",
    "summary_text",
    "write_reports_csv",
]


def assessment_html(assessment: Any, lang: str | None = None) -> str:
    """:func:`wennuan_rules.render.assessment.assessment_html` (eligibility loaded on first use)."""
    from wennuan_rules.render.assessment import assessment_html as render

    return render(assessment, lang)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())

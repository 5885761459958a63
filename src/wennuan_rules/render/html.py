"""HTML renderers: tables for notebooks (``Report._repr_html_``)."""

from __future__ import annotations

import html

from wennuan_rules.i18n import N_, phrase, translate
from wennuan_rules.results import Report

__all__ = ["report_html"]


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
        f"<td>{esc(f.severity.text(lang))}</td><td><code>{esc(f.rule)}</code></td>"
        f"<td>{esc(f.where or '')}</td>"
        f"<td>{esc(' '.join(f.items))}</td><td>{esc(phrase(f.expected, lang) or '')}</td>"
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

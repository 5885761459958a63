"""HTML renderers: tables for notebooks (``Report._repr_html_``), with the likely fix and what was
not reported; the shared style and severity colours of every HTML view (:mod:`.batch`)."""

from __future__ import annotations

import html
from typing import Final

from wennuan_rules.i18n import N_, translate
from wennuan_rules.results import Report

__all__ = ["COLOURS", "STYLE", "report_html"]

#: severity and outcome colours of every HTML view (pointblank's green for passed)
COLOURS: Final = {
    "passed": "#4ca64c",
    "error": "#c0392b",
    "warning": "#e1a100",
    "not_evaluated": "#9e9e9e",
}

#: the style of the HTML views (classes ``wr-…``, light and dark backgrounds alike)
STYLE: Final = (
    "<style>"
    ".wr-view{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC',"
    "'WenQuanYi Micro Hei',sans-serif;font-size:13px;line-height:1.45;"
    "max-width:100%;overflow-x:auto}"
    ".wr-view table{border-collapse:collapse;margin:.4em 0}"
    ".wr-view th{text-align:left;font-weight:600;border-bottom:2px solid rgba(127,127,127,.5);"
    "padding:3px 8px;white-space:nowrap}"
    ".wr-view td{border-bottom:1px solid rgba(127,127,127,.25);padding:3px 8px;vertical-align:top}"
    ".wr-view td,.wr-view th{font-size:inherit}"
    ".wr-view code{font-size:12px;white-space:nowrap}"
    ".wr-title{font-size:16px;font-weight:600}"
    ".wr-sub,.wr-note{opacity:.8;margin:.2em 0}"
    ".wr-h{font-size:14px;margin:1em 0 .3em}"
    ".wr-return h4{font-size:13px;margin:.8em 0 .2em}"
    ".wr-num{text-align:right;font-variant-numeric:tabular-nums}"
    ".wr-src{font-size:12px;opacity:.85;min-width:14em}"
    ".wr-rule{min-width:13em}"
    ".wr-units{min-width:8em}"
    ".wr-strip{width:5px;padding:0!important}"
    ".wr-sev{padding:0 6px;border-radius:3px;color:#fff;font-size:12px;white-space:nowrap}"
    f".wr-error{{background:{COLOURS['error']}}}.wr-warning{{background:{COLOURS['warning']}}}"
    f".wr-failed-error{{color:{COLOURS['error']};font-weight:600}}"
    f".wr-failed-warning{{color:{COLOURS['warning']};font-weight:600}}"
    f".wr-ok{{color:{COLOURS['passed']};font-weight:600}}"
    ".wr-bar{display:flex;width:140px;height:10px;border-radius:2px;overflow:hidden;"
    "background:rgba(127,127,127,.15);margin-top:4px}"
    ".wr-bar span{display:block;height:100%}"
    ".wr-fix{border-left:4px solid #2e86c1;padding:2px 8px;margin:.4em 0}"
    "</style>"
)

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


def _fix(report: Report, lang: str | None) -> str:
    fix = report.fix
    if fix is None:
        return ""
    text = translate(
        N_("Likely fix: set {item} to {value} (now {current}); every failing rule would pass."),
        lang,
        item=fix.item,
        value=fix.value,
        current=fix.current if fix.current is not None else "—",
    )
    label = f" <small>{html.escape(fix.label.get(lang))}</small>" if fix.label is not None else ""
    return f'<p class="wr-fix">{html.escape(text)}{label}</p>'


def _missing(report: Report, lang: str | None) -> str:
    prefix = report.form + "/"
    out = []
    if report.not_reported:
        items = ", ".join(report.not_reported)
        out.append(translate(N_("Not reported: {items}"), lang, items=items))
    rules = [r.removeprefix(prefix) for r in report.not_evaluated_rules]
    if rules:
        out.append(
            translate(
                N_("Not evaluated (something the rule needs was not given): {rules}"),
                lang,
                rules=", ".join(rules),
            )
        )
    return "".join(f'<p class="wr-note">{html.escape(t)}</p>' for t in out)


def report_html(report: Report, lang: str | None = None, *, style: bool = True) -> str:
    """An HTML table for notebooks (``Report._repr_html_``), in the caller's language: counts,
    findings (severity in its colour), the likely fix, the items not reported and the rules not
    evaluated. ``style=False`` leaves out the style block (a view that already has it)."""
    esc = html.escape
    prefix = report.form + "/"
    located = any(f.where for f in report.findings)  # roster rows; a form return has none
    rows = "".join(
        "<tr>"
        f'<td><span class="wr-sev wr-{f.severity.value}">'
        f"{esc(translate(f.severity.value, lang))}</span></td>"
        f"<td><code>{esc(f.rule.removeprefix(prefix))}</code></td>"
        + (f"<td>{esc(f.where or '')}</td>" if located else "")
        + f"<td>{esc(' '.join(f.items))}</td><td>{esc(f.expected or '')}</td>"
        f"<td>{esc(f.actual or '')}</td><td>{esc(f.message.render(lang))}</td>"
        f'<td class="wr-src">{esc(f.source)}</td>'
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
    columns = [c for c in _HTML_COLUMNS if located or c != "where"]
    head = "".join(f"<th>{esc(translate(c, lang))}</th>" for c in columns)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rows else ""
    colour = "wr-ok" if report.ok else "wr-failed-error"
    return (
        f'<div class="wr-view">{STYLE if style else ""}'
        f"<strong>{esc(report.form)}</strong> {esc(report.unit or '')} "
        f'<em class="{colour}">{esc(status)}</em>: {esc(counts)}'
        f"{table}{_fix(report, lang)}{_missing(report, lang)}</div>"
    )

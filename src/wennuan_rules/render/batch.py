"""The notebook view of many returns (as pointblank's validation report): one row per rule with
its printed formula and clause, passed / failed / not evaluated counts with a bar in severity
colours, the first failing units linked to their returns' findings below.

Every count comes from the :class:`~wennuan_rules.batch.Batch` or the
:class:`~wennuan_rules.results.Summary`; this module only formats them.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping, Sequence
from pathlib import Path

from wennuan_rules.batch import Batch
from wennuan_rules.form.rules.expression import describe
from wennuan_rules.i18n import N_, translate
from wennuan_rules.render.html import COLOURS, STYLE, report_html
from wennuan_rules.results import RuleSummary, Summary

__all__ = ["batch_html", "rule_formula", "summary_html"]

#: the most returns whose findings the batch view lists (``failing()`` gives them all)
SHOWN = 100

_HEAD = (
    N_("severity"),
    N_("passed"),
    N_("failed"),
    N_("not evaluated"),
)


def _esc(text: object) -> str:
    return html.escape(str(text))


def _status(r: RuleSummary) -> str:
    """The colour of the rule's strip: red or amber when it failed, grey when only not
    evaluated, green when it passed on every return."""
    if r.failed:
        return COLOURS[r.severity.value]
    return COLOURS["not_evaluated"] if r.not_evaluated else COLOURS["passed"]


def _bar(r: RuleSummary) -> str:
    total = r.passed + r.failed + r.not_evaluated
    if not total:
        return ""
    parts = (
        (r.passed, COLOURS["passed"]),
        (r.failed, COLOURS[r.severity.value]),
        (r.not_evaluated, COLOURS["not_evaluated"]),
    )
    cells = "".join(
        f'<span style="width:{100 * n / total:.4f}%;background:{colour}"></span>'
        for n, colour in parts
        if n
    )
    return f'<div class="wr-bar">{cells}</div>'


def rule_formula(r: RuleSummary, lang: str | None = None) -> str:
    """The rule as printed for a reader in ``lang``; for a unit check, the item it checks."""
    if r.expr is not None:
        return describe(r.expr, lang)
    return translate(N_("unit check of {item}"), lang, item=" ".join(r.items))


def _rule_row(
    k: int, r: RuleSummary, prefix: str, lang: str | None, units: str | None
) -> tuple[str, bool]:
    """One row of the rules table; whether it is shown (unit checks only when they failed)."""
    if r.unit_check and not r.failed:
        return "", False
    name = r.rule.removeprefix(prefix)
    severity = translate(r.severity.value, lang)
    cells = [
        f'<td class="wr-strip" style="background:{_status(r)}"></td>',
        f'<td class="wr-num">{k}</td>',
        f'<td class="wr-rule"><code>{_esc(name)}</code><br>{_esc(rule_formula(r, lang))}</td>',
        f'<td><span class="wr-sev wr-{r.severity.value}">{_esc(severity)}</span></td>',
        f'<td class="wr-num">{r.passed}</td>',
        f'<td class="wr-num wr-failed-{r.severity.value if r.failed else "none"}">{r.failed}</td>',
        f'<td class="wr-num">{r.not_evaluated}</td>',
        f"<td>{_bar(r)}</td>",
    ]
    if units is not None:
        cells.append(f'<td class="wr-units">{units}</td>')
    cells.append(f'<td class="wr-src">{_esc(r.source)}</td>')
    return "<tr>" + "".join(cells) + "</tr>", True


def _rules_table(summary: Summary, lang: str | None, links: Mapping[str, str] | None = None) -> str:
    prefix = next(iter(summary.returns)) + "/" if len(summary.returns) == 1 else ""
    rule = translate(N_("rule"), lang) + " · " + translate(N_("formula"), lang)
    head = ["", "#", rule] + [translate(c, lang) for c in _HEAD] + [""]
    if links is not None:
        head.append(translate(N_("failing units"), lang))
    head.append(translate(N_("source"), lang))
    rows = []
    k = 0
    for r in summary.rules:
        row, shown = _rule_row(
            k + 1, r, prefix, lang, None if links is None else links.get(r.rule, "")
        )
        if shown:
            k += 1
            rows.append(row)
    hidden = sum(1 for r in summary.rules if r.unit_check and not r.failed)
    note = ""
    if hidden:
        note = _esc(
            translate(N_("{count} unit checks never failed (not shown)."), lang, count=hidden)
        )
        note = f'<p class="wr-note">{note}</p>'
    header = "".join(f"<th>{_esc(h)}</th>" for h in head)
    return (
        f'<table class="wr-rules"><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{note}"
    )


def _totals(total: int, bad: int, lang: str | None) -> str:
    return translate(
        N_("{total} returns checked: {bad} with errors, {good} without"),
        lang,
        total=total,
        bad=bad,
        good=total - bad,
    )


def _title(summary: Summary, lang: str | None) -> str:
    forms = " · ".join(summary.returns) or "—"
    return translate(N_("Check results: {forms}"), lang, forms=forms)


def summary_html(summary: Summary, lang: str | None = None) -> str:
    """The per-rule summary as a styled table (``Summary._repr_html_``)."""
    total = sum(summary.returns.values())
    return (
        f'<div class="wr-view">{STYLE}<div class="wr-title">{_esc(_title(summary, lang))}</div>'
        f'<div class="wr-sub">{_esc(_totals(total, summary.with_errors, lang))}</div>'
        f"{_rules_table(summary, lang)}</div>"
    )


def _label(batch: Batch, k: int, lang: str | None) -> str:
    report = batch.reports[k]
    if report.unit:
        return report.unit
    return batch.sources[k] or translate(N_("row {row}"), lang, row=batch.rows[k] + 1)


def _anchor(batch: Batch) -> str:
    key = repr((batch.summary.to_dict(), [r.unit for r in batch.reports], batch.rows))
    return "wr-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _links(
    batch: Batch, shown: Sequence[int], pid: str, lang: str | None, top: int
) -> dict[str, str]:
    listed = set(shown)
    out = {}
    for rule, ks in batch.rule_failures().items():
        parts = []
        for k in ks[:top]:
            label = _esc(_label(batch, k, lang))
            row = batch.rows[k]
            parts.append(f'<a href="#{pid}-r{row}">{label}</a>' if k in listed else label)
        if len(ks) > top:
            parts.append(_esc(translate(N_("and {count} more"), lang, count=len(ks) - top)))
        out[rule] = ", ".join(parts)
    return out


def batch_html(batch: Batch, lang: str | None = None, top: int = 3) -> str:
    """The styled report of a batch (``Batch._repr_html_``): totals, the rules table with the
    first ``top`` failing units of each rule linked to the findings of their returns below."""
    counts = batch.counts()
    pid = _anchor(batch)
    failing = [k for k, r in enumerate(batch.reports) if r.findings]
    shown = failing[:SHOWN]
    sub = _totals(counts["returns"], counts["with_errors"], lang)
    if counts["with_warnings"]:
        sub += translate(N_("; {count} with warnings only"), lang, count=counts["with_warnings"])
    sections = []
    for k in shown:
        where = batch.sources[k] if batch.reports[k].unit else None
        where = Path(where).name if where else None  # the file (the folder is the batch's)
        small = f" <small>{_esc(where)}</small>" if where else ""
        sections.append(
            f'<div class="wr-return" id="{pid}-r{batch.rows[k]}">'
            f"<h4>{_esc(_label(batch, k, lang))}{small}</h4>"
            f"{report_html(batch.reports[k], lang, style=False)}</div>"
        )
    more = ""
    if len(failing) > len(shown):
        more = translate(
            N_(
                "The first {shown} of {count} returns with findings are shown; "
                "failing() gives them all."
            ),
            lang,
            shown=len(shown),
            count=len(failing),
        )
        more = f'<p class="wr-note">{_esc(more)}</p>'
    heading = ""
    if sections:
        title = translate(N_("Returns with findings"), lang)
        heading = f'<h3 class="wr-h">{_esc(title)}</h3>'
    return (
        f'<div class="wr-view" id="{pid}">{STYLE}'
        f'<div class="wr-title">{_esc(_title(batch.summary, lang))}</div>'
        f'<div class="wr-sub">{_esc(sub)}</div>'
        f"{_rules_table(batch.summary, lang, _links(batch, shown, pid, lang, top))}"
        f"{heading}{''.join(sections)}{more}</div>"
    )

"""Assessments rendered: the text a caseworker reads and the CSV rows (one per group and criterion),
in every language."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Final

from wennuan_rules.eligibility._render import label_in, render_in
from wennuan_rules.eligibility.assessment import Assessment
from wennuan_rules.errors import UnknownIdError
from wennuan_rules.i18n import N_, translate
from wennuan_rules.parameters import parameter_label
from wennuan_rules.render.html import COLOURS, STYLE

__all__ = ["CSV_COLUMNS", "assessment_csv_rows", "assessment_html", "assessment_text"]


CSV_COLUMNS = (
    "campaign",
    "ref",
    "on",
    "group",
    "group_eligible",
    "status",
    "criterion",
    "met",
    "alternative",
    "values",
    "source",
    "message",
)


def _mark(met: bool | None) -> str:
    return "✓" if met is True else ("?" if met is None else "✗")


_TEMPLATES: dict[tuple[str, str], str] = {}


def _t(locale: str, msgid: str, /, **params: object) -> str:
    """``msgid`` in ``locale`` with plain-text ``params`` (the catalog looked up once)."""
    template = _TEMPLATES.get((msgid, locale))
    if template is None:
        template = _TEMPLATES[(msgid, locale)] = translate(msgid, locale)
    if not params:
        return template
    try:
        return template.format_map(params)
    except (KeyError, IndexError, ValueError):  # pragma: no cover - a bad catalog entry
        return translate(msgid, locale, **params)


_ALTERNATIVES: Final = N_("met when every line of one alternative [1], [2], … is met")

_STATUS: Final = {
    "eligible": N_("eligible"),
    "not-eligible": N_("not eligible"),
    "undetermined": N_("not eligible: a fact is not stated"),
}


def assessment_text(a: Assessment, lang: str | None, *, show_personal_data: bool = False) -> str:
    """An assessment as text a union cadre can check line by line."""
    e = a.explained(lang, show_personal_data=show_personal_data)
    loc = e.locale
    colon = ":" if loc == "en" else "："
    lines = [
        _t(
            loc,
            N_("{campaign}  household {ref}  decision date {on}"),
            campaign=a.campaign,
            ref=e.ref if e.ref is not None else "—",
            on=a.on.isoformat(),
        )
    ]
    labels = {d.group: label_in(d.label, loc) for d in e.decisions}
    sep = ", " if loc == "en" else "、"
    eligible = sep.join(f"{labels[g]} ({g})" for g in a.eligible) or "—"
    lines.append(_t(loc, N_("Eligible groups: {groups}"), groups=eligible))
    blocks = [("", e.decisions)]
    if e.categories:
        blocks.append((_t(loc, N_("Household categories of the form")), e.categories))
    for title, decisions in blocks:
        if title:
            lines.append("")
            lines.append(title + colon)
        for d in decisions:
            lines.append("")
            mark = _mark(True if d.eligible else (None if d.status == "undetermined" else False))
            status = _t(loc, _STATUS[d.status])
            lines.append(f"{mark} {label_in(d.label, loc)} ({d.group}): {status}")
            lines.append("    " + _t(loc, N_("source: {source}"), source=d.source))
            if any(r.alternative for r in d.reasons):
                lines.append(
                    "    "
                    + _t(loc, N_("met when every line of one alternative [1], [2], … is met"))
                )
            for r in d.reasons:
                alt = f"[{r.alternative}] " if r.alternative else ""
                lines.append(f"    {_mark(r.met)} {alt}{render_in(r.message, loc)}")
                lines.append("        " + _t(loc, N_("source: {source}"), source=r.source))
                if r.parameter is not None:
                    p = r.parameter
                    lines.append(
                        "        "
                        + _t(
                            loc,
                            N_("parameter: {name} {region} = {value} from {start} ({source})"),
                            name=_parameter_name(p.name, loc),
                            region=p.region,
                            value=str(p.value),
                            start=p.start.isoformat(),
                            source=p.source,
                        )
                    )
    docs = e.documents
    if docs is not None:
        lines.append("")
        lines.append(_t(loc, N_("Documents")) + colon)
        for m in docs.messages(loc):
            lines.append("  " + render_in(m, loc))
        lines.append("  " + _t(loc, N_("source: {source}"), source=docs.source))
    return "\n".join(lines)


def _parameter_name(name: str, locale: str) -> str:
    """A parameter's name as a cadre reads it (低保标准), its id for parameters of users' own."""
    try:
        return label_in(parameter_label(name), locale)
    except UnknownIdError:
        return name


def _csv_rows(a: Assessment, lang: str | None, show: bool) -> Iterator[list[str]]:
    e = a.explained(lang, show_personal_data=show)
    for d in e.decisions:
        for r in d.reasons:
            yield [
                a.campaign,
                e.ref or "",
                a.on.isoformat(),
                d.group,
                "true" if d.eligible else "false",
                d.status,
                r.criterion,
                "" if r.met is None else ("true" if r.met else "false"),
                r.alternative or "",
                json.dumps(dict(r.values), ensure_ascii=False),
                r.source,
                render_in(r.message, e.locale),
            ]


#: The CSV rows of one assessment (one per group and criterion).
assessment_csv_rows = _csv_rows


def _html_mark(met: bool | None) -> str:
    colour = (
        COLOURS["passed"] if met is True else COLOURS["not_evaluated" if met is None else "error"]
    )
    return f'<span style="color:{colour};font-weight:700">{_mark(met)}</span>'


def assessment_html(a: Assessment, lang: str | None = None) -> str:
    """An assessment for notebooks (``Assessment._repr_html_``): each group with its status in
    colour, each criterion met, not met or not stated, with its clause (personal data masked)."""
    e = a.explained(lang)
    loc = e.locale
    esc = html.escape
    head = _t(
        loc,
        N_("{campaign}  household {ref}  decision date {on}"),
        campaign=a.campaign,
        ref=e.ref if e.ref is not None else "—",
        on=a.on.isoformat(),
    )
    rows = []
    for d in (*e.decisions, *e.categories):
        met = True if d.eligible else (None if d.status == "undetermined" else False)
        reasons = "".join(
            f"<li>{_html_mark(r.met)} {esc(render_in(r.message, loc))} "
            f'<span class="wr-src">{esc(r.source)}</span></li>'
            for r in d.reasons
        )
        rows.append(
            f'<tr><td class="wr-strip" style="background:{_STRIP[met]}"></td>'
            f"<td>{_html_mark(met)} <strong>{esc(label_in(d.label, loc))}</strong> "
            f"<code>{esc(d.group)}</code><br>{esc(_t(loc, _STATUS[d.status]))}"
            f'<br><span class="wr-src">{esc(d.source)}</span></td>'
            f'<td><ul style="margin:0;padding-left:1.2em">{reasons}</ul></td></tr>'
        )
    labels = {d.group: label_in(d.label, loc) for d in e.decisions}
    sep = ", " if loc == "en" else "、"
    eligible = sep.join(f"{labels[g]} ({g})" for g in a.eligible) or "—"
    sub = _t(loc, N_("Eligible groups: {groups}"), groups=eligible)
    return (
        f'<div class="wr-view">{STYLE}<div class="wr-title">{esc(head)}</div>'
        f'<div class="wr-sub">{esc(sub)}</div>'
        f"<table><tbody>{''.join(rows)}</tbody></table></div>"
    )


_STRIP: Final = {
    True: COLOURS["passed"],
    False: COLOURS["error"],
    None: COLOURS["not_evaluated"],
}

"""Campaigns rendered: the list of campaigns, or one campaign field by field, as text, JSON or CSV
(the only code that formats a campaign; ``wennuan-rules campaigns [ID]`` prints them)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any, Final

from wennuan_rules._data import Sourced
from wennuan_rules.campaign.model import Campaign, Deadline, Period
from wennuan_rules.i18n import N_, localized, normalize_lang, translate
from wennuan_rules.render.csv import safe_cell
from wennuan_rules.render.width import display_width
from wennuan_rules.vocabulary import vocabularies

__all__ = ["campaign_fields", "campaign_list", "flat_fields"]


def _period_text(p: Period) -> str:
    return f"{p.start.isoformat()} – {p.end.isoformat()}"


def _list_rows(all_campaigns: Iterable[Campaign], lang: str | None) -> list[dict[str, str]]:
    return [
        {
            "id": c.id,
            "title": c.title.get(lang),
            "document": c.document.text if c.document is not None else c.cite,
            "period": _period_text(c.period),
        }
        for c in all_campaigns
    ]


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _flat_fields(campaign: Campaign, lang: str | None) -> list[tuple[str, str, str, str, str]]:
    """(field, value, source, text as printed, note) rows for text and CSV output."""
    rows: list[tuple[str, str, str, str, str]] = []

    def add(field: str, value: object, source: str = "", text: str = "", note: str = "") -> None:
        shown = "" if value is None else localized(value, lang) if isinstance(value, str) else value
        rows.append((field, str(shown), source, text, localized(note, lang)))

    def absent(field: str) -> None:
        s = campaign.absent.get(field)
        if s is None:
            add(field, "—")
        else:
            add(field, "—", s.source, s.text, s.note)

    def sourced(field: str, s: Sourced[Any] | None) -> None:
        if s is None:
            absent(field)
        else:
            value = s.value.isoformat() if isinstance(s.value, dt.date) else s.value
            add(field, value, s.source, s.text, s.note)

    iss = campaign.issuer_source
    add("id", campaign.id)
    add("title", campaign.title.get(lang))
    add(
        "issuer",
        f"{campaign.issuer.get(lang)} ({campaign.level.label.get(lang)})",
        iss.source if iss else "",
        iss.text if iss else "",
        iss.note if iss else "",
    )
    if campaign.document is None:
        absent("document")
    else:
        d = campaign.document
        add(
            "document",
            f"{d.text} = {d.issuer_abbrev} / {d.year} / {d.serial}",
            f"{campaign.cite} (heading)",
            d.text,
        )
    sourced("issued_on", campaign.issued_on)
    if campaign.published_on is not None:
        sourced("published_on", campaign.published_on)
    sourced("theme", campaign.theme)
    p = campaign.period
    add("period", _period_text(p), p.source, p.text, p.note)
    if campaign.visiting_window is None:
        absent("visiting_window")
    else:
        w = campaign.visiting_window
        add("visiting_window", _period_text(w), w.source, w.text, w.note)
    for name in ("report_deadline", "application_deadline"):
        dl: Deadline | None = getattr(campaign, name)
        if dl is None:
            absent(name)
        else:
            add(name, dl.last_day.isoformat(), dl.source, dl.text, dl.note)
    if not campaign.spending_deadlines:
        absent("spending_deadlines")
    for fund, dl in campaign.spending_deadlines.items():
        add(
            f"spending_deadline[{fund.id}]",
            dl.last_day.isoformat(),
            dl.source,
            dl.text,
            dl.note,
        )
    pay = campaign.payment
    for name in ("real_name", "file_before_aid", "channels", "earmarked"):
        s = getattr(pay, name)
        if s is None:
            absent(f"payment.{name}")
            continue
        value = s.value
        if isinstance(value, tuple):
            value = ", ".join(v.id for v in value)
            if pay.channel_applies_to:
                value += " (" + ", ".join(f.id for f in pay.channel_applies_to) + ")"
        else:
            value = translate(N_("yes") if value else N_("no"), lang)
            if pay.rules_apply_to and name in ("real_name", "file_before_aid"):
                value += " (" + ", ".join(f.id for f in pay.rules_apply_to) + ")"
        add(f"payment.{name}", value, s.source, s.text, s.note)
    for field, items in (("forms", campaign.forms), ("reports", campaign.reports)):
        if not items:
            absent(field)
        for s in items:
            sourced(field, s)
    for g in campaign.groups:
        add(f"group[{g.id}]", g.label.get(lang), g.source, g.text, g.note)
    for g in campaign.categories:
        add(f"category[{g.id}]", g.label.get(lang), g.source, g.text, g.note)
    if campaign.region is not None:
        add("region", campaign.region)
    sourced("coverage", campaign.coverage)
    q = campaign.visit_quota
    if q is None:
        absent("visit_quota")
    else:
        kinds = ", ".join(f"{k} ≥ {v}" for k, v in q.by_kind.items())
        add(
            "visit_quota",
            translate(
                _QUOTA_PER.get(q.per, N_("at least {count} households per {per} ({kinds})")),
                lang,
                count=q.minimum_households,
                per=q.per,
                kinds=kinds,
            ),
            q.source,
            q.text,
            q.note,
        )
    if not campaign.programmes:
        absent("programmes")
    for s in campaign.programmes:
        add("programmes", _programme(s.value, lang), s.source, s.text, s.note)
    add("spring_festival", campaign.spring_festival.isoformat())
    return rows


_QUOTA_PER: Final = {
    "unit-visited": N_("at least {count} households per unit visited ({kinds})"),
    "group": N_("at least {count} households per visiting group ({kinds})"),
}


def _programme(name: str, lang: str | None) -> str:
    """A programme of the vocabulary (``FourClears``) as the names of its parts."""
    found = vocabularies().get(name)
    if found is None:
        return name
    joiner = ", " if normalize_lang(lang) == "en" else "、"
    return joiner.join(member.label.get(lang) for member in found)


_FIELD_NAMES: Final = {
    "id": N_("Id"),
    "title": N_("Title"),
    "issuer": N_("Issuer"),
    "document": N_("Document number"),
    "issued_on": N_("Issued on"),
    "published_on": N_("Published on"),
    "theme": N_("Theme"),
    "period": N_("Campaign period"),
    "visiting_window": N_("Concentrated visiting window"),
    "report_deadline": N_("Report deadline"),
    "application_deadline": N_("Application deadline"),
    "spending_deadline": N_("Spending deadline"),
    "spending_deadlines": N_("Spending deadline"),
    "payment.real_name": N_("Real-name payment"),
    "payment.file_before_aid": N_("On file before aid"),
    "payment.channels": N_("Payment channel"),
    "payment.earmarked": N_("Earmarked funds"),
    "forms": N_("Form"),
    "reports": N_("Report to hand in"),
    "group": N_("Priority group"),
    "category": N_("Household category"),
    "region": N_("Region of the dibao standard"),
    "coverage": N_("Coverage"),
    "visit_quota": N_("Visit quota"),
    "programmes": N_("Programme"),
    "spring_festival": N_("Spring Festival"),
}


def _field_name(field: str, lang: str | None) -> str:
    base, _, rest = field.partition("[")
    msgid = _FIELD_NAMES.get(base)
    if msgid is None:
        return field
    name = translate(msgid, lang)
    return f"{name} [{rest}" if rest else name


def _show_text(campaign: Campaign, lang: str | None) -> str:
    rows = [(_field_name(r[0], lang), *r[1:]) for r in _flat_fields(campaign, lang)]
    width = max(display_width(r[0]) for r in rows)
    indent = " " * (width + 2)
    lines = []
    for field, value, source, text, note in rows:
        lines.append(field + " " * (width - display_width(field)) + "  " + value)
        if source:
            lines.append(indent + translate(N_("clause: {source}"), lang, source=source))
        if text and text != value:
            lines.append(indent + translate(N_("as printed: {text}"), lang, text=text))
        if note:
            lines.append(indent + translate(N_("read as: {note}"), lang, note=note))
    return "\n".join(lines) + "\n"


#: (field, value, source, text as printed, note) rows of a campaign (scripts/gen_docs.py uses them)
flat_fields = _flat_fields


def campaign_list(all_campaigns: Iterable[Campaign], fmt: str, lang: str | None) -> str:
    """The list of campaigns as ``text``, ``json`` or ``csv``."""
    rows = _list_rows(all_campaigns, lang)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        keys = ["id", "title", "document", "period"]
        return _csv([keys] + [[r[k] for k in keys] for r in rows])
    head = [translate(_FIELD_NAMES[k], lang) for k in ("id", "document", "period", "title")]
    table = [head] + [[r["id"], r["document"], r["period"], r["title"]] for r in rows]
    return _aligned(table) + "\n"


def campaign_fields(campaign: Campaign, fmt: str, lang: str | None) -> str:
    """One campaign field by field (value, clause, text as printed, note) as text, JSON or CSV."""
    if fmt == "json":
        return json.dumps(campaign.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        head = ["field", "value", "source", "text", "note"]
        return _csv([head] + [list(r) for r in _flat_fields(campaign, lang)])
    return _show_text(campaign, lang)

"""``wennuan-rules campaigns [ID]``: the list of campaigns, or one campaign field by field, as
text, JSON or CSV (the only code that formats a campaign)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any, Final

from wennuan_rules._data import Sourced
from wennuan_rules.i18n import N_, translate

if TYPE_CHECKING:
    import argparse
    from typing import TextIO
from wennuan_rules.campaign.loader import campaigns, get_campaign
from wennuan_rules.campaign.model import Campaign, Deadline, Period

__all__ = ["run_cli"]

# --------------------------------------------------------------------------------------------------
# command line: wennuan-rules campaigns [ID] [--format text|json|csv] [--lang …]


def _period_text(p: Period) -> str:
    return f"{p.start.isoformat()} – {p.end.isoformat()}"


def _list_rows(lang: str | None) -> list[dict[str, str]]:
    return [
        {
            "id": c.id,
            "title": c.title.get(lang),
            "document": c.document.text if c.document is not None else c.cite,
            "period": _period_text(c.period),
        }
        for c in campaigns()
    ]


def _csv(rows: list[list[str]]) -> str:
    from wennuan_rules.render import safe_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def _aligned(rows: list[list[str]]) -> str:
    from wennuan_rules.render import display_width

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
        rows.append((field, "" if value is None else str(value), source, text, note))

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
            f"≥ {q.minimum_households} per {q.per} ({kinds})",
            q.source,
            q.text,
            q.note,
        )
    if not campaign.programmes:
        absent("programmes")
    for s in campaign.programmes:
        sourced("programmes", s)
    add("spring_festival", campaign.spring_festival.isoformat())
    return rows


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
    from wennuan_rules.render import display_width

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


def run_cli(args: argparse.Namespace, out: TextIO) -> int:
    """``wennuan-rules campaigns [ID] [--format text|json|csv] [--lang …]``; returns exit status."""
    lang: str | None = getattr(args, "lang", None)
    fmt: str = getattr(args, "format", "text") or "text"
    ident: str | None = getattr(args, "id", None)
    if ident is None:
        rows = _list_rows(lang)
        if fmt == "json":
            out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            keys = ["id", "title", "document", "period"]
            out.write(_csv([keys] + [[r[k] for k in keys] for r in rows]))
        else:
            head = [translate(_FIELD_NAMES[k], lang) for k in ("id", "document", "period", "title")]
            table = [head] + [[r["id"], r["document"], r["period"], r["title"]] for r in rows]
            out.write(_aligned(table) + "\n")
        return 0
    campaign = get_campaign(ident)
    if fmt == "json":
        out.write(json.dumps(campaign.to_dict(lang), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        head = ["field", "value", "source", "text", "note"]
        out.write(_csv([head] + [list(r) for r in _flat_fields(campaign, lang)]))
    else:
        out.write(_show_text(campaign, lang))
    return 0


#: (field, value, source, text as printed, note) rows of a campaign (scripts/gen_docs.py uses them)
flat_fields = _flat_fields

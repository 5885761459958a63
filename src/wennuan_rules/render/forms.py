"""Forms rendered: the list of forms, one form item by item and rule by rule (text, JSON, CSV),
rules as a reader in each language reads them."""

from __future__ import annotations

import csv
import io
from typing import Any

from wennuan_rules.form.model import FormTemplate, Rule, unit_label
from wennuan_rules.form.rules.expression import describe
from wennuan_rules.i18n import N_, localized, translate
from wennuan_rules.render import (
    display_width,
    pad,
    safe_cell,
)

__all__ = ["form_dict", "rule_expression"]


def rule_expression(rule: Rule, lang: str | None = None) -> str:
    """The rule as printed for a reader in ``lang``: ``05A = 05B + 05C``, ``02B ≤ 02A``,
    ``08B-1 ~ 08B-2 (both 0, or both more than 0)``, ``if 09I > 0, then 09J > 0``."""
    return describe(rule.expr, lang)


def form_dict(form: FormTemplate, lang: str | None) -> dict[str, Any]:
    """The form as JSON-ready data: items and rules with their sources (labels in ``lang``)."""
    return {
        "id": form.id,
        "campaign": form.campaign,
        "title": form.title.get(lang),
        "source": form.source,
        "reference_date": None if form.reference_date is None else form.reference_date.isoformat(),
        "period_note": form.period_note,
        "notes": [n.get(lang) for n in form.notes],
        "items": [
            {
                "code": item.code,
                "line": item.line,
                "unit": item.unit,
                "label": item.label.get(lang),
                "parent": item.parent or None,
                "note": localized(item.note, lang),
                "source": form.item_source(item.code),
            }
            for item in form.items
        ],
        "rules": [
            {
                "rule": f"{form.id}/{rule.name}",
                "kind": rule.kind,
                "expression": rule.formula,
                "text": rule_expression(rule, lang),
                "items": list(rule.items),
                "severity": rule.severity.value,
                "source": form.rule_source(rule),
                "note": localized(rule.note, lang),
            }
            for rule in form.rules
        ],
    }


def _forms_list_text(all_forms: list[FormTemplate], lang: str | None) -> str:
    width = max(display_width(f.id) for f in all_forms)
    lines = [translate(N_("{count} forms:"), lang, count=len(all_forms))]
    for f in all_forms:
        counts = translate(
            N_("{items} line items, {rules} rules"), lang, items=len(f.items), rules=len(f.rules)
        )
        lines.append(f"  {pad(f.id, width)}  {f.title.get(lang)}  ({counts}; {f.source})")
    return "\n".join(lines) + "\n"


def _form_text(form: FormTemplate, lang: str | None) -> str:
    lines = [
        f"{form.id}  {form.title.get(lang)}",
        translate(N_("source: {source}"), lang, source=form.source),
    ]
    if form.reference_date is not None:
        lines.append(
            translate(N_("figures as at {date}"), lang, date=form.reference_date.isoformat())
        )
    if form.period_note:
        lines.append(form.period_note)
    for note in form.notes:
        lines.append(f"  * {note.get(lang)}")
    lines += ["", translate(N_("Line items:"), lang)]
    code_w = max(display_width(i.code) for i in form.items)
    units = {i.code: unit_label(i.unit).get(lang) for i in form.items}
    unit_w = max(display_width(u) for u in units.values())
    for item in form.items:
        indent = "  " if item.parent else ""
        parent = (
            " " + translate(N_("(of which, part of {parent})"), lang, parent=item.parent)
            if item.parent
            else ""
        )
        label = f"{indent}{item.label.get(lang)}{parent}"
        lines.append(f"  {pad(item.code, code_w)}  {pad(units[item.code], unit_w)}  {label}")
    if form.rules:
        lines += ["", translate(N_("Rules:"), lang)]
        name_w = max(display_width(r.name) for r in form.rules)
        for rule in form.rules:
            severity = pad(rule.severity.text(lang), 7)
            lines.append(f"  {pad(rule.name, name_w)}  {severity}  {rule_expression(rule, lang)}")
            lines.append(
                " " * (name_w + 13)
                + translate(N_("source: {source}"), lang, source=form.rule_source(rule))
            )
    lines += [
        "",
        translate(
            N_(
                "Every item is also checked for its unit: counts are whole numbers not below zero, "
                "万元 amounts have at most 6 decimals, yes-no items are 是 or 否."
            ),
            lang,
        ),
    ]
    return "\n".join(lines) + "\n"


def _form_csv(form: FormTemplate, lang: str | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["form", "kind", "code", "unit", "label", "parent", "severity", "source"])
    for item in form.items:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    form.id,
                    "item",
                    item.code,
                    item.unit,
                    item.label.get(lang),
                    item.parent,
                    "",
                    form.item_source(item.code),
                )
            ]
        )
    for rule in form.rules:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    form.id,
                    rule.kind,
                    f"{form.id}/{rule.name}",
                    "",
                    rule_expression(rule, lang),
                    "",
                    rule.severity.value,
                    form.rule_source(rule),
                )
            ]
        )
    return buffer.getvalue()

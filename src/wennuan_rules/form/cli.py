"""``wennuan-rules forms`` and ``wennuan-rules check`` (contract.md, "Command line").

``forms [ID] [--form-file F]`` lists the forms, or shows one: line items, rules and their sources.
``check FILE|--sample [FORM]`` validates returns; exit 0 when no error was found (warnings
allowed), 1 when a return has an error, 2 for unusable input (handled by
:func:`wennuan_rules.cli.main`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from wennuan_rules.errors import InputFileError, UnknownIdError
from wennuan_rules.form.loader import forms as bundled_forms
from wennuan_rules.form.loader import get_form, load_form
from wennuan_rules.form.model import FormTemplate, Return, Rule
from wennuan_rules.form.readers import read_returns
from wennuan_rules.form.rules.expression import describe
from wennuan_rules.form.validate import _Accumulator, summarize, validate_many
from wennuan_rules.i18n import N_, translate
from wennuan_rules.render import (
    display_width,
    pad,
    report_text,
    safe_cell,
    summary_csv,
    summary_text,
    write_reports_csv,
)
from wennuan_rules.report import Report

__all__ = [
    "DEFAULT_SAMPLE",
    "form_dict",
    "rule_expression",
    "run_check",
    "run_forms",
    "sample_path",
]

#: The sample ``wennuan-rules check --sample`` checks when no form is named.
DEFAULT_SAMPLE = "wuhan-2015:swn"


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
                "note": item.note,
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
                "note": rule.note,
            }
            for rule in form.rules
        ],
    }


def _extra_forms(paths: Iterable[str]) -> dict[str, FormTemplate]:
    out: dict[str, FormTemplate] = {}
    for path in paths:
        form = load_form(path)
        out[form.id] = form
    return out


def _find(form_id: str, extra: dict[str, FormTemplate]) -> FormTemplate:
    found = extra.get(form_id.strip())
    if found is not None:
        return found
    try:
        return get_form(form_id)
    except UnknownIdError as exc:
        if not extra:
            raise
        known = sorted({f.id for f in bundled_forms()} | set(extra))
        raise UnknownIdError(
            N_("unknown form {got}; known forms: {expected}"),
            what="form",
            expected=", ".join(known),
            got=form_id,
        ) from exc


# -- forms -----------------------------------------------------------------------------------------


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
    unit_w = max(display_width(i.unit) for i in form.items)
    for item in form.items:
        indent = "  " if item.parent else ""
        parent = (
            " " + translate(N_("(of which, part of {parent})"), lang, parent=item.parent)
            if item.parent
            else ""
        )
        label = f"{indent}{item.label.get(lang)}{parent}"
        lines.append(f"  {pad(item.code, code_w)}  {pad(item.unit, unit_w)}  {label}")
    if form.rules:
        lines += ["", translate(N_("Rules:"), lang)]
        name_w = max(display_width(r.name) for r in form.rules)
        for rule in form.rules:
            severity = pad(rule.severity.value, 7)
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


def run_forms(args: argparse.Namespace, out: TextIO) -> int:
    """``wennuan-rules forms [ID] [--form-file F]``."""
    lang: str | None = args.lang
    extra = _extra_forms(args.form_file)
    if args.id is None:
        merged = {f.id: f for f in bundled_forms()}
        merged.update(extra)
        all_forms = [merged[k] for k in sorted(merged)]
        if args.format == "json":
            data = [
                {
                    "id": f.id,
                    "campaign": f.campaign,
                    "title": f.title.get(lang),
                    "source": f.source,
                    "items": len(f.items),
                    "rules": len(f.rules),
                }
                for f in all_forms
            ]
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(["id", "campaign", "title", "source", "items", "rules"])
            for f in all_forms:
                writer.writerow(
                    [
                        safe_cell(v)
                        for v in (
                            f.id,
                            f.campaign,
                            f.title.get(lang),
                            f.source,
                            len(f.items),
                            len(f.rules),
                        )
                    ]
                )
            out.write(buffer.getvalue())
        else:
            out.write(_forms_list_text(all_forms, lang))
        return 0
    form = _find(args.id, extra)
    if args.format == "json":
        out.write(json.dumps(form_dict(form, lang), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        out.write(_form_csv(form, lang))
    else:
        out.write(_form_text(form, lang))
    return 0


# -- check -----------------------------------------------------------------------------------------


def sample_path(form_id: str) -> Path:
    """The bundled sample return of a form (``data/samples/<campaign>__<form>.json``).

    Raises:
        UnknownIdError: there is no sample of that form (the message lists those there are).
    """
    folder = resources.files("wennuan_rules").joinpath("data", "samples")
    name = form_id.strip().replace(":", "__") + ".json"
    entry = folder.joinpath(name)
    if entry.is_file():
        return Path(str(entry))
    known = sorted(
        p.name[: -len(".json")].replace("__", ":")
        for p in folder.iterdir()
        if p.name.endswith(".json") and "__" in p.name
    )
    raise UnknownIdError(
        N_("no sample return of form {got}; samples: {expected}"),
        what="sample",
        expected=", ".join(known) or "none",
        got=form_id,
    )


def _tee(
    returns: Iterator[Return], acc: _Accumulator | None, extra: dict[str, FormTemplate]
) -> Iterator[Return]:
    for entry in returns:
        if acc is not None:
            acc.add(entry, extra)
        yield entry


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    """``wennuan-rules check FILE|--sample [FORM] [--form ID] [--form-file F] [--tolerance T]
    [--summary] [--rollup UNIT] [--annotate OUT.xlsx]``."""
    lang: str | None = args.lang
    extra = _extra_forms(args.form_file)
    if args.sample is not None and args.file is not None:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="check",
            expected="a FILE or --sample, not both",
            got=f"{args.file} --sample",
        )
    if args.sample is not None:
        path: str | Path = sample_path(args.sample or DEFAULT_SAMPLE)
    elif args.file is not None:
        path = args.file
    else:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="check",
            expected="a FILE to check, or --sample",
            got="nothing",
        )
    form = _find(args.form, extra) if args.form else None
    if form is not None:
        extra.setdefault(form.id, form)
    acc = _Accumulator("strict", distinct_units=True) if args.rollup is not None else None
    annotate = getattr(args, "annotate", None)
    if annotate:
        from wennuan_rules.excel.cli import annotated

        found, source = annotated(path, form, extra.values())
    else:
        source = read_returns(path, form=form, forms=extra.values())
    returns = _tee(source, acc, extra)
    reports = validate_many(returns, tolerance=args.tolerance, forms=extra.values())
    if annotate:
        from wennuan_rules.excel.annotate import write_annotated

        done = list(reports)
        show = bool(getattr(args, "show_personal_data", False))
        write_annotated(path, found, done, annotate, lang, show_personal_data=show)
        reports = iter(done)

    def with_rollup() -> Iterator[Report]:
        yield from reports
        if acc is not None:
            yield from validate_many(
                [acc.result(args.rollup)], tolerance=args.tolerance, forms=extra.values()
            )

    stream = with_rollup()
    bad = [0]

    def counted(items: Iterator[Report]) -> Iterator[Report]:
        for report in items:
            if not report.ok:
                bad[0] += 1
            yield report

    if args.summary:
        summary = summarize(counted(stream), forms=extra.values())
        if args.format == "json":
            out.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            out.write(summary_csv(summary))
        else:
            out.write(summary_text(summary, lang))
        return 1 if bad[0] else 0
    _write_reports(counted(stream), args.format, lang, out)
    return 1 if bad[0] else 0


def _write_reports(reports: Iterator[Report], fmt: str, lang: str | None, out: TextIO) -> None:
    """Write reports as they come (constant memory): one JSON object for one return, a list for
    many."""
    first = next(reports, None)
    if first is None:  # pragma: no cover - readers yield at least one return or raise
        return
    second = next(reports, None)
    if fmt == "json":
        if second is None:
            out.write(json.dumps(first.to_dict(lang), ensure_ascii=False, indent=2) + "\n")
            return
        out.write("[\n")
        out.write(json.dumps(first.to_dict(lang), ensure_ascii=False, indent=2))
        for report in _chain(second, reports):
            out.write(",\n" + json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2))
        out.write("\n]\n")
        return
    if fmt == "csv":
        write_reports_csv(_chain(first, _chain(second, reports)), out, lang)
        return
    total = bad = 0
    for report in _chain(first, _chain(second, reports)):
        if total:
            out.write("\n")
        out.write(report_text(report, lang) + "\n")
        total += 1
        bad += not report.ok
    if total > 1:
        out.write(
            "\n"
            + translate(
                N_("{total} returns checked: {bad} with errors, {good} without"),
                lang,
                total=total,
                bad=bad,
                good=total - bad,
            )
            + "\n"
        )


def _chain(first: Report | None, rest: Iterator[Report]) -> Iterator[Report]:
    if first is not None:
        yield first
    yield from rest

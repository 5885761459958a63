"""``wennuan-rules assess FILE --campaign ID [--on DATE]``: eligibility of one household or a list.

FILE holds contract.md's household facts: one JSON object, a JSON list of them, or JSON lines (one
object per line). Amounts in JSON numbers are read exactly (never through float). Encodings: UTF-8
(with or without BOM) and GB18030.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, TextIO

from wennuan_rules.eligibility.assessment import Assessment, assess_many
from wennuan_rules.eligibility.criteria import render_message
from wennuan_rules.eligibility.household import Household
from wennuan_rules.errors import InputFileError, InvalidValueError
from wennuan_rules.i18n import N_, translate
from wennuan_rules.parameters import Parameters
from wennuan_rules.render import safe_cell

__all__ = ["read_households", "run_assess"]

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


def _decode(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFileError(
        N_("{file} is neither UTF-8 nor GB18030 text"), file=name, params={"file": name}
    )


def _loads(text: str) -> Any:
    return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def read_households(path: str) -> tuple[bool, Iterator[Household]]:
    """``(single, households)`` from a JSON object, JSON list or JSON-lines file.

    Raises:
        InputFileError: unreadable file or JSON (with the line and column).
        WennuanError: a bad household, located at its line (JSON lines) or item number (list).
    """
    with open(path, "rb") as fh:
        text = _decode(fh.read(), path)
    try:
        data = _loads(text)
    except ValueError as exc:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
            return False, _json_lines(text, path)
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        raise InputFileError(
            N_("{file} is not valid JSON: {reason}"),
            file=path,
            line=line,
            column=column,
            params={"file": path, "reason": getattr(exc, "msg", str(exc))},
        ) from None
    if isinstance(data, dict):
        return True, iter([Household.from_mapping(data, file=path)])
    if isinstance(data, list):
        return False, _items(data, path)
    raise InputFileError(
        N_("{file}: expected a JSON object of household facts or a list of them"),
        file=path,
        got=type(data).__name__,
        params={"file": path},
    )


def _items(data: list[Any], path: str) -> Iterator[Household]:
    for i, item in enumerate(data, start=1):
        yield Household.from_mapping(item, file=path, line=i)


def _json_lines(text: str, path: str) -> Iterator[Household]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = _loads(line)
        except ValueError as exc:
            raise InputFileError(
                N_("{file} is not valid JSON: {reason}"),
                file=path,
                line=number,
                column=getattr(exc, "colno", None),
                params={"file": path, "reason": getattr(exc, "msg", str(exc))},
            ) from None
        yield Household.from_mapping(item, file=path, line=number)


def _mark(met: bool | None) -> str:
    return "✓" if met is True else ("?" if met is None else "✗")


def assessment_text(a: Assessment, lang: str | None, *, show_personal_data: bool = False) -> str:
    """An assessment as text a union cadre can check line by line."""
    data = a.to_dict(lang, show_personal_data=show_personal_data)
    lines = [
        translate(
            N_("{campaign}  household {ref}  decision date {on}"),
            lang,
            campaign=a.campaign,
            ref=data["ref"] if data["ref"] is not None else "—",
            on=a.on.isoformat(),
        )
    ]
    labels = {d.group: d.label.get(lang) for d in a.decisions}
    eligible = ", ".join(f"{labels[g]} ({g})" for g in a.eligible) or "—"
    lines.append(translate(N_("Eligible groups: {groups}"), lang, groups=eligible))
    status_text = {
        "eligible": translate(N_("eligible"), lang),
        "not-eligible": translate(N_("not eligible"), lang),
        "undetermined": translate(N_("not eligible: a fact is not stated"), lang),
    }
    blocks = [("", a.decisions)]
    if a.categories:
        blocks.append((translate(N_("Household categories of the form"), lang), a.categories))
    for title, decisions in blocks:
        if title:
            lines.append("")
            lines.append(title + ":")
        for d in decisions:
            lines.append("")
            mark = _mark(True if d.eligible else (None if d.status == "undetermined" else False))
            lines.append(f"{mark} {d.label.get(lang)} ({d.group}): {status_text[d.status]}")
            lines.append("    " + translate(N_("source: {source}"), lang, source=d.source))
            if any(r.alternative for r in d.reasons):
                lines.append(
                    "    "
                    + translate(
                        N_("met when every line of one alternative [1], [2], … is met"), lang
                    )
                )
            for r in d.reasons:
                alt = f"[{r.alternative}] " if r.alternative else ""
                lines.append(f"    {_mark(r.met)} {alt}{render_message(r.message, lang)}")
                lines.append("        " + translate(N_("source: {source}"), lang, source=r.source))
                if r.parameter is not None:
                    p = r.parameter
                    lines.append(
                        "        "
                        + translate(
                            N_("parameter: {name} {region} = {value} from {start} ({source})"),
                            lang,
                            name=p.name,
                            region=p.region,
                            value=str(p.value),
                            start=p.start.isoformat(),
                            source=p.source,
                        )
                    )
    docs = a.documents
    if docs is not None:
        lines.append("")
        lines.append(translate(N_("Documents"), lang) + ":")
        for m in docs.messages(lang):
            lines.append("  " + m.render(lang))
        lines.append("  " + translate(N_("source: {source}"), lang, source=docs.source))
    return "\n".join(lines)


def _csv_rows(a: Assessment, lang: str | None, show: bool) -> Iterator[list[str]]:
    data = a.to_dict(lang, show_personal_data=show)
    for d in a.decisions:
        for r in d.reasons:
            yield [
                a.campaign,
                data["ref"] or "",
                a.on.isoformat(),
                d.group,
                "true" if d.eligible else "false",
                d.status,
                r.criterion,
                "" if r.met is None else ("true" if r.met else "false"),
                r.alternative or "",
                json.dumps(dict(r.values), ensure_ascii=False),
                r.source,
                render_message(r.message, lang),
            ]


def _parse_on(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="--on",
            expected="a date YYYY-MM-DD",
            got=value,
        ) from None


def run_assess(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``wennuan-rules assess``; returns 0 (2 is raised as an error to cli.main)."""
    lang: str | None = args.lang
    on = _parse_on(args.on)
    params: Parameters | None = None
    for path in getattr(args, "parameters", None) or []:
        params = (params or Parameters.bundled()).with_file(path)
    show = bool(getattr(args, "show_personal_data", False))
    single, households = read_households(args.file)
    results = assess_many(households, args.campaign, on, parameters=params)
    fmt = args.format
    if fmt == "json":
        if single:
            out.write(
                json.dumps(
                    next(results).to_dict(lang, show_personal_data=show),
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
            return 0
        out.write("[")
        for i, a in enumerate(results):
            out.write(("," if i else "") + "\n")
            out.write(
                json.dumps(a.to_dict(lang, show_personal_data=show), ensure_ascii=False, indent=2)
            )
        out.write("\n]\n")
        return 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for a in results:
            for row in _csv_rows(a, lang, show):
                writer.writerow([safe_cell(v) for v in row])
        return 0
    count = 0
    eligible = 0
    for a in results:
        if count:
            out.write("\n" + "─" * 40 + "\n")
        out.write(assessment_text(a, lang, show_personal_data=show) + "\n")
        count += 1
        eligible += bool(a.eligible)
    if count > 1:
        out.write(
            "\n"
            + translate(
                N_("{total} households assessed: {eligible} in at least one group"),
                lang,
                total=count,
                eligible=eligible,
            )
            + "\n"
        )
    return 0

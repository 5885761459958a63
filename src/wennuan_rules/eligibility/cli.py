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
import os
from collections.abc import Iterator
from typing import Any, Final, TextIO

from wennuan_rules import _io
from wennuan_rules.eligibility._render import label_in, render_in
from wennuan_rules.eligibility.assessment import Assessment, assess_many, campaign_options
from wennuan_rules.eligibility.household import Household
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError
from wennuan_rules.i18n import N_, translate
from wennuan_rules.parameters import Parameters, parameter_label
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


_PRETTY: Final[dict[str, Any]] = {"ensure_ascii": False, "indent": 2}
_COMPACT: Final[dict[str, Any]] = {"ensure_ascii": False, "separators": (",", ":")}


def read_households(path: str | os.PathLike[str]) -> tuple[bool, Iterator[Household]]:
    """``(single, households)`` from a JSON object, JSON list or JSON-lines file.

    JSON lines are read one line at a time (memory stays flat however long the file); a JSON list
    is parsed one object at a time. A bad household is reported at the line where its object
    starts.

    Raises:
        InputFileError: unreadable file or JSON (with the line and column).
        WennuanError: a bad household, located at the line where it starts.
    """
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="file",
            expected="the path of a household file",
            got=path,
        )
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by _io.json_values
    except (OSError, ValueError) as exc:
        name = str(path) if len(str(path)) <= 200 else str(path)[:200] + "…"
        raise InputFileError(
            N_("cannot open {file}: {reason}"),
            file=name,
            params={"file": name, "reason": getattr(exc, "strerror", None) or str(exc)[:200]},
        ) from None
    path = str(path)
    try:
        values = _io.json_values(fh, path)
    except BaseException:
        fh.close()
        raise
    if values.shape == "object":
        line, data = next(values)
        if not isinstance(data, dict):
            raise InputFileError(
                N_("{file}: expected a JSON object of household facts or a list of them"),
                file=path,
                got=type(data).__name__,
                params={"file": path},
            )
        return True, iter([Household.from_mapping(data, file=path, line=line)])
    households = (Household.from_mapping(item, file=path, line=line) for line, item in values)
    return False, _io.Values(households, values.shape)


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
    campaign_options(args.campaign)  # an unknown campaign is reported before the file is read
    single, households = read_households(args.file)
    results = assess_many(households, args.campaign, on, parameters=params)
    fmt = args.format
    if fmt == "json":
        if single:
            a = next(results)
            out.write(json.dumps(a.to_dict(lang, show_personal_data=show), **_PRETTY) + "\n")
        elif getattr(households, "json_lines", False):
            # JSON lines in, JSON lines out: one compact assessment per line, as it is made.
            for a in results:
                out.write(json.dumps(a.to_dict(lang, show_personal_data=show), **_COMPACT))
                out.write("\n")
        else:
            out.write("[")
            for i, a in enumerate(results):
                out.write(("," if i else "") + "\n")
                out.write(json.dumps(a.to_dict(lang, show_personal_data=show), **_PRETTY))
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
    if count != 1:
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

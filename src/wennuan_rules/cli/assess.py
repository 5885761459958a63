"""``wennuan-rules assess FILE --campaign ID``: assess households, print the assessments."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from typing import Any, Final, TextIO

from wennuan_rules._io import Problems
from wennuan_rules.cli.problems import status
from wennuan_rules.eligibility.assessment import assess_many, campaign_options
from wennuan_rules.eligibility.readers import iter_households
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_, translate
from wennuan_rules.parameters import Parameters
from wennuan_rules.render import safe_cell
from wennuan_rules.render.assessment import CSV_COLUMNS, _csv_rows, assessment_text

__all__ = ["run_assess"]


_PRETTY: Final[dict[str, Any]] = {"ensure_ascii": False, "indent": 2}

_COMPACT: Final[dict[str, Any]] = {"ensure_ascii": False, "separators": (",", ":")}


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
    problems = Problems(str(args.file))
    # every usable household is assessed; the input problems are told at the end (exit 2)
    single, households = iter_households(args.file, problems)
    results = assess_many(households, args.campaign, on, parameters=params)
    fmt = args.format
    if fmt == "json":
        if single:
            a = next(results, None)
            if a is None:  # the one household could not be read
                return status(problems, lang, 0)
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
        return status(problems, lang, 0)
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for a in results:
            for row in _csv_rows(a, lang, show):
                writer.writerow([safe_cell(v) for v in row])
        return status(problems, lang, 0)
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
    return status(problems, lang, 0)

"""``wennuan-rules check FILE --form ID --engine columnar``: a wide CSV checked by the columnar
engine (extra ``columnar``); the returns with findings are explained by the row engine."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from wennuan_rules.errors import InputFileError
from wennuan_rules.form.model import FormTemplate
from wennuan_rules.i18n import N_, translate
from wennuan_rules.render import report_text, summary_csv, summary_text, write_reports_csv
from wennuan_rules.thresholds import failing_share_ok

__all__ = ["run_check_columnar"]

#: the totals line of ``check`` (a message of cli.po, marked where the row engine's check writes it)
_TOTALS = "{total} returns checked: {bad} with errors, {good} without"


def _refuse(name: str, expected: str, got: str) -> InputFileError:
    return InputFileError(
        N_("{what}: expected {expected}, got {got}"),
        what="--engine columnar",
        expected=expected,
        got=got,
        file=name,
    )


def run_check_columnar(
    args: argparse.Namespace,
    out: TextIO,
    path: str | Path,
    form: FormTemplate | None,
    level: str = "error",
    share: Decimal = Decimal(0),
) -> int:
    """Check the wide CSV ``path`` of returns of ``form``; exit status 1 when more than ``share``
    of the returns fail at ``level`` (by default: when a return has an error)."""
    from wennuan_rules.form.columnar import FrameInputError, polars, validate_frame

    name = Path(path).name
    if form is None:
        raise _refuse(name, N_("a form for CSV input (--form ID)"), "no form")
    if args.rollup is not None:
        raise _refuse(name, N_("no --rollup (use the row engine)"), "--rollup")
    pl = polars()
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise _refuse(name, N_("a wide CSV file (unit,<code>,…) in UTF-8"), str(exc)[:80]) from None
    if not frame.columns or frame.columns[0].strip().lstrip("\ufeff").lower() != "unit":
        raise _refuse(name, N_("a wide CSV file (unit,<code>,…)"), ",".join(frame.columns)[:60])
    frame = frame.rename({frame.columns[0]: "unit"})
    try:
        result = validate_frame(frame, form, tolerance=args.tolerance)
    except FrameInputError as exc:
        first = exc.problems[0]
        raise exc.located(file=name, line=first.row + 2, column=first.column) from None
    bad = int(result.returns.get_column("errors").gt(0).sum())
    failing = bad
    if level == "warning":
        counts = result.returns.get_column("errors") + result.returns.get_column("warnings")
        failing = int(counts.gt(0).sum())
    status = 0 if failing_share_ok(failing, result.returns.height, share) else 1
    lang: str | None = args.lang
    if args.summary:
        if args.format == "json":
            out.write(json.dumps(result.summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            out.write(summary_csv(result.summary))
        else:
            out.write(summary_text(result.summary, lang))
        return status
    reports = list(result.failing().values())
    if args.format == "json":
        out.write(json.dumps([r.to_dict(lang) for r in reports], ensure_ascii=False, indent=2))
        out.write("\n")
    elif args.format == "csv":
        write_reports_csv(iter(reports), out, lang)
    else:
        for report in reports:
            out.write(report_text(report, lang) + "\n\n")
        total = result.returns.height
        out.write(translate(_TOTALS, lang, total=total, bad=bad, good=total - bad) + "\n")
    return status

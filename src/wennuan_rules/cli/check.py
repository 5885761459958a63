"""``wennuan-rules check FILE|--sample [FORM]``: check returns, print reports or a summary."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import TextIO

from wennuan_rules._data import PACKAGE_FOLDER
from wennuan_rules._io import Problems
from wennuan_rules.cli.forms import _extra_forms, _find
from wennuan_rules.cli.problems import status
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError
from wennuan_rules.form.model import FormTemplate, Return
from wennuan_rules.form.readers import iter_returns
from wennuan_rules.form.validate import _Accumulator, summarize, validate_many
from wennuan_rules.i18n import N_, Message, translate
from wennuan_rules.render import report_text, summary_text
from wennuan_rules.report import Report
from wennuan_rules.thresholds import failing_share_ok, fails, parse_level, parse_share

__all__ = ["DEFAULT_SAMPLE", "run_check", "sample_path", "thresholds"]


#: The sample ``wennuan-rules check --sample`` checks when no form is named.
DEFAULT_SAMPLE = "wuhan-2015:swn"


def sample_path(form_id: str) -> str:
    """The bundled sample return of a form (``data/samples/<campaign>__<form>.json``), as a ``str``
    (start-up does without pathlib).

    Raises:
        UnknownIdError: there is no sample of that form (the message lists those there are).
    """
    folder = os.path.join(PACKAGE_FOLDER, "data", "samples")
    name = form_id.strip().replace(":", "__") + ".json"
    entry = os.path.join(folder, name)
    if os.path.isfile(entry):
        return entry
    known = sorted(
        p[: -len(".json")].replace("__", ":")
        for p in os.listdir(folder)
        if p.endswith(".json") and "__" in p
    )
    raise UnknownIdError(
        N_("no sample return of form {got}; samples: {expected}"),
        what=N_("sample"),
        expected=", ".join(known) or "none",
        got=form_id,
    )


def thresholds(args: argparse.Namespace) -> tuple[str, Decimal]:
    """``--fail-on`` and ``--max-failing`` (docs/decisions.md, "Thresholds over a batch").

    Raises:
        InputFileError: ``--max-failing`` is not a share from 0 to 1 (exit status 2).
    """
    level = parse_level(getattr(args, "fail_on", "error"))
    raw = getattr(args, "max_failing", "0")
    try:
        share = parse_share(raw)
    except InvalidValueError:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="--max-failing",
            expected="a share of returns from 0 to 1, e.g. 0.05",
            got=raw,
        ) from None
    return level, share


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
            what=N_("check"),
            expected=N_("a FILE or --sample, not both"),
            got=f"{args.file} --sample",
        )
    if args.sample is not None:
        path: str = sample_path(args.sample or DEFAULT_SAMPLE)
    elif args.file is not None:
        path = args.file
    else:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("check"),
            expected=N_("a FILE to check, or --sample"),
            got=Message.of(N_("nothing")),
        )
    level, share = thresholds(args)
    form = _find(args.form, extra) if args.form else None
    if form is not None:
        extra.setdefault(form.id, form)
    if getattr(args, "engine", "row") == "columnar":
        from wennuan_rules.cli.check_columnar import run_check_columnar

        return run_check_columnar(args, out, path, form, level, share)
    acc = _Accumulator("strict", distinct_units=True) if args.rollup is not None else None
    annotate = getattr(args, "annotate", None)
    problems = Problems(str(path))
    if annotate:
        from wennuan_rules.excel.cli import annotated

        found, source, book = annotated(path, form, extra.values())
    else:  # every usable return is checked; the input problems are told at the end (exit 2)
        source = iter_returns(path, form=form, forms=extra.values(), problems=problems)
    returns = _tee(source, acc, extra)
    reports = validate_many(returns, tolerance=args.tolerance, forms=extra.values())
    if annotate:
        from wennuan_rules.excel.annotate import annotate as annotated_copy

        show = bool(getattr(args, "show_personal_data", False))
        reports = annotated_copy(
            path, found, reports, annotate, lang, show_personal_data=show, book=book
        )

    def with_rollup() -> Iterator[Report]:
        yield from reports
        if acc is not None:
            yield from validate_many(
                [acc.result(args.rollup)], tolerance=args.tolerance, forms=extra.values()
            )

    stream = with_rollup()
    bad = [0, 0]  # failing at --fail-on, all

    def counted(items: Iterator[Report]) -> Iterator[Report]:
        for report in items:
            bad[0] += fails(report, level)
            bad[1] += 1
            yield report

    if args.summary:
        summary = summarize(counted(stream), forms=extra.values())
        if args.format == "json":
            out.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            from wennuan_rules.render import summary_csv

            out.write(summary_csv(summary))
        else:
            out.write(summary_text(summary, lang))
        return status(problems, lang, 0 if failing_share_ok(bad[0], bad[1], share) else 1)
    _write_reports(counted(stream), args.format, lang, out)
    return status(problems, lang, 0 if failing_share_ok(bad[0], bad[1], share) else 1)


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
        from wennuan_rules.render import write_reports_csv

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

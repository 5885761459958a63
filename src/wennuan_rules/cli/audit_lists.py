"""``wennuan-rules audit files|civil-affairs|goods``: audit the union's hardship file, compare it
with a civil-affairs list, audit a goods roster; print the report.

Exit status (contract.md): 0 no error (warnings allowed), 1 at least one error, 2 unusable input.
An invalid ID number in the civil-affairs comparison is an input problem: each is named on stderr
(file, line, field; the number masked), every usable family is still compared and the report
written, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:
    from wennuan_rules.report import Report

__all__ = ["KINDS", "add_parsers", "run_list_audit"]

#: The ``audit`` subcommands of this module.
KINDS: Final = ("files", "civil-affairs", "goods")


def add_parsers(
    audit: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``audit files``, ``audit civil-affairs`` and ``audit goods`` to the ``audit`` parser."""
    p = audit.add_parser(
        "files", help="audit the union's hardship file: every plan out of hardship complete"
    )
    p.add_argument("file", help="the hardship file: CSV, Excel, JSON Lines or JSON")
    p.add_argument("--campaign", required=True, help="campaign id, e.g. henan-2018")
    p.add_argument("--show-personal-data", action="store_true", help="do not mask personal data")
    common(p)
    p = audit.add_parser(
        "civil-affairs", help="compare the union's hardship file with a civil-affairs list"
    )
    p.add_argument("union_file", help="the union's hardship file: CSV, Excel, JSON Lines or JSON")
    p.add_argument("civil_file", help="the civil-affairs list (ID number, 低保 / 低保边缘)")
    p.add_argument("--campaign", required=True, help="campaign id, e.g. henan-2018")
    p.add_argument(
        "--not-on-file",
        action="store_true",
        help="also report 低保 households of the civil-affairs list missing from the union's file",
    )
    p.add_argument("--show-personal-data", action="store_true", help="do not mask personal data")
    common(p)
    p = audit.add_parser("goods", help="audit a goods roster against a list of prohibited items")
    p.add_argument("file", help="the goods roster (item, category, amount): CSV, Excel or JSON")
    p.add_argument("--campaign", required=True, help="campaign id, e.g. pingdingshan-2022")
    p.add_argument(
        "--prohibited",
        default=None,
        metavar="FILE",
        help="the prohibited items or categories, one a line or CSV (the notice names none; "
        "without a list the rule is not evaluated)",
    )
    common(p)


def run_list_audit(
    args: argparse.Namespace,
    out: TextIO,
    write_report: Callable[[Report, str, str | None, TextIO], None],
) -> int:
    """Run ``audit files``, ``audit civil-affairs`` or ``audit goods``, writing the report with
    ``write_report`` (:func:`wennuan_rules.cli.audit.write_report`); the exit status."""
    from wennuan_rules.audits import lists, lists_records

    show = bool(getattr(args, "show_personal_data", False))
    problems = []
    if args.audit_kind == "files":
        files = lists_records.read_hardship_files(args.file)
        report = lists.audit_files(files, args.campaign, show_personal_data=show)
    elif args.audit_kind == "civil-affairs":
        files = lists_records.read_hardship_files(args.union_file)
        civil = lists_records.read_civil_affairs(args.civil_file)
        problems = lists.id_problems(files, args.union_file)
        problems += lists.id_problems(civil, args.civil_file)
        report = lists.audit_civil_affairs(
            files, civil, args.campaign, not_on_file=args.not_on_file, show_personal_data=show
        )
    else:
        goods = lists_records.read_goods(args.file)
        banned = lists_records.read_prohibited(args.prohibited) if args.prohibited else None
        report = lists.audit_goods(goods, args.campaign, prohibited=banned)
    write_report(report, args.format, args.lang, out)
    for problem in problems:
        one_line = problem.message(args.lang).replace("\r", "\\r").replace("\n", "\\n")
        print(f"wennuan-rules: {one_line}", file=sys.stderr)
    if problems:
        return 2
    return 0 if report.ok else 1

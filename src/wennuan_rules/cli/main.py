"""The ``wennuan-rules`` command line (contract.md, "Command line").

Exit status: 0 when no error was found (warnings allowed); 1 when a return, roster or visit log has
at least
one error; 2 for unusable input or usage, with a one-line message on stderr naming the file, line
and field.

Each command is one module of this package (``campaigns``, ``forms``, ``check``, ``assess``,
``audit``: read the arguments, call the checks, hand the results to :mod:`wennuan_rules.render`);
this module only parses arguments and turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, NoReturn, TextIO

from wennuan_rules.cli.usage import HelpFormatter, argparse_in, requested_lang
from wennuan_rules.errors import WennuanError, problems_of
from wennuan_rules.i18n import N_, normalize_lang, phrase, translate

__all__ = ["main", "run"]

FORMATS = ("text", "json", "csv")
LANGS = ("zh-Hans", "zh-Hant", "en")


if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    _SubParsers = argparse._SubParsersAction


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2 (never a traceback)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {' '.join(message.split())}\n")


def _common(p: argparse.ArgumentParser, t: Callable[[str], str], *, inner: bool = False) -> None:
    """The options every command takes. ``inner``: the parser of an audit's kind, below
    ``audit`` (which takes them too, so ``audit --lang zh-Hant payments FILE`` works): no
    defaults of its own, which would overwrite what was given before the kind."""
    unset: dict[str, Any] = {"default": argparse.SUPPRESS} if inner else {}
    p.add_argument(
        "--format",
        choices=FORMATS,
        **({"default": "text"} | unset),
        help=t(N_("output format (default: text)")),
    )
    p.add_argument(
        "--lang",
        **({"default": None} | unset),
        metavar=t(N_("LANG")),
        help=t(N_("language of messages: zh-Hans (default), zh-Hant or en")),
    )
    p.add_argument(
        "--output",
        "-o",
        **({"default": None} | unset),
        metavar=t(N_("FILE")),
        help=t(N_("write to this file instead of standard output")),
    )
    p.add_argument(
        "--data-dir",
        action="append",
        metavar=t(N_("DIR")),
        default=argparse.SUPPRESS,
        help=t(N_("also read campaigns, forms, audit data and parameters from DIR (repeatable)")),
    )


class _Commands(_SubParsers):
    """The subcommands, each command's own arguments added when that command is parsed (the help
    of the whole command line names every command; only the command run has its parser built)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, Callable[[], None]] = {}
        #: the one command to add, when the command line names it (:func:`build_parser`)
        self.only: str | None = None

    def add(self, name: str, help: str, fill: Callable[[argparse.ArgumentParser], None]) -> None:
        """The command ``name``, its arguments added by ``fill`` when it is parsed."""
        if self.only is not None and name != self.only:
            return
        p = self.add_parser(name, help=help)
        self._pending[name] = lambda: fill(p)

    def fill_all(self) -> None:
        for name in list(self._pending):
            self._pending.pop(name)()

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        fill = self._pending.pop(values[0], None) if values else None
        if fill is not None:
            fill()
        super().__call__(parser, namespace, values, option_string)


def build_parser(
    lang: str | None = None, *, lazy: bool = False, command: str | None = None
) -> argparse.ArgumentParser:
    """The command line's parser, its help texts in ``lang`` (argparse's own words are translated
    while it parses: :func:`wennuan_rules.cli.usage.argparse_in`). ``lazy``: each command's
    arguments are added when that command is parsed (:func:`main`: start-up pays for the parser of
    the command it runs, not for all of them). ``command``: only that command is added, for a
    command line that begins with its name (which parses, helps and fails as with every command:
    the help and errors of a command are its own, and no other command can follow it)."""

    def t(msgid: str) -> str:
        return translate(msgid, lang)

    parser = _Parser(
        prog="wennuan-rules",
        description=t(
            N_(
                "Rules of Chinese trade unions' 送温暖 campaigns: check returns, "
                "assess households, "
                "audit payments and visits."
            )
        ),
    )
    parser.add_argument("--version", action="store_true", help=t(N_("print the version and exit")))
    parser.add_argument(
        "--data-dir",
        action="append",
        metavar=t(N_("DIR")),
        default=None,
        help=t(
            N_(
                "also read campaigns, forms, audit data and parameters from DIR (repeatable; "
                "docs/extending.md)"
            )
        ),
    )
    sub = parser.add_subparsers(
        dest="command", metavar=t(N_("COMMAND")), parser_class=_Parser, action=_Commands
    )
    assert isinstance(sub, _Commands)
    sub.only = command
    sub.add(
        "campaigns",
        t(N_("list the campaigns, or show one with every field and its source")),
        lambda p: _campaigns(p, t),
    )
    sub.add(
        "forms",
        t(N_("list the forms, or show one: line items, rules, sources")),
        lambda p: _forms(p, t),
    )
    sub.add("check", t(N_("validate one or many statistical returns")), lambda p: _check(p, t))
    sub.add(
        "template", t(N_("write a form as a fillable Excel workbook")), lambda p: _template(p, t)
    )
    sub.add(
        "assess",
        t(N_("eligibility of one household or a list for a campaign")),
        lambda p: _assess(p, t),
    )
    sub.add("audit", t(N_("audit a payment roster or a visit plan/log")), lambda p: _audit(p, t))
    if not lazy:
        sub.fill_all()
    return parser


def _campaigns(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    p.add_argument(
        "id", nargs="?", metavar=t(N_("ID")), help=t(N_("campaign id, e.g. pingdingshan-2010"))
    )
    _common(p, t)


def _forms(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    p.add_argument("id", nargs="?", metavar=t(N_("ID")), help=t(N_("form id, e.g. wuhan-2015:swn")))
    p.add_argument(
        "--form-file",
        action="append",
        default=[],
        metavar=t(N_("FILE")),
        help=t(N_("also load a form from this data file")),
    )
    _common(p, t)


def _check(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    p.add_argument(
        "file",
        nargs="?",
        metavar=t(N_("FILE")),
        help=t(N_("a return: JSON, or CSV (long code,value or wide unit,<codes>)")),
    )
    p.add_argument(
        "--sample",
        nargs="?",
        const="",
        default=None,
        metavar=t(N_("FORM")),
        help=t(N_("check a bundled sample return (of FORM, default: wuhan-2015:swn)")),
    )
    p.add_argument(
        "--form",
        default=None,
        metavar=t(N_("FORM")),
        help=t(N_("form id for CSV input (JSON names its own form)")),
    )
    p.add_argument(
        "--form-file",
        action="append",
        default=[],
        metavar=t(N_("FILE")),
        help=t(N_("load a form from this data file")),
    )
    p.add_argument(
        "--tolerance",
        default=None,
        metavar=t(N_("AMOUNT")),
        help=t(N_("allowed difference for sum rules, in the item's unit (e.g. 0.01 for 万元)")),
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help=t(N_("per rule: how many returns passed, failed, were not evaluated")),
    )
    p.add_argument(
        "--rollup",
        default=None,
        metavar=t(N_("UNIT")),
        help=t(N_("also add all returns into one return of UNIT and check it")),
    )
    p.add_argument(
        "--annotate",
        default=None,
        metavar=t(N_("OUT.xlsx")),
        help=t(
            N_("for a workbook: also write a copy with failing cells marked and a findings sheet")
        ),
    )
    p.add_argument(
        "--show-personal-data", action="store_true", help=t(N_("do not mask personal data"))
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help=t(N_("the level that makes a return fail: error (default) or warning")),
    )
    p.add_argument(
        "--max-failing",
        default="0",
        metavar=t(N_("SHARE")),
        help=t(
            N_(
                "the share of returns allowed to fail before the exit status is 1 (0 to 1, "
                "e.g. 0.05; default 0)"
            )
        ),
    )
    p.add_argument(
        "--engine",
        choices=("row", "columnar"),
        default="row",
        help=t(N_("columnar: a wide CSV checked with polars (extra 'columnar')")),
    )
    _common(p, t)


def _template(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    p.add_argument("id", metavar=t(N_("ID")), help=t(N_("form id, e.g. wuhan-2015:swn")))
    p.add_argument("-o", "--output", dest="workbook", required=True, metavar=t(N_("FILE.xlsx")))
    p.add_argument(
        "--lang",
        default=None,
        metavar=t(N_("LANG")),
        help=t(N_("zh-Hans (default), zh-Hant or en")),
    )
    p.add_argument(
        "--form-file",
        action="append",
        default=[],
        metavar=t(N_("FILE")),
        help=t(N_("also load a form from this data file")),
    )
    p.set_defaults(output=None)


def _assess(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    p.add_argument(
        "file",
        metavar=t(N_("FILE")),
        help=t(N_("household facts: JSON object, JSON list, or JSON lines")),
    )
    p.add_argument(
        "--campaign",
        required=True,
        metavar=t(N_("CAMPAIGN")),
        help=t(N_("campaign id, e.g. changzhou-edz-2021")),
    )
    p.add_argument(
        "--on",
        default=None,
        metavar=t(N_("DATE")),
        help=t(N_("date of the decision, YYYY-MM-DD (default: today)")),
    )
    p.add_argument(
        "--parameters",
        action="append",
        metavar=t(N_("FILE")),
        default=[],
        help=t(N_("extra dated parameters (低保 standards) from this data file")),
    )
    p.add_argument(
        "--show-personal-data", action="store_true", help=t(N_("do not mask personal data"))
    )
    _common(p, t)


def _audit(p: argparse.ArgumentParser, t: Callable[[str], str]) -> None:
    _common(p, t)
    audit = p.add_subparsers(dest="audit_kind", metavar=t(N_("KIND")), parser_class=_Parser)
    pp = audit.add_parser("payments", help=t(N_("audit a payment roster (JSON or CSV)")))
    pp.add_argument(
        "file",
        metavar=t(N_("FILE")),
        help=t(N_("the roster: CSV, JSON Lines (.jsonl, .ndjson) or JSON")),
    )
    pp.add_argument(
        "--campaign",
        required=True,
        metavar=t(N_("CAMPAIGN")),
        help=t(N_("campaign id, e.g. pingdingshan-2010")),
    )
    pp.add_argument(
        "--return",
        dest="return_file",
        default=None,
        metavar=t(N_("FILE")),
        help=t(N_("a return of the campaign's form to reconcile totals against")),
    )
    pp.add_argument(
        "--tolerance",
        default=None,
        metavar=t(N_("AMOUNT")),
        help=t(N_("allowed difference when reconciling amounts, in 万元 (default: exact)")),
    )
    pp.add_argument(
        "--audit-data",
        default=None,
        metavar=t(N_("FILE")),
        help=t(N_("groups and reconciliation lines from this data file, not the bundled one")),
    )
    pp.add_argument(
        "--show-personal-data", action="store_true", help=t(N_("do not mask personal data"))
    )
    _common(pp, t, inner=True)
    pv = audit.add_parser("visits", help=t(N_("audit a visiting plan or visit log (JSON or CSV)")))
    pv.add_argument(
        "file",
        metavar=t(N_("FILE")),
        help=t(N_("the visiting plan and/or log: JSON, JSON Lines (a log) or CSV (a log)")),
    )
    pv.add_argument(
        "--campaign",
        required=True,
        metavar=t(N_("CAMPAIGN")),
        help=t(N_("campaign id, e.g. wuhan-2015")),
    )
    pv.add_argument(
        "--on-file",
        default=None,
        metavar=t(N_("FILE")),
        help=t(N_("the families on file (JSON or CSV) that every visit log must cover")),
    )
    pv.add_argument(
        "--must-visit",
        default=None,
        metavar=t(N_("FILE")),
        help=t(
            N_(
                "the families (and enterprises) of 五必访 with their categories (JSON or CSV, as "
                "--on-file; default: those of --on-file that name a category)"
            )
        ),
    )
    pv.add_argument(
        "--quota-per",
        choices=("unit-visited", "group"),
        default=None,
        help=t(
            N_(
                "count the visit quota per unit visited or per group "
                "(default: as the campaign reads it)"
            )
        ),
    )
    pv.add_argument(
        "--coverage-any-date",
        action="store_true",
        help=t(
            N_(
                "count a visit on any date for coverage (default: only visits inside the visiting "
                "window or campaign period)"
            )
        ),
    )
    pv.add_argument(
        "--audit-data",
        default=None,
        metavar=t(N_("FILE")),
        help=t(N_("household kinds from this data file, not the bundled one")),
    )
    pv.add_argument(
        "--show-personal-data", action="store_true", help=t(N_("do not mask personal data"))
    )
    _common(pv, t, inner=True)
    from wennuan_rules.cli.audit_lists import add_parsers

    add_parsers(audit, lambda p: _common(p, t, inner=True), t)


def _runner(name: str) -> Callable[[argparse.Namespace, TextIO], int]:
    """The command's ``run(args, out) -> exit status`` (its module loaded only when it runs)."""
    if name == "campaigns":
        from wennuan_rules.cli import campaigns

        return campaigns.run
    if name == "forms":
        from wennuan_rules.cli import forms

        return forms.run_forms
    if name == "check":
        from wennuan_rules.cli import check

        return check.run_check
    if name == "template":
        from wennuan_rules.cli import template

        return template.run_template
    if name == "assess":
        from wennuan_rules.cli import assess

        return assess.run_assess
    from wennuan_rules.cli import audit

    return audit.run_audit


_COMMANDS: Final = ("campaigns", "forms", "check", "template", "assess", "audit")
_NAMES: Final = ", ".join(_COMMANDS)


def _fail(text: str) -> None:
    """One line on stderr, always: a line break in a message is shown as ``\\n``."""
    from wennuan_rules.cli.problems import say

    say(text)


def _to_file(path: str, run: Callable[[TextIO], int]) -> int:
    """``run`` writing to a temporary file beside ``path``, renamed to ``path`` when it returns: a
    run that fails (an exception, or exit status 2: input problems, though the usable items were
    reported) leaves the previous file as it was, never half a report."""
    folder = os.path.dirname(os.path.abspath(path))
    import tempfile  # only when writing a file: it imports shutil, bz2, lzma, random

    fd, temp = tempfile.mkstemp(prefix=".wennuan-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            status = run(out)
        if status == 2:  # input problems: the run did not succeed, the previous file stays
            os.unlink(temp)
            return status
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (also used by the console script)."""
    return _main(argv, None)


def _main(argv: Sequence[str] | None, started: Callable[[], None] | None) -> int:
    """:func:`main`; ``started()`` is called once the command's modules are loaded, before it
    reads its input (:func:`run`)."""
    words = sys.argv[1:] if argv is None else list(argv)
    early = requested_lang(words)
    with argparse_in(early):
        first = words[0] if words and words[0] in _COMMANDS else None
        parser = build_parser(early, lazy=True, command=first)
        args = parser.parse_args(words)
    if args.version:
        from wennuan_rules import __version__

        print(__version__)
        return 0
    if args.command is None:
        _fail(translate(N_("choose a command: {commands} (see --help)"), early, commands=_NAMES))
        return 2
    if args.command == "audit" and getattr(args, "audit_kind", None) is None:
        kinds = "payments, visits, files, civil-affairs, goods"
        _fail(translate(N_("audit: choose one of {kinds} (see --help)"), early, kinds=kinds))
        return 2
    lang: str | None = None
    added: list[str] = []
    try:
        for folder in args.data_dir or ():
            from wennuan_rules._data import add_data_dir

            add_data_dir(folder)
            added.append(folder)
        lang = normalize_lang(args.lang)
        args.lang = lang
        command = _runner(args.command)
        if started is not None:
            started()
        if args.output:
            return _to_file(args.output, lambda out: command(args, out))
        return command(args, sys.stdout)
    except WennuanError as exc:
        for problem in problems_of(exc):  # every input problem of a file, one line each
            _fail(problem.message(lang))
        return 2
    except BrokenPipeError:
        # the reader went away (``wennuan-rules … | head``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        name = getattr(exc, "filename", None) or ""
        text = translate(
            N_("cannot open {file}: {reason}"),
            lang,
            file=name,
            reason=phrase(exc.strerror, lang) or str(exc),
        )
        _fail(text)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    finally:
        for folder in added:
            from wennuan_rules._data import remove_data_dir

            remove_data_dir(folder)


def _collect_from_here() -> None:
    """The collector on again, the objects of start-up set aside (:func:`run`)."""
    gc.freeze()
    gc.enable()


def run() -> NoReturn:
    """The console script ``wennuan-rules``: :func:`main`, then the process ends without tearing
    the interpreter down. Freeing every module and object one by one at exit takes about a tenth of
    a short command's time, and the operating system frees the memory anyway (docs/decisions.md,
    "Start-up"). What a normal exit does that matters is done first: exit handlers run, standard
    output and error are flushed. When a flush fails (a closed pipe, a full disk) or another thread
    still runs, the exit is Python's own, which reports and waits as usual.

    While the command line is parsed and the command's modules are imported, the cyclic garbage
    collector is off: importing builds thousands of objects (classes, functions) and no garbage,
    and collecting them again and again is a tenth of the start-up. Once they are loaded they are
    set aside for good (:func:`gc.freeze`: later collections do not walk them again) and the
    collector runs as usual while the command reads and checks its input."""
    gc.disable()
    try:
        status = _main(None, _collect_from_here)
    finally:
        gc.enable()
    if threading.active_count() > 1:  # pragma: no cover - the command line starts no thread
        sys.exit(status)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # pragma: no cover - Python's exit reports it (exit status 120)
        sys.exit(status)
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

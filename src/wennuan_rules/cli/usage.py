"""argparse in the reader's language: its own messages (usage, help headings, usage errors) come
from our catalogs while the command line is parsed.

argparse looks its texts up through ``argparse._`` and ``argparse.ngettext`` (gettext) each time it
formats one; :func:`argparse_in` points both at :func:`wennuan_rules.i18n.translate` for the
duration of a ``with`` block and restores them after, so nothing outside our parser is affected
(the command line runs in one thread). :func:`requested_lang` reads ``--lang`` before parsing, so
that ``--help`` and usage errors are already in that language.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, Final

from wennuan_rules.i18n import N_, default_locale, normalize_lang, translate

__all__ = ["ARGPARSE_MESSAGES", "HelpFormatter", "argparse_in", "requested_lang"]

#: The messages of argparse (Python 3.11–3.13) our command line can show, as argparse writes them.
ARGPARSE_MESSAGES: Final = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("%(prog)s: error: %(message)s\n"),
)


def requested_lang(argv: Sequence[str]) -> str:
    """The language ``--lang X`` (or ``--lang=X``) asks for, else the default; an unknown one is
    the default here (the command reports it once it runs)."""
    wanted: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            wanted = argv[i + 1]
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
    try:
        return normalize_lang(wanted)
    except ValueError:
        return default_locale()


@contextlib.contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse's own messages in ``lang`` inside the block."""
    module: Any = argparse
    saved = module._, module.ngettext

    def gettext(text: str | None) -> str | None:
        return None if text is None else translate(text, lang)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural, lang)

    module._, module.ngettext = gettext, ngettext
    try:
        yield
    finally:
        module._, module.ngettext = saved


def _columns() -> int:
    """``shutil.get_terminal_size().columns``, as shutil computes it (``$COLUMNS``, else the
    terminal of standard output, else 80), without importing shutil, which imports bz2, lzma and
    fnmatch: argparse makes a formatter for every argument it adds, and start-up pays for that."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, its width found without importing shutil (:func:`_columns`)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:  # as argparse does
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

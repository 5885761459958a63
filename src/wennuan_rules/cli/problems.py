"""Input problems on stderr: one line each, in the reader's language (contract.md: exit status 2
when any input problem occurred, after every usable item was checked and reported)."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from wennuan_rules._io import Problems
from wennuan_rules.errors import WennuanError

__all__ = ["say", "say_problems", "status"]


def say(text: str) -> None:
    """One line on stderr, always: a line break in a message is shown as ``\\n``."""
    one_line = text.replace("\r", "\\r").replace("\n", "\\n")
    print(f"wennuan-rules: {one_line}", file=sys.stderr)


def say_problems(problems: Iterable[WennuanError], lang: str | None) -> None:
    """Each problem as one line on stderr, in ``lang``."""
    for problem in problems:
        say(problem.message(lang))


def status(problems: Problems, lang: str | None, checked: int) -> int:
    """Print the problems of the input read; the exit status: 2 when there was one, else
    ``checked`` (the status the checks gave: 0 or 1)."""
    if not problems:
        return checked
    say_problems(problems.problems, lang)
    return 2

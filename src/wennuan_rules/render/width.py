"""Terminal widths: CJK characters take two columns."""

from __future__ import annotations

import unicodedata

__all__ = ["display_width", "pad", "wrap"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def wrap(text: str, width: int = 96) -> list[str]:
    """``text`` broken after ", " into lines of at most ``width`` columns (CJK count two)."""
    out: list[str] = []
    line = ""
    for piece in text.split(", "):
        candidate = f"{line}, {piece}" if line else piece
        if line and display_width(candidate) > width:
            out.append(line + ",")
            line = "    " + piece
        else:
            line = candidate
    out.append(line)
    return out

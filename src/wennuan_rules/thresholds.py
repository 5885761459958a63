"""Thresholds over many returns: when a return fails, when a batch of returns passes.

A return *fails* at level ``error`` when it has an error, at level ``warning`` when it has an error
or a warning; a batch *passes* when the share of failing returns is at most ``max_failing``
(exact; docs/decisions.md, "Thresholds over a batch"). :class:`wennuan_rules.batch.Batch` and the
CLI's ``check --fail-on LEVEL --max-failing SHARE`` use these functions (also importable from
:mod:`wennuan_rules.batch`); a module of their own so that ``check`` does not build the ``Batch``
type at start-up.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Final

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_
from wennuan_rules.results import Report, Severity

__all__ = ["LEVELS", "failing_share_ok", "fails", "parse_level", "parse_share"]

#: the levels a return can fail at (``--fail-on``)
LEVELS: Final = ("error", "warning")


def parse_level(level: object) -> str:
    """``"error"`` or ``"warning"`` (a :class:`Severity` is taken too).

    Raises:
        InvalidValueError: anything else.
    """
    if isinstance(level, Severity):
        return level.value
    if isinstance(level, str) and level.strip().lower() in LEVELS:
        return level.strip().lower()
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what="fail_on",
        expected=N_("error or warning"),
        got=level,
    )


def parse_share(share: object) -> Decimal:
    """A share of returns between 0 and 1, exact: ``"0.05"``, ``Decimal("0.05")``, ``0``, ``1``;
    a float is read as its shortest repr (``0.05`` is ``Decimal("0.05")``, never the binary
    value).

    Raises:
        InvalidValueError: not a number, or outside 0 … 1.
    """
    value: Decimal | None = None
    if isinstance(share, Decimal):
        value = share
    elif isinstance(share, int | float) and not isinstance(share, bool):
        value = Decimal(repr(share))
    elif isinstance(share, str):
        try:
            value = Decimal(share.strip())
        except InvalidOperation:
            value = None
    if value is None or not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what="max_failing",
            expected=N_("a share of returns from 0 to 1, e.g. 0.05"),
            got=share,
        )
    return value


def fails(report: Report, level: str) -> bool:
    """Whether ``report`` fails at ``level`` (``error``: it has an error; ``warning``: it has an
    error or a warning)."""
    return bool(report.findings) if level == "warning" else not report.ok


def failing_share_ok(failing: int, total: int, max_failing: Decimal) -> bool:
    """Whether ``failing`` of ``total`` returns is within ``max_failing`` (exact:
    ``failing <= max_failing × total``; an empty batch passes)."""
    return Decimal(failing) <= max_failing * total

"""Many returns checked together: the per-rule summary, the failing returns, thresholds.

A :class:`Batch` is what :func:`wennuan_rules.validate_batch` (a folder of files, a file, an
iterable of returns) and ``validate_frame(...).batch()`` give. It is plain data with the counts
computed here (which returns fail, how many, which fail each rule); the renderers
(:mod:`wennuan_rules.render`) only format it: ``_repr_html_`` draws the pointblank-like report,
``to_frame`` gives the findings or the summary as a pandas or polars frame.

Thresholds (docs/decisions.md, "Thresholds over a batch"): a return *fails* at level ``error``
when it has an error, at level ``warning`` when it has an error or a warning; a batch *passes*
when the share of failing returns is at most ``max_failing`` (exact; ``0``, the default, lets no
return fail). The CLI's ``check --fail-on LEVEL --max-failing SHARE`` uses the same functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from wennuan_rules.errors import InvalidValueError
from wennuan_rules.i18n import N_
from wennuan_rules.results import Report, Summary, renderers
from wennuan_rules.thresholds import LEVELS, failing_share_ok, fails, parse_level, parse_share

__all__ = ["LEVELS", "Batch", "failing_share_ok", "fails", "parse_level", "parse_share"]


@attrs.frozen
class Batch:
    """Many returns checked together.

    Attributes:
        summary: per rule, how many returns passed, failed, were not evaluated (every return).
        reports: the reports kept, in order: every return's for a batch of files or returns; for
            a frame, those of the returns with a finding (the others passed every rule).
        rows: the position (0-based, in reading order or the frame's row) of each kept report.
        sources: where each kept report's return was read from (``file:line``), or ``None``.
    """

    summary: Summary
    reports: tuple[Report, ...]
    rows: tuple[int, ...] = attrs.field()
    sources: tuple[str | None, ...] = attrs.field()

    @rows.default
    def _rows(self) -> tuple[int, ...]:
        return tuple(range(len(self.reports)))

    @sources.default
    def _sources(self) -> tuple[str | None, ...]:
        return (None,) * len(self.reports)

    def __attrs_post_init__(self) -> None:
        if not len(self.reports) == len(self.rows) == len(self.sources):
            raise InvalidValueError(
                N_("{what}: expected {expected}, got {got}"),
                what="Batch",
                expected=N_("one row and one source per report"),
                got=f"{len(self.reports)}, {len(self.rows)}, {len(self.sources)}",
            )

    # -- counts ------------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many returns were checked."""
        return sum(self.summary.returns.values())

    def __len__(self) -> int:
        return self.total

    def __iter__(self) -> Iterator[Report]:
        return iter(self.reports)

    def failing_count(self, fail_on: str = "error") -> int:
        """How many returns fail at ``fail_on`` (``error`` or ``warning``)."""
        level = parse_level(fail_on)
        if level == "error":
            return self.summary.with_errors
        return sum(1 for r in self.reports if r.findings)

    def failing(self, fail_on: str = "warning") -> dict[int, Report]:
        """The reports of the failing returns by row: by default those with any finding (as
        ``FrameResult.failing``); ``fail_on="error"`` keeps those with an error."""
        level = parse_level(fail_on)
        return {row: r for row, r in zip(self.rows, self.reports, strict=True) if fails(r, level)}

    def passes(self, fail_on: str = "error", max_failing: object = 0) -> bool:
        """Whether the batch passes: at most ``max_failing`` (a share, 0 … 1) of its returns fail at
        ``fail_on``. ``passes()`` is the CLI's default exit status 0: no return has an error."""
        share = parse_share(max_failing)
        return failing_share_ok(self.failing_count(fail_on), self.total, share)

    def rule_failures(self) -> dict[str, tuple[int, ...]]:
        """Rule id → the positions of the kept reports failing it, in order."""
        out: dict[str, list[int]] = {}
        for k, report in enumerate(self.reports):
            for f in report.findings:
                rows = out.setdefault(f.rule, [])
                if not rows or rows[-1] != k:
                    rows.append(k)
        return {rule: tuple(ks) for rule, ks in out.items()}

    def counts(self) -> dict[str, int]:
        """``returns``, ``with_errors``, ``with_warnings`` (a warning and no error), ``ok``."""
        warned = sum(1 for r in self.reports if r.ok and r.findings)
        return {
            "returns": self.total,
            "with_errors": self.summary.with_errors,
            "with_warnings": warned,
            "ok": self.total - self.summary.with_errors,
        }

    # -- output ------------------------------------------------------------------------------------

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The counts, the summary and the failing returns' reports as JSON-ready data."""
        return {
            **self.counts(),
            "summary": self.summary.to_dict(),
            "failing": [
                {"row": row, "source": source, **r.to_dict(lang)}
                for row, source, r in zip(self.rows, self.sources, self.reports, strict=True)
                if r.findings
            ],
        }

    def to_frame(
        self, kind: str = "findings", *, lang: str | None = None, library: str = "pandas"
    ) -> Any:
        """All findings of all returns (``kind="findings"``: one row per finding, with the row and
        source of its return) or the per-rule summary (``kind="summary"``), as a pandas (extra
        ``pandas``) or polars (extra ``columnar``) DataFrame."""
        return renderers().batch_frame(self, kind, lang, library)

    def summary_frame(self, *, lang: str | None = None, library: str = "pandas") -> Any:
        """The per-rule summary as a frame (``to_frame(kind="summary")``)."""
        return self.to_frame("summary", lang=lang, library=library)

    def to_html(self, lang: str | None = None, *, top: int = 3) -> str:
        """The styled report notebooks show (:func:`wennuan_rules.render.batch_html`)."""
        return renderers().batch_html(self, lang, top)

    def _repr_html_(self) -> str:
        return self.to_html()

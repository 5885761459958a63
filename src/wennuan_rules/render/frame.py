"""pandas and polars frames (imported only when a frame is asked for: the ``pandas`` extra, or
``columnar`` for polars)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wennuan_rules.batch import Batch
from wennuan_rules.errors import WennuanError
from wennuan_rules.i18n import N_
from wennuan_rules.render.batch import rule_formula
from wennuan_rules.render.csv import CSV_COLUMNS
from wennuan_rules.results import Report

__all__ = ["BATCH_COLUMNS", "SUMMARY_FRAME_COLUMNS", "batch_frame", "findings_frame"]

#: the columns of ``Batch.to_frame()``: the return's row and source, then those of the CSV report
BATCH_COLUMNS = ("row", "file", *CSV_COLUMNS)
#: the columns of ``Batch.to_frame(kind="summary")``
SUMMARY_FRAME_COLUMNS = (
    "form",
    "rule",
    "severity",
    "items",
    "formula",
    "returns",
    "passed",
    "failed",
    "not_evaluated",
    "source",
)


def findings_frame(reports: Iterable[Report], lang: str | None = None) -> Any:
    """A pandas DataFrame, one row per finding (pandas is imported only here; install the
    ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise WennuanError(
            N_("to_frame() needs pandas: pip install 'wennuan-rules[pandas]'"), what="pandas"
        ) from exc
    records = [_finding_record(report, f, lang) for report in reports for f in report.findings]
    return pd.DataFrame.from_records(records, columns=list(CSV_COLUMNS))


def _finding_record(report: Report, f: Any, lang: str | None) -> dict[str, Any]:
    return {
        "form": report.form,
        "unit": report.unit,
        "rule": f.rule,
        "severity": f.severity.value,
        "items": " ".join(f.items),
        "expected": f.expected,
        "actual": f.actual,
        "where": f.where,
        "source": f.source,
        "message": f.message.render(lang),
        "row_no": f.row_no,
    }


def _library(library: str) -> Any:
    """pandas or polars, or an error naming the extra to install."""
    if library == "pandas":
        try:
            import pandas
        except ImportError:  # pragma: no cover - depends on the environment
            raise WennuanError(
                N_("to_frame() needs pandas: pip install 'wennuan-rules[pandas]'"), what="pandas"
            ) from None
        return pandas
    if library == "polars":
        try:
            import polars
        except ImportError:  # pragma: no cover - depends on the environment
            raise WennuanError(
                N_("to_frame() needs polars: pip install 'wennuan-rules[columnar]'"),
                what="polars",
            ) from None
        return polars
    raise WennuanError(
        N_("{what}: expected {expected}, got {got}"),
        what="library",
        expected=N_("pandas or polars"),
        got=library,
    )


def batch_frame(batch: Batch, kind: str, lang: str | None, library: str = "pandas") -> Any:
    """``Batch.to_frame``: every finding of every return (``kind="findings"``, columns
    :data:`BATCH_COLUMNS`) or the per-rule summary (``kind="summary"``,
    :data:`SUMMARY_FRAME_COLUMNS`), as a pandas or polars DataFrame."""
    if kind not in ("findings", "summary"):
        raise WennuanError(
            N_("{what}: expected {expected}, got {got}"),
            what="kind",
            expected=N_("findings or summary"),
            got=kind,
        )
    lib = _library(library)
    if kind == "findings":
        columns = list(BATCH_COLUMNS)
        records = [
            {"row": row, "file": source, **_finding_record(report, f, lang)}
            for row, source, report in zip(batch.rows, batch.sources, batch.reports, strict=True)
            for f in report.findings
        ]
    else:
        columns = list(SUMMARY_FRAME_COLUMNS)
        records = [
            {
                "form": r.rule.split("/", 1)[0],
                "rule": r.rule,
                "severity": r.severity.value,
                "items": " ".join(r.items),
                "formula": rule_formula(r, lang),
                "returns": r.passed + r.failed + r.not_evaluated,
                "passed": r.passed,
                "failed": r.failed,
                "not_evaluated": r.not_evaluated,
                "source": r.source,
            }
            for r in batch.summary.rules
        ]
    if library == "pandas":
        return lib.DataFrame.from_records(records, columns=columns)
    data = {c: [rec[c] for rec in records] for c in columns}
    return lib.DataFrame(data, schema=_polars_schema(lib, columns))


def _polars_schema(pl: Any, columns: list[str]) -> dict[str, Any]:
    ints = {"row", "returns", "passed", "failed", "not_evaluated"}
    return {c: pl.Int64 if c in ints else pl.String for c in columns}

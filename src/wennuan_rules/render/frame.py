"""pandas frames (pandas is imported only when a frame is asked for: the ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wennuan_rules.errors import WennuanError
from wennuan_rules.i18n import N_
from wennuan_rules.render.csv import CSV_COLUMNS
from wennuan_rules.results import Report

__all__ = ["findings_frame"]


def findings_frame(reports: Iterable[Report], lang: str | None = None) -> Any:
    """A pandas DataFrame, one row per finding (pandas is imported only here; install the
    ``pandas`` extra)."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise WennuanError(
            N_("to_frame() needs pandas: pip install 'wennuan-rules[pandas]'"), what="pandas"
        ) from exc
    records = []
    for report in reports:
        for f in report.findings:
            records.append(
                {
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
                }
            )
    return pd.DataFrame.from_records(records, columns=list(CSV_COLUMNS))

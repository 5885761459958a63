"""JSON renderers: contract.md's report JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from wennuan_rules.results import Report

__all__ = ["reports_json"]


def reports_json(
    reports: Sequence[Report], lang: str | None = None, *, single: bool = False
) -> str:
    """JSON text: one object when ``single`` and exactly one report, else a list."""
    data: Any = [r.to_dict(lang) for r in reports]
    if single and len(reports) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2)

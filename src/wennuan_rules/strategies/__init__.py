"""Hypothesis strategies for property-based tests of eligibility rules, returns and rosters.

Install with the ``strategies`` extra (``pip install 'wennuan-rules[strategies]'``). Strategies
follow
Hypothesis' own conventions: plural names, keyword-only bounds, ``InvalidArgument`` for impossible
arguments,
no work at import time, and valid data built directly (parts drawn first, totals computed), never by
filtering.
"""

from __future__ import annotations

from wennuan_rules.strategies._forms import GeneratedReturn, returns
from wennuan_rules.strategies._households import boundary_households, households
from wennuan_rules.strategies._rosters import (
    dates_around,
    deadline_dates,
    id_numbers,
    invalid_id_numbers,
    payments,
    region_codes,
    rosters,
)

__all__ = [
    "GeneratedReturn",
    "boundary_households",
    "dates_around",
    "deadline_dates",
    "households",
    "id_numbers",
    "invalid_id_numbers",
    "payments",
    "region_codes",
    "returns",
    "rosters",
]

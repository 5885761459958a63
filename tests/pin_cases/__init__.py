"""Boundary cases of every group of every campaign, each expected value worked out by hand
(issue 14, point 1). Used by tests/test_pin_eligibility.py.

A case is a household, a decision date, the status its group must get and the ``met`` of each of
the group's reasons in the order of the clause (``True`` met, ``False`` not met, ``None`` not
stated). Income cases also give the limit the explanation must show (``values.limit``).

Every group of every campaign (``wr.campaigns()``, the groups of its data file) must have a table
here; tests/test_pin_eligibility.py fails for a group without one.
"""

from __future__ import annotations

from pin_cases._base import ON, PDS_DIBAO, PDS_DIBAO_START, Case
from pin_cases.changzhou import CHANGZHOU
from pin_cases.others import HENAN, PINGDINGSHAN_2022, WUHAN
from pin_cases.pingdingshan_2010 import PINGDINGSHAN_2010

__all__ = ["CASES", "ON", "PDS_DIBAO", "PDS_DIBAO_START", "Case"]

CASES: list[Case] = [*CHANGZHOU, *PINGDINGSHAN_2010, *WUHAN, *HENAN, *PINGDINGSHAN_2022]

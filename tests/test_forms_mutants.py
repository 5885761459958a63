"""Form-engine behaviours that mutation testing found unpinned (docs/reliability.md, issue 14)."""

from __future__ import annotations

import pytest

import wennuan_rules as wr
from wennuan_rules.errors import DataFileError, InvalidValueError
from wennuan_rules.form import PairedRule


def test_rolling_up_no_returns_is_refused_with_its_fields() -> None:
    with pytest.raises(InvalidValueError) as info:
        wr.roll_up([])
    e = info.value
    assert (e.what, e.expected, e.got) == ("returns", "at least one return to add up", "none")
    assert e.message("en") == "returns: expected at least one return to add up, got none"


@pytest.mark.parametrize(
    ("count", "amount", "what", "got"),
    [("bad code", "08A-2", "count", "bad code"), ("08A-1", "bad code", "amount", "bad code")],
)
def test_paired_rule_names_the_bad_code(count: str, amount: str, what: str, got: str) -> None:
    with pytest.raises(DataFileError) as info:
        PairedRule("p", count, amount)
    assert (info.value.what, info.value.got) == (what, got)
    assert info.value.message("en") == (
        f"{what}: expected a normalised line item code such as 05A, 08A-1 or B1, got {got}"
    )

"""Form-engine behaviours that mutation testing found unpinned (docs/reliability.md, issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

import wennuan_rules as wr
from test_forms_rules import _form  # items A, B (persons), C (万元), Q (yes-no)
from wennuan_rules.errors import DataFileError, InvalidValueError
from wennuan_rules.form import PairedRule, load_form
from wennuan_rules.form.rules import FormRule, UnitCheck, describe


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


# -- found by the second sample after the redesign (seed 20261130, docs/reliability.md) ----------


@pytest.mark.parametrize(
    ("rule", "column", "got"),
    [("Q = 是", 6, '""'), ("Q = 是 <-> A > 0", 7, "<->")],  # an answer is only a premise of ->
)
def test_a_yes_no_answer_without_its_arrow_names_what_came_instead(
    tmp_path: Path, rule: str, column: int, got: str
) -> None:
    path = _form(tmp_path, rule)
    with pytest.raises(DataFileError) as info:
        load_form(path)
    e = info.value
    assert (e.what, e.got, e.column) == ("rules[0].rule", got, column)
    assert e.message("en").endswith(
        f"in {path}, rule r1, character {column}: expected -> after a yes-no answer "
        f"(06B = 是 -> 06A > 0), got {got}"
    )


def test_a_rule_built_from_text_instead_of_a_formula_is_refused_by_name() -> None:
    with pytest.raises(DataFileError) as info:
        FormRule("r1", "A = B")  # type: ignore[arg-type]
    e = info.value
    assert (e.what, e.got) == ("expr", "A = B")
    assert e.message("en") == "expr: expected a comparison, an implication or <->, got A = B"


def test_a_rule_pairing_two_zero_tests_is_an_ordinary_iff(tmp_path: Path) -> None:
    # only "X > 0 <-> Y > 0" is the paired count-and-amount line; "A = 0 <-> B = 0" on two
    # counts is a plain "exactly when" rule, loaded and printed as such
    form = load_form(_form(tmp_path, "A = 0 <-> B = 0"))
    (rule,) = [r for r in form.rules if r.name == "r1"]
    assert rule.kind == "iff"
    assert describe(rule.expr, "en") == "A = 0 exactly when B = 0"


@pytest.mark.parametrize(
    ("kind", "en", "zh"),
    [
        ("whole", "05A is a whole number, 0 or more", "05A 为不小于 0 的整数"),
        (
            "amount",
            "05A is an amount in 万元, 0 or more, with at most 6 decimals",
            "05A 为不小于 0 的金额（万元），至多 6 位小数",
        ),
        ("yes-no", "05A is yes or no (是/否)", "05A 为是或否"),
    ],
)
def test_a_unit_check_is_described_in_words(kind: str, en: str, zh: str) -> None:
    assert describe(UnitCheck("05A", kind), "en") == en
    assert describe(UnitCheck("05A", kind), "zh-Hans") == zh


def test_rolling_up_with_an_unknown_missing_policy_names_the_choices() -> None:
    with pytest.raises(InvalidValueError) as info:
        wr.roll_up([(wr.get_form("wuhan-2015:swn"), {})], missing="zero")
    e = info.value
    assert (e.what, e.expected, e.got) == ("missing", "strict or skip", "zero")
    assert e.message("en") == "missing: expected strict or skip, got zero"

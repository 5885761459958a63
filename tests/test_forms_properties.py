"""Property tests of form validation, driven by ``wennuan_rules.strategies.returns``.

For every bundled form and for a user's form loaded with ``load_form`` (a small form whose rules
form a DAG: an item that is the part of one rule and the total of another, an item under two ``le``
totals, a ``sum`` total bounded by an ``le`` rule, a paired line):

* a consistent return passes every rule: no error, no warning, every rule and unit check counted
  as passed;
* items not reported make exactly the rules reading them "not evaluated", never failed or passed;
* one changed item fails exactly the rules the strategy computed from the rule semantics
  (independently of the engine), all of them rules reading that item;
* the likely fix, when there is one, makes the return pass again (and restores the original value
  when a failing sum rule pins it);
* validate never changes its input; roll_up of consistent returns is consistent (sums of sums);
* a total off by less than the tolerance passes with the tolerance and fails without it.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from conftest import ITEM_01A, form_toml, write_form
from wennuan_rules.form import (
    FormTemplate,
    Return,
    form_ids,
    get_form,
    roll_up,
    validate,
    validate_many,
)
from wennuan_rules.strategies._forms import GeneratedReturn, returns

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A user's form: 01A = 01B + 01C; 02A = 02B + 02C and 02A <= 01B (02A is the total of one rule and
# a part of another); 02B <= 01C and 02B <= 03A (one item under two le totals); 03A <= 01A (a sum
# total bounded by an le rule, warning); 04A = 04B + 04C in 万元 with 04D <= 04A; 02B ~ 04B paired;
# 05A yes-no; 06A in no rule.
CUSTOM = form_toml(
    "my-union-2024:dag",
    "某工会 2024 附件1",
    ITEM_01A
    + """
[[items]]
code = "01B"
line = "01"
unit = "人"
parent = "01A"
label = { zh-Hans = "甲", zh-Hant = "甲", en = "A" }

[[items]]
code = "01C"
line = "01"
unit = "人"
parent = "01A"
label = { zh-Hans = "乙", zh-Hant = "乙", en = "B" }

[[items]]
code = "02A"
line = "02"
unit = "人"
label = { zh-Hans = "困难", zh-Hant = "困難", en = "In hardship" }

[[items]]
code = "02B"
line = "02"
unit = "人"
parent = "02A"
label = { zh-Hans = "丙", zh-Hant = "丙", en = "C" }

[[items]]
code = "02C"
line = "02"
unit = "人"
parent = "02A"
label = { zh-Hans = "丁", zh-Hant = "丁", en = "D" }

[[items]]
code = "03A"
line = "03"
unit = "人"
label = { zh-Hans = "走访", zh-Hant = "走訪", en = "Visited" }

[[items]]
code = "04A"
line = "04"
unit = "万元"
label = { zh-Hans = "金额", zh-Hant = "金額", en = "Amount" }

[[items]]
code = "04B"
line = "04"
unit = "万元"
parent = "04A"
label = { zh-Hans = "金额甲", zh-Hant = "金額甲", en = "Amount A" }

[[items]]
code = "04C"
line = "04"
unit = "万元"
parent = "04A"
label = { zh-Hans = "金额乙", zh-Hant = "金額乙", en = "Amount B" }

[[items]]
code = "04D"
line = "04"
unit = "万元"
label = { zh-Hans = "其中", zh-Hant = "其中", en = "Of which" }

[[items]]
code = "05A"
line = "05"
unit = "yes-no"
label = { zh-Hans = "是否", zh-Hant = "是否", en = "Yes or no" }

[[items]]
code = "06A"
line = "06"
unit = "件"
label = { zh-Hans = "案件", zh-Hant = "案件", en = "Cases" }

[[rules]]
name = "01A=sum"
kind = "sum"
total = "01A"
parts = ["01B", "01C"]

[[rules]]
name = "02A=sum"
kind = "sum"
total = "02A"
parts = ["02B", "02C"]

[[rules]]
name = "02A<=01B"
kind = "le"
total = "01B"
parts = ["02A"]

[[rules]]
name = "02B<=01C"
kind = "le"
total = "01C"
parts = ["02B"]

[[rules]]
name = "02B<=03A"
kind = "le"
total = "03A"
parts = ["02B"]

[[rules]]
name = "03A<=01A"
kind = "le"
total = "01A"
parts = ["03A"]
severity = "warning"

[[rules]]
name = "04A=sum"
kind = "sum"
total = "04A"
parts = ["04B", "04C"]

[[rules]]
name = "04D<=04A"
kind = "le"
total = "04A"
parts = ["04D"]

[[rules]]
name = "02B~04B"
kind = "paired"
count = "02B"
amount = "04B"
severity = "warning"
""",
)


@pytest.fixture(scope="module")
def custom_form(tmp_path_factory: pytest.TempPathFactory) -> FormTemplate:
    return write_form(tmp_path_factory.mktemp("forms"), "my-union-2024__dag.toml", CUSTOM)


@pytest.fixture(scope="module", params=[*form_ids(), "custom"])
def form(request: pytest.FixtureRequest, custom_form: FormTemplate) -> FormTemplate:
    if request.param == "custom":
        return custom_form
    return get_form(request.param)


def rule_id(form: FormTemplate, name: str) -> str:
    return f"{form.id}/{name}"


def unit_id(form: FormTemplate, code: str) -> str:
    return f"{form.id}/{code}:unit"


def ids_reading(form: FormTemplate, code: str) -> set[str]:
    return {rule_id(form, r.name) for r in form.rules if code in r.items} | {unit_id(form, code)}


def dec(value: object) -> Decimal:
    assert type(value) is Decimal
    return value


def with_value(values: dict[str, object], code: str, value: object) -> dict[str, object]:
    out = dict(values)
    out[code] = value
    return out


# -- consistent returns ----------------------------------------------------------------------------


def test_every_bundled_form_is_covered() -> None:
    # the five forms of contract.md: a new bundled form is tested by the parametrised fixture
    assert set(form_ids()) >= {
        "pingdingshan-2010:swn",
        "pingdingshan-2010:center",
        "wuhan-2015:swn",
        "wuhan-2015:center",
        "changzhou-edz-2021:swn",
    }


@FAST
@given(data=st.data())
def test_consistent_returns_pass_every_rule(form: FormTemplate, data: st.DataObject) -> None:
    r = data.draw(returns(form))
    assert isinstance(r, Return) and r.valid and r.expected_failures == frozenset()
    assert set(r.values) == set(form.codes)
    for code, value in r.values.items():
        item = form.item(code)
        assert isinstance(value, bool) if item.is_yes_no else type(value) is Decimal
    report = validate(form, r)
    assert report.ok and report.findings == () and report.warnings == ()
    assert report.not_evaluated == ()
    # every rule and every item's unit check was evaluated and passed
    assert report.counts["passed"] == len(form.rules) + len(form.items)
    assert report.fix is None
    assert report.unit == r.unit


@FAST
@given(data=st.data())
def test_not_reported_items_leave_their_rules_not_evaluated(
    form: FormTemplate, data: st.DataObject
) -> None:
    r = data.draw(returns(form, not_reported=True))
    missing = {code for code, value in r.values.items() if value is None}
    expected = set().union(*(ids_reading(form, c) for c in missing)) if missing else set()
    report = validate(form, r)
    assert report.findings == ()
    assert set(report.not_evaluated) == expected
    assert report.counts["passed"] == len(form.rules) + len(form.items) - len(expected)


def test_not_reported_codes_are_exactly_those_given(form: FormTemplate) -> None:
    code = form.codes[-1]

    @FEW
    @given(returns(form, not_reported=[code.lower()]))
    def check(r: GeneratedReturn) -> None:
        assert [c for c, v in r.values.items() if v is None] == [code]
        assert set(validate(form, r).not_evaluated) == ids_reading(form, code)

    check()


# -- one changed item ------------------------------------------------------------------------------


@FAST
@given(data=st.data())
def test_one_changed_item_fails_exactly_the_rules_computed(
    form: FormTemplate, data: st.DataObject
) -> None:
    r = data.draw(returns(form, valid=False, not_reported=data.draw(st.booleans())))
    code = r.changed_item
    assert code is not None and not r.valid
    assert r.expected_failures, "a perturbation always breaks something"
    # the rules that fail all read the changed item (or are its unit check)
    assert r.expected_failures <= ids_reading(form, code)
    report = validate(form, r)
    assert {f.rule for f in report.findings} == r.expected_failures
    assert not report.ok or all(f.severity.value == "warning" for f in report.findings)
    # only the one item differs from a return that passes
    restored = validate(form, with_value(dict(r.values), code, r.original_value))
    assert restored.findings == ()


@FAST
@given(data=st.data())
def test_likely_fix_makes_the_return_pass(form: FormTemplate, data: st.DataObject) -> None:
    r = data.draw(returns(form, valid=False))
    report = validate(form, r)
    fix = report.fix
    if fix is None:
        return
    fixed = validate(form, with_value(dict(r.values), fix.item, Decimal(fix.value)))
    assert fixed.ok
    if not report.errors:  # only warnings failed: the fix is for them, all pass
        assert fixed.findings == ()
    targets = report.errors or report.findings
    pinned = any(form.rule(f.rule).kind == "sum" for f in targets)
    if fix.item == r.changed_item and pinned:
        # a failing sum rule reading the item allows one value only: the original
        assert Decimal(fix.value) == r.original_value


def test_fix_restores_a_total_one_too_many() -> None:
    # changzhou-edz-2021:swn has error sum rules: a total one more than its parts is advised back
    form = get_form("changzhou-edz-2021:swn")
    rule = next(r for r in form.rules if r.kind == "sum")

    @FEW
    @given(returns(form))
    def check(r: GeneratedReturn) -> None:
        total = r.values[rule.total]
        assert isinstance(total, Decimal)
        report = validate(form, with_value(dict(r.values), rule.total, total + 1))
        assert rule_id(form, rule.name) in {f.rule for f in report.errors}
        assert report.fix is not None and report.fix.item == rule.total
        assert Decimal(report.fix.value) == total

    check()


# -- input untouched, roll-up, tolerance -----------------------------------------------------------


@FAST
@given(data=st.data())
def test_validate_never_changes_its_input(form: FormTemplate, data: st.DataObject) -> None:
    r = data.draw(returns(form, valid=data.draw(st.booleans()), not_reported=True))
    values = dict(r.values)
    before = dict(values)
    validate(form, values)
    validate(form, values, tolerance="0.01")
    list(validate_many([(form, values), r], forms=[form]))
    assert values == before and list(values) == list(before)
    assert dict(r.values) == before


@FEW
@given(data=st.data())
def test_roll_up_of_consistent_returns_is_consistent(
    form: FormTemplate, data: st.DataObject
) -> None:
    parts = data.draw(st.lists(returns(form), min_size=1, max_size=4))
    total = roll_up(parts, unit="合计", forms=[form])
    for item in form.items:
        got = total.values[item.code]
        if item.is_yes_no:
            answers = {p.values[item.code] for p in parts}
            assert got == (answers.pop() if len(answers) == 1 else None)
        else:
            assert got == sum((dec(p.values[item.code]) for p in parts), Decimal(0))
    report = validate(form, total)
    assert report.ok and report.findings == ()
    # only yes-no items the units answered differently are left unknown, and with them the rules
    # reading them (issue 9, point 4: 06B = 是 -> 06A > 0)
    unknown = {i.code for i in form.items if i.is_yes_no and total.values[i.code] is None}
    rules = {f"{form.id}/{r.name}": r for r in form.rules}
    for rid in report.not_evaluated:
        assert rid.endswith(":unit") or set(rules[rid].items) & unknown, rid


@FAST
@given(data=st.data())
def test_a_total_off_by_less_than_the_tolerance_passes(
    form: FormTemplate, data: st.DataObject
) -> None:
    r = data.draw(returns(form))
    rule = data.draw(st.sampled_from([x for x in form.rules if x.kind == "sum"]))
    value = dec(r.values[rule.total])
    if form.item(rule.total).is_count:
        tolerance, delta = Decimal(2), Decimal(1)  # counts stay whole
    else:
        tolerance, delta = Decimal("0.01"), Decimal(data.draw(st.integers(1, 9999))) / 1000000
    sign = 1 if value < delta else data.draw(st.sampled_from([1, -1]))
    values = with_value(dict(r.values), rule.total, value + sign * delta)
    loose = validate(form, values, tolerance=tolerance)
    assert loose.ok
    assert not [f for f in loose.findings if form.rule(f.rule).kind != "paired"]
    exact = validate(form, values)
    assert rule_id(form, rule.name) in {f.rule for f in exact.findings}
    # and le rules over the same total fail exactly when the total went down
    for le in form.rules:
        if le.kind == "le" and le.total == rule.total and sign < 0:
            parts = sum((dec(r.values[p]) for p in le.parts), Decimal(0))
            failed = rule_id(form, le.name) in {f.rule for f in exact.findings}
            assert failed == (parts > value - delta)


# -- the strategy's arguments ----------------------------------------------------------------------


def test_unit_names_the_reporting_unit(custom_form: FormTemplate) -> None:
    @FEW
    @given(
        returns("wuhan-2015:swn", unit="江岸区总工会"),
        returns(custom_form, unit=st.sampled_from(["甲", "乙"]), valid=False),
    )
    def check(a: GeneratedReturn, b: GeneratedReturn) -> None:
        assert a.unit == "江岸区总工会" and validate("wuhan-2015:swn", a).unit == "江岸区总工会"
        assert b.unit in ("甲", "乙") and b.form == custom_form.id

    check()


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("nowhere-2020:swn",), {}),
        ((42,), {}),
        (("wuhan-2015:swn",), {"unit": 42}),
        (("wuhan-2015:swn",), {"unit": "  "}),
        (("wuhan-2015:swn",), {"valid": "no"}),
        (("wuhan-2015:swn",), {"not_reported": ["99Z"]}),
        (("wuhan-2015:swn",), {"not_reported": "01A"}),
    ],
)
def test_impossible_arguments_raise_invalid_argument(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    with pytest.raises(InvalidArgument):
        returns(*args, **kwargs)  # type: ignore[arg-type]


def test_nothing_to_change_is_an_invalid_argument() -> None:
    form = get_form("changzhou-edz-2021:swn")
    with pytest.raises(InvalidArgument):
        returns(form, valid=False, not_reported=form.codes)


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        returns("wuhan-2015:swn", False)  # type: ignore[call-arg]


def test_a_unit_strategy_drawing_a_non_name_is_an_invalid_argument() -> None:
    @FEW
    @given(returns("wuhan-2015:swn", unit=st.just(3)))  # type: ignore[arg-type]
    def check(r: GeneratedReturn) -> None:
        pass  # pragma: no cover

    with pytest.raises(InvalidArgument):
        check()


def test_no_work_at_import_time() -> None:
    code = (
        "import wennuan_rules.strategies._forms as m\n"
        "from wennuan_rules.form import loader\n"
        "print(loader._bundled.cache_info().currsize)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    assert out.stdout.strip() == "0"


@pytest.mark.parametrize("form_id", form_ids())
def test_seeded_generator_of_the_benchmark_agrees_with_validate(form_id: str) -> None:
    # benchmarks/bench_validate.py draws its returns from the same builder with random.Random
    from wennuan_rules.strategies._forms import _random_returns

    drawn = list(_random_returns(form_id, n=150, seed=7, invalid=0.5))
    assert any(r.valid for r in drawn) and any(not r.valid for r in drawn)
    for r, report in zip(drawn, validate_many(drawn), strict=True):
        assert {f.rule for f in report.findings} == r.expected_failures

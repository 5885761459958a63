"""Issue 14, point 2 (forms): golden tests, worked out by hand, of the likely fix (never negative,
never offered while an item fails its unit check) and of the default severity of sum and ≤ rules
built in Python. Public entry points only: ``wr.validate``, ``Report``, the form model's classes."""

from __future__ import annotations

import pytest

import wennuan_rules as wr
from wennuan_rules.form import FormTemplate, LeRule, LineItem, PairedRule, SumRule
from wennuan_rules.i18n import Label
from wennuan_rules.render import report_text
from wennuan_rules.report import Severity

FORM = "pin-2020:f"


def _item(code: str, unit: str, parent: str = "") -> LineItem:
    return LineItem(code, code[:2], unit, Label(code, code, code), parent=parent)


def _form() -> FormTemplate:
    """01A = 01B + 01C (人); 01A ≤ 02A; 04A = 01B; 05A = 05B + 05C (万元); 08A-1 / 08A-2 paired.
    Every rule but the paired one is built without a severity."""
    return FormTemplate(
        id=FORM,
        campaign="pin-2020",
        title=Label("测试表", "測試表", "Test form"),
        source="测试〔2020〕1号 附件1",
        items=(
            _item("01A", "人"),
            _item("01B", "人", "01A"),
            _item("01C", "人", "01A"),
            _item("02A", "人"),
            _item("04A", "人"),
            _item("05A", "万元"),
            _item("05B", "万元", "05A"),
            _item("05C", "万元", "05A"),
            _item("08A-1", "人次"),
            _item("08A-2", "万元"),
        ),
        rules=(
            SumRule("01A=sum", "01A", ("01B", "01C")),
            LeRule("01A<=02A", "02A", ("01A",)),
            SumRule("04A=01B", "04A", ("01B",)),
            SumRule("05A=sum", "05A", ("05B", "05C")),
            PairedRule("08A-1~08A-2", "08A-1", "08A-2"),
        ),
    )


# every rule passes: 01A 5 = 01B 2 + 01C 3; 5 ≤ 02A 5; 04A 2 = 01B 2; 05A 8.50 = 5 + 3.50;
# 08A-1 3 persons and 08A-2 0.6 万元 both positive
GOOD = {
    "01A": "5",
    "01B": "2",
    "01C": "3",
    "02A": "5",
    "04A": "2",
    "05A": "8.50",
    "05B": "5",
    "05C": "3.50",
    "08A-1": "3",
    "08A-2": "0.6",
}


@pytest.fixture(scope="module")
def form() -> FormTemplate:
    return _form()


def _failed(report: wr.Report) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in report.findings]


def test_the_good_return_passes(form: FormTemplate) -> None:
    report = wr.validate(form, GOOD)
    assert report.ok and report.findings == () and report.fix is None
    assert report.passed == 5 + len(GOOD)  # 5 rules and 10 unit checks


# -- default severity ----


def test_sum_and_le_rules_built_in_python_default_to_error() -> None:
    assert SumRule("a", "01A", ("01B",)).severity is Severity.ERROR
    assert LeRule("b", "01A", ("01B",)).severity is Severity.ERROR
    assert PairedRule("c", "08A-1", "08A-2").severity is Severity.WARNING


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"05A": "8.4"}, "05A=sum"),  # 5 + 3.50 = 8.50 ≠ 8.4
        ({"01A": "6", "01C": "4", "02A": "5"}, "01A<=02A"),  # 6 = 2 + 4, but 6 > 5
    ],
)
def test_a_failing_sum_or_le_rule_built_in_python_is_an_error(
    form: FormTemplate, changes: dict[str, str], rule: str
) -> None:
    report = wr.validate(form, {**GOOD, **changes})
    assert _failed(report) == [(f"{FORM}/{rule}", Severity.ERROR)]
    assert not report.ok
    assert (len(report.errors), len(report.warnings)) == (1, 0)
    data = report.to_dict("en")
    assert [f["severity"] for f in data["findings"]] == ["error"]
    assert data["ok"] is False


# -- the likely fix is never negative ----

# 01A 5 ≠ 01B 9 + 01C 3 = 12: the one failing rule. One changed item that makes it hold:
#   01A → 12       but then 01A ≤ 02A fails (12 > 5)
#   01B → 5 − 3 = 2  but then 04A = 01B fails (9 ≠ 2)
#   01C → 5 − 9 = −4 a negative count
# so no single change fixes the return: no advice.
NEGATIVE_ONLY = {**GOOD, "01A": "5", "01B": "9", "01C": "3", "02A": "5", "04A": "9"}


def test_no_fix_when_the_only_single_change_is_negative(form: FormTemplate) -> None:
    report = wr.validate(form, NEGATIVE_ONLY)
    assert _failed(report) == [(f"{FORM}/01A=sum", Severity.ERROR)]
    (finding,) = report.findings
    assert (finding.expected, finding.actual) == ("12", "5")
    assert report.fix is None
    assert report.to_dict("en")["fix"] is None
    assert "Likely fix" not in report_text(report, "en")


def test_the_same_return_gets_its_fix_when_it_is_not_negative(form: FormTemplate) -> None:
    # the control: with 02A 12, 01A → 12 breaks nothing (12 ≤ 12): the fix sets the total
    report = wr.validate(form, {**NEGATIVE_ONLY, "02A": "12"})
    assert report.fix is not None
    assert (report.fix.item, report.fix.value, report.fix.current) == ("01A", "12", "5")


def test_no_negative_amount_either(form: FormTemplate) -> None:
    # 05A 1 ≠ 05B 5 + 05C 3.50 = 8.50, and nothing blocks 05A → 8.50: the total is fixed...
    report = wr.validate(form, {**GOOD, "05A": "1"})
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("05A", "8.50")
    # ...a part would be 1 − 3.50 = −2.50 (05B) or 1 − 5 = −4 (05C): never proposed
    assert not report.fix.value.startswith("-")


# -- no fix while an item fails its unit check ----


def test_fix_offered_when_every_item_passes_its_unit_check(form: FormTemplate) -> None:
    # 05B 5 + 05C 3.50 = 8.50 ≠ 8.4: set 05A to 8.50
    report = wr.validate(form, {**GOOD, "05A": "8.4"})
    assert report.fix is not None
    assert (report.fix.item, report.fix.value, report.fix.current) == ("05A", "8.50", "8.4")
    assert "Likely fix: set 05A to 8.50" in report_text(report, "en")


@pytest.mark.parametrize("bad", ["1.5", "-1"])  # a fractional and a negative count of persons
def test_no_fix_when_an_item_fails_its_unit_check(form: FormTemplate, bad: str) -> None:
    report = wr.validate(form, {**GOOD, "05A": "8.4", "08A-1": bad})
    rules = {f.rule for f in report.findings}
    assert rules == {f"{FORM}/05A=sum", f"{FORM}/08A-1:unit"}
    assert all(f.severity is Severity.ERROR for f in report.findings)
    assert f"{FORM}/08A-1~08A-2" in report.not_evaluated  # the paired rule reads 08A-1
    assert report.fix is None
    data = report.to_dict("en")
    assert data["fix"] is None
    assert "Likely fix" not in report_text(report, "en")

"""The forms engine: templates, codes, rule kinds, tolerance, not reported, unit checks, likely fix,
validate_many / summarize / roll_up. Small hand-built forms (a TOML written in tmp_path) and the
bundled ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules.form as F
from conftest import ITEM_01A, form_toml, write_form
from wennuan_rules.errors import DataFileError, InvalidValueError, UnknownIdError, WennuanError
from wennuan_rules.form import FormTemplate, Return
from wennuan_rules.report import Severity

TINY = form_toml(
    "test-2020:t",
    "测试〔2020〕1号 附件1",
    ITEM_01A
    + """
[[items]]
code = "01B"
line = "01"
unit = "人"
parent = "01A"
label = { zh-Hans = "其中甲", zh-Hant = "其中甲", en = "of which A" }

[[items]]
code = "05A"
line = "05"
unit = "万元"
label = { zh-Hans = "总额", zh-Hant = "總額", en = "Total amount" }

[[items]]
code = "05B"
line = "05"
unit = "万元"
parent = "05A"
label = { zh-Hans = "甲", zh-Hant = "甲", en = "A" }

[[items]]
code = "05C"
line = "05"
unit = "万元"
parent = "05A"
label = { zh-Hans = "乙", zh-Hant = "乙", en = "B" }

[[items]]
code = "08A-1"
line = "08"
unit = "人次"
label = { zh-Hans = "人次", zh-Hant = "人次", en = "Persons" }

[[items]]
code = "08A-2"
line = "08"
unit = "万元"
label = { zh-Hans = "金额", zh-Hant = "金額", en = "Amount" }

[[items]]
code = "09A"
line = "09"
unit = "yes-no"
label = { zh-Hans = "是否", zh-Hant = "是否", en = "Yes or no" }

[[rules]]
name = "01B<=01A"
kind = "le"
total = "01A"
parts = ["01B"]
source = "测试〔2020〕1号 附件1 01 其中"

[[rules]]
name = "05A=sum"
kind = "sum"
total = "05A"
parts = ["05B", "05C"]

[[rules]]
name = "08A-1~08A-2"
kind = "paired"
count = "08A-1"
amount = "08A-2"
severity = "warning"
""",
)

LETTERS = form_toml(
    "letters-2021:swn",
    "某总工会 2021-01-06 附件",
    """
[[items]]
code = "B"
unit = "万元"
label = { zh-Hans = "总额", zh-Hant = "總額", en = "Total" }

[[items]]
code = "B1"
unit = "万元"
parent = "B"
label = { zh-Hans = "一", zh-Hant = "一", en = "one" }

[[items]]
code = "B2"
unit = "万元"
parent = "B"
label = { zh-Hans = "二", zh-Hant = "二", en = "two" }

[[items]]
code = "K2"
unit = "户"
label = { zh-Hans = "户", zh-Hant = "戶", en = "households" }

[[rules]]
name = "B=sum"
kind = "sum"
total = "B"
parts = ["B1", "B2"]
source = "某总工会 2021-01-06 附件 B=B1+B2"
""",
    title=("字母表", "字母表", "Letters"),
)

GOOD = {
    "01A": "10",
    "01B": "4",
    "05A": "8.5",
    "05B": "3.25",
    "05C": "5.25",
    "08A-1": "2",
    "08A-2": "0.6",
    "09A": "是",
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> FormTemplate:
    return write_form(tmp_path_factory.mktemp("forms"), "tiny.toml", TINY)


@pytest.fixture()
def letters(tmp_path: Path) -> FormTemplate:
    return write_form(tmp_path, "letters.toml", LETTERS)


# -- templates -------------------------------------------------------------------------------------


def test_template_look_ups(tiny: FormTemplate) -> None:
    assert tiny.codes == ("01A", "01B", "05A", "05B", "05C", "08A-1", "08A-2", "09A")
    assert tiny.item("5b").label.en == "A"
    assert [r.name for r in tiny.rules_using("０５Ｃ")] == ["05A=sum"]
    assert tiny.rule("test-2020:t/05A=sum").kind == "sum"
    assert tiny.item_source("05B") == "测试〔2020〕1号 附件1 05"


def test_unknown_code_names_code_form_and_close_codes(tiny: FormTemplate) -> None:
    with pytest.raises(UnknownIdError) as info:
        tiny.item("05D")
    assert info.value.got == "05D"
    assert "test-2020:t" in str(info.value)
    assert "05C" in (info.value.expected or "")


def test_bundled_forms_and_unknown_form() -> None:
    ids = [f.id for f in F.forms()]
    assert "wuhan-2015:swn" in ids and "wuhan-2015:center" in ids
    assert F.get_form("wuhan-2015:swn").id == "wuhan-2015:swn"
    with pytest.raises(UnknownIdError) as info:
        F.get_form("wuhan-2016:swn")
    assert "wuhan-2015:swn" in (info.value.expected or "")


def test_load_form_refuses_unknown_keys_and_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY.replace('parent = "01A"', 'parent = "01A"\ncolour = "red"'), "utf-8")
    with pytest.raises(DataFileError) as info:
        F.load_form(bad)
    assert "colour" in str(info.value) and info.value.file == str(bad)
    bad.write_text(TINY.replace('parts = ["05B", "05C"]', 'parts = ["05B", "05X"]'), "utf-8")
    with pytest.raises(DataFileError, match="05X"):
        F.load_form(bad)
    bad.write_text(TINY.replace('unit = "人次"', 'unit = "斤"'), "utf-8")
    with pytest.raises(DataFileError):
        F.load_form(bad)
    bad.write_text(TINY.replace('kind = "le"', 'kind = "ge"'), "utf-8")
    with pytest.raises(DataFileError, match="kind"):
        F.load_form(bad)


# -- codes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("05(A)", "05A"),
        ("05（A）", "05A"),
        ("05 A", "05A"),
        ("5A", "05A"),
        ("０５Ａ", "05A"),
        ("05a", "05A"),
        ("08a-1", "08A-1"),
        ("08(A)-2", "08A-2"),
        ("08A－1", "08A-1"),
        ("b1", "B1"),
        ("Ｋ２", "K2"),
        (" c11 ", "C11"),
        ("A", "A"),
    ],
)
def test_codes_people_type(typed: str, code: str) -> None:
    assert F.normalize_code(typed) == code


@pytest.mark.parametrize("junk", ["", "05AB", "123A", "A123", "第五行", None, 5])
def test_junk_is_not_a_code(junk: object) -> None:
    with pytest.raises(InvalidValueError):
        F.normalize_code(junk)


def test_letter_codes(letters: FormTemplate) -> None:
    report = F.validate(letters, {"b": "3", "ｂ１": "1", "B2": "2", "k2": "4"})
    assert report.ok and report.passed == 5  # B=sum + 4 unit checks


# -- rule kinds ------------------------------------------------------------------------------------


def test_a_good_return_passes_every_rule(tiny: FormTemplate) -> None:
    report = F.validate(tiny, GOOD)
    assert report.ok and not report.findings
    # 3 rules + 8 unit checks
    assert report.passed == 11 and report.not_evaluated == ()


def test_sum_rule_reports_expected_and_actual_exactly(tiny: FormTemplate) -> None:
    # 05B + 05C = 3.25 + 5.25 = 8.50, but 05A says 8.4
    report = F.validate(tiny, {**GOOD, "05A": "8.4"})
    (finding,) = report.findings
    assert finding.rule == "test-2020:t/05A=sum"
    assert finding.severity is Severity.ERROR
    assert (finding.expected, finding.actual) == ("8.50", "8.4")
    assert finding.items == ("05A", "05B", "05C")
    assert finding.source == "测试〔2020〕1号 附件1 05"
    assert "8.50" in finding.message.render("en")
    assert not report.ok and report.passed == 10


def test_le_rule_of_which_item(tiny: FormTemplate) -> None:
    report = F.validate(tiny, {**GOOD, "01B": "11"})
    (finding,) = report.findings
    assert finding.rule == "test-2020:t/01B<=01A"
    assert finding.actual == "11" and finding.expected == "<= 10"
    assert finding.source == "测试〔2020〕1号 附件1 01 其中"
    assert F.validate(tiny, {**GOOD, "01B": "10"}).ok  # equal is allowed (其中 may be all)


def test_paired_rule_is_a_warning(tiny: FormTemplate) -> None:
    report = F.validate(tiny, {**GOOD, "08A-1": "0"})
    (finding,) = report.findings
    assert finding.rule == "test-2020:t/08A-1~08A-2" and finding.severity is Severity.WARNING
    assert report.ok  # warnings allowed
    report = F.validate(tiny, {**GOOD, "08A-2": "0"})
    assert [f.rule for f in report.findings] == ["test-2020:t/08A-1~08A-2"]
    assert F.validate(tiny, {**GOOD, "08A-1": "0", "08A-2": "0"}).ok


def test_tolerance_applies_to_sum_and_le(tiny: FormTemplate) -> None:
    values = {**GOOD, "05A": "8.49"}
    assert not F.validate(tiny, values).ok
    assert F.validate(tiny, values, tolerance="0.01").ok
    assert not F.validate(tiny, values, tolerance=Decimal("0.001")).ok
    assert F.validate(tiny, {**GOOD, "01B": "11"}, tolerance=1).ok
    with pytest.raises(InvalidValueError):
        F.validate(tiny, GOOD, tolerance=0.01)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        F.validate(tiny, GOOD, tolerance="-1")


def test_not_reported_is_not_zero(tiny: FormTemplate) -> None:
    values = {**GOOD, "05C": None}
    report = F.validate(tiny, values)
    assert report.ok
    assert "test-2020:t/05A=sum" in report.not_evaluated
    assert "test-2020:t/05C:unit" in report.not_evaluated
    assert report.passed == 11 - 2
    # an empty string is not reported too, and leaving the key out is the same
    assert F.validate(tiny, {**GOOD, "05C": ""}) == report
    without = {k: v for k, v in GOOD.items() if k != "05C"}
    assert F.validate(tiny, without) == report
    # whereas zero is a value: 05A 8.5 != 3.25 + 0
    assert not F.validate(tiny, {**GOOD, "05C": "0"}).ok


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("01A", "-1"),
        ("01A", "2.5"),
        ("08A-1", Decimal("1.5")),
        ("05B", "0.0000001"),
        ("05B", "-3"),
        ("09A", "1"),
        ("01A", True),
    ],
)
def test_unit_checks(tiny: FormTemplate, code: str, value: object) -> None:
    report = F.validate(tiny, {**GOOD, code: value})
    assert f"test-2020:t/{code}:unit" in [f.rule for f in report.errors]
    assert not report.ok
    # rules reading an item that failed its unit check are not evaluated (never passed)
    for rule in tiny.rules_using(code):
        assert f"test-2020:t/{rule.name}" in report.not_evaluated


def test_numbers_too_large_to_check_exactly_are_refused(tiny: FormTemplate) -> None:
    with pytest.raises(InvalidValueError) as info:
        F.validate(tiny, {**GOOD, "05A": Decimal(10) ** 70})
    assert info.value.what == "05A" and "too large" in info.value.message("en")
    with pytest.raises(InvalidValueError):
        F.validate(tiny, {**GOOD, "01A": Decimal("Infinity")})
    # large but exact figures are checked, not refused
    assert F.validate(tiny, {**GOOD, "01A": "1" + "0" * 30}).ok


def test_amounts_with_six_decimals_and_yes_no_words(tiny: FormTemplate) -> None:
    values = {**GOOD, "05B": "3.000001", "05C": "5.499999", "09A": "否"}
    assert F.validate(tiny, values).ok
    for word, _ in (("yes", True), ("No", False), ("TRUE", True), ("false", False)):
        assert F.validate(tiny, {**GOOD, "09A": word}).ok
    assert F.validate(tiny, {**GOOD, "09A": False}).ok


def test_strings_as_people_type_them(tiny: FormTemplate) -> None:
    values = {**GOOD, "01A": "１０", "01B": " 4 ", "05A": "8.50万元"}
    assert F.validate(tiny, values).ok
    assert F.validate(tiny, {**GOOD, "01A": "1,000", "01B": "1,000"}).ok


def test_bad_values_raise(tiny: FormTemplate) -> None:
    with pytest.raises(InvalidValueError) as info:
        F.validate(tiny, {**GOOD, "05A": 8.5})
    assert info.value.what == "05A"
    with pytest.raises(InvalidValueError):
        F.validate(tiny, {**GOOD, "05A": "eight"})
    with pytest.raises(InvalidValueError):
        F.validate(tiny, {**GOOD, "05A": Decimal("NaN")})
    with pytest.raises(InvalidValueError):
        F.validate(tiny, {**GOOD, "05A": [1]})


def test_codes_in_values_are_normalised_duplicates_and_unknowns_refused(tiny: FormTemplate) -> None:
    typed = {"1a": "10", "01(B)": "4", "０５Ａ": "8.5", "05 b": "3.25", "5c": "5.25"}
    assert F.validate(tiny, typed).ok
    with pytest.raises(InvalidValueError) as info:
        F.validate(tiny, {**GOOD, "5a": "8.5"})
    assert info.value.what == "05A" and "5a" in str(info.value)
    with pytest.raises(UnknownIdError) as unknown:
        F.validate(tiny, {**GOOD, "06A": "1"})
    assert "06A" in str(unknown.value)


def test_values_are_not_mutated(tiny: FormTemplate) -> None:
    values = {"5a": "8.5", "05B": "3.25", "05C": "5.25"}
    before = dict(values)
    F.validate(tiny, values)
    assert values == before


# -- likely fix ------------------------------------------------------------------------------------


def test_likely_fix_names_the_total_that_should_be_the_sum(tiny: FormTemplate) -> None:
    report = F.validate(tiny, {**GOOD, "05A": "8.4"})
    assert report.fix is not None
    assert (report.fix.item, report.fix.value, report.fix.current) == ("05A", "8.50", "8.4")


def test_likely_fix_of_a_part_in_two_failing_rules(tmp_path: Path) -> None:
    # 01A = 01B + 01C and 02A = 02B + 01C: a wrong 01C breaks both; only 01C fixes both at once.
    text = TINY.replace(
        """[[rules]]
name = "01B<=01A\"""",
        """[[items]]
code = "01C"
line = "01"
unit = "人"
label = { zh-Hans = "丙", zh-Hant = "丙", en = "C" }

[[items]]
code = "02A"
line = "02"
unit = "人"
label = { zh-Hans = "丁", zh-Hant = "丁", en = "D" }

[[items]]
code = "02B"
line = "02"
unit = "人"
label = { zh-Hans = "戊", zh-Hant = "戊", en = "E" }

[[rules]]
name = "01A=sum"
kind = "sum"
total = "01A"
parts = ["01B", "01C"]

[[rules]]
name = "02A=sum"
kind = "sum"
total = "02A"
parts = ["02B", "01C"]

[[rules]]
name = "01B<=01A\"""",
    )
    form = write_form(tmp_path, "two.toml", text)
    # 10 = 4 + 6 and 9 = 3 + 6, but 01C was typed 7
    values = {**GOOD, "01C": "7", "02A": "9", "02B": "3"}
    report = F.validate(form, values)
    assert {f.rule for f in report.findings} == {"test-2020:t/01A=sum", "test-2020:t/02A=sum"}
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("01C", "6")


def test_no_fix_when_one_change_cannot_do(tiny: FormTemplate) -> None:
    report = F.validate(tiny, {**GOOD, "05A": "8.4", "01B": "11"})
    assert len(report.errors) == 2 and report.fix is None
    assert F.validate(tiny, GOOD).fix is None


@settings(max_examples=100, deadline=None)
@given(
    parts=st.lists(st.integers(min_value=0, max_value=10**8), min_size=2, max_size=2),
    delta=st.integers(min_value=1, max_value=10**6),
)
def test_property_sum_rule_and_fix(tiny: FormTemplate, parts: list[int], delta: int) -> None:
    # amounts in 万元 with 2 decimals: parts in fen / 100
    b, c = (Decimal(p) / 100 for p in parts)
    good = {**GOOD, "05A": str(b + c), "05B": str(b), "05C": str(c)}
    assert F.validate(tiny, good).ok
    wrong = {**good, "05A": str(b + c + Decimal(delta) / 100)}
    report = F.validate(tiny, wrong)
    assert [f.rule for f in report.findings] == ["test-2020:t/05A=sum"]
    assert report.findings[0].expected == str(b + c)
    assert report.fix is not None and report.fix.item == "05A"
    assert Decimal(report.fix.value) == b + c
    # the fix really fixes it
    assert F.validate(tiny, {**wrong, "05A": report.fix.value}).ok


# -- the bundled forms -----------------------------------------------------------------------------


@pytest.mark.parametrize("form", [f.id for f in F.forms()])
def test_every_bundled_form_accepts_an_all_zero_return(form: str) -> None:
    template = F.get_form(form)
    values = {i.code: (False if i.is_yes_no else 0) for i in template.items}
    report = F.validate(form, values)
    assert report.ok and not report.findings
    assert report.passed == len(template.rules) + len(template.items)


def test_wuhan_swn_total_transposed() -> None:
    form = F.get_form("wuhan-2015:swn")
    values = {i.code: (False if i.is_yes_no else 0) for i in form.items}
    # 05A = 05B + … + 05F: 100 + 20 + 300 + 32.35 = 452.35; typed 425.35
    values.update({"05A": "425.35", "05B": "100", "05C": "20", "05D": "300", "05E": "32.35"})
    report = F.validate(form, values)
    assert not report.ok
    assert "wuhan-2015:swn/05A=sum" in [f.rule for f in report.findings]
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("05A", "452.35")


# -- many returns ----------------------------------------------------------------------------------


def test_validate_many_is_lazy_and_accepts_tuples_and_returns(tiny: FormTemplate) -> None:
    def stream():  # type: ignore[no-untyped-def]
        yield (tiny, GOOD, "甲区")
        yield Return(form=tiny.id, values={"05A": Decimal("1")}, unit="乙区")
        raise AssertionError("read too far")

    reports = F.validate_many(stream(), forms=[tiny])
    first = next(reports)
    assert first.ok and first.unit == "甲区"
    second = next(reports)
    assert second.unit == "乙区" and "test-2020:t/05A=sum" in second.not_evaluated


def test_summarize_counts_per_rule(tiny: FormTemplate) -> None:
    returns = [
        (tiny, GOOD),
        (tiny, {**GOOD, "05A": "1"}),
        (tiny, {**GOOD, "05C": None}),
    ]
    summary = F.summarize(F.validate_many(returns), forms=[tiny])
    rows = {r.rule: r for r in summary.rules}
    row = rows["test-2020:t/05A=sum"]
    assert (row.passed, row.failed, row.not_evaluated) == (1, 1, 1)
    assert summary.returns == {"test-2020:t": 3} and summary.with_errors == 1
    unit = rows["test-2020:t/05C:unit"]
    assert (unit.passed, unit.failed, unit.not_evaluated) == (2, 0, 1)
    assert summary.to_dict()["rules"][0]["rule"] == "test-2020:t/01B<=01A"
    text = summary.to_text("en")
    assert "05A=sum" in text and "3 returns checked" in text
    assert "test-2020:t/05A=sum,error" in summary.to_csv()


def test_roll_up_adds_districts(tiny: FormTemplate) -> None:
    a = {**GOOD}
    b = {**GOOD, "01A": "5", "01B": "", "09A": "否"}
    total = F.roll_up([(tiny, a), (tiny, b)], unit="市合计")
    assert total.unit == "市合计"
    assert total.values["01A"] == Decimal(15)
    assert total.values["05A"] == Decimal("17.0")
    assert total.values["01B"] is None  # not reported + 4 = not reported (strict)
    assert total.values["09A"] is None  # 是 and 否 disagree
    skip = F.roll_up([(tiny, a), (tiny, b)], missing="skip")
    assert skip.values["01B"] == Decimal(4)
    report = F.validate(tiny, total)
    assert report.ok and report.unit == "市合计"
    with pytest.raises(InvalidValueError):
        F.roll_up([])
    with pytest.raises(InvalidValueError):
        F.roll_up([(tiny, a)], missing="zero")


def test_roll_up_refuses_mixed_forms(tiny: FormTemplate) -> None:
    swn = F.get_form("wuhan-2015:swn")
    with pytest.raises(WennuanError):
        F.roll_up([(tiny, GOOD), (swn, {"01A": "1"})])


# -- reports ---------------------------------------------------------------------------------------


def test_report_json_html_and_text(tiny: FormTemplate) -> None:
    from wennuan_rules.render import report_text

    report = F.validate(tiny, {**GOOD, "05A": "8.4", "01B": None}, unit="江岸区总工会")
    data = report.to_dict("en")
    assert data["counts"] == {"error": 1, "warning": 0, "passed": 8, "not_evaluated": 2}
    assert data["findings"][0]["source"] == "测试〔2020〕1号 附件1 05"
    assert data["fix"] == {"item": "05A", "value": "8.50", "current": "8.4"}
    html = report._repr_html_()
    assert "<table>" in html and "05A=sum" in html
    for lang in ("zh-Hans", "zh-Hant", "en"):
        text = report_text(report, lang)
        assert "05A=sum" in text and "江岸区总工会" in text and "01B" in text
    assert "Likely fix: set 05A to 8.50" in report_text(report, "en")


def test_to_frame(tiny: FormTemplate) -> None:
    pytest.importorskip("pandas")
    frame = F.validate(tiny, {**GOOD, "05A": "8.4"}).to_frame("en")
    assert list(frame["rule"]) == ["test-2020:t/05A=sum"]


# -- properties over the bundled forms (returns built by wennuan_rules.strategies) --------------

_returns = pytest.importorskip("wennuan_rules.strategies._forms").returns
BUNDLED = [f.id for f in F.forms()]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_property_consistent_returns_pass_every_rule(data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(BUNDLED))
    ret = data.draw(_returns(form, not_reported=data.draw(st.booleans())))
    report = F.validate(form, ret)
    assert report.findings == () and report.ok
    template = F.get_form(form)
    # every rule and unit check is counted once: passed or not evaluated
    assert report.passed + len(report.not_evaluated) == len(template.rules) + len(template.items)
    missing = {code for code, v in ret.values.items() if v is None}
    for rid in report.not_evaluated:
        name = rid.split("/", 1)[1]
        items = (name[: -len(":unit")],) if name.endswith(":unit") else template.rule(name).items
        assert missing.intersection(items)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_property_one_changed_item_fails_exactly_the_rules_it_breaks(data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(BUNDLED))
    ret = data.draw(_returns(form, valid=False))
    report = F.validate(form, ret)
    assert {f.rule for f in report.findings} == set(ret.expected_failures)
    if report.fix is not None:
        # the advice really fixes every error and breaks nothing that passed
        fixed = dict(ret.values)
        fixed[report.fix.item] = Decimal(report.fix.value)
        after = F.validate(form, fixed)
        assert after.ok
        assert {f.rule for f in after.findings} <= {f.rule for f in report.findings}
        sums_only = all(f.rule.endswith("=sum") for f in report.findings)
        if report.fix.item == ret.changed_item and sums_only:
            # a sum pins the value: the advice is the figure before the slip (an le rule only
            # bounds it, and the advice is then the bound)
            assert Decimal(report.fix.value) == ret.original_value


def test_text_report_shows_amounts_in_wan_and_exact_odd_figures(tiny: FormTemplate) -> None:
    from wennuan_rules.render import report_text

    report = F.validate(tiny, {**GOOD, "05A": "8.4"})
    assert "8.50万元" in report_text(report, "zh-Hans")
    assert "8.50萬元" in report_text(report, "zh-Hant")
    assert "8.50 wan yuan" in report_text(report, "en")
    # a unit error keeps every decimal typed (never rounded for display)
    odd = F.validate(tiny, {**GOOD, "05B": "3.2500001"})
    assert "3.2500001" in report_text(odd, "en")
    assert odd.findings[0].unit == "万元"

"""The engine derived from the rules' AST: the compiled evaluator against the direct interpreter,
the 0.1 syntax against the formulas of the bundled forms, implications and ratios evaluated
exactly, findings with exact values, the likely fix and the strategies on the new rule kinds."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from conftest import form_toml, write_form
from wennuan_rules.form import FormTemplate, form_ids, get_form, load_form, parse_value, validate
from wennuan_rules.form.findings import figure_unit, rule_finding
from wennuan_rules.form.rules import evaluate
from wennuan_rules.form.rules.ast import unit_ok
from wennuan_rules.render import report_text
from wennuan_rules.strategies._forms import returns

D = Decimal
OLD = Path(__file__).parent / "data" / "forms-0.1"

RATIO = form_toml(
    "test-2026:ratio",
    "测试〔2026〕1号 附件",
    """
[[items]]
code = "A"
unit = "人"
label = { zh-Hans = "职工", zh-Hant = "職工", en = "Workers" }

[[items]]
code = "B"
unit = "人"
parent = "A"
label = { zh-Hans = "其中困难职工", zh-Hant = "其中困難職工", en = "of which in hardship" }

[[items]]
code = "E"
unit = "辆"
label = { zh-Hans = "车辆", zh-Hant = "車輛", en = "Vehicles" }

[[items]]
code = "F"
unit = "人"
label = { zh-Hans = "运送人数", zh-Hant = "運送人數", en = "People carried" }

[[items]]
code = "C"
unit = "万元"
label = { zh-Hans = "总额", zh-Hant = "總額", en = "Total" }

[[items]]
code = "C1"
unit = "万元"
parent = "C"
label = { zh-Hans = "其中", zh-Hant = "其中", en = "of which" }

[[rules]]
name = "B<=A/2"
rule = "B <= 0.5 * A"
source = "测试〔2026〕1号 第二条"

[[rules]]
name = "E->F"
rule = "E > 0 -> F > 0"
severity = "warning"
source = "测试〔2026〕1号 第三条"

[[rules]]
name = "F<=50E"
rule = "F <= 50 * E"
severity = "warning"
source = "测试〔2026〕1号 第三条"

[[rules]]
name = "C1<C"
rule = "C1 < C"
source = "测试〔2026〕1号 第四条"
""",
)


@pytest.fixture(scope="module")
def ratio(tmp_path_factory: pytest.TempPathFactory) -> FormTemplate:
    return write_form(tmp_path_factory.mktemp("ratio"), "ratio.toml", RATIO)


GOOD = {"A": "10", "B": "5", "E": "2", "F": "100", "C": "3.5", "C1": "3.499999"}


def failed(report: wr.Report) -> set[str]:
    return {f.rule.rpartition("/")[2] for f in report.findings}


# -- implications and ratios, exactly --------------------------------------------------------------


def test_a_ratio_is_exact_at_its_bound(ratio: FormTemplate) -> None:
    assert validate(ratio, GOOD).ok
    report = validate(ratio, {**GOOD, "B": "6"})
    (finding,) = report.findings
    assert finding.rule == "test-2026:ratio/B<=A/2"
    assert (finding.expected, finding.actual) == ("<= 5.0", "6")
    assert (finding.expected_value, finding.actual_value, finding.relation) == (D(5), D(6), "<=")
    assert finding.items == ("A", "B") and finding.source == "测试〔2026〕1号 第二条"
    assert dict(finding.values) == {"A": D(10), "B": D(6)}
    assert "B <= 0.5 * A" in finding.message.render("en")
    # the bound is the total: 6 people in hardship need 12 workers
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("A", "12")


def test_an_implication_is_one_way(ratio: FormTemplate) -> None:
    assert "E->F" in failed(validate(ratio, {**GOOD, "F": "0"}))
    assert "E->F" not in failed(validate(ratio, {**GOOD, "E": "0", "F": "0"}))
    assert "E->F" not in failed(validate(ratio, {**GOOD, "E": "0"}))  # F > 0 without vehicles
    blank = validate(ratio, {**GOOD, "E": None})
    assert "test-2026:ratio/E->F" in blank.not_evaluated
    finding = next(
        f for f in validate(ratio, {**GOOD, "F": "0"}).findings if f.rule.endswith("E->F")
    )
    assert (finding.severity.value, finding.expected, finding.actual) == ("warning", "> 0", "0")
    assert finding.message.render("zh-Hans") == "E > 0 -> F > 0 不成立：E > 0，但 F 为 0"


def test_bundled_findings_carry_exact_values() -> None:
    values = {"05A": "425.35", "05B": "100", "05C": "20", "05D": "300", "05E": "32.35", "05F": "0"}
    finding = next(
        f for f in validate("wuhan-2015:swn", values).findings if f.rule.endswith("05A=sum")
    )
    assert (finding.expected, finding.actual) == ("452.35", "425.35")
    assert (finding.expected_value, finding.actual_value) == (D("452.35"), D("425.35"))
    assert (finding.relation, finding.formula) == ("=", "05A = 05B + 05C + 05D + 05E + 05F")
    assert finding.values[0] == ("05A", D("425.35")) and len(finding.values) == 6


def test_vehicles_against_people_carried(ratio: FormTemplate) -> None:
    assert "F<=50E" not in failed(validate(ratio, {**GOOD, "F": "100"}))
    report = validate(ratio, {**GOOD, "F": "101"})
    assert failed(report) == {"F<=50E"}
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 100", "101")


def test_a_strict_comparison_fails_at_equality_and_tolerance_loosens_it(
    ratio: FormTemplate,
) -> None:
    assert failed(validate(ratio, {**GOOD, "C1": "3.5"})) == {"C1<C"}
    assert failed(validate(ratio, {**GOOD, "C1": "3.5"}, tolerance="0.01")) == set()
    assert failed(validate(ratio, {**GOOD, "C1": "3.51"}, tolerance="0.01")) == {"C1<C"}


def test_text_report_shows_strict_bounds_in_the_items_unit(ratio: FormTemplate) -> None:
    report = validate(ratio, {**GOOD, "C1": "3.5"})
    assert "应为 < 3.5万元，实为 3.5万元" in report_text(report, "zh-Hans")
    assert "expected <= 100 人" in report_text(validate(ratio, {**GOOD, "F": "101"}), "en")


def test_the_forms_command_prints_the_new_rules(ratio: FormTemplate) -> None:
    from wennuan_rules.render.forms import form_dict

    rules = {r["rule"]: r for r in form_dict(ratio, "zh-Hans")["rules"]}
    assert rules["test-2026:ratio/E->F"]["expression"] == "E > 0 -> F > 0"
    assert rules["test-2026:ratio/E->F"]["text"] == "若 E > 0，则 F > 0"
    assert rules["test-2026:ratio/B<=A/2"]["kind"] == "compare"


# -- the 0.1 syntax --------------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", form_ids())
def test_old_syntax_reads_as_the_same_rules(form_id: str) -> None:
    """The 0.1 data files (kind = sum|le|paired) give the same AST, names, severities, sources
    and notes as the formulas of the bundled files."""
    old = load_form(OLD / f"{form_id.replace(':', '__')}.toml")
    new = get_form(form_id)
    assert old.rules == new.rules
    assert [r.kind for r in old.rules] == [r.kind for r in new.rules]
    # issue 9, points 2–4: implications have no 0.1 kind; the 0.1 copies write them as formulas
    assert {r.kind for r in new.rules} <= {"sum", "le", "paired", "implies"}
    assert [(r.name, r.severity, r.source, r.note) for r in old.rules] == [
        (r.name, r.severity, r.source, r.note) for r in new.rules
    ]


@pytest.mark.parametrize("form_id", form_ids())
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_old_syntax_gives_the_same_verdicts(form_id: str, data: st.DataObject) -> None:
    old = load_form(OLD / f"{form_id.replace(':', '__')}.toml")
    ret = data.draw(returns(form_id, valid=data.draw(st.booleans()), not_reported=True))
    assert validate(old, ret.values).to_dict("en") == {
        **validate(form_id, ret.values).to_dict("en"),
        "form": old.id,
    }


# -- the compiled evaluator against the interpreter ------------------------------------------------


def interpreted(
    form: FormTemplate, values: Mapping[str, object], tolerance: Decimal | None
) -> tuple[set[str], set[str]]:
    """Failed and not-evaluated rule ids by the AST's direct interpreter."""
    parsed = {item.code: parse_value(values.get(item.code), item) for item in form.items}
    bad, nev = set(), set()
    clean: dict[str, object] = {}
    for check in form.unit_checks:
        ok = unit_ok(check.kind, parsed[check.code])  # type: ignore[arg-type]
        uid = f"{form.id}/{check.code}:unit"
        if ok is None:
            nev.add(uid)
        elif not ok:
            bad.add(uid)
        clean[check.code] = parsed[check.code] if ok else None
    for rule in form.rules:
        outcome = evaluate(rule.expr, clean, tolerance)  # type: ignore[arg-type]
        if outcome is None:
            nev.add(f"{form.id}/{rule.name}")
        elif not outcome:
            bad.add(f"{form.id}/{rule.name}")
    return bad, nev


@pytest.mark.parametrize("form_id", [*form_ids(), "ratio"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compiled_evaluator_agrees_with_the_interpreter(
    form_id: str, ratio: FormTemplate, data: st.DataObject
) -> None:
    form = ratio if form_id == "ratio" else get_form(form_id)
    ret = data.draw(returns(form, valid=data.draw(st.booleans()), not_reported=True))
    tolerance = data.draw(st.sampled_from([None, D(0), D("0.01"), D(1)]))
    report = validate(form, ret.values, tolerance=tolerance)
    bad, nev = interpreted(form, ret.values, tolerance)
    assert {f.rule for f in report.findings} == bad
    assert set(report.not_evaluated) == nev
    assert report.passed == len(form.rules) + len(form.items) - len(bad) - len(nev)
    # the compiled finding is the one built from the AST and the values read
    values = {item.code: parse_value(ret.values.get(item.code), item) for item in form.items}
    for finding in report.findings:
        if finding.rule.endswith(":unit"):
            continue
        rule = form.rule(finding.rule)
        unit = figure_unit(rule, lambda code: form.item(code).unit)
        again = rule_finding(rule, finding.rule, values, form.rule_source(rule), unit)
        assert again == finding and again.message == finding.message
        assert (again.expected_value, again.actual_value, again.relation, again.values) == (
            finding.expected_value,
            finding.actual_value,
            finding.relation,
            finding.values,
        )
        if finding.relation in ("=", "<=", "<", ">=", ">"):
            assert finding.actual == format(finding.actual_value, "f")


# -- strategies on the new rule kinds --------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_strategies_build_consistent_and_broken_returns_of_the_new_kinds(
    ratio: FormTemplate, data: st.DataObject
) -> None:
    good = data.draw(returns(ratio))
    assert validate(ratio, good).findings == ()
    bad = data.draw(returns(ratio, valid=False))
    assert {f.rule for f in validate(ratio, bad).findings} == set(bad.expected_failures)
    assert bad.expected_failures


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_strategies_compute_an_item_determined_by_a_coefficient(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """``A = 2 * B``: A is computed from the drawn B (never filtered), and a broken return
    states exactly the rules that fail."""
    text = RATIO + '\n[[rules]]\nname = "A=2B"\nrule = "A = 2 * B"\n'
    form = write_form(tmp_path_factory.mktemp("double"), "double.toml", text)
    good = data.draw(returns(form))
    assert good.values["A"] == 2 * good.values["B"]  # type: ignore[operator]
    assert validate(form, good).findings == ()
    bad = data.draw(returns(form, valid=False))
    assert {f.rule for f in validate(form, bad).findings} == set(bad.expected_failures)

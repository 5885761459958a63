"""Form rules as formulas: the parser, its errors, the round trip text → AST → text, the printed
expression in each language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import form_toml
from wennuan_rules.errors import DataFileError
from wennuan_rules.form import load_form
from wennuan_rules.form.rules import (
    Compare,
    FormulaError,
    Iff,
    Implies,
    Linear,
    describe,
    formula,
    parse,
)

D = Decimal


def lin(*terms: tuple[str, str], constant: str = "0") -> Linear:
    return Linear(tuple((D(c), code) for c, code in terms), D(constant))


# -- the parser ------------------------------------------------------------------------------------


@pytest.mark.parametrize("op", ["=", "<=", ">=", "<", ">"])
def test_every_comparison_operator(op: str) -> None:
    assert parse(f"05A {op} 05B + 05C") == Compare(Linear.of("05A"), op, Linear.of("05B", "05C"))


def test_a_printed_sum_and_a_of_which_item() -> None:
    assert parse("05A = 05B + 05C + 05D + 05E + 05F") == Compare(
        Linear.of("05A"), "=", Linear.of("05B", "05C", "05D", "05E", "05F")
    )
    assert parse("04F<=04D") == Compare(Linear.of("04F"), "<=", Linear.of("04D"))


def test_coefficients_are_exact_decimals_on_either_side_of_the_code() -> None:
    assert parse("B <= 0.5 * A") == Compare(Linear.of("B"), "<=", lin(("0.5", "A")))
    assert parse("B <= A * 0.5") == parse("B <= 0.5 * A")
    third = parse("B <= 0.333333 * A")
    assert isinstance(third, Compare) and third.right.terms[0][0] == D("0.333333")


def test_minus_constants_and_codes_with_a_blank_suffix() -> None:
    assert parse("-08A-1 + 2 - B - 1 >= 0") == Compare(
        lin(("-1", "08A-1"), ("-1", "B"), constant="1"), ">=", lin()
    )
    assert parse("[01] = 01A") == Compare(Linear.of("01"), "=", Linear.of("01A"))


def test_precedence_times_then_plus_then_comparison_then_arrow() -> None:
    expr = parse("A + B <= 2 * C - 1 -> D > 0")
    assert expr == Implies(
        Compare(Linear.of("A", "B"), "<=", lin(("2", "C"), constant="-1")),
        Compare(Linear.of("D"), ">", lin()),
    )
    assert parse("08C > 0 <-> 08D > 0") == Iff(
        Compare(Linear.of("08C"), ">", lin()), Compare(Linear.of("08D"), ">", lin())
    )


@pytest.mark.parametrize(
    ("text", "position", "expected"),
    [
        ("05A = ", 6, "a line item code"),
        ("05A == 05B", 5, "a line item code"),
        ("05A = 1/2 * 05B", 7, "a line item code"),
        ("05A 05B", 4, "one of = <= >= < >"),
        ("05a = 05B", 0, "a line item code"),
        ("A -> B", 2, "one of = <= >= < >"),
        ("A > 0 -> B > 0 -> C > 0", 15, "the end of the formula"),
        ("A <= 2 * 3", 9, "a line item code after *"),
        ("A <= B * C", 9, "a number after *"),
        ("", 0, "a line item code"),
    ],
)
def test_errors_name_the_character(text: str, position: int, expected: str) -> None:
    with pytest.raises(FormulaError) as info:
        parse(text)
    assert info.value.position == position
    assert expected in info.value.expected


# -- round trip ------------------------------------------------------------------------------------

CODES = ["05A", "08A-1", "B", "B1", "K2", "01", "10I"]
coefficients = st.sampled_from(["1", "-1", "0.5", "2", "-3", "0.000001", "1.25", "100"]).map(D)
linears = st.builds(
    lambda terms, constant: Linear(tuple(terms), constant),
    st.lists(st.tuples(coefficients, st.sampled_from(CODES)), max_size=4),
    st.sampled_from(["0", "1", "-2", "0.5"]).map(D),
)
compares = st.builds(Compare, linears, st.sampled_from(["=", "<=", ">=", "<", ">"]), linears)
rules = st.one_of(
    compares, st.builds(Implies, compares, compares), st.builds(Iff, compares, compares)
)


@given(rules)
def test_text_to_ast_to_text_round_trips(expr: Compare | Implies | Iff) -> None:
    text = formula(expr)
    assert parse(text) == expr
    assert formula(parse(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "05A = 05B + 05C + 05D",
        "04F <= 04D",
        "10I > 0 -> 10H > 0",
        "B <= 0.5 * A",
        "08A-1 > 0 <-> 08A-2 > 0",
        "-A + 3 * B - 1 >= 0",
    ],
)
def test_the_contracts_formulas_print_as_written(text: str) -> None:
    assert formula(parse(text)) == text


# -- printed expressions ---------------------------------------------------------------------------


def test_printed_expression_in_each_language() -> None:
    implication = parse("10I > 0 -> 10H > 0")
    assert describe(implication, "en") == "if 10I > 0, then 10H > 0"
    assert describe(implication, "zh-Hans") == "若 10I > 0，则 10H > 0"
    assert describe(implication, "zh-Hant") == "若 10I > 0，則 10H > 0"
    paired = parse("08A-1 > 0 <-> 08A-2 > 0")
    assert describe(paired, "en") == "08A-1 ~ 08A-2 (both 0, or both more than 0)"
    assert describe(paired, "zh-Hans") == "08A-1 ~ 08A-2（同为 0，或同大于 0）"
    assert describe(parse("B <= 0.5 * A"), "zh-Hans") == "B ≤ 0.5 × A"
    assert describe(parse("A > 0 <-> B >= 1"), "zh-Hant") == "A > 0 當且僅當 B ≥ 1"


# -- formulas in a user's form file ----------------------------------------------------------------

ITEMS = """
[[items]]
code = "A"
unit = "人"
label = { zh-Hans = "甲", zh-Hant = "甲", en = "A" }

[[items]]
code = "B"
unit = "人"
label = { zh-Hans = "乙", zh-Hant = "乙", en = "B" }

[[items]]
code = "C"
unit = "万元"
label = { zh-Hans = "丙", zh-Hant = "丙", en = "C" }

[[items]]
code = "Q"
unit = "yes-no"
label = { zh-Hans = "是否", zh-Hant = "是否", en = "Yes or no" }
"""


def _form(tmp_path: Path, rule: str, extra: str = "") -> Path:
    path = tmp_path / "f.toml"
    body = ITEMS + f'\n[[rules]]\nname = "r1"\nrule = "{rule}"\n{extra}'
    path.write_text(form_toml("test-2020:f", "测试〔2020〕1号", body), "utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_a_bad_formula_names_file_rule_and_character(tmp_path: Path, lang: str) -> None:
    path = _form(tmp_path, "B <= 0.5 * * A")
    with pytest.raises(DataFileError) as info:
        load_form(path)
    err = info.value
    assert (err.file, err.column) == (str(path), 12)
    text = err.message(lang)
    assert str(path) in text and "r1" in text and "12" in text
    assert {
        "en": "expected a line item code after *, got *",
        "zh-Hans": "规则 r1，第 12 个字符：* 之后应为项目代码，实为 *",
        "zh-Hant": "規則 r1，第 12 個字元：* 之後應為項目代碼，實為 *",
    }[lang] in text


@pytest.mark.parametrize(
    ("rule", "extra", "key"),
    [
        ("B <= 0.5 * Z", "", "rules.r1"),  # unknown code
        ("C <= A", "", "rules.r1"),  # 万元 against persons
        ("Q > 0 -> A > 0", "", "rules.r1"),  # a yes-no item in a formula
        ("A = B + B", "", "rules.r1"),  # a code twice
        ("A = B", 'kind = "sum"', "kind"),  # formula and 0.1 kind
        ("A = B", 'total = "A"', "total"),
        ("", "", "rule"),  # neither a formula nor a 0.1 kind
    ],
)
def test_formulas_are_checked_against_the_form(
    tmp_path: Path, rule: str, extra: str, key: str
) -> None:
    with pytest.raises(DataFileError, match=key.replace(".", r"\.")) as info:
        load_form(_form(tmp_path, rule, extra))
    assert str(tmp_path) in str(info.value)


def test_a_formula_rule_defaults_to_an_error_and_keeps_its_source(tmp_path: Path) -> None:
    form = load_form(_form(tmp_path, "B <= 0.5 * A", 'source = "测试〔2020〕1号 第三条"'))
    rule = form.rule("r1")
    assert (rule.severity.value, rule.source, rule.kind) == (
        "error",
        "测试〔2020〕1号 第三条",
        "compare",
    )
    assert rule.items == ("A", "B") and rule.formula == "B <= 0.5 * A"

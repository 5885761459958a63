"""The columnar engine (polars) and the SQL of a form (DuckDB) agree with the row engine.

For every bundled form and a user's form with ratios, constants, implications and <->, on returns
drawn by ``wennuan_rules.strategies.returns`` (consistent, with items not reported, with one item
changed) whose cells are then broken at random (blank, negative, a fractional count, a 7-decimal
amount, full-width digits, spaces), each return's ``ok``, error and warning counts, failed rule ids
and not-evaluated rule ids are those of ``wr.validate``; the per-rule summary is
``wr.summarize``'s. Cells that cannot be read exactly are listed, never rounded.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from conftest import form_toml, write_form
from wennuan_rules.form import FormTemplate, form_ids, get_form, summarize, validate
from wennuan_rules.strategies import returns

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

from wennuan_rules.form.columnar import FrameInputError, validate_frame  # noqa: E402
from wennuan_rules.form.sql import form_sql  # noqa: E402

MIXED = form_toml(
    "test-2026:mixed",
    "测试〔2026〕2号 附件",
    """
[[items]]
code = "A"
unit = "人"
label = { zh-Hans = "职工", zh-Hant = "職工", en = "Workers" }

[[items]]
code = "B"
unit = "人"
label = { zh-Hans = "困难职工", zh-Hant = "困難職工", en = "in hardship" }

[[items]]
code = "C"
unit = "万元"
label = { zh-Hans = "总额", zh-Hant = "總額", en = "Total" }

[[items]]
code = "D"
unit = "万元"
label = { zh-Hans = "其中", zh-Hant = "其中", en = "of which" }

[[items]]
code = "Y"
unit = "yes-no"
label = { zh-Hans = "是否", zh-Hant = "是否", en = "Yes or no" }

[[rules]]
name = "B<=A/2"
rule = "B <= 0.5 * A"
source = "测试〔2026〕2号 第一条"

[[rules]]
name = "2D-C<3.5"
rule = "2 * D - C < 3.5"
source = "测试〔2026〕2号 第二条"

[[rules]]
name = "B->D"
rule = "B > 0 -> D > 0.000001"
severity = "warning"
source = "测试〔2026〕2号 第三条"

[[rules]]
name = "C<->D"
rule = "4 * D >= C <-> D >= 0.25"
severity = "warning"
source = "测试〔2026〕2号 第四条"

[[rules]]
name = "Y->C"
rule = "Y = 是 -> C > 0"
severity = "warning"
source = "测试〔2026〕2号 第六条"

[[rules]]
name = "A>=B+1"
rule = "A >= B + 1"
source = "测试〔2026〕2号 第五条"
""",
)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> FormTemplate:
    return write_form(tmp_path_factory.mktemp("mixed"), "mixed.toml", MIXED)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    assert isinstance(value, Decimal)
    return format(value, "f")


#: what a broken cell becomes: blank, negative, fractional, 7 decimals, a number for yes-no
BROKEN = st.sampled_from(["", "-3", "0.5", "1.0000001", "12.3456789", "-0", "7", "0.000000"])

CELLS = st.one_of(
    st.none(),
    BROKEN,
    st.integers(0, 30).map(str),
    st.decimals(0, 20, places=2).map(lambda d: format(d, "f")),
)
WORDS = st.sampled_from([None, "是", "否", "yes", "7"])


@st.composite
def frames(draw: st.DrawFn, form: FormTemplate, plain: bool = False) -> list[dict[str, Any]]:
    """Rows of a wide frame: returns from the strategy, some cells broken or respelt."""
    kinds = st.sampled_from([(True, True), (False, False), (False, True)])
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row: dict[str, Any] = {"unit": draw(st.sampled_from([None, "江岸区总工会", " 新华区 "]))}
        if form.id == "test-2026:mixed":  # rules with constants the strategy does not solve
            row.update({i.code: draw(WORDS if i.is_yes_no else CELLS) for i in form.items})
        else:
            valid, blanks = draw(kinds)
            r = draw(returns(form, valid=valid, not_reported=blanks))
            row.update({item.code: _text(r.values.get(item.code)) for item in form.items})
        for code in draw(st.lists(st.sampled_from([i.code for i in form.items]), max_size=3)):
            row[code] = draw(BROKEN)
        if not plain:  # spellings the row engine reads too
            for code in draw(st.lists(st.sampled_from([i.code for i in form.items]), max_size=2)):
                if row[code] and row[code].isdigit():
                    row[code] = draw(st.sampled_from([f" {row[code]} ", _full_width(row[code])]))
        rows.append(row)
    return rows


def _full_width(text: str) -> str:
    return text.translate({ord(d): ord(d) - ord("0") + ord("０") for d in "0123456789"})


def _frame(form: FormTemplate, rows: list[dict[str, Any]]) -> Any:
    schema = {"unit": pl.String, **{item.code: pl.String for item in form.items}}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _expected(form: FormTemplate, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        values = {k: v for k, v in row.items() if k != "unit" and v is not None}
        unit = (row["unit"] or "").strip() or None  # as read_returns reads a wide CSV
        report = validate(form, values, unit=unit)
        out.append(
            {
                "unit": report.unit,
                "ok": report.ok,
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "failed": [f.rule for f in report.findings],
                "not_evaluated": list(report.not_evaluated),
            }
        )
    return out


def _forms(mixed: FormTemplate) -> list[FormTemplate]:
    return [get_form(f) for f in form_ids()] + [mixed]


@pytest.mark.parametrize("form_id", [*form_ids(), "mixed"])
def test_columnar_and_row_engines_agree(form_id: str, mixed: FormTemplate) -> None:
    form = mixed if form_id == "mixed" else get_form(form_id)

    @SETTINGS
    @given(frames(form))
    def check(rows: list[dict[str, Any]]) -> None:
        result = validate_frame(_frame(form, rows), form)
        assert result.returns.to_dicts() == _expected(form, rows)
        values = [{k: v for k, v in r.items() if k != "unit" and v is not None} for r in rows]
        want = summarize([validate(form, v) for v in values], forms=[form])
        assert result.summary == want

    check()


@pytest.mark.parametrize("form_id", [*form_ids(), "mixed"])
def test_duckdb_sql_and_row_engine_agree(form_id: str, mixed: FormTemplate, tmp_path: Path) -> None:
    form = mixed if form_id == "mixed" else get_form(form_id)
    query = form_sql(form, keep=("row",))

    @SETTINGS
    @given(frames(form, plain=True))
    def check(rows: list[dict[str, Any]]) -> None:
        path = tmp_path / "returns.csv"
        frame = _frame(form, rows).with_row_index("row")
        frame.write_csv(path)
        con = duckdb.connect()
        con.execute(f"CREATE VIEW returns AS SELECT * FROM read_csv('{path}', all_varchar=true)")
        cursor = con.execute(query + " ORDER BY CAST(row AS INTEGER)")
        names = [d[0] for d in cursor.description]
        got = []
        for record in cursor.fetchall():
            out = dict(zip(names, record, strict=True))
            assert out.pop("unreadable") == ""
            out.pop("row")
            for key in ("failed", "not_evaluated"):
                out[key] = [x for x in out[key].split(",") if x]
            got.append(out)
        assert got == _expected(form, rows)

    check()


def test_sql_generates_for_other_dialects() -> None:
    for dialect in ("postgres", "spark", "trino"):
        text = form_sql("wuhan-2015:center", dialect=dialect)
        assert "DECIMAL(38, 6)" in text and "wuhan-2015:center/05A=sum" in text
    # the same rule, exactly, in each dialect's regular-expression function
    assert "REGEXP_LIKE" in form_sql("wuhan-2015:swn", dialect="trino")
    assert " RLIKE " in form_sql("wuhan-2015:swn", dialect="spark")


def test_sql_lists_unreadable_cells_instead_of_guessing() -> None:
    codes = [item.code for item in get_form("wuhan-2015:swn").items]
    cells = ", ".join(f"'{'1,200' if c == '01A' else '1'}' AS \"{c}\"" for c in codes)
    con = duckdb.connect()
    con.execute(f"CREATE VIEW sheet AS SELECT 'u' AS unit, {cells}")
    query = form_sql("wuhan-2015:swn", table="sheet")
    ((unreadable, nev),) = con.execute(
        f"SELECT unreadable, not_evaluated FROM ({query})"
    ).fetchall()
    assert unreadable == "01A" and "wuhan-2015:swn/01A:unit" in nev.split(",")


# -- input problems ----------------------------------------------------------------------------


def test_cells_that_cannot_be_read_exactly_are_listed_not_rounded() -> None:
    form = get_form("wuhan-2015:swn")
    frame = pl.DataFrame(
        {"unit": ["a", "b", "c"], "01A": ["12", "twelve", "١٢"], "05A": [0.1 + 0.2, 1.5, None]}
    )
    with pytest.raises(FrameInputError) as caught:
        validate_frame(frame, form)
    problems = {(p.row, p.column, p.value) for p in caught.value.problems}
    assert problems == {(1, "01A", "twelve"), (2, "01A", "١٢"), (0, "05A", "0.30000000000000004")}
    assert "3 cells cannot be read exactly" in caught.value.message("en")


def test_floats_exact_at_15_digits_and_pandas_frames_are_read() -> None:
    pd = pytest.importorskip("pandas")
    form = get_form("wuhan-2015:swn")
    frame = pd.DataFrame({"unit": ["a", "b"], "05B": [1.25, float("nan")], "05C": [3, 4]})
    result = validate_frame(frame, form)
    assert result.returns.get_column("ok").to_list() == [True, True]
    nev = result.returns.get_column("not_evaluated").to_list()
    assert "wuhan-2015:swn/05B:unit" not in nev[0] and "wuhan-2015:swn/05B:unit" in nev[1]


def test_a_7_decimal_amount_fails_its_unit_check_and_explain_gives_the_finding() -> None:
    form = get_form("wuhan-2015:swn")
    frame = pl.DataFrame({"unit": ["a"], "05B": ["1.0000001"]})
    result = validate_frame(frame, form)
    assert result.returns.row(0, named=True)["failed"] == ["wuhan-2015:swn/05B:unit"]
    (report,) = result.failing().values()
    assert [f.rule for f in report.findings] == ["wuhan-2015:swn/05B:unit"]
    assert report == result.explain(0)


def test_values_beyond_int64_are_refused() -> None:
    frame = pl.DataFrame({"05B": ["1000000000000"], "01A": ["999999999999999"]})
    with pytest.raises(FrameInputError) as caught:
        validate_frame(frame, "wuhan-2015:swn")
    assert [(p.column, p.reason) for p in caught.value.problems] == [("05B", "10^12 万元 or more")]


def test_wr_names_are_lazy_and_the_missing_extra_is_named(tmp_path: Path) -> None:
    assert wr.validate_frame is validate_frame and wr.form_sql is form_sql
    blocker = tmp_path / "polars.py"
    blocker.write_text("raise ImportError('blocked')\n", encoding="utf-8")
    code = (
        "import wennuan_rules as wr\n"
        "try:\n    wr.validate_frame(None, 'wuhan-2015:swn')\n"
        "except wr.WennuanError as exc:\n    print(exc.message('en'))\n"
    )
    env_path = f"{tmp_path}"
    out = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r})\n{code}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pip install 'wennuan-rules[columnar]'" in out.stdout


# -- the CLI ---------------------------------------------------------------------------------------


def test_check_engine_columnar_gives_the_row_engines_summary_and_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wennuan_rules.cli import main

    form = get_form("wuhan-2015:swn")
    path = tmp_path / "wide.csv"
    path.write_text(
        "unit,01A,01B,02A,05A,05B\na,10,3,4,1.5,0.5\nb,2,5,1,,-1\nc,,1,0,2.0000001,1\n", "utf-8"
    )
    outputs = []
    for engine in ("row", "columnar"):
        argv = ["check", str(path), "--form", form.id, "--summary", "--format", "json"]
        code = main([*argv, "--engine", engine])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,05B\na,1.5\nb,1/2\n", encoding="utf-8")
    assert main(["check", str(bad), "--form", form.id, "--engine", "columnar"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv:3:05B" in err and "1/2" in err

"""The notebook's object for many returns (``wr.validate_batch`` → ``wr.Batch``): counts
hand-computed on a small folder of returns, the styled HTML per rule, frames, ``failing()``,
thresholds in Python and in the CLI's exit status (row and columnar engines)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import escape
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.cli import main
from wennuan_rules.render import assessment_html, report_html
from wennuan_rules.render.frame import BATCH_COLUMNS, SUMMARY_FRAME_COLUMNS

FORM = "wuhan-2015:swn"
SAMPLE = json.loads(
    files("wennuan_rules").joinpath("data/samples/wuhan-2015__swn.json").read_text("utf-8")
)
BASE = dict(SAMPLE["values"], **{"05A": "452.35"})  # the sample's one error corrected

# 甲 passes every rule; 乙 breaks 05A = 05B + … + 05F (error: 425.35 against 452.35); 丙 reports
# 08C = 420 persons helped and 08D = 0 (warning 08C ~ 08D); 丁 leaves 06A blank, so the three
# rules reading it (06B <= 06A, 06C <= 06A, 06A <= 05A) and 06A's unit check are not evaluated.
RETURNS = {
    "甲区": BASE,
    "乙区": {**BASE, "05A": "425.35"},
    "丙区": {**BASE, "08D": 0},
    "丁区": {k: v for k, v in BASE.items() if k != "06A"},
}
# rule -> (passed, failed, not evaluated) over the four returns, worked out by hand above
EXPECTED = {
    "05A=sum": (3, 1, 0),
    "08C~08D": (3, 1, 0),
    "06B<=06A": (3, 0, 1),
    "06C<=06A": (3, 0, 1),
    "06A<=05A": (3, 0, 1),
    "06A:unit": (3, 0, 1),
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    for i, (unit, values) in enumerate(RETURNS.items()):
        data = {"form": FORM, "unit": unit, "values": values}
        (tmp_path / f"{i:02d}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (tmp_path / ".hidden.json").write_text("not read", "utf-8")
    (tmp_path / "~$lock.xlsx").write_text("not read", "utf-8")
    (tmp_path / "notes.md").write_text("not read", "utf-8")
    return tmp_path


@pytest.fixture()
def batch(folder: Path) -> wr.Batch:
    return wr.validate_batch(folder)


def test_counts_per_rule_are_those_worked_out_by_hand(batch: wr.Batch) -> None:
    assert len(batch) == 4 and [r.unit for r in batch] == list(RETURNS)
    rows = {r.rule.removeprefix(FORM + "/"): r for r in batch.summary.rules}
    for rule, counts in EXPECTED.items():
        row = rows[rule]
        assert (row.passed, row.failed, row.not_evaluated) == counts, rule
    others = [r for name, r in rows.items() if name not in EXPECTED]
    assert all((r.passed, r.failed, r.not_evaluated) == (4, 0, 0) for r in others)
    assert batch.counts() == {"returns": 4, "with_errors": 1, "with_warnings": 1, "ok": 3}
    assert batch.failing_count() == 1 and batch.failing_count("warning") == 2
    assert batch.sources[0] is not None and batch.sources[0].endswith("00.json")


def test_failing_extracts_the_failing_returns(batch: wr.Batch) -> None:
    assert {row: r.unit for row, r in batch.failing().items()} == {1: "乙区", 2: "丙区"}
    assert {row: r.unit for row, r in batch.failing("error").items()} == {1: "乙区"}
    assert [f.rule for f in batch.failing()[2].findings] == [FORM + "/08C~08D"]


@pytest.mark.parametrize(
    ("fail_on", "max_failing", "passes"),
    [
        ("error", 0, False),  # 1 of 4 has an error
        ("error", "0.25", True),  # 1/4 is allowed
        ("error", Decimal("0.24"), False),
        ("error", 0.25, True),  # a float is read as its repr, 0.25
        ("warning", "0.25", False),  # 2 of 4 have a finding
        ("warning", "0.5", True),
        ("warning", 1, True),
    ],
)
def test_thresholds(batch: wr.Batch, fail_on: str, max_failing: object, passes: bool) -> None:
    assert batch.passes(fail_on=fail_on, max_failing=max_failing) is passes


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "five percent", float("nan"), True])
def test_a_share_outside_0_to_1_is_refused(batch: wr.Batch, bad: object) -> None:
    with pytest.raises(wr.InvalidValueError, match="max_failing"):
        batch.passes(max_failing=bad)
    with pytest.raises(wr.InvalidValueError, match="fail_on"):
        batch.passes(fail_on="critical")


def _rule_row(html: str, rule: str) -> str:
    """The row of the rules table of ``rule`` (its name without the form)."""
    rows = [
        row
        for row in html.split("<tr>")
        if f"<code>{escape(rule)}</code>" in row and "wr-strip" in row
    ]
    assert len(rows) == 1, rule
    return rows[0].split("</tr>", 1)[0]


def test_html_shows_the_counts_of_each_rule_and_links_to_the_failing_returns(
    batch: wr.Batch,
) -> None:
    html = batch._repr_html_()
    for rule, counts in EXPECTED.items():
        if rule.endswith(":unit"):
            continue
        row = _rule_row(html, rule)
        numbers = re.findall(r'<td class="wr-num[^"]*">(\d+)</td>', row)
        assert tuple(int(n) for n in numbers[1:]) == counts, rule
    row = _rule_row(html, "05A=sum")
    assert "05A = 05B + 05C + 05D + 05E + 05F" in row  # the printed formula
    assert "武工办〔2014〕74号 附件1 05" in row  # the clause
    assert "#c0392b" in row and "wr-error" in row  # an error, in red
    assert "#e1a100" in _rule_row(html, "08C~08D")  # a warning, in amber
    link = re.search(r'<a href="#([^"]+)">乙区</a>', row)
    assert link is not None
    section = html.split(f'id="{link.group(1)}"', 1)[1].split('<div class="wr-return"', 1)[0]
    assert "05A=sum" in section and "452.35" in section and "425.35" in section
    assert "丁区" not in re.findall(r'<a href="#[^"]+">([^<]+)</a>', html)  # no finding, no link
    assert "审核结果" in html and "共核验 4 份报表" in html


def test_html_is_in_the_language_asked_for(batch: wr.Batch) -> None:
    en = batch.to_html("en")
    assert "failing units" in en and "formula" in en and "with warnings only" in en
    for lang in ("zh-Hans", "zh-Hant"):
        text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", batch.to_html(lang))
        for english in ("failing units", "formula", "passed", "warning", "error", "unit check"):
            assert english not in text, (lang, english)
    assert "公式" in batch.to_html("zh-Hant") and "未通過的單位" in batch.to_html("zh-Hant")


def test_summary_has_html_too(batch: wr.Batch) -> None:
    html = batch.summary._repr_html_()
    assert "05A = 05B + 05C + 05D + 05E + 05F" in html
    assert re.findall(r'<td class="wr-num[^"]*">(\d+)</td>', _rule_row(html, "05A=sum"))[1:] == [
        "3",
        "1",
        "0",
    ]
    assert "unit checks never failed" in batch.summary.to_html("en")


def test_a_single_report_shows_the_likely_fix_and_what_was_not_reported(batch: wr.Batch) -> None:
    html = batch.reports[1].to_dict()  # 乙区
    assert html["fix"] == {"item": "05A", "value": "452.35", "current": "425.35"}
    shown = batch.reports[1]._repr_html_()
    assert "可能的更正" in shown and "452.35" in shown
    missing = report_html(batch.reports[3], "en")
    assert "Not reported: 06A" in missing and "06B&lt;=06A" in missing


def test_frames_of_findings_and_of_the_summary(batch: wr.Batch) -> None:
    pytest.importorskip("pandas")
    frame = batch.to_frame(lang="en")
    assert frame.shape == (2, 12)
    assert list(frame.columns) == list(BATCH_COLUMNS)
    assert list(frame["row"]) == [1, 2] and list(frame["unit"]) == ["乙区", "丙区"]
    summary = batch.summary_frame()
    assert list(summary.columns) == list(SUMMARY_FRAME_COLUMNS)
    assert len(summary) == len(batch.summary.rules)
    row = summary[summary.rule == FORM + "/05A=sum"].iloc[0]
    assert (row.passed, row.failed, row.not_evaluated, row.returns) == (3, 1, 0, 4)
    assert batch.to_frame(kind="summary").shape == summary.shape
    with pytest.raises(wr.WennuanError, match="kind"):
        batch.to_frame(kind="rules")


def test_frames_in_polars(batch: wr.Batch) -> None:
    pytest.importorskip("polars")
    frame = batch.to_frame(library="polars")
    assert frame.shape == (2, 12) and frame.get_column("row").to_list() == [1, 2]
    summary = batch.summary_frame(library="polars")
    assert summary.filter(summary["failed"] > 0).get_column("rule").to_list() == [
        FORM + "/05A=sum",
        FORM + "/08C~08D",
    ]


def test_a_frame_gives_the_same_batch(batch: wr.Batch) -> None:
    pl = pytest.importorskip("polars")
    codes = [item.code for item in wr.get_form(FORM).items]
    rows = [
        {"unit": unit, **{c: None if v.get(c) is None else str(v[c]) for c in codes}}
        for unit, v in RETURNS.items()
    ]
    result = wr.validate_frame(pl.DataFrame(rows, schema=["unit", *codes]), FORM)
    framed = result.batch()
    assert framed.summary == batch.summary and len(framed) == 4
    assert framed.rows == (1, 2) and framed.failing_count("warning") == 2
    assert framed.passes(max_failing="0.25") and not framed.passes("warning", "0.25")
    assert "乙区" in result._repr_html_()


def test_a_folder_of_csv_and_excel_returns(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    codes = [item.code for item in wr.get_form(FORM).items]
    (tmp_path / "a.csv").write_text(
        "unit," + ",".join(codes) + "\n甲区," + ",".join(str(BASE[c]) for c in codes) + "\n",
        "utf-8",
    )
    book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"))
    sheet = book.add_worksheet("returns")
    sheet.write_row(0, 0, ["unit", *codes])
    sheet.write_row(1, 0, ["乙区", *(str(RETURNS["乙区"][c]) for c in codes)])
    book.close()
    batch = wr.validate_batch(tmp_path, form=FORM)
    assert [r.unit for r in batch] == ["甲区", "乙区"] and batch.failing_count() == 1
    with pytest.raises(wr.InputFileError, match="folder"):
        wr.validate_batch(_empty(tmp_path))


def _empty(tmp_path: Path) -> Path:
    empty = tmp_path / "empty"
    empty.mkdir()
    return empty


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_property_every_rule_counts_every_return_once(data: st.DataObject) -> None:
    from wennuan_rules.strategies import returns

    form = data.draw(st.sampled_from([f.id for f in wr.forms()]))
    drawn = data.draw(
        st.lists(
            st.one_of(
                returns(form, not_reported=data.draw(st.booleans())), returns(form, valid=False)
            ),
            min_size=1,
            max_size=6,
        )
    )
    batch = wr.validate_batch(drawn)
    assert len(batch) == len(drawn)
    for r in batch.summary.rules:
        assert r.passed + r.failed + r.not_evaluated == len(drawn), r.rule
    assert batch.failing_count("error") <= batch.failing_count("warning") <= len(drawn)
    assert batch.passes(max_failing=1) and batch.passes("warning", 1)
    assert batch.passes() is (batch.failing_count() == 0)


# -- the CLI's exit status -------------------------------------------------------------------------


@pytest.fixture()
def wide_csv(tmp_path: Path) -> Path:
    """20 returns: 1 with an error (05A), 1 with a warning only (08D), 18 passing."""
    codes = [item.code for item in wr.get_form(FORM).items]
    rows = [{**BASE} for _ in range(20)]
    rows[3] = RETURNS["乙区"]
    rows[7] = RETURNS["丙区"]
    lines = ["unit," + ",".join(codes)]
    lines += [f"单位{i}," + ",".join(str(v[c]) for c in codes) for i, v in enumerate(rows)]
    path = tmp_path / "returns.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize("engine", ["row", "columnar"])
@pytest.mark.parametrize(
    ("options", "status"),
    [
        ([], 1),  # default: any error fails
        (["--fail-on", "error"], 1),
        (["--max-failing", "0.05"], 0),  # 1 of 20 = 0.05, allowed
        (["--max-failing", "0.04"], 1),
        (["--fail-on", "warning", "--max-failing", "0.05"], 1),  # 2 of 20 fail
        (["--fail-on", "warning", "--max-failing", "0.1"], 0),
        (["--fail-on", "warning"], 1),
        (["--max-failing", "1"], 0),
        (["--max-failing", "1.5"], 2),  # not a share: usage error
        (["--max-failing", "abc"], 2),
    ],
)
def test_exit_status_for_each_threshold(
    wide_csv: Path,
    engine: str,
    options: list[str],
    status: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if engine == "columnar":
        pytest.importorskip("polars")
    args = ["check", str(wide_csv), "--form", FORM, "--engine", engine, "--summary", *options]
    assert main(args) == status
    if status == 2:
        assert "--max-failing" in capsys.readouterr().err


def test_warnings_alone_pass_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "warned.json"
    path.write_text(json.dumps({"form": FORM, "unit": "丙区", "values": RETURNS["丙区"]}), "utf-8")
    assert main(["check", str(path)]) == 0
    assert main(["check", str(path), "--fail-on", "warning"]) == 1
    assert main(["check", str(path), "--fail-on", "warning", "--max-failing", "1"]) == 0


def test_check_reads_a_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder), "--summary", "--lang", "en"]) == 1
    assert "4 returns checked: 1 with errors, 3 without" in capsys.readouterr().out
    assert main(["check", str(folder), "--max-failing", "0.25"]) == 0


def test_an_assessment_shows_in_a_notebook_with_each_criterion_and_clause() -> None:
    household = wr.Household.from_mapping(
        {
            "ref": "110101198501011234",
            "members": 3,
            "monthly_income": "1500",
            "has_labour_contract": True,
            "major_illness": True,
            "annual_medical_out_of_pocket": "30000",
            "causes": ["illness"],
        }
    )
    a = wr.assess(household, "changzhou-edz-2021", on="2021-01-10")
    html = a._repr_html_()
    assert "serious-illness" in a.eligible and "大病困难职工家庭" in html
    assert "江苏常州经济开发区总工会 2021-01-06" in html  # the clauses
    assert "✓" in html and "✗" in html
    assert "110101198501011234" not in html  # personal data masked
    assert "Eligible groups" in assessment_html(a, "en")

"""Excel out: blank templates in three languages (with data validation) that read back exactly
when filled, the marked-up copy of a checked workbook, and the command line."""

from __future__ import annotations

import itertools
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules._io.excel import cell_name
from wennuan_rules.cli import main
from wennuan_rules.cli.check import sample_path
from wennuan_rules.excel.annotate import COLOURS, annotate, write_annotated
from wennuan_rules.excel.template import write_template
from wennuan_rules.form.layout import get_layout
from wennuan_rules.form.workbook import iter_workbook, read_workbook

pytest.importorskip("xlsxwriter")
calamine = pytest.importorskip("python_calamine")

FORM = "wuhan-2015:swn"
LANGS = ("zh-Hans", "zh-Hant", "en")


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = calamine.CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def xml(path: Path, member_prefix: str) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.startswith(member_prefix)
        )


def filled_values(form: wr.FormTemplate) -> dict[str, object]:
    """A value in every blank: counts, 万元 with 6 decimals and more digits than a float shows."""
    out: dict[str, object] = {}
    for i, item in enumerate(form.items):
        if item.is_yes_no:
            out[item.code] = i % 2 == 0
        elif item.is_amount:
            out[item.code] = Decimal("12345678.123456") + i
        else:
            out[item.code] = Decimal(1000 + i)
    return out


@pytest.mark.parametrize("form_id", wr.form_ids())
@pytest.mark.parametrize("lang", LANGS)
def test_a_filled_template_reads_back_exactly(tmp_path: Path, form_id: str, lang: str) -> None:
    form = wr.get_form(form_id)
    values = filled_values(form)
    path = tmp_path / "filled.xlsx"
    write_template(form, path, lang, values=values, unit="江岸区总工会")
    (found,) = read_workbook(str(path), "filled.xlsx")
    assert found.ret.form == form_id and found.ret.unit == "江岸区总工会"
    assert dict(found.ret.values) == values


@pytest.mark.parametrize("form_id", wr.form_ids())
def test_the_sample_return_round_trips(tmp_path: Path, form_id: str) -> None:
    ret = next(wr.read_returns(sample_path(form_id)))
    path = tmp_path / "s.xlsx"
    write_template(wr.get_form(form_id), path, values=ret.values, unit=ret.unit)
    (back,) = wr.read_returns(path)
    assert {k: v for k, v in back.values.items() if v is not None} == {
        k: v for k, v in ret.values.items() if v is not None
    }
    assert wr.validate(form_id, back).findings == wr.validate(form_id, ret).findings


def test_more_digits_than_excel_keeps_are_written_as_text(tmp_path: Path) -> None:
    form = wr.get_form(FORM)
    path = tmp_path / "t.xlsx"
    write_template(form, path, values={"05A": Decimal("123456789012.123456")})
    (back,) = wr.read_returns(path)
    assert back.values["05A"] == Decimal("123456789012.123456")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh-Hans", ("填报单位：", "填报人：", "联系电话：", "行次", "审核关系")),
        ("zh-Hant", ("填報單位：", "填報人：", "聯繫電話：", "行次", "審核關係")),
        ("en", ("Reporting unit:", "Filled in by:", "Telephone:", "Line", "Checks")),
    ],
)
def test_blank_template_looks_like_the_attachment(
    tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    form = wr.get_form(FORM)
    path = tmp_path / "t.xlsx"
    write_template(form, path, lang)
    ((_name, rows),) = sheets(path).items()
    assert rows[0][0] == form.title.get(lang)
    text = {str(c) for row in rows for c in row}
    assert set(words) <= text
    item = form.items[0]
    r, c = get_layout(form).cells[item.code]
    assert rows[r][1] == item.code and rows[r][2] == item.label.get(lang) and rows[r][c] == ""
    assert any("05A" in t and "05B" in t for t in text)  # a rule printed as a formula
    assert any(form.source in t for t in text)
    sheet_xml = xml(path, "xl/worksheets/sheet")
    assert 'type="whole"' in sheet_xml and 'type="custom"' in sheet_xml
    e = cell_name(*get_layout(form).cells["05A"])
    assert f"AND(ISNUMBER({e}),{e}&gt;=0,ROUND({e},6)={e})" in sheet_xml  # 万元: ≤ 6 decimals
    assert sheet_xml.count("<dataValidation ") == len(form.items)


def test_yes_no_items_get_a_list(tmp_path: Path) -> None:
    form = wr.get_form("wuhan-2015:center")
    path = tmp_path / "t.xlsx"
    write_template(form, path, "zh-Hans")
    assert '<formula1>"是,否"</formula1>' in xml(path, "xl/worksheets/sheet")


def bad_template(path: Path) -> None:
    ret = next(wr.read_returns(sample_path(FORM)))
    values = dict(ret.values)
    values["05B"] = Decimal(values["05B"]) + 28  # type: ignore[arg-type]
    values["03A"] = Decimal(values["02A"]) + 1  # type: ignore[arg-type]  # a warning: 03A<=02A
    write_template(
        wr.get_form(FORM),
        path,
        values=values,
        unit="某工会",
        reporter="张三丰",
        phone="13912345678",
    )


def test_annotated_copy_marks_every_failing_cell(tmp_path: Path) -> None:
    src, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    bad_template(src)
    found = read_workbook(str(src), "in.xlsx")
    reports = list(wr.validate_many(f.ret for f in found))
    assert write_annotated(src, found, reports, out, "zh-Hans") == len(reports[0].findings)
    got = sheets(out)
    assert list(got) == ["统计表", "审核结果"]
    listing = got["审核结果"]
    assert listing[0][:2] == ["工作表", "单元格"]
    rules = {row[3] for row in listing[1:]}
    assert rules == {f.rule for f in reports[0].findings}
    layout = get_layout(wr.get_form(FORM))
    r, c = layout.cells["05A"]
    assert got["统计表"][r][c] == pytest.approx(425.35)  # values are kept
    comments = xml(out, "xl/comments")
    assert "05A=sum" in comments and "武工办〔2014〕74号 附件1 05" in comments
    assert "03A&lt;=02A (警告)" in comments and "05A=sum (错误)" in comments
    assert "应为 480.35，实为 425.35" in comments and "可能的更正：05A 改为 480.35" in comments
    styles = xml(out, "xl/styles.xml")
    assert all(colour[1:] in styles for colour in COLOURS.values())
    links = xml(out, "xl/worksheets/sheet2.xml")
    assert "location=\"'统计表'!E" in links
    # personal data masked unless asked
    text = {str(v) for row in got["统计表"] for v in row}
    assert "张**" in text and "张三丰" not in text and "*******5678" in text


def test_check_annotate_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "in.xlsx", tmp_path / "out.xlsx"
    bad_template(src)
    assert main(["check", str(src), "--annotate", str(out), "--lang", "en"]) == 1
    assert "05A=sum" in capsys.readouterr().out
    assert list(sheets(out)) == ["统计表", "Check results"]
    assert main(["check", str(src), "--annotate", str(out), "--show-personal-data"]) == 1
    text = {str(v) for row in sheets(out)["统计表"] for v in row}
    assert "张三丰" in text


def test_template_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", FORM, "-o", str(out), "--lang", "zh-Hant"]) == 0
    assert str(out) in capsys.readouterr().out
    assert sheets(out)["統計表"][0][0] == wr.get_form(FORM).title.zh_hant
    assert main(["check", str(out)]) == 0  # a blank template: nothing reported, nothing fails
    assert main(["template", "nope:swn", "-o", str(out)]) == 2


def test_annotate_leaves_no_copy_of_a_workbook_with_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xlsxwriter

    src, out = tmp_path / "bad.xlsx", tmp_path / "out.xlsx"
    book = xlsxwriter.Workbook(str(src))
    ws = book.add_worksheet("S")
    for r, row in enumerate([["unit", "02A", "02B"], ["a", 10, 5], ["b", "x", 5]]):
        ws.write_row(r, 0, row)
    book.close()
    assert main(["check", str(src), "--form", FORM, "--annotate", str(out)]) == 2
    assert "S!B3 (02A)" in capsys.readouterr().err
    assert not out.exists()


def test_annotate_hands_on_every_report_in_order(tmp_path: Path) -> None:
    import xlsxwriter

    src, out = tmp_path / "wide.xlsx", tmp_path / "out.xlsx"
    book = xlsxwriter.Workbook(str(src))
    ws = book.add_worksheet("S")
    ws.write_row(0, 0, ["unit", "02A", "02B"])
    for r in range(1, 301):
        ws.write_row(r, 0, [f"u{r}", 10, 12 if r % 100 == 0 else 5])
    book.close()
    found, rets = itertools.tee(iter_workbook(str(src), "wide.xlsx", wr.get_form(FORM)))
    reports = list(annotate(src, found, wr.validate_many(f.ret for f in rets), out, "en"))
    assert [r.unit for r in reports] == [f"u{r}" for r in range(1, 301)]
    failing = [r.unit for r in reports if not r.ok]
    assert failing == ["u100", "u200", "u300"]
    listing = sheets(out)["Check results"]
    assert [row[1] for row in listing[1:]] == ["B101", "B201", "B301"]  # 02A of each row


def test_annotate_needs_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sample", "--annotate", str(tmp_path / "o.xlsx")]) == 2
    assert "--annotate" in capsys.readouterr().err


def test_annotated_wide_sheet_marks_the_failing_row(tmp_path: Path) -> None:
    import xlsxwriter

    src, out = tmp_path / "wide.xlsx", tmp_path / "out.xlsx"
    book = xlsxwriter.Workbook(str(src))
    ws = book.add_worksheet("明细")
    ws.merge_range(0, 0, 0, 2, "合并的标题")
    for r, row in enumerate([["unit", "02A", "02B"], ["好", 10, 5], ["坏", 10, 12]], start=1):
        ws.write_row(r, 0, row)
    book.close()
    found = read_workbook(str(src), "wide.xlsx", wr.get_form(FORM))
    reports = list(wr.validate_many(f.ret for f in found))
    assert [r.ok for r in reports] == [True, False]
    write_annotated(src, found, reports, out, "en")
    got = sheets(out)
    assert got["明细"][0][0] == "合并的标题" and got["明细"][3] == ["坏", 10.0, 12.0]
    (row,) = got["Check results"][1:]
    assert row[:4] == ["明细", "B4", "坏", f"{FORM}/02B<=02A"]
    assert "location=\"'明细'!B4\"" in xml(out, "xl/worksheets/sheet2.xml")
    comments = xml(out, "xl/comments")
    assert 'ref="B4"' in comments and 'ref="C4"' in comments and 'ref="B3"' not in comments
    assert '<mergeCell ref="A1:C1"/>' in xml(out, "xl/worksheets/sheet1.xml")

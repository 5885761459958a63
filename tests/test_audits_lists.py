"""Audits of lists (issue 9 points 19 and 20): the union's hardship file (豫工文〔2017〕61号 二5二),
its comparison with civil-affairs data (三1), goods bought with 送温暖 money (平顶山市总工会办公室
2022 三(三)). Every figure below is counted by hand from the small files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules.audits.lists import id_problems
from wennuan_rules.audits.lists_records import CivilAffairsEntry, HardshipRecord
from wennuan_rules.cli import main
from wennuan_rules.render import reports_text
from wennuan_rules.vocabulary import CivilAffairs

# valid 居民身份证 numbers (check digits computed by hand: ISO 7064 MOD 11-2)
A = "410402195501010113"
B = "410402196002020223"
C = "410404197003030332"
D = "440524198001010013"
BAD = "410402195501010112"  # A with a wrong check digit (it should be 3)

FILES_CSV = (
    "编号,姓名,身份证号,档案类别,联系人（单位）,期限,措施,路径,低保状态\n"
    f"H1,张建国,{A},深度困难,市总保障部,2018-12-31,岗位推荐,就业脱困,低保\n"
    f"H2,李秀英,{B},相对困难,,2018-12-31, ,,低保边缘\n"
    f"H3,王五,{BAD},意外致困,区总,一年,医疗救助,救助脱困,\n"
    f"H4,赵六,{C.lower()},深度困难,区总,2018-06-30,助学,教育脱困,无\n"
)
CIVIL_CSV = f"身份证号,类别\n{A},低保边缘\n{B},低保边缘\n{D},低保\n{C},低保\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def files(tmp_path: Path) -> Path:
    path = tmp_path / "files.csv"
    path.write_text(FILES_CSV, encoding="utf-8")
    return path


@pytest.fixture
def civil(tmp_path: Path) -> Path:
    path = tmp_path / "civil.csv"
    path.write_text(CIVIL_CSV, encoding="gb18030")
    return path


# -- 19b: every 解困脱困 plan states 联系人（单位）、期限、措施、路径 (二5二) ----------------


def test_hardship_file_golden(files: Path) -> None:
    records = wr.read_hardship_files(files)
    assert [r.row for r in records] == [2, 3, 4, 5]
    report = wr.audit_files(records, "henan-2018")
    assert report.form == "henan-2018:files" and not report.ok
    assert report.counts == {"error": 1, "warning": 0, "passed": 3, "not_evaluated": 0}
    (f,) = report.findings
    # H2 (line 3): contact blank, measures only a space, path blank; its deadline is stated
    assert f.rule == "henan-2018:files/complete"
    assert f.items == ("contact", "measures", "path") and f.where == "3"
    assert f.source == "豫工文〔2017〕61号 二5二"
    assert f.message.render("zh-Hans") == (
        f"家庭 H2 {B[:6]}********{B[-4:]} 李**：解困脱困未明确联系人（单位）、措施、路径"
    )
    assert "contact person (unit), measures, path out of hardship" in f.message.render("en")
    assert report.extra["files"] == {"families": 4, "incomplete": 1}
    shown = wr.audit_files(records, "henan-2018", show_personal_data=True)
    assert B in shown.findings[0].message.render("en")


def test_hardship_file_cli(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", "files", str(files), "--campaign", "henan-2018")
    assert code == 1 and "联系人（单位）、措施、路径" in out and B not in out
    assert "family" not in out  # Chinese output has no English in it
    code, out, _ = run(
        capsys, "audit", "files", str(files), "--campaign", "henan-2018", "--format", "json"
    )
    data = json.loads(out)
    assert code == 1 and data["counts"]["error"] == 1
    assert data["findings"][0]["items"] == ["contact", "measures", "path"]
    complete = files.with_name("complete.csv")
    lines = FILES_CSV.splitlines()
    complete.write_text("\n".join([lines[0], lines[1], lines[4]]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", "files", str(complete), "--campaign", "henan-2018")
    assert code == 0, out


def test_hardship_file_in_json_and_excel(tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    rows = [line.split(",") for line in FILES_CSV.splitlines()]
    book = tmp_path / "files.xlsx"
    with xlsxwriter.Workbook(str(book)) as wb:
        sheet = wb.add_worksheet()
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                sheet.write_string(r, c, cell)
    from_excel = wr.read_hardship_files(book)
    assert [r.row for r in from_excel] == [2, 3, 4, 5]
    doc = tmp_path / "files.json"
    doc.write_text(
        json.dumps({"families": [{"ref": "H9", "contact": "区总", "deadline": "2018-12-31"}]}),
        encoding="utf-8",
    )
    report = wr.audit_files(wr.read_hardship_files(doc), "henan-2018")
    assert [f.items for f in report.findings] == [("measures", "path")]
    assert wr.audit_files(from_excel, "henan-2018").counts["error"] == 1


def test_a_campaign_without_the_clause_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(wr.InvalidValueError, match="henan-2018"):
        wr.audit_files([HardshipRecord(ref="x")], "wuhan-2015")
    code, _out, err = run(
        capsys, "audit", "goods", "nowhere.csv", "--campaign", "henan-2018", "--lang", "en"
    )
    assert code == 2 and err.count("\n") == 1


def test_unknown_column_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "files.csv"
    path.write_text("编号,电话\nH1,123\n", encoding="utf-8")
    code, _out, err = run(capsys, "audit", "files", str(path), "--campaign", "henan-2018")
    assert code == 2 and "电话" in err and err.count("\n") == 1


# -- 19c: comparison with civil-affairs data (三1) ------------------------------------------------


def test_civil_affairs_golden(files: Path, civil: Path) -> None:
    union, listed = wr.read_hardship_files(files), wr.read_civil_affairs(civil)
    report = wr.audit_civil_affairs(union, listed, "henan-2018")
    rules = [(f.rule.removeprefix("henan-2018:civil-affairs/"), f.where) for f in report.findings]
    # H1 (line 2): the union records 低保, civil affairs 低保边缘; H2 agrees; H3's ID number is
    # invalid (not evaluated); H4 (lower-case x, none recorded) is 低保 on the list
    assert rules == [("match/status", "2"), ("match/status", "5")]
    first, second = report.findings
    assert (first.expected, first.actual) == ("dibao-edge", "dibao")
    assert (second.expected, second.actual) == ("dibao", None)
    assert all(f.severity is wr.Severity.WARNING for f in report.findings)
    assert report.counts == {"error": 0, "warning": 2, "passed": 1, "not_evaluated": 1}
    assert report.not_evaluated == ("henan-2018:civil-affairs/match/status [4]",)
    assert first.message.render("zh-Hans") == (
        f"家庭 H1 {A[:6]}********{A[-4:]} 张**：工会档案记为低保，民政名单为低保边缘"
    )
    # D is 低保 on the list and not in the union's file: reported only when asked
    asked = wr.audit_civil_affairs(union, listed, "henan-2018", not_on_file=True)
    extra = [f for f in asked.findings if f.rule.endswith("/not-on-file")]
    assert [(f.where, f.items) for f in extra] == [("4", ("id_number",))]
    assert D not in extra[0].message.render("en") and D[-4:] in extra[0].message.render("en")


def test_recorded_status_not_on_the_list() -> None:
    union = [HardshipRecord(ref="H1", id_number=A, civil_affairs=CivilAffairs.DIBAO, row=2)]
    report = wr.audit_civil_affairs(union, [], "henan-2018")
    (f,) = report.findings
    assert f.rule.endswith("match/not-on-list") and f.actual == "dibao"
    assert "is not on the civil-affairs list" in f.message.render("en")
    # a family the union records with no status, absent from the list, agrees
    quiet = [HardshipRecord(ref="H2", id_number=B, row=3)]
    assert wr.audit_civil_affairs(quiet, [], "henan-2018").findings == ()


def test_id_numbers_are_matched_normalised() -> None:
    spaced = "４１０４０２ 1955-0101 0113"  # full-width digits, a space and hyphens: A
    union = [HardshipRecord(ref="H1", id_number=spaced, civil_affairs=CivilAffairs.DIBAO)]
    listed = [CivilAffairsEntry(id_number=A, status=CivilAffairs.DIBAO)]
    report = wr.audit_civil_affairs(union, listed, "henan-2018")
    assert report.findings == () and report.counts["passed"] == 1


def test_invalid_id_numbers_are_input_problems(files: Path) -> None:
    problems = id_problems(wr.read_hardship_files(files), str(files))
    assert [(p.line, p.column) for p in problems] == [(4, "id_number")]
    text = problems[0].message("zh-Hans")
    assert BAD not in text and "410402********0112" in text and "校验码错误（应为 3）" in text


def test_civil_affairs_cli(files: Path, civil: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["audit", "civil-affairs", str(files), str(civil), "--campaign", "henan-2018"]
    code, out, err = run(capsys, *argv, "--format", "json")
    # the invalid ID number of line 4 is an input problem: named, masked, exit 2, and every
    # usable family still compared
    assert code == 2 and err.count("\n") == 1 and f"{files}:4" in err and BAD not in err
    data = json.loads(out)
    assert data["counts"] == {"error": 0, "warning": 2, "passed": 1, "not_evaluated": 1}
    assert A not in out and B not in out
    code, out, _ = run(capsys, *argv, "--not-on-file", "--show-personal-data", "--lang", "en")
    assert code == 2 and D in out and "not in the union's hardship file" in out
    good = files.with_name("good.csv")
    lines = FILES_CSV.splitlines()
    good.write_text("\n".join([lines[0], lines[1], lines[2]]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "audit", "civil-affairs", str(good), str(civil),
                         "--campaign", "henan-2018")  # fmt: skip
    assert code == 0 and err == "" and "警告" in out  # a mismatch is a warning


# -- 20: goods bought with 送温暖 money (平顶山 2022 三(三)) ---------------------------------------

GOODS_CSV = "品名,类别,金额\n茅台酒,烟酒,1500.00\n大米,粮油,120\n购物卡,购 物 卡,500\n被子,,200\n"


def test_goods_golden(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    goods = tmp_path / "goods.csv"
    goods.write_text(GOODS_CSV, encoding="utf-8")
    banned = tmp_path / "banned.txt"
    banned.write_text("# 明令禁止的物品\n烟酒\n购物卡,高档礼品\n", encoding="utf-8")
    lines = wr.read_goods(goods)
    assert lines[0].amount is not None and str(lines[0].amount) == "1500.00"
    assert wr.read_prohibited(banned) == ("烟酒", "购物卡", "高档礼品")
    report = wr.audit_goods(lines, "pingdingshan-2022", prohibited=wr.read_prohibited(banned))
    # lines 2 (烟酒) and 4 (购物卡, spaces ignored) flagged; line 3 passes; line 5 has no category
    assert [(f.where, f.items) for f in report.findings] == [
        ("2", ("category",)),
        ("4", ("category",)),
    ]
    assert report.counts == {"error": 2, "warning": 0, "passed": 1, "not_evaluated": 1}
    assert report.findings[0].source == "平顶山市总工会办公室 2022 三(三)"
    assert (
        report.findings[0].message.render("zh-Hans") == "茅台酒属于类别烟酒，在禁止购买物品清单中"
    )
    argv = ["audit", "goods", str(goods), "--campaign", "pingdingshan-2022"]
    code, out, _ = run(capsys, *argv, "--prohibited", str(banned))
    assert code == 1 and "茅台酒" in out


def test_goods_without_a_list_are_not_evaluated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goods = tmp_path / "goods.csv"
    goods.write_text(GOODS_CSV, encoding="utf-8")
    report = wr.audit_goods(wr.read_goods(goods), "pingdingshan-2022")
    assert report.ok and report.findings == ()
    assert report.not_evaluated == ("pingdingshan-2022:goods/prohibited",)
    code, out, _ = run(capsys, "audit", "goods", str(goods), "--campaign", "pingdingshan-2022")
    assert code == 0 and "未能核验" in out and "prohibited" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    code, _out, err = run(capsys, "audit", "goods", str(goods), "--campaign",
                          "pingdingshan-2022", "--prohibited", str(empty))  # fmt: skip
    assert code == 2 and "--prohibited" in err


def test_a_goods_line_needs_an_item(tmp_path: Path) -> None:
    goods = tmp_path / "goods.csv"
    goods.write_text("物品,类别\n,烟酒\n", encoding="utf-8")
    with pytest.raises(wr.InputFileError) as info:
        wr.read_goods(goods)
    assert info.value.line == 2 and info.value.what == "item"


# -- 19a: 工匠劳模、技能人才、学科带头人 among the visited (二3二) ---------------------------------


def test_professional_is_a_household_fact_and_a_henan_group() -> None:
    from wennuan_rules.vocabulary import Professional

    facts = {"members": 2, "monthly_income": "9000", "professional": "學科帶頭人"}
    h = wr.Household.from_mapping(facts)
    assert h.professional is Professional.DISCIPLINE_LEADER
    assert h.to_dict()["professional"] == "discipline-leader"
    assert wr.assess(h, "henan-2018").eligible == ("frontline-workers",)
    # the list ends in 等专业人才: another kind is accepted and named
    other = wr.Household.from_mapping({**facts, "professional": "首席技师"})
    decision = {d.group: d for d in wr.assess(other, "henan-2018").decisions}["frontline-workers"]
    (reason,) = [r for r in decision.reasons if r.criterion == "professional"]
    assert reason.met and "首席技师" in reason.message.render("zh-Hans")
    assert reason.source == "豫工文〔2017〕61号 二3二 工匠劳模、技能人才、学科带头人等专业人才"
    plain = wr.Household.from_mapping({"members": 2, "monthly_income": "9000"})
    assert wr.assess(plain, "henan-2018").eligible == ()
    assert Professional.source() == "豫工文〔2017〕61号 二3二"
    assert Professional.SKILLED_TALENT.label.en == "skilled talent"


def test_visits_and_rosters_name_professionals() -> None:
    import datetime as dt

    from wennuan_rules.audits import Visit, VisitPlan, audit_data

    info = audit_data("henan-2018")
    found = info.group("技能人才")
    assert found is not None and found.id == "skilled-talent"
    assert found.source == "豫工文〔2017〕61号 二3二"
    assert {"worker", "migrant-worker", "model-worker", "frontline-workers"} <= {
        g.id for g in info.groups
    }
    visit = Visit(visited_on=dt.date(2018, 1, 20), household="H1", kind="學科帶頭人")
    report = wr.audit_visits(VisitPlan(visits=(visit,)), "henan-2018")
    assert report.ok
    # a roster row of group 工匠劳模 is a known recipient group; another name is not
    from wennuan_rules.audits import Payment

    row = {"name": "张建国", "id_number": A, "amount": "500", "paid_on": "2018-01-20",
           "fund_source": "工会经费", "channel": "现金"}  # fmt: skip
    ok = wr.audit_payments([Payment.from_mapping({**row, "group": "工匠劳模"})], "henan-2018")
    bad = wr.audit_payments([Payment.from_mapping({**row, "group": "某某"})], "henan-2018")
    assert not [f for f in ok.findings if f.rule.endswith("/group")]
    assert [f.rule for f in bad.findings if f.rule.endswith("/group")] == [
        "henan-2018:payments/group"
    ]


def test_reports_render_in_every_language(files: Path, civil: Path) -> None:
    union, listed = wr.read_hardship_files(files), wr.read_civil_affairs(civil)
    reports = [
        wr.audit_files(union, "henan-2018"),
        wr.audit_civil_affairs(union, listed, "henan-2018", not_on_file=True),
    ]
    for lang in ("zh-Hans", "zh-Hant"):
        text = reports_text(reports, lang)
        assert "family" not in text and "household" not in text and "civil-affairs list" not in text

"""Issue 10 (hardening): silent acceptance, crashes, damaged output, privacy, one point a test.

Each test names the point of the issue it holds; each failed on the code before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from wennuan_rules.audits.readers import read_roster
from wennuan_rules.audits.visits import read_visits
from wennuan_rules.cli import main
from wennuan_rules.eligibility.cli import read_households
from wennuan_rules.errors import InputFileError, WennuanError
from wennuan_rules.form import read_returns


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- 1. repeated JSON keys ---------------------------------------------------------------------

REPEATED = '[{"members": 2,\n  "monthly_income": "99999", "monthly_income": "900"}]\n'


def _repeated(tmp_path: Path, text: str, name: str = "f.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_1_a_repeated_household_key_is_refused_naming_key_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _repeated(tmp_path, REPEATED)
    code, out, err = run(capsys, "assess", "--campaign", "wuhan-2015", "--lang", "en", str(path))
    assert code == 2 and "eligible" not in out
    assert f"{path}:2:" in err and "monthly_income" in err and "twice" in err


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (
            lambda p: list(read_returns(p)),
            '{"form": "wuhan-2015:swn",\n"values": {"05A": 1, "05A": 2}}',
        ),
        (lambda p: list(read_households(p)[1]), REPEATED),
        (read_roster, '{"payments": [{"name": "张三",\n "amount": "9", "amount": "8"}]}'),
        (read_roster, '{"unit": "叶县",\n "unit": "卫东区", "payments": []}'),
        (read_visits, '{"households": [{"ref": "a",\n "kind": "worker", "kind": "retiree"}]}'),
    ],
)
def test_1_every_reader_refuses_a_repeated_key(tmp_path: Path, reader: object, text: str) -> None:
    path = _repeated(tmp_path, text)
    with pytest.raises(InputFileError) as info:
        reader(path)  # type: ignore[operator]
    assert info.value.line == 2
    assert "twice" in info.value.message("en")


def test_1_json_lines_name_the_line_of_the_repeated_key(tmp_path: Path) -> None:
    path = _repeated(tmp_path, '\n{"amount": "9", "amount": "8"}\n', "r.jsonl")
    with pytest.raises(InputFileError) as info:
        read_roster(path)
    assert info.value.line == 2 and info.value.what == "amount"


# -- 2. implausible magnitudes -------------------------------------------------------------------

ROSTER_HEAD = (
    "序号,姓名,身份证号,金额（元）,发放日期,资金来源,发放方式,档案类别,建档日期,银行卡号,类别\n"
)
ROSTER_ROW = (
    "1,张建国,410402195501010113,{amount},2009-12-22,中央财政,现金,特困职工,2009-03-15,,困难职工\n"
)


def _roster(tmp_path: Path, *amounts: str) -> Path:
    path = tmp_path / "roster.csv"
    rows = "".join(
        ROSTER_ROW.format(amount=a).replace("1,", f"{i},", 1) for i, a in enumerate(amounts, 1)
    )
    path.write_text(ROSTER_HEAD + rows, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("410402195501010113", "ID number"),
        ("6217002200000000001", "card number"),
        ("80000", "more than 50000"),
    ],
)
def test_2_an_implausible_roster_amount_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], amount: str, words: str
) -> None:
    path = _roster(tmp_path, amount)
    code, out, _err = run(
        capsys, "audit", "payments", str(path), "--campaign", "pingdingshan-2010", "--lang", "en"
    )
    assert code == 1 and words in out
    assert amount not in out  # a pasted ID or card number is not echoed


def test_2_a_plausible_amount_stays_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _roster(tmp_path, "50000.00")
    _code, out, _err = run(
        capsys, "audit", "payments", str(path), "--campaign", "pingdingshan-2010", "--lang", "en"
    )
    assert "looks like" not in out and "more than 50000" not in out


def test_2_a_number_longer_than_any_figure_is_an_error(tmp_path: Path) -> None:
    import wennuan_rules as wr

    with pytest.raises(WennuanError) as info:
        wr.validate("wuhan-2015:swn", {"05A": "1" * 59})
    assert info.value.what == "05A"
    with pytest.raises(WennuanError):
        wr.validate("wuhan-2015:swn", {"05A": "1" * 41})
    with pytest.raises(InputFileError) as roster_error:
        read_roster(_roster(tmp_path, "9" * 41))
    assert roster_error.value.line == 2


def test_2_return_figures_above_their_bound_are_findings() -> None:
    import wennuan_rules as wr

    report = wr.validate("wuhan-2015:swn", {"05A": "410402195501010113"})
    assert not report.ok
    assert [f.rule for f in report.findings] == ["wuhan-2015:swn/05A=plausible"]
    warned = wr.validate("wuhan-2015:swn", {"05A": "20000000"})
    assert any(
        f.rule.endswith("=plausible") and f.severity.value == "warning" for f in warned.findings
    )
    assert wr.validate("wuhan-2015:swn", {"05A": "99999"}).findings == ()


def test_2_every_bound_has_a_reason() -> None:
    from wennuan_rules.plausibility import bounds

    b = bounds()
    assert b.reason and b.payment.reason
    assert {"人", "人次", "户", "万元"} <= set(b.units)
    assert all(bound.reason and bound.max > 0 for bound in b.units.values())


# -- 3. digits of other scripts ------------------------------------------------------------------

FOREIGN = ["٣", "३", "১২"]  # Arabic-Indic, Devanagari, Bengali


@pytest.mark.parametrize("digit", FOREIGN)
def test_3_validate_refuses_other_scripts_naming_the_character(digit: str) -> None:
    import wennuan_rules as wr

    with pytest.raises(WennuanError) as info:
        wr.validate("wuhan-2015:swn", {"01A": digit})
    assert f"U+{ord(digit[0]):04X}" in info.value.message("en")


@pytest.mark.parametrize("digit", FOREIGN)
def test_3_every_reader_refuses_other_scripts(tmp_path: Path, digit: str) -> None:
    ret = tmp_path / "r.json"
    ret.write_text(f'{{"form": "wuhan-2015:swn", "values": {{"01A": "{digit}"}}}}', "utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_HEAD + ROSTER_ROW.format(amount=digit), "utf-8")
    dated = tmp_path / "dated.csv"
    dated.write_text(
        ROSTER_HEAD + ROSTER_ROW.format(amount="500").replace("2009-12-22", f"2009-12-2{digit}"),
        "utf-8",
    )
    visits = tmp_path / "v.json"
    visits.write_text(f'[{{"date": "2015-01-1{digit}", "household": "a"}}]', "utf-8")
    homes = tmp_path / "h.json"
    homes.write_text(f'[{{"members": 1, "monthly_income": "{digit}00"}}]', "utf-8")
    for read, path in (
        (lambda p: [r for r in read_returns(p)], ret),
        (read_roster, roster),
        (read_roster, dated),
        (read_visits, visits),
        (lambda p: list(read_households(p)[1]), homes),
    ):
        with pytest.raises(WennuanError) as info:
            read(path)
        assert f"U+{ord(digit[0]):04X}" in info.value.message("en"), path.name


def test_3_full_width_digits_are_still_read() -> None:
    import wennuan_rules as wr

    assert wr.validate("wuhan-2015:swn", {"01A": "１２"}).ok
    assert wr.parse_amount("１２３") == 123


# -- 4. unknown visit household kinds ------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "wennuan_rules" / "data" / "samples"


@pytest.mark.parametrize("kind", ["劳模", "困难工人"])
@pytest.mark.parametrize("log", [True, False])
def test_4_an_unknown_household_kind_is_reported_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, log: bool
) -> None:
    import json

    data = json.loads((SAMPLES / "pingdingshan-2010-visits.json").read_text("utf-8"))
    if log:
        data["visits"][3]["kind"] = kind
    else:
        del data["visits"]
        data["groups"][0]["households"][1]["kind"] = kind
    path = tmp_path / "v.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    code, out, _err = run(
        capsys, "audit", "visits", str(path), "--campaign", "pingdingshan-2010", "--format", "json"
    )
    report = json.loads(out)
    found = [f for f in report["findings"] if f["actual"] == kind]
    assert code == 1 and len(found) == 1
    assert found[0]["expected"] == "model-worker, migrant-worker, worker"
    assert kind in found[0]["message"] and "困难劳模" in found[0]["message"]


# -- 5. visits without a household reference -----------------------------------------------------


def _compact_log(tmp_path: Path, visits: list[dict[str, str]]) -> Path:
    import json

    data = json.loads((SAMPLES / "pingdingshan-2010-visits.json").read_text("utf-8"))
    data["visits"] = visits
    path = tmp_path / "compact.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")  # one line, as json.dump writes
    return path


def test_5_households_of_a_compact_log_are_told_apart_by_what_the_visit_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    kinds = ["model-worker", "migrant-worker", "worker", "worker"]
    visits = [
        {"group": "g1", "date": "2010-01-26", "unit": "叶县", "kind": k, "name": n}
        for k, n in zip(kinds, ["甲一", "乙二", "丙三", "丁四"], strict=True)
    ]
    path = _compact_log(tmp_path, visits)
    _code, out, _err = run(
        capsys, "audit", "visits", str(path), "--campaign", "pingdingshan-2010", "--format", "json"
    )
    groups = json.loads(out)["extra"]["quota"]["groups"]
    yexian = next(g for g in groups if g["group"] == "g1" and g["unit"] == "叶县")
    assert yexian["households"] == 4


def test_5_a_visit_naming_no_household_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _compact_log(tmp_path, [{"group": "g1", "date": "2010-01-26", "kind": "worker"}])
    code, _out, err = run(capsys, "audit", "visits", str(path), "--campaign", "pingdingshan-2010")
    assert code == 2 and "household" in err and err.count("\n") == 1


# -- 6. per-group totals by vocabulary id --------------------------------------------------------


def test_6_group_totals_are_keyed_by_the_group_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = tmp_path / "roster.csv"
    rows = [
        ROSTER_ROW.format(amount="100").replace("困难职工", typed).replace("1,", f"{i},", 1)
        for i, typed in enumerate(["worker", "困难职工", "困難職工"], start=1)
    ]
    path.write_text(ROSTER_HEAD + "".join(rows), "utf-8")
    _code, out, _err = run(
        capsys,
        "audit",
        "payments",
        str(path),
        "--campaign",
        "pingdingshan-2010",
        "--format",
        "json",
    )
    totals = json.loads(out)["extra"]["totals"]["by_group"]
    assert totals == {"worker": "300"}


# -- 7. wrongly encoded files and workbooks ------------------------------------------------------

TRADITIONAL = (
    "序號,姓名,身份證號,金額（元）,發放日期,資金來源,發放方式,檔案類別,建檔日期,銀行卡號,類別\n"
    "1,張建國,410402195501010113,500.00,2009-12-22,中央財政,銀行卡,特困職工,2009-03-15,,困難職工\n"
)


def _workbooks(tmp_path: Path) -> list[Path]:
    import zipfile

    xlsx = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(xlsx, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
    xls = tmp_path / "roster.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    renamed = tmp_path / "roster-saved-as.csv"  # a workbook given a .csv name
    renamed.write_bytes(xlsx.read_bytes())
    return [xlsx, xls, renamed]


@pytest.mark.parametrize("command", ["payments", "check", "assess"])
def test_7_an_excel_workbook_is_named_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    for path in _workbooks(tmp_path):
        argv = {
            "payments": ["audit", "payments", str(path), "--campaign", "pingdingshan-2010"],
            "check": ["check", str(path)],
            "assess": ["assess", "--campaign", "wuhan-2015", str(path)],
        }[command]
        code, _out, err = run(capsys, *argv, "--lang", "en")
        assert code == 2 and "Excel workbook" in err and err.count("\n") == 1, err


def test_7_big5_text_is_named_and_not_read_as_gb18030(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(TRADITIONAL.encode("big5"))
    code, _out, err = run(
        capsys, "audit", "payments", str(path), "--campaign", "pingdingshan-2010", "--lang", "en"
    )
    assert code == 2 and "Big5" in err
    # the same Traditional text in GB18030 is read
    path.write_bytes(TRADITIONAL.encode("gb18030"))
    assert read_roster(path).payments[0].amount == 500


# -- 8. a unit twice in a roll-up; a header-only CSV ---------------------------------------------


def test_8_a_unit_twice_in_a_roll_up_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    one = {"form": "wuhan-2015:swn", "unit": "江岸区总工会", "values": {"01A": 5}}
    path = tmp_path / "returns.json"
    path.write_text(json.dumps([one, {**one, "unit": "江汉区总工会"}, one], ensure_ascii=False))
    code, _out, err = run(capsys, "check", str(path), "--rollup", "武汉市", "--lang", "en")
    assert code == 2 and "appears twice in the roll-up" in err and "江岸区总工会" in err


@pytest.mark.parametrize(
    ("header", "argv"),
    [
        ("unit,01A\n", ["check", "--form", "wuhan-2015:swn"]),
        ("code,value\n", ["check", "--form", "wuhan-2015:swn"]),
        (ROSTER_HEAD, ["audit", "payments", "--campaign", "pingdingshan-2010"]),
        ("group,date,household\n", ["audit", "visits", "--campaign", "pingdingshan-2010"]),
    ],
)
def test_8_a_header_only_csv_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, argv: list[str]
) -> None:
    path = tmp_path / "header-only.csv"
    path.write_text(header, "utf-8")
    code, out, err = run(capsys, *argv[:-2], str(path), *argv[-2:], "--lang", "en")
    assert code == 2 and out == "" and "no data rows" in err


def test_8_roll_up_can_refuse_a_unit_given_twice() -> None:
    from wennuan_rules.form import make_return, roll_up

    one = make_return("wuhan-2015:swn", {"01A": 1}, "江岸区总工会")
    with pytest.raises(WennuanError, match="江岸区总工会"):
        roll_up([one, one], distinct_units=True)


# -- 9. no traceback on junk ---------------------------------------------------------------------

JUNK_FILES = {
    "nested.json": "[" * 100_000 + "]" * 100_000,
    "nested-object.json": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "long-cell.csv": "序号,金额（元）\n1," + "9" * 200_000 + "\n",
    "huge-integer.json": '[{"members": 1, "monthly_income": ' + "9" * 5_000 + "}]",
}


@pytest.mark.parametrize("name", sorted(JUNK_FILES))
@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{}"],
        ["assess", "--campaign", "wuhan-2015", "{}"],
        ["audit", "payments", "{}", "--campaign", "pingdingshan-2010"],
        ["audit", "visits", "{}", "--campaign", "pingdingshan-2010"],
    ],
    ids=["check", "assess", "payments", "visits"],
)
def test_9_junk_files_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, argv: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(JUNK_FILES[name], "utf-8")
    code, _out, err = run(capsys, *(str(path) if a == "{}" else a for a in argv), "--lang", "en")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err[:300]


# -- 10. -o FILE is written whole or not at all --------------------------------------------------


def test_10_a_failed_run_keeps_the_previous_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.txt"
    good = _roster(tmp_path, "500.00")
    argv = ["audit", "payments", "--campaign", "pingdingshan-2010", "-o", str(report)]
    code, _out, _err = run(capsys, *argv[:2], str(good), *argv[2:])
    before = report.read_text("utf-8")
    assert code in (0, 1) and "pingdingshan-2010:payments" in before
    code, _out, _err = run(capsys, *argv[:2], str(tmp_path / "missing.csv"), *argv[2:])
    assert code == 2 and report.read_text("utf-8") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_10_assess_leaves_no_half_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    report.write_text("previous", "utf-8")
    homes = tmp_path / "homes.jsonl"
    homes.write_text('{"members": 2, "monthly_income": "900"}\n{"members": "x"}\n', "utf-8")
    argv = ["assess", "--campaign", "wuhan-2015", str(homes), "--format", "json", "-o", str(report)]
    code, _out, _err = run(capsys, *argv)
    assert code == 2 and report.read_text("utf-8") == "previous"


# -- 11. one line on stderr, always --------------------------------------------------------------


def test_11_no_arguments_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_11_a_line_break_in_a_cell_stays_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.csv"
    row = ROSTER_ROW.format(amount='"5\n00"')
    path.write_text(ROSTER_HEAD + row, "utf-8")
    code, _out, err = run(capsys, "audit", "payments", str(path), "--campaign", "pingdingshan-2010")
    assert code == 2 and err.count("\n") == 1, err


# -- 15. CSV formula neutralisation (OWASP) ------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "=1+2",
        "＝1+2",
        "＋1",
        "－1",
        "＠SUM(A1)",
        " =1+2",
        "\u00a0=1+2",
        "\u3000＝1",
        "|calc",
        "\n=1",
    ],
)
def test_15_formulas_are_neutralised(cell: str) -> None:
    from wennuan_rules.render import safe_cell

    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-12.5", "12", "张三", " 12", "a=b"])
def test_15_plain_cells_stay(cell: str) -> None:
    from wennuan_rules.render import safe_cell

    assert safe_cell(cell) == cell


# -- 14. personal numbers in the wrong column are masked -----------------------------------------


def test_14_an_id_number_in_the_group_column_is_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "roster.csv"
    row = ROSTER_ROW.format(amount="500").replace(",困难职工", ",张建国 410402195501010113")
    path.write_text(ROSTER_HEAD + row, "utf-8")
    _code, out, _err = run(
        capsys,
        "audit",
        "payments",
        str(path),
        "--campaign",
        "pingdingshan-2010",
        "--format",
        "json",
    )
    assert "410402195501010113" not in out.replace('"id_number"', "")
    assert "410402********0113" in out


@pytest.mark.parametrize("column", ["2009-12-22", "中央财政"])
def test_14_a_card_number_in_a_date_or_source_column_is_not_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str
) -> None:
    path = tmp_path / "roster.csv"
    row = ROSTER_ROW.format(amount="500").replace(column, "6217002200000000018")
    path.write_text(ROSTER_HEAD + row, "utf-8")
    code, _out, err = run(capsys, "audit", "payments", str(path), "--campaign", "pingdingshan-2010")
    assert code == 2 and "6217002200000000018" not in err and "0018" in err

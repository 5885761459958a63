"""JSON Lines rosters (streamed, exact lines), line numbers in JSON arrays, labels in messages, and
the coverage window: what a payment officer reading a finding or an error relies on."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from wennuan_rules.audits import (
    FamilyOnFile,
    Payment,
    Visit,
    audit_payments,
    audit_visits,
    iter_payments,
    read_families,
    read_roster,
    read_visits,
)
from wennuan_rules.cli import main
from wennuan_rules.errors import InputFileError
from wennuan_rules.strategies import rosters
from wennuan_rules.vocabulary import FundSource, PaymentChannel

ID = "410402198503150113"
assert ric.is_valid(ID)


def record(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "张建国",
        "id_number": ID,
        "amount": "500.00",
        "paid_on": "2010-01-26",
        "fund_source": "union-funds",
        "channel": "cash",
    }
    base.update(changes)
    return base


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- JSON Lines ------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_jsonl_rows_are_the_file_lines(tmp_path: Path, suffix: str, encoding: str) -> None:
    # line 1: a payment; line 2: blank (skipped, still counted); line 3: a payment in Chinese labels
    text = (
        json.dumps(record(), ensure_ascii=False)
        + "\n\n"
        + json.dumps(
            record(fund_source="中央财政", channel="银行卡", amount=800), ensure_ascii=False
        )
        + "\n"
    )
    path = write(tmp_path, "r" + suffix, text, encoding)
    rows = list(iter_payments(path))
    assert [p.row for p in rows] == [1, 3]
    assert rows[1].fund_source is FundSource.CENTRAL_FISCAL
    assert rows[1].channel is PaymentChannel.BANK_CARD and rows[1].amount == Decimal(800)
    assert read_roster(path).payments == tuple(rows)


def test_jsonl_is_streamed_and_errors_name_the_exact_line(tmp_path: Path) -> None:
    lines = [json.dumps(record()) for _ in range(4)]
    lines.append(json.dumps(record(paid_on="2010-02-30")))  # line 5: an impossible date
    path = write(tmp_path, "r.jsonl", "\n".join(lines) + "\n")
    stream = iter_payments(path)
    # the first rows arrive before the bad line is read: nothing is loaded whole
    assert [next(stream).row for _ in range(4)] == [1, 2, 3, 4]
    with pytest.raises(InputFileError) as info:
        next(stream)
    assert (info.value.file, info.value.line, info.value.column) == (str(path), 5, "paid_on")


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ('{"amount": 1,', 14),  # broken JSON: the decoder's column (after the comma)
        ("[1, 2]", None),  # not an object
        (json.dumps(record(colour="red")), "colour"),  # an unknown key
    ],
)
def test_jsonl_refusals_name_file_line_and_column(
    tmp_path: Path, line: str, column: str | None
) -> None:
    path = write(tmp_path, "r.jsonl", json.dumps(record()) + "\n" + line + "\n")
    with pytest.raises(InputFileError) as info:
        list(iter_payments(path))
    assert info.value.file == str(path) and info.value.line == 2
    if column is not None:
        assert info.value.column == column
    assert str(info.value).startswith(f"{path}:2:")  # file:line:column, as editors read it


def test_jsonl_visits_and_families(tmp_path: Path) -> None:
    visits = write(
        tmp_path,
        "v.jsonl",
        '{"date": "2015-01-20", "household": "F1"}\n\n{"date": "2015-01-21", "household": "F2"}\n',
    )
    assert [(v.household, v.row) for v in read_visits(visits).visits] == [("F1", 1), ("F2", 3)]
    families = write(tmp_path, "f.ndjson", '{"ref": "F1"}\n{"name": "王"}\n')
    with pytest.raises(InputFileError) as info:
        read_families(families)  # line 2 has neither ref nor ID number
    assert info.value.line == 2


def test_cli_streams_jsonl_rosters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    on_file = {"file_category": "extreme", "filed_on": "2009-06-01", "channel": "bank-card"}
    good = record(paid_on="2010-01-26", **on_file)
    # paid after the period (2009-12-21 .. 2010-02-13), to another person
    late = record(paid_on="2010-03-01", id_number="410402198503150121", **on_file)
    assert ric.is_valid(late["id_number"])
    path = write(tmp_path, "r.jsonl", json.dumps(good) + "\n" + json.dumps(late) + "\n")
    args = ["audit", "payments", str(path), "--campaign", "pingdingshan-2010", "--format", "json"]
    # issue 9 point 13: a payment outside the campaign period is a warning (no clause limits payment
    # dates beyond the spending deadlines), so the audit passes (exit 0; was 1)
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["where"], f["severity"]) for f in report["findings"]] == [
        ("pingdingshan-2010:payments/period", "2", "warning")
    ]
    bad = write(tmp_path, "bad.jsonl", json.dumps(good) + "\n" + json.dumps(record(amount="x")))
    assert main(["audit", "payments", str(bad), "--campaign", "pingdingshan-2010"]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "2" in err and "amount" in err


# -- JSON documents: the line where a record starts ------------------------------------------------


def test_json_array_errors_name_the_line_where_the_object_starts(tmp_path: Path) -> None:
    rows = [record(), record(), record(amount="一千")]
    text = json.dumps({"campaign": "pingdingshan-2010", "payments": rows}, indent=2)
    path = write(tmp_path, "r.json", text)
    # the third payment's "{" is on the line after the second one's 8 fields and braces:
    # line 1 "{", 2 "campaign", 3 "payments": [, 4 "{" of the first (6 fields: lines 5-10, "}," 11),
    # 12 "{" of the second (… "}," 19), 20 "{" of the third
    expected_line = text.splitlines().index("    {", 19) + 1
    assert expected_line == 20
    with pytest.raises(InputFileError) as info:
        read_roster(path)
    assert (info.value.line, info.value.column) == (20, "amount")


@settings(max_examples=40, deadline=None)
@given(
    payments=rosters(campaign="pingdingshan-2010", max_size=6),
    indent=st.sampled_from([None, 0, 1, 2, 4]),
    wrapped=st.booleans(),
)
def test_json_rows_are_the_lines_of_each_object(
    payments: list[Payment], indent: int | None, wrapped: bool
) -> None:
    import tempfile

    records = [p.to_dict() for p in payments]
    doc: object = {"unit": "叶县总工会", "payments": records} if wrapped else records
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.json"
        path.write_text(text, encoding="utf-8")
        roster = read_roster(path)
    # where each object starts: the line of its "{" (found by scanning the text independently)
    starts, depth, line = [], 0, 1
    in_string = escaped = False
    for ch in text:
        if in_string:
            in_string = not (ch == '"' and not escaped)
            escaped = ch == "\\" and not escaped
            continue
        if ch == '"':
            in_string = True
        elif ch == "\n":
            line += 1
        elif ch in "{[":
            depth += 1
            if ch == "{" and depth == (3 if wrapped else 2):
                starts.append(line)
        elif ch in "}]":
            depth -= 1
    assert [p.row for p in roster.payments] == starts
    # and the rows read back are the rows written
    assert [p.to_dict() for p in roster.payments] == records


def test_json_syntax_errors_keep_the_decoders_line_and_column(tmp_path: Path) -> None:
    text = '[\n  {"amount": 1},\n  {"amount": 2}\n  {"amount": 3}\n]'
    with pytest.raises(json.JSONDecodeError) as decoding:
        json.loads(text)
    with pytest.raises(InputFileError) as info:
        read_roster(write(tmp_path, "r.json", text))
    # the missing comma after line 3, where json itself sees it: line 4, column 3
    assert (info.value.line, info.value.column) == (decoding.value.lineno, decoding.value.colno)
    assert (info.value.line, info.value.column) == (4, 3)
    with pytest.raises(InputFileError) as info:
        read_roster(write(tmp_path, "s.json", "[]\n[]"))
    assert info.value.line == 2


def test_visit_json_rows_and_group_errors_are_lines(tmp_path: Path) -> None:
    doc = {
        "groups": [{"id": "g1"}, {"id": "g2", "households": [1]}],
        "visits": [{"date": "2010-01-26", "group": "g1"}],
    }
    text = json.dumps(doc, indent=1)
    with pytest.raises(InputFileError) as info:
        read_visits(write(tmp_path, "v.json", text))
    assert (
        info.value.line == text.splitlines().index("  {", 5) + 1 and info.value.column == "groups"
    )
    del doc["groups"][1]
    text = json.dumps(doc, indent=1)
    (visit,) = read_visits(write(tmp_path, "w.json", text)).visits
    assert visit.row == text.splitlines().index("  {", 4) + 1


# -- labels in the reader's language ---------------------------------------------------------------


def test_messages_name_fund_sources_and_channels_by_label_json_keeps_ids() -> None:
    # central money's last day is 2009-12-31
    late = Payment.from_mapping(record(paid_on="2010-01-05", fund_source="central-fiscal"), row=2)
    report = audit_payments([late], "pingdingshan-2010")
    (finding,) = [f for f in report.findings if "spending-deadline" in f.rule]
    assert finding.message.render("zh-Hans").startswith("中央财政资金于 2010-01-05 发放")
    assert finding.message.render("zh-Hant").startswith("中央財政資金於 2010-01-05 發放")
    assert "central government funds" in finding.message.render("en")
    assert "central-fiscal" not in finding.message.render("en")
    assert finding.rule.endswith("/central-fiscal")  # ids stay ids in the rule id

    cash = Payment.from_mapping(record(paid_on="2015-02-03", amount="300"), row=2)
    report = audit_payments([cash], "wuhan-2015")
    (finding,) = [f for f in report.findings if f.rule.endswith("/channel")]
    assert finding.message.render("zh-Hans") == "以现金发放；工会经费资金须通过工会卡发放"
    assert (finding.expected, finding.actual) == ("union-card", "cash")
    (data,) = [f for f in report.to_dict("en")["findings"] if f["rule"].endswith("/channel")]
    assert data["actual"] == "cash" and "union membership card" in data["message"]


# -- coverage: visits inside the window ------------------------------------------------------------

FAMILIES = [FamilyOnFile(ref="F1", row=2), FamilyOnFile(ref="F2", row=3)]


def test_coverage_counts_only_visits_inside_the_period_by_default() -> None:
    # wuhan-2015 has no visiting window: its period 2015-01-01 .. 2015-03-05 is the window
    log = [
        Visit(visited_on=dt.date(2015, 1, 20), household="F1", row=2),
        Visit(visited_on=dt.date(2015, 3, 6), household="F2", row=3),  # after the period
    ]
    report = audit_visits(log, "wuhan-2015", families=FAMILIES)
    cover = [f for f in report.findings if f.rule.endswith("/coverage")]
    assert [(f.where, f.actual) for f in cover] == [("3", "2015-03-06")]
    assert "2015-03-06" in cover[0].message.render("en")
    assert report.extra["coverage"] == {"on_file": 2, "visited": 1, "missed": 1}
    # the late visit is also a window error of its own
    assert [f.where for f in report.findings if f.rule.endswith("/window")] == ["3"]

    anyday = audit_visits(log, "wuhan-2015", families=FAMILIES, coverage_in_window=False)
    assert not [f for f in anyday.findings if f.rule.endswith("/coverage")]
    assert anyday.extra["coverage"] == {"on_file": 2, "visited": 2, "missed": 0}
    assert anyday.extra["coverage_counts"] == "visits on any date"


def test_cli_coverage_any_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = write(tmp_path, "v.csv", "date,household\n2015-01-20,F1\n2015-03-06,F2\n")
    fams = write(tmp_path, "f.csv", "ref\nF1\nF2\n")
    base = ["audit", "visits", str(log), "--campaign", "wuhan-2015", "--on-file", str(fams)]
    assert main([*base, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["extra"]["coverage"]["missed"] == 1
    main([*base, "--format", "json", "--coverage-any-date"])
    assert json.loads(capsys.readouterr().out)["extra"]["coverage"]["missed"] == 0


# -- rows as mappings (a notebook's records) ------------------------------------------------------


def test_audit_accepts_mappings_and_refuses_other_rows() -> None:
    from wennuan_rules.errors import InvalidValueError

    rows = (
        {**record(paid_on="2015-01-20", fund_source="工会经费", channel="工会卡"), "filed_on": d}
        for d in ("2014-06-01", "2015-02-01")  # the second was paid before its file was opened
    )
    report = audit_payments(rows, "wuhan-2015")  # a generator of dicts, read once
    # the same person twice (a duplicate warning); row 2, the second record, paid before its file
    assert [(f.rule.split("/")[1], f.where) for f in report.findings] == [
        ("file-before-aid", "2"),
        ("duplicate", "2"),
    ]
    with pytest.raises(InvalidValueError) as info:
        audit_payments([record(amount=1.5)], "wuhan-2015")  # a float amount is never guessed at
    assert info.value.what == "amount"
    with pytest.raises(InvalidValueError) as info:
        audit_payments([3], "wuhan-2015")  # type: ignore[list-item]
    assert info.value.what == "payments[0]"


def test_a_file_naming_another_campaign_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import resources

    samples = Path(str(resources.files("wennuan_rules").joinpath("data", "samples")))
    roster = samples / "wuhan-2015-roster.json"  # says "campaign": "wuhan-2015"
    assert main(["audit", "payments", str(roster), "--campaign", "pingdingshan-2010"]) == 2
    err = capsys.readouterr().err
    assert str(roster) in err and "wuhan-2015" in err and "pingdingshan-2010" in err
    visits = samples / "pingdingshan-2010-visits.json"
    assert main(["audit", "visits", str(visits), "--campaign", "wuhan-2015"]) == 2
    assert main(["audit", "visits", str(visits), "--campaign", "pingdingshan-2010"]) == 1

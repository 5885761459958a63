"""Findings name the row as the user sees it: the roster's own 序号 column, besides the file line
(issue 10 point 13), in every output format and language; a roster without it is unchanged."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wennuan_rules.audits import (
    audit_payments,
    audit_visits,
    read_families,
    read_roster,
    read_visits,
)
from wennuan_rules.audits.roster import Payment
from wennuan_rules.cli import main
from wennuan_rules.render import report_html, report_text, reports_csv

SAMPLE = Path(str(resources.files("wennuan_rules").joinpath("data", "samples")))
ROSTER = SAMPLE / "pingdingshan-2010-roster.csv"
P10 = "pingdingshan-2010"
# the sample's faults, by file line (tests/test_audits_cli.py counts them by hand)
FAULTY = {"6", "9", "12", "15", "19"}

LABELS = {
    "zh-Hans": "[第 {line} 行（序号 {no}）]",
    "zh-Hant": "[第 {line} 行（序號 {no}）]",
    "en": "[line {line} (No. {no})]",
}


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(ROSTER.read_text(encoding="utf-8"))))


def _write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def numbered(tmp_path: Path, header: str = "序号") -> Path:
    """The sample with its own numbers far from the file lines: line n is numbered 7·n + 100."""
    rows = _rows()
    rows[0][0] = header
    for line, row in enumerate(rows[1:], start=2):
        row[0] = str(7 * line + 100)
    return _write(tmp_path / "numbered.csv", rows)


def unnumbered(tmp_path: Path) -> Path:
    """The sample without its 序号 column."""
    return _write(tmp_path / "plain.csv", [row[1:] for row in _rows()])


def no_of(line: str) -> str:
    return str(7 * int(line) + 100)


def test_payments_carry_their_number_and_keep_ref(tmp_path: Path) -> None:
    payments = read_roster(numbered(tmp_path)).payments
    assert [(p.row, p.no) for p in payments[:2]] == [(2, "114"), (3, "121")]
    assert payments[0].ref == "114"  # 序号 fed ``ref`` before ``no`` existed; it still does
    assert all(p.no is None and p.ref is None for p in read_roster(unnumbered(tmp_path)).payments)


@pytest.mark.parametrize("header", ["序号", "序號", "编号", "編號", "No.", "序"])
def test_the_headers_of_a_number_column(tmp_path: Path, header: str) -> None:
    (first, *_rest) = read_roster(numbered(tmp_path, header)).payments
    assert first.no == "114"


def test_json_names_line_and_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["audit", "payments", str(numbered(tmp_path)), "--campaign", P10, "--format", "json"]
    )
    assert code == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {f["where"] for f in findings} == FAULTY  # the file line is still ``where``
    assert all(f["row_no"] == no_of(f["where"]) for f in findings)


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_text_names_line_and_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code = main(["audit", "payments", str(numbered(tmp_path)), "--campaign", P10, "--lang", lang])
    assert code == 1
    out = capsys.readouterr().out
    for line in FAULTY:
        assert LABELS[lang].format(line=line, no=no_of(line)) in out


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_html_names_line_and_number(tmp_path: Path, lang: str) -> None:
    report = audit_payments(read_roster(numbered(tmp_path)), P10)
    page = report_html(report, lang)
    for line in FAULTY:
        label = LABELS[lang].format(line=line, no=no_of(line))[1:-1]
        assert f"<td>{label}</td>" in page


def test_csv_has_the_number_as_its_last_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["audit", "payments", str(numbered(tmp_path)), "--campaign", P10, "--format", "csv"]
    )
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    header = list(rows[0])
    assert header[-1] == "row_no" and header[:-1].index("where") == 7  # added, never moved
    assert {(r["where"], r["row_no"]) for r in rows} == {(w, no_of(w)) for w in FAULTY}


def test_a_roster_without_numbers_is_unchanged(tmp_path: Path) -> None:
    report = audit_payments(read_roster(unnumbered(tmp_path)), P10)
    assert {f.where for f in report.findings} == FAULTY
    assert all(f.row_no is None for f in report.findings)
    assert all("row_no" not in f for f in report.to_dict()["findings"])
    for lang in LABELS:
        text = report_text(report, lang)
        assert "[6] " in text and "（序" not in text and "(No." not in text
        assert "<td>6</td>" in report_html(report, lang)
    rows = list(csv.DictReader(io.StringIO(reports_csv([report]))))
    assert {r["row_no"] for r in rows} == {""}


def test_an_id_number_typed_as_the_number_is_masked(tmp_path: Path) -> None:
    rows = _rows()
    rows[5][0] = "410402195501010113"  # line 6, a finding's row
    report = audit_payments(read_roster(_write(tmp_path / "r.csv", rows)), P10)
    (six,) = [f for f in report.findings if f.where == "6"]
    assert six.row_no is not None and "195501010113" not in six.row_no
    shown = audit_payments(read_roster(tmp_path / "r.csv"), P10, show_personal_data=True)
    assert [f.row_no for f in shown.findings if f.where == "6"] == ["410402195501010113"]


def test_a_json_roster_may_give_the_number() -> None:
    row = {
        "name": "张建国",
        "id_number": None,
        "amount": "500",
        "paid_on": "2010-01-05",
        "fund_source": "central-fiscal",
        "channel": "cash",
        "no": 7,
    }
    payment = Payment.from_mapping(row, row=3)
    assert (payment.no, payment.ref) == ("7", "7")
    assert Payment.from_mapping(payment.to_dict(), row=3) == payment
    report = audit_payments([payment], P10)
    assert report.findings and all(f.to_dict()["row_no"] == "7" for f in report.findings)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(numbers=st.lists(st.integers(1, 10**6), min_size=24, max_size=24, unique=True))
def test_every_finding_carries_its_rows_own_number(tmp_path: Path, numbers: list[int]) -> None:
    """Whatever the numbers, each finding names the number written on its own row, and the
    verdicts are those of the same roster without numbers."""
    rows = _rows()
    for row, number in zip(rows[1:], numbers, strict=True):
        row[0] = str(number)
    report = audit_payments(read_roster(_write(tmp_path / "h.csv", rows)), P10)
    for f in report.findings:
        assert f.where is not None and f.row_no == str(numbers[int(f.where) - 2])
    plain = audit_payments(read_roster(unnumbered(tmp_path)), P10)
    assert [(f.rule, f.where) for f in report.findings] == [
        (f.rule, f.where) for f in plain.findings
    ]


def test_visit_and_family_findings_carry_their_numbers(tmp_path: Path) -> None:
    """A visit log and a hardship file with 序号 columns: the window and coverage findings name
    the file line and the number; without the column, no number (and ``ref`` still from 序号)."""
    log = tmp_path / "visits.csv"
    log.write_text(
        "序号,date,household,kind\n31,2010-01-26,A1,worker\n32,2010-03-01,A2,worker\n",
        encoding="utf-8",
    )
    file = tmp_path / "families.csv"
    file.write_text("序号,name\n41,张三\n", encoding="utf-8")
    families = read_families(file)
    assert [(f.ref, f.no) for f in families] == [("41", "41")]  # 序号 fed ref; it still does
    file.write_text("序号,ref,name\n41,A1,张三\n42,B9,李四\n", encoding="utf-8")
    report = audit_visits(read_visits(log), P10, families=read_families(file))
    found = {(f.rule.split("/", 1)[1], f.where, f.row_no) for f in report.findings}
    assert ("window", "3", "32") in found and ("coverage", "3", "42") in found
    assert "[第 3 行（序号 32）]" in report_text(report, "zh-Hans")
    file.write_text("ref,name\nA1,张三\nB9,李四\n", encoding="utf-8")
    plain = audit_visits(read_visits(log), P10, families=read_families(file))
    assert [f.row_no for f in plain.findings if f.rule.endswith("/coverage")] == [None]

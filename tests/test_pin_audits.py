"""Issue 14, point 2 (audits): golden tests, worked out by hand, of the coverage window's ends
(pingdingshan-2010: 2010-01-25 .. 2010-02-01, both inclusive) and of the masking of 15-digit
居民身份证 numbers in every output format and language. Public entry points only: the audit
functions, ``Report`` and its renderers, ``wr.assess`` and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules.audits import FamilyOnFile, Payment, Visit, audit_payments, audit_visits
from wennuan_rules.cli import main
from wennuan_rules.render import report_html, reports_csv, reports_json, reports_text
from wennuan_rules.report import Report
from wennuan_rules.vocabulary import FundSource, HardshipCategory, PaymentChannel

D = dt.date
LANGS = ("zh-Hans", "zh-Hant", "en")

# -- coverage window ----
# 平工总［2009］38号 附件3 三5: 从2010年元月25日…开始至2010年2月1日…结束

P10 = "pingdingshan-2010"
COVERAGE = f"{P10}:visits/coverage"
WINDOW = f"{P10}:visits/window"
SPAN = "2010-01-25 .. 2010-02-01"
# family ref -> the day it was visited (None: not visited)
VISITED = {
    "F-START": D(2010, 1, 25),  # the first day: covered
    "F-END": D(2010, 2, 1),  # the last day: covered
    "F-AFTER": D(2010, 2, 2),  # the day after: missed
    "F-BEFORE": D(2010, 1, 24),  # the day before: missed
    "F-NONE": None,  # never visited: missed
}


def _log() -> list[Visit]:
    return [
        Visit(visited_on=day, group="g1", household=ref, kind="worker", unit="叶县", row=i)
        for i, (ref, day) in enumerate(VISITED.items(), start=1)
        if day is not None
    ]


def _families() -> list[FamilyOnFile]:
    return [FamilyOnFile(ref=ref, row=i) for i, ref in enumerate(VISITED, start=1)]


def _rule(report: Report, rule: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(f.where, f.expected, f.actual) for f in report.findings if f.rule == rule]


def test_the_campaign_window_is_the_one_worked_with() -> None:
    window = wr.get_campaign(P10).visiting_window
    assert window is not None and (window.start, window.end) == (D(2010, 1, 25), D(2010, 2, 1))


def test_coverage_window_ends_are_inclusive() -> None:
    report = audit_visits(_log(), P10, families=_families())
    # 5 on file; F-START and F-END covered; F-AFTER, F-BEFORE (rows 3, 4) and F-NONE (5) missed
    assert report.extra["coverage"] == {"on_file": 5, "visited": 2, "missed": 3}
    assert _rule(report, COVERAGE) == [
        ("3", SPAN, "2010-02-02"),
        ("4", SPAN, "2010-01-24"),
        ("5", SPAN, None),
    ]
    messages = [f.message.render("en") for f in report.findings if f.rule == COVERAGE]
    assert messages[0] == (
        "family F-AFTER is on file but was visited only on 2010-02-02, outside 2010-01-25 to "
        "2010-02-01"
    )
    # the window rule agrees: the visits of 2010-02-02 (log row 3) and 2010-01-24 (row 4)
    assert _rule(report, WINDOW) == [("3", SPAN, "2010-02-02"), ("4", SPAN, "2010-01-24")]
    assert report.extra["rules"][COVERAGE] == {"passed": 2, "failed": 3, "not_evaluated": 0}


def test_coverage_on_any_date_counts_the_visits_outside() -> None:
    report = audit_visits(_log(), P10, families=_families(), coverage_in_window=False)
    assert report.extra["coverage"] == {"on_file": 5, "visited": 4, "missed": 1}
    assert _rule(report, COVERAGE) == [("5", None, None)]


def test_cli_coverage_window_ends_are_inclusive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "visits.csv"
    rows = ["group,date,household,kind,unit"]
    rows += [f"g1,{d.isoformat()},{ref},worker,叶县" for ref, d in VISITED.items() if d]
    log.write_text("\n".join(rows) + "\n", "utf-8")
    fams = tmp_path / "families.csv"
    fams.write_text("ref\n" + "\n".join(VISITED) + "\n", "utf-8")
    argv = ["audit", "visits", str(log), "--campaign", P10, "--on-file", str(fams)]
    assert main([*argv, "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["extra"]["coverage"] == {"on_file": 5, "visited": 2, "missed": 3}
    found = [(f["where"], f["actual"]) for f in out["findings"] if f["rule"] == COVERAGE]
    assert found == [("4", "2010-02-02"), ("5", "2010-01-24"), ("6", None)]  # CSV lines


# -- 15-digit 居民身份证 numbers ----

# a first-generation (15-digit) number: region 410402, born (19)85-01-01, sequence 123
ID15 = "410402850101123"
MASKED15 = "410402******123"  # region kept; birth date and sequence but the last 3 hidden
NAME = "欧阳秀英"


def _payment() -> Payment:
    # wuhan-2015 实名制: a 15-digit number is not a valid 18-digit one (real-name finding)
    return Payment(
        name=NAME,
        id_number=ID15,
        amount=Decimal("500.00"),
        paid_on=D(2015, 2, 2),
        fund_source=FundSource.UNION_FUNDS,
        channel=PaymentChannel.UNION_CARD,
        file_category=HardshipCategory.EXTREME,
        filed_on=D(2014, 6, 1),
        row=2,
    )


def _reports(show: bool) -> list[Report]:
    pay = audit_payments([_payment()], "wuhan-2015", show_personal_data=show)
    # the family on file (by its 15-digit number) was not visited: a coverage finding names it
    visits = audit_visits(
        [Visit(visited_on=D(2015, 1, 20), household="X", row=2)],
        "wuhan-2015",
        families=[FamilyOnFile(id_number=ID15, name=NAME, row=2)],
        show_personal_data=show,
    )
    return [pay, visits]


def _outputs(reports: list[Report]) -> dict[str, str]:
    out: dict[str, str] = {"repr": repr(reports)}
    for lang in LANGS:
        out[f"text-{lang}"] = reports_text(reports, lang)
        out[f"json-{lang}"] = reports_json(reports, lang)
        out[f"csv-{lang}"] = reports_csv(reports, lang)
        out[f"html-{lang}"] = "".join(report_html(r, lang) for r in reports)
    return out


def test_both_audits_have_a_finding_that_names_the_15_digit_number() -> None:
    pay, visits = _reports(True)
    assert any(f.rule == "wuhan-2015:payments/real-name" for f in pay.findings)
    assert [f.rule for f in visits.findings] == ["wuhan-2015:visits/coverage"]


def test_15_digit_numbers_are_masked_in_every_format_and_language() -> None:
    outputs = _outputs(_reports(False))
    for fmt, text in outputs.items():
        assert ID15 not in text, fmt
        assert ID15[6:12] not in text, fmt  # the birth date 850101
        if fmt != "repr":
            assert MASKED15 in text, fmt


def test_15_digit_numbers_are_shown_when_asked() -> None:
    for fmt, text in _outputs(_reports(True)).items():
        if fmt != "repr":
            assert ID15 in text, fmt


def test_cli_masks_15_digit_numbers_in_every_format_and_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    rows = ["name,id_number,amount,paid_on,fund_source,channel,file_category,filed_on"]
    rows += [f"{NAME},{ID15},500,2015-02-02,union-funds,union-card,extreme,2014-06-01"]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    argv = ["audit", "payments", str(path), "--campaign", "wuhan-2015"]
    for fmt in ("text", "json", "csv"):
        for lang in LANGS:
            assert main([*argv, "--format", fmt, "--lang", lang]) == 1
            out = capsys.readouterr().out
            assert ID15 not in out and NAME not in out, (fmt, lang)
            assert MASKED15 in out, (fmt, lang)
    assert main([*argv, "--format", "json", "--show-personal-data"]) == 1
    assert ID15 in capsys.readouterr().out


def test_an_assessment_ref_of_15_digits_is_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = {"ref": ID15, "members": 1, "monthly_income": "100"}
    a = wr.assess(facts, "wuhan-2015", on="2015-01-20")
    assert ID15 not in repr(a)
    for lang in LANGS:
        assert a.to_dict(lang)["ref"] == MASKED15
    assert a.to_dict("en", show_personal_data=True)["ref"] == ID15
    path = tmp_path / "h.json"
    path.write_text(json.dumps(facts), "utf-8")
    argv = ["assess", str(path), "--campaign", "wuhan-2015", "--on", "2015-01-20"]
    for fmt in ("text", "json", "csv"):
        assert main([*argv, "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert ID15 not in out and MASKED15 in out, fmt
    assert main([*argv, "--format", "json", "--show-personal-data"]) == 0
    assert json.loads(capsys.readouterr().out)["ref"] == ID15

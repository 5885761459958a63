"""Personal data never appears unmasked in any output of an audit unless the caller asks for it."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from stdnum.cn import ric

from wennuan_rules.audits import FamilyOnFile, Payment, Visit, audit_payments, audit_visits
from wennuan_rules.cli import main
from wennuan_rules.render import report_html, reports_csv, reports_json, reports_text
from wennuan_rules.report import Report
from wennuan_rules.vocabulary import FundSource, HardshipCategory, PaymentChannel


def _id(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


GOOD_ID = _id("42010219850101001")
BAD_ID = GOOD_ID[:-1] + ("1" if GOOD_ID[-1] != "1" else "2")  # wrong check digit
NAME = "欧阳秀英"
CARD = "6228480012345678901"


def _roster() -> list[Payment]:
    common = {
        "name": NAME,
        "amount": Decimal("500.00"),
        "fund_source": FundSource.UNION_FUNDS,
        "file_category": HardshipCategory.EXTREME,
        "filed_on": dt.date(2014, 6, 1),
        "card_number": CARD,
    }
    # row 2: real-name (bad check digit) and channel (cash); rows 3 and 4: the same person paid
    # twice (a duplicate)
    rows = [
        (2, BAD_ID, dt.date(2015, 2, 2), PaymentChannel.CASH),
        (3, GOOD_ID, dt.date(2015, 2, 3), PaymentChannel.UNION_CARD),
        (4, GOOD_ID, dt.date(2015, 2, 4), PaymentChannel.UNION_CARD),
    ]
    return [
        Payment(id_number=number, paid_on=paid_on, channel=channel, row=row, **common)  # type: ignore[arg-type]
        for row, number, paid_on, channel in rows
    ]


def _reports(show: bool) -> list[Report]:
    pay = audit_payments(_roster(), "wuhan-2015", show_personal_data=show)
    fams = [FamilyOnFile(ref=None, name=NAME, id_number=GOOD_ID, row=2)]
    visits = audit_visits(
        [Visit(visited_on=dt.date(2015, 1, 20), household="X", row=2)],
        "wuhan-2015",
        families=fams,
        show_personal_data=show,
    )
    return [pay, visits]


def _outputs(reports: list[Report]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in ("zh-Hans", "zh-Hant", "en"):
        out[f"text-{lang}"] = reports_text(reports, lang)
        out[f"json-{lang}"] = reports_json(reports, lang)
        out[f"csv-{lang}"] = reports_csv(reports, lang)
        out[f"html-{lang}"] = "".join(report_html(r, lang) for r in reports)
    out["repr"] = repr(reports)
    return out


def test_reports_have_the_findings_that_carry_personal_data() -> None:
    pay, visits = _reports(False)
    rules = {f.rule.split("/")[-1] for f in pay.findings}
    assert {"real-name", "channel", "duplicate"} <= rules
    assert [f.rule for f in visits.findings] == ["wuhan-2015:visits/coverage"]


@pytest.mark.parametrize("secret", [GOOD_ID, BAD_ID, NAME, CARD, GOOD_ID[6:14]])
def test_no_output_format_shows_personal_data_by_default(secret: str) -> None:
    for fmt, text in _outputs(_reports(False)).items():
        assert secret not in text, fmt


def test_masked_forms_are_shown_instead() -> None:
    text = reports_text(_reports(False), "en")
    assert GOOD_ID[:6] + "********" + GOOD_ID[-4:] in text
    assert NAME[0] + "***" in text


def test_caller_may_ask_for_personal_data() -> None:
    text = reports_json(_reports(True), "en")
    assert GOOD_ID in text and BAD_ID in text and NAME in text
    assert json.loads(text)[0]["extra"]["personal_data"] == "shown"


def test_cli_masks_by_default_and_shows_on_request(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.csv"
    rows = ["name,id_number,amount,paid_on,fund_source,channel,card_number"]
    rows += [f"{NAME},{BAD_ID},500,2015-02-02,union-funds,cash,{CARD}"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for fmt in ("text", "json", "csv"):
        assert (
            main(["audit", "payments", str(path), "--campaign", "wuhan-2015", "--format", fmt]) == 1
        )
        out = capsys.readouterr().out
        assert BAD_ID not in out and NAME not in out and CARD not in out
    assert (
        main(["audit", "payments", str(path), "--campaign", "wuhan-2015", "--show-personal-data"])
        == 1
    )
    assert BAD_ID in capsys.readouterr().out


def test_csv_export_neutralises_formula_cells() -> None:
    row = _roster()[1]
    import attrs

    evil = attrs.evolve(row, group='=HYPERLINK("http://x")')
    csv_text = reports_csv([audit_payments([evil], "wuhan-2015")], "en")
    buffer = io.StringIO(csv_text)
    import csv

    cells = [c for r in csv.reader(buffer) for c in r]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert not any(c.startswith("=") for c in cells)

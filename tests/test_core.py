"""Errors, strict data files, masking, reports and renderers: what every check shares."""

from __future__ import annotations

import csv
import io
import json
import pickle
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules._data import load_toml
from wennuan_rules.errors import DataFileError, InvalidValueError, WennuanError
from wennuan_rules.i18n import Message, set_default_locale
from wennuan_rules.privacy import mask_card, mask_id_number, mask_name
from wennuan_rules.render import reports_csv, reports_json, reports_text, safe_cell
from wennuan_rules.report import Finding, Fix, Report, Severity

# -- errors -------------------------------------------------------------------------------------


def test_error_is_value_error_with_structured_fields() -> None:
    err = InvalidValueError(
        "{what}: expected {expected}, got {got}",
        what="monthly_income",
        expected="an amount in yuan",
        got="abc",
        file="households.json",
        line=3,
    )
    assert isinstance(err, ValueError)
    assert isinstance(err, wr.WennuanError)
    assert (err.what, err.expected, err.got, err.file, err.line) == (
        "monthly_income",
        "an amount in yuan",
        "abc",
        "households.json",
        3,
    )
    assert str(err).startswith("households.json:3: ")
    assert "monthly_income" in str(err)
    assert err.to_dict("en")["file"] == "households.json"


def test_error_message_in_each_language() -> None:
    err = DataFileError(
        "data file {file} does not exist", what="file", got="x.toml", params={"file": "x.toml"}
    )
    en, hans, hant = err.message("en"), err.message("zh-Hans"), err.message("zh-Hant")
    assert en == "data file x.toml does not exist"
    assert "x.toml" in hans and "x.toml" in hant
    assert hans != en and hant != en


def test_default_locale_can_be_changed() -> None:
    err = DataFileError("data file {file} does not exist", params={"file": "a"})
    set_default_locale("en")
    try:
        assert str(err) == "data file a does not exist"
    finally:
        set_default_locale(None)
    assert str(err) != "data file a does not exist"


def test_error_pickles_and_located_fills_position() -> None:
    err = InvalidValueError("{what}: expected {expected}, got {got}", what="05A", got="x")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is InvalidValueError and again.what == "05A"
    placed = err.located(file="r.csv", line=4, column="05A")
    assert placed.where() == "r.csv:4:05A"
    assert err.where() == ""  # the original is not mutated


def test_long_values_are_shortened_in_messages() -> None:
    err = InvalidValueError("{what}: expected {expected}, got {got}", what="x", got="9" * 10_000)
    assert len(str(err)) < 300
    assert err.got == "9" * 10_000  # the value itself is kept as given


# -- strict data files --------------------------------------------------------------------------


def test_unknown_key_in_data_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('id = "x"\n[period]\nstart = 2010-01-01\nstrat = 2010-01-02\n', "utf-8")
    table = load_toml(path)
    table.get("id", str)
    period = table.table("period")
    assert period.date("start").isoformat() == "2010-01-01"
    with pytest.raises(DataFileError) as info:
        period.close()
    assert info.value.what == "period.strat"
    assert info.value.file == str(path)


def test_data_file_amounts_must_not_be_floats(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('a = "900.00"\nb = 900\nc = 900.1\n', "utf-8")
    table = load_toml(path)
    assert str(table.decimal("a")) == "900.00"
    assert str(table.decimal("b")) == "900"
    with pytest.raises(DataFileError) as info:
        table.decimal("c")
    assert info.value.what == "c"


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("id = \n", "utf-8")
    with pytest.raises(DataFileError) as info:
        load_toml(path)
    assert "bad.toml" in str(info.value)


# -- privacy ------------------------------------------------------------------------------------


def test_masking() -> None:
    assert mask_id_number("410402199001011234") == "410402********1234"
    assert mask_card("6222 0212 3456 7890 123") == "*" * 15 + "0123"
    assert mask_name("张三丰") == "张**"
    assert mask_name("李") == "*"


# -- reports and renderers ----------------------------------------------------------------------


def _report() -> Report:
    return Report(
        form="wuhan-2015:swn",
        unit="江岸区总工会",
        findings=(
            Finding(
                rule="wuhan-2015:swn/05A=sum",
                severity=Severity.ERROR,
                items=("05A", "05B"),
                message=Message.of(
                    "{total} returns checked: {bad} with errors, {good} without",
                    total=1,
                    bad=1,
                    good=0,
                ),
                expected="123.45",
                actual="=HYPERLINK(1)",
                source="武工办〔2014〕74号 附件1 05",
            ),
            Finding(
                rule="wuhan-2015:swn/02B<=02A",
                severity=Severity.WARNING,
                items=("02B", "02A"),
                message=Message.of("OK"),
            ),
        ),
        passed=57,
        not_evaluated=("wuhan-2015:swn/10A=sum", "wuhan-2015:swn/11A:unit"),
        fix=Fix(item="05A", value="123.45", current="120.00"),
    )


def test_report_json_matches_contract() -> None:
    data = json.loads(reports_json([_report()], "en", single=True))
    assert data["form"] == "wuhan-2015:swn"
    assert data["ok"] is False
    assert data["counts"] == {"error": 1, "warning": 1, "passed": 57, "not_evaluated": 2}
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "severity", "items", "message", "expected", "actual", "source"}
    assert finding["severity"] == "error"
    assert data["fix"] == {"item": "05A", "value": "123.45", "current": "120.00"}


def test_csv_neutralises_formulas_but_not_numbers() -> None:
    assert safe_cell("=SUM(A1)") == "'=SUM(A1)"
    assert safe_cell("+1") == "'+1"
    assert safe_cell("@x") == "'@x"
    assert safe_cell("-12.5") == "-12.5"
    rows = list(csv.DictReader(io.StringIO(reports_csv([_report()], "en"))))
    assert rows[0]["actual"] == "'=HYPERLINK(1)"
    assert rows[0]["rule"] == "wuhan-2015:swn/05A=sum"


def test_text_report_groups_by_severity_and_names_fix() -> None:
    text = reports_text([_report()], "en")
    assert text.index("Errors:") < text.index("Warnings:")
    assert "05A" in text and "123.45" in text
    assert "武工办〔2014〕74号 附件1 05" in text
    zh = reports_text([_report()], "zh-Hans")
    assert "Errors:" not in zh


def test_html_escapes_content() -> None:
    html = _report()._repr_html_()
    assert "<table>" in html and "=HYPERLINK(1)" in html
    assert "<script>" not in Report("f", "<script>", (), 0)._repr_html_()


def test_base_error_catches_everything_library_raises() -> None:
    with pytest.raises(WennuanError):
        wr.get_campaign("no-such-campaign")


def test_public_functions_are_not_shadowed_by_submodules() -> None:
    # importing every submodule must leave wr.campaigns() and wr.forms() callable functions
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(wr.__path__, "wennuan_rules."):
        if info.name.endswith(("_hypothesis", "strategies")) or ".strategies." in info.name:
            continue
        importlib.import_module(info.name)
    assert [c.id for c in wr.campaigns()][:2] == ["pingdingshan-2010", "wuhan-2015"]
    contract_forms = {
        "pingdingshan-2010:swn",
        "pingdingshan-2010:center",
        "wuhan-2015:swn",
        "wuhan-2015:center",
        "changzhou-edz-2021:swn",
    }
    assert contract_forms <= {f.id for f in wr.forms()}
    assert callable(wr.campaigns) and not isinstance(wr.campaigns, type(wr))
    assert callable(wr.forms) and not isinstance(wr.forms, type(wr))


def test_likely_fix_names_the_line_item_in_each_language() -> None:
    values = {"05A": "425.35", "05B": "100", "05C": "20", "05D": "300", "05E": "32.35", "05F": "0"}
    report = wr.validate("wuhan-2015:swn", values)
    assert report.fix is not None and report.fix.value == "452.35"
    assert report.fix.label is not None
    assert "筹集款物总额" in report.fix.label.get("zh-Hans")
    assert "籌集款物總額" in report.fix.label.get("zh-Hant")
    assert "raised" in reports_text([report], "en")
    assert "05A  2015年元旦、春节期间送温暖活动中筹集款物总额" in reports_text([report], "zh-Hans")

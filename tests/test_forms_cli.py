"""``wennuan-rules forms`` and ``wennuan-rules check``: outputs and exit codes (contract.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wennuan_rules.form as F

# tests/test_forms_engine.py's tiny form, reused as a user's own form file
from test_forms_engine import GOOD, TINY
from wennuan_rules.cli import main

FORM = "wuhan-2015:swn"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def zero_return(form: str = FORM) -> dict[str, object]:
    template = F.get_form(form)
    return {i.code: (False if i.is_yes_no else 0) for i in template.items}


# -- forms -----------------------------------------------------------------------------------------


def test_forms_lists_every_bundled_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["forms", "--lang", "en"], capsys)
    assert code == 0
    for form in F.forms():
        assert form.id in out
    code, out, _ = run(["forms", "--format", "json"], capsys)
    assert {f["id"] for f in json.loads(out)} == {f.id for f in F.forms()}


def test_forms_shows_items_rules_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("zh-Hans", "zh-Hant", "en"):
        code, out, _ = run(["forms", FORM, "--lang", lang], capsys)
        assert code == 0
        assert "05A" in out and "05A = 05B + 05C + 05D + 05E + 05F" in out
        assert "武工办〔2014〕74号 附件1" in out
    code, out, _ = run(["forms", FORM, "--format", "json", "--lang", "en"], capsys)
    data = json.loads(out)
    assert data["id"] == FORM
    assert any(r["rule"] == f"{FORM}/05A=sum" for r in data["rules"])
    assert data["items"][0]["code"] == "01A"
    code, out, _ = run(["forms", FORM, "--format", "csv"], capsys)
    assert out.splitlines()[0].startswith("form,kind,code")


def test_forms_with_a_users_form_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, "utf-8")
    code, out, _ = run(["forms", "--form-file", str(path)], capsys)
    assert code == 0 and "test-2020:t" in out
    code, out, _ = run(["forms", "test-2020:t", "--form-file", str(path), "--lang", "en"], capsys)
    assert code == 0 and "08A-1 ~ 08A-2" in out


def test_forms_unknown_id_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["forms", "wuhan-2016:swn"], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "wuhan-2015:swn" in err


# -- check -----------------------------------------------------------------------------------------


def test_check_sample_finds_the_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--sample"], capsys)
    assert code == 1
    assert "wuhan-2015:swn" in out and "05A" in out
    code, out, _ = run(["check", "--sample", "--format", "json", "--lang", "en"], capsys)
    data = json.loads(out)
    assert isinstance(data, dict) and data["form"] == FORM and data["ok"] is False
    assert set(data["counts"]) == {"error", "warning", "passed", "not_evaluated"}


def _bundled_form_ids() -> list[str]:
    """The forms in the package, each of which has a bundled sample (a user's form has none)."""
    from importlib import resources

    folder = resources.files("wennuan_rules").joinpath("data", "forms")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    return [n[: -len(".toml")].replace("__", ":") for n in names]


@pytest.mark.parametrize("form", _bundled_form_ids())
def test_every_sample_can_be_checked(form: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--sample", form, "--format", "json"], capsys)
    assert code in (0, 1)
    assert json.loads(out)["form"] == form


def test_check_text_in_three_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = zero_return()
    values.update({"05A": "10", "05B": "6", "05C": "6"})  # 6 + 6 = 12, more than 10
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"form": FORM, "unit": "江岸区总工会", "values": values}), "utf-8")
    expected = {"zh-Hans": "错误", "zh-Hant": "錯誤", "en": "Errors"}
    for lang, word in expected.items():
        code, out, _ = run(["check", str(path), "--lang", lang], capsys)
        assert code == 1 and word in out and "江岸区总工会" in out and "05A=sum" in out


def test_check_valid_return_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.csv"
    rows = "\n".join(
        f"{code},{'否' if value is False else value}" for code, value in zero_return().items()
    )
    path.write_text("code,value\n" + rows + "\n", "utf-8")
    code, out, _ = run(["check", str(path), "--form", FORM, "--lang", "en"], capsys)
    assert code == 0 and "OK" in out


def test_check_many_returns_json_list_csv_and_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(
        "unit,05A,05B,05C,05D,05E,05F\n甲,10,2,2,2,2,2\n乙,10,2,2,2,2,3\n丙,,2,2,2,2,2\n", "gb18030"
    )
    code, out, _ = run(["check", str(path), "--form", FORM, "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1 and isinstance(data, list) and [r["unit"] for r in data] == ["甲", "乙", "丙"]
    assert [r["ok"] for r in data] == [True, False, True]
    code, out, _ = run(["check", str(path), "--form", FORM, "--format", "csv"], capsys)
    assert out.splitlines()[0].startswith("form,unit,rule")
    assert any(line.startswith("wuhan-2015:swn,乙,wuhan-2015:swn/05") for line in out.splitlines())
    code, out, _ = run(
        ["check", str(path), "--form", FORM, "--summary", "--format", "json"], capsys
    )
    summary = json.loads(out)
    row = next(r for r in summary["rules"] if r["rule"] == f"{FORM}/05A=sum")
    assert (row["passed"], row["failed"], row["not_evaluated"]) == (1, 1, 1)
    assert code == 1
    code, out, _ = run(["check", str(path), "--form", FORM, "--summary", "--lang", "en"], capsys)
    assert "3 returns checked: 1 with errors" in out
    code, out, _ = run(["check", str(path), "--form", FORM, "--lang", "en"], capsys)
    assert "3 returns checked" in out


def test_check_rollup_and_tolerance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("unit,05A,05B,05C,05D,05E,05F\n甲,10,2,2,2,2,2\n乙,10.01,2,2,2,2,2\n", "utf-8")
    code, out, _ = run(
        ["check", str(path), "--form", FORM, "--rollup", "市合计", "--format", "json"], capsys
    )
    data = json.loads(out)
    assert [r["unit"] for r in data] == ["甲", "乙", "市合计"]
    # issue 9, point 1 (武工办〔2014〕74号 附件1 05, ending in 其他收入): 乙's 05A 10.01 against
    # 2 + 2 + 2 + 2 + 2 = 10 is an error, no longer a warning
    assert code == 1
    assert data[1]["counts"]["error"] == 1
    code, out, _ = run(
        ["check", str(path), "--form", FORM, "--tolerance", "0.01", "--format", "json"], capsys
    )
    assert code == 0 and json.loads(out)[1]["counts"]["error"] == 0


def test_check_users_form_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form_path = tmp_path / "tiny.toml"
    form_path.write_text(TINY, "utf-8")
    ret = tmp_path / "r.json"
    ret.write_text(json.dumps({"form": "test-2020:t", "values": {**GOOD, "05A": "9"}}), "utf-8")
    code, out, _ = run(["check", str(ret), "--form-file", str(form_path), "--lang", "en"], capsys)
    assert code == 1 and "05A=sum" in out and "Likely fix: set 05A to 8.50" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["check"], "--sample"),
        (["check", "nope.json"], "nope.json"),
        (["check", "--sample", "wuhan-2016:swn"], "wuhan-2015:swn"),
        (["check", "--sample", "--tolerance", "abc"], "tolerance"),
    ],
)
def test_check_unusable_input_exits_2(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err


def test_check_bad_cell_names_file_line_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.csv"
    path.write_text("code,value\n01A,1\n05A,十二\n", "utf-8")
    code, _, err = run(["check", str(path), "--form", FORM, "--lang", "en"], capsys)
    assert code == 2
    assert f"{path}:3:value" in err and "05A" in err

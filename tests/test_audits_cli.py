"""``wennuan-rules audit payments|visits`` on the bundled realistic samples; exit status 0/1/2.

The samples' faults were put there on purpose (see the comments); every figure below is counted by
hand.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from wennuan_rules.cli import main

SAMPLES = Path(str(resources.files("wennuan_rules").joinpath("data", "samples")))
ROSTER = SAMPLES / "pingdingshan-2010-roster.csv"
RETURN = SAMPLES / "pingdingshan-2010-roster-return.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_pingdingshan_roster_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "audit",
        "payments",
        str(ROSTER),
        "--campaign",
        "pingdingshan-2010",
        "--format",
        "json",
        "--return",
        str(RETURN),
    )
    assert code == 1
    report = json.loads(out)
    found = sorted((f["rule"].split("/", 1)[1], f["where"]) for f in report["findings"])
    # line 6: central money paid 2010-01-05 > 2009-12-31 (平工总［2009］38号 五(三));
    # line 9: a wrong check digit; line 12: paid 2010-01-26 before its file of 2010-01-28;
    # line 15: the person of line 3 paid again from provincial money (warning); line 19: no file
    assert found == [
        ("duplicate", "15"),
        ("file-before-aid", "12"),
        ("file-before-aid", "19"),
        ("real-name", "9"),
        ("spending-deadline/central-fiscal", "6"),
    ]
    assert report["counts"]["error"] == 4 and report["counts"]["warning"] == 1
    # 24 rows: amounts cycle 500, 800, 1000, 300 → 6 × 2600 = 15600 元 = 1.56 万元 (06A);
    # 困难劳模 are the 1000 rows → 0.6 (06B); 农民工 the 300 rows → 0.18 (06C)
    recon = {r["item"]: (r["roster"], r["ok"]) for r in report["extra"]["reconciliation"]}
    assert recon["06A"] == ("1.560000", True)
    assert recon["06B"] == ("0.600000", True)
    assert recon["06C"] == ("0.180000", True)
    # 政府拨款 05B ≥ central 3000 + provincial 4800 = 7800 元 = 0.78 万元
    assert recon["05B"] == ("0.780000", True)
    assert report["extra"]["totals"]["amount"] == "15600.00"


def test_wuhan_roster_sample_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "audit",
        "payments",
        str(SAMPLES / "wuhan-2015-roster.json"),
        "--campaign",
        "wuhan-2015",
        "--lang",
        "en",
    )
    # JA-006 (record 6) was paid in cash; 武工办〔2014〕74号 四(二) requires the union card
    assert code == 1
    assert "errors: 1, warnings: 0" in out and "[70] paid by cash" in out
    assert "江岸区总工会" in out


def test_visits_samples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "audit",
        "visits",
        str(SAMPLES / "pingdingshan-2010-visits.json"),
        "--campaign",
        "pingdingshan-2010",
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(out)
    found = sorted(
        (f["rule"].split("/", 1)[1], f["where"], f["actual"]) for f in report["findings"]
    )
    # g3 at 钢司 saw 3 households, none of them its 困难农民工; visit 91 (its "{" on
    # line 1393) was on 2010-02-02
    assert found == [
        ("quota", "g3 钢司", "0"),
        ("quota", "g3 钢司", "3"),
        ("window", "1393", "2010-02-02"),
    ]
    code, out, _ = run(
        capsys,
        "audit",
        "visits",
        str(SAMPLES / "wuhan-2015-visits.csv"),
        "--campaign",
        "wuhan-2015",
        "--on-file",
        str(SAMPLES / "wuhan-2015-visits-on-file.json"),
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(out)
    # families JA-F05 and JA-F10 (records 5 and 10; their "{" on lines 33 and 68 of the
    # --on-file file) were never visited
    assert [f["where"] for f in report["findings"]] == ["33", "68"]
    assert report["extra"]["coverage"] == {"on_file": 12, "visited": 10, "missed": 2}


def test_clean_roster_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ROSTER.read_text(encoding="utf-8").splitlines()
    # keep the header and the rows without a deliberate fault (lines 2-5, 7-8)
    path = tmp_path / "clean.csv"
    path.write_text("\n".join([lines[0], *lines[1:5], *lines[6:8]]) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "audit", "payments", str(path), "--campaign", "pingdingshan-2010")
    assert code == 0, out


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "payments", "nowhere.csv", "--campaign", "pingdingshan-2010"],
        ["audit", "payments", str(ROSTER), "--campaign", "nowhere-1999"],
        ["audit", "payments", str(ROSTER), "--campaign", "henan-2018", "--return", str(RETURN)],
        ["audit", "payments", str(ROSTER), "--campaign", "pingdingshan-2010", "--tolerance", "x"],
        ["audit", "visits", str(ROSTER), "--campaign", "pingdingshan-2010"],
    ],
)
def test_unusable_input_exits_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err

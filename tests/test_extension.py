"""A fictitious campaign added as data files only (tests/data/extension/, docs/extending.md) goes
through ``campaigns``, ``forms``, ``check``, ``assess`` and ``audit payments``; the expected
results below are computed by hand from the files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import wennuan_rules as wr
from wennuan_rules.cli import main

EXT = Path(__file__).parent / "data" / "extension"
INPUT = EXT / "input"
ID = "testland-2030"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(EXT), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def extension() -> Iterator[Path]:
    wr.add_data_dir(EXT)
    try:
        yield EXT
    finally:
        wr.remove_data_dir(EXT)


def test_only_data_files_were_added() -> None:
    # nothing of the campaign is in the package: it is found in the data directory alone
    bundled = Path(str(resources.files("wennuan_rules")))
    assert not list(bundled.rglob("*testland*"))
    if not wr.data_dirs():  # the data directory is not read unless asked for
        assert ID not in [c.id for c in wr.campaigns()]
    py = [p.name for p in EXT.rglob("*.py")]
    assert py == []  # its one group is written as data: no module


def test_campaigns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "campaigns", "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)][-1] == ID  # by its festival, after 2022
    code, out, _ = _run(capsys, "campaigns", ID, "--format", "json", "--lang", "en")
    data = json.loads(out)
    # 元旦 2030 to 正月十五 2030 (春节 2030-02-03, so 2030-02-17)
    assert (data["period"]["start"], data["period"]["end"]) == ("2030-01-01", "2030-02-17")
    assert [g["id"] for g in data["groups"]] == ["low-income-hardship"]
    assert data["groups"][0]["label"] == "low-income worker families in hardship"


def test_forms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "forms", f"{ID}:swn", "--lang", "en")
    assert code == 0
    assert "A = A1 + A2" in out and "测试市总工会 2029-12-01 附件 编号1 A=A1+A2" in out


def test_check(capsys: pytest.CaptureFixture[str]) -> None:
    # A = 3 but A1 + A2 = 1 + 1.5 = 2.5: one error, the other three unit checks pass
    code, out, _ = _run(capsys, "check", str(INPUT / "return.json"), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["counts"] == {"error": 1, "warning": 0, "passed": 3, "not_evaluated": 0}
    (finding,) = report["findings"]
    assert finding["rule"] == f"{ID}:swn/A=sum"
    assert (finding["expected"], finding["actual"]) == ("2.5", "3")


def test_assess(capsys: pytest.CaptureFixture[str]) -> None:
    # 低保 800 × 1.5 = 1200 per person: H1 3600/3 = 1200 (以内: within); H2 1200.01 (over);
    # H3 500 but no cause
    code, out, _ = _run(
        capsys,
        "assess",
        str(INPUT / "households.json"),
        "--campaign",
        ID,
        "--on",
        "2030-01-15",
        "--format",
        "json",
    )
    assert code == 0
    rows = json.loads(out)
    assert [(a["ref"], a["eligible"]) for a in rows] == [
        ("H1", ["low-income-hardship"]),
        ("H2", []),
        ("H3", []),
    ]
    income = rows[0]["decisions"][0]["reasons"][0]
    assert income["values"]["standard"] == "800" and income["values"]["per_capita"] == "1200.00"
    assert rows[0]["decisions"][0]["label"] == "低收入困难职工家庭"


def test_audit_payments(capsys: pytest.CaptureFixture[str]) -> None:
    # row 3 (the second payment) has a wrong check digit; 10000 + 15000 yuan = 2.5 万元 ≠ A = 3
    code, out, _ = _run(
        capsys,
        "audit",
        "payments",
        str(INPUT / "roster.csv"),
        "--campaign",
        ID,
        "--return",
        str(INPUT / "return.json"),
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(out)
    assert [(f["rule"], f.get("where")) for f in report["findings"]] == [
        (f"{ID}:payments/real-name", "3"),
        (f"{ID}:payments/reconcile/A", None),
    ]
    assert report["extra"]["totals"]["amount"] == "25000.00"


def test_environment_variable() -> None:
    env = {**os.environ, "WENNUAN_RULES_DATA": str(EXT)}
    done = subprocess.run(
        [sys.executable, "-m", "wennuan_rules.cli", "campaigns", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0 and f"\n{ID}," in done.stdout


def test_python_api(extension: Path) -> None:
    assert wr.get_campaign(ID).region == "testland"
    assert wr.get_form(f"{ID}:swn").id == f"{ID}:swn"
    a = wr.assess(
        {"members": 1, "monthly_income": "1200", "causes": ["disaster"]}, ID, "2030-01-02"
    )
    assert a.eligible == ("low-income-hardship",)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(EXT, folder)
    return folder


def test_a_module_beside_the_data_file_is_loaded_by_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    (folder / "campaigns" / f"{ID}.py").write_text(
        "from wennuan_rules.eligibility import Fact, Logic\n"
        "def build(campaign, options):\n"
        "    return Logic(groups={'low-income-hardship': Fact('migrant_worker', campaign.cite)})\n",
        encoding="utf-8",
    )
    facts = tmp_path / "h.json"
    facts.write_text('{"members": 1, "monthly_income": "99999", "migrant_worker": true}')
    code = main(
        ["--data-dir", str(folder), "assess", str(facts), "--campaign", ID, "--format", "json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["eligible"] == ["low-income-hardship"]
    assert out["decisions"][0]["label"] == "低收入困难职工家庭"  # still from the data


def test_a_campaign_without_rules_is_listed_and_assess_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path)
    path = folder / "campaigns" / f"{ID}.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("criteria = [")
    end = text.index("\n]\n", start) + 3
    path.write_text(text[:start] + text[end:], "utf-8")
    assert main(["--data-dir", str(folder), "campaigns", ID]) == 0
    capsys.readouterr()
    code = main(
        ["--data-dir", str(folder), "assess", str(INPUT / "households.json"), "--campaign", ID]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "活动 testland-2030 没有认定规则" in err and "未知" not in err

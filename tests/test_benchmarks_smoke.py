"""Smoke test: every benchmark script runs end to end at a tiny size and only prints.

The figures themselves come from running the scripts (see benchmarks/README.md); speed is never
asserted here. One pair each (the harness refuses to write figures from fewer than 5).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
DOC = BENCHMARKS.parent / "docs" / "performance.md"

pytestmark = pytest.mark.benchmark_smoke


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))


@pytest.mark.parametrize(
    ("script", "argv", "expected"),
    [
        ("bench_validate", ["--n", "30", "--no-memory"], "(b) wide CSV file"),
        ("bench_assess", ["--n", "30", "--no-memory"], "`assess_many` from dicts"),
        ("bench_audit", ["--n", "30", "--no-memory"], "(b) roster file"),
        ("bench_startup", [], "`wennuan-rules check --sample` vs `python -c pass`"),
        ("bench_excel", ["--n", "30", "--no-memory"], "(c) check + `--annotate`"),
    ],
)
def test_script_runs_and_prints_its_table(
    script: str, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = DOC.read_text(encoding="utf-8")
    module = importlib.import_module(script)
    assert module.main([*argv, "--pairs", "1", "--no-write"]) == 0
    out = capsys.readouterr().out
    assert expected in out
    assert "ratio (per pair)" in out
    assert DOC.read_text(encoding="utf-8") == before  # --no-write leaves the doc alone


def test_too_few_pairs_are_never_written(capsys: pytest.CaptureFixture[str]) -> None:
    harness = importlib.import_module("_harness")
    harness.interleaved(lambda: 1, lambda: 1, 1)
    with pytest.raises(SystemExit, match="fewer than 5 pairs"):
        harness.finish("## nowhere", ["text"], no_write=False)
    assert "nowhere" not in DOC.read_text(encoding="utf-8")


def test_disagreeing_sides_stop_the_benchmark() -> None:
    harness = importlib.import_module("_harness")
    with pytest.raises(SystemExit, match="disagree"):
        harness.interleaved(lambda: 1, lambda: 2, 5)


def teardown_module() -> None:
    for name in (
        "bench_validate",
        "bench_assess",
        "bench_audit",
        "bench_startup",
        "bench_excel",
        "_harness",
    ):
        sys.modules.pop(name, None)

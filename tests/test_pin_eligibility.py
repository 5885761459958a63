"""Issue 14, point 1: every decision path of every group of every campaign pinned at its boundaries,
through the public entry points only (``wr.assess``, ``Assessment.eligible`` / ``.undetermined`` /
``.decision`` / ``.categories`` / ``.documents`` / ``.to_dict``, ``wennuan-rules assess --format
json``). The cases and their hand-worked values are in tests/pin_cases.py."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import wennuan_rules as wr
from pin_cases import CASES, ON, PDS_DIBAO, PDS_DIBAO_START, Case
from wennuan_rules._data import is_bundled
from wennuan_rules.cli import main

E, N, U = "eligible", "not-eligible", "undetermined"
LANGS = ("zh-Hans", "zh-Hant", "en")


def _params() -> wr.Parameters:
    return wr.Parameters.bundled().with_value(
        "dibao",
        region="pingdingshan",
        start=PDS_DIBAO_START,
        value=PDS_DIBAO,
        source="a user's 低保 standard (test)",
    )


def _assess(case: Case) -> wr.Assessment:
    params = _params() if case.pds_dibao else None
    return wr.assess(case.facts, case.campaign, on=case.on, parameters=params)


def _decision(a: wr.Assessment, case: Case) -> Any:
    if case.category:
        return next(d for d in a.categories if d.group == case.group)
    return a.decision(case.group)


# -- every group has a table ----


# The bundled campaigns: a user's own campaign (a data directory) brings its own tests.
BUNDLED = [c.id for c in wr.campaigns() if is_bundled(c.file)]


def test_every_campaign_has_a_decision_date() -> None:
    assert set(BUNDLED) == set(ON)


@pytest.mark.parametrize("campaign", BUNDLED)
def test_every_group_has_a_boundary_table_with_both_outcomes(campaign: str) -> None:
    """A group added to a campaign's data without boundary cases in tests/pin_cases.py fails
    here."""
    groups = [g.id for g in wr.get_campaign(campaign).groups]
    a = wr.assess({"members": 1, "monthly_income": "1"}, campaign, on=ON[campaign])
    categories = [d.group for d in a.categories]
    tabled: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for case in CASES:
        if case.campaign == campaign:
            tabled[(case.group, case.category)].add(case.status)
    assert {g for g, cat in tabled if not cat} == set(groups)
    assert {g for g, cat in tabled if cat} == set(categories)
    for (group, _cat), statuses in tabled.items():
        assert {E, N} <= statuses, group


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


# -- each case through the Python API ----


def _income_reason_ok(case: Case, reasons: list[dict[str, Any]]) -> None:
    """The explanation shows the hand-computed limit and the comparison the decision used."""
    # 03C's lower bound is "income-not-below" (issue 9 point 12): at or above the limit is met
    (r,) = [r for r in reasons if r["criterion"] in ("income-within", "income-not-below")]
    v = r["values"]
    assert Decimal(v["limit"]) == Decimal(case.limit)  # type: ignore[arg-type]
    period = "monthly" if "monthly_income" in case.facts else "annual"
    amount = case.facts[f"{period}_income"]
    assert (v["period"], v["members"], Decimal(v["income"])) == (
        period,
        str(case.facts["members"]),
        Decimal(amount),
    )
    strict = case.category  # 03B 低于 (<); changzhou 以内 (≤)
    op = ("<" if r["met"] else "≥") if strict else ("≤" if r["met"] else ">")
    if r["criterion"] == "income-not-below":  # 03C 略高于: not below (≥)
        op = "≥" if r["met"] else "<"
    assert v["comparison"] == op
    assert f" {op} " in r["message"]
    assert r["parameter"]["region"] in ("changzhou-edz", "pingdingshan")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_boundary_case(case: Case) -> None:
    a = _assess(case)
    d = _decision(a, case)
    assert (d.status, d.eligible) == (case.status, case.status == E)
    assert tuple(r.met for r in d.reasons) == case.mets
    if not case.category:
        assert (case.group in a.eligible) is (case.status == E)
        assert (case.group in a.undetermined) is (case.status == U)
    for lang in LANGS:
        out = a.to_dict(lang)
        entries = out["categories"] if case.category else out["decisions"]
        key = "category" if case.category else "group"
        (entry,) = [e for e in entries if e[key] == case.group]
        assert (entry["status"], entry["eligible"]) == (case.status, case.status == E)
        assert [r["met"] for r in entry["reasons"]] == list(case.mets)
        assert out["eligible"] == list(a.eligible)
        assert out["undetermined"] == list(a.undetermined)
        if case.limit is not None and lang == "en":
            _income_reason_ok(case, entry["reasons"])


# -- the same cases through the CLI (--format json) ----


def _cli_batches() -> dict[tuple[str, bool], list[Case]]:
    batches: dict[tuple[str, bool], list[Case]] = defaultdict(list)
    for case in CASES:
        batches[(case.campaign, case.pds_dibao)].append(case)
    return batches


@pytest.mark.parametrize(
    ("campaign", "pds_dibao"), sorted(_cli_batches()), ids=lambda v: str(v).lower()
)
def test_cli_json_agrees_with_every_case(
    campaign: str, pds_dibao: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _cli_batches()[(campaign, pds_dibao)]
    path = tmp_path / "households.json"
    path.write_text(
        json.dumps([{**c.facts, "ref": c.id} for c in cases], ensure_ascii=False), "utf-8"
    )
    args = ["assess", str(path), "--campaign", campaign, "--on", ON[campaign], "--format", "json"]
    if pds_dibao:
        params = tmp_path / "dibao.toml"
        params.write_text(
            'name = "dibao"\n[[values]]\nregion = "pingdingshan"\n'
            f'start = {PDS_DIBAO_START.isoformat()}\nvalue = "{PDS_DIBAO}"\nsource = "test"\n',
            "utf-8",
        )
        args += ["--parameters", str(params)]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert [o["ref"] for o in out] == [c.id for c in cases]
    for case, got in zip(cases, out, strict=True):
        entries = got["categories"] if case.category else got["decisions"]
        key = "category" if case.category else "group"
        (entry,) = [e for e in entries if e[key] == case.group]
        assert (entry["status"], entry["eligible"]) == (case.status, case.status == E), case.id
        assert [r["met"] for r in entry["reasons"]] == list(case.mets), case.id
        if not case.category:
            assert (case.group in got["eligible"]) is (case.status == E), case.id
            assert (case.group in got["undetermined"]) is (case.status == U), case.id


# -- dates around the 低保 standard's start and the documents deadline ----

LIVING_AT_LIMIT = {  # 2 × 900 × 3 members = 5400.00 monthly: within (4)'s limit
    "members": 3,
    "monthly_income": "5400.00",
    "has_labour_contract": True,
    "causes": ["illness"],
    "stable_labour_relation": False,
    "basic_living_difficulty": False,
}


def test_no_dibao_standard_in_force_the_day_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # changzhou-edz 900 元 starts on 2021-01-01: on 2020-12-31 no standard, never a decision
    with pytest.raises(wr.ParameterError, match="2020-12-31"):
        wr.assess(LIVING_AT_LIMIT, "changzhou-edz-2021", on="2020-12-31")
    path = tmp_path / "h.json"
    path.write_text(json.dumps(LIVING_AT_LIMIT), "utf-8")
    argv = ["assess", str(path), "--campaign", "changzhou-edz-2021", "--format", "json"]
    assert main([*argv, "--on", "2020-12-31"]) == 2
    assert capsys.readouterr().out == ""
    # on the first day and the day after, 5400.00 ≤ 5400 is within
    for on in ("2021-01-01", "2021-01-02"):
        a = wr.assess(LIVING_AT_LIMIT, "changzhou-edz-2021", on=on)
        assert a.eligible == ("living-difficulty",)
        assert main([*argv, "--on", on]) == 0
        assert json.loads(capsys.readouterr().out)["eligible"] == ["living-difficulty"]


def test_a_region_without_a_standard_is_never_eligible_on_an_income_test() -> None:
    # changzhou's income groups need a standard: a region without one is an error, not eligible
    facts = {**LIVING_AT_LIMIT, "region": "pingdingshan"}
    with pytest.raises(wr.ParameterError, match="pingdingshan"):
        wr.assess(facts, "changzhou-edz-2021", on="2021-01-10")
    # pingdingshan-2010 line 03(B) is undetermined instead, and names the region and date
    a = wr.assess(
        {
            "members": 1,
            "monthly_income": "0",
            **{"hardship_file": {"category": "deep", "filed_on": "2009-01-01"}},
        },
        "pingdingshan-2010",
        on="2010-01-25",
    )
    (b,) = [d for d in a.to_dict("en")["categories"] if d["category"] == "03B"]
    assert (b["status"], b["eligible"]) == (U, False)
    income = b["reasons"][-1]
    assert income["met"] is None
    assert "pingdingshan" in income["message"] and "2010-01-25" in income["message"]


SERIOUS_WITH_DOCS = {
    "members": 3,
    "monthly_income": "8100.00",  # 3 × 900 × 3 = 8100: within (3)
    "has_labour_contract": True,
    "major_illness": True,
    "annual_medical_out_of_pocket": "10000.01",
    "documents": [
        "application-form",
        "hardship-statement",
        "income-certificate",
        "household-register",
        "labour-contract",
        "id-card",
        "union-card",
        "publicity",
        "diagnosis",
        "medical-receipts",
    ],
}


@pytest.mark.parametrize(
    ("submitted_on", "on_time"),
    [("2021-01-17", True), ("2021-01-18", True), ("2021-01-19", False)],
)
def test_documents_deadline_2021_01_18_is_inclusive(submitted_on: str, on_time: bool) -> None:
    a = wr.assess(
        {**SERIOUS_WITH_DOCS, "submitted_on": submitted_on}, "changzhou-edz-2021", on="2021-01-10"
    )
    assert a.eligible == ("serious-illness",)
    docs = a.documents
    assert docs is not None
    assert (docs.on_time, docs.complete, docs.missing) == (on_time, on_time, ())
    out = a.to_dict("en")["documents"]
    assert (out["deadline"], out["on_time"], out["complete"]) == ("2021-01-18", on_time, on_time)


@pytest.mark.parametrize(
    ("income", "binds", "eligible"),
    [
        # the option makes (4)'s 2 × 900 × 3 = 5400.00 limit bind the second clause too
        ("5400.00", True, True),
        ("5400.01", True, False),
        ("5400.01", False, True),  # default: the second clause has no income test
    ],
)
def test_living_difficulty_second_clause_with_the_income_option(
    income: str, binds: bool, eligible: bool
) -> None:
    facts = {
        **LIVING_AT_LIMIT,
        "monthly_income": income,
        "causes": [],
        "stable_labour_relation": True,
        "basic_living_difficulty": True,
    }
    options = {"living_difficulty_income_test_binds_migrant_clause": binds}
    a = wr.assess(facts, "changzhou-edz-2021", on="2021-01-10", options=options)
    assert ("living-difficulty" in a.eligible) is eligible
    assert a.decision("living-difficulty").eligible is eligible


def test_decision_date_is_a_date() -> None:
    a = wr.assess(LIVING_AT_LIMIT, "changzhou-edz-2021", on=dt.date(2021, 1, 10))
    assert a.to_dict()["on"] == "2021-01-10"

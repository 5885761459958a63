"""The audit rule registry: one function per rule, each citing its clause, chosen per campaign by
its audit data file (docs/audits.md, "Rules")."""

from __future__ import annotations

import datetime as dt
import json
import sys
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan_rules.audits import (
    Payment,
    audit_data,
    audit_payments,
    audit_visits,
    load_audit_data,
    read_families,
    read_visits,
)
from wennuan_rules.audits.rules import registered
from wennuan_rules.campaign import campaigns
from wennuan_rules.errors import DataFileError
from wennuan_rules.report import Severity

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
import bench_audit  # the benchmark's roster breaks every payment rule

SAMPLES = Path(str(resources.files("wennuan_rules").joinpath("data", "samples")))
PAYMENT_RULES = (
    "real-name",
    "file-before-aid",
    "spending-deadline",
    "period",
    "channel",
    "amount",
    "duplicate",
    "group",
    # issue 9 point 14 (平工总［2009］38号 附件3 三1)
    "recipient-category",
    "employer-union",
    "reconcile",
)
# issue 9 points 15 (附件4, 附件3 三6) and 16 (四(一) 五必访)
VISIT_RULES = ("group", "window", "quota", "coverage", "grouping", "leaders", "must-visit")


def _roster() -> list[object]:
    """About 3,000 rows breaking every payment rule (channels and groups varied too)."""
    # the benchmark now yields rows as dicts of strings (bench merge); read them as payments
    rows = [
        Payment.from_mapping({k: v or None for k, v in r.items()}, row=i + 2)
        for i, r in enumerate(bench_audit.roster(3000, 1))
    ]
    channels = ("bank-card", "cash", "goods", "union-card")
    return [
        attrs.evolve(p, channel=type(p.channel).from_text(channels[i % 4]))  # type: ignore[attr-defined]
        if i % 7 == 0
        else p
        for i, p in enumerate(rows)
    ]


ROSTER = _roster()


def test_the_registry_holds_todays_rules_in_todays_order() -> None:
    assert [r.name for r in registered("payments")] == list(PAYMENT_RULES)
    assert [r.name for r in registered("visits")] == list(VISIT_RULES)
    assert {r.id: r.severity for r in registered()}["payments/duplicate"] is Severity.WARNING


@pytest.mark.parametrize("rule", registered(), ids=lambda r: r.id)
def test_every_rule_cites_its_clause(rule: object) -> None:
    assert rule.clause.strip() and rule.summary.strip()  # type: ignore[attr-defined]
    assert "severity" in rule.params  # type: ignore[attr-defined]


@pytest.mark.parametrize("campaign", [c.id for c in campaigns()])
def test_every_finding_of_every_campaign_cites_a_source(campaign: str) -> None:
    values = {"06A": "1", "05A": "1", "D": "1", "C": "1", "B": "1"}
    report = audit_payments(iter(ROSTER), campaign, return_values=values)
    visits = audit_visits(
        read_visits(SAMPLES / "wuhan-2015-visits.csv"),
        campaign,
        families=read_families(SAMPLES / "wuhan-2015-visits-on-file.json"),
        require_coverage=True,
    )
    ids = {f"{campaign}:{r.id}" for r in registered()}
    assert report.findings and visits.findings
    for finding in (*report.findings, *visits.findings):
        assert finding.source.strip(), finding.rule
        assert any(finding.rule == i or finding.rule.startswith(i + "/") for i in ids)


@pytest.mark.parametrize("campaign", ["pingdingshan-2010", "wuhan-2015", "changzhou-edz-2021"])
def test_bundled_audit_data_lists_every_rule(campaign: str) -> None:
    info = audit_data(campaign)
    assert [u.rule.name for u in info.rules("payments")] == list(PAYMENT_RULES)
    assert [u.rule.name for u in info.rules("visits")] == list(VISIT_RULES)


def _data(tmp_path: Path, rules: str) -> Path:
    path = tmp_path / "audit.toml"
    path.write_text(f'campaign = "pingdingshan-2010"\n\n[rules]\n{rules}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rules", "key"),
    [
        ('payments = ["period", "real-names"]', "rules.payments[1]"),
        ('visits = ["window", "period"]', "rules.visits[1]"),
        ('payments = ["period", "period"]', "rules.payments[1]"),
        ('payments = [{ id = "amount", minimum = 1 }]', "rules.payments[0].minimum"),
        ('payments = [{ id = "amount", severity = "fatal" }]', "rules.payments[0].severity"),
        ("payments = [3]", "rules.payments[0]"),
        ('audits = ["period"]', "rules.audits"),
    ],
)
def test_a_data_file_naming_an_unknown_rule_is_refused(
    tmp_path: Path, rules: str, key: str
) -> None:
    path = _data(tmp_path, rules)
    with pytest.raises(DataFileError) as info:
        load_audit_data(path)
    assert info.value.file == str(path) and info.value.what == key


def test_a_data_file_chooses_the_rules_and_their_severity(tmp_path: Path) -> None:
    info = load_audit_data(
        _data(tmp_path, 'payments = ["period", { id = "duplicate", severity = "error" }]')
    )
    report = audit_payments(iter(ROSTER), "pingdingshan-2010", data=info)
    rules = {f.rule for f in report.findings}
    assert rules == {"pingdingshan-2010:payments/period", "pingdingshan-2010:payments/duplicate"}
    # issue 9 point 13: period's own severity is a warning now; duplicate is raised to an error
    assert all(
        f.severity is (Severity.WARNING if f.rule.endswith("/period") else Severity.ERROR)
        for f in report.findings
    )
    assert set(report.extra["rules"]) == rules  # the rules not listed are not counted either
    # a kind the file does not list runs every rule
    assert [u.rule.name for u in info.rules("visits")] == list(VISIT_RULES)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(PAYMENT_RULES[:-1]), unique=True, min_size=1), st.randoms())
def test_a_subset_of_rules_finds_what_the_whole_audit_finds_of_them(
    names: list[str], rnd: object
) -> None:
    whole = audit_payments(iter(ROSTER), "wuhan-2015")
    full = audit_data("wuhan-2015")
    uses = {u.rule.name: u for u in full.rules("payments")}
    subset = attrs.evolve(full, rule_lists=(("payments", tuple(uses[n] for n in names)),))
    part = audit_payments(iter(ROSTER), "wuhan-2015", data=subset)
    chosen = {f"wuhan-2015:payments/{n}" for n in names}

    def mine(rule: str) -> bool:
        return rule in chosen or any(rule.startswith(c + "/") for c in chosen)

    expected = [f for f in whole.findings if mine(f.rule)]
    in_order = [n for n in PAYMENT_RULES if n in names] == names
    # rows in file order, and within a row the rules in the order listed
    assert (part.findings == tuple(expected)) if in_order else (set(part.findings) == set(expected))
    assert {r: c for r, c in whole.extra["rules"].items() if mine(r)} == part.extra["rules"]


def test_findings_stay_in_row_order_across_batches() -> None:
    rows = [attrs.evolve(p, paid_on=dt.date(2030, 1, 1)) for p in ROSTER[:1500]]
    report = audit_payments(iter(rows), "pingdingshan-2010")
    period = [int(f.where) for f in report.findings if f.rule.endswith("/period")]
    assert period == sorted(period) and len(period) == 1500


def test_the_command_line_runs_the_rules_a_data_file_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wennuan_rules.cli import main

    roster = str(SAMPLES / "pingdingshan-2010-roster.csv")
    argv = ["audit", "payments", roster, "--campaign", "pingdingshan-2010", "--format", "json"]
    only = _data(tmp_path, 'payments = ["period"]')
    assert main([*argv, "--audit-data", str(only)]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert set(report["extra"]["rules"]) <= {"pingdingshan-2010:payments/period"}
    bad = _data(tmp_path, 'payments = ["period", "real_name"]')
    assert main([*argv, "--audit-data", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "rules.payments[1]" in err and "real-name" in err  # the key, and the rules it may name

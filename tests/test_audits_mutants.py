"""Audit behaviours that mutation testing found unpinned (docs/reliability.md, issue 14): the fields
and messages of the readers' refusals, the reconciliation entries of the report, the quota message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wennuan_rules as wr
from test_audits_payments import _pdsh_roster  # the pingdingshan-2010 roster, totals computed there
from test_audits_visits import visits
from wennuan_rules.audits import (
    VisitGroup,
    VisitPlan,
    audit_payments,
    audit_visits,
    read_families,
    read_visits,
)
from wennuan_rules.errors import InputFileError, InvalidValueError


def _refusal(tmp_path: Path, reader, name: str, data: object) -> InputFileError:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(InputFileError) as info:
        reader(path)
    assert info.value.file == str(path)  # the error names the file read
    return info.value


def test_family_that_is_not_an_object_is_named(tmp_path: Path) -> None:
    e = _refusal(tmp_path, read_families, "f.json", [42])
    assert (e.what, e.expected, e.got) == ("family", "an object", "int")
    assert e.message("en").endswith("family: expected an object, got int")


def test_unknown_family_field_is_named(tmp_path: Path) -> None:
    e = _refusal(tmp_path, read_families, "f.json", [{"ref": "a", "bogus": 1}])
    assert (e.what, e.got) == ("family field", "bogus")
    from wennuan_rules.audits.visits import FAMILY_FIELDS

    assert e.message("en").endswith(
        "family field: unknown value bogus; expected one of " + ", ".join(FAMILY_FIELDS)
    )


def test_family_without_ref_or_id_number(tmp_path: Path) -> None:
    e = _refusal(tmp_path, read_families, "f.json", [{"name": "张三"}])
    assert e.what == "ref"
    assert e.message("en").endswith(
        "ref: a value is required; expected a ref or an id_number to match the family with visits"
    )


def test_group_id_that_is_not_text_is_named(tmp_path: Path) -> None:
    e = _refusal(tmp_path, read_visits, "v.json", {"groups": [{"id": [1]}]})
    assert (e.what, e.expected) == ("id", "text")
    assert e.message("en").endswith("groups: id: expected text, got [1]")


def test_group_households_not_a_list_is_named(tmp_path: Path) -> None:
    e = _refusal(tmp_path, read_visits, "v.json", {"groups": [{"id": "g1", "households": 5}]})
    assert (e.what, e.expected, e.got) == ("households", "a list of objects", "int")
    assert e.message("en").endswith("households: expected a list of objects, got int")


def test_planned_household_keeps_its_unit(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    plan = {
        "groups": [{"id": "g1", "households": [{"ref": "h1", "kind": "worker", "unit": "叶县"}]}]
    }
    path.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")
    household = read_visits(path).groups[0].households[0]
    assert (household.ref, household.kind, household.unit) == ("h1", "worker", "叶县")


def test_payment_row_of_the_wrong_type_is_named() -> None:
    with pytest.raises(InvalidValueError) as info:
        audit_payments([42], "pingdingshan-2010")  # type: ignore[list-item]
    e = info.value
    assert (e.what, e.expected, e.got) == (
        "payments[0]",
        "a Payment or a mapping of roster fields",
        "int",
    )


def test_reconciliation_entry_names_item_measure_and_relation() -> None:
    # 06A = 2534.56 元 paid = 0.253456 万元 (test_audits_payments.py); given as text with its unit
    report = audit_payments(
        _pdsh_roster(), "pingdingshan-2010", return_values={"06A": "0.253456万元"}
    )
    (entry,) = [r for r in report.extra["reconciliation"] if r["item"] == "06A"]
    assert entry == {
        "item": "06A",
        "measure": "amount",
        "relation": "eq",
        "roster": "0.253456",
        "return": "0.253456",
        "ok": True,
    }


def test_quota_message_names_the_group() -> None:
    log = visits("g1", "叶县", ["model-worker", "migrant-worker", "worker"])
    report = audit_visits(log, "pingdingshan-2010")
    quota = [f.message.render("en") for f in report.findings if f.rule.endswith("/quota")]
    assert quota and all("g1" in m for m in quota), quota


def test_visit_report_counts_groups_and_visits() -> None:
    plan = VisitPlan(
        groups=(VisitGroup(id="g1"), VisitGroup(id="g2")),
        visits=tuple(visits("g1", "叶县", ["model-worker", "migrant-worker", "worker"])),
    )
    extra = audit_visits(plan, "pingdingshan-2010").extra
    assert (extra["campaign"], extra["groups"], extra["visits"]) == ("pingdingshan-2010", 2, 3)


def test_a_return_of_another_form_is_refused_by_name() -> None:
    other = wr.Return(form="other-form", values={})
    with pytest.raises(InvalidValueError) as info:
        audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values=other)
    assert info.value.message("en") == (
        "return_values: expected a return of pingdingshan-2010:swn, got other-form"
    )


# -- found by the second sample after the redesign (seed 20261130, docs/reliability.md) ----------


def test_planned_household_ref_that_is_not_text_is_named(tmp_path: Path) -> None:
    plan = {"groups": [{"id": "g1", "households": [{"ref": [1], "kind": "worker"}]}]}
    e = _refusal(tmp_path, read_visits, "v.json", plan)
    assert (e.what, e.expected) == ("ref", "text")
    assert e.message("en").endswith("groups: ref: expected text, got [1]")


def test_a_reconciliation_that_does_not_add_up_names_the_item() -> None:
    # 06A = 2534.56 元 paid = 0.253456 万元 (test_audits_payments.py); the return says 0.25
    report = audit_payments(_pdsh_roster(), "pingdingshan-2010", return_values={"06A": "0.25"})
    (finding,) = [f for f in report.findings if f.rule.endswith("/reconcile/06A")]
    assert finding.message.render("en") == (
        "the roster adds up to 0.253456 (10,000 yuan) for 06A; the return reports 0.25"
    )
    assert finding.message.render("zh-Hans") == "名册中 06A 合计 0.253456 万元；统计表填报 0.25"


def test_groups_that_are_not_a_list_are_named(tmp_path: Path) -> None:
    e = _refusal(tmp_path, read_visits, "v.json", {"groups": 5})
    assert (e.what, e.expected, e.got) == ("groups", "a list of groups", "int")
    assert e.message("en").endswith("groups: expected a list of groups, got int")
    assert e.message("zh-Hans").endswith("groups：应为 慰问组列表，实为 int")


def test_a_visit_report_gives_the_campaign_window() -> None:
    plan = VisitPlan(groups=(VisitGroup(id="g1"),), visits=tuple(visits("g1", "叶县", ["worker"])))
    extra = audit_visits(plan, "pingdingshan-2010").extra
    assert extra["window"] == {"start": "2010-01-25", "end": "2010-02-01"}


def test_totals_by_group_show_a_typed_group_in_clear_only_when_asked() -> None:
    from decimal import Decimal

    from test_audits_payments import pay

    roster = [
        pay(row=2, amount=Decimal("500.00"), group="model-worker"),
        pay(row=3, amount=Decimal("100.00"), group="王小明 13812345678"),  # a name in 类别
    ]
    masked = audit_payments(roster, "pingdingshan-2010").extra["totals"]["by_group"]
    assert masked == {"model-worker": "500.00", "王** 138****5678": "100.00"}
    shown = audit_payments(roster, "pingdingshan-2010", show_personal_data=True)
    assert shown.extra["totals"]["by_group"] == {
        "model-worker": "500.00",
        "王小明 13812345678": "100.00",
    }

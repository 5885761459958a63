"""Property tests: monotone in income and in medical costs; exact boundaries; three-valued logic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.strategies._households import boundary_households, households

C = "changzhou-edz-2021"
ON = dt.date(2021, 1, 10)
INCOME_GROUPS = ("serious-illness", "living-difficulty")


def _with_income(hh: wr.Household, amount: Decimal) -> wr.Household:
    if hh.monthly_income is not None:
        return attrs.evolve(hh, monthly_income=amount)
    return attrs.evolve(hh, annual_income=amount)


def _income(hh: wr.Household) -> Decimal:
    value = hh.monthly_income if hh.monthly_income is not None else hh.annual_income
    assert value is not None
    return value


@settings(max_examples=150)
@given(households(), st.integers(0, 500_000))
def test_eligibility_never_appears_when_income_rises(hh: wr.Household, cents: int) -> None:
    richer = _with_income(hh, _income(hh) + Decimal(cents) / 100)
    before = set(wr.assess(hh, C, ON).eligible)
    after = set(wr.assess(richer, C, ON).eligible)
    for g in INCOME_GROUPS:
        assert not (g in after and g not in before)


@settings(max_examples=150)
@given(households(stated=True), st.integers(0, 2_000_000))
def test_eligibility_never_disappears_when_medical_costs_rise(hh: wr.Household, cents: int) -> None:
    base = hh.annual_medical_out_of_pocket or Decimal(0)
    sicker = attrs.evolve(hh, annual_medical_out_of_pocket=base + Decimal(cents) / 100)
    before = set(wr.assess(hh, C, ON).eligible)
    after = set(wr.assess(sicker, C, ON).eligible)
    assert before <= after


@settings(max_examples=200)
@given(boundary_households(multiples=(2, 3)))
def test_boundaries_are_exact(hh: wr.Household) -> None:
    # "以内" is inclusive: at the line or below passes, one 分 above fails; "超过" is strict.
    a = wr.assess(hh, C, ON)
    income = _income(hh)
    months = 1 if hh.monthly_income is not None else 12
    three = Decimal(3) * 900 * hh.members * months
    costs = hh.annual_medical_out_of_pocket
    assert costs is not None
    reasons = {r.criterion: r for r in a.decision("serious-illness").reasons}
    assert reasons["income-within"].met is (income <= three)
    assert reasons["medical-costs-over"].met is (costs > 10000)
    expected = (
        income <= three
        and bool(hh.has_labour_contract)
        and bool(hh.major_illness)
        and costs > Decimal(10000)
    )
    assert ("serious-illness" in a.eligible) is expected
    first = {r.criterion: r for r in a.decision("living-difficulty").reasons}["income-within"]
    assert first.met is (income <= Decimal(2) * 900 * hh.members * months)


@settings(max_examples=100)
@given(households())
def test_no_float_anywhere_in_the_explanation(hh: wr.Household) -> None:
    data = wr.assess(hh, C, ON).to_dict("en")

    def walk(x: object) -> None:
        assert not isinstance(x, float)
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)


@settings(max_examples=100)
@given(households())
def test_eligible_exactly_when_every_reason_path_holds(hh: wr.Household) -> None:
    a = wr.assess(hh, C, ON)
    for d in a.decisions:
        if d.eligible:
            assert d.status == "eligible" and any(r.met for r in d.reasons)
        if d.status == "undetermined":
            assert d.not_stated and not d.eligible
    assert a.eligible == tuple(d.group for d in a.decisions if d.eligible)


@settings(max_examples=50)
@given(st.lists(households(), max_size=20))
def test_assess_many_equals_assess_one_by_one(items: list[wr.Household]) -> None:
    many = [a.eligible for a in wr.assess_many(iter(items), C, ON)]
    assert many == [wr.assess(h, C, ON).eligible for h in items]


@settings(max_examples=100)
@given(
    households(),
    st.sampled_from(
        [c for c in ("pingdingshan-2010", "wuhan-2015", "pingdingshan-2022", "henan-2018")]
    ),
)
def test_other_campaigns_always_decide_or_say_why(hh: wr.Household, campaign: str) -> None:
    a = wr.assess(hh, campaign, "2018-02-01")
    # the generated fast path and the explained three-valued decisions agree
    assert a.eligible == tuple(d.group for d in a.decisions if d.eligible)
    for d in a.decisions:
        assert d.reasons
        assert d.eligible is (d.status == "eligible")


@settings(max_examples=100)
@given(
    st.lists(households(), min_size=1, max_size=8), st.sampled_from(["zh-Hans", "zh-Hant", "en"])
)
def test_shared_explanations_are_word_for_word_those_built_alone(
    many: list[wr.Household], lang: str
) -> None:
    # Reasons are shared between households that state the same facts and sentences are rendered
    # once; explaining a household after others must give exactly what a fresh context gives
    # (parameters=… compiles afresh, with empty tables).
    streamed = [a.to_dict(lang) for a in wr.assess_many(many, C, ON)]
    alone = [wr.assess(hh, C, ON, parameters=wr.Parameters.bundled()).to_dict(lang) for hh in many]
    assert streamed == alone

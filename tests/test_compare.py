"""Year on year (合理性审核): items that moved more than a set ratio are warnings naming both
values; blank items are not evaluated; nothing else changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.errors import InvalidValueError
from wennuan_rules.form.compare import BASIS, DEFAULT_RATIO
from wennuan_rules.report import Severity

FORM = "wuhan-2015:swn"


def test_golden_findings() -> None:
    this = {"01A": 1000, "01B": 200, "02A": 151, "02B": None, "04A": 5, "05A": "10.5"}
    last = {"01A": 1400, "01B": 100, "02A": 100, "02B": 30, "04A": 0, "05A": "7"}
    report = wr.compare(this, last, FORM)
    assert [f.rule for f in report.findings] == [
        f"{FORM}/yoy:01B",
        f"{FORM}/yoy:02A",
        f"{FORM}/yoy:04A",
    ]
    first = report.findings[0]
    assert first.severity is Severity.WARNING and first.items == ("01B",)
    assert (first.expected, first.actual) == ("100", "200")
    assert first.source == f"{BASIS} 武工办〔2014〕74号 附件1 01"
    assert first.message.render("en") == (
        "01B is 200 this year against 100 last year: a change of +100, more than 50% of last "
        "year's value"
    )
    assert first.message.render("zh-Hans") == (
        "01B 本年为 200，上年为 100：变动 +100，超过上年数值的 50%"
    )
    # 01A fell by 400 of 1400 (under half), 05A rose 3.5 of 7 (exactly half): both pass
    assert report.passed == 2
    assert f"{FORM}/yoy:02B" in report.not_evaluated  # blank this year
    assert f"{FORM}/yoy:03A" in report.not_evaluated  # blank in both
    assert report.ok  # warnings only


def test_ratio_is_set_by_the_user() -> None:
    this, last = {"01A": 130}, {"01A": 100}
    assert wr.compare(this, last, FORM).findings == ()
    (finding,) = wr.compare(this, last, FORM, ratio="0.2").findings
    assert "20%" in finding.message.render("en")
    assert Decimal("0.5") == DEFAULT_RATIO
    for bad in (0.2, "-1", "x"):
        with pytest.raises(InvalidValueError):
            wr.compare(this, last, FORM, ratio=bad)  # type: ignore[arg-type]


def test_returns_carry_their_form_and_unit() -> None:
    this = wr.make_return(FORM, {"01A": 10}, unit="江岸区总工会")
    last = wr.make_return(FORM, {"01A": 100})
    report = wr.compare(this, last)
    assert report.unit == "江岸区总工会" and len(report.findings) == 1
    with pytest.raises(InvalidValueError):
        wr.compare(this, wr.make_return("wuhan-2015:center", {}))
    with pytest.raises(InvalidValueError):
        wr.compare({"01A": 1}, {"01A": 1})


values = st.dictionaries(
    st.sampled_from(["01A", "01B", "02A", "04C", "05A"]),
    st.none() | st.integers(min_value=0, max_value=10**6).map(Decimal),
)


@given(values, values, st.decimals(min_value=0, max_value=5, places=2))
def test_findings_are_exactly_the_items_moved_too_far(
    this: dict[str, Decimal | None], last: dict[str, Decimal | None], ratio: Decimal
) -> None:
    report = wr.compare(this, last, FORM, ratio=ratio)
    flagged = {f.items[0] for f in report.findings}
    for code in {"01A", "01B", "02A", "04C", "05A"}:
        a, b = this.get(code), last.get(code)
        if a is None or b is None:
            assert code not in flagged
        else:
            moved = abs(a - b) > ratio * b or (b == 0 and a != 0)
            assert (code in flagged) == moved
    assert all(f.severity is Severity.WARNING for f in report.findings)
    assert wr.compare(this, this, FORM, ratio=ratio).findings == ()

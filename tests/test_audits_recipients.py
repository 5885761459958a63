"""Issue 9 point 14: whom 慰问款 may go to (平工总［2009］38号 附件3 三1
"慰问款必须定向用于建有工会组织的企事业单位的特困职工和困难劳动模范、农民工"): the roster rules
``payments/recipient-category`` and ``payments/employer-union``. Every figure is counted by hand."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wennuan_rules.audits import Payment, audit_payments, load_audit_data, read_roster
from wennuan_rules.cli import main
from wennuan_rules.errors import InputFileError
from wennuan_rules.strategies._rosters import payments

P10 = "pingdingshan-2010"
BUNDLED = Path(str(resources.files("wennuan_rules").joinpath("data", "audits", f"{P10}.toml")))
CATEGORY = f"{P10}:payments/recipient-category"
UNION = f"{P10}:payments/employer-union"
HEADER = "序号,姓名,身份证号,金额,发放日期,资金来源,发放方式,档案类别,建档日期,类别,单位是否建会\n"
ROW = "{n},张建国,{id},500.00,2010-01-26,工会拨款,现金,特困职工,2009-03-15,{group},{union}\n"
IDS = (
    "410402195501010113",
    "410403195602040131",
    "41040419570307015X",
    "410411195804100171",
    "410421195905130196",
)
# line: (类别, 单位是否建会)
ROWS = {
    2: ("困难职工", "是"),  # allowed, unionised: both pass
    3: ("困难劳模", "否"),  # allowed, no union: employer-union
    4: ("退休职工", "是"),  # not a category of 三1: recipient-category (and the group rule)
    5: ("", ""),  # says neither: both not evaluated
    6: ("困难农民工", ""),  # allowed; the union not stated: not evaluated
}


def write_roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    body = "".join(
        ROW.format(n=line - 1, id=IDS[line - 2], group=group, union=union)
        for line, (group, union) in ROWS.items()
    )
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def findings(report, rule: str) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.where, f.expected, f.actual) for f in report.findings if f.rule == rule]


def test_golden_roster(tmp_path: Path) -> None:
    report = audit_payments(read_roster(write_roster(tmp_path)), P10)
    assert findings(report, CATEGORY) == [("4", "worker, model-worker, migrant-worker", "退休职工")]
    assert findings(report, UNION) == [("3", "true", "false")]
    rules = report.extra["rules"]
    # category: lines 2, 3, 6 pass, 4 fails, 5 names none; union: 2 and 4 pass, 3 fails, 5 and 6
    # do not say (one run of rows)
    assert rules[CATEGORY] == {"passed": 3, "failed": 1, "not_evaluated": 1}
    assert rules[UNION] == {"passed": 2, "failed": 1, "not_evaluated": 2}
    assert f"{CATEGORY} [5]" in report.not_evaluated
    assert f"{UNION} [5..6]" in report.not_evaluated
    # the clause, and the groups by their labels in the reader's language
    (union,) = [f for f in report.findings if f.rule == UNION]
    assert union.source == "平工总［2009］38号 附件3 三1"
    zh = union.message.render("zh-Hans")
    assert "未建立工会组织" in zh and "困难职工、困难劳模、困难农民工" in zh
    assert "worker in hardship, model worker in hardship" in union.message.render("en")
    (category,) = [f for f in report.findings if f.rule == CATEGORY]
    assert "退休职工" in category.message.render("zh-Hant")
    assert "困難職工、困難勞模、困難農民工" in category.message.render("zh-Hant")


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["audit", "payments", str(write_roster(tmp_path)), "--campaign", P10]
    assert main([*argv, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    found = [(f["rule"], f["where"]) for f in report["findings"] if ":payments/" in f["rule"]]
    assert (UNION, "3") in found and (CATEGORY, "4") in found
    assert f"{UNION} [5..6]" in report["not_evaluated_rules"]
    assert main([*argv, "--lang", "en"]) == 1
    text = capsys.readouterr().out
    # line 3 of the file is the roster's own row 2 (its 序号 column; issue 10 point 13)
    assert "[line 3 (No. 2)] the recipient's employer has no union" in text


@pytest.mark.parametrize(
    ("header", "cell", "expected"),
    [
        ("单位是否建会", "是", True),
        ("是否建會", "否", False),
        ("單位建會", "已建会", True),
        ("employer_has_union", "FALSE", False),
        ("单位是否建会", "无", False),
        ("单位是否建会", "", None),
    ],
)
def test_the_column_and_its_values(
    tmp_path: Path, header: str, cell: str, expected: bool | None
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        f"身份证号,金额,发放日期,资金来源,发放方式,{header}\n"
        f"{IDS[0]},500,2010-01-26,工会拨款,现金,{cell}\n",
        encoding="utf-8",
    )
    (payment,) = read_roster(path).payments
    assert payment.employer_has_union is expected


def test_json_booleans_and_a_value_that_is_neither(tmp_path: Path) -> None:
    base = {"amount": "500", "paid_on": "2010-01-26", "fund_source": "union-funds"}
    path = tmp_path / "r.json"
    rows = [{**base, "channel": "cash", "employer_has_union": v} for v in (True, False, None)]
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert [p.employer_has_union for p in read_roster(path).payments] == [True, False, None]
    bad = tmp_path / "bad.csv"
    bad.write_text("金额,发放日期,资金来源,发放方式,是否建会\n500,2010-01-26,工会拨款,现金,也许\n")
    with pytest.raises(InputFileError) as info:
        read_roster(bad)
    assert info.value.line == 2 and info.value.column == "employer_has_union"


def test_the_other_reading_binds_the_union_condition_to_workers_only(tmp_path: Path) -> None:
    # union_applies_to = ["worker"]: 困难劳模 and 农民工 are not held to their employer's union
    text = BUNDLED.read_text(encoding="utf-8")
    custom = tmp_path / "audit.toml"
    custom.write_text(
        text.replace(
            "unionised_employer = true", 'unionised_employer = true\nunion_applies_to = ["worker"]'
        ),
        encoding="utf-8",
    )
    report = audit_payments(read_roster(write_roster(tmp_path)), P10, data=load_audit_data(custom))
    assert findings(report, UNION) == []  # line 3 is a 困难劳模
    # line 2 (a worker) passes; 3, 4 and 6 are not bound; line 5 names no group: not evaluated
    assert report.extra["rules"][UNION] == {"passed": 1, "failed": 0, "not_evaluated": 1}


def test_campaigns_without_the_clause_have_neither_rule(tmp_path: Path) -> None:
    report = audit_payments(read_roster(write_roster(tmp_path)), "wuhan-2015")
    assert not [r for r in report.extra["rules"] if "recipient" in r or "union" in r]


_ALLOWED = ("worker", "model-worker", "migrant-worker")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            payments(campaign=P10),
            st.sampled_from((*_ALLOWED, "困难职工", "困难劳模", "困难农民工", "退休职工", None)),
            st.sampled_from((True, False, None)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_findings_follow_the_two_conditions(
    rows: list[tuple[object, str | None, bool | None]],
) -> None:
    roster = [
        attrs.evolve(p, row=i, group=g, employer_has_union=u)  # type: ignore[misc]
        for i, (p, g, u) in enumerate(rows, start=2)
    ]
    report = audit_payments(roster, P10)
    category = {f.where for f in report.findings if f.rule == CATEGORY}
    union = {f.where for f in report.findings if f.rule == UNION}
    labels = {"困难职工", "困难劳模", "困难农民工"}
    for p in roster:
        allowed = p.group in _ALLOWED or p.group in labels
        # a recipient of an allowed category of a unionised employer never draws a finding
        assert (str(p.row) in category) is (p.group is not None and not allowed)
        assert (str(p.row) in union) is (p.employer_has_union is False)
    counts = report.extra["rules"]
    stated = [p for p in roster if p.employer_has_union is not None]
    assert counts[UNION]["passed"] + counts[UNION]["failed"] == len(stated)
    # never silently passed: every row is counted once, passed, failed or not evaluated
    assert sum(counts[UNION].values()) == len(roster)
    assert sum(counts[CATEGORY].values()) == len(roster)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (True, True),
        (False, True),
        (None, True),
        ("是", True),
        ("未建會", True),
        ("", True),
        (1, True),
        ("也许", False),
        (2, False),
        (["是"], False),
    ],
)
def test_the_schema_and_the_reader_agree_on_the_union_column(
    value: object, ok: bool, tmp_path: Path
) -> None:
    from test_audits_schemas import full_payment, reader_accepts, valid

    record = {**full_payment(), "employer_has_union": value}
    assert valid("roster", "payment", record) is ok
    assert reader_accepts("payment", record, tmp_path) is ok


def _runs(rule: str, rows: list[int]) -> list[str]:
    """``Report.not_evaluated`` of ``rule`` for the unstated ``rows`` (runs of consecutive rows)."""
    out: list[str] = []
    start = prev = None
    for row in [*rows, None]:
        if start is not None and row != (prev or 0) + 1:
            out.append(f"{rule} [{start}]" if start == prev else f"{rule} [{start}..{prev}]")
            start = None
        if start is None:
            start = row
        prev = row
    return out


_SIZES = st.one_of(st.sampled_from([511, 512, 513, 1024]), st.integers(1, 600))  # 512: a batch
_BLOCKS = st.lists(st.tuples(st.integers(0, 2), _SIZES), min_size=1, max_size=5)


@settings(max_examples=25, deadline=None)
@given(_BLOCKS, _BLOCKS)
@example([(0, 512), (1, 512), (0, 3)], [(0, 512), (1, 512), (0, 3)])
@example([(1, 600), (0, 1000), (2, 30)], [(0, 1030), (1, 600)])
def test_runs_of_rows_across_batches(
    groups: list[tuple[int, int]], unions: list[tuple[int, int]]
) -> None:
    # long blocks of rows that state a group / 单位是否建会 or not (the audit reads 512 rows a
    # batch, a whole batch at once when every row states or none does): each row counted as
    # passed, failed or not evaluated, and the rows not evaluated named in runs, as row by row
    def expand(blocks: list[tuple[int, int]]) -> list[int]:
        return [kind for kind, size in blocks for _ in range(size)]

    group_of, union_of = expand(groups), expand(unions)
    n = min(len(group_of), len(union_of))
    base = Payment.from_mapping(
        {"name": "张建国", "amount": "500", "paid_on": "2010-01-26", "fund_source": "工会拨款",
         "channel": "现金", "file_category": "特困职工", "filed_on": "2009-03-15"}
    )  # fmt: skip
    rows = [
        attrs.evolve(
            base,
            row=i + 2,
            id_number=None,
            group=(None, "worker", "retired")[group_of[i]],
            employer_has_union=(None, True, False)[union_of[i]],
        )
        for i in range(n)
    ]
    report = audit_payments(rows, P10)
    for rule, kinds in ((CATEGORY, group_of[:n]), (UNION, union_of[:n])):
        counts = report.extra["rules"].get(rule, {"passed": 0, "failed": 0, "not_evaluated": 0})
        assert counts["passed"] == kinds.count(1)
        assert counts["failed"] == kinds.count(2)
        assert counts["not_evaluated"] == kinds.count(0)
        failed = [f.where for f in report.findings if f.rule == rule]
        assert failed == [str(i + 2) for i, kind in enumerate(kinds) if kind == 2]
        unstated = [i + 2 for i, kind in enumerate(kinds) if kind == 0]
        assert [x for x in report.not_evaluated if x.startswith(rule + " ")] == _runs(
            rule, unstated
        )

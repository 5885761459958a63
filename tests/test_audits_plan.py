"""Issue 9 points 15 and 16: the visiting plan of 平工总［2009］38号 against the official
grouping (附件4 分组表, ``visits/grouping``), the leaders' visits (附件3 三6 "省、市领导看望
16名困难职工和10名生活困难的省部级以上劳模", ``visits/leaders``) and 五必访 (四(一),
``visits/must-visit``). Every figure is counted by hand."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan_rules.audits import (
    FamilyOnFile,
    Visit,
    VisitGroup,
    VisitPlan,
    audit_data,
    audit_visits,
    load_audit_data,
    read_families,
    read_visits,
)
from wennuan_rules.cli import main
from wennuan_rules.errors import InputFileError
from wennuan_rules.report import Severity
from wennuan_rules.vocabulary import FiveMustVisits, ModelWorkerLevel

D = dt.date
P10 = "pingdingshan-2010"
GROUPING = f"{P10}:visits/grouping"
LEADERS = f"{P10}:visits/leaders"
MUST = f"{P10}:visits/must-visit"
QUOTA = f"{P10}:visits/quota"
SAMPLES = Path(str(resources.files("wennuan_rules").joinpath("data", "samples")))
BUNDLED = Path(str(resources.files("wennuan_rules").joinpath("data", "audits", f"{P10}.toml")))
DAY = D(2010, 1, 27)


def rule(report, name: str) -> list[tuple[str | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.where, f.expected, f.actual) for f in report.findings if f.rule == name]


# -- 附件4: the official grouping ----------------------------------------------------------------

# 附件4 as printed: 市总领导, 联络员 (the units and departments are read in docs/decisions.md)
PRINTED = [
    (["李丰海"], "唐建勋"),
    (["张建明", "许思来"], "张国旗"),
    (["李全森", "闫陇娟"], "吴同本"),
    (["余文英", "陈振华"], "康建民"),
    (["李冬梅", "李怀鸽"], "张志宏"),
]


def test_the_five_groups_are_data_with_their_source() -> None:
    groups = audit_data(P10).visiting_groups
    assert [(list(g.leaders), g.liaison) for g in groups] == PRINTED
    assert {g.source for g in groups} == {"平工总［2009］38号 附件4"}
    # every unit and department of the table is in exactly one group, as printed
    names = [n for g in groups for n in (*g.units, *g.departments)]
    assert "叶县" in groups[0].units and "文教卫工会" in groups[4].departments
    # 10 + 9 + 9 + 9 + 10 cells
    assert len(names) == 47 and names.count("办公室") == 2  # 办公室 takes part in groups 1 and 2


def test_the_bundled_plan_follows_the_grouping() -> None:
    report = audit_visits(read_visits(SAMPLES / f"{P10}-visits.json"), P10)
    assert rule(report, GROUPING) == []
    assert report.extra["grouping"]["visited"] == ["g1", "g2", "g3", "g4", "g5"]
    # 5 groups named, 5 official groups visited
    assert report.extra["rules"][GROUPING] == {"passed": 10, "failed": 0, "not_evaluated": 0}


def _visit(group: str | None, i: int, kind: str = "worker", **kw: object) -> Visit:
    return Visit(visited_on=DAY, group=group, household=f"{group}-{i}", kind=kind, row=i, **kw)  # type: ignore[arg-type]


def test_a_group_not_in_the_grouping_and_a_group_without_visits() -> None:
    # g1 by its number (第一组), g2 by its first leader, g4 and g5 by id; 第六组 is not in 附件4;
    # g3 has no visit
    log = [
        _visit("第一组", 2),
        _visit("张建明组", 3),
        _visit("g4", 4),
        _visit("g5", 5),
        _visit("第六组", 6),
        _visit("第六组", 7),
    ]
    report = audit_visits(log, P10)
    found = rule(report, GROUPING)
    assert found == [("6", "g1, g2, g3, g4, g5", "第六组"), ("g3", ">= 1", "0")]
    (missing,) = [f for f in report.findings if f.where == "g3" and f.rule == GROUPING]
    assert "李全森、闫陇娟" in missing.message.render("zh-Hans")
    assert missing.source == "平工总［2009］38号 附件4"
    assert report.extra["grouping"]["unknown"] == ["第六组"]


def test_a_plan_without_a_log_is_checked_from_its_groups() -> None:
    plan = VisitPlan(groups=tuple(VisitGroup(id=g) for g in ("g1", "g2", "g3", "g4", "g7")))
    report = audit_visits(plan, P10)
    assert rule(report, GROUPING) == [("g7", "g1, g2, g3, g4, g5", "g7"), ("g5", ">= 1", "0")]
    assert report.extra["grouping"]["counted_from"] == "plan"


def test_a_plan_of_other_groups_is_not_compared_unless_required(tmp_path: Path) -> None:
    # a log naming no group, or only groups of its own (a county union's), is not the city
    # federation's grouping
    for log in ([_visit(None, 2)], [_visit("A组", 2), _visit("B组", 3)]):
        report = audit_visits(log, P10)
        assert GROUPING in report.not_evaluated and rule(report, GROUPING) == []
    custom = tmp_path / "audit.toml"
    custom.write_text(BUNDLED.read_text(encoding="utf-8").replace(
        '"grouping",', '{ id = "grouping", required = true },'
    ), encoding="utf-8")  # fmt: skip
    report = audit_visits([_visit("A组", 2)], P10, data=load_audit_data(custom))
    assert rule(report, GROUPING)[0] == ("2", "g1, g2, g3, g4, g5", "A组")
    assert len(rule(report, GROUPING)) == 1 + 5  # and the five groups of 附件4 without visits


# -- 附件3 三6: the leaders' visits ---------------------------------------------------------------


def leaders_log(workers: int, provincial: int, unknown: int = 0, city: int = 0) -> list[Visit]:
    """The leaders' visits: ``workers`` 困难职工, model workers of provincial rank, of no stated
    level and of city rank."""
    kinds = (
        [("worker", None)] * workers
        + [("model-worker", ModelWorkerLevel.PROVINCE)] * provincial
        + [("model-worker", None)] * unknown
        + [("困难劳模", ModelWorkerLevel.CITY)] * city
    )
    return [
        _visit("省市领导", i, kind, model_worker_level=level)
        for i, (kind, level) in enumerate(kinds, start=2)
    ]


def test_leaders_short_of_workers() -> None:
    report = audit_visits(leaders_log(15, 10), P10)
    assert rule(report, LEADERS) == [("leaders", ">= 16", "15")]
    (f,) = [f for f in report.findings if f.rule == LEADERS]
    assert f.severity is Severity.ERROR and f.source == "平工总［2009］38号 附件3 三6"
    # the number required, the number planned and the clause, in every language
    assert f.message.render("zh-Hans") == (
        "省、市领导看望困难职工 15 名；平工总［2009］38号 附件3 三6 要求不少于 16 名"
    )
    assert "15 workers in hardship" in f.message.render("en")
    assert "16" in f.message.render("zh-Hant")
    # the leaders are not one of the groups of 附件4: no 三2 quota for them
    assert rule(report, QUOTA) == []


def test_the_leaders_visits_beside_the_plan_of_the_five_groups() -> None:
    # the bundled plan (附件4) and a log with the leaders' visits besides: the leaders are not a
    # group "not in the plan", nor a group outside the official grouping
    plan = read_visits(SAMPLES / f"{P10}-visits.json")
    both = attrs.evolve(plan, visits=(*plan.visits, *leaders_log(16, 10)))
    report = audit_visits(both, P10)
    assert rule(report, f"{P10}:visits/group") == rule(report, GROUPING) == []
    assert rule(report, LEADERS) == [] and report.extra["leaders"]["counted_from"] == "log"


def test_model_workers_below_provincial_rank_do_not_count() -> None:
    # 16 workers; 8 provincial model workers and 5 of city rank: 8 < 10
    report = audit_visits(leaders_log(16, 8, city=5), P10)
    assert rule(report, LEADERS) == [("leaders", ">= 10", "8")]
    assert report.extra["leaders"]["targets"][1] == {
        "kinds": ["model-worker"],
        "levels": ["province", "national"],
        "minimum": 10,
        "counted": 8,
        "level_not_stated": 0,
    }


def test_a_level_not_stated_is_not_evaluated_where_it_decides() -> None:
    # 9 provincial and 1 of no stated level: 10 if it is provincial, so not evaluated
    report = audit_visits(leaders_log(16, 9, unknown=1), P10)
    assert rule(report, LEADERS) == []
    assert f"{LEADERS} [leaders model-worker]" in report.not_evaluated
    # 8 provincial and 1 not stated: short whatever the level
    report = audit_visits(leaders_log(16, 8, unknown=1), P10)
    assert rule(report, LEADERS) == [("leaders", ">= 10", "8")]


def test_enough_visits_pass_and_the_same_household_counts_once() -> None:
    log = leaders_log(16, 10)
    assert rule(audit_visits(log, P10), LEADERS) == []
    log[1] = attrs.evolve(log[1], household=log[0].household)  # a worker visited twice
    assert rule(audit_visits(log, P10), LEADERS) == [("leaders", ">= 16", "15")]


def test_counted_from_the_plan_without_a_log(tmp_path: Path) -> None:
    households = [{"ref": f"W{i}", "kind": "困难职工"} for i in range(16)] + [
        {"ref": f"M{i}", "kind": "困难劳模", "model_worker_level": "全国劳模"} for i in range(9)
    ]
    path = tmp_path / "plan.json"
    path.write_text(
        json.dumps({"groups": [{"id": "省、市领导", "households": households}]}), encoding="utf-8"
    )
    report = audit_visits(read_visits(path), P10)
    assert rule(report, LEADERS) == [("leaders", ">= 10", "9")]
    assert report.extra["leaders"]["counted_from"] == "plan"


def test_a_plan_that_does_not_name_the_leaders_is_not_evaluated_unless_required(
    tmp_path: Path,
) -> None:
    report = audit_visits([_visit("g1", 2)], P10)
    assert LEADERS in report.not_evaluated and rule(report, LEADERS) == []
    text = BUNDLED.read_text(encoding="utf-8")
    custom = tmp_path / "audit.toml"
    custom.write_text(text.replace('"leaders",', '{ id = "leaders", required = true },'))
    argv = ["audit", "visits", str(SAMPLES / f"{P10}-visits.json"), "--campaign", P10]
    assert main([*argv, "--audit-data", str(custom), "--format", "json"]) == 1


def test_the_visit_log_column_and_the_level(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "慰问组,日期,户号,类别,劳模级别\n省市领导,2010-01-27,M1,困难劳模,省部级劳模\n",
        encoding="utf-8",
    )
    (visit,) = read_visits(path).visits
    assert visit.group == "省市领导" and visit.model_worker_level is ModelWorkerLevel.PROVINCE
    path.write_text("组,日期,户号,劳模级别\ng1,2010-01-27,M1,乡级\n", encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        read_visits(path)
    assert info.value.line == 2 and info.value.what == "model_worker_level"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 20), st.integers(0, 13), st.integers(0, 3))
def test_the_leaders_finding_follows_the_numbers(workers: int, provincial: int, city: int) -> None:
    report = audit_visits(leaders_log(workers, provincial, city=city), P10)
    if workers + provincial + city == 0:  # a log without the leaders: not evaluated
        assert LEADERS in report.not_evaluated and rule(report, LEADERS) == []
        return
    expected = []
    if workers < 16:
        expected.append(("leaders", ">= 16", str(workers)))
    if provincial < 10:  # model workers of city rank never count
        expected.append(("leaders", ">= 10", str(provincial)))
    assert rule(report, LEADERS) == expected


# -- 四(一): 五必访 -------------------------------------------------------------------------------

FAMILIES = """编号,姓名,五必访
F1,张建国,特困职工家庭
F2,王国庆,重大疾病职工家庭
矿务局三矿,,特困企业
F4,李春生,遭遇突发事件的困难职工家庭、特困职工家庭
F5,赵丽华,
F6,刘文革,特困农民工
"""
LOG = """组,日期,户号,单位
g1,2010-01-26,F1,叶县
g1,2010-01-27,,矿务局三矿
g2,2010-02-20,F4,鲁山
g2,2009-12-22,F6,鲁山
"""


def must_visit_files(tmp_path: Path) -> tuple[Path, Path]:
    families, log = tmp_path / "families.csv", tmp_path / "log.csv"
    families.write_text(FAMILIES, encoding="utf-8")
    log.write_text(LOG.replace(",,", ",X1,"), encoding="utf-8")
    return families, log


def test_five_must_visits_lists_the_families_missed_by_category(tmp_path: Path) -> None:
    families, log = must_visit_files(tmp_path)
    report = audit_visits(read_visits(log), P10, families=read_families(families))
    # F1 visited in the period; the enterprise visited (its name is the unit visited); F6 visited
    # on 2009-12-22, inside the period (2009-12-21 .. 2010-02-13) though before the window;
    # F2 never visited; F4 only on 2010-02-20, after the period; F5 has no category
    assert rule(report, MUST) == [
        ("3", "2009-12-21 .. 2010-02-13", None),
        ("5", "2009-12-21 .. 2010-02-13", None),
    ]
    assert {f.severity for f in report.findings if f.rule == MUST} == {Severity.WARNING}
    by = report.extra["must_visit"]["by_category"]
    assert by["extreme-families"] == {"listed": 2, "visited": 1, "missed": ["5"]}
    assert by["serious-illness"] == {"listed": 1, "visited": 0, "missed": ["3"]}
    assert by["extreme-enterprises"] == {"listed": 1, "visited": 1, "missed": []}
    assert by["emergency-families"] == {"listed": 1, "visited": 0, "missed": ["5"]}
    assert by["extreme-migrants"] == {"listed": 1, "visited": 1, "missed": []}
    (f4,) = [f for f in report.findings if f.rule == MUST and f.where == "5"]
    zh = f4.message.render("zh-Hans")
    assert zh.startswith("遭遇突发事件的困难职工家庭必访、特困职工家庭必访：F4 李*")
    assert "2009-12-21 至 2010-02-13" in zh and "李春生" not in zh
    assert f4.source == "平工总［2009］38号 四(一)"


def test_five_must_visits_on_any_date(tmp_path: Path) -> None:
    families, log = must_visit_files(tmp_path)
    report = audit_visits(
        read_visits(log), P10, families=read_families(families), coverage_in_window=False
    )
    assert rule(report, MUST) == [("3", None, None)]


def test_the_command_line_takes_a_list_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    families, log = must_visit_files(tmp_path)
    argv = ["audit", "visits", str(log), "--campaign", P10, "--must-visit", str(families)]
    main([*argv, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert [f["where"] for f in report["findings"] if f["rule"] == MUST] == ["3", "5"]
    assert f"{P10}:visits/coverage" in report["not_evaluated_rules"]  # no --on-file given
    main([*argv, "--lang", "en"])
    out = capsys.readouterr().out
    assert "families with a serious illness: F2 王** was not visited during the campaign" in out


def test_without_a_list_five_must_visits_is_not_evaluated() -> None:
    report = audit_visits([_visit("g1", 2)], P10, families=[FamilyOnFile(ref="F1")])
    assert MUST in report.not_evaluated
    # a campaign without 五必访 has no such rule
    wuhan = audit_visits([_visit("g1", 2)], "wuhan-2015", families=[FamilyOnFile(ref="F1")])
    assert not [r for r in (*wuhan.not_evaluated, *wuhan.extra["rules"]) if "must-visit" in r]


def test_an_unknown_category_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("编号,五必访\nF1,特困职工家庭\nF2,困难家庭\n", encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        read_families(path)
    assert info.value.line == 3 and info.value.what == "must_visit"


_PERIOD = (D(2009, 12, 21), D(2010, 2, 13))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(tuple(FiveMustVisits)), min_size=1, max_size=2, unique=True),
            st.none() | st.dates(D(2009, 12, 1), D(2010, 3, 1)),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_a_family_visited_in_the_period_is_never_missed(
    listed: list[tuple[list[FiveMustVisits], dt.date | None]],
) -> None:
    families = [
        FamilyOnFile(ref=f"F{i}", must_visit=tuple(cats), row=i)
        for i, (cats, _day) in enumerate(listed, start=2)
    ]
    log = [
        Visit(visited_on=day, group="g1", household=f"F{i}", row=i)
        for i, (_cats, day) in enumerate(listed, start=2)
        if day is not None
    ]
    report = audit_visits(log, P10, must_visit=families)
    missed = {f.where for f in report.findings if f.rule == MUST}
    for i, (_cats, day) in enumerate(listed, start=2):
        inside = day is not None and _PERIOD[0] <= day <= _PERIOD[1]
        assert (str(i) in missed) is not inside
    by = report.extra["must_visit"]["by_category"]
    for c in FiveMustVisits:
        entries = [(i, day) for i, (cats, day) in enumerate(listed, start=2) if c in cats]
        assert by[c.id]["listed"] == len(entries)
        assert by[c.id]["visited"] + len(by[c.id]["missed"]) == len(entries)


@pytest.mark.parametrize(
    ("kind", "record", "ok"),
    [
        ("visit", {"date": "2010-01-26", "household": "M1", "model_worker_level": "省部级"}, True),
        ("visit", {"date": "2010-01-26", "household": "M1", "model_worker_level": 3}, False),
        ("family", {"ref": "F1", "must_visit": ["特困企业", "emergency-families"]}, True),
        ("family", {"ref": "F1", "must_visit": "特困职工家庭、重大疾病职工家庭"}, True),
        ("family", {"ref": "F1", "must_visit": [1]}, False),
    ],
)
def test_the_schema_and_the_readers_agree_on_the_new_fields(
    kind: str, record: dict[str, object], ok: bool, tmp_path: Path
) -> None:
    from test_audits_schemas import reader_accepts, valid

    assert valid("visits", kind, record) is ok
    assert reader_accepts(kind, record, tmp_path) is ok


def test_python_callers_may_give_the_categories_as_a_list() -> None:
    family = FamilyOnFile(ref="F2", must_visit=[FiveMustVisits.SERIOUS_ILLNESS], row=3)
    report = audit_visits([_visit("g1", 2)], P10, must_visit=iter([family]))
    assert rule(report, MUST) == [("3", "2009-12-21 .. 2010-02-13", None)]
    with pytest.raises(TypeError):
        FamilyOnFile(ref="F2", must_visit=["serious-illness"])  # type: ignore[list-item]

"""The five campaigns: dates computed from the calendar agree with what the notices print, every
field cites its clause, payment rules and groups are those of the notices, and the CLI shows
them."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules._data import is_bundled
from wennuan_rules.campaign import (
    Campaign,
    Deadline,
    DocumentNumber,
    Period,
    campaigns,
    get_campaign,
    load_campaign,
    resolve_date,
)
from wennuan_rules.cli import main
from wennuan_rules.errors import DataFileError, InvalidValueError, UnknownIdError
from wennuan_rules.lunar import to_lunar
from wennuan_rules.vocabulary import FundSource, PaymentChannel, UnionLevel, vocabularies

D = dt.date
# wennuan_rules.campaign is a module and a public function name: take the module from sys.modules
_MODULE = importlib.import_module("wennuan_rules.campaign")
DATA = Path(str(_MODULE.__file__)).parent.parent / "data" / "campaigns"
#: the campaigns of contract.md, in its order; every test below covers the campaigns discovered
CONTRACT_IDS = (
    "pingdingshan-2010",
    "wuhan-2015",
    "henan-2018",
    "changzhou-edz-2021",
    "pingdingshan-2022",
)
CAMPAIGN_IDS = tuple(c.id for c in campaigns())

# -- registry ---------------------------------------------------------------------------------


def _fresh(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def test_public_names() -> None:
    # in a fresh interpreter, as a user would
    n = str(len(CAMPAIGN_IDS))
    assert _fresh("import wennuan_rules as wr; print(len(wr.campaigns()))") == n
    assert _fresh("import wennuan_rules as wr; print(wr.get_campaign('wuhan-2015').id)") == (
        "wuhan-2015"
    )


def test_public_function_survives_importing_the_module() -> None:
    # the submodule wennuan_rules.campaign is bound over the function wr.campaigns when imported;
    # calling it must still give the campaigns (campaigns._CallableModule)
    n = str(len(CAMPAIGN_IDS))
    code = "import wennuan_rules.campaign; import wennuan_rules as wr; print(len(wr.campaigns()))"
    assert _fresh(code) == n
    code = "import wennuan_rules as wr; wr.get_campaign('henan-2018'); print(len(wr.campaigns()))"
    assert _fresh(code) == n


def test_five_campaigns_in_contract_order() -> None:
    # the contract's campaigns, in contract order (a campaign added as data joins by its festival)
    assert tuple(i for i in CAMPAIGN_IDS if i in CONTRACT_IDS) == CONTRACT_IDS
    festivals = [c.spring_festival for c in campaigns()]
    assert festivals == sorted(festivals)
    assert wr.get_campaign("wuhan-2015") is get_campaign("wuhan-2015")  # cached
    assert wr.Campaign is Campaign


def test_unknown_campaign_lists_the_ids() -> None:
    with pytest.raises(UnknownIdError) as info:
        get_campaign("pingdingshan-2011")
    assert "pingdingshan-2010" in str(info.value.expected)
    assert info.value.what == "campaign"
    with pytest.raises(UnknownIdError):
        get_campaign(None)


def test_get_campaign_accepts_a_campaign() -> None:
    c = get_campaign("henan-2018")
    assert get_campaign(c) is c


# -- dates computed from rules agree with the printed dates --------------------------------------


def test_pingdingshan_2010_dates() -> None:
    c = get_campaign("pingdingshan-2010")
    # 二 "2009年12月下旬至2010年春节前": 下旬 = from the 21st; 春节 2010-02-14 (README), 前 = 除夕.
    assert (c.period.start, c.period.end) == (D(2009, 12, 21), D(2010, 2, 13))
    assert c.spring_festival == D(2010, 2, 14)
    # 附件3 三5: 2010-01-25 (printed 腊月初十一, really 腊月十一) to 2010-02-01 (腊月十八).
    w = c.visiting_window
    assert w is not None
    assert (w.start, w.end) == (D(2010, 1, 25), D(2010, 2, 1))
    assert (to_lunar(w.start).month, to_lunar(w.start).day) == (12, 11)
    assert (to_lunar(w.end).month, to_lunar(w.end).day) == (12, 18)
    assert "初十一" in w.text and "defect" in w.note
    # the window lies inside the campaign period
    assert w.start in c.period and w.end in c.period
    # 五(四) 2010年2月1日前
    assert c.report_deadline is not None
    assert c.report_deadline.last_day == D(2010, 2, 1)


def test_pingdingshan_2010_spending_deadlines() -> None:
    c = get_campaign("pingdingshan-2010")
    central = c.spending_deadlines[FundSource.CENTRAL_FISCAL]
    provincial = c.spending_deadlines[FundSource.PROVINCIAL_FISCAL]
    assert "2009年12月31号之前用完" in central.text
    assert central.met_by(D(2009, 12, 31)) and not central.met_by(D(2010, 1, 1))
    # the other reading of 之前 (the 31st itself is late), as a parameter
    assert not central.met_by(D(2009, 12, 31), inclusive=False)
    # 春节前: 除夕 2010-02-13 is the last day; 春节 itself is late
    assert provincial.last_day == D(2010, 2, 13)
    assert provincial.named_day == D(2010, 2, 14) and provincial.inclusive is False
    assert provincial.met_by(D(2010, 2, 13)) and not provincial.met_by(D(2010, 2, 14))
    assert set(c.spending_deadlines) == {FundSource.CENTRAL_FISCAL, FundSource.PROVINCIAL_FISCAL}


def test_wuhan_2015_dates_from_lost_digits() -> None:
    c = get_campaign("wuhan-2015")
    # "201511201535日(正月十五)" → 2015-01-01 .. 2015-03-05; 正月十五 2015 = 2015-03-05 (README)
    assert (c.period.start, c.period.end) == (D(2015, 1, 1), D(2015, 3, 5))
    assert (to_lunar(c.period.end).month, to_lunar(c.period.end).day) == (1, 15)
    assert c.spring_festival == D(2015, 2, 19)
    # "于201521日前" → 2015-02-01
    assert c.report_deadline is not None and c.report_deadline.last_day == D(2015, 2, 1)
    # signed 2014年12月30(日); published on the web 2014-12-31
    assert c.issued_on is not None and c.issued_on.value == D(2014, 12, 30)
    assert c.published_on is not None and c.published_on.value == D(2014, 12, 31)


def test_henan_2018_dates() -> None:
    c = get_campaign("henan-2018")
    assert c.spring_festival == D(2018, 2, 16)
    # issue 9 point 10: undated "元旦、春节期间" ends on 正月初六 (春节 2018-02-16 + 5 days)
    assert (c.period.start, c.period.end) == (D(2018, 1, 1), D(2018, 2, 21))
    assert not c.period.dated
    assert c.report_deadline is not None and c.report_deadline.last_day == D(2018, 2, 5)
    assert c.issued_on is None and "issued_on" in c.absent


def test_changzhou_2021_dates() -> None:
    c = get_campaign("changzhou-edz-2021")
    # 一 "2021年1月至2021年春节": 至春节 includes 春节 2021-02-12
    assert (c.period.start, c.period.end) == (D(2021, 1, 1), D(2021, 2, 12))
    assert c.spring_festival in c.period
    assert c.issued_on is not None and c.issued_on.value == D(2021, 1, 6)
    assert c.application_deadline is not None
    assert c.application_deadline.last_day == D(2021, 1, 18)
    assert c.report_deadline is not None and c.report_deadline.last_day == D(2021, 2, 8)
    assert c.document is None and "document" in c.absent


def test_pingdingshan_2022_dates() -> None:
    c = get_campaign("pingdingshan-2022")
    assert c.spring_festival == D(2022, 2, 1)
    # issue 9 point 10: 正月初六 2022 = 春节 2022-02-01 + 5 days = 2022-02-06
    assert (c.period.start, c.period.end) == (D(2022, 1, 1), D(2022, 2, 6))
    assert not c.period.dated
    assert get_campaign("changzhou-edz-2021").period.dated
    assert c.report_deadline is not None and c.report_deadline.last_day == D(2022, 1, 18)
    assert c.document is None


@pytest.mark.parametrize(
    ("year", "festival"),
    [(2010, D(2010, 2, 14)), (2015, D(2015, 2, 19)), (2018, D(2018, 2, 16)),
     (2021, D(2021, 2, 12)), (2022, D(2022, 2, 1))],
)  # fmt: skip
def test_spring_festival_rules_match_the_readme(year: int, festival: dt.date) -> None:
    assert resolve_date({"rule": "spring-festival", "year": year}) == festival
    before = resolve_date({"rule": "before-spring-festival", "year": year}, is_end=True)
    assert before == festival - dt.timedelta(days=1)


def test_lantern_festival_rule() -> None:
    assert resolve_date({"rule": "lantern-festival", "year": 2015}) == D(2015, 3, 5)


def test_lunar_rule_gives_the_printed_gregorian_date() -> None:
    # 腊月十一 of lunar year 2009 (己丑) is 2010-01-25; 腊月十八 is 2010-02-01
    assert resolve_date({"rule": "lunar", "year": 2009, "month": 12, "day": 11}) == D(2010, 1, 25)
    assert resolve_date({"rule": "lunar", "year": 2009, "month": 12, "day": 18}) == D(2010, 2, 1)


@settings(max_examples=100)
@given(year=st.integers(1901, 2099), month=st.integers(1, 12))
def test_decades_of_a_month(year: int, month: int) -> None:
    first = D(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    spans = {
        "early-month": (1, 10),
        "mid-month": (11, 20),
        "late-month": (21, last.day),
        "month": (1, last.day),
    }
    for rule, (a, b) in spans.items():
        spec = {"rule": rule, "year": year, "month": month}
        assert resolve_date(spec) == D(year, month, a)
        assert resolve_date(spec, is_end=True) == D(year, month, b)


def test_plain_dates_and_bad_rules() -> None:
    assert resolve_date(D(2010, 2, 1)) == D(2010, 2, 1)
    assert resolve_date("2010-02-01") == D(2010, 2, 1)
    with pytest.raises(DataFileError):
        resolve_date({"rule": "easter", "year": 2010})
    with pytest.raises(DataFileError):
        resolve_date({"rule": "late-month", "year": 2009, "month": 13})
    with pytest.raises(DataFileError):  # an unknown key in a rule is refused, not ignored
        resolve_date({"rule": "late-month", "year": 2009, "month": 12, "day": 3})
    with pytest.raises(DataFileError):
        resolve_date({"rule": "lunar", "year": 2009, "month": 12, "day": 31})
    with pytest.raises(DataFileError):
        resolve_date(dt.datetime(2010, 2, 1, 12, 0))


# -- value types ------------------------------------------------------------------------------


def test_period_is_inclusive_and_checks_its_input() -> None:
    p = Period(D(2021, 1, 1), D(2021, 2, 12))
    assert D(2021, 1, 1) in p and D(2021, 2, 12) in p
    assert D(2020, 12, 31) not in p and D(2021, 2, 13) not in p
    assert p.days == 43  # 31 days of January + 12 of February
    with pytest.raises(InvalidValueError):
        _ = dt.datetime(2021, 1, 5, 8, 0) in p  # a datetime is not silently cut to a date
    with pytest.raises(InvalidValueError):
        _ = "2021-01-05" in p
    with pytest.raises(InvalidValueError):
        Period(D(2021, 2, 1), D(2021, 1, 1))


def test_deadline_readings() -> None:
    d = Deadline(last_day=D(2010, 2, 1), text="2010年2月1日前")
    assert d.named_day == d.last_day and d.inclusive
    assert d.met_by(D(2010, 2, 1)) and not d.met_by(D(2010, 2, 2))
    assert not d.met_by(D(2010, 2, 1), inclusive=False) and d.met_by(
        D(2010, 1, 31), inclusive=False
    )
    with pytest.raises(InvalidValueError):
        d.met_by(None)


@settings(max_examples=100)
@given(day=st.dates(D(2009, 1, 1), D(2023, 12, 31)))
def test_deadlines_agree_with_last_day(day: dt.date) -> None:
    for c in campaigns():
        for dl in [c.report_deadline, c.application_deadline, *c.spending_deadlines.values()]:
            if dl is None:
                continue
            assert dl.met_by(day) == (day <= dl.last_day)
            assert dl.met_by(day, inclusive=dl.inclusive) == dl.met_by(day)


# -- document numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "abbrev", "year", "serial", "canonical"),
    [
        ("平工总［2009］38号", "平工总", 2009, 38, "平工总〔2009〕38号"),
        ("武工辦〔2014〕74號", "武工辦", 2014, 74, "武工办〔2014〕74号"),
        ("武工办〔2014〕74号", "武工办", 2014, 74, "武工办〔2014〕74号"),
        ("豫工文[2017]61号", "豫工文", 2017, 61, "豫工文〔2017〕61号"),
        ("豫工文【2017】61号", "豫工文", 2017, 61, "豫工文〔2017〕61号"),
        ("豫工文（２０１７）６１号", "豫工文", 2017, 61, "豫工文〔2017〕61号"),
        (" 豫工文 〔2017〕 第61号 ", "豫工文", 2017, 61, "豫工文〔2017〕61号"),
    ],
)
def test_document_numbers(text: str, abbrev: str, year: int, serial: int, canonical: str) -> None:
    n = DocumentNumber.parse(text)
    assert (n.issuer_abbrev, n.year, n.serial, n.canonical) == (abbrev, year, serial, canonical)
    assert n.text == text.strip()


@pytest.mark.parametrize(
    "text",
    ["", "平工总2009 38号", "平工总［2009〕38号", "平工总［2009］38", "［2009］38号",
     "平工总［09］38号", "平工总［2009］0号", "平工总［1800］3号", "平工总［2009］38号附件"],
)  # fmt: skip
def test_bad_document_numbers(text: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        DocumentNumber.parse(text)
    assert info.value.what == "document number"


@settings(max_examples=150)
@given(
    abbrev=st.text(st.sampled_from("平工总武辦豫文常州办"), min_size=1, max_size=6),
    year=st.integers(1949, 2100),
    serial=st.integers(1, 99999),
    brackets=st.sampled_from(["［］", "〔〕", "[]", "【】", "()", "（）"]),
    hao=st.sampled_from("号號"),
)
def test_document_number_round_trip(
    abbrev: str, year: int, serial: int, brackets: str, hao: str
) -> None:
    text = f"{abbrev}{brackets[0]}{year}{brackets[1]}{serial}{hao}"
    n = DocumentNumber.parse(text)
    assert (n.issuer_abbrev, n.year, n.serial) == (abbrev, year, serial)
    assert DocumentNumber.parse(n.canonical).canonical == n.canonical


def test_bundled_document_numbers() -> None:
    numbers = {c.id: c.document for c in campaigns()}
    assert numbers["pingdingshan-2010"] == DocumentNumber("平工总", 2009, 38, "平工总［2009］38号")
    assert (
        numbers["wuhan-2015"] is not None
        and numbers["wuhan-2015"].canonical == "武工办〔2014〕74号"
    )
    assert numbers["henan-2018"] is not None and numbers["henan-2018"].serial == 61
    assert numbers["changzhou-edz-2021"] is None and numbers["pingdingshan-2022"] is None


# -- what the notices say -------------------------------------------------------------------


def test_issuers_and_levels() -> None:
    levels = {c.id: c.level for c in campaigns() if c.id in CONTRACT_IDS}
    assert levels == {
        "pingdingshan-2010": UnionLevel.CITY,
        "wuhan-2015": UnionLevel.CITY,
        "henan-2018": UnionLevel.PROVINCIAL,
        "changzhou-edz-2021": UnionLevel.DISTRICT,
        "pingdingshan-2022": UnionLevel.CITY,
    }
    assert get_campaign("wuhan-2015").issuer.zh_hant == "武漢市總工會"


def test_themes() -> None:
    themes = {
        c.id: (c.theme.value if c.theme else None) for c in campaigns() if c.id in CONTRACT_IDS
    }
    assert themes == {
        "pingdingshan-2010": "心系职工情，温暖进万家",
        "wuhan-2015": "心系職工情、服務進萬家",
        "henan-2018": None,
        "changzhou-edz-2021": "活力工会•情暖职工",
        "pingdingshan-2022": None,
    }


def test_payment_rules() -> None:
    p2010 = get_campaign("pingdingshan-2010").payment
    assert p2010.real_name and p2010.real_name.value and "实名制发放" in p2010.real_name.text
    assert p2010.file_before_aid and "依档帮扶" in p2010.file_before_aid.text
    assert p2010.channels is None

    wuhan = get_campaign("wuhan-2015").payment
    assert wuhan.channels is not None and wuhan.channels.value == (PaymentChannel.UNION_CARD,)
    assert wuhan.channels.source == "武工办〔2014〕74号 四(二)三"
    assert "工會卡發放" in wuhan.channels.text and wuhan.channel_applies_to == ()
    assert wuhan.file_before_aid is not None and wuhan.file_before_aid.source.endswith("四(五)")
    assert wuhan.earmarked is not None and "??顚S?" in wuhan.earmarked.text
    assert "專款專用" in wuhan.earmarked.note

    henan = get_campaign("henan-2018").payment
    assert henan.channels is not None and henan.channels.value == (PaymentChannel.BANK_CARD,)
    assert "银行卡（存折）" in henan.channels.text
    both = (FundSource.CENTRAL_FISCAL, FundSource.PROVINCIAL_FISCAL)
    assert henan.channel_applies_to == both and henan.rules_apply_to == both
    assert henan.file_before_aid is not None and "先建档、后帮扶" in henan.file_before_aid.text

    cz = get_campaign("changzhou-edz-2021").payment
    assert cz.channels is not None and cz.channels.value == (PaymentChannel.BANK_CARD,)
    assert cz.channels.source.endswith("三(三)")
    assert cz.earmarked is not None and "专款专用" in cz.earmarked.text

    p2022 = get_campaign("pingdingshan-2022").payment
    assert (p2022.real_name, p2022.file_before_aid, p2022.channels, p2022.earmarked) == (
        None,
        None,
        None,
        None,
    )


def test_contract_group_ids() -> None:
    assert get_campaign("changzhou-edz-2021").group_ids == (
        "hardship-family",
        "dibao-edge",
        "serious-illness",
        "living-difficulty",
        "model-worker",
    )
    assert get_campaign("pingdingshan-2010").group_ids == (
        "crisis-enterprise",
        "restructured-enterprise",
        "depleted-mining-area",
        "disaster-or-emergency",
        "dibao-edge",
    )


def test_chosen_group_ids() -> None:
    # the ids docs/campaigns.md documents for the campaigns contract.md leaves open
    assert get_campaign("wuhan-2015").group_ids == (
        "on-file",
        "model-worker",
        "migrant-worker",
        "frontline-workers",
    )
    assert get_campaign("henan-2018").group_ids == (
        "on-file",
        "sudden-hardship",
        "frontline-workers",
        "migrant-workers-on-duty",
        "migrant-worker",  # issue 9 point 19: 一 困难农民工
        "model-worker",  # 一 困难劳模
    )
    assert get_campaign("pingdingshan-2022").group_ids == (
        "deep",
        "relative",
        "accident",
        "stricken-family",
        "new-form-workers",
        "model-worker",
        "epidemic-medical",
        "major-project-contributors",
        "frontline-workers",
    )


def test_group_lookup() -> None:
    c = get_campaign("changzhou-edz-2021")
    g = c.group("serious-illness")
    assert g.source == "江苏常州经济开发区总工会 2021-01-06 二(一)1(3)"
    assert "10000元" in g.text and g.label.get("en")
    with pytest.raises(UnknownIdError) as info:
        c.group("on-file")
    assert "serious-illness" in str(info.value.expected)


def test_visit_quota_and_coverage() -> None:
    q = get_campaign("pingdingshan-2010").visit_quota
    assert q is not None
    # 附件3 三2: 不少于4户，其中困难劳模1户、困难农民工1户、困难职工2户 (1 + 1 + 2 = 4)
    assert q.minimum_households == 4
    assert dict(q.by_kind) == {"model-worker": 1, "migrant-worker": 1, "worker": 2}
    assert sum(q.by_kind.values()) == q.minimum_households
    assert q.source == "平工总［2009］38号 附件3 三2"
    quotas = [get_campaign(i).visit_quota is None for i in CONTRACT_IDS]
    assert quotas == [False, True, True, True, True]
    wuhan = get_campaign("wuhan-2015").coverage
    assert wuhan is not None and "普遍走訪慰問一次" in wuhan.text
    henan = get_campaign("henan-2018").coverage
    assert henan is not None and henan.source == "豫工文〔2017〕61号 三2"


def test_programmes() -> None:
    names = {c.id: [p.value for p in c.programmes] for c in campaigns()}
    assert names["pingdingshan-2010"] == ["FourClears", "SixSends", "FiveMustVisits", "EightOnes"]
    assert names["wuhan-2015"] == ["FourBigs", "ThreeCombinations"]
    assert names["pingdingshan-2022"] == ["NewFormWorker"]
    known = vocabularies()
    assert all(p in known for ps in names.values() for p in ps)


def test_forms() -> None:
    forms = {c.id: [f.value for f in c.forms] for c in campaigns()}
    assert forms["pingdingshan-2010"] == ["pingdingshan-2010:swn", "pingdingshan-2010:center"]
    assert forms["wuhan-2015"] == ["wuhan-2015:swn", "wuhan-2015:center"]
    assert forms["changzhou-edz-2021"][0] == "changzhou-edz-2021:swn"
    assert len(forms["henan-2018"]) == 3 and len(forms["pingdingshan-2022"]) == 2


# -- every field cites its clause -------------------------------------------------------------


def _sources(c: Campaign) -> list[str]:
    out = [c.period.source]
    for s in (c.issued_on, c.published_on, c.theme, c.coverage, c.issuer_source):
        if s is not None:
            out.append(s.source)
    for p in (c.visiting_window, c.report_deadline, c.application_deadline, c.visit_quota):
        if p is not None:
            out.append(p.source)
    out += [d.source for d in c.spending_deadlines.values()]
    pay = c.payment
    for rule in (pay.real_name, pay.file_before_aid, pay.channels, pay.earmarked):
        if rule is not None:
            out.append(rule.source)
    out += [s.source for s in (*c.forms, *c.reports, *c.programmes)]
    out += [g.source for g in c.groups]
    out += [s.source for s in c.absent.values()]
    return out


@pytest.mark.parametrize("ident", CAMPAIGN_IDS)
def test_every_source_cites_the_notice(ident: str) -> None:
    c = get_campaign(ident)
    for source in _sources(c):
        assert source.startswith(c.cite), source
    if c.document is not None:
        assert c.document.canonical == DocumentNumber.parse(c.cite).canonical


_OPTIONAL: dict[str, Callable[[Campaign], object]] = {
    "document": lambda c: c.document,
    "issued_on": lambda c: c.issued_on,
    "theme": lambda c: c.theme,
    "visiting_window": lambda c: c.visiting_window,
    "report_deadline": lambda c: c.report_deadline,
    "application_deadline": lambda c: c.application_deadline,
    "spending_deadlines": lambda c: c.spending_deadlines or None,
    "coverage": lambda c: c.coverage,
    "visit_quota": lambda c: c.visit_quota,
    "programmes": lambda c: c.programmes or None,
    "payment.real_name": lambda c: c.payment.real_name,
    "payment.file_before_aid": lambda c: c.payment.file_before_aid,
    "payment.channels": lambda c: c.payment.channels,
    "payment.earmarked": lambda c: c.payment.earmarked,
}


@pytest.mark.parametrize("ident", CAMPAIGN_IDS)
def test_every_missing_field_says_why(ident: str) -> None:
    c = get_campaign(ident)
    for name, read in _OPTIONAL.items():
        value = read(c)
        if value is None:
            assert name in c.absent, f"{ident}: {name} is None without a note"
            assert c.absent[name].note
        else:
            assert name not in c.absent, f"{ident}: {name} is set and marked absent"


@pytest.mark.parametrize("ident", CAMPAIGN_IDS)
def test_to_dict_is_json_with_sources(ident: str) -> None:
    c = get_campaign(ident)
    for lang in ("zh-Hans", "zh-Hant", "en"):
        data = c.to_dict(lang)
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    data = c.to_dict("en")
    assert data["period"]["source"] == c.period.source
    assert data["period"]["start"] == c.period.start.isoformat()
    assert all(g["source"] and g["text"] and g["label"] for g in data["groups"])
    assert data["title"] == c.title.en


def test_groups_have_three_labels() -> None:
    for c in campaigns():
        for g in c.groups:
            assert g.label.zh_hans and g.label.zh_hant and g.label.en
            assert g.text


# -- the command line -------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["campaigns", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 1 + len(CAMPAIGN_IDS)  # a heading and every campaign
    assert lines[1].startswith("pingdingshan-2010") and "平工总［2009］38号" in lines[1]
    assert "2009-12-21 – 2010-02-13" in lines[1]
    code, out, _ = _run(capsys, "--format", "json", "--lang", "en")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == list(CAMPAIGN_IDS)
    assert set(rows[0]) == {"id", "title", "document", "period"}
    code, out, _ = _run(capsys, "--format", "csv")
    assert out.splitlines()[0] == "id,title,document,period"
    assert len(out.splitlines()) == 1 + len(CAMPAIGN_IDS)


def test_cli_show_json_has_every_field_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "pingdingshan-2010", "--format", "json")
    assert code == 0
    data: dict[str, Any] = json.loads(out)
    assert data["document"] == {
        "text": "平工总［2009］38号",
        "issuer_abbrev": "平工总",
        "year": 2009,
        "serial": 38,
        "canonical": "平工总〔2009〕38号",
        "source": "平工总［2009］38号 (heading)",
    }
    assert data["issuer"]["level"] == "city" and data["issuer"]["source"]
    assert data["absent"]["issued_on"]["source"] == "平工总［2009］38号"
    assert data["theme"]["value"] == "心系职工情，温暖进万家"
    assert data["period"] | {"note": ""} == {
        "start": "2009-12-21",
        "end": "2010-02-13",
        "source": "平工总［2009］38号 二",
        "text": "2009年12月下旬至2010年春节前",
        "note": "",
        "dated": True,  # the notice prints the dates (issue 9 point 10)
    }
    assert data["visiting_window"]["source"] == "平工总［2009］38号 附件3 三5"
    assert "初十一" in data["visiting_window"]["note"]
    assert data["report_deadline"]["last_day"] == "2010-02-01"
    assert data["spending_deadlines"]["central-fiscal"]["last_day"] == "2009-12-31"
    assert data["spending_deadlines"]["provincial-fiscal"]["last_day"] == "2010-02-13"
    assert data["payment"]["real_name"]["source"] == "平工总［2009］38号 五(三)"
    assert [f["value"] for f in data["forms"]] == [
        "pingdingshan-2010:swn",
        "pingdingshan-2010:center",
    ]
    assert len(data["groups"]) == 5
    assert data["coverage"]["source"] == "平工总［2009］38号 三"
    assert data["visit_quota"]["by_kind"] == {"model-worker": 1, "migrant-worker": 1, "worker": 2}
    assert [p["value"] for p in data["programmes"]][:3] == [
        "FourClears",
        "SixSends",
        "FiveMustVisits",
    ]
    assert data["spring_festival"] == "2010-02-14"


def test_cli_show_text_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "wuhan-2015", "--lang", "en")
    assert code == 0
    assert "Campaign period" in out and "2015-01-01 – 2015-03-05" in out
    assert "武工办〔2014〕74号 四(二)三" in out  # the union-card clause
    code, out, _ = _run(capsys, "wuhan-2015", "--lang", "zh-Hant")
    assert "活動期間" in out or "期間" in out
    code, out, _ = _run(capsys, "changzhou-edz-2021", "--format", "csv")
    rows = out.splitlines()
    assert rows[0] == "field,value,source,text,note"
    assert any(r.startswith("group[serious-illness]") for r in rows)


def test_cli_unknown_campaign_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "nowhere-2030")
    assert code == 2 and out == ""
    assert "nowhere-2030" in err and "pingdingshan-2010" in err and "Traceback" not in err


# -- a user's own campaign file ---------------------------------------------------------------


def _copy(tmp_path: Path, ident: str, edit: Any = None) -> Path:
    path = tmp_path / f"{ident}.toml"
    shutil.copy(DATA / f"{ident}.toml", path)
    if edit is not None:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_load_campaign_reads_a_copy(tmp_path: Path) -> None:
    c = load_campaign(_copy(tmp_path, "changzhou-edz-2021"))
    bundled = get_campaign("changzhou-edz-2021")
    assert c.to_dict("en") == bundled.to_dict("en")


def test_load_campaign_with_another_reading(tmp_path: Path) -> None:
    # a user who reads "元旦、春节期间" as running to 元宵 writes the rule in their own file
    path = _copy(
        tmp_path,
        "henan-2018",
        lambda t: t.replace(
            'end = { rule = "spring-festival-holiday-end", year = 2018 }',
            'end = { rule = "lantern-festival", year = 2018 }',
        ),
    )
    assert load_campaign(path).period.end == D(2018, 3, 2)


def test_undated_period_runs_to_the_end_of_the_spring_festival_holiday(tmp_path: Path) -> None:
    # issue 9 point 10: 正月初六 computed from the calendar; 春节 2018-02-16 is 正月初一, so
    # 正月初六 = 2018-02-21 (the 2018 holiday was 2018-02-15..02-21); 2022: 2022-02-01 + 5 = 02-06
    from wennuan_rules.campaign.dates import resolve_date

    for year, end in ((2018, D(2018, 2, 21)), (2022, D(2022, 2, 6)), (2010, D(2010, 2, 19))):
        rule = {"rule": "spring-festival-holiday-end", "year": year}
        assert resolve_date(rule, is_end=True) == end
    # a user who prints dates for it says dated = true (or leaves it out)
    path = _copy(tmp_path, "henan-2018", lambda t: t.replace("dated = false\n", ""))
    assert load_campaign(path).period.dated


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('cite = "豫工文〔2017〕61号"', 'cite = "豫工文〔2017〕61号"\nthem = "x"', "them"),
        ('level = "provincial"', 'level = "province"', "issuer.level"),
        ('value = "on-file"', 'value = "on-file"', None),  # unchanged: control
        ('id = "on-file"', 'id = "On File"', "groups[0].id"),
        ('value = ["bank-card"]', 'value = ["wechat"]', "payment.channels.value[0]"),
        ('channel_applies_to = ["central-fiscal", "provincial-fiscal"]',
         'channel_applies_to = ["central"]', "payment.channel_applies_to[0]"),
        ('day = 2018-02-05', 'day = "5 Feb"', "report_deadline.day"),
        ('start = { rule = "new-year", year = 2018 }',
         'start = { rule = "new-years-eve", year = 2018 }', "period.start.rule"),
        ('start = { rule = "new-year", year = 2018 }', 'start = 2018-03-01', "period"),
        ('[absent.visit_quota]', '[absent.visit_quotas]', "absent.visit_quotas"),
        ('festival_year = 2018', 'festival_year = "2018"', "festival_year"),
    ],
)  # fmt: skip
def test_load_campaign_names_the_bad_key(
    tmp_path: Path, old: str, new: str, key: str | None
) -> None:
    path = _copy(tmp_path, "henan-2018", lambda t: t.replace(old, new, 1))
    if key is None:
        assert load_campaign(path).id == "henan-2018"
        return
    with pytest.raises(DataFileError) as info:
        load_campaign(path)
    assert info.value.what == key
    assert info.value.file == str(path)


def test_load_campaign_unknown_fund_source_and_programme(tmp_path: Path) -> None:
    path = _copy(
        tmp_path,
        "pingdingshan-2010",
        lambda t: t.replace("[spending_deadlines.central-fiscal]", "[spending_deadlines.central]"),
    )
    with pytest.raises(DataFileError) as info:
        load_campaign(path)
    assert info.value.what == "spending_deadlines.central"
    path = _copy(tmp_path, "pingdingshan-2010", lambda t: t.replace('"FourClears"', '"FourClear"'))
    with pytest.raises(DataFileError) as info:
        load_campaign(path)
    assert info.value.what == "programmes[0].value"


def test_load_campaign_bad_path(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        load_campaign(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("id = ", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_campaign(bad)
    with pytest.raises(InvalidValueError):
        load_campaign(3)  # type: ignore[arg-type]


# -- docs/campaigns.md lists every field -------------------------------------------------------


def test_docs_list_every_campaign_field() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "campaigns.md"
    if not docs.exists():  # pragma: no cover - an installed package without the source tree
        pytest.skip("docs/campaigns.md is not in this tree")
    text = docs.read_text(encoding="utf-8")
    for c in campaigns():
        if not is_bundled(c.file):  # the docs describe the package (a user's campaign: its own)
            continue
        assert f"## `{c.id}`" in text
        assert f"{c.period.start.isoformat()} – {c.period.end.isoformat()}" in text
        for g in c.groups:
            assert f"`{g.id}`" in text and g.source in text
        for source in _sources(c):
            assert source in text, source


def test_wuhan_union_card_month_is_campaign_data() -> None:
    # issue 9 point 18: 武工办〔2014〕74号 三(四)六 "2015年的19---210日" = 1月9日至2月10日,
    # the 工会卡宣传月: 2015-01-09..02-10 is 23 + 10 = 33 days; it is not the visiting window
    c = get_campaign("wuhan-2015")
    month = c.observances["union-card-month"]
    assert (month.start, month.end, month.days) == (D(2015, 1, 9), D(2015, 2, 10), 33)
    assert month.source == "武工办〔2014〕74号 三(四)六"
    assert c.visiting_window is None
    assert c.to_dict()["observances"]["union-card-month"]["end"] == "2015-02-10"
    assert get_campaign("henan-2018").observances == {}

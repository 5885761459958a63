"""The five bundled forms, and golden returns for each, filled and checked BY HAND from the seeds.

Every consistent return below was filled with realistic figures for a reporting union and its
totals were added up by hand (the arithmetic is in the comments); the inconsistent ones change one
figure each and assert the exact rule ids that fail, the expected/actual strings a user sees, and
the likely fix.
Readings of the forms are recorded in docs/decisions.md (## Forms → ### Form data).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import wennuan_rules as wr
from wennuan_rules.errors import InvalidValueError, UnknownIdError

FORM_IDS = (
    "changzhou-edz-2021:swn",
    "pingdingshan-2010:center",
    "pingdingshan-2010:swn",
    "wuhan-2015:center",
    "wuhan-2015:swn",
)
RETURNS = Path(__file__).parent / "data" / "returns"


def _bundled_form_ids() -> list[str]:
    """The ids of the forms in the package (a user's data directory may add more)."""
    from importlib import resources

    folder = resources.files("wennuan_rules").joinpath("data", "forms")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    return [n[: -len(".toml")].replace("__", ":") for n in names]


# contract.md: two-digit line + letter (+ -1, -2 … for several blanks), or letter codes A, B1 … K2
CODE = re.compile(r"^(?:\d{2}[A-Z](?:-[1-9])?|[A-Z](?:[1-9]\d?)?)$")
UNITS = {
    "人",
    "户",
    "人次",
    "个",
    "家",
    "列",
    "节",
    "辆",
    "艘",
    "架",
    "张",
    "对",
    "件",
    "万元",
    "yes-no",
}
# characters that betray the wrong script in a label
# (the printed Wuhan text mixes in 于 and 并: allowed)
TRADITIONAL_ONLY = set("職會農難幫區縣戶萬為與發經資財撥員門學醫療勞動問檔筆幣項總類單時實達務")
SIMPLIFIED_ONLY = set("职会农难帮区县户万为与发经资财拨员门学医疗劳动问档笔币项总类单时实达务")


def _num(value: object) -> str:
    return str(value)


def _rules(report: Any) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in report.findings]


# ================================================================================
# pingdingshan-2010:swn 送温暖工程统计表 (平工总［2009］38号 附件1), a county union
# ================================================================================
PDS_SWN: dict[str, object] = {
    "01A": 86500,
    "02A": 5230,  # 02A <= 01A: 5230 <= 86500
    "03A": 3120,  # 03A <= 02A (warning rule): 3120 <= 5230
    "03B": 1460,
    "03C": 1210,  # 03B + 03C = 1460 + 1210 = 2670 <= 3120
    "03D": 450,  # 450 <= 3120
    "03E": 380,
    "04A": 26,
    "04B": 1850,
    "04C": 42,
    "04D": 960,
    # 05A = 05B + 05C + 05D = 85.6 + 62.35 + 40.8 = 188.75 (printed 注：05A=05B+05C+05D)
    "05A": "188.75",
    "05B": "85.6",
    "05C": "62.35",
    "05D": "40.8",
    "06A": "176.4",  # 06A <= 05A: 176.4 <= 188.75
    "06B": "12.6",  # <= 176.4
    "06C": "38.15",  # <= 176.4
    "07A": 6200,
    "07B": 1340,
    "07C": 410,
    "07D": 520,
    "07E": 286,
    "07F": 175,
    "07G": 96,
    "07H": 230,
    "08A-1": 1280,
    "08A-2": "620.5",
    "08B-1": 1150,  # <= 1280
    "08B-2": "574.3",  # <= 620.5
    "09A": 3600,
    "09B-1": 2,
    "09B-2": 1900,
    "09C-1": 18,
    "09C-2": 810,  # 09B-2 + 09C-2 = 1900 + 810 = 2710 <= 3600
    "09D": 2450,
    "10A": "36.8",
}
# 19 rules + 37 unit checks = 56 (issue 9: see GOLDEN)

# ================================================================================
# pingdingshan-2010:center 困难职工帮扶中心统计表 (附件2), the city union:
# 1 city centre + 10 county ones
# (舞钢 汝州 宝丰 叶县 鲁山 郏县 新华 卫东 石龙 湛河)
# ================================================================================
PDS_CENTER: dict[str, object] = {
    "01A": 11,  # 01A = 01B + 01C = 1 + 10 = 11
    "01B": 1,
    "01C": 10,
    "02A": 6,  # 02A = 02B + 02C = 1 + 5 = 6 <= 01A 11; 02B 1 <= 01B 1; 02C 5 <= 01C 10
    "02B": 1,
    "02C": 5,
    "03A": 58,  # 03A = 03B + 03C = 12 + 46 = 58
    "03B": 12,
    "03C": 46,
    "04A": 132,
    # 05A = 210 + 95.5 + 120.25 + 36.75 = 462.5
    "05A": "462.5",
    "05B": "210",
    "05C": "95.5",
    "05D": "120.25",
    "05E": "36.75",
    "06A-1": 1,  # <= 01B 1
    "06A-2": "50",
    "06B": 1,  # <= 06A-1 1
    "07A-1": 7,  # <= 01C 10
    "07A-2": "84.6",
    "07B": 4,  # <= 07A-1 7
    # 08A-1 = 3200 + 640 + 410 + 520 + 380 + 1500 + 120 + 35 + 260
    #       = 3840 → 4250 → 4770 → 5150 → 6650 → 6770 → 6805 → 7065
    # 08A-2 = 186.4 + 95.2 + 61.5 + 2.6 + 11.4 + 0.75 + 6.3 + 70 + 15.85
    #       = 281.6 → 343.1 → 345.7 → 357.1 → 357.85 → 364.15 → 434.15 → 450
    "08A-1": 7065,
    "08A-2": "450",
    "08B-1": 3200,
    "08B-2": "186.4",
    "08C-1": 640,
    "08C-2": "95.2",
    "08D-1": 410,
    "08D-2": "61.5",
    "08E-1": 520,
    "08E-2": "2.6",
    "08F-1": 380,
    "08F-2": "11.4",
    "08G-1": 1500,
    "08G-2": "0.75",
    "08H-1": 120,
    "08H-2": "6.3",
    "08I-1": 35,
    "08I-2": "70",
    "08J-1": 260,
    "08J-2": "15.85",
    # 09A-1 = 860 + 150 + 95 + 310 + 240 + 420 + 65 + 8 + 70
    #       = 1010 → 1105 → 1415 → 1655 → 2075 → 2140 → 2148 → 2218
    # 09A-2 = 42.6 + 22.5 + 14.25 + 1.55 + 7.2 + 0.3 + 3.9 + 16 + 4.05
    #       = 65.1 → 79.35 → 80.9 → 88.1 → 88.4 → 92.3 → 108.3 → 112.35
    "09A-1": 2218,
    "09A-2": "112.35",
    "09B-1": 860,
    "09B-2": "42.6",
    "09C-1": 150,
    "09C-2": "22.5",
    "09D-1": 95,
    "09D-2": "14.25",
    "09E-1": 310,
    "09E-2": "1.55",
    "09F-1": 240,
    "09F-2": "7.2",
    "09G-1": 420,
    "09G-2": "0.3",
    "09H-1": 65,
    "09H-2": "3.9",
    "09I-1": 8,
    "09I-2": "16",
    "09J-1": 70,
    "09J-2": "4.05",
    "10A-1": 46,
    "10A-2": 312,
}
# 42 rules + 63 unit checks = 105 (issue 9: see GOLDEN)

# ================================================================================
# wuhan-2015:swn 2015年工會送溫暖活動統計表 (武工办〔2014〕74号 附件1), 江岸区总工会
# ================================================================================
WUHAN_SWN: dict[str, object] = {
    "01A": 186400,
    "01B": 52300,  # <= 01A
    "02A": 4620,  # <= 01A 186400
    "02B": 1380,  # <= 02A 4620 and <= 01B 52300
    "03A": 2860,  # <= 02A 4620 (warning rule)
    "03B": 640,  # <= 03A; <= 02B 1380 (warning rule)
    "03C": 1150,
    "03D": 1320,  # 03C + 03D = 1150 + 1320 = 2470 <= 2860
    "03E": 390,
    "03F": 310,
    "04A": 135,
    "04B": 28,
    "04C": 2150,
    "04D": 2760,
    "04E": 2410,  # <= 04D 2760
    "04F": 560,  # <= 04D 2760 (error) and <= 04E 2410 (warning)
    "04G": 36,
    # 05A = 68.5 + 120.35 + 214.3 + 42.8 + 6.4 = 188.85 → 403.15 → 445.95 → 452.35
    "05A": "452.35",
    "05B": "68.5",
    "05C": "120.35",
    "05D": "214.3",
    "05E": "42.8",
    "05F": "6.4",
    "06A": "418.6",  # <= 05A 452.35 (warning rule), and <= 425.35 (the sample's mistyped 05A)
    "06B": "15.2",
    "06C": "96.75",
    "07A": 8600,
    "07B": 1960,
    "07C": 520,
    "07D": 2380,
    "07E": 410,
    "07F": 365,
    "07G": 240,
    "07H": 132,
    "07I": 1860,
    "07J": "55.8",
    "07K": 310,
    "08A": 640,
    "08B": 12500,
    "08C": 420,
    "08D": "386.4",
    # 09A = 1850 + 6200 + 3400 + 960 = 12410
    "09A": 12410,
    "09B": 1850,
    "09C": 6200,
    "09D": 3400,
    "09E": 960,
    # 10C + 10E + 10G + 10I + 10K = 1200 + 460 + 2350 + 0 + 0 = 4010 <= 10A 5200
    "10A": 5200,
    "10B": 1,
    "10C": 1200,
    "10D": 4,
    "10E": 460,
    "10F": 52,
    "10G": 2350,
    "10H": 0,
    "10I": 0,
    "10J": 0,
    "10K": 0,
    "10L": 3800,
    "10M": 6,
    "11A": "45.6",
}
# 32 rules + 60 unit checks = 92 (issue 9: see GOLDEN)

# ================================================================================
# wuhan-2015:center 2014年度困難職工幫扶中心工作統計表 (附件2), 武汉市总工会
# (1 city + 13 district centres)
# ================================================================================
WUHAN_CENTER: dict[str, object] = {
    "01A": 14,  # 01A = 01B + 01C + 01D = 0 + 1 + 13 = 14
    "01B": 0,
    "01C": 1,
    "01D": 13,
    "02A": 96,  # 02A = 0 + 18 + 78 = 96
    "02B": 0,
    "02C": 18,
    "02D": 78,
    "03A": 1250,
    "04A": 156,
    "04B": 12,
    "04C": 1130,
    "04D": 420,
    "04E": 260,  # <= 04D 420
    "04F": 310,  # <= 04D 420
    # 05A = 850 + 1260.5 + 980.75 + 215.3 + 42.6 = 2110.5 → 3091.25 → 3306.55 → 3349.15
    "05A": "3349.15",
    "05B": "850",
    "05C": "1260.5",
    "05D": "980.75",
    "05E": "215.3",
    "05F": "42.6",
    "06A": "0",
    "06B": "否",
    "07A": 1,  # <= 01C 1
    "07B": "500",
    "07C": 1,  # <= 07A 1
    "08A": 13,  # <= 01D 13
    "08B": "1560.8",
    "08C": 9,  # <= 08A 13
    # 09A = 18600 + 4200 + 2650 + 1800 + 1350 + 6400 + 520 + 60 + 1100
    #     = 22800 → 25450 → 27250 → 28600 → 35000 → 35520 → 35580 → 36680
    # 09B = 1245.6 + 632.4 + 498.75 + 9.6 + 40.5 + 3.2 + 26.8 + 120 + 68.35
    #     = 1878 → 2376.75 → 2386.35 → 2426.85 → 2430.05 → 2456.85 → 2576.85 → 2645.2
    "09A": 36680,
    "09B": "2645.2",
    "09C": 18600,
    "09D": "1245.6",
    "09E": 4200,
    "09F": "632.4",
    "09G": 2650,
    "09H": "498.75",
    "09I": 1800,
    "09J": "9.6",
    "09K": 1350,
    "09L": "40.5",
    "09M": 6400,
    "09N": "3.2",
    "09O": 520,
    "09P": "26.8",
    "09Q": 60,
    "09R": "120",
    "09S": 1100,
    "09T": "68.35",
    "09U": 1850,
    # 10A = 3900 + 860 + 540 + 1200 + 780 + 2100 + 310 + 12 + 230
    #     = 4760 → 5300 → 6500 → 7280 → 9380 → 9690 → 9702 → 9932  (<= 09A 36680)
    # 10B = 198.6 + 112.4 + 81 + 3.6 + 23.4 + 1.05 + 15.5 + 24 + 11.45
    #     = 311 → 392 → 395.6 → 419 → 420.05 → 435.55 → 459.55 → 471  (<= 09B 2645.2)
    "10A": 9932,
    "10B": "471",
    "10C": 3900,
    "10D": "198.6",
    "10E": 860,
    "10F": "112.4",
    "10G": 540,
    "10H": "81",
    "10I": 1200,
    "10J": "3.6",
    "10K": 780,
    "10L": "23.4",
    "10M": 2100,
    "10N": "1.05",
    "10O": 310,
    "10P": "15.5",
    "10Q": 12,
    "10R": "24",
    "10S": 230,
    "10T": "11.45",
    "11A": 8600,  # 11A = 3200 + 5400 = 8600
    "11B": 3200,
    "11C": 5400,
    "12A": 85,
    "12B": 640,
    "12C": "356.2",
    "13A": "120.5",
    "13B": "86.3",
    "14A": 3,
    "14B": 5,
    "14C": 12,
    "14D": 8,
    "14E": 14,
    "14F": 6,
    "14G": 9,
}
# 46 rules + 85 unit checks = 131 (issue 9: six rules out, six in; see GOLDEN)

# ================================================================================
# changzhou-edz-2021:swn 2021年工会送温暖活动统计表
# (江苏常州经济开发区总工会 2021-01-06 附件), 遥观镇总工会
# ================================================================================
CZ_SWN: dict[str, object] = {
    "A": 48,
    # B = B1 + … + B6 = 0 + 12.5 + 18.36 + 6.2 + 4 + 0.85 = 12.5 → 30.86 → 37.06 → 41.06 → 41.91
    "B": "41.91",
    "B1": "0",
    "B2": "12.5",
    "B3": "18.36",
    "B4": "6.2",
    "B5": "4",
    "B6": "0.85",
    # C = 36 + 28 + 12 + 15 + 120 + 0 + 210 + 6 + 18 + 22 + 64
    #   = 64 → 76 → 91 → 211 → 211 → 421 → 427 → 445 → 467 → 531
    "C": 531,
    # D = 3.6 + 4.2 + 1.2 + 2.25 + 3.6 + 0 + 4.2 + 0.6 + 0.9 + 1.1 + 9.6
    #   = 7.8 → 9 → 11.25 → 14.85 → 14.85 → 19.05 → 19.65 → 20.55 → 21.65 → 31.25
    "D": "31.25",
    "C1": 36,
    "D1": "3.6",
    "C2": 28,
    "D2": "4.2",
    "C3": 12,
    "D3": "1.2",
    "C4": 15,
    "D4": "2.25",
    "C5": 120,
    "D5": "3.6",
    "C6": 0,
    "D6": "0",
    "C7": 210,
    "D7": "4.2",
    "C8": 6,
    "D8": "0.6",
    "C9": 18,
    "D9": "0.9",
    "C10": 22,
    "D10": "1.1",
    "C11": 64,
    "D11": "9.6",
    "E": 208,  # E = 85 + 64 + 28 + 19 + 12 = 208
    "E1": 85,
    "E2": 64,
    "E3": 28,
    "E4": 19,
    "E5": 12,
    "F": 1430,  # F = 150 + 860 + 420 = 1430
    "F1": 150,
    "F2": 860,
    "F3": 420,
    "G": 320,
    "H": 45,
    "I": "38.6",
    "J1": 40,
    "J2": "2",
    "K1": 15,
    "K2": 9,
}
# 21 rules + 49 unit checks = 70 (issue 9: see GOLDEN)

# checks = rules + items. Issue 9 changed the rules: 平顶山 附件1 13 + 6 (point 2: 09B-2<=09A,
# 09C-2<=09A, two vehicle le, two vehicle implications) = 19, + 37 items = 56; 平顶山 附件2 45 - 4
# catch-all le (point 1) + 1 (point 4: 10A-2>0->10A-1>0) = 42, + 63 = 105; 武汉 附件1 22 - 2
# catch-all le (point 1) + 10 vehicle rules (point 2) + 04F<=04D and 08C<=08A (point 5) = 32,
# + 60 = 92, + 5 (point 2 for 武汉 10: each transport ≤ 10A, 10C<=10A … 10K<=10A) = 97;
# 武汉 附件2 46 - 6 catch-all le + 3 staff + 06B + 12B + 12C (point 4) = 46, + 85 = 131;
# 常州 19 + D<=B and D+J2<=B (point 6) = 21, + 49 = 70.
GOLDEN: dict[str, tuple[dict[str, object], int]] = {
    "pingdingshan-2010:swn": (PDS_SWN, 56),
    "pingdingshan-2010:center": (PDS_CENTER, 105),
    "wuhan-2015:swn": (WUHAN_SWN, 97),  # 37 rules (5 more with issue 9 point 2) + 60 items
    "wuhan-2015:center": (WUHAN_CENTER, 131),
    "changzhou-edz-2021:swn": (CZ_SWN, 70),
}
SAMPLE_UNITS = {
    "pingdingshan-2010:swn": "叶县总工会",
    "pingdingshan-2010:center": "平顶山市总工会",
    "wuhan-2015:swn": "江岸区总工会",
    "wuhan-2015:center": "武汉市总工会",
    "changzhou-edz-2021:swn": "遥观镇总工会",
}


def _with(base: dict[str, object], **changes: object) -> dict[str, object]:
    out = dict(base)
    for key, value in changes.items():
        out[key.replace("_", "-")] = value
    return out


# --------------------------------------------------------------------------------
# the bundled form files
# --------------------------------------------------------------------------------


def test_every_bundled_form_loads() -> None:
    from wennuan_rules.form import forms

    assert [f.id for f in forms() if f.id in _bundled_form_ids()] == list(FORM_IDS)
    assert _bundled_form_ids() == list(FORM_IDS)
    for form_id in FORM_IDS:
        form = wr.get_form(form_id)
        assert form.id == form_id
        assert form.campaign == form_id.split(":")[0]
        assert form.items and form.rules


def test_wr_forms_stays_callable_after_importing_the_subpackage() -> None:
    """contract.md promises ``wr.forms()``; importing ``wennuan_rules.form`` must not shadow it."""
    import wennuan_rules.form  # noqa: F401 - what any caller of the readers does

    assert callable(wr.forms)
    assert [f.id for f in wr.forms() if f.id in FORM_IDS] == list(FORM_IDS)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_code_matches_contract_and_its_line(form_id: str) -> None:
    form = wr.get_form(form_id)
    for item in form.items:
        assert CODE.match(item.code), item.code
        assert item.unit in UNITS, (item.code, item.unit)
        if item.code[0].isdigit():
            assert item.code[:2] == item.line, item.code  # numbered rows keep two digits
        else:
            assert item.line in {str(n) for n in range(1, 9)}, item.code  # changzhou: 编号 1–8


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_item_has_three_labels_in_the_right_script(form_id: str) -> None:
    form = wr.get_form(form_id)
    labels = [form.title, *form.notes, *(item.label for item in form.items)]
    for label in labels:
        assert label.zh_hans and label.zh_hant and label.en, label
        assert not set(label.zh_hans) & TRADITIONAL_ONLY, label.zh_hans
        assert not set(label.zh_hant) & SIMPLIFIED_ONLY, label.zh_hant
    for label in [form.title, *(item.label for item in form.items)]:
        assert label.en.isascii(), label.en  # notes may quote the printed text


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_rule_has_a_source_and_a_stable_name(form_id: str) -> None:
    form = wr.get_form(form_id)
    codes = set(form.codes)
    for rule in form.rules:
        assert rule.source.startswith(form.source + " "), rule.name
        assert set(rule.items) <= codes, rule.name
        if rule.kind == "paired":
            assert rule.name == f"{rule.count}~{rule.amount}"
        elif rule.kind == "sum":
            assert rule.name == f"{rule.total}=sum"
        elif rule.kind == "implies":  # issue 9, points 2–4: the formula without spaces
            assert rule.name == rule.formula.replace(" ", "")
        else:
            assert rule.name == "+".join(rule.parts) + "<=" + rule.total
    for item in form.items:
        assert item.parent == "" or item.parent in codes, item.code


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_part_is_bounded_by_its_parent(form_id: str) -> None:
    """A 其中 item has an error rule (le or a printed sum) reading it against its parent."""
    form = wr.get_form(form_id)
    for item in form.items:
        if not item.parent:
            continue
        assert any(
            rule.kind in ("le", "sum")
            and rule.severity.value == "error"
            and rule.total == item.parent
            and item.code in rule.parts
            for rule in form.rules
        ), item.code


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_warning_sums_stand_beside_an_error_le(form_id: str) -> None:
    form = wr.get_form(form_id)
    errors = {
        (r.total, r.parts) for r in form.rules if r.kind == "le" and r.severity.value == "error"
    }
    for rule in form.rules:
        if rule.kind == "sum" and rule.severity.value == "warning":
            assert (rule.total, rule.parts) in errors, rule.name


def test_printed_formulas_are_errors() -> None:
    pds = wr.get_form("pingdingshan-2010:swn").rule("05A=sum")
    assert (pds.severity.value, pds.parts) == ("error", ("05B", "05C", "05D"))
    cz = wr.get_form("changzhou-edz-2021:swn")
    assert {r.name: (r.severity.value, len(r.parts)) for r in cz.rules if r.kind == "sum"} == {
        "B=sum": ("error", 6),
        "C=sum": ("error", 11),
        "D=sum": ("error", 11),
        "E=sum": ("error", 5),
        "F=sum": ("error", 3),
    }


def test_reference_dates_and_units_as_printed() -> None:
    assert str(wr.get_form("pingdingshan-2010:center").reference_date) == "2009-12-31"
    assert str(wr.get_form("wuhan-2015:center").reference_date) == "2014-12-31"
    assert wr.get_form("wuhan-2015:center").item("06B").unit == "yes-no"
    pds = wr.get_form("pingdingshan-2010:swn")
    assert [(c, pds.item(c).unit) for c in ("08A-1", "08A-2", "09B-1", "09B-2", "09C-1")] == [
        ("08A-1", "人"),
        ("08A-2", "万元"),
        ("09B-1", "列"),
        ("09B-2", "人次"),
        ("09C-1", "辆"),
    ]
    wuhan = wr.get_form("wuhan-2015:swn")
    assert [wuhan.item(c).unit for c in ("10B", "10D", "10F", "10H", "10J", "10L", "07K")] == [
        "列",
        "节",
        "辆",
        "艘",
        "架",
        "张",
        "对",
    ]
    assert (
        wuhan.item("03C").label.zh_hant == "其中家庭人均收入低于當地最低生活保障線的困難職工家庭"
    )  # as printed


# --------------------------------------------------------------------------------
# consistent golden returns
# --------------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_golden_return_is_consistent(form_id: str) -> None:
    values, checks = GOLDEN[form_id]
    form = wr.get_form(form_id)
    assert set(values) == set(form.codes)  # every line item filled in
    assert checks == len(form.rules) + len(form.items)
    report = wr.validate(form_id, values)
    assert report.findings == (), [f.to_dict("en") for f in report.findings]
    assert report.ok
    assert report.counts == {"error": 0, "warning": 0, "passed": checks, "not_evaluated": 0}
    assert report.fix is None


# --------------------------------------------------------------------------------
# inconsistent returns: one slip each
# --------------------------------------------------------------------------------


def test_printed_total_off_by_one_fen() -> None:
    # 1 分 = 0.01 元 = 0.000001 万元: 05A typed 188.750001 instead of 85.6 + 62.35 + 40.8 = 188.75
    report = wr.validate("pingdingshan-2010:swn", _with(PDS_SWN, **{"05A": "188.750001"}))
    assert not report.ok
    assert _rules(report) == [("pingdingshan-2010:swn/05A=sum", "error")]
    finding = report.findings[0]
    assert (finding.expected, finding.actual) == ("188.75", "188.750001")
    assert finding.items == ("05A", "05B", "05C", "05D")
    assert "05A=05B+05C+05D" in finding.source
    # 56 checks - 1 failed (issue 9, point 2 added six rules to 平顶山 附件1 09)
    assert report.counts == {"error": 1, "warning": 0, "passed": 55, "not_evaluated": 0}
    assert (report.fix.item, report.fix.value, report.fix.current) == (
        "05A",
        "188.75",
        "188.750001",
    )
    # a caller who accepts a 分 of rounding passes it
    assert wr.validate(
        "pingdingshan-2010:swn", report_values(PDS_SWN, "05A", "188.750001"), tolerance="0.000001"
    ).ok


def report_values(base: dict[str, object], code: str, value: object) -> dict[str, object]:
    return {**base, code: value}


def test_changzhou_total_off_by_one_fen() -> None:
    # B = 41.91 by hand; typed 41.909999 (one 分 short)
    report = wr.validate("changzhou-edz-2021:swn", report_values(CZ_SWN, "B", "41.909999"))
    assert _rules(report) == [("changzhou-edz-2021:swn/B=sum", "error")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("41.91", "41.909999")
    assert (
        report.findings[0].source
        == "江苏常州经济开发区总工会 2021-01-06 附件 编号2 B=B1+B2+B3+B4+B5+B6"
    )
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("B", "41.91")


def test_part_above_its_parent() -> None:
    # 02B 其中困難農民工 4800 > 02A 困難職工 4620 (still <= 01B 52300, so one rule fails)
    report = wr.validate("wuhan-2015:swn", report_values(WUHAN_SWN, "02B", 4800))
    assert _rules(report) == [("wuhan-2015:swn/02B<=02A", "error")]
    finding = report.findings[0]
    assert (finding.expected, finding.actual) == ("<= 4620", "4800")
    assert finding.source == "武工办〔2014〕74号 附件1 02"
    # 97 checks - 1 failed (issue 9 changed 武汉 附件1's rules: see GOLDEN)
    assert report.counts == {"error": 1, "warning": 0, "passed": 96, "not_evaluated": 0}
    # raising the total 02A to 4800 or lowering 02B to 4620 both work; the engine prefers the total
    assert report.fix is not None and report.fix.item in {"02A", "02B"}


def test_part_above_parent_in_the_center_form() -> None:
    # 04E 規模以上企業幫扶站點 430 > 04D 企業幫扶站點 420
    report = wr.validate("wuhan-2015:center", report_values(WUHAN_CENTER, "04E", 430))
    assert _rules(report) == [("wuhan-2015:center/04E<=04D", "error")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 420", "430")


def test_migrant_workers_in_hardship_above_migrant_workers() -> None:
    # 01B 農民工 1000 < 02B 困難農民工 1380: the cross rule 02B<=01B fails, nothing else
    report = wr.validate("wuhan-2015:swn", report_values(WUHAN_SWN, "01B", 1000))
    assert _rules(report) == [("wuhan-2015:swn/02B<=01B", "error")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 1000", "1380")


def test_carried_people_above_safe_return_total() -> None:
    # 10A typed 4000 < 1200 + 460 + 2350 = 4010 people carried; each transport alone is at most
    # 4000, so (issue 9 point 2: one person may take a bus, then a train) a warning, was an error
    report = wr.validate("wuhan-2015:swn", report_values(WUHAN_SWN, "10A", 4000))
    assert _rules(report) == [("wuhan-2015:swn/10C+10E+10G+10I+10K<=10A", "warning")]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 4000", "4010")
    assert report.ok
    # 10A typed 2000 < 2350 carried by bus alone: the error, with its likely fix
    report = wr.validate("wuhan-2015:swn", report_values(WUHAN_SWN, "10A", 2000))
    assert _rules(report) == [
        ("wuhan-2015:swn/10G<=10A", "error"),
        ("wuhan-2015:swn/10C+10E+10G+10I+10K<=10A", "warning"),
    ]
    assert (report.findings[0].expected, report.findings[0].actual) == ("<= 2000", "2350")
    assert report.fix is not None and (report.fix.item, report.fix.value) == ("10A", "2350")


def test_negative_count() -> None:
    report = wr.validate("pingdingshan-2010:swn", report_values(PDS_SWN, "04D", -960))
    assert _rules(report) == [("pingdingshan-2010:swn/04D:unit", "error")]
    finding = report.findings[0]
    assert (finding.expected, finding.actual) == ("a whole number >= 0", "-960")
    assert finding.items == ("04D",)
    assert report.fix is None


def test_fractional_count() -> None:
    report = wr.validate("wuhan-2015:center", report_values(WUHAN_CENTER, "12A", "85.5"))
    assert _rules(report) == [("wuhan-2015:center/12A:unit", "error")]
    assert (report.findings[0].expected, report.findings[0].actual) == (
        "a whole number >= 0",
        "85.5",
    )


def test_eight_decimals_of_wan() -> None:
    # 38.60000001 万元 is 38.6 万元 and a ten-thousandth of a 分: not a figure anyone paid
    report = wr.validate("changzhou-edz-2021:swn", report_values(CZ_SWN, "I", "38.60000001"))
    assert ("changzhou-edz-2021:swn/I:unit", "error") in _rules(report)
    finding = next(f for f in report.findings if f.rule.endswith("I:unit"))
    assert (finding.expected, finding.actual) == (
        "an amount >= 0 with at most 6 decimals",
        "38.60000001",
    )
    assert not report.ok
    # six decimals (whole 分) are fine
    assert wr.validate("changzhou-edz-2021:swn", report_values(CZ_SWN, "I", "38.600001")).ok


def test_paired_line_with_no_one_but_money() -> None:
    # C6 (重大灾害期间坚守抗灾一线的职工) 0 人次 but D6 0.5 万元;
    # D raised to 31.25 + 0.5 = 31.75 so D=sum holds
    values = {**CZ_SWN, "D6": "0.5", "D": "31.75"}
    report = wr.validate("changzhou-edz-2021:swn", values)
    assert report.ok  # a warning only
    assert _rules(report) == [("changzhou-edz-2021:swn/C6~D6", "warning")]
    assert report.findings[0].actual == "0 / 0.5"
    # 70 checks - 1 (issue 9, point 6 added D<=B, D+J2<=B: 31.75 and 31.75 + J2 <= B 41.91)
    assert report.counts == {"error": 0, "warning": 1, "passed": 69, "not_evaluated": 0}


def test_paired_line_in_center_form() -> None:
    # 08B 生活救助 0 人次 with 186.4 万元;
    # 08A-1 lowered by 3200 to 3865 so the count total still adds up
    values = {**PDS_CENTER, "08B-1": 0, "08A-1": 7065 - 3200}
    report = wr.validate("pingdingshan-2010:center", values)
    assert report.ok
    assert _rules(report) == [("pingdingshan-2010:center/08B-1~08B-2", "warning")]


def test_not_reported_item_leaves_its_rules_not_evaluated() -> None:
    values = report_values(WUHAN_SWN, "05F", None)  # 其他收入 left empty: NOT zero
    report = wr.validate("wuhan-2015:swn", values)
    assert report.ok and report.findings == ()
    # issue 9, point 1 (武工办〔2014〕74号 附件1 05): 05A=sum is the one rule of 05, no le beside it
    assert set(report.not_evaluated) == {
        "wuhan-2015:swn/05A=sum",
        "wuhan-2015:swn/05F:unit",
    }
    assert report.counts == {"error": 0, "warning": 0, "passed": 95, "not_evaluated": 2}
    # and leaving it out altogether is the same as an empty cell
    del values["05F"]
    assert wr.validate("wuhan-2015:swn", values).counts == report.counts


def test_zero_is_reported_not_missing() -> None:
    report = wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "05F": 0, "05A": "445.95"})
    assert report.ok and report.not_evaluated == ()


def test_yes_no_item() -> None:
    assert wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "06B": "是"}).ok
    assert wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "06B": True}).ok
    report = wr.validate("wuhan-2015:center", {**WUHAN_CENTER, "06B": 1})
    assert _rules(report) == [("wuhan-2015:center/06B:unit", "error")]


def test_floats_and_unknown_codes_are_refused() -> None:
    with pytest.raises(InvalidValueError):
        wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "05A": 452.35})
    with pytest.raises(UnknownIdError):
        wr.validate("wuhan-2015:swn", {**WUHAN_SWN, "05G": "1"})
    with pytest.raises(UnknownIdError):
        wr.validate("wuhan-2015:swn-typo", WUHAN_SWN)


def test_code_variants_people_type() -> None:
    typed = {
        "5A": "452.35",
        "05（B）": "68.5",
        "05 C": "120.35",
        "０５Ｄ": "214.3",
        "05e": "42.8",
        "05F": "6.4",
    }
    report = wr.validate("wuhan-2015:swn", typed)
    assert "wuhan-2015:swn/05A=sum" not in report.not_evaluated
    assert not any("05" in f.rule for f in report.findings)


def test_input_not_mutated() -> None:
    values = dict(WUHAN_SWN)
    wr.validate("wuhan-2015:swn", values)
    assert values == WUHAN_SWN


# --------------------------------------------------------------------------------
# bundled samples (data/samples/<campaign>__<form>.json)
# --------------------------------------------------------------------------------


def _sample(form_id: str) -> dict[str, Any]:
    name = form_id.replace(":", "__") + ".json"
    text = resources.files("wennuan_rules").joinpath("data", "samples", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_sample_is_the_golden_return(form_id: str) -> None:
    sample = _sample(form_id)
    assert set(sample) == {"form", "unit", "values"}
    assert sample["form"] == form_id
    assert sample["unit"] == SAMPLE_UNITS[form_id]
    golden = {k: _num(v) for k, v in GOLDEN[form_id][0].items()}
    given = {k: _num(v) for k, v in sample["values"].items()}
    if form_id == "wuhan-2015:swn":
        assert given.pop("05A") == "425.35"  # the one slip: 452.35 typed with 5 and 2 swapped
        golden.pop("05A")
    assert given == golden
    assert all(not isinstance(v, float) for v in sample["values"].values())


@pytest.mark.parametrize("form_id", [f for f in FORM_IDS if f != "wuhan-2015:swn"])
def test_other_samples_are_consistent(form_id: str) -> None:
    sample = _sample(form_id)
    report = wr.validate(form_id, sample["values"], unit=sample["unit"])
    assert report.ok and report.findings == ()
    assert report.unit == SAMPLE_UNITS[form_id]


def test_default_sample_shows_one_error_and_its_fix() -> None:
    """wuhan-2015:swn: 05A typed 425.35; its sources add up to 452.35 (5 and 2 swapped)."""
    sample = _sample("wuhan-2015:swn")
    report = wr.validate("wuhan-2015:swn", sample["values"], unit=sample["unit"])
    assert not report.ok
    # issue 9, point 1 (武工办〔2014〕74号 附件1 05, the parts end with 其他收入): the sum is the
    # error and there is no le rule beside it, so the slip is one finding; 97 checks - 1 = 96
    assert report.counts == {"error": 1, "warning": 0, "passed": 96, "not_evaluated": 0}
    assert _rules(report) == [("wuhan-2015:swn/05A=sum", "error")]
    (error,) = report.findings
    # 68.5 + 120.35 + 214.3 + 42.8 + 6.4 = 452.35
    assert (error.expected, error.actual) == ("452.35", "425.35")
    assert error.source == "武工办〔2014〕74号 附件1 05"
    assert (report.fix.item, report.fix.value, report.fix.current) == ("05A", "452.35", "425.35")
    as_json = report.to_dict("zh-Hans")
    assert as_json["unit"] == "江岸区总工会" and as_json["ok"] is False


# --------------------------------------------------------------------------------
# golden input files (tests/data/returns)
# --------------------------------------------------------------------------------


def test_golden_json_list_of_returns() -> None:
    returns = list(wr.read_returns(RETURNS / "wuhan-2015__swn__districts.json"))
    assert [r.unit for r in returns] == ["江岸区总工会", "江汉区总工会", "硚口区总工会"]
    reports = [wr.validate(r.form, r) for r in returns]
    assert [r.ok for r in reports] == [True, False, True]
    assert _rules(reports[1]) == [("wuhan-2015:swn/02B<=02A", "error")]
    # 硚口: 05F left empty ("" = not reported), so the two 05 rules are not evaluated
    assert "wuhan-2015:swn/05A=sum" in reports[2].not_evaluated


def test_golden_long_csv_in_gb18030() -> None:
    (ret,) = wr.read_returns(
        RETURNS / "pingdingshan-2010__swn__long-gb18030.csv", form="pingdingshan-2010:swn"
    )
    assert ret.values["05A"] == Decimal("188.75") and ret.values["08A-1"] == Decimal(1280)
    report = wr.validate("pingdingshan-2010:swn", ret)
    assert report.ok and report.counts["passed"] == 56  # issue 9, point 2: 19 rules + 37 items


def test_golden_wide_csv_of_past_returns() -> None:
    returns = list(
        wr.read_returns(
            RETURNS / "changzhou-edz-2021__swn__wide.csv", form="changzhou-edz-2021:swn"
        )
    )
    assert [r.unit for r in returns] == ["遥观镇总工会", "横林镇总工会"]
    reports = [wr.validate(r.form, r) for r in returns]
    assert reports[0].ok and reports[0].counts["passed"] == 70  # issue 9, point 6: + D<=B, D+J2<=B
    # 横林: E typed 280 while E1…E5 add up to 90 + 70 + 40 + 25 + 15 = 240
    assert _rules(reports[1]) == [("changzhou-edz-2021:swn/E=sum", "error")]
    assert (reports[1].findings[0].expected, reports[1].findings[0].actual) == ("240", "280")


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_rule_catches_a_slip_in_its_golden_return(form_id: str) -> None:
    """Each sum/le rule fails when its first part is one unit (1 person, 1 分) past its bound;
    each paired rule fails when its count is zeroed while money was given; each implication
    (issue 9) fails when its premise is made to hold and its conclusion's item is zeroed."""
    values, _ = GOLDEN[form_id]
    form = wr.get_form(form_id)
    for rule in form.rules:
        if rule.kind == "implies":
            premise, conclusion = rule.items[0], rule.items[-1]
            if form.item(premise).is_yes_no:
                changed = {**values, premise: "是", conclusion: 0}  # 06B = 是 -> 06A > 0
            else:  # X > 0 -> Y > 0
                given = Decimal(str(values[premise]))
                changed = {**values, premise: given or 1, conclusion: 0}
        elif rule.kind == "paired":
            if Decimal(str(values[rule.amount])) == 0:
                continue
            changed = {**values, rule.count: 0}
        else:
            part = rule.parts[0]
            step = Decimal("0.000001") if form.item(part).unit == "万元" else Decimal(1)
            total = Decimal(str(values[rule.total]))
            others = sum((Decimal(str(values[p])) for p in rule.parts[1:]), Decimal(0))
            # sum: one step off; le: the parts exceed the total by exactly one step
            bumped = (
                Decimal(str(values[part])) + step if rule.kind == "sum" else total - others + step
            )
            changed = {**values, part: bumped}
        failed = {f.rule for f in wr.validate(form_id, changed).findings}
        assert f"{form_id}/{rule.name}" in failed, rule.name

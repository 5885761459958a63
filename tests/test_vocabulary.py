"""The controlled vocabularies: contract ids, three labels each, and from_text reading every way the
notices and people write a member (id, Simplified, Traditional, English, aliases)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan_rules.errors import UnknownIdError
from wennuan_rules.vocabulary import (
    Cause,
    CivilAffairs,
    EightOnes,
    FiveMustVisits,
    FourBigs,
    FourClears,
    FundSource,
    HardshipCategory,
    ModelWorkerLevel,
    NewFormWorker,
    PaymentChannel,
    SixSends,
    ThreeCombinations,
    UnionLevel,
    Vocab,
    vocabularies,
)

ALL = sorted(vocabularies().items())
MEMBERS = [(name, m) for name, cls in ALL for m in cls]


# -- ids of contract.md -----------------------------------------------------------------------


def test_fund_source_ids() -> None:
    assert FundSource.ids() == (
        "central-fiscal",
        "provincial-fiscal",
        "local-fiscal",
        "government-grant",
        "union-funds",
        "social-donation",
        "administrative",
        "other",
    )


def test_hardship_category_ids() -> None:
    assert HardshipCategory.ids() == ("extreme", "deep", "relative", "accident")


def test_model_worker_levels_are_ordered() -> None:
    assert ModelWorkerLevel.ids() == ("enterprise", "district", "city", "province", "national")
    assert [m.rank for m in ModelWorkerLevel] == [0, 1, 2, 3, 4]
    # changzhou-edz-2021 二(一)1(5): 区级以上 = district or higher
    assert ModelWorkerLevel.CITY.at_least(ModelWorkerLevel.DISTRICT)
    assert ModelWorkerLevel.DISTRICT.at_least(ModelWorkerLevel.DISTRICT)
    assert not ModelWorkerLevel.ENTERPRISE.at_least(ModelWorkerLevel.DISTRICT)


def test_civil_affairs_ids() -> None:
    assert CivilAffairs.ids() == ("dibao", "dibao-edge")


def test_household_causes_of_the_contract_exist() -> None:
    for cause in ("illness", "child-education", "disaster", "accident", "unemployment"):
        assert Cause.from_text(cause).id == cause


def test_payment_channels() -> None:
    assert {"bank-card", "union-card"} <= set(PaymentChannel.ids())


@pytest.mark.parametrize(
    ("vocab", "count"),
    [
        (FourClears, 4),  # 四清
        (SixSends, 6),  # 六送
        (FiveMustVisits, 5),  # 五必访
        (EightOnes, 8),  # 八个一
        (FourBigs, 4),  # 大走访、大帮扶、大维权、大服务
        (ThreeCombinations, 3),  # 三个结合
        (NewFormWorker, 4),  # 货车司机、网约车司机、快递员、外卖配送员
    ],
)
def test_programme_counts(vocab: type[Vocab], count: int) -> None:
    assert len(vocab) == count
    assert vocab.source()


def test_programmes_read_from_the_notices() -> None:
    assert FourClears.from_text("困难职工就业需求清") is FourClears.EMPLOYMENT_NEEDS
    assert SixSends.from_text("送资金（物资）") is SixSends.FUNDS
    assert SixSends.from_text("送资金") is SixSends.FUNDS
    assert (
        FiveMustVisits.from_text("遭遇突发事件的困难职工家庭必访")
        is FiveMustVisits.EMERGENCY_FAMILIES
    )
    assert EightOnes.from_text("掀起一场欠薪监督检查行动") is EightOnes.WAGE_INSPECTION
    assert FourBigs.from_text("大維權") is FourBigs.RIGHTS  # Wuhan 2015 prints Traditional
    # 武工办〔2014〕74号 四(二) 一是: "與黨的群眾路線教育實踐活動緊密結合", in either script
    mass_line = ThreeCombinations.MASS_LINE
    assert ThreeCombinations.from_text("與黨的群眾路線教育實踐活動緊密結合") is mass_line
    assert ThreeCombinations.from_text("与党的群众路线教育实践活动紧密结合") is mass_line
    assert NewFormWorker.from_text("外卖配送员") is NewFormWorker.FOOD_DELIVERY


# -- labels and from_text -------------------------------------------------------------------


def test_every_vocabulary_has_a_source_and_unique_ids() -> None:
    for name, cls in ALL:
        assert cls.source(), name
        assert len(set(cls.ids())) == len(cls.ids())
        for ident in cls.ids():
            assert ident == ident.lower() and " " not in ident


@pytest.mark.parametrize(("vocab", "member"), MEMBERS, ids=[f"{n}.{m.id}" for n, m in MEMBERS])
def test_member_has_three_labels_and_reads_back(vocab: str, member: Vocab) -> None:
    cls = type(member)
    label = member.label
    assert label.zh_hans and label.zh_hant and label.en
    assert label.get("zh-Hans") == label.zh_hans
    assert label.get("zh-Hant") == label.zh_hant
    assert label.get("en") == label.en
    for text in (member.id, label.zh_hans, label.zh_hant, label.en, *member.aliases):
        assert cls.from_text(text) is member, text
        assert cls.from_text(f"  {text.upper()} ") is member, text
    assert cls.from_text(member) is member
    assert str(member) == member.id


def test_aliases_the_notices_use() -> None:
    assert FundSource.from_text("工会拨款") is FundSource.UNION_FUNDS
    assert FundSource.from_text("工會經費") is FundSource.UNION_FUNDS
    assert FundSource.from_text("各界捐助") is FundSource.SOCIAL_DONATION
    assert FundSource.from_text("社会募集") is FundSource.SOCIAL_DONATION
    assert FundSource.from_text("中央財政撥款") is FundSource.CENTRAL_FISCAL
    assert FundSource.from_text("中央财政专项资金") is FundSource.CENTRAL_FISCAL
    assert FundSource.from_text("省财政专项资金") is FundSource.PROVINCIAL_FISCAL
    assert PaymentChannel.from_text("银行卡（存折）") is PaymentChannel.BANK_CARD
    assert PaymentChannel.from_text("银行卡(存折)") is PaymentChannel.BANK_CARD  # ASCII brackets
    assert PaymentChannel.from_text("工會卡") is PaymentChannel.UNION_CARD
    assert HardshipCategory.from_text("特困") is HardshipCategory.EXTREME
    assert UnionLevel.from_text("开发区总工会") is UnionLevel.DISTRICT
    assert Cause.from_text("子女读书") is Cause.CHILD_EDUCATION


@pytest.mark.parametrize(("name", "cls"), ALL)
def test_unknown_text_is_refused_listing_the_ids(name: str, cls: type[Vocab]) -> None:
    for junk in ("no such thing", "", None, 3, ["deep"], "x" * 1000):
        with pytest.raises(UnknownIdError) as info:
            cls.from_text(junk)
        assert info.value.what == name
        assert cls.ids()[0] in str(info.value.expected)


def test_no_word_reads_as_two_members() -> None:
    # an alias that named two members would make from_text depend on declaration order
    for name, cls in ALL:
        owners: dict[str, set[str]] = {}
        for m in cls:
            for w in (m.id, m.label.zh_hans, m.label.zh_hant, m.label.en, *m.aliases):
                key = "".join(w.split()).casefold()
                owners.setdefault(key, set()).add(m.id)
        clashes = {k: v for k, v in owners.items() if len(v) > 1}
        assert not clashes, f"{name}: {clashes}"


@settings(max_examples=200)
@given(text=st.text(max_size=30))
def test_from_text_gives_a_member_or_unknown_id(text: str) -> None:
    for _name, cls in ALL:
        try:
            member = cls.from_text(text)
        except UnknownIdError:
            continue
        assert isinstance(member, cls)

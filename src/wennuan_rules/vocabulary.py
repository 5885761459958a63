"""Controlled vocabularies with stable ids (contract.md) and labels in zh-Hans, zh-Hant and en.

Every vocabulary is an :class:`enum.Enum` whose value is the stable id. ``Vocab.from_text``
reads a member back from its id, from its label in either script or English, or from a listed
alias (the other words the notices use for it, e.g. 工会拨款 for ``union-funds``), ignoring case
and surrounding white space, and refuses anything else with
:class:`~wennuan_rules.errors.UnknownIdError` listing the ids.

``Vocab.source()`` names the clause a vocabulary's members come from.
"""

from __future__ import annotations

import enum
import unicodedata
from functools import cache
from typing import ClassVar, Self

from wennuan_rules.errors import UnknownIdError
from wennuan_rules.i18n import N_, Label

__all__ = [
    "Cause",
    "CivilAffairs",
    "EightOnes",
    "FiveMustVisits",
    "FourBigs",
    "FourClears",
    "FundSource",
    "HardshipCategory",
    "ModelWorkerLevel",
    "MonitoringCategory",
    "NewFormWorker",
    "PaymentChannel",
    "Professional",
    "SixSends",
    "ThreeCombinations",
    "UnionLevel",
    "Vocab",
    "vocabularies",
]


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace(" ", "")


class Vocab(enum.Enum):
    """Base of the vocabularies: value = stable id; ``label`` in three locales; ``aliases``."""

    _value_: str
    _label: Label
    _aliases: tuple[str, ...]
    __source__: ClassVar[str] = ""

    def __new__(cls, ident: str, zh_hans: str, zh_hant: str, en: str, *aliases: str) -> Self:
        obj = object.__new__(cls)
        obj._value_ = ident
        obj._label = Label(zh_hans=zh_hans, zh_hant=zh_hant, en=en)
        obj._aliases = aliases
        return obj

    @property
    def id(self) -> str:
        """The stable id (contract.md)."""
        return self._value_

    @property
    def label(self) -> Label:
        return self._label

    @property
    def aliases(self) -> tuple[str, ...]:
        return self._aliases

    def __str__(self) -> str:
        return self._value_

    @classmethod
    def _index(cls) -> dict[str, Self]:
        return _index_of(cls)  # type: ignore[return-value]

    @classmethod
    def from_text(cls, text: object) -> Self:
        """The member for an id, a label (zh-Hans, zh-Hant, en) or an alias; else UnknownIdError."""
        if isinstance(text, cls):
            return text
        if text.__class__ is str:  # ids and labels as written: one look-up, no normalising
            exact = _exact_of(cls).get(text)
            if exact is not None:
                return exact  # type: ignore[return-value]
        if isinstance(text, str) and len(text) <= 200:
            found = cls._index().get(_key(text))
            if found is not None:
                return found
        raise UnknownIdError(
            N_("{what}: unknown value {got}; expected one of {expected}"),
            what=cls.__name__,
            expected=", ".join(m.id for m in cls),
            got=text,
        )

    @classmethod
    def source(cls) -> str:
        """The clause(s) the members come from."""
        return cls.__source__

    @classmethod
    def ids(cls) -> tuple[str, ...]:
        return tuple(m.id for m in cls)


def _words(member: Vocab) -> tuple[str, ...]:
    label = member.label
    return (member.id, label.zh_hans, label.zh_hant, label.en, *member.aliases)


@cache
def _exact_of(cls: type[Vocab]) -> dict[str, Vocab]:
    """Each id, label and alias as written → the member :meth:`Vocab.from_text` reads it as."""
    index = _index_of(cls)
    return {
        word: index[_key(word)] for member in cls for word in _words(member) if len(word) <= 200
    }


def exact_ids(cls: type[Vocab]) -> dict[str, Vocab]:
    """:func:`_exact_of` for the readers' fast paths (a text found in it is that member)."""
    return _exact_of(cls)


@cache
def _index_of(cls: type[Vocab]) -> dict[str, Vocab]:
    index: dict[str, Vocab] = {}
    for member in cls:
        for word in _words(member):
            index.setdefault(_key(word), member)
    return index


class UnionLevel(Vocab):
    """Levels of the union organisation that issue notices and fill in returns."""

    __source__ = "中华全国总工会章程; the issuers of the five notices"
    NATIONAL = ("national", "全国总工会", "全國總工會", "national federation (ACFTU)", "全总")
    PROVINCIAL = (
        "provincial",
        "省总工会",
        "省總工會",
        "provincial federation",
        "省总",
        "省級",
        "省级",
    )
    CITY = ("city", "市总工会", "市總工會", "city federation", "市总", "地市级", "地市級")
    DISTRICT = (
        "district",
        "县（市、区）总工会",
        "縣（市、區）總工會",
        "county or district federation",
        "县级",
        "縣級",
        "区级",
        "區級",
        "县（区）级",
        "开发区总工会",
        "開發區總工會",
    )
    INDUSTRY = ("industry", "产业工会", "產業工會", "industrial union")
    GRASSROOTS = ("grassroots", "基层工会", "基層工會", "grassroots union", "企业工会")


class HardshipCategory(Vocab):
    """Categories of the hardship file (困难职工档案). ``extreme`` is the scheme before 2021."""

    __source__ = "江苏常州经济开发区总工会 2021-01-06 二(一)1(1); 平顶山市总工会办公室 2022 二(三)"
    EXTREME = ("extreme", "特困职工", "特困職工", "extreme hardship (scheme before 2021)", "特困")
    DEEP = ("deep", "深度困难", "深度困難", "deep hardship", "深度困难职工")
    RELATIVE = ("relative", "相对困难", "相對困難", "relative hardship", "相对困难职工")
    ACCIDENT = ("accident", "意外致困", "意外致困", "hardship caused by accident", "意外致困职工")


class Cause(Vocab):
    """Causes of a household's hardship, as the notices name them (contract.md; extensible)."""

    __source__ = (
        "平工总［2009］38号 三; 江苏常州经济开发区总工会 2021-01-06 二(一)1; "
        "平顶山市总工会办公室 2022 二(二)"
    )
    ILLNESS = (
        "illness",
        "患病",
        "患病",
        "illness",
        "重大疾病",
        "患大病",
        "大病",
        "因病",
        "重病",
        "疾病",
    )
    CHILD_EDUCATION = (
        "child-education",
        "子女教育",
        "子女教育",
        "children's education",
        "子女上学",
        "子女读书",
        "子女讀書",
        "子女教育费用负担过重",
    )
    DISASTER = ("disaster", "自然灾害", "自然災害", "natural disaster", "突遭灾害", "灾害", "災害")
    ACCIDENT = (
        "accident",
        "突发意外",
        "突發意外",
        "accident or emergency",
        "意外事件",
        "突发事件",
        "意外伤害",
        "意外",
    )
    UNEMPLOYMENT = ("unemployment", "下岗失业", "下崗失業", "unemployment", "失业", "失業", "下岗")
    ENTERPRISE_DIFFICULTY = (
        "enterprise-difficulty",
        "企业困难停发减发工资",
        "企業困難停發減發工資",
        "enterprise in difficulty (wages stopped or cut)",
        "金融危机",
        "停发减发工资",
    )
    WORK_INJURY = (
        "work-injury",
        "工伤或职业病",
        "工傷或職業病",
        "work injury or occupational disease",
        "工伤",
    )
    EPIDEMIC = ("epidemic", "新冠肺炎疫情", "新冠肺炎疫情", "COVID-19 epidemic", "疫情")
    WAGE_ARREARS = ("wage-arrears", "欠薪", "欠薪", "unpaid wages", "拖欠工资")
    OTHER = ("other", "其他原因", "其他原因", "other cause", "其他", "其它")


class FundSource(Vocab):
    """Where the money came from (contract.md ids), as the forms and notices name it."""

    __source__ = (
        "平工总［2009］38号 五(三), 附件1 05; 武工办〔2014〕74号 附件1 05; "
        "江苏常州经济开发区总工会 2021-01-06 附件 B1–B6"
    )
    CENTRAL_FISCAL = (
        "central-fiscal",
        "中央财政",
        "中央財政",
        "central government funds",
        "中央财政专项资金",
        "中央财政拨款",
        "中央財政撥款",
    )
    PROVINCIAL_FISCAL = (
        "provincial-fiscal",
        "省财政",
        "省財政",
        "provincial government funds",
        "省财政专项资金",
        "省级财政",
    )
    LOCAL_FISCAL = (
        "local-fiscal",
        "地方财政",
        "地方財政",
        "local government funds",
        "地方财政拨款",
        "地方財政撥款",
        "本级财政",
    )
    GOVERNMENT_GRANT = ("government-grant", "政府拨款", "政府撥款", "government grant")
    UNION_FUNDS = ("union-funds", "工会经费", "工會經費", "union funds", "工会拨款", "工會撥款")
    SOCIAL_DONATION = (
        "social-donation",
        "社会捐助",
        "社會捐助",
        "social donations",
        "社会募集",
        "社會募集",
        "各界捐助",
        "各界捐助",
    )
    ADMINISTRATIVE = ("administrative", "行政拨付", "行政撥付", "employer (administrative) funds")
    OTHER = ("other", "其他收入", "其他收入", "other income", "其他", "其它收入")


class ModelWorkerLevel(Vocab):
    """Levels of 劳动模范 titles, lowest first; compare with :meth:`rank`."""

    __source__ = (
        "江苏常州经济开发区总工会 2021-01-06 二(一)1(5) (区级以上); "
        "平工总［2009］38号 附件3 三6 (省部级以上)"
    )
    ENTERPRISE = (
        "enterprise",
        "企业级劳模",
        "企業級勞模",
        "enterprise-level model worker",
        "企业级",
    )
    DISTRICT = (
        "district",
        "区（县）级劳模",
        "區（縣）級勞模",
        "district- or county-level model worker",
        "区级",
        "區級",
        "县级",
        "縣級",
    )
    CITY = ("city", "市级劳模", "市級勞模", "city-level model worker", "市级", "市級")
    PROVINCE = (
        "province",
        "省部级劳模",
        "省部級勞模",
        "provincial- or ministerial-level model worker",
        "省级",
        "省級",
        "省部级",
    )
    NATIONAL = ("national", "全国劳模", "全國勞模", "national model worker", "全国", "全國")

    @property
    def rank(self) -> int:
        """0 for enterprise … 4 for national."""
        return list(type(self)).index(self)

    def at_least(self, other: ModelWorkerLevel) -> bool:
        return self.rank >= other.rank


class CivilAffairs(Vocab):
    """Civil-affairs assistance status of a household (民政)."""

    __source__ = "江苏常州经济开发区总工会 2021-01-06 二(一)1(2); 平工总［2009］38号 三"
    DIBAO = ("dibao", "低保", "低保", "minimum living allowance (dibao)", "最低生活保障", "低保户")
    DIBAO_EDGE = ("dibao-edge", "低保边缘", "低保邊緣", "just above the dibao line", "低保边缘户")


class PaymentChannel(Vocab):
    """How aid reaches a recipient."""

    __source__ = (
        "豫工文〔2017〕61号 三4 (银行卡（存折）); 武工办〔2014〕74号 四(二)三 (工会卡); "
        "江苏常州经济开发区总工会 2021-01-06 三(三) (银行卡)"
    )
    BANK_CARD = (
        "bank-card",
        "银行卡（存折）",
        "銀行卡（存摺）",
        "bank card or passbook",
        "银行卡",
        "銀行卡",
        "存折",
        "存摺",
    )
    UNION_CARD = (
        "union-card",
        "工会卡",
        "工會卡",
        "union membership card",
        "工会会员服务卡",
        "工會會員服務卡",
        "工会服务卡",
    )
    CASH = ("cash", "现金", "現金", "cash")
    GOODS = ("goods", "实物", "實物", "goods in kind", "物资", "物資", "年货礼包")


class FourClears(Vocab):
    """四清 of the 2010 notice."""

    __source__ = "平工总［2009］38号 四(一)"
    ENTERPRISES = (
        "enterprises",
        "困难企业状况清",
        "困難企業狀況清",
        "the state of enterprises in difficulty",
    )
    NUMBERS = ("numbers", "困难职工人数清", "困難職工人數清", "the number of workers in hardship")
    FAMILIES = (
        "families",
        "困难职工家庭情况清",
        "困難職工家庭情況清",
        "the families of workers in hardship",
    )
    EMPLOYMENT_NEEDS = (
        "employment-needs",
        "困难职工就业需求清",
        "困難職工就業需求清",
        "the job needs of workers in hardship",
    )


class SixSends(Vocab):
    """六送 of the 2010 notice."""

    __source__ = "平工总［2009］38号 四(一)"
    JOBS = ("jobs", "送岗位", "送崗位", "jobs")
    TRAINING = ("training", "送培训", "送培訓", "training")
    HEALTH = ("health", "送健康", "送健康", "health")
    CULTURE = ("culture", "送文化", "送文化", "culture")
    SCHOOLING = ("schooling", "送助学", "送助學", "school aid")
    FUNDS = ("funds", "送资金（物资）", "送資金（物資）", "money (goods)", "送资金", "送物资")


class FiveMustVisits(Vocab):
    """五必访 of the 2010 notice."""

    __source__ = "平工总［2009］38号 四(一)"
    EXTREME_FAMILIES = (
        "extreme-families",
        "特困职工家庭必访",
        "特困職工家庭必訪",
        "families in extreme hardship",
        "特困职工家庭",
        "特困職工家庭",
    )
    SERIOUS_ILLNESS = (
        "serious-illness",
        "重大疾病职工家庭必访",
        "重大疾病職工家庭必訪",
        "families with a serious illness",
        "重大疾病职工家庭",
        "重大疾病職工家庭",
    )
    EXTREME_MIGRANTS = (
        "extreme-migrants",
        "特困农民工必访",
        "特困農民工必訪",
        "migrant workers in extreme hardship",
        "特困农民工",
        "特困農民工",
    )
    EXTREME_ENTERPRISES = (
        "extreme-enterprises",
        "特困企业必访",
        "特困企業必訪",
        "enterprises in extreme difficulty",
        "特困企业",
        "特困企業",
    )
    EMERGENCY_FAMILIES = (
        "emergency-families",
        "遭遇突发事件的困难职工家庭必访",
        "遭遇突發事件的困難職工家庭必訪",
        "families struck by an emergency",
        "遭遇突发事件的困难职工家庭",
        "遭遇突發事件的困難職工家庭",
    )


class EightOnes(Vocab):
    """八个一 of the 2010 notice's 农民工维权月."""

    __source__ = "平工总［2009］38号 四(三)"
    LETTER = ("letter", "发送一封慰问信", "發送一封慰問信", "send a letter of sympathy")
    FORUM = (
        "forum",
        "召开一次农民工座谈会",
        "召開一次農民工座談會",
        "hold a migrant workers' forum",
    )
    EXEMPLARS = (
        "exemplars",
        "选树一批农民工典型",
        "選樹一批農民工典型",
        "honour exemplary migrant workers",
    )
    REGISTRATION = (
        "registration",
        "进行一次外出务工人员登记",
        "進行一次外出務工人員登記",
        "register workers leaving to work elsewhere",
    )
    RIGHTS_TRAINING = (
        "rights-training",
        "开展一次农民工维权知识宣传培训",
        "開展一次農民工維權知識宣傳培訓",
        "train migrant workers in their rights",
    )
    ADMISSION = (
        "admission",
        "举行一次农民工入会仪式",
        "舉行一次農民工入會儀式",
        "hold a union admission ceremony for migrant workers",
    )
    WAGE_INSPECTION = (
        "wage-inspection",
        "掀起一场欠薪监督检查行动",
        "掀起一場欠薪監督檢查行動",
        "inspect unpaid wages",
    )
    VISITS = (
        "visits",
        "对困难农民工进行一次普遍的走访慰问",
        "對困難農民工進行一次普遍的走訪慰問",
        "visit every migrant worker in hardship",
    )


class FourBigs(Vocab):
    """大走访、大帮扶、大维权、大服务 of the 2015 notice."""

    __source__ = "武工办〔2014〕74号 三"
    VISITS = ("visits", "大走访", "大走訪", "visiting")
    AID = ("aid", "大帮扶", "大幫扶", "aid")
    RIGHTS = ("rights", "大维权", "大維權", "rights protection")
    SERVICE = ("service", "大服务", "大服務", "services")


class ThreeCombinations(Vocab):
    """三个结合 of the 2015 notice."""

    __source__ = "武工办〔2014〕74号 四(二)"
    MASS_LINE = (
        "mass-line",
        "与党的群众路线教育实践活动紧密结合",
        "與黨的群眾路線教育實踐活動緊密結合",
        "combined with the Party's mass-line education campaign",
        "与党的群众路线教育实践活动相结合",
    )
    SERVICE_CENTRES = (
        "service-centres",
        "与发挥基层工会职工服务中心作用相结合",
        "與發揮基層工會職工服務中心作用相結合",
        "combined with grassroots service centres",
    )
    UNION_CARD = (
        "union-card",
        "发挥武汉工会会员服务卡的帮扶服务功能",
        "發揮武漢工會會員服務卡的幫扶服務功能",
        "through the Wuhan union membership card",
    )


class NewFormWorker(Vocab):
    """新就业形态劳动者 the 2022 notice names."""

    __source__ = "平顶山市总工会办公室 2022 二(二)三"
    TRUCK_DRIVER = ("truck-driver", "货车司机", "貨車司機", "truck driver")
    RIDE_HAILING_DRIVER = ("ride-hailing-driver", "网约车司机", "網約車司機", "ride-hailing driver")
    COURIER = ("courier", "快递员", "快遞員", "courier")
    FOOD_DELIVERY = ("food-delivery", "外卖配送员", "外賣配送員", "food delivery rider")


class MonitoringCategory(Vocab):
    """Households under the 2022 notice's dynamic monitoring against falling back into hardship."""

    __source__ = "平顶山市总工会办公室 2022 二(三)四"
    UNSTABLE_EXIT = (
        "unstable-exit",
        "脱困不稳定户",
        "脫困不穩定戶",
        "out of hardship, not yet stable",
    )
    EDGE_AT_RISK = (
        "edge-at-risk",
        "边缘易致困户",
        "邊緣易致困戶",
        "on the edge, at risk of hardship",
    )


class Professional(Vocab):
    """专业人才 the 2018 Henan notice names among those to visit; its list ends in 等 (open)."""

    __source__ = "豫工文〔2017〕61号 二3二"
    CRAFTSMAN_MODEL_WORKER = (
        "craftsman-model-worker",
        "工匠劳模",
        "工匠勞模",
        "craftsman or model worker",
        "工匠",
        "大国工匠",
        "大國工匠",
    )
    SKILLED_TALENT = ("skilled-talent", "技能人才", "技能人才", "skilled talent", "高技能人才")
    DISCIPLINE_LEADER = (
        "discipline-leader",
        "学科带头人",
        "學科帶頭人",
        "leader of an academic discipline",
    )


def vocabularies() -> dict[str, type[Vocab]]:
    """Every vocabulary by its class name."""
    return {
        cls.__name__: cls
        for cls in (
            UnionLevel,
            HardshipCategory,
            Cause,
            FundSource,
            ModelWorkerLevel,
            CivilAffairs,
            PaymentChannel,
            FourClears,
            SixSends,
            FiveMustVisits,
            EightOnes,
            FourBigs,
            ThreeCombinations,
            NewFormWorker,
            MonitoringCategory,
            Professional,
        )
    }

"""The hand-written checker of ``bench_audit.py``: the payment rules of 平工总［2009］38号 for
``pingdingshan-2010``, reading a roster's cells as the library reads them, parsing included.

Written out by hand, independent of the library (its vocabularies, group labels and reading rules
copied as literal tables and code), to the project's standard for a baseline: the fastest code a
good engineer would write for the same work. Each cell has a fast path for the plain text almost
every roster holds (one dict look-up for an id, ``date.fromisoformat`` for ``YYYY-MM-DD``, one
regular expression and ``Decimal`` for an amount) and a slow path, taken only when the fast one
does not apply, that reads what the library reads and refuses what it refuses:

* every cell: spaces around the value ignored; a blank row (an empty line, a row of empty cells)
  skipped; a short row padded with empty cells; a row with more non-blank cells than the header
  refused;
* ``name``: empty or only spaces is no name (实名制 fails);
* ``id_number``: full-width digits and forms (NFKC), spaces and hyphens inside removed, ``x``
  upper-cased; then 18 characters, 17 ASCII digits and the check digit of GB 11643-1999, a real
  birth date, a region code in use in or after the birth year (python-stdnum's table, the data
  the library's check reads);
* ``amount``: ``1,234.50`` (thousands separators in groups of three), full-width digits and
  punctuation, ``¥``/``￥``, a sign, ``元``, ``万元``/``万``/``萬元``/``萬`` (× 10,000 exactly);
  refused: digits of other scripts, scientific notation, ``NaN``/infinities, misplaced
  separators, more than 64 characters, more than 40 digits; a failure of the amount rule: not
  positive, finer than the 分, or above the 50,000 元 a payment can plausibly be (an ID or card
  number typed into the column);
* ``paid_on``, ``filed_on``: ``2010-01-25``, ``2010/1/25``, ``2010.1.25``, ``2010年1月25日``,
  full-width digits; refused: other scripts' digits, impossible days, anything else (also the
  ``20100125`` and week forms ``date.fromisoformat`` would take);
* ``fund_source``, ``channel``, ``file_category``: the id, or a label or alias in either script or
  English (compared after NFKC, trimming, case folding, spaces removed); anything else refused;
  ``file_category`` empty is no file;
* ``group``: the id or a label (困难劳模 …); an unknown text fails the group rule and the
  recipient category, an empty one is not stated.

Per row it then counts the failures of each rule the library runs for the campaign (real-name,
file-before-aid, spending deadlines, period, amount, duplicate, group, recipient-category,
employer-union: the last one not evaluated, the roster has no 单位是否建会 column), the checks not
evaluated, and the totals the report carries (all rows, per fund source, per recipient group).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

RULES = (
    "real-name", "file-before-aid", "spending-deadline/central-fiscal",
    "spending-deadline/provincial-fiscal", "period", "amount", "duplicate", "group",
    "recipient-category", "employer-union",
)  # fmt: skip
#: rules whose checks may be not evaluated, and are compared for it
UNEVALUATED = ("file-before-aid", "recipient-category", "employer-union")

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999
CHECK = "10X98765432"
# 平工总［2009］38号 五(三): central money spent by 2009-12-31, provincial by 春节 2010-02-13;
# the campaign runs from 2009-12-21 to 春节
CENTRAL_LAST, PROVINCIAL_LAST = dt.date(2009, 12, 31), dt.date(2010, 2, 13)
START, END = dt.date(2009, 12, 21), dt.date(2010, 2, 13)
MAX_PAYMENT = Decimal(50000)  # data/plausibility.toml [plausibility.payment]
CENT = Decimal("0.01")
ZERO = Decimal(0)
_D = Decimal
_date = dt.date.fromisoformat
_plain_amount = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,8})?").fullmatch

SOURCE_WORDS = {
    "central-fiscal": ("中央财政", "中央財政", "central government funds", "中央财政专项资金",
                       "中央财政拨款", "中央財政撥款"),
    "provincial-fiscal": ("省财政", "省財政", "provincial government funds", "省财政专项资金",
                          "省级财政"),
    "local-fiscal": ("地方财政", "地方財政", "local government funds", "地方财政拨款",
                     "地方財政撥款", "本级财政"),
    "government-grant": ("政府拨款", "政府撥款", "government grant"),
    "union-funds": ("工会经费", "工會經費", "union funds", "工会拨款", "工會撥款"),
    "social-donation": ("社会捐助", "社會捐助", "social donations", "社会募集", "社會募集",
                        "各界捐助"),
    "administrative": ("行政拨付", "行政撥付", "employer (administrative) funds"),
    "other": ("其他收入", "other income", "其他", "其它收入"),
}  # fmt: skip
CHANNEL_WORDS = {
    "bank-card": ("银行卡（存折）", "銀行卡（存摺）", "bank card or passbook", "银行卡", "銀行卡",
                  "存折", "存摺"),
    "union-card": ("工会卡", "工會卡", "union membership card", "工会会员服务卡",
                   "工會會員服務卡", "工会服务卡"),
    "cash": ("现金", "現金"),
    "goods": ("实物", "實物", "goods in kind", "物资", "物資", "年货礼包"),
}  # fmt: skip
CATEGORY_WORDS = {
    "extreme": ("特困职工", "特困職工", "extreme hardship (scheme before 2021)", "特困"),
    "deep": ("深度困难", "深度困難", "deep hardship", "深度困难职工"),
    "relative": ("相对困难", "相對困難", "relative hardship", "相对困难职工"),
    "accident": ("意外致困", "hardship caused by accident", "意外致困职工"),
}  # fmt: skip
GROUP_WORDS = {
    "model-worker": ("困难劳模", "困難勞模", "model worker in hardship"),
    "migrant-worker": ("困难农民工", "困難農民工", "migrant worker in hardship"),
    "worker": ("困难职工", "困難職工", "worker in hardship"),
}


class Refused(Exception):
    """A row the library refuses with an error (the benchmark stops on it)."""


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold().replace(" ", "")


def _tables(words: Mapping[str, tuple[str, ...]]) -> tuple[dict[str, str], dict[str, str]]:
    """Each id and word as written → id (the fast path), and as compared (:func:`_key`) → id."""
    exact = {w: ident for ident, ws in words.items() for w in (ident, *ws)}
    folded: dict[str, str] = {}
    for ident, ws in words.items():
        for w in (ident, *ws):
            folded.setdefault(_key(w), ident)
    return exact, folded


SOURCES, SOURCES_FOLDED = _tables(SOURCE_WORDS)
CHANNELS, CHANNELS_FOLDED = _tables(CHANNEL_WORDS)
CATEGORIES, CATEGORIES_FOLDED = _tables(CATEGORY_WORDS)
GROUPS = frozenset(GROUP_WORDS)
_GROUPS_EXACT, GROUPS_FOLDED = _tables(GROUP_WORDS)


def regions() -> dict[str, int | None]:
    """6-digit region code -> last year in use (None: still in use), from python-stdnum's table
    (the data the library's check reads), computed once."""
    from stdnum import numdb

    out: dict[str, int | None] = {}
    for _l, province, _h, _i, counties in numdb.get("cn/loc").prefixes:
        for _cl, lo, hi, info, _k in counties:
            text = info.get("county", "")
            if not text or lo != hi:
                continue
            last: int | None = -1
            for part in text.split(","):
                if not part.startswith("["):
                    last = None
                    break
                end = part[1:].split("]")[0].partition("-")[2]
                if not end:
                    last = None
                    break
                last = max(last or -1, int(end))
            out[province + lo] = last
    return out


# -- the slow paths -------------------------------------------------------------------------------

_WIDE = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "，": ",", "＋": "+", "－": "-",
     "−": "-", "￥": "¥", "　": " ", "\u00a0": " "}
)  # fmt: skip
_AMOUNT = re.compile(
    r"([+-]?)\s*¥?\s*([+-]?)\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(万元|萬元|万|萬|元)?",
    re.ASCII,
)
_EXPONENT = re.compile(r"\d(?:\.\d*)?[eE][+-]?\d+", re.ASCII)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ID_SEPARATORS = re.compile(r"[\s\-]")
_NON_FINITE = ("nan", "snan", "inf", "infinity")


def _foreign_digits(text: str) -> bool:
    """Digits of another script than ASCII and full-width (Arabic-Indic, superscripts …)."""
    return not text.isascii() and any(
        c.isdigit() and not ("0" <= c <= "9" or "０" <= c <= "９") for c in text
    )


def slow_amount(text: str) -> Decimal:
    if len(text) > 64 or _foreign_digits(text):
        raise Refused(f"amount {text!r}")
    value = text.translate(_WIDE).strip()
    if value.lower().lstrip("+-") in _NON_FINITE or _EXPONENT.search(value):
        raise Refused(f"amount {text!r}")
    m = _AMOUNT.fullmatch(value)
    if m is None or (m[1] and m[2]):
        raise Refused(f"amount {text!r}")
    x = _D(m[3].replace(",", ""))
    if m[4] in ("万元", "萬元", "万", "萬"):  # × 10,000, exactly, never in exponent form
        sign, digits, exponent = x.as_tuple()
        exponent = int(exponent) + 4
        x = _D((sign, digits + (0,) * max(exponent, 0), min(exponent, 0)))
    if "-" in (m[1], m[2]):
        x = -x
    if x.adjusted() + 1 > 40:  # more digits than any figure
        raise Refused(f"amount of {x.adjusted() + 1} digits")
    return x


def slow_date(text: str) -> dt.date:
    if len(text) > 40 or _foreign_digits(text):
        raise Refused(f"date {text!r}")
    m = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    try:
        if m is not None:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass
    raise Refused(f"date {text!r}")


def slow_word(text: str, folded: Mapping[str, str], what: str) -> str:
    found = folded.get(_key(text)) if len(text) <= 200 else None
    if found is None:
        raise Refused(f"{what} {text!r}")
    return found


def slow_id(number: str) -> str:
    text = number if number.isascii() else unicodedata.normalize("NFKC", number)
    return _ID_SEPARATORS.sub("", text).upper()


def slow_group(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    return GROUPS_FOLDED.get(_key(text), text)


def fit(cells: Sequence[str], width: int) -> Sequence[str] | None:
    """A row of another width than the header: padded, or ``None`` when blank (skipped)."""
    if not any(c.strip() for c in cells):
        return None
    if len(cells) > width:
        if any(c.strip() for c in cells[width:]):
            raise Refused(f"row of {len(cells)} cells")
        return cells[:width]
    return [*cells, *[""] * (width - len(cells))]


# -- the checker ----------------------------------------------------------------------------------


def audit_rows(rows: Iterable[Sequence[str]], known: Mapping[str, int | None]) -> dict[str, Any]:
    """Failures and checks not evaluated per rule, and the totals, of rows given as strings in
    ``COLUMNS`` order ("" for a blank)."""
    real_name = filed_first = central = provincial = period = amounts = dupes = groups = 0
    not_filed = no_group = count = 0
    seen: set[tuple[str, str]] = set()
    add = seen.add
    sums: dict[tuple[str, str | None], Decimal] = {}
    sources, channels, categories, group_ids = SOURCES, CHANNELS, CATEGORIES, GROUPS
    for cells in rows:
        try:
            name, number, amount, paid, source, channel, category, filed, group = cells
        except ValueError:
            fitted = fit(cells, 9)
            if fitted is None:
                continue
            name, number, amount, paid, source, channel, category, filed, group = fitted
        sid = sources.get(source)
        if sid is None:
            if not "".join(cells).strip():  # a blank row, skipped as the reader skips it
                continue
            sid = slow_word(source, SOURCES_FOLDED, "fund_source")
        if channel not in channels:
            slow_word(channel, CHANNELS_FOLDED, "channel")
        if category in categories:
            on_file = True
        elif category and not category.isspace():
            on_file = bool(slow_word(category, CATEGORIES_FOLDED, "file_category"))
        else:
            on_file = False
        try:
            paid_on = _date(paid) if len(paid) == 10 and paid[4] == "-" == paid[7] else None
        except ValueError:
            paid_on = None
        if paid_on is None:
            paid_on = slow_date(paid)
        if _plain_amount(amount):  # at most 2 decimals: a whole number of 分
            x, to_fen = _D(amount), "." not in amount or len(amount) - amount.find(".") <= 3
        else:
            x, to_fen = slow_amount(amount), False
        if filed:
            try:
                filed_on = (
                    _date(filed) if len(filed) == 10 and filed[4] == "-" == filed[7] else None
                )
            except ValueError:
                filed_on = None
            if filed_on is None and not filed.isspace():
                filed_on = slow_date(filed)
        else:
            filed_on = None
        count += 1
        # 实名制
        plain_id = number.isascii() and number.isalnum()
        number = number.upper() if plain_id else slow_id(number)
        ok = False
        if (
            name
            and not name.isspace()
            and len(number) == 18
            and number[:17].isdigit()
            and (plain_id or number.isascii())
            and CHECK[2 * int(number[:17], 13) % 11] == number[17]  # Σ dᵢ·2^(17-i), 13 ≡ 2
        ):
            try:
                year = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14])).year
            except ValueError:
                year = 0
            if year:
                last = known.get(number[:6], -1)
                ok = last is None or (last != -1 and last >= year)
        if not ok:
            real_name += 1
        # 先建档后帮扶
        if filed_on is not None:
            if paid_on < filed_on:
                filed_first += 1
        elif not on_file:
            filed_first += 1
        else:
            not_filed += 1
        if sid == "central-fiscal" and paid_on > CENTRAL_LAST:
            central += 1
        elif sid == "provincial-fiscal" and paid_on > PROVINCIAL_LAST:
            provincial += 1
        if not START <= paid_on <= END:
            period += 1
        if x <= 0 or x > MAX_PAYMENT or (not to_fen and x != x.quantize(CENT)):
            amounts += 1
        if number:
            key = (sid, number)
            if key in seen:
                dupes += 1
            else:
                add(key)
        gid = group if group in group_ids else slow_group(group)
        if gid is None:
            no_group += 1
        elif gid not in group_ids:
            groups += 1
        pair = (sid, gid)
        sums[pair] = sums.get(pair, ZERO) + x
    failed = (
        real_name,
        filed_first,
        central,
        provincial,
        period,
        amounts,
        dupes,
        groups,
        groups,
        0,
    )
    by_source: dict[str, Decimal] = {}
    by_group: dict[str, Decimal] = {}
    for (sid, gid), value in sums.items():
        by_source[sid] = by_source.get(sid, ZERO) + value
        if gid in group_ids:
            by_group[gid] = by_group.get(gid, ZERO) + value
    return {
        "failed": dict(zip(RULES, failed, strict=True)),
        "not_evaluated": {
            "file-before-aid": not_filed, "recipient-category": no_group, "employer-union": count,
        },
        "rows": count,
        "amount": str(sum(by_source.values(), ZERO)),
        "by_fund_source": {k: str(v) for k, v in sorted(by_source.items())},
        "by_group": {k: str(v) for k, v in sorted(by_group.items())},
    }  # fmt: skip

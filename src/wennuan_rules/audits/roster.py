"""Payment rosters (发放名册): the record, its fields and their CSV header aliases, ID numbers.

A roster lists every payment of a campaign, one recipient per row. Fields (docs/audits.md documents
them; ``data/schemas/roster.schema.json`` is the JSON Schema), with the CSV header aliases accepted:

* ``name``: the recipient's name (实名制). CSV: 姓名.
* ``id_number``: the 居民身份证 number, 18 characters. CSV: 身份证号, 身份证号码, 公民身份号码.
* ``amount``: the amount paid, in yuan, to the 分. CSV: 金额, 金额（元）, 发放金额.
* ``paid_on``: the date paid. CSV: 发放日期.
* ``fund_source``: a contract.md fund source id or label. CSV: 资金来源.
* ``channel``: ``bank-card``, ``union-card``, ``cash``, ``goods`` or a label. CSV: 发放方式.
* ``file_category``: the hardship file category (optional). CSV: 档案类别, 建档类别.
* ``filed_on``: the day the hardship file was opened (optional). CSV: 建档日期.
* ``card_number``: the bank or union card number (optional). CSV: 银行卡号, 卡号.
* ``group``: the recipient group, e.g. ``model-worker`` (optional; the campaign's audit data names
  its groups). CSV: 类别, 对象类别.
* ``ref``: the caller's own reference (optional; when a row has none, its ``no``).
* ``no``: the row's number as printed on the roster (optional), which findings show besides the
  file line. CSV: 序号, 编号, 序, No.
* ``employer_has_union``: whether the recipient's employer has a union (optional; 是/否,
  true/false). CSV: 单位是否建会, 是否建会, 单位建会.

Readers refuse what they cannot read (an unknown column or key, an unreadable amount or date, an
unknown fund source or channel) with :class:`~wennuan_rules.errors.InputFileError` naming the file,
line and column; what can be read but breaks a rule (an empty name, a bad ID number, a negative
amount) is left for the audit to report. Amounts are read exactly (JSON numbers as
:class:`~decimal.Decimal`, never float).

The readers (:func:`~wennuan_rules.audits.readers.read_roster`,
:func:`~wennuan_rules.audits.readers.iter_payments`) live in :mod:`wennuan_rules.audits.readers`,
over the input layer :mod:`wennuan_rules._io`; they can still be imported from here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

import attrs

from wennuan_rules._fast import Slow, plain_date, trusted
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError, WennuanError
from wennuan_rules.i18n import N_, Phrase
from wennuan_rules.money import refuse_foreign_digits
from wennuan_rules.privacy import mask_personal_in
from wennuan_rules.vocabulary import FundSource, HardshipCategory, PaymentChannel, exact_ids

__all__ = [
    "ID_PROBLEMS",
    "PAYMENT_FIELDS",
    "Payment",
    "Roster",
    "as_input_error",
    "id_number_problem",
    "normalize_id_number",
    "normalized_id_problem",
    "parse_date",
]

#: The fields of a roster row, in the order CSV exports use.
PAYMENT_FIELDS: Final = (
    "name",
    "id_number",
    "amount",
    "paid_on",
    "fund_source",
    "channel",
    "file_category",
    "filed_on",
    "card_number",
    "group",
    "ref",
    "employer_has_union",
    "no",
)

#: The headers of a roster's own row-number column (序号; 常州's form prints 编号), which feeds
#: ``no`` (and ``ref`` when the file has no reference of its own, as it did before ``no``).
ROW_NO_HEADERS: Final = ("序号", "序號", "序", "编号", "編號", "no.", "no")

_REQUIRED: Final = ("amount", "paid_on", "fund_source", "channel")

_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "name": ("姓名", "名字", "收款人", "name"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "居民身份证号码",
        "公民身份号码",
        "身份證號",
        "身份證號碼",
        "居民身份證號碼",
        "公民身份號碼",
        "身份证",
        "身份證",
        "id",
        "idnumber",
    ),
    "amount": ("金额", "金額", "金额(元)", "金額(元)", "发放金额", "發放金額", "金额元", "amount"),
    "paid_on": ("发放日期", "發放日期", "日期", "paidon", "date"),
    "fund_source": ("资金来源", "資金來源", "fundsource", "source"),
    "channel": ("发放方式", "發放方式", "发放渠道", "發放渠道", "channel"),
    "file_category": ("档案类别", "檔案類別", "建档类别", "建檔類別", "filecategory", "category"),
    "filed_on": ("建档日期", "建檔日期", "filedon"),
    "card_number": ("银行卡号", "銀行卡號", "卡号", "卡號", "cardnumber", "card"),
    "group": ("类别", "類別", "对象类别", "對象類別", "慰问对象类别", "慰問對象類別", "group"),
    "ref": ("ref",),
    "no": ROW_NO_HEADERS,
    "employer_has_union": (
        "单位是否建会",
        "單位是否建會",
        "是否建会",
        "是否建會",
        "单位建会",
        "單位建會",
        "单位是否建立工会",
        "單位是否建立工會",
        "所在单位是否建会",
        "所在單位是否建會",
        "hasunion",
        "unionised",
    ),
}

#: How a roster says yes or no (单位是否建会), compared after NFKC and case folding.
_YES: Final = frozenset(
    ("是", "有", "已建", "已建会", "已建會", "建会", "建會", "true", "yes", "y", "1")
)
_NO: Final = frozenset(
    ("否", "无", "無", "未建", "未建会", "未建會", "没有", "沒有", "false", "no", "n", "0")
)


# -- ID numbers ------------------------------------------------------------------------------------

#: What can be wrong with a 居民身份证 number, as :func:`id_number_problem` names it.
ID_PROBLEMS: Final = ("missing", "length", "format", "checksum", "birth-date", "region")


_ID_SEPARATORS: Final = re.compile(r"[\s\-]")


def normalize_id_number(value: str) -> str:
    """The number as people mean it: full-width digits made ASCII, spaces and hyphens removed, ``x``
    upper-cased (stdnum's ``compact`` only upper-cases and strips the ends)."""
    text = value
    if text.isalnum() and text.isascii():  # the common case, without a regular expression
        return text.upper()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _ID_SEPARATORS.sub("", text).upper()


@lru_cache(maxsize=65536)
def _region_valid(region: str, year: int, strict: bool) -> bool:
    """Whether stdnum's region table knows ``region`` as a county code for someone born in ``year``.

    ``strict``: python-stdnum's own rule (``cn.ric.get_birth_place``): the code was in use *in* the
    birth year. Otherwise (the default reading, docs/decisions.md "Audits"): the code was in use in
    the birth year or at any time after it, since numbers were first issued in 1984 with the county
    codes of that time (a worker born in 1955 in 新华区 has a code assigned in 1983).

    Cached: a roster repeats few (region, year) pairs, and stdnum's lookup is what makes validation
    slow (about 80 µs a number uncached). stdnum 2.x raises ``KeyError`` for a known province with
    an unknown county; that is an invalid region too.
    """
    from stdnum import numdb
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    if strict:
        try:
            ric.get_birth_place(f"{region}{year:04d}0101000")
        except (ValidationError, KeyError):
            return False
        return True
    info = {k: v for _part, props in numdb.get("cn/loc").info(region) for k, v in props.items()}
    counties = info.get("county")
    if not counties:
        return False
    for county in counties.split(","):
        if not county.startswith("["):
            return True
        span = county[1:].split("]")[0]
        _start, _sep, end = span.partition("-")
        if not end or int(end) >= year:
            return True
    return False


def id_number_problem(value: str | None, *, strict_region: bool = False) -> str | None:
    """``None`` when ``value`` is a valid 居民身份证 number, else which of :data:`ID_PROBLEMS` it
    has.

    The checks are python-stdnum's ``stdnum.cn.ric.validate`` (length, digits, check digit, birth
    date, region code), in its order, with the region lookup cached. ``strict_region=True`` is
    stdnum's rule that the region code was in use in the birth year; by default a code first used
    after the birth year is accepted too (see :func:`_region_valid`).
    """
    if value is None or not value.strip():
        return "missing"
    return normalized_id_problem(normalize_id_number(value), strict_region)


_calc_check_digit: list[Any] = []


def check_digit(number: str) -> str:
    """The check digit of an 18-character number (its own last character is ignored), by stdnum."""
    if not _calc_check_digit:
        from stdnum.cn import ric

        _calc_check_digit.append(ric.calc_check_digit)
    return str(_calc_check_digit[0](number))


def normalized_id_problem(number: str, strict_region: bool = False) -> str | None:
    """:func:`id_number_problem` of a number already passed through :func:`normalize_id_number`."""
    if not number:
        return "missing"
    if len(number) != 18:
        return "length"
    head = number[:-1]
    if not head.isdigit() or not head.isascii():
        return "format"
    # stdnum's cn.ric.calc_check_digit, inline: ISO 7064 MOD 11-2, Σ dᵢ·2^(17-i) ≡ 2·int(head, 13)
    if number[-1] != _CHECK_DIGITS[(1 - 2 * int(head, 13)) % 11]:
        return "checksum"
    return _born_in_region(number[:14], strict_region)


_CHECK_DIGITS: Final = "0123456789X"


@lru_cache(maxsize=65536)
def _born_in_region(head: str, strict_region: bool) -> str | None:
    """``birth-date``, ``region`` or ``None`` for the region code and birth date of a number (its
    first 14 digits): cached, since a roster repeats (place, birthday) pairs."""
    try:
        born = dt.date(int(head[6:10]), int(head[10:12]), int(head[12:14]))
    except ValueError:
        return "birth-date"
    if not _region_valid(head[:6], born.year, strict_region):
        return "region"
    return None


# -- dates -----------------------------------------------------------------------------------------

_DATE_RE: Final = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_date(value: object, *, what: str) -> dt.date:
    """A date from a :class:`datetime.date` or text: ``2010-01-25``, ``2010/1/25``, ``2010.1.25``,
    ``2010年1月25日`` (full-width digits too).

    Raises:
        InvalidValueError: for anything else (a datetime, a number, an impossible date).
    """
    if isinstance(value, dt.datetime):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=what,
            expected=N_("a date (YYYY-MM-DD) without a time"),
            got=value,
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) <= 40:
        refuse_foreign_digits(value, what)
        match = _DATE_RE.fullmatch(unicodedata.normalize("NFKC", value).strip())
        if match is not None:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=what,
        expected=N_("a date such as 2010-01-25, 2010/1/25 or 2010年1月25日"),
        # a name or a card number typed into a date column is never echoed in clear
        got=mask_personal_in(value, expects_digits=True) if isinstance(value, str) else value,
    )


# -- records ---------------------------------------------------------------------------------------


def _opt_str(value: object, *, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"), what=what, expected=N_("text"), got=value
        )
    text = value.strip()
    return text or None


def _opt_bool(value: object, *, what: str) -> bool | None:
    """A yes/no cell: a JSON boolean, or 是/否, 有/无, 已建会/未建会, true/false, yes/no, 1/0; an
    empty cell is ``None`` (not stated)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal) and _finite(value) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = unicodedata.normalize("NFKC", value).strip().casefold()
        if not key:
            return None
        if key in _YES:
            return True
        if key in _NO:
            return False
    raise InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=what,
        expected=N_("是 or 否 (true or false)"),
        got=value,
    )


def _finite(value: int | Decimal) -> bool:
    """Whether a number can be compared (a signalling NaN raises when it is)."""
    return not isinstance(value, Decimal) or value.is_finite()


def _decimal(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=attribute.name,
            expected=N_("a finite Decimal amount in yuan"),
            got=value,
        )


_opt_text = attrs.validators.optional(attrs.validators.instance_of(str))
_opt_date = attrs.validators.optional(attrs.validators.instance_of(dt.date))


@attrs.frozen
class Payment:
    """One row of a payment roster.

    Attributes:
        name: the recipient's name, or ``None`` when the row has none (an error for 实名制).
        id_number: the 居民身份证 number as given (``None`` when empty); validity is checked by the
            audit.
        amount: yuan, exactly (may be zero or negative: the audit reports it).
        paid_on: the date paid.
        fund_source: where the money came from.
        channel: how it reached the recipient.
        file_category: the recipient's hardship file category, or ``None`` (no file).
        filed_on: the date the file was opened, or ``None``.
        card_number: the bank or union card number, or ``None``.
        group: the recipient group id (the campaign's audit data names them), or ``None``.
        ref: the caller's own reference, or ``None``.
        row: the line of the file where the row starts (CSV: the header is line 1; JSON: the line
            of the payment's ``{``; JSON Lines: its line).
        employer_has_union: whether the recipient's employer has a union (``None``: not stated).
        no: the row's own number on the roster (its 序号 column), or ``None``; findings show it
            besides the file line (``Finding.row_no``).
    """

    name: str | None = attrs.field(validator=_opt_text)
    id_number: str | None = attrs.field(validator=_opt_text)
    amount: Decimal = attrs.field(validator=_decimal)
    paid_on: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    fund_source: FundSource = attrs.field(validator=attrs.validators.instance_of(FundSource))
    channel: PaymentChannel = attrs.field(validator=attrs.validators.instance_of(PaymentChannel))
    file_category: HardshipCategory | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(HardshipCategory)),
    )
    filed_on: dt.date | None = attrs.field(default=None, validator=_opt_date)
    card_number: str | None = attrs.field(default=None, validator=_opt_text)
    group: str | None = attrs.field(default=None, validator=_opt_text)
    ref: str | None = attrs.field(default=None, validator=_opt_text)
    row: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(int))
    )
    employer_has_union: bool | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(bool))
    )
    no: str | None = attrs.field(default=None, validator=_opt_text)

    @property
    def where(self) -> str:
        """How findings name this row: its row number, else its ``ref``, else ``"?"``."""
        if self.row is not None:
            return str(self.row)
        return self.ref if self.ref is not None else "?"

    def to_dict(self) -> dict[str, str | bool | None]:
        """The row as a JSON roster record (``roster.schema.json``): ids for the vocabularies, the
        amount as an exact string, ISO dates; ``Payment.from_mapping`` reads it back. Personal data
        is included in clear: this is the roster itself, not a report."""
        return {
            "name": self.name,
            "id_number": self.id_number,
            "amount": str(self.amount),
            "paid_on": self.paid_on.isoformat(),
            "fund_source": self.fund_source.id,
            "channel": self.channel.id,
            "file_category": None if self.file_category is None else self.file_category.id,
            "filed_on": None if self.filed_on is None else self.filed_on.isoformat(),
            "card_number": self.card_number,
            "group": self.group,
            "ref": self.ref,
            "employer_has_union": self.employer_has_union,
            "no": self.no,
        }

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, object],
        *,
        row: int | None = None,
        file: str | None = None,
        strict_keys: bool = True,
    ) -> Payment:
        """A payment from a mapping of the roster fields (ids or labels for the vocabularies).

        Raises:
            InputFileError: when read from a ``file``: an unknown key, a required field missing, or
                a value that cannot be read; the error names the file, row and field.
            InvalidValueError, UnknownIdError: the same, for data not read from a file.
        """
        if cls is Payment and strict_keys:  # plain rows: the fast path (_fast_payment)
            try:
                return _fast_payment(data, row)
            except Slow:
                pass
        from wennuan_rules.money import parse_amount
        from wennuan_rules.plausibility import check_digits

        def fail(exc: WennuanError, column: str) -> WennuanError:
            return as_input_error(exc, file, row, column)

        if strict_keys:
            for key in data:
                if key not in PAYMENT_FIELDS:
                    raise fail(
                        UnknownIdError(
                            N_("{what}: unknown value {got}; expected one of {expected}"),
                            what=N_("roster field"),
                            expected=", ".join(PAYMENT_FIELDS),
                            got=key,
                        ),
                        str(key),
                    )
        for key in _REQUIRED:
            value = data.get(key)
            if value is None or (isinstance(value, str) and not value.strip()):
                raise fail(
                    InvalidValueError(
                        N_("{what}: a value is required; expected {expected}"),
                        what=key,
                        expected=_EXPECTED[key],
                        got=value,
                    ),
                    key,
                )
        field = ""
        try:
            field = "name"
            name = _opt_str(data.get("name"), what=field)
            field = "id_number"
            id_number = _opt_str(data.get("id_number"), what=field)
            field = "amount"
            amount = check_digits(
                parse_amount(data["amount"], what=field, allow_negative=True), field
            )
            field = "paid_on"
            paid_on = parse_date(data["paid_on"], what=field)
            field = "fund_source"
            fund_source = FundSource.from_text(data["fund_source"])
            field = "channel"
            channel = PaymentChannel.from_text(data["channel"])
            field = "file_category"
            raw = _opt_str(data.get("file_category"), what=field)
            category = None if raw is None else HardshipCategory.from_text(raw)
            field = "filed_on"
            raw_date = data.get("filed_on")
            filed_on = (
                None
                if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip())
                else parse_date(raw_date, what=field)
            )
            field = "card_number"
            card = _opt_str(data.get("card_number"), what=field)
            field = "group"
            group = _opt_str(data.get("group"), what=field)
            field = "ref"
            ref_value = data.get("ref")
            if isinstance(ref_value, int) and not isinstance(ref_value, bool):
                ref_value = str(ref_value)
            ref = _opt_str(ref_value, what=field)
            field = "no"
            no = _opt_str(_ref_text(data.get("no")), what=field)
            ref = no if ref is None else ref
            field = "employer_has_union"
            has_union = _opt_bool(data.get(field), what=field)
        except WennuanError as exc:
            error: WennuanError = exc
            if field in _VOCABULARY_FIELDS:  # name the field, not the vocabulary's class
                error = UnknownIdError(
                    exc.msgid, what=field, expected=exc.expected, got=exc.got, params=exc.params
                )
            # a name typed as an amount (not the library's own words: "45 digits")
            if field == "amount" and isinstance(exc.got, str) and not isinstance(exc.got, Phrase):
                error = type(exc)(
                    exc.msgid,
                    what=exc.what,
                    expected=exc.expected,
                    got=mask_personal_in(exc.got, expects_digits=True),
                    params={k: v for k, v in exc.params.items() if k != "got"},
                )
            if field in ("id_number", "card_number", "name"):
                error = InvalidValueError(  # never show personal data in an error
                    N_("{what}: expected {expected} (the value is personal data, not shown)"),
                    what=field,
                    expected=N_("text"),
                )
            raise fail(error, field) from None
        return cls(
            name=name,
            id_number=id_number,
            amount=amount,
            paid_on=paid_on,
            fund_source=fund_source,
            channel=channel,
            file_category=category,
            filed_on=filed_on,
            card_number=card,
            group=group,
            ref=ref,
            row=row,
            employer_has_union=has_union,
            no=no,
        )


def _ref_text(value: object) -> object:
    """A reference or row number as text (a JSON integer such as ``7`` is ``"7"``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


_VOCABULARY_FIELDS: Final = ("fund_source", "channel", "file_category")
_FIELDS: Final = frozenset(PAYMENT_FIELDS)
_PLAIN_PAYMENT: Final = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,8})?").fullmatch
_make_payment = trusted(Payment)
_TRUSTED_ORDER: Final = (*PAYMENT_FIELDS[:9], "group", "ref", "row", "employer_has_union", "no")
if tuple(a.name for a in attrs.fields(Payment)) != _TRUSTED_ORDER:  # pragma: no cover
    raise AssertionError("the fast path of Payment.from_mapping no longer matches its fields")
_sources, _channels, _categories = (
    exact_ids(FundSource),
    exact_ids(PaymentChannel),
    exact_ids(HardshipCategory),
)


def _fast_text(value: object) -> str | None:
    if value is None:
        return None
    if value.__class__ is not str:
        raise Slow
    return value.strip() or None


def _fast_payment(data: Mapping[str, object], row: int | None) -> Payment:
    """A plain row (see :mod:`wennuan_rules._fast`): a dict of known keys, text or ``None`` in
    every field, an amount of plain digits (a minus sign allowed, at most 15 digits before the
    point, so never implausible by its digits), ISO dates, ids or labels as written. Anything
    else raises :class:`Slow` and :meth:`Payment.from_mapping` reads the row by its full path."""
    if data.__class__ is not dict or not _FIELDS.issuperset(data) or row.__class__ not in _ROWS:
        raise Slow
    g = data.get
    amount, source, channel = g("amount"), g("fund_source"), g("channel")
    if amount.__class__ is not str or _PLAIN_PAYMENT(amount) is None:
        raise Slow
    number = Decimal(amount)
    if not number:
        raise Slow  # zero: the full path writes -0 as 0
    category, filed = g("file_category"), g("filed_on")
    if category is not None and category != "":  # "": no file, as the full path reads it
        category = _categories.get(category) if category.__class__ is str else None
        if category is None:
            raise Slow
    else:
        category = None
    ref, no = g("ref"), g("no")
    if (ref is not None and ref.__class__ is not str) or (
        no is not None and no.__class__ is not str
    ):
        raise Slow
    no = _fast_text(no)
    ref = _fast_text(ref)
    return _make_payment(  # type: ignore[no-any-return]
        _fast_text(g("name")),
        _fast_text(g("id_number")),
        number,
        plain_date(g("paid_on")),
        _sources[source] if source.__class__ is str and source in _sources else _slow(),
        _channels[channel] if channel.__class__ is str and channel in _channels else _slow(),
        category,
        None if filed is None or filed == "" else plain_date(filed),
        _fast_text(g("card_number")),
        _fast_text(g("group")),
        no if ref is None else ref,  # a row without a ref: its 序号, as the full path reads it
        row,
        None if g("employer_has_union") is None else _slow(),  # 是/否: the full path reads it
        no,
    )


_ROWS: Final = frozenset((int, type(None)))


def _slow() -> Any:
    raise Slow


_EXPECTED: Final = {
    "amount": "an amount in yuan, e.g. 500.00",
    "paid_on": "a date such as 2010-01-25",
    "fund_source": ", ".join(FundSource.ids()),
    "channel": ", ".join(PaymentChannel.ids()),
}


@attrs.frozen
class Roster:
    """A roster read whole: the payments and what the file says about itself.

    Attributes:
        payments: the rows, in file order.
        unit: the paying unit (填报单位 / 发放单位) when the file names it.
        campaign: the campaign id when the file names it.
        file: the file it was read from.
    """

    payments: tuple[Payment, ...]
    unit: str | None = None
    campaign: str | None = None
    file: str | None = None


def as_input_error(
    exc: WennuanError, file: str | None, line: int | None, column: str | int | None = None
) -> WennuanError:
    """``exc`` located at ``file``, ``line``, ``column``.

    An :class:`InputFileError` when read from a file (the CLI's exit 2 and one-line message), else
    ``exc`` itself with the position filled in.
    """
    located = exc.located(file=file, line=line, column=column)
    if file is None or isinstance(located, InputFileError):
        return located
    return InputFileError(
        located.msgid,
        what=located.what,
        expected=located.expected,
        got=located.got,
        file=located.file,
        line=located.line,
        column=located.column,
        params=located.params,
    )

"""Statistical forms as data: line items, rules, templates.

A :class:`FormTemplate` is read from a data file (``data/forms/<campaign>__<form>.toml``, or a
user's own file with :func:`wennuan_rules.load_form`). Each rule is a :class:`FormRule`: a name,
a severity, a source and a formula parsed into one AST (:mod:`wennuan_rules.form.rules`):
``05A = 05B + 05C``, ``02B <= 02A``, ``09I > 0 -> 09J > 0``, ``B <= 0.5 * A``. The 0.1 kinds
``sum``, ``le`` and ``paired`` are sugar (:func:`SumRule`, :func:`LeRule`, :func:`PairedRule`)
for the same AST.

Every item also has an implicit unit check (``<code>:unit``): counts are non-negative whole
numbers, 万元 are non-negative with at most 6 decimals, yes-no items are booleans.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from wennuan_rules.errors import DataFileError, InvalidValueError, UnknownIdError
from wennuan_rules.form.codes import CODE_PATTERN, normalize_code
from wennuan_rules.form.rules.ast import UnitCheck, answers, comparisons
from wennuan_rules.form.rules.rule import FormRule, LeRule, PairedRule, SumRule
from wennuan_rules.i18n import N_, Label

__all__ = [
    "AMOUNT_UNITS",
    "COUNT_UNITS",
    "UNITS",
    "YES_NO",
    "FormRule",
    "FormTemplate",
    "LeRule",
    "LineItem",
    "PairedRule",
    "Return",
    "Rule",
    "SumRule",
    "unit_label",
]

#: Units of counted things: their values are non-negative whole numbers.
COUNT_UNITS: Final = frozenset(
    {"人", "户", "人次", "个", "家", "列", "节", "辆", "艘", "架", "张", "对", "件", "名"}
)
#: Units of money: non-negative, at most 6 decimals (1 分 = 0.000001 万元).
AMOUNT_UNITS: Final = frozenset({"万元"})
#: The unit of a yes/no question (是/否).
YES_NO: Final = "yes-no"
UNITS: Final = COUNT_UNITS | AMOUNT_UNITS | {YES_NO}
#: How a unit is written in each locale (data files write units in Simplified; English output
#: keeps the form's own unit, as printed).
_UNIT_HANT: Final = {
    "户": "戶",
    "个": "個",
    "节": "節",
    "辆": "輛",
    "张": "張",
    "对": "對",
    "万元": "萬元",
}


def unit_label(unit: str) -> Label:
    """The unit ``unit`` (``户``, ``万元``, ``yes-no``) as people read it in each locale."""
    if unit == YES_NO:
        return Label(zh_hans="是/否", zh_hant="是/否", en="yes/no")
    return Label(zh_hans=unit, zh_hant=_UNIT_HANT.get(unit, unit), en=unit)


def _code(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not CODE_PATTERN.match(value):
        raise _bad(
            attribute.name, N_("a normalised line item code such as 05A, 08A-1 or B1"), value
        )


def _str(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _bad(attribute.name, N_("a string"), value)


@attrs.frozen
class LineItem:
    """One blank of a form.

    Attributes:
        code: the normalised code (``05A``, ``08A-1``, ``B1``).
        line: the printed line number (``05``), ``""`` for forms without one; used in sources.
        unit: 人, 户, 人次, 个, 家, 列, 节, 辆, 艘, 架, 张, 对, 件, 万元 or ``yes-no``.
        label: what the form asks, in zh-Hans, zh-Hant and en.
        parent: the code this item is "其中" of, or ``""``.
        note: how a faulty print was read, or ``""``.
    """

    code: str = attrs.field(validator=_code)
    line: str = attrs.field(validator=_str)
    unit: str = attrs.field(validator=attrs.validators.in_(sorted(UNITS)))
    label: Label = attrs.field(validator=attrs.validators.instance_of(Label))
    parent: str = attrs.field(default="", validator=_str)
    note: str = attrs.field(default="", validator=_str)

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS

    @property
    def is_amount(self) -> bool:
        return self.unit in AMOUNT_UNITS

    @property
    def is_yes_no(self) -> bool:
        return self.unit == YES_NO

    @property
    def unit_kind(self) -> str:
        """The kind of the item's unit check: ``whole``, ``amount`` or ``yes-no``."""
        return "whole" if self.is_count else "amount" if self.is_amount else "yes-no"


Rule = FormRule


def _check_rule(rule: FormRule, items: tuple[LineItem, ...], index: Mapping[str, int]) -> None:
    """Every code known; each comparison compares counts with counts or 万元 with 万元 (no
    yes-no items), each code once; a paired rule reads a count and a 万元 item."""
    for code in rule.items:
        if code not in index:
            raise _bad(f"rules.{rule.name}", N_("codes of this form"), code)
    if rule.kind == "paired":
        count, amount = (items[index[c]] for c in rule.items)
        if not count.is_count or not amount.is_amount:
            raise _bad(
                f"rules.{rule.name}", N_("count: a counted item, amount: a 万元 item"), rule.items
            )
        return
    for code in answers(rule.expr):
        if not items[index[code]].is_yes_no:
            raise _bad(f"rules.{rule.name}", N_("a yes-no item before = 是 or = 否"), code)
    for c in comparisons(rule.expr):
        codes = c.left.codes + c.right.codes
        units = [items[index[code]] for code in codes]
        if any(u.is_yes_no for u in units) or len({u.is_amount for u in units}) > 1:
            raise _bad(
                f"rules.{rule.name}",
                N_("items that are all counts or all 万元 (no yes-no items)"),
                rule.items,
            )
        if len(set(codes)) != len(codes):
            raise _bad(f"rules.{rule.name}", N_("each code once"), rule.items)


def _bad(what: str, expected: str, got: object) -> DataFileError:
    return DataFileError(
        N_("{what}: expected {expected}, got {got}"), what=what, expected=expected, got=got
    )


def _items(value: Iterable[LineItem]) -> tuple[LineItem, ...]:
    return tuple(value)


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


def _labels(value: Iterable[Label]) -> tuple[Label, ...]:
    return tuple(value)


@attrs.frozen
class FormTemplate:
    """A statistical form: its line items in printed order and its rules.

    Attributes:
        id: ``<campaign>:<form>`` (``wuhan-2015:swn``).
        campaign: the campaign id.
        title: the printed title in zh-Hans, zh-Hant and en.
        source: document and attachment (``武工办〔2014〕74号 附件1``); rule and item sources
            extend it.
        reference_date: the date the figures are "截至", or ``None``.
        period_note: the period printed on the form, as printed, or ``""``.
        notes: the form's own notes (说明), as printed and translated.
        line_label: the word printed before a line number, ``""`` for none (常州's 编号: an item
            cites ``附件 编号3 C7``).
        items: the line items in printed order.
        rules: the rules, in the order of the data file.
    """

    id: str = attrs.field(validator=_str)
    campaign: str = attrs.field(validator=_str)
    title: Label = attrs.field(validator=attrs.validators.instance_of(Label))
    source: str = attrs.field(validator=_str)
    items: tuple[LineItem, ...] = attrs.field(converter=_items)
    rules: tuple[Rule, ...] = attrs.field(converter=_rules, default=())
    reference_date: dt.date | None = attrs.field(default=None)
    period_note: str = attrs.field(default="", validator=_str)
    notes: tuple[Label, ...] = attrs.field(converter=_labels, default=())
    line_label: str = attrs.field(default="", validator=_str)
    _index: dict[str, int] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _cache: dict[str, Any] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.id.startswith(self.campaign + ":") or self.id == self.campaign + ":":
            raise _bad("id", f"'{self.campaign}:<form>'", self.id)
        index: dict[str, int] = {}
        for i, item in enumerate(self.items):
            if not isinstance(item, LineItem):
                raise _bad("items", N_("LineItem objects"), item)
            if item.code in index:
                raise _bad("items", N_("each code once"), item.code)
            index[item.code] = i
        if not index:
            raise _bad("items", N_("at least one line item"), "none")
        for item in self.items:
            if item.parent and item.parent not in index:
                raise _bad(f"items.{item.code}.parent", N_("a code of this form"), item.parent)
        names: set[str] = set()
        for rule in self.rules:
            if not isinstance(rule, FormRule):
                raise _bad("rules", N_("FormRule objects"), rule)
            if rule.name in names or rule.name.endswith(":unit"):
                raise _bad("rules.name", N_("a unique name not ending in ':unit'"), rule.name)
            names.add(rule.name)
            _check_rule(rule, self.items, index)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_cache", {})

    # -- look-ups --------------------------------------------------------------------------------
    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the line items, in printed order."""
        return tuple(self._index)

    def resolve(self, code: object) -> str:
        """The form's code for what a person typed (``5a`` → ``05A``).

        Raises:
            UnknownIdError: the code is not on this form (close codes are suggested).
            InvalidValueError: the text does not look like a code at all.
        """
        if isinstance(code, str) and code in self._index:
            return code
        normal = normalize_code(code)
        if normal in self._index:
            return normal
        import difflib  # only for an unknown code: not at start-up

        close = difflib.get_close_matches(normal, list(self._index), n=3, cutoff=0.5)
        raise UnknownIdError(
            N_("{what}: {got} is not a line item of form {form}; did you mean {expected}?")
            if close
            else N_("{what}: {got} is not a line item of form {form}"),
            what=N_("code"),
            expected=", ".join(close) if close else ", ".join(self._index),
            got=code,
            params={"form": self.id},
        )

    def item(self, code: str) -> LineItem:
        """The line item of ``code`` (normalised first: ``item("5a")`` is item ``05A``)."""
        return self.items[self._index[self.resolve(code)]]

    def rules_using(self, code: str) -> tuple[Rule, ...]:
        """The rules that read the item ``code``."""
        found = self.resolve(code)
        return tuple(r for r in self.rules if found in r.items)

    def rule(self, name: str) -> Rule:
        """The rule named ``name`` (``05A=sum``) or with id ``<form>/<name>``."""
        short = name.removeprefix(self.id + "/")
        for r in self.rules:
            if r.name == short:
                return r
        raise UnknownIdError(
            N_("{what}: {got} is not a rule of form {form}"),
            what=N_("rule"),
            expected=", ".join(r.name for r in self.rules),
            got=name,
            params={"form": self.id},
        )

    def item_source(self, code: str) -> str:
        """The source of a line item: the form's source and the printed line (``武工办〔2014〕74号
        附件1 05``), and the item's code when the line does not begin it (``江苏常州经济开发区总工会
        2021-01-06 附件 编号3 C7``: row 3 holds C, D, C1 … D11)."""
        item = self.items[self._index[code]]
        if not item.line:
            return f"{self.source} {item.code}"
        line = f"{self.line_label}{item.line}"
        if item.code.startswith(item.line):
            return f"{self.source} {line}"
        return f"{self.source} {line} {item.code}"

    @property
    def unit_checks(self) -> tuple[UnitCheck, ...]:
        """The implicit unit check of every item (rule id ``<form>/<code>:unit``), printed
        order."""
        found: tuple[UnitCheck, ...] | None = self._cache.get("unit_checks")
        if found is None:
            found = tuple(UnitCheck(item.code, item.unit_kind) for item in self.items)
            self._cache["unit_checks"] = found
        return found

    def rule_source(self, rule: Rule) -> str:
        """The rule's own source, or the form's source and the line of its first item."""
        return rule.source or self.item_source(rule.items[0])


#: a yes-no cell of a wide file as its reader reads it on the plain path: empty, 是 or 否
YES_NO_CELLS: Final[Mapping[str, bool | None]] = {"": None, "是": True, "否": False}


class RowLayout:
    """How the cells of a wide file's rows hold a form's items (one per file, made by its
    reader): ``columns`` gives, per item of the form in its order, the index of its cell in a
    row (``None``: the file has no column for it); ``codes`` the code of each cell after the
    first (the unit), in the file's order. ``evaluators`` is kept for the row engine (the
    generated evaluator of this layout, exact and tolerant, compiled when first used)."""

    __slots__ = ("codes", "columns", "evaluators", "form", "number_codes", "pick", "yes_no")

    def __init__(self, form: FormTemplate, codes: Iterable[str]) -> None:
        self.form = form
        self.codes = tuple(codes)
        where = {code: k + 1 for k, code in enumerate(self.codes)}
        self.columns = tuple(where.get(item.code) for item in form.items)
        numbers = [k + 1 for k, code in enumerate(self.codes) if not form.item(code).is_yes_no]
        #: the number cells of a row, as a tuple (itemgetter of one index gives the cell itself)
        self.pick: Callable[[Sequence[str]], tuple[str, ...]] = (
            operator.itemgetter(*numbers)
            if len(numbers) > 1
            else lambda row: tuple(row[k] for k in numbers)
        )
        self.number_codes = tuple(self.codes[k - 1] for k in numbers)
        #: (code, cell index) of each yes-no cell
        self.yes_no = tuple(
            (code, k + 1) for k, code in enumerate(self.codes) if form.item(code).is_yes_no
        )
        self.evaluators: dict[bool, Callable[..., Any]] = {}


class TextValues(Mapping[str, object]):
    """The values of a return read from a wide file: a number cell that is plain text (ASCII
    digits with at most one point, as the reader proved) kept as that text and read as a
    ``Decimal`` when looked up, any other cell as the reader read it. The row engine checks the
    text itself on its fast path, without building 85 Decimals first. Looked at from outside, it
    is the mapping of code → Decimal, bool or ``None`` that :class:`Return` documents (equal to
    the dict of those values, printed as it).

    A row whose every cell is plain (:meth:`of_row`) is kept as the row itself with its file's
    :class:`RowLayout`; the row engine reads its cells by position, and the mapping is made only
    when someone looks at it.
    """

    __slots__ = ("_raw", "layout", "row")

    def __init__(self, raw: dict[str, object]) -> None:
        self._raw: dict[str, object] | None = raw
        #: the row and its file's layout, for a row kept as read (else ``None``)
        self.row: Sequence[str] | None = None
        self.layout: RowLayout | None = None

    @classmethod
    def of_row(cls, layout: RowLayout, row: Sequence[str]) -> TextValues:
        """The values of a row its reader proved plain: every number cell empty or ASCII digits
        with at most one point (not a point alone), every yes-no cell empty, 是 or 否."""
        made = cls.__new__(cls)
        made._raw, made.row, made.layout = None, row, layout
        return made

    @property
    def raw(self) -> dict[str, object]:
        """code → plain number text (``""``: not reported) or the value read (Decimal, bool,
        ``None``)."""
        raw = self._raw
        if raw is None:
            layout, row = self.layout, self.row
            assert layout is not None and row is not None
            raw = dict(zip(layout.number_codes, layout.pick(row), strict=True))
            for code, k in layout.yes_no:
                raw[code] = YES_NO_CELLS[row[k]]
            self._raw = raw
        return raw

    def __getitem__(self, code: str) -> object:
        value = self.raw[code]
        if value.__class__ is str:
            return Decimal(value) if value else None
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (TextValues, (self.raw,))


def _not_mapping(what: str, got: object) -> InvalidValueError:
    """The error for values that are not a mapping of codes to values."""
    return InvalidValueError(
        N_("{what}: expected {expected}, got {got}"),
        what=what,
        expected=N_("a mapping of line item codes to values"),
        got=got,
    )


def _mapping(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Mapping):
        raise _not_mapping(attribute.name, value)


@attrs.frozen
class Return:
    """One filled form (a 填报单位's return), as read from a file or built with ``make_return``.

    Attributes:
        form: the form id.
        values: normalised code → Decimal, bool or ``None`` (not reported). Items absent are not
            reported.
        unit: the reporting unit (填报单位), or ``None``.
        file: the file it was read from, or ``None``.
        line: the line (row) of that file where it starts, or ``None``.
    """

    form: str = attrs.field(validator=_str)
    values: Mapping[str, object] = attrs.field(validator=_mapping)
    unit: str | None = None
    file: str | None = None
    line: int | None = None

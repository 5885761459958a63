"""The union's hardship file (困难职工档案), a civil-affairs list (民政 低保 / 低保边缘) and a goods
roster (送温暖物品): records and readers (JSON, JSON Lines, CSV, Excel) over the input layer
:mod:`wennuan_rules._io`.

Fields, with the CSV and Excel header aliases accepted (docs/audits.md):

* hardship file (:data:`FILE_FIELDS`): ``ref`` (编号), ``name`` (姓名), ``id_number`` (身份证号),
  ``file_category`` (档案类别), ``contact`` (联系人（单位）), ``deadline`` (期限), ``measures``
  (措施), ``path`` (路径), ``civil_affairs`` (低保 / 低保边缘 as the union recorded it; 无 or blank:
  none).
* civil-affairs list (:data:`CIVIL_FIELDS`): ``id_number``, ``status`` (低保, 低保边缘), ``name``,
  ``ref``.
* goods roster (:data:`GOODS_FIELDS`): ``item`` (物品), ``category`` (类别), ``amount`` (金额, yuan,
  exact), ``ref``.

An unknown column or key, or a value that cannot be read, is an
:class:`~wennuan_rules.errors.InputFileError` naming the file, line and field. ID numbers are kept
as given; :func:`wennuan_rules.audits.lists.id_problems` names the invalid ones (masked) as input
problems, one per line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Final, TypeVar

import attrs

from wennuan_rules import _io
from wennuan_rules.audits.readers import alias_index, read_records
from wennuan_rules.audits.records import check_keys, text_value
from wennuan_rules.audits.roster import as_input_error
from wennuan_rules.errors import InputFileError, InvalidValueError, UnknownIdError, WennuanError
from wennuan_rules.i18n import N_, Message
from wennuan_rules.vocabulary import CivilAffairs, HardshipCategory

__all__ = [
    "CIVIL_FIELDS",
    "FILE_FIELDS",
    "GOODS_FIELDS",
    "CivilAffairsEntry",
    "GoodsLine",
    "HardshipRecord",
    "read_civil_affairs",
    "read_goods",
    "read_hardship_files",
    "read_prohibited",
]

_T = TypeVar("_T")

FILE_FIELDS: Final = (
    "ref",
    "name",
    "id_number",
    "file_category",
    "contact",
    "deadline",
    "measures",
    "path",
    "civil_affairs",
)
CIVIL_FIELDS: Final = ("ref", "name", "id_number", "status")
GOODS_FIELDS: Final = ("ref", "item", "category", "amount")

_ID: Final = ("身份证号", "身份证号码", "身份證號", "身份證號碼", "公民身份号码", "公民身份號碼")
_REF: Final = ("编号", "編號", "户号", "戶號", "序号", "序號")
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "ref": _REF,
    "name": ("姓名", "户主", "戶主"),
    "id_number": _ID,
    "file_category": ("档案类别", "檔案類別", "建档类别", "建檔類別", "困难类别", "困難類別"),
    "contact": (
        "联系人（单位）",
        "聯繫人（單位）",
        "联系人(单位)",
        "联系人",
        "聯繫人",
        "联系单位",
        "聯繫單位",
        "帮扶联系人",
        "幫扶聯繫人",
    ),
    "deadline": ("期限", "脱困期限", "脫困期限", "解困脱困期限", "解困脫困期限"),
    "measures": ("措施", "帮扶措施", "幫扶措施", "解困脱困措施", "解困脫困措施"),
    "path": ("路径", "路徑", "脱困路径", "脫困路徑", "解困脱困路径", "解困脫困路徑"),
    "civil_affairs": ("民政", "低保状态", "低保狀態", "民政救助", "低保"),
}
_CIVIL_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "ref": _REF,
    "name": ("姓名", "户主", "戶主"),
    "id_number": _ID,
    "status": ("类别", "類別", "救助类别", "救助類別", "状态", "狀態", "civil_affairs", "低保"),
}
_GOODS_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "ref": _REF,
    "item": ("物品", "品名", "名称", "名稱", "物品名称", "物品名稱"),
    "category": ("类别", "類別", "品类", "品類", "物品类别", "物品類別"),
    "amount": ("金额", "金額", "金额（元）", "金額（元）", "金额元", "金額元"),
}
#: What a union's file writes for "no civil-affairs status".
_NONE: Final = frozenset({"无", "無", "否", "none", "-", "—", "/"})


@attrs.frozen
class HardshipRecord:
    """One family of the union's hardship file (困难职工档案) and its 解困脱困 plan.

    Attributes:
        ref: the file's own number for the family.
        name: the worker's name.
        id_number: the 居民身份证 number as given.
        file_category: the file category (深度困难, 相对困难, 意外致困, 特困), or ``None``.
        contact: the contact person (unit) of its 解困脱困 (联系人（单位）).
        deadline: its deadline (期限), as written.
        measures: its measures (措施).
        path: its path out of hardship (路径).
        civil_affairs: the civil-affairs status the union recorded (``None``: none).
        row: the line of the file where the record starts.
    """

    ref: str | None = None
    name: str | None = None
    id_number: str | None = None
    file_category: HardshipCategory | None = None
    contact: str | None = None
    deadline: str | None = None
    measures: str | None = None
    path: str | None = None
    civil_affairs: CivilAffairs | None = None
    row: int | None = None

    @property
    def where(self) -> str:
        """How findings name the record: its line, else its ``ref``, else ``"?"``."""
        return str(self.row) if self.row is not None else (self.ref or "?")


@attrs.frozen
class CivilAffairsEntry:
    """One household of a civil-affairs list: its ID number and status (低保, 低保边缘)."""

    id_number: str | None
    status: CivilAffairs
    name: str | None = None
    ref: str | None = None
    row: int | None = None

    @property
    def where(self) -> str:
        return str(self.row) if self.row is not None else (self.ref or "?")


@attrs.frozen
class GoodsLine:
    """One line of a goods roster: what was bought with 送温暖 money, its category and amount."""

    item: str
    category: str | None = None
    amount: Decimal | None = None
    ref: str | None = None
    row: int | None = None

    @property
    def where(self) -> str:
        return str(self.row) if self.row is not None else (self.ref or "?")


def _text(data: Mapping[str, object], key: str, *, personal: bool = False) -> str | None:
    return text_value(data.get(key), key, personal=personal)


def _vocab(data: Mapping[str, object], key: str, vocab: type[CivilAffairs]) -> CivilAffairs | None:
    text = _text(data, key)
    if text is None or text.casefold() in _NONE:
        return None
    try:
        return vocab.from_text(text)
    except UnknownIdError as exc:
        raise UnknownIdError(exc.msgid, what=key, expected=exc.expected, got=text) from None


def _record(data: Mapping[str, object], row: int) -> HardshipRecord:
    check_keys(data, FILE_FIELDS, "hardship file field")
    category = _text(data, "file_category")
    return HardshipRecord(
        ref=_text(data, "ref"),
        name=_text(data, "name", personal=True),
        id_number=_text(data, "id_number", personal=True),
        file_category=None if category is None else HardshipCategory.from_text(category),
        contact=_text(data, "contact"),
        deadline=_text(data, "deadline"),
        measures=_text(data, "measures"),
        path=_text(data, "path"),
        civil_affairs=_vocab(data, "civil_affairs", CivilAffairs),
        row=row,
    )


def _entry(data: Mapping[str, object], row: int) -> CivilAffairsEntry:
    check_keys(data, CIVIL_FIELDS, "civil-affairs field")
    status = _vocab(data, "status", CivilAffairs)
    if status is None:
        raise InvalidValueError(
            N_("{what}: a value is required; expected {expected}"),
            what="status",
            expected=", ".join(CivilAffairs.ids()),
            got=None,
        )
    return CivilAffairsEntry(
        id_number=_text(data, "id_number", personal=True),
        status=status,
        name=_text(data, "name", personal=True),
        ref=_text(data, "ref"),
        row=row,
    )


def _goods(data: Mapping[str, object], row: int) -> GoodsLine:
    from wennuan_rules.money import parse_amount

    check_keys(data, GOODS_FIELDS, "goods field")
    item = _text(data, "item")
    if item is None:
        raise InvalidValueError(
            N_("{what}: a value is required; expected {expected}"),
            what="item",
            expected=N_("the item bought, e.g. 大米"),
            got=None,
        )
    raw = data.get("amount")
    blank = raw is None or (isinstance(raw, str) and not raw.strip())
    return GoodsLine(
        item=item,
        category=_text(data, "category"),
        amount=None if blank else parse_amount(raw, what="amount"),
        ref=_text(data, "ref"),
        row=row,
    )


def _read(
    path: Path | str,
    key: str,
    what: str,
    fields: tuple[str, ...],
    aliases: Mapping[str, tuple[str, ...]],
    build: Callable[[Mapping[str, object], int], _T],
) -> tuple[_T, ...]:
    """The records of a JSON (a list, or an object with ``key``), JSON Lines, CSV or Excel file
    (the first sheet, a header row and one record a row)."""
    if _io.file_format(path) != "excel":
        found, _header, _located = read_records(
            path,
            key=key,
            what=what,
            known=("campaign", "unit"),
            fields=fields,
            aliases=aliases,
            build=build,
        )
        return tuple(found)
    from wennuan_rules._io.excel import excel_rows

    name = str(path)
    out = []
    rows = _io.csv_records(
        path, fields=fields, index=alias_index(aliases), name=name, rows=excel_rows
    )
    for line, record in rows:
        try:
            out.append(build(record, line))
        except WennuanError as exc:
            raise as_input_error(exc, name, line) from None
    return tuple(out)


def read_hardship_files(path: Path | str) -> tuple[HardshipRecord, ...]:
    """The union's hardship file: JSON (a list, or ``{"families": […]}``), JSON Lines, CSV or
    Excel.

    Raises:
        InputFileError: unreadable file, unknown key or column, a value that cannot be read.
    """
    return _read(path, "families", "family", FILE_FIELDS, _ALIASES, _record)


def read_civil_affairs(path: Path | str) -> tuple[CivilAffairsEntry, ...]:
    """A civil-affairs list (ID number and 低保 / 低保边缘 status a row): JSON (a list, or
    ``{"households": […]}``), JSON Lines, CSV or Excel.

    Raises:
        InputFileError: unreadable file, unknown key or column, a row without a status.
    """
    return _read(path, "households", "household", CIVIL_FIELDS, _CIVIL_ALIASES, _entry)


def read_goods(path: Path | str) -> tuple[GoodsLine, ...]:
    """A goods roster (item, category, amount a line): JSON (a list, or ``{"goods": […]}``),
    JSON Lines, CSV or Excel.

    Raises:
        InputFileError: unreadable file, unknown key or column, a line without an item, an amount
            that cannot be read exactly.
    """
    return _read(path, "goods", "goods line", GOODS_FIELDS, _GOODS_ALIASES, _goods)


def read_prohibited(path: Path | str) -> tuple[str, ...]:
    """A list of prohibited items or categories: one a line, or CSV (every non-blank cell); a line
    starting with ``#`` is a comment. The notice names no list (平顶山 2022 三(三) "不得购买明令禁止
    的物品"): the user supplies one.

    Raises:
        InputFileError: unreadable file, or a file that lists nothing.
    """
    name = str(path)
    found: list[str] = []
    last = 0
    for line, cells in _io.csv_rows(path, name):
        last = line
        if cells[0].lstrip().startswith("#"):
            continue
        found += [c.strip() for c in cells if c.strip()]
    if not found:
        raise InputFileError(
            N_("{what}: expected {expected}, got {got}"),
            what="--prohibited",
            expected=N_("at least one prohibited item or category"),
            got=Message.of(N_("nothing")),
            file=name,
            line=last or None,
        )
    return tuple(dict.fromkeys(found))

"""The fast paths (issue 11) read exactly what the full parsers read, and refuse nothing themselves.

Each fast path either gives the value the full path gives, or hands the input to the full path
(which then gives its usual value or its usual error). Checked on generated text: junk, signs,
separators, full-width digits, digits of other scripts, more decimals than allowed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules import money
from wennuan_rules._fast import Slow, plain_amount, plain_date
from wennuan_rules.audits.roster import PAYMENT_FIELDS, Payment
from wennuan_rules.eligibility.household import KEYS, Household
from wennuan_rules.errors import WennuanError
from wennuan_rules.form.loader import get_form
from wennuan_rules.form.model import YES_NO_CELLS, TextValues
from wennuan_rules.form.plausible import implausible
from wennuan_rules.form.validate import _compile, _validate_rules, parse_value
from wennuan_rules.i18n import _catalog, _compiled, _parse_po
from wennuan_rules.results import Severity
from wennuan_rules.strategies import households, payments
from wennuan_rules.vocabulary import _index_of, _key, vocabularies

# -- text as people and programs give it ----------------------------------------------------------

_DIGITS = "0123456789"
_WIDE = "０１２３４５６７８９．，－"
_OTHER = "٠١٢٣٤٥٦٧٨٩०१२३४५६७८९²³"  # Arabic-Indic, Devanagari, superscripts
_MARKS = ".,-+ ¥￥元万萬eE_\t"
texts = st.one_of(
    st.text(alphabet=_DIGITS + ".", max_size=30),
    st.text(alphabet=_DIGITS + _WIDE + _OTHER + _MARKS, max_size=30),
    st.builds(
        lambda whole, decimals: f"{whole}.{decimals}",
        st.integers(0, 10**16),
        st.text(alphabet=_DIGITS, min_size=1, max_size=12),
    ),
    st.text(max_size=20),
)
values = st.one_of(
    texts,
    st.integers(-(10**14), 10**14),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=3), max_size=2),
)


def _outcome(fn: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    """What a call gives: its value's repr, or the error's class and message."""
    try:
        return ("value", repr(fn(*args, **kwargs)))
    except WennuanError as exc:
        return ("error", f"{type(exc).__name__}: {exc}")


# -- plain amounts and dates ----------------------------------------------------------------------


@given(values)
def test_plain_amount_reads_what_parse_amount_reads(value: object) -> None:
    try:
        fast = plain_amount(value)
    except Slow:
        return
    full = wr.parse_amount(value)
    assert repr(fast) == repr(full)
    # and it is an amount a household may hold (below 10^12, at most 8 decimals)
    assert 0 <= fast < Decimal(10) ** 12
    assert fast.as_tuple().exponent >= -8  # type: ignore[operator]


@given(st.one_of(texts, st.dates().map(dt.date.isoformat), st.dates(), st.datetimes()))
def test_plain_date_reads_an_iso_date_and_nothing_else(value: object) -> None:
    try:
        fast = plain_date(value)
    except Slow:
        return
    expected = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    assert fast == expected and type(fast) is dt.date


# -- households -----------------------------------------------------------------------------------


def _full_household(data: object) -> tuple[str, str]:
    return _outcome(Household._read, data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.sampled_from(KEYS), values)
def test_household_fast_path_agrees_with_the_full_reader(
    household: Household, key: str, value: object
) -> None:
    data = household.to_dict()
    assert _outcome(Household.from_mapping, data) == _full_household(data)
    data[key] = value
    assert _outcome(Household.from_mapping, data) == _full_household(data)


@pytest.mark.parametrize(
    "changed",
    [
        {"monthly_income": "１２００"},
        {"monthly_income": "1,200"},
        {"monthly_income": "٣٠٠"},
        {"monthly_income": "12.123456789"},
        {"monthly_income": "-0"},
        {"causes": ["疾病"]},
        {"causes": [" illness "]},
        {"event_on": "2021/1/5"},
        {"new_form_occupation": "保安"},
        {"professional": "craftsman-model-worker"},
        {"professional": "非遗传承人"},
        {"hardship_file": {"category": "deep"}},
        {"members": True},
        {"ref": 12},
    ],
)
def test_household_forms_the_fast_path_leaves_to_the_full_reader(changed: dict[str, Any]) -> None:
    data = {"members": 2, "monthly_income": "1000", **changed}
    assert _outcome(Household.from_mapping, data) == _full_household(data)


# -- payments -------------------------------------------------------------------------------------


def _slow_payment(data: dict[str, object]) -> tuple[str, str]:
    """The full path alone (the fast path declines a subclass of dict)."""

    class Other(dict[str, object]):
        pass

    return _outcome(Payment.from_mapping, Other(data), row=3)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(payments(campaign="pingdingshan-2010"), st.sampled_from(PAYMENT_FIELDS), values)
def test_payment_fast_path_agrees_with_the_full_reader(
    payment: Payment, key: str, value: object
) -> None:
    data: dict[str, object] = dict(payment.to_dict())
    assert _outcome(Payment.from_mapping, data, row=3) == _slow_payment(data)
    data[key] = value
    assert _outcome(Payment.from_mapping, data, row=3) == _slow_payment(data)


def _csv_outcome(path: Path) -> tuple[str, list[str]]:
    """The payments and problems of a CSV roster as the readers read it (each row from its
    cells when plain)."""
    from wennuan_rules import _io
    from wennuan_rules.audits.readers import payments as read_payments

    problems = _io.Problems(str(path))
    got = list(read_payments(path, problems))
    return repr(got), [f"{type(e).__name__}: {e}" for e in problems.problems]


def _csv_full_path(path: Path) -> tuple[str, list[str]]:
    """The same file read as before the cells path: each record by the full path alone."""
    from wennuan_rules import _io
    from wennuan_rules.audits.readers import _roster_index

    class Other(dict[str, object]):
        pass

    problems = _io.Problems(str(path))
    got: list[Payment] = []
    records = _io.csv_records(path, fields=PAYMENT_FIELDS, index=_roster_index(), problems=problems)
    for line, record in _io.collecting(records, problems):
        try:
            got.append(Payment.from_mapping(Other(record), row=line, file=str(path)))
        except WennuanError as exc:
            problems.add(exc)
    return repr(got), [f"{type(e).__name__}: {e}" for e in problems.problems]


_TEXT_FIELDS = ("name", "id_number", "card_number", "group", "ref", "no")
_ODD_CELLS = st.sampled_from(
    [
        "是",
        "否",
        "有",
        "无",
        "1",
        "0",
        "true",
        "no",
        "Yes",
        " 是",
        "",
        "-0",
        "-0.00",
        "８００",
        "1,000",
    ]
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    payments(campaign="pingdingshan-2010"),
    st.sampled_from(PAYMENT_FIELDS),
    st.one_of(texts, _ODD_CELLS),
    st.permutations(PAYMENT_FIELDS),
    st.integers(4, len(PAYMENT_FIELDS)),
)
def test_csv_cells_path_agrees_with_the_full_reader(
    payment: Payment, key: str, value: str, order: list[str], width: int
) -> None:
    # a roster file's rows are read from their cells when plain (audits/readers.py): the same
    # payments and the same problems as reading each row's record by the full path; rows: as
    # generated, one field changed, every cell between spaces
    import csv
    import tempfile

    as_text: dict[object, str] = {None: "", True: "是", False: "否"}
    data = {k: as_text.get(v, v) for k, v in payment.to_dict().items()}
    columns = [c for c in order if c in ("amount", "paid_on", "fund_source", "channel")]
    columns += [c for c in order if c not in columns][: width - 4]
    plain = [str(data[c]) for c in columns]
    changed = [value if c == key else str(data[c]) for c in columns]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            padded = [f" {data[c]}\t" if c in _TEXT_FIELDS else str(data[c]) for c in columns]
            csv.writer(fh).writerows([columns, plain, changed, padded])
        assert _csv_outcome(path) == _csv_full_path(path)


_PLAIN_ROW = {
    "name": "张建国",
    "id_number": "410402195001010012",
    "amount": "500.00",
    "paid_on": "2010-01-05",
    "fund_source": "union-funds",
    "channel": "cash",
    "file_category": "deep",
    "filed_on": "2009-06-01",
    "group": "worker",
    "employer_has_union": "是",
    "no": "7",
}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("amount", "-0"),
        ("amount", "-0.00"),
        ("amount", "0"),
        ("amount", "-12.5"),
        ("amount", "８００"),
        ("amount", "1,000.00"),
        ("amount", " 800 "),
        ("amount", "0.05万元"),
        ("amount", "410402195001010012"),
        ("paid_on", "2010/1/5"),
        ("paid_on", "2010-02-30"),
        ("filed_on", " "),
        ("file_category", " "),
        ("file_category", "特困"),
        ("fund_source", "中央财政"),
        ("channel", " cash"),
        ("employer_has_union", "1"),
        ("employer_has_union", "Yes"),
        ("employer_has_union", " 否"),
        ("employer_has_union", "maybe"),
        ("name", "  "),
        ("no", " 8 "),
    ],
)
def test_csv_cells_path_leaves_odd_cells_to_the_full_reader(
    tmp_path: Path, key: str, value: str
) -> None:
    import csv

    path = tmp_path / "roster.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        rows = [dict(_PLAIN_ROW), {**_PLAIN_ROW, key: value}]
        csv.writer(fh).writerows([list(_PLAIN_ROW), *(list(r.values()) for r in rows)])
    assert _csv_outcome(path) == _csv_full_path(path)


# -- returns --------------------------------------------------------------------------------------

FORM = get_form("wuhan-2015:center")
CODES = [item.code for item in FORM.items]


def _reference(values: dict[str, object]) -> tuple[str, str]:
    """validate as it was before the fast paths: the plausibility check first, always."""

    def run() -> Any:
        odd = implausible(FORM, values, parse_value)
        report, _look = _validate_rules(_compile(FORM), values, None, None)
        findings = sorted((*odd, *report.findings), key=lambda f: f.severity is not Severity.ERROR)
        return (
            [f.rule for f in findings],
            report.passed,
            report.not_evaluated,
            report.fix,
        )

    return _outcome(run)


def _now(values: dict[str, object]) -> tuple[str, str]:
    def run() -> Any:
        report = wr.validate(FORM, values)
        return ([f.rule for f in report.findings], report.passed, report.not_evaluated, report.fix)

    return _outcome(run)


cells = st.one_of(
    texts,
    st.integers(0, 10**20).map(str),
    st.builds(lambda n: "9" * n, st.integers(5, 45)),
    st.decimals(min_value=-(10**42), max_value=10**42, allow_nan=False, places=3),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(CODES), cells, max_size=12))
def test_validate_with_the_plausibility_check_only_when_needed_agrees(
    values: dict[str, object],
) -> None:
    assert _now(values) == _reference(values)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(CODES), cells, max_size=12))
def test_text_proven_of_its_unit_gives_what_its_number_gives(values: dict[str, object]) -> None:
    """A value as text (read by the evaluator's fast path, its unit check skipped) and the same
    value as the Decimal parse_value reads (unit check run) fail the same rules."""
    parsed: dict[str, object] = {}
    for code, raw in values.items():
        try:
            parsed[code] = parse_value(raw, FORM.item(code))
        except WennuanError:
            return
    assert _now(values) == _now(parsed)


_PLAIN_CELLS = st.one_of(
    st.just(""),
    st.integers(0, 10**7).map(str),
    st.text(alphabet=_DIGITS, min_size=1, max_size=45),
    st.builds(
        lambda whole, point, decimals: f"{whole}{point}{decimals}",
        st.text(alphabet=_DIGITS, max_size=16),
        st.just("."),
        st.text(alphabet=_DIGITS, max_size=9),
    ).filter(lambda text: text != "."),
)
_YES_NO_CELLS = st.sampled_from(["", "是", "否"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.sampled_from(CODES), min_size=1, max_size=len(CODES), unique=True),
    st.data(),
)
def test_rows_read_by_position_agree_with_the_mapping_path(
    tmp_path_factory: pytest.TempPathFactory, columns: list[str], data: st.DataObject
) -> None:
    """A wide file's plain rows are validated from the row itself, by position (one generated
    evaluator per layout): the same reports, errors and values as validating each row's cells
    as a mapping of code to text (the path of a row with an odd cell), whatever the columns,
    their order and the cells (blank, whole, with a point, more decimals than 万元 allow, more
    digits than any real figure)."""
    import csv

    rows = [
        [f"U{n}"]
        + [
            data.draw(_YES_NO_CELLS if FORM.item(code).is_yes_no else _PLAIN_CELLS)
            for code in columns
        ]
        for n in range(3)
    ]
    path = tmp_path_factory.mktemp("wide") / "returns.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["unit", *columns], *rows])
    returns = list(wr.read_returns(path, form=FORM.id))
    assert [r.values.row for r in returns] == rows  # type: ignore[attr-defined]
    for ret, row in zip(returns, rows, strict=True):
        cells = dict(zip(columns, row[1:], strict=True))
        # the mapping path: the same text in a TextValues made of a dict (as for an odd row)
        as_mapping = TextValues(
            {c: YES_NO_CELLS.get(v) if c == "06B" else v for c, v in cells.items()}
        )
        for tolerance in (None, "0.5"):
            assert _outcome(wr.validate, FORM, ret, tolerance=tolerance) == _outcome(
                wr.validate, FORM, as_mapping, unit=row[0], tolerance=tolerance
            )
        assert ret.values == {c: parse_value(v, FORM.item(c)) for c, v in cells.items()}
        assert ret.values.raw == as_mapping.raw  # type: ignore[attr-defined]


@given(st.text(alphabet=_DIGITS + ".|" + "０١e-+ ,", max_size=40))
def test_a_row_is_plain_when_every_cell_is_a_plain_number_or_empty(joined: str) -> None:
    """The reader's proof (form/readers.py ``_plain_row``) holds exactly when every cell is empty
    or ASCII digits with at most one point, not a point alone."""
    import re

    from wennuan_rules.form.readers import _plain_row

    cells = joined.split("|")
    expected = all(c == "" or (re.fullmatch(r"[0-9]*\.?[0-9]*", c) and c != ".") for c in cells)
    assert _plain_row(joined) == expected


@pytest.mark.parametrize(
    "cell",
    [
        "",
        "0",
        "7",
        "1.0",
        "1.5",
        ".5",
        "5.",
        "0.000001",
        "1.123456",
        "1.1234567",
        ".1234567",
        "12.34567890",
        "9" * 16,
        "9" * 41,
        "9" * 45 + ".5",
        "1" * 30 + "." + "1" * 7,
    ],
)
def test_each_plain_cell_read_by_position_as_by_the_mapping_path(tmp_path: Path, cell: str) -> None:
    """Every kind of plain cell, in a count (01B), a 万元 item (05B) and beside a yes-no item:
    the row engine gives what the mapping path gives (reports, or the same error)."""
    import csv

    path = tmp_path / "returns.csv"
    row = ["U", "100", cell, cell, "是", "3"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["unit", "01A", "01B", "05B", "06B", "05A"], row])
    (ret,) = wr.read_returns(path, form=FORM.id)
    assert ret.values.row == row  # type: ignore[attr-defined]
    mapping = TextValues({"01A": "100", "01B": cell, "05B": cell, "06B": True, "05A": "3"})
    assert _outcome(wr.validate, FORM, ret) == _outcome(wr.validate, FORM, mapping, unit="U")


def test_a_wide_file_return_given_to_another_form_is_refused_as_a_dict_is(tmp_path: Path) -> None:
    """A return read from a wide file of one form and relabelled as another (``attrs.evolve``) is
    refused for its codes that form does not have, as the same values in a dict are; before, the
    reader's text path skipped the check and such codes were silently not read."""
    import csv

    import attrs

    path = tmp_path / "returns.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["unit", "01A", "01B", "01C", "01D"], ["U", "3", "1", "1", "1"]])
    (ret,) = wr.read_returns(path, form=FORM.id)
    other = attrs.evolve(ret, form="wuhan-2015:swn")
    as_dict = dict(ret.values)
    refused = _outcome(wr.validate, "wuhan-2015:swn", as_dict)
    assert refused[0] == "error" and "01C" in refused[1]
    assert _outcome(wr.validate, "wuhan-2015:swn", other) == refused
    # validate_many also names the file and line the return was read from
    many = _outcome(lambda: list(wr.validate_many([other])))
    assert many[0] == "error" and f"{path}:2: " in many[1]
    assert many[1].replace(f"{path}:2: ", "") == refused[1]


# -- numbers shown, vocabularies, catalogs --------------------------------------------------------


@given(
    st.decimals(min_value=0, max_value=10**30, allow_nan=False, places=6),
    st.sampled_from([0, 2, 4, 6]),
    st.sampled_from([("zh-Hans", "zh_Hans_CN"), ("zh-Hant", "zh_Hant_TW"), ("en", "en")]),
)
def test_numbers_are_grouped_as_babel_groups_them(
    value: Decimal, places: int, locale: tuple[str, str]
) -> None:
    amount = money._round_half_up(value, places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    with localcontext() as ctx:
        ctx.prec = money._precision(amount, places)
        expected = format_decimal(
            amount.copy_abs(), format=pattern, locale=locale[1], decimal_quantization=False
        )
    assert money._digits(amount, places, locale[0]) == expected


def test_every_word_of_every_vocabulary_reads_as_before() -> None:
    from wennuan_rules.eligibility.documents import Document

    for vocab in [*vocabularies().values(), Document]:
        for member in vocab:
            label = member.label
            for word in (member.id, label.zh_hans, label.zh_hant, label.en, *member.aliases):
                assert vocab.from_text(word) is _index_of(vocab)[_key(word)]


def _po_files() -> list[Path]:
    root = Path(wr.__file__).parent / "i18n" / "locales"
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", _po_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_cached_catalogs_are_what_babel_reads(path: Path) -> None:
    po = path.read_bytes()
    assert _compiled(po) == _parse_po(po)  # the second call reads the cache
    assert _compiled(po) == _parse_po(po)


def test_an_edited_catalog_is_read_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENNUAN_RULES_CACHE", str(tmp_path))
    po = (Path(wr.__file__).parent / "i18n/locales/en/LC_MESSAGES/core.po").read_bytes()
    first = _compiled(po)
    msgid = next(iter(first))
    edited = po.replace(f'msgstr "{first[msgid]}"'.encode(), b'msgstr "changed by a translator"', 1)
    assert edited != po
    assert _compiled(edited)[msgid] == "changed by a translator"
    for kept in tmp_path.iterdir():  # a damaged cache file is parsed again, not trusted
        kept.write_bytes(b"{not json")
    assert _compiled(po) == first
    assert _catalog("en")  # the process's catalogs still load

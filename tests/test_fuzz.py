"""Fuzzing (issue 10; docs/reliability.md, "Fuzzing"): every reader, every public function taking
user data, and the command line, fed generated input, answer with a value or a ``WennuanError``
(the command line: exit 0, 1 or 2, one line on stderr for 2) — never another exception, never a
hang.

Profiles (tests/conftest.py): ``ci`` (default, 100 inputs an entry point) and ``long``
(``HYPOTHESIS_PROFILE=long``, 100,000). With ``FUZZ_STATS=FILE`` the counts of inputs and refusals
per entry point are written to FILE at the end.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wennuan_rules as wr
from wennuan_rules.audits import audit_payments, audit_visits
from wennuan_rules.audits.readers import read_roster
from wennuan_rules.audits.roster import PAYMENT_FIELDS
from wennuan_rules.audits.visits import VISIT_FIELDS, read_families, read_visits
from wennuan_rules.cli import main
from wennuan_rules.eligibility import Household, assess
from wennuan_rules.eligibility.cli import read_households
from wennuan_rules.errors import WennuanError
from wennuan_rules.form import read_returns, validate

STATS: Counter[str] = Counter()


def _write_stats() -> None:
    target = os.environ.get("FUZZ_STATS")
    if target:
        Path(target).write_text(json.dumps(dict(sorted(STATS.items())), indent=1), "utf-8")


atexit.register(_write_stats)

# -- inputs ----------------------------------------------------------------------------------------

DIGITS = "0123456789０１２３４５６７８９٣३"
cells = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=DIGITS + ".,-+万元¥ ", max_size=25),
    st.sampled_from(
        ["2010-01-25", "2015-02-30", "410402195501010113", "=1+2", "困难职工", "worker", "", "\n"]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**45), max_value=10**45),
    cells,
)
KEYS = sorted(
    {
        *PAYMENT_FIELDS,
        *VISIT_FIELDS,
        "members",
        "monthly_income",
        "form",
        "values",
        "unit",
        "payments",
        "visits",
        "groups",
        "households",
        "01A",
        "05A",
        "causes",
    }
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), inner, max_size=6),
    ),
    max_leaves=20,
)


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


csv_files = st.builds(
    _csv_text,
    st.lists(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), min_size=1, max_size=8),
    st.lists(st.lists(cells, max_size=9), max_size=5),
)
file_contents = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_values.map(lambda v: _json_text(v).encode()),
    json_values.map(lambda v: _json_text(v).encode("gb18030", "replace")),
    csv_files.map(lambda t: t.encode("utf-8", "surrogatepass")),
)
suffixes = st.sampled_from([".json", ".jsonl", ".csv", ".txt"])


# One directory for the whole run, in memory where the system has it (/dev/shm): a fresh temporary
# directory an input cost 2 ms on disk, twenty times the reading itself, and made the long profile a
# day's work. Inputs are written in turn to the same file names; the readers never keep a file open.
_SHM = Path("/dev/shm")
_WORK = Path(tempfile.mkdtemp(prefix="wr-fuzz-", dir=_SHM if _SHM.is_dir() else None))
atexit.register(shutil.rmtree, _WORK, True)


def _in_file(content: bytes, suffix: str, read: Callable[[Path], object]) -> object:
    path = _WORK / f"input{suffix}"
    path.write_bytes(content)
    return read(path)


def _answers(name: str, call: Callable[[], object]) -> None:
    """``call`` returns or raises a WennuanError; anything else fails the test."""
    STATS[f"{name}.inputs"] += 1
    try:
        call()
    except WennuanError as error:
        STATS[f"{name}.refusals"] += 1
        assert error.message("en") and error.message("zh-Hans")


# -- readers ---------------------------------------------------------------------------------------

READERS: dict[str, Callable[[Path], object]] = {
    "read_roster": read_roster,
    "read_visits": read_visits,
    "read_families": read_families,
    "read_returns": lambda p: list(read_returns(p)),
    "read_households": lambda p: list(read_households(str(p))[1]),
    "read_hardship_files": wr.read_hardship_files,
    "read_civil_affairs": wr.read_civil_affairs,
    "read_goods": wr.read_goods,
    "read_prohibited": wr.read_prohibited,
}


@pytest.mark.parametrize("reader", sorted(READERS))
@given(content=file_contents, suffix=suffixes)
def test_fuzz_read(reader: str, content: bytes, suffix: str) -> None:
    """Every reader (``-k read_roster`` and the like select one: the id is the reader's name)."""
    _answers(reader, lambda: _in_file(content, suffix, READERS[reader]))


# -- public functions taking user data -------------------------------------------------------------


@given(values=st.dictionaries(st.sampled_from(["01A", "01B", "05A", "05B", "09A"]), scalars))
def test_fuzz_validate(values: dict[str, object]) -> None:
    _answers("validate", lambda: validate("wuhan-2015:swn", values))


@given(value=scalars)
def test_fuzz_parse_amount(value: object) -> None:
    _answers("parse_amount", lambda: wr.parse_amount(value))


@given(value=scalars)
def test_fuzz_parse_count(value: object) -> None:
    _answers("parse_count", lambda: wr.parse_count(value, unit=("人", "户")))


@given(facts=st.dictionaries(st.sampled_from([*KEYS, "region", "event_on"]), json_values))
def test_fuzz_household_and_assess(facts: dict[str, object]) -> None:
    _answers("Household.from_mapping", lambda: Household.from_mapping(facts))
    _answers("assess", lambda: assess(facts, "wuhan-2015"))


@given(rows=st.lists(st.dictionaries(st.sampled_from(list(PAYMENT_FIELDS)), scalars), max_size=3))
def test_fuzz_audit_payments(rows: list[dict[str, object]]) -> None:
    _answers("audit_payments", lambda: audit_payments(rows, "pingdingshan-2010"))


@given(content=file_contents, suffix=suffixes)
def test_fuzz_audit_visits_of_a_file(content: bytes, suffix: str) -> None:
    _answers(
        "audit_visits",
        lambda: _in_file(
            content, suffix, lambda p: audit_visits(read_visits(p), "pingdingshan-2010")
        ),
    )


# -- the command line ------------------------------------------------------------------------------

COMMANDS = [
    ["check", "{}"],
    ["assess", "--campaign", "wuhan-2015", "{}"],
    ["audit", "payments", "{}", "--campaign", "pingdingshan-2010"],
    ["audit", "visits", "{}", "--campaign", "pingdingshan-2010"],
    ["audit", "files", "{}", "--campaign", "henan-2018"],
    ["audit", "goods", "{}", "--campaign", "pingdingshan-2022"],
]


@given(content=file_contents, suffix=suffixes, command=st.sampled_from(COMMANDS))
def test_fuzz_cli(content: bytes, suffix: str, command: list[str]) -> None:
    def call(path: Path) -> None:
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main([str(path) if a == "{}" else a for a in command])
        STATS["cli.inputs"] += 1
        assert code in (0, 1, 2)
        if code == 2:
            STATS["cli.refusals"] += 1
            # one line per input problem (issue 10 point 12: every problem told), each a
            # message of the library: never a traceback, never a message broken over lines
            text = err.getvalue()
            lines = text[:-1].split("\n")
            assert text.endswith("\n") and all(
                line.startswith("wennuan-rules: ") for line in lines
            ), lines

    _in_file(content, suffix, call)

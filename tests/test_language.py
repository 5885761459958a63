"""Chinese output is wholly Chinese (issue 10, point 16).

Every command of the CLI (its output, its errors, its usage errors and its ``--help``), every
message template of the catalogs and every renderer (text, JSON values meant for people, CSV, HTML,
the Excel template and the marked-up copy) is rendered in zh-Hans and zh-Hant, and fails on any
Latin word other than

* identifiers (campaign, form, rule, group and vocabulary ids; line codes; household, roster and
  visit keys), which are contract (docs/decisions.md, "Chinese output"), the sources cited
  (document numbers and clauses, kept as the data writes them) and texts quoted as printed;
* file names of the run and values the user typed (echoed back);
* the small allow-lists :data:`ALLOWED_WORDS` (file formats and encodings), and for message
  templates only :data:`DATA_FILE_WORDS` and :data:`PYTHON_NAMES`.

zh-Hant output also fails on Simplified-only characters (:data:`SIMPLIFIED_ONLY`, derived from the
catalogs and data labels by ``scripts/simplified_chars.py``), outside the same exceptions.
"""

from __future__ import annotations

import csv
import functools
import html as html_module
import io
import json
import re
import string
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import wennuan_rules as wr
from wennuan_rules.cli.main import build_parser, main
from wennuan_rules.i18n import catalog_messages

HERE = Path(__file__).parent
SAMPLES = Path(wr.__file__).parent / "data" / "samples"
CHINESE = ("zh-Hans", "zh-Hant")


#: Latin words allowed in Chinese output besides ids: file formats and encodings people name by
#: these letters (docs/decisions.md, "Chinese output").
def _words(*parts: str) -> frozenset[str]:
    return frozenset(" ".join(parts).split())


ALLOWED_WORDS = _words(
    # file formats, encodings and software people name by these letters
    "csv CSV json JSON jsonl ndjson Lines xlsx xls Excel UTF-8 GB18030 Big5 BOM polars pandas",
    # the date pattern, and the literals of JSON files
    "YYYY-MM-DD YYYY MM DD true false null NaN Infinity TOML uXXXX",
)

#: The keys and values people write in data files (TOML: docs/extending.md) and the words of the
#: command line (commands, choices), named in the messages about them: allowed in message
#: templates. Command output is checked with the command line's own words allowed case by case.
DATA_FILE_WORDS = _words(
    "kind source rule by_kind sum le paired count amount strict skip error warning category",
    "filed_on ref id_number id campaigns forms audits parameters text payments visits columnar",
    "pip install yes no parameter audit criteria",
)

#: Python names in the errors a Python caller gets (a type or argument of the API, as in
#: ``expected a Household or a mapping``): allowed in message templates, not in command output.
PYTHON_NAMES = _words(
    "Payment Roster Visit VisitPlan Decimal Household Cause Document FormRule LineItem Return",
    "DataFrame None True False datetime date os PathLike str int float frozenset latest",
    "show_personal_data load_campaign Deadline met_by inclusive sqlglot form_sql to_frame failing",
    "findings summary",
)

#: Simplified-only characters (``scripts/simplified_chars.py`` writes the file from the catalogs).
SIMPLIFIED_ONLY = frozenset((HERE / "data" / "simplified_only.txt").read_text("utf-8").split()[0])


# -- what may stay as it is ---------------------------------------------------------------------


def _vocab_ids() -> set[str]:
    from wennuan_rules import vocabulary

    out: set[str] = set()
    for value in vars(vocabulary).values():
        if isinstance(value, type) and issubclass(value, vocabulary.Vocab):
            out |= {m.id for m in value}
    return out


def _ids() -> set[str]:
    """Every identifier and code a user may see (contract.md: ids are contract)."""
    from wennuan_rules.audits.registry import registered
    from wennuan_rules.eligibility.household import KEYS
    from wennuan_rules.parameters import Parameters

    out = _vocab_ids() | set(KEYS) | set(Parameters.bundled().regions())
    # the keys of a return and the header of a long CSV; the program
    out |= {"form", "unit", "values", "code", "value", "wennuan-rules"}
    out |= {"zh-Hans", "zh-Hant", "en"}  # the languages (--lang)
    for schema in ("roster", "visits"):  # the fields of rosters and visit logs (JSON keys)
        text = (SAMPLES.parent / "schemas" / f"{schema}.schema.json").read_text("utf-8")
        out |= set(re.findall(r'"([a-z_]+)"\s*:\s*\{', text))
    for c in wr.campaigns():
        out |= {c.id, *(g.id for g in c.groups), *(g.id for g in c.categories), c.region or ""}
        out |= set(c.visit_quota.by_kind) if c.visit_quota else set()
    for f in wr.forms():
        out.add(f.id)
        out |= {i.code for i in f.items}
        for r in f.rules:
            out |= {r.name, f"{f.id}/{r.name}", r.formula}
        out |= {f"{f.id}/{u.code}:unit" for u in f.unit_checks} | {
            f"{u.code}:unit" for u in f.unit_checks
        }
    for rule in registered():
        out |= {rule.id, rule.name}
    # the findings of civil-affairs/match name which comparison failed (docs/audits.md)
    out |= {"match/status", "match/not-on-list", "match/not-on-file"}
    return {i for i in out if i}


def _quoted() -> set[str]:
    """Sources cited and texts quoted as printed (data, kept as written)."""
    out: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in (
            "source",
            "text",
            "cite",
            "value",
            "issuer_abbrev",
            "canonical",
        ):
            out.add(value)

    for c in wr.campaigns():
        walk(c.to_dict())
        out.add(c.cite)
    for f in wr.forms():
        out.add(f.source)
        out.add(f.period_note)
        out |= {f.rule_source(r) for r in f.rules} | {f.item_source(i.code) for i in f.items}
    return {q for q in out if q}


IDS = _ids()
QUOTED = sorted(_quoted(), key=len, reverse=True)
FILE_NAME = re.compile(r"[A-Za-z0-9_./-]*\.(?:md|jsonl|ndjson|json|csv|toml|xlsx|xls)\b")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")


@functools.lru_cache(maxsize=64)
def _known(extra: frozenset[str]) -> re.Pattern[str]:
    """Quoted data, rule ids and the case's own words, longest first (a source citing a rule is
    removed whole before the rule's id)."""
    hyphenated = {i for i in IDS if "-" in i}
    known = sorted({*QUOTED, *RULE_IDS, *hyphenated, *extra} - {""}, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in known))


def _strip(text: str, extra: Iterable[str]) -> str:
    # plain words are compared whole (latin_words); longer values are removed where they stand
    text = _known(frozenset(e for e in extra if not re.fullmatch(r"[A-Za-z]+", e))).sub(" ", text)
    text = ID_PATTERN.sub(" ", text)
    text = re.sub(r"--[A-Za-z][A-Za-z-]*", " ", text)  # options of the command line
    # the text renderers' citation lines: a clause cited and the words as printed, kept as written
    text = re.sub(r"(?:依据|依據|原文)：[^\n]*", " ", text)
    return FILE_NAME.sub(" ", text)


ID_PATTERN = re.compile(
    r"(?<![A-Za-z0-9_-])(?:"
    + "|".join(re.escape(i) for i in sorted(IDS, key=len, reverse=True))
    + r")(?![A-Za-z0-9_-])"
)
RULE_IDS = sorted((i for i in IDS if not re.fullmatch(r"[A-Za-z0-9-]+", i)), key=len, reverse=True)


def latin_words(text: str, extra: Iterable[str] = ()) -> list[str]:
    """The Latin words of ``text`` that are neither ids, nor quoted data, nor allowed."""
    extra = list(extra)
    rest = _strip(text, extra)
    allowed_extra = set(extra)
    return [
        w
        for w in WORD.findall(rest)
        if w not in IDS
        and w not in ALLOWED_WORDS
        and w not in allowed_extra
        and not re.fullmatch(r"[0-9]{0,2}[A-Z][0-9]{0,2}(-[0-9])?", w)  # line codes: 05A, B1, C10
        and not re.search(r"[0-9]", w)  # codes and ids with digits: g1, J2, UTF-8
    ]


def simplified(text: str, extra: Iterable[str] = ()) -> list[str]:
    rest = _strip(text, extra)
    return sorted({c for c in rest if c in SIMPLIFIED_ONLY})


def assert_chinese(text: str, lang: str, extra: Iterable[str] = (), what: str = "") -> None:
    words = latin_words(text, extra)
    assert not words, f"{what} ({lang}): Latin words {sorted(set(words))[:12]} in:\n{text[:2000]}"
    if lang == "zh-Hant":
        chars = simplified(text, extra)
        assert not chars, f"{what} (zh-Hant): Simplified characters {chars} in:\n{text[:2000]}"


# -- people's values of JSON and CSV ------------------------------------------------------------

#: JSON keys whose values are written for people (the rest are machine values: ids, numbers).
PEOPLE_KEYS = frozenset(
    {
        "message",
        "title",
        "label",
        "note",
        "notes",
        "expression",
        "name_text",
        "reason",
        "explanation",
        "value_text",
        "printed",
    }
)


def people_values(data: object, key: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from people_values(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from people_values(v, key)
    elif isinstance(data, str) and key in PEOPLE_KEYS:
        yield data


#: CSV columns of machine values (the report's JSON fields: ids, codes, numbers, enums).
MACHINE_COLUMNS = frozenset(
    {
        "form",
        "unit",
        "rule",
        "severity",
        "items",
        "expected",
        "actual",
        "where",
        "source",
        "field",
        "text",
        "id",
        "document",
        "period",
        "campaign",
        "ref",
        "on",
        "group",
        "eligible",
        "criterion",
        "met",
        "file",
        "line",
        "row",
        "code",
        "value",
        "kind",
        "item",
        "values",
        "group_eligible",
        "status",
        "alternative",
    }
)


def csv_people_cells(text: str) -> Iterator[str]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return
    head = rows[0]
    for row in rows[1:]:
        for name, cell in zip(head, row, strict=False):
            if name not in MACHINE_COLUMNS:
                yield cell


# -- the commands -------------------------------------------------------------------------------

HOUSEHOLD = {
    "ref": "H-1",
    "members": 3,
    "monthly_income": "2100",
    "has_labour_contract": True,
    "major_illness": True,
    "annual_medical_out_of_pocket": "12000",
    "hardship_file": {"category": "deep", "filed_on": "2021-01-05"},
    "region": "changzhou-edz",
}


def _files(tmp: Path) -> dict[str, Path]:
    households = tmp / "households.json"
    households.write_text(
        json.dumps([HOUSEHOLD, {**HOUSEHOLD, "ref": "H-2", "monthly_income": "90000"}]), "utf-8"
    )
    bad_value = tmp / "bad-value.json"
    bad_value.write_text(
        json.dumps({"form": "wuhan-2015:swn", "unit": "江岸区", "values": {"01A": "abc"}}), "utf-8"
    )
    bad_household = tmp / "bad-household.json"
    bad_household.write_text('{"members": 2, "monthly_income": "abc"}', "utf-8")
    broken = tmp / "broken.json"
    broken.write_text('{"form": "wuhan-2015:swn", "values": {', "utf-8")
    units = tmp / "units.json"
    units.write_text(
        json.dumps(
            {
                "form": "wuhan-2015:swn",
                "unit": "江岸区",
                "values": {"01A": "-1", "03A": "2.5", "05A": "1.1234567"},
            }
        ),
        "utf-8",
    )
    roster_head = (
        "序号,姓名,身份证号,金额（元）,发放日期,资金来源,发放方式,档案类别,建档日期,银行卡号,类别\n"
    )
    row = "1,张建国,410402195501010113,500,2009-12-22,中央财政,现金,特困职工,2009-03-15,,困难职工\n"
    bad_roster = tmp / "bad-roster.csv"
    bad_roster.write_text(roster_head + row.replace("2009-12-22", "12月22号"), "utf-8")
    odd_roster = tmp / "odd-roster.csv"
    odd_roster.write_text(roster_head + row.replace(",困难职工", ",劳模") + row, "utf-8")
    a, b, c = "410402195501010113", "410402196002020223", "410404197003030332"
    hardship = tmp / "hardship-files.csv"
    hardship.write_text(
        "编号,姓名,身份证号,档案类别,联系人（单位）,期限,措施,路径,低保状态\n"
        f"H1,张建国,{a},深度困难,市总保障部,2018-12-31,岗位推荐,就业脱困,低保\n"
        f"H2,李秀英,{b},相对困难,,2018-12-31, ,,低保边缘\n"
        "H3,王五,410402195501010112,意外致困,区总,一年,医疗救助,救助脱困,\n",
        "utf-8",
    )
    civil = tmp / "civil.csv"
    civil.write_text(f"身份证号,类别\n{a},低保边缘\n{b},低保边缘\n{c},低保\n", "utf-8")
    goods = tmp / "goods.csv"
    goods.write_text("品名,类别,金额\n茅台酒,烟酒,1500.00\n大米,粮油,120\n被子,,200\n", "utf-8")
    prohibited = tmp / "prohibited.csv"
    prohibited.write_text("烟酒\n购物卡,高档礼品\n", "utf-8")
    folder = tmp / "returns"
    folder.mkdir()
    for sample in ("wuhan-2015__swn.json", "wuhan-2015__center.json"):
        (folder / sample).write_bytes((SAMPLES / sample).read_bytes())
    (folder / "bad-value.json").write_bytes(bad_value.read_bytes())
    return {
        "hardship": hardship,
        "civil": civil,
        "goods": goods,
        "prohibited": prohibited,
        "folder": folder,
        "households": households,
        "bad_value": bad_value,
        "bad_household": bad_household,
        "broken": broken,
        "units": units,
        "bad_roster": bad_roster,
        "odd_roster": odd_roster,
    }


def _commands(tmp: Path) -> list[list[str]]:
    f = _files(tmp)
    fmts = ("text", "json", "csv")
    out: list[list[str]] = []
    out += [["campaigns", "--format", x] for x in fmts]
    out += [["campaigns", c.id, "--format", x] for c in wr.campaigns() for x in fmts]
    out += [["forms", "--format", x] for x in fmts]
    out += [["forms", fo.id, "--format", x] for fo in wr.forms() for x in fmts]
    samples = [p.name[: -len(".json")].replace("__", ":") for p in SAMPLES.glob("*__*.json")]
    out += [["check", "--sample", s, "--format", x] for s in samples for x in fmts]
    out += [["check", "--sample", "--summary"]]
    returns = HERE / "data" / "returns"
    out += [
        ["check", str(returns / "wuhan-2015__swn__districts.json"), "--format", x] for x in fmts
    ]
    out += [["check", str(returns / "wuhan-2015__swn__districts.json"), "--summary"]]
    out += [["check", str(returns / "wuhan-2015__swn__districts.json"), "--rollup", "武汉市"]]
    out += [
        [
            "check",
            str(returns / "changzhou-edz-2021__swn__wide.csv"),
            "--form",
            "changzhou-edz-2021:swn",
        ]
    ]
    for c in wr.campaigns():
        out += [
            [
                "assess",
                str(f["households"]),
                "--campaign",
                c.id,
                "--on",
                "2021-01-10",
                "--format",
                x,
            ]
            for x in fmts
        ]
    for roster, campaign, ret in (
        (
            "pingdingshan-2010-roster.csv",
            "pingdingshan-2010",
            "pingdingshan-2010-roster-return.json",
        ),
        ("wuhan-2015-roster.json", "wuhan-2015", None),
    ):
        for x in fmts:
            argv = [
                "audit",
                "payments",
                str(SAMPLES / roster),
                "--campaign",
                campaign,
                "--format",
                x,
            ]
            if ret:
                argv += ["--return", str(SAMPLES / ret)]
            out.append(argv)
    for visits, campaign, extra in (
        ("pingdingshan-2010-visits.json", "pingdingshan-2010", []),
        (
            "wuhan-2015-visits.csv",
            "wuhan-2015",
            ["--on-file", str(SAMPLES / "wuhan-2015-visits-on-file.json")],
        ),
    ):
        out += [
            [
                "audit",
                "visits",
                str(SAMPLES / visits),
                "--campaign",
                campaign,
                *extra,
                "--format",
                x,
            ]
            for x in fmts
        ]
    out += [["check", str(f["units"]), "--format", x] for x in fmts]
    out += [
        [
            "audit",
            "payments",
            str(f["odd_roster"]),
            "--campaign",
            "pingdingshan-2010",
            "--format",
            x,
        ]
        for x in fmts
    ]
    lists = (
        ["files", str(f["hardship"]), "--campaign", "henan-2018"],
        ["civil-affairs", str(f["hardship"]), str(f["civil"]), "--campaign", "henan-2018"],
        [
            "civil-affairs",
            str(f["hardship"]),
            str(f["civil"]),
            "--campaign",
            "henan-2018",
            "--not-on-file",
        ],
        ["goods", str(f["goods"]), "--campaign", "pingdingshan-2022"],
        [
            "goods",
            str(f["goods"]),
            "--campaign",
            "pingdingshan-2022",
            "--prohibited",
            str(f["prohibited"]),
        ],
    )
    out += [["audit", *argv, "--format", x] for argv in lists for x in fmts]
    out += [["check", str(f["folder"]), "--format", x] for x in fmts]
    out += [["check", str(f["folder"]), "--summary"]]
    out += [["check", str(f["folder"]), "--fail-on", "warning", "--max-failing", "0.5"]]
    # error paths
    out += [
        ["audit", "goods", str(f["goods"]), "--campaign", "wuhan-2015"],
        ["check", "--sample", "--max-failing", "2"],
        ["check", str(tmp / "no-such-folder"), "--max-failing", "0.05"],
        ["audit", "payments", str(f["bad_roster"]), "--campaign", "pingdingshan-2010"],
        ["campaigns", "nope-2000"],
        ["forms", "nope:swn"],
        ["check", str(tmp / "missing.json")],
        ["check", str(f["broken"])],
        ["check", str(f["bad_value"])],
        ["assess", str(f["bad_household"]), "--campaign", "changzhou-edz-2021"],
        ["assess", str(f["households"]), "--campaign", "changzhou-edz-2021", "--on", "2021-13-01"],
        ["check", "--sample", "nope:swn"],
    ]
    return out


def _typed_in_files(argv: list[str]) -> list[str]:
    """The words of the input files named on the command line (the user's own values: Latin
    words and runs of Chinese, echoed back as they were typed)."""
    words: list[str] = []
    paths = [Path(arg) for arg in argv]
    paths += [p for folder in paths if folder.is_dir() for p in sorted(folder.iterdir())]
    for path in paths:
        if path.suffix in (".json", ".csv") and path.is_file():
            text = path.read_text("utf-8-sig", errors="replace")
            words += WORD.findall(text) + re.findall(r"[^\x00-\x7f，。：（）]+", text)
    return words


def _quoted_in(data: object, key: str = "") -> Iterator[str]:
    """Sources cited and texts quoted as printed in a JSON output (kept as the data writes them)."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _quoted_in(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from _quoted_in(v, key)
    elif isinstance(data, str) and key in ("source", "text", "unit", "ref", "name"):
        yield data


def _run(argv: list[str], lang: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main([*argv, "--lang", lang])
    except SystemExit as exc:  # argparse: --help and usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _people_text(argv: list[str], out: str) -> str:
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "text"
    if fmt == "json" and out.strip():
        return "\n".join(people_values(json.loads(out)))
    if fmt == "csv":
        return "\n".join(csv_people_cells(out))
    return out


@pytest.mark.parametrize("lang", CHINESE)
def test_every_command_speaks_chinese(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failures: list[str] = []
    runs = [(argv, *_run(argv, lang, capsys)) for argv in _commands(tmp_path)]
    quoted: set[str] = set()
    for argv, _code, out, _err in runs:
        if "json" in argv and out.strip():
            quoted.update(_quoted_in(json.loads(out)))
    for argv, _code, out, err in runs:
        typed = [a for a in argv if not a.startswith("--")] + _typed_in_files(argv)
        for text, what in ((_people_text(argv, out), "stdout"), (err, "stderr")):
            try:
                assert_chinese(text, lang, [*typed, *quoted], f"{' '.join(argv)} {what}")
            except AssertionError as exc:
                failures.append(str(exc)[:600])
    assert not failures, f"{len(failures)} outputs not wholly Chinese:\n\n" + "\n\n".join(
        failures[:40]
    )


def _subcommands() -> list[list[str]]:
    parser = build_parser()
    out = [[]]
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            out.append([name])
            if sub._subparsers is not None:
                for inner in sub._subparsers._group_actions:
                    out += [[name, n] for n in inner.choices]
    return out


def _choices() -> set[str]:
    """Values the user types for options with choices (shown in usage as ``{text,json,csv}``)."""
    out: set[str] = set()

    def walk(parser: Any) -> None:
        for action in parser._actions:
            if action.choices is not None and not isinstance(action.choices, dict):
                out.update(str(c) for c in action.choices)
            if isinstance(action.choices, dict):
                for sub in action.choices.values():
                    walk(sub)

    walk(build_parser())
    return out


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("command", _subcommands(), ids=lambda c: " ".join(c) or "main")
def test_help_is_chinese(lang: str, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run([*command, "--help"], lang, capsys)
    assert code == 0
    # option names (--format), option values (text, json) and command names stay as typed
    options = re.findall(r"--?[A-Za-z][A-Za-z-]*", out)
    names = [n for c in _subcommands() for n in c]
    assert_chinese(out + err, lang, [*options, *_choices(), *names, "wennuan-rules"], "--help")


USAGE_ERRORS = [
    ["check", "--format", "yaml", "x.json"],
    ["assess"],
    ["audit", "payments", "r.csv"],
    ["forms", "--bogus"],
    ["frobnicate"],
    ["audit", "visits", "v.json", "--campaign", "wuhan-2015", "--quota-per", "house"],
    ["audit"],
    ["audit", "goods", "g.csv"],
    ["audit", "civil-affairs", "f.csv", "--campaign", "henan-2018"],
    ["check", "--sample", "--fail-on", "fatal"],
    ["check", "--sample", "--max-failing", "half"],
]


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=" ".join)
def test_usage_errors_are_chinese(
    lang: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(argv, lang, capsys)
    assert code == 2 and not out and err.count("\n") == 1
    options = re.findall(r"--?[A-Za-z][A-Za-z-]*", err)
    names = [n for c in _subcommands() for n in c]
    assert_chinese(err, lang, [*argv, *options, *_choices(), *names, "wennuan-rules"], "usage")


# -- every message template ---------------------------------------------------------------------


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


@pytest.mark.parametrize("lang", CHINESE)
def test_every_message_template_is_chinese(lang: str) -> None:
    bad = []
    catalog = catalog_messages(lang)
    for msgid in catalog_messages("en"):
        # placeholders left out (their values are checked where they are rendered)
        text = re.sub(r"\{[a-z_]+\}", " ", catalog.get(msgid, msgid))
        # argparse's own templates carry %(name)s placeholders
        text = re.sub(r"%\([a-z_]+\)[rsd]|%[rsd]", " ", text)
        words = [w for w in latin_words(text) if w not in PYTHON_NAMES | DATA_FILE_WORDS]
        if words or (lang == "zh-Hant" and simplified(text)):
            bad.append(f"{msgid!r} -> {text!r}")
    assert not bad, f"{len(bad)} templates:\n" + "\n".join(bad[:40])


# -- renderers called from Python ---------------------------------------------------------------


@pytest.mark.parametrize("lang", CHINESE)
def test_html_and_text_renderers_are_chinese(lang: str) -> None:
    from wennuan_rules.render import html, text

    values = json.loads((SAMPLES / "wuhan-2015__swn.json").read_text("utf-8"))["values"]
    report = wr.validate("wuhan-2015:swn", {**values, "01B": None})
    shown = [
        html.report_html(report, lang) if hasattr(html, "report_html") else "",
        report._repr_html_() if lang == "zh-Hans" else "",
        text.report_text(report, lang) if hasattr(text, "report_text") else "",
    ]
    for out in shown:
        plain = html_module.unescape(
            re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<style>.*?</style>", " ", out))
        )
        assert_chinese(plain, lang, ["江岸区总工会"], "html/text")


@pytest.mark.parametrize("lang", CHINESE)
def test_summary_counts_unit_checks_not_evaluated_apart(
    lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "另有 60 项单位检查全部通过" was printed when some of them were never evaluated."""
    path = HERE / "data" / "returns" / "wuhan-2015__swn__districts.json"
    from wennuan_rules.form.readers import read_returns

    summary = wr.summarize(wr.validate_many(read_returns(path)))
    _code, out, _err = _run(["check", str(path), "--summary"], lang, capsys)
    last = out.strip().splitlines()[-1]
    hidden = [r for r in summary.rules if r.unit_check and not r.failed]
    blank = sum(1 for r in hidden if r.not_evaluated)
    assert blank and f"{len(hidden) - blank} " in last and f"{blank} " in last
    assert ("未能核验" if lang == "zh-Hans" else "未能核驗") in last
    assert "全部通过" not in last and "全部通過" not in last


# -- the Excel template and the marked-up copy ---------------------------------------------------


def _workbook_text(path: Path) -> str:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = []
    for name in book.sheet_names:
        cells.append(name)
        for row in book.get_sheet_by_name(name).to_python():
            cells += [str(c) for c in row if isinstance(c, str)]
    return "\n".join(cells)


@pytest.mark.parametrize("lang", CHINESE)
@pytest.mark.parametrize("form", [f.id for f in wr.forms()])
def test_excel_template_is_chinese(
    lang: str, form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    path = tmp_path / "t.xlsx"
    code, _out, err = _run(["template", form, "-o", str(path)], lang, capsys)
    assert code == 0, err
    assert_chinese(_workbook_text(path), lang, [], f"template {form}")


@pytest.mark.parametrize("lang", CHINESE)
def test_annotated_copy_is_chinese(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("xlsxwriter")
    pytest.importorskip("python_calamine")
    out = tmp_path / "marked.xlsx"
    source = HERE / "data" / "excel" / "wide.xls"
    code, _o, err = _run(
        ["check", str(source), "--form", "wuhan-2015:swn", "--annotate", str(out)], lang, capsys
    )
    assert code in (0, 1), err
    units = {row[0] for row in _sheet_rows(source)}
    assert_chinese(_workbook_text(out), lang, [str(u) for u in units], "annotated copy")


def _sheet_rows(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [list(r) for r in book.get_sheet_by_index(0).to_python()]


# -- the checker itself --------------------------------------------------------------------------


def test_checker_catches_english_and_simplified() -> None:
    assert latin_words("应为 a whole number, YYYY-MM-DD") == ["a", "whole", "number"]
    assert latin_words("规则 wuhan-2015:swn/05A=sum 与 06B=是->06A>0 未通过，栏目 05A") == []
    assert latin_words("严重程度 error") == ["error"]
    assert simplified("每户 12.5万元") == sorted("户万")
    assert simplified("每戶 12.5萬元") == []

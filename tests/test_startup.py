"""Start-up (issue 11, point 3): a command loads what it needs, and what it skips changes nothing.

The command line builds the parser of the command it runs (the help of every command is the same
as the complete parser's), the data files are parsed through the cache (the same data as
``tomllib``, also from a damaged cache file), and ``check --sample`` does not import the modules
of other formats and commands.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wennuan_rules._cache import cache_dir, toml
from wennuan_rules._io import suffix
from wennuan_rules.cli.main import build_parser, main
from wennuan_rules.cli.usage import argparse_in

DATA = Path(__file__).resolve().parents[1] / "src" / "wennuan_rules" / "data"

COMMANDS = [
    [],
    ["campaigns"],
    ["forms"],
    ["check"],
    ["template"],
    ["assess"],
    ["audit"],
    ["audit", "payments"],
    ["audit", "visits"],
    ["audit", "files"],
    ["audit", "civil-affairs"],
    ["audit", "goods"],
]


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_help_of_a_command_is_that_of_the_complete_parser(
    command: list[str],
    lang: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main([*command, "--help", "--lang", lang])
    shown = capsys.readouterr().out
    with argparse_in(lang):
        parser = build_parser(lang)  # every command's arguments added at once
        for word in command:
            parser = parser._subparsers._group_actions[0].choices[word]  # type: ignore[union-attr]
        assert shown == parser.format_help()
    assert shown.count("\n") > 3


def test_the_top_level_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help", "--lang", "en"])
    shown = capsys.readouterr().out
    for name in ("campaigns", "forms", "check", "template", "assess", "audit"):
        assert f"    {name} " in shown


def test_a_lazy_parser_reads_arguments_as_the_complete_one() -> None:
    words = ["check", "--sample", "wuhan-2015:swn", "--format", "json", "--fail-on", "warning"]
    assert build_parser(lazy=True).parse_args(words) == build_parser().parse_args(words)
    words = ["audit", "visits", "v.json", "--campaign", "wuhan-2015", "--coverage-any-date"]
    assert build_parser(lazy=True).parse_args(words) == build_parser().parse_args(words)


@pytest.mark.parametrize(
    "path",
    [DATA / "forms" / "wuhan-2015__swn.toml", DATA / "campaigns" / "pingdingshan-2010.toml"],
    ids=["form (no dates)", "campaign (dates)"],
)
def test_data_files_parsed_through_the_cache_are_tomllibs(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WENNUAN_RULES_CACHE", str(tmp_path))
    raw = path.read_bytes()
    expected = tomllib.loads(raw.decode())
    assert toml(raw) == expected  # parsed, and kept
    kept = list(tmp_path.iterdir())
    assert len(kept) == 1 and cache_dir() == str(tmp_path)
    assert toml(raw) == expected  # from the cache
    kept[0].write_bytes(b"m\x00damaged")
    assert toml(raw) == expected  # a damaged cache file is parsed again
    kept[0].write_bytes(b"")
    assert toml(raw) == expected
    edited = raw + b'\n[zz_added]\nnote = "x"\n'
    assert toml(edited)["zz_added"] == {"note": "x"}  # an edited file is parsed afresh


def test_invalid_toml_is_still_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENNUAN_RULES_CACHE", str(tmp_path / "cache"))
    with pytest.raises(tomllib.TOMLDecodeError):
        toml(b"key = ")


@given(
    st.lists(
        st.sampled_from(
            ["a", "b.json", ".", "..", "", ".hidden", "x.", "c.tar.gz", "d.CSV", "é.xls"]
        ),
        max_size=5,
    ),
    st.booleans(),
)
def test_suffix_is_pathlibs(parts: list[str], absolute: bool) -> None:
    text = ("/" if absolute else "") + "/".join(parts)
    assert suffix(text) == PurePosixPath(text).suffix
    assert suffix(Path(text)) == Path(text).suffix


def _imported(code: str) -> set[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return set(out.split())


def test_check_sample_loads_only_what_it_needs() -> None:
    loaded = _imported(
        "import contextlib, io\n"
        "from wennuan_rules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', '--sample'])"
    )
    assert "wennuan_rules.form.validate" in loaded  # it did check the return
    not_needed = {
        "tomllib",  # data files come parsed from the cache
        "pickle",  # a form's data has no dates: kept with marshal
        "shutil",  # argparse's terminal width found without it
        "pathlib",  # paths of bundled files as str; pathlib's urllib.parse and ipaddress too
        "urllib.parse",
        "csv",  # JSON input, text output
        "hashlib",
        "html",
        "wennuan_rules.render.html",
        "wennuan_rules.render.batch",
        "wennuan_rules.render.csv",
        "wennuan_rules.render.forms",
        "wennuan_rules._io.csvfile",
        "wennuan_rules._io.collected",  # read with errors="raise"
        "wennuan_rules._sourced",  # no campaign read
        "wennuan_rules.batch",
        "wennuan_rules.campaign",
        "wennuan_rules.eligibility",
        "wennuan_rules.audits",
        "wennuan_rules.form.compare",  # wennuan_rules.form loads its names on first use
        "string",  # messages filled with str.format_map
    }
    assert not_needed & loaded == set()


def test_import_builds_no_result_types() -> None:
    loaded = _imported("import wennuan_rules")
    assert {m for m in loaded if m.startswith("wennuan_rules")} <= {
        "wennuan_rules",
        "wennuan_rules._wiring",
        "wennuan_rules.errors",
        "wennuan_rules.i18n",
    }


def test_import_needs_neither_datetime_nor_decimal() -> None:
    loaded = _imported("import wennuan_rules")
    assert {"datetime", "decimal", "string"} & loaded == set()


def test_errors_show_dates_and_decimals_loaded_after_the_library() -> None:
    """``errors`` looks the date and Decimal types up when it formats a value: loaded after
    ``import wennuan_rules``, they are still shown as people write them, never as reprs."""
    code = (
        "from wennuan_rules import InvalidValueError\n"
        "import datetime, decimal\n"
        "for got in (decimal.Decimal('12.50'), datetime.date(2010, 1, 25)):\n"
        "    e = InvalidValueError('{what}: expected {expected}, got {got}', what='x',"
        " expected='y', got=got, params={'n': got})\n"
        "    print(e.message('zh-Hans'), e.message('en'))"
    )
    status, out, err = _program(code)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "x：应为 y，实为 12.50 x: expected y, got Decimal('12.50')",
        "x：应为 y，实为 2010-01-25 x: expected y, got 2010-01-25",
    ]


def test_every_name_of_the_form_package_resolves() -> None:
    """``wennuan_rules.form`` loads its names on first use: each is its module's, and
    ``validate`` and ``compare`` stay the functions once their modules are loaded (as when the
    package imported them all)."""
    code = (
        "import wennuan_rules.form.validate, wennuan_rules.form.compare\n"
        "import wennuan_rules.form as f\n"
        "from wennuan_rules.form import validate, compare\n"
        "names = [n for n in f.__all__ if getattr(f, n) is None]\n"
        "assert not names, names\n"
        "assert set(f.__all__) <= set(dir(f))\n"
        "print(validate.__name__, compare.__name__, f.validate is validate,"
        " f.compare is compare, callable(f.validate))"
    )
    status, out, err = _program(code)
    assert (status, out, err) == (0, "validate compare True True True\n", "")
    import wennuan_rules.form as form
    from wennuan_rules.form import loader, model, readers  # submodules, as before

    assert form.FormTemplate is model.FormTemplate and form.read_returns is readers.read_returns
    assert form.get_form is loader.get_form
    assert form.validate is sys.modules["wennuan_rules.form.validate"].validate
    with pytest.raises(AttributeError):
        _ = form.no_such_name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "words",
    [
        ["check", "--sample"],
        ["check", "--sample", "wuhan-2015:swn", "--lang", "en", "--format", "json"],
        ["check", "--format", "xml"],
        ["check", "--bogus"],
        ["check", "a.json", "b.json"],
        ["campaigns", "--version"],
        ["forms", "wuhan-2015:swn", "--form-file"],
        ["template", "wuhan-2015:swn"],
        ["assess", "h.json"],
        ["audit", "payments", "p.csv"],
        ["audit", "nothing"],
    ],
    ids=lambda w: " ".join(w),
)
@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_a_parser_of_the_named_command_alone_parses_and_fails_as_the_complete_one(
    words: list[str], lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``main`` builds only the command the command line begins with: the same arguments, the
    same usage errors and exit status as with every command's parser."""

    def parsed(parser: argparse.ArgumentParser) -> tuple[object, str, str]:
        with argparse_in(lang):
            try:
                found: object = parser.parse_args(words)
            except SystemExit as exc:
                found = exc.code
        out, err = capsys.readouterr()
        return found, out, err

    alone = parsed(build_parser(lang, lazy=True, command=words[0]))
    assert alone == parsed(build_parser(lang))


def test_the_console_script_checks_with_the_collector_on() -> None:
    """The cyclic garbage collector is off while the console script starts, and on again (start-up
    set aside) when the command reads its input: a long run frees its cycles as usual."""
    code = (
        "import gc, sys\n"
        "from wennuan_rules.cli import campaigns\n"
        "shown = campaigns.run\n"
        "def spy(args, out):\n"
        "    print('collector on:', gc.isenabled(), 'frozen:', gc.get_freeze_count() > 0,"
        " file=sys.stderr)\n"
        "    return shown(args, out)\n"
        "campaigns.run = spy\n"
        "from wennuan_rules.cli import run\n"
        "run()"
    )
    status, out, err = _program(code, "campaigns")
    assert status == 0 and "pingdingshan-2010" in out
    assert err == "collector on: True frozen: True\n"


def _program(code: str, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [(["check", "--sample"], 1), (["campaigns"], 0), (["check", "missing.json"], 2), (["x"], 2)],
    ids=["errors found", "ok", "unusable input", "usage"],
)
def test_the_console_script_ends_as_main_does(args: list[str], status: int) -> None:
    as_main = _program("import sys; from wennuan_rules.cli import main; sys.exit(main())", *args)
    as_script = _program("from wennuan_rules.cli import run; run()", *args)
    assert as_script == as_main  # the same output, messages and exit status
    assert as_script[0] == status and (as_script[1] or as_script[2])


def test_the_console_script_runs_exit_handlers_and_flushes() -> None:
    code = (
        "import atexit\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "from wennuan_rules.cli import run\n"
        "run()"
    )
    status, out, _ = _program(code, "forms")
    assert status == 0
    assert "wuhan-2015:swn" in out and out.endswith("handler ran\n")

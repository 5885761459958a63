"""Strict reading of the TOML data files (campaigns, forms, parameters), bundled or the user's own.

Data files are found in the package's ``data/`` folder and then in the user's data directories
(:func:`add_data_dir`, the environment variable ``WENNUAN_RULES_DATA``, the CLI's ``--data-dir``),
each laid out like the package's: ``campaigns/<id>.toml`` (and ``campaigns/<id>.py``),
``forms/<campaign>__<form>.toml``, ``audits/<campaign>.toml``, ``parameters/<name>.toml``. A user's
file with the same name as a bundled one replaces it.

A :class:`Table` hands out keys one at a time and, when :meth:`Table.close` is called, refuses every
key that
was not taken, naming the file and the dotted key path: a typo in a data file is an error, never
ignored.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar, overload

from wennuan_rules._cache import toml
from wennuan_rules.errors import DataFileError, InvalidValueError
from wennuan_rules.i18n import N_, Label, Message, Text

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from pathlib import Path

    from wennuan_rules._sourced import Sourced

    PACKAGE_DIR: Path

__all__ = [
    "ENV_VAR",
    "Sourced",
    "Table",
    "add_data_dir",
    "bundled_files",
    "data_dirs",
    "data_file",
    "load_toml",
    "on_data_change",
    "remove_data_dir",
]

T = TypeVar("T")
_MISSING: Any = object()


def load_toml(path: Path | str, *, name: str | None = None) -> Table:
    """Read a TOML file into a strict :class:`Table`; ``name`` names the file in errors."""
    label = name or str(path)
    try:
        with open(path, "rb") as fh:
            # parsing a form's file is a large part of a command's start-up: kept in the cache
            data = toml(fh.read())
    except FileNotFoundError as exc:
        raise DataFileError(
            N_("data file {file} does not exist"),
            what=N_("file"),
            got=str(path),
            params={"file": label},
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(
            N_("data file {file} cannot be read: {reason}"),
            file=label,
            params={"file": label, "reason": str(exc)},
        ) from exc
    except ValueError as exc:
        import tomllib  # imported by the parse that raised (start-up does without it)

        if not isinstance(exc, tomllib.TOMLDecodeError):
            raise
        raise DataFileError(
            N_("data file {file} is not valid TOML: {reason}"),
            file=label,
            params={"file": label, "reason": str(exc)},
        ) from exc
    return Table(data, label, "")


#: The environment variable naming the user's data directories (separated by ``os.pathsep``).
ENV_VAR = "WENNUAN_RULES_DATA"
#: The package's folder (its ``data/`` is beside this file; a plain path rather than
#: ``importlib.resources``, whose readers import zipfile and compression modules at start-up), as a
#: ``str``; ``PACKAGE_DIR`` is the same folder as a ``Path`` (pathlib imported when it is asked for:
#: reading one bundled form does without it).
PACKAGE_FOLDER = os.path.dirname(__file__)
_ADDED: list[Path] = []
_FROM_ENV: list[tuple[Path, ...]] = []
_ON_CHANGE: list[Callable[[], None]] = []
# caches of loaders outside this package's data-dir hooks (module, function), cleared on a change
_OTHER_CACHES = (("wennuan_rules.form.loader", "_bundled"),)


def _env_dirs() -> tuple[Path, ...]:
    if not _FROM_ENV:  # read once, when data is first needed
        entries = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
        if entries:
            from pathlib import Path

            _FROM_ENV.append(tuple(Path(p) for p in entries))
        else:
            _FROM_ENV.append(())
    return _FROM_ENV[0]


def data_dirs() -> tuple[Path, ...]:
    """The user's data directories, in the order they are read (a later file replaces an earlier
    one of the same name): ``WENNUAN_RULES_DATA`` first, then those added with
    :func:`add_data_dir`."""
    return _env_dirs() + tuple(_ADDED)


def add_data_dir(path: Path | str) -> None:
    """Read campaigns, forms, audit data and parameters from ``path`` too (after the bundled ones).

    ``path`` holds any of ``campaigns/``, ``forms/``, ``audits/``, ``parameters/``, laid out like
    the package's ``data/`` folder; a campaign's logic module, if it needs one, is
    ``campaigns/<id>.py`` beside its data file. See docs/extending.md.

    Raises:
        InvalidValueError: ``path`` is not a directory.
    """
    from pathlib import Path

    folder = Path(path)
    if not folder.is_dir():
        raise InvalidValueError(
            N_("{what}: expected {expected}, got {got}"),
            what=N_("data directory"),
            expected=N_("a directory holding campaigns/, forms/, audits/ or parameters/"),
            got=str(path),
        )
    folder = folder.resolve()
    if folder not in _ADDED:
        _ADDED.append(folder)
        _changed()


def remove_data_dir(path: Path | str) -> None:
    """Stop reading ``path`` (added with :func:`add_data_dir`); unknown paths are ignored."""
    from pathlib import Path

    folder = Path(path).resolve()
    if folder in _ADDED:
        _ADDED.remove(folder)
        _changed()


def on_data_change(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a cache-clearing function called when the data directories change."""
    _ON_CHANGE.append(clear)
    return clear


def _changed() -> None:
    for clear in _ON_CHANGE:
        clear()
    for module, name in _OTHER_CACHES:
        loaded = sys.modules.get(module)
        cached = getattr(loaded, name, None)
        if cached is not None:
            cached.cache_clear()


def _toml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(".toml") and p.is_file())


def bundled_files(kind: str) -> Iterator[tuple[str, Path]]:
    """``(stem, path)`` of the ``data/<kind>/*.toml`` files: the bundled ones sorted by name, then
    those of each user data directory (:func:`data_dirs`)."""
    from pathlib import Path

    folder = Path(PACKAGE_FOLDER) / "data" / kind
    entries = sorted(
        (p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name
    )
    for entry in entries:
        yield entry.name[: -len(".toml")], Path(str(entry))
    for extra in data_dirs():
        for path in _toml_files(extra / kind):
            yield path.name[: -len(".toml")], path


def data_file(kind: str, name: str) -> tuple[Path, str] | None:
    """The file ``data/<kind>/<name>`` (the last user directory that has it wins) and the name to
    show in errors, or None."""
    from pathlib import Path

    found: tuple[Path, str] | None = None
    entry = Path(PACKAGE_FOLDER) / "data" / kind / name
    if entry.is_file():
        found = Path(str(entry)), f"data/{kind}/{name}"
    for extra in data_dirs():
        path = extra / kind / name
        if path.is_file():
            found = path, str(path)
    return found


def is_bundled(path: Path | str) -> bool:
    """Whether ``path`` is one of the package's own data files."""
    from pathlib import Path

    root = (Path(PACKAGE_FOLDER) / "data").resolve()
    return Path(path).resolve().is_relative_to(root)


class Table:
    """A TOML table read strictly: take keys with :meth:`get`/:meth:`opt`, then :meth:`close`."""

    def __init__(self, data: dict[str, Any], file: str, path: str) -> None:
        self._data = data
        self._taken: set[str] = set()
        self.file = file
        self.path = path

    # -- helpers ---------------------------------------------------------------------------------
    def key_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, expected: str | Message, got: object = None) -> DataFileError:
        """An error about ``key`` of this table, naming the file and the key path."""
        return DataFileError(
            N_("in {file}, key {what}: expected {expected}, got {got}"),
            what=self.key_path(key),
            expected=expected,
            got=got,
            file=self.file,
            params={"file": self.file},
        )

    def keys(self) -> list[str]:
        return list(self._data)

    def __contains__(self, key: str) -> bool:
        return key in self._data

    # -- typed access ----------------------------------------------------------------------------
    @overload
    def get(self, key: str, kind: type[T]) -> T: ...
    @overload
    def get(self, key: str, kind: type[T], default: T) -> T: ...
    def get(self, key: str, kind: type[T], default: Any = _MISSING) -> T:
        """The value of ``key``, of type ``kind`` (a bool is not an int)."""
        if key not in self._data:
            if default is _MISSING:
                raise self.error(
                    key,
                    Message.of(N_("a {type} (the key is required)"), type=kind.__name__),
                    Message.of(N_("nothing")),
                )
            self._taken.add(key)
            return default  # type: ignore[no-any-return]
        self._taken.add(key)
        value = self._data[key]
        if kind is int and isinstance(value, bool):
            raise self.error(key, N_("an integer"), value)
        if not isinstance(value, kind):
            raise self.error(key, f"a {kind.__name__}", value)
        return value

    def opt(self, key: str, kind: type[T]) -> T | None:
        """The value of ``key`` or ``None`` when absent."""
        if key not in self._data:
            return None
        return self.get(key, kind)

    def table(self, key: str, *, required: bool = True) -> Table:
        """A sub-table (absent and not required: an empty table)."""
        if key not in self._data and not required:
            self._taken.add(key)
            return Table({}, self.file, self.key_path(key))
        value = self.get(key, dict)
        return Table(value, self.file, self.key_path(key))

    def tables(self, key: str, *, required: bool = True) -> list[Table]:
        """An array of tables."""
        if key not in self._data and not required:
            self._taken.add(key)
            return []
        value = self.get(key, list)
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{i}]", N_("a table"), item)
            out.append(Table(item, self.file, f"{self.key_path(key)}[{i}]"))
        return out

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every key and value; all of them count as taken."""
        for key, value in self._data.items():
            self._taken.add(key)
            yield key, value

    def strs(self, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """A list of strings."""
        if key not in self._data and default is not None:
            self._taken.add(key)
            return default
        value = self.get(key, list)
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error(f"{key}[{i}]", N_("a string"), item)
        return tuple(value)

    def decimal(self, key: str) -> Decimal:
        """An exact amount: TOML strings or integers only (TOML floats would lose exactness)."""
        value = self.get(key, object)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.error(key, N_('a number as a string ("900.00") or an integer'), value)
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise self.error(
                key, N_('a number as a string ("900.00") or an integer'), value
            ) from None
        if not result.is_finite():
            raise self.error(key, N_("a finite number"), value)
        return result

    def date(self, key: str) -> dt.date:
        """A TOML local date (``2010-01-25``) or an ISO string."""
        value = self.get(key, object)
        if isinstance(value, dt.datetime):
            raise self.error(key, N_("a date (YYYY-MM-DD) without a time"), value)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.error(key, N_("a date (YYYY-MM-DD)"), value)

    def opt_date(self, key: str) -> dt.date | None:
        return None if key not in self._data else self.date(key)

    def label(self, key: str) -> Label:
        """A ``{zh-Hans = …, zh-Hant = …, en = …}`` table; all three are required."""
        sub = self.table(key)
        label = Label(
            zh_hans=sub.get("zh-Hans", str),
            zh_hant=sub.get("zh-Hant", str),
            en=sub.get("en", str),
        )
        sub.close()
        return label

    def text(self, key: str, default: str = "") -> str:
        """A text people read, such as a note: a string (the same in every locale) or a
        ``{zh-Hans = …, zh-Hant = …, en = …}`` table, read as an :class:`~wennuan_rules.i18n.Text`.
        """
        if isinstance(self._data.get(key), dict):
            label = self.label(key)
            return Text(label.en, label.zh_hans, label.zh_hant)
        return self.get(key, str, default)

    def sourced(self, key: str, value: Callable[[Table], T]) -> Sourced[T]:
        """``{value = …, source = "…", text = "…", note = "…"}``, the value read by ``value``."""
        sub = self.table(key)
        return sub.as_sourced(value(sub))

    def sourced_str(self, key: str) -> Sourced[str]:
        """``{value = "…", source = "…", text = "…", note = "…"}``."""
        return self.sourced(key, lambda t: t.get("value", str))

    def as_sourced(self, value: T) -> Sourced[T]:
        """``value`` with this table's ``source``, ``text`` and ``note``; closes the table."""
        from wennuan_rules._sourced import Sourced

        out = Sourced(
            value=value,
            source=self.get("source", str),
            text=self.get("text", str, ""),
            note=self.text("note"),
        )
        self.close()
        return out

    def close(self) -> None:
        """Refuse every key that was not taken."""
        extra = [k for k in self._data if k not in self._taken]
        if extra:
            raise DataFileError(
                N_("in {file}, unknown key {what}"),
                what=self.key_path(extra[0]),
                expected=(
                    Message.of(N_("one of: {known}"), known=", ".join(sorted(self._taken)))
                    if self._taken
                    else Message.of(N_("no keys"))
                ),
                got=extra[0],
                file=self.file,
                params={"file": self.file},
            )


def __getattr__(name: str) -> Any:
    """:class:`Sourced`, defined in :mod:`wennuan_rules._sourced` (built on first use), and
    ``PACKAGE_DIR``, :data:`PACKAGE_FOLDER` as a ``Path``."""
    if name == "PACKAGE_DIR":
        from pathlib import Path

        return Path(PACKAGE_FOLDER)
    if name != "Sourced":
        raise AttributeError(f"module 'wennuan_rules._data' has no attribute {name!r}")
    from wennuan_rules._sourced import Sourced

    return Sourced

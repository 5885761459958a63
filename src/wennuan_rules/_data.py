"""Strict reading of the TOML data files (campaigns, forms, parameters), bundled or the user's own.

A :class:`Table` hands out keys one at a time and, when :meth:`Table.close` is called, refuses every
key that
was not taken, naming the file and the dotted key path: a typo in a data file is an error, never
ignored.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import attrs

from wennuan_rules.errors import DataFileError
from wennuan_rules.i18n import N_, Label

__all__ = ["Sourced", "Table", "bundled_files", "load_toml"]

T = TypeVar("T")
_MISSING: Any = object()


@attrs.frozen
class Sourced(Generic[T]):
    """A value together with the clause it rests on.

    Attributes:
        value: the value.
        source: document number and section or form line, e.g. ``平工总［2009］38号 五(三)``.
        text: the words of the notice the value was read from, as printed.
        note: how the value was read where the text needed reading (see docs/decisions.md).
    """

    value: T
    source: str
    text: str = ""
    note: str = ""


def load_toml(path: Path | str, *, name: str | None = None) -> Table:
    """Read a TOML file into a strict :class:`Table`; ``name`` names the file in errors."""
    label = name or str(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise DataFileError(
            N_("data file {file} does not exist"),
            what="file",
            got=str(path),
            params={"file": label},
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(
            N_("data file {file} is not valid TOML: {reason}"),
            file=label,
            params={"file": label, "reason": str(exc)},
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(
            N_("data file {file} cannot be read: {reason}"),
            file=label,
            params={"file": label, "reason": str(exc)},
        ) from exc
    return Table(data, label, "")


def bundled_files(kind: str) -> Iterator[tuple[str, Path]]:
    """``(stem, path)`` of the bundled ``data/<kind>/*.toml`` files, sorted by name."""
    folder = resources.files("wennuan_rules").joinpath("data", kind)
    entries = sorted(
        (p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name
    )
    for entry in entries:
        yield entry.name[: -len(".toml")], Path(str(entry))


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

    def error(self, key: str, expected: str, got: object = None) -> DataFileError:
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
                raise self.error(key, f"a {kind.__name__} (the key is required)", "nothing")
            self._taken.add(key)
            return default  # type: ignore[no-any-return]
        self._taken.add(key)
        value = self._data[key]
        if kind is int and isinstance(value, bool):
            raise self.error(key, "an integer", value)
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
                raise self.error(f"{key}[{i}]", "a table", item)
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
                raise self.error(f"{key}[{i}]", "a string", item)
        return tuple(value)

    def decimal(self, key: str) -> Decimal:
        """An exact amount: TOML strings or integers only (TOML floats would lose exactness)."""
        value = self.get(key, object)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.error(key, 'a number as a string ("900.00") or an integer', value)
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise self.error(key, 'a number as a string ("900.00") or an integer', value) from None
        if not result.is_finite():
            raise self.error(key, "a finite number", value)
        return result

    def date(self, key: str) -> dt.date:
        """A TOML local date (``2010-01-25``) or an ISO string."""
        value = self.get(key, object)
        if isinstance(value, dt.datetime):
            raise self.error(key, "a date (YYYY-MM-DD) without a time", value)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.error(key, "a date (YYYY-MM-DD)", value)

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

    def sourced(self, key: str, value: Callable[[Table], T]) -> Sourced[T]:
        """``{value = …, source = "…", text = "…", note = "…"}``, the value read by ``value``."""
        sub = self.table(key)
        return sub.as_sourced(value(sub))

    def sourced_str(self, key: str) -> Sourced[str]:
        """``{value = "…", source = "…", text = "…", note = "…"}``."""
        return self.sourced(key, lambda t: t.get("value", str))

    def as_sourced(self, value: T) -> Sourced[T]:
        """``value`` with this table's ``source``, ``text`` and ``note``; closes the table."""
        out = Sourced(
            value=value,
            source=self.get("source", str),
            text=self.get("text", str, ""),
            note=self.get("note", str, ""),
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
                expected="one of: " + ", ".join(sorted(self._taken)) if self._taken else "no keys",
                got=extra[0],
                file=self.file,
                params={"file": self.file},
            )

"""A cache of things derived from bytes (a message catalog, generated code), keyed by the bytes.

What start-up spends most on is derived from files that rarely change: the ``.po`` catalogs
(parsing them needs babel), the TOML data files (:func:`toml`) and the evaluator generated from a
form's rules (compiling it). Each
is kept in the user's cache directory under the SHA-256 of what it is derived from, so an edited
catalog or a changed rule is derived afresh and the cache never goes stale; nothing is built at
install time. Without a writable directory everything is derived every time. Standard library
only: the lowest layer.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Final

__all__ = ["CACHE_ENV", "cache_dir", "derived", "toml"]

#: The environment variable naming the cache directory (else ``$XDG_CACHE_HOME/wennuan_rules``,
#: else ``~/.cache/wennuan_rules``).
CACHE_ENV: Final = "WENNUAN_RULES_CACHE"


def cache_dir() -> str:
    """The directory of the cache."""
    found = os.environ.get(CACHE_ENV)
    if found:
        return found
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "wennuan_rules")


def derived(source: bytes, derive: Callable[[], bytes]) -> bytes:
    """``derive()``, the bytes derived from ``source`` (which must name how they are derived,
    e.g. start with a format tag), from the cache when it has them."""
    try:  # the built-in module: hashlib would load OpenSSL, which start-up can do without
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import sha256

    path = os.path.join(cache_dir(), sha256(source).hexdigest())
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        pass
    made = derive()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        partial = f"{path}.{os.getpid()}.{id(made):x}.tmp"  # one per process and thread
        with open(partial, "wb") as fh:
            fh.write(made)
        os.replace(partial, path)  # whole or not at all, also with processes racing
    except OSError:
        pass
    return made


#: The cache's format of parsed TOML: ``m`` and the data as :mod:`marshal` writes it (data without
#: dates or times: forms, plausibility bounds), else ``p`` and :mod:`pickle` (campaigns' dates).
_TOML_FORMAT: Final = b"wennuan_rules toml 2\n"


def toml(raw: bytes) -> dict[str, Any]:
    """``tomllib.loads`` of a data file's bytes, from the cache when it has them (keyed by the
    bytes: an edited file is parsed afresh). Start-up imports neither tomllib nor, for data
    without dates, pickle.

    Raises:
        tomllib.TOMLDecodeError: not valid TOML.
        UnicodeDecodeError: not UTF-8.
    """
    import marshal

    def parse() -> dict[str, Any]:
        import tomllib

        return tomllib.loads(raw.decode())

    def derive() -> bytes:
        data = parse()
        try:
            return b"m" + marshal.dumps(data)
        except ValueError:  # a date or time: only pickle writes those
            import pickle

            return b"p" + pickle.dumps(data)

    kept = derived(_TOML_FORMAT + raw, derive)
    try:
        if kept[:1] == b"m":
            found = marshal.loads(kept[1:])
        else:
            import pickle

            found = pickle.loads(kept[1:])
    except Exception:  # a damaged cache file
        found = None
    return found if isinstance(found, dict) else parse()

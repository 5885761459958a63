"""Names of a package loaded on first use (module ``__getattr__``, PEP 562): a package lists each
public name with the submodule that defines it, and a command imports only the submodules whose
names it uses (docs/decisions.md, "Start-up")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, table: Mapping[str, str], scope: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose globals are ``scope``: a name of
    ``table`` (name → submodule) is imported from its submodule when first asked for, then kept in
    ``scope``; any other name is an ``AttributeError``."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        scope[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(scope) | set(table))

    return __getattr__, __dir__

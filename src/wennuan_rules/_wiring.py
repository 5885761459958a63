"""Seams the top package wires when it is imported, without importing the layers they join.

The methods of results (``Report._repr_html_``, ``Summary.to_text``, ``Batch.to_frame``, …) call
the renderers, a layer above them: ``wennuan_rules/__init__.py`` installs here the function that
loads them (:func:`use_renderers`) and :func:`wennuan_rules.results.renderers` calls it. Standard
library only, so that ``import wennuan_rules`` builds none of the result types (start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["renderers", "use_renderers"]

_LOADERS: list[Callable[[], Any]] = []


def use_renderers(load: Callable[[], Any]) -> None:
    """Install the function that returns the renderers (``wennuan_rules/__init__.py`` does)."""
    _LOADERS[:] = [load]


def renderers() -> Any:
    """The renderers :func:`use_renderers` installed (the package's own, loaded on first use)."""
    if not _LOADERS:  # pragma: no cover - wennuan_rules/__init__.py always installs them
        raise RuntimeError("no renderers installed: import wennuan_rules first")
    return _LOADERS[0]()

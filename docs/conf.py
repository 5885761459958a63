"""Sphinx configuration of the wennuan_rules site (docs/decisions.md, "Documentation site").

Build: ``python -m sphinx -W -b html docs docs/_build/html`` (warnings are errors). The catalogue
pages are generated from the bundled data by ``_ext/catalogue.py``; the analysts' notebook is
executed during the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import wennuan_rules  # noqa: E402

project = "wennuan_rules"
author = "wennuan_rules developers"
copyright = "wennuan_rules developers"
release = wennuan_rules.__version__
language = "zh_CN"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "catalogue",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]
root_doc = "index"

# MyST: headings get anchors (pages link to `decisions.md#…`), tables, ``{toctree}`` blocks
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence", "deflist"]
suppress_warnings = ["myst.header"]

# MyST-NB: the analysts' notebook runs on every build (small; a few seconds), never from a cache
nb_execution_mode = "force"
nb_execution_timeout = 120
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# API reference from the docstrings (Google style)
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "wennuan_rules"
html_static_path = ["_static"]
html_show_sourcelink = False
html_theme_options = {"navigation_with_keys": True}
napoleon_use_ivar = True

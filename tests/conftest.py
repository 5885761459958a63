"""Shared helpers of the forms tests: a user's form written as TOML, loaded with ``load_form``."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

from wennuan_rules.form import FormTemplate, load_form

# Hypothesis profiles (docs/reliability.md, "Fuzzing"): ``ci`` (the default: Hypothesis's own 100
# examples a test, no deadline, so that a loaded machine does not fail a test) and ``long``
# (HYPOTHESIS_PROFILE=long: 100,000 examples a test unless HYPOTHESIS_MAX_EXAMPLES says otherwise,
# a 5 s deadline an example to catch hangs; run it on tests/test_fuzz.py only).
settings.register_profile("ci", deadline=None)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "100000")),
    deadline=5_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
if "MUTANT_UNDER_TEST" in os.environ:
    # A mutation run (docs/reliability.md) shares the cores with other work: a slow machine must not
    # fail a test (and so count a mutant as killed) through Hypothesis' timing checks.
    settings.register_profile(
        "mutation", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("mutation")
else:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The total both small test forms start with (test_forms_engine's TINY, test_forms_properties'
# CUSTOM): line 01, persons.
ITEM_01A = """
[[items]]
code = "01A"
line = "01"
unit = "人"
label = { zh-Hans = "总数", zh-Hant = "總數", en = "Total" }
"""


def form_toml(
    form_id: str,
    source: str,
    body: str,
    *,
    title: tuple[str, str, str] = ("测试表", "測試表", "Test form"),
) -> str:
    """The text of a form file: ``id``, ``campaign`` (the id before the colon), ``source``, the
    title (zh-Hans, zh-Hant, en), then ``body`` (its items and rules)."""
    hans, hant, en = title
    campaign = form_id.partition(":")[0]
    return (
        f'\nid = "{form_id}"\ncampaign = "{campaign}"\nsource = "{source}"\n\n'
        f'[title]\nzh-Hans = "{hans}"\nzh-Hant = "{hant}"\nen = "{en}"\n{body}'
    )


def write_form(directory: Path, name: str, text: str) -> FormTemplate:
    """Write ``text`` to ``directory / name`` and load it as a user's form."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return load_form(path)

"""Screenshots of the HTML views in a real browser (scripts/screenshot_docs.sh, headless Chromium):
the script runs and writes one PNG per view, and the docs show every screenshot kept."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "_static" / "screenshots"
sys.path.insert(0, str(ROOT / "scripts"))

from render_views import VIEWS  # noqa: E402


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _browser() -> str | None:
    return os.environ.get("CHROMIUM") or next(
        (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
    )


@pytest.mark.skipif(_browser() is None, reason="no Chromium on this machine")
def test_the_script_writes_one_screenshot_per_view(tmp_path: Path) -> None:
    env = {**os.environ, "OUT": str(tmp_path), "PYTHON": sys.executable}
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "screenshot_docs.sh"), "--views"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name, size in VIEWS.items():
        shot = tmp_path / f"view-{name}.png"
        assert shot.is_file(), name
        assert _png_size(shot) == size, name
        assert shot.stat().st_size > 3000, name  # not a blank page


def test_every_view_has_its_screenshot_kept_in_the_docs() -> None:
    for name, size in VIEWS.items():
        shot = SHOTS / f"view-{name}.png"
        assert shot.is_file(), f"run scripts/screenshot_docs.sh --views ({name})"
        assert _png_size(shot) == size, name


def test_the_docs_show_every_screenshot() -> None:
    pages = "\n".join(p.read_text("utf-8") for p in (ROOT / "docs").rglob("*.md"))
    shots = sorted(SHOTS.glob("*.png"))
    assert shots
    for shot in shots:
        assert f"_static/screenshots/{shot.name}" in pages, shot.name

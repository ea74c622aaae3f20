"""What the browser tests share: which Chromium (Debian's, never one Playwright downloads), how to skip
without one, and how to launch it headless."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))  # e.g. /usr/bin/chromium-browser
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """Skip the calling test module without Chromium, or fail when CI requires it (COURSE_REQUIRE_BROWSER=1)."""
    if CHROMIUM.exists():
        return
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"COURSE_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"no {CHROMIUM}: install Debian's chromium (or set COURSE_CHROMIUM) to run the browser test",
                allow_module_level=True)


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)

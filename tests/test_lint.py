"""Lint that can fail: ruff with the rule set in pyproject.toml (pycodestyle, pyflakes, import order,
bugbear, pyupgrade, implicit string concatenation) over the package, the tests and course.py."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_ruff_finds_nothing(root):
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        ruff = shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: it is in requirements.txt, so run python3 course.py test")
    run = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr

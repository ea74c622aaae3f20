"""Collects the notebooks for pytest (it sits at the root because a conftest's hooks only reach the
folders below it).

``solutions/`` is checked strictly, every checked output equal to a fresh run's, and ``notebooks/``
laxly, every cell running without error (the stubs print "not attempted"). nbval's own ``--nbval``
switch applies one rule to every notebook, so the notebooks are collected here instead.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix != ".ipynb" or file_path.parent.parent != ROOT:
        return None
    if file_path.parent.name not in ("solutions", "notebooks"):
        return None
    from nbval.plugin import IPyNbFile

    collector = IPyNbFile.from_parent(parent, path=file_path)
    collector.compare_outputs = file_path.parent.name == "solutions"
    return collector


def pytest_configure(config):
    # A kernel running this very interpreter: with several Pythons on the machine, a notebook must be
    # checked by the Python under test, not by whatever kernel is registered as "python3".
    config.option.nbval_current_env = True
    if not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
    if str(config.option.nbval_cell_timeout) == "2000":  # nbval's default: over half an hour per cell
        config.option.nbval_cell_timeout = 60

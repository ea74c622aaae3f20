"""Collects the notebooks for pytest (it sits at the root because a conftest's hooks only reach the
folders below it).

``solutions/`` and ``talk/`` (the lightning talk, kept in one place: it has nothing to strip) are checked
strictly, every checked output equal to a fresh run's, and ``notebooks/`` laxly, every cell running
without error (the stubs print "not attempted"). nbval's own ``--nbval``
switch applies one rule to every notebook, so the notebooks are collected here instead.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Checks run by the tests (and by nbval's kernels, which inherit this) write no progress log into
# solutions/ or notebooks/: that log is for a learner's own practice.
os.environ["COURSE_NO_PROGRESS"] = "1"


STRICT = ("solutions", "talk")  # committed outputs must equal a fresh run's
LAX = ("notebooks",)             # every cell must run without error


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix != ".ipynb" or file_path.parent.parent != ROOT:
        return None
    if file_path.parent.name not in STRICT + LAX:
        return None
    from nbval.plugin import IPyNbFile

    collector = IPyNbFile.from_parent(parent, path=file_path)
    collector.compare_outputs = file_path.parent.name in STRICT
    return collector


def _kernels_on_unix_sockets() -> None:
    """Start nbval's kernels on Unix domain sockets in a private folder instead of TCP ports.

    With one pytest worker per core, two kernels start at the same moment, and jupyter_client picks
    each kernel's five ports by asking the OS for free ones and releasing them before the kernel binds
    them: two kernels can be handed the same port, and every cell of that notebook errors. Sockets in a
    fresh temporary folder cannot collide. (Windows has no such sockets; there TCP stays.)"""
    if os.name == "nt":
        return
    import nbval.kernel
    from jupyter_client.manager import KernelManager

    folder = tempfile.mkdtemp(prefix="nbval-kernels-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)

    class SocketKernelManager(KernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            # absolute: the kernel runs in the notebook's folder, the client in pytest's
            kwargs.setdefault("ip", os.path.join(folder, f"kernel-{uuid.uuid4().hex[:12]}"))
            super().__init__(**kwargs)

    nbval.kernel.KernelManager = SocketKernelManager


def pytest_configure(config):
    _kernels_on_unix_sockets()
    # A kernel running this very interpreter: with several Pythons on the machine, a notebook must be
    # checked by the Python under test, not by whatever kernel is registered as "python3".
    config.option.nbval_current_env = True
    if not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
    if str(config.option.nbval_cell_timeout) == "2000":  # nbval's default: over half an hour per cell
        config.option.nbval_cell_timeout = 60
    if float(config.option.nbval_kernel_startup_timeout) == 60:  # a loaded 2-core machine can need longer
        config.option.nbval_kernel_startup_timeout = 180

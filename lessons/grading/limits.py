"""Limits a child process (a kernel, the answers' sandbox) gets as it starts: an address-space limit
(a memory blow-up raises MemoryError in the child instead of swapping the machine) and, on Linux, death
with its parent (a grader killed from outside leaves no worker, kernel server or kernel behind).

They are set by a tiny launcher that then execs the real command, rather than by Popen's preexec_fn:
the grader starts children from several threads, and preexec_fn is not safe when threads run.
"""
from __future__ import annotations

import os
import sys

LAUNCHER = """\
import ctypes, os, resource, sys
mb = int(sys.argv[1])
if mb:
    resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
if sys.platform.startswith("linux"):
    ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
os.execv(sys.argv[2], sys.argv[2:])
"""


def limited(command: list[str], memory_mb: int | None) -> list[str]:
    """``command``, started under the memory limit and bound to its parent's life (Unix)."""
    if os.name != "posix":
        return command
    return [sys.executable, "-I", "-S", "-c", LAUNCHER, str(memory_mb or 0), *command]


def child_env(*, hidden_tests: bool = False) -> dict[str, str]:
    """The environment of a child: ours, less what could point it at another copy of the course (and,
    unless it is the answers' sandbox, where the instructor's hidden tests are), plus single-threaded
    numerics (a thread pool reserves address space the memory limit would count) and no progress log
    (a graded run is not the learner's own practice)."""
    dropped = {"PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", *(() if hidden_tests else ("COURSE_HIDDEN_TESTS",))}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(COURSE_NO_PROGRESS="1", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               MPLBACKEND="Agg", PYTHONDONTWRITEBYTECODE="1")
    return env

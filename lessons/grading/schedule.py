"""Grade many submissions at once: one worker process per submission, ``jobs`` at a time, each under a
wall-clock limit enforced from outside (the whole process group is killed, and the submission gets a
``timeout`` result), with a progress bar (tqdm) on the terminal. For the run, a kernel server
(``kernel_server``) forks the workers' kernels from a process that has already imported what they import.

A worker that dies or is killed costs its own submission only: its result is written here instead.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict
from pathlib import Path

from tqdm import tqdm

from lessons.grading import kernel_server, worker
from lessons.grading import statuses as st
from lessons.grading.discover import Submission
from lessons.grading.limits import child_env, limited
from lessons.grading.results import write_result


def outside_limit(timeout: float) -> float:
    """The notebook's run, then the answers' grading (at most max(30, timeout/2)), then start-up slack."""
    return timeout + max(30.0, timeout / 2) + 60.0


def _grade_one(sub: Submission, out: Path, *, cell_timeout: float, timeout: float, memory: int | None,
               server: str | None) -> dict:
    job = {"submission": asdict(sub), "out": str(out), "cell_timeout": cell_timeout, "timeout": timeout,
           "memory": memory, "kernel_server": server}
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="course-grade-job-", delete=False) as file:
        json.dump(job, file)
    # Bound to the grader's life (limited: PR_SET_PDEATHSIG), as its kernels are bound to their parent's.
    proc = subprocess.Popen(limited([sys.executable, "-m", "lessons.grading.worker", file.name], None),
                            env=child_env(hidden_tests=True), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    limit = outside_limit(timeout)
    try:
        _, stderr = proc.communicate(timeout=limit)
        failure = None if proc.returncode == 0 else (
            st.GRADER_ERROR, (f"the grader's worker exited with code {proc.returncode}: "
                              f"{stderr.decode(errors='replace').strip()[-300:]}"))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        failure = (st.TIMEOUT, (f"grading this submission took longer than {limit:g} s, so the grader stopped "
                                f"it from outside; nothing was earned"))
    finally:
        os.unlink(file.name)
    if failure:
        result = worker.base_result(sub, sub.lesson_from_name)
        result.update(status=failure[0], message=failure[1])
        write_result(out, result)
    return {"path": sub.path}


def grade_all(submissions: list[Submission], out: Path, *, jobs: int, cell_timeout: float, timeout: float,
              memory: int | None, quiet: bool = False) -> None:
    if not submissions:
        return
    with kernel_server.running() as server, ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_grade_one, sub, out, cell_timeout=cell_timeout, timeout=timeout, memory=memory,
                               server=server)
                   for sub in submissions]
        with tqdm(total=len(futures), unit="notebook", disable=quiet, dynamic_ncols=True,
                  desc="grading") as bar:
            for future in as_completed(futures):
                bar.set_postfix_str(future.result()["path"][-40:], refresh=False)
                bar.update()

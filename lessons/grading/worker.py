"""Grade one submission: read it (only read it), run it in a kernel, grade its answers, and write its
result file. ``schedule`` runs this module as a process per submission, so that a wall-clock limit can
be enforced from outside and nothing a submission does can reach another.

    python -m lessons.grading.worker JOB.json     (JOB: the submission, the limits, and the socket of
                                                   the run's kernel server if there is one, from schedule)
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lessons import __version__
from lessons.grading import answers, catalog, execute, notebooks, score
from lessons.grading import statuses as st
from lessons.grading.discover import Submission
from lessons.grading.results import write_result

OUTPUT_CAP = 1_000_000  # bytes of captured output per notebook: ample for every lesson, far below 100 MB


def base_result(sub: Submission, lesson: str | None) -> dict:
    possible = catalog.lesson(lesson).points if lesson in catalog.stems() else 0
    return {"path": sub.path, "learner": sub.learner, "lesson": lesson, "status": st.GRADED, "earned": 0,
            "possible": possible, "message": "", "exercises": {}, "cells": [], "key": sub.key,
            "course_version": __version__, "mtime": _mtime(sub)}


def _mtime(sub: Submission) -> float:
    try:
        return (os.lstat if sub.outside else os.stat)(sub.file).st_mtime
    except OSError:
        return 0.0


def _cell_sentence(problems: list[execute.CellProblem], cell_timeout: float, stopped_in: int | None) -> list[str]:
    errors = [p for p in problems if p.kind == "error"]
    timeouts = [p for p in problems if p.kind == "cell-timeout" and p.index != stopped_in]
    said = []
    if timeouts:
        said.append(f"cell {', '.join(str(p.index) for p in timeouts)} ran past the {cell_timeout:g} s cell limit "
                    f"and was interrupted; the cells after it still ran")
    memory = [p for p in errors if p.detail.startswith("MemoryError")]
    if memory:
        said.append(f"cell {', '.join(str(p.index) for p in memory)} ran out of memory (MemoryError)")
    stdin = [p for p in errors if p.detail.startswith("StdinNotImplementedError")]
    if stdin:
        said.append(f"cell {', '.join(str(p.index) for p in stdin)} asked for input(), which the grader answers "
                    f"with an error")
    other = [p for p in errors if p not in memory and p not in stdin]
    if other:
        names = sorted({p.detail.split(":")[0] for p in other})
        said.append(f"{len(other)} cell{'s' if len(other) > 1 else ''} raised an error "
                    f"({', '.join(names)}: cell {', '.join(str(p.index) for p in other)})")
    return said


def grade(sub: Submission, *, cell_timeout: float, timeout: float, memory_mb: int | None,
          kernel_server: str | None = None) -> dict:
    if sub.outside:
        result = base_result(sub, sub.lesson_from_name)
        result.update(status=st.OUTSIDE, message="it is a symbolic link to a file outside SUBMISSIONS, so it "
                                                 "was not read")
        return result
    data = Path(sub.file).read_bytes()  # the one read of the submission; everything below uses a copy
    loaded = notebooks.load(data)
    lesson = loaded.lesson if loaded.lesson in catalog.stems() else sub.lesson_from_name
    result = base_result(sub, lesson)
    result["sha256"] = hashlib.sha256(data).hexdigest()
    if loaded.notebook is None:
        result.update(status=st.INVALID, message=loaded.problem)
        return result
    if lesson is None:
        named = f"its metadata names {loaded.lesson!r}, which" if loaded.lesson else "its metadata names no lesson, and"
        result.update(status=st.UNKNOWN_LESSON,
                      message=f"{named} its file name names no lesson of this course either "
                              f"(lessons: {', '.join(catalog.stems())})")
        return result
    info = catalog.lesson(lesson)
    said = list(loaded.notes)
    statuses = [st.GRADED]
    cells, missing = answers.answer_cells(loaded.notebook, info)
    with tempfile.TemporaryDirectory(prefix="course-grade-") as tmp, ThreadPoolExecutor(1) as pool:
        # The answers' process needs only the notebook's source, so it runs while the kernel does.
        graded = pool.submit(score.run_sandbox, info, cells, Path(tmp), timeout=max(30.0, timeout / 2),
                             memory_mb=memory_mb)
        ran = execute.run(loaded.notebook, Path(tmp), cell_timeout=cell_timeout, timeout=timeout,
                          memory_mb=memory_mb, output_cap=OUTPUT_CAP, kernel_server=kernel_server)
        result["cells"] = [vars(p) for p in ran.problems]
        if ran.timed_out_in:
            statuses.append(st.TIMEOUT)
            said.append(f"the notebook was still running after {timeout:g} s (in cell {ran.timed_out_in.index}), "
                        f"so it was stopped; the cells after it did not run")
        if ran.stuck_in:
            statuses.append(st.TIMEOUT)
            said.append(f"cell {ran.stuck_in.index} did not stop when it was interrupted, so the notebook was "
                        f"stopped; the cells after it did not run")
        if ran.died_in:
            statuses.append(st.KERNEL_DIED)
            said.append(f"the kernel died while running cell {ran.died_in.index} (os._exit, or a crash); "
                        f"the cells after it did not run")
        if any(p.detail.startswith("MemoryError") for p in ran.problems):
            statuses.append(st.MEMORY)
        if any(p.kind == "cell-timeout" for p in ran.problems):
            statuses.append(st.CELL_TIMEOUT)  # the worst status wins: a timeout above outranks this
        if ran.output_capped:
            statuses.append(st.OUTPUT_LIMIT)
            said.append(f"it printed more than {OUTPUT_CAP // 1_000_000} MB, and the rest was dropped")
        stopped = ran.timed_out_in or ran.stuck_in or ran.died_in
        said += _cell_sentence(ran.problems, cell_timeout, stopped.index if stopped else None)
        try:
            report = graded.result()
            exercises = score.points(info, report, missing)
            for index, error in sorted(report.get("cells", {}).items()):
                said.append(f"defining the answers, cell {index} raised {error}")
        except score.SandboxFailed as failed:
            statuses.append(failed.status)
            exercises = score.nothing_earned(info, failed.message)
            said.append(failed.message)
    result["exercises"] = exercises
    result["earned"] = sum(e["earned"] for e in exercises.values())
    result["status"] = st.worst(statuses)
    if ran.died_in or ran.timed_out_in or ran.stuck_in:
        said.append("the answers were graded from their own cells in a fresh process")
    result["message"] = "; ".join(said) + "." if said else "every cell ran."
    result["message"] = result["message"][0].upper() + result["message"][1:]
    return result


def main(argv: list[str]) -> int:
    job = json.loads(Path(argv[0]).read_text())
    sub = Submission(**job["submission"])
    started = time.time()
    try:
        result = grade(sub, cell_timeout=job["cell_timeout"], timeout=job["timeout"], memory_mb=job["memory"],
                       kernel_server=job.get("kernel_server"))
    except Exception as exc:  # a bug of ours must cost this submission only, and say what it was
        result = base_result(sub, sub.lesson_from_name)
        result.update(status=st.GRADER_ERROR, message=f"the grader failed: {type(exc).__name__}: {exc}"[:500])
    result["seconds"] = round(time.time() - started, 2)
    write_result(Path(job["out"]), result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

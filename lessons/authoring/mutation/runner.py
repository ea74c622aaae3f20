"""Judging mutants: each one runs in its own process, the way a notebook defines an answer (the imports
cell, then the mutant's source, in a fresh namespace), and is given to the exercise's check and, on a
second fresh definition, to its graded tests. It is *killed* when the check does not say "passed" or the
graded tests do not give full marks; a mutant that does not finish within the timeout is killed too
(by the timeout: the check did not stop it). A mutant that does not define the answer is discarded.

Processes rather than threads: a mutant that never returns can only be stopped by ending its process,
and one that starts threads or changes a module's state cannot affect the next one.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait

KILLED = "killed"
TIMEOUT = "timeout"        # killed by the timeout: counts as killed
SURVIVED = "survived"
DISCARDED = "discarded"    # does not define the answer: not a mutant at all


@dataclass(frozen=True)
class Job:
    lesson: str
    exercise: str
    answer: str
    setup: str
    source: str


@dataclass(frozen=True)
class Verdict:
    outcome: str
    reason: str = ""
    seconds: float = 0.0

    @property
    def killed(self) -> bool:
        return self.outcome in (KILLED, TIMEOUT)


def define(job: Job):
    namespace = {"__name__": "__main__"}
    exec(compile(job.setup, "<imports cell>", "exec"), namespace)
    exec(compile(job.source, "<mutant>", "exec"), namespace)
    return namespace[job.answer]


def judge(job: Job) -> Verdict:
    """The verdict on one mutant, in this process."""
    from lessons.authoring.mutation.subjects import find_exercise
    from lessons.exercises.core import PASSED

    exercise = find_exercise(job.lesson, job.exercise)
    try:
        answer = define(job)
    except BaseException as exc:  # noqa: BLE001 - whatever stops the definition, it is not a mutant
        return Verdict(DISCARDED, f"defining it raised {type(exc).__name__}: {exc}")
    try:
        result = exercise.check(answer)
        if result.status != PASSED:
            return Verdict(KILLED, f"check {result.status}: {result.message}")
        for score in exercise.grade(define(job)):  # graded on a fresh definition, as a grader would
            if score.earned < score.points:
                return Verdict(KILLED, f"graded test lost {score.points - score.earned} of {score.points} "
                                       f"points: {score.description}: {score.message}")
    except BaseException as exc:  # noqa: BLE001 - a check that lets anything escape still rejected it
        return Verdict(KILLED, f"{type(exc).__name__} escaped the check: {exc}")
    return Verdict(SURVIVED)


def _child(job: Job, connection) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # a mutant's prints and warnings are noise here
    os.dup2(devnull, 2)
    start = time.monotonic()
    verdict = judge(job)
    connection.send(Verdict(verdict.outcome, verdict.reason[:500], time.monotonic() - start))
    connection.close()
    os._exit(0)  # at once: threads a mutant left running must not keep the process alive


def _context():
    # fork: a child starts in milliseconds with the lessons already imported; spawn where there is none.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def judge_all(jobs: list[Job], *, workers: int = 2, timeout: float = 10.0,
              progress: Callable[[int, Verdict], None] | None = None) -> list[Verdict]:
    """Verdicts in the order of ``jobs``, at most ``workers`` processes at a time."""
    context = _context()
    for setup in dict.fromkeys(job.setup for job in jobs):
        # once here, so that every forked judge starts with the lesson's modules imported (about a second
        # of matplotlib and widgets otherwise, in each child)
        exec(compile(setup, "<imports cell>", "exec"), {"__name__": "__warm__"})
    verdicts: list[Verdict | None] = [None] * len(jobs)
    pending = deque(enumerate(jobs))
    running: dict = {}  # receiving end -> (index, process, started)

    def finish(index: int, verdict: Verdict) -> None:
        verdicts[index] = verdict
        if progress:
            progress(index, verdict)

    while pending or running:
        while pending and len(running) < workers:
            index, job = pending.popleft()
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(job, send), daemon=True)
            process.start()
            send.close()  # only the child writes; its exit then shows here as end of file
            running[receive] = (index, process, time.monotonic())
        first_deadline = min(started for _, _, started in running.values()) + timeout
        for receive in wait(list(running), timeout=max(0.0, first_deadline - time.monotonic())):
            index, process, started = running.pop(receive)
            try:
                verdict = receive.recv()
            except EOFError:
                process.join()
                verdict = Verdict(KILLED, f"the process ended with exit code {process.exitcode} before a verdict",
                                  time.monotonic() - started)
            receive.close()
            process.join()
            finish(index, verdict)
        now = time.monotonic()
        for receive, (index, process, started) in list(running.items()):
            if now - started >= timeout:
                process.kill()
                process.join()
                receive.close()
                del running[receive]
                finish(index, Verdict(TIMEOUT, f"still running after {timeout:g} s", now - started))
    return verdicts  # type: ignore[return-value]

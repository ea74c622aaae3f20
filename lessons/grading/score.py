"""Grade a submission's answers: run ``sandbox`` in a fresh process, receive its verdicts over the
nonce handshake, and turn them into points. Points come from the grader's own copy of the course
(``catalog``), never from the other process: it only says, per test, passed or not and why.
"""
from __future__ import annotations

import ast
import os
import secrets
import select
import subprocess
import sys
import time
from pathlib import Path

from lessons.grading import catalog
from lessons.grading.answers import Cell
from lessons.grading.limits import child_env, limited
from lessons.grading.sandbox import BOOT, REPORTER

PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not attempted"


class SandboxFailed(Exception):
    """The answers' process ended without verdicts: it died, ran out of time, or was tampered with."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _lines(proc: subprocess.Popen, deadline: float):
    buffer = b""
    fd = proc.stdout.fileno()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SandboxFailed("timeout", "defining and testing the answers took longer than the time left")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        yield from complete


def _is_reporter(pid: int) -> bool:
    """Has the sandbox become the reporter? Its command line says so, and no code of a submission can
    exec (the sandbox's audit hook refuses it). Where there is no /proc, the READY line is believed."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return not Path("/proc/self").exists()
    return len(argv) > 4 and argv[1:5] == [b"-I", b"-S", b"-c", REPORTER.encode()]


def run_sandbox(lesson: catalog.LessonInfo, cells: list[Cell], workdir: Path, *, timeout: float,
                memory_mb: int | None) -> dict:
    job = {"module": lesson.module, "setup": lesson.setup,
           "cells": [(c.index, c.id, c.source) for c in cells],
           "exercises": [(e.name, e.answer) for e in lesson.exercises]}
    cwd = workdir / "answers"
    cwd.mkdir()
    proc = subprocess.Popen(limited([sys.executable, "-I", "-c", BOOT, str(catalog.ROOT)], memory_mb), cwd=cwd,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=child_env(hidden_tests=True), start_new_session=True)
    nonce = secrets.token_hex(16).encode()
    try:
        proc.stdin.write(repr(job).encode() + b"\n")
        proc.stdin.flush()
        ready = False
        for line in _lines(proc, time.monotonic() + timeout):
            if not ready and line.startswith(b"TAMPERED"):
                raise SandboxFailed("tampered", "the answers left a thread running after their cells and "
                                                "tests, so the grader could not trust the verdicts")
            if not ready and line.startswith(b"GRADER-ERROR"):
                raise SandboxFailed("grader-error", line.decode(errors="replace")[13:])
            if not ready and line == b"READY" and _is_reporter(proc.pid):
                ready = True
                proc.stdin.write(nonce + b"\n")
                proc.stdin.flush()
            elif ready and line.startswith(nonce + b" "):
                return ast.literal_eval(line[len(nonce) + 1:].decode())
        raise SandboxFailed("kernel-died", "the process defining the answers ended before it reported "
                                           "(an answer cell called os._exit, or ran out of memory)")
    except (BrokenPipeError, ValueError, SyntaxError) as exc:
        raise SandboxFailed("kernel-died", f"the process defining the answers stopped talking ({exc})") from None
    finally:
        try:
            os.killpg(proc.pid, 9)
        except OSError:
            pass
        proc.wait()


def points(lesson: catalog.LessonInfo, report: dict, missing: dict[str, str]) -> dict:
    """The exercises part of a result: the grader's points for the tests the sandbox says passed."""
    exercises = {}
    for exercise in lesson.exercises:
        verdicts = list(report.get("verdicts", {}).get(exercise.name, []))
        tests = []
        for i, info in enumerate(exercise.tests):
            status, message, details = verdicts[i] if i < len(verdicts) else (FAILED, "no verdict", ())
            if exercise.name in missing:
                status, message = NOT_ATTEMPTED, missing[exercise.name]
            status = status if status in (PASSED, FAILED, NOT_ATTEMPTED) else FAILED
            tests.append({"description": info.description, "points": info.points,
                          "earned": info.points if status == PASSED else 0, "status": status,
                          "message": str(message), "details": [list(map(str, d)) for d in details]})
        exercises[exercise.name] = {"title": exercise.title, "earned": sum(t["earned"] for t in tests),
                                    "possible": exercise.points, "tests": tests}
    return exercises


def nothing_earned(lesson: catalog.LessonInfo, why: str) -> dict:
    return points(lesson, {"verdicts": {e.name: [(FAILED, why, ())] * len(e.tests) for e in lesson.exercises}}, {})

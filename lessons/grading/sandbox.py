"""The clean process in which a submission's answers are defined and the grader's own tests run.

It is started by ``score`` as ``python -I -c ...`` (no PYTHONPATH, no user site, not the submission's
folder on the path), in a fresh temporary folder, under the same memory limit as the kernel. In order:

1. Before any learner code: it takes the functions it will need at the end (os.read, os.write, repr),
   snapshots builtins and the import machinery, forgets the ``lessons`` modules imported so far, and
   installs an audit hook (PEP 578) that refuses to fork, spawn or exec, to load ctypes, to add audit
   hooks, to walk the garbage collector's objects or to swap a function's code. No answer needs any of
   those, and they are the tools for reaching past the tests. (ctypes is allowed to one function of
   the grader's fresh copy: the watchdog that stops threads an answer left running.)
2. It runs the lesson's setup cell *from the grader's copy of the course* (before the hook: numpy
   loads its C libraries through ctypes), then the submission's answer cells (see ``answers``), each
   in a try: a cell that raises costs only what it defines.
3. It restores builtins, sys.path and the import hooks, drops every ``lessons`` module the cells saw
   (patched or replaced ones included) and imports the course afresh from the grader's files: a cell
   that patched ``Exercise.grade``, ``core._run``, ``PASSED``, a graded test, builtins or sys.modules
   patched objects the grading never uses. (The fresh modules stay in sys.modules during the tests, so
   that what the tests import lazily is the grader's too: an answer *function* that imports ``lessons``
   while it is being tested gets the grader's copy, the residual risk named below.)
4. It runs each graded test on each answer. A test during which the answer changed builtins does not
   count (builtins are restored, and the test is failed with that reason).
5. The verdicts are written out as ``repr`` of plain strings and ints. Then it stops everything that
   could still run learner code (signal handlers, timers, trace and profile hooks, the garbage
   collector), checks that no thread the answers started is alive (no process can have been), and
   execs a tiny reporter (exec is refused to any code but this function's), which says READY.
   ``score`` sends its one-time nonce only when the process's command line is the reporter's, so only
   the reporter can read it and send back ``nonce verdicts``. A cell that printed a forged result,
   wrote one to every file descriptor, or said READY itself to read the nonce, gets nothing.

What this does not stop, and cannot in one process: an answer *function*, while a graded test calls it,
can still walk the interpreter's frames (``sys._getframe``, which the grader itself uses) to the test's
globals. Closing that needs every call across a process boundary.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import ctypes  # before the audit hook, which refuses ctypes to the answers
import functools
import gc
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

BLOCKED_PREFIXES = ("os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.exec", "os.system",
                    "os.kill", "os.killpg", "subprocess.", "ctypes.", "sys.addaudithook", "gc.get_objects",
                    "gc.get_referrers", "gc.get_referents", "pty.", "_posixsubprocess.")


MAX_PAYLOAD = 120_000  # bytes: below Linux's limit on one argument (128 KiB)
TRUSTED_CODE: set = set()  # code objects of the grader that may spawn, exec or use ctypes
STDLIB_CODE: set = set()   # subprocess and os: their functions raise the events for the grader


CTYPES_CODE = {ctypes.CDLL.__getattr__.__code__, ctypes.CDLL.__getitem__.__code__}  # resolving a symbol


def _code_of(modules) -> set:
    """Every code object of the functions and methods defined in these modules (nested ones too)."""
    found, todo = set(), []
    for module in modules:
        for value in list(vars(module).values()):
            for item in [value, *(vars(value).values() if isinstance(value, type) else ())]:
                code = getattr(getattr(item, "__func__", item), "__code__", None)
                if code is not None and getattr(item, "__module__", None) == module.__name__:
                    todo.append(code)
    while todo:
        code = todo.pop()
        if code not in found:
            found.add(code)
            todo += [c for c in code.co_consts if hasattr(c, "co_code")]
    return found


def _first_caller():
    frame = sys._getframe(3)
    while frame is not None and (frame.f_code in CTYPES_CODE or frame.f_code in STDLIB_CODE):
        frame = frame.f_back
    return frame


def _trusted_caller() -> bool:
    """Is the code that raised this event one of TRUSTED_CODE? Code objects, not file names, which a
    cell could fake. Only the first frame outside ctypes' symbol lookup counts: a grader frame further
    up the stack, with an answer's function called from it, does not make the answer trusted."""
    frame = sys._getframe(2)
    while frame is not None and (frame.f_code in CTYPES_CODE or frame.f_code in STDLIB_CODE):
        frame = frame.f_back
    return frame is not None and frame.f_code in TRUSTED_CODE


def _audit(event: str, args: tuple) -> None:
    if event.startswith(BLOCKED_PREFIXES) or (event == "object.__setattr__" and len(args) > 1
                                              and args[1] == "__code__"):
        if not event.startswith("object.") and _trusted_caller():
            return
        caller = _first_caller()
        where = f" (from {caller.f_code.co_name} in {caller.f_code.co_filename})" if caller else ""
        raise PermissionError(f"the grader does not allow {event} while it grades{where}")


def _text(value) -> str:
    """An exact str (a str subclass's __repr__ must not run later), without calling learner code."""
    if type(value) is str:
        return value
    return "".join([value]) if isinstance(value, str) else "<not text>"


def _lessons_modules() -> dict:
    return {k: v for k, v in sys.modules.items() if k == "lessons" or k.startswith("lessons.")}


def _threads(t: dict) -> int:
    """Python threads of this process that still run (one started with _thread counts too), waiting a
    moment for the tests' own threads that are just ending."""
    until = t["monotonic"]() + 1
    while len(t["frames"]()) > 1 and t["monotonic"]() < until:
        t["sleep"](0.01)
    return len(t["frames"]())


def _import_tools(root: str) -> None:
    for folder in ("tools", "caches"):
        for path in sorted((Path(root) / "lessons" / folder).glob("[a-z]*.py")):
            importlib.import_module(f"lessons.{folder}.{path.stem}")


def _read_line(fd: int, read) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = read(fd, 1)
        if not chunk:
            break
        data += chunk
    return data.rstrip(b"\n")


def main(root: str) -> None:
    # Taken now, while nothing of the submission has run: C functions, which no cell can change (a cell
    # can only rebind the names os.read, signal.signal, ... in modules it shares with this code).
    t = {"read": os.read, "write": os.write, "open": os.open, "close": os.close, "exit": os._exit,
         "signal": signal.signal, "setitimer": signal.setitimer, "signals": list(signal.valid_signals()),
         "ignore": signal.SIG_IGN, "gc_disable": gc.disable, "gc_callbacks": gc.callbacks,
         "settrace": sys.settrace, "setprofile": sys.setprofile, "monotonic": time.monotonic,
         "sleep": time.sleep, "frames": sys._current_frames}
    read, write, exit_now, literal = t["read"], t["write"], t["exit"], repr
    channel = os.dup(1)                          # the verdicts go here; fd 1 and 2 go nowhere
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    if not os.environ.get("COURSE_GRADER_DEBUG"):
        os.dup2(devnull, 2)
    job = ast.literal_eval(_read_line(0, read).decode())  # repr of plain data, from score
    saved_builtins = dict(builtins.__dict__)
    saved_path, saved_meta, saved_hooks = list(sys.path), list(sys.meta_path), list(sys.path_hooks)
    for name in _lessons_modules():
        del sys.modules[name]                    # the grader's own modules stay out of the cells' reach
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    cell_errors = {}
    # The course's own setup cell runs before the audit hook: numpy and matplotlib load C libraries.
    try:
        exec(compile(job["setup"], "<the course's setup cell>", "exec"), namespace)
    except Exception as exc:  # the grader's own copy is broken: say so rather than blame the submission
        write(channel, f"GRADER-ERROR the course's setup cell raised {type(exc).__name__}: {exc}\n".encode())
        exit_now(0)
    _import_tools(root)                        # their libraries load now, before the hook (asyncio sets __code__)
    TRUSTED_CODE.add(main.__code__)            # for its one exec, at the end
    STDLIB_CODE.update(_code_of([subprocess, os, contextlib, functools, threading]))
    sys.addaudithook(_audit)
    for index, cell_id, source in job["cells"]:
        try:
            exec(compile(source, f"<cell {index} {cell_id}>", "exec"), namespace)
        except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are the cell's too
            try:
                cell_errors[index] = _text(f"{type(exc).__name__}: {exc}")[:300]
            except BaseException:  # noqa: BLE001 - an exception whose str() raises
                cell_errors[index] = "an exception that cannot be printed"
    missing = object()
    answers = {name: namespace.get(answer, missing) for name, answer in job["exercises"]}

    # 3. Forget what the cells did to the interpreter, and import the course afresh.
    builtins.__dict__.clear()
    builtins.__dict__.update(saved_builtins)
    sys.path[:], sys.meta_path[:], sys.path_hooks[:] = saved_path, saved_meta, saved_hooks
    sys.path_importer_cache.clear()
    sys.settrace(None)
    sys.setprofile(None)
    threading.settrace(None)
    threading.setprofile(None)
    cells_modules = _lessons_modules()
    for name in cells_modules:
        del sys.modules[name]
    importlib.invalidate_caches()
    core = importlib.import_module("lessons.exercises.core")
    lesson = importlib.import_module(job["module"])
    exercises = {ex.name: ex for ex in lesson.EXERCISES}
    tests = {name: exercises[name].graded_tests() for name, _ in job["exercises"]}
    run, not_attempted = core._run, core.NOT_ATTEMPTED
    # What the tests import lazily (lesson 08's Redis server) is imported now, from the grader's files.
    _import_tools(root)
    # The grader itself needs ctypes (the watchdog stops threads an answer left running), and lesson
    # 08's tests start processes of their own: every function of the fresh copy may do that.
    TRUSTED_CODE.update(_code_of(m for m in _lessons_modules().values() if m is not None))

    # 4. The graded tests.
    verdicts = {}
    for name, answer_name in job["exercises"]:
        answer = answers[name]
        results = []
        # What a check needs started first (lesson 08: a Redis server), as Exercise.grade does.
        unprepared = exercises[name]._prepare(answer) if answer is not missing else None
        for test in tests[name]:
            if answer is missing:
                results.append((not_attempted, "", ()))
                continue
            if unprepared is not None:
                results.append(("failed", _text(unprepared)[:1000], ()))
                continue
            try:
                status, message, details, *_ = run(test.test, answer, answer_name, exercises[name].clauses,
                                                   getattr(exercises[name], "time_factor", 1.0))
            except BaseException as exc:  # noqa: BLE001 - sys.exit() or KeyboardInterrupt inside the answer
                status, message, details = "failed", f"your code raised {type(exc).__name__}", ()
            if builtins.__dict__ != saved_builtins or any(builtins.__dict__[k] is not v
                                                          for k, v in saved_builtins.items()):
                builtins.__dict__.clear()
                builtins.__dict__.update(saved_builtins)
                status, message, details = "failed", ("your code changed Python's builtins while it was being "
                                                      "tested, so this test does not count"), ()
            results.append((_text(status), _text(message)[:1000],
                            tuple((_text(label), _text(value)[:300]) for label, value in details)))
        verdicts[name] = results
    payload = literal({"cells": cell_errors, "verdicts": verdicts}).encode()
    if len(payload) > MAX_PAYLOAD:  # it travels as one argument of the reporter's command line
        payload = literal({"cells": {}, "verdicts": {name: [(s, m[:200], ()) for s, m, _ in results]
                                                        for name, results in verdicts.items()}}).encode()

    # 5. Nothing of the answers may run from here on.
    until = t["monotonic"]() + 3
    for thread in threading.enumerate():         # threads of the tests themselves, finishing
        if thread is not threading.current_thread():
            thread.join(timeout=max(0.0, until - t["monotonic"]()))
    for sig in t["signals"]:
        try:
            t["signal"](sig, t["ignore"])
        except (OSError, ValueError, RuntimeError):
            pass
    for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
        t["setitimer"](timer, 0)
    t["settrace"](None)
    t["setprofile"](None)
    t["gc_disable"]()
    t["gc_callbacks"].clear()
    if _threads(t) != 1:
        write(channel, b"TAMPERED threads\n")
        exit_now(0)
    # Become the reporter: exec leaves no thread, handler or object of the answers behind, and score
    # sends its nonce only to a process whose command line is the reporter's.
    os.set_inheritable(channel, True)
    os.execv(sys.executable, reporter_command(channel, payload))


REPORTER = """\
import os, sys
channel = int(sys.argv[1])
os.write(channel, b"READY\\n")
nonce = b""
while not nonce.endswith(b"\\n"):
    chunk = os.read(0, 1)
    if not chunk:
        os._exit(1)
    nonce += chunk
os.write(channel, nonce[:-1] + b" " + sys.argv[2].encode() + b"\\n")
"""


def reporter_command(channel: int, payload: bytes) -> list[str]:
    return [sys.executable, "-I", "-S", "-c", REPORTER, str(channel), payload.decode()]


BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); import lessons.grading.sandbox as s; "
        "s.main(sys.argv[1])")

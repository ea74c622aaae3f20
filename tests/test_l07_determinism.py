"""Lesson 07's races end the same way every time: the notebook's own demo and check cells, executed 20
times in a row in this process (inside a running event loop, as in a Jupyter kernel, so top-level
``await`` and the "asyncio.run() cannot be called from a running event loop" demo behave as they do
there), print exactly the same thing every run; and the logical-step timelines behind the lesson's
picture are identical every run."""
from __future__ import annotations

import ast
import asyncio
import contextlib
import io
import time

from lesson_cells import ROOT, code_cells

from lessons.authoring import notebook as nbio

NOTEBOOK = ROOT / "solutions" / "07_threads_asyncio.ipynb"
RUNS = 20
SKIPPED = {"timeline"}  # draws the figure (slow); its data is checked separately below


def _run_cells_once() -> list[tuple[str, str]]:
    """(cell id, everything it printed plus the repr of its last expression) for each code cell."""
    namespace: dict = {"__name__": "__main__"}
    seen: list[tuple[str, str]] = []

    async def run_all():
        for cell in code_cells(NOTEBOOK):
            tags = cell.get("metadata", {}).get("tags", [])
            if cell["id"] in SKIPPED or "nbval-ignore-output" in tags:
                continue
            tree = ast.parse(nbio.source_of(cell))
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                parts = ((ast.Module(tree.body, []), "exec"), (last and ast.Expression(last.value), "eval"))
                for part, mode in parts:
                    if part is None:
                        continue
                    code = compile(part, cell["id"], mode, flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
                    value = eval(code, namespace)
                    if asyncio.iscoroutine(value):
                        value = await value
                    if mode == "eval" and value is not None:
                        print(repr(value))
            seen.append((cell["id"], out.getvalue()))

    asyncio.run(run_all())
    return seen


def test_the_notebook_cells_print_the_same_in_20_consecutive_runs():
    first = _run_cells_once()
    printed = dict(first)
    # a few of the lesson's claims, so that "identical" cannot mean "identically broken"
    assert "the body ran 8 times and returned 8 different values" in printed["stampede"]
    assert "with a lock inside: 8 executions" in printed["lock-inside"]
    assert printed["winner"].count("cache kept 6") == 2 and printed["winner"].count("cache kept 5") == 2
    assert "executions=1 waits=7 hits=1" in printed["single-flight"]
    assert "lock=: 8 executions, 1 distinct" in printed["cachetools-lock"]
    assert "condition=: 1 execution" in printed["cachetools-condition"]
    assert "cannot reuse already awaited coroutine" in printed["async-lru"]
    assert "cannot be called from a running event loop" in printed["asyncio-run"]
    assert "5 concurrent awaits of one key: 5 executions" in printed["async-stampede"]
    for check in ("q1-check", "q2-check", "q3-check"):
        assert "passed" in printed[check], printed[check]
    for run in range(2, RUNS + 1):
        assert _run_cells_once() == first, f"run {run} differed from run 1"


def test_the_timelines_behind_the_picture_are_identical_in_20_runs():
    namespace: dict = {"__name__": "__main__"}
    cells = {c["id"]: nbio.source_of(c) for c in code_cells(NOTEBOOK)}
    for cell_id in ("setup", "stampede", "lock-inside", "single-flight"):
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(cells[cell_id], cell_id, "exec"), namespace)
    ThreadTimeline = namespace["ThreadTimeline"]

    def spans():
        timelines = ThreadTimeline(), ThreadTimeline(), ThreadTimeline()
        namespace["stampede"](namespace["functools"].lru_cache(maxsize=None), timeline=timelines[0])
        namespace["locked_stampede"](timeline=timelines[1])
        namespace["single_flight"](timeline=timelines[2])
        return [t.spans() for t in timelines]

    first = spans()
    assert [sum(s.kind == "computes" for s in t) for t in first] == [8, 8, 1]
    for _ in range(RUNS - 1):
        assert spans() == first


def test_every_known_wrong_answer_fails_with_the_same_message_in_20_runs():
    import textwrap

    from wrong_answers.l07 import WRONG

    from lessons.exercises import l07

    setup = nbio.source_of(code_cells(NOTEBOOK)[0])
    exercises = {ex.name: ex for ex in l07.EXERCISES}
    for name, wrongs in WRONG.items():
        for wrong in wrongs:
            namespace: dict = {"__name__": "__main__"}
            exec(compile(setup, "<setup>", "exec"), namespace)
            exec(compile(textwrap.dedent(wrong.source), wrong.mistake, "exec"), namespace)
            answer = namespace[exercises[name].answer]
            started = time.perf_counter()
            first = repr(exercises[name].check(answer))
            assert "failed" in first
            if time.perf_counter() - started > 0.5:
                continue  # it fails by a wait timing out (a lock never released): 20 runs would take long
            for _ in range(RUNS - 1):
                assert repr(exercises[name].check(answer)) == first, wrong.mistake

"""The grader's steps on their own, without a kernel: reading a submission, picking the answer cells,
and the learner's name from a flat file name."""
from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
from grading_fixtures import code, inserted, tiny

from lessons.grading import answers, catalog, discover, notebooks


def test_only_answer_cells_and_what_they_use_are_picked_for_grading():
    patch = code("import lessons.exercises.core as c\nc.PASSED = 'x'", "patch")
    notebook = inserted(inserted(tiny("solutions"), patch), code("STEPS = (1, 2, 3)", "mine"))
    for cell in notebook["cells"]:
        if cell["id"] == "q1-answer":
            cell["source"] = "def ways(n):\n    return 1 if n == 0 else sum(ways(n - s) for s in STEPS if n >= s)"
    cells, missing = answers.answer_cells(notebook, catalog.lesson("01_memoization"))
    assert [c.id for c in cells] == ["mine", "q1-answer", "q2-answer", "q3-answer"] and missing == {}


def test_a_missing_answer_is_named():
    notebook = tiny("notebooks")
    notebook["cells"] = [c for c in notebook["cells"] if c["id"] != "q3-answer"]
    _, missing = answers.answer_cells(notebook, catalog.lesson("01_memoization"))
    assert list(missing) == ["q3"] and "count_paths" in missing["q3"]


def test_reading_says_why_a_file_is_not_a_notebook():
    assert "empty" in notebooks.load(b"  \n").problem
    assert "Python source" in notebooks.load(b"import os\nprint(1)\n").problem
    assert "not valid JSON" in notebooks.load(b'{"cells": [').problem
    assert "no nbformat" in notebooks.load(b"[1, 2]").problem
    v3 = nbformat.writes(nbformat.convert(nbformat.from_dict(tiny("solutions")), 3), version=3).encode()
    loaded = notebooks.load(v3)
    assert loaded.notebook is not None and "converted from nbformat 3" in loaded.notes[0]


def test_the_learner_of_a_flat_file_is_its_name_without_the_lesson():
    assert discover.learner_of(Path("ada_03_lru_eviction.ipynb")) == "ada"
    assert discover.learner_of(Path("03_lru_eviction-ada.ipynb")) == "ada"
    assert discover.learner_of(Path("bob-09_distributed.ipynb")) == "bob"
    assert discover.learner_of(Path("ada/sub/03_lru_eviction.ipynb")) == "ada"
    assert catalog.lesson_from_name("ada_03_whatever.ipynb") == "03_lru_eviction"


def test_the_watchdog_may_stop_a_thread_an_answer_left_running_and_nothing_else_may_use_ctypes(tmp_path):
    from lessons.grading import score

    lesson = catalog.lesson("01_memoization")
    spinning = answers.Cell(2, "q1-answer", textwrap.dedent("""
        import threading
        ways_memo = {}
        def ways(n):
            if not ways_memo:  # one endless thread, started by the first call
                ways_memo["started"] = True
                threading.Thread(target=lambda: [None for _ in iter(int, 1)], daemon=True).start()
            a, b, c = 1, 0, 0
            for _ in range(n):
                a, b, c = a + b + c, a, b
            return a
        """))
    sneaky = answers.Cell(3, "q2-answer", "import ctypes\nctypes.pythonapi.Py_IsInitialized()\nmemoize = ...")
    report = score.run_sandbox(lesson, [spinning, sneaky], tmp_path, timeout=120, memory_mb=2048)
    assert "PermissionError" in report["cells"][3] and "ctypes" in report["cells"][3]
    assert report["verdicts"]["q1"][0][0] == "passed", report["verdicts"]["q1"]

"""The exercises and the answers the tests try on them, shared by the exercise-integrity test files
(test_exercises, test_wrong_answers, test_right_answers, test_hanging_answers: one file per kind, so that
pytest-xdist's --dist loadfile can run them on different workers)."""
from __future__ import annotations

import importlib
import textwrap

import pytest
from lesson_cells import ROOT, code_cells, exercise_module, lessons

from lessons.authoring import notebook as nbio

EXERCISES = [(lesson, ex) for lesson in lessons() for ex in exercise_module(lesson).EXERCISES]
IDS = [f"{lesson[:2]}-{ex.name}" for lesson, ex in EXERCISES]


def _answers(table: str, label: str) -> list:
    """One pytest case per answer in ``wrong_answers/lNN.py``'s ``table`` (WRONG or RIGHT), named by its
    ``label`` attribute (mistake or shape)."""
    cases = []
    for lesson, ex in EXERCISES:
        module = importlib.import_module(f"wrong_answers.l{lesson[:2]}")
        for answer in getattr(module, table, {}).get(ex.name, []):
            cases.append(pytest.param(lesson, ex, answer, id=f"{lesson[:2]}-{ex.name}-{getattr(answer, label)}"))
    return cases


def wrong_answers():
    return _answers("WRONG", "mistake")


def right_answers():
    return _answers("RIGHT", "shape")


def run_wrong(lesson, ex, wrong):
    """Define a Wrong or Right answer the way a notebook would: the imports cell, then its source."""
    setup = nbio.source_of(code_cells(ROOT / "solutions" / f"{lesson}.ipynb")[0])
    namespace = {"__name__": "__main__"}
    exec(compile(setup, "<setup>", "exec"), namespace)
    label = getattr(wrong, "mistake", None) or getattr(wrong, "shape", "answer")
    exec(compile(textwrap.dedent(wrong.source), f"<{label}>", "exec"), namespace)
    return namespace[ex.answer]

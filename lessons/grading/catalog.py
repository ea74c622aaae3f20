"""The grader's own copy of the course: which lessons exist, their exercises, graded tests and points
(an instructor's hidden tests in $COURSE_HIDDEN_TESTS included), and each lesson's setup cell (its
imports), all read from this package and its notebooks/ folder, never from a submission."""
from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from lessons.authoring import notebook as nbio

ROOT = Path(__file__).resolve().parents[2]
LESSON_NUMBER = re.compile(r"(?<!\d)(\d\d)_")


@dataclass(frozen=True)
class TestInfo:
    description: str
    points: int


@dataclass(frozen=True)
class ExerciseInfo:
    name: str          # q1
    title: str
    answer: str        # the name the learner defines
    answer_cell: str   # the id of the answer cell in the course's notebook
    tests: tuple[TestInfo, ...]
    hints: tuple[str, ...]

    @property
    def points(self) -> int:
        return sum(t.points for t in self.tests)


@dataclass(frozen=True)
class LessonInfo:
    stem: str          # 03_lru_eviction
    module: str        # lessons.exercises.l03
    setup: str         # the source of the lesson's first code cell
    exercises: tuple[ExerciseInfo, ...]

    @property
    def points(self) -> int:
        return sum(e.points for e in self.exercises)


def _answer_cell_id(cells: list[dict], answer: str) -> str:
    for cell in cells:
        if cell.get("cell_type") == "code" and nbio.defines(nbio.source_of(cell), answer):
            return cell.get("id", "")
    return ""


def _notebook(stem: str) -> Path:
    notebook = ROOT / "notebooks" / f"{stem}.ipynb"
    return notebook if notebook.exists() else ROOT / "solutions" / f"{stem}.ipynb"


@functools.cache
def stems() -> tuple[str, ...]:
    """Every lesson of the course that has exercises: a notebook NN_name and a module lessons/exercises/lNN."""
    numbers = {p.stem[1:] for p in (ROOT / "lessons" / "exercises").glob("l[0-9][0-9].py")}
    names = {p.stem for folder in ("notebooks", "solutions") for p in (ROOT / folder).glob("[0-9][0-9]_*.ipynb")}
    return tuple(sorted(stem for stem in names if stem[:2] in numbers))


@functools.cache
def lesson(stem: str) -> LessonInfo:
    module = importlib.import_module(f"lessons.exercises.l{stem[:2]}")
    cells = [c for c in nbio.read(_notebook(stem))["cells"] if c.get("cell_type") == "code"]
    exercises = tuple(
        ExerciseInfo(ex.name, ex.title, ex.answer, _answer_cell_id(cells, ex.answer),
                     tuple(TestInfo(t.description, t.points) for t in ex.graded_tests()), tuple(ex.hints))
        for ex in module.EXERCISES
    )
    return LessonInfo(stem, module.__name__, nbio.source_of(cells[0]), exercises)


def lesson_from_name(filename: str) -> str | None:
    """The lesson a file name names: a whole lesson stem in it, else a known lesson number ``NN_``."""
    known = stems()
    for stem in sorted(known, key=len, reverse=True):
        if stem in filename:
            return stem
    by_number = {stem[:2]: stem for stem in known}
    for number in LESSON_NUMBER.findall(filename):
        if number in by_number:
            return by_number[number]
    return None

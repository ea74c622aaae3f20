"""What is mutated: each exercise's reference answer (the solution cell that defines ``ex.answer``) and
its lesson's imports cell (the notebook's first code cell), which a mutant runs after, as in a notebook."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from lessons.authoring import notebook as nbio

ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Subject:
    lesson: str        # "01_memoization"
    exercise: str      # "q2"
    answer: str        # the name the answer defines: "memoize"
    setup: str         # the lesson's imports cell
    reference: str     # the reference answer's source, markers removed

    @property
    def key(self) -> str:
        return f"{self.lesson} {self.exercise}"


def lessons(root: Path = ROOT) -> list[str]:
    return [p.stem for p in sorted((root / "solutions").glob("*.ipynb"))]


def exercises_of(lesson: str) -> list:
    return list(importlib.import_module(f"lessons.exercises.l{lesson[:2]}").EXERCISES)


def find_exercise(lesson: str, name: str):
    for exercise in exercises_of(lesson):
        if exercise.name == name:
            return exercise
    raise LookupError(f"lesson {lesson} has no exercise {name}")


def resolve(wanted: list[str], root: Path = ROOT) -> list[str]:
    """Lesson stems for what a user typed: "01", "l01", "01_memoization" (all lessons when empty)."""
    every = lessons(root)
    if not wanted:
        return every
    chosen = []
    for word in wanted:
        matches = [s for s in every if s == word or s[:2] == word.lstrip("l")[:2]]
        if not matches:
            raise SystemExit(f"no lesson {word!r}; the lessons are: {', '.join(every)}")
        chosen += [m for m in matches if m not in chosen]
    return chosen


def subjects(lesson_names: list[str], exercise: str | None = None, root: Path = ROOT) -> list[Subject]:
    found = []
    for lesson in lesson_names:
        path = root / "solutions" / f"{lesson}.ipynb"
        cells = [c for c in nbio.read(path)["cells"] if c.get("cell_type") == "code"]
        setup = nbio.source_of(cells[0])
        for ex in exercises_of(lesson):
            if exercise and ex.name != exercise:
                continue
            reference = nbio.solution_source(path, ex.answer)
            if reference is None:
                raise LookupError(f"{path.name}: no solution cell defines {ex.answer} ({ex.name})")
            found.append(Subject(lesson, ex.name, ex.answer, setup, reference))
    return found

"""Load exercise answers out of the notebooks, the way a learner's kernel would define them.

An answer cell may use only what the notebook's first code cell (its imports) defines; running those
two cells in a fresh namespace gives the answer exactly as the learner's notebook does, without
starting a kernel. The exercise-integrity tests (tests/test_exercises.py and its siblings) rely on that
convention, and so prove it holds.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from lessons.authoring import notebook as nbio

ROOT = Path(__file__).resolve().parents[1]


def lessons() -> list[str]:
    """Lesson stems, e.g. "01_memoization", one per solution notebook."""
    return [p.stem for p in sorted((ROOT / "solutions").glob("*.ipynb"))]


def exercise_module(lesson: str) -> ModuleType:
    return importlib.import_module(f"lessons.exercises.l{lesson[:2]}")


def code_cells(path: Path) -> list[dict]:
    return [c for c in nbio.read(path)["cells"] if c["cell_type"] == "code"]


def answer_cell(path: Path, name: str) -> dict:
    """The code cell that defines the answer ``name``: in solutions/ it holds the markers; in
    notebooks/ the cell with the same id."""
    solution_cells = code_cells(ROOT / "solutions" / path.name)
    matches = [c for c in solution_cells
               if nbio.has_solution(nbio.source_of(c)) and nbio.defines(nbio.source_of(c), name)]
    assert len(matches) == 1, f"{path.name}: expected one solution cell defining {name}, found {len(matches)}"
    by_id = {c["id"]: c for c in code_cells(path)}
    assert matches[0]["id"] in by_id, f"{path}: no cell with id {matches[0]['id']}"
    return by_id[matches[0]["id"]]


def load_answer(folder: str, lesson: str, name: str) -> Any:
    """Run the notebook's first code cell and the answer cell; return what the cell bound to ``name``."""
    path = ROOT / folder / f"{lesson}.ipynb"
    namespace: dict[str, Any] = {"__name__": "__main__"}
    setup = code_cells(path)[0]
    exec(compile(nbio.source_of(setup), f"<{folder}/{lesson} {setup['id']}>", "exec"), namespace)
    cell = answer_cell(path, name)
    exec(compile(nbio.source_of(cell), f"<{folder}/{lesson} {cell['id']}>", "exec"), namespace)
    return namespace[name]

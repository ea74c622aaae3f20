"""Which of a submission's cells define its answers, and which of its other cells those answers need.

The course's convention (tests/lesson_cells.py proves it for every lesson) is that an answer cell uses
only what the lesson's first cell imports. A learner may still have written a helper in a cell of their
own, or added an import to the first cell; such a cell is picked too when an answer uses a name that only
it defines. Cells are kept in notebook order, so that redefinitions end as Run All leaves them. A cell
that neither defines an answer nor something an answer uses (a demo, a check, a cell that patches the
course) is never run for grading.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

from lessons.authoring import notebook as nbio
from lessons.grading.catalog import LessonInfo


@dataclass(frozen=True)
class Cell:
    index: int        # counted from 1 among all cells, as JupyterLab shows them
    id: str
    source: str


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def bound_names(source: str) -> set[str]:
    """Names a cell binds at its top level: assignments, def, class, imports, for, with."""
    tree = _parse(source)
    if tree is None:  # still count a `def name` a syntax error elsewhere in the cell would hide
        return set()
    names: set[str] = set()
    for node in tree.body:
        for sub in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                             ast.ClassDef)) else [node]:
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(sub.name)
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
            elif isinstance(sub, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in sub.names if a.name != "*")
    return names


def used_names(source: str) -> set[str]:
    """Names a cell reads that it binds nowhere (at any depth: a local of one of its functions is not
    something another cell must provide)."""
    tree = _parse(source)
    if tree is None:
        return set()
    loaded, local = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else local).add(node.id)
        elif isinstance(node, ast.arg):
            local.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            local.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            local.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            local.add(node.name)
    return loaded - local


def answer_cells(notebook: dict, lesson: LessonInfo) -> tuple[list[Cell], dict[str, str]]:
    """The cells to run for grading, and for each exercise whose answer no cell defines, why not."""
    cells = [Cell(i + 1, c.get("id", ""), nbio.source_of(c)) for i, c in enumerate(notebook.get("cells", []))
             if c.get("cell_type") == "code"]
    bound = {cell.index: bound_names(cell.source) for cell in cells}
    missing = {}
    chosen: set[int] = set()
    for exercise in lesson.exercises:
        defining = [c.index for c in cells if exercise.answer in bound[c.index]
                    or (not bound[c.index] and nbio.defines(c.source, exercise.answer))]
        if defining:
            chosen.update(defining)
        else:
            missing[exercise.name] = (
                f"no cell defines `{exercise.answer}`: was its answer cell deleted, or the name changed? The "
                f"grader looks for a cell that defines `{exercise.answer}` exactly as the task names it.")
    available = bound_names(lesson.setup) | set(dir(builtins))
    needed = set().union(*(used_names(c.source) for c in cells if c.index in chosen)) - available
    while True:  # add the cells that define what the chosen cells use, until nothing new is needed
        more = {c.index for c in cells if c.index not in chosen and bound[c.index] & needed}
        if not more:
            break
        chosen |= more
        needed |= set().union(*(used_names(c.source) for c in cells if c.index in more)) - available
    return [c for c in cells if c.index in chosen], missing

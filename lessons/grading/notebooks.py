"""Turn a submission's bytes into a notebook, or into one sentence saying why they are not one.

nbformat does the reading: it upgrades nbformat 3 to 4 and accepts metadata it does not know (a newer
JupyterLab adds some); the grader never validates strictly, because a notebook a learner's JupyterLab
saved is a notebook even when a schema is a version behind.
"""
from __future__ import annotations

import ast
import json
import warnings
from dataclasses import dataclass, field

import nbformat


@dataclass
class Loaded:
    notebook: nbformat.NotebookNode | None
    problem: str | None = None             # why it is not a notebook
    notes: list[str] = field(default_factory=list)

    @property
    def lesson(self) -> str | None:
        if self.notebook is None:
            return None
        course = self.notebook.get("metadata", {}).get("course")
        lesson = course.get("lesson") if isinstance(course, dict) else None
        return lesson if isinstance(lesson, str) else None


def _looks_like_python(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def load(data: bytes) -> Loaded:
    if not data.strip():
        return Loaded(None, f"the file is empty ({len(data)} bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Loaded(None, f"the file is not UTF-8 text (byte {exc.start}), so it cannot be a notebook")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_like_python(text):
            return Loaded(None, "the file is Python source, not a notebook (a .py file renamed .ipynb?)")
        return Loaded(None, f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                            f"was it saved completely?")
    if not isinstance(raw, dict) or "nbformat" not in raw:
        return Loaded(None, "the file is JSON but not a notebook (it has no nbformat version)")
    major = raw.get("nbformat")
    if not isinstance(major, int) or not 3 <= major <= 4:
        return Loaded(None, f"the file says nbformat {major!r}; this grader reads nbformat 3 and 4")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a newer minor version or unknown metadata: read it anyway
            notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a malformed notebook
        return Loaded(None, f"nbformat could not read it as a notebook: {type(exc).__name__}: {exc}"[:300])
    if not isinstance(notebook.get("cells"), list):
        return Loaded(None, "the notebook has no list of cells")
    notes = [f"converted from nbformat {major} to 4 before running"] if major != 4 else []
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = []  # a submission's saved outputs are not evidence of anything
            cell.execution_count = None
    return Loaded(notebook, None, notes)

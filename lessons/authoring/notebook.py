"""Reading and writing notebooks, and the solution markers inside them.

A solution in ``solutions/`` sits between two marker lines::

    def ways(n):
        \"\"\"The docstring stays: it is the task.\"\"\"
        ### BEGIN SOLUTION
        ...the reference answer...
        ### END SOLUTION

In the learner's notebook the generator replaces the block by a stub that *runs* (so Run All never
stops) and that the checks recognise as "not attempted":

* inside a function or method body (the marker is indented): ``raise NotImplementedError``;
* at the top level of a cell: one ``name = ...`` per name the block assigns. A top-level block may
  only assign names; answers are functions, classes or named values, never loose statements.

Notebooks are read and written with nbformat, which writes the same bytes for the same notebook
(``nbformat.writes(nbformat.reads(text, 4)) + "\n"`` reproduces every committed notebook exactly;
tests/test_build.py keeps it so).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import nbformat

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION[ \t]*$")
END = re.compile(r"^[ \t]*### END SOLUTION[ \t]*$")
INSTRUCTOR_TAG = "instructor"  # cells with this tag are dropped from learner notebooks


class MarkerError(ValueError):
    """A solution block the generator cannot turn into a stub; the message names the cell."""


def read(path: Path) -> nbformat.NotebookNode:
    try:
        return nbformat.reads(Path(path).read_text(encoding="utf-8"), as_version=4)
    except (ValueError, nbformat.reader.NotJSONError) as exc:  # JSONDecodeError is a ValueError
        raise ValueError(f"{path} is not a readable notebook: {exc}") from None


def source_of(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _split_lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def dumps(notebook: dict[str, Any]) -> str:
    """nbformat's on-disk form, with the final newline JupyterLab writes too."""
    return nbformat.writes(nbformat.from_dict(notebook)) + "\n"


def write(path: Path, notebook: dict[str, Any]) -> None:
    Path(path).write_text(dumps(notebook), encoding="utf-8")


def is_instructor_only(cell: dict[str, Any]) -> bool:
    return INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", [])


def has_solution(source: str) -> bool:
    return any(BEGIN.match(line) for line in source.splitlines())


def _top_level_stub(block: list[str], where: str) -> list[str]:
    try:
        tree = ast.parse("".join(block))
    except SyntaxError as exc:
        raise MarkerError(f"{where}: the solution block is not valid Python ({exc.msg})") from None
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else None
        if not targets or not all(isinstance(t, ast.Name) for t in targets):
            raise MarkerError(
                f"{where}: a top-level solution block may only assign names (found "
                f"{type(node).__name__}); put the markers inside the function body instead")
        names += [t.id for t in targets if t.id not in names]
    return ["# Your answer here:\n", *(f"{name} = ...\n" for name in names)]


def stub_source(source: str, where: str = "a cell") -> str:
    """The cell's source with every solution block replaced by its stub."""
    out: list[str] = []
    lines = _split_lines(source)
    i = 0
    while i < len(lines):
        begin = BEGIN.match(lines[i].rstrip("\n"))
        if not begin:
            if END.match(lines[i].rstrip("\n")):
                raise MarkerError(f"{where}: '### END SOLUTION' without a BEGIN before it")
            out.append(lines[i])
            i += 1
            continue
        indent = begin.group("indent")
        j = i + 1
        while j < len(lines) and not END.match(lines[j].rstrip("\n")):
            if BEGIN.match(lines[j].rstrip("\n")):
                raise MarkerError(f"{where}: a BEGIN SOLUTION inside another solution block")
            j += 1
        if j == len(lines):
            raise MarkerError(f"{where}: '### BEGIN SOLUTION' has no '### END SOLUTION'")
        block = lines[i + 1:j]
        if indent:
            out += [f"{indent}# Your code here: replace the next line.\n", f"{indent}raise NotImplementedError\n"]
        else:
            out += _top_level_stub(block, where)
        i = j + 1
    text = "".join(out)
    return text.rstrip("\n") if not source.endswith("\n") else text


def strip_markers(source: str) -> str:
    """The reference answer as a learner should read it: the solution with the marker lines removed."""
    return "".join(
        line for line in _split_lines(source) if not BEGIN.match(line.rstrip("\n")) and not END.match(line.rstrip("\n"))
    ).rstrip("\n")


def defines(source: str, name: str) -> bool:
    pattern = rf"^(?:async\s+def|def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*(?::[^=]*)?="
    return re.search(pattern, source, re.MULTILINE) is not None


def solution_source(path: Path, name: str) -> str | None:
    """The reference answer defining ``name`` in the notebook at ``path``, markers removed."""
    for cell in read(path).get("cells", []):
        source = source_of(cell)
        if cell.get("cell_type") == "code" and has_solution(source) and defines(source, name):
            return strip_markers(source)
    return None

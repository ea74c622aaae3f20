"""The generator: stubs, dropped cells, byte-identical output, and --check catching stale notebooks."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from lessons.authoring import generator as build
from lessons.authoring import notebook as nbio


def test_notebooks_folder_is_up_to_date(root):
    run = subprocess.run([sys.executable, "-m", "lessons.build", "--check"], cwd=root, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.fixture
def course_copy(tmp_path, monkeypatch, root):
    """A copy of solutions/ and notebooks/ that the generator is pointed at."""
    for folder in ("solutions", "notebooks"):
        shutil.copytree(root / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def generator(course_copy, *args):
    """The generator's command, pointed at the copy."""
    return build.main(["--solutions", str(course_copy / "solutions"), "--notebooks", str(course_copy / "notebooks"),
                       *args])


def edit_first_solution_cell(path):
    notebook = nbio.read(path)
    cell = next(c for c in notebook["cells"] if c["cell_type"] == "code" and nbio.has_solution(nbio.source_of(c)))
    cell["source"] = nbio.source_of(cell).replace("### END SOLUTION", "    pass  # edited\n    ### END SOLUTION")
    nbio.write(path, notebook)


def test_check_fails_after_a_solution_is_edited_without_regenerating(course_copy, capsys):
    solution = sorted((course_copy / "solutions").glob("*.ipynb"))[0]
    markdown_edit = nbio.read(solution)
    markdown_edit["cells"][0]["source"] = nbio.source_of(markdown_edit["cells"][0]) + "\n\nOne more line."
    nbio.write(solution, markdown_edit)
    edit_first_solution_cell(solution)
    assert generator(course_copy, "--check") == 1
    assert f"notebooks/{solution.name}: stale" in capsys.readouterr().out
    assert generator(course_copy) == 0
    assert generator(course_copy, "--check") == 0


def test_check_names_missing_and_orphaned_notebooks(course_copy, capsys):
    learner = sorted((course_copy / "notebooks").glob("*.ipynb"))[0]
    shutil.move(learner, course_copy / "notebooks" / "99_orphan.ipynb")
    assert generator(course_copy, "--check") == 1
    out = capsys.readouterr().out
    assert f"{learner.name}: missing" in out and "99_orphan.ipynb: has no solutions/" in out


def test_generation_is_byte_identical_every_time(course_copy):
    first = {p.name: p.read_bytes() for p in (course_copy / "notebooks").glob("*.ipynb")}
    for path in (course_copy / "notebooks").glob("*.ipynb"):
        path.unlink()
    build.generate(course_copy / "solutions", course_copy / "notebooks")
    again = {p.name: p.read_bytes() for p in (course_copy / "notebooks").glob("*.ipynb")}
    assert first == again


def test_learner_notebooks_drop_instructor_cells_and_outputs_and_keep_ids(root):
    for solution_path in sorted((root / "solutions").glob("*.ipynb")):
        solution = nbio.read(solution_path)
        learner = nbio.read(root / "notebooks" / solution_path.name)
        kept = [c["id"] for c in solution["cells"] if not nbio.is_instructor_only(c)]
        assert [c["id"] for c in learner["cells"]] == kept
        for cell in learner["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None
                assert not nbio.has_solution(nbio.source_of(cell))
        assert learner["metadata"]["language_info"] == {"name": "python"}
        assert "widgets" not in learner["metadata"]


FUNCTION = '''def f(x):
    """Docstring stays."""
    ### BEGIN SOLUTION
    return x + 1
    ### END SOLUTION
'''


def test_an_indented_solution_becomes_a_raise_that_runs():
    stub = nbio.stub_source(FUNCTION)
    assert "return x + 1" not in stub and '"""Docstring stays."""' in stub
    namespace = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError):
        namespace["f"](1)


def test_a_top_level_solution_becomes_named_ellipses():
    stub = nbio.stub_source("### BEGIN SOLUTION\nbest_size = 64\nbudget: int = 3\n### END SOLUTION\n")
    namespace = {}
    exec(stub, namespace)
    assert namespace["best_size"] is Ellipsis and namespace["budget"] is Ellipsis


@pytest.mark.parametrize("source, complaint", [
    ("### BEGIN SOLUTION\nprint('loose')\n### END SOLUTION\n", "may only assign names"),
    ("def f():\n    ### BEGIN SOLUTION\n    return 1\n", "has no '### END SOLUTION'"),
    ("x = 1\n### END SOLUTION\n", "without a BEGIN"),
    ("### BEGIN SOLUTION\nx = (\n### END SOLUTION\n", "not valid Python"),
])
def test_malformed_markers_are_reported_clearly(source, complaint):
    with pytest.raises(nbio.MarkerError, match="cell 3"):
        try:
            nbio.stub_source(source, "cell 3")
        except nbio.MarkerError as error:
            assert complaint in str(error)
            raise


def test_a_broken_solution_notebook_is_a_readable_error(course_copy, capsys):
    (course_copy / "solutions" / "00_broken.ipynb").write_text("{not json")
    assert generator(course_copy) == 2
    assert "not a readable notebook" in capsys.readouterr().err


def test_writing_matches_nbformat_layout(root):
    path = sorted((root / "solutions").glob("*.ipynb"))[0]
    text = path.read_text(encoding="utf-8")
    assert nbio.dumps(json.loads(text)) == text


def test_a_notebook_someone_ran_and_saved_is_never_overwritten(course_copy, capsys):
    learner = sorted((course_copy / "notebooks").glob("*.ipynb"))[0]
    work = nbio.read(learner)
    cell = next(c for c in work["cells"] if c["cell_type"] == "code")
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "my answer\n"}]
    cell["execution_count"] = 1
    nbio.write(learner, work)
    saved = learner.read_bytes()
    edit_first_solution_cell(course_copy / "solutions" / learner.name)
    assert generator(course_copy) == 2
    assert "not overwriting" in capsys.readouterr().err and learner.read_bytes() == saved
    assert generator(course_copy, "--check") == 1  # still reported as stale
    assert generator(course_copy, "--force") == 0 and learner.read_bytes() != saved


def test_nbformat_writes_every_committed_notebook_byte_for_byte(root):
    """The notebook module reads and writes with nbformat; this is why that changes no committed file."""
    for path in sorted([*root.glob("solutions/*.ipynb"), *root.glob("notebooks/*.ipynb")]):
        text = path.read_text(encoding="utf-8")
        assert nbio.dumps(nbio.read(path)) == text, path.name


def test_learner_notebooks_say_which_lesson_they_are(root):
    for path in sorted(root.glob("notebooks/*.ipynb")):
        assert nbio.read(path).metadata["course"] == {"lesson": path.stem}


def test_streams_split_by_flush_timing_are_joined():
    notebook = {"cells": [{"cell_type": "code", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "a"},
        {"output_type": "stream", "name": "stdout", "text": "b\n"},
        {"output_type": "stream", "name": "stderr", "text": "c"},
        {"output_type": "stream", "name": "stdout", "text": "d"}]}]}
    build.coalesce_streams(notebook)
    assert [(o["name"], o["text"]) for o in notebook["cells"][0]["outputs"]] == [
        ("stdout", "ab\n"), ("stderr", "c"), ("stdout", "d")]

"""The lesson conventions of DESIGN.md, checked on every solution notebook, so that a new lesson cannot
quietly drop a header, a key-points cell, an executed output or an ignore tag on a timing."""
from __future__ import annotations

import ast
import re

import pytest
from lesson_cells import ROOT, exercise_module, lessons

from lessons.authoring import notebook as nbio

LESSONS = lessons()


def cells(lesson, kind=None):
    found = nbio.read(ROOT / "solutions" / f"{lesson}.ipynb")["cells"]
    return [c for c in found if kind is None or c["cell_type"] == kind]


@pytest.mark.parametrize("lesson", LESSONS)
def test_header_names_questions_objectives_prerequisites_and_time(lesson):
    header = nbio.source_of(cells(lesson)[0])
    assert header.startswith(f"# {lesson[:2]} · ")
    for part in ("**Questions**", "**Objectives**", "**Prerequisites**", "**Time**"):
        assert part in header, f"{lesson}: header lacks {part}"
    assert re.search(r"\*\*Time\*\*.*\d+ minutes", header), f"{lesson}: header gives no minutes"


@pytest.mark.parametrize("lesson", LESSONS)
def test_last_cell_gives_key_points_and_what_comes_next(lesson):
    last = cells(lesson)[-1]
    assert last["cell_type"] == "markdown" and "## Key points" in nbio.source_of(last)
    for target in re.findall(r"\]\(([^)]+\.ipynb)\)", nbio.source_of(last)):
        assert (ROOT / "solutions" / target).exists() or lesson == LESSONS[-1], f"{lesson}: broken link {target}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_first_code_cell_only_imports(lesson):
    tree = ast.parse(nbio.source_of(cells(lesson, "code")[0]))
    assert all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body), (
        f"{lesson}: the first code cell should hold only imports (exercise answers may rely on it alone)")


@pytest.mark.parametrize("lesson", LESSONS)
def test_solutions_come_from_one_real_top_to_bottom_run(lesson):
    counts = [c.get("execution_count") for c in cells(lesson, "code")]
    assert counts == list(range(1, len(counts) + 1)), f"{lesson}: re-run with python -m lessons.build --execute"
    for cell in cells(lesson, "code"):
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{lesson} {cell['id']}: committed an error"
            assert output.get("name") != "stderr", f"{lesson} {cell['id']}: committed stderr output"


@pytest.mark.parametrize("lesson", LESSONS)
def test_timings_are_not_checked_outputs_and_nothing_sleeps(lesson):
    for cell in cells(lesson, "code"):
        source = nbio.source_of(cell)
        # asyncio.sleep(0) only yields to the event loop; any other sleep waits on the real clock.
        assert not re.search(r"sleep\((?!0\))", source), (
            f"{lesson} {cell['id']}: no sleeping; use a fake clock, a Barrier or an Event")
        if re.search(r"\bcompare\(|perf_counter|timeit", source):
            assert "nbval-ignore-output" in cell["metadata"].get("tags", []), (
                f"{lesson} {cell['id']}: a timing cell must be tagged nbval-ignore-output")


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_has_answer_check_and_help_cells_and_instructor_notes_exist(lesson):
    sources = [nbio.source_of(c) for c in cells(lesson, "code")]
    for exercise in exercise_module(lesson).EXERCISES:
        assert any(f"{exercise.name}.check({exercise.answer})" in s for s in sources), exercise
        assert any(f"{exercise.name}.hint()" in s for s in sources), exercise
    assert any(nbio.is_instructor_only(c) for c in cells(lesson)), f"{lesson}: no instructor notes"


def test_the_browser_test_covers_every_learner_notebook():
    from browser_lessons import LESSONS as IN_BROWSER

    assert sorted(IN_BROWSER) == sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_readme_course_map_gives_the_minutes_the_header_gives(lesson):
    header = nbio.source_of(cells(lesson)[0])
    teaching, exercises = re.search(r"about (\d+) minutes of teaching and (\d+) minutes of exercises", header).groups()
    row = next(line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith(f"| [{lesson[:2]} ·"))
    assert row.rstrip().endswith(f"| {teaching} + {exercises} min |"), f"README row for {lesson}: {row}"

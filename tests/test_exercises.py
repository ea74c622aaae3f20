"""Exercise integrity, for every lesson at once: each reference solution passes its check and earns
full marks, each learner stub is "not attempted" and earns nothing, a nonsense answer gets a readable
failure, and every clause of every task is broken by some known-wrong answer. The answers themselves are
tried in test_wrong_answers.py, test_right_answers.py and test_hanging_answers.py."""
from __future__ import annotations

import importlib

import pytest
from exercise_cases import EXERCISES, IDS
from lesson_cells import exercise_module, lessons, load_answer

from lessons.exercises.core import FAILED, NOT_ATTEMPTED, PASSED


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
def test_solution_passes_and_earns_every_point(lesson, ex):
    result = ex.check(load_answer("solutions", lesson, ex.answer))
    assert result.status == PASSED, repr(result)
    fresh = load_answer("solutions", lesson, ex.answer)  # graded on a fresh definition, as a grader would
    scores = ex.grade(fresh)
    assert [s.status for s in scores] == [PASSED] * len(scores), scores
    assert sum(s.earned for s in scores) == ex.points > 0


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
def test_stub_is_not_attempted_and_earns_nothing(lesson, ex):
    stub = load_answer("notebooks", lesson, ex.answer)
    result = ex.check(stub)
    assert result.status == NOT_ATTEMPTED, repr(result)
    assert ex.answer in result.message  # it tells the learner which name to work on
    scores = ex.grade(stub)
    assert {s.status for s in scores} == {NOT_ATTEMPTED} and sum(s.earned for s in scores) == 0


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
def test_every_exercise_has_two_wrong_answers_hints_and_a_solution(lesson, ex):
    module = importlib.import_module(f"wrong_answers.l{lesson[:2]}")
    assert len(module.WRONG.get(ex.name, [])) >= 2
    assert len(ex.hints) >= 2
    shown = repr(ex.solution())
    assert "BEGIN SOLUTION" not in shown and f"{ex.answer}" in shown


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
@pytest.mark.parametrize("nonsense", [None, 42, "text", lambda *a, **k: None], ids=["None", "int", "str", "lambda"])
def test_a_nonsense_answer_gets_a_readable_failure_not_a_traceback(lesson, ex, nonsense):
    result = ex.check(nonsense)
    assert result.status == FAILED
    assert "Traceback" not in repr(result)


@pytest.mark.parametrize("lesson", lessons())
def test_each_lesson_has_at_least_three_exercises(lesson):
    assert len(exercise_module(lesson).EXERCISES) >= 3


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
def test_every_clause_of_the_task_is_broken_by_a_known_wrong_answer_that_the_check_catches(lesson, ex):
    """A clause no wrong answer breaks is a clause nobody has shown the check can fail."""
    if not ex.clauses:
        pytest.skip(f"{ex.name} has no clauses yet")
    module = importlib.import_module(f"wrong_answers.l{lesson[:2]}")
    named = {w.clause for w in module.WRONG.get(ex.name, [])}
    assert set(ex.clauses) <= named, f"clauses no known-wrong answer breaks: {sorted(set(ex.clauses) - named)}"

"""Exercise integrity, for every lesson at once: each reference solution passes its check and earns
full marks, each learner stub is "not attempted" and earns nothing, and each known-wrong answer fails
with a message that names the mistake and loses points. A check never lets an exception escape."""
from __future__ import annotations

import importlib
import textwrap

import pytest
from lesson_cells import ROOT, code_cells, exercise_module, lessons, load_answer

from lessons.authoring import notebook as nbio
from lessons.exercises.core import FAILED, NOT_ATTEMPTED, PASSED

EXERCISES = [(lesson, ex) for lesson in lessons() for ex in exercise_module(lesson).EXERCISES]
IDS = [f"{lesson[:2]}-{ex.name}" for lesson, ex in EXERCISES]


def wrong_answers():
    cases = []
    for lesson, ex in EXERCISES:
        module = importlib.import_module(f"wrong_answers.l{lesson[:2]}")
        for wrong in module.WRONG.get(ex.name, []):
            cases.append(pytest.param(lesson, ex, wrong, id=f"{lesson[:2]}-{ex.name}-{wrong.mistake}"))
    return cases


def right_answers():
    cases = []
    for lesson, ex in EXERCISES:
        module = importlib.import_module(f"wrong_answers.l{lesson[:2]}")
        for right in getattr(module, "RIGHT", {}).get(ex.name, []):
            cases.append(pytest.param(lesson, ex, right, id=f"{lesson[:2]}-{ex.name}-{right.shape}"))
    return cases


def run_wrong(lesson, ex, wrong):
    """Define a Wrong or Right answer the way a notebook would: the imports cell, then its source."""
    setup = nbio.source_of(code_cells(ROOT / "solutions" / f"{lesson}.ipynb")[0])
    namespace = {"__name__": "__main__"}
    exec(compile(setup, "<setup>", "exec"), namespace)
    label = getattr(wrong, "mistake", None) or getattr(wrong, "shape", "answer")
    exec(compile(textwrap.dedent(wrong.source), f"<{label}>", "exec"), namespace)
    return namespace[ex.answer]


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


@pytest.mark.parametrize("lesson, ex, wrong", wrong_answers())
def test_known_wrong_answer_fails_with_a_helpful_message(lesson, ex, wrong):
    result = ex.check(run_wrong(lesson, ex, wrong))
    assert result.status == FAILED, repr(result)
    assert wrong.says in repr(result), f"the message should mention {wrong.says!r}:\n{result!r}"
    if wrong.clause is not None:
        assert wrong.clause in ex.clauses, f"{wrong.clause!r} is not a clause of {ex.name}"
        assert result.clause == wrong.clause, f"the failure should name clause {wrong.clause!r}:\n{result!r}"
    earned = sum(s.earned for s in ex.grade(run_wrong(lesson, ex, wrong)))
    assert earned < ex.points


@pytest.mark.parametrize("lesson, ex, right", right_answers())
def test_a_correct_answer_of_another_shape_passes(lesson, ex, right):
    result = ex.check(run_wrong(lesson, ex, right))
    assert result.status == PASSED, repr(result)
    assert sum(s.earned for s in ex.grade(run_wrong(lesson, ex, right))) == ex.points


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


def _hang(*args, **kwargs):
    while True:
        pass


def _hang_in_a_thread(*args, **kwargs):
    import threading

    threading.Thread(target=_hang, daemon=True).start()
    return _hang()


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
@pytest.mark.parametrize("answer", [_hang, _hang_in_a_thread], ids=["loops", "loops-in-a-thread-too"])
def test_an_answer_that_never_returns_fails_within_the_time_limit_and_leaves_nothing_running(
        lesson, ex, answer, monkeypatch):
    import threading
    import time

    from lessons.exercises import core

    limit = 0.05  # the real limit is core.CHECK_SECONDS; a short one keeps this test fast
    monkeypatch.setattr(core, "CHECK_SECONDS", limit)
    before = set(threading.enumerate())
    started = time.perf_counter()
    result = ex.check(answer)
    scores = ex.grade(answer) if answer is _hang else []
    elapsed = time.perf_counter() - started
    assert result.status == FAILED, repr(result)
    assert not scores or sum(s.earned for s in scores) < ex.points
    assert elapsed < limit * (1 + len(scores)) + 10, f"{elapsed:.1f} s"  # generous: CI may be busy
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


@pytest.mark.parametrize("lesson, ex", EXERCISES, ids=IDS)
def test_every_clause_of_the_task_is_broken_by_a_known_wrong_answer_that_the_check_catches(lesson, ex):
    """A clause no wrong answer breaks is a clause nobody has shown the check can fail."""
    if not ex.clauses:
        pytest.skip(f"{ex.name} has no clauses yet")
    module = importlib.import_module(f"wrong_answers.l{lesson[:2]}")
    named = {w.clause for w in module.WRONG.get(ex.name, [])}
    assert set(ex.clauses) <= named, f"clauses no known-wrong answer breaks: {sorted(set(ex.clauses) - named)}"

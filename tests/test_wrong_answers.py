"""Each known-wrong answer (tests/wrong_answers/) fails its check with a message that names the mistake
and the task clause it breaks, and loses points when graded. A check that passes one is this course's
worst bug: it tells a learner a broken cache is right."""
from __future__ import annotations

import pytest
from exercise_cases import run_wrong, wrong_answers

from lessons.exercises.core import FAILED


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

"""Each correct answer of another shape than the reference (tests/wrong_answers/, RIGHT) passes its
check and earns every point: a check that rejects one is the second-worst bug."""
from __future__ import annotations

import pytest
from exercise_cases import right_answers, run_wrong

from lessons.exercises.core import PASSED


@pytest.mark.parametrize("lesson, ex, right", right_answers())
def test_a_correct_answer_of_another_shape_passes(lesson, ex, right):
    result = ex.check(run_wrong(lesson, ex, right))
    assert result.status == PASSED, repr(result)
    assert sum(s.earned for s in ex.grade(run_wrong(lesson, ex, right))) == ex.points

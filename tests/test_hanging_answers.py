"""An answer that never returns, also from a thread it started, fails its check and its graded tests
within the time limit, and leaves no thread running."""
from __future__ import annotations

import pytest
from exercise_cases import EXERCISES, IDS

from lessons.exercises.core import FAILED


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

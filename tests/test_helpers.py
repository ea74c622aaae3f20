"""Unit tests of the measurement, counting and exercise machinery in lessons/."""
from __future__ import annotations

import functools
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.exercises import core
from lessons.exercises.core import Exercise, Failure
from lessons.exercises.l01 import paths_reference, ways_naive_calls, ways_reference
from lessons.tools.counting import CallBudgetExceeded, CallCounter, count_calls
from lessons.tools.measure import compare


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib_calls(n):
    """The exact call count of naive fib: 2 F(n+1) - 1."""
    a, b = 0, 1
    for _ in range(n + 1):
        a, b = b, a + b
    return 2 * a - 1


@given(st.integers(min_value=0, max_value=16))
@settings(max_examples=20, deadline=None)
def test_count_calls_agrees_with_the_formula_and_with_call_counter(n):
    with count_calls(fib) as tally:
        fib(n)
    assert tally.calls == fib_calls(n)


def test_call_counter_counts_recursion_through_the_global_name():
    global fib
    original = fib
    fib = CallCounter(original)
    try:
        fib(15)
        assert fib.calls == fib_calls(15)
        fib.reset()
        assert fib.calls == 0
    finally:
        fib = original


def test_count_calls_sees_nested_helpers_and_bodies_behind_lru_cache():
    def outer(n):
        @functools.lru_cache(maxsize=None)
        def inner(k):
            return k if k < 2 else inner(k - 1) + inner(k - 2)
        return inner(n)

    with count_calls(outer) as tally:
        outer(40)
    assert tally.calls == 1 + 41  # outer once, each k from 0 to 40 computed once behind the cache


def test_budget_stops_runaway_recursion_and_restores_the_profiler():
    with pytest.raises(CallBudgetExceeded):
        with count_calls(fib, budget=50):
            fib(40)
    assert sys.getprofile() is None


def test_budget_is_not_swallowed_by_except_exception():
    def stubborn(n):
        try:
            return stubborn(n + 1)
        except Exception:
            return "swallowed"

    with pytest.raises(CallBudgetExceeded):
        with count_calls(stubborn, budget=20):
            stubborn(0)


def test_reference_answers_of_lesson_01():
    assert [ways_reference(n) for n in range(8)] == [1, 1, 2, 4, 7, 13, 24, 44]
    assert paths_reference(3, 3) == 6 and paths_reference(3, 3, frozenset({(1, 1)})) == 2
    assert paths_reference(2, 2, frozenset({(0, 0)})) == 0

    def naive_ways(n):
        if n < 0:
            return 0
        return 1 if n == 0 else naive_ways(n - 1) + naive_ways(n - 2) + naive_ways(n - 3)

    for n in range(12):
        with count_calls(naive_ways) as tally:
            naive_ways(n)
        assert tally.calls == ways_naive_calls(n)


def test_compare_interleaves_and_reports_a_ratio_with_spread():
    order = []
    timing = compare({"a": lambda: order.append("a"), "b": lambda: order.append("b")}, rounds=4, target=0.0)
    assert len(timing.samples["a"]) == len(timing.samples["b"]) == 4
    ratio = timing.ratio("b")
    assert ratio.lowest <= ratio.low <= ratio.median <= ratio.high <= ratio.highest
    assert "middle half" in str(ratio) and "interleaved" in repr(timing) and "<table>" in timing._repr_html_()
    with pytest.raises(ValueError):
        compare({"alone": lambda: None})
    with pytest.raises(ValueError):
        compare({"a": lambda: None, "b": lambda: None}, rounds=2)


def test_compare_rotates_the_order_between_rounds():
    seen = []
    compare({"a": lambda: seen.append("a"), "b": lambda: seen.append("b")}, rounds=3, target=0.0)
    # the autorange calls come first (one each, as target is 0); then rounds alternate who goes first
    assert seen[2:] == ["a", "b", "b", "a", "a", "b"]


def make_exercise(checker, hints=("first", "second")):
    return Exercise("01_memoization", "qx", "A test exercise", "answer", checker, list(hints))


def test_result_states_and_their_plain_and_html_forms():
    def checker(answer):
        if answer == 1:
            return "all good"
        if answer == 2:
            raise NotImplementedError
        raise Failure("wrong result", input="f(2)", expected=4, got=5, why="because")

    exercise = make_exercise(checker)
    passed, stub, failed, ellipsis = (exercise.check(a) for a in (1, 2, 3, ...))
    assert (passed.status, stub.status, failed.status, ellipsis.status) == (
        core.PASSED, core.NOT_ATTEMPTED, core.FAILED, core.NOT_ATTEMPTED)
    assert repr(failed).splitlines() == [
        "✘ qx failed: wrong result", "    input:    f(2)", "    expected: 4", "    got:      5",
        "    why:      because"]
    assert "<table" in failed._repr_html_() and "#D55E00" in failed._repr_html_()
    assert passed.passed and not failed.passed


def test_an_exception_in_the_answer_becomes_a_failure_that_says_where():
    def checker(answer):
        return answer(0)

    def answer(x):
        return 1 / x

    result = make_exercise(checker).check(answer)
    assert result.status == core.FAILED and "ZeroDivisionError" in result.message
    assert dict(result.details)["where"].startswith("line ") and "1 / x" in dict(result.details)["where"]


def test_hints_come_in_levels_and_stop_at_the_last():
    exercise = make_exercise(lambda a: "ok", hints=("one", "two"))
    assert "Hint 1 of 2" in repr(exercise.hint()) and "one" in repr(exercise.hint(1))
    assert "Hint 2 of 2" in repr(exercise.hint()) and "last hint" in repr(exercise.hint())
    assert "hints 1 to 2" in repr(exercise.hint(5))


def test_solution_is_polite_when_the_solutions_folder_was_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_SOLUTIONS_DIR", str(tmp_path / "gone"))
    from lessons.exercises.l01 import q1

    text = repr(q1.solution())
    assert "not part of this copy" in text and "q1.hint()" in text


def test_solution_shows_the_reference_without_markers():
    from lessons.exercises.l01 import q2

    text = q2.solution()._repr_markdown_()
    assert text.count("```") == 2 and "def memoize(func):" in text and "### " not in text


def define(source: str, name: str, filename: str = "<cell 1>"):
    """Define a function as a notebook cell would: compiled from source under a cell's file name."""
    namespace = {}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def test_generator_expressions_are_not_counted_as_calls():
    ways = define('''
memo = {0: 1}
def ways(n):
    if n not in memo:
        memo[n] = sum(ways(n - s) for s in (1, 2, 3) if s <= n)
    return memo[n]
''', "ways")
    with count_calls(ways) as tally:
        ways(30)
    # ways(30) itself, then each k from 30 down to 1 is computed once and asks for its smaller steps:
    # 3 each for k = 30..3, 2 for k = 2, 1 for k = 1.
    assert tally.calls == 1 + 3 * 28 + 2 + 1


def test_a_helper_defined_in_another_cell_is_counted_too():
    helper = define("def helper(n):\n    return n if n < 2 else helper(n - 1) + helper(n - 2)\n", "helper", "<cell 1>")
    answer = define("def answer(n):\n    return helper(n)\n", "answer", "<cell 2>")
    answer.__globals__["helper"] = helper
    with count_calls(answer) as tally:
        answer(10)
    assert tally.calls == 1 + 177


def test_library_code_is_not_counted():
    import collections
    import json

    with count_calls() as tally:
        json.dumps({"a": [1, 2]})
        collections.namedtuple("Point", "x y")(1, 2)
    assert tally.calls == 0


def test_identical_functions_measure_about_the_same():
    """With the thread's CPU clock, other programs on a busy machine barely move the ratio (with wall
    time, two identical functions measured 0.47x to 2.16x apart on a loaded 2-core machine)."""
    from lessons.tools import measure

    cached = functools.lru_cache(maxsize=None)(lambda x: x)
    same = functools.lru_cache(maxsize=None)(lambda x: x)
    cached(5), same(5)
    ratio = compare({"a": lambda: cached(5), "b": lambda: same(5)}, rounds=9).ratio("b")
    assert 0.67 < ratio.median < 1.5, ratio
    assert measure.CLOCK_NAME in repr(compare({"a": lambda: 1, "b": lambda: 2}, rounds=3, target=0.0))


def test_hidden_tests_from_the_instructors_folder_are_added_to_the_exercises_own(tmp_path, monkeypatch):
    from lessons.exercises.l01 import q1

    (tmp_path / "l01.py").write_text(
        "from lessons.exercises.core import Failure, Graded\n"
        "def ways_100(ways):\n"
        "    if ways(100) != 180396380815100901214157639:\n"
        "        raise Failure('wrong for 100')\n"
        "TESTS = {'q1': [Graded('ways(100), hidden', 2, ways_100)]}\n")
    own = q1.points
    monkeypatch.setenv("COURSE_HIDDEN_TESTS", str(tmp_path))
    assert q1.points == own + 2
    assert [s.description for s in q1.grade(lambda n: 0)][-1] == "ways(100), hidden"
    monkeypatch.delenv("COURSE_HIDDEN_TESTS")
    assert q1.points == own


def test_a_failure_names_the_clause_of_the_task_it_breaks():
    def checker(answer):
        if answer(2) != 4:
            raise Failure("wrong result", clause="square", input="f(2)", expected=4, got=answer(2))
        return "fine"

    ex = Exercise("00_x", "qx", "Squares", "f", checker, hints=["h"],
                  clauses={"square": "f(n) returns n * n for every int n", "pure": "f has no side effects"})
    result = ex.check(lambda n: n + n + 1)
    assert result.clause == "square"
    assert repr(result).splitlines()[1] == "    clause:   f(n) returns n * n for every int n"
    assert repr(ex.task()).splitlines() == [
        "**qx · Squares.** Define `f` so that:", "", "1. f(n) returns n * n for every int n",
        "2. f has no side effects"]


def test_the_watchdog_stops_threads_that_start_threads_and_threads_that_catch_the_first_stop():
    import threading

    from lessons.tools.watchdog import StillRunning, stop_new_threads

    def stubborn():
        try:
            while True:
                pass
        except StillRunning:
            pass  # caught once (like an answer's `except BaseException`): the watchdog must say it again
        while True:
            pass

    def spawner():
        threading.Thread(target=stubborn, daemon=True).start()
        while True:
            pass

    before = set(threading.enumerate())
    threading.Thread(target=spawner, daemon=True).start()
    threading.Thread(target=stubborn, daemon=True).start()
    assert stop_new_threads(before) == []


def test_compare_can_time_waiting_with_the_wall_clock():
    from lessons.tools.measure import compare

    result = compare({"a": lambda: None, "b": lambda: None}, rounds=3, target=0.0001, clock="wall")
    assert "wall-clock time" in repr(result) and result.clock_name == "wall-clock time"
    with pytest.raises(ValueError, match="clock must be one of"):
        compare({"a": lambda: None, "b": lambda: None}, clock="sundial")


def test_prepare_runs_before_the_check_and_a_failure_there_is_not_blamed_on_the_answer():
    calls = []

    def broken():
        calls.append("prepare")
        raise OSError("no server")

    ex = Exercise("00_x", "qx", "Anything", "f", lambda answer: "fine", hints=["h"], prepare=broken,
                  tests=[core.Graded("works", 1, lambda answer: None)])
    assert ex.check(...).status == core.NOT_ATTEMPTED and calls == []  # a stub starts nothing
    result = ex.check(lambda: None)
    assert result.status == core.FAILED and "not your answer's fault" in result.message and calls == ["prepare"]
    assert [s.earned for s in ex.grade(lambda: None)] == [0]
    ready = Exercise("00_x", "qx", "Anything", "f", lambda answer: "fine", hints=["h"], prepare=lambda: None)
    assert ready.check(lambda: None).status == core.PASSED

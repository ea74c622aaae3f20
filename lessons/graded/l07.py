"""Graded tests of lesson 07 (12 points in all). Every test is deterministic and bounded: threads are
joined against a deadline, event loops run in a worker thread with a timeout."""
from __future__ import annotations

from lessons.exercises.core import Failure, Graded, expect_equal
from lessons.exercises.l07 import (
    THREADS,
    _async_probe,
    _await_call,
    _run_async,
    _wrap_async,
    _wrapper_of,
    async_race,
    check_async_compute_once,
    check_async_memo,
    check_own_cache_and_falsy,
    thread_race,
)


# -- q1 ---------------------------------------------------------------------------------------------------
def memo_awaits_twice(async_memo):
    square, _ = _async_probe()
    cached = _wrap_async(async_memo, square, "async_memo")

    async def scenario():
        return [await _await_call(cached, 5) for _ in range(3)]

    expect_equal(_run_async(scenario), [25, 25, 25], input="three sequential awaits of cached(5)")


def memo_counts(async_memo):
    square, calls = _async_probe()
    cached = _wrap_async(async_memo, square, "async_memo")

    async def scenario():
        return [await _await_call(cached, x) for x in (1, 2, 1, 1, 3, 2)]

    expect_equal(_run_async(scenario), [1, 4, 1, 1, 9, 4], input="awaits of 1, 2, 1, 1, 3, 2")
    if len(calls) != 3:
        raise Failure(f"{len(calls)} executions for 3 distinct arguments", expected=3, got=len(calls))


def memo_full_check(async_memo):
    # The self-check: falsy results, every positional argument in the key, one cache per function, the
    # function's name kept. Awaitability is checked on every call (a class with an `async def __call__`
    # is as correct as an `async def` wrapper, so inspect.iscoroutinefunction is not required).
    check_async_memo(async_memo)


# -- q2 ---------------------------------------------------------------------------------------------------
def once_for_one_key(compute_once):
    _, executions, _, _ = thread_race(compute_once, ["k"] * 8)
    if len(executions) != 1:
        raise Failure(f"{len(executions)} executions for 8 threads asking for one key", expected=1,
                      got=len(executions))


def same_result_and_hits(compute_once):
    check_own_cache_and_falsy(compute_once)
    results, executions, _, cached = thread_race(compute_once, ["x"] * THREADS)
    if len(set(results)) != 1:
        raise Failure("the threads got different results", got=sorted(set(results)))
    for _ in range(3):
        expect_equal(cached("x"), results[0], input="a later cached('x')")
    if len(executions) != 1:
        raise Failure(f"{len(executions)} executions; later calls must be cache hits")


def keys_are_independent(compute_once):
    _, executions, most, _ = thread_race(compute_once, ["a", "b", "a", "c", "b"])
    if sorted(executions) != ["a", "b", "c"]:
        raise Failure("each of 3 keys should run exactly once", expected=["a", "b", "c"],
                      got=sorted(executions))
    if most != 3:
        raise Failure("different keys did not compute concurrently", expected=3, got=most)


# -- q3 ---------------------------------------------------------------------------------------------------
def async_once(async_compute_once):
    async def scenario():
        _, executions, _, _ = await async_race(_wrapper_of(async_compute_once), ["k"] * 8)
        return executions

    executions = _run_async(scenario)
    if len(executions) != 1:
        raise Failure(f"{len(executions)} executions for 8 concurrent awaits of one key", expected=1,
                      got=len(executions))


def async_shared_and_cached(async_compute_once):
    async def scenario():
        results, executions, _, cached = await async_race(_wrapper_of(async_compute_once), ["k"] * 4)
        later = [await _await_call(cached, "k") for _ in range(3)]
        return results, executions, later

    results, executions, later = _run_async(scenario)
    if len(set(results + later)) != 1 or len(executions) != 1:
        raise Failure("every caller, concurrent or later, must get the one execution's result",
                      got=(sorted(set(results + later)), len(executions)))


def async_full_check(async_compute_once):
    check_async_compute_once(async_compute_once)


def async_keys_independent(async_compute_once):
    async def scenario():
        _, executions, started, _ = await async_race(_wrapper_of(async_compute_once), ["a", "b", "a", "c"])
        return executions, started

    executions, started = _run_async(scenario)
    if sorted(started) != ["a", "b", "c"] or sorted(executions) != ["a", "b", "c"]:
        raise Failure("3 keys should start concurrently and run once each", expected=["a", "b", "c"],
                      got=sorted(started))


TESTS = {
    "q1": [
        Graded("a cached value can be awaited again", 1, memo_awaits_twice),
        Graded("one execution per distinct arguments", 1, memo_counts),
        Graded("the self-check: a cached 0, every argument in the key, one cache per function, its name", 1,
               memo_full_check),
    ],
    "q2": [
        Graded("8 threads, one key: one execution", 2, once_for_one_key),
        Graded("every thread gets the one result; later calls are hits, a cached 0 too", 1,
               same_result_and_hits),
        Graded("different keys compute concurrently", 1, keys_are_independent),
    ],
    "q3": [
        Graded("8 concurrent awaits, one key: one execution", 2, async_once),
        Graded("concurrent and later callers share the one result", 1, async_shared_and_cached),
        Graded("failures are shared, not cached; retried on the next call", 1, async_full_check),
        Graded("different keys run concurrently", 1, async_keys_independent),
    ],
}

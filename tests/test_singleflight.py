"""Unit tests of lessons.caches.singleflight: compared with functools.lru_cache as a reference on sequential
calls (property-based), and proved compute-once under concurrency with the deterministic harness."""
from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.caches.singleflight import SingleFlight
from lessons.tools.stampede import Tally, run_threads, thread_index


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=40))
@settings(max_examples=60, deadline=None)
def test_sequential_calls_agree_with_an_unbounded_lru_cache(calls):
    def square(x):
        return x * x

    reference = functools.lru_cache(maxsize=None)(square)
    flight = SingleFlight(square)
    assert [flight(x) for x in calls] == [reference(x) for x in calls]
    info = reference.cache_info()
    assert (flight.hits, flight.executions, flight.waits) == (info.hits, info.misses, 0)


@pytest.mark.parametrize("n", [2, 5, 9])
def test_concurrent_callers_of_one_key_share_one_execution(n):
    waiting, executions = Tally(), Tally()

    def load(key):
        executions.add()
        assert waiting.wait_until(n - 1, timeout=5)   # every other caller is a follower, waiting
        return f"{key} by {thread_index()}"

    flight = SingleFlight(load, on_wait=lambda key: waiting.add(), timeout=5)
    results = run_threads(lambda i: flight("k"), n)
    assert executions.value == 1 and len(set(results)) == 1
    assert (flight.executions, flight.waits) == (1, n - 1)
    assert flight("k") == results[0] and flight.hits == 1


def test_a_failure_reaches_every_waiting_caller_and_is_not_cached():
    waiting, attempts = Tally(), Tally()

    def flaky(key):
        if attempts.add() == 1:
            assert waiting.wait_until(3, timeout=5)
            raise ConnectionError("down")
        return "up"

    flight = SingleFlight(flaky, on_wait=lambda key: waiting.add(), timeout=5)

    def call(i):
        try:
            return flight("k")
        except ConnectionError as error:
            return f"error: {error}"

    assert run_threads(call, 4) == ["error: down"] * 4
    assert flight("k") == "up" and attempts.value == 2


def test_different_keys_compute_concurrently():
    barrier_hits = Tally()

    def load(key):
        barrier_hits.add()
        assert barrier_hits.wait_until(3, timeout=5)  # all three keys inside load at once
        return key

    flight = SingleFlight(load)
    assert run_threads(lambda i: flight("abc"[i]), 3) == ["a", "b", "c"]
    assert flight.executions == 3


def test_cache_clear_and_wraps():
    @SingleFlight
    def double(x):
        """Twice x."""
        return 2 * x

    double(1)
    double.cache_clear()
    assert double.executions == 0 and double(1) == 2 and double.executions == 1
    assert double.__name__ == "double" and double.__doc__ == "Twice x."

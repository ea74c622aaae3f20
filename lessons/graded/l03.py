"""Graded tests of lesson 03 (10 points in all)."""
from __future__ import annotations

from lessons import traces
from lessons.exercises.core import Failure, Graded, expect_equal
from lessons.exercises.l03 import (
    _info,
    check_falsy_values,
    check_fib,
    check_flat,
    check_own_cache_and_all_args,
    check_prediction,
    check_put_existing,
    check_refresh_and_eviction,
    check_separate_instances,
    expected_counters,
    falsy_value,
    flags_of,
    lru_cache_steps,
    lrucache_replay,
    memoize_trace,
    q1_expected,
)


# -- q1 -----------------------------------------------------------------------------------------------------
def prediction_keys(predicted_cache):
    keys = predicted_cache if isinstance(predicted_cache, (list, tuple, str)) else None
    if keys is None or sorted(map(str, keys)) != sorted(q1_expected()):
        raise Failure("not the keys the cache holds", got=predicted_cache)


def prediction_order(predicted_cache):
    check_prediction(predicted_cache)


# -- q2 -----------------------------------------------------------------------------------------------------
def lrucache_refresh(LRUCache):
    check_separate_instances(LRUCache)
    check_refresh_and_eviction(LRUCache)
    cache = LRUCache(1)
    cache.put("A", 1)
    cache.put("B", 2)
    if cache.get("A") is not None or cache.get("B") != 2:
        raise Failure("LRUCache(1) should hold only the last key put", input="put A, put B, get A, get B")


def lrucache_update(LRUCache):
    check_put_existing(LRUCache)
    check_falsy_values(LRUCache)


def lrucache_long_traces(LRUCache):
    for trace, maxsize in [(traces.hot_cold(30, 300, seed=7), 6), (traces.uniform(8, 200, seed=2), 5),
                           (traces.cyclic_scan(6, 60), 6)]:
        flags, counters, _ = lrucache_replay(LRUCache, trace, maxsize)
        steps = lru_cache_steps(trace, maxsize)
        expect_equal(flags, flags_of(steps), input=f"LRUCache({maxsize}) on a trace of {len(trace)} keys")
        if counters[-1] != expected_counters(steps):
            raise Failure("the counters (hits, misses, evictions) are off", expected=expected_counters(steps),
                          got=counters[-1])


# -- q3 -----------------------------------------------------------------------------------------------------
def memoize_flat(lru_memoize):
    check_flat(lru_memoize, traces.hot_cold(20, 200, seed=4), 5)
    check_flat(lru_memoize, traces.cyclic_scan(4, 20), 3)
    check_flat(lru_memoize, list("DCBADCBAD"), 4, falsy_value)
    check_own_cache_and_all_args(lru_memoize)


def memoize_unbounded_and_zero(lru_memoize):
    check_flat(lru_memoize, traces.zipf(15, 80, seed=1), None)
    check_flat(lru_memoize, list("AABBA"), 0)


def memoize_recursion(lru_memoize):
    for maxsize in (4, 3, 2, 1):
        check_fib(lru_memoize, maxsize, 16)


def memoize_clear(lru_memoize):
    _, calls, wrapper = memoize_trace(lru_memoize, list("ABA"), 2)
    if not callable(getattr(wrapper, "cache_clear", None)):
        raise Failure("no cache_clear()")
    wrapper.cache_clear()
    expect_equal(_info(wrapper), (0, 0, 2, 0), input="cache_info() after cache_clear()")
    before = len(calls)
    wrapper("A")
    if len(calls) != before + 1:
        raise Failure("after cache_clear() the function was not called again",
                      input="cache_clear(); cached('A')")


TESTS = {
    "q1": [
        Graded("the predicted keys are the ones the cache holds", 1, prediction_keys),
        Graded("in recency order, least recently used first", 1, prediction_order),
    ],
    "q2": [
        Graded("a hit refreshes; the least recently used key is evicted; caches are separate", 1,
               lrucache_refresh),
        Graded("put on a present key updates and refreshes it without evicting; 0 and None are kept", 1,
               lrucache_update),
        Graded("agrees with functools.lru_cache on longer traces", 1, lrucache_long_traces),
    ],
    "q3": [
        Graded("cache_info() equals lru_cache's after every call on traces, falsy results included; "
               "one cache per function, keyed on all arguments", 1, memoize_flat),
        Graded("maxsize=None never evicts, maxsize=0 stores nothing", 1, memoize_unbounded_and_zero),
        Graded("the real recursion: fib(16) with maxsize 4, 3, 2, 1 counts as lru_cache does", 2,
               memoize_recursion),
        Graded("cache_clear() empties the cache and the counters", 1, memoize_clear),
    ],
}

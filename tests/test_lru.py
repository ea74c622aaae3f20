"""lessons.caches.lru against the real thing: functools.lru_cache, step by step, on random traces."""
from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.caches.lru import HIT, MISS, LRUModel, normalise_maxsize, traced_lru_cache

traces = st.lists(st.integers(0, 9), max_size=60)
sizes = st.one_of(st.none(), st.integers(0, 8))


def real_cache(maxsize):
    @functools.lru_cache(maxsize=maxsize)
    def identity(key):
        return key
    return identity


@settings(max_examples=80, deadline=None)
@given(traces, sizes)
def test_model_agrees_with_lru_cache_after_every_step(trace, maxsize):
    real, model = real_cache(maxsize), LRUModel(maxsize)
    for key in trace:
        before = real.cache_info().hits
        real(key)
        event = model.access(key)
        info = real.cache_info()
        assert event.hit == (info.hits == before + 1)
        assert model.cache_info() == info            # hits, misses, maxsize, currsize
        assert (model.hits, model.misses, model.currsize) == (info.hits, info.misses, info.currsize)


@settings(max_examples=80, deadline=None)
@given(traces, st.integers(0, 6), st.integers(0, 9))
def test_model_contents_are_what_the_real_cache_holds(trace, maxsize, probe):
    # Probing a real lru_cache changes it, so each probe gets a fresh cache fed the same trace: the
    # probe is a hit exactly when the key is in the cache at that moment.
    real = real_cache(maxsize)
    for key in trace:
        real(key)
    hits = real.cache_info().hits
    real(probe)
    model = LRUModel(maxsize)
    model.run(trace)
    assert (probe in model) == (real.cache_info().hits == hits + 1)


@settings(max_examples=80, deadline=None)
@given(traces, st.integers(1, 6), st.integers(1, 7))
def test_model_recency_order_is_the_real_eviction_order(trace, maxsize, fresh_keys):
    # After the trace, feed `fresh_keys` keys never seen before. lru_cache then evicts the `evicted`
    # least recently used keys, which the model says are contents[:evicted]; every other one stays.
    model = LRUModel(maxsize)
    model.run(trace)
    contents = model.contents
    evicted = max(0, min(len(contents), len(contents) + fresh_keys - maxsize))
    for position, key in enumerate(contents):
        real = real_cache(maxsize)
        for k in trace:
            real(k)
        for fresh in range(100, 100 + fresh_keys):
            real(fresh)
        hits = real.cache_info().hits
        real(key)
        assert (real.cache_info().hits == hits + 1) == (position >= evicted), (position, key)


def test_a_hit_refreshes_and_the_least_recent_key_goes():
    model = LRUModel(3)
    kinds = [e.kind for e in model.run("ABCA")]
    assert kinds == [MISS, MISS, MISS, HIT] and model.contents == ("B", "C", "A")
    event = model.access("D")
    assert event.evicted == "B" and model.contents == ("C", "A", "D") and model.evictions == 1


def test_maxsize_rules_are_lru_caches():
    assert normalise_maxsize(None) is None and normalise_maxsize(-5) == 0 and normalise_maxsize(4) == 4
    with pytest.raises(TypeError):
        normalise_maxsize(2.5)
    zero = LRUModel(0)
    zero.run([1, 1, 1])
    assert zero.cache_info() == real_cache(0).cache_info()._replace(misses=3)
    assert zero.contents == () and zero.hits == 0


@pytest.mark.parametrize("maxsize", [None, 0, 1, 2, 3, 4, 8])
@pytest.mark.parametrize("n", [0, 1, 2, 5, 12, 16])
def test_traced_cache_on_recursive_fib_matches_lru_cache(maxsize, n):
    @functools.lru_cache(maxsize=maxsize)
    def fib(k):
        return k if k < 2 else fib(k - 1) + fib(k - 2)

    @traced_lru_cache(maxsize=maxsize)
    def traced(k):
        return k if k < 2 else traced(k - 1) + traced(k - 2)

    assert traced(n) == fib(n)
    assert traced.cache_info() == fib.cache_info()
    kinds = [e.kind for e in traced.events]
    assert kinds.count(HIT) == fib.cache_info().hits and kinds.count(MISS) == fib.cache_info().misses


def test_traced_cache_does_not_store_a_key_twice_when_recursion_stored_it():
    def make(decorator):
        depth = 0

        @decorator
        def f(k):
            nonlocal depth
            depth += 1
            try:
                return f(k) if depth < 3 else k   # calls itself with the same key while that key misses
            finally:
                depth -= 1
        return f

    real, traced = make(functools.lru_cache(maxsize=2)), make(traced_lru_cache(maxsize=2))
    for k in (5, 6, 5, 7):
        assert real(k) == traced(k) == k
    assert traced.cache_info() == real.cache_info()
    assert [e.kind for e in traced.events].count("store") == 3


def test_traced_cache_clear():
    @traced_lru_cache(maxsize=2)
    def square(k):
        return k * k

    for k in (1, 2, 1, 3):
        square(k)
    assert square.contents() == (1, 3) and square.cache_info() == (1, 3, 2, 2)
    square.cache_clear()
    assert square.cache_info() == (0, 0, 2, 0) and square.events == []

"""Graded tests of lesson 06 (14 points in all)."""
from __future__ import annotations

from lessons.clock import FakeClock
from lessons.exercises.core import Failure, Graded, expect_equal
from lessons.exercises.l06 import (
    BOUNDARY_WHY,
    _describe_probe,
    _fixed,
    _memoized,
    _probe,
    _real_calls,
    cachetools_is_fresh,
    check_agrees_with_cachetools,
    check_lru_order,
    check_no_collisions,
    check_restored_entry_is_recent,
    check_ttl_boundary,
    check_ttl_expiry,
    check_ttl_memoize,
)


# -- q1 ---------------------------------------------------------------------------------------------------
def fresh_on_the_boundary(is_fresh):
    for stored_at, ttl in [(0, 1), (7, 3), (1.5, 0.25), (1000, 3600)]:
        now = stored_at + ttl
        expect_equal(is_fresh(stored_at, ttl, now), cachetools_is_fresh(stored_at, ttl, now),
                     input=f"is_fresh({stored_at}, {ttl}, {now})", why=BOUNDARY_WHY)


def fresh_elsewhere(is_fresh):
    for stored_at, ttl, now in [(0, 1, 0), (0, 1, 0.5), (0, 1, 2), (7, 3, 9.75), (7, 3, 10.25), (50, 5, 7000)]:
        expect_equal(is_fresh(stored_at, ttl, now), cachetools_is_fresh(stored_at, ttl, now),
                     input=f"is_fresh({stored_at}, {ttl}, {now})")


# -- q2 ---------------------------------------------------------------------------------------------------
def memo_expiry(ttl_memoize):
    check_ttl_expiry(ttl_memoize)


def memo_other_ttl(ttl_memoize):
    clock = FakeClock(100)
    power, calls = _probe()
    cached = _memoized(ttl_memoize, 0.5, clock, power)
    for time, x, expected in [(100, 2, 1), (100.25, 2, 1), (100.25, 5, 2), (100.5, 2, 3), (100.75, 5, 4), (100.875, 2, 4)]:
        clock.set(time)
        cached(x)
        if len(calls) != expected:
            raise Failure(f"wrong hit or miss at t = {time} with ttl = 0.5", expected=_real_calls(expected),
                          got=_real_calls(len(calls)), why=BOUNDARY_WHY)


def memo_full(ttl_memoize):
    check_ttl_memoize(ttl_memoize)


# -- q3 ---------------------------------------------------------------------------------------------------
def lru_no_collisions(ttl_lru_cache):
    check_no_collisions(ttl_lru_cache)


def lru_order(ttl_lru_cache):
    check_lru_order(ttl_lru_cache)
    describe, calls = _describe_probe()
    cached = _fixed(ttl_lru_cache, 3, 100, FakeClock(), describe)
    for key in "abcabd":                 # a, b, c stored; a and b used again; d evicts c
        cached(key)
    before = len(calls)
    cached("a"), cached("b")
    if len(calls) != before:
        raise Failure("'a' or 'b' was evicted although 'c' was the least recently used",
                      input="maxsize=3: f('a'), f('b'), f('c'), f('a'), f('b'), f('d'), then f('a'), f('b')")


def lru_ttl(ttl_lru_cache):
    check_ttl_boundary(ttl_lru_cache)
    check_restored_entry_is_recent(ttl_lru_cache)


def lru_random(ttl_lru_cache):
    for seed in (1, 2, 3):
        check_agrees_with_cachetools(ttl_lru_cache, seed)


TESTS = {
    "q1": [
        Graded("expired at exactly stored_at + ttl, as in cachetools", 1, fresh_on_the_boundary),
        Graded("fresh before, expired after, fractional times", 1, fresh_elsewhere),
    ],
    "q2": [
        Graded("hits until ttl, a miss at exactly ttl, stored again with the new time", 2, memo_expiry),
        Graded("another ttl and several keys", 1, memo_other_ttl),
        Graded("keyword arguments in any order, falsy results, cache_info with currsize, cache_clear, one cache per function", 2, memo_full),
    ],
    "q3": [
        Graded("different calls never share a key", 2, lru_no_collisions),
        Graded("evicts the least recently used entry, not the oldest", 2, lru_order),
        Graded("expires at exactly ttl; a recomputed entry is the most recently used", 1, lru_ttl),
        Graded("same hits and misses as cachetools' TTLCache on random traces", 2, lru_random),
    ],
}

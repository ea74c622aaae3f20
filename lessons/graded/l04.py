"""Graded tests of lesson 04 (11 points in all). Like the checks, they run real lru_caches and never time."""
from __future__ import annotations

import functools
import math
from numbers import Real

from lessons import traces
from lessons.exercises.core import Failure, expect_equal
from lessons.exercises.core import Graded
from lessons.exercises.l04 import (
    ENTRY_BYTES,
    check_final_info,
    exact_target,
    q2_sequence,
    run_q3_case,
    smallest_size_reference,
)
from lessons.tuning import ratio, replay


# -- q1 ---------------------------------------------------------------------------------------------------
def _expect_ratio(hit_ratio, keys, maxsize):
    info = replay(keys, maxsize)
    got = hit_ratio(info)
    if isinstance(got, bool) or not isinstance(got, Real) or not math.isclose(got, ratio(info), abs_tol=1e-12):
        raise Failure("wrong hit ratio", input=f"hit_ratio({info})", expected=ratio(info), got=got)


def ratio_bounded(hit_ratio):
    _expect_ratio(hit_ratio, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], 4)
    _expect_ratio(hit_ratio, traces.zipf(50, 500, seed=3), 10)


def ratio_never_called(hit_ratio):
    @functools.lru_cache(maxsize=32)
    def f(x):
        return x

    f(1)
    f(1)
    f.cache_clear()  # a cleared cache has no calls either
    expect_equal(hit_ratio(f.cache_info()), 0.0, input=f"hit_ratio({f.cache_info()})",
                 why="no calls since cache_clear(): the hit ratio is 0.0")


def ratio_unbounded_and_all_hits(hit_ratio):
    _expect_ratio(hit_ratio, [7] * 10, None)
    _expect_ratio(hit_ratio, [1, 2, 3], None)


# -- q2 ---------------------------------------------------------------------------------------------------
def _fields(final_info):
    if not isinstance(final_info, (tuple, list)) or len(final_info) != 4:
        raise Failure("final_info should be (hits, misses, maxsize, currsize)", got=final_info)
    return tuple(final_info)


def q2_hits_and_size(final_info):
    got, real = _fields(final_info), q2_sequence()
    if (got[0], got[2], got[3]) != (real.hits, real.maxsize, real.currsize):
        raise Failure("hits, maxsize or currsize is wrong", got=got)


def q2_misses(final_info):
    got, real = _fields(final_info), q2_sequence()
    if got[1] != real.misses:
        raise Failure("misses is wrong: calls that raise count as misses, and cache_clear() resets the count",
                      got=got)


def q2_exact(final_info):
    check_final_info(final_info)


# -- q3 ---------------------------------------------------------------------------------------------------
ZIPF = traces.zipf(300, 2048, seed=21)
SCAN = traces.cyclic_scan(30, 600)


def q3_reaches_target(choose_maxsize):
    for target in (0.5, 0.6, 0.7):
        run_q3_case(choose_maxsize, (f"target {target}", "ZIPF", ZIPF, target, 10**5, ENTRY_BYTES))


def q3_budget_and_none(choose_maxsize):
    needed = smallest_size_reference(ZIPF, 0.6, 10**6, ENTRY_BYTES)
    for budget in (needed * ENTRY_BYTES - 1, needed * ENTRY_BYTES, 5 * ENTRY_BYTES):
        run_q3_case(choose_maxsize, (f"budget {budget}", "ZIPF", ZIPF, 0.6, budget, ENTRY_BYTES))


def q3_exact_and_scan(choose_maxsize):
    run_q3_case(choose_maxsize, ("a target met exactly", "ZIPF", ZIPF, exact_target(ZIPF, 23), 10**5, ENTRY_BYTES))
    run_q3_case(choose_maxsize, ("a loop over 30 keys", "SCAN", SCAN, 0.9, 10**5, ENTRY_BYTES))
    run_q3_case(choose_maxsize, ("a loop over 30 keys, one entry short", "SCAN", SCAN, 0.9, 29 * ENTRY_BYTES,
                                 ENTRY_BYTES))


def q3_unreachable(choose_maxsize):
    run_q3_case(choose_maxsize, ("a target above the ceiling", "ZIPF", ZIPF, 0.99, 400 * ENTRY_BYTES, ENTRY_BYTES))


def q3_float_entry_and_zero_target(choose_maxsize):
    run_q3_case(choose_maxsize, ("a float entry_bytes, the budget exactly full", "ZIPF", ZIPF, 0.6, 16_875, 312.5))
    run_q3_case(choose_maxsize, ("a target of 0", "SCAN", SCAN, 0.0, 10**5, ENTRY_BYTES))


TESTS = {
    "q1": [
        Graded("hit ratio of bounded caches", 1, ratio_bounded),
        Graded("0.0 for a cache without calls (also after cache_clear)", 1, ratio_never_called),
        Graded("unbounded caches, all hits", 1, ratio_unbounded_and_all_hits),
    ],
    "q2": [
        Graded("hits, maxsize and currsize", 1, q2_hits_and_size),
        Graded("misses (exceptions count, cache_clear resets)", 1, q2_misses),
        Graded("the whole CacheInfo", 1, q2_exact),
    ],
    "q3": [
        Graded("smallest size reaching the target", 1, q3_reaches_target),
        Graded("respects the memory budget, None when over it", 1, q3_budget_and_none),
        Graded("a target met exactly; a cyclic scan", 1, q3_exact_and_scan),
        Graded("None when no size reaches the target", 1, q3_unreachable),
        Graded("a measured (float) entry_bytes; at least one entry", 1, q3_float_entry_and_zero_target),
    ],
}

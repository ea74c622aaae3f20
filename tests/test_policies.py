"""lessons.caches.policies: LRU against functools.lru_cache, FIFO/LFU against cachetools and hand-worked
examples, Belady never beaten, random eviction reproducible."""
from __future__ import annotations

import cachetools
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.caches.policies import POLICIES, next_uses, simulate, sweep
from lessons.exercises.l03 import lru_cache_steps
from lessons.tools import traces as workloads

traces = st.lists(st.integers(0, 12), max_size=80)
sizes = st.integers(0, 10)


def lru_cache_flags(trace, size):
    """Hit (True) or miss per access of a real functools.lru_cache, from its hit counter after each step."""
    hits = [0] + [h for h, _, _ in lru_cache_steps(trace, size)]
    return tuple(after == before + 1 for before, after in zip(hits, hits[1:]))


def cachetools_flags(cache, trace):
    flags = []
    for key in trace:
        if key in cache:
            cache[key]              # a read: LRU/LFU update their bookkeeping, FIFO does not
            flags.append(True)
        else:
            cache[key] = key
            flags.append(False)
    return tuple(flags)


@settings(max_examples=80, deadline=None)
@given(traces, sizes)
def test_lru_agrees_with_functools_lru_cache_access_by_access(trace, size):
    assert simulate("LRU", trace, size, record=True).hit_flags == lru_cache_flags(trace, size)


@settings(max_examples=80, deadline=None)
@given(traces, st.integers(1, 10))
def test_fifo_and_lfu_agree_with_cachetools(trace, size):
    references = {"FIFO": cachetools.FIFOCache, "LFU": cachetools.LFUCache, "LRU": cachetools.LRUCache}
    for policy, cache in references.items():
        assert simulate(policy, trace, size, record=True).hit_flags == cachetools_flags(cache(size), trace)


@settings(max_examples=80, deadline=None)
@given(traces, sizes, st.integers(0, 5))
def test_belady_is_never_beaten(trace, size, seed):
    best = simulate("optimal", trace, size).hits
    for policy in POLICIES:
        assert simulate(policy, trace, size, seed=seed).hits <= best, policy


@settings(max_examples=50, deadline=None)
@given(traces, st.integers(1, 10))
def test_every_policy_counts_every_access_and_misses_each_new_key(trace, size):
    for policy in POLICIES:
        result = simulate(policy, trace, size, record=True)
        assert result.hits + result.misses == len(trace) == len(result.hit_flags)
        assert result.misses >= len(set(trace))             # a first access is always a miss
        if size >= len(set(trace)):                        # nothing is ever evicted
            assert result.misses == len(set(trace))


def test_fifo_hand_worked():
    # size 2: A miss [A], B miss [A B], A hit (order unchanged), C miss evicts A (first in) [B C],
    # A miss evicts B [C A], B miss evicts C [A B]
    assert simulate("FIFO", "ABACAB", 2, record=True).hit_flags == (False, False, True, False, False, False)
    # LRU on the same trace keeps A, because the hit refreshed it: C evicts B, then A hits
    assert simulate("LRU", "ABACAB", 2, record=True).hit_flags == (False, False, True, False, True, False)


def test_lfu_hand_worked():
    # size 2: A, A, A (A count 3), B (count 1), C evicts B (count 1 < 3), B evicts C, A still hits
    flags = simulate("LFU", "AAABCBA", 2, record=True).hit_flags
    assert flags == (False, True, True, False, False, False, True)
    # ties go to the key whose count was reached earliest: A1 B1 -> C evicts A
    assert simulate("LFU", "ABCB", 2, record=True).hit_flags == (False, False, False, True)
    # LRU on the first trace loses A: B and C are more recent
    assert simulate("LRU", "AAABCBA", 2, record=True).hit_flags[-1] is False


def test_belady_hand_worked():
    # size 2, trace A B C A B: at C, B's next use (4) is later than A's (3), so B goes: A hits, B misses
    assert simulate("optimal", "ABCAB", 2, record=True).hit_flags == (False, False, False, True, False)
    assert next_uses("ABCAB") == [3, 4, 5, 5, 5]


def test_cyclic_scan_one_larger_than_the_cache():
    trace = workloads.cyclic_scan(11, 1100)
    for policy in ("LRU", "FIFO", "LFU"):
        assert simulate(policy, trace, 10).hits == 0
    assert simulate("random", trace, 10).hits > 0
    assert simulate("optimal", trace, 10).hits > 0.8 * len(trace)


def test_random_is_reproducible_and_depends_on_the_seed():
    trace = workloads.zipf(100, 2000, seed=3)
    assert simulate("random", trace, 10, seed=1) == simulate("random", trace, 10, seed=1)
    assert len({simulate("random", trace, 10, seed=s).hits for s in range(5)}) > 1


def test_sweep_and_bad_arguments():
    rates = sweep([1, 2, 1, 2], [1, 2], policies=["LRU"])
    assert rates == {"LRU": [0.0, 0.5]}
    with pytest.raises(ValueError):
        simulate("MRU", [1], 1)
    with pytest.raises(ValueError):
        simulate("LRU", [1], -1)

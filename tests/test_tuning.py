"""lessons.tools.tuning: replays agree with a reference LRU model and with the pure-Python functools; the
hit-rate curve, knee, ceiling and memory measurements do what their docstrings say."""
from __future__ import annotations

import functools
import sys
import tracemalloc
from collections import OrderedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.exercises import l04
from lessons.tools import traces
from lessons.tools.tuning import (
    Knee,
    bytes_per_entry,
    ceiling,
    find_knee,
    hit_ratio_curve,
    pure_python_functools,
    ratio,
    replay,
    source_excerpt,
    source_lines,
)

PURE = pure_python_functools()


def lru_model(trace, maxsize):
    """(hits, misses, currsize) of the textbook LRU cache: an OrderedDict, most recent at the end."""
    cache, hits, misses = OrderedDict(), 0, 0
    for key in trace:
        if key in cache:
            hits += 1
            cache.move_to_end(key)
            continue
        misses += 1
        if maxsize == 0:
            continue
        cache[key] = None
        if maxsize is not None and len(cache) > maxsize:
            cache.popitem(last=False)
    return hits, misses, len(cache)


keys = st.lists(st.integers(0, 12), max_size=80)
sizes = st.one_of(st.none(), st.integers(0, 14))


@given(keys, sizes)
@settings(max_examples=100, deadline=None)
def test_replay_is_the_real_lru_cache_and_matches_the_model(trace, maxsize):
    info = replay(trace, maxsize)
    assert type(info).__name__ == "CacheInfo" and info.maxsize == maxsize
    assert (info.hits, info.misses, info.currsize) == lru_model(trace, maxsize)
    assert replay(trace, maxsize, lru_cache=PURE.lru_cache) == info


@given(keys)
@settings(max_examples=60, deadline=None)
def test_lru_hits_never_go_down_with_size_and_the_ceiling_is_the_top(trace):
    curve = hit_ratio_curve(trace, range(0, 15))
    assert curve == sorted(curve)  # LRU is a stack algorithm
    assert curve[-1] == ceiling(trace)  # 14 entries hold all 13 possible keys
    if trace:
        assert ceiling(trace) == (len(trace) - len(set(trace))) / len(trace)


def test_ratio_of_no_calls_is_zero():
    assert ratio(replay([], 5)) == 0.0
    assert ratio(replay([1, 1, 1, 2], 5)) == 0.5


def test_pure_python_functools_is_separate_and_restores_the_c_module():
    assert "_functools" in sys.modules and sys.modules["_functools"] is not None
    assert type(functools.lru_cache(maxsize=2)(abs)).__name__ == "_lru_cache_wrapper"
    wrapped = PURE.lru_cache(maxsize=2)(abs)
    assert type(wrapped).__name__ == "function"  # the pure-Python wrapper
    assert PURE is not functools and PURE.__file__ == functools.__file__


def test_exceptions_count_as_misses_and_are_not_stored_in_both_implementations():
    for lru_cache in (functools.lru_cache, PURE.lru_cache):
        for maxsize in (2, None):
            @lru_cache(maxsize=maxsize)
            def f(x):
                if x < 0:
                    raise ValueError(x)
                return x

            f(1)
            for _ in range(2):
                with pytest.raises(ValueError):
                    f(-1)
            assert tuple(f.cache_info()) == (0, 3, maxsize, 1)
            f.cache_clear()
            assert tuple(f.cache_info()) == (0, 0, maxsize, 0)


def test_source_helpers_quote_the_bounded_wrapper():
    excerpt = source_excerpt(PURE._lru_cache_wrapper, "link = cache_get(key)", "result = user_function")
    lines = [line.strip() for line in excerpt.splitlines()]
    assert lines[0] == "link = cache_get(key)" and lines[-1].startswith("result = user_function")
    assert lines.index("misses += 1") < len(lines) - 1  # the miss is counted before the call
    assert "full = (cache_len() >= maxsize)" in source_lines(PURE._lru_cache_wrapper, "maxsize")


def test_knee_of_a_bent_curve_a_straight_line_and_bad_input():
    sizes = list(range(0, 110, 10))
    bent = [min(k, 40) / 40 * 0.9 + max(0, k - 40) / 600 for k in sizes]
    assert find_knee(sizes, bent) == Knee(40, bent[4], 4)
    assert find_knee(sizes, [k / 100 for k in sizes]).index == 0
    assert find_knee([1, 2, 3], [0.5, 0.5, 0.5]) == Knee(1, 0.5, 0)
    with pytest.raises(ValueError):
        find_knee([1], [0.5])
    with pytest.raises(ValueError):
        find_knee([1, 2], [0.5])


def test_knee_of_a_hot_cold_trace_is_near_its_hot_set():
    trace = traces.hot_cold(500, 5000, hot_fraction=0.1, hot_share=0.9, seed=2)  # 50 hot keys
    sizes = list(range(0, 201, 10))
    knee = find_knee(sizes, hit_ratio_curve(trace, sizes))
    assert 40 <= knee.size <= 100


def test_bytes_per_entry_measures_results_and_leaves_tracemalloc_as_it_was():
    assert not tracemalloc.is_tracing()
    overhead = bytes_per_entry(lambda i: None, entries=500)
    big = bytes_per_entry(lambda i: bytes(1000) + str(i).encode(), entries=500)
    assert 0 < overhead < big and big - overhead > 1000
    assert not tracemalloc.is_tracing()
    tracemalloc.start()
    try:
        bytes_per_entry(lambda i: None, entries=10)
        assert tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()
    with pytest.raises(ValueError):
        bytes_per_entry(lambda i: None, entries=0)


def linear_reference(trace, target, budget, entry_bytes):
    for size in range(1, int(budget // entry_bytes) + 1):
        if ratio(replay(trace, size)) >= target:
            return size
    return None


@given(st.lists(st.integers(0, 15), min_size=1, max_size=60), st.floats(0.01, 1.0), st.integers(0, 30))
@settings(max_examples=80, deadline=None)
def test_exercise_reference_binary_search_equals_trying_every_size(trace, target, affordable):
    assert l04.smallest_size_reference(trace, target, affordable * 10, 10) == linear_reference(trace, target,
                                                                                               affordable * 10, 10)


def test_q2_sequence_is_the_same_in_c_and_python_and_its_model_is_right():
    real = l04.q2_sequence()
    assert real == l04.q2_sequence(PURE.lru_cache) == l04.q2_model()
    mistakes = {l04.q2_model(**switches) for switches, _, _ in l04.Q2_MISTAKES}
    assert len(mistakes) == len(l04.Q2_MISTAKES) and real not in mistakes  # each mistake is recognisable

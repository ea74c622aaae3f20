"""lessons.tools.recursion_depth: the bisection against a model, the limit always restored, and the version
facts lesson 05 relies on, measured on whichever interpreter runs the tests."""
from __future__ import annotations

import functools
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons.tools.recursion_depth import (
    DepthProfile,
    depth_profile,
    frame_depth,
    largest_cold_n,
    recursion_limit,
    succeeds,
    with_big_stack,
)


def failing_above(threshold):
    """A factory of functions that raise RecursionError for any argument above ``threshold``."""
    def make():
        def func(n):
            if n > threshold:
                raise RecursionError("too deep")
            return n
        return func
    return make


@given(threshold=st.integers(min_value=-1, max_value=5000), upper=st.integers(min_value=0, max_value=5000))
def test_bisection_finds_the_threshold(threshold, upper):
    assert largest_cold_n(failing_above(threshold), upper) == min(threshold, upper)


def test_each_probe_gets_a_fresh_function():
    made = []

    def make():
        made.append(1)
        return lambda n: n

    largest_cold_n(make, 1000)
    assert len(made) >= 10  # one per probe: a shared warm cache would falsify the measurement


def test_recursion_limit_is_restored_even_after_an_error():
    before = sys.getrecursionlimit()
    with pytest.raises(ZeroDivisionError):
        with recursion_limit(before + 123):
            assert sys.getrecursionlimit() == before + 123
            raise ZeroDivisionError
    assert sys.getrecursionlimit() == before


def test_frame_depth_counts_frames():
    def inner():
        return frame_depth()
    assert inner() == frame_depth() + 1


def plain_sum():
    def total(n):
        return 0 if n == 0 else n + total(n - 1)
    return total


def cached_sum():
    @functools.lru_cache(maxsize=None)
    def total(n):
        return 0 if n == 0 else n + total(n - 1)
    return total


def test_plain_recursion_reaches_about_the_limit():
    with recursion_limit(frame_depth() + 300):
        n = largest_cold_n(plain_sum, 5000)
    # "about": the frames between here and the recursion differ a little by runner (xdist adds some)
    assert 280 <= n <= 300


def test_cached_recursion_costs_what_the_version_says_at_the_default_limit():
    with recursion_limit(frame_depth() + 300):
        plain, cached = largest_cold_n(plain_sum, 5000), largest_cold_n(cached_sum, 5000)
    if sys.version_info < (3, 12):
        assert abs(2 * cached - plain) <= 10   # two units of the limit per cached level
    elif sys.version_info >= (3, 13):
        assert abs(cached - plain) <= 10       # one unit: the C call is counted against another limit
    else:
        assert cached <= plain + 5             # 3.12: one unit, or capped lower by an old, low C limit


PROFILE = depth_profile(plain_sum, cached_sum, [1000, 2000, 5000, 10000])


def test_profile_plain_depth_follows_the_limit():
    for limit, plain in zip(PROFILE.limits, PROFILE.plain):
        assert limit - 20 <= plain < limit


def test_profile_is_capped_exactly_when_the_interpreter_has_a_c_limit_below_the_largest_probe():
    """Measured, not by version: 3.10/3.11 have no separate C limit; 3.12.0-3.12.2 cap a cached recursion at
    a few hundred levels, 3.12.3+ and 3.13 at a C limit (much lower on Windows) that 10000 exceeds."""
    if sys.version_info < (3, 12):
        assert not PROFILE.capped
        assert all(abs(2 * c - p) <= 10 for p, c in zip(PROFILE.plain, PROFILE.cached))
    if PROFILE.capped:
        cap = PROFILE.cached[-1]
        assert all(c <= cap + 5 for c in PROFILE.cached)
        assert all(abs(c - cap) <= 5 for limit, c in zip(PROFILE.limits, PROFILE.cached) if limit >= 2 * cap)
    else:
        assert PROFILE.cached[-1] > PROFILE.cached[-2] + 500


def test_capped_needs_the_plain_recursion_to_go_deeper():
    assert DepthProfile((1, 2), (10, 2000), (5, 5)).capped
    assert not DepthProfile((1, 2), (10, 2000), (5, 900)).capped
    assert not DepthProfile((1, 2), (10, 12), (5, 5)).capped


def test_with_big_stack_returns_and_raises():
    assert with_big_stack(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        with_big_stack(lambda: 1 / 0)


def test_warming_bottom_up_reaches_any_depth():
    total = cached_sum()
    with recursion_limit(frame_depth() + 50):
        assert not succeeds(cached_sum, 2000)
        for k in range(2001):
            total(k)
        assert total(2000) == 2000 * 2001 // 2

"""lessons.tools.recursion_depth: the bisection against a model, the limit always restored, and the version
facts lesson 05 relies on, measured on whichever interpreter runs the tests."""
from __future__ import annotations

import functools
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons.tools.recursion_depth import frame_depth, largest_cold_n, recursion_limit, succeeds


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


def test_cached_recursion_depth_per_version():
    with recursion_limit(frame_depth() + 300):
        plain, cached = largest_cold_n(plain_sum, 5000), largest_cold_n(cached_sum, 5000)
    if sys.version_info < (3, 12):
        assert abs(2 * cached - plain) <= 10   # two units of the limit per cached level
    else:
        assert abs(cached - plain) <= 10       # one unit: the C call is counted elsewhere


@pytest.mark.skipif(sys.version_info[:2] != (3, 12), reason="3.12 only: the fixed C recursion limit")
def test_312_raising_the_limit_does_not_help_a_cached_recursion():
    with recursion_limit(frame_depth() + 3000):
        plain, cached = largest_cold_n(plain_sum, 10000), largest_cold_n(cached_sum, 10000)
    assert plain > 2900 and cached < plain / 2


def test_warming_bottom_up_reaches_any_depth():
    total = cached_sum()
    with recursion_limit(frame_depth() + 50):
        assert not succeeds(cached_sum, 2000)
        for k in range(2001):
            total(k)
        assert total(2000) == 2000 * 2001 // 2

"""Unit tests of lessons.tools.cache_keys: the pure-Python lru_cache really is the Python one, it agrees with
the C one on every hit and miss (property-based), and the helpers report what the cache really did."""
from __future__ import annotations

import functools
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.tools import cache_keys
from lessons.tools.cache_keys import (
    HIT,
    MISS,
    bytes_per_entry,
    call,
    entries,
    implementation,
    make_key_shown,
    outcomes,
    python_lru_cache,
    second_call_table,
)

# Values that are equal across types (1, 1.0, True; 0, 0.0, False) and some that are not.
scalars = st.sampled_from([0, 1, 2, 0.0, 1.0, 2.5, True, False, "1", "a", None, (1,), (1.0,), frozenset({1})])
calls = st.builds(
    lambda args, kwargs: call(*args, **kwargs),
    st.lists(scalars, max_size=3),
    st.dictionaries(st.sampled_from(["x", "y", "z"]), scalars, max_size=2),
)


def test_the_two_implementations_are_the_ones_claimed():
    assert implementation() == "C"
    assert implementation(python_lru_cache) == "Python"
    assert functools._lru_cache_wrapper is sys.modules["_functools"]._lru_cache_wrapper


def test_loading_the_python_version_leaves_the_real_modules_alone():
    assert sys.modules["_functools"] is not None
    assert sys.modules["functools"] is functools
    assert cache_keys._pure is not functools


@settings(max_examples=120, deadline=None)
@given(st.lists(calls, min_size=1, max_size=12), st.booleans(), st.sampled_from([None, 0, 1, 2, 4]))
def test_c_and_python_agree_on_every_hit_and_miss(sequence, typed, maxsize):
    assert (outcomes(sequence, typed=typed, maxsize=maxsize)
            == outcomes(sequence, typed=typed, maxsize=maxsize, decorator=python_lru_cache))


@settings(max_examples=60, deadline=None)
@given(st.lists(calls, min_size=1, max_size=10), st.booleans())
def test_outcomes_agree_with_the_cache_statistics(sequence, typed):
    result = outcomes(sequence, typed=typed)
    assert result.count(MISS) == entries(sequence, typed=typed)
    assert result.count(HIT) + result.count(MISS) == len(sequence)


def test_outcomes_on_the_facts_the_lesson_states():
    assert outcomes([call(1), call(1.0), call(True)]) == [MISS, MISS, HIT]
    assert outcomes([call(1, 0), call(1.0, 0), call(True, 0)]) == [MISS, HIT, HIT]
    assert outcomes([call(1), call(1.0), call(True)], typed=True) == [MISS, MISS, MISS]
    assert outcomes([call(x=1, y=2), call(y=2, x=1)]) == [MISS, MISS]
    assert outcomes([call(1), call(1), call(2)], maxsize=0) == [MISS, MISS, MISS]


def test_second_call_table_renders_text_and_html():
    table = second_call_table([(call(1), call(1.0)), (call(1, 0), call(1.0, 0))])
    text = repr(table)
    assert text.splitlines()[1].split()[-2:] == ["miss", "miss"]
    assert text.splitlines()[2].split()[-2:] == ["hit", "miss"]
    assert "<table>" in table._repr_html_() and "f(1.0, 0)" in table._repr_html_()


def test_make_key_shown_hides_the_marker_address():
    assert make_key_shown((1,), {}) == "1  (the bare int, no wrapper)"
    assert make_key_shown((1,), {"x": 2}) == "_HashedSeq([1, <kwd_mark>, 'x', 2])"
    assert make_key_shown((1.0, "a"), {}, typed=True) == "_HashedSeq([1.0, 'a', float, str])"
    assert "0x" not in make_key_shown((1,), {"x": object.__name__})


def test_a_bounded_cache_costs_more_memory_per_entry_than_an_unbounded_one():
    for decorator in (functools.lru_cache, python_lru_cache):
        unbounded = bytes_per_entry(entries=2000, maxsize=None, decorator=decorator)
        bounded = bytes_per_entry(entries=2000, maxsize=2000, decorator=decorator)
        assert 0 < unbounded < bounded

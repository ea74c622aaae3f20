"""lessons.caches.ttl.ttl_memoize against cachetools, on the same fake clock: same hits, misses and sizes."""
from __future__ import annotations

import cachetools.func
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.caches.ttl import CacheInfo, make_key, ttl_memoize
from lessons.tools.clock import FakeClock

# A program: each step either calls f(key) (positional or keyword) or advances the clock. Steps in
# quarters of a second and a ttl of whole seconds land exactly on expiry boundaries often.
steps = st.lists(
    st.one_of(
        st.tuples(st.just("call"), st.integers(0, 4), st.booleans()),
        st.tuples(st.just("advance"), st.integers(0, 24).map(lambda quarters: quarters / 4), st.just(False)),
    ),
    max_size=60,
)


@settings(max_examples=100, deadline=None)
@given(program=steps, ttl=st.sampled_from([0.5, 1, 3, 10]))
def test_same_hits_and_misses_as_cachetools_ttl_cache(program, ttl):
    clock = FakeClock()
    mine_calls, ref_calls = [], []
    mine = ttl_memoize(ttl, timer=clock)(lambda n: mine_calls.append(n) or n * n)
    reference = cachetools.func.ttl_cache(maxsize=None, ttl=ttl, timer=clock)(lambda n: ref_calls.append(n) or n * n)
    for op, value, keyword in program:
        if op == "advance":
            clock.advance(value)
            continue
        args, kwargs = ((), {"n": value}) if keyword else ((value,), {})
        assert mine(*args, **kwargs) == reference(*args, **kwargs) == value * value
        assert mine_calls == ref_calls
        got, want = mine.cache_info(), reference.cache_info()
        assert (got.hits, got.misses, got.currsize) == (want.hits, want.misses, want.currsize)


def test_expired_at_exactly_ttl():
    clock = FakeClock()
    calls = []
    f = ttl_memoize(10, timer=clock)(lambda x: calls.append(x) or x)
    f(1)
    clock.set(9.75)
    f(1)
    assert calls == [1]
    clock.set(10)
    f(1)
    assert calls == [1, 1]
    assert f.cache_info() == CacheInfo(1, 2, None, 1)


def test_expire_drops_only_expired_entries_and_returns_them():
    clock = FakeClock()
    f = ttl_memoize(10, timer=clock)(lambda x: x * 10)
    f(1)
    clock.set(5)
    f(2)
    clock.set(10)
    assert f.expire() == [(make_key((1,), {}), 10)]
    assert f.cache_info().currsize == 1


def test_cache_clear_resets_everything_and_caches_are_separate():
    clock = FakeClock()
    f = ttl_memoize(10, timer=clock)(lambda x: x)
    g = ttl_memoize(10, timer=clock)(lambda x: x)
    f(1), f(1), g(1)
    assert f.cache_info() == CacheInfo(1, 1, None, 1)
    f.cache_clear()
    assert f.cache_info() == CacheInfo(0, 0, None, 0)
    assert g.cache_info() == CacheInfo(0, 1, None, 1)


def test_keys_do_not_collide_and_ignore_keyword_order():
    assert make_key((("a", 1),), {}) != make_key((), {"a": 1})
    assert make_key((1, ("x", 2)), {}) != make_key((1,), {"x": 2})
    assert make_key((1,), {"a": 1, "b": 2}) == make_key((1,), {"b": 2, "a": 1})


def test_keeps_the_name_and_rejects_a_useless_ttl():
    def area(w):
        return w
    assert ttl_memoize(1, timer=FakeClock())(area).__name__ == "area"
    with pytest.raises(ValueError):
        ttl_memoize(0)

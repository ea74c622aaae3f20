"""lessons.tools.lru_peek reads lru_cache's keys without changing recency or statistics, C and pure Python."""
from __future__ import annotations

import functools

import pytest

from lessons.caches.lru import LRUModel
from lessons.tools.lru_peek import cached_keys
from lessons.tools.pure_functools import pure_python_functools

TRACE = ["A", "B", "C", "A", "D", "A", "B", "E"]


@pytest.mark.parametrize("lru_cache", [functools.lru_cache, pure_python_functools().lru_cache], ids=["C", "Python"])
@pytest.mark.parametrize("maxsize", [3, None])
def test_keys_are_read_in_insertion_order_without_touching_the_cache(lru_cache, maxsize):
    @lru_cache(maxsize=maxsize)
    def f(key):
        return key.lower()

    for key in TRACE:
        f(key)
    before = f.cache_info()
    keys = cached_keys(f)
    assert f.cache_info() == before
    model = LRUModel(maxsize)
    model.run(TRACE)
    assert sorted(keys) == sorted(model.contents)
    inserted = [k for k in dict.fromkeys(TRACE) if k in keys]  # first insertions, B re-inserted after eviction
    if maxsize is None:
        assert keys == inserted
    f("A" if "A" in keys else keys[0])                 # a hit: the next eviction changes, the dict order does not
    assert cached_keys(f) == keys

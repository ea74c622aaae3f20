"""The seeded traces: reproducible, shaped as documented, and the Fibonacci order matches a real memo."""
import functools
from collections import Counter

from lessons.tools import traces


def test_traces_are_reproducible_and_in_range():
    for make in (traces.zipf, traces.hot_cold, traces.uniform):
        first, again = make(50, 2000, seed=7), make(50, 2000, seed=7)
        assert first == again and len(first) == 2000 and set(first) <= set(range(50))
        assert make(50, 2000, seed=8) != first


def test_zipf_favours_small_keys_and_hot_cold_its_hot_set():
    counts = Counter(traces.zipf(100, 20_000, seed=1))
    assert counts[0] > counts[1] > counts[10] > counts[90]
    hot = sum(1 for k in traces.hot_cold(100, 20_000, seed=1) if k < 20)
    assert 0.77 < hot / 20_000 < 0.83


def test_cyclic_scan_repeats_in_order():
    assert traces.cyclic_scan(3, 7) == [0, 1, 2, 0, 1, 2, 0]


def test_fib_order_is_what_an_unbounded_lru_cache_sees():
    seen = []

    def fib(n):  # every call goes through the spy, then the cache
        seen.append(n)
        return cached(n)

    cached = functools.lru_cache(maxsize=None)(lambda n: n if n < 2 else fib(n - 1) + fib(n - 2))
    assert fib(20) == 6765
    assert seen == traces.fib_memoized_order(20)
    assert (cached.cache_info().misses, cached.cache_info().hits) == (21, 18)

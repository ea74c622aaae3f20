"""Seeded access traces: the sequences of keys a cache sees, for simulating and tuning caches.

Every generator takes an explicit ``seed`` (or needs none), so a lesson shows the same hit rates on
every machine and every run. A trace is a plain list of ints: key ``k`` stands for "a call with
argument k".
"""
from __future__ import annotations

import itertools
import random


def zipf(keys: int, length: int, *, s: float = 1.0, seed: int = 0) -> list[int]:
    """Key k (0-based) requested with probability proportional to 1 / (k + 1) ** s: a few keys are very
    popular and there is a long tail, as with words in a text or pages on a website."""
    weights = [1 / (k + 1) ** s for k in range(keys)]
    return random.Random(seed).choices(range(keys), weights=weights, k=length)


def hot_cold(keys: int, length: int, *, hot_fraction: float = 0.2, hot_share: float = 0.8,
             seed: int = 0) -> list[int]:
    """The "80/20" pattern: ``hot_share`` of the requests go to the first ``hot_fraction`` of the keys,
    uniformly; the rest go uniformly to the other keys."""
    rng = random.Random(seed)
    hot = max(1, round(keys * hot_fraction))
    return [rng.randrange(hot) if rng.random() < hot_share else rng.randrange(hot, keys) for _ in range(length)]


def cyclic_scan(keys: int, length: int) -> list[int]:
    """0, 1, ..., keys-1, 0, 1, ...: a loop over a data set. An LRU cache smaller than ``keys`` evicts
    every key just before it is needed again, and so never hits."""
    return list(itertools.islice(itertools.cycle(range(keys)), length))


def uniform(keys: int, length: int, *, seed: int = 0) -> list[int]:
    """Every key equally likely: no locality, so hit rate grows only in proportion to cache size."""
    rng = random.Random(seed)
    return [rng.randrange(keys) for _ in range(length)]


def fib_memoized_order(n: int) -> list[int]:
    """The arguments, in call order, that a memoized recursive ``fib(n)`` passes to its cache when the
    cache never forgets: n down to 0 (each a miss), then 1 up to n - 2 (each a hit).

    With a cache that *does* forget, a miss recomputes and makes new calls, so the real access order
    depends on the cache; replay this trace only to study an unbounded memo, and use the real recursion
    to study a bounded one.
    """
    return list(range(n, -1, -1)) + list(range(1, n - 1))

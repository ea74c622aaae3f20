"""An eviction-policy simulator: how many accesses of a trace hit a cache of a given size, under LRU,
FIFO, LFU, random eviction and Belady's optimal policy.

All five share one rule for what a cache does; they differ only in *which* key leaves when a miss
finds the cache full:

* ``LRU``      the least recently used key (a hit refreshes a key): ``functools.lru_cache``.
* ``FIFO``     the oldest key, counted from when it was inserted; hits change nothing.
* ``LFU``      the key with the fewest accesses since it was inserted; ties go to the one whose
               count was reached earliest (as ``cachetools.LFUCache`` does).
* ``random``   a key chosen by ``random.Random(seed)``: the same choices on every run.
* ``optimal``  Belady's MIN: the key whose next use lies furthest in the future (or never comes).
               It needs to know the future, so no real cache can run it; it is the yardstick, the
               most hits any policy could get on that trace with that size.

Each policy is O(1) or O(log n) per access (Belady uses a precomputed next-use index and a heap), so
a lesson can sweep sizes on traces of a few thousand accesses in a fraction of a second.
"""
from __future__ import annotations

import heapq
import random
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

POLICIES = ("LRU", "FIFO", "LFU", "random", "optimal")


@dataclass(frozen=True)
class SimulationResult:
    policy: str
    size: int
    hits: int
    misses: int
    hit_flags: tuple[bool, ...] | None = None   # per access, when asked for with record=True

    @property
    def accesses(self) -> int:
        return self.hits + self.misses

    @property
    def hit_rate(self) -> float:
        return self.hits / self.accesses if self.accesses else 0.0

    def __repr__(self) -> str:
        return (f"<{self.policy} size={self.size}: {self.hits} hits, {self.misses} misses, "
                f"hit rate {self.hit_rate:.1%}>")


def next_uses(trace: Sequence[Hashable]) -> list[int]:
    """For each position i, the position of the next access to the same key (len(trace) if none)."""
    never = len(trace)
    following: dict[Hashable, int] = {}
    result = [never] * len(trace)
    for i in range(len(trace) - 1, -1, -1):
        result[i] = following.get(trace[i], never)
        following[trace[i]] = i
    return result


def _lru(trace, size, flags):
    cache: OrderedDict = OrderedDict()
    hits = 0
    for key in trace:
        if key in cache:
            hits += 1
            cache.move_to_end(key)
            flags.append(True)
            continue
        flags.append(False)
        if len(cache) >= size:
            cache.popitem(last=False)
        cache[key] = None
    return hits


def _fifo(trace, size, flags):
    cache: OrderedDict = OrderedDict()
    hits = 0
    for key in trace:
        if key in cache:                  # a hit does not change the order: first in, first out
            hits += 1
            flags.append(True)
            continue
        flags.append(False)
        if len(cache) >= size:
            cache.popitem(last=False)
        cache[key] = None
    return hits


def _lfu(trace, size, flags):
    count: dict = {}                      # key -> accesses since it was inserted
    buckets: dict[int, OrderedDict] = {}  # count -> keys with that count, in the order they reached it
    lowest = 0
    hits = 0
    for key in trace:
        if key in count:
            hits += 1
            flags.append(True)
            c = count[key]
            del buckets[c][key]
            if not buckets[c]:
                del buckets[c]
                if lowest == c:
                    lowest = c + 1
            count[key] = c + 1
            buckets.setdefault(c + 1, OrderedDict())[key] = None
            continue
        flags.append(False)
        if len(count) >= size:
            victim, _ = buckets[lowest].popitem(last=False)
            if not buckets[lowest]:
                del buckets[lowest]
            del count[victim]
        count[key] = 1
        buckets.setdefault(1, OrderedDict())[key] = None
        lowest = 1
    return hits


def _random(trace, size, flags, seed):
    rng = random.Random(seed)
    keys: list = []                       # the cache's keys, in a list so that choosing one is O(1)
    where: dict = {}                      # key -> its index in keys
    hits = 0
    for key in trace:
        if key in where:
            hits += 1
            flags.append(True)
            continue
        flags.append(False)
        if len(keys) >= size:
            i = rng.randrange(len(keys))
            victim, last = keys[i], keys[-1]
            keys[i] = last                # move the last key into the victim's place
            where[last] = i
            keys.pop()
            del where[victim]
        where[key] = len(keys)
        keys.append(key)
    return hits


def _optimal(trace, size, flags):
    nexts = next_uses(trace)
    cache: dict = {}                      # key -> position of its next use
    heap: list = []                       # (-next use, tie, key); stale entries are skipped
    hits = 0
    for i, key in enumerate(trace):
        if key in cache:
            hits += 1
            flags.append(True)
        else:
            flags.append(False)
            if len(cache) >= size:
                while True:               # the key used furthest in the future (or never) goes
                    minus_next, _, victim = heapq.heappop(heap)
                    if cache.get(victim) == -minus_next:
                        del cache[victim]
                        break
        cache[key] = nexts[i]
        heapq.heappush(heap, (-nexts[i], i, key))
    return hits


def simulate(policy: str, trace: Sequence[Hashable], size: int, *, seed: int = 0,
             record: bool = False) -> SimulationResult:
    """Replay ``trace`` through a cache holding at most ``size`` keys under ``policy``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose one of {', '.join(POLICIES)}")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ValueError(f"size must be an int >= 0, not {size!r}")
    trace = list(trace)
    flags: list[bool] = []
    if size == 0:
        flags = [False] * len(trace)
        hits = 0
    elif policy == "LRU":
        hits = _lru(trace, size, flags)
    elif policy == "FIFO":
        hits = _fifo(trace, size, flags)
    elif policy == "LFU":
        hits = _lfu(trace, size, flags)
    elif policy == "random":
        hits = _random(trace, size, flags, seed)
    else:
        hits = _optimal(trace, size, flags)
    return SimulationResult(policy, size, hits, len(trace) - hits, tuple(flags) if record else None)


def sweep(trace: Sequence[Hashable], sizes: Iterable[int], policies: Iterable[str] = POLICIES, *,
          seed: int = 0) -> dict[str, list[float]]:
    """Hit rate of each policy at each size: {policy: [hit rate for sizes[0], ...]}."""
    trace = list(trace)
    sizes = list(sizes)
    return {policy: [simulate(policy, trace, size, seed=seed).hit_rate for size in sizes]
            for policy in policies}

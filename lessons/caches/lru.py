"""An instrumented LRU cache: the same decisions as ``functools.lru_cache``, but every decision is an
event you can look at (hit, miss, eviction) and the contents can be read in recency order.

``functools.lru_cache`` has no *public* way to show its contents: the public way to ask "is key k in
there?" is to call the function with k, which refreshes k (a hit) or inserts it (a miss), and
``cache_info()`` gives counts only. Its internal dict can be read without calling it
(``lessons.tools.lru_peek``, through ``gc.get_referents``), but that is CPython internals, not an API, and
it gives insertion order, not recency order. So the lesson's pictures are drawn from this model instead,
and tests/test_lru.py proves, step by step on random traces, that the model's hits, misses and size
equal those of a real ``lru_cache``.

Two tools:

* ``LRUModel`` replays a trace of keys, one complete call per key: the stepper widget's model.
* ``traced_lru_cache(maxsize)`` decorates a real function, recursion included, and follows CPython's
  order of operations exactly: a miss is counted when the call starts, but the result is stored only
  when the call *returns*; recursive calls made in between store their results first.
"""
from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

HIT = "hit"
MISS = "miss"


class CacheInfo(NamedTuple):
    """The same fields, in the same order, as ``functools.lru_cache``'s ``cache_info()`` (so the two
    compare equal as tuples)."""

    hits: int
    misses: int
    maxsize: int | None
    currsize: int


def normalise_maxsize(maxsize: int | None) -> int | None:
    """``lru_cache``'s rule: None means unbounded, a negative size is treated as 0 (CPython's
    ``functools.lru_cache`` says so in a comment and does it), anything else must be an int."""
    if maxsize is None:
        return None
    if isinstance(maxsize, bool) or not isinstance(maxsize, int):
        raise TypeError(f"maxsize must be an int or None, not {type(maxsize).__name__}")
    return max(maxsize, 0)


@dataclass(frozen=True)
class Event:
    """What one access did. ``contents`` is the cache after the access, least recently used first."""

    step: int
    key: Hashable
    kind: str                      # HIT or MISS
    evicted: Hashable | None       # the key pushed out by this access, if any
    contents: tuple
    hits: int
    misses: int

    @property
    def hit(self) -> bool:
        return self.kind == HIT

    @property
    def did_evict(self) -> bool:
        return self.kind == MISS and self.evicted is not _NOTHING

    def __repr__(self) -> str:
        evicted = f", evicted {self.evicted!r}" if self.did_evict else ""
        return f"<step {self.step}: {self.key!r} {self.kind}{evicted}; cache {list(self.contents)}>"


_NOTHING = None  # evicted is None when nothing was evicted (keys in the lesson are never None)


class LRUModel:
    """A least-recently-used cache of keys, one access at a time.

    An access to a key in the cache is a **hit** and makes that key the most recently used. Any other
    access is a **miss**: the key is inserted as the most recently used, and when the cache already
    held ``maxsize`` keys, the least recently used one is evicted first. ``maxsize=None`` never evicts;
    ``maxsize=0`` stores nothing (every access misses), exactly as ``lru_cache(maxsize=0)``.

    >>> model = LRUModel(maxsize=2)
    >>> [event.kind for event in model.run("abab")]
    ['miss', 'miss', 'hit', 'hit']
    >>> model.access("c").evicted, model.contents
    ('a', ('b', 'c'))
    """

    def __init__(self, maxsize: int | None = 128):
        self.maxsize = normalise_maxsize(maxsize)
        self.reset()

    def reset(self) -> None:
        self._order: OrderedDict[Hashable, None] = OrderedDict()  # least recently used first
        self.hits = self.misses = self.evictions = 0
        self.events: list[Event] = []

    @property
    def contents(self) -> tuple:
        """The keys, least recently used first (the next to be evicted is ``contents[0]``)."""
        return tuple(self._order)

    @property
    def currsize(self) -> int:
        return len(self._order)

    def cache_info(self) -> CacheInfo:
        return CacheInfo(self.hits, self.misses, self.maxsize, self.currsize)

    def __contains__(self, key: Hashable) -> bool:
        """Looking, unlike accessing, changes nothing."""
        return key in self._order

    def access(self, key: Hashable) -> Event:
        evicted = _NOTHING
        if key in self._order:
            self.hits += 1
            self._order.move_to_end(key)          # a hit refreshes: now the most recently used
            kind = HIT
        else:
            self.misses += 1
            kind = MISS
            if self.maxsize is None or self.maxsize > 0:
                if self.maxsize is not None and len(self._order) >= self.maxsize:
                    evicted, _ = self._order.popitem(last=False)   # the least recently used goes
                    self.evictions += 1
                self._order[key] = None
        event = Event(len(self.events) + 1, key, kind, evicted, self.contents, self.hits, self.misses)
        self.events.append(event)
        return event

    def run(self, trace: Iterable[Hashable]) -> list[Event]:
        """Access every key of ``trace`` in turn; the events of these accesses."""
        return [self.access(key) for key in trace]

    def __repr__(self) -> str:
        return f"<LRUModel maxsize={self.maxsize}: {list(self.contents)} (least recent first)>"


# -- the real recursion ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CallEvent:
    """One step of a function decorated with ``traced_lru_cache``: a ``hit`` or a ``miss`` when a call
    starts, a ``store`` when a missed call returns and its result goes into the cache."""

    kind: str                      # "hit", "miss" or "store"
    key: Hashable
    evicted: Hashable | None
    contents: tuple                # after this step, least recently used first


def traced_lru_cache(maxsize: int | None = 128) -> Callable[[Callable], Callable]:
    """A decorator like ``functools.lru_cache(maxsize)`` for functions of one hashable argument, that
    records every hit, miss and store, with the cache's contents after each.

    The order of operations is CPython's (``Lib/functools.py`` and ``Modules/_functoolsmodule.c``,
    3.10 to 3.13): a miss is counted before the function runs; the result is stored after it returns,
    evicting the least recently used key if the cache is full; and if the key was stored meanwhile (a
    recursive call with the same argument), it is not stored twice.
    """
    limit = normalise_maxsize(maxsize)

    def decorator(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
        order: OrderedDict[Hashable, Any] = OrderedDict()
        stats = {"hits": 0, "misses": 0}
        events: list[CallEvent] = []

        @functools.wraps(func)
        def wrapper(key):
            if key in order:
                stats["hits"] += 1
                order.move_to_end(key)
                events.append(CallEvent(HIT, key, None, tuple(order)))
                return order[key]
            stats["misses"] += 1
            events.append(CallEvent(MISS, key, None, tuple(order)))
            result = func(key)
            if key in order or limit == 0:   # stored by a recursive call meanwhile, or nothing stored
                return result
            evicted = None
            if limit is not None and len(order) >= limit:
                evicted, _ = order.popitem(last=False)
            order[key] = result
            events.append(CallEvent("store", key, evicted, tuple(order)))
            return result

        def cache_info() -> CacheInfo:
            return CacheInfo(stats["hits"], stats["misses"], limit, len(order))

        def cache_clear() -> None:
            order.clear()
            stats["hits"] = stats["misses"] = 0
            events.clear()

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        wrapper.events = events
        wrapper.contents = lambda: tuple(order)
        return wrapper

    return decorator

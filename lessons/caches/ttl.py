"""A teaching TTL memoizer: ``functools.lru_cache``'s interface with a time-to-live and an injectable clock.

Every result is stored with the time it *expires*: ``timer() + ttl`` at the moment it was stored. A
lookup is a hit only while ``timer() < expires``. That is cachetools' convention (``TTLCache.__contains__``
and ``TTLCache.expire`` compare ``time < link.expires``), so an entry stored at t = 0 with ``ttl=10`` is
fresh at 9.999 and expired at exactly 10. The tests in ``tests/test_ttl.py`` check it against cachetools
on random sequences of calls and clock advances.

Expired entries are not hunted down by a background thread (there is none): an expired entry is replaced
when its key is asked for again, and ``expire()`` or ``cache_info()`` drop all expired entries at once,
as cachetools' ``expire()`` and ``currsize`` do. Unbounded (no ``maxsize``): lesson 03's LRU is the way
to bound it, and cachetools' ``TTLCache`` does both.

Not thread-safe: lesson 07 is about threads.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable

from lessons.caches.lru import CacheInfo  # one CacheInfo for every teaching cache, as functools' fields


def make_key(args: tuple, kwargs: dict) -> tuple:
    """A key in which positional and keyword arguments cannot collide: ``f(("a", 1))`` and ``f(a=1)``
    get different keys because the two parts stay apart (cachetools' ``hashkey`` puts a marker between
    them instead). Keyword order does not matter."""
    return (args, tuple(sorted(kwargs.items()))) if kwargs else (args,)


def ttl_memoize(ttl: float, timer: Callable[[], float] = time.monotonic):
    """Decorator: memoize a function, each result for ``ttl`` seconds of ``timer``.

    >>> from lessons.tools.clock import FakeClock
    >>> clock = FakeClock()
    >>> @ttl_memoize(10, timer=clock)
    ... def square(x):
    ...     return x * x
    >>> square(3), square(3), square.cache_info()
    (9, 9, CacheInfo(hits=1, misses=1, maxsize=None, currsize=1))
    >>> _ = clock.advance(10)    # stored at 0, expires at 10: expired at exactly 10
    >>> square(3), square.cache_info()
    (9, CacheInfo(hits=1, misses=2, maxsize=None, currsize=1))
    """
    if ttl <= 0:
        raise ValueError("ttl must be positive")

    def decorator(func):
        cache: dict = {}                      # key -> (expires, value)
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = make_key(args, kwargs)
            now = timer()
            entry = cache.get(key)
            if entry is not None and now < entry[0]:
                hits += 1
                return entry[1]
            misses += 1
            value = func(*args, **kwargs)
            # Expires ttl after it was *stored*: read the clock again, in case func took a while.
            cache[key] = (timer() + ttl, value)
            return value

        def expire() -> list:
            """Drop every expired entry; return the (key, value) pairs dropped."""
            now = timer()
            gone = [(key, value) for key, (expires, value) in cache.items() if not now < expires]
            for key, _ in gone:
                del cache[key]
            return gone

        def cache_info() -> CacheInfo:
            expire()   # like cachetools' currsize: count only entries that are still fresh
            return CacheInfo(hits, misses, None, len(cache))

        def cache_clear() -> None:
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0

        wrapper.expire = expire
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        wrapper.cache_parameters = lambda: {"ttl": ttl, "maxsize": None}
        return wrapper

    return decorator

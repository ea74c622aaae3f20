"""What lesson 08's worker processes run: a cached price lookup and a disk-cached loader.

These live in a module, not in the notebook, because a worker started by *spawn* (the default on macOS
and Windows) is a fresh interpreter that imports the function it must run; a function defined in a
notebook cell cannot be found there. The module imports nothing heavy, so a spawned worker starts fast.

* ``price(db, item)`` is the per-process cache: ``lru_cache`` over a read of a JSON file (the "database").
  ``serve``, ``report`` and ``invalidate`` are what a web server's worker would do with it.
* ``load_user(directory, key, protection)`` is a loader cached on disk by diskcache, shared by every
  worker, with three kinds of protection against a stampede; it counts its executions in the cache.
"""
from __future__ import annotations

import functools
import json
from typing import NamedTuple

from lessons.tools.pinned_pool import meet, worker_number


class CacheInfo(NamedTuple):
    """``cache_info()`` as a worker sends it back: functools' own CacheInfo cannot be pickled (it is
    registered in functools as ``_CacheInfo``), so the fields travel in this twin with the same repr."""

    hits: int
    misses: int
    maxsize: int | None
    currsize: int


def _info() -> CacheInfo:
    return CacheInfo(*price.cache_info())


@functools.lru_cache(maxsize=None)
def price(db: str, item: str) -> int:
    with open(db, encoding="utf-8") as file:
        return json.load(file)[item]


def serve(db: str, requests: list[str]) -> tuple[list[int], CacheInfo]:
    """Answer a worker's share of the requests; return the prices and this worker's cache_info()."""
    return [price(db, item) for item in requests], _info()


def serve_after(db: str, invalidate_first: bool, requests: list[str]) -> tuple[list[int], CacheInfo]:
    """Like ``serve``, but this worker may first receive an invalidation (``cache_clear()``)."""
    if invalidate_first:
        price.cache_clear()
    return serve(db, requests)


def bounded_report(plan: list[str], maxsize: int | None) -> CacheInfo:
    """Look up ``plan`` through a fresh lru_cache(maxsize) in this worker; return its cache_info()."""
    cached = functools.lru_cache(maxsize=maxsize)(str)
    for key in plan:
        cached(key)
    return CacheInfo(*cached.cache_info())


def report() -> CacheInfo:
    return _info()


def invalidate() -> CacheInfo:
    price.cache_clear()
    return _info()


# -- a loader cached on disk, shared by the workers -----------------------------------------------------
PROTECTIONS = ("memoize", "memoize_stampede", "lock")
_MISSING = object()


def _load(cache, key: str, *, all_at_once: bool) -> str:
    cache.incr("executions")   # atomic across processes: the count every worker adds to
    if all_at_once:
        meet()                 # passes only when every worker is inside this function: a proven stampede
    return f"{key}, loaded by worker {worker_number()}"


def _load_with_lock(cache, key: str) -> str:
    """Cache-aside with a lock and a second look: the one that gets the lock computes, later ones hit."""
    import diskcache

    value = cache.get(("user", key), default=_MISSING)
    if value is not _MISSING:
        return value
    with diskcache.Lock(cache, ("lock", key), expire=30):   # expires: a crashed holder cannot block forever
        value = cache.get(("user", key), default=_MISSING)   # the second look, under the lock
        if value is _MISSING:
            value = _load(cache, key, all_at_once=False)
            cache.set(("user", key), value, expire=300)
    return value


def load_user(directory: str, key: str, protection: str) -> str:
    """One worker asks the disk cache in ``directory`` for ``key``."""
    import diskcache

    with diskcache.Cache(directory) as cache:
        if protection == "memoize":
            load = cache.memoize(name="load", expire=300)(functools.partial(_load, cache, all_at_once=True))
        elif protection == "memoize_stampede":
            load = diskcache.memoize_stampede(cache, expire=300, name="load_stampede")(
                functools.partial(_load, cache, all_at_once=True))
        elif protection == "lock":
            load = functools.partial(_load_with_lock, cache)
        else:
            raise ValueError(f"protection must be one of {PROTECTIONS}")
        return load(key)

"""Memory per cache entry, measured with ``tracemalloc`` on a real cache.

One function for every lesson that asks "how much does an entry cost?" (02 compares a bounded cache with
an unbounded one; 04 turns a memory budget into a ``maxsize``). What it measures is stated exactly:

* the key objects (distinct ints) are created *before* measuring, so a key costs nothing here: the figure
  is the cache's own bookkeeping (its dict slot, and for a bounded cache its linked-list link) plus what
  ``make_result`` allocates for the value;
* a result that is a shared object (``None``, a small int) allocates nothing, so the default
  ``make_result`` measures the cache's bookkeeping alone.

The dict grows in steps, so the figure depends a little on ``entries``; a few thousand even that out.
"""
from __future__ import annotations

import functools
import tracemalloc
from collections.abc import Callable


def _nothing(key: int) -> None:
    return None


def bytes_per_entry(make_result: Callable[[int], object] = _nothing, entries: int = 4000, *,
                    maxsize: int | None = -1, decorator: Callable = functools.lru_cache) -> float:
    """Bytes that each of ``entries`` new entries adds to ``decorator(maxsize=maxsize)(make_result)``.

    ``maxsize=-1`` (the default) means "just large enough": ``maxsize=entries``, a bounded cache that
    never evicts; ``None`` is an unbounded one.

    >>> bytes_per_entry(entries=1000, maxsize=None) < bytes_per_entry(entries=1000, maxsize=1000)
    True
    """
    if entries < 1:
        raise ValueError("entries must be at least 1")
    cached = decorator(maxsize=entries if maxsize == -1 else maxsize)(make_result)
    keys = [1_000_000 + i for i in range(entries)]  # made before measuring: keys are not what is measured
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for key in keys:
            cached(key)
        after = tracemalloc.get_traced_memory()[0]
    finally:
        if not was_tracing:
            tracemalloc.stop()
    if cached.cache_info().currsize != entries:
        raise ValueError(f"the cache evicted (maxsize={maxsize}): use maxsize >= entries, or None")
    return (after - before) / entries

"""Read the keys inside a ``functools.lru_cache`` wrapper without calling it (lesson 03).

``lru_cache`` has no *public* way to list its contents: ``cache_info()`` gives counts only, and a call
is an access that changes the cache. Its dict can still be reached, through CPython internals that are
not an API and may change in any release (checked on 3.10 to 3.13):

* the C wrapper (``_functools._lru_cache_wrapper``) reports its cache dict to the garbage collector, so
  ``gc.get_referents(wrapper)`` lists it, next to the wrapper's own ``__dict__``;
* the pure-Python wrapper (``functools.py``) keeps it in a closure variable named ``cache``.

Reading the dict touches neither recency nor statistics. Its keys come in *insertion* order: a hit moves
the entry in the cache's linked list, not in the dict. A key is ``lru_cache``'s own: the argument itself
for a single ``int`` or ``str`` argument, otherwise a list-like ``_HashedSeq`` of the arguments.
"""
from __future__ import annotations

import gc
import types


def internal_cache(wrapper) -> dict:
    """The dict inside an ``lru_cache`` (or ``cache``) wrapper, C or pure Python, found without calling it."""
    if isinstance(wrapper, types.FunctionType):  # the pure-Python wrapper: a closure variable
        cells = dict(zip(wrapper.__code__.co_freevars, wrapper.__closure__ or ()))
        if "cache" in cells and type(cells["cache"].cell_contents) is dict:
            return cells["cache"].cell_contents
        raise TypeError(f"{wrapper!r} is not a pure-Python lru_cache wrapper")
    own = getattr(wrapper, "__dict__", None)
    found = [r for r in gc.get_referents(wrapper) if type(r) is dict and r is not own]
    if len(found) != 1:
        raise TypeError(f"no single cache dict among the referents of {wrapper!r}")
    return found[0]


def cached_keys(wrapper) -> list:
    """The keys ``lru_cache`` holds, in insertion order (not recency order)."""
    return list(internal_cache(wrapper))

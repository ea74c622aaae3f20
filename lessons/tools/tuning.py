"""Tuning ``functools.lru_cache`` from a recorded trace: replay, hit-rate curve, knee (memory per entry is
``lessons.tools.memory``).

The tools here never simulate the cache. ``replay`` calls a function wrapped in the real
``functools.lru_cache(maxsize=k)`` once per key of the trace and returns the cache's own
``cache_info()``, so every number a lesson shows is what the standard library does, on the Python
that runs it (the C implementation, by default).

``pure_python_functools`` loads a second copy of ``functools`` with its C accelerator blocked, so that
a lesson can run the pure-Python ``_lru_cache_wrapper`` it reads side by side with the C one.
"""
from __future__ import annotations

import functools
import inspect
import textwrap
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import NamedTuple

from lessons.tools.memory import bytes_per_entry  # noqa: F401 (re-exported for lesson 04)
from lessons.tools.pure_functools import pure_python_functools  # noqa: F401 (re-exported)


def _identity(key):
    return key


def replay(trace: Iterable[Hashable], maxsize: int | None, *, lru_cache=functools.lru_cache,
           func: Callable = _identity):
    """Call ``lru_cache(maxsize)(func)`` with each key of ``trace``, in order, from an empty cache, and
    return its ``cache_info()``.

    ``func`` defaults to the identity: what the function computes does not change which calls hit.
    Pass another ``lru_cache`` (e.g. the pure-Python one) to replay through it instead.
    """
    cached = lru_cache(maxsize=maxsize)(func)
    for key in trace:
        cached(key)
    return cached.cache_info()


def ratio(info) -> float:
    """hits / (hits + misses) of a CacheInfo, 0.0 before the first call."""
    calls = info.hits + info.misses
    return info.hits / calls if calls else 0.0


def hit_ratio_curve(trace: Sequence[Hashable], sizes: Iterable[int]) -> list[float]:
    """The hit ratio of a real ``lru_cache(maxsize=k)`` on ``trace``, one replay per k in ``sizes``."""
    return [ratio(replay(trace, k)) for k in sizes]


def ceiling(trace: Sequence[Hashable]) -> float:
    """The best hit ratio any cache can reach on ``trace``: an unbounded one misses each distinct key
    once (its first call) and hits every repeat."""
    return ratio(replay(trace, None))


class Knee(NamedTuple):
    size: int
    ratio: float
    index: int


def find_knee(sizes: Sequence[int], ratios: Sequence[float]) -> Knee:
    """The knee of a rising curve: the point farthest above the straight line from its first to its last
    point, once both axes are scaled to 0..1 (the "Kneedle" idea of Satopää et al., 2011).

    Left of the knee each extra entry buys a lot of hit ratio; right of it, little. On a curve that is a
    straight line every point is equally far (zero), and the first point is returned.
    """
    if len(sizes) != len(ratios) or len(sizes) < 2:
        raise ValueError("need at least two (size, ratio) points, as many sizes as ratios")
    x0, x1 = sizes[0], sizes[-1]
    y0, y1 = ratios[0], ratios[-1]
    if x1 == x0 or y1 == y0:
        return Knee(sizes[0], ratios[0], 0)
    best, best_gap = 0, float("-inf")
    for i, (x, y) in enumerate(zip(sizes, ratios)):
        gap = (y - y0) / (y1 - y0) - (x - x0) / (x1 - x0)  # height above the chord, in scaled units
        if gap > best_gap + 1e-12:  # strictly greater: ties keep the smaller size
            best, best_gap = i, gap
    return Knee(sizes[best], ratios[best], best)


_MISSING = object()


def source_lines(func: Callable, *needles: str) -> list[str]:
    """The lines of ``func``'s source that contain any of ``needles``, stripped, in order (no line
    numbers: they differ between Python versions, the lines themselves do not)."""
    return [line.strip() for line in inspect.getsource(func).splitlines()
            if any(needle in line for needle in needles)]


def source_excerpt(func: Callable, first: str, last: str) -> str:
    """The lines of ``func``'s source from the first line containing ``first`` through the next line
    containing ``last``, dedented (so a lesson can quote the standard library it runs, whatever
    version that is)."""
    lines = inspect.getsource(func).splitlines()
    start = next(i for i, line in enumerate(lines) if first in line)
    stop = next(i for i in range(start, len(lines)) if last in lines[i])
    return textwrap.dedent("\n".join(lines[start:stop + 1]))

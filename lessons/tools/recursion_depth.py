"""Measuring how deep a recursion can go, and running code under a lower recursion limit.

Why this is a module of its own: how many levels a *memoized* recursion may descend before Python
raises ``RecursionError`` is not the same on every version, and it is easy to get wrong by guessing.
``functools.lru_cache`` is a C wrapper, so each level of a cached recursion is a Python frame *plus* a
trip through C, and the interpreters count that trip differently:

* 3.10 and 3.11 count both against ``sys.getrecursionlimit()``: a cold cached recursion gets about
  half the depth of a plain one;
* 3.12 counts Python frames against ``sys.getrecursionlimit()`` and C calls against a separate, fixed
  C recursion limit compiled into the interpreter, so raising ``sys.setrecursionlimit`` does not help a
  cached recursion past that C limit;
* 3.13 gives a cached recursion the same depth as a plain one, until its larger C limit.

So the lesson measures instead of stating numbers: ``largest_cold_n`` finds, by bisection, the largest
argument for which a *fresh* (cold) function succeeds, and ``recursion_limit`` runs a block under a
different limit and always restores the old one.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def frame_depth() -> int:
    """How many Python frames are on the stack below the caller (the caller's own frame included)."""
    depth = 0
    frame = sys._getframe(1)
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


@contextmanager
def recursion_limit(limit: int) -> Iterator[int]:
    """Run the block with ``sys.setrecursionlimit(limit)``; restore the previous limit afterwards,
    even when the block raises (a lowered limit left behind would break everything that runs next)."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(limit)
    try:
        yield limit
    finally:
        sys.setrecursionlimit(previous)


def succeeds(make: Callable[[], Callable[[int], object]], n: int) -> bool:
    """Does a freshly made function survive a call with argument ``n``?"""
    func = make()  # fresh every time: a warm cache from an earlier try would make deeper calls "work"
    try:
        func(n)
    except RecursionError:
        return False
    return True


def largest_cold_n(make: Callable[[], Callable[[int], object]], upper: int) -> int:
    """The largest ``n`` in ``0..upper`` for which ``make()(n)`` returns without ``RecursionError``,
    assuming that success is monotone (if n works, every smaller n works); -1 if even 0 fails.

    ``make`` builds a new function on each call, so every probe starts from an empty cache."""
    low, high = -1, upper  # invariant: low succeeds (or is -1), everything above high fails
    while low < high:
        middle = (low + high + 1) // 2
        if succeeds(make, middle):
            low = middle
        else:
            high = middle - 1
    return low

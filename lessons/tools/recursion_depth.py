"""Measuring how deep a recursion can go, and running code under another recursion limit.

Why this is a module of its own: how many levels a *memoized* recursion may descend before Python
raises ``RecursionError`` is not the same on every interpreter, not even on every patch release of one
version, and it is easy to get wrong by guessing. ``functools.lru_cache`` is a C wrapper, so each level
of a cached recursion is a Python frame *plus* a trip through C, and interpreters count that trip
differently (from CPython's source and changelog; lesson 05 measures it):

* 3.10 and 3.11 count both against ``sys.getrecursionlimit()``: a cold cached recursion gets about
  half the depth of a plain one, and raising the limit raises both;
* 3.12 counts Python frames against ``sys.getrecursionlimit()`` and C calls against a separate C
  recursion limit compiled into the interpreter (``C_RECURSION_LIMIT`` in ``Include/cpython/pystate.h``),
  which ``sys.setrecursionlimit`` does not change. 3.12.0 to 3.12.2 set it low (1500), so a cold cached
  recursion stops at a few hundred levels whatever the limit; 3.12.3 raised it (8000, 6500 on Windows:
  python/cpython PR #115083, the backport of PR #113397), so raising the limit helps again, up to it;
* 3.13 counts a cached level once against ``sys.getrecursionlimit()``, like a plain one, and also against
  its C limit (``Py_C_RECURSION_LIMIT``: 10000 on Linux and macOS, 3000 on Windows, lower on some
  platforms), which caps the cached depth however high the limit is set.

So the lesson measures instead of stating numbers: ``largest_cold_n`` finds, by bisection, the largest
argument for which a *fresh* (cold) function succeeds; ``depth_profile`` does that for a plain and a
cached recursion under several limits, in a thread with a large C stack (so that a deep probe raises
``RecursionError`` instead of crashing the interpreter, whatever the platform's default stack size), and
says whether raising the limit still deepens the cached recursion; ``recursion_limit`` runs a block
under a different limit and always restores the old one.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass


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


def with_big_stack(func: Callable[[], object], stack_mib: int = 256) -> object:
    """Run ``func()`` in a new thread with a C stack of ``stack_mib`` MiB and return what it returns (or
    raise what it raised). A deep recursion through C code (every level of a cached recursion) uses C
    stack, and the main thread's default stack (as little as 1 MiB on Windows) can overflow, which kills
    the process, before any recursion limit is reached."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = func()
        except BaseException as error:  # handed to the caller's thread, re-raised there
            outcome["error"] = error

    previous = threading.stack_size(stack_mib * 2**20)
    try:
        thread = threading.Thread(target=run, name="deep recursion probe")
        thread.start()
    finally:
        threading.stack_size(previous)  # only this thread gets the big stack
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@dataclass(frozen=True)
class DepthProfile:
    """The largest cold ``n`` of a plain and of a cached recursion, under each recursion limit."""

    limits: tuple[int, ...]
    plain: tuple[int, ...]
    cached: tuple[int, ...]

    @property
    def capped(self) -> bool:
        """Did raising the limit from the second largest to the largest leave the cached depth where it
        was (within a few levels), while the plain one went deeper? Then something other than
        ``sys.setrecursionlimit`` stops the cached recursion: the interpreter's C recursion limit."""
        return self.cached[-1] - self.cached[-2] <= 5 < self.plain[-1] - self.plain[-2]

    def units_per_level(self, index: int = 0) -> float:
        """How many levels of a plain recursion one cached level costs, under ``limits[index]``."""
        return self.plain[index] / max(self.cached[index], 1)


def depth_profile(make_plain: Callable[[], Callable[[int], object]],
                  make_cached: Callable[[], Callable[[int], object]],
                  limits: Sequence[int]) -> DepthProfile:
    """Measure ``largest_cold_n`` of both recursions under each limit (ascending), in a thread with a big
    C stack; the recursion limit is restored afterwards."""
    limits = tuple(sorted(limits))

    def measure() -> tuple[list[int], list[int]]:
        plain, cached = [], []
        for limit in limits:
            with recursion_limit(limit):
                plain.append(largest_cold_n(make_plain, 2 * limit))
                cached.append(largest_cold_n(make_cached, 2 * limit))
        return plain, cached

    plain, cached = with_big_stack(measure)
    return DepthProfile(limits, tuple(plain), tuple(cached))

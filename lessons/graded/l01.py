"""Graded tests of lesson 01 (10 points in all)."""
from __future__ import annotations

from lessons.counting import count_calls
from lessons.exercises.core import Failure, Graded, expect_equal
from lessons.exercises.l01 import (
    _probe,
    check_memoize,
    paths_call_bound,
    paths_reference,
    ways_call_bound,
    ways_reference,
)


def ways_small(ways):
    for n in (0, 1, 2, 3, 4, 7, 15):
        expect_equal(ways(n), ways_reference(n), input=f"ways({n})")


def ways_large_memoized(ways):
    n = 250
    bound = ways_call_bound(n)
    with count_calls(ways, budget=20 * bound) as tally:
        expect_equal(ways(n), ways_reference(n), input=f"ways({n})")
    if tally.calls > bound:
        raise Failure(f"{tally.calls} calls for ways({n}); at most {bound} allowed")


def ways_repeat_is_cheap(ways):
    with count_calls(ways, budget=20 * ways_call_bound(40)):  # every call of an answer runs under a budget
        ways(40)
    with count_calls(ways, budget=1000) as tally:
        ways(40)
    if tally.calls > 1:
        raise Failure(f"a repeated ways(40) ran {tally.calls} times; a memo answers it in one call")


def memoize_counts(memoize):
    area, calls = _probe()
    cached = memoize(area)
    for n in (1, 2, 1, 1, 3, 2):
        cached(n)
    if len(calls) != 3 or (getattr(cached, "hits", None), getattr(cached, "misses", None)) != (3, 3):
        raise Failure("expected 3 real calls, 3 hits and 3 misses for the arguments 1, 2, 1, 1, 3, 2",
                      got=(len(calls), getattr(cached, "hits", None), getattr(cached, "misses", None)))


def memoize_keywords_are_keys(memoize):
    area, calls = _probe()
    cached = memoize(area)
    expect_equal(cached(2, unit="cm"), "2 cm²", input="cached(2, unit='cm')")
    expect_equal(cached(2, unit="km"), "2 km²", input="cached(2, unit='km')",
                 why="keyword arguments must be part of the key")


def memoize_full_check(memoize):
    check_memoize(memoize)


def paths_small(count_paths):
    for rows, cols, blocked in [(1, 5, frozenset()), (5, 1, frozenset({(2, 0)})), (6, 6, frozenset()),
                                (2, 3, frozenset({(0, 2), (1, 0)})), (4, 4, frozenset({(0, 0)})),
                                (3, 5, frozenset({(2, 4)}))]:
        expect_equal(count_paths(rows, cols, blocked), paths_reference(rows, cols, blocked),
                     input=f"count_paths({rows}, {cols}, {set(blocked) or 'frozenset()'})")


def paths_memo_not_stale(count_paths):
    count_paths(6, 6, frozenset())
    expect_equal(count_paths(6, 6, frozenset({(2, 3)})), paths_reference(6, 6, frozenset({(2, 3)})),
                 input="count_paths(6, 6, {(2, 3)}) after count_paths(6, 6, frozenset())",
                 why="a memo keyed by (r, c) alone remembers the previous grid")


def paths_large(count_paths):
    rows, cols = 30, 25
    blocked = frozenset({(r, (r * 7) % cols) for r in range(1, rows - 1, 3)})
    bound = paths_call_bound(rows, cols)
    with count_calls(count_paths, budget=20 * bound) as tally:
        expect_equal(count_paths(rows, cols, blocked), paths_reference(rows, cols, blocked),
                     input=f"count_paths({rows}, {cols}, <{len(blocked)} blocked>)")
    if tally.calls > bound:
        raise Failure(f"{tally.calls} calls for a {rows}x{cols} grid; at most {bound} allowed")


TESTS = {
    "q1": [
        Graded("ways(n) is right for small n", 1, ways_small),
        Graded("ways(250) is right and memoized", 1, ways_large_memoized),
        Graded("a repeated call is answered from the memo", 1, ways_repeat_is_cheap),
    ],
    "q2": [
        Graded("one real call per distinct arguments; hits and misses counted", 1, memoize_counts),
        Graded("keyword arguments are part of the key", 1, memoize_keywords_are_keys),
        Graded("keyword order, cache_clear, one cache per function, functools.wraps", 1, memoize_full_check),
    ],
    "q3": [
        Graded("small grids, walls, and blocked start or end cells", 1, paths_small),
        Graded("the memo does not leak between grids", 1, paths_memo_not_stale),
        Graded("a 30x25 grid, right and memoized", 2, paths_large),
    ],
}

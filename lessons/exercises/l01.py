"""Exercises of lesson 01, memoization from scratch.

q1  ways(n)                 memoize a recursion by hand with a dict          (easy)
q2  memoize(func)           a decorator with keyword arguments, hits, misses
                            and cache_clear()                                 (medium)
q3  count_paths(rows, cols, blocked)
                            a grid problem that needs a memo, and a memo key
                            that includes everything the answer depends on    (hard)
"""
from __future__ import annotations

from lessons.exercises.core import Exercise, Failure, Graded, expect_equal
from lessons.tools.counting import CallBudgetExceeded, count_calls

LESSON = "01_memoization"


# -- reference answers the checks compare with (iterative, so they are obviously right and fast) ----------
def ways_reference(n: int) -> int:
    """Ways to climb n stairs taking 1, 2 or 3 steps at a time."""
    a, b, c = 1, 0, 0  # ways(k), ways(k-1), ways(k-2), starting at k = 0
    for _ in range(n):
        a, b, c = a + b + c, a, b
    return a


def paths_reference(rows: int, cols: int, blocked: frozenset = frozenset()) -> int:
    """Monotone (right/down) paths from the top-left to the bottom-right cell avoiding blocked cells."""
    counts = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            if (r, c) in blocked:
                continue
            if r == 0 and c == 0:
                counts[r][c] = 1
            else:
                counts[r][c] = (counts[r - 1][c] if r else 0) + (counts[r][c - 1] if c else 0)
    return counts[rows - 1][cols - 1]


# -- q1 ---------------------------------------------------------------------------------------------------
def ways_call_bound(n: int) -> int:
    # Memoized, each k from n down to 1 is computed once and makes 3 calls: 3n + 1 entries. Some slack
    # for other correct shapes (a helper, a base case checked after the lookup); plain recursion
    # exceeds it by many orders of magnitude.
    return 4 * (n + 1) + 2


def ways_naive_calls(n: int) -> int:
    """Calls the plain recursion makes for ways(n): 1 for n <= 0, else 1 + the calls for n-1, n-2, n-3."""
    calls = {-3: 1, -2: 1, -1: 1, 0: 1}
    for k in range(1, n + 1):
        calls[k] = 1 + calls[k - 1] + calls[k - 2] + calls[k - 3]
    return calls[n] if n > 0 else 1


def check_ways(ways) -> str:
    for n in range(12):
        expect_equal(ways(n), ways_reference(n), input=f"ways({n})",
                     why="ways(0) is 1 (standing still is one way), and ways(n) = ways(n-1) + ways(n-2) + "
                         "ways(n-3) for n >= 1, counting ways(negative) as 0")
    n = 60
    bound = ways_call_bound(n)
    try:
        with count_calls(ways, budget=20 * bound) as tally:
            got = ways(n)
    except CallBudgetExceeded:
        raise Failure(f"ways({n}) was still running after {20 * bound} calls. Is it memoized?",
                      input=f"ways({n})", why="create ways_memo once, outside ways, and return ways_memo[n] "
                                              "when n is in it, before recursing") from None
    expect_equal(got, ways_reference(n), input=f"ways({n})")
    if tally.calls > bound:
        raise Failure(
            f"ways({n}) is right, but your code ran {tally.calls} times",
            input=f"ways({n})", why=f"a memoized ways({n}) needs about {3 * n + 1} calls (3 per step) and the "
                                    f"check allows {bound}: look n up in ways_memo before computing it")
    return (f"ways({n}) = {got} in {tally.calls} calls; the plain recursion would make "
            f"{ways_naive_calls(n):,} calls.")


# graded tests of q1: points for a grader, kept apart from the self-check above
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


q1 = Exercise(
    LESSON, "q1", "Climbing stairs, memoized by hand", "ways", check_ways,
    hints=[
        ("Write the plain recursion first: ways(0) == 1, ways(negative) == 0, otherwise the sum of "
        "ways(n - 1), ways(n - 2) and ways(n - 3). Check it on small n."),
        ("Then memoize exactly like `fib_memo` above: return `ways_memo[n]` if `n in ways_memo`; otherwise "
        "compute, store in `ways_memo[n]`, return."),
        ("The store must happen *before* the return, and the recursive calls must call `ways` itself, so "
        "that they go through the memo too."),
    ],
    tests=[
        Graded("ways(n) is right for small n", 1, ways_small),
        Graded("ways(250) is right and memoized", 1, ways_large_memoized),
        Graded("a repeated call is answered from the memo", 1, ways_repeat_is_cheap),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
def _probe():
    """A fresh function that records every real call, to decorate with the learner's memoize."""
    calls = []

    def area(width, height=1, *, unit="m"):
        calls.append((width, height, unit))
        return _plain_area(width, height, unit=unit)

    return area, calls


def check_memoize(memoize) -> str:
    area, calls = _probe()
    cached = memoize(area)
    if not callable(cached):
        raise Failure("memoize(func) must return a function (the wrapper)", expected="a callable",
                      got=cached)
    sequence = [((3,), {}), ((3,), {}), ((3, 2), {}), ((3,), {"unit": "cm"}), ((3, 2), {}), ((3,), {"unit": "cm"})]
    for args, kwargs in sequence:
        expect_equal(cached(*args, **kwargs), _plain_area(*args, **kwargs), input=_call("cached", args, kwargs))
    distinct = 3
    if len(calls) != distinct:
        raise Failure(f"the wrapped function ran {len(calls)} times for 6 calls with 3 distinct argument lists",
                      input="; ".join(_call("cached", a, k) for a, k in sequence), expected=distinct,
                      got=len(calls), why="a memoized function runs once per distinct arguments; "
                                          "the cache must live outside the wrapper, not be created on each call")
    for attr, expected in (("hits", 3), ("misses", 3)):
        got = getattr(cached, attr, None)
        if got != expected:
            counted = "calls answered from the cache" if attr == "hits" else "calls that ran the function"
            raise Failure(f"wrapper.{attr} should count the {counted}",
                          input="the 6 calls above", expected=expected, got=got,
                          why="set wrapper.hits = wrapper.misses = 0 on the wrapper, and add 1 to one of them "
                              "on every call")
    calls.clear()
    cached(2, unit="m", height=5)
    cached(2, height=5, unit="m")
    if len(calls) != 1:
        raise Failure("the same keyword arguments in another order ran the function again",
                      input="cached(2, unit='m', height=5); cached(2, height=5, unit='m')", expected=1,
                      got=len(calls), why="a dict remembers insertion order, so tuple(kwargs.items()) differs; "
                                          "sort the items to build the key")
    if not hasattr(cached, "cache_clear"):
        raise Failure("the wrapper has no cache_clear()", why="give it one: empty the cache, zero the counters")
    cached.cache_clear()
    if (getattr(cached, "hits", None), getattr(cached, "misses", None)) != (0, 0):
        raise Failure("cache_clear() should reset the statistics too", expected=(0, 0),
                      got=(getattr(cached, "hits", None), getattr(cached, "misses", None)),
                      why="after a clear, the statistics describe the new, empty cache (lru_cache does the same)")
    calls.clear()
    cached(3)
    if len(calls) != 1:
        raise Failure("after cache_clear() the function was not run again", input="cached.cache_clear(); cached(3)",
                      expected="1 real call", got=f"{len(calls)} real calls", why="cache_clear() must empty the cache")
    calls.clear()
    cached(3, unit="cm")
    cached(3, unit="mm")
    if len(calls) != 2:
        raise Failure("two calls that differ only in a keyword's value shared one entry",
                      input="cached(3, unit='cm'); cached(3, unit='mm')", expected="2 real calls",
                      got=f"{len(calls)} real calls", why="the key needs the keyword values, not only their names")
    check_falsy_results(memoize)
    check_flat_keys(memoize)
    other, other_calls = _probe()
    memoize(other)(3)
    if not other_calls:
        raise Failure("two memoized functions share one cache", input="memoize(f)(3) after memoize(g)(3)",
                      why="create the cache inside memoize(), once per decorated function, not at module level")
    if getattr(cached, "__name__", None) != "area":
        raise Failure("the wrapper hides the function's name", expected="area",
                      got=getattr(cached, "__name__", None), why="decorate the wrapper with @functools.wraps(func)")
    return "memoize caches per function, counts hits and misses, treats keyword order as equal and clears."


def check_falsy_results(memoize) -> None:
    calls = []

    def nothing(x):
        calls.append(x)
        return None

    cached = memoize(nothing)
    cached(1)
    cached(1)
    if len(calls) != 1:
        raise Failure("a result of None was computed again on the second call", input="cached(1); cached(1)",
                      expected="1 real call", got=f"{len(calls)} real calls",
                      why="test `key in cache`, not whether `cache.get(key)` is truthy: None, 0 and '' are "
                          "results too")


def check_flat_keys(memoize) -> None:
    calls = []

    def pair(a, b=None):
        calls.append((a, b))
        return (a, b)

    cached = memoize(pair)
    first, second = cached(1, ("b", 2)), cached(1, b=2)
    if (first, second) != ((1, ("b", 2)), (1, 2)):
        raise Failure("two different calls collided in the cache", input="cached(1, ('b', 2)); cached(1, b=2)",
                      expected=((1, ("b", 2)), (1, 2)), got=(first, second),
                      why="a key made by appending keyword items to the positional arguments cannot tell "
                          "these apart; keep the two parts separate: (args, tuple(sorted(kwargs.items())))")


def _plain_area(width, height=1, *, unit="m"):
    return f"{width * height} {unit}²"


def _call(name, args, kwargs) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


# graded tests of q2: points for a grader, kept apart from the self-check above
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


q2 = Exercise(
    LESSON, "q2", "A memoize decorator with statistics", "memoize", check_memoize,
    hints=[
        ("Start from `simple_memoize` in the lesson. The cache dict is created once per decorated "
        "function: inside `memoize`, outside `wrapper`."),
        "A key that ignores keyword order: `key = (args, tuple(sorted(kwargs.items())))`.",
        ("Counters can live on the wrapper itself: `wrapper.hits = wrapper.misses = 0` after defining it, "
        "and `wrapper.hits += 1` inside. `cache_clear` is a small inner function attached the same way."),
    ],
    tests=[
        Graded("one real call per distinct arguments; hits and misses counted", 1, memoize_counts),
        Graded("keyword arguments are part of the key", 1, memoize_keywords_are_keys),
        Graded("keyword order, cache_clear, one cache per function, functools.wraps", 1, memoize_full_check),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
def paths_call_bound(rows: int, cols: int) -> int:
    # Each cell is computed once and asks for two neighbours: about 2 * rows * cols entries, plus slack
    # for other correct shapes. The plain recursion makes millions of calls on the grids checked.
    return 3 * rows * cols + 2


GRIDS = [
    (1, 1, frozenset()),
    (2, 2, frozenset()),
    (3, 3, frozenset()),
    (3, 3, frozenset({(1, 1)})),
    (3, 4, frozenset({(0, 1), (2, 2)})),
    (4, 4, frozenset({(0, 0)})),
    (4, 4, frozenset({(3, 3)})),
    (5, 5, frozenset({(1, 0), (0, 1)})),
]


def check_paths(count_paths) -> str:
    right_so_far = 0
    for rows, cols, blocked in GRIDS:
        if {(0, 0), (rows - 1, cols - 1)} & blocked:
            why = "when the start or the end cell is blocked, there is no path at all: 0"
        elif right_so_far:
            why = ("the earlier grids were right, so your code probably remembers answers from another "
                   "grid: a memo shared between calls needs everything the answer depends on in its key "
                   "(or use a new memo for each call)")
        else:
            why = "count the paths into (r, c) as those into (r - 1, c) plus those into (r, c - 1)"
        with count_calls(count_paths, budget=100_000):  # small grids: even plain recursion stays far below
            got = count_paths(rows, cols, blocked)
        expect_equal(got, paths_reference(rows, cols, blocked),
                     input=f"count_paths({rows}, {cols}, {set(blocked) or 'frozenset()'})", why=why)
        right_so_far += 1
    rows = cols = 14
    blocked = frozenset({(3, 4), (7, 7), (10, 2)})
    bound = paths_call_bound(rows, cols)
    try:
        with count_calls(count_paths, budget=20 * bound) as tally:
            got = count_paths(rows, cols, blocked)
    except CallBudgetExceeded:
        raise Failure(f"count_paths({rows}, {cols}, ...) was still running after {20 * bound} calls. "
                      f"Is it memoized?", why="memoize the recursive function that counts the paths into "
                                              "one cell, so that each cell is computed once") from None
    expect_equal(got, paths_reference(rows, cols, blocked), input=f"count_paths({rows}, {cols}, <3 blocked cells>)")
    if tally.calls > bound:
        raise Failure(f"count_paths({rows}, {cols}) is right, but your code ran {tally.calls} times",
                      why=f"memoized, each cell is computed once: about two calls per cell, {bound} at most")
    return (f"right on all {len(GRIDS) + 1} grids; count_paths({rows}, {cols}, <3 blocked cells>) = {got} "
            f"in {tally.calls} calls.")


# graded tests of q3: points for a grader, kept apart from the self-check above
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


q3 = Exercise(
    LESSON, "q3", "Paths through a grid with blocked cells", "count_paths", check_paths,
    hints=[
        ("The number of paths to cell (r, c) is the number to (r - 1, c) plus the number to (r, c - 1): "
        "you arrive from above or from the left. A blocked cell, or one outside the grid, has 0; the start "
        "(0, 0) has 1 unless it is blocked."),
        ("Write an inner function `paths_to(r, c)` that recurses, and memoize *it*, with a dict created "
        "inside `count_paths` (or `functools.cache` on the inner function)."),
        ("A memo shared between calls of `count_paths` would need the grid in its key: "
        "`(rows, cols, blocked, r, c)`. That is why `blocked` is a frozenset: it has to be hashable."),
    ],
    tests=[
        Graded("small grids, walls, and blocked start or end cells", 1, paths_small),
        Graded("the memo does not leak between grids", 1, paths_memo_not_stale),
        Graded("a 30x25 grid, right and memoized", 2, paths_large),
    ],
)


EXERCISES = [q1, q2, q3]

"""Exercises of lesson 04, cache_info() and tuning maxsize.

q1  hit_ratio(info)          the hit ratio of a CacheInfo, 0.0 before any call            (easy)
q2  final_info               predict cache_info() after calls, an exception and a
                             cache_clear(); checked against a real lru_cache              (medium)
q3  choose_maxsize(trace, target, budget_bytes, entry_bytes)
                             the smallest maxsize reaching a target hit ratio within
                             a memory budget; checked by replaying real lru_caches        (hard)

Every check runs the real ``functools.lru_cache``; none of them times anything.
"""
from __future__ import annotations

import functools
import itertools
import math
import random
from collections import OrderedDict

from lessons.exercises.core import Description, Exercise, Failure, Graded, expect_equal
from lessons.tools import traces
from lessons.tools.counting import CallBudgetExceeded
from lessons.tools.tuning import ratio, replay

LESSON = "04_cache_info_tuning"


# -- q1 ---------------------------------------------------------------------------------------------------
def _info_after(keys, maxsize):
    """A real CacheInfo: an lru_cache(maxsize) called with ``keys``."""
    return replay(keys, maxsize)


Q1_CASES = [
    # (description, keys, maxsize): hits + misses differs from currsize and from maxsize in most of them
    ("7 calls on 3 keys, maxsize=128", [1, 2, 1, 1, 3, 2, 1], 128),
    ("6 calls, maxsize=2, with evictions", [1, 2, 3, 1, 2, 3], 2),
    ("5 calls, unbounded (maxsize=None)", [5, 5, 5, 6, 5], None),
    ("4 calls, maxsize=0 (no caching at all)", [1, 1, 1, 1], 0),
]


Q1_CLAUSES = {
    "float": "`hit_ratio(info)` returns a float (not an int, a bool, a string or a Fraction)",
    "ratio": "it is hits / (hits + misses), the share of calls answered from the cache, as a fraction "
             "between 0 and 1 (not a percentage), for any CacheInfo: bounded, unbounded, `maxsize=0`, huge "
             "counts",
    "zero": "a cache with no calls yet (just created, or just cleared) has the hit ratio 0.0, not an error",
}


def _as_number(got, input):
    if type(got) is not float:
        raise Failure("hit_ratio should return a float between 0 and 1", clause="float", input=input,
                      expected=Description("a float"), got=got,
                      why="hits / calls is a float in Python 3; return it as it is")
    return got


def generated_infos(seed, count=40):
    """Seeded CacheInfo values, made the way functools makes them, with counts beyond any table."""
    rng = random.Random(seed)
    infos = []
    for _ in range(count):
        hits = rng.choice([rng.randrange(50), rng.randrange(10**6), rng.randrange(10**15)])
        misses = rng.randrange(1, 10**9)
        maxsize = rng.choice([None, 0, 1, 128, rng.randrange(10**6)])
        currsize = 0 if maxsize == 0 else min(misses, maxsize if maxsize is not None else misses)
        infos.append(functools._CacheInfo(hits, misses, maxsize, currsize))
    infos.append(functools._CacheInfo(10**18, 0, None, 0))
    return infos


def check_generated_infos(hit_ratio, seed):
    for info in generated_infos(seed):
        expected = ratio(info)
        got = _as_number(hit_ratio(info), f"hit_ratio({info})")
        if not math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-15):
            raise Failure("wrong hit ratio for a generated CacheInfo", clause="ratio", input=f"hit_ratio({info})",
                          expected=expected, got=got,
                          why="hit ratio = hits / (hits + misses): the share of *calls* answered from the "
                              "cache; currsize and maxsize count entries, not calls")


def check_hit_ratio(hit_ratio) -> str:
    if not callable(hit_ratio):
        raise Failure("hit_ratio must be a function that takes a CacheInfo", expected=Description("a function"),
                      got=hit_ratio)
    for description, keys, maxsize in Q1_CASES:
        info = _info_after(keys, maxsize)
        expected = ratio(info)
        got = _as_number(hit_ratio(info), f"hit_ratio({info})")
        if math.isclose(got, 100 * expected) and expected:
            raise Failure("that looks like a percentage", clause="ratio", input=f"hit_ratio({info}) ({description})",
                          expected=expected, got=got, why="return a fraction between 0 and 1; multiply by 100 "
                                                          "only when you print it as a percentage")
        if not math.isclose(got, expected, abs_tol=1e-12):
            raise Failure(f"wrong hit ratio for {description}", clause="ratio", input=f"hit_ratio({info})",
                          expected=expected, got=got,
                          why="hit ratio = hits / (hits + misses): the share of *calls* answered from the cache. "
                              "currsize and maxsize count entries, not calls")
    fresh = _info_after([], 128)
    try:
        got = hit_ratio(fresh)
    except ZeroDivisionError:
        raise Failure("a cache that was never called made hit_ratio divide by zero", clause="zero",
                      input=f"hit_ratio({fresh})", expected=0.0, got=Description("ZeroDivisionError"),
                      why="right after start-up or cache_clear() there are no calls yet; return 0.0 then") from None
    if type(got) is not float or got != 0.0:
        raise Failure("wrong hit ratio for a cache that was never called", clause="zero",
                      input=f"hit_ratio({fresh})", expected=0.0, got=got,
                      why="no calls, so no hits: return the float 0.0")
    check_generated_infos(hit_ratio, seed=4)
    return (f"right on {len(Q1_CASES) + 1} real CacheInfo values, including maxsize=None, maxsize=0 and a cache "
            f"that was never called, and on {len(generated_infos(4))} generated ones with counts up to 10**18.")


# graded tests of q1: points for a grader, kept apart from the self-check above
def _expect_ratio(hit_ratio, keys, maxsize):
    info = replay(keys, maxsize)
    got = _as_number(hit_ratio(info), f"hit_ratio({info})")
    if not math.isclose(got, ratio(info), abs_tol=1e-12):
        raise Failure("wrong hit ratio", clause="ratio", input=f"hit_ratio({info})", expected=ratio(info), got=got)


def ratio_bounded(hit_ratio):
    _expect_ratio(hit_ratio, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], 4)
    _expect_ratio(hit_ratio, traces.zipf(50, 500, seed=3), 10)
    check_generated_infos(hit_ratio, seed=9)


def ratio_never_called(hit_ratio):
    @functools.lru_cache(maxsize=32)
    def f(x):
        return x

    f(1)
    f(1)
    f.cache_clear()  # a cleared cache has no calls either
    expect_equal(hit_ratio(f.cache_info()), 0.0, input=f"hit_ratio({f.cache_info()})", clause="zero",
                 why="no calls since cache_clear(): the hit ratio is 0.0")


def ratio_unbounded_and_all_hits(hit_ratio):
    _expect_ratio(hit_ratio, [7] * 10, None)
    _expect_ratio(hit_ratio, [1, 2, 3], None)


q1 = Exercise(
    LESSON, "q1", "The hit ratio of a CacheInfo", "hit_ratio", check_hit_ratio,
    hints=[
        "The hit ratio is the share of calls that were hits. How many calls were there in all?",
        ("Every call is either a hit or a miss: calls = info.hits + info.misses. currsize and maxsize count "
        "entries, not calls."),
        "Before dividing, handle the case calls == 0 (a fresh or just-cleared cache): return 0.0 then.",
    ],
    tests=[
        Graded("hit ratio of bounded caches", 1, ratio_bounded),
        Graded("0.0 for a cache without calls (also after cache_clear)", 1, ratio_never_called),
        Graded("unbounded caches, all hits", 1, ratio_unbounded_and_all_hits),
    ],
    clauses=Q1_CLAUSES,
)


# -- q2 ---------------------------------------------------------------------------------------------------
Q2_MAXSIZE = 3
Q2_BEFORE = ["home", "about", "home", "blog"]
Q2_AFTER = ["home", "missing", "about", "missing", "home", "blog", "news", "home", "about", "missing"]
Q2_BAD = "missing"


def q2_sequence(lru_cache=functools.lru_cache):
    """Run the exercise's sequence on a real lru_cache and return the final cache_info()."""

    @lru_cache(maxsize=Q2_MAXSIZE)
    def load(page):
        if page == Q2_BAD:
            raise KeyError(page)
        return f"<html>{page}</html>"

    for page in Q2_BEFORE:
        load(page)
    load.cache_clear()
    for page in Q2_AFTER:
        try:
            load(page)
        except KeyError:
            pass
    return load.cache_info()


def q2_model(*, reset=True, count_exceptions=True, cache_exceptions=False, fifo=False, evict=True):
    """The same sequence on a model cache with a misconception switched on, to name a learner's mistake."""
    hits = misses = 0
    cache: OrderedDict = OrderedDict()

    def call(page):
        nonlocal hits, misses
        if page in cache:
            hits += 1
            if not fifo:
                cache.move_to_end(page)
            return
        if page != Q2_BAD or count_exceptions:
            misses += 1
        if page == Q2_BAD and not cache_exceptions:
            return
        cache[page] = True
        if evict and len(cache) > Q2_MAXSIZE:
            cache.popitem(last=False)

    for page in Q2_BEFORE:
        call(page)
    cache.clear()
    if reset:
        hits = misses = 0
    for page in Q2_AFTER:
        call(page)
    return (hits, misses, Q2_MAXSIZE, len(cache))


Q2_MISTAKES = [
    (dict(reset=False), "your hits and misses include the calls before cache_clear()",
     "cache_clear() empties the cache AND resets hits and misses to 0"),
    (dict(count_exceptions=False), "you did not count the calls that raised",
     ("a call that raises is still counted as a miss (the wrapper counts the miss before calling the function), "
     "and nothing is stored, so the retry is a miss again")),
    (dict(cache_exceptions=True), "you treated the exception as if it were cached",
     ("exceptions are not cached: nothing is stored when the function raises, so 'missing' is a miss every time "
     "and takes no room")),
    (dict(fifo=True), "you evicted the oldest *inserted* entry (FIFO)",
     "lru_cache evicts the least recently *used* entry: a hit moves the entry to the most recent end"),
    (dict(evict=False), "your cache grew beyond maxsize",
     "currsize never exceeds maxsize: each miss on a full cache evicts the least recently used entry"),
]

_FIELD_WHY = {
    "hits": "count the calls whose page is in the cache at that moment; remember evictions",
    "misses": "every call that is not a hit is a miss, including each call that raises",
    "maxsize": "maxsize is the number the cache was created with",
    "currsize": "currsize counts stored entries: at most maxsize, and a call that raises stores nothing",
}


Q2_CLAUSES = {
    "shape": "`final_info` is four ints, `(hits, misses, maxsize, currsize)`: a tuple, a list or a CacheInfo",
    "hits": "hits is what the real `lru_cache` reports at the end of the code",
    "misses": "misses is what it reports (calls that raise, and `cache_clear()`, have their say)",
    "maxsize": "maxsize is what it reports",
    "currsize": "currsize is what it reports",
}
_FIELDS = ("hits", "misses", "maxsize", "currsize")


def _four_ints(final_info):
    if not isinstance(final_info, (tuple, list)) or len(final_info) != 4 or not all(
            type(v) is int for v in final_info):
        raise Failure("final_info should be four whole numbers: (hits, misses, maxsize, currsize)",
                      clause="shape", got=final_info, expected=Description("e.g. (1, 2, 3, 1) or a CacheInfo"),
                      why="CacheInfo is a namedtuple with these four fields, in this order, each an int")
    return tuple(final_info)


def _first_wrong(got, real):
    return next(name for name, g, r in zip(_FIELDS, got, real) if g != r)


def check_final_info(final_info) -> str:
    fields = _FIELDS
    got = _four_ints(final_info)
    real = tuple(q2_sequence())
    if got == real:
        return (f"right: {q2_sequence()}, exactly what the real lru_cache reports after that sequence.")
    for switches, message, why in Q2_MISTAKES:
        if got == q2_model(**switches):
            raise Failure(f"not quite: {message}", clause=_first_wrong(got, real), input="the sequence of the task",
                          got=got, why=why, show_values=False)
    for (switches1, message1, why1), (switches2, message2, why2) in itertools.combinations(Q2_MISTAKES, 2):
        if got == q2_model(**switches1, **switches2):
            raise Failure(f"not quite, two ideas went wrong: {message1}; and {message2}",
                          clause=_first_wrong(got, real), input="the sequence of the task", got=got,
                          why=f"{why1}; {why2}", show_values=False)
    wrong = [name for name, g, r in zip(fields, got, real) if g != r]
    raise Failure(f"not quite: {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong",
                  clause=wrong[0], input="the sequence of the task", got=got,
                  why="; ".join(f"{name}: {_FIELD_WHY[name]}" for name in wrong), show_values=False)


# graded tests of q2: points for a grader, kept apart from the self-check above
def q2_hits_and_size(final_info):
    got, real = _four_ints(final_info), q2_sequence()
    if (got[0], got[2], got[3]) != (real.hits, real.maxsize, real.currsize):
        raise Failure("hits, maxsize or currsize is wrong", clause=_first_wrong(got, real), got=got)


def q2_misses(final_info):
    got, real = _four_ints(final_info), q2_sequence()
    if got[1] != real.misses:
        raise Failure("misses is wrong: calls that raise count as misses, and cache_clear() resets the count",
                      clause="misses", got=got)


def q2_exact(final_info):
    check_final_info(final_info)


q2 = Exercise(
    LESSON, "q2", "Predict cache_info()", "final_info", check_final_info,
    hints=[
        ("Start at the cache_clear(): what does it reset? Everything before it only matters if the "
        "statistics survive the clear (they do not)."),
        ("Walk through the calls after the clear with a list of at most 3 pages, most recently used last. A "
        "hit moves its page to the end; a miss on a full list drops the first page."),
        ("A call that raises counts as a miss, and stores nothing: 'missing' is a miss each time and never takes "
        "a place in the list."),
    ],
    tests=[
        Graded("hits, maxsize and currsize", 1, q2_hits_and_size),
        Graded("misses (exceptions count, cache_clear resets)", 1, q2_misses),
        Graded("the whole CacheInfo", 1, q2_exact),
    ],
    clauses=Q2_CLAUSES,
)


# -- q3 ---------------------------------------------------------------------------------------------------
Q3_CLAUSES = {
    "int": "`choose_maxsize(trace, target, budget_bytes, entry_bytes)` returns an int (not a float such as "
           "128.0, not a bool), or None",
    "reaches": "the size it returns is at least 1 and reaches the target: the real `lru_cache(maxsize)` "
               "replaying `trace` has a hit ratio >= `target` (a target met exactly counts)",
    "smallest": "no smaller size of at least 1 reaches the target within the budget",
    "budget": "the size fits the budget: `maxsize * entry_bytes <= budget_bytes`, tested exactly so, with "
              "`entry_bytes` an int or a float (an exact fit counts: with `entry_bytes=0.1`, 10 entries fit "
              "in `budget_bytes=1`, as `10 * 0.1 <= 1`)",
    "none": "it returns None when, and only when, no size from 1 up that fits the budget reaches the target "
            "(an empty trace has the hit ratio 0.0 at every size, so a target of 0 is reached at 1)",
}


def largest_affordable(budget_bytes, entry_bytes):
    """The largest k >= 0 with ``k * entry_bytes <= budget_bytes``, tested as written.

    ``int(budget_bytes // entry_bytes)`` is a first guess only: for floats it can be one short at an exact
    fit (``1 // 0.1`` is 9.0, yet ``10 * 0.1 <= 1``), so the guess is corrected by the condition itself
    (which only ever gets harder to meet as k grows).
    """
    k = max(int(budget_bytes // entry_bytes), 0)
    while (k + 1) * entry_bytes <= budget_bytes:
        k += 1
    while k > 0 and k * entry_bytes > budget_bytes:
        k -= 1
    return k


def smallest_size_reference(trace, target, budget_bytes, entry_bytes):
    """The reference: the smallest affordable size whose real lru_cache reaches ``target`` on ``trace``.

    LRU is a stack algorithm (Mattson et al., 1970): a bigger LRU cache holds everything a smaller one
    holds, so hits never go down as the size grows and a binary search over sizes is sound (the tests
    compare it with trying every size). Sizes beyond one entry per distinct key behave like that size
    (and every size behaves alike on an empty trace, so at least size 1 is tried).
    """
    high = min(largest_affordable(budget_bytes, entry_bytes), max(1, len(set(trace))))
    if high < 1 or ratio(replay(trace, high)) < target:
        return None
    low = 1
    while low < high:
        middle = (low + high) // 2
        if ratio(replay(trace, middle)) >= target:
            high = middle
        else:
            low = middle + 1
    return low


ENTRY_BYTES = 400
LOOP10 = traces.cyclic_scan(10, 100)
WIDE = traces.hot_cold(300, 2500, hot_fraction=0.3, hot_share=0.9, seed=6)
HOT = traces.hot_cold(400, 1024, hot_fraction=0.1, hot_share=0.9, seed=11)
SCAN = traces.cyclic_scan(50, 600)
FLAT = traces.uniform(120, 600, seed=5)


def exact_target(trace, size):
    """The hit ratio the real cache reaches at exactly ``size``: a target only ``>=`` meets at ``size``."""
    return ratio(replay(trace, size))


def q3_cases():
    """(description, trace name, trace, target, budget_bytes, entry_bytes); the answers come from the
    reference, which replays real caches."""
    hot_needed = smallest_size_reference(HOT, 0.8, 10**6, ENTRY_BYTES)
    return [
        ("a generous budget", "HOT", HOT, 0.8, 160_000, ENTRY_BYTES),
        ("a budget too small for the target", "HOT", HOT, 0.8, 16_000, ENTRY_BYTES),
        ("a budget exactly big enough", "HOT", HOT, 0.8, hot_needed * ENTRY_BYTES, ENTRY_BYTES),
        ("a budget one byte short", "HOT", HOT, 0.8, hot_needed * ENTRY_BYTES - 1, ENTRY_BYTES),
        ("a target reached exactly at one size", "HOT", HOT, exact_target(HOT, 37), 160_000, ENTRY_BYTES),
        ("a loop over 50 keys", "SCAN", SCAN, 0.5, 100_000, 1000),
        ("a target above what any size reaches", "FLAT", FLAT, 0.9, 200 * 300, 300),
        # entry_bytes as bytes_per_entry measures it: a float, so budget_bytes // entry_bytes is a float too
        ("entry_bytes measured as a float", "HOT", HOT, 0.8, 25_000, 437.5),
        # maxsize=0 caches nothing; the task asks for at least 1, and 1 already reaches a target of 0
        ("a target of 0, which any cache reaches", "SCAN", SCAN, 0.0, 100_000, 1000),
        # an answer far above 60 sizes, as in the lesson's own example (whose answer is 128)
        ("a hot set of 90 keys", "WIDE", WIDE, 0.8, 100_000, 400),
        # 10 * 0.1 <= 1 holds, although 1 // 0.1 is 9.0: an exact fit of a float entry size
        ("entry_bytes=0.1 and exactly 10 entries' worth of budget", "LOOP10", LOOP10, exact_target(LOOP10, 10),
         1, 0.1),
        ("an empty trace and a target of 0", "[]", [], 0.0, 1000, 10),
        ("a budget of 2.5 bytes for entries of 0.25", "LOOP10", LOOP10, exact_target(LOOP10, 10), 2.5, 0.25),
        ("an empty trace and a target of 0.5", "[]", [], 0.5, 1000, 10),
        ("a budget below one entry", "HOT", HOT, 0.0, 399, ENTRY_BYTES),
    ]


def generated_q3_cases(seed, count=6):
    """Seeded questions where mistakes live: targets met exactly at some size, budgets that fit a size
    exactly or miss it by a hair, float entry sizes whose floor division is one short."""
    rng = random.Random(seed)
    cases = []
    for n in range(count):
        keys = rng.randrange(20, 90)
        trace = (traces.zipf(keys, rng.randrange(150, 400), seed=rng.randrange(10**6)) if n % 2 else
                 traces.hot_cold(keys, rng.randrange(150, 400), seed=rng.randrange(10**6)))
        size = rng.randrange(1, len(set(trace)) + 1)
        entry = rng.choice([0.1, 0.3, 0.7, 2.5, 437.5, 64, 1000])
        budget = rng.choice([size * entry, size * entry - 1e-9, (size + rng.randrange(0, 20)) * entry])
        target = rng.choice([exact_target(trace, size), exact_target(trace, size) + 1e-9, rng.random()])
        name = f"generated trace {seed}.{n}"
        cases.append((f"a generated question ({name})", name, trace, target, budget, entry))
    return cases


def _describe(name, target, budget, entry_bytes):
    return f"choose_maxsize({name}, target={target:.4g}, budget_bytes={budget}, entry_bytes={entry_bytes})"


REPLAY_BUDGET = 1500  # passes over the trace allowed per question: a full linear search needs a few hundred


class BudgetedTrace(list):
    """The trace handed to the learner's function: a plain list that stops a search without an end.

    Every replay (and ``set(trace)``) iterates over the trace once; after ``budget`` passes the next one
    raises CallBudgetExceeded, a BaseException that an ``except Exception`` in the answer cannot swallow.
    """

    def __init__(self, items, budget=REPLAY_BUDGET):
        super().__init__(items)
        self.budget = self.left = budget

    def __iter__(self):
        self.left -= 1
        if self.left < 0:
            raise CallBudgetExceeded(self.budget)
        return super().__iter__()


def _passes(budget_bytes, entry_bytes):
    """Passes over the trace a right answer may need: one replay per affordable size (twice over, for
    answers that also take set(trace) or replay twice), so a search without an end stops in a second."""
    return min(2 * largest_affordable(budget_bytes, entry_bytes) + 50, REPLAY_BUDGET)


def run_q3_case(choose_maxsize, case):
    description, name, trace, target, budget, entry_bytes = case
    expected = smallest_size_reference(trace, target, budget, entry_bytes)
    input = f"{_describe(name, target, budget, entry_bytes)} ({description})"
    try:
        got = choose_maxsize(BudgetedTrace(trace, _passes(budget, entry_bytes)), target, budget, entry_bytes)
    except CallBudgetExceeded:
        raise Failure(f"for {description}, your choose_maxsize went over the trace more than "
                      f"{_passes(budget, entry_bytes)} times, so the check stopped it", clause="none", input=input,
                      why="stop searching at the largest size you can afford (and at len(set(trace)), beyond "
                          "which nothing changes): a search with no upper bound never ends when the target "
                          "is out of reach") from None
    except ZeroDivisionError:
        if trace:
            raise
        raise Failure(f"for {description}, your choose_maxsize divided by zero", clause="none", input=input,
                      expected=expected, got=Description("ZeroDivisionError"),
                      why="an empty trace makes no calls, so hits + misses is 0: its hit ratio is 0.0 at "
                          "every size (as hit_ratio of q1 says), and size 1 reaches a target of 0") from None
    except TypeError as error:
        if isinstance(entry_bytes, int):
            raise
        raise Failure(f"for {description}, your choose_maxsize raised TypeError: {error}", clause="budget",
                      input=input,
                      why="entry_bytes is a float here, as bytes_per_entry measures it, so budget_bytes // "
                          "entry_bytes is a float too and range() refuses it: test size * entry_bytes <= "
                          "budget_bytes for each size instead") from None
    if got == expected and type(got) is type(expected):
        return
    if got is not None and type(got) is not int:
        raise Failure(f"for {description}, the answer is not an int", clause="int", input=input,
                      expected=expected, got=got, why="return an int (a maxsize), or None when no affordable "
                                                      "size reaches the target")
    if expected is None and got == 0:
        raise Failure(f"wrong answer for {description}: {got!r} instead of None", clause="none", input=input,
                      expected=expected, got=got,
                      why="no size that fits the budget reaches the target: return None so the caller knows "
                          "(0 is a size, and one that caches nothing)")
    if got is None:
        raise Failure(f"wrong answer for {description}: None, but a size fits", clause="none", input=input,
                      expected=expected, got=got,
                      why=(f"lru_cache(maxsize={expected}) has hit ratio {ratio(replay(trace, expected)):.4f} >= "
                           f"{target:.4g}, and a full cache of that size needs {expected} x {entry_bytes:g} = "
                           f"{expected * entry_bytes:g} bytes <= budget_bytes={budget}. Does your search reach "
                           "that size? A size that uses the budget exactly still fits (<=), and sizes go up to "
                           "the number of distinct keys"))
    if got * entry_bytes > budget:
        raise Failure(f"wrong maxsize for {description}: over the budget", clause="budget", input=input,
                      expected=expected, got=got,
                      why=(f"a full lru_cache(maxsize={got}) needs {got} x {entry_bytes} = {got * entry_bytes} "
                           f"bytes, more than budget_bytes={budget}"
                           + ("; when no affordable size reaches the target, return None" if expected is None
                              else "")))
    if got < 1 or ratio(replay(trace, got)) < target:
        raise Failure(f"wrong maxsize for {description}: it does not reach the target", clause="reaches",
                      input=input, expected=expected, got=got,
                      why=("a cache needs at least one entry: maxsize=0 caches nothing" if got < 1 else
                           f"lru_cache(maxsize={got}) has hit ratio {ratio(replay(trace, got)):.4f} on this "
                           f"trace, below the target {target:.4g}"))
    if expected is None:  # got fits and reaches, so the reference would have found it: cannot happen
        raise Failure(f"wrong maxsize for {description}", clause="none", input=input, expected=expected, got=got)
    raise Failure(f"wrong maxsize for {description}: a smaller size reaches the target", clause="smallest",
                  input=input, expected=expected, got=got,
                  why=(f"the real lru_cache(maxsize={expected}) already has hit ratio "
                       f"{ratio(replay(trace, expected)):.4f} >= {target:.4g}; the smallest such size is the "
                       "answer"))


def check_choose_maxsize(choose_maxsize) -> str:
    if not callable(choose_maxsize):
        raise Failure("choose_maxsize must be a function", expected=Description("a function"), got=choose_maxsize)
    cases = q3_cases() + generated_q3_cases(seed=3)
    for case in cases:
        run_q3_case(choose_maxsize, case)
    return (f"right on all {len(cases)} traces and budgets (exact fits, float entry sizes, empty traces, "
            f"generated questions), each checked by replaying real lru_caches.")


# graded tests of q3: points for a grader, kept apart from the self-check above
ZIPF = traces.zipf(300, 2048, seed=21)


SCAN = traces.cyclic_scan(30, 600)


def q3_reaches_target(choose_maxsize):
    for target in (0.5, 0.6, 0.7):
        run_q3_case(choose_maxsize, (f"target {target}", "ZIPF", ZIPF, target, 10**5, ENTRY_BYTES))
    run_q3_case(choose_maxsize, ("a hot set of 90 keys, at 80 %", "WIDE", WIDE, 0.8, 60_000, 400))


def q3_budget_and_none(choose_maxsize):
    needed = smallest_size_reference(ZIPF, 0.6, 10**6, ENTRY_BYTES)
    for budget in (needed * ENTRY_BYTES - 1, needed * ENTRY_BYTES, 5 * ENTRY_BYTES):
        run_q3_case(choose_maxsize, (f"budget {budget}", "ZIPF", ZIPF, 0.6, budget, ENTRY_BYTES))


def q3_exact_and_scan(choose_maxsize):
    run_q3_case(choose_maxsize, ("a target met exactly", "ZIPF", ZIPF, exact_target(ZIPF, 23), 10**5, ENTRY_BYTES))
    run_q3_case(choose_maxsize, ("a loop over 30 keys", "SCAN", SCAN, 0.9, 10**5, ENTRY_BYTES))
    run_q3_case(choose_maxsize, ("a loop over 30 keys, one entry short", "SCAN", SCAN, 0.9, 29 * ENTRY_BYTES,
                                 ENTRY_BYTES))


def q3_unreachable(choose_maxsize):
    run_q3_case(choose_maxsize, ("a target above the ceiling", "ZIPF", ZIPF, 0.99, 400 * ENTRY_BYTES, ENTRY_BYTES))


def q3_float_entry_and_zero_target(choose_maxsize):
    run_q3_case(choose_maxsize, ("a float entry_bytes, the budget exactly full", "ZIPF", ZIPF, 0.6, 16_875, 312.5))
    run_q3_case(choose_maxsize, ("a target of 0", "SCAN", SCAN, 0.0, 10**5, ENTRY_BYTES))
    # floor division is one off, up or down; a budget with a fraction (2.5) is a budget too
    for entry, budget in ((0.1, 1), (0.7, 7), (0.3, 3), (0.25, 2.5)):
        run_q3_case(choose_maxsize, (f"entry_bytes={entry}, budget_bytes={budget}", "LOOP10", LOOP10,
                                     exact_target(LOOP10, 10), budget, entry))
    run_q3_case(choose_maxsize, ("an empty trace", "[]", [], 0.0, 100, 10))


def q3_generated(choose_maxsize):
    for case in generated_q3_cases(seed=8):
        run_q3_case(choose_maxsize, case)


q3 = Exercise(
    LESSON, "q3", "Choose maxsize for a trace and a memory budget", "choose_maxsize", check_choose_maxsize,
    hints=[
        ("A size k costs k * entry_bytes when the cache is full: k fits when k * entry_bytes <= budget_bytes. "
         "Test exactly that for each size you try. (budget_bytes // entry_bytes is no shortcut when "
         "entry_bytes is a float, as bytes_per_entry measures it: 1 // 0.1 is 9.0, yet 10 * 0.1 <= 1.)"),
        ("Try sizes from 1 upwards: replay(trace, k) gives the real cache_info() of lru_cache(maxsize=k) on the "
        "trace; its hit ratio is hits / (hits + misses). Return the first k whose ratio is >= target. Start at "
        "1: maxsize=0 caches nothing."),
        ("If no affordable size reaches the target, return None. A size above the number of distinct keys "
         "(len(set(trace))) behaves exactly like that size, so you can stop there, but try size 1 even when "
         "the trace is empty."),
    ],
    tests=[
        Graded("smallest size reaching the target", 1, q3_reaches_target),
        Graded("respects the memory budget, None when over it", 1, q3_budget_and_none),
        Graded("a target met exactly; a cyclic scan", 1, q3_exact_and_scan),
        Graded("None when no size reaches the target", 1, q3_unreachable),
        Graded("a measured (float) entry_bytes, exact fits; at least one entry; an empty trace", 1,
               q3_float_entry_and_zero_target),
        Graded("generated questions: exact targets and budgets", 1, q3_generated),
    ],
    clauses=Q3_CLAUSES,
)


EXERCISES = [q1, q2, q3]

"""Exercises of lesson 01, memoization from scratch.

q1  ways(n)                 memoize a recursion by hand with a dict          (easy)
q2  memoize(func)           a decorator with keyword arguments, hits, misses
                            and cache_clear()                                 (medium)
q3  count_paths(rows, cols, blocked)
                            a grid problem that needs a memo, and a memo key
                            that includes everything the answer depends on    (hard)

Each task is a list of clauses (``qN.clauses``), and every check compares the answer with an iterative
reference on seeded, generated inputs. Work is measured by counting executions, never by timing, and
per function: the busiest function of the answer is what a memo must keep small, so a correct answer
that looks things up through a small helper of its own is not punished for the helper's calls.
"""
from __future__ import annotations

import inspect
import random
from collections.abc import Callable
from typing import Any

from lessons.exercises.core import Description, Exercise, Failure, Graded, expect_equal
from lessons.tools.counting import CallBudgetExceeded, count_calls
from lessons.tools.fresh_copy import fresh_copy

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


def _a(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def exact(got, expected, *, input: str, clause: str, why: str) -> None:
    """expect_equal, saying first when the type is wrong (1.0 for 1, an always-equal object)."""
    if type(got) is not type(expected):
        want, have = type(expected).__name__, type(got).__name__
        why = f"the result must be exactly {_a(want)} {want}, not {_a(have)} {have}"
    expect_equal(got, expected, input=input, clause=clause, why=why)


# -- counting work, per function ---------------------------------------------------------------------------
def counted(answer: Callable, thunk: Callable[[], Any], *, bound: int, input: str, clause: str,
            why: str) -> tuple[Any, str, int]:
    """Run ``thunk()`` while counting the answer's calls, function by function.

    Returns (result, busiest function's name, its calls). Fails the clause when the busiest function ran
    more than ``bound`` times, or when everything together ran past 20 times the bound (exponential
    recursion, stopped early instead of running for minutes)."""
    budget = 20 * bound + 100
    try:
        with count_calls(answer, budget=budget) as tally:
            result = thunk()
    except CallBudgetExceeded:
        raise Failure(f"{input} was still running after {budget} calls of your code, so the check stopped "
                      f"it. Is it memoized?", clause=clause, input=input, why=why) from None
    name, calls = tally.busiest()
    if calls > bound:
        raise Failure(f"{input}: your function {name}() ran {calls} times, more than the {bound} allowed. "
                      f"Is it memoized?",
                      clause=clause, input=input, expected=Description(f"at most {bound} runs of any one function"),
                      got=Description(f"{calls} runs of {name}()"), why=why)
    return result, name, calls


# -- q1 ---------------------------------------------------------------------------------------------------
def ways_call_bound(gap: int) -> int:
    """Runs allowed for any one function while ways(n) computes ``gap`` values it has not computed yet.

    Memoized, each new value is computed once and asks for three smaller ones: about 3 calls per new
    value. The slack admits other correct shapes (a lookup helper, a base case tested after the lookup);
    plain recursion exceeds it by orders of magnitude."""
    return 4 * gap + 6


def ways_naive_calls(n: int) -> int:
    """Calls the plain recursion makes for ways(n): 1 for n <= 0, else 1 + the calls for n-1, n-2, n-3."""
    calls = {-3: 1, -2: 1, -1: 1, 0: 1}
    for k in range(1, n + 1):
        calls[k] = 1 + calls[k - 1] + calls[k - 2] + calls[k - 3]
    return calls[n] if n > 0 else 1


Q1_CLAUSES = {
    "values": "`ways(n)` returns the number of ways as an `int`, for every `n >= 0`: `ways(0) == 1`, "
              "`ways(3) == 4`, and `ways(n) == ways(n - 1) + ways(n - 2) + ways(n - 3)`, counting no ways "
              "for a negative number of steps",
    "memo": "every `ways(k)` it computes (k >= 1) is stored by hand in the dict `ways_memo`, so that "
            "`ways_memo[k] == ways(k)`; no `functools` cache (that is lesson 02)",
    "once": "each value is computed once, then looked up: when `ways(n)` needs d values not computed "
            "before, no function of yours runs more than 4·d + 6 times (each function is counted on its "
            "own, so a small helper of yours is fine)",
    "repeat": "asking for `ways(n)` again is answered from `ways_memo`: no function of yours runs more "
              "than twice",
}

WAYS_WHY = ("ways(0) is 1 (standing still is one way), and ways(n) = ways(n-1) + ways(n-2) + ways(n-3) for "
            "n >= 1, counting ways(negative) as 0")
ONCE_WHY = ("look n up in ways_memo before computing it, store the result there before returning it, and "
            "let the recursive calls go through ways itself, so that they use the memo too")


def ways_inputs() -> list[int]:
    """0 to 40 in order (a memo fills as it would in a notebook), then three seeded larger n, far beyond
    any table a learner could type in."""
    rng = random.Random(101)
    return [*range(41), 41 + rng.randrange(40), 120 + rng.randrange(60), 200 + rng.randrange(50)]


def _memo_of(ways) -> dict | None:
    target = inspect.unwrap(ways) if callable(ways) else ways
    memo = getattr(target, "__globals__", {}).get("ways_memo")
    return memo if isinstance(memo, dict) else None


def check_ways_values(ways, inputs: list[int] | None = None) -> int:
    """Every input in order, right by exact type and value, each with work that the memo keeps small.
    Returns the last n."""
    done = -1  # the largest n asked for so far: values up to it have been computed
    for n in inputs or ways_inputs():
        got, _, _ = counted(ways, lambda n=n: ways(n), bound=ways_call_bound(max(n - done, 1)),
                            input=f"ways({n})", clause="once", why=ONCE_WHY)
        exact(got, ways_reference(n), input=f"ways({n})", why=WAYS_WHY, clause="values")
        done = max(done, n)
    return done


def check_ways_memo(ways, upto: int) -> None:
    if hasattr(ways, "cache_info"):
        raise Failure("ways is cached by functools, not by hand", clause="memo",
                      why="this exercise is about the memo itself: store each result in ways_memo yourself "
                          "(functools' caches are lesson 02's subject)")
    memo = _memo_of(ways)
    if memo is None:
        raise Failure("there is no dict named ways_memo next to ways", clause="memo",
                      why="keep the line ways_memo = {} above def ways, and store every result in it")
    missing = [k for k in range(1, upto + 1) if k not in memo]
    if missing:
        raise Failure(f"after ways({upto}), ways_memo has no entry for {missing[0]} "
                      f"({len(missing)} of 1 to {upto} are missing)", clause="memo",
                      input=f"ways({upto}); ways_memo[{missing[0]}]", expected=ways_reference(missing[0]),
                      got=Description("no entry"),
                      why="store every value you compute in ways_memo[n] before returning it")
    for k in range(1, upto + 1):
        expect_equal(memo[k], ways_reference(k), input=f"ways_memo[{k}] after ways({upto})", clause="memo",
                     why="ways_memo[k] must hold ways(k): store the result under its own n")


def check_ways_repeat(ways, n: int) -> None:
    got, _, _ = counted(ways, lambda: ways(n), bound=2, input=f"ways({n}) asked for again", clause="repeat",
                        why="a value already in ways_memo is returned from it, before anything is computed")
    expect_equal(got, ways_reference(n), input=f"ways({n}) asked for again", clause="values", why=WAYS_WHY)


def check_ways(ways) -> str:
    last = check_ways_values(ways)
    check_ways_memo(ways, last)
    check_ways_repeat(ways, last)
    n = 60
    return (f"ways(n) is right for {len(ways_inputs())} values of n up to {last}, each computed once and "
            f"kept in ways_memo. For comparison, the plain recursion would make {ways_naive_calls(n):,} "
            f"calls for ways({n}) alone.")


# graded tests of q1: points for a grader, the same checks as above, by clause
def ways_graded_values(ways):
    check_ways_values(ways, list(range(16)))


def ways_graded_large(ways):
    check_ways_values(ways)


def ways_graded_memo_and_repeat(ways):
    last = check_ways_values(ways)
    check_ways_memo(ways, last)
    check_ways_repeat(ways, last)


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
        Graded("ways(n) is right for n = 0 to 15", 1, ways_graded_values),
        Graded("ways(n) is right and memoized up to n = 200 and more", 1, ways_graded_large),
        Graded("ways_memo holds every value; a repeated call is answered from it", 1,
               ways_graded_memo_and_repeat),
    ],
    clauses=Q1_CLAUSES,
)


# -- q2 ---------------------------------------------------------------------------------------------------
Q2_CLAUSES = {
    "wrapper": "`memoize(func)` returns a new function, the wrapper, that takes any positional and keyword "
               "arguments and returns what `func` returns for them",
    "repeat": "a call that repeats an earlier one (equal positional arguments, and the same keyword names "
              "with equal values, in any order) is answered from the cache without running `func`; results "
              "such as `None` and `0` are cached too",
    "distinct": "a call that differs from every earlier one (another value, another number of arguments, a "
                "value given to another keyword, a positional argument where there was a keyword) runs "
                "`func` and gets its own result; values with equal hashes, like -1 and -2, are different "
                "values",
    "counters": "`wrapper.hits` counts the calls answered from the cache and `wrapper.misses` the calls that "
                "ran `func`, both starting at 0",
    "clear": "`wrapper.cache_clear()` empties the cache (every call after it runs `func` again, once) and "
             "sets both counters back to 0",
    "own": "every decorated function has its own cache and its own counters",
    "errors": "when `func` raises, the exception reaches the caller and nothing is cached: the same call "
              "runs `func` again",
    "wraps": "the wrapper keeps `func`'s `__name__` and `__doc__` (`functools.wraps` does that)",
}


def _show_call(args: tuple, kwargs: dict, name: str = "f") -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


class Probe:
    """A function to decorate with the learner's memoize: it records every real run and returns a value
    that names its call, so a result handed out for another call is seen at once."""

    def __init__(self, name: str = "f", fail_on: object = None):
        self.runs = 0
        self.fail_on = fail_on
        probe = self

        def f(*args, **kwargs):
            """A probe: returns the call it was given."""
            probe.runs += 1
            if fail_on is not None and fail_on in args:
                raise ValueError(f"no result for {fail_on!r}")
            return (name, args, tuple(sorted(kwargs.items())))

        f.__name__ = f.__qualname__ = name
        self.func = f

    @staticmethod
    def result(name: str, args: tuple, kwargs: dict):
        return (name, args, tuple(sorted(kwargs.items())))


# Values for generated calls. No two of them are equal across types (no 1.0, no True), so an answer may
# or may not put the types in its key; -1 and -2 have equal hashes; "1" is str(1); ("x", 1) looks like a
# keyword item; () and None are falsy.
Q2_VALUES = [0, 1, 2, -1, -2, "1", "a", "x", None, (), (1,), ("x", 1), (1, 2)]
Q2_NAMES = ["x", "y", "z"]

# Pairs where the second call differs from the first and a slipshod key says it is the same.
Q2_DIFFERENT_PAIRS = [
    (((-1,), {}), ((-2,), {})),                                    # hash(-1) == hash(-2)
    (((1,), {"height": 2, "depth": 3}), ((1,), {"height": 3, "depth": 2})),  # names swapped, same values
    (((1,), {"height": 2, "depth": 3}), ((1,), {"depth": 2, "height": 3})),
    (((1, ("x", 2)), {}), ((1,), {"x": 2})),                       # a keyword item flattened into args
    (((1, "x", 2), {}), ((1,), {"x": 2})),
    (((1,), {}), (("1",), {})),                                    # str(1) == "1"
    (((2,), {}), ((), {"x": 2})),                                  # position vs keyword
    (((1, 2), {}), (((1, 2),), {})),                               # two arguments vs one tuple
    (((None,), {}), ((), {})),
    (((), {"x": 1}), ((), {"y": 1})),
    (((), {"x": 1}), ((), {"x": 2})),
]


def _random_call(rng: random.Random) -> tuple[tuple, dict]:
    args = tuple(rng.choice(Q2_VALUES) for _ in range(rng.randrange(3)))
    names = rng.sample(Q2_NAMES, rng.randrange(3))
    return args, {name: rng.choice(Q2_VALUES) for name in names}


def q2_calls(seed: int = 5, length: int = 90) -> list[tuple[tuple, dict] | None]:
    """A seeded call sequence: the different pairs, then random calls, repeats (keywords reordered),
    twins (keyword values swapped, -1 for -2) and one ``None``, which stands for ``cache_clear()``."""
    rng = random.Random(seed)
    calls: list[tuple[tuple, dict] | None] = [c for pair in Q2_DIFFERENT_PAIRS for c in pair]
    while len(calls) < length:
        roll = rng.random()
        earlier = [c for c in calls if c is not None]
        if roll < 0.35:
            args, kwargs = rng.choice(earlier)
            items = list(kwargs.items())
            rng.shuffle(items)
            calls.append((args, dict(items)))
        elif roll < 0.5:
            args, kwargs = rng.choice(earlier)
            values = list(kwargs.values())
            rng.shuffle(values)
            swap = {-1: -2, -2: -1}
            calls.append((tuple(swap.get(a, a) if type(a) is int else a for a in args),
                          dict(zip(kwargs, values))))
        else:
            calls.append(_random_call(rng))
        if len(calls) == length * 2 // 3:
            calls.append(None)
    return calls


def _wrap(memoize, func):
    wrapper = memoize(func)
    if not callable(wrapper):
        raise Failure("memoize(func) must return a function (the wrapper)", clause="wrapper",
                      input="memoize(f)", expected=Description("a callable"), got=wrapper)
    return wrapper


def _counters(wrapper) -> tuple[Any, Any]:
    return getattr(wrapper, "hits", None), getattr(wrapper, "misses", None)


def _expect_counters(wrapper, hits: int, misses: int, *, input: str, clause: str = "counters",
                     why: str | None = None) -> None:
    got = _counters(wrapper)
    if not (type(got[0]) is int and type(got[1]) is int and got == (hits, misses)):
        raise Failure(f"(wrapper.hits, wrapper.misses) is {got!r} after {input}", clause=clause, input=input,
                      expected=(hits, misses), got=got,
                      why=why or "set wrapper.hits = wrapper.misses = 0 when you make the wrapper, and add 1 "
                                 "to exactly one of them on every call: hits when the cache answers, misses "
                                 "when func runs")


def run_sequence(memoize, calls, *, check_counters: bool = True, check_clear: bool = True) -> tuple[int, int]:
    """Replay calls (None = cache_clear()) on a memoized probe and compare every step with the model:
    a call runs func exactly when no equal call came since the last clear. Returns (hits, misses)."""
    probe = Probe("f")
    wrapper = _wrap(memoize, probe.func)
    seen: set = set()
    hits = misses = 0
    before_clear: set = set()
    history: list[str] = []
    for c in calls:
        if c is None:
            if not check_clear:
                continue
            clear = getattr(wrapper, "cache_clear", None)
            if not callable(clear):
                raise Failure("the wrapper has no cache_clear()", clause="clear", input="wrapper.cache_clear()",
                              why="give it one: a small inner function that empties the cache and zeroes "
                                  "the counters, attached as wrapper.cache_clear")
            clear()
            history.append("cache_clear()")
            if check_counters:
                _expect_counters(wrapper, 0, 0, input="; ".join(history[-3:]), clause="clear",
                                 why="after a clear, the statistics describe the new, empty cache "
                                     "(lru_cache does the same)")
            before_clear |= seen
            seen, hits, misses = set(), 0, 0
            continue
        args, kwargs = c
        shown = _show_call(args, kwargs)
        history.append(shown)
        canonical = (args, frozenset(kwargs.items()))
        should_run = canonical not in seen
        runs_before = probe.runs
        got = wrapper(*args, **kwargs)
        ran = probe.runs - runs_before
        expected = Probe.result("f", args, kwargs)
        context = "; ".join(history[-4:])
        if ran == 0 and should_run:
            if canonical in before_clear:
                raise Failure(f"{shown} after cache_clear() was answered from the cache", clause="clear",
                              input=context, expected=expected, got=got,
                              why="cache_clear() must empty the cache itself, not only reset the counters")
            raise Failure(f"{shown} differs from every earlier call, but it was answered from the cache",
                          clause="distinct", input=context, expected=expected, got=got,
                          why="the key must keep everything that tells two calls apart: the positional "
                              "arguments, and each keyword's name together with its value, kept apart from "
                              "the positional ones, e.g. (args, tuple(sorted(kwargs.items()))); and the key "
                              "itself, not its hash(), since different values can have equal hashes")
        if ran and not should_run:
            raise Failure(f"{shown} repeats an earlier call, but func ran again", clause="repeat",
                          input=context, expected=Description("no run of func"), got=Description(f"{ran} run(s)"),
                          why="the cache must live outside the wrapper, and equal calls need equal keys: "
                              "keyword order must not matter (sort the keyword items, or use a frozenset)")
        if ran > 1:
            raise Failure(f"{shown} ran func {ran} times", clause="repeat", input=context,
                          expected=Description("1 run"), got=Description(f"{ran} runs"),
                          why="call func once and keep its result")
        expect_equal(got, expected, input=context, clause="wrapper",
                     why="the wrapper returns exactly what func returned for these arguments")
        seen.add(canonical)
        if should_run:
            misses += 1
        else:
            hits += 1
        if check_counters:
            _expect_counters(wrapper, hits, misses, input=context)
    return hits, misses


def _returning(value):
    """A function of one argument that returns ``value`` and records its runs."""
    runs: list = []

    def constant(x):
        runs.append(x)
        return value

    return constant, runs


def check_falsy_results(memoize) -> None:
    for i, value in enumerate((None, 0, "", False, ())):
        func, runs = _returning(value)
        cached = _wrap(memoize, func)
        argument = ("falsy", i)  # an argument of its own: nothing else is cached under it
        first, second = cached(argument), cached(argument)
        if len(runs) != 1:
            raise Failure(f"a result of {value!r} was computed again on the second call", clause="repeat",
                          input=f"cached({argument!r}) twice", expected=Description("1 run of func"),
                          got=Description(f"{len(runs)} runs"),
                          why="test `key in cache`, not whether `cache.get(key)` is truthy: None, 0 and '' "
                              "are results too")
        for got in (first, second):
            exact(got, value, input=f"cached({argument!r})", clause="wrapper",
                  why="the wrapper returns exactly what func returned")


def check_recursive(memoize) -> None:
    """A recursive function memoized through its wrapper: each n runs once, and the counters add up."""
    runs: list[int] = []

    def fib(n):
        runs.append(n)
        return n if n < 2 else cached(n - 1) + cached(n - 2)

    cached = _wrap(memoize, fib)
    expect_equal(cached(30), 832040, input="fib(30), memoized, recursing through the wrapper", clause="wrapper")
    if sorted(runs) != list(range(31)):
        raise Failure("a memoized recursive fib(30) did not run each fib(k) exactly once", clause="repeat",
                      input="fib(30)", expected=Description("31 runs, one per k from 0 to 30"),
                      got=Description(f"{len(runs)} runs"),
                      why="every recursive call goes through the wrapper and must find what was stored")
    _expect_counters(cached, 28, 31, input="fib(30), recursing through the wrapper")


def check_errors(memoize) -> None:
    probe = Probe("f", fail_on="boom")
    cached = _wrap(memoize, probe.func)
    for attempt in (1, 2):
        runs_before = probe.runs
        try:
            got = cached(1, "boom")
        except ValueError:
            pass
        else:
            raise Failure("func raised ValueError, but the wrapper returned a value instead", clause="errors",
                          input="f(1, 'boom'), where f raises ValueError", expected=Description("ValueError"), got=got,
                          why="an exception is not a result: let it reach the caller, and cache nothing")
        if probe.runs - runs_before != 1:
            raise Failure(f"f(1, 'boom') did not run func on attempt {attempt}", clause="errors",
                          input="f(1, 'boom') twice, where f raises ValueError",
                          expected=Description("1 run each time"),
                          got=Description(f"{probe.runs - runs_before} runs"),
                          why="store a result only after func returned it: a failed call must be tried again")
    expect_equal(cached(1, "ok"), Probe.result("f", (1, "ok"), {}), input="f(1, 'ok') after the errors",
                 clause="errors", why="a failed call must not leave anything behind in the cache")


def check_own(memoize) -> None:
    first, second = Probe("f"), Probe("g")
    f, g = _wrap(memoize, first.func), _wrap(memoize, second.func)
    f(3)
    f(3)
    got = g(3)
    if second.runs != 1:
        raise Failure("two memoized functions share one cache", clause="own", input="f(3); f(3); g(3)",
                      expected=Probe.result("g", (3,), {}), got=got,
                      why="create the cache inside memoize(), once per decorated function, not at module "
                          "level or on the memoize function itself")
    _expect_counters(g, 0, 1, input="f(3); f(3); g(3): g's counters", clause="own",
                     why="each wrapper counts its own calls: keep the counters on the wrapper, not shared")
    clear = getattr(f, "cache_clear", None)
    if callable(clear):
        clear()
        g(3)
        if second.runs != 1:
            raise Failure("f.cache_clear() emptied g's cache too", clause="own",
                          input="f(3); g(3); f.cache_clear(); g(3)",
                          expected=Description("g(3) answered from g's cache"),
                          got=Description("g ran again"), why="each decorated function has a cache of its own")


def check_wraps(memoize) -> None:
    probe = Probe("area")
    wrapper = _wrap(memoize, probe.func)
    for attr in ("__name__", "__doc__"):
        got, expected = getattr(wrapper, attr, None), getattr(probe.func, attr)
        if got != expected:
            raise Failure(f"the wrapper does not keep func's {attr}", clause="wraps", input=f"wrapper.{attr}",
                          expected=expected, got=got, why="decorate the wrapper with @functools.wraps(func)")


def check_memoize(memoize) -> str:
    check_wraps(memoize)
    hits, misses = run_sequence(memoize, q2_calls())
    check_falsy_results(memoize)
    check_recursive(memoize)
    check_errors(memoize)
    check_own(memoize)
    calls = sum(c is not None for c in q2_calls())
    return (f"memoize agreed with the model on {calls} generated calls and a clear (the last {hits + misses} "
            f"after the clear: {hits} hits, {misses} misses), cached None and 0, recursed, let errors "
            f"through uncached, and gave each function its own cache.")


# graded tests of q2: points for a grader, by clause, using the same scenarios as the check
def memoize_graded_keys(memoize):
    run_sequence(memoize, [c for c in q2_calls(seed=6) if c is not None], check_counters=False,
                 check_clear=False)
    check_falsy_results(memoize)


def memoize_graded_counters_and_clear(memoize):
    run_sequence(memoize, q2_calls(seed=7))
    check_recursive(memoize)


def memoize_graded_own_errors_wraps(memoize):
    check_own(memoize)
    check_errors(memoize)
    check_wraps(memoize)


q2 = Exercise(
    LESSON, "q2", "A memoize decorator with statistics", "memoize", check_memoize,
    hints=[
        ("Start from `simple_memoize` in the lesson. The cache dict is created once per decorated "
         "function: inside `memoize`, outside `wrapper`."),
        ("A key that ignores keyword order but keeps each keyword's name with its value, apart from the "
         "positional arguments: `key = (args, tuple(sorted(kwargs.items())))`."),
        ("Counters can live on the wrapper itself: `wrapper.hits = wrapper.misses = 0` after defining it, "
         "and `wrapper.hits += 1` inside. `cache_clear` is a small inner function attached the same way."),
    ],
    tests=[
        Graded("one run per distinct call: repeats hit, different calls miss", 1, memoize_graded_keys),
        Graded("hits, misses and cache_clear()", 1, memoize_graded_counters_and_clear),
        Graded("one cache per function, errors not cached, functools.wraps", 1, memoize_graded_own_errors_wraps),
    ],
    clauses=Q2_CLAUSES,
)


# -- q3 ---------------------------------------------------------------------------------------------------
Q3_CLAUSES = {
    "values": "`count_paths(rows, cols, blocked)` returns, as an `int`, the number of right/down paths from "
              "`(0, 0)` to `(rows - 1, cols - 1)` that enter no cell of `blocked` (a frozenset of "
              "`(row, col)` cells inside the grid), for any `rows, cols >= 1`: 0 when the start or the end "
              "cell is blocked",
    "default": "`blocked` may be left out, meaning no blocked cell: `count_paths(3, 3) == 6`",
    "fresh": "each call answers for its own grid: nothing remembered from an earlier call, for another size "
             "or other blocked cells, changes an answer",
    "once": "each cell is worked out once: for a rows × cols grid, no function of yours runs more than "
            "3·rows·cols + 4 times (each function is counted on its own, so a small helper is fine)",
}

PATHS_WHY = ("count the paths into (r, c) as those into (r - 1, c) plus those into (r, c - 1); a blocked cell, "
             "or one outside the grid, has none, and the start (0, 0) has 1 unless it is blocked")


def paths_call_bound(rows: int, cols: int) -> int:
    # Memoized, each cell is computed once and asks for two neighbours: about 2 * rows * cols calls, plus
    # slack for other correct shapes. The plain recursion makes millions of calls on the grids checked.
    return 3 * rows * cols + 4


def _show_grid(rows: int, cols: int, blocked: frozenset) -> str:
    cells = ", ".join(map(repr, sorted(blocked)))
    return f"count_paths({rows}, {cols}, frozenset({{{cells}}}))" if blocked else \
        f"count_paths({rows}, {cols}, frozenset())"


def _random_blocked(rng: random.Random, rows: int, cols: int, density: float) -> frozenset:
    return frozenset((r, c) for r in range(rows) for c in range(cols) if rng.random() < density)


def q3_grids(seed: int = 13) -> list[tuple[int, int, frozenset]]:
    """Grids in an order that exposes a memo leaking between calls: the same blocked cells on grids of
    other sizes, the same size with other blocked cells, a grid and its transpose, then seeded random
    grids (blocked start and end cells included)."""
    wall = frozenset({(1, 1)})
    grids = [
        (1, 1, frozenset()), (2, 2, frozenset()), (3, 3, frozenset()), (4, 4, frozenset()), (3, 3, frozenset()),
        (3, 4, frozenset()), (4, 3, frozenset()), (1, 6, frozenset()), (6, 1, frozenset()),
        (3, 3, wall), (4, 4, wall), (3, 3, frozenset({(1, 2)})), (3, 3, frozenset({(2, 1)})),
        (4, 4, frozenset({(0, 0)})), (4, 4, frozenset({(3, 3)})), (5, 5, frozenset({(1, 0), (0, 1)})),
        (2, 5, frozenset({(0, 2)})), (5, 2, frozenset({(2, 0)})), (5, 5, frozenset()),
    ]
    rng = random.Random(seed)
    for _ in range(40):
        rows, cols = rng.randint(1, 8), rng.randint(1, 8)
        grids.append((rows, cols, _random_blocked(rng, rows, cols, rng.choice([0.0, 0.1, 0.25]))))
    return grids


def _paths(count_paths, rows: int, cols: int, blocked: frozenset, *, bound: int | None = None):
    input = _show_grid(rows, cols, blocked)
    bound = bound or max(paths_call_bound(rows, cols), 2_000)  # small grids: plain recursion stays below
    got, _, _ = counted(count_paths, lambda: count_paths(rows, cols, blocked), bound=bound, input=input,
                        clause="once", why="memoize the recursive function that counts the paths into one "
                                           "cell, so that each cell is computed once")
    return got, input


def check_paths_values(count_paths, grids=None) -> int:
    right = 0
    for rows, cols, blocked in grids or q3_grids():
        got, input = _paths(count_paths, rows, cols, blocked)
        expected = paths_reference(rows, cols, blocked)
        if not (type(got) is int and got == expected) and right and type(got) is int:
            # Right on earlier grids, wrong now: the usual reason is a memo that outlived its grid.
            fresh = _fresh_answer(count_paths, rows, cols, blocked)
            if fresh == expected:
                raise Failure(f"wrong result for {input} after the earlier grids, though it is right on its own",
                              clause="fresh", input=f"{input}, after {right} other grids", expected=expected,
                              got=got, why="your code remembers answers from another grid: a memo shared "
                                           "between calls needs everything the answer depends on in its key "
                                           "(rows, cols and blocked too), or use a new memo for each call")
        if {(0, 0), (rows - 1, cols - 1)} & blocked:
            why = "when the start or the end cell is blocked, there is no path at all: 0"
        else:
            why = PATHS_WHY
        exact(got, expected, input=input, why=why, clause="values")
        right += 1
    return right


def _fresh_answer(count_paths, rows, cols, blocked):
    """What a fresh copy of the answer (see lessons.tools.fresh_copy) says for this grid alone, or None."""
    copy = fresh_copy(count_paths)
    if copy is None:
        return None
    try:
        with count_calls(budget=20 * paths_call_bound(rows, cols) + 10_000):
            return copy(rows, cols, blocked)
    except (Exception, CallBudgetExceeded):  # a diagnosis only: if the copy breaks, we cannot tell
        return None


def check_paths_default(count_paths) -> None:
    try:
        got = count_paths(3, 3)
    except TypeError as error:
        raise Failure(f"count_paths(3, 3) raised TypeError: {error}", clause="default",
                      input="count_paths(3, 3)", expected=6,
                      why="give blocked a default: def count_paths(rows, cols, blocked=frozenset())") from None
    expect_equal(got, 6, input="count_paths(3, 3)", clause="default",
                 why="with blocked left out, no cell is blocked")


def large_grids() -> list[tuple[int, int, frozenset]]:
    rng = random.Random(17)
    return [(14, 14, frozenset({(3, 4), (7, 7), (10, 2)})),
            (30, 25, _random_blocked(rng, 30, 25, 0.08) - {(0, 0), (29, 24)}),
            (25, 30, _random_blocked(rng, 25, 30, 0.05) - {(0, 0), (24, 29)})]


def check_paths_large(count_paths) -> tuple[int, int, int, int]:
    for rows, cols, blocked in large_grids():
        got, input = _paths(count_paths, rows, cols, blocked, bound=paths_call_bound(rows, cols))
        expect_equal(got, paths_reference(rows, cols, blocked), input=input, clause="values", why=PATHS_WHY)
    return rows, cols, len(blocked), got


def check_paths(count_paths) -> str:
    grids = check_paths_values(count_paths)
    check_paths_default(count_paths)
    rows, cols, blocked, got = check_paths_large(count_paths)
    return (f"right on {grids} grids in a row, none leaking into the next, and on grids up to {rows} × {cols} "
            f"({blocked} blocked cells: {got:,} paths) with each cell worked out once.")


# graded tests of q3: points for a grader, by clause, with the same helpers as the check
def paths_graded_small(count_paths):
    check_paths_values(count_paths, q3_grids()[:19])
    check_paths_default(count_paths)


def paths_graded_random(count_paths):
    check_paths_values(count_paths, q3_grids(seed=14))


def paths_graded_large(count_paths):
    check_paths_large(count_paths)


q3 = Exercise(
    LESSON, "q3", "Paths through a grid with blocked cells", "count_paths", check_paths,
    hints=[
        ("The number of paths to cell (r, c) is the number to (r - 1, c) plus the number to (r, c - 1): "
         "you arrive from above or from the left. A blocked cell, or one outside the grid, has 0; the start "
         "(0, 0) has 1 unless it is blocked."),
        ("Write an inner function `paths_to(r, c)` that recurses, and memoize *it* by hand, with a dict "
         "created inside `count_paths`, so that each grid gets a memo of its own."),
        ("A memo shared between calls of `count_paths` would need the grid in its key: "
         "`(rows, cols, blocked, r, c)`. That is why `blocked` is a frozenset: it has to be hashable."),
    ],
    tests=[
        Graded("small grids, walls, blocked start or end cells, blocked left out", 1, paths_graded_small),
        Graded("random grids in a row: right, and nothing leaks between them", 1, paths_graded_random),
        Graded("grids up to 30 × 25, right and memoized", 2, paths_graded_large),
    ],
    clauses=Q3_CLAUSES,
)


EXERCISES = [q1, q2, q3]

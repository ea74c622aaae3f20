"""Exercises of lesson 06, TTL caches and invalidation.

q1  is_fresh(stored_at, ttl, now)     the expiry boundary, as cachetools draws it          (easy)
q2  ttl_memoize(ttl, timer)           a TTL memoizer with cache_info/cache_clear, tested
                                      only with a fake clock                                (medium)
q3  ttl_lru_cache(maxsize, ttl, timer)
                                      fix a popular hand-rolled "LRU + TTL" cache: its keys
                                      collide and its "LRU" is really FIFO                  (hard)

Every check injects a ``FakeClock`` as the timer, so nothing waits and every result is the same on
every machine. The reference is cachetools itself: ``TTLCache`` keeps an entry while
``timer() < stored_at + ttl``, so an entry is expired at exactly ``ttl`` seconds. The checks compare the
answer with cachetools on seeded random inputs (the same ones on every run), on times that are whole
multiples of 1/8 s, so that no sum or difference of two times is rounded.
"""
from __future__ import annotations

import math
import random

from cachetools import TTLCache, cached
from cachetools.keys import hashkey

from lessons.exercises.core import Description, Exercise, Failure, Graded, expect_equal
from lessons.tools.clock import FakeClock

LESSON = "06_ttl"

BOUNDARY_WHY = ("cachetools keeps an entry while timer() < stored_at + ttl (TTLCache.__contains__ and "
                "expire() compare `time < link.expires`), so at exactly stored_at + ttl it is expired")


# -- the reference: ask cachetools itself ---------------------------------------------------------------
def cachetools_is_fresh(stored_at: float, ttl: float, now: float) -> bool:
    """Store one entry in a real TTLCache at ``stored_at`` on a fake clock; is it still there at ``now``?"""
    clock = FakeClock(stored_at)
    cache = TTLCache(maxsize=1, ttl=ttl, timer=clock)
    cache["key"] = "value"
    clock.set(now)
    return "key" in cache


def _eighths(rng: random.Random, low: int, high: int) -> float:
    """A time in [low, high) that is a whole number of eighths: exact in binary floating point."""
    return rng.randrange(low * 8, high * 8) / 8


# -- q1 ---------------------------------------------------------------------------------------------------
Q1_CLAUSES = {
    "bool": "returns a bool: `True` or `False` themselves (not 1 or 0, not a string)",
    "boundary": "is expired (False) at exactly `now == stored_at + ttl`, as in cachetools' `TTLCache`",
    "fresh": ("is fresh (True) for every `now` from `stored_at` up to, not including, `stored_at + ttl`, "
              "and expired (False) for every later `now`: for any times, fractional and large ones too"),
}

# (stored_at, ttl, now): the boundary itself first, then either side of it, then fractions whose whole
# part is below the expiry time although `now` is past it (what `int(now)` gets wrong)
FRESHNESS_CASES = [
    (0, 10, 10), (5, 10, 15), (0, 10, 0), (0, 10, 9.5), (0, 10, 10.5), (2.5, 0.5, 2.75), (2.5, 0.5, 3),
    (2.5, 0.5, 3.25), (100, 60, 159.75), (100, 60, 160), (100, 60, 1000), (2.75, 0.5, 3.375),
    (0.25, 0.125, 0.375),
]


def freshness_inputs(seed: int = 61, count: int = 300) -> list[tuple[float, float, float]]:
    """The fixed cases, then seeded random ones: a third exactly on the boundary, the rest on either
    side, with fractional times and times far beyond any table a learner could write."""
    rng = random.Random(seed)
    cases = list(FRESHNESS_CASES)
    for i in range(count):
        stored_at = _eighths(rng, 0, 10**6 if i % 5 == 0 else 50)
        ttl = _eighths(rng, 0, 20) + 0.125
        if i % 3 == 0:
            now = stored_at + ttl
        else:
            now = stored_at + _eighths(rng, 0, int(2 * ttl) + 2)
        cases.append((stored_at, ttl, now))
    return cases


def _expect_fresh(is_fresh, cases) -> None:
    for stored_at, ttl, now in cases:
        expected = cachetools_is_fresh(stored_at, ttl, now)
        got = is_fresh(stored_at, ttl, now)
        shown = f"is_fresh(stored_at={stored_at!r}, ttl={ttl!r}, now={now!r})"
        if type(got) is not bool:
            raise Failure("is_fresh should return True or False", clause="bool", input=shown, expected=expected,
                          got=got, why="a yes/no question: return the comparison itself, which is a bool")
        if got is not expected:
            on_boundary = now == stored_at + ttl
            raise Failure(
                "wrong at exactly stored_at + ttl" if on_boundary else "wrong freshness",
                clause="boundary" if on_boundary else "fresh", input=shown, expected=expected, got=got,
                why=BOUNDARY_WHY if on_boundary else
                "an entry is fresh from the moment it is stored until ttl seconds later, expired after that; "
                "compare the times themselves (rounding `now` down to a whole second moves the boundary)")


def check_is_fresh(is_fresh) -> str:
    if not callable(is_fresh):
        raise Failure("is_fresh must be a function", clause="bool",
                      expected=Description("def is_fresh(stored_at, ttl, now): ..."),
                      got=is_fresh)
    cases = freshness_inputs()
    _expect_fresh(is_fresh, cases)
    return (f"is_fresh agrees with cachetools' TTLCache in all {len(cases)} cases, "
            f"including the boundary: expired at exactly ttl.")


# graded tests of q1: points for a grader, the same inputs as the check
def fresh_on_the_boundary(is_fresh):
    _expect_fresh(is_fresh, [c for c in freshness_inputs() if c[2] == c[0] + c[1]])


def fresh_elsewhere(is_fresh):
    _expect_fresh(is_fresh, [c for c in freshness_inputs() if c[2] != c[0] + c[1]])


q1 = Exercise(
    LESSON, "q1", "Fresh or expired?", "is_fresh", check_is_fresh,
    hints=[
        "An entry stored at `stored_at` expires at `stored_at + ttl`. Compare `now` with that moment.",
        ("The only question is the boundary. Look at the cell that printed `TTLCache.__contains__`: it "
        "compares `self.timer() < link.expires`. Is `<` or `<=` fresh at exactly `expires`?"),
        "`return now < stored_at + ttl`",
    ],
    tests=[
        Graded("expired at exactly stored_at + ttl, as in cachetools", 1, fresh_on_the_boundary),
        Graded("fresh before, expired after, fractional and large times", 1, fresh_elsewhere),
    ],
    clauses=Q1_CLAUSES,
)


# -- q2 ---------------------------------------------------------------------------------------------------
Q2_CLAUSES = {
    "decorator": "`ttl_memoize(ttl, timer=clock)` returns a decorator, and `decorator(func)` the memoized function",
    "result": "the memoized function returns what `func` returns for the same arguments",
    "hit": "a call whose entry is fresh is answered from the cache, without calling `func`",
    "expiry": ("an entry is expired at exactly `ttl` seconds after it was stored (cachetools' convention); "
               "then the call runs `func` again and stores the new result with the new time"),
    "timer": "the time is read only from `timer()`, never from `time.time()` or `time.monotonic()`",
    "keys": ("keyword arguments are part of the key and their order does not matter; different calls never "
             "share an entry (`f(('a', 1))` and `f(a=1)` are two entries)"),
    "falsy": "a falsy result (`0`, `None`, `''`) is cached like any other",
    "exceptions": ("an exception raised by `func` reaches the caller, and nothing is stored for that call: "
                   "the next call runs `func` again"),
    "info": ("`cache_info()` returns `CacheInfo(hits, misses, None, currsize)`: calls answered from the cache, "
             "calls that ran `func` (an expired entry counts as a miss), and the number of entries (read only "
             "when every entry is fresh: whether an expired one still counts is up to you)"),
    "clear": "`cache_clear()` empties the cache and sets both counters back to 0",
    "separate": ("each decorated function has its own cache, also when one decorator decorates two functions "
                 "(`memo = ttl_memoize(10)`, then `memo(f)` and `memo(g)`)"),
}


def _probe():
    """A fresh function that records its real calls."""
    calls = []

    def power(x, exponent=2, modulo=None):
        calls.append((x, exponent, modulo))
        return pow(x, exponent, modulo)

    return power, calls


def _memoized(ttl_memoize, ttl, clock, func):
    decorator = ttl_memoize(ttl, timer=clock)
    if not callable(decorator):
        raise Failure("ttl_memoize(ttl, timer=clock) must return a decorator", clause="decorator",
                      input=f"ttl_memoize({ttl}, timer=clock)",
                      expected=Description("a function that takes the function to memoize"), got=decorator)
    wrapper = decorator(func)
    if not callable(wrapper):
        raise Failure("ttl_memoize(ttl, timer=clock)(func) must return the memoized function", clause="decorator",
                      input=f"ttl_memoize({ttl}, timer=clock)(power)", expected=Description("a callable"), got=wrapper)
    return wrapper


def _expect_calls(calls, expected, *, input, message, why, clause):
    if len(calls) != expected:
        raise Failure(message, clause=clause, input=input, expected=_real_calls(expected),
                      got=_real_calls(len(calls)), why=why)


def _real_calls(n: int) -> str:
    return f"{n} real call" + ("" if n == 1 else "s")


INFO_FIELDS = ("hits", "misses", "currsize")


def _info(cached_func, input: str = "cache_info()"):
    """(hits, misses, currsize) read by name, as from functools' and cachetools' CacheInfo."""
    if not callable(getattr(cached_func, "cache_info", None)):
        raise Failure("the memoized function has no cache_info()", clause="info",
                      why="attach one, like lru_cache: wrapper.cache_info = cache_info, returning CacheInfo(...)")
    info = cached_func.cache_info()
    if not all(hasattr(info, name) for name in INFO_FIELDS):
        raise Failure("cache_info() should return CacheInfo(hits, misses, None, currsize)", clause="info",
                      input=input, expected=Description("CacheInfo(hits=..., misses=..., maxsize=None, currsize=...)"),
                      got=info,
                      why="CacheInfo, imported in the first cell, is a namedtuple: its fields have names "
                          "(info.hits, info.currsize), a plain tuple's do not")
    return tuple(getattr(info, name) for name in INFO_FIELDS)


def _expect_info(cached_func, expected, *, input, why, fields=INFO_FIELDS):
    got = dict(zip(INFO_FIELDS, _info(cached_func, input)))
    want = dict(zip(INFO_FIELDS, expected))
    wrong = [name for name in fields if not (type(got[name]) is int and got[name] == want[name])]
    if wrong:
        raise Failure(f"cache_info() has the wrong {' and '.join(wrong)}", clause="info", input=input,
                      expected=", ".join(f"{n}={want[n]}" for n in fields),
                      got=", ".join(f"{n}={got[n]!r}" for n in fields), why=why)


class CountingClock(FakeClock):
    """A fake clock that counts how often it is read, to see whether the answer reads it at all."""

    def __init__(self, start: float = 0):
        super().__init__(start)
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return super().__call__()


def check_reads_the_timer(ttl_memoize) -> None:
    """Every call must read the timer: a miss to stamp its entry, a hit to know the entry is fresh."""
    clock = CountingClock()
    power, calls = _probe()
    cached_power = _memoized(ttl_memoize, 10, clock, power)
    for time in (0, 5, 1000):
        clock.set(time)
        before = clock.reads
        cached_power(2)
        if clock.reads == before:
            raise Failure(f"power(2) at t = {time} never read the timer it was given", clause="timer",
                          input="ttl_memoize(10, timer=clock)(power); power(2) at t = 0, 5 and 1000",
                          expected=Description("timer() read on every call"), got=Description("not read on this call"),
                          why="read the time from the timer you were given (timer()), never from "
                              "time.monotonic() or time.time(): the check moves only its fake clock, and a "
                              "hit is only a hit if timer() says the entry is still fresh")


def check_ttl_expiry(ttl_memoize):
    """The lesson's own story on one key: hits until ttl, a miss at exactly ttl, stored with the new time."""
    check_reads_the_timer(ttl_memoize)
    clock = FakeClock()
    power, calls = _probe()
    cached_power = _memoized(ttl_memoize, 10, clock, power)
    expect_equal(cached_power(3), 9, input="power(3) at t = 0", clause="result")
    expect_equal(cached_power(3), 9, input="power(3) again at t = 0", clause="result")
    _expect_calls(calls, 1, input="power(3) twice at t = 0", message="the second call was not a hit", clause="hit",
                  why="a memoizer answers a repeated call from its cache")
    clock.set(9.5)
    expect_equal(cached_power(3), 9, input="power(3) at t = 9.5", clause="result")
    _expect_calls(calls, 1, input="power(3) at t = 0, then at t = 9.5 with ttl = 10", clause="hit",
                  message="an entry 9.5 s old was treated as expired", why="with ttl = 10 it is fresh until t = 10")
    clock.set(10)
    expect_equal(cached_power(3), 9, input="power(3) at t = 10", clause="result")
    _expect_calls(calls, 2, input="power(3) stored at t = 0, asked again at exactly t = 10 (ttl = 10)",
                  message="the entry should be expired at exactly stored_at + ttl", clause="expiry",
                  why=BOUNDARY_WHY)
    clock.set(19)
    cached_power(3)
    _expect_calls(calls, 2, input="power(3) recomputed at t = 10, asked again at t = 19", clause="expiry",
                  message="an entry stored again at t = 10 should be fresh until t = 20",
                  why="when an expired entry is recomputed, store it with the *new* time")
    clock.set(20)
    cached_power(3)
    _expect_calls(calls, 3, input="power(3) stored at t = 10, asked again at t = 20", clause="expiry",
                  message="the entry stored at t = 10 should be expired at exactly t = 20", why=BOUNDARY_WHY)
    return clock, cached_power, calls


SEQUENCE = "power(3) at t = 0, 0, 9.5, 10, 19, 20"


def check_story(ttl_memoize) -> None:
    clock, cached_power, calls = check_ttl_expiry(ttl_memoize)
    _expect_info(cached_power, (3, 3, 1), input=SEQUENCE,
                 why="a hit is a call answered from the cache, a miss one that ran the function (an expired entry "
                     "counts as a miss); currsize is the number of entries: one key, stored again, is one entry")
    expect_equal(cached_power(3, exponent=3), 27, input="power(3, exponent=3)", clause="keys",
                 why="keyword arguments are part of the key")
    expect_equal(cached_power(3, exponent=3), 27, input="power(3, exponent=3) again", clause="result")
    _expect_calls(calls, 4, input="power(3, exponent=3) twice", message="a repeated keyword call was not a hit",
                  clause="hit",
                  why="build the key from args and sorted kwargs, e.g. (args, tuple(sorted(kwargs.items())))")
    expect_equal(cached_power(2, exponent=5, modulo=7), 4, input="power(2, exponent=5, modulo=7)", clause="keys")
    expect_equal(cached_power(2, modulo=7, exponent=5), 4, input="power(2, modulo=7, exponent=5)", clause="keys")
    _expect_calls(calls, 5, input="power(2, exponent=5, modulo=7), then power(2, modulo=7, exponent=5)",
                  message="the same keyword arguments in another order were a miss", clause="keys",
                  why="keyword order must not matter: sort the items, (args, tuple(sorted(kwargs.items()))), "
                      "or use frozenset(kwargs.items()) or hashkey(*args, **kwargs)")
    expect_equal(cached_power(0), 0, input="power(0)", clause="result")
    expect_equal(cached_power(0), 0, input="power(0) again", clause="falsy")
    _expect_calls(calls, 6, input="power(0) twice (the result is 0)", message="a cached 0 was not a hit",
                  clause="falsy",
                  why="a falsy result (0, None, '', []) is still a cached result: test `key in cache` or "
                      "`entry is not None`, not `if cache.get(key):`")
    _expect_info(cached_power, (6, 6, 4),
                 input=SEQUENCE + "; then at t = 20: power(3, exponent=3) twice, power(2, exponent=5, modulo=7), "
                                  "power(2, modulo=7, exponent=5), power(0) twice",
                 why="a hit is a call answered from the cache, a miss one that ran the function (an expired entry "
                     "counts as a miss); currsize is the number of entries, here 4 keys, all fresh")


def check_clear(ttl_memoize) -> None:
    clock = FakeClock()
    power, calls = _probe()
    cached_power = _memoized(ttl_memoize, 10, clock, power)
    cached_power(3), cached_power(3), cached_power(4)
    if not callable(getattr(cached_power, "cache_clear", None)):
        raise Failure("the memoized function has no cache_clear()", clause="clear",
                      why="attach one: empty the cache, zero the counters")
    cached_power.cache_clear()
    got = _info(cached_power, "cache_clear(), then cache_info()")
    if got != (0, 0, 0):
        raise Failure("cache_clear() did not reset everything", clause="clear",
                      input="power(3), power(3), power(4); cache_clear(); cache_info()",
                      expected=Description("hits=0, misses=0, currsize=0"),
                      got=", ".join(f"{n}={g!r}" for n, g in zip(INFO_FIELDS, got)),
                      why="cache_clear() should empty the cache and reset the counters, as lru_cache's does")
    cached_power(3)
    _expect_calls(calls, 3, input="power(3), power(3), power(4); cache_clear(); power(3)", clause="clear",
                  message="cache_clear() did not empty the cache", why="after a clear every call is a miss")


def check_separate(ttl_memoize) -> None:
    clock = FakeClock()
    memo = ttl_memoize(10, timer=clock)
    if not callable(memo):
        raise Failure("ttl_memoize(ttl, timer=clock) must return a decorator", clause="decorator", got=memo)
    first, first_calls = _probe()
    second, second_calls = _probe()
    first, second = memo(first), memo(second)
    first(3)
    second(3)
    if not second_calls:
        raise Failure("two functions decorated by one decorator share one cache", clause="separate",
                      input="memo = ttl_memoize(10, timer=clock); f = memo(power); g = memo(other); f(3); g(3)",
                      expected=Description("g(3) runs g"), got=Description("g(3) was answered from f's cache"),
                      why="create the cache inside decorator(func), once per decorated function, not in "
                          "ttl_memoize's own body")
    second(3)
    if len(second_calls) != 1 or len(first_calls) != 1:
        raise Failure("two decorated functions disturbed each other's entries", clause="separate",
                      input="f = memo(power); g = memo(other); f(3); g(3); g(3)",
                      expected=Description("f and g each ran once"),
                      got=Description(f"f ran {len(first_calls)}, g ran {len(second_calls)} times"),
                      why="each decorated function needs its own cache and its own counters")


class Flaky(Exception):
    """What the check's function raises, to see that it reaches the caller."""


def check_exceptions(ttl_memoize) -> None:
    clock = FakeClock()
    runs = []

    def fragile(x):
        runs.append(x)
        if len(runs) == 1:
            raise Flaky("the first call fails")
        return x * 2

    cached_fragile = _memoized(ttl_memoize, 10, clock, fragile)
    try:
        got = cached_fragile(5)
    except Flaky:
        pass
    else:
        raise Failure("an exception from the function did not reach the caller", clause="exceptions",
                      input="f(5), where the first run of f raises", expected=Description("Flaky raised"), got=got,
                      why="swallowing an exception hides the failure, and caching what came back serves it again")
    expect_equal(cached_fragile(5), 10, input="f(5) again, after the first run raised", clause="exceptions",
                 why="nothing is stored for a call that raised: the next call runs the function again")
    _expect_calls(runs, 2, input="f(5) raised; f(5) again", clause="exceptions",
                  message="the call after an exception did not run the function", why="exceptions are not cached")


def _random_call(rng: random.Random):
    """Seeded calls of power(x, exponent=2, modulo=None). Each parameter is always passed the same way
    (x by position, the others by keyword or all three by position), so that an answer whose key binds
    the arguments to the signature (inspect.signature().bind) agrees with cachetools' hashkey."""
    x = rng.choice([0, 1, 2, 3, -1, -2])
    shape = rng.randrange(4)
    if shape == 0:
        return (x,), {}
    if shape == 1:
        return (x,), {"exponent": 3}
    if shape == 2:
        return (x, 3, 7), {}
    return (x,), {"modulo": 5, "exponent": 3} if rng.random() < 0.5 else {"exponent": 3, "modulo": 5}


def memo_trace(seed: int, length: int = 40):
    """A seeded program: each step advances the fake clock by a whole number of eighths, then calls."""
    rng = random.Random(seed)
    return [(_eighths(rng, 0, 3) if rng.random() < 0.5 else 0, *_random_call(rng)) for _ in range(length)]


def _show_call(args: tuple, kwargs: dict) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"f({', '.join(parts)})"


def check_against_cachetools_memo(ttl_memoize, seeds=range(40)) -> None:
    """Results, real calls, hits and misses as cachetools' ttl cache (unbounded, hashkey), step by step."""
    for seed in seeds:
        ttl = (2.5, 1, 0.375)[seed % 3]
        clock = FakeClock()
        mine, mine_calls = _probe()
        ref, ref_calls = _probe()
        answer = _memoized(ttl_memoize, ttl, clock, mine)
        reference = cached(TTLCache(math.inf, ttl, timer=clock), key=hashkey, info=True)(ref)
        shown = []
        for step, (advance, args, kwargs) in enumerate(memo_trace(seed), 1):
            clock.advance(advance)
            shown.append(f"t={clock():g} {_show_call(args, kwargs)}")
            want = reference(*args, **kwargs)
            got = answer(*args, **kwargs)
            where = f"ttl={ttl:g}, step {step}: " + "; ".join(shown[-6:])
            expect_equal(got, want, input=where, clause="result")
            if len(mine_calls) != len(ref_calls):
                hit = len(mine_calls) < len(ref_calls)
                raise Failure(f"a {'hit' if hit else 'miss'} where cachetools' TTLCache has a "
                              f"{'miss' if hit else 'hit'}", clause="expiry" if hit else "keys", input=where,
                              expected=_real_calls(len(ref_calls)), got=_real_calls(len(mine_calls)),
                              why=(BOUNDARY_WHY + "; a recomputed entry lives another ttl from when it is stored")
                              if hit else "every fresh entry answers its own call, whatever the order of keywords")
            want_info = reference.cache_info()
            _expect_info(answer, (want_info.hits, want_info.misses, 0), input=where, fields=("hits", "misses"),
                         why="a hit is a call answered from the cache, a miss one that ran the function")


def check_ttl_memoize(ttl_memoize) -> str:
    if not callable(ttl_memoize):
        raise Failure("ttl_memoize must be a function", clause="decorator",
                      expected=Description("def ttl_memoize(ttl, timer=time.monotonic): ..."), got=ttl_memoize)
    check_story(ttl_memoize)
    expect_no_collisions(lambda func: _memoized(ttl_memoize, 100, FakeClock(), func))
    check_clear(ttl_memoize)
    check_separate(ttl_memoize)
    check_exceptions(ttl_memoize)
    check_against_cachetools_memo(ttl_memoize)
    return ("fresh for 9.5 s, expired at exactly 10 s and stored again with the new time; keyword arguments in any "
            "order, falsy results, exceptions, cache_info (hits, misses, currsize) and cache_clear all right, one "
            "cache per function, and the same hits and misses as cachetools on 40 random programs, with a fake "
            "clock and no waiting.")


# graded tests of q2: points for a grader, kept apart from the self-check above
def memo_expiry(ttl_memoize):
    check_ttl_expiry(ttl_memoize)


def memo_other_ttl(ttl_memoize):
    clock = FakeClock(100)
    power, calls = _probe()
    cached_power = _memoized(ttl_memoize, 0.5, clock, power)
    steps = [(100, 2, 1), (100.25, 2, 1), (100.25, 5, 2), (100.5, 2, 3), (100.75, 5, 4), (100.875, 2, 4)]
    for time, x, expected in steps:
        clock.set(time)
        cached_power(x)
        if len(calls) != expected:
            raise Failure(f"wrong hit or miss at t = {time} with ttl = 0.5", clause="expiry",
                          expected=_real_calls(expected), got=_real_calls(len(calls)), why=BOUNDARY_WHY)


def memo_story_and_counters(ttl_memoize):
    check_story(ttl_memoize)
    expect_no_collisions(lambda func: _memoized(ttl_memoize, 100, FakeClock(), func))
    check_clear(ttl_memoize)


def memo_separate_and_exceptions(ttl_memoize):
    check_separate(ttl_memoize)
    check_exceptions(ttl_memoize)


def memo_random(ttl_memoize):
    check_against_cachetools_memo(ttl_memoize, seeds=range(100, 140))


q2 = Exercise(
    LESSON, "q2", "A TTL memoizer with a fake clock", "ttl_memoize", check_ttl_memoize,
    hints=[
        ("Start from lesson 01's `memoize`, with one change: store `(expires, value)` in the dict, where "
        "`expires = timer() + ttl` at the moment you store it."),
        ("A lookup is a hit only if the key is there *and* `timer() < expires`. Otherwise it is a miss: call "
        "the function and store the new value with a new `expires`."),
        ("Counters: `hits = misses = 0` inside the decorator and `nonlocal hits, misses` in the wrapper. "
        "`cache_info` returns `CacheInfo(hits, misses, None, len(cache))`; `cache_clear` empties the dict "
        "and zeroes both counters. Attach them: `wrapper.cache_info = cache_info`."),
    ],
    tests=[
        Graded("hits until ttl, a miss at exactly ttl, stored again with the new time", 2, memo_expiry),
        Graded("another ttl and several keys", 1, memo_other_ttl),
        Graded("keyword arguments in any order, falsy results, cache_info and cache_clear", 1,
               memo_story_and_counters),
        Graded("one cache per function; exceptions reach the caller and are not cached", 1,
               memo_separate_and_exceptions),
        Graded("the same hits and misses as cachetools on random programs", 1, memo_random),
    ],
    clauses=Q2_CLAUSES,
)


# -- q3 ---------------------------------------------------------------------------------------------------
Q3_CLAUSES = {
    "decorator": ("`ttl_lru_cache(maxsize=..., ttl=..., timer=clock)` returns a decorator, and `decorator(func)` "
                  "the memoized function, which returns what `func` returns"),
    "keys": ("different calls get different entries (`f(('a', 1))` and `f(a=1)` are two), while keyword order "
             "does not matter"),
    "lru": ("the cache holds up to `maxsize` entries; when a new entry needs room, the least recently used one "
            "is evicted (a hit makes an entry the most recently used, and so does storing it, also when an "
            "expired key is computed again)"),
    "expired-first": ("expired entries never take a place from fresh ones: when the cache is full, every expired "
                      "entry is dropped before a fresh one is evicted (`TTLCache` does that: it calls `expire()` "
                      "before it stores)"),
    "expiry": "an entry is expired at exactly `ttl` after it was stored, and a hit does not extend that",
    "falsy": "a falsy result (`None`, `0`, `''`) is cached like any other",
    "maxsize-0": "with `maxsize=0` nothing is stored: every call runs `func`, and no call raises",
    "exceptions": ("an exception raised by `func` reaches the caller and nothing is stored for that call (the "
                   "next call runs `func` again)"),
    "separate": "each decorated function has its own cache, also when one decorator decorates two functions",
    "clear": "`wrapper.cache_clear()` empties the cache, as in the broken version",
    "defaults": "without arguments, `maxsize` is 128 and `ttl` is 60 (the signature above)",
}


def _describe_probe():
    calls = []

    def describe(*args, **kwargs):
        calls.append((args, kwargs))
        return f"args={args!r} kwargs={dict(sorted(kwargs.items()))!r}"

    return describe, calls


def _plain_describe(*args, **kwargs):
    return f"args={args!r} kwargs={dict(sorted(kwargs.items()))!r}"


def _fixed(ttl_lru_cache, maxsize, ttl, clock, func):
    decorator = ttl_lru_cache(maxsize=maxsize, ttl=ttl, timer=clock)
    if not callable(decorator):
        raise Failure("ttl_lru_cache(maxsize=..., ttl=..., timer=clock) must return a decorator", clause="decorator",
                      expected=Description("a function that takes the function to memoize"), got=decorator)
    wrapper = decorator(func)
    if not callable(wrapper):
        raise Failure("ttl_lru_cache(...)(func) must return the memoized function", clause="decorator",
                      expected=Description("a callable"), got=wrapper)
    return wrapper


COLLISIONS = [
    ((("a", 1),), {}, (), {"a": 1}),
    ((1, ("x", 2)), {}, (1,), {"x": 2}),
    ((), {"a": 1}, (), {"a": 2}),
    ((1,), {}, (), {"x": 1}),
    ((1,), {"a": 2}, (1,), {"b": 2}),   # the same values under other names: the names are part of the key
    ((-1,), {}, (-2,), {}),           # hash(-1) == hash(-2): a key that is a hash collides here
]


def check_no_collisions(ttl_lru_cache) -> str:
    return expect_no_collisions(lambda func: _fixed(ttl_lru_cache, 8, 100, FakeClock(), func))


def expect_no_collisions(memoize) -> str:
    """Different calls must not share an entry; ``memoize(func)`` returns the answer's memoized func."""
    for args1, kwargs1, args2, kwargs2 in COLLISIONS:
        describe, calls = _describe_probe()
        memo = memoize(describe)
        memo(*args1, **kwargs1)
        got = memo(*args2, **kwargs2)
        shown = f"f{_show(args1, kwargs1)}, then f{_show(args2, kwargs2)}"
        if got != _plain_describe(*args2, **kwargs2) or len(calls) != 2:
            why = ("keyword names and values must both be part of the key" if args1 == args2 else
                   "hash(-1) == hash(-2): a hash is not a key, the arguments themselves are" if args1 == (-1,) else
                   "args + tuple(sorted(kwargs.items())) flattens both calls into the same tuple; keep the "
                   "two parts apart")
            raise Failure(f"these two different calls collide: {shown}", clause="keys", input=shown,
                          expected=_plain_describe(*args2, **kwargs2), got=got,
                          why=why + ": e.g. key = (args, tuple(sorted(kwargs.items()))), "
                                    "or cachetools.keys.hashkey(*args, **kwargs)")
    describe, calls = _describe_probe()
    memo = memoize(describe)
    memo(1, a=1, b=2)
    memo(1, b=2, a=1)
    if len(calls) != 1:
        raise Failure("keyword order changed the key", clause="keys", input="f(1, a=1, b=2), then f(1, b=2, a=1)",
                      expected=_real_calls(1), got=_real_calls(len(calls)), why="sort the keyword items in the key")
    return "no collisions"


def _show(args, kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"({', '.join(parts)})"


def check_lru_order(ttl_lru_cache) -> str:
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 2, 100, FakeClock(), describe)
    for key in ("a", "b", "a"):
        memo(key)
    if len(calls) != 2:
        raise Failure("with maxsize=2, f('a') and f('b') should both stay in the cache", clause="lru",
                      input="f('a'); f('b'); f('a')", expected=_real_calls(2), got=_real_calls(len(calls)),
                      why="evict only when the cache is full *before* storing: `while len(store) >= maxsize` "
                          "before the new entry goes in, or `> maxsize` after it")
    memo("c")                           # "a" was used again before "c" arrived: "b" is least recently used
    before = len(calls)
    memo("a")
    if len(calls) != before:
        raise Failure("with maxsize=2, f('a'), f('b'), f('a'), f('c') evicted 'a', the entry used most recently",
                      clause="lru", input="f('a'); f('b'); f('a'); f('c'); f('a')",
                      expected=Description("f('a') is a hit"),
                      got=Description("f('a') ran again"),
                      why="that is FIFO (first in, first out), not LRU: the least recently used entry is 'b'. "
                          "Move an entry to the end on every hit (OrderedDict.move_to_end) and evict from the front")
    memo("b")
    if len(calls) != before + 1:
        raise Failure("with maxsize=2, 'b' should have been evicted when 'c' arrived", clause="lru",
                      input="f('a'); f('b'); f('a'); f('c'); f('b')", expected=Description("f('b') runs again"),
                      got=Description("f('b') was a hit"), why="a cache with maxsize=2 holds at most two entries")
    return "evicts the least recently used"


def check_restored_entry_is_recent(ttl_lru_cache) -> str:
    """An expired entry computed again is the most recently used one (as in TTLCache)."""
    clock = FakeClock()
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 3, 10, clock, describe)
    memo("a")                           # t = 0
    clock.set(1)
    memo("b")                           # t = 1
    clock.set(10)
    memo("a")                           # t = 10: expired, computed again, so now the most recently used
    memo("c")
    memo("d")                           # full: evicts "b", the least recently used
    shown = ("maxsize=3, ttl=10: f('a') at t = 0, f('b') at 1; at t = 10 f('a') (expired, so computed again), "
             "f('c'), f('d')")
    _expect_calls(calls, 5, input=shown, message="wrong hit or miss", why=BOUNDARY_WHY, clause="expiry")
    memo("a")
    if len(calls) != 5:
        raise Failure("an entry stored again after it expired was evicted as if it were old", clause="lru",
                      input=shown + ", f('a')",
                      expected=Description("the last f('a') is a hit ('b' is the least recently used)"),
                      got=Description("f('a') ran again"),
                      why="assigning to a key that is already in a dict or OrderedDict keeps its old place. "
                          "Remove the expired entry before storing it again (store.pop(key, None)), or "
                          "move_to_end after storing")
    memo("b")
    _expect_calls(calls, 6, input=shown + ", f('a'), f('b')", message="'b' should have been evicted when 'd' arrived",
                  why="a cache with maxsize=3 holds at most three entries", clause="lru")
    return "a recomputed entry is the most recently used"


def check_expired_dropped_first(ttl_lru_cache) -> str:
    """A full cache with an expired entry: the expired one goes, not the least recently used fresh one."""
    clock = FakeClock()
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 2, 10, clock, describe)
    memo("a")                           # t = 0, expires at 10
    clock.set(5)
    memo("b")                           # t = 5, expires at 15
    clock.set(6)
    memo("a")                           # a hit: "a" is now the most recently used, "b" the least
    clock.set(11)                       # "a" has expired, "b" is fresh
    memo("c")                           # full: TTLCache drops the expired "a" first, so "b" stays
    memo("b")
    shown = ("maxsize=2, ttl=10: f('a') at t = 0, f('b') at 5, f('a') at 6 (a hit); at t = 11 ('a' expired): "
             "f('c'), then f('b')")
    if len(calls) != 3:
        raise Failure("a fresh entry was evicted while an expired one still held a place", clause="expired-first",
                      input=shown, expected=Description("f('b') is a hit ('a' had expired, so f('c') took its place)"),
                      got=Description("f('b') ran again"),
                      why="an expired entry is worth nothing; TTLCache.__setitem__ calls expire() before it "
                          "stores, so expired entries go first and the least recently used fresh entry is evicted "
                          "only if the cache is still full")
    return "expired entries are dropped before a fresh one is evicted"


def check_ttl_boundary(ttl_lru_cache) -> str:
    clock = FakeClock()
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 4, 10, clock, describe)
    for time, expected in [(0, 1), (9.5, 1), (10, 2), (19.5, 2), (20, 3)]:
        clock.set(time)
        memo("a")
        _expect_calls(calls, expected, clause="expiry",
                      input=f"f('a') at t = 0, 9.5, 10, 19.5, 20 with ttl = 10 (up to t = {time})",
                      message=f"wrong hit or miss at t = {time}",
                      why=BOUNDARY_WHY + "; reading an entry does not extend its life, and a recomputed entry "
                                         "lives another ttl from when it is stored")
    return "expires at exactly ttl"


def check_maxsize_zero(ttl_lru_cache) -> str:
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 0, 10, FakeClock(), describe)
    try:
        for _ in range(3):
            expect_equal(memo("a"), _plain_describe("a"), input="maxsize=0: f('a')", clause="maxsize-0")
    except Failure:
        raise
    except Exception as error:
        raise Failure(f"with maxsize=0, f('a') raised {type(error).__name__}: {error}", clause="maxsize-0",
                      input="ttl_lru_cache(maxsize=0, ttl=10, timer=clock)(f); f('a')",
                      expected=_plain_describe("a"), got=Description(f"{type(error).__name__}: {error}"),
                      why="a cache with no room stores nothing, as lru_cache(maxsize=0) and cachetools' "
                          "TTLCache(maxsize=0) behave; `while len(store) >= maxsize: store.popitem(...)` pops "
                          "from an empty store there: check for maxsize <= 0 first") from None
    _expect_calls(calls, 3, input="maxsize=0: f('a') three times", clause="maxsize-0",
                  message="with maxsize=0 a call was answered from the cache",
                  why="maxsize=0 means no room at all: every call runs the function")
    return "maxsize=0 stores nothing"


def check_q3_exceptions(ttl_lru_cache) -> str:
    runs = []

    def fragile(x):
        runs.append(x)
        if len(runs) == 1:
            raise Flaky("the first call fails")
        return None

    memo = _fixed(ttl_lru_cache, 4, 10, FakeClock(), fragile)
    try:
        got = memo(1)
    except Flaky:
        pass
    else:
        raise Failure("an exception from the function did not reach the caller", clause="exceptions",
                      input="f(1), where the first run of f raises", expected=Description("Flaky raised"), got=got,
                      why="swallowing an exception hides the failure, and caching what came back serves it again")
    memo(1)
    memo(1)
    _expect_calls(runs, 2, input="f(1) raised; f(1); f(1) (f returns None)", clause="exceptions",
                  message="after an exception, the next call did not run the function, or the one after it "
                          "was not a hit",
                  why="nothing is stored for a call that raised; the next call runs the function and stores "
                      "its result, even None")
    return "exceptions reach the caller"


def check_q3_separate(ttl_lru_cache) -> str:
    decorator = ttl_lru_cache(maxsize=4, ttl=10, timer=FakeClock())
    if not callable(decorator):
        raise Failure("ttl_lru_cache(...) must return a decorator", clause="decorator", got=decorator)
    first, first_calls = _describe_probe()
    second, second_calls = _describe_probe()
    first, second = decorator(first), decorator(second)
    first(3)
    second(3)
    if not second_calls:
        raise Failure("two functions decorated by one decorator share one cache", clause="separate",
                      input="deco = ttl_lru_cache(maxsize=4, ttl=10, timer=clock); f = deco(f); g = deco(g); "
                            "f(3); g(3)",
                      expected=Description("g(3) runs g"), got=Description("g(3) was answered from f's cache"),
                      why="create the store inside decorator(func), once per decorated function")
    return "one cache per function"


def check_q3_clear(ttl_lru_cache) -> str:
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 4, 10, FakeClock(), describe)
    memo(1), memo(2)
    if not callable(getattr(memo, "cache_clear", None)):
        raise Failure("the memoized function has no cache_clear()", clause="clear",
                      why="the broken version had one (wrapper.cache_clear = store.clear); keep it")
    memo.cache_clear()
    memo(1)
    _expect_calls(calls, 3, input="f(1), f(2), cache_clear(), f(1)", clause="clear",
                  message="cache_clear() did not empty the cache", why="after a clear every call is a miss")
    return "cache_clear empties it"


def check_q3_defaults(ttl_lru_cache) -> str:
    clock = FakeClock()
    decorator = ttl_lru_cache(timer=clock)
    if not callable(decorator):
        raise Failure("ttl_lru_cache(timer=clock) must return a decorator", clause="defaults", got=decorator)
    runs = []
    memo = decorator(lambda x: runs.append(x) or x)
    for x in range(129):                # one more than the default maxsize: evicts 0, keeps 1 .. 128
        memo(x)
    memo(128), memo(1)
    clock.set(59.875)
    memo(5)
    if len(runs) != 129:
        raise Failure("with the default maxsize and ttl, a recent entry was not a hit", clause="defaults",
                      input="ttl_lru_cache(timer=clock): f(0) .. f(128) at t = 0, then f(128), f(1), and f(5) at "
                            "t = 59.875", expected=_real_calls(129), got=_real_calls(len(runs)),
                      why="the defaults are maxsize=128 and ttl=60")
    memo(0)
    clock.set(60)
    memo(7)
    if len(runs) != 131:
        raise Failure("the default maxsize or ttl is not 128 and 60", clause="defaults",
                      input="... then f(0) (evicted: one entry too many) and f(7) at t = 60 (expired)",
                      expected=_real_calls(131), got=_real_calls(len(runs)),
                      why="the defaults are maxsize=128 and ttl=60: the 129th key evicts the first, and an entry "
                          "stored at t = 0 is expired at t = 60")
    return "defaults 128 and 60"


RESULTS = [None, 0, "", "x", 1]  # what the trace's function returns: falsy values are still cached


def _result_of(args: tuple, kwargs: dict):
    n = args[0] if args else kwargs["n"]
    return RESULTS[(n + 2 * bool(kwargs)) % len(RESULTS)]


def trace(seed: int, length: int = 40) -> tuple[int, float, list[tuple[float, tuple, dict]]]:
    """A seeded program for q3: (maxsize, ttl, steps); each step advances the fake clock (whole
    eighths, often 0) and calls f with positional or keyword arguments. One key is hot: it stays the
    most recently used while its entry (which a hit does not extend) expires, so that a full cache often
    holds an expired entry that is not the least recently used one, where evicting by recency alone
    and TTLCache part ways."""
    rng = random.Random(seed)
    maxsize = rng.choice([2, 3])
    ttl = rng.choice([3, 5])
    steps = []
    for _ in range(length):
        advance = rng.choice([0, 0.5, 1])
        n = rng.choices(range(4), weights=[8, 2, 1, 1])[0]
        args, kwargs = ((n,), {}) if rng.random() < 0.7 else ((), {"n": n})
        steps.append((advance, args, kwargs))
    return maxsize, ttl, steps


def _recording():
    """A fresh function of the trace, and the list of its real calls."""
    calls = []

    def func(*args, **kwargs):
        calls.append((args, kwargs))
        return _result_of(args, kwargs)

    return func, calls


def check_agrees_with_cachetools(ttl_lru_cache, seeds=range(200)) -> str:
    """Same results and real calls as cachetools' TTLCache (LRU + TTL) with hashkey, on seeded traces."""
    for seed in seeds:
        maxsize, ttl, steps = trace(seed)
        reference, reference_calls = _recording()
        answer, answer_calls = _recording()
        clock = FakeClock()
        ref = cached(TTLCache(maxsize=maxsize, ttl=ttl, timer=clock), key=hashkey)(reference)
        mine = _fixed(ttl_lru_cache, maxsize, ttl, clock, answer)
        shown = []
        for step, (advance, args, kwargs) in enumerate(steps, 1):
            clock.advance(advance)
            shown.append(f"t={clock():g} f{_show(args, kwargs)}")
            want = ref(*args, **kwargs)
            got = mine(*args, **kwargs)
            where = f"maxsize={maxsize}, ttl={ttl:g}, call {step}: " + "; ".join(shown[-8:])
            expect_equal(got, want, input=where, clause="decorator")
            if len(reference_calls) != len(answer_calls):
                hit = len(answer_calls) < len(reference_calls)
                raise Failure(f"{'a hit' if hit else 'a miss'} where cachetools' TTLCache(maxsize={maxsize}, "
                              f"ttl={ttl:g}) has {'a miss' if hit else 'a hit'}",
                              clause="lru" if hit else "expired-first", input=where,
                              expected=_real_calls(len(reference_calls)), got=_real_calls(len(answer_calls)),
                              why="TTLCache first drops every expired entry, then evicts the least recently used "
                                  "while it is full; an entry expires at exactly ttl after it was stored; f(n) and "
                                  "f(n=...) are different keys (as in hashkey). Here f returns None, 0 or '' for "
                                  "some keys: a cached falsy value is still a hit, so test `key in store`, not the "
                                  "value's truthiness")
    return "agrees with cachetools"


def check_ttl_lru_cache(ttl_lru_cache) -> str:
    if not callable(ttl_lru_cache):
        raise Failure("ttl_lru_cache must be a function", clause="decorator",
                      expected=Description("def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic): ..."),
                      got=ttl_lru_cache)
    check_no_collisions(ttl_lru_cache)
    check_falsy(ttl_lru_cache)
    check_lru_order(ttl_lru_cache)
    check_ttl_boundary(ttl_lru_cache)
    check_restored_entry_is_recent(ttl_lru_cache)
    check_expired_dropped_first(ttl_lru_cache)
    check_maxsize_zero(ttl_lru_cache)
    check_q3_exceptions(ttl_lru_cache)
    check_q3_separate(ttl_lru_cache)
    check_q3_clear(ttl_lru_cache)
    check_q3_defaults(ttl_lru_cache)
    check_agrees_with_cachetools(ttl_lru_cache)
    return ("no key collisions, least recently used evicted first but expired entries before it, expired at "
            "exactly ttl, a recomputed entry counted as recently used, falsy results cached, maxsize=0 and "
            "exceptions handled, and the same hits and misses as cachetools' TTLCache on 200 random traces.")


def check_falsy(ttl_lru_cache) -> str:
    runs = []
    memo = _fixed(ttl_lru_cache, 4, 10, FakeClock(), lambda x: runs.append(x) or [None, 0, ""][x])
    for x in (0, 1, 2, 0, 1, 2):
        expect_equal(memo(x), [None, 0, ""][x], input=f"f({x})", clause="decorator")
    _expect_calls(runs, 3, input="f(0), f(1), f(2) twice each, returning None, 0 and ''", clause="falsy",
                  message="a cached falsy result was computed again",
                  why="None, 0 and '' are results like any other: test `key in store` or the entry itself, not "
                      "`if store.get(key):`")
    return "falsy results are cached"


# graded tests of q3: points for a grader, kept apart from the self-check above
def lru_no_collisions(ttl_lru_cache):
    check_no_collisions(ttl_lru_cache)


def lru_order(ttl_lru_cache):
    check_lru_order(ttl_lru_cache)
    describe, calls = _describe_probe()
    memo = _fixed(ttl_lru_cache, 3, 100, FakeClock(), describe)
    for key in "abcabd":                 # a, b, c stored; a and b used again; d evicts c
        memo(key)
    before = len(calls)
    memo("a"), memo("b")
    if len(calls) != before:
        raise Failure("'a' or 'b' was evicted although 'c' was the least recently used", clause="lru",
                      input="maxsize=3: f('a'), f('b'), f('c'), f('a'), f('b'), f('d'), then f('a'), f('b')")


def lru_ttl(ttl_lru_cache):
    check_ttl_boundary(ttl_lru_cache)
    check_restored_entry_is_recent(ttl_lru_cache)
    check_expired_dropped_first(ttl_lru_cache)


def lru_edges(ttl_lru_cache):
    check_q3_clear(ttl_lru_cache)
    check_q3_defaults(ttl_lru_cache)
    check_falsy(ttl_lru_cache)
    check_maxsize_zero(ttl_lru_cache)
    check_q3_exceptions(ttl_lru_cache)
    check_q3_separate(ttl_lru_cache)


def lru_random(ttl_lru_cache):
    check_agrees_with_cachetools(ttl_lru_cache, seeds=range(1000, 1200))


q3 = Exercise(
    LESSON, "q3", "Fix a hand-rolled LRU + TTL cache", "ttl_lru_cache", check_ttl_lru_cache,
    hints=[
        ("There are two bugs. Run the two demonstrations above the exercise again: one is in the key, one in "
        "what happens on a hit."),
        ("The key: keep positional and keyword arguments apart, `key = (args, tuple(sorted(kwargs.items())))`, "
        "or `hashkey(*args, **kwargs)`, which puts a marker between them."),
        ("The order: use a `collections.OrderedDict`; on a hit call `cache.move_to_end(key)`. Before storing, "
        "drop every expired entry (as `TTLCache.expire()` does), then evict with `cache.popitem(last=False)` "
        "(the least recently used) while the cache is still full. With `maxsize=0` store nothing at all."),
    ],
    tests=[
        Graded("different calls never share a key", 2, lru_no_collisions),
        Graded("evicts the least recently used entry, not the oldest", 2, lru_order),
        Graded("expires at exactly ttl; a recomputed entry is the most recently used; expired entries go first",
               1, lru_ttl),
        Graded("falsy results, maxsize=0, exceptions, one cache per function, cache_clear, defaults", 1,
               lru_edges),
        Graded("same hits and misses as cachetools' TTLCache on random traces", 2, lru_random),
    ],
    clauses=Q3_CLAUSES,
)


EXERCISES = [q1, q2, q3]

"""Exercises of lesson 06, TTL caches and invalidation.

q1  is_fresh(stored_at, ttl, now)     the expiry boundary, as cachetools draws it          (easy)
q2  ttl_memoize(ttl, timer)           a TTL memoizer with cache_info/cache_clear, tested
                                      only with a fake clock                                (medium)
q3  ttl_lru_cache(maxsize, ttl, timer)
                                      fix a popular hand-rolled "LRU + TTL" cache: its keys
                                      collide and its "LRU" is really FIFO                  (hard)

Every check injects a ``FakeClock`` as the timer, so nothing waits and every result is the same on
every machine. The reference for "fresh" is cachetools itself: ``TTLCache`` keeps an entry while
``timer() < stored_at + ttl``, so an entry is expired at exactly ``ttl`` seconds.
"""
from __future__ import annotations

import random

from cachetools import TTLCache, cached
from cachetools.keys import hashkey

from lessons.exercises.core import Exercise, Failure, Graded, expect_equal
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


# -- q1 ---------------------------------------------------------------------------------------------------
FRESHNESS_CASES = [
    # (stored_at, ttl, now): the boundary itself first, then either side of it
    (0, 10, 10), (5, 10, 15), (0, 10, 0), (0, 10, 9.5), (0, 10, 10.5), (2.5, 0.5, 2.75), (2.5, 0.5, 3),
    (2.5, 0.5, 3.25), (100, 60, 159.75), (100, 60, 160), (100, 60, 1000),
]


def check_is_fresh(is_fresh) -> str:
    for stored_at, ttl, now in FRESHNESS_CASES:
        expected = cachetools_is_fresh(stored_at, ttl, now)
        got = is_fresh(stored_at, ttl, now)
        if got not in (True, False):
            raise Failure("is_fresh should return True or False", input=f"is_fresh({stored_at}, {ttl}, {now})",
                          expected=expected, got=got, why="a yes/no question: return the comparison itself")
        if got is not expected and got != expected:
            on_boundary = now == stored_at + ttl
            raise Failure(
                "wrong at exactly stored_at + ttl" if on_boundary else "wrong freshness",
                input=f"is_fresh(stored_at={stored_at}, ttl={ttl}, now={now})", expected=expected, got=got,
                why=BOUNDARY_WHY if on_boundary else
                "an entry is fresh from the moment it is stored until ttl seconds later, expired after that")
    return (f"is_fresh agrees with cachetools' TTLCache in all {len(FRESHNESS_CASES)} cases, "
            f"including the boundary: expired at exactly ttl.")


# graded tests of q1: points for a grader, kept apart from the self-check above
def fresh_on_the_boundary(is_fresh):
    for stored_at, ttl in [(0, 1), (7, 3), (1.5, 0.25), (1000, 3600)]:
        now = stored_at + ttl
        expect_equal(is_fresh(stored_at, ttl, now), cachetools_is_fresh(stored_at, ttl, now),
                     input=f"is_fresh({stored_at}, {ttl}, {now})", why=BOUNDARY_WHY)


def fresh_elsewhere(is_fresh):
    for stored_at, ttl, now in [(0, 1, 0), (0, 1, 0.5), (0, 1, 2), (7, 3, 9.75), (7, 3, 10.25), (50, 5, 7000)]:
        expect_equal(is_fresh(stored_at, ttl, now), cachetools_is_fresh(stored_at, ttl, now),
                     input=f"is_fresh({stored_at}, {ttl}, {now})")


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
        Graded("fresh before, expired after, fractional times", 1, fresh_elsewhere),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
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
        raise Failure("ttl_memoize(ttl, timer=clock) must return a decorator", input="ttl_memoize(10, timer=clock)",
                      expected="a function that takes the function to memoize", got=decorator)
    wrapper = decorator(func)
    if not callable(wrapper):
        raise Failure("ttl_memoize(ttl, timer=clock)(func) must return the memoized function",
                      input="ttl_memoize(10, timer=clock)(power)", expected="a callable", got=wrapper)
    return wrapper


def _expect_calls(calls, expected, *, input, message, why):
    if len(calls) != expected:
        raise Failure(message, input=input, expected=_real_calls(expected), got=_real_calls(len(calls)), why=why)


def _real_calls(n: int) -> str:
    return f"{n} real call" + ("" if n == 1 else "s")


INFO_FIELDS = ("hits", "misses", "currsize")


def _info(cached, input: str = "cache_info()"):
    """(hits, misses, currsize) read by name, as from functools' and cachetools' CacheInfo."""
    if not callable(getattr(cached, "cache_info", None)):
        raise Failure("the memoized function has no cache_info()",
                      why="attach one, like lru_cache: wrapper.cache_info = cache_info, returning CacheInfo(...)")
    info = cached.cache_info()
    if not all(hasattr(info, name) for name in INFO_FIELDS):
        raise Failure("cache_info() should return CacheInfo(hits, misses, None, currsize)", input=input,
                      expected="CacheInfo(hits=..., misses=..., maxsize=None, currsize=...)", got=info,
                      why="CacheInfo, imported in the first cell, is a namedtuple: its fields have names "
                          "(info.hits, info.currsize), a plain tuple's do not")
    return tuple(getattr(info, name) for name in INFO_FIELDS)


def _expect_info(cached, expected, *, input, why):
    got = _info(cached, input)
    if got != expected:
        wrong = [name for name, g, e in zip(INFO_FIELDS, got, expected) if g != e]
        raise Failure(f"cache_info() has the wrong {' and '.join(wrong)}", input=input,
                      expected=", ".join(f"{n}={e}" for n, e in zip(INFO_FIELDS, expected)),
                      got=", ".join(f"{n}={g}" for n, g in zip(INFO_FIELDS, got)), why=why)


def check_ttl_expiry(ttl_memoize) -> str:
    clock = FakeClock()
    power, calls = _probe()
    cached = _memoized(ttl_memoize, 10, clock, power)
    expect_equal(cached(3), 9, input="power(3) at t = 0")
    expect_equal(cached(3), 9, input="power(3) again at t = 0")
    _expect_calls(calls, 1, input="power(3) twice at t = 0", message="the second call was not a hit",
                  why="a memoizer answers a repeated call from its cache")
    clock.set(9.5)
    expect_equal(cached(3), 9, input="power(3) at t = 9.5")
    _expect_calls(calls, 1, input="power(3) at t = 0, then at t = 9.5 with ttl = 10",
                  message="an entry 9.5 s old was treated as expired", why="with ttl = 10 it is fresh until t = 10")
    clock.set(10)
    expect_equal(cached(3), 9, input="power(3) at t = 10")
    _expect_calls(calls, 2, input="power(3) stored at t = 0, asked again at exactly t = 10 (ttl = 10)",
                  message="the entry should be expired at exactly stored_at + ttl",
                  why=BOUNDARY_WHY + ". Read the time from the timer you were given (timer()), never from "
                                     "time.monotonic() or time.time(): the check moves only its fake clock")
    clock.set(19)
    cached(3)
    _expect_calls(calls, 2, input="power(3) recomputed at t = 10, asked again at t = 19",
                  message="an entry stored again at t = 10 should be fresh until t = 20",
                  why="when an expired entry is recomputed, store it with the *new* time")
    clock.set(20)
    cached(3)
    _expect_calls(calls, 3, input="power(3) stored at t = 10, asked again at t = 20",
                  message="the entry stored at t = 10 should be expired at exactly t = 20", why=BOUNDARY_WHY)
    return clock, cached, calls


SEQUENCE = "power(3) at t = 0, 0, 9.5, 10, 19, 20"


def check_ttl_memoize(ttl_memoize) -> str:
    clock, cached, calls = check_ttl_expiry(ttl_memoize)
    _expect_info(cached, (3, 3, 1), input=SEQUENCE,
                 why="a hit is a call answered from the cache, a miss one that ran the function (an expired entry "
                     "counts as a miss); currsize is the number of entries: one key, stored again, is one entry")
    expect_equal(cached(3, exponent=3), 27, input="power(3, exponent=3)",
                 why="keyword arguments are part of the key")
    expect_equal(cached(3, exponent=3), 27, input="power(3, exponent=3) again")
    _expect_calls(calls, 4, input="power(3, exponent=3) twice", message="a repeated keyword call was not a hit",
                  why="build the key from args and sorted kwargs, e.g. (args, tuple(sorted(kwargs.items())))")
    expect_equal(cached(2, exponent=5, modulo=7), 4, input="power(2, exponent=5, modulo=7)")
    expect_equal(cached(2, modulo=7, exponent=5), 4, input="power(2, modulo=7, exponent=5)")
    _expect_calls(calls, 5, input="power(2, exponent=5, modulo=7), then power(2, modulo=7, exponent=5)",
                  message="the same keyword arguments in another order were a miss",
                  why="keyword order must not matter: sort the items, (args, tuple(sorted(kwargs.items()))), "
                      "or use frozenset(kwargs.items()) or hashkey(*args, **kwargs)")
    expect_equal(cached(0), 0, input="power(0)")
    expect_equal(cached(0), 0, input="power(0) again")
    _expect_calls(calls, 6, input="power(0) twice (the result is 0)", message="a cached 0 was not a hit",
                  why="a falsy result (0, None, '', []) is still a cached result: test `key in cache` or "
                      "`entry is not None`, not `if cache.get(key):`")
    _expect_info(cached, (6, 6, 4),
                 input=SEQUENCE + "; then at t = 20: power(3, exponent=3) twice, power(2, exponent=5, modulo=7), "
                                  "power(2, modulo=7, exponent=5), power(0) twice",
                 why="a hit is a call answered from the cache, a miss one that ran the function (an expired entry "
                     "counts as a miss); currsize is the number of entries, here 4 keys, all fresh")
    if not callable(getattr(cached, "cache_clear", None)):
        raise Failure("the memoized function has no cache_clear()",
                      why="attach one: empty the cache, zero the counters")
    cached.cache_clear()
    _expect_info(cached, (0, 0, 0), input="cache_clear(), then cache_info()",
                 why="cache_clear() should empty the cache and reset the counters, as lru_cache's does")
    cached(3)
    _expect_calls(calls, 7, input="cache_clear() then power(3) at t = 20",
                  message="cache_clear() did not empty the cache", why="after a clear every call is a miss")
    memo = ttl_memoize(10, timer=clock)
    first, first_calls = _probe()
    second, second_calls = _probe()
    first, second = memo(first), memo(second)
    first(3)
    second(3)
    if not second_calls:
        raise Failure("two functions decorated by one decorator share one cache",
                      input="memo = ttl_memoize(10, timer=clock); f = memo(power); g = memo(other); f(3); g(3)",
                      expected="g(3) runs g", got="g(3) was answered from f's cache",
                      why="create the cache inside decorator(func), once per decorated function, not in "
                          "ttl_memoize's own body")
    return ("fresh for 9.5 s, expired at exactly 10 s and stored again with the new time; keyword arguments in any "
            "order, falsy results, cache_info (hits, misses, currsize) and cache_clear all right, one cache per "
            "function, with a fake clock and no waiting.")


# graded tests of q2: points for a grader, kept apart from the self-check above
def memo_expiry(ttl_memoize):
    check_ttl_expiry(ttl_memoize)


def memo_other_ttl(ttl_memoize):
    clock = FakeClock(100)
    power, calls = _probe()
    cached = _memoized(ttl_memoize, 0.5, clock, power)
    steps = [(100, 2, 1), (100.25, 2, 1), (100.25, 5, 2), (100.5, 2, 3), (100.75, 5, 4), (100.875, 2, 4)]
    for time, x, expected in steps:
        clock.set(time)
        cached(x)
        if len(calls) != expected:
            raise Failure(f"wrong hit or miss at t = {time} with ttl = 0.5", expected=_real_calls(expected),
                          got=_real_calls(len(calls)), why=BOUNDARY_WHY)


def memo_full(ttl_memoize):
    check_ttl_memoize(ttl_memoize)


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
        Graded("keyword arguments in any order, falsy results, cache_info with currsize, cache_clear, "
               "one cache per function", 2, memo_full),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
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
        raise Failure("ttl_lru_cache(maxsize=..., ttl=..., timer=clock) must return a decorator",
                      expected="a function that takes the function to memoize", got=decorator)
    wrapper = decorator(func)
    if not callable(wrapper):
        raise Failure("ttl_lru_cache(...)(func) must return the memoized function", expected="a callable", got=wrapper)
    return wrapper


COLLISIONS = [
    ((("a", 1),), {}, (), {"a": 1}),
    ((1, ("x", 2)), {}, (1,), {"x": 2}),
    ((), {"a": 1}, (), {"a": 2}),
]


def check_no_collisions(ttl_lru_cache) -> str:
    for args1, kwargs1, args2, kwargs2 in COLLISIONS:
        describe, calls = _describe_probe()
        cached = _fixed(ttl_lru_cache, 8, 100, FakeClock(), describe)
        cached(*args1, **kwargs1)
        got = cached(*args2, **kwargs2)
        shown = f"f{_show(args1, kwargs1)}, then f{_show(args2, kwargs2)}"
        if got != _plain_describe(*args2, **kwargs2) or len(calls) != 2:
            why = ("keyword arguments must be part of the key" if args1 == args2 else
                   "args + tuple(sorted(kwargs.items())) flattens both calls into the same tuple; keep the "
                   "two parts apart")
            raise Failure(f"these two different calls collide: {shown}", input=shown,
                          expected=_plain_describe(*args2, **kwargs2), got=got,
                          why=why + ": e.g. key = (args, tuple(sorted(kwargs.items()))), "
                                    "or cachetools.keys.hashkey(*args, **kwargs)")
    describe, calls = _describe_probe()
    cached = _fixed(ttl_lru_cache, 8, 100, FakeClock(), describe)
    cached(1, a=1, b=2)
    cached(1, b=2, a=1)
    if len(calls) != 1:
        raise Failure("keyword order changed the key", input="f(1, a=1, b=2), then f(1, b=2, a=1)",
                      expected=_real_calls(1), got=_real_calls(len(calls)), why="sort the keyword items in the key")
    return "no collisions"


def _show(args, kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"({', '.join(parts)})"


def check_lru_order(ttl_lru_cache) -> str:
    describe, calls = _describe_probe()
    cached = _fixed(ttl_lru_cache, 2, 100, FakeClock(), describe)
    for key in ("a", "b", "a"):
        cached(key)
    if len(calls) != 2:
        raise Failure("with maxsize=2, f('a') and f('b') should both stay in the cache",
                      input="f('a'); f('b'); f('a')", expected=_real_calls(2), got=_real_calls(len(calls)),
                      why="evict only when the cache is full *before* storing: `while len(store) >= maxsize` "
                          "before the new entry goes in, or `> maxsize` after it")
    cached("c")                           # "a" was used again before "c" arrived: "b" is least recently used
    before = len(calls)
    cached("a")
    if len(calls) != before:
        raise Failure("with maxsize=2, f('a'), f('b'), f('a'), f('c') evicted 'a', the entry used most recently",
                      input="f('a'); f('b'); f('a'); f('c'); f('a')", expected="f('a') is a hit",
                      got="f('a') ran again",
                      why="that is FIFO (first in, first out), not LRU: the least recently used entry is 'b'. "
                          "Move an entry to the end on every hit (OrderedDict.move_to_end) and evict from the front")
    cached("b")
    if len(calls) != before + 1:
        raise Failure("with maxsize=2, 'b' should have been evicted when 'c' arrived",
                      input="f('a'); f('b'); f('a'); f('c'); f('b')", expected="f('b') runs again",
                      got="f('b') was a hit", why="a cache with maxsize=2 holds at most two entries")
    return "evicts the least recently used"


def check_restored_entry_is_recent(ttl_lru_cache) -> str:
    """An expired entry computed again is the most recently used one (as in TTLCache)."""
    clock = FakeClock()
    describe, calls = _describe_probe()
    cached = _fixed(ttl_lru_cache, 3, 10, clock, describe)
    cached("a")                           # t = 0
    clock.set(1)
    cached("b")                           # t = 1
    clock.set(10)
    cached("a")                           # t = 10: expired, computed again, so now the most recently used
    cached("c")
    cached("d")                           # full: evicts "b", the least recently used
    shown = ("maxsize=3, ttl=10: f('a') at t = 0, f('b') at 1; at t = 10 f('a') (expired, so computed again), "
             "f('c'), f('d')")
    _expect_calls(calls, 5, input=shown, message="wrong hit or miss", why=BOUNDARY_WHY)
    cached("a")
    if len(calls) != 5:
        raise Failure("an entry stored again after it expired was evicted as if it were old", input=shown + ", f('a')",
                      expected="the last f('a') is a hit ('b' is the least recently used)", got="f('a') ran again",
                      why="assigning to a key that is already in a dict or OrderedDict keeps its old place. "
                          "Remove the expired entry before storing it again (store.pop(key, None)), or "
                          "move_to_end after storing")
    cached("b")
    _expect_calls(calls, 6, input=shown + ", f('a'), f('b')", message="'b' should have been evicted when 'd' arrived",
                  why="a cache with maxsize=3 holds at most three entries")
    return "a recomputed entry is the most recently used"


def check_ttl_boundary(ttl_lru_cache) -> str:
    clock = FakeClock()
    describe, calls = _describe_probe()
    cached = _fixed(ttl_lru_cache, 4, 10, clock, describe)
    for time, expected in [(0, 1), (9.5, 1), (10, 2), (19.5, 2), (20, 3)]:
        clock.set(time)
        cached("a")
        _expect_calls(calls, expected,
                      input=f"f('a') at t = 0, 9.5, 10, 19.5, 20 with ttl = 10 (up to t = {time})",
                      message=f"wrong hit or miss at t = {time}",
                      why=BOUNDARY_WHY + "; reading an entry does not extend its life, and a recomputed entry "
                                         "lives another ttl from when it is stored")
    return "expires at exactly ttl"


def trace(seed: int, length: int = 60) -> list[tuple[tuple, dict]]:
    """A seeded random workload with positional and keyword calls over a few distinct arguments."""
    rng = random.Random(seed)
    out = []
    for _ in range(length):
        n = rng.randrange(6)
        out.append(((n,), {}) if rng.random() < 0.6 else ((), {"n": n}))
    return out


def check_agrees_with_cachetools(ttl_lru_cache, seed: int = 6) -> str:
    """Same hits and misses as cachetools' TTLCache (LRU + TTL) with hashkey, on a random trace."""
    reference_calls, answer_calls = [], []

    def reference(*args, **kwargs):
        reference_calls.append((args, kwargs))

    def answer(*args, **kwargs):
        answer_calls.append((args, kwargs))

    clock = FakeClock()
    ref = cached(TTLCache(maxsize=3, ttl=1000, timer=clock), key=hashkey)(reference)
    mine = _fixed(ttl_lru_cache, 3, 1000, clock, answer)
    for step, (args, kwargs) in enumerate(trace(seed)):
        ref(*args, **kwargs)
        mine(*args, **kwargs)
        if len(reference_calls) != len(answer_calls):
            hit = len(answer_calls) < len(reference_calls)
            raise Failure(f"call {step + 1} of a random trace: {'a hit' if hit else 'a miss'} where cachetools' "
                          f"TTLCache(maxsize=3) has {'a miss' if hit else 'a hit'}",
                          input=f"f{_show(args, kwargs)} after " + "; ".join(
                              f"f{_show(a, k)}" for a, k in trace(seed)[max(0, step - 5):step]),
                          why="an LRU cache of 3 entries keeps exactly the 3 most recently used keys; f(n) and "
                              "f(n=...) are different keys (as in hashkey). Here f returns None: a cached None is "
                          "still a hit, so test `key in store`, not the value's truthiness")
    return "agrees with cachetools"


def check_ttl_lru_cache(ttl_lru_cache) -> str:
    check_no_collisions(ttl_lru_cache)
    check_lru_order(ttl_lru_cache)
    check_ttl_boundary(ttl_lru_cache)
    check_restored_entry_is_recent(ttl_lru_cache)
    check_agrees_with_cachetools(ttl_lru_cache)
    return ("no key collisions, least recently used evicted first, expired at exactly ttl, a recomputed entry "
            "counted as recently used, and the same hits and misses as cachetools' TTLCache on a random trace of "
            "60 calls.")


# graded tests of q3: points for a grader, kept apart from the self-check above
def lru_no_collisions(ttl_lru_cache):
    check_no_collisions(ttl_lru_cache)


def lru_order(ttl_lru_cache):
    check_lru_order(ttl_lru_cache)
    describe, calls = _describe_probe()
    cached = _fixed(ttl_lru_cache, 3, 100, FakeClock(), describe)
    for key in "abcabd":                 # a, b, c stored; a and b used again; d evicts c
        cached(key)
    before = len(calls)
    cached("a"), cached("b")
    if len(calls) != before:
        raise Failure("'a' or 'b' was evicted although 'c' was the least recently used",
                      input="maxsize=3: f('a'), f('b'), f('c'), f('a'), f('b'), f('d'), then f('a'), f('b')")


def lru_ttl(ttl_lru_cache):
    check_ttl_boundary(ttl_lru_cache)
    check_restored_entry_is_recent(ttl_lru_cache)


def lru_random(ttl_lru_cache):
    for seed in (1, 2, 3):
        check_agrees_with_cachetools(ttl_lru_cache, seed)


q3 = Exercise(
    LESSON, "q3", "Fix a hand-rolled LRU + TTL cache", "ttl_lru_cache", check_ttl_lru_cache,
    hints=[
        ("There are two bugs. Run the two demonstrations above the exercise again: one is in the key, one in "
        "what happens on a hit."),
        ("The key: keep positional and keyword arguments apart, `key = (args, tuple(sorted(kwargs.items())))`, "
        "or `hashkey(*args, **kwargs)`, which puts a marker between them."),
        ("The order: use a `collections.OrderedDict`; on a hit call `cache.move_to_end(key)`; when storing, "
        "`move_to_end` too, and evict with `cache.popitem(last=False)` (the least recently used) while the "
        "cache is full."),
    ],
    tests=[
        Graded("different calls never share a key", 2, lru_no_collisions),
        Graded("evicts the least recently used entry, not the oldest", 2, lru_order),
        Graded("expires at exactly ttl; a recomputed entry is the most recently used", 1, lru_ttl),
        Graded("same hits and misses as cachetools' TTLCache on random traces", 2, lru_random),
    ],
)


EXERCISES = [q1, q2, q3]

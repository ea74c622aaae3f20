"""Exercises of lesson 03, LRU eviction.

q1  predicted_cache          predict an LRU cache's contents after a short trace          (easy)
q2  LRUCache                 an LRU cache class on OrderedDict: get / put, hits, misses,
                             evictions, checked against functools.lru_cache on traces       (medium)
q3  lru_memoize(maxsize)     a bounded memoizing decorator whose cache_info() equals
                             functools.lru_cache's, on traces and on the real recursion     (hard)
"""
from __future__ import annotations

import functools
from collections import OrderedDict

from lessons.caches.lru import LRUModel
from lessons.exercises.core import Exercise, Failure, Graded, expect_equal
from lessons.tools import traces
from lessons.tools.counting import count_calls

LESSON = "03_lru_eviction"


# -- shared helpers ---------------------------------------------------------------------------------------
def lru_cache_steps(trace, maxsize):
    """(hits, misses, currsize) after each call of a real functools.lru_cache(maxsize) fed ``trace``."""
    @functools.lru_cache(maxsize=maxsize)
    def identity(key):
        return key

    steps = []
    for key in trace:
        identity(key)
        info = identity.cache_info()
        steps.append((info.hits, info.misses, info.currsize))
    return steps


def flags_of(steps):
    """Hit (True) or miss (False) per call, from cumulative (hits, misses, currsize) steps."""
    flags, hits = [], 0
    for h, _, _ in steps:
        flags.append(h > hits)
        hits = h
    return flags


def other_policy_flags(trace, maxsize, policy):
    """What common slips would do: 'FIFO' (a hit does not refresh), 'MRU' (evicts the most recent before
    inserting) or 'NEWEST' (inserts, then popitem() removes the key just inserted)."""
    order: OrderedDict = OrderedDict()
    flags = []
    for key in trace:
        if key in order:
            flags.append(True)
            if policy == "MRU":
                order.move_to_end(key)
            continue
        flags.append(False)
        if policy == "NEWEST":
            order[key] = None
            if len(order) > maxsize:
                order.popitem()
            continue
        if len(order) >= maxsize:
            order.popitem(last=policy == "MRU")
        order[key] = None
    return flags


def _show(flags):
    return " ".join("hit" if f else "miss" for f in flags)


# -- q1 ---------------------------------------------------------------------------------------------------
Q1_TRACE = ["A", "B", "C", "A", "D", "B", "E"]
Q1_MAXSIZE = 3
Q1_EXPECTED_SHAPE = "the 3 keys the cache holds, least recently used first"


def q1_expected():
    model = LRUModel(Q1_MAXSIZE)
    model.run(Q1_TRACE)
    return list(model.contents)


def q1_fifo():
    order: OrderedDict = OrderedDict()
    for key in Q1_TRACE:
        if key not in order:
            if len(order) >= Q1_MAXSIZE:
                order.popitem(last=False)
            order[key] = None
    return list(order)


def check_prediction(predicted_cache) -> str:
    expected = q1_expected()
    if isinstance(predicted_cache, str) and len(predicted_cache) == Q1_MAXSIZE:
        predicted_cache = list(predicted_cache)
    if not isinstance(predicted_cache, (list, tuple)) or not all(isinstance(k, str) for k in predicted_cache):
        raise Failure("predicted_cache should be a list of keys, least recently used first, such as "
                      "['X', 'Y', 'Z']", expected="a list of 3 strings", got=predicted_cache,
                      why="order matters in an LRU cache, so a list, not a set")
    got = list(predicted_cache)
    if got == expected:
        return (f"after {' '.join(Q1_TRACE)} the cache holds {expected}: {expected[0]} is the next to go. "
                f"FIFO would hold {q1_fifo()}.")
    inputs = f"lru_cache(maxsize={Q1_MAXSIZE}) called with {', '.join(Q1_TRACE)}"
    if got == q1_fifo():
        raise Failure("that is what a first-in-first-out cache would hold, not an LRU cache",
                      input=inputs, expected=Q1_EXPECTED_SHAPE, got=got,
                      why="the call with A at step 4 is a hit, and a hit refreshes A: it becomes the most "
                          "recently used, so D evicts B, not A. Replay the trace with that rule")
    if got == expected[::-1]:
        raise Failure("the right keys, but in the opposite order", input=inputs,
                      expected=Q1_EXPECTED_SHAPE, got=got,
                      why="list them least recently used first: the first one is the next to be evicted")
    if sorted(got) == sorted(expected):
        raise Failure("the right keys in the wrong order", input=inputs,
                      expected=Q1_EXPECTED_SHAPE, got=got,
                      why="list them least recently used first; the last one is the key used most recently")
    raise Failure("that is not what the cache holds", input=inputs,
                      expected=Q1_EXPECTED_SHAPE, got=got,
                  why=f"the cache holds {Q1_MAXSIZE} keys; when a 4th arrives the least recently used one is "
                      f"evicted, and a hit makes its key the most recently used. Write the cache's contents "
                      f"after each step")


# graded tests of q1: points for a grader, kept apart from the self-check above
def prediction_keys(predicted_cache):
    keys = predicted_cache if isinstance(predicted_cache, (list, tuple, str)) else None
    if keys is None or sorted(map(str, keys)) != sorted(q1_expected()):
        raise Failure("not the keys the cache holds", got=predicted_cache)


def prediction_order(predicted_cache):
    check_prediction(predicted_cache)


q1 = Exercise(
    LESSON, "q1", "Predict an LRU cache's contents", "predicted_cache", check_prediction,
    hints=[
        ("Write the cache after every call, least recently used on the left. A miss adds its key on the "
        "right; a hit moves its key to the right."),
        "When a miss finds 3 keys already there, the leftmost one (the least recently used) is evicted.",
        "Step 4 (A) is a hit, so after it the cache reads B C A. Carry on from there.",
    ],
    tests=[
        Graded("the predicted keys are the ones the cache holds", 1, prediction_keys),
        Graded("in recency order, least recently used first", 1, prediction_order),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
def _value(key):
    return f"value of {key!r}"


_MISSING = object()   # a default no answer can store: get(key, _MISSING) is a miss exactly when it returns it


def _new_cache(LRUCache, maxsize):
    if not isinstance(LRUCache, type):
        raise Failure("LRUCache should be a class", expected="a class", got=LRUCache,
                      why="write `class LRUCache:` with __init__(self, maxsize), get and put")
    cache = LRUCache(maxsize)
    for name in ("get", "put"):
        if not callable(getattr(cache, name, None)):
            raise Failure(f"an LRUCache has no method {name}()", why="the class needs get(key, default=None) "
                                                                     "and put(key, value)")
    return cache


def _counters(cache):
    return tuple(getattr(cache, name, None) for name in ("hits", "misses", "evictions"))


def lrucache_replay(LRUCache, trace, maxsize):
    """Feed trace to the learner's class as a memoizer would: get, and put on a miss. Hit flags and the
    learner's counters after each key."""
    cache = _new_cache(LRUCache, maxsize)
    flags, counters, sizes = [], [], []
    for key in trace:
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            cache.put(key, _value(key))
            flags.append(False)
        else:
            if value != _value(key):
                raise Failure(f"get({key!r}) returned the wrong value", expected=_value(key), got=value,
                              why="get returns the value that put stored for that key")
            flags.append(True)
        counters.append(_counters(cache))
        sizes.append(len(cache) if hasattr(cache, "__len__") else None)
    return flags, counters, sizes


def expected_counters(steps):
    """(hits, misses, evictions) at the end of lru_cache steps: an eviction is a miss that found the
    cache full, so its size did not grow."""
    flags = flags_of(steps)
    evictions = sum(1 for j in range(1, len(steps)) if not flags[j] and steps[j - 1][2] == steps[j][2])
    return steps[-1][0], steps[-1][1], evictions


def check_refresh_and_eviction(LRUCache, maxsize=2):
    # 1. no gets: the first key put is the least recently used, and must be the one to go
    cache = _new_cache(LRUCache, maxsize)
    for key, value in (("A", 1), ("B", 2), ("C", 3)):
        cache.put(key, value)
    present = {key: cache.get(key) is not None for key in ("C", "B", "A")}
    expected = {"C": True, "B": True, "A": False}
    scenario = "c = LRUCache(2); put A, put B, put C; then get C, get B, get A"
    if present != expected and (not present["C"] or not present["B"]):
        raise Failure("the wrong key was evicted: not the least recently used one", input=scenario,
                      expected=expected, got=present,
                      why="an OrderedDict keeps the least recently used key at the front; evict it with "
                          "popitem(last=False). popitem() without it removes the *most* recently used key")
    if present != expected:
        raise Failure("nothing was evicted: 3 keys in a cache of maxsize 2", input=scenario,
                      expected=expected,
                      got=present,
                      why="when put adds a new key to a full cache, evict the least recently used key")
    # 2. a get refreshes: after put A, put B, get A, it is B that is least recently used
    cache = _new_cache(LRUCache, maxsize)
    cache.put("A", 1)
    cache.put("B", 2)
    expect_equal(cache.get("A"), 1, input="c = LRUCache(2); c.put('A', 1); c.put('B', 2); c.get('A')")
    cache.put("C", 3)
    present = {key: cache.get(key) is not None for key in ("C", "A", "B")}
    expected = {"C": True, "A": True, "B": False}
    scenario = "c = LRUCache(2); put A, put B, get A, put C; then get C, get A, get B"
    if present != expected:
        raise Failure("A was evicted although get('A') had just used it" if not present["A"] else
                      "the wrong key was evicted", input=scenario, expected=expected, got=present,
                      why="a hit must make the key the most recently used (OrderedDict.move_to_end); "
                          "without that the cache is first-in-first-out, not LRU")


def check_put_existing(LRUCache):
    cache = _new_cache(LRUCache, 2)
    cache.put("A", 1)
    cache.put("B", 2)
    cache.put("A", 10)
    scenario = "c = LRUCache(2); c.put('A', 1); c.put('B', 2); c.put('A', 10)"
    if getattr(cache, "evictions", 0) != 0 or cache.get("B") is None:
        raise Failure("putting a key that is already in the cache evicted another key", input=scenario,
                      why="updating a key does not make the cache grow: replace its value (and refresh "
                          "it), evict nothing")
    expect_equal(cache.get("A"), 10, input=scenario + "; c.get('A')", why="put replaces the value of a key")
    # put refreshes a present key too: after put A, put B, put A, it is B that is least recently used
    cache = _new_cache(LRUCache, 2)
    for key, value in (("A", 1), ("B", 2), ("A", 10), ("C", 3)):
        cache.put(key, value)
    present = {key: cache.get(key, _MISSING) is not _MISSING for key in ("C", "A", "B")}
    expected = {"C": True, "A": True, "B": False}
    if present != expected:
        raise Failure("put on a key already present did not make it the most recently used",
                      input="c = LRUCache(2); put A, put B, put A again, put C; then get C, get A, get B",
                      expected=expected, got=present,
                      why="put stores the value as the most recently used, also when it replaces one: "
                          "move_to_end(key) there too, or C evicts A although A was just written")


def check_falsy_values(LRUCache):
    """0, "" and None are values like any other: a cache that tests `if value:` or `is None` loses them."""
    cache = _new_cache(LRUCache, 3)
    stored = {"zero": 0, "empty": "", "none": None}
    for key, value in stored.items():
        cache.put(key, value)
    got = {key: cache.get(key, "missing") for key in stored}
    scenario = ("c = LRUCache(3); c.put('zero', 0); c.put('empty', ''); c.put('none', None); then get each "
                "with default='missing'")
    if got != stored:
        raise Failure("a stored 0, '' or None was not returned", input=scenario, expected=stored, got=got,
                      why="test whether the key is in the cache (`key in self.data`), not whether its value "
                          "is true or not None: a cached 0 is a hit")
    counters = _counters(cache)
    if counters[:2] != (3, 0):
        raise Failure("hits and misses were miscounted for stored 0, '' and None", input=scenario,
                      expected="hits=3, misses=0", got=f"hits={counters[0]}, misses={counters[1]}",
                      why="a key that is in the cache is a hit, whatever its value")


def check_separate_instances(LRUCache):
    first, second = _new_cache(LRUCache, 2), _new_cache(LRUCache, 2)
    first.put("A", 1)
    if second.get("A", _MISSING) is not _MISSING:
        raise Failure("two LRUCache objects share their entries",
                      input="a = LRUCache(2); b = LRUCache(2); a.put('A', 1); b.get('A')",
                      expected="a miss in b", got="a hit",
                      why="create the OrderedDict in __init__ (self.data = OrderedDict()), not in the class "
                          "body: a class attribute is one dict shared by every cache")


def check_lrucache(LRUCache) -> str:
    check_separate_instances(LRUCache)
    check_refresh_and_eviction(LRUCache)
    cache = _new_cache(LRUCache, 3)
    if cache.get("nothing") is not None or cache.get("nothing", "default") != "default":
        raise Failure("get of a missing key should return the default (None unless given)",
                      input="LRUCache(3).get('nothing', 'default')", expected="default",
                      got=cache.get("nothing", "default"))
    check_put_existing(LRUCache)
    check_falsy_values(LRUCache)
    cases = [(list("ABCABDAEBCAD"), 3), (traces.zipf(12, 80, seed=3), 4), (traces.cyclic_scan(5, 20), 4)]
    for trace, maxsize in cases:
        flags, counters, sizes = lrucache_replay(LRUCache, trace, maxsize)
        steps = lru_cache_steps(trace, maxsize)
        expected = flags_of(steps)
        shown = f"LRUCache({maxsize}) fed {' '.join(map(str, trace[:16]))}{' ...' if len(trace) > 16 else ''}"
        if flags != expected:
            i = next(i for i, (a, b) in enumerate(zip(flags, expected)) if a != b)
            raise Failure(f"access {i + 1} (key {trace[i]!r}) was a {'hit' if flags[i] else 'miss'}; "
                          f"functools.lru_cache({maxsize}) says {'hit' if expected[i] else 'miss'}",
                          input=shown, expected=_show(expected[: i + 1]), got=_show(flags[: i + 1]),
                          why="replay the trace on paper: a hit refreshes its key; a miss on a full cache "
                              "evicts the least recently used key")
        want = expected_counters(steps)
        if counters[-1] != want:
            raise Failure("the counters hits, misses, evictions are off", input=shown, expected=want,
                          got=counters[-1], why="get counts a hit or a miss; put counts an eviction each "
                                                "time it removes a key to make room")
        if sizes[-1] is not None and sizes[-1] != steps[-1][2]:
            raise Failure("len(cache) is not the number of keys held", input=shown, expected=steps[-1][2],
                          got=sizes[-1])
    return ("LRUCache agrees with functools.lru_cache on every access of 3 traces, counts hits, misses "
            "and evictions, keeps 0 and None, and updates (and refreshes) a key without evicting.")


# graded tests of q2: points for a grader, kept apart from the self-check above
def lrucache_refresh(LRUCache):
    check_separate_instances(LRUCache)
    check_refresh_and_eviction(LRUCache)
    cache = LRUCache(1)
    cache.put("A", 1)
    cache.put("B", 2)
    if cache.get("A") is not None or cache.get("B") != 2:
        raise Failure("LRUCache(1) should hold only the last key put", input="put A, put B, get A, get B")


def lrucache_update(LRUCache):
    check_put_existing(LRUCache)
    check_falsy_values(LRUCache)


def lrucache_long_traces(LRUCache):
    for trace, maxsize in [(traces.hot_cold(30, 300, seed=7), 6), (traces.uniform(8, 200, seed=2), 5),
                           (traces.cyclic_scan(6, 60), 6)]:
        flags, counters, _ = lrucache_replay(LRUCache, trace, maxsize)
        steps = lru_cache_steps(trace, maxsize)
        expect_equal(flags, flags_of(steps), input=f"LRUCache({maxsize}) on a trace of {len(trace)} keys")
        if counters[-1] != expected_counters(steps):
            raise Failure("the counters (hits, misses, evictions) are off", expected=expected_counters(steps),
                          got=counters[-1])


q2 = Exercise(
    LESSON, "q2", "An LRU cache class", "LRUCache", check_lrucache,
    hints=[
        ("Keep the entries in an `OrderedDict`, least recently used first. `get` and `put` both make "
        "their key the most recently used: `self.data.move_to_end(key)`."),
        ("In `put`, a key already present is only updated (and refreshed). A new key on a full cache first "
        "evicts the front entry: `self.data.popitem(last=False)`, and counts an eviction."),
        ("`get` counts `self.hits` when the key is there and `self.misses` when not; `put` does not count "
        "hits or misses. `__len__` returns `len(self.data)`."),
    ],
    tests=[
        Graded("a hit refreshes; the least recently used key is evicted; caches are separate", 1,
               lrucache_refresh),
        Graded("put on a present key updates and refreshes it without evicting; 0 and None are kept", 1,
               lrucache_update),
        Graded("agrees with functools.lru_cache on longer traces", 1, lrucache_long_traces),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
def _info(wrapper):
    info = wrapper.cache_info() if callable(getattr(wrapper, "cache_info", None)) else None
    if info is None:
        raise Failure("the decorated function has no cache_info()",
                      why="attach one: wrapper.cache_info = ... returning (hits, misses, maxsize, currsize)")
    try:
        return tuple(info)
    except TypeError:
        raise Failure("cache_info() should return a tuple (hits, misses, maxsize, currsize)",
                      got=info) from None


def _factory(lru_memoize, maxsize):
    """lru_memoize(maxsize=...), as the task uses it; positionally if the parameter has another name."""
    try:
        return lru_memoize(maxsize=maxsize)
    except TypeError as error:
        if "maxsize" not in str(error):
            raise
        return lru_memoize(maxsize)


def _decorate(lru_memoize, maxsize, func):
    made = _factory(lru_memoize, maxsize)
    if not callable(made):
        raise Failure("lru_memoize(maxsize) should return a decorator", input=f"lru_memoize({maxsize!r})",
                      expected="a function that takes the function to cache", got=made)
    wrapper = made(func)
    if not callable(wrapper):
        raise Failure("lru_memoize(maxsize)(func) should return the wrapped function",
                      input=f"lru_memoize({maxsize!r})(func)", expected="a callable", got=wrapper)
    return wrapper


def memoize_trace(lru_memoize, trace, maxsize, value=_value):
    calls = []

    def identity(key):
        calls.append(key)
        return value(key)

    wrapper = _decorate(lru_memoize, maxsize, identity)
    steps = []
    with count_calls(lru_memoize, budget=50 * len(trace) + 100):
        for key in trace:
            got = wrapper(key)
            if got != value(key):
                raise Failure("the wrapper returned the wrong value", input=f"cached({key!r})",
                              expected=value(key), got=got)
            steps.append(_info(wrapper))
    return steps, calls, wrapper


def check_flat(lru_memoize, trace, maxsize, value=_value):
    steps, calls, _ = memoize_trace(lru_memoize, trace, maxsize, value)
    real = [(h, m, maxsize, c) for h, m, c in lru_cache_steps(trace, maxsize)]
    if steps == real:
        return
    i = next(i for i, (a, b) in enumerate(zip(steps, real)) if a != b)
    shown = f"lru_memoize({maxsize}) on the keys {' '.join(map(str, trace[: i + 1]))}"
    why = ("cache_info() is (hits, misses, maxsize, currsize), exactly as functools.lru_cache reports it")
    if value is not _value:
        why = ("the results here are 0, '', None and False: a key in the cache is a hit whatever its value. "
               "Test `args in cache`, not `if cache.get(args):` or `is not None`")
    if maxsize:
        learner_flags = flags_of([(s[0], s[1], s[3]) for s in steps])
        if learner_flags[: i + 1] == other_policy_flags(trace, maxsize, "FIFO")[: i + 1]:
            why = "a hit must make the key the most recently used (move_to_end); otherwise this is FIFO"
        elif any(learner_flags[: i + 1] == other_policy_flags(trace, maxsize, slip)[: i + 1]
                 for slip in ("MRU", "NEWEST")):
            why = ("this evicts the most recently used key: an OrderedDict keeps the least recently used at "
                   "the front, so evict with popitem(last=False)")
    raise Failure(f"after call {i + 1} cache_info() differs from functools.lru_cache({maxsize})'s",
                  input=shown, expected=real[i], got=steps[i], why=why)


FALSY = {"A": 0, "B": "", "C": None, "D": False}


def falsy_value(key):
    return FALSY[key]


def check_own_cache_and_all_args(lru_memoize):
    """One decorator applied to two functions gives two caches; every positional argument is in the key."""
    with count_calls(lru_memoize, budget=200):
        decorator = _factory(lru_memoize, 4)
        if not callable(decorator):
            raise Failure("lru_memoize(maxsize) should return a decorator", input="lru_memoize(maxsize=4)",
                          expected="a function that takes the function to cache", got=decorator)
        area = decorator(lambda width, height: width * height)
        perimeter = decorator(lambda width, height: 2 * (width + height))
        got = (area(2, 3), perimeter(2, 3))
        if got != (6, 10):
            raise Failure("two functions decorated by the same lru_memoize(4) share one cache",
                          input="deco = lru_memoize(maxsize=4); area = deco(w*h); perimeter = deco(2*(w+h)); "
                                "area(2, 3); perimeter(2, 3)",
                          expected=(6, 10), got=got,
                          why="create the cache and the counters inside decorator(func), once per decorated "
                              "function, not in lru_memoize: each function needs a cache of its own")
        got = (area(2, 5), area(2, 3))
        if got != (10, 6) or _info(area)[:2] != (1, 2):
            raise Failure("the cache key does not hold all the arguments",
                          input="area(2, 3); area(2, 5); area(2, 3)",
                          expected="results (10, 6) for the last two calls, and hits=1, misses=2",
                          got=f"results {got}, hits={_info(area)[0]}, misses={_info(area)[1]}",
                          why="use the whole tuple args as the key: area(2, 3) and area(2, 5) are "
                              "different calls")


def fib_info(lru_memoize, maxsize, n):
    """cache_info() of the learner's decorator and of lru_cache after the real recursive fib(n)."""
    wrapper = None

    def fib(k):
        return k if k < 2 else wrapper(k - 1) + wrapper(k - 2)

    wrapper = _decorate(lru_memoize, maxsize, fib)

    @functools.lru_cache(maxsize=maxsize)
    def real(k):
        return k if k < 2 else real(k - 1) + real(k - 2)

    expected = real(n)
    with count_calls(lru_memoize, budget=10 * (2 * real.cache_info().misses + 50)):
        got = wrapper(n)
    expect_equal(got, expected, input=f"fib({n}) decorated with lru_memoize({maxsize!r})")
    return _info(wrapper), tuple(real.cache_info())


def check_fib(lru_memoize, maxsize, n):
    got, expected = fib_info(lru_memoize, maxsize, n)
    if got != expected:
        raise Failure(f"on the recursive fib({n}), cache_info() differs from lru_cache(maxsize={maxsize})'s",
                      input=f"fib({n}) recursing through lru_memoize({maxsize})", expected=expected, got=got,
                      why="lru_cache counts a miss when the call starts, but stores the result only when the "
                          "call returns, after the recursive calls have stored theirs; store it then, not "
                          "before calling the function")


def check_memoize(lru_memoize) -> str:
    check_flat(lru_memoize, list("ABCABDAEBCAD"), 3)
    check_flat(lru_memoize, traces.zipf(10, 60, seed=5), 4)
    for maxsize in (None, 0):
        check_flat(lru_memoize, list("ABAB"), maxsize)
    check_flat(lru_memoize, list("ABCDABCDA"), 4, falsy_value)
    check_own_cache_and_all_args(lru_memoize)
    for maxsize in (3, 2, 1):
        check_fib(lru_memoize, maxsize, 14)
    _, calls, wrapper = memoize_trace(lru_memoize, list("AB"), 2)
    if not callable(getattr(wrapper, "cache_clear", None)):
        raise Failure("the decorated function has no cache_clear()",
                      why="attach one that empties the cache and resets the counters")
    wrapper.cache_clear()
    expect_equal(_info(wrapper), (0, 0, 2, 0), input="cache_info() after cache_clear()",
                 why="cache_clear() empties the cache and resets hits and misses, as lru_cache's does")
    got, _ = fib_info(lru_memoize, 3, 25)
    return (f"lru_memoize agrees with functools.lru_cache on traces and on the recursion: "
            f"fib(25) with maxsize=3 gives {got}.")


# graded tests of q3: points for a grader, kept apart from the self-check above
def memoize_flat(lru_memoize):
    check_flat(lru_memoize, traces.hot_cold(20, 200, seed=4), 5)
    check_flat(lru_memoize, traces.cyclic_scan(4, 20), 3)
    check_flat(lru_memoize, list("DCBADCBAD"), 4, falsy_value)
    check_own_cache_and_all_args(lru_memoize)


def memoize_unbounded_and_zero(lru_memoize):
    check_flat(lru_memoize, traces.zipf(15, 80, seed=1), None)
    check_flat(lru_memoize, list("AABBA"), 0)


def memoize_recursion(lru_memoize):
    for maxsize in (4, 3, 2, 1):
        check_fib(lru_memoize, maxsize, 16)


def memoize_clear(lru_memoize):
    _, calls, wrapper = memoize_trace(lru_memoize, list("ABA"), 2)
    if not callable(getattr(wrapper, "cache_clear", None)):
        raise Failure("no cache_clear()")
    wrapper.cache_clear()
    expect_equal(_info(wrapper), (0, 0, 2, 0), input="cache_info() after cache_clear()")
    before = len(calls)
    wrapper("A")
    if len(calls) != before + 1:
        raise Failure("after cache_clear() the function was not called again",
                      input="cache_clear(); cached('A')")


q3 = Exercise(
    LESSON, "q3", "A bounded memoizing decorator", "lru_memoize", check_memoize,
    hints=[
        ("Three levels: `lru_memoize(maxsize)` returns `decorator(func)`, which returns `wrapper(*args)`. "
        "The OrderedDict and the counters are created in `decorator`, once per function."),
        ("In `wrapper`: a hit counts, refreshes with `move_to_end` and returns. A miss counts *first*, then "
        "calls `func`, and only after it returns stores the result, evicting with `popitem(last=False)` "
        "while the cache is over `maxsize`."),
        ("`maxsize=None` never evicts; `maxsize=0` stores nothing. `cache_info()` returns "
        "`(hits, misses, maxsize, len(cache))`; `cache_clear()` empties the dict and zeroes both counters."),
    ],
    tests=[
        Graded("cache_info() equals lru_cache's after every call on traces, falsy results included; "
               "one cache per function, keyed on all arguments", 1, memoize_flat),
        Graded("maxsize=None never evicts, maxsize=0 stores nothing", 1, memoize_unbounded_and_zero),
        Graded("the real recursion: fib(16) with maxsize 4, 3, 2, 1 counts as lru_cache does", 2,
               memoize_recursion),
        Graded("cache_clear() empties the cache and the counters", 1, memoize_clear),
    ],
)


EXERCISES = [q1, q2, q3]

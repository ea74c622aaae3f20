"""Exercises of lesson 03, LRU eviction.

q1  predicted_cache          predict an LRU cache's contents after a short trace          (easy)
q2  LRUCache                 an LRU cache class on OrderedDict: get / put, hits, misses,
                             evictions, len; compared with a reference on generated traces   (medium)
q3  lru_memoize(maxsize)     your own bounded memoizing decorator whose cache_info() counts
                             as functools.lru_cache does, on traces and on the real recursion (hard)

Each task is a list of clauses (``Exercise.clauses``); every ``Failure`` names the clause it breaks.
The checks compare the answer with a reference on seeded, generated inputs (the same on every run)
and count the wrapped function's real executions themselves.
"""
from __future__ import annotations

import functools
import random
from collections import OrderedDict

from lessons.caches.lru import LRUModel, normalise_maxsize
from lessons.exercises.core import Description, Exercise, Failure, Graded, exactly_equal, expect_equal
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


def _keys_shown(trace, limit=16):
    return " ".join(map(repr, trace[:limit])) + (" ..." if len(trace) > limit else "")


# -- q1 ---------------------------------------------------------------------------------------------------
Q1_TRACE = ["A", "B", "C", "A", "D", "B", "E"]
Q1_MAXSIZE = 3
Q1_EXPECTED_SHAPE = "the 3 keys the cache holds, least recently used first"

Q1_CLAUSES = {
    "shape": "`predicted_cache` is a list (a tuple or a string of the letters is fine too) of the keys, "
             "as strings such as 'A'",
    "keys": "it holds exactly the keys that `lru_cache(maxsize=3)` holds after the calls A, B, C, A, D, B, E",
    "order": "in recency order: least recently used first, so the first key is the next to be evicted",
}


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


def _prediction_list(predicted_cache):
    if isinstance(predicted_cache, str) and len(predicted_cache) == Q1_MAXSIZE:
        predicted_cache = list(predicted_cache)
    if not isinstance(predicted_cache, (list, tuple)) or not all(type(k) is str for k in predicted_cache):
        raise Failure("predicted_cache should be a list of keys, least recently used first, such as "
                      "['X', 'Y', 'Z']", clause="shape", expected=Description("a list of 3 strings"),
                      got=predicted_cache,
                      why="order matters in an LRU cache, so a list, not a set")
    return list(predicted_cache)


def check_prediction(predicted_cache) -> str:
    expected = q1_expected()
    got = _prediction_list(predicted_cache)
    if got == expected:
        return (f"after {' '.join(Q1_TRACE)} the cache holds {expected}: {expected[0]} is the next to go. "
                f"FIFO would hold {q1_fifo()}.")
    inputs = f"lru_cache(maxsize={Q1_MAXSIZE}) called with {', '.join(Q1_TRACE)}"
    if got == q1_fifo():
        raise Failure("that is what a first-in-first-out cache would hold, not an LRU cache", clause="keys",
                      input=inputs, expected=Q1_EXPECTED_SHAPE, got=got,
                      why="the call with A at step 4 is a hit, and a hit refreshes A: it becomes the most "
                          "recently used, so D evicts B, not A. Replay the trace with that rule")
    if sorted(got) != sorted(expected):
        raise Failure("that is not what the cache holds", clause="keys", input=inputs,
                      expected=Q1_EXPECTED_SHAPE, got=got,
                      why=f"the cache holds {Q1_MAXSIZE} keys; when a 4th arrives the least recently used one "
                          f"is evicted, and a hit makes its key the most recently used. Write the cache's "
                          f"contents after each step")
    if got == expected[::-1]:
        raise Failure("the right keys, but in the opposite order", clause="order", input=inputs,
                      expected=Q1_EXPECTED_SHAPE, got=got,
                      why="list them least recently used first: the first one is the next to be evicted")
    raise Failure("the right keys in the wrong order", clause="order", input=inputs,
                  expected=Q1_EXPECTED_SHAPE, got=got,
                  why="list them least recently used first; the last one is the key used most recently")


# graded tests of q1: points for a grader, kept apart from the self-check above
def prediction_keys(predicted_cache):
    got = _prediction_list(predicted_cache)
    if sorted(got) != sorted(q1_expected()):
        raise Failure("not the keys the cache holds", clause="keys", got=predicted_cache)


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
    clauses=Q1_CLAUSES,
)


# -- q2 ---------------------------------------------------------------------------------------------------
Q2_CLAUSES = {
    "class": "`LRUCache(maxsize)` is a class (`maxsize >= 1`) whose objects have `get(key, default=None)` "
             "and `put(key, value)`",
    "get": "`get` returns the value last put for a key that is present, whatever it is (`0`, `''`, `None` "
           "and `False` included), and `default` (`None` unless given) for a key that is not",
    "lru": "`get` of a present key and `put` both make the key the most recently used; a new key on a full "
           "cache evicts exactly one key, the least recently used: the keys held are always those "
           "`functools.lru_cache(maxsize)` would hold",
    "update": "`put` on a key already present replaces its value and evicts nothing",
    "counters": "`self.hits` and `self.misses` count the `get` calls that found / did not find their key; "
                "`self.evictions` counts the keys `put` removed to make room",
    "len": "`len(cache)` is the number of keys held, after every call",
    "separate": "two `LRUCache` objects share nothing",
}


def _value(key):
    return f"value of {key!r}"


_MISSING = object()   # a default no answer can store: get(key, _MISSING) is a miss exactly when it returns it


class ReferenceLRUCache:
    """The reference answer of q2, which the generated operations are compared with."""

    def __init__(self, maxsize):
        self.maxsize = maxsize
        self.data: OrderedDict = OrderedDict()
        self.hits = self.misses = self.evictions = 0

    def get(self, key, default=None):
        if key in self.data:
            self.hits += 1
            self.data.move_to_end(key)
            return self.data[key]
        self.misses += 1
        return default

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) >= self.maxsize:
            self.data.popitem(last=False)
            self.evictions += 1
        self.data[key] = value

    def __len__(self):
        return len(self.data)


def _new_cache(LRUCache, maxsize):
    if not isinstance(LRUCache, type):
        raise Failure("LRUCache should be a class", clause="class", expected=Description("a class"), got=LRUCache,
                      why="write `class LRUCache:` with __init__(self, maxsize), get and put")
    cache = LRUCache(maxsize)
    for name in ("get", "put"):
        if not callable(getattr(cache, name, None)):
            raise Failure(f"an LRUCache has no method {name}()", clause="class",
                          why="the class needs get(key, default=None) and put(key, value)")
    return cache


def _counters(cache):
    return tuple(getattr(cache, name, None) for name in ("hits", "misses", "evictions"))


def _length(cache, scenario):
    try:
        return len(cache)
    except TypeError:
        raise Failure("len(cache) does not work", clause="len", input=scenario,
                      why="define __len__(self), returning the number of keys held") from None


def lrucache_replay(LRUCache, trace, maxsize):
    """Feed trace to the learner's class as a memoizer would: get, and put on a miss. Hit flags, the
    learner's counters and len after each key."""
    cache = _new_cache(LRUCache, maxsize)
    flags, counters, sizes = [], [], []
    for key in trace:
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            cache.put(key, _value(key))
            flags.append(False)
        else:
            if not exactly_equal(value, _value(key)):
                raise Failure(f"get({key!r}) returned the wrong value", clause="get", expected=_value(key),
                              got=value, why="get returns the value that put stored for that key")
            flags.append(True)
        counters.append(_counters(cache))
        sizes.append(_length(cache, f"LRUCache({maxsize}) fed {_keys_shown(trace)}"))
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
    present = {key: cache.get(key, _MISSING) is not _MISSING for key in ("C", "B", "A")}
    expected = {"C": True, "B": True, "A": False}
    scenario = "c = LRUCache(2); put A, put B, put C; then get C, get B, get A"
    if present != expected and (not present["C"] or not present["B"]):
        raise Failure("the wrong key was evicted: not the least recently used one", clause="lru",
                      input=scenario, expected=expected, got=present,
                      why="an OrderedDict keeps the least recently used key at the front; evict it with "
                          "popitem(last=False). popitem() without it removes the *most* recently used key")
    if present != expected:
        raise Failure("nothing was evicted: 3 keys in a cache of maxsize 2", clause="lru", input=scenario,
                      expected=expected, got=present,
                      why="when put adds a new key to a full cache, evict the least recently used key")
    # 2. a get refreshes: after put A, put B, get A, it is B that is least recently used
    cache = _new_cache(LRUCache, maxsize)
    cache.put("A", 1)
    cache.put("B", 2)
    expect_equal(cache.get("A"), 1, input="c = LRUCache(2); c.put('A', 1); c.put('B', 2); c.get('A')",
                 clause="get")
    cache.put("C", 3)
    present = {key: cache.get(key, _MISSING) is not _MISSING for key in ("C", "A", "B")}
    expected = {"C": True, "A": True, "B": False}
    scenario = "c = LRUCache(2); put A, put B, get A, put C; then get C, get A, get B"
    if present != expected:
        raise Failure("A was evicted although get('A') had just used it" if not present["A"] else
                      "the wrong key was evicted", clause="lru", input=scenario, expected=expected, got=present,
                      why="a hit must make the key the most recently used (OrderedDict.move_to_end); "
                          "without that the cache is first-in-first-out, not LRU")


def check_put_existing(LRUCache):
    cache = _new_cache(LRUCache, 2)
    cache.put("A", 1)
    cache.put("B", 2)
    cache.put("A", 10)
    scenario = "c = LRUCache(2); c.put('A', 1); c.put('B', 2); c.put('A', 10)"
    if getattr(cache, "evictions", 0) != 0 or cache.get("B", _MISSING) is _MISSING:
        raise Failure("putting a key that is already in the cache evicted another key", clause="update",
                      input=scenario,
                      why="updating a key does not make the cache grow: replace its value (and refresh "
                          "it), evict nothing")
    expect_equal(cache.get("A"), 10, input=scenario + "; c.get('A')", why="put replaces the value of a key",
                 clause="update")
    # put refreshes a present key too: after put A, put B, put A, it is B that is least recently used
    cache = _new_cache(LRUCache, 2)
    for key, value in (("A", 1), ("B", 2), ("A", 10), ("C", 3)):
        cache.put(key, value)
    present = {key: cache.get(key, _MISSING) is not _MISSING for key in ("C", "A", "B")}
    expected = {"C": True, "A": True, "B": False}
    if present != expected:
        raise Failure("put on a key already present did not make it the most recently used", clause="lru",
                      input="c = LRUCache(2); put A, put B, put A again, put C; then get C, get A, get B",
                      expected=expected, got=present,
                      why="put stores the value as the most recently used, also when it replaces one: "
                          "move_to_end(key) there too, or C evicts A although A was just written")


def check_falsy_values(LRUCache):
    """0, "", None and False are values like any other: a cache that tests `if value:` or `is None` loses
    them."""
    cache = _new_cache(LRUCache, 4)
    stored = {"zero": 0, "empty": "", "none": None, "false": False}
    for key, value in stored.items():
        cache.put(key, value)
    got = {key: cache.get(key, "missing") for key in stored}
    scenario = ("c = LRUCache(4); c.put('zero', 0); c.put('empty', ''); c.put('none', None); "
                "c.put('false', False); then get each with default='missing'")
    if not exactly_equal(got, stored):
        raise Failure("a stored 0, '', None or False was not returned", clause="get", input=scenario,
                      expected=stored, got=got,
                      why="test whether the key is in the cache (`key in self.data`), not whether its value "
                          "is true or not None: a cached 0 is a hit")
    counters = _counters(cache)
    if counters[:2] != (4, 0):
        raise Failure("hits and misses were miscounted for stored 0, '', None and False", clause="counters",
                      input=scenario, expected=Description("hits=4, misses=0"),
                      got=Description(f"hits={counters[0]}, misses={counters[1]}"),
                      why="a key that is in the cache is a hit, whatever its value")


def check_default(LRUCache):
    cache = _new_cache(LRUCache, 3)
    expect_equal(cache.get("nothing"), None, input="LRUCache(3).get('nothing')", clause="get",
                 why="a missing key returns the default, None unless given")
    expect_equal(cache.get("nothing", "default"), "default", input="LRUCache(3).get('nothing', 'default')",
                 clause="get", why="a missing key returns the default it was given")
    expect_equal(_length(cache, "LRUCache(3), nothing put"), 0, input="len(LRUCache(3)) before any put",
                 clause="len", why="len is the number of keys held: none yet")


def check_separate_instances(LRUCache):
    first, second = _new_cache(LRUCache, 2), _new_cache(LRUCache, 2)
    first.put("A", 1)
    counted = _counters(first)
    if second.get("A", _MISSING) is not _MISSING:
        raise Failure("two LRUCache objects share their entries", clause="separate",
                      input="a = LRUCache(2); b = LRUCache(2); a.put('A', 1); b.get('A')",
                      expected=Description("a miss in b"), got=Description("a hit"),
                      why="create the OrderedDict in __init__ (self.data = OrderedDict()), not in the class "
                          "body: a class attribute is one dict shared by every cache")
    if _counters(first) != counted:
        raise Failure("two LRUCache objects share their counters", clause="separate",
                      input="a = LRUCache(2); b = LRUCache(2); a.put('A', 1); b.get('A'); then a's counters",
                      expected=counted, got=_counters(first),
                      why="set self.hits, self.misses and self.evictions in __init__, one set per cache: a miss "
                          "in b is no miss of a")


# Keys where mistakes live: hash(-1) == hash(-2); 1 == 1.0 == True share an entry in any dict, and so in
# lru_cache too (it is not typed); strings, tuples, and keys beyond any table.
_KEY_POOL = [-1, -2, 0, 1, 2.5, "a", "b", ("t", 1), ("t", 2), 10**12, -10**12, "", (), frozenset({3})]
_VALUE_POOL = [0, "", None, False, 1, "x", (), 0.0]


def generated_operations(seed, length=120, keys=6):
    """A seeded sequence of ('get', key, default) and ('put', key, value) operations on a few keys."""
    rng = random.Random(seed)
    pool = _KEY_POOL[:2] + rng.sample(_KEY_POOL[2:], keys - 2)  # always the colliding pair -1, -2
    operations = []
    for _ in range(length):
        key = rng.choice(pool)
        if rng.random() < 0.55:
            operations.append(("get", key, rng.choice([None, "default", 0])))
        else:
            operations.append(("put", key, rng.choice(_VALUE_POOL + [object()])))
    return operations


def _describe_op(op):
    kind, key, arg = op
    return f"get({key!r}, {arg!r})" if kind == "get" else f"put({key!r}, {arg!r})"


def check_operations(LRUCache, seed, maxsize, length=120):
    """Apply generated operations to the learner's class and the reference; compare after each one."""
    operations = generated_operations(seed, length)
    cache, reference = _new_cache(LRUCache, maxsize), ReferenceLRUCache(maxsize)
    for i, op in enumerate(operations):
        kind, key, arg = op
        scenario = (f"c = LRUCache({maxsize}); then the seeded operations (seed {seed}) "
                    + "; ".join(_describe_op(o) for o in operations[max(0, i - 5): i + 1])
                    + (f" (operation {i + 1}, the last 6 shown)" if i >= 6 else ""))
        if kind == "put":
            cache.put(key, arg)
            reference.put(key, arg)
        else:
            was_present = key in reference.data
            got, expected = cache.get(key, arg), reference.get(key, arg)
            if not (got is expected or exactly_equal(got, expected)):
                if was_present and got is arg and expected is not arg:
                    raise Failure(f"get({key!r}) missed a key that is held", clause="lru", input=scenario,
                                  expected=expected, got=got,
                                  why="functools.lru_cache would still hold this key: a get or put refreshes "
                                      "its key, and a new key on a full cache evicts only the least recently "
                                      "used one" if expected not in (0, "", None, False) else
                                      "the key is held with a falsy value: test `key in self.data`, not the "
                                      "value")
                raise Failure(f"get({key!r}) returned the wrong value", clause="get" if was_present else "lru",
                              input=scenario, expected=expected, got=got,
                              why="get returns the value last put for that key when it is held, the default "
                                  "when it is not" if was_present else
                              "this key was evicted (or never put): functools.lru_cache would not hold it")
        counters, want = _counters(cache), _counters(reference)
        if counters != want:
            raise Failure("the counters (hits, misses, evictions) are off", clause="counters", input=scenario,
                          expected=want, got=counters,
                          why="get counts a hit or a miss; put counts an eviction each time it removes a key "
                              "to make room; a put that updates a present key evicts nothing")
        expect_equal(_length(cache, scenario), len(reference), input=scenario + "; len(c)", clause="len",
                     why="len(cache) is the number of keys held right now, not maxsize")


def check_traces(LRUCache, cases):
    for trace, maxsize in cases:
        flags, counters, sizes = lrucache_replay(LRUCache, trace, maxsize)
        steps = lru_cache_steps(trace, maxsize)
        expected = flags_of(steps)
        shown = f"LRUCache({maxsize}) fed {_keys_shown(trace)}, as a memoizer uses it (get; put on a miss)"
        if flags != expected:
            i = next(i for i, (a, b) in enumerate(zip(flags, expected)) if a != b)
            raise Failure(f"access {i + 1} (key {trace[i]!r}) was a {'hit' if flags[i] else 'miss'}; "
                          f"functools.lru_cache({maxsize}) says {'hit' if expected[i] else 'miss'}", clause="lru",
                          input=shown, expected=_show(expected[: i + 1]), got=_show(flags[: i + 1]),
                          why="replay the trace on paper: a hit refreshes its key; a miss on a full cache "
                              "evicts the least recently used key")
        want = expected_counters(steps)
        if counters[-1] != want:
            raise Failure("the counters hits, misses, evictions are off", clause="counters", input=shown,
                          expected=want, got=counters[-1],
                          why="get counts a hit or a miss; put counts an eviction each time it removes a key "
                              "to make room")
        held = [s[2] for s in steps]
        if sizes != held:
            i = next(i for i, (a, b) in enumerate(zip(sizes, held)) if a != b)
            raise Failure("len(cache) is not the number of keys held", clause="len",
                          input=f"{shown}, after access {i + 1}", expected=held[i], got=sizes[i],
                          why="len counts the keys in the cache now: it grows to maxsize, then stays there")


Q2_TRACES = [(list("ABCABDAEBCAD"), 3), (traces.zipf(12, 80, seed=3), 4), (traces.cyclic_scan(5, 20), 4),
             (traces.uniform(4, 30, seed=8), 1)]


def check_lrucache(LRUCache) -> str:
    check_default(LRUCache)
    check_separate_instances(LRUCache)
    check_refresh_and_eviction(LRUCache)
    check_put_existing(LRUCache)
    check_falsy_values(LRUCache)
    check_traces(LRUCache, Q2_TRACES)
    for seed, maxsize in ((1, 3), (2, 1), (3, 2), (4, 5)):
        check_operations(LRUCache, seed, maxsize)
    return ("LRUCache agrees with functools.lru_cache on every access of 4 traces and with the reference on "
            "480 generated gets and puts (colliding hashes, falsy values, updates), counts hits, misses and "
            "evictions, and len follows.")


# graded tests of q2: points for a grader, kept apart from the self-check above
def lrucache_refresh(LRUCache):
    check_separate_instances(LRUCache)
    check_refresh_and_eviction(LRUCache)
    check_traces(LRUCache, [(list("ABAB"), 1)])


def lrucache_update(LRUCache):
    check_default(LRUCache)
    check_put_existing(LRUCache)
    check_falsy_values(LRUCache)


def lrucache_long_traces(LRUCache):
    check_traces(LRUCache, [(traces.hot_cold(30, 300, seed=7), 6), (traces.uniform(8, 200, seed=2), 5),
                            (traces.cyclic_scan(6, 60), 6)])
    for seed, maxsize in ((11, 2), (12, 4)):
        check_operations(LRUCache, seed, maxsize, length=200)


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
        Graded("get's default; put on a present key updates and refreshes it without evicting; falsy values "
               "are kept", 1, lrucache_update),
        Graded("agrees with functools.lru_cache and the reference on longer generated traces", 1,
               lrucache_long_traces),
    ],
    clauses=Q2_CLAUSES,
)


# -- q3 ---------------------------------------------------------------------------------------------------
Q3_CLAUSES = {
    "decorator": "`lru_memoize(maxsize)` returns a decorator; the function it returns gives `func`'s result "
                 "for any positional, hashable arguments, and keeps `func`'s name and docstring "
                 "(`functools.wraps`); `lru_memoize()` with no argument means `maxsize=128`, as in `lru_cache`",
    "own": "it is your own cache: it does not hand the work to `functools.lru_cache`, `functools.cache` or "
           "cachetools",
    "key": "the key is the whole tuple of arguments: calls with equal tuples share one entry (so `f(1)`, "
           "`f(1.0)` and `f(True)` are one entry: no single-argument fast path as in `lru_cache`), calls "
           "with different tuples never do (argument order counts, and so do keys whose hashes collide, "
           "such as -1 and -2)",
    "counts": "`cache_info()` returns `(hits, misses, maxsize, currsize)` after every call: a hit is a call "
              "answered from the cache, a miss a call that runs `func` (exactly once, counted when the call "
              "starts); these are the numbers `functools.lru_cache(maxsize)` reports for the same calls",
    "lru": "a hit makes its entry the most recently used; storing into a full cache evicts the least "
           "recently used entry",
    "store-on-return": "a result is stored when `func` returns (after the recursive calls it made have "
                       "stored theirs), not when the call starts, so a recursive function counts as with "
                       "`lru_cache`",
    "falsy": "every result is cached, `0`, `''`, `None` and `False` included",
    "sizes": "`maxsize=None` never evicts; `maxsize=0` stores nothing; a negative `maxsize` acts as 0 and "
             "`cache_info()` reports 0 for it, as `lru_cache` does",
    "exceptions": "a call whose `func` raises lets the exception through unchanged, counts as a miss and "
                  "stores nothing, so the next call runs `func` again",
    "per-function": "each function the decorator wraps gets a cache and counters of its own, even when one "
                    "`lru_memoize(4)` decorates two functions",
    "clear": "`cache_clear()` empties the cache and sets both counters back to 0",
}

_LRU_WRAPPER = type(functools.lru_cache(maxsize=1)(abs))


def _library_cache(obj):
    """A functools or cachetools cache inside ``obj`` (itself, its attributes, closure cells, __wrapped__,
    the methods of a class instance, two levels deep), or None. Not the function's globals: a notebook's
    namespace holds lru_cache-decorated functions of its own."""
    frontier, seen = [obj], set()
    for _ in range(3):
        following = []
        for item in frontier:
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, _LRU_WRAPPER) or (callable(item) and hasattr(item, "cache_parameters")):
                return item
            if type(item).__module__.split(".")[0] == "cachetools":
                return item
            if isinstance(item, type) or type(item).__name__ == "module":
                continue
            attributes = getattr(item, "__dict__", None)
            if isinstance(attributes, dict):
                following += list(attributes.values())
            for cell in getattr(item, "__closure__", None) or ():
                try:
                    following.append(cell.cell_contents)
                except ValueError:  # an empty cell
                    pass
            following += [getattr(item, name) for name in ("__wrapped__", "__self__", "__func__")
                          if hasattr(item, name)]
        frontier = following
    return None


def _factory(lru_memoize, maxsize):
    """lru_memoize(maxsize=...), as the task uses it; positionally if the parameter has another name."""
    try:
        return lru_memoize(maxsize=maxsize)
    except TypeError as error:
        if "maxsize" not in str(error) and "keyword" not in str(error):
            raise
        return lru_memoize(maxsize)


def _decorate(lru_memoize, maxsize, func):
    made = _factory(lru_memoize, maxsize)
    if not callable(made):
        raise Failure("lru_memoize(maxsize) should return a decorator", clause="decorator",
                      input=f"lru_memoize({maxsize!r})",
                      expected=Description("a function that takes the function to cache"),
                      got=made)
    wrapper = made(func)
    if not callable(wrapper):
        raise Failure("lru_memoize(maxsize)(func) should return the wrapped function", clause="decorator",
                      input=f"lru_memoize({maxsize!r})(func)", expected=Description("a callable"), got=wrapper)
    library = _library_cache(wrapper) or _library_cache(made)
    if library is not None:
        raise Failure("your lru_memoize hands the work to a library cache", clause="own",
                      input=f"lru_memoize({maxsize!r})(func)", got=type(library).__name__,
                      why="the exercise is to write the cache yourself, with an OrderedDict and two counters; "
                          "functools.lru_cache is what it is compared with, not what it may use")
    return wrapper


def _info(wrapper, scenario=""):
    info = wrapper.cache_info() if callable(getattr(wrapper, "cache_info", None)) else None
    if info is None:
        raise Failure("the decorated function has no cache_info()", clause="counts", input=scenario or None,
                      why="attach one: wrapper.cache_info = ... returning (hits, misses, maxsize, currsize)")
    try:
        values = tuple(info)
    except TypeError:
        raise Failure("cache_info() should return a tuple (hits, misses, maxsize, currsize)", clause="counts",
                      got=info) from None
    if len(values) != 4:
        raise Failure("cache_info() should have four fields: (hits, misses, maxsize, currsize)",
                      clause="counts", got=info)
    return values


class Counted:
    """A function to cache that counts its own executions: the check's count, not the answer's."""

    def __init__(self, value=None, fail_on=()):
        self.value = value or (lambda *args: ("result", *args))
        self.fail_on = fail_on
        self.executions = 0
        self.__name__ = self.__qualname__ = "f"  # a function's attributes, for answers that copy them
        self.__doc__ = "The function the check caches."

    def __call__(self, *args):
        self.executions += 1
        if args and args[0] in self.fail_on and type(args[0]) is type(self.fail_on[0]):
            raise LookupError(f"no result for {args!r}")
        return self.value(*args)


def reference_lru_memoize(maxsize=128):
    """The reference answer of q3, run beside the learner's on the same calls."""
    maxsize = normalise_maxsize(maxsize)

    def decorator(func):
        cache: OrderedDict = OrderedDict()
        hits = misses = 0

        def wrapper(*args):
            nonlocal hits, misses
            if args in cache:
                hits += 1
                cache.move_to_end(args)
                return cache[args]
            misses += 1
            result = func(*args)
            if maxsize != 0 and args not in cache:
                cache[args] = result
                if maxsize is not None and len(cache) > maxsize:
                    cache.popitem(last=False)
            return result

        wrapper.cache_info = lambda: (hits, misses, maxsize, len(cache))
        return wrapper

    return decorator


def _expected_run(calls, maxsize, value):
    """(result, cache_info()) after each call, from the reference: keyed on the whole tuple of arguments,
    so equal to lru_cache's numbers whenever equal arguments are of one type."""
    wrapper = reference_lru_memoize(maxsize)(Counted(value))
    return [(wrapper(*args), wrapper.cache_info()) for args in calls]


def check_calls(lru_memoize, calls, maxsize, *, value=None, describe=None, why=None):
    """Call the learner's wrapper with each argument tuple of ``calls``; compare results, the function's
    real executions and cache_info() after every call with the reference model."""
    func = Counted(value)
    wrapper = _decorate(lru_memoize, maxsize, func)
    run = _expected_run(calls, maxsize, value)
    expected = [info for _, info in run]
    shown = describe or f"lru_memoize({maxsize!r}) called with " + ", ".join(
        f"f{args!r}" if len(args) != 1 else f"f({args[0]!r})" for args in calls[:12]) + (
        " ..." if len(calls) > 12 else "")
    previous = (0, 0)
    with count_calls(lru_memoize, budget=50 * len(calls) + 100):
        for i, args in enumerate(calls):
            before = func.executions
            got = wrapper(*args)
            want = run[i][0]
            if not exactly_equal(got, want):
                collides = [other for other in calls[:i] if other != args and hash(other) == hash(args)]
                raise Failure(f"call {i + 1} returned the wrong result", clause="key" if len(calls) > 1 else
                              "decorator", input=f"{shown}; call {i + 1} is f{args!r}", expected=want, got=got,
                              why=(f"f{args!r} and f{collides[0]!r} are different calls whose hashes collide "
                                   "(hash(-1) == hash(-2)): key on the tuple of arguments itself, not on its hash"
                                   if collides else
                                   "a result answered from the cache must be the one computed for an equal "
                                   "tuple of arguments: the key must hold every argument, in order"))
            ran = func.executions - before
            hit = expected[i][0] > (expected[i - 1][0] if i else 0)
            info = _info(wrapper, shown)
            if ran != (0 if hit else 1) or info != expected[i]:
                raise _explain(calls, maxsize, i, info, previous, expected[i], ran, hit, shown, why)
            previous = info[:2]
    return wrapper, func


def _explain(calls, maxsize, i, info, previous, expected, ran, hit, shown, why):
    """The clause a difference from the reference breaks, judged from what the numbers look like."""
    where = f"{shown}; after call {i + 1}"
    limit = normalise_maxsize(maxsize)
    if info[2] != expected[2]:
        return Failure("cache_info() reports the wrong maxsize", clause="sizes" if limit != maxsize else "counts",
                       input=where, expected=expected, got=info,
                       why="lru_cache reports a negative maxsize as 0, the size it really uses"
                       if limit != maxsize else "maxsize is the number lru_memoize was called with")
    counted_hit, counted_miss = info[0] - previous[0], info[1] - previous[1]
    if ran > 1 or (counted_hit, counted_miss) != ((1, 0) if ran == 0 else (0, 1)):
        return Failure(f"call {i + 1} ran func {ran} time(s) and counted {counted_hit} hit(s) and "
                       f"{counted_miss} miss(es)", clause="counts", input=where, expected=expected, got=info,
                       why="each call is one hit (func does not run) or one miss (func runs exactly once): "
                           "count what really happened")
    if limit is not None and info[3] > limit:
        return Failure("the cache holds more entries than maxsize", clause="sizes" if limit == 0 else "lru",
                       input=where, expected=expected, got=info,
                       why="maxsize=0 stores nothing" if limit == 0 else
                       "storing into a full cache evicts the least recently used entry")
    return Failure(f"after call {i + 1} cache_info() differs from the reference's", clause=_q3_clause(calls, limit),
                   input=where, expected=expected, got=info,
                   why=why or "cache_info() is (hits, misses, maxsize, currsize), as functools.lru_cache reports "
                              "it: a hit refreshes its entry, a miss stores the result and evicts the least "
                              "recently used entry when the cache is full")


def _q3_clause(calls, limit):
    if limit == 0 or limit is None:
        return "sizes"
    return "lru"


_MOST_RECENT = ("this evicts the most recently used key: an OrderedDict keeps the least recently used at the "
                "front, so evict with popitem(last=False)")
_SLIPS = {"FIFO": "a hit must make the key the most recently used (move_to_end); otherwise this is FIFO",
          "MRU": _MOST_RECENT, "NEWEST": _MOST_RECENT}


def check_flat(lru_memoize, trace, maxsize):
    """One-argument calls, keys of one type: the reference model and a real lru_cache agree, and the
    learner's cache_info() must equal them after every call."""
    calls = [(key,) for key in trace]
    why = None
    if maxsize:
        real = lru_cache_steps(trace, maxsize)
        why = "cache_info() after every call must be what functools.lru_cache reports"
        try:
            check_calls(lru_memoize, calls, maxsize, why=why)
        except Failure as failure:
            got = failure.details and dict(failure.details).get("got")
            if failure.clause == "lru" and got is not None:
                # name the usual slips: FIFO, or evicting the most recent key
                for slip, text in _SLIPS.items():
                    if _slip_matches(lru_memoize, trace, maxsize, slip, real):
                        failure.details = [d if d[0] != "why" else ("why", text) for d in failure.details]
                        break
            raise
        return
    check_calls(lru_memoize, calls, maxsize)


def _slip_matches(lru_memoize, trace, maxsize, slip, real):
    func = Counted()
    wrapper = _decorate(lru_memoize, maxsize, func)
    flags = []
    for key in trace:
        before = func.executions
        wrapper(key)
        flags.append(func.executions == before)
    return flags == other_policy_flags(trace, maxsize, slip) and flags != flags_of(real)


FALSY = {"A": 0, "B": "", "C": None, "D": False}


def falsy_value(key):
    return FALSY[key]


def check_falsy(lru_memoize):
    calls = [(k,) for k in "ABCDABCDA"]
    try:
        check_calls(lru_memoize, calls, 4, value=falsy_value)
    except Failure as failure:
        if failure.clause in ("lru", "counts"):
            raise Failure("a cached 0, '', None or False result was not a hit", clause="falsy",
                          input="lru_memoize(4) on a function whose results are 0, '', None and False, called "
                                "with A B C D A B C D A",
                          why="test `args in cache`, not `if cache.get(args):` or `is not None`: every result "
                              "is cached, whatever its value") from None
        raise


def check_key(lru_memoize):
    """The whole tuple is the key: argument order, colliding hashes, 1 / 1.0 / True, several arguments."""
    cases = [
        ([(1,), (1.0,), (True,)], ("f(1), f(1.0), f(True): equal tuples, one entry (lru_cache's fast path "
                                   "would give two misses; this task asks for the tuple key)")),
        ([(-1,), (-2,), (-1,), (-2,)], "f(-1), f(-2), f(-1), f(-2): hash(-1) == hash(-2), yet different keys"),
        ([(2, 3), (3, 2), (2, 3), (2, 5)], ("f(2, 3), f(3, 2), f(2, 3), f(2, 5): argument order and "
                                            "every argument count")),
        ([(), (None,), (), ((),)], "f(), f(None), f(), f(()): no arguments is a key too"),
        ([("ab", "c"), ("a", "bc"), ("ab", "c")], "f('ab', 'c'), f('a', 'bc'): arguments are not joined"),
    ]
    for calls, describe in cases:
        try:
            check_calls(lru_memoize, calls, 8, describe=f"lru_memoize(8): {describe}")
        except Failure as failure:
            if failure.clause in ("lru", "counts", "sizes"):
                failure.clause = "key"
                failure.details = [("clause", Q3_CLAUSES["key"]) if d[0] == "clause" else d
                                   for d in failure.details]
                failure.details = [d for d in failure.details if d[0] != "why"] + [
                    ("why", "the key is the tuple args itself: equal tuples are one entry, different ones two")]
            raise


def check_per_function(lru_memoize):
    """One decorator applied to two functions gives two caches and two sets of counters."""
    decorator = _factory(lru_memoize, 4)
    if not callable(decorator):
        raise Failure("lru_memoize(maxsize) should return a decorator", clause="decorator",
                      input="lru_memoize(maxsize=4)",
                      expected=Description("a function that takes the function to cache"),
                      got=decorator)
    area = decorator(lambda width, height: width * height)
    perimeter = decorator(lambda width, height: 2 * (width + height))
    scenario = ("deco = lru_memoize(maxsize=4); area = deco(w*h); perimeter = deco(2*(w+h)); area(2, 3); "
                "perimeter(2, 3)")
    with count_calls(lru_memoize, budget=200):
        got = (area(2, 3), perimeter(2, 3))
        if got != (6, 10):
            raise Failure("two functions decorated by the same lru_memoize(4) share one cache",
                          clause="per-function", input=scenario, expected=(6, 10), got=got,
                          why="create the cache and the counters inside decorator(func), once per decorated "
                              "function, not in lru_memoize: each function needs a cache of its own")
        infos = (_info(area)[:2], _info(perimeter)[:2])
        if infos != ((0, 1), (0, 1)):
            raise Failure("two functions decorated by the same lru_memoize(4) share their counters",
                          clause="per-function", input=scenario + "; area.cache_info(), perimeter.cache_info()",
                          expected=Description("hits=0, misses=1 for each"), got=infos,
                          why="the counters belong to one decorated function, like its cache")
    second = _decorate(lru_memoize, 4, lambda x: -x)
    expect_equal(second(7), -7, input="two lru_memoize(4) decorators: g = lru_memoize(4)(lambda x: -x); g(7)",
                 clause="per-function")


def check_exceptions(lru_memoize, maxsize=2):
    func = Counted(fail_on=("boom",))
    wrapper = _decorate(lru_memoize, maxsize, func)
    scenario = f"lru_memoize({maxsize!r})(f) where f('boom') raises LookupError: f('a'), f('boom'), f('boom')"
    wrapper("a")
    for attempt in (1, 2):
        try:
            wrapper("boom")
        except LookupError:
            pass
        else:
            raise Failure("a call whose function raised returned instead of raising", clause="exceptions",
                          input=scenario,
                          why="let the exception through: a cache must never turn an error into a result")
        if func.executions != 1 + attempt:
            raise Failure("after an exception, the next call did not run the function again", clause="exceptions",
                          input=scenario, expected=Description(f"{1 + attempt} executions"),
                          got=Description(f"{func.executions}"),
                          why="nothing is stored when the function raises, so a retry computes again")
    expected = (0, 3, normalise_maxsize(maxsize), 1 if maxsize != 0 else 0)
    expect_equal(tuple(_info(wrapper, scenario)), expected, input=scenario + "; cache_info()",
                 clause="exceptions",
                 why="each call that raises is a miss (counted when the call starts) and stores nothing")


def fib_info(lru_memoize, maxsize, n, order=1):
    """cache_info() of the learner's decorator and of lru_cache after the real recursive fib(n), and the
    executions of fib's body under each."""
    wrapper = None
    runs = [0]

    def fib(k):
        runs[0] += 1
        if k < 2:
            return k
        return wrapper(k - 1) + wrapper(k - 2) if order else wrapper(k - 2) + wrapper(k - 1)

    wrapper = _decorate(lru_memoize, maxsize, fib)

    @functools.lru_cache(maxsize=maxsize)
    def real(k):
        if k < 2:
            return k
        return real(k - 1) + real(k - 2) if order else real(k - 2) + real(k - 1)

    expected = real(n)
    with count_calls(lru_memoize, budget=10 * (2 * real.cache_info().misses + 50)):
        got = wrapper(n)
    expect_equal(got, expected, input=f"fib({n}) decorated with lru_memoize({maxsize!r})", clause="decorator")
    return _info(wrapper), tuple(real.cache_info()), runs[0]


def check_fib(lru_memoize, maxsize, n, order=1):
    got, expected, runs = fib_info(lru_memoize, maxsize, n, order)
    body = "fib(k - 1) + fib(k - 2)" if order else "fib(k - 2) + fib(k - 1)"
    if got != expected or runs != expected[1]:
        raise Failure(f"on the recursive fib({n}) = {body}, cache_info() differs from lru_cache(maxsize={maxsize})'s",
                      clause="store-on-return", input=f"fib({n}) recursing through lru_memoize({maxsize})",
                      expected=Description(f"{expected}, fib's body run {expected[1]} times"),
                      got=Description(f"{got}, fib's body run {runs} times"),
                      why="lru_cache counts a miss when the call starts, but stores the result only when the "
                          "call returns, after the recursive calls have stored theirs; store it then, not "
                          "before calling the function")


def check_clear(lru_memoize, maxsize=2):
    func = Counted()
    wrapper = _decorate(lru_memoize, maxsize, func)
    for key in "ABA":
        wrapper(key)
    if not callable(getattr(wrapper, "cache_clear", None)):
        raise Failure("the decorated function has no cache_clear()", clause="clear",
                      why="attach one that empties the cache and resets the counters")
    wrapper.cache_clear()
    expect_equal(_info(wrapper), (0, 0, maxsize, 0), input="f('A'), f('B'), f('A'); cache_clear(); cache_info()",
                 clause="clear", why="cache_clear() empties the cache and resets hits and misses, as lru_cache's "
                                     "does")
    before = func.executions
    wrapper("A")
    if func.executions != before + 1:
        raise Failure("after cache_clear() the function was not run again", clause="clear",
                      input="f('A'), f('B'), f('A'); cache_clear(); f('A')",
                      why="cache_clear() empties the cache, so the next call is a miss")


def generated_trace(seed, length, keys):
    rng = random.Random(seed)
    return [rng.randrange(-keys // 2, keys - keys // 2) for _ in range(length)]


def check_wrapper_and_default(lru_memoize):
    def area(width, height):
        """The area of a rectangle."""
        return width * height

    wrapper = _decorate(lru_memoize, 4, area)
    got = (getattr(wrapper, "__name__", None), getattr(wrapper, "__doc__", None))
    expect_equal(got, ("area", "The area of a rectangle."), clause="decorator",
                 input="lru_memoize(4)(area), where area has a docstring; (wrapper.__name__, wrapper.__doc__)",
                 why="decorate wrapper with @functools.wraps(func), as lru_cache does, so that help() and "
                     "tracebacks still name the function")
    try:
        made = lru_memoize()
    except TypeError as error:
        raise Failure("lru_memoize() without an argument failed", clause="decorator", input="lru_memoize()",
                      got=Description(f"TypeError: {error}"),
                      why="give maxsize the default 128, as lru_cache does") from None
    if not callable(made):
        raise Failure("lru_memoize() should return a decorator", clause="decorator", input="lru_memoize()",
                      got=made)
    default = made(lambda x: x)
    default(1)
    expect_equal(_info(default)[2], 128, input="lru_memoize()(f); f(1); f.cache_info().maxsize", clause="decorator",
                 why="without an argument maxsize is 128, as in lru_cache and in the stub's signature")


def check_memoize(lru_memoize) -> str:
    check_calls(lru_memoize, [(3,)], 2, describe="lru_memoize(2)(f)(3)")
    check_wrapper_and_default(lru_memoize)
    check_flat(lru_memoize, list("ABCABDAEBCAD"), 3)
    check_flat(lru_memoize, traces.zipf(10, 60, seed=5), 4)
    check_flat(lru_memoize, generated_trace(7, 80, 9), 5)
    check_flat(lru_memoize, generated_trace(8, 40, 4), 1)
    for maxsize in (None, 0, -3):
        check_flat(lru_memoize, list("ABAB"), maxsize)
    check_falsy(lru_memoize)
    check_key(lru_memoize)
    check_per_function(lru_memoize)
    for maxsize in (3, 2, 1):
        check_fib(lru_memoize, maxsize, 14)
    check_fib(lru_memoize, 2, 14, order=0)
    check_exceptions(lru_memoize)
    check_clear(lru_memoize)
    got, _, _ = fib_info(lru_memoize, 3, 25)
    return (f"lru_memoize agrees with functools.lru_cache on traces and on the recursion (fib(25) with maxsize=3 "
            f"gives {got}), keys on the whole tuple, caches falsy results, lets exceptions through, and "
            f"clears.")


# graded tests of q3: points for a grader, kept apart from the self-check above
def memoize_flat(lru_memoize):
    check_flat(lru_memoize, traces.hot_cold(20, 200, seed=4), 5)
    check_flat(lru_memoize, traces.cyclic_scan(4, 20), 3)
    check_flat(lru_memoize, generated_trace(17, 120, 12), 6)
    check_falsy(lru_memoize)


def memoize_keys_and_functions(lru_memoize):
    check_wrapper_and_default(lru_memoize)
    check_key(lru_memoize)
    check_per_function(lru_memoize)


def memoize_sizes_and_exceptions(lru_memoize):
    check_flat(lru_memoize, traces.zipf(15, 80, seed=1), None)
    check_flat(lru_memoize, list("AABBA"), 0)
    check_flat(lru_memoize, list("AABBA"), -1)
    check_exceptions(lru_memoize, None)
    check_exceptions(lru_memoize, 0)


def memoize_recursion(lru_memoize):
    for maxsize in (4, 3, 2, 1):
        check_fib(lru_memoize, maxsize, 16)
    check_fib(lru_memoize, 2, 16, order=0)


def memoize_clear(lru_memoize):
    check_clear(lru_memoize, 2)
    check_clear(lru_memoize, None)


q3 = Exercise(
    LESSON, "q3", "A bounded memoizing decorator", "lru_memoize", check_memoize,
    hints=[
        ("Three levels: `lru_memoize(maxsize)` returns `decorator(func)`, which returns `wrapper(*args)`. "
         "The OrderedDict and the counters are created in `decorator`, once per function; the key is `args`."),
        ("In `wrapper`: a hit counts, refreshes with `move_to_end` and returns. A miss counts *first*, then "
         "calls `func`, and only after it returns stores the result, evicting with `popitem(last=False)` "
         "while the cache is over `maxsize`. If `func` raises, nothing after that line runs: good."),
        ("`maxsize=None` never evicts; `maxsize=0` (and a negative one, which you can turn into 0 first) "
         "stores nothing. `cache_info()` returns `(hits, misses, maxsize, len(cache))`; `cache_clear()` "
         "empties the dict and zeroes both counters."),
    ],
    tests=[
        Graded("cache_info() equals lru_cache's after every call on traces, falsy results included", 1,
               memoize_flat),
        Graded("the key is the whole tuple; one cache per function", 1, memoize_keys_and_functions),
        Graded("maxsize None, 0 and negative; exceptions pass through and are not cached", 1,
               memoize_sizes_and_exceptions),
        Graded("the real recursion: fib(16) with maxsize 4, 3, 2, 1 (and the other order) counts as lru_cache "
               "does", 2, memoize_recursion),
        Graded("cache_clear() empties the cache and the counters", 1, memoize_clear),
    ],
    clauses=Q3_CLAUSES,
)


EXERCISES = [q1, q2, q3]

"""Exercises of lesson 02, ``lru_cache`` and ``cache``.

q1  predicted_info          predict cache_info() after a sequence of calls     (easy)
q2  make_key(args, kwargs, typed)
                            a key function that agrees with lru_cache on every
                            hit and miss, 1 / 1.0 / True included              (medium)
q3  freeze(obj)             turn nested lists, dicts and sets into hashable
                            keys: equal inputs, equal keys; different inputs,
                            different keys                                     (hard)

Every check compares with what the real ``functools.lru_cache`` does *now, on this Python* (through
``lessons.tools.cache_keys.outcomes``), never with a table of answers written down by hand, and never with
functools' private ``_make_key``.
"""
from __future__ import annotations

import copy
import functools
import inspect
import random

from lessons.exercises.core import Description, Exercise, Failure, Graded, exactly_equal
from lessons.tools.cache_keys import HIT, MISS, Call, call, outcomes
from lessons.tools.counting import code_objects

LESSON = "02_lru_cache"


# -- q1 ---------------------------------------------------------------------------------------------------
def area(width, height=1):
    return width * height


# The calls of the exercise, as the notebook shows them.
Q1_CALLS = [call(2), call(2, 1), call(2), call(width=2), call(3, height=4), call(3, 4), call(2)]
Q1_MAXSIZE = 3


def q1_trace() -> tuple[tuple, list[str]]:
    """Run the exercise's calls on a real lru_cache(maxsize=3): (its cache_info(), hit or miss per call)."""
    cached = functools.lru_cache(maxsize=Q1_MAXSIZE)(area)
    result = []
    for c in Q1_CALLS:
        before = cached.cache_info().hits
        cached(*c.args, **c.kwargs)
        result.append(HIT if cached.cache_info().hits > before else MISS)
    return tuple(cached.cache_info()), result


Q1_CLAUSES = {
    "shape": "`predicted_info` is four whole numbers (each exactly an `int`) in the order of `CacheInfo`'s "
             "fields, `(hits, misses, maxsize, currsize)`: a tuple (a list or a `CacheInfo` will do too)",
    "maxsize": "`maxsize` is the limit the cache was given",
    "hits": "`hits` counts the calls whose arguments, exactly as written, match an entry still in the cache",
    "misses": "`misses` counts every other call, so that hits + misses is the number of calls",
    "currsize": "`currsize` is the number of entries after the last call: never more than `maxsize`",
}


def _as_four_ints(answer) -> tuple[int, int, int, int]:
    if not isinstance(answer, (tuple, list)) or len(answer) != 4:
        raise Failure("predicted_info should be four numbers: (hits, misses, maxsize, currsize)", clause="shape",
                      expected=Description("a tuple like (0, 0, 3, 0)"), got=answer,
                      why="that is the order of the fields of CacheInfo, which is a named tuple")
    if not all(type(x) is int for x in answer):
        raise Failure("each of the four values should be a whole number, an int", clause="shape",
                      got=answer, show_values=True,
                      why="cache_info() reports ints: not floats, not True or False, not strings")
    return tuple(answer)


def check_predicted_info(answer) -> str:
    hits, misses, maxsize, currsize = _as_four_ints(answer)
    expected, trace = q1_trace()
    calls = len(Q1_CALLS)
    if maxsize != expected[2]:
        raise Failure(f"maxsize is not {maxsize}", clause="maxsize",
                      why="maxsize is simply the limit you passed to lru_cache")
    if hits + misses != calls:
        raise Failure(f"hits + misses = {hits + misses}, but there were {calls} calls", clause="misses",
                      why="every call is either a hit or a miss, so hits + misses is the number of calls")
    if currsize > Q1_MAXSIZE:
        raise Failure(f"currsize {currsize} is more than maxsize {Q1_MAXSIZE}", clause="currsize",
                      why="a bounded cache never holds more than maxsize entries: it evicts the least "
                          "recently used one to make room")
    if hits > expected[0]:
        raise Failure(f"{hits} hits is too many: some calls you counted as hits are misses",
                      clause="hits",
                      why="lru_cache does not know that area(2), area(2, 1) and area(width=2) mean the same; "
                          "it compares the arguments as written, positional and keyword apart. And an "
                          "entry that was evicted is a miss when its arguments come back: with maxsize=3, "
                          "write down what is still in the cache before each call")
    if hits < expected[0]:
        raise Failure(f"{hits} hits is too few", clause="hits",
                      why="a call with exactly the same arguments as an entry still in the cache is a hit")
    if currsize != expected[3]:
        raise Failure(f"currsize {currsize} is wrong", clause="currsize",
                      why="count the distinct keys, and remember that the cache holds at most maxsize "
                          "of them")
    marks = ", ".join(f"{c!r}: {t}" for c, t in zip(Q1_CALLS, trace)).replace("f(", "area(")
    return f"(hits, misses, maxsize, currsize) = {expected} is right. Call by call: {marks}."


# graded tests of q1: points for a grader, kept apart from the self-check above
def _field(index: int, name: str):
    def test(answer):
        got = _as_four_ints(answer)[index]
        if got != q1_trace()[0][index]:
            raise Failure(f"{name} is wrong", clause=name, got=got, show_values=False)
    return test


def maxsize_and_currsize(answer):
    _field(2, "maxsize")(answer)
    _field(3, "currsize")(answer)


q1 = Exercise(
    LESSON, "q1", "Predict cache_info()", "predicted_info", check_predicted_info,
    hints=[
        ("Go call by call and write down the cache's keys, most recently used last. A call is a hit only if "
        "an entry with *exactly* the same arguments, written the same way, is in the cache at that moment."),
        ("area(2), area(2, 1) and area(width=2) compute the same thing, but they are three different keys: "
        "lru_cache never looks at the function's defaults or parameter names."),
        ("With maxsize=3, the 4th distinct key evicts the least recently used entry, and a hit makes an "
        "entry the most recently used. Is the first key still there at the last call?"),
    ],
    tests=[
        Graded("hits", 1, _field(0, "hits")),
        Graded("misses", 1, _field(1, "misses")),
        Graded("maxsize and currsize", 1, maxsize_and_currsize),
    ],
    clauses=Q1_CLAUSES,
)


# -- q2 ---------------------------------------------------------------------------------------------------
class Text(str):
    """A str subclass: equal to its str, with the same hash, but not of exact type str."""

    def __repr__(self) -> str:
        return f"Text({str.__repr__(self)})"


# (first call, second call, typed, why it matters). The expected outcome is NOT written here: the check
# asks the real lru_cache, so it stays right on every Python version.
Q2_CASES = [
    (call(1), call(1), False, "the same arguments must give the same key"),
    (call(1, 2), call(1, 2), False, "the same arguments must give the same key"),
    (call(1, 2), call(2, 1), False, "the order of positional arguments matters"),
    (call(1, x=2), call(1, x=2), False, "the same keyword arguments must give the same key"),
    (call(1, x=2), call(1, y=2), False, "keyword names are part of the key"),
    (call(x=1, y=2), call(y=2, x=1), False,
     ("lru_cache keeps keyword arguments in the order they were passed: different order, different key "
     "(do not sort them)")),
    (call(1), call(x=1), False, "passing an argument by position or by keyword gives different keys"),
    (call(1, "x", 2), call(1, x=2), False,
     "the key must keep positional and keyword arguments apart, so that f(1, 'x', 2) and f(1, x=2) differ"),
    (call(1, None, "x", 2), call(1, x=2), False,
     ("a marker between positional and keyword arguments must be a value no caller can pass: None is an "
      "argument like any other, so f(1, None, 'x', 2) would look like f(1, x=2). Use a fresh object(), or "
      "keep the two parts in separate tuples")),
    (call(1, ("x", 2)), call(1, x=2), False,
     ("the keyword argument x=2 is not the positional argument ('x', 2): keep positional and keyword "
     "arguments apart, e.g. in two separate tuples")),
    (call(-1, 0), call(-2, 0), False,
     ("two different calls can have equal hashes (in CPython, hash(-1) == hash(-2)), so a key must hold "
     "the arguments themselves, not their hash()")),
    (call(1, 0), call(1.0, 0), False, "with several arguments, equal values (1 == 1.0) share a key"),
    (call(True, 0), call(1, 0), False, "with several arguments, equal values (True == 1) share a key"),
    (call(1.0), call(True), False, "a single float or bool argument is wrapped like any other: 1.0 == True"),
    (call(1), call(1.0), False,
     ("a single argument of exact type int or str is used as the key itself, unwrapped, so it never "
     "equals a wrapped key: f(1) and f(1.0) are two entries")),
    (call(True), call(1), False, "a single int is its own key, a single bool (not exactly int) is wrapped"),
    (call("a"), call("a"), False, "a single str is its own key"),
    (call("a"), call(Text("a")), False,
     ("a single argument of exact type str is its own key; a str subclass is wrapped like anything else, so "
      "it never equals the bare str, although Text('a') == 'a'")),
    (call(Text("a")), call(Text("a")), False, "the same arguments must give the same key"),
    (call((1,)), call(1), False, "a single tuple argument (1,) is not the same as the argument 1"),
    (call(1.0, 2), call(1.0, 2), True, "with typed=True, the same arguments still share a key"),
    (call(1, 0), call(1.0, 0), True, "with typed=True, the types of the arguments are part of the key"),
    (call(1.0), call(True), True, "with typed=True, the types of the arguments are part of the key"),
    (call(1, x=1), call(1, x=1.0), True, "with typed=True, the types of keyword values are part of the key"),
    (call(1, None, "x", 2), call(1, x=2), True, "with typed=True too, positional and keyword arguments differ"),
]

Q2_CLAUSES = {
    "hashable": "`make_key(args, kwargs, typed)` returns a hashable key for every call",
    "hits": "two calls get equal keys whenever `lru_cache` treats the second as a hit: equal arguments in the "
            "same places, so `f(1, 0)` and `f(1.0, 0)` share a key, and so do `f(1.0)` and `f(True)`",
    "misses": "two calls get different keys whenever `lru_cache` treats the second as a miss: another keyword "
              "order, a positional argument for a keyword one (whatever the values, `None` included), a single "
              "`int` or `str` (`f(1)` against `f(1.0)`), and values with equal hashes such as `-1` and `-2`, so "
              "the key is the key itself, not its `hash()`",
    "typed": "with `typed=True`, keys agree with `lru_cache(typed=True)`: the type of every argument, "
             "positional and keyword, is part of the key",
    "own": "the key is built by your own code, not by `functools._make_key` (private: it may change in any "
           "release)",
}


def _show(c: Call, typed: bool) -> str:
    return f"make_key({c.args!r}, {c.kwargs!r}, {typed})"


def key_agrees(make_key, first: Call, second: Call, typed: bool, why: str | None = None) -> None:
    """Raise Failure unless make_key's keys say hit/miss for the second call exactly as lru_cache does."""
    real = outcomes([first, second], typed=typed)[1]
    key1 = make_key(tuple(first.args), dict(first.kwargs), typed)
    key2 = make_key(tuple(second.args), dict(second.kwargs), typed)
    for c, key in ((first, key1), (second, key2)):
        try:
            hash(key)
        except TypeError as error:
            raise Failure(f"{_show(c, typed)} returned a key that is not hashable ({error})", clause="hashable",
                          expected=Description("a hashable key"), got=key,
                          why="lru_cache stores entries in a dict, so a key must be hashable: build it "
                              "from tuples, not lists or dicts") from None
    yours = HIT if key2 in {key1: None} else MISS
    if yours != real:
        raise Failure(
            f"after {first!r}, lru_cache says {second!r} is a {real}, your keys say {yours}",
            clause="typed" if typed else ("hits" if real == HIT else "misses"),
            input=f"{_show(first, typed)} and then {_show(second, typed)}",
            expected=Description(f"keys that are {'equal' if real == HIT else 'different'}"),
            got=Description(f"{key1!r} and {key2!r}"), why=why)


_PRIVATE = {"_make_key": functools._make_key, "_HashedSeq": functools._HashedSeq}


def builds_its_own_key(make_key) -> None:
    """Refuse an answer that hands the work to functools' private _make_key (or _HashedSeq).

    A name is refused only when it means functools' object: a global imported from functools, or an
    attribute such as ``functools._make_key``. A helper the learner wrote and happened to call
    ``_make_key`` is their own code, and is fine."""
    if not callable(make_key):
        return
    target = inspect.unwrap(make_key)
    namespace = getattr(target, "__globals__", None)
    if namespace is None:  # a callable instance: the globals of its __call__
        namespace = getattr(getattr(type(target), "__call__", None), "__globals__", {})  # noqa: B004
    names = set()
    for code in code_objects(make_key):
        names |= set(code.co_names)
    privates = list(_PRIVATE.values())
    if any(namespace.get(name, private) is private for name, private in _PRIVATE.items() if name in names) \
            or any(any(namespace.get(name) is private for private in privates) for name in names):
        raise Failure("make_key calls functools' private key function", clause="own",
                      why="the exercise is to build the key yourself; _make_key is private and may "
                          "change in any Python release")


def check_make_key(make_key) -> str:
    builds_its_own_key(make_key)
    for first, second, typed, why in Q2_CASES:
        key_agrees(make_key, first, second, typed, why)
    for typed in (False, True):
        make_key_random_pairs(typed)(make_key)
    make_key_long_sequence(make_key)
    return (f"your keys agree with lru_cache on all {len(Q2_CASES)} chosen pairs of calls (1 / 1.0 / True, "
            f"keyword order, -1 / -2 included), on 600 random pairs and call by call on a long sequence.")


# graded tests of q2: points for a grader, kept apart from the self-check above
# hash(-1) == hash(-2); "x" and "y" are also keyword names, so a flat key without a safe marker collides
SCALARS = [0, 1, 2, 0.0, 1.0, 2.0, True, False, "1", "a", "x", "y", None, (1,), (1.0,), ("x", 1), 1.5, -1, -2]


def random_call(rng: random.Random):
    args = [rng.choice(SCALARS) for _ in range(rng.randrange(4))]
    names = rng.sample(["x", "y", "z"], rng.randrange(3))
    return call(*args, **{name: rng.choice(SCALARS) for name in names})


def random_pair(rng: random.Random):
    first = random_call(rng)
    roll = rng.random()
    if roll < 0.3:  # an equal-valued twin, often of another type: 1 -> 1.0 -> True
        swap = {0: False, 1: 1.0, 2: 2.0}  # keys compare by ==: 1.0 and True map too
        second = call(*[swap.get(a, a) if not isinstance(a, (str, tuple)) else a for a in first.args],
                      **first.kwargs)
    elif roll < 0.45:  # the same keywords in another order
        second = call(*first.args, **dict(reversed(list(first.kwargs.items()))))
    else:
        second = random_call(rng)
    return first, second


def make_key_fixed_pairs(make_key):
    builds_its_own_key(make_key)
    for first, second, typed, why in Q2_CASES:
        key_agrees(make_key, first, second, typed, why)


def make_key_random_pairs(typed: bool):
    def test(make_key):
        rng = random.Random(202 + typed)
        for _ in range(300):
            first, second = random_pair(rng)
            key_agrees(make_key, first, second, typed)
    return test


def make_key_long_sequence(make_key):
    """A cache keyed by make_key hits and misses exactly where lru_cache(maxsize=None) does."""
    rng = random.Random(7)
    calls = [random_call(rng) for _ in range(25)]
    calls += [rng.choice(calls) for _ in range(25)]
    for typed in (False, True):
        real = outcomes(calls, typed=typed)
        seen, yours = set(), []
        for c in calls:
            key = make_key(tuple(c.args), dict(c.kwargs), typed)
            yours.append(HIT if key in seen else MISS)
            seen.add(key)
        for c, r, y in zip(calls, real, yours):
            if r != y:
                clause = "typed" if typed else ("hits" if r == HIT else "misses")
                raise Failure(f"in a long sequence (typed={typed}), {c!r} is a {r} for lru_cache, "
                              f"a {y} for yours", clause=clause)


q2 = Exercise(
    LESSON, "q2", "A make_key that agrees with lru_cache", "make_key", check_make_key,
    hints=[
        ("Start with `(args, tuple(kwargs.items()))`: positional and keyword arguments apart, keyword order "
        "kept (don't sort). Which pairs does it already get right?"),
        "With typed=True, add the types: `tuple(type(v) for v in args)` and the same for the keyword values.",
        ("The surprise: when there is exactly one positional argument, no keywords, typed is false and "
        "`type(arg) in (int, str)`, lru_cache uses the argument itself as the key. Return `args[0]` then; "
        "it never equals a tuple, so f(1) and f(1.0) become two entries."),
    ],
    tests=[
        Graded("agrees with lru_cache on the lesson's pairs of calls", 1, make_key_fixed_pairs),
        Graded("agrees on 300 random pairs, typed=False", 1, make_key_random_pairs(False)),
        Graded("agrees on 300 random pairs, typed=True", 1, make_key_random_pairs(True)),
        Graded("agrees call by call on a long sequence", 1, make_key_long_sequence),
    ],
    clauses=Q2_CLAUSES,
)


# -- q3 ---------------------------------------------------------------------------------------------------
def q3_pool() -> list:
    """Inputs for freeze, built fresh on every call (the learner's code might mutate them). Some are
    equal to each other (a dict in another order, a set built in another order, [1] and [1.0]), most are
    not. Some catch particular mistakes: a tuple holding a list (tuples must be frozen too), a tuple
    that looks like a frozen list (tag tuples as well as lists), a set of an int and a tuple (which
    cannot be sorted). No set of strings: its repr, shown in a message, would change from run to run."""
    return [
        [1, 2], [2, 1], (1, 2), [1, [2, 3]], [1, (2, 3)], [1, [2, 3], {"k": [4]}],
        {"a": 1, "b": 2}, {"b": 2, "a": 1}, [("a", 1), ("b", 2)], {"a": [1, 2]}, {"a": (1, 2)},
        {1: "one", "b": 2}, {"b": 2, 1: "one"}, {1: "one"}, {True: "one"},
        {1, 9}, {9, 1}, frozenset({9, 1}), {1, 2}, [{1, 9}], [{9, 1}], [frozenset({1, 9})],
        [], (), {}, set(), [[]], [()], [{}],
        [1], [1.0], [True], 1, "1", [[1, 2]], [(1, 2)],
        {"a": {"b": [1]}}, {"a": {"b": [2]}}, {"a": {"b": {1, 9}}}, {"a": {"b": {9, 1}}},
        {"a": 1}, {"b": 1}, [("a", 1)], (1, [2]), ("list", (1, 2)), {1, (2, 3)}, {"z": [1, 2]},
        [-1], [-2], {"a": -1}, {"a": -2}, (-1, [0]), (-2, [0]),  # hash(-1) == hash(-2)
    ]


Q3_CLAUSES = {
    "hashable": "`freeze(obj)` returns a hashable value for lists, tuples, dicts, sets and frozensets, nested "
                "to any depth",
    "equal": "equal inputs give equal keys: the order of a dict's items or a set's items does not matter, "
             "and `[1]` and `[1.0]` are equal",
    "different": "different inputs give different keys: `[1, 2]` and `(1, 2)`, `{'a': 1}` and `[('a', 1)]`, "
                 "`[1, 2]` and `('list', (1, 2))`, `[-1]` and `[-2]` (equal hashes): return the frozen value "
                 "itself, never its `hash()`",
    "mixed": "dicts whose keys have mixed types, such as `{1: 'one', 'b': 2}`, and sets of mixed items, such "
             "as `{1, (2, 3)}`, work: no sorting",
    "unchanged": "`freeze` never changes its input",
    "scalars": "anything that is not a list, tuple, dict, set or frozenset (a number, a string, `None`) is "
               "returned as it is",
}

SCALAR_INPUTS = [0, 1, -1, 2.5, True, "a", "", None, b"x", 10**30]


def _frozen(freeze, value):
    """freeze(value), checked to be hashable and to leave the input alone."""
    before = copy.deepcopy(value)
    try:
        key = freeze(value)
    except TypeError as error:
        if "'<' not supported" in str(error) or "not supported between" in str(error):
            raise Failure(f"freeze({value!r}) raised TypeError: {error}", clause="mixed",
                          why="sorting needs items that can be compared with <, and 1 < 'b' cannot: "
                              "sorted() breaks on dicts with mixed-type keys and on sets of mixed items. "
                              "Use a frozenset instead: it needs no order at all") from None
        raise
    if value != before or type(value) is not type(before):
        raise Failure(f"freeze({before!r}) changed its input", clause="unchanged", got=value, show_values=True,
                      why="the caller still owns the data: build a new, frozen copy")
    try:
        hash(key)
    except TypeError as error:
        raise Failure(f"freeze({value!r}) is not hashable ({error})", clause="hashable",
                      expected=Description("a hashable value"), got=key,
                      why="every list, dict and set inside must be frozen too, however deep: "
                          "call freeze on the items, recursively") from None
    return key


def check_freeze(freeze) -> str:
    pool = q3_pool()
    keys = [_frozen(freeze, v) for v in pool]
    for i, (a, ka) in enumerate(zip(pool, keys)):
        for b, kb in zip(pool[i + 1:], keys[i + 1:]):
            if a == b and ka != kb:
                raise Failure(f"{a!r} == {b!r}, but their frozen keys differ", clause="equal",
                              input=f"freeze({a!r}) and freeze({b!r})", expected=Description("equal keys"),
                              got=Description(f"{ka!r} and {kb!r}"),
                              why="equal inputs must give equal keys, or the cache misses: a dict's or a "
                                  "set's order must not matter (a frozenset has none), and [1] == [1.0]")
            if a != b and ka == kb:
                raise Failure(f"{a!r} != {b!r}, but they get the same key {ka!r}", clause="different",
                              input=f"freeze({a!r}) and freeze({b!r})", expected=Description("different keys"),
                              got=Description(f"{ka!r} for both"),
                              why="different inputs sharing a key would return each other's cached "
                                  "results: keep what kind of container it was (list, tuple, dict, set) "
                                  "in the key, e.g. ('list', ...), and return the frozen value itself: "
                                  "different values can have equal hashes")
    # The point of it all: a cached function of the frozen value has one entry per distinct input.
    cached = functools.lru_cache(maxsize=None)(lambda frozen: None)
    for key in keys:
        cached(key)
    distinct = len({i for i in range(len(pool)) if all(pool[j] != pool[i] for j in range(i))})
    info = cached.cache_info()
    if info.currsize != distinct:
        raise Failure("a cached function of your frozen keys holds the wrong number of entries",
                      clause="different", expected=distinct, got=info.currsize)
    check_scalars(freeze)
    return (f"{len(pool)} inputs, {distinct} different ones: your keys are hashable, equal exactly when "
            f"the inputs are equal, and a cache of them held {info.currsize} entries with "
            f"{info.hits} hits.")


def check_scalars(freeze) -> None:
    for value in SCALAR_INPUTS:
        got = freeze(value)
        if not exactly_equal(got, value):
            raise Failure(f"freeze({value!r}) is not {value!r} itself", clause="scalars", input=f"freeze({value!r})",
                          expected=value, got=got,
                          why="only containers need freezing: a number, a string or None is hashable already, "
                              "and returning it as it is keeps f(1) and f('1') apart")


# graded tests of q3: points for a grader, kept apart from the self-check above
def freeze_hashable(freeze):
    for value in q3_pool():
        _frozen(freeze, value)


def _pairs(freeze, values):
    keys = [_frozen(freeze, v) for v in values]
    return [(a, b, ka, kb) for i, (a, ka) in enumerate(zip(values, keys))
            for b, kb in zip(values[i + 1:], keys[i + 1:])]


def freeze_equal_inputs(freeze):
    for a, b, ka, kb in _pairs(freeze, q3_pool()):
        if a == b and ka != kb:
            raise Failure(f"{a!r} == {b!r} but their keys differ", clause="equal")


def freeze_different_inputs(freeze):
    for a, b, ka, kb in _pairs(freeze, q3_pool()):
        if a != b and ka == kb:
            raise Failure(f"{a!r} != {b!r} but they share a key", clause="different")


def random_nested(rng: random.Random, depth: int = 0):
    kind = rng.choice(["scalar", "scalar", "list", "tuple", "dict", "set"] if depth < 3 else ["scalar"])
    if kind == "scalar":
        return rng.choice([0, 1, 1.0, True, 2, "a", "b", None, 2.5])
    items = [random_nested(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == "list":
        return items
    if kind == "tuple":
        return tuple(items)
    if kind == "set":
        return {rng.choice([0, 1, 2, 3, 9, 17]) for _ in range(rng.randrange(4))}  # ints: stable reprs
    return {rng.choice([1, "b", 2.5, (1, 2), "c"]): item for item in items}


def _reordered(value):
    """An equal copy whose dicts and sets were built in the reverse order."""
    if isinstance(value, list):
        return [_reordered(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_reordered(v) for v in value)
    if isinstance(value, dict):
        return {k: _reordered(v) for k, v in reversed(list(value.items()))}
    if isinstance(value, (set, frozenset)):
        return set(reversed(list(value)))
    return value


def freeze_random_nested(freeze):
    rng = random.Random(11)
    values = [random_nested(rng) for _ in range(40)]
    values += [_reordered(v) for v in values[:20]]
    for a, b, ka, kb in _pairs(freeze, values):
        if (a == b) != (ka == kb):
            raise Failure(f"freeze disagrees with == on {a!r} and {b!r}", clause="equal" if a == b else "different")


q3 = Exercise(
    LESSON, "q3", "freeze(): hashable keys for nested data", "freeze", check_freeze,
    hints=[
        ("Write it recursively: a list becomes a tuple of the frozen items, and anything that is not a "
        "list, tuple, dict or set is returned as it is."),
        ("A dict: `frozenset((key, freeze(value)) for key, value in obj.items())`. No sorting, so mixed-type "
        "keys work and the order does not matter. A set: a frozenset of frozen items."),
        ("[1, 2] and (1, 2) are different inputs, and so are {'a': 1} and [('a', 1)]: tag each frozen "
        "container with its kind, e.g. `('list', tuple(...))`, `('dict', frozenset(...))`. Treat set and "
        "frozenset alike, because {1} == frozenset({1})."),
    ],
    tests=[
        Graded("hashable, and the input is left unchanged", 1, freeze_hashable),
        Graded("equal inputs give equal keys (order of dicts and sets, mixed keys)", 1, freeze_equal_inputs),
        Graded("different inputs give different keys (list vs tuple, dict vs pairs)", 1,
               freeze_different_inputs),
        Graded("agrees with == on random nested data", 1, freeze_random_nested),
        Graded("numbers, strings and None come back as they are", 1, check_scalars),
    ],
    clauses=Q3_CLAUSES,
)


EXERCISES = [q1, q2, q3]

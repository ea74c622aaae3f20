"""Graded tests of lesson 02 (11 points in all). Like the checks, they ask the real lru_cache what is a
hit and what is a miss, on whichever Python runs them; the random cases are seeded, so every learner
gets the same ones."""
from __future__ import annotations

import random

from lessons.cache_keys import HIT, MISS, call, outcomes
from lessons.exercises.core import Failure, Graded
from lessons.exercises.l02 import (
    Q2_CASES,
    _as_four_ints,
    _frozen,
    builds_its_own_key,
    key_agrees,
    q1_trace,
    q3_pool,
)


# -- q1 ---------------------------------------------------------------------------------------------------
def _field(index: int, name: str):
    def test(answer):
        got = _as_four_ints(answer)[index]
        if got != q1_trace()[0][index]:
            raise Failure(f"{name} is wrong", got=got, show_values=False)
    return test


def maxsize_and_currsize(answer):
    _field(2, "maxsize")(answer)
    _field(3, "currsize")(answer)


# -- q2 ---------------------------------------------------------------------------------------------------
SCALARS = [0, 1, 2, 0.0, 1.0, 2.0, True, False, "1", "a", None, (1,), (1.0,), 1.5, -1, -2]  # hash(-1) == hash(-2)


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
                raise Failure(f"in a long sequence (typed={typed}), {c!r} is a {r} for lru_cache, "
                              f"a {y} for yours")


# -- q3 ---------------------------------------------------------------------------------------------------
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
            raise Failure(f"{a!r} == {b!r} but their keys differ")


def freeze_different_inputs(freeze):
    for a, b, ka, kb in _pairs(freeze, q3_pool()):
        if a != b and ka == kb:
            raise Failure(f"{a!r} != {b!r} but they share a key")


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
            raise Failure(f"freeze disagrees with == on {a!r} and {b!r}")


TESTS = {
    "q1": [
        Graded("hits", 1, _field(0, "hits")),
        Graded("misses", 1, _field(1, "misses")),
        Graded("maxsize and currsize", 1, maxsize_and_currsize),
    ],
    "q2": [
        Graded("agrees with lru_cache on the lesson's pairs of calls", 1, make_key_fixed_pairs),
        Graded("agrees on 300 random pairs, typed=False", 1, make_key_random_pairs(False)),
        Graded("agrees on 300 random pairs, typed=True", 1, make_key_random_pairs(True)),
        Graded("agrees call by call on a long sequence", 1, make_key_long_sequence),
    ],
    "q3": [
        Graded("hashable, and the input is left unchanged", 1, freeze_hashable),
        Graded("equal inputs give equal keys (order of dicts and sets, mixed keys)", 1, freeze_equal_inputs),
        Graded("different inputs give different keys (list vs tuple, dict vs pairs)", 1,
               freeze_different_inputs),
        Graded("agrees with == on random nested data", 1, freeze_random_nested),
    ],
}

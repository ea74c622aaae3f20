"""Exercises of lesson 08, beyond one process.

q1  predict_cache_info(plans, maxsize)   what cache_info() each worker of a pool reports      (easy)
q2  stable_key(*args, **kwargs)          a cache key that is the same in every process         (medium)
q3  RedisCache(r, namespace, ttl)        cache-aside on a real Redis server: JSON values, a
                                         TTL on every entry, invalidation by a version bump
                                         that every process sees                               (hard)

Every check compares the answer with the real thing on generated, seeded inputs: q1 with one real
``functools.lru_cache`` per worker's plan, q2 with the answer's own keys computed again in two fresh
Python processes started with different ``PYTHONHASHSEED`` (the function travels there by value, with
cloudpickle), q3 against the course's Redis server, counting executions of ``compute`` and reading what
the answer stored through a second connection. The checks run under the course's watchdog
(``core.CHECK_SECONDS``), and q2's processes have a timeout of their own and are killed if left over.
"""
from __future__ import annotations

import copy
import functools
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lessons.exercises.core import Description, Exercise, Failure, Graded, expect_equal

LESSON = "08_beyond_one_process"
ROOT = Path(__file__).resolve().parents[2]


def _call(func: Callable, *args, what: str, **kwargs) -> Any:
    """Call learner code. ``what`` names the call for messages; the time limit is the check's own
    (``core.CHECK_SECONDS``: the watchdog stops an answer that never returns, and its threads)."""
    return func(*args, **kwargs)


# -- q1 ---------------------------------------------------------------------------------------------------
def actual_cache_info(plans: list[list[str]], maxsize: int | None) -> list[tuple[int, int, int]]:
    """The truth: one real lru_cache per worker (what a worker process has), fed that worker's plan."""
    result = []
    for plan in plans:
        cached = functools.lru_cache(maxsize=maxsize)(lambda key: key)
        for key in plan:
            cached(key)
        info = cached.cache_info()
        result.append((info.hits, info.misses, info.currsize))
    return result


def q1_cases() -> list[tuple[str, list[list[str]], int | None]]:
    """Hand-made cases first, each aimed at one clause, then seeded random ones."""
    cases = [
        ("the shape", [["a", "b", "a"], ["b"]], None),
        ("each worker has its own cache", [["a", "b"], ["a", "b"], ["b", "a", "a"]], None),
        ("an empty plan", [["a"], []], None),
        ("LRU eviction: a hit makes a key recent", [["a", "b", "a", "c", "a"], ["x", "y", "z", "x"]], 2),
        ("maxsize=1", [["a", "a", "b", "a", "b", "b"]], 1),
        ("maxsize=0 caches nothing", [["a", "a", "b"], ["c", "c"]], 0),
    ]
    rng = random.Random(808)
    for n in range(8):
        workers = rng.randint(2, 4)
        maxsize = rng.choice([None, 0, 1, 2, 3])
        keys = "abcde"[: rng.randint(2, 5)]
        plans = [[rng.choice(keys) for _ in range(rng.randint(0, 9))] for _ in range(workers)]
        cases.append((f"generated case {n + 1}", plans, maxsize))
    return cases


def _q1_input(plans, maxsize) -> str:
    return f"predict_cache_info({plans!r}, maxsize={maxsize!r})"


def _check_q1_shape(got, expected, where: str) -> None:
    if type(got) is not list:
        raise Failure("predict_cache_info must return a list, one entry per worker", clause="shape", input=where,
                      expected=expected, got=got, why="a list in worker order: entry i is worker i's numbers")
    if len(got) != len(expected):
        raise Failure(f"{len(got)} entries for {len(expected)} workers",
                      clause="shape", input=where, expected=expected, got=got,
                      why="one entry per worker, even for a worker whose plan is empty")
    for entry in got:
        if type(entry) is not tuple or len(entry) != 3 or any(type(x) is not int for x in entry):
            raise Failure("each entry must be a tuple of three ints: (hits, misses, currsize)",
                          clause="shape", input=where,
                          expected=expected, got=got,
                          why="exactly a tuple of int, not a list or a CacheInfo: the check compares type and value")


def _simulated(plans, maxsize, *, shared=False, fifo=False) -> list[tuple[int, int, int]]:
    """What typical wrong models predict: one cache for every worker, or first-in-first-out eviction."""
    result, cache = [], []
    for plan in plans:
        cache = cache if shared else []
        hits = misses = 0
        for key in plan:
            if key in cache:
                hits += 1
                if not fifo:
                    cache.remove(key)
                    cache.append(key)
            else:
                misses += 1
                if maxsize != 0:
                    cache.append(key)
                    if maxsize is not None and len(cache) > maxsize:
                        del cache[0]
        result.append((hits, misses, len(cache)))
    return result


def _q1_clause(plans, maxsize, got, label: str) -> str:
    """Which clause a wrong prediction breaks: recognised by the model it matches, else by the case."""
    if got == _simulated(plans, maxsize, shared=True):
        return "own-cache"
    if maxsize == 0 or got == _simulated(plans, None):
        return "bounds" if maxsize == 0 or maxsize is None else "lru"
    if maxsize is not None:
        return "lru"
    return "own-cache"


def check_predict_cache_info(predict_cache_info) -> str:
    cases = q1_cases()
    for label, plans, maxsize in cases:
        expected = actual_cache_info(plans, maxsize)
        where = _q1_input(plans, maxsize)
        got = _call(predict_cache_info, copy.deepcopy(plans), maxsize, what="predict_cache_info")
        _check_q1_shape(got, expected, where)
        if got == expected:
            continue
        why = {
            "each worker has its own cache": "a worker process has its own lru_cache: a key that worker 0 "
                                             "computed is still a miss in worker 1",
            "LRU eviction: a hit makes a key recent": "when the cache is full, lru_cache evicts the key used "
                                                      "least recently; a hit counts as a use",
            "maxsize=0 caches nothing": "lru_cache(maxsize=0) stores nothing: every call is a miss and currsize "
                                        "stays 0",
            "maxsize=1": "with maxsize=1 the cache holds only the last key",
        }.get(label, "simulate one LRU cache per worker: hits, misses, and how many keys it holds at the end "
                     "(never more than maxsize)")
        if (maxsize is None and all(g[0] + g[1] == len(p) for g, p in zip(got, plans))
                and sum(g[0] for g in got) > sum(e[0] for e in expected)):
            why += (" (your hits and misses add up to each worker's calls, but you predict more hits than there "
                    "are: as if the workers shared one cache)")
        raise Failure(f"wrong prediction ({label})", clause=_q1_clause(plans, maxsize, got, label), input=where,
                      expected=expected, got=got, why=why)
    return f"all {len(cases)} pools predicted exactly: one cache per worker, LRU eviction, maxsize 0 and None."


def _predict(predict_cache_info, plans, maxsize):
    expected = actual_cache_info(plans, maxsize)
    got = _call(predict_cache_info, [list(p) for p in plans], maxsize, what="predict_cache_info")
    _check_q1_shape(got, expected, _q1_input(plans, maxsize))
    if got != expected:
        raise Failure("wrong prediction", input=_q1_input(plans, maxsize), expected=expected, got=got)


def separate_caches(predict_cache_info):
    _predict(predict_cache_info, [["a", "b", "c"], ["a", "b", "c"], ["c", "c"]], None)


def lru_eviction(predict_cache_info):
    _predict(predict_cache_info, [["a", "b", "a", "c", "b", "a"], ["p", "q", "p", "r", "p"]], 2)
    _predict(predict_cache_info, [["a", "a"], []], 0)


q1 = Exercise(
    LESSON, "q1", "Predict every worker's cache_info()", "predict_cache_info", check_predict_cache_info,
    clauses={
        "shape": "it returns a list with one tuple (hits, misses, currsize) of ints per worker, in worker order",
        "own-cache": "each worker has its own cache, empty at the start: a key another worker computed is still "
                     "a miss",
        "lru": "with a maxsize, a miss that would overflow the cache evicts the least recently used key (a hit "
               "counts as a use)",
        "bounds": "maxsize=None never evicts; maxsize=0 caches nothing (every call a miss, currsize 0)",
    },
    hints=[
        ("Each worker process has its own `lru_cache`: simulate one cache per plan, starting empty, and "
        "never let one worker's keys help another."),
        ("For one plan: keep the cached keys in an `OrderedDict` (or a list) in recency order. A key that is "
        "there is a hit and moves to the most recent end; otherwise a miss, and the key is added."),
        ("When a miss would make the cache hold more than `maxsize` keys, drop the least recent one. "
        "`maxsize=None` never drops; `maxsize=0` stores nothing at all. currsize is how many keys are left."),
    ],
    tests=[
        Graded("one cache per worker", 1, separate_caches),
        Graded("LRU eviction, maxsize 2 and 0", 1, lru_eviction),
        Graded("the self-check: every generated pool", 1, check_predict_cache_info),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
# (args, kwargs) pairs: the checks' generated inputs. JSON-like values only: str, int, float, bool, None,
# lists and dicts with str keys; dicts written in different orders where order must not matter.
Q2_CALLS: list[tuple[tuple, dict]] = [
    (("user:42",), {}),
    (("café", 1.5, None, True, -7), {}),
    (({"b": 2, "a": [1, {"y": 1, "x": 2}]},), {}),
    ((), {"page": 2, "lang": "fr"}),
    (("report", [3, 1, 2]), {"filters": {"region": "eu", "year": 2024}}),
]
SAME = [  # pairs of calls that mean the same and must get one key
    ("keyword order", ((), {"page": 2, "lang": "fr"}), ((), {"lang": "fr", "page": 2})),
    ("dict order", (({"a": 1, "b": 2},), {}), (({"b": 2, "a": 1},), {})),
    ("dict order, nested", (({"o": {"x": 1, "y": [{"p": 1, "q": 2}]}},), {}),
                           (({"o": {"y": [{"q": 2, "p": 1}], "x": 1}},), {})),
    ("dict order in a keyword's value", ((), {"f": {"region": "eu", "year": 2024}}),
                                        ((), {"f": {"year": 2024, "region": "eu"}})),
]
DIFFERENT = [  # pairs of calls that differ and must get different keys
    ("where one string ends", (("ab", "c"), {}), (("a", "bc"), {})),
    ("1 and '1'", ((1,), {}), (("1",), {})),
    ("True and 1", ((True,), {}), ((1,), {})),
    ("None and 'None'", ((None,), {}), (("None",), {})),
    ("argument order", ((1, 2), {}), ((2, 1), {})),
    ("positional and keyword", (("x", 1), {}), ((), {"x": 1})),
    ("keyword values swapped", ((), {"a": 1, "b": 2}), ((), {"a": 2, "b": 1})),
    ("a number inside a dict", (({"a": 1},), {}), (({"a": "1"},), {})),
    ("a list and its items", (([1, 2],), {}), ((1, 2), {})),
]
HASH_SEEDS = ("1", "2")

_CHILD = r"""
import json, sys
import cloudpickle
func, calls = cloudpickle.loads(sys.stdin.buffer.read())
keys = []
for args, kwargs in calls:
    try:
        keys.append(func(*args, **kwargs))
    except Exception as exc:
        keys.append(f"raised {type(exc).__name__}: {exc}")
print(json.dumps([k if isinstance(k, str) else repr(k) for k in keys]))
"""


def _describe(call: tuple[tuple, dict]) -> str:
    args, kwargs = call
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"stable_key({', '.join(parts)})"


def keys_in_fresh_processes(func, calls, hash_seeds=HASH_SEEDS) -> dict[str, list[str]]:
    """``func(*args, **kwargs)`` for every call, computed in one new Python per hash seed (all started
    at once), each with its own PYTHONHASHSEED. The function travels by value (cloudpickle), with the
    helpers and modules it uses. Returns {seed: keys}."""
    import cloudpickle

    try:
        payload = cloudpickle.dumps((func, calls))
    except Exception as exc:  # noqa: BLE001 - any pickling problem is reported, not raised
        raise Failure(f"the check could not send stable_key to another process: {type(exc).__name__}: {exc}",
                      why="keep stable_key a plain function of its arguments (hashlib, json and helpers you "
                          "define are fine; open files, locks or sockets are not)") from None
    runs = {}
    for seed in hash_seeds:
        # -S skips site's start-up work (a large part of a new Python's start on a busy machine); the
        # child gets this process's import path instead, so it finds cloudpickle and all the answer uses.
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, sys.path)])}
        runs[seed] = subprocess.Popen([sys.executable, "-S", "-c", _CHILD], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    results = {}
    try:
        for seed, run in runs.items():
            try:
                out, err = run.communicate(payload, timeout=30)
            except subprocess.TimeoutExpired:
                raise Failure("stable_key did not finish in a fresh process within 30 s", clause="processes",
                              why="does it wait for something, or loop?") from None
            if run.returncode != 0:
                last = err.decode(errors="replace").strip().splitlines()[-1:] or ["(no message)"]
                raise Failure(f"stable_key could not run in a fresh process: {last[0]}", clause="processes",
                              why="it must work in any process: use only its arguments, modules it imports, and "
                                  "functions you defined")
            results[seed] = json.loads(out)
    finally:
        for run in runs.values():  # nothing the check started outlives it
            if run.poll() is None:
                run.kill()
                run.wait()
    return results


def _key(stable_key, call) -> Any:
    args, kwargs = copy.deepcopy(call)
    return _call(stable_key, *args, what="stable_key", **kwargs)


def check_key_format(stable_key) -> str:
    key = _key(stable_key, Q2_CALLS[0])
    if type(key) is not str:
        raise Failure("stable_key must return a str",
                      clause="format", input=_describe(Q2_CALLS[0]), expected=Description("a str of hex digits"),
                      got=key, why="return hashlib's .hexdigest(): text that Redis, a file name or a log can hold")
    if len(key) < 32 or any(c not in "0123456789abcdef" for c in key):
        raise Failure("the key is not a hash digest in hex", clause="format", input=_describe(Q2_CALLS[0]),
                      expected=Description("at least 32 lower-case hex digits, e.g. hashlib.sha256(data).hexdigest()"),
                      got=key, why="hash the canonical encoding with hashlib and return .hexdigest(): the key "
                                   "then has a fixed length whatever the arguments")
    again = _key(stable_key, Q2_CALLS[0])
    expect_equal(again, key, input=f"{_describe(Q2_CALLS[0])}, twice",
                 why="the same arguments must give the same key, every time")
    return key


def check_same_and_different(stable_key) -> None:
    for label, one, other in SAME:
        a, b = _key(stable_key, one), _key(stable_key, other)
        if a != b:
            raise Failure(f"two calls that mean the same got different keys ({label})", clause="same",
                          input=f"{_describe(one)} and {_describe(other)}", expected=Description("one key"), got=(a, b),
                          why="a dict's items, and keyword arguments, come in the order someone wrote them: "
                              "sort them in the encoding (json.dumps(..., sort_keys=True) sorts dicts at every "
                              "depth)")
    for label, one, other in DIFFERENT:
        a, b = _key(stable_key, one), _key(stable_key, other)
        if a == b:
            raise Failure(f"two different calls got the same key ({label})", clause="different",
                          input=f"{_describe(one)} and {_describe(other)}", expected=Description("two different keys"),
                          got=a, why="the encoding must be unambiguous: keep each value's type, and separate the "
                                     "arguments, and the positional ones from the keyword ones (encode the pair "
                                     "[args, kwargs], not a flat list or a joined string)")


def check_stable_key(stable_key) -> str:
    check_key_format(stable_key)
    check_same_and_different(stable_key)
    calls = Q2_CALLS + [pair for _, one, other in SAME for pair in (one, other)]
    here = [_key(stable_key, call) for call in calls]
    there = keys_in_fresh_processes(stable_key, calls)
    for seed, keys in there.items():
        for call, mine, theirs in zip(calls, here, keys):
            if mine != theirs:
                raise Failure("another process computed a different key for the same call", clause="processes",
                              input=f"{_describe(call)} here, and in a new Python with PYTHONHASHSEED={seed}",
                              expected=mine, got=theirs,
                              why="hash() of a str (and anything built from it) changes from process to process, "
                                  "and repr() of a dict follows its insertion order: build the key with hashlib "
                                  "over a canonical encoding, never with hash()")
    return (f"{len(calls)} calls: the same keys here and in two new processes (PYTHONHASHSEED "
            f"{' and '.join(HASH_SEEDS)}); dict and keyword order ignored; {len(DIFFERENT)} look-alike pairs "
            f"kept apart.")


def order_does_not_matter(stable_key):
    check_key_format(stable_key)
    for label, one, other in SAME:
        if _key(stable_key, one) != _key(stable_key, other):
            raise Failure(f"different keys for the same call ({label})")


def look_alikes_kept_apart(stable_key):
    for label, one, other in DIFFERENT:
        if _key(stable_key, one) == _key(stable_key, other):
            raise Failure(f"one key for two different calls ({label})")


q2 = Exercise(
    LESSON, "q2", "A key that is the same in every process", "stable_key", check_stable_key,
    time_factor=3,  # it starts two fresh Pythons: seconds, on a busy machine
    clauses={
        "format": "it returns a str of at least 32 lower-case hex digits from hashlib, the same every time for "
                  "the same call",
        "processes": "it is the same in every process: new Pythons with PYTHONHASHSEED=1 and 2 compute the same "
                     "keys",
        "same": "calls that mean the same get one key: keyword arguments in any order, dicts in any order at any "
                "depth",
        "different": "calls that differ get different keys: 1 and '1', True and 1, ('ab', 'c') and ('a', 'bc'), "
                     "(1, 2) and (2, 1), f('x', 1) and f(x=1)",
    },
    hints=[
        ("`hash()` of a str changes between processes, and `repr()` of a dict follows insertion order. "
        "Encode the arguments as text that is the same wherever and however they were built, then hash "
        "that text with `hashlib`."),
        ("`json.dumps([args, kwargs], sort_keys=True)` sorts every dict at every depth, keeps `1`, `'1'` "
        "and `true` apart, and separates positional from keyword arguments."),
        ("Then `hashlib.sha256(text.encode('utf-8')).hexdigest()`. `ensure_ascii` (the default) keeps "
        "non-ASCII text such as 'café' the same on every platform too."),
    ],
    tests=[
        Graded("a hex digest; dict and keyword order ignored", 1, order_does_not_matter),
        Graded("look-alike calls get different keys", 1, look_alikes_kept_apart),
        Graded("the same keys in two fresh processes with other hash seeds", 2, check_stable_key),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
Q3_NAMESPACE = "q3check"


class Compute:
    """A counted ``compute`` for the checks: returns a fresh copy of ``value`` and counts its calls."""

    def __init__(self, value: Any):
        self.value = value
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return copy.deepcopy(self.value)


def start_redis() -> None:
    """Start this kernel's course server before the check's clock runs (Exercise.prepare): starting a
    server on a busy machine can take seconds, which no answer should be failed for."""
    from lessons.tools.redis_server import shared_server

    shared_server()


def redis_for_checks():
    """Two connections to this kernel's course server (a second one sees what a second process would),
    with every key of the checks' namespaces deleted first."""
    from lessons.tools.redis_server import shared_server

    server = shared_server()
    one, two = server.client(), server.client()
    for key in list(two.scan_iter(match=f"{Q3_NAMESPACE}*")):
        two.delete(key)
    return one, two


def entries(r, namespace: str) -> dict[bytes, bytes]:
    """What is stored under namespace (version key excluded), read through the client ``r``."""
    keys = sorted(k for k in r.scan_iter(match=f"{namespace}:*") if k != f"{namespace}:version".encode())
    return {k: r.get(k) for k in keys}


def _make(RedisCache, r, namespace: str, ttl: int):
    try:
        return _call(RedisCache, r, namespace, ttl, what="RedisCache(r, namespace, ttl)")
    except TypeError as error:
        raise Failure(f"RedisCache(r, namespace, ttl) raised TypeError: {error}",
                      why="the class takes a redis client, a namespace (str) and a TTL in seconds (int)") from None


def _get(cache, key: str, compute: Compute, where: str):
    return _call(cache.get_or_compute, key, compute, what=where)


def check_round_trips(RedisCache, r, other) -> None:
    """Misses compute once; hits do not; JSON values come back with their type; stored as JSON with a TTL."""
    values = [{"id": 7, "tags": ["a", "b"], "score": 1.5, "ok": True, "none": None}, 0, "", [], None, "text", 42]
    cache = _make(RedisCache, r, Q3_NAMESPACE, 60)
    for n, value in enumerate(values):
        key = f"k{n}"
        compute = Compute(value)
        where = f"get_or_compute({key!r}, compute) where compute() returns {value!r}"
        first = _get(cache, key, compute, where)
        second = _get(cache, key, compute, f"the same call again: {where}")
        if type(first) is not type(value) or first != value:
            raise Failure("a miss must return what compute() returned",
                          clause="hit-miss", input=where, expected=value, got=first)
        if type(second) is not type(value) or second != value:
            raise Failure("a hit returned something else than the value that was stored",
                          clause="hit-miss", input=where,
                          expected=value, got=second,
                          why="store json.dumps(value) and return json.loads(what Redis gives back): str(value) "
                              "or bytes do not come back as the same type")
        if compute.calls != 1:
            raise Failure(f"compute ran {compute.calls} times for two calls of one key",
                          clause="hit-miss", input=where, expected=1,
                          got=compute.calls,
                          why="the second call must be a hit. A cached value can be falsy (0, '', [], None): "
                              "test `raw is not None` on what GET returned, not the truth of the value")
    stored = entries(other, Q3_NAMESPACE)
    if len(stored) != len(values):
        raise Failure(f"found {len(stored)} entries under '{Q3_NAMESPACE}:' after caching {len(values)} keys",
                      clause="in-redis",
                      input=f"RedisCache(r, {Q3_NAMESPACE!r}, 60), {len(values)} keys",
                      expected=len(values), got=sorted(k.decode(errors='replace') for k in stored)[:8],
                      why="store each entry in Redis (not in a dict of the instance), under a key that starts "
                          "with the namespace and a colon, e.g. f'{namespace}:v{version}:{key}'")
    for name, raw in stored.items():
        try:
            json.loads(raw)
        except (ValueError, TypeError):
            raise Failure("an entry in Redis is not JSON text",
                          clause="in-redis", input=f"GET {name.decode(errors='replace')}",
                          expected=Description("JSON, e.g. b'{\"id\": 7, ...}'"), got=raw,
                          why="every process that reads the cache must be able to decode it, and unpickling "
                              "bytes someone else wrote runs their code: use json.dumps / json.loads") from None
        ttl = other.ttl(name)
        if not 0 < ttl <= 60:
            raise Failure("an entry has no time-to-live", clause="ttl", input=f"TTL {name.decode(errors='replace')}",
                          expected=Description("between 1 and 60 (the ttl given to RedisCache)"), got=ttl,
                          why="-1 means the entry never expires: pass ex=ttl to SET (SET key value EX ttl), so "
                              "that a stale entry that no invalidation reaches still goes away")


def check_invalidation(RedisCache, r, other) -> None:
    ns = f"{Q3_NAMESPACE}-v"
    a, b = _make(RedisCache, r, ns, 60), _make(RedisCache, other, ns, 60)
    first = Compute({"price": 3})
    _get(a, "apple", first, "a.get_or_compute('apple', compute)")
    shared = _get(b, "apple", first, "b.get_or_compute('apple', compute) on another connection")
    if first.calls != 1:
        raise Failure("a second instance, on another connection, computed again instead of hitting", clause="in-redis",
                      input="a = RedisCache(r1, ns, 60); b = RedisCache(r2, ns, 60); a and b ask for 'apple'",
                      expected=Description("1 execution"), got=Description(f"{first.calls} executions"),
                      why="the cache must live in Redis, where every process finds it, not in the instance")
    expect_equal(shared, {"price": 3}, input="b.get_or_compute('apple', compute) after a computed it")
    _call(a.invalidate, what="a.invalidate()")
    version = other.get(f"{ns}:version")
    if version is None or not version.isdigit() or int(version) < 1:
        raise Failure("invalidate() did not bump the namespace's version in Redis", clause="version",
                      input=f"a.invalidate(), then GET {ns}:version", expected=b"1", got=version,
                      why="invalidate() must INCR f'{namespace}:version' in Redis, so every process sees the new "
                          "version; deleting something locally reaches this instance only")
    second = Compute({"price": 4})
    after = _get(b, "apple", second, "b.get_or_compute('apple', compute) after a.invalidate()")
    if second.calls != 1 or after != {"price": 4}:
        raise Failure("after a.invalidate(), another instance still answered from the old entry", clause="version",
                      input="a.invalidate(); b.get_or_compute('apple', compute)",
                      expected={"price": 4}, got=after,
                      why="read the version from Redis on every call and put it in the key: an instance that "
                          "read it once, at start, never notices another process's invalidate()")
    other.incr(f"{ns}:version")  # what another process's invalidate() does
    third = Compute({"price": 5})
    after = _get(a, "apple", third, "a.get_or_compute('apple', compute) after INCR from another process")
    if third.calls != 1 or after != {"price": 5}:
        raise Failure("a version bump made by another process was not seen", clause="version",
                      input=f"another process runs INCR {ns}:version; then a.get_or_compute('apple', compute)",
                      expected={"price": 5}, got=after,
                      why="the version must be read from Redis on every call, not kept in the instance")
    hit = _get(a, "apple", Compute("must not run"), "a.get_or_compute('apple', compute) once more")
    expect_equal(hit, {"price": 5}, input="a.get_or_compute('apple', ...) again, with no invalidation between",
                 why="after the recomputation, the new entry is a hit")
    # namespaces are independent
    other_ns = _make(RedisCache, r, f"{Q3_NAMESPACE}-w", 60)
    counted = Compute("w")
    _get(other_ns, "apple", counted, "RedisCache(r, 'q3check-w', 60).get_or_compute('apple', ...)")
    _call(a.invalidate, what="a.invalidate()")
    _get(other_ns, "apple", counted, "the same call after invalidating another namespace")
    if counted.calls != 1:
        raise Failure("invalidating one namespace recomputed another",
                      clause="version", input="two namespaces, one invalidated",
                      expected=1, got=counted.calls,
                      why="each namespace has its own version key: f'{namespace}:version'")


class BackendDown(Exception):
    """What the checks' failing ``compute`` raises."""


def check_failures_not_cached(RedisCache, r, other) -> None:
    """A compute() that raises: the caller gets the exception, nothing is stored, the next call retries."""
    ns = f"{Q3_NAMESPACE}-f"
    cache = _make(RedisCache, r, ns, 60)

    def failing():
        raise BackendDown("the database is down")

    where = "get_or_compute('flaky', compute) where compute() raises BackendDown"
    try:
        got = _call(cache.get_or_compute, "flaky", failing, what=where)
    except BackendDown:
        got = BackendDown
    if got is not BackendDown:
        raise Failure("the exception raised by compute() did not reach the caller", clause="failures",
                      input=where, expected=Description("BackendDown raised"), got=got,
                      why="do not catch it: a caller must know the value could not be computed, and a "
                          "None or a default is a wrong answer that looks like a right one")
    stored = entries(other, ns)
    if stored:
        raise Failure("something was stored although compute() raised", clause="failures", input=where,
                      expected=Description("no entry"), got=sorted(k.decode(errors="replace") for k in stored),
                      why="store the value only after compute() returned")
    retry = Compute({"ok": True})
    value = _get(cache, "flaky", retry, "the next get_or_compute('flaky', compute), which works")
    if retry.calls != 1 or value != {"ok": True}:
        raise Failure("after a failure, the next call did not compute again", clause="failures",
                      input="get_or_compute('flaky', ...) after a failed one", expected={"ok": True}, got=value)


def check_redis_cache(RedisCache) -> str:
    if not isinstance(RedisCache, type):
        raise Failure("RedisCache must be a class", expected=Description("class RedisCache: ..."), got=RedisCache)
    r, other = redis_for_checks()
    try:
        check_round_trips(RedisCache, r, other)
        check_failures_not_cached(RedisCache, r, other)
        check_invalidation(RedisCache, r, other)
    finally:
        for key in list(other.scan_iter(match=f"{Q3_NAMESPACE}*")):
            other.delete(key)
        r.close()
        other.close()
    return ("JSON values round-trip (a cached 0, '' and None too), every entry has its TTL, failures are not "
            "cached, and an invalidate() from any connection makes every instance recompute once.")


def _with_redis(test, RedisCache):
    if not isinstance(RedisCache, type):
        raise Failure("RedisCache must be a class")
    r, other = redis_for_checks()
    try:
        test(RedisCache, r, other)
    finally:
        for key in list(other.scan_iter(match=f"{Q3_NAMESPACE}*")):
            other.delete(key)
        r.close()
        other.close()


def round_trips_with_ttl(RedisCache):
    _with_redis(check_round_trips, RedisCache)


def failures_are_not_cached(RedisCache):
    _with_redis(check_failures_not_cached, RedisCache)


def invalidation_everywhere(RedisCache):
    _with_redis(check_invalidation, RedisCache)


q3 = Exercise(
    LESSON, "q3", "Cache-aside on Redis: JSON, a TTL, version-bump invalidation", "RedisCache",
    check_redis_cache,
    prepare=start_redis,
    time_factor=3,  # some 150 round trips to a server process, which a busy machine schedules slowly
    clauses={
        "hit-miss": "get_or_compute calls compute() once on a miss and returns its result; a hit returns the "
                    "stored value with its type, without calling compute (a cached 0, '' or None too)",
        "in-redis": "entries live in Redis, not in the instance, as JSON text, under keys that start with "
                    "namespace + ':'",
        "ttl": "every entry has a TTL of ttl seconds (SET ... EX ttl)",
        "failures": "if compute() raises, the exception reaches the caller, nothing is stored, and the next "
                    "call computes again",
        "version": "the version at f'{namespace}:version' (missing = 0) is read on every call and is part of "
                   "every key; invalidate() INCRs it, so an INCR from any process invalidates every instance; "
                   "each namespace has its own",
    },
    hints=[
        ("Keys: `f'{namespace}:v{version}:{key}'`, where version is `int(r.get(f'{namespace}:version') or 0)`, "
        "read from Redis on *every* call. `invalidate()` is one line: `r.incr(f'{namespace}:version')`."),
        ("`get_or_compute`: `raw = r.get(full_key)`; if `raw is not None`, return `json.loads(raw)` (a cached "
        "0 or None is still a hit). Otherwise compute, then `r.set(full_key, json.dumps(value), ex=ttl)`."),
        ("No dict in the instance: a second process has its own instance and must see the same entries and "
        "the same invalidations. Everything the cache knows lives in Redis."),
    ],
    tests=[
        Graded("hits, misses, JSON values with their types, a TTL on every entry", 2, round_trips_with_ttl),
        Graded("a failing compute() raises to the caller and is not cached", 1, failures_are_not_cached),
        Graded("invalidate() from any process makes every instance recompute once", 2, invalidation_everywhere),
    ],
)


EXERCISES = [q1, q2, q3]

"""Graded tests of lesson 08 (12 points in all). Deterministic and bounded: every call into the answer
has a deadline; q2's fresh processes have a timeout; q3 runs against this kernel's course Redis server."""
from __future__ import annotations

from lessons.exercises.core import Failure, Graded
from lessons.exercises.l08 import (
    DIFFERENT,
    SAME,
    _check_q1_shape,
    _key,
    _q1_input,
    actual_cache_info,
    bounded,
    check_invalidation,
    check_key_format,
    check_predict_cache_info,
    check_round_trips,
    check_stable_key,
    redis_for_checks,
)


# -- q1 ---------------------------------------------------------------------------------------------------
def _predict(predict_cache_info, plans, maxsize):
    expected = actual_cache_info(plans, maxsize)
    got = bounded(predict_cache_info, [list(p) for p in plans], maxsize, what="predict_cache_info")
    _check_q1_shape(got, expected, _q1_input(plans, maxsize))
    if got != expected:
        raise Failure("wrong prediction", input=_q1_input(plans, maxsize), expected=expected, got=got)


def separate_caches(predict_cache_info):
    _predict(predict_cache_info, [["a", "b", "c"], ["a", "b", "c"], ["c", "c"]], None)


def lru_eviction(predict_cache_info):
    _predict(predict_cache_info, [["a", "b", "a", "c", "b", "a"], ["p", "q", "p", "r", "p"]], 2)
    _predict(predict_cache_info, [["a", "a"], []], 0)


# -- q2 ---------------------------------------------------------------------------------------------------
def order_does_not_matter(stable_key):
    check_key_format(stable_key)
    for label, one, other in SAME:
        if _key(stable_key, one) != _key(stable_key, other):
            raise Failure(f"different keys for the same call ({label})")


def look_alikes_kept_apart(stable_key):
    for label, one, other in DIFFERENT:
        if _key(stable_key, one) == _key(stable_key, other):
            raise Failure(f"one key for two different calls ({label})")


# -- q3 ---------------------------------------------------------------------------------------------------
def _with_redis(test, RedisCache):
    from lessons.exercises.l08 import Q3_NAMESPACE

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


def invalidation_everywhere(RedisCache):
    _with_redis(check_invalidation, RedisCache)


TESTS = {
    "q1": [
        Graded("one cache per worker", 1, separate_caches),
        Graded("LRU eviction, maxsize 2 and 0", 1, lru_eviction),
        Graded("the self-check: every generated pool", 1, check_predict_cache_info),
    ],
    "q2": [
        Graded("a hex digest; dict and keyword order ignored", 1, order_does_not_matter),
        Graded("look-alike calls get different keys", 1, look_alikes_kept_apart),
        Graded("the same keys in two fresh processes with other hash seeds", 2, check_stable_key),
    ],
    "q3": [
        Graded("hits, misses, JSON values with their types, a TTL on every entry", 2, round_trips_with_ttl),
        Graded("invalidate() from any process makes every instance recompute once", 2, invalidation_everywhere),
    ],
}

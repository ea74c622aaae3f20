"""Lesson 06: known-wrong answers, each breaking one clause, and right answers of other shapes.

Most wrong answers of q2 and q3 are the reference with one plausible change (``_variant``), so that each
breaks exactly the clause it names and nothing else gets in the way."""
from wrong_answers import Right, Wrong

Q2_REFERENCE = """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = (args, tuple(sorted(kwargs.items())))
            entry = cache.get(key)
            if entry is not None and timer() < entry[0]:
                hits += 1
                return entry[1]
            misses += 1
            value = func(*args, **kwargs)
            cache[key] = (timer() + ttl, value)
            return value

        def cache_info():
            return CacheInfo(hits, misses, None, len(cache))

        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper

    return decorator
"""

Q3_REFERENCE = """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            now = timer()
            entry = store.get(key)
            if entry is not None and now < entry[1]:
                store.move_to_end(key)
                return entry[0]
            value = func(*args, **kwargs)
            if maxsize <= 0:
                return value
            now = timer()
            for old in [k for k, (_, expires) in store.items() if not now < expires]:
                del store[old]
            while len(store) >= maxsize:
                store.popitem(last=False)
            store[key] = (value, now + ttl)
            return value

        wrapper.cache_clear = store.clear
        return wrapper

    return decorator
"""


def _variant(reference: str, *changes: tuple[str, str]) -> str:
    """The reference with each (old, new) replaced once; old must be there, so a variant never silently
    stays the reference."""
    for old, new in changes:
        assert reference.count(old) == 1, old
        reference = reference.replace(old, new)
    return reference


WRONG = {
    "q1": [
        Wrong("fresh at exactly ttl (<= instead of <)", """
def is_fresh(stored_at, ttl, now):
    return now <= stored_at + ttl
""", "wrong at exactly stored_at + ttl", clause="boundary"),
        Wrong("inverted: true when expired", """
def is_fresh(stored_at, ttl, now):
    return now - stored_at >= ttl
""", "wrong", clause="boundary"),
        Wrong("compares the age with the stored time", """
def is_fresh(stored_at, ttl, now):
    return now < ttl
""", "expected", clause="fresh"),
        Wrong("strings", """
def is_fresh(s, t, n): return 'fresh' if n < s + t else 'expired'
""", "return True or False", clause="bool"),
        Wrong("not >", """
def is_fresh(s, t, n): return not (n > s + t)
""", "wrong at exactly stored_at + ttl", clause="boundary"),
        Wrong("a tolerance that makes the boundary fresh", """
def is_fresh(s, t, n): return n - s < t + 1e-9
""", "wrong at exactly stored_at + ttl", clause="boundary"),
        Wrong("int(now): the whole second only (issue 11)", """
def is_fresh(stored_at, ttl, now):
    return int(now) < stored_at + ttl
""", "wrong freshness", clause="fresh"),
        Wrong("1 and 0 instead of True and False", """
def is_fresh(stored_at, ttl, now):
    return int(now < stored_at + ttl)
""", "return True or False", clause="bool"),
        Wrong("a table of the cases the old check tried", """
CASES = {(0, 10, 10): False, (5, 10, 15): False, (0, 10, 0): True, (0, 10, 9.5): True, (0, 10, 10.5): False,
         (2.5, 0.5, 2.75): True, (2.5, 0.5, 3): False, (2.5, 0.5, 3.25): False, (100, 60, 159.75): True,
         (100, 60, 160): False, (100, 60, 1000): False, (2.75, 0.5, 3.375): False, (0.25, 0.125, 0.375): False}
def is_fresh(stored_at, ttl, now):
    return CASES.get((stored_at, ttl, now), True)
""", "wrong", clause="boundary"),
        Wrong("rounds the age to whole seconds", """
def is_fresh(stored_at, ttl, now):
    return round(now - stored_at) < ttl
""", "wrong", clause="fresh"),
    ],
    "q2": [
        Wrong("forgets to return the decorator", _variant(Q2_REFERENCE, ("    return decorator\n", "    decorator\n")),
              "must return a decorator", clause="decorator"),
        Wrong("a hit returns the stored entry, not the value", _variant(Q2_REFERENCE, (
            "                return entry[1]", "                return entry")), "wrong result", clause="result"),
        Wrong("the expiry test the wrong way round", _variant(Q2_REFERENCE, (
            "timer() < entry[0]", "entry[0] < timer()")), "not a hit", clause="hit"),
        Wrong("fresh at exactly ttl", _variant(Q2_REFERENCE, ("timer() < entry[0]", "timer() <= entry[0]")),
              "expired at exactly stored_at + ttl", clause="expiry"),
        Wrong("reads the real clock instead of the timer", _variant(
            Q2_REFERENCE, ("timer() < entry[0]", "time.monotonic() < entry[0]"),
            ("(timer() + ttl, value)", "(time.monotonic() + ttl, value)")),
            "read the time from the timer you were given", clause="timer"),
        Wrong("keeps the first storing time when it recomputes", _variant(
            Q2_REFERENCE, ("            cache[key] = (timer() + ttl, value)",
                           "            cache[key] = (entry[0] if entry else timer() + ttl, value)")),
            "store it with the *new* time", clause="expiry"),
        Wrong("keyword order matters", _variant(Q2_REFERENCE, ("tuple(sorted(kwargs.items()))",
                                                               "tuple(kwargs.items())")),
              "another order", clause="keys"),
        Wrong("keyword names dropped from the key", _variant(Q2_REFERENCE, (
            "tuple(sorted(kwargs.items()))", "tuple(sorted(kwargs.values()))")), "names and values", clause="keys"),
        Wrong("a flattened key: a positional pair looks like a keyword", _variant(
            Q2_REFERENCE, ("(args, tuple(sorted(kwargs.items())))", "args + tuple(sorted(kwargs.items()))")),
            "collide", clause="keys"),
        Wrong("a cached falsy value looks missing", _variant(Q2_REFERENCE, (
            "if entry is not None and", "if entry and entry[1] and")), "a cached 0 was not a hit", clause="falsy"),
        Wrong("swallows the function's exception", _variant(Q2_REFERENCE, (
            "            value = func(*args, **kwargs)\n",
            ("            try:\n                value = func(*args, **kwargs)\n"
            "            except Exception:\n                value = None\n"))), "did not reach the caller",
            clause="exceptions"),
        Wrong("currsize = hits + misses", _variant(Q2_REFERENCE, ("CacheInfo(hits, misses, None, len(cache))",
                                                                 "CacheInfo(hits, misses, None, hits + misses)")),
              "wrong currsize", clause="info"),
        Wrong("a plain tuple instead of CacheInfo", _variant(Q2_REFERENCE, (
            "CacheInfo(hits, misses, None, len(cache))", "(hits, misses, None, len(cache))")),
            "namedtuple", clause="info"),
        Wrong("counts an expired entry as a hit", _variant(
            Q2_REFERENCE, ("            misses += 1\n", ("            if entry is None:\n                misses += 1\n"
                                                       "            else:\n                hits += 1\n"))),
            "wrong hits", clause="info"),
        Wrong("cache_clear keeps the counters", _variant(Q2_REFERENCE, (
            "            cache.clear()\n            hits = misses = 0", "            cache.clear()")),
            "did not reset", clause="clear"),
        Wrong("one cache for every decorated function", _variant(
            Q2_REFERENCE, ("    def decorator(func):\n        cache = {}\n        hits = misses = 0\n",
                           "    cache = {}\n    def decorator(func):\n        hits = misses = 0\n")),
            "share one cache", clause="separate"),
    ],
    "q3": [
        Wrong("the broken cache, unchanged", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = {}
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = args + tuple(sorted(kwargs.items()))
            now = timer()
            if key in store:
                value, stored_at = store[key]
                if now - stored_at < ttl:
                    return value
                del store[key]
            value = func(*args, **kwargs)
            if len(store) >= maxsize:
                del store[next(iter(store))]
            store[key] = (value, now)
            return value
        wrapper.cache_clear = store.clear
        return wrapper
    return decorator
""", "collide", clause="keys"),
        Wrong("a hit returns the whole entry", _variant(Q3_REFERENCE, ("                return entry[0]",
                                                                       "                return entry")),
              "wrong result", clause="decorator"),
        Wrong("key still flattened", _variant(Q3_REFERENCE, ("hashkey(*args, **kwargs)",
                                                             "args + tuple(sorted(kwargs.items()))")),
              "collide", clause="keys"),
        Wrong("keyword arguments ignored in the key", _variant(Q3_REFERENCE, ("hashkey(*args, **kwargs)", "args")),
              "collide", clause="keys"),
        Wrong("hash() of the key (hash(-1) == hash(-2))", _variant(Q3_REFERENCE, (
            "hashkey(*args, **kwargs)", "hash(hashkey(*args, **kwargs))")), "hash(-1) == hash(-2)", clause="keys"),
        Wrong("keyword order matters", _variant(Q3_REFERENCE, (
            "hashkey(*args, **kwargs)", "(args, tuple(kwargs.items()))")), "keyword order", clause="keys"),
        Wrong("key fixed, still FIFO", _variant(Q3_REFERENCE, ("                store.move_to_end(key)\n", "")),
              "FIFO", clause="lru"),
        Wrong("holds maxsize - 1 (evicts after storing, with >=)", _variant(
            Q3_REFERENCE, (("            while len(store) >= maxsize:\n                store.popitem(last=False)\n"
                           "            store[key] = (value, now + ttl)\n"),
                           ("            store[key] = (value, now + ttl)\n"
                           "            while len(store) >= maxsize:\n                store.popitem(last=False)\n"))),
            "should both stay in the cache", clause="lru"),
        Wrong("expired entries dropped only when full: a re-stored key keeps its old place", _variant(
            Q3_REFERENCE, ("            for old in", "            for old in [] if len(store) < maxsize else")),
            "stored again after it expired", clause="lru"),
        Wrong("evicts by recency while an expired entry holds a place (issue 11; the old hint 3)", _variant(
            Q3_REFERENCE, (("            for old in [k for k, (_, expires) in store.items() if not now < expires]:\n"
                           "                del store[old]\n"), "            store.pop(key, None)\n")),
            "while an expired one still held a place", clause="expired-first"),
        Wrong("fresh at exactly ttl", _variant(Q3_REFERENCE, ("now < entry[1]", "now <= entry[1]")),
              "wrong hit or miss at t = 10", clause="expiry"),
        Wrong("sliding TTL (a hit extends life)", _variant(Q3_REFERENCE, (
            "                store.move_to_end(key)\n",
            "                store[key] = (entry[0], now + ttl)\n                store.move_to_end(key)\n")),
            "does not extend", clause="expiry"),
        Wrong("a cached falsy value looks missing", _variant(Q3_REFERENCE, (
            "if entry is not None and now", "if entry and entry[0] and now")), "computed again", clause="falsy"),
        Wrong("maxsize=0 pops from an empty store (the old reference, issue 11)", _variant(
            Q3_REFERENCE, ("            if maxsize <= 0:\n                return value\n", "")),
            "KeyError", clause="maxsize-0"),
        Wrong("maxsize=0 still stores one entry", _variant(
            Q3_REFERENCE, ("            if maxsize <= 0:\n                return value\n", ""),
            ("while len(store) >= maxsize:", "while store and len(store) >= maxsize:")),
            "answered from the cache", clause="maxsize-0"),
        Wrong("swallows the function's exception", _variant(Q3_REFERENCE, (
            "            value = func(*args, **kwargs)\n",
            ("            try:\n                value = func(*args, **kwargs)\n"
            "            except Exception:\n                value = None\n"))), "did not reach the caller",
            clause="exceptions"),
        Wrong("forgets cache_clear", _variant(Q3_REFERENCE, ("        wrapper.cache_clear = store.clear\n", "")),
              "no cache_clear", clause="clear"),
        Wrong("other defaults (maxsize=100, as in Python 3.2's lru_cache)", _variant(
            Q3_REFERENCE, ("def ttl_lru_cache(maxsize=128,", "def ttl_lru_cache(maxsize=100,")),
            "default", clause="defaults"),
        Wrong("keyword names dropped from the key", _variant(Q3_REFERENCE, (
            "hashkey(*args, **kwargs)", "(args, tuple(sorted(kwargs.values())))")), "names and values", clause="keys"),
        Wrong("one store for every decorated function", _variant(
            Q3_REFERENCE, ("    def decorator(func):\n        store = collections.OrderedDict()\n",
                           "    store = collections.OrderedDict()\n    def decorator(func):\n")),
            "share one cache", clause="separate"),
    ],
}


RIGHT = {
    "q1": [
        Right("age compared with ttl", """
def is_fresh(stored_at, ttl, now):
    return now - stored_at < ttl
"""),
        Right("not expired", """
def is_fresh(stored_at, ttl, now):
    expires = stored_at + ttl
    return not now >= expires
"""),
        Right("TTLCache itself", """
def is_fresh(stored_at, ttl, now):
    clock = FakeClock(stored_at)
    c = TTLCache(maxsize=1, ttl=ttl, timer=clock)
    c['k'] = 1
    clock.set(now)
    return 'k' in c
"""),
        Right("reversed comparison", """
def is_fresh(s, t, n): return s + t > n
"""),
        Right("if/else", """
def is_fresh(stored_at, ttl, now):
    if now >= stored_at + ttl:
        return False
    return True
"""),
        Right("bool() of a difference", """
def is_fresh(stored_at, ttl, now):
    return bool(stored_at + ttl - now > 0)
"""),
    ],
    "q2": [
        Right("stores the time stored, deletes expired entries on lookup", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        stats = {"hits": 0, "misses": 0}
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            if key in cache:
                stored_at, value = cache[key]
                if timer() - stored_at < ttl:
                    stats["hits"] += 1
                    return value
                del cache[key]
            stats["misses"] += 1
            value = func(*args, **kwargs)
            cache[key] = (timer(), value)
            return value
        def cache_clear():
            cache.clear()
            stats.update(hits=0, misses=0)
        wrapper.cache_info = lambda: CacheInfo(stats["hits"], stats["misses"], None, len(cache))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
"""),
        Right("a class whose instances are the memoized functions", """
def ttl_memoize(ttl, timer=time.monotonic):
    class Memo:
        def __init__(self, func):
            self.func, self.cache, self.hits, self.misses = func, {}, 0, 0
            functools.update_wrapper(self, func)
        def __call__(self, *args, **kwargs):
            key = hashkey(*args, **kwargs)
            entry = self.cache.get(key)
            if entry and timer() < entry[0]:
                self.hits += 1
                return entry[1]
            self.misses += 1
            value = self.func(*args, **kwargs)
            self.cache[key] = (timer() + ttl, value)
            return value
        def cache_info(self):
            return CacheInfo(self.hits, self.misses, None, len(self.cache))
        def cache_clear(self):
            self.cache.clear()
            self.hits = self.misses = 0
    return Memo
"""),
        Right("cachetools.func.ttl_cache(None)", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        return cachetools.func.ttl_cache(maxsize=None, ttl=ttl, timer=timer)(func)
    return decorator
"""),
        Right("cached(TTLCache(inf), info=True)", """
import math
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        return cached(TTLCache(math.inf, ttl, timer=timer), info=True)(func)
    return decorator
"""),
        Right("expiring everything on each call, currsize fresh only", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        n = {"h": 0, "m": 0}
        def wrapper(*args, **kwargs):
            now = timer()
            for k in [k for k, (e, _) in cache.items() if not now < e]:
                del cache[k]
            key = hashkey(*args, **kwargs)
            if key in cache:
                n["h"] += 1
                return cache[key][1]
            n["m"] += 1
            v = func(*args, **kwargs)
            cache[key] = (timer() + ttl, v)
            return v
        def info():
            now = timer()
            return CacheInfo(n["h"], n["m"], None, sum(now < e for e, _ in cache.values()))
        def clear():
            cache.clear(); n.update(h=0, m=0)
        wrapper.cache_info, wrapper.cache_clear = info, clear
        return wrapper
    return decorator
"""),
        Right("keys bound to the signature (inspect.signature().bind)", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        signature = inspect.signature(func)
        cache = {}
        counts = [0, 0]
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            key = (bound.args, tuple(sorted(bound.kwargs.items())))
            if key in cache and timer() < cache[key][0]:
                counts[0] += 1
                return cache[key][1]
            counts[1] += 1
            value = func(*args, **kwargs)
            cache[key] = (timer() + ttl, value)
            return value
        def cache_clear():
            cache.clear()
            counts[:] = [0, 0]
        wrapper.cache_info = lambda: CacheInfo(counts[0], counts[1], None, len(cache))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
"""),
    ],
    "q3": [
        Right("cachetools itself, one TTLCache per decorated function", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        return cached(TTLCache(maxsize, ttl, timer=timer), key=hashkey)(func)
    return decorator
"""),
        Right("OrderedDict with stored times and a tuple-pair key", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            now = timer()
            if key in store:
                value, stored_at = store[key]
                if now - stored_at < ttl:
                    store.move_to_end(key)
                    return value
            value = func(*args, **kwargs)
            now = timer()
            fresh = collections.OrderedDict((k, e) for k, e in store.items() if now - e[1] < ttl)
            store.clear()
            store.update(fresh)
            if maxsize > 0:
                if len(store) >= maxsize:
                    store.popitem(last=False)
                store[key] = (value, now)
            return value
        wrapper.cache_clear = store.clear
        return wrapper
    return decorator
"""),
        Right("plain dict, pop and re-insert on a hit", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = {}
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            if key in store:
                value, expires = store.pop(key)
                if timer() < expires:
                    store[key] = (value, expires)
                    return value
            value = func(*args, **kwargs)
            for k in [k for k, (_, e) in store.items() if e <= timer()]:
                del store[k]
            if maxsize < 1:
                return value
            if len(store) >= maxsize:
                del store[next(iter(store))]
            store[key] = (value, timer() + ttl)
            return value
        wrapper.cache_clear = store.clear
        return wrapper
    return decorator
"""),
        Right("class with a last-used counter", """
class ttl_lru_cache:
    def __init__(self, maxsize=128, ttl=60, timer=time.monotonic):
        self.maxsize, self.ttl, self.timer = maxsize, ttl, timer
    def __call__(self, func):
        store, used = {}, {}
        tick = [0]
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            tick[0] += 1
            if key in store and self.timer() < store[key][1]:
                used[key] = tick[0]
                return store[key][0]
            value = func(*args, **kwargs)
            for k in [k for k, (_, e) in store.items() if not self.timer() < e]:
                del store[k], used[k]
            if self.maxsize == 0:
                return value
            if len(store) >= self.maxsize:
                victim = min(used, key=used.get)
                del store[victim], used[victim]
            store[key] = (value, self.timer() + self.ttl); used[key] = tick[0]
            return value
        def cache_clear():
            store.clear(); used.clear()
        wrapper.cache_clear = cache_clear
        return wrapper
"""),
        Right("cachetools' LRUCache for the order, a dict of expiry times beside it", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    from cachetools import LRUCache
    def decorator(func):
        store, expires = LRUCache(maxsize), {}
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            if key in store and timer() < expires[key]:
                return store[key]                  # LRUCache's [] marks the key as used
            value = func(*args, **kwargs)
            for k in [k for k, e in expires.items() if not timer() < e]:
                store.pop(k, None)                 # pop never reorders the others
                del expires[k]
            try:
                store[key] = value                 # may evict the least recently used
            except ValueError:                     # maxsize=0: too large, as in cachetools' cached()
                return value
            expires[key] = timer() + ttl
            return value
        def cache_clear():
            store.clear(); expires.clear()
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
"""),
    ],
}

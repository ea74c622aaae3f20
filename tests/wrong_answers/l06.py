from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("fresh at exactly ttl (<= instead of <)", """
def is_fresh(stored_at, ttl, now):
    return now <= stored_at + ttl
""", "wrong at exactly stored_at + ttl"),
        Wrong("inverted: true when expired", """
def is_fresh(stored_at, ttl, now):
    return now - stored_at >= ttl
""", "wrong"),
        Wrong("compares the age with the stored time", """
def is_fresh(stored_at, ttl, now):
    return now < ttl
""", "expected"),
        Wrong('strings', """
def is_fresh(s,t,n): return 'fresh' if n < s+t else 'expired'
""", 'return True or False'),
        Wrong('not >', """
def is_fresh(s,t,n): return not (n > s + t)
""", 'wrong at exactly stored_at + ttl'),
        Wrong('age>ttl', """
def is_fresh(s,t,n): return n - s < t + 1e-9
""", 'wrong at exactly stored_at + ttl'),
    ],
    "q2": [
        Wrong("fresh at exactly ttl", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        hits = misses = 0
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = (args, tuple(sorted(kwargs.items())))
            if key in cache and timer() - cache[key][0] <= ttl:
                hits += 1
                return cache[key][1]
            misses += 1
            cache[key] = (timer(), func(*args, **kwargs))
            return cache[key][1]
        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0
        wrapper.cache_info = lambda: CacheInfo(hits, misses, None, len(cache))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", "expired at exactly stored_at + ttl"),
        Wrong("reads the real clock instead of the timer", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        hits = misses = 0
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = (args, tuple(sorted(kwargs.items())))
            if key in cache and time.monotonic() < cache[key][0]:
                hits += 1
                return cache[key][1]
            misses += 1
            cache[key] = (time.monotonic() + ttl, func(*args, **kwargs))
            return cache[key][1]
        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0
        wrapper.cache_info = lambda: CacheInfo(hits, misses, None, len(cache))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", "Read the time from the timer you were given"),
        Wrong("keeps the first storing time when it recomputes", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        stored = {}
        hits = misses = 0
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = (args, tuple(sorted(kwargs.items())))
            stored.setdefault(key, timer())
            if key in cache and timer() < stored[key] + ttl:
                hits += 1
                return cache[key]
            misses += 1
            cache[key] = func(*args, **kwargs)
            return cache[key]
        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            stored.clear()
            hits = misses = 0
        wrapper.cache_info = lambda: CacheInfo(hits, misses, None, len(cache))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", "store it with the *new* time"),
        Wrong("cache_clear keeps the counters", """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        counts = {"hits": 0, "misses": 0}
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            if key in cache and timer() < cache[key][0]:
                counts["hits"] += 1
                return cache[key][1]
            counts["misses"] += 1
            cache[key] = (timer() + ttl, func(*args, **kwargs))
            return cache[key][1]
        wrapper.cache_info = lambda: CacheInfo(counts["hits"], counts["misses"], None, len(cache))
        wrapper.cache_clear = cache.clear
        return wrapper
    return decorator
""", "reset the counters"),
        Wrong('kwargs order matters', """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        hits = misses = 0
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = (args, tuple(kwargs.items()))
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
""", 'in another order'),
        Wrong('currsize = hits+misses', """
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
            return CacheInfo(hits, misses, None, hits + misses)
        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", 'wrong currsize'),
        Wrong('currsize missing (maxsize=len)', """
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
            return CacheInfo(hits, misses, len(cache), None)
        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", 'wrong currsize'),
        Wrong('truthiness of value', """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        values, expires = {}, {}
        hits = misses = 0
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = (args, tuple(sorted(kwargs.items())))
            if values.get(key) and timer() < expires[key]:
                hits += 1
                return values[key]
            misses += 1
            values[key] = func(*args, **kwargs)
            expires[key] = timer() + ttl
            return values[key]
        def cache_clear():
            nonlocal hits, misses
            values.clear(); expires.clear(); hits = misses = 0
        wrapper.cache_info = lambda: CacheInfo(hits, misses, None, len(values))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", 'a cached 0 was not a hit'),
        Wrong('shared cache in factory', """
def ttl_memoize(ttl, timer=time.monotonic):
    cache = {}
    stats = [0, 0]
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, tuple(sorted(kwargs.items())))
            entry = cache.get(key)
            if entry is not None and timer() < entry[0]:
                stats[0] += 1
                return entry[1]
            stats[1] += 1
            value = func(*args, **kwargs)
            cache[key] = (timer() + ttl, value)
            return value
        def cache_clear():
            cache.clear(); stats[:] = [0, 0]
        wrapper.cache_info = lambda: CacheInfo(stats[0], stats[1], None, len(cache))
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", 'share one cache'),
        Wrong('plain tuple info', """
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
            return (hits, misses, None, len(cache))
        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0
        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
""", 'should return CacheInfo'),
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
""", "collide"),
        Wrong("key fixed, still FIFO", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = {}
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
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
""", "FIFO"),
        Wrong("LRU fixed, key still flattened", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = args + tuple(sorted(kwargs.items()))
            entry = store.get(key)
            if entry is not None and timer() < entry[1]:
                store.move_to_end(key)
                return entry[0]
            store.pop(key, None)
            value = func(*args, **kwargs)
            while len(store) >= maxsize:
                store.popitem(last=False)
            store[key] = (value, timer() + ttl)
            return value
        return wrapper
    return decorator
""", "collide"),
        Wrong("keyword arguments ignored in the key", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = args
            entry = store.get(key)
            if entry is not None and timer() < entry[1]:
                store.move_to_end(key)
                return entry[0]
            value = func(*args, **kwargs)
            store[key] = (value, timer() + ttl)
            store.move_to_end(key)
            while len(store) > maxsize:
                store.popitem(last=False)
            return value
        return wrapper
    return decorator
""", "collide"),
        Wrong("LRU by moving on a hit, but fresh at exactly ttl", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            entry = store.get(key)
            if entry is not None and timer() - entry[1] <= ttl:
                store.move_to_end(key)
                return entry[0]
            store.pop(key, None)
            value = func(*args, **kwargs)
            while len(store) >= maxsize:
                store.popitem(last=False)
            store[key] = (value, timer())
            return value
        return wrapper
    return decorator
""", "wrong hit or miss at t = 10"),
        Wrong('expired key re-stored keeps its old LRU place', """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            entry = store.get(key)
            if entry is not None and timer() < entry[1]:
                store.move_to_end(key)
                return entry[0]
            pass
            value = func(*args, **kwargs)
            while len(store) >= maxsize:
                store.popitem(last=False)
            store[key] = (value, timer() + ttl)
            return value
        return wrapper
    return decorator
""", 'stored again after it expired'),
        Wrong('truthiness of cached value', """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        values = collections.OrderedDict(); expires = {}
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            if values.get(key) and timer() < expires[key]:
                values.move_to_end(key)
                return values[key]
            values.pop(key, None)
            value = func(*args, **kwargs)
            while len(values) >= maxsize:
                old, _ = values.popitem(last=False); expires.pop(old)
            values[key] = value; expires[key] = timer() + ttl
            return value
        return wrapper
    return decorator
""", 'a cached None is still a hit'),
        Wrong('holds maxsize-1 (evicts after insert with >=)', """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            entry = store.get(key)
            if entry is not None and timer() < entry[1]:
                store.move_to_end(key)
                return entry[0]
            store.pop(key, None)
            value = func(*args, **kwargs)
            store[key] = (value, timer() + ttl)
            if len(store) >= maxsize:
                store.popitem(last=False)
            return value
        return wrapper
    return decorator
""", 'should both stay in the cache'),
        Wrong('sliding TTL (a hit extends life)', """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    def decorator(func):
        store = collections.OrderedDict()
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            entry = store.get(key)
            if entry is not None and timer() < entry[1]:
                store[key] = (entry[0], timer() + ttl); store.move_to_end(key)
                return entry[0]
            store.pop(key, None)
            value = func(*args, **kwargs)
            while len(store) >= maxsize: store.popitem(last=False)
            store[key] = (value, timer() + ttl)
            return value
        return wrapper
    return decorator
""", 'does not extend'),
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
        Right('TTLCache itself', """
def is_fresh(stored_at, ttl, now):
    clock = FakeClock(stored_at)
    c = TTLCache(maxsize=1, ttl=ttl, timer=clock)
    c['k'] = 1
    clock.set(now)
    return 'k' in c
"""),
        Right('reversed comparison', """
def is_fresh(s,t,n): return s + t > n
"""),
        Right('if/else', """
def is_fresh(stored_at, ttl, now):
    if now >= stored_at + ttl:
        return False
    return True
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
        Right('cachetools.func.ttl_cache(None)', """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        return cachetools.func.ttl_cache(maxsize=None, ttl=ttl, timer=timer)(func)
    return decorator
"""),
        Right('hashkey + frozenset keys', """
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        cache = {}
        hits = misses = 0
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = hashkey(*args, **kwargs)
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
"""),
        Right('cached(TTLCache(inf), info=True)', """
import math
def ttl_memoize(ttl, timer=time.monotonic):
    def decorator(func):
        w = cached(TTLCache(math.inf, ttl, timer=timer), info=True)(func)
        return w
    return decorator
"""),
        Right('expiring everything on store, currsize fresh only', """
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
    ],
    "q3": [
        Right("fixed by using cachetools itself", """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    return cached(TTLCache(maxsize, ttl, timer=timer), key=hashkey)
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
                del store[key]
            value = func(*args, **kwargs)
            if len(store) >= maxsize:
                store.popitem(last=False)
            store[key] = (value, timer())
            return value
        wrapper.cache_clear = store.clear
        return wrapper
    return decorator
"""),
        Right('plain dict, pop and re-insert on a hit', """
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
            if len(store) >= maxsize:
                del store[next(iter(store))]
            store[key] = (value, timer() + ttl)
            return value
        return wrapper
    return decorator
"""),
        Right('class with last-used counter', """
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
            store.pop(key, None); used.pop(key, None)
            value = func(*args, **kwargs)
            if len(store) >= self.maxsize:
                victim = min(used, key=used.get)
                del store[victim], used[victim]
            store[key] = (value, self.timer() + self.ttl); used[key] = tick[0]
            return value
        return wrapper
"""),
        Right('LRUCache holding (value, expires)', """
def ttl_lru_cache(maxsize=128, ttl=60, timer=time.monotonic):
    from cachetools import LRUCache
    def decorator(func):
        store = LRUCache(maxsize)
        def wrapper(*args, **kwargs):
            key = hashkey(*args, **kwargs)
            entry = store.get(key)
            if entry is not None and timer() < entry[1]:   # LRUCache.get marks the key as used
                return entry[0]
            store.pop(key, None)
            value = func(*args, **kwargs)
            store[key] = (value, timer() + ttl)
            return value
        return wrapper
    return decorator
"""),
    ],
}

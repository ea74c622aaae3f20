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
    ],
}

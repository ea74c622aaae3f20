from wrong_answers import Right, Wrong

_MEMOIZE = """
def lru_memoize(maxsize=128):
    if maxsize is not None and maxsize < 0:
        maxsize = 0
    def decorator(func):
        cache = OrderedDict()
        hits = misses = 0

        @functools.wraps(func)
        def wrapper(*args):
            nonlocal hits, misses
            if args in cache:
                hits += 1
                {on_hit}
                return cache[args]
            misses += 1
            {before_call}
            result = func(*args)
            {after_call}
            return result

        def cache_info():
            return (hits, misses, maxsize, len(cache))

        def cache_clear():
            nonlocal hits, misses
            cache.clear()
            hits = misses = 0

        wrapper.cache_info = cache_info
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
"""
_STORE = """if maxsize != 0 and args not in cache:
                cache[args] = result
                if maxsize is not None and len(cache) > maxsize:
                    cache.popitem(last=False)"""


def memoize(on_hit="cache.move_to_end(args)", before_call="pass", after_call=_STORE):
    return _MEMOIZE.format(on_hit=on_hit, before_call=before_call, after_call=after_call)


_CLASS = """
class LRUCache:
    def __init__(self, maxsize):
        self.maxsize = maxsize
        self.data = OrderedDict()
        self.hits = self.misses = self.evictions = 0

    def get(self, key, default=None):
        if key in self.data:
            self.hits += 1
            {on_hit}
            return self.data[key]
        self.misses += 1
        return default

    def put(self, key, value):
{put}

    def __len__(self):
        return len(self.data)
"""
_PUT = """        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) >= self.maxsize:
            self.data.popitem(last=False)
            self.evictions += 1
        self.data[key] = value"""


def lrucache(on_hit="self.data.move_to_end(key)", put=_PUT):
    return _CLASS.format(on_hit=on_hit, put=put)


_SHARED = """
def lru_memoize(maxsize=128):
    if maxsize is not None and maxsize < 0:
        maxsize = 0
    cache = OrderedDict()
    stats = [0, 0]
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args):
            if args in cache:
                stats[0] += 1
                cache.move_to_end(args)
                return cache[args]
            stats[1] += 1
            result = func(*args)
            if maxsize != 0 and args not in cache:
                cache[args] = result
                if maxsize is not None and len(cache) > maxsize:
                    cache.popitem(last=False)
            return result
        wrapper.cache_info = lambda: (stats[0], stats[1], maxsize, len(cache))
        def cache_clear():
            cache.clear(); stats[:] = [0, 0]
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorator
"""


WRONG = {
    "q1": [
        Wrong("FIFO thinking: the hit on A does not refresh it", 'predicted_cache = ["C", "D", "E"]',
              "first-in-first-out", clause="keys"),
        Wrong("most recently used first", 'predicted_cache = ["E", "B", "D"]', "opposite order", clause="order"),
        Wrong("a set: order lost", 'predicted_cache = {"D", "B", "E"}', "list of keys", clause="shape"),
        Wrong("forgot that the trace evicts twice", 'predicted_cache = ["A", "D", "B"]', "not what the cache holds",
              clause="keys"),
        Wrong("B and D swapped", 'predicted_cache = ["B", "D", "E"]', "wrong order", clause="order"),
        Wrong("only the keys since the last eviction", 'predicted_cache = ["B", "E"]', "not what the cache holds",
              clause="keys"),
        Wrong("the keys as one string with spaces", 'predicted_cache = "D B E"', "list of keys", clause="shape"),
        Wrong("every key ever seen", 'predicted_cache = ["A", "C", "D", "B", "E"]', "not what the cache holds",
              clause="keys"),
    ],
    "q2": [
        Wrong("get does not refresh: a FIFO cache", lrucache(on_hit="pass"),
              "a hit must make the key the most recently used", clause="lru"),
        Wrong("popitem() evicts the most recently used key", lrucache(put=_PUT.replace("popitem(last=False)", "popitem()")),
              "popitem(last=False)", clause="lru"),
        Wrong("evicts before checking whether the key is already there", lrucache(put="""        if len(self.data) >= self.maxsize:
            self.data.popitem(last=False)
            self.evictions += 1
        self.data[key] = value
        self.data.move_to_end(key)"""), "evicted another key", clause="update"),
        Wrong("evictions never counted", lrucache(put=_PUT.replace("            self.evictions += 1\n", "")),
              "counters", clause="counters"),
        Wrong("get tests the value's truthiness: a stored 0 is a miss", lrucache().replace(
            "        if key in self.data:\n            self.hits", "        if self.data.get(key):\n            self.hits"),
              "a stored 0", clause="get"),
        Wrong("get returns `value or default`", lrucache().replace("return self.data[key]",
                                                                    "return self.data[key] or default"),
              "a stored 0", clause="get"),
        Wrong("put on a present key does not refresh it", lrucache(put="""        if key not in self.data and len(self.data) >= self.maxsize:
            self.data.popitem(last=False)
            self.evictions += 1
        self.data[key] = value"""), "did not make it the most recently used", clause="lru"),
        Wrong("the OrderedDict is a class attribute, shared by every cache",
              lrucache().replace("        self.data = OrderedDict()\n", "").replace(
                  "class LRUCache:\n", "class LRUCache:\n    data = OrderedDict()\n"), "share their entries",
              clause="separate"),
        Wrong("__len__ returns maxsize", lrucache().replace("return len(self.data)", "return self.maxsize"),
              "len", clause="len"),
        Wrong("no __len__ at all", lrucache().replace("    def __len__(self):\n        return len(self.data)\n", ""),
              "__len__", clause="len"),
        Wrong("keyed by hash(key): -1 and -2 collide", lrucache().replace("if key in self.data:",
              "key = hash(key)\n        if key in self.data:"), "get(", clause="lru"),
        Wrong("a miss also counts as a hit when the default is returned", lrucache().replace(
            "        self.misses += 1\n        return default", "        self.misses += 1\n        self.hits += 0 if default is None else 1\n        return default"),
              "counters", clause="counters"),
        Wrong("evicts only when over maxsize + 1", lrucache(put=_PUT.replace(">= self.maxsize", "> self.maxsize")),
              "lru_cache", clause="lru"),
        Wrong("get ignores its default and returns None", lrucache().replace("        return default", "        return None"),
              "default", clause="get"),
        Wrong("not a class: a function returning a dict", """
def LRUCache(maxsize):
    return {"maxsize": maxsize}
""", "should be a class", clause="class"),
        Wrong("counters are class attributes, shared by every cache", lrucache().replace(
            "        self.hits = self.misses = self.evictions = 0\n", "").replace(
            "class LRUCache:\n", "class LRUCache:\n    counts = [0, 0, 0]\n    hits = property(lambda self: self.counts[0])\n"
            "    misses = property(lambda self: self.counts[1])\n    evictions = property(lambda self: self.counts[2])\n")
            .replace("self.hits += 1", "self.counts[0] += 1").replace("self.misses += 1", "self.counts[1] += 1")
            .replace("self.evictions += 1", "self.counts[2] += 1"), "share their counters", clause="separate"),
    ],
    "q3": [
        Wrong("a hit does not refresh: FIFO", memoize(on_hit="pass"), "a hit must make the key the most recently used",
              clause="lru"),
        Wrong("popitem() evicts the entry just stored",
              memoize(after_call=_STORE.replace("popitem(last=False)", "popitem()")), "popitem(last=False)",
              clause="lru"),
        Wrong("stores a placeholder before calling, so recursion evicts differently",
              memoize(before_call="""cache[args] = None
            if maxsize is not None and len(cache) > maxsize:
                cache.popitem(last=False)""", after_call="""if maxsize != 0:
                cache[args] = result
                if maxsize is not None and len(cache) > maxsize:
                    cache.popitem(last=False)"""), "store it then", clause="store-on-return"),
        Wrong("maxsize=None compared with an int", memoize(after_call="""cache[args] = result
            if len(cache) > maxsize:
                cache.popitem(last=False)"""), "TypeError"),
        Wrong("evicts before inserting, even when maxsize is 0", memoize(after_call="""if len(cache) >= maxsize if maxsize is not None else False:
                cache.popitem(last=False)
            cache[args] = result"""), "KeyError"),
        Wrong("one cache for every function the decorator wraps", _SHARED, "share one cache", clause="per-function"),
        Wrong("`is not None` lookup: a None result is never a hit", memoize().replace(
            "            if args in cache:\n                hits += 1",
            "            if cache.get(args) is not None:\n                hits += 1"), "whatever its value",
              clause="falsy"),
        Wrong("truthiness lookup: a 0 result is never a hit", memoize().replace(
            "            if args in cache:\n                hits += 1",
            "            if cache.get(args):\n                hits += 1"), "whatever its value", clause="falsy"),
        Wrong("the key is only the first argument",
              memoize().replace("args in cache", "args[0] in cache").replace("move_to_end(args)", "move_to_end(args[0])")
              .replace("return cache[args]", "return cache[args[0]]").replace("cache[args] = result",
                                                                             "cache[args[0]] = result"),
              "tuple", clause="key"),
        Wrong("cache_clear() resets the counters but keeps the entries",
              memoize().replace("            cache.clear()\n", ""), "cache_clear() empties", clause="clear"),
        Wrong("returns functools.lru_cache itself", """
def lru_memoize(maxsize=128):
    return functools.lru_cache(maxsize)
""", "library cache", clause="own"),
        Wrong("wraps functools.lru_cache in a function of its own", """
def lru_memoize(maxsize=128):
    def decorator(func):
        inner = functools.lru_cache(maxsize=maxsize)(func)
        def wrapper(*args):
            return inner(*args)
        wrapper.cache_info = lambda: tuple(inner.cache_info())
        wrapper.cache_clear = inner.cache_clear
        return wrapper
    return decorator
""", "library cache", clause="own"),
        Wrong("keyed by hash(args): -1 and -2 collide", memoize().replace(
            "            if args in cache:", "            args = hash(args)\n            if args in cache:").replace(
            "result = func(*args)", "result = func(*original)").replace(
            "        def wrapper(*args):\n", "        def wrapper(*args):\n            original = args\n"),
              "hash(-1) == hash(-2)", clause="key"),
        Wrong("lru_cache's fast path copied: a single int or str argument is its own key", memoize().replace(
            "        def wrapper(*args):\n", "        def wrapper(*args):\n"
            "            if len(args) == 1 and type(args[0]) in (int, str):\n                args = args[0]\n"
            "                call = (args,)\n            else:\n                call = args\n").replace(
            "result = func(*args)", "result = func(*call)"), "f(1.0)", clause="key"),
        Wrong("a negative maxsize reported as given", memoize().replace(
            "    if maxsize is not None and maxsize < 0:\n        maxsize = 0\n", "").replace(
            "if maxsize != 0 and args not in cache:", "if (maxsize is None or maxsize > 0) and args not in cache:"),
              "negative maxsize", clause="sizes"),
        Wrong("maxsize=0 still stores one entry", memoize(after_call="""if args not in cache:
                cache[args] = result
                if maxsize is not None and len(cache) > max(maxsize, 1):
                    cache.popitem(last=False)"""), "maxsize=0 stores nothing", clause="sizes"),
        Wrong("an exception is swallowed and None returned", memoize(before_call="""try:
                result = func(*args)
            except Exception:
                return None""").replace("            result = func(*args)\n            if maxsize", "            if maxsize"),
              "returned instead of raising", clause="exceptions"),
        Wrong("an exception is cached as the result", memoize(before_call="""try:
                result = func(*args)
            except Exception as error:
                cache[args] = error
                raise""").replace("            result = func(*args)\n            if maxsize", "            if maxsize"),
              "returned instead of raising", clause="exceptions"),
        Wrong("a hit calls the function again (counted as a hit)", memoize(on_hit="func(*args)"),
              "ran func 1 time(s) and counted 1 hit(s)", clause="counts"),
        Wrong("the miss is counted after the call returns", memoize().replace(
            "            misses += 1\n", "").replace("            result = func(*args)\n",
            "            result = func(*args)\n            misses += 1\n"), "counted when the call starts", clause="exceptions"),
        Wrong("cache_info reports maxsize as currsize", memoize().replace(
            "return (hits, misses, maxsize, len(cache))", "return (hits, misses, maxsize, maxsize)"),
              "cache_info()", clause="lru"),
        Wrong("no cache_info()", memoize().replace("        wrapper.cache_info = cache_info\n", ""),
              "no cache_info()", clause="counts"),
        Wrong("lru_memoize is the decorator itself (no factory level)", """
def lru_memoize(func):
    return func
""", "decorator", clause="decorator"),
        Wrong("forgets functools.wraps", memoize().replace("        @functools.wraps(func)\n", ""), "__name__",
              clause="decorator"),
        Wrong("no default maxsize", memoize().replace("def lru_memoize(maxsize=128):", "def lru_memoize(maxsize):"),
              "without an argument", clause="decorator"),
        Wrong("cache_clear() empties the cache but keeps the counters", memoize().replace(
            "            cache.clear()\n            hits = misses = 0", "            cache.clear()"),
              "cache_clear()", clause="clear"),
    ],
}

# Correct answers of other shapes than the reference: each must pass and earn every point.
RIGHT = {
 "q1": [Right("a tuple", 'predicted_cache = ("D", "B", "E")'), Right("a string", 'predicted_cache = "DBE"'),
        Right("built with list()", 'predicted_cache = list("DBE")')],
 "q2": [
    Right("a plain dict: pop and re-insert", """
class LRUCache:
    def __init__(self, maxsize):
        self.maxsize = maxsize
        self.store = {}
        self.hits = 0
        self.misses = 0
        self.evictions = 0
    def get(self, key, default=None):
        try:
            value = self.store.pop(key)
        except KeyError:
            self.misses += 1
            return default
        self.store[key] = value
        self.hits += 1
        return value
    def put(self, key, value):
        if key in self.store:
            del self.store[key]
        elif len(self.store) == self.maxsize:
            del self.store[next(iter(self.store))]
            self.evictions += 1
        self.store[key] = value
    def __len__(self):
        return len(self.store)
"""),
    Right("a subclass of OrderedDict, evicting after inserting", """
class LRUCache(OrderedDict):
    def __init__(self, maxsize):
        super().__init__()
        self.maxsize = maxsize
        self.hits = self.misses = self.evictions = 0
    def get(self, key, default=None):
        if key not in self:
            self.misses += 1
            return default
        self.hits += 1
        self.move_to_end(key)
        return self[key]
    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.maxsize:
            self.popitem(last=False)
            self.evictions += 1
"""),
    Right("a sentinel for the miss and a most-recent-first OrderedDict", """
_MISSING = object()
class LRUCache:
    def __init__(self, maxsize):
        self.maxsize = maxsize
        self.od = OrderedDict()   # most recently used FIRST
        self.hits = self.misses = self.evictions = 0
    def get(self, key, default=None):
        value = self.od.get(key, _MISSING)
        if value is _MISSING:
            self.misses += 1
            return default
        self.hits += 1
        self.od.move_to_end(key, last=False)
        return value
    def put(self, key, value):
        if key not in self.od and len(self.od) >= self.maxsize:
            self.od.popitem(last=True)
            self.evictions += 1
        self.od[key] = value
        self.od.move_to_end(key, last=False)
    def __len__(self):
        return len(self.od)
"""),
 ],
 "q3": [
    Right("a class-based decorator", """
class _LRU:
    def __init__(self, func, maxsize):
        self.func, self.maxsize = func, maxsize
        self.cache = OrderedDict()
        self.hits = self.misses = 0
        functools.update_wrapper(self, func)
    def __call__(self, *args):
        if args in self.cache:
            self.hits += 1
            self.cache.move_to_end(args)
            return self.cache[args]
        self.misses += 1
        result = self.func(*args)
        if self.maxsize is None or self.maxsize > 0:
            self.cache[args] = result
            self.cache.move_to_end(args)
            while self.maxsize is not None and len(self.cache) > self.maxsize:
                self.cache.popitem(last=False)
        return result
    def cache_info(self):
        return functools._CacheInfo(self.hits, self.misses, self.maxsize, len(self.cache))
    def cache_clear(self):
        self.cache.clear()
        self.hits = self.misses = 0

def lru_memoize(maxsize=128):
    return lambda func: _LRU(func, max(maxsize, 0) if maxsize is not None else None)
"""),
    Right("a plain dict, sentinel lookup, keyword-only maxsize, evicting before storing", """
def lru_memoize(*, maxsize=128):
    if maxsize is not None:
        maxsize = max(0, maxsize)
    def decorator(func):
        cache = {}
        stats = {"hits": 0, "misses": 0}
        missing = object()
        def wrapper(*args):
            value = cache.pop(args, missing)
            if value is not missing:
                stats["hits"] += 1
                cache[args] = value
                return value
            stats["misses"] += 1
            value = func(*args)
            if maxsize == 0:
                return value
            if args in cache:
                del cache[args]
            elif maxsize is not None and len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[args] = value
            return value
        wrapper.cache_info = lambda: (stats["hits"], stats["misses"], maxsize, len(cache))
        def cache_clear():
            cache.clear()
            stats.update(hits=0, misses=0)
        wrapper.cache_clear = cache_clear
        wrapper.__name__, wrapper.__doc__ = func.__name__, func.__doc__
        return wrapper
    return decorator
"""),
    Right("counters in a list, namedtuple cache_info, a None result cached", """
from collections import namedtuple
Info = namedtuple("Info", "hits misses maxsize currsize")
def lru_memoize(maxsize=128):
    maxsize = None if maxsize is None else max(maxsize, 0)
    def decorator(func):
        cache = OrderedDict()
        counts = [0, 0]
        @functools.wraps(func)
        def wrapper(*args):
            try:
                cache.move_to_end(args)
            except KeyError:
                counts[1] += 1
                result = func(*args)
                if maxsize is None or maxsize > 0:
                    cache[args] = result
                    if maxsize is not None and len(cache) > maxsize:
                        cache.popitem(last=False)
                return result
            counts[0] += 1
            return cache[args]
        wrapper.cache_info = lambda: Info(counts[0], counts[1], maxsize, len(cache))
        wrapper.cache_clear = lambda: (cache.clear(), counts.__setitem__(slice(None), [0, 0]))
        return wrapper
    return decorator
"""),
 ],
}

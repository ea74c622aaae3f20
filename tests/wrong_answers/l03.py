from wrong_answers import Wrong

_MEMOIZE = """
def lru_memoize(maxsize=128):
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


WRONG = {
    "q1": [
        Wrong("FIFO thinking: the hit on A does not refresh it", 'predicted_cache = ["C", "D", "E"]',
              "first-in-first-out"),
        Wrong("most recently used first", 'predicted_cache = ["E", "B", "D"]', "opposite order"),
        Wrong("a set: order lost", 'predicted_cache = {"D", "B", "E"}', "list of keys"),
        Wrong("forgot that the trace evicts twice", 'predicted_cache = ["A", "D", "B"]', "not what the cache holds"),
    ],
    "q2": [
        Wrong("get does not refresh: a FIFO cache", lrucache(on_hit="pass"),
              "a hit must make the key the most recently used"),
        Wrong("popitem() evicts the most recently used key", lrucache(put=_PUT.replace("popitem(last=False)", "popitem()")),
              "popitem(last=False)"),
        Wrong("evicts before checking whether the key is already there", lrucache(put="""        if len(self.data) >= self.maxsize:
            self.data.popitem(last=False)
            self.evictions += 1
        self.data[key] = value
        self.data.move_to_end(key)"""), "evicted another key"),
        Wrong("evictions never counted", lrucache(put=_PUT.replace("            self.evictions += 1\n", "")),
              "counters"),
    ],
    "q3": [
        Wrong("a hit does not refresh: FIFO", memoize(on_hit="pass"), "a hit must make the key the most recently used"),
        Wrong("popitem() evicts the entry just stored",
              memoize(after_call=_STORE.replace("popitem(last=False)", "popitem()")), "popitem(last=False)"),
        Wrong("stores a placeholder before calling, so recursion evicts differently",
              memoize(before_call="""cache[args] = None
            if maxsize is not None and len(cache) > maxsize:
                cache.popitem(last=False)""", after_call="""if maxsize != 0:
                cache[args] = result
                if maxsize is not None and len(cache) > maxsize:
                    cache.popitem(last=False)"""), "store it then"),
        Wrong("maxsize=None compared with an int", memoize(after_call="""cache[args] = result
            if len(cache) > maxsize:
                cache.popitem(last=False)"""), "TypeError"),
        Wrong("evicts before inserting, even when maxsize is 0", memoize(after_call="""if len(cache) >= maxsize if maxsize is not None else False:
                cache.popitem(last=False)
            cache[args] = result"""), "KeyError"),
    ],
}

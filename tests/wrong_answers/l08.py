from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("one cache shared by every worker", """
def predict_cache_info(plans, maxsize):
    cache, seen = OrderedDict(), []
    for plan in plans:
        hits = misses = 0
        for key in plan:
            if key in cache:
                hits += 1
                cache.move_to_end(key)
            else:
                misses += 1
                cache[key] = True
                if maxsize is not None and len(cache) > maxsize:
                    cache.popitem(last=False)
        seen.append((hits, misses, len(cache)))
    return seen
""", "as if the workers shared one cache", clause="own-cache"),
        Wrong("ignores maxsize", """
def predict_cache_info(plans, maxsize):
    out = []
    for plan in plans:
        cache, hits, misses = set(), 0, 0
        for key in plan:
            if key in cache:
                hits += 1
            else:
                misses += 1
                cache.add(key)
        out.append((hits, misses, len(cache)))
    return out
""", "LRU eviction", clause="lru"),
        Wrong("FIFO: a hit does not make a key recent", """
def predict_cache_info(plans, maxsize):
    out = []
    for plan in plans:
        cache, hits, misses = [], 0, 0
        for key in plan:
            if key in cache:
                hits += 1
            else:
                misses += 1
                if maxsize != 0:
                    cache.append(key)
                    if maxsize is not None and len(cache) > maxsize:
                        cache.pop(0)
        out.append((hits, misses, len(cache)))
    return out
""", "a hit counts as a use", clause="lru"),
        Wrong("maxsize=0 treated as unbounded", """
def predict_cache_info(plans, maxsize):
    out = []
    for plan in plans:
        cache, hits, misses = OrderedDict(), 0, 0
        for key in plan:
            if key in cache:
                hits += 1
                cache.move_to_end(key)
            else:
                misses += 1
                cache[key] = True
                if maxsize and len(cache) > maxsize:
                    cache.popitem(last=False)
        out.append((hits, misses, len(cache)))
    return out
""", "maxsize=0", clause="bounds"),
        Wrong("returns CacheInfo-like lists", """
def predict_cache_info(plans, maxsize):
    out = []
    for plan in plans:
        cached = functools.lru_cache(maxsize=maxsize)(str)
        for key in plan:
            cached(key)
        info = cached.cache_info()
        out.append([info.hits, info.misses, info.currsize])
    return out
""", "tuple of three ints", clause="shape"),
    ],
    "q2": [
        Wrong("hash() of a canonical text", """
def stable_key(*args, **kwargs):
    text = json.dumps([args, kwargs], sort_keys=True)
    return hashlib.sha256(str(hash(text)).encode()).hexdigest()
""", "another process computed a different key", clause="processes"),
        Wrong("str(hash(...)) as the key", """
def stable_key(*args, **kwargs):
    return str(hash(json.dumps([args, kwargs], sort_keys=True)))
""", "not a hash digest in hex", clause="format"),
        Wrong("repr of the arguments: dicts in insertion order", """
def stable_key(*args, **kwargs):
    return hashlib.sha256(repr((args, sorted(kwargs.items()))).encode()).hexdigest()
""", "dict order", clause="same"),
        Wrong("pickle of the call", """
import pickle

def stable_key(*args, **kwargs):
    return hashlib.sha256(pickle.dumps((args, kwargs))).hexdigest()
""", "keyword order", clause="same"),
        Wrong("json without sort_keys", """
def stable_key(*args, **kwargs):
    return hashlib.md5(json.dumps([args, kwargs]).encode()).hexdigest()
""", "keyword order", clause="same"),
        Wrong("arguments joined into one string", """
def stable_key(*args, **kwargs):
    text = "".join(map(str, args)) + "".join(f"{k}{v}" for k, v in sorted(kwargs.items()))
    return hashlib.sha256(text.encode()).hexdigest()
""", "dict order", clause="same"),
        Wrong("keyword arguments flattened into the positional ones", """
def stable_key(*args, **kwargs):
    flat = list(args) + [item for pair in sorted(kwargs.items()) for item in pair]
    return hashlib.sha256(json.dumps(flat, sort_keys=True).encode()).hexdigest()
""", "positional and keyword", clause="different"),
    ],
    "q3": [
        Wrong("forgets the TTL", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
    def _key(self, key):
        return f"{self.namespace}:v{int(self.r.get(self.namespace + ':version') or 0)}:{key}"
    def get_or_compute(self, key, compute):
        raw = self.r.get(self._key(key))
        if raw is not None:
            return json.loads(raw)
        value = compute()
        self.r.set(self._key(key), json.dumps(value))
        return value
    def invalidate(self):
        self.r.incr(self.namespace + ":version")
""", "no time-to-live", clause="ttl"),
        Wrong("pickles the values", """
import pickle

class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
    def _key(self, key):
        return f"{self.namespace}:v{int(self.r.get(self.namespace + ':version') or 0)}:{key}"
    def get_or_compute(self, key, compute):
        raw = self.r.get(self._key(key))
        if raw is not None:
            return pickle.loads(raw)
        value = compute()
        self.r.set(self._key(key), pickle.dumps(value), ex=self.ttl)
        return value
    def invalidate(self):
        self.r.incr(self.namespace + ":version")
""", "not JSON text", clause="in-redis"),
        Wrong("stores str(value)", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
    def _key(self, key):
        return f"{self.namespace}:v{int(self.r.get(self.namespace + ':version') or 0)}:{key}"
    def get_or_compute(self, key, compute):
        raw = self.r.get(self._key(key))
        if raw is not None:
            return raw.decode()
        value = compute()
        self.r.set(self._key(key), str(value), ex=self.ttl)
        return value
    def invalidate(self):
        self.r.incr(self.namespace + ":version")
""", "a hit returned something else", clause="hit-miss"),
        Wrong("a cached falsy value is a miss", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
    def _key(self, key):
        return f"{self.namespace}:v{int(self.r.get(self.namespace + ':version') or 0)}:{key}"
    def get_or_compute(self, key, compute):
        raw = self.r.get(self._key(key))
        value = json.loads(raw) if raw is not None else None
        if value:
            return value
        value = compute()
        self.r.set(self._key(key), json.dumps(value), ex=self.ttl)
        return value
    def invalidate(self):
        self.r.incr(self.namespace + ":version")
""", "compute ran 2 times", clause="hit-miss"),
        Wrong("reads the version once, in __init__", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
        self.version = int(r.get(namespace + ":version") or 0)
    def get_or_compute(self, key, compute):
        full = f"{self.namespace}:v{self.version}:{key}"
        raw = self.r.get(full)
        if raw is not None:
            return json.loads(raw)
        value = compute()
        self.r.set(full, json.dumps(value), ex=self.ttl)
        return value
    def invalidate(self):
        self.version = self.r.incr(self.namespace + ":version")
""", "another instance still answered from the old entry", clause="version"),
        Wrong("a local dict in front of Redis, invalidated only locally", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
        self.local = {}
    def get_or_compute(self, key, compute):
        if key in self.local:
            return self.local[key]
        raw = self.r.get(f"{self.namespace}:{key}")
        value = json.loads(raw) if raw is not None else compute()
        if raw is None:
            self.r.set(f"{self.namespace}:{key}", json.dumps(value), ex=self.ttl)
        self.local[key] = value
        return value
    def invalidate(self):
        self.local.clear()
""", "did not bump the namespace's version", clause="version"),
        Wrong("entries kept in the instance only", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
        self.entries = {}
    def get_or_compute(self, key, compute):
        version = int(self.r.get(self.namespace + ":version") or 0)
        if (version, key) not in self.entries:
            self.entries[(version, key)] = compute()
        return self.entries[(version, key)]
    def invalidate(self):
        self.r.incr(self.namespace + ":version")
""", "found 0 entries", clause="in-redis"),
        Wrong("a failing compute() answered with None", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self.r, self.namespace, self.ttl = r, namespace, ttl
    def get_or_compute(self, key, compute):
        version = int(self.r.get(self.namespace + ":version") or 0)
        full = f"{self.namespace}:v{version}:{key}"
        raw = self.r.get(full)
        if raw is not None:
            return json.loads(raw)
        try:
            value = compute()
        except Exception:
            return None
        self.r.set(full, json.dumps(value), ex=self.ttl)
        return value
    def invalidate(self):
        self.r.incr(self.namespace + ":version")
""", "did not reach the caller", clause="failures"),
    ],
}

RIGHT = {
    "q1": [
        Right("real lru_caches, one per plan", """
def predict_cache_info(plans, maxsize):
    result = []
    for plan in plans:
        cached = functools.lru_cache(maxsize=maxsize)(lambda key: key)
        for key in plan:
            cached(key)
        hits, misses, _, currsize = cached.cache_info()
        result.append((hits, misses, currsize))
    return result
"""),
        Right("a list in recency order", """
def predict_cache_info(plans, maxsize):
    def one(plan):
        recent, hits = [], 0
        for key in plan:
            if key in recent:
                hits += 1
                recent.remove(key)
            if maxsize != 0:
                recent.append(key)
            if maxsize is not None and len(recent) > maxsize:
                del recent[0]
        return (hits, len(plan) - hits, len(recent))
    return [one(plan) for plan in plans]
"""),
    ],
    "q2": [
        Right("a recursive canonical encoder and blake2b", """
def _canonical(value):
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_canonical(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return json.dumps(value)

def stable_key(*args, **kwargs):
    text = _canonical({"args": list(args), "kwargs": kwargs})
    return hashlib.blake2b(text.encode("utf-8")).hexdigest()
"""),
        Right("repr of recursively sorted items, sha1", """
def _freeze(value):
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, _freeze(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(_freeze(v) for v in value))
    return (type(value).__name__, value)

def stable_key(*args, **kwargs):
    return hashlib.sha1(repr((_freeze(list(args)), _freeze(kwargs))).encode()).hexdigest()
"""),
    ],
    "q3": [
        Right("a pipeline, PX in milliseconds, bytes decoded first", """
class RedisCache:
    def __init__(self, r, namespace, ttl):
        self._r = r
        self._ns = namespace
        self._ttl = ttl

    def get_or_compute(self, key, compute):
        version = self._r.get(f"{self._ns}:version")
        full = f"{self._ns}:{int(version) if version else 0}:{key}"
        found = self._r.get(full)
        if found is None:
            value = compute()
            with self._r.pipeline() as pipe:
                pipe.set(full, json.dumps(value, separators=(",", ":")), px=self._ttl * 1000)
                pipe.execute()
            return value
        return json.loads(found.decode("utf-8"))

    def invalidate(self):
        self._r.incr(f"{self._ns}:version")
"""),
    ],
}

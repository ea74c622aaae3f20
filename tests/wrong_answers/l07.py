from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("lru_cache on the async function caches the coroutine", """
def async_memo(func):
    return functools.lru_cache(maxsize=None)(func)
""", "coroutine can be awaited only once"),
        Wrong("a dict of coroutine objects, filled by a plain wrapper", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]
    return wrapper
""", "cannot reuse already awaited coroutine"),
        Wrong("async wrapper that forgets to await and stores the coroutine", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]
    return wrapper
""", "without awaiting it"),
        Wrong("one cached value for every argument", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if "value" not in cache:
            cache["value"] = await func(*args)
        return cache["value"]
    return wrapper
""", "wrong result"),
    ],
    "q2": [
        Wrong("functools.lru_cache: a stampede", """
def compute_once(func, make_lock=threading.Lock):
    return functools.lru_cache(maxsize=None)(func)
""", "cache stampede"),
        Wrong("a per-key lock but no second look in the cache", """
def compute_once(func, make_lock=threading.Lock):
    results, locks = {}, {}
    guard = make_lock()
    @functools.wraps(func)
    def wrapper(key):
        with guard:
            if key in results:
                return results[key]
            lock = locks.setdefault(key, make_lock())
        with lock:
            result = func(key)
            with guard:
                results[key] = result
            return result
    return wrapper
""", "check the cache again"),
        Wrong("one lock held around every computation", """
def compute_once(func, make_lock=threading.Lock):
    results = {}
    lock = make_lock()
    @functools.wraps(func)
    def wrapper(key):
        with lock:
            if key not in results:
                results[key] = func(key)
            return results[key]
    return wrapper
""", "another key waited"),
        Wrong("ignores make_lock and uses threading.Lock directly", """
def compute_once(func, make_lock=threading.Lock):
    results = {}
    lock = threading.Lock()
    @functools.wraps(func)
    def wrapper(key):
        with lock:
            if key not in results:
                results[key] = func(key)
            return results[key]
    return wrapper
""", "make_lock()"),
    ],
    "q3": [
        Wrong("caches finished results only (the q1 memo): an async stampede", """
def async_compute_once(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in cache:
            cache[args] = await func(*args)
        return cache[args]
    return wrapper
""", "caching only finished results is not compute-once"),
        Wrong("lru_cache shares one coroutine between the callers", """
def async_compute_once(func):
    return functools.lru_cache(maxsize=None)(func)
""", "coroutine can be awaited only once"),
        Wrong("caches the task forever, failures included", """
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in tasks:
            tasks[args] = asyncio.ensure_future(func(*args))
        return await tasks[args]
    return wrapper
""", "a failure was cached"),
        Wrong("one asyncio.Lock around every computation", """
def async_compute_once(func):
    results = {}
    lock = None
    @functools.wraps(func)
    async def wrapper(*args):
        nonlocal lock
        if lock is None:
            lock = asyncio.Lock()
        async with lock:
            if args not in results:
                results[args] = await func(*args)
            return results[args]
    return wrapper
""", "another key waited"),
    ],
}

RIGHT = {
    "q1": [
        Right("keyword arguments in the key, found with a sentinel", """
def async_memo(func):
    cache = {}
    missing = object()
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        result = cache.get(key, missing)
        if result is missing:
            result = cache[key] = await func(*args, **kwargs)
        return result
    return wrapper
"""),
    ],
    "q2": [
        Right("followers wait on a threading.Event the leader sets", """
def compute_once(func, make_lock=threading.Lock):
    results, events = {}, {}
    guard = make_lock()
    @functools.wraps(func)
    def wrapper(key):
        with guard:
            if key in results:
                return results[key]
            leader = key not in events
            if leader:
                events[key] = threading.Event()
            done = events[key]
        if not leader:
            done.wait(5)
            with guard:
                return results[key]
        result = func(key)
        with guard:
            results[key] = result
            del events[key]
        done.set()
        return result
    return wrapper
"""),
        Right("a pending set and a Condition, as cachetools does", """
def compute_once(func, make_lock=threading.Lock):
    results, pending = {}, set()
    changed = threading.Condition(make_lock())
    @functools.wraps(func)
    def wrapper(key):
        with changed:
            while key in pending:
                changed.wait(5)
            if key in results:
                return results[key]
            pending.add(key)
        try:
            result = func(key)
            with changed:
                results[key] = result
            return result
        finally:
            with changed:
                pending.discard(key)
                changed.notify_all()
    return wrapper
"""),
    ],
    "q3": [
        Right("a Future per key, set by the first caller", """
def async_compute_once(func):
    futures = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args in futures:
            return await asyncio.shield(futures[args])
        future = futures[args] = asyncio.get_running_loop().create_future()
        try:
            result = await func(*args)
        except Exception as error:
            del futures[args]
            future.set_exception(error)
            future.exception()   # retrieved: no "never retrieved" warning when nobody else waited
            raise
        future.set_result(result)
        return result
    return wrapper
"""),
    ],
}

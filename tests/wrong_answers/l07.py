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


# Found in review: wrong answers that passed the checks before, and correct shapes (some rejected before).
WRONG_FOUND_IN_REVIEW = {
    'q1': [
        Wrong('the key uses only the first positional argument', '''
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args[0] not in cache:
            cache[args[0]] = await func(*args)
        return cache[args[0]]
    return wrapper
''', 'positional arguments'),
        Wrong('`if cache.get(args):` misses a cached 0', '''
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if cache.get(args):
            return cache[args]
        cache[args] = await func(*args)
        return cache[args]
    return wrapper
''', 'falsy'),
        Wrong('forgets functools.wraps', '''
def async_memo(func):
    cache = {}
    async def wrapper(*args):
        if args not in cache:
            cache[args] = await func(*args)
        return cache[args]
    return wrapper
''', 'functools.wraps'),
    ],
    'q2': [
        Wrong('`if results.get(key):` misses a cached 0', '''
def compute_once(func, make_lock=threading.Lock):
    results, locks = {}, {}
    guard = make_lock()
    def wrapper(key):
        with guard:
            if results.get(key):
                return results[key]
            key_lock = locks.setdefault(key, make_lock())
        with key_lock:
            if results.get(key):
                return results[key]
            results[key] = func(key)
            return results[key]
    return wrapper
''', 'falsy'),
        Wrong('dicts at module level, shared by every decorated function', '''
results, locks = {}, {}
def compute_once(func, make_lock=threading.Lock):
    guard = make_lock()
    def wrapper(key):
        with guard:
            if key in results:
                return results[key]
            key_lock = locks.setdefault(key, make_lock())
        with key_lock:
            with guard:
                if key in results:
                    return results[key]
            r = func(key)
            with guard:
                results[key] = r
            return r
    return wrapper
''', 'its own cache'),
        Wrong('a new lock on every call, so nobody ever waits', '''
def compute_once(func, make_lock=threading.Lock):
    results = {}
    def wrapper(key):
        if key in results:
            return results[key]
        with make_lock():
            if key not in results:
                results[key] = func(key)
            return results[key]
    return wrapper
''', 'cache stampede'),
    ],
    'q3': [
        Wrong('forgets successful tasks too', '''
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in tasks:
            tasks[args] = asyncio.ensure_future(func(*args))
        task = tasks[args]
        try:
            return await task
        finally:
            tasks.pop(args, None)
    return wrapper
''', 'a later await'),
        Wrong('a per-key asyncio.Lock: after a failure the followers compute again', '''
def async_compute_once(func):
    results, locks = {}, {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args in results:
            return results[args]
        lock = locks.setdefault(args, asyncio.Lock())
        async with lock:
            if args not in results:
                results[args] = await func(*args)
            return results[args]
    return wrapper
''', 'share the one failing execution'),
        Wrong('the key uses only the first positional argument', '''
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        key = args[0]
        if key not in tasks:
            tasks[key] = asyncio.ensure_future(func(*args))
        task = tasks[key]
        try:
            return await task
        except Exception:
            if tasks.get(key) is task:
                del tasks[key]
            raise
    return wrapper
''', 'positional arguments'),
    ],
}
RIGHT_FOUND_IN_REVIEW = {
    'q1': [
        Right('a class with an async __call__', '''
class async_memo:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func, self.cache = func, {}
    async def __call__(self, *args):
        if args not in self.cache:
            self.cache[args] = await self.func(*args)
        return self.cache[args]
'''),
        Right('caches a Task per key', '''
def async_memo(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in tasks:
            tasks[args] = asyncio.ensure_future(func(*args))
        return await tasks[args]
    return wrapper
'''),
        Right('EAFP: try the cache, except KeyError', '''
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        try:
            return cache[args]
        except KeyError:
            pass
        value = cache[args] = await func(*args)
        return value
    return wrapper
'''),
    ],
    'q2': [
        Right('a concurrent.futures.Future per key in flight', '''
from concurrent.futures import Future
def compute_once(func, make_lock=threading.Lock):
    results, futures = {}, {}
    guard = make_lock()
    def wrapper(key):
        with guard:
            if key in results:
                return results[key]
            fut = futures.get(key)
            leader = fut is None
            if leader:
                fut = futures[key] = Future()
        if not leader:
            return fut.result(5)
        value = func(key)
        with guard:
            results[key] = value
            del futures[key]
        fut.set_result(value)
        return value
    return wrapper
'''),
        Right('a class with __call__', '''
class compute_once:
    def __init__(self, func, make_lock=threading.Lock):
        self.func, self.make_lock = func, make_lock
        self.results, self.locks = {}, {}
        self.guard = make_lock()
    def __call__(self, key):
        with self.guard:
            if key in self.results:
                return self.results[key]
            lock = self.locks.get(key)
            if lock is None:
                lock = self.locks[key] = self.make_lock()
        with lock:
            with self.guard:
                if key in self.results:
                    return self.results[key]
            value = self.func(key)
            with self.guard:
                self.results[key] = value
            return value
'''),
        Right('a defaultdict of make_lock and a sentinel', '''
import collections
def compute_once(func, make_lock=threading.Lock):
    missing = object()
    results = {}
    locks = collections.defaultdict(make_lock)
    guard = make_lock()
    def wrapper(key):
        with guard:
            value = results.get(key, missing)
            if value is not missing:
                return value
            lock = locks[key]
        with lock:
            value = results.get(key, missing)
            if value is missing:
                value = results[key] = func(key)
            return value
    return wrapper
'''),
    ],
    'q3': [
        Right('a Task per key, awaited without shield', '''
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in tasks:
            tasks[args] = asyncio.ensure_future(func(*args))
        task = tasks[args]
        try:
            return await task
        except Exception:
            if tasks.get(args) is task:
                del tasks[args]
            raise
    return wrapper
'''),
        Right('a plain function returning the Task; a done-callback forgets failures', '''
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    def wrapper(*args):
        task = tasks.get(args)
        if task is None:
            task = tasks[args] = asyncio.ensure_future(func(*args))
            def forget_failure(t, args=args):
                if (t.cancelled() or t.exception() is not None) and tasks.get(args) is t:
                    del tasks[args]
            task.add_done_callback(forget_failure)
        return task
    return wrapper
'''),
        Right('a class; results dict plus a Task per key in flight', '''
class async_compute_once:
    def __init__(self, func):
        functools.update_wrapper(self, func)
        self.func, self.results, self.tasks = func, {}, {}
    async def __call__(self, *args):
        if args in self.results:
            return self.results[args]
        task = self.tasks.get(args)
        if task is None:
            task = self.tasks[args] = asyncio.get_running_loop().create_task(self.func(*args))
        try:
            value = await task
        finally:
            if self.tasks.get(args) is task:
                del self.tasks[args]
        self.results[args] = value
        return value
'''),
    ],
}
for _q, _items in WRONG_FOUND_IN_REVIEW.items():
    WRONG[_q].extend(_items)
for _q, _items in RIGHT_FOUND_IN_REVIEW.items():
    RIGHT[_q].extend(_items)

from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("lru_cache on the async function caches the coroutine", """
def async_memo(func):
    return functools.lru_cache(maxsize=None)(func)
""", "coroutine can be awaited only once", clause="awaitable"),
        Wrong("a dict of coroutine objects, filled by a plain wrapper", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]
    return wrapper
""", "cannot reuse already awaited coroutine", clause="awaitable"),
        Wrong("async wrapper that forgets to await and stores the coroutine", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]
    return wrapper
""", "without awaiting it", clause="awaitable"),
        Wrong("one cached value for every argument", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if "value" not in cache:
            cache["value"] = await func(*args)
        return cache["value"]
    return wrapper
""", "wrong result", clause="key"),
    ],
    "q2": [
        Wrong("functools.lru_cache: a stampede", """
def compute_once(func, make_lock=threading.Lock):
    return functools.lru_cache(maxsize=None)(func)
""", "cache stampede", clause="once"),
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
""", "check the cache again", clause="once"),
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
""", "another key waited", clause="concurrent"),
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
""", "make_lock()", clause="make_lock"),
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
""", "caching only finished results is not compute-once", clause="once"),
        Wrong("lru_cache shares one coroutine between the callers", """
def async_compute_once(func):
    return functools.lru_cache(maxsize=None)(func)
""", "coroutine can be awaited only once", clause="awaitable"),
        Wrong("caches the task forever, failures included", """
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in tasks:
            tasks[args] = asyncio.ensure_future(func(*args))
        return await tasks[args]
    return wrapper
""", "a failure was cached", clause="errors"),
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
""", "another key waited", clause="concurrent"),
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
        Right("followers wait on a threading.Event; after a failure they try again", """
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
                if key in results:
                    return results[key]
            return wrapper(key)          # the leader failed: try again
        try:
            result = func(key)
            with guard:
                results[key] = result
            return result
        finally:
            with guard:
                del events[key]
            done.set()
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
''', 'positional arguments', clause="key"),
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
''', 'falsy', clause="once"),
        Wrong('forgets functools.wraps', '''
def async_memo(func):
    cache = {}
    async def wrapper(*args):
        if args not in cache:
            cache[args] = await func(*args)
        return cache[args]
    return wrapper
''', 'functools.wraps', clause="name"),
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
''', 'falsy', clause="hits"),
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
''', 'its own cache', clause="own"),
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
''', 'cache stampede', clause="once"),
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
''', 'a later await', clause="once"),
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
''', 'share the one failing execution', clause="errors"),
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
''', 'positional arguments', clause="key"),
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
            return fut.result(5)         # the leader's value, or its exception re-raised
        try:
            value = func(key)
        except BaseException as error:
            with guard:
                del futures[key]
            fut.set_exception(error)
            raise
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
        Right('a plain function returning the shielded Task; a done-callback forgets failures', '''
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
        return asyncio.shield(task)      # awaited by the caller; cancelling it leaves the task alone
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
            value = await asyncio.shield(task)
        except asyncio.CancelledError:
            raise                        # only this caller was cancelled: the task goes on for the others
        except BaseException:
            if self.tasks.get(args) is task:
                del self.tasks[args]
            raise
        self.results[args] = value
        if self.tasks.get(args) is task:
            del self.tasks[args]
        return value
'''),
    ],
}
for _q, _items in WRONG_FOUND_IN_REVIEW.items():
    WRONG[_q].extend(_items)
for _q, _items in RIGHT_FOUND_IN_REVIEW.items():
    RIGHT[_q].extend(_items)


# Issue 11: wrong answers that passed before, and the mistakes each clause is about.
WRONG_ISSUE_11 = {
    "q1": [
        Wrong("caches a Task per key, failures included", """
def async_memo(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in tasks:
            tasks[args] = asyncio.ensure_future(func(*args))
        return await tasks[args]
    return wrapper
""", "a failure was cached", clause="errors"),
        Wrong("reserves the key with None before awaiting: a failure leaves None cached", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args in cache:
            return cache[args]
        cache[args] = None
        cache[args] = await func(*args)
        return cache[args]
    return wrapper
""", "placeholder", clause="errors"),
        Wrong("swallows the exception and caches None", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in cache:
            try:
                cache[args] = await func(*args)
            except Exception:
                cache[args] = None
        return cache[args]
    return wrapper
""", "swallow an exception", clause="errors"),
        Wrong("the key is hash(args): -1 and -2 collide", """
def async_memo(func):
    cache = {}
    @functools.wraps(func)
    async def wrapper(*args):
        key = hash(args)
        if key not in cache:
            cache[key] = await func(*args)
        return cache[key]
    return wrapper
""", "hash(-1) == hash(-2)", clause="key"),
        Wrong("one cache at module level for every decorated function", """
_cache = {}
def async_memo(func):
    @functools.wraps(func)
    async def wrapper(*args):
        if args not in _cache:
            _cache[args] = await func(*args)
        return _cache[args]
    return wrapper
""", "share one cache", clause="own"),
        Wrong("copies __name__ by hand and loses the docstring", """
def async_memo(func):
    cache = {}
    async def wrapper(*args):
        if args not in cache:
            cache[args] = await func(*args)
        return cache[args]
    wrapper.__name__ = func.__name__
    return wrapper
""", "docstring", clause="name"),
    ],
    "q2": [
        Wrong("acquire()/release() without try/finally: after one exception the key is locked forever", """
def compute_once(func, make_lock=threading.Lock):
    results, locks = {}, {}
    guard = make_lock()
    @functools.wraps(func)
    def wrapper(key):
        with guard:
            if key in results:
                return results[key]
            key_lock = locks.setdefault(key, make_lock())
        key_lock.acquire()
        with guard:
            if key in results:
                key_lock.release()
                return results[key]
        result = func(key)
        with guard:
            results[key] = result
        key_lock.release()
        return result
    return wrapper
""", "stayed held after func raised", clause="errors"),
        Wrong("the key is hash(key): -1 and -2 collide", """
def compute_once(func, make_lock=threading.Lock):
    results, locks = {}, {}
    guard = make_lock()
    @functools.wraps(func)
    def wrapper(key):
        h = hash(key)
        with guard:
            if h in results:
                return results[h]
            key_lock = locks.setdefault(h, make_lock())
        with key_lock:
            with guard:
                if h in results:
                    return results[h]
            result = func(key)
            with guard:
                results[h] = result
            return result
    return wrapper
""", "hash(-1) == hash(-2)", clause="key"),
        Wrong("swallows func's exception and caches None", """
def compute_once(func, make_lock=threading.Lock):
    results, locks = {}, {}
    guard = make_lock()
    @functools.wraps(func)
    def wrapper(key):
        with guard:
            if key in results:
                return results[key]
            key_lock = locks.setdefault(key, make_lock())
        with key_lock:
            with guard:
                if key in results:
                    return results[key]
            try:
                result = func(key)
            except Exception:
                result = None
            with guard:
                results[key] = result
            return result
    return wrapper
""", "swallow an exception", clause="errors"),
        Wrong("the leader's Event is never set when func raises: followers wait, then fail", """
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
""", "got stuck", clause="errors"),
        Wrong("one guard lock, made with make_lock, held while func runs", """
def compute_once(func, make_lock=threading.Lock):
    results = {}
    guard = make_lock()
    def wrapper(key):
        with guard:
            if key not in results:
                results[key] = func(key)
            return results[key]
    return wrapper
""", "another key waited", clause="concurrent"),
    ],
    "q3": [
        Wrong("a Task per key, awaited without asyncio.shield: cancelling one caller cancels all", """
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
""", "asyncio.shield", clause="cancel"),
        Wrong("returns the shared Task itself: a cancelled caller cancels it", """
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
""", "took the result away", clause="cancel"),
        Wrong("the first caller runs func itself; followers wait on a Future it never sets when cancelled", """
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
            future.exception()
            raise
        future.set_result(result)
        return result
    return wrapper
""", "never finished", clause="cancel"),
        Wrong("shielded, but forgets the task when its own caller is cancelled", """
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        task = tasks.get(args)
        if task is None:
            task = tasks[args] = asyncio.ensure_future(func(*args))
        try:
            return await asyncio.shield(task)
        except BaseException:
            if tasks.get(args) is task:
                del tasks[args]
            raise
    return wrapper
""", "result was not kept", clause="cancel"),
        Wrong("the key is hash(args): -1 and -2 collide", """
def async_compute_once(func):
    tasks = {}
    @functools.wraps(func)
    async def wrapper(*args):
        key = hash(args)
        task = tasks.get(key)
        if task is None:
            task = tasks[key] = asyncio.ensure_future(func(*args))
        try:
            return await asyncio.shield(task)
        except Exception:
            if task.done() and tasks.get(key) is task:
                del tasks[key]
            raise
    return wrapper
""", "hash(-1) == hash(-2)", clause="key"),
    ],
}
RIGHT_ISSUE_11 = {
    "q2": [
        Right("acquire()/release() with try/finally", """
def compute_once(func, make_lock=threading.Lock):
    results, locks = {}, {}
    guard = make_lock()
    def wrapper(key):
        guard.acquire()
        try:
            if key in results:
                return results[key]
            key_lock = locks.setdefault(key, make_lock())
        finally:
            guard.release()
        key_lock.acquire()
        try:
            with guard:
                if key in results:
                    return results[key]
            value = func(key)
            with guard:
                results[key] = value
            return value
        finally:
            key_lock.release()
    return wrapper
"""),
    ],
    "q3": [
        Right("asyncio.Future per key, filled by a Task that runs func", """
def async_compute_once(func):
    futures = {}
    @functools.wraps(func)
    async def wrapper(*args):
        future = futures.get(args)
        if future is None:
            future = futures[args] = asyncio.get_running_loop().create_future()
            async def run():
                try:
                    future.set_result(await func(*args))
                except Exception as error:
                    del futures[args]
                    future.set_exception(error)
            asyncio.ensure_future(run())
        return await asyncio.shield(future)
    return wrapper
"""),
    ],
}
for _q, _items in WRONG_ISSUE_11.items():
    WRONG[_q].extend(_items)
for _q, _items in RIGHT_ISSUE_11.items():
    RIGHT[_q].extend(_items)

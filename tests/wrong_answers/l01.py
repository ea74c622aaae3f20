from wrong_answers import Wrong

WRONG = {
    "q1": [
        Wrong("plain recursion, never memoized", """
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    return ways(n - 1) + ways(n - 2) + ways(n - 3)
""", "Is it memoized?"),
        Wrong("stores in the memo but never looks it up", """
ways_memo = {}
def ways(n):
    if n < 0:
        return 0
    result = 1 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)
    ways_memo[n] = result
    return result
""", "Is it memoized?"),
        Wrong("wrong base case: ways(0) == 0", """
ways_memo = {}
def ways(n):
    if n <= 0:
        return 0
    if n == 1:
        return 1
    if n not in ways_memo:
        ways_memo[n] = ways(n - 1) + ways(n - 2) + ways(n - 3)
    return ways_memo[n]
""", "ways(0) is 1"),
        Wrong("only steps of 1 and 2 (Fibonacci)", """
ways_memo = {}
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    if n not in ways_memo:
        ways_memo[n] = ways(n - 1) + ways(n - 2)
    return ways_memo[n]
""", "expected"),
    ],
    "q2": [
        Wrong("cache created inside the wrapper, so every call misses", """
def memoize(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        cache = {}
        key = (args, tuple(sorted(kwargs.items())))
        if key in cache:
            wrapper.hits += 1
            return cache[key]
        wrapper.misses += 1
        cache[key] = func(*args, **kwargs)
        return cache[key]
    wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = lambda: None
    return wrapper
""", "must live outside the wrapper"),
        Wrong("keyword order matters: tuple(kwargs.items()) unsorted", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(kwargs.items()))
        if key in cache:
            wrapper.hits += 1
            return cache[key]
        wrapper.misses += 1
        cache[key] = func(*args, **kwargs)
        return cache[key]
    def cache_clear():
        cache.clear()
        wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
""", "sort the items"),
        Wrong("one cache for every decorated function", """
_shared = {}
def memoize(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key in _shared:
            wrapper.hits += 1
            return _shared[key]
        wrapper.misses += 1
        _shared[key] = func(*args, **kwargs)
        return _shared[key]
    def cache_clear():
        _shared.clear()
        wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
""", "share one cache"),
        Wrong("cache_clear empties the cache but keeps the counters", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key in cache:
            wrapper.hits += 1
            return cache[key]
        wrapper.misses += 1
        cache[key] = func(*args, **kwargs)
        return cache[key]
    wrapper.cache_clear = cache.clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
""", "reset the statistics"),
        Wrong("ignores keyword arguments in the key", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if args in cache:
            wrapper.hits += 1
            return cache[args]
        wrapper.misses += 1
        cache[args] = func(*args, **kwargs)
        return cache[args]
    def cache_clear():
        cache.clear()
        wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
""", "wrong result"),
    ],
    "q3": [
        Wrong("plain recursion, never memoized", """
def count_paths(rows, cols, blocked=frozenset()):
    def paths_to(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0
        if r == 0 and c == 0:
            return 1
        return paths_to(r - 1, c) + paths_to(r, c - 1)
    return paths_to(rows - 1, cols - 1)
""", "Is it memoized?"),
        Wrong("one memo for all grids, keyed by (r, c) only", """
memo = {}
def count_paths(rows, cols, blocked=frozenset()):
    def paths_to(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0
        if r == 0 and c == 0:
            return 1
        if (r, c) not in memo:
            memo[(r, c)] = paths_to(r - 1, c) + paths_to(r, c - 1)
        return memo[(r, c)]
    return paths_to(rows - 1, cols - 1)
""", "remembers answers from another grid"),
        Wrong("ignores blocked cells", """
def count_paths(rows, cols, blocked=frozenset()):
    @functools.cache
    def paths_to(r, c):
        if r < 0 or c < 0:
            return 0
        if r == 0 and c == 0:
            return 1
        return paths_to(r - 1, c) + paths_to(r, c - 1)
    return paths_to(rows - 1, cols - 1)
""", "expected"),
    ],
}

from wrong_answers import Right, Wrong

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
        Wrong("delegates to a plain recursive helper defined outside", """
def _w(n):
    if n < 0:
        return 0
    return 1 if n == 0 else _w(n - 1) + _w(n - 2) + _w(n - 3)

def ways(n):
    return _w(n)
""", "Is it memoized?"),
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
        Wrong("key holds the keyword names but not their values", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs)))
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
""", "keyword"),
        Wrong("tests cache.get(key) for truth, so None results are recomputed", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if cache.get(key):
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
""", "None, 0 and '' are results too"),
        Wrong("flattens keyword items into the positional key", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = args + tuple(sorted(kwargs.items()))
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
""", "collided"),
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
        Wrong("delegates to a plain recursive helper defined outside", """
def _paths_to(r, c, blocked):
    if r < 0 or c < 0 or (r, c) in blocked:
        return 0
    if r == 0 and c == 0:
        return 1
    return _paths_to(r - 1, c, blocked) + _paths_to(r, c - 1, blocked)

def count_paths(rows, cols, blocked=frozenset()):
    return _paths_to(rows - 1, cols - 1, blocked)
""", "Is it memoized?"),
        Wrong("forgets that a blocked start or end means no path", """
def count_paths(rows, cols, blocked=frozenset()):
    memo = {}
    def paths_to(r, c):
        if r < 0 or c < 0:
            return 0
        if r == 0 and c == 0:
            return 1
        if (r, c) in blocked:
            return 0
        if (r, c) not in memo:
            memo[(r, c)] = paths_to(r - 1, c) + paths_to(r, c - 1)
        return memo[(r, c)]
    return paths_to(rows - 1, cols - 1)
""", "start or the end cell is blocked"),
    ],
}

# Correct answers in other shapes than the reference: a check must not reject them.
RIGHT = {
    "q1": [
        Right("generator expression over the step sizes", """
ways_memo = {0: 1}
def ways(n):
    if n not in ways_memo:
        ways_memo[n] = sum(ways(n - s) for s in (1, 2, 3) if s <= n)
    return ways_memo[n]
"""),
        Right("functools.cache instead of a dict", """
@functools.cache
def ways(n):
    if n < 0:
        return 0
    return 1 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)
"""),
        Right("iterative, no recursion at all", """
def ways(n):
    a, b, c = 1, 0, 0
    for _ in range(n):
        a, b, c = a + b + c, a, b
    return a
"""),
    ],
    "q2": [
        Right("frozenset of keyword items", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, frozenset(kwargs.items()))
        if key not in cache:
            wrapper.misses += 1
            cache[key] = func(*args, **kwargs)
        else:
            wrapper.hits += 1
        return cache[key]
    def cache_clear():
        cache.clear()
        wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
"""),
    ],
    "q3": [
        Right("lru_cache helper summing a generator expression", """
def count_paths(rows, cols, blocked=frozenset()):
    @functools.lru_cache(maxsize=None)
    def go(r, c):
        if (r, c) in blocked:
            return 0
        if (r, c) == (rows - 1, cols - 1):
            return 1
        return sum(go(r + dr, c + dc) for dr, dc in ((1, 0), (0, 1)) if r + dr < rows and c + dc < cols)
    return go(0, 0)
"""),
        Right("functools.cache on count_paths itself, grid in the key", """
@functools.cache
def count_paths(rows, cols, blocked=frozenset()):
    if (0, 0) in blocked or (rows - 1, cols - 1) in blocked or rows < 1 or cols < 1:
        return 0
    if rows == 1 and cols == 1:
        return 1
    return count_paths(rows - 1, cols, blocked) + count_paths(rows, cols - 1, blocked)
"""),
    ],
}

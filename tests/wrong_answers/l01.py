from wrong_answers import Right, Wrong


def memoize_source(key="(args, tuple(sorted(kwargs.items())))", *, cache_line="    cache = {}",
                   lookup="key in cache", clear="cache.clear()\n        wrapper.hits = wrapper.misses = 0",
                   store="cache[key] = func(*args, **kwargs)", wraps="    @functools.wraps(func)",
                   extra=""):
    """A memoize answer with one piece changed: most q2 mistakes are one line of the reference."""
    return f"""
def memoize(func):
{cache_line}
{wraps}
    def wrapper(*args, **kwargs):
        key = {key}
        if {lookup}:
            wrapper.hits += 1
            return cache[key]
        wrapper.misses += 1
        {store}
        return cache[key]
    def cache_clear():
        {clear}
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
{extra}
    return wrapper
"""


WAYS_MEMO = """
ways_memo = {{}}
def ways(n):
    if n < 0:
        return 0
    if n in ways_memo:
        return ways_memo[n]
    result = {result}
    ways_memo[n] = result
    return result
"""

WRONG = {
    "q1": [
        Wrong("plain recursion, never memoized", """
ways_memo = {}
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    return ways(n - 1) + ways(n - 2) + ways(n - 3)
""", "Is it memoized?", clause="once"),
        Wrong("stores in the memo but never looks it up", """
ways_memo = {}
def ways(n):
    if n < 0:
        return 0
    result = 1 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)
    ways_memo[n] = result
    return result
""", "more than the", clause="once"),
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
""", "ways(0) is 1", clause="values"),
        Wrong("delegates to a plain recursive helper defined outside", """
ways_memo = {}
def _w(n):
    if n < 0:
        return 0
    return 1 if n == 0 else _w(n - 1) + _w(n - 2) + _w(n - 3)

def ways(n):
    return _w(n)
""", "_w()", clause="once"),
        Wrong("only steps of 1 and 2 (Fibonacci)", WAYS_MEMO.format(result="1 if n == 0 else ways(n - 1) + ways(n - 2)"),
              "expected", clause="values"),
        Wrong("a table of the values the old check tried: ways(12) returns 0", """
ways_memo = {}
_TABLE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 7, 5: 13, 6: 24, 7: 44, 8: 81, 9: 149, 10: 274, 11: 504,
          60: 4680045560037375}
def ways(n):
    ways_memo.update((k, v) for k, v in _TABLE.items() if k)
    return _TABLE.get(n, 0)
""", "ways(12)", clause="values"),
        Wrong("an object whose __eq__ is always True", """
ways_memo = {}
class _Anything:
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def ways(n):
    return _Anything()
""", "must be exactly an int", clause="values"),
        Wrong("a float result: the memo starts from 1.0", WAYS_MEMO.format(
            result="1.0 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)"), "must be exactly an int", clause="values"),
        Wrong("a slip: the result is stored under n - 1", """
ways_memo = {}
def ways(n):
    if n < 0:
        return 0
    if n in ways_memo:
        return ways_memo[n]
    result = 1 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)
    ways_memo[n - 1] = result
    return result
""", "wrong result", clause="values"),
        Wrong("functools.cache instead of the memo by hand", """
ways_memo = {}
@functools.cache
def ways(n):
    if n < 0:
        return 0
    return 1 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)
""", "not by hand", clause="memo"),
        Wrong("a memo of its own, not ways_memo", """
ways_memo = {}
_memo = {0: 1}
def ways(n):
    if n < 0:
        return 0
    if n not in _memo:
        _memo[n] = ways(n - 1) + ways(n - 2) + ways(n - 3)
    return _memo[n]
""", "ways_memo has no entry", clause="memo"),
        Wrong("iterative, nothing kept", """
ways_memo = {}
def ways(n):
    a, b, c = 1, 0, 0
    for _ in range(n):
        a, b, c = a + b + c, a, b
    return a
""", "ways_memo has no entry", clause="memo"),
        Wrong("empties the memo on every outside call", """
ways_memo = {}
def _ways(n):
    if n < 0:
        return 0
    if n not in ways_memo:
        ways_memo[n] = 1 if n == 0 else _ways(n - 1) + _ways(n - 2) + _ways(n - 3)
    return ways_memo[n]
def ways(n):
    ways_memo.clear()
    return _ways(n)
""", "more than the", clause="once"),
        Wrong("looks in the memo only on recursive calls", """
ways_memo = {}
def ways(n, outside=True):
    if n < 0:
        return 0
    if not outside and n in ways_memo:
        return ways_memo[n]
    result = 1 if n == 0 else ways(n - 1, False) + ways(n - 2, False) + ways(n - 3, False)
    ways_memo[n] = result
    return result
""", "asked for again", clause="repeat"),
    ],
    "q2": [
        Wrong("cache created inside the wrapper, so every call misses",
              memoize_source(cache_line="", key="(args, tuple(sorted(kwargs.items())))\n        cache = {}",
                             clear="pass"),
              "must live outside the wrapper", clause="repeat"),
        Wrong("keyword order matters: tuple(kwargs.items()) unsorted", memoize_source(key="(args, tuple(kwargs.items()))"),
              "keyword order must not matter", clause="repeat"),
        Wrong("one cache for every decorated function", "_shared = {}\n" + memoize_source(
            cache_line="    cache = _shared"), "share one cache", clause="own"),
        Wrong("cache_clear empties the cache but keeps the counters", memoize_source(clear="cache.clear()"),
              "after a clear", clause="clear"),
        Wrong("cache_clear resets the counters but keeps the cache",
              memoize_source(clear="wrapper.hits = wrapper.misses = 0"), "must empty the cache itself",
              clause="clear"),
        Wrong("no cache_clear at all", memoize_source().replace("    wrapper.cache_clear = cache_clear\n", ""),
              "no cache_clear()", clause="clear"),
        Wrong("ignores keyword arguments in the key", memoize_source(key="args"), "differs from every earlier call",
              clause="distinct"),
        Wrong("key holds the keyword names but not their values", memoize_source(key="(args, tuple(sorted(kwargs)))"),
              "differs from every earlier call", clause="distinct"),
        Wrong("key keeps the keyword values but drops their names",
              memoize_source(key="(args, tuple(sorted(kwargs.values(), key=repr)))"),
              "height=3, depth=2", clause="distinct"),
        Wrong("the hash of the key as the key: hash(-1) == hash(-2)",
              memoize_source(key="hash((args, tuple(sorted(kwargs.items()))))"), "f(-2)", clause="distinct"),
        Wrong("a repr of the arguments as the key... via str(), so 1 and '1' collide",
              memoize_source(key="str(args) + str(sorted(kwargs.items()))").replace("str(args)", "str(list(map(str, args)))"),
              "f('1')", clause="distinct"),
        Wrong("tests cache.get(key) for truth, so None results are recomputed", memoize_source(lookup="cache.get(key)"),
              "None, 0 and '' are results too", clause="repeat"),
        Wrong("flattens keyword items into the positional key", memoize_source(key="args + tuple(sorted(kwargs.items()))"),
              "f(1, x=2)", clause="distinct"),
        Wrong("hits and misses swapped", memoize_source().replace("wrapper.hits += 1", "wrapper.HITS += 1")
              .replace("wrapper.misses += 1", "wrapper.hits += 1").replace("wrapper.HITS += 1", "wrapper.misses += 1"),
              "(wrapper.hits, wrapper.misses)", clause="counters"),
        Wrong("counters kept in the closure, never on the wrapper", """
def memoize(func):
    cache = {}
    hits = misses = 0
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        nonlocal hits, misses
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            misses += 1
            cache[key] = func(*args, **kwargs)
        else:
            hits += 1
        return cache[key]
    def cache_clear():
        nonlocal hits, misses
        cache.clear()
        hits = misses = 0
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
""", "(wrapper.hits, wrapper.misses)", clause="counters"),
        Wrong("counters on the memoize function, shared by every wrapper", """
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key in cache:
            memoize.hits += 1
        else:
            memoize.misses += 1
            cache[key] = func(*args, **kwargs)
        wrapper.hits, wrapper.misses = memoize.hits, memoize.misses
        return cache[key]
    def cache_clear():
        cache.clear()
        memoize.hits = memoize.misses = wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = cache_clear
    memoize.hits = memoize.misses = wrapper.hits = wrapper.misses = 0
    return wrapper
""", "g's counters", clause="own"),
        Wrong("swallows the exception and caches None", memoize_source(store="""try:
            cache[key] = func(*args, **kwargs)
        except Exception:
            cache[key] = None"""), "instead", clause="errors"),
        Wrong("caches the exception and raises it again", memoize_source(lookup="key in cache and not isinstance(cache[key], Exception)")
              .replace("        if key in cache and", "        if key in errors:\n            raise errors[key]\n        if key in cache and")
              .replace("    cache = {}", "    cache = {}\n    errors = {}")
              .replace("cache[key] = func(*args, **kwargs)", """try:
            cache[key] = func(*args, **kwargs)
        except Exception as error:
            errors[key] = error
            raise"""), "did not run func", clause="errors"),
        Wrong("forgets functools.wraps", memoize_source(wraps=""), "__name__", clause="wraps"),
        Wrong("copies only __name__", memoize_source(wraps="", extra="    wrapper.__name__ = func.__name__"),
              "__doc__", clause="wraps"),
        Wrong("returns the cache instead of the wrapper", """
def memoize(func):
    return {}
""", "must return a function", clause="wrapper"),
        Wrong("returns the key, not the result", memoize_source().replace("return cache[key]", "return key"),
              "wrong result", clause="wrapper"),
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
""", "Is it memoized?", clause="once"),
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
""", "remembers answers from another grid", clause="fresh"),
        Wrong("a memo shared between calls whose key leaves out the grid size", """
memo = {}
def count_paths(rows, cols, blocked=frozenset()):
    def paths_from(r, c):
        if r >= rows or c >= cols or (r, c) in blocked:
            return 0
        if (r, c) == (rows - 1, cols - 1):
            return 1
        key = (r, c, blocked)
        if key not in memo:
            memo[key] = paths_from(r + 1, c) + paths_from(r, c + 1)
        return memo[key]
    return paths_from(0, 0)
""", "remembers answers from another grid", clause="fresh"),
        Wrong("a memo in a default argument, keyed without blocked", """
def count_paths(rows, cols, blocked=frozenset(), memo={}):
    def paths_to(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0
        if r == 0 and c == 0:
            return 1
        if (rows, cols, r, c) not in memo:
            memo[(rows, cols, r, c)] = paths_to(r - 1, c) + paths_to(r, c - 1)
        return memo[(rows, cols, r, c)]
    return paths_to(rows - 1, cols - 1)
""", "remembers answers from another grid", clause="fresh"),
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
""", "expected", clause="values"),
        Wrong("delegates to a plain recursive helper defined outside", """
def _paths_to(r, c, blocked):
    if r < 0 or c < 0 or (r, c) in blocked:
        return 0
    if r == 0 and c == 0:
        return 1
    return _paths_to(r - 1, c, blocked) + _paths_to(r, c - 1, blocked)

def count_paths(rows, cols, blocked=frozenset()):
    return _paths_to(rows - 1, cols - 1, blocked)
""", "Is it memoized?", clause="once"),
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
""", "start or the end cell is blocked", clause="values"),
        Wrong("blocked has no default", """
def count_paths(rows, cols, blocked):
    memo = {}
    def paths_to(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0
        if r == 0 and c == 0:
            return 1
        if (r, c) not in memo:
            memo[(r, c)] = paths_to(r - 1, c) + paths_to(r, c - 1)
        return memo[(r, c)]
    return paths_to(rows - 1, cols - 1)
""", "give blocked a default", clause="default"),
        Wrong("the closed formula math.comb, which ignores blocked cells", """
def count_paths(rows, cols, blocked=frozenset()):
    import math
    if (0, 0) in blocked or (rows - 1, cols - 1) in blocked:
        return 0
    return math.comb(rows + cols - 2, rows - 1)
""", "expected", clause="values"),
        Wrong("rows and cols swapped at the edge", """
def count_paths(rows, cols, blocked=frozenset()):
    memo = {}
    def paths_to(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0
        if r == 0 and c == 0:
            return 1
        if (r, c) not in memo:
            memo[(r, c)] = paths_to(r - 1, c) + paths_to(r, c - 1)
        return memo[(r, c)]
    return paths_to(cols - 1, rows - 1)
""", "expected", clause="values"),
        Wrong("a float result", """
def count_paths(rows, cols, blocked=frozenset()):
    memo = {}
    def paths_to(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0.0
        if r == 0 and c == 0:
            return 1.0
        if (r, c) not in memo:
            memo[(r, c)] = paths_to(r - 1, c) + paths_to(r, c - 1)
        return memo[(r, c)]
    return paths_to(rows - 1, cols - 1)
""", "must be exactly an int", clause="values"),
    ],
}

# Correct answers in other shapes than the reference: a check must not reject them.
RIGHT = {
    "q1": [
        Right("generator expression over the step sizes, memo seeded with ways(0)", """
ways_memo = {0: 1}
def ways(n):
    if n not in ways_memo:
        ways_memo[n] = sum(ways(n - s) for s in (1, 2, 3) if s <= n)
    return ways_memo[n]
"""),
        Right("the lookup goes through a small helper of its own", """
ways_memo = {}
def lookup(k):
    if k < 0:
        return 0
    if k in ways_memo:
        return ways_memo[k]
    return ways(k)
def ways(n):
    if n in ways_memo:
        return ways_memo[n]
    ways_memo[n] = 1 if n == 0 else lookup(n - 1) + lookup(n - 2) + lookup(n - 3)
    return ways_memo[n]
"""),
        Right("try/except KeyError", """
ways_memo = {}
def ways(n):
    if n < 0:
        return 0
    try:
        return ways_memo[n]
    except KeyError:
        pass
    ways_memo[n] = result = 1 if n == 0 else ways(n - 1) + ways(n - 2) + ways(n - 3)
    return result
"""),
        Right("bottom-up: fills ways_memo in a loop", """
ways_memo = {0: 1}
def ways(n):
    for k in range(len(ways_memo), n + 1):
        ways_memo[k] = sum(ways_memo.get(k - s, 0) for s in (1, 2, 3))
    return ways_memo[n]
"""),
    ],
    "q2": [
        Right("frozenset of keyword items", memoize_source(key="(args, frozenset(kwargs.items()))")),
        Right("inspect.signature().bind, defaults applied", """
import inspect
def memoize(func):
    signature = inspect.signature(func)
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = (bound.args, tuple(sorted(bound.kwargs.items())))
        if key in cache:
            wrapper.hits += 1
            return cache[key]
        wrapper.misses += 1
        result = cache[key] = func(*args, **kwargs)
        return result
    def cache_clear():
        cache.clear()
        wrapper.hits = wrapper.misses = 0
    wrapper.cache_clear = cache_clear
    wrapper.hits = wrapper.misses = 0
    return wrapper
"""),
        Right("a class with __call__ and __slots__, types in the key", """
class memoize:
    __slots__ = ("func", "cache", "hits", "misses", "__name__", "__doc__", "__wrapped__")
    def __init__(self, func):
        self.func, self.cache, self.hits, self.misses = func, {}, 0, 0
        self.__name__, self.__doc__, self.__wrapped__ = func.__name__, func.__doc__, func
    def __call__(self, *args, **kwargs):
        key = (args, tuple(map(type, args)), frozenset((k, (type(v), v)) for k, v in kwargs.items()))
        if key in self.cache:
            self.hits += 1
        else:
            self.misses += 1
            self.cache[key] = self.func(*args, **kwargs)
        return self.cache[key]
    def cache_clear(self):
        self.cache, self.hits, self.misses = {}, 0, 0
"""),
        Right("a sentinel and dict.get, counted on a closure-free wrapper", """
_MISSING = object()
def memoize(func):
    cache = {}
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        result = cache.get(key, _MISSING)
        if result is _MISSING:
            wrapper.misses += 1
            result = cache[key] = func(*args, **kwargs)
        else:
            wrapper.hits += 1
        return result
    wrapper.cache_clear = lambda: (cache.clear(), setattr(wrapper, "hits", 0), setattr(wrapper, "misses", 0))
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
        Right("a memo shared between calls, the whole grid in its key", """
memo = {}
def count_paths(rows, cols, blocked=frozenset()):
    def paths_from(r, c):
        if r >= rows or c >= cols or (r, c) in blocked:
            return 0
        if (r, c) == (rows - 1, cols - 1):
            return 1
        key = (rows, cols, blocked, r, c)
        if key not in memo:
            memo[key] = paths_from(r + 1, c) + paths_from(r, c + 1)
        return memo[key]
    return paths_from(0, 0)
"""),
        Right("iterative, row by row", """
def count_paths(rows, cols, blocked=frozenset()):
    row = [0] * cols
    for r in range(rows):
        for c in range(cols):
            if (r, c) in blocked:
                row[c] = 0
            elif r == 0 and c == 0:
                row[c] = 1
            else:
                row[c] = row[c] + (row[c - 1] if c else 0)
    return row[-1]
"""),
        Right("the lookup through a helper of its own", """
def count_paths(rows, cols, blocked=frozenset()):
    memo = {(0, 0): 0 if (0, 0) in blocked else 1}
    def get(r, c):
        if r < 0 or c < 0 or (r, c) in blocked:
            return 0
        return memo[(r, c)] if (r, c) in memo else compute(r, c)
    def compute(r, c):
        memo[(r, c)] = get(r - 1, c) + get(r, c - 1)
        return memo[(r, c)]
    return get(rows - 1, cols - 1)
"""),
    ],
}

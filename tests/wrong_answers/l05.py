from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("returns the cached list itself", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]
""", "a caller changed the cached result", clause="safe"),
        Wrong("'copies' inside the cached function, so the copy is what gets cached", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    found = [d for d in range(1, n + 1) if n % d == 0]
    return list(found)
""", "return an immutable value", clause="safe"),
        Wrong("removes the cache instead of fixing the result", """
def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]
""", "must stay decorated", clause="decorated"),
        Wrong("a frozenset: immutable, but not in ascending order", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return frozenset(d for d in range(1, n + 1) if n % d == 0)
""", "smallest first", clause="values"),
        Wrong("no real cache: maxsize=0 stores nothing", """
@functools.lru_cache(maxsize=0)
def divisors(n):
    return tuple(d for d in range(1, n + 1) if n % d == 0)
""", "was not a cache hit", clause="cached"),
        Wrong("pairs up to the square root: a square's root twice", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    small, large = [], []
    d = 1
    while d * d <= n:
        if n % d == 0:
            small.append(d)
            large.append(n // d)
        d += 1
    return tuple(small + large[::-1])
""", "each once", clause="values"),
        Wrong("a table of the numbers the old check tried", """
TABLE = {n: tuple(d for d in range(1, n + 1) if n % d == 0) for n in (1, 2, 6, 7, 12, 16, 28, 30, 48, 97, 100, 210, 360)}
@functools.lru_cache(maxsize=None)
def divisors(n):
    return TABLE.get(n, (1, n))
""", "wrong result", clause="values"),
        Wrong("floats: d / 1", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return tuple(d / 1 for d in range(1, n + 1) if n % d == 0)
""", "wrong result", clause="values"),
        Wrong("a tuple subclass", """
class Divisors(tuple):
    pass
@functools.lru_cache(maxsize=None)
def divisors(n):
    return Divisors(d for d in range(1, n + 1) if n % d == 0)
""", "not a tuple", clause="tuple"),
        Wrong("a tuple, but largest first", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return tuple(d for d in range(n, 0, -1) if n % d == 0)
""", "smallest first", clause="values"),
    ],
    "q2": [
        Wrong("lru_cache on the method keeps every ledger alive", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows

    @functools.lru_cache(maxsize=None)
    def total(self, column):
        return sum(row[column] for row in self.rows)
""", "still alive", clause="freed"),
        Wrong("a dict created at class level is shared by all ledgers", """
class Ledger:
    _totals = {}

    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        if column not in self._totals:
            self._totals[column] = sum(row[column] for row in self.rows)
        return self._totals[column]
""", "a cache of its own", clause="own"),
        Wrong("no cache at all", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        return sum(row[column] for row in self.rows)
""", "read the rows again", clause="once"),
        Wrong("one cache per instance, but keyed without the column", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._total = None

    def total(self, column):
        if self._total is None:
            self._total = sum(row[column] for row in self.rows)
        return self._total
""", "the column is part of the key", clause="total"),
        Wrong("`if cache.get(column):` recomputes a cached total of 0", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._totals = {}

    def total(self, column):
        if not self._totals.get(column):
            self._totals[column] = sum(row[column] for row in self.rows)
        return self._totals[column]
""", "0 is falsy", clause="once"),
        Wrong("a module-level memo keyed by id(self.rows) (issue 11)", """
_TOTALS = {}
class Ledger:
    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        key = (id(self.rows), column)
        if key not in _TOTALS:
            _TOTALS[key] = sum(row[column] for row in self.rows)
        return _TOTALS[key]
""", "ledger", clause=None),  # "freed", or "own" where Python reuses the rows' address
        Wrong("a class-level memo keyed by id(self)", """
class Ledger:
    _memo = {}

    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        key = (id(self), column)
        if key not in self._memo:
            self._memo[key] = sum(row[column] for row in self.rows)
        return self._memo[key]
""", "ledger", clause=None),  # "own" where Python reuses the ledger's address, else "freed"
        Wrong("hash(column) as the key: columns -1 and -2 collide", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._totals = {}

    def total(self, column):
        if hash(column) not in self._totals:
            self._totals[hash(column)] = sum(row[column] for row in self.rows)
        return self._totals[hash(column)]
""", "wrong result", clause="own"),
        Wrong("a missing column counts as 0", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._totals = {}

    def total(self, column):
        if column not in self._totals:
            self._totals[column] = sum(row.get(column, 0) for row in self.rows)
        return self._totals[column]
""", "instead of raising KeyError", clause="missing"),
        Wrong("a function that returns a namespace, not a class", """
import types
def Ledger(rows):
    totals = {}
    def total(column):
        if column not in totals:
            totals[column] = sum(row[column] for row in rows)
        return totals[column]
    return types.SimpleNamespace(rows=rows, total=total)
""", "must be a class", clause="class"),
        Wrong("sum(..., 0.0): a float total for int values", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._totals = {}

    def total(self, column):
        if column not in self._totals:
            self._totals[column] = sum((row[column] for row in self.rows), 0.0)
        return self._totals[column]
""", "must be a int", clause="total"),
        Wrong("a ledger that caches only its first column's total per call pattern", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._last = None

    def total(self, column):
        if self._last is None or self._last[0] != column:
            self._last = (column, sum(row[column] for row in self.rows))
        return self._last[1]
""", "row reads", clause="once"),
    ],
    "q3": [
        Wrong("calls f(n) directly on the cold cache", """
def warm_up(f, n):
    return f(n)
""", "hit the recursion limit", clause="shallow"),
        Wrong("warms from the top down", """
def warm_up(f, n):
    for k in range(n, -1, -1):
        f(k)
    return f(n)
""", "in that order", clause="shallow"),
        Wrong("warms in big steps of 100", """
def warm_up(f, n):
    for k in range(0, n + 1, 100):
        f(k)
    return f(n)
""", "hit the recursion limit", clause="shallow"),
        Wrong("computes the answer without filling f's cache", """
def warm_up(f, n):
    return n * (n + 1) // 2
""", "fill f's cache", clause="fills"),
        Wrong("raises the recursion limit and calls f(n) on the cold cache", """
def warm_up(f, n):
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)
    try:
        return f(n)
    finally:
        sys.setrecursionlimit(old)
""", "levels deep", clause="shallow"),
        Wrong("warms correctly, returns f(n - 1)", """
def warm_up(f, n):
    for k in range(n):
        f(k)
    return f(n - 1)
""", "returns f(n)", clause="returns"),
        Wrong("warms through f.__wrapped__: every value computed twice (issue 11)", """
def warm_up(f, n):
    for k in range(n + 1):
        f.__wrapped__(k)
    return f(n)
""", "computed twice", clause="once"),
        Wrong("swallows f's exceptions", """
def warm_up(f, n):
    try:
        for k in range(n + 1):
            f(k)
        return f(n)
    except Exception:
        return None
""", "returned although f(7) raised", clause="exceptions"),
        Wrong("returns the list of every value", """
def warm_up(f, n):
    return [f(k) for k in range(n + 1)]
""", "wrong result", clause="returns"),
        Wrong("warms right, then returns the formula of the sum", """
def warm_up(f, n):
    for k in range(n + 1):
        f(k)
    return n * (n + 1) // 2
""", "any cached function", clause="any-f"),
    ],
    "q4": [
        Wrong("the items list made on the class, shared by every basket", """
class Basket:
    items = []

    def __init__(self, prices):
        self.prices = prices

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        vars(self).pop("total", None)
""", "own items", clause="own"),
        Wrong("never stale by dropping the cached total on every read", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    def __getattribute__(self, name):
        if name == "total":
            object.__getattribute__(self, "__dict__").pop("total", None)
        return object.__getattribute__(self, name)

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
""", "looked the prices up again", clause="cached"),
        Wrong("add() stores the new total itself", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        vars(self)["total"] = sum(self.prices[i] for i in self.items)
""", "computed the total", clause="lazy"),
        Wrong("invalidates only when the item is new", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        if item not in self.items:
            vars(self).pop("total", None)
        self.items.append(item)
""", "must invalidate", clause="fresh"),
        Wrong("never invalidates: total stays at its first value", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
""", "must invalidate", clause="fresh"),
        Wrong("del self.total fails when nothing is cached", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        del self.total
""", "vars(self).pop('total', None)", clause="fresh"),
        Wrong("a plain property: never stale, but recomputed on every read", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
""", "must be a functools.cached_property", clause="property"),
        Wrong("invalidates the wrong name", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        vars(self).pop("_total", None)
""", "must invalidate", clause="fresh"),
        Wrong("pop without a default raises KeyError on the second add", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        self.__dict__.pop("total")
""", "vars(self).pop('total', None)", clause="fresh"),
        Wrong("hasattr(self, 'total') computes the total on every add", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        if hasattr(self, "total"):
            del self.total
""", "computed the total", clause="lazy"),
    ],
}

RIGHT = {
    "q1": [
        Right("builds a list, returns it as a tuple", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    found = []
    for d in range(1, n + 1):
        if n % d == 0:
            found.append(d)
    return tuple(found)
"""),
        Right("functools.cache and pairs of divisors up to the square root", """
@functools.cache
def divisors(n):
    small, large = [], []
    d = 1
    while d * d <= n:
        if n % d == 0:
            small.append(d)
            if d != n // d:
                large.append(n // d)
        d += 1
    return tuple(small + large[::-1])
"""),
        Right("a bounded lru_cache and filter()", """
@functools.lru_cache(maxsize=4)
def divisors(n):
    return tuple(filter(lambda d: n % d == 0, range(1, n + 1)))
"""),
    ],
    "q2": [
        Right("lru_cache created in __init__ around the bound method (a cycle, freed by gc)", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self.total = functools.lru_cache(maxsize=None)(self._total)

    def _total(self, column):
        return sum(row[column] for row in self.rows)
"""),
        Right("__slots__ without __weakref__ (the check cannot watch the ledger itself; issue 11)", """
class Ledger:
    __slots__ = ("rows", "_totals")

    def __init__(self, rows):
        self.rows = rows
        self._totals = {}

    def total(self, column):
        if column not in self._totals:
            self._totals[column] = sum(row[column] for row in self.rows)
        return self._totals[column]
"""),
        Right("a private dict filled with a for loop and try/except KeyError", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self.cache = {}

    def total(self, column):
        try:
            return self.cache[column]
        except KeyError:
            result = 0
            for row in self.rows:
                result += row[column]
            self.cache[column] = result
            return result
"""),
        Right("a class-level WeakKeyDictionary of per-ledger dicts", """
class Ledger:
    _all = weakref.WeakKeyDictionary()

    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        mine = self._all.setdefault(self, {})
        if column not in mine:
            mine[column] = sum(row[column] for row in self.rows)
        return mine[column]
"""),
        Right("the per-ledger dict is itself a cached_property", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows

    @functools.cached_property
    def _totals(self):
        return {}

    def total(self, column):
        if column not in self._totals:
            self._totals[column] = sum(row[column] for row in self.rows)
        return self._totals[column]
"""),
    ],
    "q3": [
        Right("a while loop, then one more call", """
def warm_up(f, n):
    k = 0
    while k <= n:
        result = f(k)
        k += 1
    return result
"""),
        Right("a list of every value, returning the last", """
def warm_up(f, n):
    return [f(k) for k in range(n + 1)][-1]
"""),
        Right("warms 0 .. n - 1, then f(n) recurses one level", """
def warm_up(f, n):
    for k in range(n):
        f(k)
    return f(n)
"""),
        Right("list(map(...))", """
def warm_up(f, n):
    return list(map(f, range(n + 1)))[-1]
"""),
    ],
    "q4": [
        Right("del inside try/except AttributeError", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        try:
            del self.total
        except AttributeError:
            pass
"""),
        Right("checks __dict__ before deleting", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        if "total" in self.__dict__:
            del self.__dict__["total"]
        self.items.append(item)
"""),
        Right("pop with another default", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        self.__dict__.pop("total", 0)
"""),
        Right("`in vars(self)`, then del self.total", """
class Basket:
    def __init__(self, prices):
        self.prices = prices
        self.items = []

    @functools.cached_property
    def total(self):
        return sum(self.prices[item] for item in self.items)

    def add(self, item):
        self.items.append(item)
        if "total" in vars(self):
            del self.total
"""),
    ],
}

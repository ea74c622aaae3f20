from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("returns the cached list itself", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]
""", "a caller changed the cached result"),
        Wrong("'copies' inside the cached function, so the copy is what gets cached", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    found = [d for d in range(1, n + 1) if n % d == 0]
    return list(found)
""", "return an immutable value"),
        Wrong("removes the cache instead of fixing the result", """
def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]
""", "must stay decorated"),
        Wrong("a frozenset: immutable, but not in ascending order", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return frozenset(d for d in range(1, n + 1) if n % d == 0)
""", "smallest first"),
        Wrong("no real cache: maxsize=0 stores nothing, so every call builds a fresh list", """
@functools.lru_cache(maxsize=0)
def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]
""", "not a cache hit"),
        Wrong("a tuple, but largest first", """
@functools.lru_cache(maxsize=None)
def divisors(n):
    return tuple(d for d in range(n, 0, -1) if n % d == 0)
""", "smallest first"),
    ],
    "q2": [
        Wrong("lru_cache on the method keeps every ledger alive", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows

    @functools.lru_cache(maxsize=None)
    def total(self, column):
        return sum(row[column] for row in self.rows)
""", "still alive"),
        Wrong("a dict created at class level is shared by all ledgers", """
class Ledger:
    _totals = {}

    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        if column not in self._totals:
            self._totals[column] = sum(row[column] for row in self.rows)
        return self._totals[column]
""", "a cache of its own"),
        Wrong("no cache at all", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows

    def total(self, column):
        return sum(row[column] for row in self.rows)
""", "read the rows again"),
        Wrong("one cache per instance, but keyed without the column", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._total = None

    def total(self, column):
        if self._total is None:
            self._total = sum(row[column] for row in self.rows)
        return self._total
""", "the column is part of the key"),
        Wrong("`if cache.get(column):` recomputes a cached total of 0", """
class Ledger:
    def __init__(self, rows):
        self.rows = rows
        self._totals = {}

    def total(self, column):
        if not self._totals.get(column):
            self._totals[column] = sum(row[column] for row in self.rows)
        return self._totals[column]
""", "0 is falsy"),
    ],
    "q3": [
        Wrong("calls f(n) directly on the cold cache", """
def warm_up(f, n):
    return f(n)
""", "hit the recursion limit"),
        Wrong("warms from the top down", """
def warm_up(f, n):
    for k in range(n, -1, -1):
        f(k)
    return f(n)
""", "in that order"),
        Wrong("warms in big steps of 100", """
def warm_up(f, n):
    for k in range(0, n + 1, 100):
        f(k)
    return f(n)
""", "hit the recursion limit"),
        Wrong("computes the answer without filling f's cache", """
def warm_up(f, n):
    return n * (n + 1) // 2
""", "fill f's cache"),
        Wrong("raises the recursion limit and calls f(n) on the cold cache", """
def warm_up(f, n):
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)
    try:
        return f(n)
    finally:
        sys.setrecursionlimit(old)
""", "levels deep"),
        Wrong("warms correctly, returns f(n - 1)", """
def warm_up(f, n):
    for k in range(n):
        f(k)
    return f(n - 1)
""", "returns f(n)"),
    ],
    "q4": [
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
""", "must invalidate"),
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
""", "vars(self).pop('total', None)"),
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
""", "must be a functools.cached_property"),
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
""", "must invalidate"),
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
""", "vars(self).pop('total', None)"),
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
""", "computed the total"),
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
            self._totals[column] = sum(row.get(column, 0) for row in self.rows)
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

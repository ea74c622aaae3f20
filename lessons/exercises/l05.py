"""Exercises of lesson 05, pitfalls and cached_property.

q1  divisors(n)        a cached function whose result no caller can corrupt          (easy)
q2  Ledger             a per-instance cache that does not keep instances alive        (medium)
q3  warm_up(f, n)      fill a cold recursive cache bottom-up, under a low recursion
                       limit                                                          (hard)
q4  Basket             cached_property invalidated when its inputs change             (medium)
"""
from __future__ import annotations

import functools
import gc
import weakref

from lessons.exercises.core import Exercise, Failure, Graded, expect_equal
from lessons.tools.counting import count_calls
from lessons.tools.recursion_depth import frame_depth, recursion_limit

LESSON = "05_pitfalls"


# -- q1 ---------------------------------------------------------------------------------------------------
def divisors_reference(n: int) -> tuple[int, ...]:
    return tuple(d for d in range(1, n + 1) if n % d == 0)


def _as_tuple(value, input: str) -> tuple:
    try:
        return tuple(value)
    except TypeError:
        raise Failure(f"{input} returned something that is not a sequence", input=input,
                      expected="the divisors in ascending order", got=value) from None


def _try_to_corrupt(value) -> list[str]:
    """What a careless caller might do to a result it was given; returns the attempts that worked."""
    worked = []
    attempts = [("result.append(99)", lambda v: v.append(99)),
                ("result.sort(reverse=True)", lambda v: v.sort(reverse=True)),
                ("result[0] = -1", lambda v: v.__setitem__(0, -1)),
                ("result.add(99)", lambda v: v.add(99))]
    for text, attempt in attempts:
        try:
            attempt(value)
        except (AttributeError, TypeError, IndexError, KeyError, ValueError):
            continue
        worked.append(text)
    return worked


def check_divisors(divisors) -> str:
    if not all(callable(getattr(divisors, name, None)) for name in ("cache_info", "cache_clear")):
        raise Failure("divisors must stay decorated with @functools.lru_cache",
                      expected="a function with cache_info()", got=divisors,
                      why="the exercise is about making a *cached* result safe, not about removing the cache")
    divisors.cache_clear()  # the check must not depend on what an earlier run left in the cache
    for n in (1, 7, 12, 28, 360):
        expect_equal(_as_tuple(divisors(n), f"divisors({n})"), divisors_reference(n), input=f"divisors({n})",
                     why="every d from 1 to n with n % d == 0, smallest first")
    result = divisors(360)
    worked = _try_to_corrupt(result)
    again = _as_tuple(divisors(360), "divisors(360)")
    if again != divisors_reference(360):
        raise Failure(
            "a caller changed the cached result: the next call returned the damaged value",
            input=f"result = divisors(360); {'; '.join(worked) or 'a mutation'}; divisors(360)",
            expected=divisors_reference(360), got=again,
            why="lru_cache hands every caller the very object it stored; return an immutable value (a tuple) "
                "so that no caller can change it")
    before = divisors.cache_info()
    divisors(360)
    after = divisors.cache_info()
    if after.hits != before.hits + 1:
        raise Failure("a repeated divisors(360) was not a cache hit",
                      expected=before.hits + 1, got=after.hits,
                      why="the value must come from the cache, not be recomputed")
    kind = type(result).__name__
    return (f"divisors(360) has {len(again)} divisors, came back as an immutable {kind}, and the cache "
            f"survived every attempt to change it.")


# graded tests of q1: points for a grader, kept apart from the self-check above
def divisors_values(divisors):
    if not callable(getattr(divisors, "cache_clear", None)):
        raise Failure("divisors is no longer an lru_cache'd function")
    divisors.cache_clear()
    for n in (2, 16, 30, 97, 100):
        expect_equal(_as_tuple(divisors(n), f"divisors({n})"), divisors_reference(n), input=f"divisors({n})")


def divisors_survive_every_caller(divisors):
    if not callable(getattr(divisors, "cache_clear", None)):
        raise Failure("divisors is no longer an lru_cache'd function")
    divisors.cache_clear()
    for n in (6, 48, 210):
        for _ in range(3):  # three careless callers in a row
            _try_to_corrupt(divisors(n))
        expect_equal(_as_tuple(divisors(n), f"divisors({n})"), divisors_reference(n),
                     input=f"divisors({n}) after three callers tried to change it")


q1 = Exercise(
    LESSON, "q1", "A cached result no caller can corrupt", "divisors", check_divisors,
    hints=[
        ("Think back to `settings_for` in section 1: lru_cache stores one object and gives that same object "
        "to every caller. What kind of object can a caller not change?"),
        ("A list can be appended to, sorted and overwritten; a tuple cannot. Build the divisors, then return "
        "them as a tuple."),
        ("`return tuple(d for d in range(1, n + 1) if n % d == 0)`. Returning `list(...)` from inside the "
        "cached function is not a copy: the cache stores that list."),
    ],
    tests=[
        Graded("the divisors are right, in ascending order", 1, divisors_values),
        Graded("no caller can change a cached result", 2, divisors_survive_every_caller),
        Graded("the self-check passes", 1, check_divisors),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
class Lookups:
    """Counts how often rows are read, to see whether a total was computed again."""

    def __init__(self):
        self.count = 0


class CountingRow(dict):
    """A row of a ledger (a dict) that counts every read of a column."""

    def __init__(self, values, lookups: Lookups):
        super().__init__(values)
        self._lookups = lookups

    def __getitem__(self, key):
        self._lookups.count += 1
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._lookups.count += 1
        return super().get(key, default)


def make_rows(values: list[dict], lookups: Lookups) -> list[CountingRow]:
    return [CountingRow(v, lookups) for v in values]


# plums add up to 0: a cache that tests `if cache.get(column):` (truthiness) would recompute that total
ROWS_A = [{"apples": 3, "pears": 1, "plums": 0}, {"apples": 4, "pears": 0, "plums": 0},
          {"apples": 5, "pears": 2, "plums": 0}]
ROWS_B = [{"apples": 10, "pears": 7}, {"apples": 20, "pears": 8}]


def total_reference(rows: list[dict], column: str) -> int:
    return sum(row[column] for row in rows)


def _require_class(Ledger) -> None:
    if not isinstance(Ledger, type):
        raise Failure("Ledger must be a class", expected="class Ledger: ...", got=Ledger)


def ledger_is_collectable(Ledger) -> None:
    """A used ledger must disappear once the last outside reference to it is gone."""
    lookups = Lookups()
    ledger = Ledger(make_rows(ROWS_A, lookups))
    ledger.total("apples")
    ledger.total("apples")
    alive = weakref.ref(ledger)
    old_id = id(ledger)
    # Everything the search below needs is made before the del, so that the new ledgers can take the place
    fresh, kept, rows_b = None, [], make_rows(ROWS_B, Lookups())
    del ledger
    if alive() is None:
        # Freed: a new ledger may get the freed one's address, hence its id(). A cache keyed by id(self)
        # outside the instance would answer that ledger with the old ledger's total. Make new ledgers
        # (kept alive, so each takes a new place) until one reuses the old id: on 3.10-3.12 the first
        # one nearly always does; 3.13 rarely reuses it, so this is a best-effort check (and
        # tests/wrong_answers/l05.py does not list that mistake, whose detection is not certain).
        for _ in range(200):
            candidate = Ledger(rows_b)
            if id(candidate) == old_id:
                fresh = candidate
                break
            kept.append(candidate)
        del kept
    if alive() is None and fresh is not None:
        expect_equal(fresh.total("apples"), total_reference(ROWS_B, "apples"),
                     input="ledger = Ledger(rows_a); ledger.total('apples'); del ledger; "
                           "Ledger(rows_b).total('apples')",
                     why="a new object may reuse a freed object's id(); a cache outside the instance keyed "
                         "by "
                         "id(self) outlives its ledger and hands its total to a stranger. Keep the cache "
                         "inside the instance")
    if alive() is not None:
        # Not freed by reference counting: maybe a reference cycle (a cache created in __init__ around a
        # bound method), which the cycle collector frees. Collect only then: a full collection is slow.
        gc.collect()
    if alive() is not None:
        raise Failure(
            "a ledger is still alive after `del ledger` and gc.collect()",
            input="ledger = Ledger(rows); ledger.total('apples'); del ledger; gc.collect()",
            why="something outside the instance still refers to it: a cache on the class or the module whose "
                "keys include self (like @functools.lru_cache on the method) keeps every ledger alive; keep "
                "the cache inside the instance instead")


def check_ledger(Ledger) -> str:
    _require_class(Ledger)
    lookups = Lookups()
    ledger = Ledger(make_rows(ROWS_A, lookups))
    expect_equal(ledger.total("apples"), total_reference(ROWS_A, "apples"), input="ledger.total('apples')")
    first = lookups.count
    expect_equal(ledger.total("apples"), total_reference(ROWS_A, "apples"),
                 input="ledger.total('apples') a second time")
    if lookups.count != first:
        raise Failure("the second ledger.total('apples') read the rows again",
                      input="ledger.total('apples') twice",
                      expected=f"{first} row reads in all", got=f"{lookups.count} row reads",
                      why="each total must be computed once per ledger and then answered from its cache")
    expect_equal(ledger.total("pears"), total_reference(ROWS_A, "pears"), input="ledger.total('pears')",
                 why="the column is part of the key: apples and pears have different totals")
    expect_equal(ledger.total("plums"), 0, input="ledger.total('plums'), a column that adds up to 0")
    reads = lookups.count
    ledger.total("plums")
    if lookups.count != reads:
        raise Failure("the second ledger.total('plums') read the rows again; its total is 0",
                      input="ledger.total('plums') twice", expected=f"{reads} row reads in all",
                      got=f"{lookups.count} row reads",
                      why="0 is falsy: `if cache.get(column):` treats a cached 0 as missing. Test whether "
                          "the "
                          "key is there: `if column not in cache:`")
    other = Ledger(make_rows(ROWS_B, Lookups()))
    expect_equal(other.total("apples"), total_reference(ROWS_B, "apples"),
                 input="other.total('apples') for a second ledger with other rows",
                 why="a cache shared by all ledgers answers with the first ledger's total; each ledger "
                     "needs a cache of its own")
    ledger_is_collectable(Ledger)
    return ("each ledger computes each total once, ledgers do not share answers, and a ledger is freed "
            "as soon as nobody uses it.")


# graded tests of q2: points for a grader, kept apart from the self-check above
def ledger_totals_once_each(Ledger):
    _require_class(Ledger)
    lookups = Lookups()
    ledger = Ledger(make_rows(ROWS_A, lookups))
    for column in ("pears", "apples", "pears", "apples", "apples"):
        expect_equal(ledger.total(column), total_reference(ROWS_A, column), input=f"ledger.total({column!r})")
    expect_equal(lookups.count, 2 * len(ROWS_A), input="row reads for 5 totals of 2 distinct columns",
                 why="each column's total is computed once per ledger")


def ledgers_do_not_share(Ledger):
    _require_class(Ledger)
    tables = [[{"apples": k, "pears": 2 * k}] * (k + 1) for k in range(4)]
    ledgers = [Ledger(make_rows(rows, Lookups())) for rows in tables]
    for rows, ledger in zip(tables, ledgers):
        expect_equal(ledger.total("pears"), total_reference(rows, "pears"),
                     input="four ledgers, total('pears') each")


def many_ledgers_are_freed(Ledger):
    _require_class(Ledger)
    ledgers = [Ledger(make_rows(ROWS_B, Lookups())) for _ in range(3)]
    for ledger in ledgers:
        ledger.total("apples")
        ledger.total("pears")
    watches = [weakref.ref(ledger) for ledger in ledgers]
    del ledger, ledgers
    if any(watch() is not None for watch in watches):
        gc.collect()  # only when reference counting was not enough: a full collection is slow
    alive = sum(watch() is not None for watch in watches)
    if alive:
        raise Failure(f"{alive} of 3 used ledgers are still alive after del and gc.collect()",
                      why="a cache outside the instances (on the class or the module) holds them")


q2 = Exercise(
    LESSON, "q2", "A per-instance cache that lets instances go", "Ledger", check_ledger,
    hints=[
        ("@functools.lru_cache on the method keeps every ledger alive, because its one cache lives on the "
        "class and its keys hold self. Put the cache *in the instance* instead."),
        ("In __init__, create a dictionary for this ledger: `self._totals = {}`. In total(), look the column "
        "up there first; compute and store it only when it is missing."),
        ("A cache made in __init__ with `self.total = functools.lru_cache(maxsize=None)(self._total)` works "
        "too, but it is a reference cycle (the instance holds the cache, the cache holds the bound method, "
        "the bound method holds the instance), so only the cycle collector (gc) frees it."),
    ],
    tests=[
        Graded("each column total is computed once per ledger", 1, ledger_totals_once_each),
        Graded("ledgers do not share cached totals", 1, ledgers_do_not_share),
        Graded("a ledger is freed when it is no longer used", 2, many_ledgers_are_freed),
        Graded("the self-check passes", 1, check_ledger),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
def make_cached_sum(maxsize=None):
    """A cold, cached, deeply recursive function: total(n) = 0 + 1 + ... + n.

    ``total.deepest`` records how many calls of the body were ever nested at once: 1 or 2 when the cache
    is warmed bottom-up, n + 1 when total(n) runs on a cold cache (whatever the recursion limit)."""
    nesting = 0

    @functools.lru_cache(maxsize=maxsize)
    def total(n):
        nonlocal nesting
        nesting += 1
        total.deepest = max(total.deepest, nesting)
        try:
            return 0 if n <= 0 else n + total(n - 1)
        finally:
            nesting -= 1
    total.deepest = 0
    return total


def make_cached_tribonacci(maxsize=None):
    """Another shape: three recursive calls per level (ways to climb n stairs in steps of 1, 2 or 3)."""
    @functools.lru_cache(maxsize=maxsize)
    def ways(n):
        if n < 0:
            return 0
        if n == 0:
            return 1
        return ways(n - 1) + ways(n - 2) + ways(n - 3)
    return ways


def tribonacci_reference(n: int) -> int:
    a, b, c = 1, 0, 0
    for _ in range(n):
        a, b, c = a + b + c, a, b
    return a


# The lowered limit leaves this many frames of room above the check: enough for warm_up, f and a
# one-level recursion through lru_cache (two units per level on 3.10/3.11), far too few for a cold
# recursion thousands of levels deep, or for warming in big steps.
HEADROOM = 60


def run_warm_up(warm_up, f, n: int):
    """Call warm_up(f, n) under a recursion limit only HEADROOM frames above the current depth, with a
    budget on the calls of f; the previous limit is restored whatever happens."""
    try:
        with recursion_limit(frame_depth() + HEADROOM), count_calls(f, budget=4 * (n + 1) + 20) as tally:
            got = warm_up(f, n)
    except RecursionError:
        raise Failure(
            f"warm_up(f, {n}) hit the recursion limit",
            input=f"warm_up(f, {n}) with only {HEADROOM} frames of recursion allowed",
            why="calling f(n) on a cold cache recurses n levels deep. Call f(0), f(1), ..., f(n) in that "
                "order: each call then finds f(k - 1) in the cache and recurses only one level") from None
    return got, tally.calls


def check_warm_up(warm_up) -> str:
    if not callable(warm_up):
        raise Failure("warm_up must be a function", expected="def warm_up(f, n): ...", got=warm_up)
    n = 3000
    f = make_cached_sum()
    got, _ = run_warm_up(warm_up, f, n)
    expect_equal(got, n * (n + 1) // 2, input=f"warm_up(total, {n}), total(n) = 0 + 1 + ... + n",
                 why="warm_up(f, n) returns f(n)")
    if f.deepest > HEADROOM:
        raise Failure(f"warm_up(f, {n}) made f recurse {f.deepest} levels deep",
                      expected=f"a few levels per call (at most {HEADROOM})", got=f"{f.deepest} levels",
                      why="a deep recursion only works here because the recursion limit was raised, which "
                          "the documentation of sys.setrecursionlimit warns can crash Python (and on 3.12 "
                          "does not help lru_cache). Call f(0), f(1), ..., f(n) in order instead")
    info = f.cache_info()
    if info.currsize < n + 1:
        raise Failure(f"after warm_up(f, {n}) the cache of f holds {info.currsize} values",
                      expected=f"{n + 1} values (f(0) to f({n}))", got=info.currsize,
                      why="the point is to fill f's cache: call f itself, not a copy of its formula")
    before = f.cache_info()
    f(n)
    if f.cache_info().hits != before.hits + 1:
        raise Failure(f"f({n}) is still not a cache hit after warm_up",
                      why="warm_up must leave f's cache warm")
    # The misses of f's own statistics count its real computations exactly (the call counter only
    # guards against runaway answers).
    if info.misses != n + 1:
        raise Failure(f"f computed {info.misses} values for warm_up(f, {n})", expected=n + 1, got=info.misses,
                      why="each of f(0) .. f(n) should be computed exactly once")
    m = 2000
    ways = make_cached_tribonacci()
    got, _ = run_warm_up(warm_up, ways, m)
    expect_equal(got, tribonacci_reference(m),
                 input=f"warm_up(ways, {m}), ways(n) = ways(n-1) + ways(n-2) + ways(n-3)",
                 why="warm_up must work for any cached function of n >= 0, not only the sum")
    return (f"warm_up filled the cache bottom-up: total({n}) and ways({m}) ran with only {HEADROOM} frames "
            f"of recursion to spare, and f computed each value once.")


# graded tests of q3: points for a grader, kept apart from the self-check above
def warm_up_sum(warm_up):
    if not callable(warm_up):
        raise Failure("warm_up must be a function")
    for n in (0, 1, 5, 4000):
        f = make_cached_sum()
        got, _ = run_warm_up(warm_up, f, n)
        expect_equal(got, n * (n + 1) // 2, input=f"warm_up(total, {n})")


def warm_up_bounded_cache(warm_up):
    """Bottom-up warming works even with a small bounded cache: each step needs only the last few."""
    if not callable(warm_up):
        raise Failure("warm_up must be a function")
    ways = make_cached_tribonacci(maxsize=8)
    got, _ = run_warm_up(warm_up, ways, 2500)
    expect_equal(got, tribonacci_reference(2500), input="warm_up(ways, 2500) with lru_cache(maxsize=8)")


def warm_up_full_check(warm_up):
    check_warm_up(warm_up)


q3 = Exercise(
    LESSON, "q3", "Warm a deep recursive cache bottom-up", "warm_up", check_warm_up,
    hints=[
        ("f(n) on an empty cache recurses n levels before anything is cached. Which call needs no recursion "
        "at all? Which call needs only one level once that one is cached?"),
        ("Call f(0), then f(1), then f(2), ... in a loop: each f(k) finds f(k - 1) (and f(k - 2), ...) "
        "already in the cache."),
        ("`for k in range(n + 1): f(k)` then `return f(n)`. Going in big steps (every 100th k) still recurses "
        "100 levels per call, and going downwards is as deep as calling f(n) directly."),
    ],
    tests=[
        Graded("warm_up(total, n) returns total(n), up to n = 4000 with a low recursion limit", 1,
               warm_up_sum),
        Graded("works with a bounded lru_cache(maxsize=8)", 1, warm_up_bounded_cache),
        Graded("the self-check passes: the cache is filled, each value computed once", 2, warm_up_full_check),
    ],
)


# -- q4 ---------------------------------------------------------------------------------------------------
class Prices:
    """A price list that counts lookups, to see whether a cached total was recomputed."""

    def __init__(self, prices: dict):
        self._prices = dict(prices)
        self.lookups = 0

    def __getitem__(self, item):
        self.lookups += 1
        return self._prices[item]


PRICES = {"tea": 3, "milk": 2, "bread": 4, "jam": 5}


def add(basket, item: str, prices: Prices | None = None) -> None:
    """basket.add(item), turning the classic mistakes into messages that explain them; with ``prices``,
    also fail when add() computed the total (looked prices up) instead of only invalidating it."""
    before = prices.lookups if prices is not None else 0
    try:
        basket.add(item)
    except KeyError as error:
        raise Failure(
            f"basket.add({item!r}) raised KeyError: {error}",
            input="two add() calls in a row, with no read of total between them",
            why="after the first add() no total is cached, so `self.__dict__.pop('total')` or "
                "`del self.__dict__['total']` finds nothing to remove; give pop a default: "
                "vars(self).pop('total', None)") from None
    except AttributeError as error:
        raise Failure(
            f"basket.add({item!r}) raised AttributeError: {error}",
            input="two add() calls in a row, with no read of total between them",
            why="`del self.total` raises AttributeError when no total is cached, which is the case after "
                "the first add(); use vars(self).pop('total', None), which also works when nothing is "
                "cached") from None
    if prices is not None and prices.lookups != before:
        raise Failure(
            f"basket.add({item!r}) looked prices up: it computed the total",
            expected="no price lookups inside add()", got=f"{prices.lookups - before} lookups",
            why="reading self.total (hasattr(self, 'total') reads it too) runs the getter when nothing is "
                "cached, so every add() pays for a total nobody asked for. Only remove the cached value: "
                "vars(self).pop('total', None), or check `'total' in vars(self)`") from None


def check_basket(Basket) -> str:
    if not isinstance(Basket, type):
        raise Failure("Basket must be a class", expected="class Basket: ...", got=Basket)
    if not isinstance(Basket.__dict__.get("total"), functools.cached_property):
        raise Failure("Basket.total must be a functools.cached_property",
                      got=type(Basket.__dict__.get("total")),
                      why="the exercise is about invalidating a cached_property")
    prices = Prices(PRICES)
    basket = Basket(prices)
    expect_equal(basket.total, 0, input="Basket(prices).total with nothing added")
    add(basket, "tea", prices)
    expect_equal(basket.total, 3, input="add('tea'); total",
                 why="add() must invalidate the cached total, or the old value (0) is returned")
    add(basket, "milk", prices)
    add(basket, "tea", prices)
    expect_equal(basket.total, 8, input="add('tea'); add('milk'); add('tea'); total")
    reads = prices.lookups
    for _ in range(3):
        expect_equal(basket.total, 8, input="total read again")
    if prices.lookups != reads:
        raise Failure("reading total again looked the prices up again", expected=f"{reads} lookups",
                      got=f"{prices.lookups} lookups", why="total must stay cached until the basket changes")
    add(basket, "jam", prices)
    add(basket, "bread", prices)
    expect_equal(basket.total, 17, input="two more add() calls, then total",
                 why="every add() must invalidate, even several in a row without reading total between "
                     "them (deleting a value that is not cached raises AttributeError: use "
                     "vars(self).pop('total', None))")
    other = Basket(prices)
    expect_equal(other.total, 0, input="a second, empty Basket", why="each basket has its own items")
    return "total is computed once per change of the basket, and every add() invalidates it."


# graded tests of q4: points for a grader, kept apart from the self-check above
def basket_full_check(Basket):
    check_basket(Basket)


def basket_invalidates_each_time(Basket):
    if not isinstance(Basket, type):
        raise Failure("Basket must be a class")
    prices = Prices(PRICES)
    basket = Basket(prices)
    running = 0
    for item in ("jam", "tea", "tea", "bread", "milk"):
        add(basket, item, prices)
        running += PRICES[item]
        expect_equal(basket.total, running, input=f"total after adding {item!r}")


q4 = Exercise(
    LESSON, "q4", "Invalidate a cached_property", "Basket", check_basket,
    hints=[
        ("A cached_property stores its value in the instance's __dict__ under the property's name. While it "
        "is there, the getter never runs again."),
        ("In add(), after appending the item, remove the cached value so that the next read recomputes it. "
        "`del self.total` works only when a value is cached (otherwise it raises AttributeError)."),
        ("`vars(self).pop('total', None)` removes the cached total when there is one and does nothing when "
        "there is none."),
    ],
    tests=[
        Graded("every add() invalidates the total", 1, basket_invalidates_each_time),
        Graded("the self-check passes: computed once per change, several adds in a row", 2,
               basket_full_check),
    ],
)


EXERCISES = [q1, q2, q3, q4]

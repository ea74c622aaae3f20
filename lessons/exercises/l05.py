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
import random
import weakref

from lessons.exercises.core import Description, Exercise, Failure, Graded, expect_equal
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
        raise Failure(f"{input} returned something that is not a sequence", clause="values", input=input,
                      expected=Description("the divisors in ascending order"), got=value) from None


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


Q1_CLAUSES = {
    "decorated": "`divisors` stays decorated with `functools.lru_cache` (or `functools.cache`)",
    "values": ("`divisors(n)` gives every `d` from 1 to `n` with `n % d == 0`, smallest first, each once, as "
               "ints, for any n >= 1 (large ones and perfect squares too)"),
    "safe": "no caller can change what the next caller gets: whatever a caller does to its result",
    "tuple": "the result is a tuple (an immutable sequence, which a caller cannot change)",
    "cached": "a repeated `divisors(n)` is a cache hit: the function body does not run again",
}


def divisors_inputs(seed: int = 51) -> list[int]:
    """The lesson's examples, squares (whose root must appear once), primes, and seeded random n."""
    rng = random.Random(seed)
    return [1, 2, 7, 12, 28, 36, 49, 97, 360, 1024, 9973, 10000] + [rng.randrange(2, 20_000) for _ in range(20)]


def _require_lru(divisors) -> None:
    if not all(callable(getattr(divisors, name, None)) for name in ("cache_info", "cache_clear")):
        raise Failure("divisors must stay decorated with @functools.lru_cache", clause="decorated",
                      expected=Description("a function with cache_info()"), got=divisors,
                      why="the exercise is about making a *cached* result safe, not about removing the cache")
    divisors.cache_clear()  # the check must not depend on what an earlier run left in the cache


def expect_divisor_values(divisors, numbers) -> None:
    for n in numbers:
        got = divisors(n)
        expect_equal(_as_tuple(got, f"divisors({n})"), divisors_reference(n), input=f"divisors({n})",
                     clause="values", why="every d from 1 to n with n % d == 0, smallest first, each once")


def expect_safe(divisors, numbers) -> None:
    for n in numbers:
        worked = _try_to_corrupt(divisors(n))
        again = _as_tuple(divisors(n), f"divisors({n})")
        if again != divisors_reference(n):
            raise Failure(
                "a caller changed the cached result: the next call returned the damaged value", clause="safe",
                input=f"result = divisors({n}); {'; '.join(worked) or 'a mutation'}; divisors({n})",
                expected=divisors_reference(n), got=again,
                why="lru_cache hands every caller the very object it stored; return an immutable value (a "
                    "tuple) so that no caller can change it")


def expect_tuple(divisors, numbers) -> None:
    for n in numbers:
        got = divisors(n)
        if type(got) is not tuple:
            raise Failure(f"divisors({n}) returned a {type(got).__name__}, not a tuple", clause="tuple",
                          input=f"divisors({n})", expected=divisors_reference(n), got=got,
                          why="a tuple cannot be changed by any caller, and it keeps the order; a list can be "
                              "changed, and a subclass or another type is not what the task asks for")


def expect_hits(divisors, numbers) -> None:
    divisors.cache_clear()
    for n in numbers:
        divisors(n)
        before = divisors.cache_info()
        divisors(n)  # at once, so that a small bounded cache has not evicted it
        after = divisors.cache_info()
        if after.hits != before.hits + 1 or after.misses != before.misses:
            raise Failure(f"a repeated divisors({n}) was not a cache hit", clause="cached",
                          input=f"divisors({n}) twice in a row", expected=Description("hits + 1, misses + 0"),
                          got=Description(f"hits + {after.hits - before.hits}, "
                                          f"misses + {after.misses - before.misses}"),
                          why="the value must come from the cache, not be recomputed")


def check_divisors(divisors) -> str:
    _require_lru(divisors)
    numbers = divisors_inputs()
    expect_divisor_values(divisors, numbers)
    expect_safe(divisors, [360, 12, 1, 36])
    expect_tuple(divisors, numbers)
    expect_hits(divisors, [360, 12, 1, 36, 97])
    return (f"divisors is right for {len(numbers)} numbers, comes back as an immutable tuple, and the cache "
            f"survived every attempt to change it.")


# graded tests of q1: points for a grader, kept apart from the self-check above
def divisors_values(divisors):
    _require_lru(divisors)
    expect_divisor_values(divisors, divisors_inputs(seed=52))


def divisors_survive_every_caller(divisors):
    _require_lru(divisors)
    for _ in range(3):  # three careless callers in a row
        expect_safe(divisors, [6, 48, 210, 1, 49])
    expect_tuple(divisors, [6, 48, 210])
    expect_hits(divisors, [6, 48, 210, 1, 49])


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
    clauses=Q1_CLAUSES,
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


Q2_CLAUSES = {
    "class": "`Ledger` is a class: `Ledger(rows)` makes a ledger, and `ledger.total(column)` answers",
    "total": ("`ledger.total(column)` is the sum of `row[column]` over the ledger's rows, of the same type as "
              "that sum (an int for int values), and each column has its own total (any hashable column: "
              "columns -1 and -2 are two columns, although hash(-1) == hash(-2))"),
    "once": ("each column's total is computed once per ledger, also when it is 0: asking again reads no "
             "row"),
    "missing": ("asking for a column that a row does not have raises that row's `KeyError`, every time: "
                "nothing is cached for it, and no error is swallowed"),
    "own": ("each ledger has its own totals: a ledger never answers with another ledger's total, also when "
            "Python gives a new ledger (or its rows) the address, and so the `id()`, of a freed one"),
    "freed": ("once nobody refers to a ledger any more, it is freed, with its rows and its cached totals "
              "(the check uses `weakref` and `gc.collect()`): nothing outside the ledger keeps them"),
}

# plums add up to 0: a cache that tests `if cache.get(column):` (truthiness) would recompute that total
ROWS_A = [{"apples": 3, "pears": 1, "plums": 0}, {"apples": 4, "pears": 0, "plums": 0},
          {"apples": 5, "pears": 2, "plums": 0}]
ROWS_B = [{"apples": 10, "pears": 7}, {"apples": 20, "pears": 8}]


def random_rows(rng: random.Random) -> list[dict]:
    """Seeded rows: totals beyond any table, a column of zeros, a column of floats."""
    count = rng.randrange(1, 6)
    return [{"apples": rng.randrange(1000), "pears": rng.randrange(-50, 50), "plums": 0,
             "figs": rng.randrange(8) / 4, -1: rng.randrange(100), -2: rng.randrange(100, 200)}
            for _ in range(count)]


class Amount:
    """A number that a weak reference can watch (an int cannot): the check sums these to see whether a
    cached total outlives its ledger."""

    __slots__ = ("value", "__weakref__")

    def __init__(self, value):
        self.value = value

    def __add__(self, other):
        return Amount(self.value + (other.value if isinstance(other, Amount) else other))

    __radd__ = __add__

    def __eq__(self, other):
        return type(other) is Amount and other.value == self.value

    __hash__ = None

    def __repr__(self) -> str:
        return f"Amount({self.value!r})"


def total_reference(rows: list[dict], column: str) -> int:
    return sum(row[column] for row in rows)


def _require_class(Ledger) -> None:
    if not isinstance(Ledger, type):
        raise Failure("Ledger must be a class", clause="class", expected=Description("class Ledger: ..."), got=Ledger)


def _gone(watches) -> bool:
    """Are all watched objects freed? Collect cycles only when reference counting was not enough: a
    full collection is slow."""
    if any(watch() is not None for watch in watches):
        gc.collect()
    return all(watch() is None for watch in watches)


def ledger_is_freed(Ledger) -> None:
    """A used ledger, its rows and its cached totals disappear once the last outside reference is gone.
    Watched through a row (a dict subclass, which weakref can watch even when a Ledger with __slots__
    cannot be) and through a cached total (an Amount)."""
    rows = make_rows([{"apples": Amount(3)}, {"apples": Amount(4)}], Lookups())
    ledger = Ledger(rows)
    total = ledger.total("apples")
    expect_equal(total, Amount(7), input="Ledger(rows).total('apples') for amounts 3 and 4",
                 clause="total" if isinstance(total, Amount) else "own",
                 why="the rows hold Amount objects, so their sum is an Amount; any other value is a total "
                     "remembered from another ledger")
    watches = [weakref.ref(rows[0]), weakref.ref(total)]
    try:
        watches.append(weakref.ref(ledger))
    except TypeError:
        pass  # a Ledger with __slots__ and no __weakref__: the row and the total still tell
    del ledger, rows, total
    if not _gone(watches):
        raise Failure(
            "a ledger's rows or cached totals are still alive after `del ledger` and gc.collect()",
            clause="freed", input="ledger = Ledger(rows); ledger.total('apples'); del ledger, rows; gc.collect()",
            why="something outside the instance still refers to them: a cache on the class or the module (like "
                "@functools.lru_cache on the method, whose keys hold self, or a dict keyed by id(self) or "
                "id(self.rows)) keeps them for ever; keep the cache inside the instance instead")


def ledgers_do_not_share_ids(Ledger) -> None:
    """A new ledger (or rows list) at a freed one's address must not get the freed one's totals. Best
    effort: it depends on Python reusing the address, which CPython nearly always does at once."""
    ledger = Ledger(make_rows(ROWS_A, Lookups()))
    ledger.total("apples")
    old_ids = {id(ledger), id(getattr(ledger, "rows", None))}
    del ledger
    gc.collect()
    kept = []
    for _ in range(50):
        rows = make_rows(ROWS_B, Lookups())
        candidate = Ledger(rows)
        if {id(candidate), id(rows)} & old_ids:
            expect_equal(candidate.total("apples"), total_reference(ROWS_B, "apples"), clause="own",
                         input="ledger = Ledger(rows_a); ledger.total('apples'); del ledger; "
                               "Ledger(rows_b).total('apples'), the new ledger at the old one's address",
                         why="a new object may reuse a freed object's id(); a cache outside the instance keyed "
                             "by id(self) or id(self.rows) hands the old total to a stranger. Keep the cache "
                             "inside the instance")
            break
        kept.append((candidate, rows))
    del kept


def expect_random_ledgers(Ledger, seed: int) -> None:
    """Several ledgers alive at once, on seeded rows, asked in a seeded order: the right total of the right
    type every time, each (ledger, column) read from the rows once."""
    rng = random.Random(seed)
    tables = [random_rows(rng) for _ in range(4)]
    counters = [Lookups() for _ in tables]
    ledgers = [Ledger(make_rows(rows, counter)) for rows, counter in zip(tables, counters)]
    asked: set[tuple[int, str]] = set()
    for _ in range(40):
        i, column = rng.randrange(len(ledgers)), rng.choice(["apples", "pears", "plums", "figs", -1, -2])
        expect_equal(ledgers[i].total(column), total_reference(tables[i], column), clause="own",
                     input=f"four ledgers on seeded rows; ledger {i + 1}.total({column!r})",
                     why="each ledger answers from its own rows: a cache shared between ledgers, or keyed "
                         "without the column, gives another total")
        asked.add((i, column))
        expected_reads = sum(len(tables[j]) for j, _ in asked if j == i)
        if counters[i].count != expected_reads:
            raise Failure(f"ledger {i + 1} read its rows {counters[i].count} times for "
                          f"{sum(1 for j, _ in asked if j == i)} distinct columns", clause="once",
                          input="four ledgers on seeded rows, totals asked in a seeded order",
                          expected=Description(f"{expected_reads} row reads"),
                          got=Description(f"{counters[i].count} row reads"),
                          why="each column's total is computed once per ledger")


def check_ledger(Ledger) -> str:
    _require_class(Ledger)
    lookups = Lookups()
    ledger = Ledger(make_rows(ROWS_A, lookups))
    expect_equal(ledger.total("apples"), total_reference(ROWS_A, "apples"), input="ledger.total('apples')",
                 clause="total")
    first = lookups.count
    expect_equal(ledger.total("apples"), total_reference(ROWS_A, "apples"), clause="total",
                 input="ledger.total('apples') a second time")
    if lookups.count != first:
        raise Failure("the second ledger.total('apples') read the rows again", clause="once",
                      input="ledger.total('apples') twice",
                      expected=Description(f"{first} row reads in all"), got=Description(f"{lookups.count} row reads"),
                      why="each total must be computed once per ledger and then answered from its cache")
    expect_equal(ledger.total("pears"), total_reference(ROWS_A, "pears"), input="ledger.total('pears')",
                 clause="total", why="the column is part of the key: apples and pears have different totals")
    expect_equal(ledger.total("plums"), 0, input="ledger.total('plums'), a column that adds up to 0",
                 clause="total")
    reads = lookups.count
    ledger.total("plums")
    if lookups.count != reads:
        raise Failure("the second ledger.total('plums') read the rows again; its total is 0", clause="once",
                      input="ledger.total('plums') twice", expected=Description(f"{reads} row reads in all"),
                      got=Description(f"{lookups.count} row reads"),
                      why="0 is falsy: `if cache.get(column):` treats a cached 0 as missing. Test whether the "
                          "key is there: `if column not in cache:`")
    other = Ledger(make_rows(ROWS_B, Lookups()))
    expect_equal(other.total("apples"), total_reference(ROWS_B, "apples"), clause="own",
                 input="other.total('apples') for a second ledger with other rows",
                 why="a cache shared by all ledgers answers with the first ledger's total; each ledger "
                     "needs a cache of its own")
    expect_random_ledgers(Ledger, seed=5)
    expect_missing_column(Ledger)
    ledger_is_freed(Ledger)
    ledgers_do_not_share_ids(Ledger)
    return ("each ledger computes each total once, ledgers do not share answers, and a ledger is freed "
            "with its rows and totals as soon as nobody uses it.")


def expect_missing_column(Ledger) -> None:
    ledger = Ledger(make_rows(ROWS_B, Lookups()))
    for attempt in ("", " again"):
        try:
            got = ledger.total("kiwis")
        except KeyError:
            continue
        raise Failure(f"ledger.total('kiwis'){attempt} returned instead of raising KeyError", clause="missing",
                      input="ledger.total('kiwis'), a column no row has", expected=Description("KeyError: 'kiwis'"),
                      got=got,
                      why="a total of a column that does not exist is an error, as row['kiwis'] is; a cache that "
                          "swallows it, or remembers a default, hides a typo for ever")


# graded tests of q2: points for a grader, kept apart from the self-check above
def ledger_totals_once_each(Ledger):
    _require_class(Ledger)
    lookups = Lookups()
    ledger = Ledger(make_rows(ROWS_A, lookups))
    for column in ("pears", "apples", "pears", "apples", "apples", "plums", "plums"):
        expect_equal(ledger.total(column), total_reference(ROWS_A, column), input=f"ledger.total({column!r})",
                     clause="total")
    expect_missing_column(Ledger)
    if lookups.count != 3 * len(ROWS_A):
        raise Failure("a total was computed more than once", clause="once",
                      input="7 totals of 3 distinct columns (one of them 0)",
                      expected=Description(f"{3 * len(ROWS_A)} row reads"),
                      got=Description(f"{lookups.count} row reads"),
                      why="each column's total is computed once per ledger")


def ledgers_do_not_share(Ledger):
    _require_class(Ledger)
    expect_random_ledgers(Ledger, seed=6)
    ledgers_do_not_share_ids(Ledger)


def many_ledgers_are_freed(Ledger):
    _require_class(Ledger)
    for _ in range(3):
        ledger_is_freed(Ledger)


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
    clauses=Q2_CLAUSES,
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
        total.executions += 1           # the body's real runs, counted here rather than read from the cache
        total.deepest = max(total.deepest, nesting)
        try:
            return 0 if n <= 0 else n + total(n - 1)
        finally:
            nesting -= 1
    total.deepest = 0
    total.executions = 0
    return total


def make_cached_tribonacci(maxsize=None):
    """Another shape: three recursive calls per level (ways to climb n stairs in steps of 1, 2 or 3)."""
    @functools.lru_cache(maxsize=maxsize)
    def ways(n):
        ways.executions += 1
        if n < 0:
            return 0
        if n == 0:
            return 1
        return ways(n - 1) + ways(n - 2) + ways(n - 3)
    ways.executions = 0
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


Q3_CLAUSES = {
    "returns": "`warm_up(f, n)` returns `f(n)` (the same value and type), for n = 0 and up",
    "shallow": (f"`f` never recurses more than {HEADROOM} levels deep, on a cold cache and with `n` far above "
                "the recursion limit (the check lowers the limit and counts the levels, so raising the limit "
                "does not pass)"),
    "fills": "afterwards `f`'s cache holds `f(0)` to `f(n)`, and `f(n)` is a hit: call `f` itself",
    "once": ("each of `f(0)` to `f(n)` is computed exactly once (the check counts the runs of `f`'s body "
             "itself): not twice, as warming through `f.__wrapped__` does"),
    "exceptions": "an exception raised by `f` reaches the caller of `warm_up`: nothing swallows it",
    "any-f": ("it works for any cached `f` of n >= 0 whose value at n needs values at smaller arguments, also "
              "one with a small bounded cache (`lru_cache(maxsize=8)`)"),
}


def run_warm_up(warm_up, f, n: int):
    """Call warm_up(f, n) under a recursion limit only HEADROOM frames above the current depth, with a
    budget on the calls of f; the previous limit is restored whatever happens."""
    try:
        with recursion_limit(frame_depth() + HEADROOM), count_calls(f, budget=4 * (n + 1) + 20) as tally:
            got = warm_up(f, n)
    except RecursionError:
        raise Failure(
            f"warm_up(f, {n}) hit the recursion limit", clause="shallow",
            input=f"warm_up(f, {n}) with only {HEADROOM} frames of recursion allowed",
            why="calling f(n) on a cold cache recurses n levels deep. Call f(0), f(1), ..., f(n) in that "
                "order: each call then finds f(k - 1) in the cache and recurses only one level") from None
    return got, tally.calls


def reference_runs(make, n: int) -> int:
    """How often f's body runs when f(0) .. f(n) are each computed once: every distinct argument the
    recursion reaches (the tribonacci also reaches -1 and -2)."""
    f = make()
    for k in range(n + 1):
        f(k)
    return f.executions


def expect_warm(warm_up, make, n: int, expected, shown: str, *, bounded: bool = False) -> None:
    """warm_up(f, n) on a cold f = make(): the value, the depth, the cache filled, each value computed once."""
    f = make()
    got, _ = run_warm_up(warm_up, f, n)
    expect_equal(got, expected, input=f"warm_up({shown}, {n})", clause="returns",
                 why="warm_up(f, n) returns f(n)")
    if getattr(f, "deepest", 0) > HEADROOM:
        raise Failure(f"warm_up(f, {n}) made f recurse {f.deepest} levels deep", clause="shallow",
                      expected=Description(f"a few levels per call (at most {HEADROOM})"),
                      got=Description(f"{f.deepest} levels"),
                      why="a deep recursion only works here because the recursion limit was raised, which the "
                          "documentation of sys.setrecursionlimit warns can crash Python (and which, on some "
                          "interpreters, does not help lru_cache at all: the lesson measures it). Call f(0), "
                          "f(1), ..., f(n) in order instead")
    info = f.cache_info()
    if not bounded and info.currsize < n + 1:
        raise Failure(f"after warm_up(f, {n}) the cache of f holds {info.currsize} values", clause="fills",
                      input=f"warm_up({shown}, {n})", expected=Description(f"{n + 1} values (f(0) to f({n}))"),
                      got=info.currsize, why="the point is to fill f's cache: call f itself, not a copy of its "
                                             "formula")
    before = f.cache_info()
    f(n)
    if f.cache_info().hits != before.hits + 1:
        raise Failure(f"f({n}) is still not a cache hit after warm_up", clause="fills", input=f"warm_up({shown}, {n})",
                      why="warm_up must leave f's cache warm")
    runs, once = f.executions, reference_runs(make, n)
    if runs != once:
        raise Failure(f"f's body ran {runs} times for warm_up(f, {n})", clause="once", input=f"warm_up({shown}, {n})",
                      expected=Description(f"{once} runs, one for each value f needs"), got=Description(f"{runs} runs"),
                      why="each value should be computed exactly once. f.__wrapped__(k) runs the body without "
                          "storing its result, so every value is computed twice; call f itself")


def check_warm_up(warm_up) -> str:
    if not callable(warm_up):
        raise Failure("warm_up must be a function", clause="returns", expected=Description("def warm_up(f, n): ..."),
                      got=warm_up)
    n = 3000
    expect_warm(warm_up, make_cached_sum, n, n * (n + 1) // 2, "total")
    m = 2000
    expect_warm_any(warm_up, make_cached_tribonacci, m, "ways")
    rng = random.Random(53)
    for k in (0, 1, 2) + tuple(rng.randrange(3, 400) for _ in range(3)):
        expect_warm(warm_up, make_cached_sum, k, k * (k + 1) // 2, "total")
    expect_error_passes(warm_up)
    return (f"warm_up filled the cache bottom-up: total({n}) and ways({m}) ran with only {HEADROOM} frames "
            f"of recursion to spare, and f's body ran once per value.")


class Unavailable(Exception):
    """What the check's failing f raises."""


def expect_error_passes(warm_up) -> None:
    @functools.lru_cache(maxsize=None)
    def fragile(n):
        if n == 7:
            raise Unavailable("f(7) cannot be computed")
        return 0 if n <= 0 else n + fragile(n - 1)

    try:
        got, _ = run_warm_up(warm_up, fragile, 20)
    except Unavailable:
        return
    raise Failure("warm_up(f, 20) returned although f(7) raised", clause="exceptions",
                  input="warm_up(f, 20) for an f whose f(7) raises Unavailable",
                  expected=Description("Unavailable raised"),
                  got=got, why="an error in f is the caller's to see; swallowing it returns a value nobody computed")


def expect_warm_any(warm_up, make, m: int, shown: str, *, bounded: bool = False) -> None:
    try:
        expect_warm(warm_up, make, m, tribonacci_reference(m), shown, bounded=bounded)
    except Failure as failure:
        if failure.clause in ("returns", "fills"):   # what only a warm_up written for the sum gets wrong
            failure.clause = "any-f"
            failure.details.append(("why it matters", ("warm_up must work for any cached function of n >= 0, "
                                                      "not only the sum")))
        raise


# graded tests of q3: points for a grader, kept apart from the self-check above
def warm_up_sum(warm_up):
    if not callable(warm_up):
        raise Failure("warm_up must be a function", clause="returns")
    for n in (0, 1, 5, 4000):
        expect_warm(warm_up, make_cached_sum, n, n * (n + 1) // 2, "total")
    expect_error_passes(warm_up)


def warm_up_bounded_cache(warm_up):
    """Bottom-up warming works even with a small bounded cache: each step needs only the last few."""
    if not callable(warm_up):
        raise Failure("warm_up must be a function", clause="returns")
    expect_warm_any(warm_up, lambda: make_cached_tribonacci(maxsize=8), 2500, "ways with lru_cache(maxsize=8)",
                    bounded=True)


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
    clauses=Q3_CLAUSES,
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


Q4_CLAUSES = {
    "property": "`Basket.total` stays a `functools.cached_property`",
    "fresh": ("after every `add(item)`, the next read of `total` is the sum of the prices of all items added "
              "so far: also after several adds in a row with no read between them, and for an item added twice"),
    "cached": "reading `total` again without a change does not recompute it (no price is looked up)",
    "lazy": "`add` only invalidates the cached total: it looks up no price (a total nobody asked for costs nothing)",
    "own": "each basket has its own items and its own total",
}


def add(basket, item: str, prices: Prices | None = None) -> None:
    """basket.add(item), turning the classic mistakes into messages that explain them; with ``prices``,
    also fail when add() computed the total (looked prices up) instead of only invalidating it."""
    before = prices.lookups if prices is not None else 0
    try:
        basket.add(item)
    except KeyError as error:
        raise Failure(
            f"basket.add({item!r}) raised KeyError: {error}", clause="fresh",
            input="two add() calls in a row, with no read of total between them",
            why="after the first add() no total is cached, so `self.__dict__.pop('total')` or "
                "`del self.__dict__['total']` finds nothing to remove; give pop a default: "
                "vars(self).pop('total', None)") from None
    except AttributeError as error:
        raise Failure(
            f"basket.add({item!r}) raised AttributeError: {error}", clause="fresh",
            input="two add() calls in a row, with no read of total between them",
            why="`del self.total` raises AttributeError when no total is cached, which is the case after "
                "the first add(); use vars(self).pop('total', None), which also works when nothing is "
                "cached") from None
    if prices is not None and prices.lookups != before:
        raise Failure(
            f"basket.add({item!r}) looked prices up: it computed the total", clause="lazy",
            expected=Description("no price lookups inside add()"),
            got=Description(f"{prices.lookups - before} lookups"),
            why="reading self.total (hasattr(self, 'total') reads it too) runs the getter when nothing is "
                "cached, so every add() pays for a total nobody asked for. Only remove the cached value: "
                "vars(self).pop('total', None), or check `'total' in vars(self)`") from None


def _require_basket(Basket) -> None:
    if not isinstance(Basket, type):
        raise Failure("Basket must be a class", clause="property", expected=Description("class Basket: ..."),
                      got=Basket)
    if not isinstance(Basket.__dict__.get("total"), functools.cached_property):
        raise Failure("Basket.total must be a functools.cached_property", clause="property",
                      got=type(Basket.__dict__.get("total")),
                      why="the exercise is about invalidating a cached_property")


def expect_total(basket, expected, prices: Prices, *, input: str, recompute: bool) -> None:
    """Read total: the right value; with recompute=False, also no price looked up."""
    before = prices.lookups
    expect_equal(basket.total, expected, input=input, clause="fresh",
                 why="add() must invalidate the cached total, or the old value is returned")
    if not recompute and prices.lookups != before:
        raise Failure("reading total again looked the prices up again", clause="cached", input=input,
                      expected=Description(f"{before} lookups"), got=Description(f"{prices.lookups} lookups"),
                      why="total must stay cached until the basket changes")


def expect_random_baskets(Basket, seed: int) -> None:
    """Two baskets, seeded prices (no table can know them) and a seeded mix of adds and reads."""
    rng = random.Random(seed)
    table = {item: rng.randrange(1, 100) for item in ("tea", "milk", "bread", "jam", "figs")}
    prices = Prices(table)
    baskets = [Basket(prices), Basket(prices)]
    contents: list[list[str]] = [[], []]
    changed = [True, True]
    log: list[str] = []
    for _ in range(30):
        i = rng.randrange(2)
        if rng.random() < 0.5:
            item = rng.choice(sorted(table))
            add(baskets[i], item, prices)
            contents[i].append(item)
            changed[i] = True
            log.append(f"basket{i + 1}.add({item!r})")
        else:
            log.append(f"basket{i + 1}.total")
            expected = sum(table[item] for item in contents[i])
            shown = f"seeded prices {table}; " + "; ".join(log[-6:])
            try:
                expect_total(baskets[i], expected, prices, input=shown, recompute=changed[i])
            except Failure as failure:
                other = sum(table[item] for item in contents[1 - i])
                if failure.clause == "fresh" and baskets[i].total in (other, other + expected):
                    failure.clause = "own"
                    failure.details.append(("why it matters", ("each basket needs its own items: a list made "
                                                              "on the class is shared by every basket")))
                raise
            changed[i] = False


def check_basket(Basket) -> str:
    _require_basket(Basket)
    prices = Prices(PRICES)
    basket = Basket(prices)
    expect_total(basket, 0, prices, input="Basket(prices).total with nothing added", recompute=True)
    add(basket, "tea", prices)
    expect_total(basket, 3, prices, input="add('tea'); total", recompute=True)
    add(basket, "milk", prices)
    add(basket, "tea", prices)
    expect_total(basket, 8, prices, input="add('tea'); add('milk'); add('tea'); total", recompute=True)
    for _ in range(3):
        expect_total(basket, 8, prices, input="total read again", recompute=False)
    add(basket, "jam", prices)
    add(basket, "bread", prices)
    expect_total(basket, 17, prices, input="two more add() calls, then total", recompute=True)
    other = Basket(prices)
    expect_equal(other.total, 0, input="a second, empty Basket", clause="own", why="each basket has its own items")
    expect_random_baskets(Basket, seed=4)
    return "total is computed once per change of the basket, and every add() invalidates it."


# graded tests of q4: points for a grader, kept apart from the self-check above
def basket_full_check(Basket):
    check_basket(Basket)


def basket_invalidates_each_time(Basket):
    _require_basket(Basket)
    prices = Prices(PRICES)
    basket = Basket(prices)
    running = 0
    for item in ("jam", "tea", "tea", "bread", "milk"):
        add(basket, item, prices)
        running += PRICES[item]
        expect_total(basket, running, prices, input=f"total after adding {item!r}", recompute=True)
    expect_random_baskets(Basket, seed=8)


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
    clauses=Q4_CLAUSES,
)


EXERCISES = [q1, q2, q3, q4]

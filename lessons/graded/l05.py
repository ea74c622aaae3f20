"""Graded tests of lesson 05 (16 points in all)."""
from __future__ import annotations

import gc
import weakref

from lessons.exercises.core import Failure, Graded, expect_equal
from lessons.exercises.l05 import (
    PRICES,
    ROWS_A,
    ROWS_B,
    Lookups,
    Prices,
    _as_tuple,
    _require_class,
    _try_to_corrupt,
    add,
    check_basket,
    check_divisors,
    check_ledger,
    check_warm_up,
    divisors_reference,
    make_cached_sum,
    make_cached_tribonacci,
    make_rows,
    run_warm_up,
    total_reference,
    tribonacci_reference,
)


# -- q1 ---------------------------------------------------------------------------------------------------
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


# -- q2 ---------------------------------------------------------------------------------------------------
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


# -- q3 ---------------------------------------------------------------------------------------------------
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


# -- q4 ---------------------------------------------------------------------------------------------------
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


TESTS = {
    "q1": [
        Graded("the divisors are right, in ascending order", 1, divisors_values),
        Graded("no caller can change a cached result", 2, divisors_survive_every_caller),
        Graded("the self-check passes", 1, check_divisors),
    ],
    "q2": [
        Graded("each column total is computed once per ledger", 1, ledger_totals_once_each),
        Graded("ledgers do not share cached totals", 1, ledgers_do_not_share),
        Graded("a ledger is freed when it is no longer used", 2, many_ledgers_are_freed),
        Graded("the self-check passes", 1, check_ledger),
    ],
    "q3": [
        Graded("warm_up(total, n) returns total(n), up to n = 4000 with a low recursion limit", 1,
               warm_up_sum),
        Graded("works with a bounded lru_cache(maxsize=8)", 1, warm_up_bounded_cache),
        Graded("the self-check passes: the cache is filled, each value computed once", 2, warm_up_full_check),
    ],
    "q4": [
        Graded("every add() invalidates the total", 1, basket_invalidates_each_time),
        Graded("the self-check passes: computed once per change, several adds in a row", 2,
               basket_full_check),
    ],
}

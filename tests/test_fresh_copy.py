"""fresh_copy rebuilds a function with its remembered state emptied, wherever that state hides."""
import functools

from lessons.tools.fresh_copy import fresh_copy

MEMO = {}


def first_seen(n):
    MEMO.setdefault("first", n)
    return MEMO["first"]


def test_module_level_dicts_are_new_and_the_original_keeps_its_own():
    first_seen(1)
    assert first_seen(2) == 1 and fresh_copy(first_seen)(2) == 2
    assert MEMO == {"first": 1}


def test_default_arguments_and_closure_cells_are_emptied():
    def with_default(n, memo={}):  # noqa: B006 (the mistake under test)
        memo.setdefault("first", n)
        return memo["first"]

    def factory():
        memo = {}

        def inner(n):
            memo.setdefault("first", n)
            return memo["first"]
        return inner

    inner = factory()
    for func in (with_default, inner):
        func(1)
        assert func(2) == 1 and fresh_copy(func)(2) == 2


def test_functools_caches_are_rebuilt_empty_and_recursion_reaches_the_copy():
    @functools.lru_cache(maxsize=None)
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    namespace = fib.__wrapped__.__globals__
    namespace["fib"] = fib  # as a notebook cell's global would be
    try:
        fib(20)
        copy = fresh_copy(fib)
        assert copy(20) == 6765 and copy.cache_info().misses == 21
        assert fib.cache_info().misses == 21  # the original is untouched
    finally:
        del namespace["fib"]


def test_what_is_not_a_plain_function_gets_none():
    assert fresh_copy(len) is None and fresh_copy(object()) is None

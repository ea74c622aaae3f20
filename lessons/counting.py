"""Counting calls: the measurement the course prefers to timing, because it is exact and the same on
every machine.

Two tools, for two situations:

* ``CallCounter`` wraps a function you own. Decorate a recursive function with it and its recursive
  calls are counted too, because they look the function up by its global name, which now names the
  wrapper.
* ``count_calls`` counts the executions of code you do *not* control, such as a learner's answer,
  whatever name it recurses through and whatever helpers it nests inside. It watches the interpreter's
  profile hook for frames running the answer's code objects, so it sees inner helpers and bodies
  behind ``lru_cache`` too. A budget stops runaway exponential recursion after a bounded number of
  calls instead of letting a check run for minutes.
"""
from __future__ import annotations

import functools
import inspect
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator


class CallCounter:
    """A decorator that counts how often the wrapped function was entered.

    >>> @CallCounter
    ... def fib(n):
    ...     return n if n < 2 else fib(n - 1) + fib(n - 2)
    >>> fib(10), fib.calls
    (55, 177)
    """

    def __init__(self, func: Callable):
        functools.update_wrapper(self, func)
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.__wrapped__(*args, **kwargs)

    def reset(self) -> None:
        self.calls = 0

    def __repr__(self) -> str:
        return f"<CallCounter of {self.__wrapped__.__qualname__}: {self.calls} calls>"


class CallBudgetExceeded(BaseException):
    """Raised inside the counted code once it has been entered more than ``budget`` times.

    A BaseException, not an Exception, so that an answer's own ``except Exception`` cannot swallow it.
    """

    def __init__(self, budget: int):
        super().__init__(f"stopped after {budget} calls")
        self.budget = budget


@dataclass
class Tally:
    calls: int = 0


def code_objects(func: Callable) -> set[types.CodeType]:
    """The code of ``func`` (looking through ``functools.wraps``-style wrappers) and of every function
    nested inside it, so that an inner recursive helper is counted as the answer's own code."""
    target = inspect.unwrap(func) if callable(func) else func
    code = getattr(target, "__code__", None)
    if code is None:  # a callable instance: count its __call__
        code = getattr(getattr(type(target), "__call__", None), "__code__", None)
    found: set[types.CodeType] = set()
    stack = [code] if code is not None else []
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return found


@contextmanager
def count_calls(*funcs: Callable, budget: int | None = None) -> Iterator[Tally]:
    """Count frames that run the code of ``funcs`` while the block runs (this thread only).

    >>> def fib(n):
    ...     return n if n < 2 else fib(n - 1) + fib(n - 2)
    >>> with count_calls(fib) as tally:
    ...     _ = fib(10)
    >>> tally.calls
    177
    """
    codes: set[types.CodeType] = set()
    for func in funcs:
        codes |= code_objects(func)
    tally = Tally()

    def profiler(frame, event, arg):
        # Generators and coroutines report "call" on every resumption; the answers counted here are
        # plain functions, for which "call" means exactly one entry.
        if event == "call" and frame.f_code in codes:
            tally.calls += 1
            if budget is not None and tally.calls > budget:
                # CPython removes a profile hook that raises, and the exception surfaces in the call
                # being made, which unwinds the answer's whole recursion.
                raise CallBudgetExceeded(budget)

    previous = sys.getprofile()
    sys.setprofile(profiler)
    try:
        yield tally
    finally:
        sys.setprofile(previous)

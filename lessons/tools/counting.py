"""Counting calls: the measurement the course prefers to timing, because it is exact and the same on
every machine.

Two tools, for two situations:

* ``CallCounter`` wraps a function you own. Decorate a recursive function with it and its recursive
  calls are counted too, because they look the function up by its global name, which now names the
  wrapper.
* ``count_calls`` counts the executions of code you do *not* control, such as a learner's answer,
  whatever name it recurses through and wherever its helpers are defined. It watches the
  interpreter's profile hook (the one profilers use) for frames running learner code, so it sees inner
  helpers and bodies behind ``lru_cache`` too, and modifies nothing. A budget stops runaway exponential
  recursion after a bounded number of calls instead of letting a check run for minutes.
"""
from __future__ import annotations

import functools
import inspect
import sys
import sysconfig
import types
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


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
class CallTally:
    calls: int = 0
    # calls per function (code object): the busiest one measures the work, whatever helpers an answer uses
    by_function: Counter = field(default_factory=Counter)

    def busiest(self) -> tuple[str, int]:
        """(name, calls) of the function that was entered most often; ("", 0) if none was.

        >>> def helper(n):
        ...     return n
        >>> def twice(n):
        ...     return helper(n) + helper(n)
        >>> with count_calls(twice) as tally:
        ...     _ = twice(1)
        >>> tally.calls, tally.busiest()
        (3, ('helper', 2))
        """
        code, calls = max(self.by_function.items(), key=lambda item: item[1], default=(None, 0))
        return (code.co_name if code is not None else ""), calls


def code_objects(func: Callable) -> set[types.CodeType]:
    """The code of ``func`` (looking through ``functools.wraps``-style wrappers) and of every function
    nested inside it."""
    target = inspect.unwrap(func) if callable(func) else func
    code = getattr(target, "__code__", None)
    if code is None:  # a callable instance: count its __call__
        code = getattr(getattr(type(target), "__call__", None), "__code__", None)  # noqa: B004
    found: set[types.CodeType] = set()
    stack = [code] if code is not None else []
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return found


# Code that is not the learner's: the interpreter's own library, installed packages, and this course's
# package (its checks and probes). Everything else that runs during a count is the learner's code:
# notebook cells, and helpers defined in other cells, which is where a naive recursion can hide.
_NOT_LEARNER_DIRS = tuple(sorted({
    str(Path(path).resolve()) for key in ("stdlib", "platstdlib", "purelib", "platlib")
    if (path := sysconfig.get_paths().get(key))
} | {str(Path(__file__).resolve().parents[1])}))

# Frames that are resumed rather than called: a generator expression reports a "call" for every item
# it yields, so counting them would punish ``sum(f(k) for k in ...)``. Comprehensions are counted by the
# function they sit in (3.12 inlines them anyway).
_RESUMABLE = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
_COMPREHENSIONS = {"<genexpr>", "<listcomp>", "<setcomp>", "<dictcomp>"}


def is_learner_code(code: types.CodeType) -> bool:
    if code.co_flags & _RESUMABLE or code.co_name in _COMPREHENSIONS:
        return False
    filename = code.co_filename
    if filename.startswith("<frozen") or filename == "<string>":  # importlib; namedtuple and dataclass makers
        return False
    try:
        resolved = str(Path(filename).resolve()) if not filename.startswith("<") else filename
    except (OSError, ValueError):
        return True
    return not resolved.startswith(_NOT_LEARNER_DIRS)


@contextmanager
def count_calls(*funcs: Callable, budget: int | None = None) -> Iterator[CallTally]:
    """Count the calls into the learner's code while the block runs (this thread only).

    The learner's code is every function that is not part of Python's library, an installed package or
    the ``lessons`` package (see ``is_learner_code``), so a helper defined in another notebook cell is
    counted too. ``funcs`` are always counted, wherever they live, with the functions nested in them:
    pass the function you mean, both to say what is counted and to count code of your own.

    >>> def fib(n):
    ...     return n if n < 2 else fib(n - 1) + fib(n - 2)
    >>> with count_calls(fib) as tally:
    ...     _ = fib(10)
    >>> tally.calls
    177
    """
    counted: dict[types.CodeType, bool] = {}
    for func in funcs:
        counted.update((code, not code.co_flags & _RESUMABLE and code.co_name not in _COMPREHENSIONS)
                       for code in code_objects(func))
    tally = CallTally()

    def profiler(frame, event, arg):
        if event != "call":
            return
        code = frame.f_code
        is_counted = counted.get(code)
        if is_counted is None:  # decided once per code object: the hook runs on every single call
            is_counted = counted[code] = is_learner_code(code)
        if is_counted:
            tally.calls += 1
            tally.by_function[code] += 1
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

"""A copy of a learner's function that has forgotten everything it remembered.

A check that finds a wrong answer after several right ones wants to know *why*: is the answer wrong,
or did a memo outlive the call that filled it? ``fresh_copy(func)`` builds the same function again from
its code, with new, empty containers wherever remembered state could hide: the module-level dicts, lists
and sets it can see, its default arguments, the cells of its closure, and ``functools`` caches (rebuilt
around fresh copies of the functions they wrap). Asking the copy the same question tells the two apart.

It is a diagnosis, not a sandbox: the copy runs the learner's code, so run it under the same watchdog
and call budget as the answer itself. When a copy cannot be made, it returns None.
"""
from __future__ import annotations

import functools
import types
from collections.abc import Callable

_CONTAINERS = (dict, list, set)


def _emptied(value):
    return type(value)() if type(value) in _CONTAINERS else value


def fresh_copy(func: Callable) -> Callable | None:
    """``func`` rebuilt with empty state, or None if it is not a plain function (or a functools cache
    around one).

    >>> memo = {}
    >>> def f(n):
    ...     memo.setdefault("first", n)
    ...     return memo["first"]
    >>> f(1), f(2), fresh_copy(f)(2)
    (1, 1, 2)
    """
    params = getattr(func, "cache_parameters", None)
    target = getattr(func, "__wrapped__", None) if params else func
    if not isinstance(target, types.FunctionType):
        return None
    namespace = {key: (value if key.startswith("__") else _emptied(value))
                 for key, value in target.__globals__.items()}

    self_cells: list[types.CellType] = []  # closure cells that name func itself: they get the copy

    def fresh_cell(cell: types.CellType) -> types.CellType:
        try:
            contents = cell.cell_contents
        except ValueError:  # a cell not filled yet
            return types.CellType()
        if contents is func:
            self_cells.append(types.CellType())
            return self_cells[-1]
        return types.CellType(_emptied(contents))

    def copy(function: types.FunctionType) -> types.FunctionType:
        closure = function.__closure__ and tuple(fresh_cell(cell) for cell in function.__closure__)
        defaults = function.__defaults__ and tuple(_emptied(d) for d in function.__defaults__)
        new = types.FunctionType(function.__code__, namespace, function.__name__, defaults, closure)
        new.__kwdefaults__ = function.__kwdefaults__ and {k: _emptied(v) for k, v in function.__kwdefaults__.items()}
        return new

    for key, value in list(namespace.items()):  # functools caches the function can see: new and empty
        inner = getattr(value, "__wrapped__", None)
        if callable(getattr(value, "cache_parameters", None)) and isinstance(inner, types.FunctionType) \
                and inner.__globals__ is target.__globals__:
            namespace[key] = functools.lru_cache(**value.cache_parameters())(copy(inner))
    result = copy(target)
    if params:
        result = functools.lru_cache(**params())(result)
    if target.__globals__.get(target.__name__) is func:
        namespace[target.__name__] = result  # recursion through the global name reaches the copy
    for cell in self_cells:
        cell.cell_contents = result
    return result

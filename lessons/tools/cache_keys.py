"""How ``functools.lru_cache`` turns a call into a cache key, made visible and countable.

Lesson 02 claims things such as "``f(1)`` and ``f(1.0)`` are two entries, but ``f(1, 0)`` and
``f(1.0, 0)`` are one". Claims like that are best shown by *running* the real cache and counting its
hits, so this module does exactly that, on both implementations CPython ships:

* the C one (``functools.lru_cache`` as you import it: ``Lib/functools.py`` replaces its own
  ``_lru_cache_wrapper`` with the one from the ``_functools`` accelerator module), and
* the pure-Python one written in ``Lib/functools.py``, loaded here a second time with the
  accelerator blocked (``python_lru_cache``), the same trick CPython's own test-suite uses
  (``test.support.import_helper.import_fresh_module``) to test both.

If the two ever disagreed about a hit or a miss, ``outcomes`` would show it; the unit tests check that
they agree on randomly generated calls.

``bytes_per_entry`` (from ``lessons.tools.memory``, re-exported here for lesson 02) measures the memory
each new entry adds to a cache.
"""
from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lessons.caches.lru import HIT, MISS  # noqa: F401 (re-exported: the lesson imports them from here)
from lessons.tools.memory import bytes_per_entry  # noqa: F401 (re-exported for lesson 02)
from lessons.tools.pure_functools import pure_python_functools, python_lru_cache  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class Call:
    """One call's arguments, with a readable repr: ``Call((1,), {"x": 2})`` shows as ``f(1, x=2)``."""

    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"f({', '.join(parts)})"


def call(*args: Any, **kwargs: Any) -> Call:
    """``call(1, x=2)`` records the arguments of ``f(1, x=2)`` without calling anything."""
    return Call(args, kwargs)


# -- the pure-Python lru_cache ----------------------------------------------------------------------------
_pure = pure_python_functools()  # the private pure-Python copy; see lessons.tools.pure_functools


def implementation(decorator: Callable = functools.lru_cache) -> str:
    """ "C" or "Python": which implementation a given ``lru_cache`` builds its wrappers with."""
    wrapper = decorator(maxsize=None)(lambda: None)
    return "Python" if type(wrapper).__name__ == "function" else "C"


# -- hits and misses ----------------------------------------------------------------------------------------
def outcomes(calls: Iterable[Call], *, maxsize: int | None = None, typed: bool = False,
             decorator: Callable = functools.lru_cache) -> list[str]:
    """Make the calls, in order, on a fresh cached function; say for each whether it was a hit or a miss.

    The answer is read from the cache's own statistics (``cache_info().hits`` before and after each
    call), so it is what the real cache did, not what we think it should do.
    """
    cached = decorator(maxsize=maxsize, typed=typed)(lambda *args, **kwargs: None)
    result = []
    for c in calls:
        before = cached.cache_info().hits
        cached(*c.args, **c.kwargs)
        result.append(HIT if cached.cache_info().hits > before else MISS)
    return result


def entries(calls: Iterable[Call], *, typed: bool = False, decorator: Callable = functools.lru_cache) -> int:
    """How many entries an unbounded cache holds after the calls: the number of distinct keys."""
    cached = decorator(maxsize=None, typed=typed)(lambda *args, **kwargs: None)
    for c in calls:
        cached(*c.args, **c.kwargs)
    return cached.cache_info().currsize


@dataclass(frozen=True)
class Table:
    """A small table: aligned plain text (what nbval compares) and HTML (what JupyterLab shows)."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]

    def __repr__(self) -> str:
        table = [list(self.headers), *[list(r) for r in self.rows]]
        widths = [max(len(row[i]) for row in table) for i in range(len(self.headers))]
        return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table)

    def _repr_html_(self) -> str:
        head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in self.headers)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{_cell_html(c)}</td>" for c in row)
                       + "</tr>" for row in self.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell_html(text: str) -> str:
    """A hit or a miss as a chip in lesson 03's colours (lru_stepper's HIT_COLOUR and MISS_COLOUR, with
    the word inside, so that colour is never the only signal); anything else as code."""
    from lessons.views.lru_stepper import HIT_COLOUR, MISS_COLOUR  # here: tools do not import views at load

    colour = {HIT: HIT_COLOUR, MISS: MISS_COLOUR}.get(text)
    if colour is None:
        return f"<code>{html.escape(text)}</code>"
    return (f"<span style='padding:1px 5px;margin:1px;border-radius:3px;font-family:monospace;"
            f"background:{colour};color:white;font-weight:bold'>{html.escape(text)}</span>")


def second_call_table(pairs: Sequence[tuple[Call, Call]], *, columns: dict[str, dict] | None = None) -> Table:
    """For each pair (first, second): is the second call a hit after the first? One column per setting.

    ``columns`` maps a heading to keyword arguments of ``outcomes`` (``typed``, ``decorator``);
    by default: the C lru_cache untyped and typed.
    """
    columns = columns or {"typed=False": {}, "typed=True": {"typed": True}}
    rows = []
    for first, second in pairs:
        rows.append([f"{first!r} then {second!r}",
                     *[outcomes([first, second], **options)[1] for options in columns.values()]])
    return Table(["calls", *[f"2nd call, {name}" for name in columns]], rows)


def make_key_shown(args: tuple, kwargs: dict, typed: bool = False) -> str:
    """What the pure-Python ``_make_key`` in Lib/functools.py builds, as text, for *display only*.

    ``_make_key`` is private (it may change in any release); lessons show it to explain the behaviour,
    and prove the behaviour itself with ``outcomes``. The keyword marker is a fresh ``object()`` whose
    repr holds a memory address, so it is shown as ``<kwd_mark>``.
    """
    key = _pure._make_key(tuple(args), dict(kwargs), typed)
    if isinstance(key, list):  # a _HashedSeq: a list subclass that caches its hash
        mark = _pure._make_key((), {"k": None}, False)[0]
        items = ["<kwd_mark>" if item is mark else (item.__name__ if isinstance(item, type) else repr(item))
                 for item in key]
        return f"_HashedSeq([{', '.join(items)}])"
    return f"{key!r}  (the bare {type(key).__name__}, no wrapper)"


# -- memory -----------------------------------------------------------------------------------------------

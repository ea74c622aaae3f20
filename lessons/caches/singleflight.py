"""Compute-once memoization ("single flight"): however many threads ask for a missing key at once, the
function runs once for it, and every caller gets that one result.

``functools.lru_cache`` keeps its own data structure consistent under threads, but it calls the wrapped
function *outside* its lock, so N threads that miss the same key at the same time run the function N
times (a cache stampede). ``SingleFlight`` closes that gap the way Go's ``singleflight`` package and
cachetools' ``condition=`` do: the first caller of a missing key becomes its *leader* and computes;
callers that arrive while it is computing become *followers* and wait for the leader's result.

Design notes, the why:

* One short lock (``self._lock``) guards the dictionaries; it is never held while the function runs,
  so computations of *different* keys run concurrently.
* The leader publishes its outcome through a ``concurrent.futures.Future``: followers block in
  ``future.result(timeout)``, which also hands them the leader's exception if it failed.
* Failures are not cached: after a failed computation the key is missing again, so the next call
  retries (a cached exception would turn a blip into a permanent outage).
* ``on_wait(key)`` is called by a follower just before it blocks. Production code leaves it ``None``;
  the lesson's deterministic harness uses it to know that every follower is waiting, so that the demo
  does not depend on timing.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any


class SingleFlight:
    """Memoize ``func`` on its positional arguments, running it at most once per key at a time.

    >>> @SingleFlight
    ... def square(x):
    ...     return x * x
    >>> square(3), square(3), square.executions, square.hits
    (9, 9, 1, 1)
    """

    def __init__(self, func: Callable[..., Any], *, on_wait: Callable[[Hashable], None] | None = None,
                 timeout: float | None = None) -> None:
        functools.update_wrapper(self, func)
        self._func = func
        self._on_wait = on_wait
        self._timeout = timeout
        self._lock = threading.Lock()
        self._results: dict[Hashable, Any] = {}
        self._in_flight: dict[Hashable, Future] = {}
        self.executions = self.hits = self.waits = 0

    def __call__(self, *args: Hashable) -> Any:
        key = args
        with self._lock:
            if key in self._results:
                self.hits += 1
                return self._results[key]
            future = self._in_flight.get(key)
            leader = future is None
            if leader:
                future = self._in_flight[key] = Future()
                self.executions += 1
            else:
                self.waits += 1
        if not leader:
            if self._on_wait is not None:
                self._on_wait(key)
            return future.result(self._timeout)  # the leader's result, or its exception re-raised
        try:
            result = self._func(*args)
        except BaseException as exc:
            with self._lock:
                del self._in_flight[key]  # not cached: the next call retries
            future.set_exception(exc)
            raise
        with self._lock:
            self._results[key] = result
            del self._in_flight[key]
        future.set_result(result)
        return result

    def cache_clear(self) -> None:
        with self._lock:
            self._results.clear()
            self.executions = self.hits = self.waits = 0

    def __repr__(self) -> str:
        return (f"<SingleFlight of {self._func.__qualname__}: {self.executions} executions, "
                f"{self.hits} hits, {self.waits} waits>")

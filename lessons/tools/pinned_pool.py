"""A process pool in which every worker knows its number and runs exactly one task per round.

A ``ProcessPoolExecutor`` hands tasks to whichever worker is free, so which worker ran what (and so what
each worker's cache holds) changes from run to run. A lesson that shows per-worker caches needs the
same answer every run, so ``PinnedPool`` pins work to workers, without timing anything:

* the pool's initializer gives each worker a number, 0 to n-1, from a shared counter;
* ``on_each(func, args)`` submits exactly n tasks, one per worker, and each task first waits at a
  ``Barrier(n)``: no task can pass until n tasks are running at once, which takes n different workers,
  so every worker holds exactly one of them. Each task then runs ``func(*args[number])``, the part of
  the work meant for *its* worker. Results come back in worker order.

``meet()`` lets the code running in the workers wait on the same barrier again (to prove that all n
workers are inside a function at the same moment). Every wait has a timeout: a broken demo fails with a
message instead of hanging. The functions run in the workers must be importable (module-level), so that
spawned workers, which start a fresh interpreter, can find them.
"""
from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

TIMEOUT = 10.0  # seconds; only a broken demo waits this long

_number: int | None = None
_barrier = None


class PoolStuck(RuntimeError):
    """The workers did not all arrive at the barrier in time."""


def _initialise(counter, barrier) -> None:
    global _number, _barrier
    with counter.get_lock():
        _number = counter.value
        counter.value += 1
    _barrier = barrier


def worker_number() -> int | None:
    """The number of the pool worker running this (None outside a PinnedPool worker)."""
    return _number


def meet(timeout: float = TIMEOUT) -> None:
    """Wait until every worker of the pool has called meet(); raise PoolStuck after ``timeout``."""
    try:
        _barrier.wait(timeout)
    except threading.BrokenBarrierError:
        raise PoolStuck(f"worker {_number}: not every worker arrived within {timeout:g} s") from None


def _pinned(func: Callable, args_per_worker: Sequence[tuple]) -> tuple[int, Any]:
    meet()  # n tasks pass together only if n workers hold one each
    return _number, func(*args_per_worker[_number])


class PinnedPool:
    """``with PinnedPool(3, "spawn") as pool: pool.on_each(func, [(a,), (b,), (c,)])``."""

    def __init__(self, workers: int, start_method: str | None = None):
        self.workers = workers
        self.context = multiprocessing.get_context(start_method)
        self.start_method = self.context.get_start_method()
        counter = self.context.Value("i", 0)
        barrier = self.context.Barrier(workers)
        self._executor = ProcessPoolExecutor(workers, mp_context=self.context, initializer=_initialise,
                                             initargs=(counter, barrier))

    def on_each(self, func: Callable, args_per_worker: Sequence[tuple] | None = None) -> list[Any]:
        """Run ``func(*args_per_worker[i])`` on worker i, for every i; results in worker order."""
        args_per_worker = list(args_per_worker) if args_per_worker is not None else [()] * self.workers
        if len(args_per_worker) != self.workers:
            raise ValueError(f"one tuple of arguments per worker: {self.workers} needed, {len(args_per_worker)} given")
        futures = [self._executor.submit(_pinned, func, args_per_worker) for _ in range(self.workers)]
        results = dict(future.result(timeout=TIMEOUT * 2) for future in futures)
        return [results[i] for i in range(self.workers)]

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def __enter__(self) -> PinnedPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PinnedPool of {self.workers} workers, started by {self.start_method!r}>"

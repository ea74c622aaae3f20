"""A deterministic harness for cache stampedes: races that end the same way on every run.

A *stampede* is many threads asking a cache for the same missing key at the same moment, so that all of
them miss and all of them run the expensive function. Whether that happens in a real program depends on
timing. Here it must not: a lesson's claim has to be checked by a cell that gives the same output every
run, and an exercise check has to fail the same way every time. So nothing in this module sleeps or
hopes. Threads meet at ``threading.Barrier``s and wait on conditions that say exactly what must have
happened before they go on ("all 8 threads are inside the function"), and every wait has a timeout, so a
wrong answer that would hang becomes a clear ``StampedeTimeout`` instead.

The pieces:

* ``run_threads(target, n)`` runs ``target(i)`` in ``n`` threads, joins them all with a deadline and
  returns their results in thread order; ``thread_index()`` tells code running inside which one it is.
* ``Tally`` is a thread-safe counter that other threads can wait on ("until it reaches 8").
* ``LockBoard`` hands out instrumented locks (``board.make_lock()``) that know who holds them and who
  waits for them, so a check can wait until every other thread is *provably blocked* behind the thread
  that is computing, and then let it finish: the only sound way to tell compute-once code from a
  stampede without timing anything.
* ``run_coroutine(factory)`` runs a coroutine on a fresh event loop in a worker thread, so synchronous
  code (an exercise check called from a notebook cell, where the kernel's loop is already running and
  ``asyncio.run`` refuses to start) can still run asyncio code to completion, with a timeout.
* ``pure_python_functools()`` loads CPython's pure-Python ``functools`` (the one the C accelerator
  replaces) so a lesson can show that both implementations of ``lru_cache`` behave alike.
"""
from __future__ import annotations

import asyncio
import inspect
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

from lessons.tools.pure_functools import pure_python_functools  # noqa: F401 (re-exported)
from lessons.tools.watchdog import STOPS, raise_in

DEFAULT_TIMEOUT = 5.0  # seconds: only ever reached by a wrong answer that would otherwise hang


class StampedeTimeout(RuntimeError):
    """A thread did not finish in time: the code under test blocked where it should not have.

    ``blocked_loop`` is True when an event loop was blocked (a coroutine that never reached an
    ``await``), False when coroutines or threads were waiting for something that never came; ``left``
    names the threads that could not be stopped (blocked in a lock nobody releases: they use no CPU)."""

    def __init__(self, message: str, *, blocked_loop: bool = False, left: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.blocked_loop = blocked_loop
        self.left = left


class _Stopped(SystemExit):
    """Raised inside a thread of ours that is still running when it should have ended. A SystemExit,
    so that asyncio's tasks re-raise it out of the event loop instead of keeping it as a task's
    exception (and going on to run the next task that never yields)."""


_STOP_ATTEMPTS = 20     # injections of _Stopped before we give up on a thread (one per task that spins)
_STOP_JOIN = 0.05       # seconds to wait for a thread to end after each injection


def _join(threads: list[threading.Thread]) -> None:
    """Join threads that have finished their work (they are only exiting now).

    The harness waits for its threads on its own Tally or Event, never with a long ``Thread.join``:
    on 3.10-3.12, a ``join`` interrupted by an exception (a check's SIGALRM time limit, Ctrl-C) releases
    the thread's internal lock while the thread still runs (the bpo-45274 branch of
    ``Thread._wait_for_tstate_lock``), so ``is_alive()`` says False for a thread that keeps running,
    and nothing would ever stop it again."""
    for thread in threads:
        thread.join(_STOP_JOIN)


def stop_threads(threads: list[threading.Thread]) -> tuple[str, ...]:
    """End our threads that are still alive: raise ``_Stopped`` in each, again until it ends (every
    spinning task of an event loop takes one). Returns the names of the threads that would not stop:
    those blocked in C, typically in a plain ``Lock.acquire()`` that nobody will ever release, where no
    exception can reach them. They use no CPU; they end with the process."""
    for _ in range(_STOP_ATTEMPTS):
        alive = [t for t in threads if t.is_alive() and t.ident is not None]
        if not alive:
            return ()
        for thread in alive:
            raise_in(thread, _Stopped)
        for thread in alive:
            thread.join(_STOP_JOIN)
    return tuple(t.name for t in threads if t.is_alive())


STOPS.add(_Stopped)  # a thread we stopped ends with it: no traceback on stderr


_local = threading.local()


def thread_index() -> int | None:
    """The index ``i`` of the ``run_threads`` thread calling this (``None`` in any other thread)."""
    return getattr(_local, "index", None)


def run_threads(target: Callable[[int], Any], n: int, *, timeout: float = DEFAULT_TIMEOUT,
                before_each: Callable[[int], None] | None = None) -> list[Any]:
    """Run ``target(i)`` for i in 0..n-1, each in its own thread; return the results in index order.

    Every thread is joined against one deadline (``timeout`` seconds from the start). A thread still
    running then raises ``StampedeTimeout`` naming it; an exception raised in a thread is re-raised
    here, so a failure inside a thread is never lost. ``before_each(i)`` runs in this thread just
    before thread i starts (to start threads in a controlled order). Threads are daemons, so a stuck
    one can never keep the interpreter alive.
    """
    results: list[Any] = [None] * n
    errors: list[BaseException | None] = [None] * n

    done = [False] * n
    finished = Tally()

    def runner(i: int) -> None:
        _local.index = i
        try:
            results[i] = target(i)
        except _Stopped:
            pass
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            errors[i] = exc
        finally:
            done[i] = True
            finished.add()

    threads = [threading.Thread(target=runner, args=(i,), name=f"thread {i}", daemon=True) for i in range(n)]
    deadline = time.monotonic() + timeout  # a deadline for waits, not a wait itself: nothing here sleeps
    try:
        for i, thread in enumerate(threads):
            if before_each is not None:
                before_each(i)
            thread.start()
        finished.wait_until(n, max(0.0, deadline - time.monotonic()))  # never Thread.join: see _join
    except BaseException:  # interrupted (a check's time limit, Ctrl-C): nothing of ours keeps running
        stop_threads(threads)
        raise
    _join([t for t, ended in zip(threads, done) if ended])
    stuck = [t.name for t, ended in zip(threads, done) if not ended]
    if stuck:
        left = stop_threads(threads)
        raise StampedeTimeout(f"{', '.join(stuck)} still running after {timeout:g} s: something blocked"
                              + _left_behind(left), left=left)
    for error in errors:
        if error is not None:
            raise error
    return results


class Tally:
    """A counter that threads add to and wait on.

    >>> t = Tally()
    >>> t.add(), t.add(), t.value
    (1, 2, 2)
    >>> t.wait_until(2, timeout=0.1)
    True
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.value = 0

    def add(self, amount: int = 1) -> int:
        with self._changed:
            self.value += amount
            self._changed.notify_all()
            return self.value

    def wait_until(self, target: int, timeout: float = DEFAULT_TIMEOUT) -> bool:
        """Block until the count is at least ``target``; False if the timeout came first."""
        with self._changed:
            return self._changed.wait_for(lambda: self.value >= target, timeout)

    def __repr__(self) -> str:
        return f"Tally({self.value})"


# -- instrumented locks -------------------------------------------------------------------------------------
class LockBoard:
    """Instrumented locks plus a notice board of who is computing and who is blocked.

    A check gives the code under test ``board.make_lock`` as its lock factory and wraps the function
    being cached so that it calls ``board.computing()``. Inside, ``board.wait_until_settled()`` blocks
    until every thread that has started and not yet finished is either computing too, or blocked on a
    lock whose holder is computing (or is itself blocked that way). At that moment the race is decided:
    nobody can still slip in, so the number of executions that follows is the same on every run.
    """

    def __init__(self, threads: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.threads = threads
        self.timeout = timeout
        self._changed = threading.Condition()
        self.started: set[int] = set()
        self.finished: set[int] = set()
        self.in_body: set[int] = set()
        self.waiting: dict[int, WatchedLock] = {}
        self.locks_made = 0
        self.locks: list[WatchedLock] = []  # every lock handed out, to see afterwards that none is held
        self.broken = False  # set by the first wait that times out: later waits fail at once

    def make_lock(self) -> WatchedLock:
        lock = WatchedLock(self)
        with self._changed:
            self.locks_made += 1
            self.locks.append(lock)
        return lock

    def held(self) -> int:
        """How many of the locks handed out are held right now."""
        with self._changed:
            return sum(1 for lock in self.locks if lock.locked())

    def _update(self, change: Callable[[], None]) -> None:
        with self._changed:
            change()
            self._changed.notify_all()

    def start(self) -> None:
        me = threading.get_ident()
        self._update(lambda: self.started.add(me))

    def finish(self) -> None:
        me = threading.get_ident()
        self._update(lambda: self.finished.add(me))

    def computing(self) -> _Computing:
        """``with board.computing():`` around the body of the function being cached."""
        return _Computing(self)

    def parked(self) -> set[int]:
        """Threads blocked, directly or through a chain, behind a thread that is computing; and threads
        waiting for a notification (``Event.wait``, ``Condition.wait``, ``Future.result``: all of them
        wait inside ``threading.Condition.wait``), which only another thread's progress can end."""
        parked: set[int] = {t for t in self.started - self.finished - self.in_body if _waiting_for_notice(t)}
        grew = True
        while grew:
            grew = False
            for thread, lock in self.waiting.items():
                if thread not in parked and (lock.owner in self.in_body or lock.owner in parked):
                    parked.add(thread)
                    grew = True
        return parked

    def settled(self) -> bool:
        active = self.started - self.finished
        return len(self.started) == self.threads and active <= self.in_body | self.parked()

    def wait_until_settled(self) -> tuple[int, int]:
        """Block until the race is decided; return (threads computing, threads parked) at that moment.
        Raises ``StampedeTimeout`` if it never settles (a thread blocked on something it should not)."""
        deadline = time.monotonic() + self.timeout
        with self._changed:
            # Lock waits notify the board; a wait for a notification does not, so the predicate is also
            # re-evaluated every few milliseconds. That changes how soon, never what, it decides.
            settled = False
            while not self.broken and not settled and time.monotonic() < deadline:
                remaining = max(0.0, deadline - time.monotonic())
                settled = self._changed.wait_for(self.settled, min(_POLL, remaining))
            if not settled:
                self.broken = True
                active = self.started - self.finished
                loose = len(active - self.in_body - self.parked())
                raise StampedeTimeout(
                    f"{loose} thread(s) were neither running the function nor waiting on a lock made by "
                    f"make_lock() (or on an Event or Condition) after {self.timeout:g} s")
            return len(self.in_body), len(self.parked())


_POLL = 0.005  # seconds between re-checks of the threads that wait for a notification
_THREADING_FILE = threading.__file__


def _waiting_for_notice(thread_id: int) -> bool:
    """Is this thread inside ``threading.Condition.wait`` (which Event, Barrier, Semaphore and
    concurrent.futures all wait through)? Then it is committed to waiting until another thread acts."""
    frame = sys._current_frames().get(thread_id)
    return (frame is not None and frame.f_code.co_filename == _THREADING_FILE
            and frame.f_code.co_name in ("wait", "wait_for"))


class _Computing:
    def __init__(self, board: LockBoard) -> None:
        self.board = board

    def __enter__(self) -> _Computing:
        me = threading.get_ident()
        self.board._update(lambda: self.board.in_body.add(me))
        return self

    def __exit__(self, *exc: object) -> None:
        me = threading.get_ident()
        self.board._update(lambda: self.board.in_body.discard(me))


class WatchedLock:
    """A ``threading.Lock`` that tells its ``LockBoard`` who holds it and who is waiting for it.

    A blocking acquire that has to wait registers the thread as waiting; it waits at most the board's
    timeout and then raises ``StampedeTimeout`` (a real Lock would wait forever: a deadlock in a check
    must end as a clear failure, not a hang).
    """

    def __init__(self, board: LockBoard) -> None:
        self._board = board
        self._lock = threading.Lock()
        self.owner: int | None = None

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        me = threading.get_ident()
        if self._lock.acquire(False):
            self._board._update(lambda: setattr(self, "owner", me))
            return True
        if not blocking:
            return False
        self._board._update(lambda: self._board.waiting.__setitem__(me, self))
        try:
            limit = self._board.timeout if timeout < 0 else min(timeout, self._board.timeout)
            got = self._lock.acquire(True, limit)
        finally:
            self._board._update(lambda: self._board.waiting.pop(me, None))
        if not got:
            if timeout >= 0:
                return False
            raise StampedeTimeout(f"waited {self._board.timeout:g} s for a lock: is it ever released?")
        self._board._update(lambda: setattr(self, "owner", me))
        return True

    def release(self) -> None:
        self._board._update(lambda: setattr(self, "owner", None))
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


# -- asyncio from synchronous code ---------------------------------------------------------------------------
def run_coroutine(factory: Callable[[], Coroutine[Any, Any, Any]], *,
                  timeout: float = DEFAULT_TIMEOUT) -> Any:
    """Run ``factory()`` to completion on a new event loop in a worker thread and return its result.

    A notebook cell already runs inside the kernel's event loop, where ``asyncio.run`` raises
    "cannot be called from a running event loop". A worker thread has no loop of its own, so it can
    start one. The coroutine is cancelled after ``timeout`` seconds (``asyncio.wait_for``), and the
    thread is joined with a little more, so a coroutine that never finishes ends as
    ``StampedeTimeout``. Exceptions raised by the coroutine are re-raised here.
    """
    outcome: dict[str, Any] = {}
    finished = threading.Event()

    def worker() -> None:
        try:
            run()
        finally:
            finished.set()

    def run() -> None:
        async def bounded() -> Any:
            return await asyncio.wait_for(factory(), timeout)

        loop = asyncio.new_event_loop()
        try:
            outcome["value"] = loop.run_until_complete(bounded())
        except asyncio.TimeoutError:
            outcome["error"] = StampedeTimeout(f"the coroutines were still waiting after {timeout:g} s, so "
                                               f"they were cancelled")
        except _Stopped:
            _abandon(loop)
            return
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            outcome["error"] = exc
        _close(loop)

    thread = threading.Thread(target=worker, name="asyncio worker", daemon=True)
    # The loop cancels the coroutine itself after `timeout`, unless a coroutine blocks the loop (runs
    # without reaching an await): then nothing in that thread can run the cancellation, so after a
    # grace period it is stopped from here.
    try:
        thread.start()
        finished.wait(timeout + _LOOP_GRACE)  # never Thread.join: see _join
    except BaseException:  # interrupted (a check's time limit, Ctrl-C): the loop must not keep running
        stop_threads([thread])
        raise
    if finished.is_set():
        _join([thread])
    else:
        left = stop_threads([thread])
        raise StampedeTimeout(f"the event loop was blocked for {timeout + _LOOP_GRACE:g} s, so it was stopped"
                              + _left_behind(left), blocked_loop=True, left=left)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _abandon(loop: asyncio.AbstractEventLoop) -> None:
    """Close a loop that was stopped from outside, without running it again (a task of it may spin):
    coroutines that never started are closed (no "never awaited" warning), and what the abandoned
    tasks would log is not news."""
    loop.set_exception_handler(lambda loop, context: None)
    for task in asyncio.all_tasks(loop):
        coroutine = task.get_coro()
        if inspect.iscoroutine(coroutine) and inspect.getcoroutinestate(coroutine) == inspect.CORO_CREATED:
            coroutine.close()
    loop.close()


def _close(loop: asyncio.AbstractEventLoop) -> None:
    """Close a loop as ``asyncio.run`` does: cancel the tasks still pending, let them finish, close."""
    try:
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()


_LOOP_GRACE = 1.0  # seconds after a coroutine's own timeout before its blocked loop is stopped


def _left_behind(left: tuple[str, ...]) -> str:
    if not left:
        return ""
    return (f" ({', '.join(left)} could not be stopped: blocked in a lock that is never released; it uses "
            f"no CPU, and goes away when the kernel restarts)")


# -- the two implementations of lru_cache -------------------------------------------------------------------
# pure_python_functools comes from lessons.tools.pure_functools (imported above) and is re-exported here.

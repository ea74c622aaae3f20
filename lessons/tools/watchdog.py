"""Stop learner code that never returns, and anything it left running.

A check calls the learner's function. If that function loops forever (``while True: pass``), waits on a
lock nobody releases, or starts a thread that does, the check must still end, with a message, within a
few seconds, and leave nothing spinning in the kernel afterwards. Two mechanisms:

* ``time_limit(seconds)``: a wall-clock alarm (``signal.setitimer``) that raises ``StillRunning`` in the
  main thread, where notebooks, the grader and pytest run checks. It interrupts pure-Python loops
  between bytecodes and blocking waits (``Lock.acquire``, ``Event.wait``, ``time.sleep``), which are
  interruptible on POSIX. Where there is no alarm (Windows, or a check called from another thread) it
  does nothing, and the call budget of ``lessons.tools.counting`` remains the only stop.
* ``stop_new_threads(before)``: threads that the learner's code started and that are still alive when the
  check ends get ``StillRunning`` raised inside them (``PyThreadState_SetAsyncExc``, the documented
  C API, reached through ctypes), and are joined briefly.

``StillRunning`` is a BaseException, so ``except Exception`` in an answer cannot swallow it.
"""
from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 5.0


class StillRunning(BaseException):
    """Raised inside learner code that was still running when its time was up."""

    def __init__(self, seconds: float = DEFAULT_SECONDS):  # a default: an async exception is raised bare
        super().__init__(f"still running after {seconds:g} s")
        self.seconds = seconds


# The exceptions this package raises inside threads to stop them (``raise_in``): a thread that ends with
# one was stopped on purpose, which is not news worth a traceback on stderr. ``stampede`` adds its own.
STOPS: set[type[BaseException]] = {StillRunning}


def raise_in(thread: threading.Thread, exception: type[BaseException]) -> None:
    """Raise ``exception`` inside ``thread`` when it next runs Python bytecode (``PyThreadState_SetAsyncExc``,
    the documented C API, through ctypes). Register the type in ``STOPS`` to keep its traceback quiet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(exception))


def _quiet_about_stopped_threads() -> None:
    previous = threading.excepthook

    def hook(args):
        if not issubclass(args.exc_type, tuple(STOPS)):
            previous(args)

    threading.excepthook = hook


_quiet_about_stopped_threads()


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float = DEFAULT_SECONDS) -> Iterator[None]:
    """Raise ``StillRunning`` in the block if it is still running after ``seconds`` of wall-clock time.

    >>> with time_limit(0.05):
    ...     while True:
    ...         pass
    Traceback (most recent call last):
    ...
    lessons.tools.watchdog.StillRunning: still running after 0.05 s
    """
    if not _can_alarm():
        yield
        return

    def ring(signum, frame):
        raise StillRunning(seconds)

    previous_handler = signal.signal(signal.SIGALRM, ring)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # an outer alarm (an outer check, a grader) keeps running
            signal.setitimer(signal.ITIMER_REAL, previous_delay, previous_interval)


def stop_new_threads(before: set[threading.Thread], join: float = 10.0) -> list[threading.Thread]:
    """Stop every thread alive now that was not in ``before``, waiting up to ``join`` seconds in all for
    them to end; return those still alive after that (none, unless one is stuck inside C code).

    The exception is delivered when the thread next runs Python bytecode, which on a busy machine can
    take a while: hence a generous total wait, which a thread that ends at once does not use. A thread
    being stopped may start another one before the exception reaches it, so the sweep repeats until no
    new thread is left."""
    deadline = time.monotonic() + join
    signalled: dict[threading.Thread, float] = {}  # thread -> when it was last told to stop
    while True:
        alive = [t for t in threading.enumerate() if t not in before and t.is_alive() and t.ident is not None]
        now = time.monotonic()
        if not alive or now >= deadline:
            return alive
        for thread in alive:
            if now - signalled.get(thread, -1.0) >= 0.5:  # again, for code that caught the first one
                raise_in(thread, StillRunning)
                signalled[thread] = now
        alive[0].join(min(0.05, max(0.0, deadline - now)))

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
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_SECONDS = 5.0


class StillRunning(BaseException):
    """Raised inside learner code that was still running when its time was up."""

    def __init__(self, seconds: float = DEFAULT_SECONDS):  # a default: an async exception is raised bare
        super().__init__(f"still running after {seconds:g} s")
        self.seconds = seconds


def _quiet_about_stopped_threads() -> None:
    """A thread we stopped ends with StillRunning; that is not news worth a traceback on stderr."""
    previous = threading.excepthook

    def hook(args):
        if not issubclass(args.exc_type, StillRunning):
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


def stop_new_threads(before: set[threading.Thread], seconds: float = DEFAULT_SECONDS,
                     join: float = 1.0) -> list[str]:
    """Stop every thread alive now that was not in ``before``; return the names of those stopped."""
    stopped = []
    for thread in threading.enumerate():
        if thread in before or not thread.is_alive() or thread.ident is None:
            continue
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                                   ctypes.py_object(StillRunning))
        stopped.append(thread.name)
    for thread in threading.enumerate():
        if thread not in before and thread.name in stopped:
            thread.join(join)
    return stopped

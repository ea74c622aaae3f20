"""A fake clock, so that nothing in the course has to sleep to see a cache entry expire.

Time-aware caches (cachetools' ``TTLCache``, ``cachetools.func.ttl_cache``, ``lessons.caches.ttl``) read the
time through a *timer*: a function of no arguments that returns the current time as a number, by default
``time.monotonic``. Hand them a ``FakeClock`` instead and the time is whatever the code says it is:
``clock.advance(10)`` moves ten seconds forward at once, exactly, on every machine.

Times are plain numbers. Use integers or binary fractions (0.5, 0.25) where an exact boundary matters:
``0.1 + 0.2`` is not ``0.3`` in floating point, on a fake clock as everywhere else.
"""
from __future__ import annotations


class FakeClock:
    """A timer that only moves when told to.

    >>> clock = FakeClock()
    >>> clock()
    0
    >>> clock.advance(9.5)
    9.5
    >>> clock()
    9.5
    """

    def __init__(self, start: float = 0):
        self._now = start

    def __call__(self) -> float:
        """The current fake time: what a cache calls instead of ``time.monotonic()``."""
        return self._now

    @property
    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` and return the new time. A monotonic clock never goes back, so
        negative steps are refused, as they would break every cache that trusts its timer."""
        if seconds < 0:
            raise ValueError(f"a monotonic clock cannot go back (advance({seconds!r}))")
        self._now += seconds
        return self._now

    def set(self, time: float) -> float:
        """Jump forward to ``time`` (not back: see ``advance``)."""
        return self.advance(time - self._now)

    def __repr__(self) -> str:
        return f"FakeClock(now={self._now!r})"

"""The fake clock: a timer that moves only when told to, and never backwards."""
import pytest
from cachetools import TTLCache

from lessons.tools.clock import FakeClock


def test_starts_where_told_and_advances_exactly():
    clock = FakeClock(5)
    assert clock() == clock.now == 5
    assert clock.advance(2.5) == 7.5 == clock()
    assert clock.set(10) == 10 == clock()
    assert clock.advance(0) == 10


def test_refuses_to_go_back():
    clock = FakeClock(3)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(2)
    assert clock() == 3


def test_is_a_timer_cachetools_accepts():
    clock = FakeClock()
    cache = TTLCache(maxsize=2, ttl=10, timer=clock)
    cache["k"] = 1
    clock.advance(9.5)
    assert "k" in cache
    clock.advance(0.5)
    assert "k" not in cache


def test_repr_shows_the_time():
    assert repr(FakeClock(1.5)) == "FakeClock(now=1.5)"

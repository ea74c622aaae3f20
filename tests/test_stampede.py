"""Unit tests of lessons.tools.stampede: the deterministic race harness of lesson 07."""
from __future__ import annotations

import asyncio
import functools
import threading

import pytest

from lessons.tools.stampede import (
    LockBoard,
    StampedeTimeout,
    Tally,
    pure_python_functools,
    run_coroutine,
    run_threads,
    thread_index,
)


def test_run_threads_returns_results_in_thread_order_and_knows_each_index():
    assert run_threads(lambda i: (i, thread_index()), 5) == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]
    assert thread_index() is None  # the main thread is not one of them


def test_run_threads_reraises_an_exception_from_a_thread():
    def target(i):
        if i == 2:
            raise ValueError("thread 2 failed")
        return i

    with pytest.raises(ValueError, match="thread 2 failed"):
        run_threads(target, 4)


def test_run_threads_turns_a_hang_into_a_timeout():
    never = threading.Event()
    try:
        with pytest.raises(StampedeTimeout, match="still running"):
            run_threads(lambda i: never.wait(5), 2, timeout=0.05)
    finally:
        never.set()  # let the stuck daemon threads end


def test_tally_counts_from_many_threads_and_can_be_waited_on():
    tally = Tally()
    run_threads(lambda i: [tally.add() for _ in range(100)], 4)
    assert tally.value == 400
    assert tally.wait_until(400, timeout=0.1)
    assert not tally.wait_until(401, timeout=0.01)


def test_a_barrier_proves_concurrency_and_lru_cache_stampedes_in_both_implementations():
    for lru_cache in (functools.lru_cache, pure_python_functools().lru_cache):
        for maxsize in (None, 128):
            executions = Tally()
            barrier = threading.Barrier(6, timeout=5)

            @lru_cache(maxsize=maxsize)
            def load(key):
                executions.add()  # noqa: B023 (called within this iteration)
                barrier.wait()  # noqa: B023
                return thread_index()

            results = run_threads(lambda i: load("k"), 6)
            assert executions.value == 6 and sorted(results) == list(range(6))
            assert load.cache_info().currsize == 1


def test_pure_python_functools_really_is_the_python_version():
    wrapper = pure_python_functools().lru_cache(maxsize=4)(abs)
    assert type(wrapper).__name__ == "function"          # a closure, not the C type
    assert type(functools.lru_cache(maxsize=4)(abs)).__name__ == "_lru_cache_wrapper"
    assert functools.lru_cache is not pure_python_functools().lru_cache
    assert [wrapper(x) for x in (-1, -1, 2)] == [1, 1, 2] and wrapper.cache_info().hits == 1


def _board_race(make_wrapper, keys, timeout=2.0):
    board = LockBoard(threads=len(keys), timeout=timeout)
    executions = []

    def body(key):
        with board.computing():
            executions.append(key)
            board.wait_until_settled()
            return key

    wrapper = make_wrapper(body, board.make_lock)

    def call(i):
        board.start()
        try:
            return wrapper(keys[i])
        finally:
            board.finish()

    run_threads(call, len(keys), timeout=timeout + 1.0)
    return executions


def test_lock_board_settles_when_followers_block_behind_the_computing_thread():
    def once(func, make_lock):
        results, lock = {}, make_lock()

        def wrapper(key):
            with lock:
                if key not in results:
                    results[key] = func(key)
                return results[key]

        return wrapper

    assert _board_race(once, ["k"] * 6) == ["k"]


def test_lock_board_lets_a_stampede_run_every_body():
    def unlocked(func, make_lock):
        return func

    assert _board_race(unlocked, ["k"] * 5) == ["k"] * 5


def test_lock_board_turns_a_lock_it_cannot_see_into_a_timeout_not_a_hang():
    def hidden(func, make_lock):
        lock = threading.Lock()  # not from make_lock: the board cannot tell that the follower waits

        def wrapper(key):
            with lock:
                return func(key)

        return wrapper

    with pytest.raises(StampedeTimeout, match="make_lock"):
        _board_race(hidden, ["k"] * 2, timeout=0.1)


def test_watched_lock_is_a_lock():
    board = LockBoard(threads=1)
    lock = board.make_lock()
    assert lock.acquire() and lock.locked()
    assert not lock.acquire(blocking=False)
    assert lock.acquire(timeout=0.01) is False
    lock.release()
    with lock:
        assert lock.owner == threading.get_ident()
    assert lock.owner is None and not lock.locked()


def test_run_coroutine_works_inside_a_running_loop_and_times_out():
    async def inner():
        # asyncio.run would refuse here; run_coroutine uses a fresh loop in a worker thread
        return run_coroutine(lambda: asyncio.sleep(0, result="done"))

    assert asyncio.run(inner()) == "done"

    async def forever():
        await asyncio.Event().wait()

    with pytest.raises(StampedeTimeout):
        run_coroutine(forever, timeout=0.05)
    with pytest.raises(KeyError):
        run_coroutine(lambda: _raise(KeyError("x")))


async def _raise(error):
    raise error


def test_lock_board_sees_threads_waiting_for_an_event_as_parked():
    def event_based(func, make_lock):
        done, results = threading.Event(), {}
        leader = Tally()

        def wrapper(key):
            if leader.add() == 1:
                results[key] = func(key)
                done.set()
            else:
                assert done.wait(5)
            return results[key]

        return wrapper

    assert _board_race(event_based, ["k"] * 4) == ["k"]


def _spin(*args):
    while True:
        pass


def test_run_threads_stops_a_thread_that_spins_past_its_deadline():
    before = set(threading.enumerate())
    with pytest.raises(StampedeTimeout, match="still running") as stuck:
        run_threads(_spin, 2, timeout=0.1)
    assert stuck.value.left == ()
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


def test_run_coroutine_stops_a_loop_blocked_by_tasks_that_never_await():
    async def spinning_tasks():
        async def spin():
            _spin()
        await asyncio.gather(*(spin() for _ in range(5)))  # each spinning task blocks the loop in turn

    before = set(threading.enumerate())
    with pytest.raises(StampedeTimeout, match="blocked") as stuck:
        run_coroutine(spinning_tasks, timeout=0.1)
    assert stuck.value.blocked_loop and stuck.value.left == ()
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


def test_a_thread_blocked_in_a_lock_forever_is_named_not_hidden():
    held = threading.Lock()
    held.acquire()
    try:
        with pytest.raises(StampedeTimeout, match="could not be stopped") as stuck:
            run_threads(lambda i: held.acquire(), 1, timeout=0.1)
        assert stuck.value.left == ("thread 0",)
    finally:
        held.release()  # lets the blocked thread finish: nothing of this test outlives it

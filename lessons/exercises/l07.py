"""Exercises of lesson 07, thread safety and asyncio.

q1  async_memo(func)                 cache the *results* of an async function, not its coroutines (easy)
q2  compute_once(func, make_lock)    compute-once memoizer for threads with per-key locks          (medium)
q3  async_compute_once(func)         compute-once for asyncio: share one Task per key; failures are
                                     not cached; a cancelled caller cancels nobody else            (hard)

Each exercise's task is a list of clauses, and each clause has one function here that can fail it
(``_q1_key``, ``_q2_errors``, ...): the check runs them all, in order, and the graded tests run groups
of them, so the two can never disagree.

Every check is deterministic and bounded. Thread checks start their threads with
``lessons.tools.stampede.run_threads`` (joined against a deadline; threads still running are stopped)
and hand the answer instrumented locks (``LockBoard.make_lock``), so the function under test lets
itself finish only once every other thread is provably either running it too or blocked behind it:
the execution count is then the same on every run. Async checks run on a fresh event loop in a worker
thread (``run_coroutine``), because a notebook cell already runs inside the kernel's loop; there, the
function under test awaits an ``asyncio.Event`` that the check sets only after every caller has had
its turns on the loop, and cancellations happen at fixed turns. Every wait has a timeout, so a wrong
answer fails clearly and never hangs; a loop blocked by a coroutine that never awaits is stopped.
Inputs that are not fixed scenarios come from ``random.Random`` with a fixed seed: the same on every
run and every machine.
"""
from __future__ import annotations

import asyncio
import inspect
import random
import threading

from lessons.exercises.core import Description, Exercise, Failure, Graded, expect_equal
from lessons.tools.stampede import LockBoard, StampedeTimeout, run_coroutine, run_threads

LESSON = "07_threads_asyncio"
TIMEOUT = 2.0   # seconds, for event loops; only a wrong answer that blocks ever waits this long
THREAD_TIMEOUT = 2.0  # seconds, for thread races: a correct answer settles within milliseconds, and a machine
# loaded many times over (seen: load average 13 on 2 cores) must not make a correct answer fail
THREADS = 6     # threads asking for the same key at once in the thread checks
CALLERS = 5     # concurrent awaits of the same key in the async checks
YIELDS = 20     # turns every task gets on the event loop before the check releases the function
SEED = 7        # of the generated call sequences


def _coroutine_misuse(error: RuntimeError, clause: str | None) -> Failure | None:
    text = str(error)
    if "coroutine" in text and ("reuse" in text or "awaited" in text or "executing" in text):
        return Failure(
            f"awaiting a cached value raised RuntimeError: {text}", clause=clause,
            why="your cache stores the coroutine object that calling the async function returns. A "
                "coroutine can be awaited only once; cache the *result* of `await func(...)` instead "
                "(or a Task, which can be awaited any number of times)")
    return None


def _run_async(scenario, clause: str | None = None) -> object:
    """Run an async scenario for a check; translate the typical async mistakes into Failures that name
    ``clause``, the clause the scenario tests."""
    try:
        return run_coroutine(scenario, timeout=TIMEOUT)
    except StampedeTimeout as stuck:
        if stuck.blocked_loop:
            raise Failure(
                f"the check's event loop was blocked: {stuck}", clause=clause,
                why="a coroutine ran without ever reaching an `await` (a busy loop, or a blocking call "
                    "such as `time.sleep` or `Lock.acquire`), so no other task could run. In asyncio, "
                    "tasks take turns only at an `await`") from None
        raise Failure(f"the check's awaits never finished: {stuck}", clause=clause,
                      why="something awaits forever: does a caller wait for a result nobody computes, "
                          "or for a lock that its own task holds?") from None
    except RuntimeError as error:
        failure = _coroutine_misuse(error, clause)
        if failure is not None:
            raise failure from None
        raise
    except asyncio.CancelledError:  # a BaseException: it must not escape the check
        raise Failure("an await in the check was cancelled, though the check cancelled nothing there",
                      clause=clause, why="a Task shared by several callers was cancelled (by one caller that "
                                         "was cancelled, or by your code), and then awaited again") from None


def _wrap_async(decorator, func, name: str):
    cached = decorator(func)
    if not callable(cached):
        raise Failure(f"{name}(func) must return a function (the wrapper)", clause="awaitable",
                      expected=Description("a callable"), got=cached)
    return cached


async def _await_call(cached, *args):
    value = cached(*args)
    if not inspect.isawaitable(value):
        raise Failure("calling the wrapper did not return something to await", clause="awaitable",
                      input=f"cached{args}", expected=Description("a coroutine (make the wrapper `async def`)"),
                      got=value, why="callers write `await cached(...)`, so the wrapper must be an async function")
    result = await value
    if inspect.iscoroutine(result):
        result.close()  # never started: close it, so that no "never awaited" warning follows
        raise Failure("awaiting the wrapper gave a coroutine object instead of the function's value",
                      clause="awaitable", input=f"await cached{args}",
                      expected=Description("the value, e.g. 9 for square(3)"),
                      got=Description(f"a coroutine object of {result.__qualname__}"),
                      why="the wrapper stored or returned func(*args) without awaiting it: write "
                          "`result = await func(*args)` and store `result`")
    return result


def _weigh(args: tuple) -> int:
    """The probes' result: different for every argument tuple the checks use (so a key that leaves
    part of the arguments out returns a wrong value), and 0, falsy, for (0,) and (0, 0)."""
    return sum(a * 31 ** i for i, a in enumerate(args))


def _async_probe(fail_first: frozenset = frozenset()):
    """An async function that records its executions; for arguments in ``fail_first`` its first
    execution raises ValueError."""
    calls: list[tuple] = []

    async def weigh(*args):
        """Weigh the arguments."""
        calls.append(args)
        await asyncio.sleep(0)  # a real suspension point, as a network call would have
        if args in fail_first and calls.count(args) == 1:
            raise ValueError(f"weigh{args}: the backend is down")
        return _weigh(args)

    return weigh, calls


# Argument tuples of the generated sequences: hashes that collide (hash(-1) == hash(-2)), falsy
# results, two arities, and values no table could hold.
_POOL = [(-1,), (-2,), (0,), (0, 0), (1,), (2, 3), (2, 5), (3, 2), (10 ** 12,), (10 ** 12, 1), (7,), (-7, 7)]


def _sequence(length: int, seed: int = SEED) -> list[tuple]:
    rng = random.Random(seed)
    return [rng.choice(_POOL) for _ in range(length)]


def _first_seen(calls: list[tuple]) -> list[tuple]:
    """What a correct memo executes for these calls: each distinct argument tuple once, in order."""
    return list(dict.fromkeys(calls))


# -- q1 ---------------------------------------------------------------------------------------------------
def _q1_awaitable(async_memo) -> None:
    weigh, _ = _async_probe()
    cached = _wrap_async(async_memo, weigh, "async_memo")

    async def scenario():
        return [await _await_call(cached, 4, 4) for _ in range(3)]

    expect_equal(_run_async(scenario, "awaitable"), [_weigh((4, 4))] * 3, clause="awaitable",
                 input="await cached(4, 4), three times one after another",
                 why="every await of a cached call must give the value itself")


def _check_key(decorator, name: str) -> None:
    """Every positional argument is part of the key, and so is the value, not the hash."""
    weigh, calls = _async_probe()
    cached = _wrap_async(decorator, weigh, name)
    asked = [(2, 3), (2, 5), (2, 3), (-1,), (-2,), (-1,)]

    async def scenario():
        return [await _await_call(cached, *args) for args in asked]

    shown = ", ".join(f"cached{a}" if len(a) > 1 else f"cached({a[0]})" for a in asked)
    expect_equal(_run_async(scenario, "key"), [_weigh(a) for a in asked], clause="key",
                 input=f"await {shown}",
                 why="the key must be the whole tuple `args` of positional arguments, compared by value: "
                     "not only the first argument, and not `hash(args)` (hash(-1) == hash(-2) in CPython)")
    if calls != _first_seen(asked):
        raise Failure(f"the async function ran {len(calls)} times for awaits of {len(set(asked))} distinct "
                      f"argument tuples", clause="key", input=f"await {shown}",
                      expected=_first_seen(asked), got=calls)


def _q1_once(async_memo) -> None:
    weigh, calls = _async_probe()
    cached = _wrap_async(async_memo, weigh, "async_memo")
    asked = _sequence(40)

    async def scenario():
        return [await _await_call(cached, *args) for args in asked]

    shown = f"40 awaits of cached(*args), args from a seeded sequence of {len(set(asked))} distinct tuples"
    expect_equal(_run_async(scenario, "once"), [_weigh(a) for a in asked], clause="once", input=shown,
                 why="each await must give the function's result for exactly those arguments")
    if calls != _first_seen(asked):
        raise Failure(f"the async function ran {len(calls)} times for {len(set(asked))} distinct argument "
                      f"tuples", clause="once", input=shown, expected=len(set(asked)), got=len(calls),
                      why="a memo runs the function once per distinct arguments and answers repeats from "
                          "the cache: look the key up with `args in cache` (a cached 0 is falsy, so "
                          "`if cache.get(args):` misses it every time)")


def _check_errors_not_cached(decorator, name: str) -> None:
    weigh, calls = _async_probe(fail_first=frozenset({(5,)}))
    cached = _wrap_async(decorator, weigh, name)

    async def scenario():
        outcomes = []
        for _ in range(3):
            try:
                outcomes.append(await _await_call(cached, 5))
            except ValueError as error:
                outcomes.append(error)
        return outcomes

    first, second, third = _run_async(scenario, "errors")
    shown = "await cached(5) three times; func's first execution raises ValueError"
    if not isinstance(first, ValueError):
        raise Failure("the function's exception did not reach the caller", clause="errors", input=shown,
                      expected=Description("ValueError raised by the first await"), got=first,
                      why="a cache must not swallow an exception: the caller has to know the call failed")
    if isinstance(second, ValueError) or isinstance(third, ValueError):
        raise Failure("after a failed execution, the next await got the same failure again", clause="errors",
                      input=shown, expected=[_weigh((5,))] * 2, got=[second, third],
                      why="a failure was cached (a Task that failed, kept in the cache, fails every await): "
                          "store only results, or remove a failed task, so that a blip does not become a "
                          "permanent error")
    expect_equal([second, third], [_weigh((5,))] * 2, clause="errors", input=shown,
                 why="a failure must not be cached, neither as the exception nor as a placeholder "
                     "stored before awaiting: the next await runs the function again")
    if calls != [(5,), (5,)]:
        raise Failure(f"the function ran {len(calls)} times: once failing, then once more", clause="errors",
                      input=shown, expected=2, got=len(calls))


def _q1_errors(async_memo) -> None:
    _check_errors_not_cached(async_memo, "async_memo")


def _check_own(decorator, name: str) -> None:
    one, one_calls = _async_probe()
    two, two_calls = _async_probe()
    first, second = _wrap_async(decorator, one, name), _wrap_async(decorator, two, name)

    async def scenario():
        return [await _await_call(first, 3), await _await_call(second, 3)]

    _run_async(scenario, "own")
    if not (one_calls and two_calls):
        raise Failure("two decorated functions share one cache", clause="own",
                      input="first = decorate(f); second = decorate(g); await first(3); await second(3)",
                      expected=Description("f and g each run once"),
                      got=Description("at least one of them never ran: its await was answered from a cache "
                                      "that another decorated function filled"),
                      why="create the cache inside the decorator, once per decorated function")


def _q1_own(async_memo) -> None:
    _check_own(async_memo, "async_memo")


def _check_name(decorator, name: str) -> None:
    weigh, _ = _async_probe()
    cached = _wrap_async(decorator, weigh, name)
    got = (getattr(cached, "__name__", None), getattr(cached, "__doc__", None))
    if got != ("weigh", "Weigh the arguments."):
        raise Failure("the wrapper does not keep the decorated function's name and docstring", clause="name",
                      input=f"{name}(weigh).__name__, .__doc__", expected=("weigh", "Weigh the arguments."),
                      got=got, why="put `@functools.wraps(func)` on the wrapper, so that tracebacks, help() "
                                   "and other tools still see the real function")


def _q1_name(async_memo) -> None:
    _check_name(async_memo, "async_memo")


def _q1_key(async_memo) -> None:
    _check_key(async_memo, "async_memo")


Q1_CLAUSES = [_q1_awaitable, _q1_own, _q1_key, _q1_once, _q1_errors, _q1_name]


def check_async_memo(async_memo) -> str:
    for clause in Q1_CLAUSES:
        clause(async_memo)
    return ("async_memo caches awaited results: one execution per distinct arguments (a cached 0 too, "
            "-1 and -2 apart), failures retried, one cache per function, its name kept.")


q1 = Exercise(
    LESSON, "q1", "An async memo that caches results", "async_memo", check_async_memo,
    clauses={
        "awaitable": "`async_memo(func)` returns a wrapper that callers `await`: `await cached(*args)` gives "
                     "the value of `await func(*args)` itself, on the first await and on every later one",
        "key": "every positional argument is part of the key, compared by value: `cached(2, 3)` and "
               "`cached(2, 5)` are different calls, and so are `cached(-1)` and `cached(-2)`, whose hashes "
               "are equal",
        "once": "`func` runs once per distinct tuple of arguments; repeated awaits are answered from the "
                "cache, also when the result is falsy (`0`)",
        "errors": "when `func` raises, the exception reaches the caller and nothing is cached: the next "
                  "await of the same arguments runs `func` again",
        "own": "each decorated function has its own cache",
        "name": "the wrapper keeps the function's `__name__` and `__doc__` (`functools.wraps`)",
    },
    hints=[
        ("The wrapper must itself be an `async def`, so that callers can `await` it, and it has to "
         "`await func(*args)` to get the value."),
        ("Keep a dict created inside `async_memo` (one per decorated function). In the wrapper: if `args` "
         "is in it, return the stored value; otherwise `result = await func(*args)`, store it, return it. "
         "If the await raises, nothing gets stored, which is what the task asks."),
        ("Store `result`, never `func(*args)` itself: that is a coroutine object, and it can be awaited "
         "only once. Add `@functools.wraps(func)` on the wrapper."),
    ],
    tests=[
        Graded("awaits give the value, again and again; every argument in the key", 1,
               lambda a: (_q1_awaitable(a), _q1_key(a))),
        Graded("one execution per distinct arguments, a cached 0 too", 1, _q1_once),
        Graded("exceptions reach the caller and are not cached", 1, _q1_errors),
        Graded("one cache per function; name and docstring kept", 1, lambda a: (_q1_own(a), _q1_name(a))),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
def _make_wrapper(compute_once, load, board: LockBoard):
    try:
        cached = compute_once(load, make_lock=board.make_lock)
    except TypeError as error:
        if "make_lock" in str(error):
            raise Failure("compute_once must accept the keyword argument make_lock", clause="make_lock",
                          input="compute_once(func, make_lock=...)", got=Description(f"TypeError: {error}"),
                          why="the check passes its own lock factory, to see which threads wait") from None
        raise
    if not callable(cached):
        raise Failure("compute_once(func) must return a function (the wrapper)", clause="once",
                      expected=Description("a callable"), got=cached)
    return cached


def thread_race(compute_once, keys: list, *, fail_first: bool = False, timeout: float = THREAD_TIMEOUT,
                clause: str = "once"):
    """One thread per entry of ``keys``, all calling the compute-once wrapper at once.

    Returns (results per thread: a value or the exception it raised, executions as a list of keys, the
    largest number of threads that were computing at the same moment, the wrapper, the board). The
    wrapped function waits, inside its body, until the race is decided (``LockBoard.wait_until_settled``),
    so the counts do not depend on timing. With ``fail_first`` the first execution of each key raises
    ConnectionError once the race is decided."""
    board = LockBoard(threads=len(keys), timeout=timeout)
    executions: list = []
    most_at_once = [0]
    record = threading.Lock()

    def load(key):
        with board.computing():
            with record:
                executions.append(key)
                count = executions.count(key)
            computing, _parked = board.wait_until_settled()
            with record:
                most_at_once[0] = max(most_at_once[0], computing)
            if fail_first and count == 1:
                raise ConnectionError(f"{key}: the backend is down (execution {count})")
            return 0 if key == 0 else f"{key} (execution {count})"  # key 0: a falsy result

    cached = _make_wrapper(compute_once, load, board)

    def call(i):
        board.start()
        try:
            return cached(keys[i])
        except ConnectionError as error:
            return error
        finally:
            board.finish()

    try:
        results = run_threads(call, len(keys), timeout=timeout + 1.0)
    except StampedeTimeout as stuck:
        if fail_first:
            clause = "errors"
        raise Failure(f"the threads got stuck: {stuck}", clause=clause if board.locks_made else "make_lock",
                      why="create every lock with make_lock() (the check can only see those), and make "
                          "sure every lock you acquire is released, also when func raises (`with lock:` "
                          "or try/finally)") from None
    return results, executions, most_at_once[0], cached, board


class _Sequential:
    """Wrappers made by one answer, called one after another in one thread, with the check's timed-out
    locks: a lock acquired twice, or never released, ends as a Failure, never a hang."""

    def __init__(self, compute_once, *, failing: frozenset = frozenset()) -> None:
        self.compute_once = compute_once
        self.board = LockBoard(threads=1, timeout=THREAD_TIMEOUT)
        self.executions: list[tuple] = []
        self.failing = failing
        self.wrappers: dict = {}

    def load_for(self, name: str):
        def load(key):
            self.executions.append((name, key))
            if key in self.failing and self.executions.count((name, key)) == 1:
                raise ValueError(f"{name}({key!r}): the backend is down")
            return {"zero": 0, "none": None}.get(key, f"{name}:{key}") if isinstance(key, str) else _weigh((key,))
        return load

    def calls(self, calls: list[tuple], clause: str) -> list:
        """Call ``wrapper_name(key)`` for each (name, key), in order; a raised exception is the result."""
        def run(_i):
            results = []
            for name, key in calls:
                if name not in self.wrappers:
                    self.wrappers[name] = _make_wrapper(self.compute_once, self.load_for(name), self.board)
                try:
                    results.append(self.wrappers[name](key))
                except (ValueError, StampedeTimeout) as error:
                    if isinstance(error, StampedeTimeout):
                        raise
                    results.append(error)
            return results

        try:
            return run_threads(run, 1, timeout=THREAD_TIMEOUT + 1.0)[0]
        except StampedeTimeout as stuck:
            raise Failure(f"one thread calling the wrapper alone got stuck: {stuck}", clause=clause,
                          why="a lock was never released, or acquired again by the thread that holds it "
                              "(a plain Lock is not reentrant): release every lock you acquire, also when "
                              "func raises (`with lock:` or try/finally)") from None


def _expected_sequential(calls: list[tuple]) -> list:
    probe = _Sequential(None)
    return [probe.load_for(name)(key) for name, key in calls]


def _q2_key(compute_once) -> None:
    calls = [("f", -1), ("f", -2), ("f", -1), ("f", "a"), ("f", "b"), ("f", -2)]
    run = _Sequential(compute_once)
    results = run.calls(calls, "key")
    expect_equal(results, _expected_sequential(calls), clause="key",
                 input="cached(-1), cached(-2), cached(-1), cached('a'), cached('b'), cached(-2)",
                 why="each key needs its own entry, found by the key's value: not one shared value, and "
                     "not `hash(key)` (hash(-1) == hash(-2) in CPython)")


def _q2_own(compute_once) -> None:
    calls = [("f", "k"), ("g", "k"), ("f", "k"), ("g", "k")]
    results = _Sequential(compute_once).calls(calls, "own")
    expect_equal(results, ["f:k", "g:k", "f:k", "g:k"], clause="own",
                 input="f = compute_once(load_f); g = compute_once(load_g); f('k'), g('k'), f('k'), g('k')",
                 why="each decorated function needs its own cache: create the dicts inside compute_once, "
                     "not at module level")


def _q2_hits(compute_once) -> None:
    run = _Sequential(compute_once)
    run.calls([("f", "zero")] * 3 + [("f", "none")] * 3, "hits")
    if run.executions != [("f", "zero"), ("f", "none")]:
        raise Failure(f"func ran {len(run.executions)} times for 3 calls of a key whose result is 0 and 3 of "
                      f"one whose result is None", clause="hits",
                      input="cached('zero') three times, then cached('none') three times, one after another",
                      expected=2, got=len(run.executions),
                      why="a cached result can be falsy (0, '', None, []): test `key in results`, not "
                          "`if results.get(key):`")
    rng = random.Random(SEED)
    calls = [("f", rng.choice(["a", "b", "zero", "none", -1, -2, 10 ** 12])) for _ in range(30)]
    run = _Sequential(compute_once)
    expect_equal(run.calls(calls, "hits"), _expected_sequential(calls), clause="hits",
                 input="30 calls, one after another, keys from a seeded sequence of 7")
    if run.executions != _first_seen(calls):
        raise Failure(f"func ran {len(run.executions)} times for {len(set(calls))} distinct keys", clause="hits",
                      input="30 calls, one after another, keys from a seeded sequence of 7",
                      expected=len(set(calls)), got=len(run.executions),
                      why="a key computed once is a hit on every later call")


def _q2_errors(compute_once) -> None:
    run = _Sequential(compute_once, failing=frozenset({"boom"}))
    shown = "cached('boom') twice, one after another; func's first execution raises ValueError"
    first = run.calls([("f", "boom")], "errors")[0]
    if not isinstance(first, ValueError):
        raise Failure("func's exception did not reach the caller", clause="errors", input=shown,
                      expected=Description("ValueError raised by the first call"), got=first,
                      why="a cache must not swallow an exception: the caller has to know the call failed")
    if run.board.held():
        raise Failure(f"{run.board.held()} lock(s) stayed held after func raised", clause="errors", input=shown,
                      expected=0, got=run.board.held(),
                      why="`lock.acquire()` ... `lock.release()` without try/finally skips the release when "
                          "func raises, and every later call for that key waits forever. Use `with lock:`")
    second = run.calls([("f", "boom")], "errors")[0]
    expect_equal(second, "f:boom", clause="errors", input=shown,
                 why="a failure must not be cached: the next call runs func again")
    # and in a race: the exception reaches the first caller; nobody hangs; a later call gets a value
    results, executions, _, cached, board = thread_race(compute_once, ["flaky"] * THREADS, fail_first=True)
    race = f"{THREADS} threads call cached('flaky') at once; its first execution raises ConnectionError"
    values = {r for r in results if not isinstance(r, BaseException)}
    if not any(isinstance(r, ConnectionError) for r in results) or len(executions) > 2 or len(values) > 1:
        raise Failure("a failing key was not handled right", clause="errors", input=race,
                      expected=Description("the ConnectionError for the first caller; the others get it too, or "
                                           "the result of one retry (at most 2 executions in all)"),
                      got=Description(f"{sorted(set(map(repr, results)))}, {len(executions)} executions"),
                      why="the exception belongs to the callers of the failed execution; a retry is computed "
                          "once too")
    if board.held():
        raise Failure(f"{board.held()} lock(s) stayed held after the race", clause="errors", input=race,
                      expected=0, got=board.held(), why="release every lock, also when func raises")
    later = run_threads(lambda i: cached("flaky"), 1, timeout=THREAD_TIMEOUT)[0]
    if not isinstance(later, str):
        raise Failure("a call after the failed race did not get a value", clause="errors", input=race,
                      expected=Description("'flaky (execution 2)' or a stored retry"), got=later)


def _q2_once(compute_once) -> str:
    results, executions, _, cached, _ = thread_race(compute_once, ["user:42"] * THREADS)
    shown = f"{THREADS} threads call cached('user:42') together"
    if not executions:
        raise Failure("func never ran: the first call for a new key returned something without computing",
                      clause="once", input=shown, got=sorted(set(map(str, results))),
                      why="is the cache shared between calls of compute_once, or between check runs? "
                          "Create it inside compute_once")
    if len(executions) != 1:
        raise Failure(
            f"func ran {len(executions)} times for one key requested by {THREADS} threads at once",
            clause="once", input=shown, expected=1, got=len(executions),
            why="that is a cache stampede. The first thread to miss must compute while the others wait on "
                "that key's lock; and a thread that gets the lock must check the cache again before "
                "computing, because the thread before it may have stored the result meanwhile")
    expect_equal(results, [results[0]] * THREADS, input=shown, clause="once",
                 why="every waiting thread must return the result the one execution computed")
    expect_equal(results[0], "user:42 (execution 1)", input=shown, clause="once")
    for _ in range(2):
        expect_equal(cached("user:42"), results[0], input="a later cached('user:42')", clause="hits")
    zeros, zero_runs, _, _, _ = thread_race(compute_once, [0] * THREADS, clause="hits")
    if len(zero_runs) != 1 or zeros != [0] * THREADS:
        raise Failure(f"func ran {len(zero_runs)} times for one key whose result is 0, asked by {THREADS} threads "
                      f"at once", clause="hits", input=f"{THREADS} threads call cached(0) together; func returns 0",
                      expected=1, got=len(zero_runs),
                      why="the second look in the cache, after getting the key's lock, must find a falsy result "
                          "too: `key in results`, not `results.get(key)`")
    if len(executions) != 1:
        raise Failure("a later call for the same key ran func again", clause="hits", input="a later cached('user:42')",
                      expected=1, got=len(executions), why="store the result in a cache dict and look it up first")
    return results[0]


def _q2_concurrent(compute_once) -> None:
    _, executions, most_at_once, _, _ = thread_race(compute_once, ["a", "b", "a", "c", "b"], clause="concurrent")
    shown = "5 threads at once call cached('a'), cached('b'), cached('a'), cached('c'), cached('b')"
    if sorted(executions) != ["a", "b", "c"]:
        raise Failure("each of 3 keys should run exactly once", clause="once", input=shown,
                      expected=["a", "b", "c"], got=sorted(executions))
    if most_at_once != 3:
        raise Failure("a call for another key waited while the first key was computing", clause="concurrent",
                      input=shown, expected=Description("3 keys computing at once"),
                      got=Description(f"at most {most_at_once} computing at once"),
                      why="one lock held around every computation serialises unrelated keys: use one "
                          "lock per key, and hold the shared lock only to read and update the dicts")


def check_compute_once(compute_once) -> str:
    _q2_own(compute_once)
    _q2_key(compute_once)
    _q2_hits(compute_once)
    value = _q2_once(compute_once)
    _q2_concurrent(compute_once)
    _q2_errors(compute_once)
    return (f"{THREADS} threads asked for one key at once: func ran once and every thread got {value!r}; "
            f"falsy results are hits, -1 and -2 apart; a failure reaches the caller, leaves no lock held and "
            f"is retried; different keys computed concurrently.")


q2 = Exercise(
    LESSON, "q2", "Compute once across threads, with a lock per key", "compute_once", check_compute_once,
    clauses={
        "once": "however many threads call `wrapper(key)` at the same moment for a missing key, `func(key)` "
                "runs once and every one of them returns its result",
        "hits": "later calls for a key return the stored result without running `func`, also when it is "
                "falsy (`0`, `None`)",
        "key": "each key has its own result, found by value: `-1` and `-2`, whose hashes are equal, are "
               "different keys",
        "own": "each call of `compute_once` makes its own cache",
        "errors": "when `func(key)` raises, the exception reaches the caller, nothing is cached and no lock "
                  "stays held (use `with lock:` or try/finally): the next call for that key runs `func` again",
        "concurrent": "threads asking for different keys do not wait for each other: no lock shared by all "
                      "keys is held while `func` runs",
        "make_lock": "every lock is created with `make_lock()`, the factory passed in (the check passes an "
                     "instrumented one, to see which threads wait; waiting on a `threading.Event` or "
                     "`Condition` is visible to it too)",
    },
    hints=[
        ("You need two dicts: `results` (key -> value) and `locks` (key -> the lock for that key), and one "
         "small lock `guard = make_lock()` that protects both dicts. Never hold `guard` while `func` runs."),
        ("In the wrapper: under `guard`, return the result if it is there, otherwise get or create the "
         "key's lock (`locks.setdefault(key, make_lock())`). Then `with key_lock:` compute: `with` releases "
         "the lock even when `func` raises."),
        ("Double-checked: after acquiring the key's lock, look in `results` again. The thread that held "
         "the lock before you has probably stored the value, and then you must return it, not compute."),
    ],
    tests=[
        Graded(f"{THREADS} threads, one key: one execution, one result for all", 2, _q2_once),
        Graded("later calls are hits, a cached 0 and None too; -1 and -2 apart; one cache per call", 1,
               lambda a: (_q2_own(a), _q2_key(a), _q2_hits(a))),
        Graded("a failure reaches the caller, leaves no lock held, and is retried", 1, _q2_errors),
        Graded("different keys compute concurrently", 1, _q2_concurrent),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
async def async_race(cached_factory, keys: list, *, fail_first: bool = False, cancel: tuple[int, ...] = ()):
    """Start one task per entry of ``keys`` calling the wrapper, give every task YIELDS turns on the
    loop, cancel the tasks whose index is in ``cancel`` and give YIELDS more turns, then release the
    function. Returns (results or exceptions, executions, started before the release, wrapper)."""
    executions: list = []
    release = asyncio.Event()

    async def fetch(*args):
        key = args[0] if len(args) == 1 else args
        executions.append(key)
        count = executions.count(key)
        await release.wait()
        if fail_first and count == 1:
            raise ConnectionError(f"{key}: the backend is down (execution {count})")
        return f"{key} (execution {count})"

    cached = cached_factory(fetch)
    tasks = [asyncio.ensure_future(_await_call(cached, key)) for key in keys]
    for _ in range(YIELDS):
        await asyncio.sleep(0)  # a turn on the loop, not a wait for time
    for i in cancel:
        tasks[i].cancel()
    for _ in range(YIELDS if cancel else 0):
        await asyncio.sleep(0)
    started = list(executions)
    release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, (Failure, RuntimeError)):
            raise result
    return results, executions, started, cached


def _wrapper_of(async_compute_once):
    def make(fetch):
        return _wrap_async(async_compute_once, fetch, "async_compute_once")
    return make


def _q3_once(async_compute_once) -> str:
    make = _wrapper_of(async_compute_once)

    async def same_key():
        results, executions, _, cached = await async_race(make, ["user:42"] * CALLERS)
        concurrent = len(executions)
        later = [await _await_call(cached, "user:42") for _ in range(2)]
        return results, executions, concurrent, later

    results, executions, concurrent, later = _run_async(same_key, "once")
    shown = f"asyncio.gather of {CALLERS} calls cached('user:42'), then two more awaits"
    if concurrent != 1:
        raise Failure(
            f"the async function ran {concurrent} times for {CALLERS} concurrent awaits of one key",
            clause="once", input=shown, expected=1, got=concurrent,
            why="caching only finished results is not compute-once: every caller that arrives before the "
                "first one finishes misses too. Cache something all callers can await while it is still "
                "running: an asyncio.Task (or Future) per key")
    if len(executions) != 1:
        raise Failure("a later await of the same key ran the function again", clause="once", input=shown,
                      expected=1, got=len(executions),
                      why="keep a successful task (or its result) in the cache: only failures are removed")
    expect_equal(results + later, ["user:42 (execution 1)"] * (CALLERS + 2), clause="once", input=shown,
                 why="every concurrent caller, and every later one, must get the result of the one execution")
    return results[0]


def _q3_key(async_compute_once) -> None:
    _check_key(async_compute_once, "async_compute_once")


def _q3_concurrent(async_compute_once) -> None:
    async def two_keys():
        _, executions, started, _ = await async_race(_wrapper_of(async_compute_once), ["a", "b", "a", "c"])
        return executions, started

    executions, started = _run_async(two_keys, "concurrent")
    if sorted(started) != ["a", "b", "c"] or sorted(executions) != ["a", "b", "c"]:
        raise Failure("a call for another key waited while the first key was computing", clause="concurrent",
                      input="cached('a'), cached('b'), cached('a'), cached('c') awaited concurrently",
                      expected=["a", "b", "c"], got=sorted(started),
                      why="a single asyncio.Lock around every computation serialises unrelated keys: "
                          "share one Task per key instead")


def _q3_errors(async_compute_once) -> None:
    make = _wrapper_of(async_compute_once)

    async def failing_key():
        results, executions, _, cached = await async_race(make, ["flaky"] * 3, fail_first=True)
        try:
            retry = await _await_call(cached, "flaky")
        except ConnectionError as error:
            retry = error
        return results, executions, retry

    results, executions, retry = _run_async(failing_key, "errors")
    shown = "3 concurrent awaits of cached('flaky'), whose first execution raises ConnectionError; then a retry"
    if isinstance(retry, ConnectionError):
        raise Failure("after a failed execution, the next call got the same failure again", clause="errors",
                      input=shown, expected=Description("a retry that runs the function again"),
                      got=Description("the cached ConnectionError"),
                      why="a failure was cached: remove the key from the cache when its task fails, so "
                          "that a blip does not become a permanent error")
    if not all(isinstance(r, ConnectionError) for r in results) or len(executions) != 2:
        raise Failure("a failing key was not handled right", clause="errors", input=shown,
                      expected=Description("3 ConnectionErrors from 1 execution, then a retry that runs it again"),
                      got=Description(f"{[type(r).__name__ for r in results]}, {len(executions)} executions"),
                      why="the concurrent callers share the one failing execution; failures are not cached")
    expect_equal(retry, "flaky (execution 2)", clause="errors", input=shown)


def _q3_cancel(async_compute_once) -> None:
    make = _wrapper_of(async_compute_once)
    for victim, who in ((0, "the first caller (the one that started the execution)"), (1, "a later caller")):
        async def cancel_one(victim=victim):
            results, executions, _, cached = await async_race(make, ["k"] * 3, cancel=(victim,))
            try:
                later = await _await_call(cached, "k")
            except (asyncio.CancelledError, Exception) as error:  # a cancelled Task kept in the cache
                later = error
            return results, executions, later

        results, executions, later = _run_async(cancel_one, "cancel")
        others = [r for i, r in enumerate(results) if i != victim]
        shown = f"3 concurrent awaits of cached('k'); {who} is cancelled before the function finishes"
        if others != ["k (execution 1)"] * 2:
            raise Failure("cancelling one caller took the result away from the others", clause="cancel",
                          input=shown, expected=["k (execution 1)"] * 2,
                          got=Description(", ".join(repr(r) if isinstance(r, str) else type(r).__name__
                                                    for r in others)),
                          why="awaiting a shared Task directly makes a cancelled caller cancel the Task "
                              "itself, for every caller: `await asyncio.shield(task)` protects it. And the "
                              "function must run in a Task of its own, not in the first caller's coroutine")
        if later != "k (execution 1)" or len(executions) != 1:
            shown_later = repr(later) if isinstance(later, str) else type(later).__name__
            raise Failure("after a caller was cancelled, the result was not kept", clause="cancel", input=shown,
                          expected=Description("'k (execution 1)' from the one execution"),
                          got=Description(f"{shown_later} after {len(executions)} executions"),
                          why="the shared execution goes on for the others, and its result is cached as usual")


def _q3_awaitable(async_compute_once) -> None:
    weigh, _ = _async_probe()
    cached = _wrap_async(async_compute_once, weigh, "async_compute_once")

    async def scenario():
        return [await _await_call(cached, 4, 4) for _ in range(3)]

    expect_equal(_run_async(scenario, "awaitable"), [_weigh((4, 4))] * 3, clause="awaitable",
                 input="await cached(4, 4), three times one after another")


def check_async_compute_once(async_compute_once) -> str:
    _q3_awaitable(async_compute_once)
    shared = _q3_once(async_compute_once)
    _q3_key(async_compute_once)
    _q3_concurrent(async_compute_once)
    _q3_errors(async_compute_once)
    _q3_cancel(async_compute_once)
    return (f"{CALLERS} concurrent awaits ran the function once and shared {shared!r}; failures are "
            f"shared and then retried; a cancelled caller cancels nobody else; different keys run concurrently.")


q3 = Exercise(
    LESSON, "q3", "Compute once in asyncio: share a Task", "async_compute_once", check_async_compute_once,
    clauses={
        "awaitable": "`async_compute_once(func)` returns a wrapper that callers `await`, which gives the "
                     "function's value",
        "once": "concurrent awaits of the same arguments run `func` once and all get its result; later awaits "
                "get it too, without running `func` again",
        "key": "every positional argument is part of the key, compared by value (`cached(2, 3)` and "
               "`cached(2, 5)` differ, and so do `cached(-1)` and `cached(-2)`)",
        "concurrent": "awaits of different arguments run concurrently",
        "errors": "if the one execution raises, every caller awaiting it gets that exception, and the failure "
                  "is not cached: the next call runs `func` again",
        "cancel": "cancelling one caller, the first one included, does not cancel the shared execution: the "
                  "other callers still get its result, and it is cached",
    },
    hints=[
        ("Cache an `asyncio.Task` per key instead of a result: "
         "`tasks[args] = asyncio.ensure_future(func(*args))`. "
         "Every caller, early or late, can `await` the same task, as often as it likes, and the function "
         "runs in that task, not in the first caller's coroutine."),
        ("Between looking the key up and storing the new task there is no `await`, so no other task can run "
         "in between: in asyncio that alone makes the check-and-store atomic, without any lock."),
        ("If awaiting the task raises, delete `tasks[args]` (only if it is still that task) and re-raise, "
         "so that the next call retries instead of getting the cached failure. Await it as "
         "`await asyncio.shield(task)`: then one caller being cancelled does not cancel everyone's task."),
    ],
    tests=[
        Graded(f"{CALLERS} concurrent awaits, one key: one execution, shared with later callers", 2, _q3_once),
        Graded("awaits give the value; every argument in the key", 1,
               lambda a: (_q3_awaitable(a), _q3_key(a))),
        Graded("failures are shared, not cached; retried on the next call", 1, _q3_errors),
        Graded("a cancelled caller cancels nobody else", 1, _q3_cancel),
        Graded("different keys run concurrently", 1, _q3_concurrent),
    ],
)


EXERCISES = [q1, q2, q3]

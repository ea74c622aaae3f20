"""Exercises of lesson 07, thread safety and asyncio.

q1  async_memo(func)                 cache the *results* of an async function, not its coroutines (easy)
q2  compute_once(func, make_lock)    compute-once memoizer for threads with per-key locks          (medium)
q3  async_compute_once(func)         compute-once for asyncio: share one Task per key; failures are
                                     not cached; different keys run concurrently                   (hard)

Every check is deterministic and bounded. Thread checks start their threads with
``lessons.tools.stampede.run_threads`` (joined against a deadline) and hand the answer instrumented locks
(``LockBoard.make_lock``), so the function under test lets itself finish only once every other thread
is provably either running it too or blocked behind it: the execution count is then the same on every
run. Async checks run on a fresh event loop in a worker thread (``run_coroutine``), because a notebook
cell already runs inside the kernel's loop; there, the function under test awaits an ``asyncio.Event``
that the check sets only after every caller has had its turns on the loop. Every wait has a timeout, so
a wrong answer fails clearly and never hangs.
"""
from __future__ import annotations

import asyncio
import inspect
import threading

from lessons.exercises.core import Exercise, Failure, Graded, expect_equal
from lessons.tools.stampede import LockBoard, StampedeTimeout, run_coroutine, run_threads

LESSON = "07_threads_asyncio"
TIMEOUT = 2.0   # seconds, for event loops; only a wrong answer that blocks ever waits this long
THREAD_TIMEOUT = 1.0  # seconds, for thread races; a correct answer settles within milliseconds
THREADS = 6     # threads asking for the same key at once in the thread checks
CALLERS = 5     # concurrent awaits of the same key in the async checks
YIELDS = 20     # turns every task gets on the event loop before the check releases the function


def _coroutine_misuse(error: RuntimeError) -> Failure | None:
    text = str(error)
    if "coroutine" in text and ("reuse" in text or "awaited" in text or "executing" in text):
        return Failure(
            f"awaiting a cached value raised RuntimeError: {text}",
            why="your cache stores the coroutine object that calling the async function returns. A "
                "coroutine can be awaited only once; cache the *result* of `await func(...)` instead "
                "(or a Task, which can be awaited any number of times)")
    return None


def _run_async(scenario) -> object:
    """Run an async scenario for a check; translate the typical async mistakes into Failures."""
    try:
        return run_coroutine(scenario, timeout=TIMEOUT)
    except StampedeTimeout as stuck:
        raise Failure(f"the check's event loop was {stuck}",
                      why="something awaits forever: does a caller wait for a result nobody computes, "
                          "or for a lock that its own task holds?") from None
    except RuntimeError as error:
        failure = _coroutine_misuse(error)
        if failure is not None:
            raise failure from None
        raise


# -- q1 ---------------------------------------------------------------------------------------------------
def _async_probe():
    calls: list[tuple] = []

    async def square(x):
        calls.append((x,))
        await asyncio.sleep(0)  # a real suspension point, as a network call would have
        return x * x

    return square, calls


def _wrap_async(decorator, func, name: str):
    cached = decorator(func)
    if not callable(cached):
        raise Failure(f"{name}(func) must return a function (the wrapper)", expected="a callable", got=cached)
    return cached


async def _await_call(cached, *args):
    value = cached(*args)
    if not inspect.isawaitable(value):
        raise Failure("calling the wrapper did not return something to await",
                      input=f"cached{args}", expected="a coroutine (make the wrapper `async def`)", got=value,
                      why="callers write `await cached(...)`, so the wrapper must be an async function")
    result = await value
    if inspect.iscoroutine(result):
        result.close()  # never started: close it, so that no "never awaited" warning follows
        raise Failure("awaiting the wrapper gave a coroutine object instead of the function's value",
                      input=f"await cached{args}", expected="the value, e.g. 9 for square(3)",
                      got=f"a coroutine object of {result.__qualname__}",
                      why="the wrapper stored or returned func(*args) without awaiting it: write "
                          "`result = await func(*args)` and store `result`")
    return result


def _async_pair_probe():
    calls: list[tuple] = []

    async def power(x, y):
        calls.append((x, y))
        await asyncio.sleep(0)
        return x ** y

    return power, calls


def check_positional_key(decorator, name: str) -> None:
    """Every positional argument must be part of the key: power(2, 3) and power(2, 5) are different."""
    power, calls = _async_pair_probe()
    cached = _wrap_async(decorator, power, name)

    async def scenario():
        return [await _await_call(cached, x, y) for x, y in ((2, 3), (2, 5), (2, 3))]

    expect_equal(_run_async(scenario), [8, 32, 8], input="await cached(2, 3), cached(2, 5), cached(2, 3)",
                 why="the key must hold *all* the positional arguments (use the tuple `args`), not only the "
                     "first one")
    if len(calls) != 2:
        raise Failure(f"the async function ran {len(calls)} times for awaits of 2 distinct argument tuples",
                      input="await cached(2, 3), cached(2, 5), cached(2, 3)", expected=2, got=len(calls))


def check_async_memo(async_memo) -> str:
    square, calls = _async_probe()
    cached = _wrap_async(async_memo, square, "async_memo")
    arguments = (3, 3, 0, 4, 3, 0, 4)

    async def scenario():
        return [await _await_call(cached, x) for x in arguments]

    got = _run_async(scenario)
    expect_equal(got, [x * x for x in arguments], input=f"await cached(x) for x in {arguments}",
                 why="each await must give the function's result; the cache must store the awaited result "
                     "(9), not the coroutine object")
    if len(calls) != 3:
        raise Failure(f"the async function ran {len(calls)} times for {len(arguments)} awaits of 3 distinct "
                      f"arguments", input=f"await cached(x) for x in {arguments}", expected=3, got=len(calls),
                      why="a memo runs the function once per distinct arguments and answers repeats from "
                          "the cache: look the key up before awaiting the function, with `args in cache` "
                          "(a cached 0 is falsy, so `if cache.get(args):` misses it every time)")
    check_positional_key(async_memo, "async_memo")
    other, other_calls = _async_probe()
    _run_async(lambda: _await_call(_wrap_async(async_memo, other, "async_memo"), 3))
    if not other_calls:
        raise Failure("two decorated functions share one cache",
                      why="create the cache inside async_memo, once per decorated function")
    if getattr(cached, "__name__", None) != "square":
        raise Failure("the wrapper does not keep the decorated function's name",
                      input="async_memo(square).__name__", expected="square",
                      got=getattr(cached, "__name__", None),
                      why="put `@functools.wraps(func)` on the wrapper, so that tracebacks, help() and "
                          "cache_info-style tools still see the real function")
    return (f"async_memo caches awaited results: {len(arguments)} awaits, 3 executions (a cached 0 too), "
            f"every await answered.")


# graded tests of q1: points for a grader, kept apart from the self-check above
def memo_awaits_twice(async_memo):
    square, _ = _async_probe()
    cached = _wrap_async(async_memo, square, "async_memo")

    async def scenario():
        return [await _await_call(cached, 5) for _ in range(3)]

    expect_equal(_run_async(scenario), [25, 25, 25], input="three sequential awaits of cached(5)")


def memo_counts(async_memo):
    square, calls = _async_probe()
    cached = _wrap_async(async_memo, square, "async_memo")

    async def scenario():
        return [await _await_call(cached, x) for x in (1, 2, 1, 1, 3, 2)]

    expect_equal(_run_async(scenario), [1, 4, 1, 1, 9, 4], input="awaits of 1, 2, 1, 1, 3, 2")
    if len(calls) != 3:
        raise Failure(f"{len(calls)} executions for 3 distinct arguments", expected=3, got=len(calls))


def memo_full_check(async_memo):
    # The self-check: falsy results, every positional argument in the key, one cache per function, the
    # function's name kept. Awaitability is checked on every call (a class with an `async def __call__`
    # is as correct as an `async def` wrapper, so inspect.iscoroutinefunction is not required).
    check_async_memo(async_memo)


q1 = Exercise(
    LESSON, "q1", "An async memo that caches results", "async_memo", check_async_memo,
    hints=[
        ("The wrapper must itself be an `async def`, so that callers can `await` it, and it has to "
        "`await func(*args)` to get the value."),
        ("Keep a dict created inside `async_memo` (one per decorated function). In the wrapper: if `args` "
        "is in it, return the stored value; otherwise `result = await func(*args)`, store it, return it."),
        ("Store `result`, never `func(*args)` itself: that is a coroutine object, and it can be awaited "
        "only once. Add `@functools.wraps(func)` on the wrapper."),
    ],
    tests=[
        Graded("a cached value can be awaited again", 1, memo_awaits_twice),
        Graded("one execution per distinct arguments", 1, memo_counts),
        Graded("the self-check: a cached 0, every argument in the key, one cache per function, its name", 1,
               memo_full_check),
    ],
)


# -- q2 ---------------------------------------------------------------------------------------------------
def thread_race(compute_once, keys: list[str], *, timeout: float = THREAD_TIMEOUT):
    """One thread per entry of ``keys``, all calling the compute-once wrapper at once.

    Returns (results per thread, executions as a list of keys, the largest number of threads that were
    computing at the same moment, the wrapper). The wrapped function waits, inside its body, until the
    race is decided (``LockBoard.wait_until_settled``), so the counts do not depend on timing."""
    board = LockBoard(threads=len(keys), timeout=timeout)
    executions: list[str] = []
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
            return f"{key} (execution {count})"

    try:
        cached = compute_once(load, make_lock=board.make_lock)
    except TypeError as error:
        if "make_lock" in str(error):
            raise Failure("compute_once must accept the keyword argument make_lock",
                          input="compute_once(func, make_lock=...)", got=f"TypeError: {error}",
                          why="the check passes its own lock factory, to see which threads wait") from None
        raise
    if not callable(cached):
        raise Failure("compute_once(func) must return a function (the wrapper)", expected="a callable",
                      got=cached)

    def call(i):
        board.start()
        try:
            return cached(keys[i])
        finally:
            board.finish()

    try:
        results = run_threads(call, len(keys), timeout=timeout + 1.0)
    except StampedeTimeout as stuck:
        raise Failure(f"the threads got stuck: {stuck}",
                      why="create every lock with make_lock() (the check can only see those), and make "
                          "sure every lock you acquire is released") from None
    return results, executions, most_at_once[0], cached


def sequential_calls(compute_once, calls: list[tuple[str, str]]):
    """Make one wrapper per name in ``calls`` (each around its own function, which returns 0 for key
    "zero" and "<name>:<key>" otherwise), then call them one after another, in one thread, with the
    check's timed-out locks: a lock acquired twice ends as a Failure, never a hang. Returns (results,
    executions as (name, key) pairs)."""
    board = LockBoard(threads=1, timeout=THREAD_TIMEOUT)
    executions: list[tuple[str, str]] = []
    wrappers = {}

    def make(name):
        def load(key):
            executions.append((name, key))
            return 0 if key == "zero" else f"{name}:{key}"
        return compute_once(load, make_lock=board.make_lock)

    def run(_i):
        for name, _key in calls:
            if name not in wrappers:
                wrappers[name] = make(name)
        return [wrappers[name](key) for name, key in calls]

    try:
        results = run_threads(run, 1, timeout=THREAD_TIMEOUT + 1.0)[0]
    except StampedeTimeout as stuck:
        raise Failure(f"one thread calling the wrapper alone got stuck: {stuck}",
                      why="a plain Lock cannot be acquired twice by the same thread: do you acquire the "
                          "same lock again while you already hold it?") from None
    return results, executions


def check_own_cache_and_falsy(compute_once) -> None:
    """Sequential basics: one cache per decorated function, and a cached falsy result is a hit."""
    results, executions = sequential_calls(compute_once, [("f", "k"), ("g", "k"), ("f", "k"), ("g", "k")])
    expect_equal(results, ["f:k", "g:k", "f:k", "g:k"],
                 input="f = compute_once(load_f); g = compute_once(load_g); f('k'), g('k'), f('k'), g('k')",
                 why="each decorated function needs its own cache: create the dicts inside compute_once, "
                     "not at module level")
    results, executions = sequential_calls(compute_once, [("f", "zero")] * 3)
    if executions != [("f", "zero")]:
        raise Failure(f"func ran {len(executions)} times for 3 calls of one key whose result is 0",
                      input="cached('zero') three times, one after another; func returns 0", expected=1,
                      got=len(executions),
                      why="a cached result can be falsy (0, '', None, []): test `key in results`, not "
                          "`if results.get(key):`")


def check_compute_once(compute_once) -> str:
    check_own_cache_and_falsy(compute_once)
    results, executions, _, cached = thread_race(compute_once, ["user:42"] * THREADS)
    if not executions:
        raise Failure("func never ran: the first call for a new key returned something without computing",
                      got=sorted(set(map(str, results))),
                      why="is the cache shared between calls of compute_once, or between check runs? "
                          "Create it inside compute_once")
    if len(executions) != 1:
        raise Failure(
            f"func ran {len(executions)} times for one key requested by {THREADS} threads at once",
            input=f"{THREADS} threads call cached('user:42') together", expected=1, got=len(executions),
            why="that is a cache stampede. The first thread to miss must compute while the others wait on "
                "that key's lock; and a thread that gets the lock must check the cache again before "
                "computing, because the thread before it may have stored the result meanwhile")
    if len(set(results)) != 1:
        raise Failure("the threads did not all get the same result", got=sorted(set(results)),
                      why="every waiting thread must return the result the first thread computed")
    before = len(executions)
    expect_equal(cached("user:42"), results[0], input="a later cached('user:42')")
    if len(executions) != before:
        raise Failure("a later call for the same key ran func again",
                      why="store the result in a cache dict and look it up first")
    _, executions, most_at_once, _ = thread_race(compute_once, ["a", "b"])
    if sorted(executions) != ["a", "b"] or most_at_once != 2:
        raise Failure("a call for another key waited while the first key was computing",
                      input="one thread calls cached('a'), another cached('b'), at the same time",
                      expected="both computing at once", got=f"at most {most_at_once} computing at once",
                      why="one lock held around every computation serialises unrelated keys: use one "
                          "lock per key, and hold the shared lock only to read and update the dicts")
    return (f"{THREADS} threads asked for one key at once: func ran once and every thread got "
            f"{results[0]!r}; different keys computed concurrently.")


# graded tests of q2: points for a grader, kept apart from the self-check above
def once_for_one_key(compute_once):
    _, executions, _, _ = thread_race(compute_once, ["k"] * 8)
    if len(executions) != 1:
        raise Failure(f"{len(executions)} executions for 8 threads asking for one key", expected=1,
                      got=len(executions))


def same_result_and_hits(compute_once):
    check_own_cache_and_falsy(compute_once)
    results, executions, _, cached = thread_race(compute_once, ["x"] * THREADS)
    if len(set(results)) != 1:
        raise Failure("the threads got different results", got=sorted(set(results)))
    for _ in range(3):
        expect_equal(cached("x"), results[0], input="a later cached('x')")
    if len(executions) != 1:
        raise Failure(f"{len(executions)} executions; later calls must be cache hits")


def keys_are_independent(compute_once):
    _, executions, most, _ = thread_race(compute_once, ["a", "b", "a", "c", "b"])
    if sorted(executions) != ["a", "b", "c"]:
        raise Failure("each of 3 keys should run exactly once", expected=["a", "b", "c"],
                      got=sorted(executions))
    if most != 3:
        raise Failure("different keys did not compute concurrently", expected=3, got=most)


q2 = Exercise(
    LESSON, "q2", "Compute once across threads, with a lock per key", "compute_once", check_compute_once,
    hints=[
        ("You need two dicts: `results` (key -> value) and `locks` (key -> the lock for that key), and one "
        "small lock `guard = make_lock()` that protects both dicts. Never hold `guard` while `func` runs."),
        ("In the wrapper: under `guard`, return the result if it is there, otherwise get or create the "
        "key's lock (`locks.setdefault(key, make_lock())`). Then acquire the key's lock and compute."),
        ("Double-checked: after acquiring the key's lock, look in `results` again. The thread that held "
        "the lock before you has probably stored the value, and then you must return it, not compute."),
    ],
    tests=[
        Graded("8 threads, one key: one execution", 2, once_for_one_key),
        Graded("every thread gets the one result; later calls are hits, a cached 0 too", 1,
               same_result_and_hits),
        Graded("different keys compute concurrently", 1, keys_are_independent),
    ],
)


# -- q3 ---------------------------------------------------------------------------------------------------
async def async_race(cached_factory, keys: list[str], *, fail_first: bool = False):
    """Start one task per entry of ``keys`` calling the wrapper, give every task YIELDS turns on the
    loop, then release the function. Returns (results or exceptions, executions, started before the
    release, wrapper)."""
    executions: list[str] = []
    release = asyncio.Event()

    async def fetch(key):
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


def check_async_compute_once(async_compute_once) -> str:
    make = _wrapper_of(async_compute_once)

    async def same_key():
        results, executions, _, cached = await async_race(make, ["user:42"] * CALLERS)
        concurrent = len(executions)
        later = await _await_call(cached, "user:42")
        return results, executions, concurrent, later

    results, executions, concurrent, later = _run_async(same_key)
    shared = results[0]
    if concurrent != 1:
        raise Failure(
            f"the async function ran {concurrent} times for {CALLERS} concurrent awaits of one key",
            input=f"asyncio.gather of {CALLERS} calls cached('user:42')", expected=1, got=concurrent,
            why="caching only finished results is not compute-once: every caller that arrives before the "
                "first one finishes misses too. Cache something all callers can await while it is still "
                "running: an asyncio.Task (or Future) per key")
    if len(executions) != 1:
        raise Failure("a later await of the same key ran the function again",
                      input=f"{CALLERS} concurrent awaits of cached('user:42'), then one more await",
                      expected="1 execution in all", got=f"{len(executions)} executions",
                      why="keep a successful task (or its result) in the cache: only failures are "
                          "removed")
    if len(set(results)) != 1 or later != results[0] or len(executions) != 1:
        raise Failure("the callers did not all get the one result",
                      got=sorted(set(map(str, results + [later]))),
                      why="every concurrent caller, and every later one, must get the result of the one "
                          "execution")

    check_positional_key(async_compute_once, "async_compute_once")

    async def two_keys():
        _, _, started, _ = await async_race(make, ["a", "b"])
        return started

    started = _run_async(two_keys)
    if sorted(started) != ["a", "b"]:
        raise Failure("a call for another key waited while the first key was computing",
                      input="cached('a') and cached('b') awaited concurrently",
                      expected=["a", "b"], got=started,
                      why="a single asyncio.Lock around every computation serialises unrelated keys: "
                          "share one Task per key instead")

    async def failing_key():
        results, executions, _, cached = await async_race(make, ["flaky"] * 3, fail_first=True)
        retry = await _await_call(cached, "flaky")
        return results, executions, retry

    try:
        results, executions, retry = _run_async(failing_key)
    except ConnectionError:
        raise Failure("after a failed execution, the next call got the same failure again",
                      input="3 concurrent awaits of cached('flaky') fail; then one more await",
                      expected="a retry that runs the function again", got="the cached ConnectionError",
                      why="a failure was cached: remove the key from the cache when its task fails, so "
                          "that a blip does not become a permanent error") from None
    if not all(isinstance(r, ConnectionError) for r in results) or len(executions) != 2:
        raise Failure("a failing key was not handled right",
                      input="3 concurrent awaits of cached('flaky'), the first execution fails; then a retry",
                      expected="3 ConnectionErrors from 1 execution, then a retry that runs it again",
                      got=f"{[type(r).__name__ for r in results]}, {len(executions)} executions",
                      why="the concurrent callers share the one failing execution; failures are not cached")
    expect_equal(retry, "flaky (execution 2)", input="the retry after the failure")
    return (f"{CALLERS} concurrent awaits ran the function once and shared {shared!r}; failures are "
            f"shared and then retried; different keys run concurrently.")


# graded tests of q3: points for a grader, kept apart from the self-check above
def async_once(async_compute_once):
    async def scenario():
        _, executions, _, _ = await async_race(_wrapper_of(async_compute_once), ["k"] * 8)
        return executions

    executions = _run_async(scenario)
    if len(executions) != 1:
        raise Failure(f"{len(executions)} executions for 8 concurrent awaits of one key", expected=1,
                      got=len(executions))


def async_shared_and_cached(async_compute_once):
    async def scenario():
        results, executions, _, cached = await async_race(_wrapper_of(async_compute_once), ["k"] * 4)
        later = [await _await_call(cached, "k") for _ in range(3)]
        return results, executions, later

    results, executions, later = _run_async(scenario)
    if len(set(results + later)) != 1 or len(executions) != 1:
        raise Failure("every caller, concurrent or later, must get the one execution's result",
                      got=(sorted(set(results + later)), len(executions)))


def async_full_check(async_compute_once):
    check_async_compute_once(async_compute_once)


def async_keys_independent(async_compute_once):
    async def scenario():
        _, executions, started, _ = await async_race(_wrapper_of(async_compute_once), ["a", "b", "a", "c"])
        return executions, started

    executions, started = _run_async(scenario)
    if sorted(started) != ["a", "b", "c"] or sorted(executions) != ["a", "b", "c"]:
        raise Failure("3 keys should start concurrently and run once each", expected=["a", "b", "c"],
                      got=sorted(started))


q3 = Exercise(
    LESSON, "q3", "Compute once in asyncio: share a Task", "async_compute_once", check_async_compute_once,
    hints=[
        ("Cache an `asyncio.Task` per key instead of a result: "
        "`tasks[args] = asyncio.ensure_future(func(*args))`. "
        "Every caller, early or late, can `await` the same task, as often as it likes."),
        ("Between looking the key up and storing the new task there is no `await`, so no other task can run "
        "in between: in asyncio that alone makes the check-and-store atomic, without any lock."),
        ("If awaiting the task raises, delete `tasks[args]` (only if it is still that task) and re-raise, "
        "so that the next call retries instead of getting the cached failure. Await it as "
        "`await asyncio.shield(task)`: then one caller being cancelled does not cancel everyone's task."),
    ],
    tests=[
        Graded("8 concurrent awaits, one key: one execution", 2, async_once),
        Graded("concurrent and later callers share the one result", 1, async_shared_and_cached),
        Graded("failures are shared, not cached; retried on the next call", 1, async_full_check),
        Graded("different keys run concurrently", 1, async_keys_independent),
    ],
)


EXERCISES = [q1, q2, q3]

"""Honest timing: interleaved repeats, reported as ratios with their spread.

A machine's speed drifts while you measure (frequency scaling, other processes, a warm or cold
cache). Timing all runs of A and then all runs of B lets that drift pass for a difference between A
and B. ``compare`` interleaves them instead (A, B, C, then B, C, A, ...) so every candidate sees the
same conditions, and it reports the ratio *per round*, where most of the drift cancels, as a median
with its range. A single number with no spread is never reported.

The clock is the CPU time of the measuring thread where the operating system keeps it to the
nanosecond (Linux, macOS): time the scheduler gives to other programs is not counted, so a busy laptop
or a shared workshop server distorts the ratios far less than wall-clock time would (two identical
functions measured 0.47x to 2.16x apart in wall time on a loaded machine, and 0.99x to 1.00x in CPU
time). It suits the CPU-bound code this course times; it does not count time spent waiting, so it is
not for timing sleeps or I/O. Elsewhere ``time.perf_counter`` is used, and the output says which.
``compare(..., clock="wall")`` uses wall-clock time on purpose, for what *is* waiting: a round trip
to a server or a read from disk, where the time that counts is the time the caller waits.

Prefer counting (``lessons.tools.counting``) wherever a claim can be counted: counts are exact and the same
on every machine; timings are neither.
"""
from __future__ import annotations

import html
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


def _pick_clock() -> tuple[Callable[[], float], str]:
    try:
        if time.get_clock_info("thread_time").resolution <= 1e-6:
            return time.thread_time, "CPU time of this thread"
    except (AttributeError, ValueError, OSError):
        pass
    return time.perf_counter, "wall-clock time"


CLOCK, CLOCK_NAME = _pick_clock()
CLOCKS = {"cpu": (CLOCK, CLOCK_NAME), "wall": (time.perf_counter, "wall-clock time")}


def _autorange(func: Callable[[], object], target: float, clock: Callable[[], float] = CLOCK) -> int:
    """How many calls make one sample last at least ``target`` seconds (1, 2, 5, 10, 20, ...)."""
    number = 1
    while True:
        for factor in (1, 2, 5):
            n = number * factor
            start = clock()
            for _ in range(n):
                func()
            if clock() - start >= target:
                return n
        number *= 10


@dataclass(frozen=True)
class Ratio:
    """How many times as long ``name`` took as ``baseline``: the median of the per-round ratios, with
    the middle half of the rounds (``low`` to ``high``, the quartiles) as its spread. One noisy round
    moves the extremes a lot and the quartiles hardly at all; ``lowest``/``highest`` keep the extremes."""

    name: str
    baseline: str
    median: float
    low: float
    high: float
    lowest: float
    highest: float

    def __str__(self) -> str:
        return (f"{self.name} / {self.baseline}: {self.median:.2f}x "
                f"(middle half of rounds {self.low:.2f}x to {self.high:.2f}x)")


def _format_seconds(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


@dataclass(frozen=True)
class Comparison:
    """Per-call times of each candidate, one sample per round, all rounds interleaved."""

    samples: Mapping[str, list[float]]
    numbers: Mapping[str, int]
    baseline: str
    clock_name: str = CLOCK_NAME

    def ratio(self, name: str, baseline: str | None = None) -> Ratio:
        base = baseline or self.baseline
        per_round = [a / b for a, b in zip(self.samples[name], self.samples[base])]
        q1, median, q3 = statistics.quantiles(per_round, n=4, method="inclusive")
        return Ratio(name, base, median, q1, q3, min(per_round), max(per_round))

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        rows = []
        for name, times in self.samples.items():
            ratio = self.ratio(name)
            rows.append((
                name,
                _format_seconds(min(times)),
                _format_seconds(statistics.median(times)),
                _format_seconds(max(times)),
                "1 (baseline)" if name == self.baseline
                else f"{ratio.median:.2f}x  ({ratio.low:.2f}x to {ratio.high:.2f}x)",
            ))
        return rows

    _HEADERS = ("candidate", "min per call", "median per call", "max per call", "time vs baseline (middle half)")

    def __repr__(self) -> str:
        rounds = len(next(iter(self.samples.values())))
        table = [self._HEADERS, *self.rows()]
        widths = [max(len(row[i]) for row in table) for i in range(len(self._HEADERS))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table]
        return "\n".join([*lines, (f"({rounds} interleaved rounds of {self.clock_name}; ratio = median of per-round "
                                   f"ratios, middle half of rounds in brackets)")])

    def _repr_html_(self) -> str:
        rounds = len(next(iter(self.samples.values())))
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self._HEADERS)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in self.rows()
        )
        return (f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                f"<p><small>{rounds} interleaved rounds of {self.clock_name}; each ratio is taken per round, then "
                f"reported as the median, with the middle half of the rounds in brackets.</small></p>")


def compare(candidates: Mapping[str, Callable[[], object]], *, rounds: int = 15, target: float = 0.002,
            baseline: str | None = None, clock: str = "cpu") -> Comparison:
    """Time zero-argument callables against each other, interleaved, ``rounds`` samples each.

    Each sample calls a candidate enough times to last about ``target`` seconds (so the timer's
    resolution does not matter) and stores the time per call. The order of candidates rotates from
    round to round so none is always first. Total time is roughly rounds x candidates x target.
    """
    if len(candidates) < 2:
        raise ValueError("compare needs at least two candidates: a ratio needs something to compare with")
    if rounds < 3:
        raise ValueError("use at least 3 rounds: one or two samples have no meaningful spread")
    if clock not in CLOCKS:
        raise ValueError(f"clock must be one of {sorted(CLOCKS)}")
    timer, clock_name = CLOCKS[clock]
    names = list(candidates)
    numbers = {name: _autorange(candidates[name], target, timer) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            func, n = candidates[name], numbers[name]
            start = timer()
            for _ in range(n):
                func()
            samples[name].append((timer() - start) / n)
    return Comparison(samples, numbers, baseline or names[0], clock_name)

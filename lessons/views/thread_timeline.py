"""Per-thread timelines drawn from *logical* steps, so the picture is identical on every run.

Wall-clock timestamps of threads differ from run to run and machine to machine. The lesson's pictures
are built instead from steps the harness counts itself: step 0 is "every thread has called", a step
advances only at a synchronisation point that every run passes the same way (a barrier opening, a
leader finishing). Each thread records what it did between two steps (computing, or waiting for
another thread's result), and ``thread_timeline_figure`` draws one row per thread.
"""
from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from lessons.views.plots import COLOURS, describe

KINDS = {  # what a span means -> its colour and hatch (the hatch keeps the kinds apart in greyscale)
    "computes": (COLOURS[1], ""),
    "waits": (COLOURS[0], "//"),
    "cache hit": (COLOURS[2], ".."),
}


@dataclass(frozen=True, order=True)
class Span:
    row: str
    start: int
    end: int
    kind: str


class ThreadTimeline:
    """Spans recorded by several threads; ``spans()`` returns them sorted, so the order in which the
    threads happened to record them does not matter."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spans: list[Span] = []

    def record(self, row: str, start: int, end: int, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
        if end <= start:
            raise ValueError("a span must end after it starts")
        with self._lock:
            self._spans.append(Span(row, start, end, kind))

    def spans(self) -> list[Span]:
        with self._lock:
            return sorted(self._spans)

    def rows(self) -> list[str]:
        return sorted({s.row for s in self.spans()})

    def count(self, kind: str) -> int:
        return sum(1 for s in self.spans() if s.kind == kind)

    def __repr__(self) -> str:
        return "\n".join(f"{s.row}: {s.kind} from step {s.start} to {s.end}" for s in self.spans())


def executions(count: int) -> str:
    """ "1 execution", "8 executions": the words a panel's title uses."""
    return f"{count} execution" + ("" if count == 1 else "s")


def thread_timeline_figure(timelines: Mapping[str, ThreadTimeline], *, title: str,
                           size: tuple[float, float] = (9.6, 3.4)) -> Figure:
    """One panel per timeline, side by side: a row per thread, a bar per span, x = logical step.

    Laid out by matplotlib's constrained layout, which makes room for each panel's own row labels, so
    a long one (``"later call"``) never runs into the panel to its left."""
    figure = Figure(figsize=size, dpi=100, layout="constrained")
    panels = figure.subplots(1, len(timelines), sharey=False, squeeze=False)[0]
    last = max((s.end for t in timelines.values() for s in t.spans()), default=1)
    for axes, (name, timeline) in zip(panels, timelines.items()):
        rows = timeline.rows()
        for kind, (colour, hatch) in KINDS.items():  # one barh call per kind: much cheaper than per span
            spans = [s for s in timeline.spans() if s.kind == kind]
            if spans:
                axes.barh([rows.index(s.row) for s in spans], [s.end - s.start for s in spans],
                          left=[s.start for s in spans], height=0.6, color=colour, hatch=hatch,
                          edgecolor="black", linewidth=0.5)
        axes.set_yticks(range(len(rows)))
        axes.set_yticklabels(rows)
        axes.invert_yaxis()  # thread 0 on top
        axes.set_xlim(0, last)
        axes.set_xticks(range(last + 1))
        axes.set_xlabel("logical step")
        axes.set_title(f"{name}\n{executions(timeline.count('computes'))}", fontsize=10)
    panels[0].set_ylabel("thread")
    handles = [Patch(facecolor=c, hatch=h, edgecolor="black", label=k) for k, (c, h) in KINDS.items()]
    figure.legend(handles=handles, loc="outside lower center", ncol=len(KINDS), frameon=False)
    figure.suptitle(title)
    describe(figure, _alt(timelines, title))
    return figure


_WORDS = {"computes": "computing", "waits": "waiting", "cache hit": "cache hit"}  # a span kind, in a sentence


def _alt(timelines: Mapping[str, ThreadTimeline], title: str) -> str:
    """The figure in words: per panel, its executions and how many spans compute, wait or hit."""
    parts = [f"{title}. One panel per case, a row per thread, bars along logical steps."]
    for name, timeline in timelines.items():
        counts = ", ".join(f"{timeline.count(kind)} {_WORDS[kind]}" for kind in KINDS if timeline.count(kind))
        parts.append(f"Panel '{name}': {executions(timeline.count('computes'))}; spans: {counts}.")
    return " ".join(parts)

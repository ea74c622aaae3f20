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

from lessons.views.plots import COLOURS

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


def thread_timeline_figure(timelines: Mapping[str, ThreadTimeline], *, title: str,
                    size: tuple[float, float] = (9.0, 3.2)) -> Figure:
    """One panel per timeline, side by side: a row per thread, a bar per span, x = logical step."""
    figure = Figure(figsize=size, dpi=100)
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
        axes.set_title(f"{name}\n{timeline.count('computes')} execution(s)", fontsize=10)
    panels[0].set_ylabel("thread")
    handles = [Patch(facecolor=c, hatch=h, edgecolor="black", label=k) for k, (c, h) in KINDS.items()]
    figure.legend(handles=handles, loc="lower center", ncol=len(KINDS), frameon=False)
    figure.suptitle(title)
    # Fixed margins instead of tight_layout(), which measures every label by drawing the figure and
    # was most of this function's cost; the labels here are short and known, so fixed ones fit.
    figure.subplots_adjust(left=0.11, right=0.99, bottom=0.27, top=0.78, wspace=0.6)
    return figure

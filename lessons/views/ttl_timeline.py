"""A TTL timeline: which entries of a TTL memo are fresh or expired at any moment of a fake clock.

``TTLTimeline`` is the model, plain Python: a list of calls ``(time, key)`` made to a function memoized
with a time-to-live, replayed by the rule of ``lessons.caches.ttl`` and cachetools (a call at ``t`` is a hit
while ``t < expires`` of the key's entry; otherwise a miss that stores a new entry expiring at
``t + ttl``). ``tests/test_ttl_widgets.py`` checks the model against cachetools' ``TTLCache`` on the same
calls and fake clock.

``ttl_clock_slider`` drives the model with a slider (the fake time) and shows a table that changes as
the slider moves; ``ttl_figure`` is the static picture of the same calls, for readers without a
kernel. CSS classes for the browser test: ``course-06-clock`` (the slider) and ``course-06-timeline``
(the view).
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from matplotlib.figure import Figure

from lessons.views.plots import COLOURS

FRESH, EXPIRED, NOT_YET = "fresh", "expired", "not cached yet"


@dataclass(frozen=True)
class TimedCall:
    time: float
    key: str
    hit: bool            # answered from the cache?
    stored_at: float     # when the entry that answered (or was created by) this call was stored
    expires: float       # stored_at + ttl


@dataclass(frozen=True)
class Row:
    key: str
    status: str          # FRESH, EXPIRED or NOT_YET
    stored_at: float | None
    expires: float | None


class TTLTimeline:
    """Calls to a TTL-memoized function, and the state of its cache at any time."""

    def __init__(self, calls: Iterable[tuple[float, str]], ttl: float):
        if ttl <= 0:
            raise ValueError("ttl must be positive")
        self.ttl = ttl
        ordered = sorted(calls, key=lambda call: call[0])  # stable: equal times keep their order
        self.keys = list(dict.fromkeys(key for _, key in ordered))
        self.calls: list[TimedCall] = []
        current: dict[str, tuple[float, float]] = {}  # key -> (stored_at, expires)
        for time, key in ordered:
            entry = current.get(key)
            if entry is not None and time < entry[1]:   # cachetools: fresh while time < expires
                self.calls.append(TimedCall(time, key, True, *entry))
            else:
                current[key] = entry = (time, time + ttl)
                self.calls.append(TimedCall(time, key, False, *entry))

    def entries(self, key: str) -> list[tuple[float, float]]:
        """Every entry ever stored for ``key``: (stored_at, expires)."""
        return [(c.stored_at, c.expires) for c in self.calls if c.key == key and not c.hit]

    def rows(self, now: float) -> list[Row]:
        """The cache as seen at time ``now`` (after the calls made at ``now``), one row per key."""
        rows = []
        for key in self.keys:
            stored = [(s, e) for s, e in self.entries(key) if s <= now]
            if not stored:
                rows.append(Row(key, NOT_YET, None, None))
            else:
                s, e = stored[-1]
                rows.append(Row(key, FRESH if now < e else EXPIRED, s, e))
        return rows

    def counts(self, now: float) -> tuple[int, int]:
        """(hits, misses) among the calls made up to and including ``now``."""
        made = [c for c in self.calls if c.time <= now]
        hits = sum(c.hit for c in made)
        return hits, len(made) - hits

    def summary(self, now: float) -> str:
        """One line of plain text: what the browser test reads, and what changes with the slider."""
        rows = self.rows(now)
        fresh = [r.key for r in rows if r.status == FRESH]
        expired = [r.key for r in rows if r.status == EXPIRED]
        hits, misses = self.counts(now)
        return (f"t = {now:g} s: fresh: {', '.join(fresh) or 'none'}; expired: {', '.join(expired) or 'none'}; "
                f"calls so far: hits {hits}, misses {misses}")

    def table_html(self, now: float) -> str:
        colours = {FRESH: COLOURS[2], EXPIRED: COLOURS[1], NOT_YET: "#777777"}
        body = "".join(
            f"<tr><td><code>{html.escape(r.key)}</code></td>"
            f"<td>{'' if r.stored_at is None else f'{r.stored_at:g}'}</td>"
            f"<td>{'' if r.expires is None else f'{r.expires:g}'}</td>"
            f"<td style='color:{colours[r.status]};font-weight:bold'>{r.status}</td></tr>"
            for r in self.rows(now))
        return (f"<p><b>{html.escape(self.summary(now))}</b></p>"
                "<table><tr><th>key</th><th>stored at (s)</th><th>expires at (s)</th><th>status</th></tr>"
                f"{body}</table>")


def ttl_figure(timeline: TTLTimeline, *, now: float | None = None, horizon: float | None = None,
                    title: str = "Entries of a TTL cache over time") -> Figure:
    """One row per key: a bar for every entry from when it was stored to when it expires, a filled dot
    for a miss (the call that stored it), a hollow one for a hit; a dashed line at ``now``."""
    horizon = horizon if horizon is not None else max(c.expires for c in timeline.calls)
    figure = Figure(figsize=(6.4, 0.6 * len(timeline.keys) + 1.6), dpi=100)
    axes = figure.subplots()
    for row, key in enumerate(timeline.keys):
        for stored, expires in timeline.entries(key):
            axes.barh(row, expires - stored, left=stored, height=0.5, color=COLOURS[5], alpha=0.6,
                      edgecolor="white", linewidth=2)  # white edges keep back-to-back entries apart
        calls = [c for c in timeline.calls if c.key == key]
        axes.plot([c.time for c in calls if not c.hit], [row] * sum(not c.hit for c in calls), "o",
                  color=COLOURS[1], label="miss: computed and stored" if row == 0 else None)
        axes.plot([c.time for c in calls if c.hit], [row] * sum(c.hit for c in calls), "o",
                  markerfacecolor="white", color=COLOURS[2], label="hit: answered from the cache" if row == 0 else None)
    if now is not None:
        axes.axvline(now, color=COLOURS[7], linestyle="--", label=f"now (t = {now:g} s)")
    axes.set_yticks(range(len(timeline.keys)), [f"key {k!r}" for k in timeline.keys])
    axes.set_ylim(len(timeline.keys) - 0.4, -0.6)
    axes.set_xlim(0, horizon)
    axes.set_xlabel(f"fake time (s); each entry lives ttl = {timeline.ttl:g} s, until its bar ends")
    axes.set_title(title)
    axes.grid(True, axis="x", alpha=0.3)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, fontsize="small", frameon=False)
    figure.tight_layout()
    return figure


def ttl_clock_slider(timeline: TTLTimeline, *, horizon: int, start: int = 0):
    """A fake-clock slider (class ``course-06-clock``) above a view of the cache at that time (class
    ``course-06-timeline``). Whole seconds, so that each ArrowRight on the slider is one second."""
    import ipywidgets as widgets  # here, so that the model and the figure work without ipywidgets

    slider = widgets.IntSlider(value=start, min=0, max=horizon, step=1, description="fake time (s)",
                               continuous_update=True, style={"description_width": "initial"},
                               layout=widgets.Layout(width="32em"))
    slider.add_class("course-06-clock")
    view = widgets.HTML(value=timeline.table_html(start))
    view.add_class("course-06-timeline")

    def on_change(change):
        view.value = timeline.table_html(change["new"])

    slider.observe(on_change, names="value")
    box = widgets.VBox([slider, view])
    box.add_class("course-06-ttl-explorer")
    return box

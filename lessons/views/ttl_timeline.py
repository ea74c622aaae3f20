"""A TTL timeline: which entries of a TTL memo are fresh or expired at any moment of a fake clock.

``TTLTimeline`` is the model, plain Python: a list of calls ``(time, key)`` made to a function memoized
with a time-to-live, replayed by the rule of ``lessons.caches.ttl`` and cachetools (a call at ``t`` is a hit
while ``t < expires`` of the key's entry; otherwise a miss that stores a new entry expiring at
``t + ttl``). ``tests/test_ttl_widgets.py`` checks the model against cachetools' ``TTLCache`` on the same
calls and fake clock.

``ttl_figure`` draws the calls: one bar per entry, a dot per call, a dashed line at "now". ``TTLClock``
moves that line with a slider (the fake time): the lesson's own figure, redrawn with "now" where the
slider is, and one line of text under it that says what is fresh and expired at that moment. Its static
form, for readers without a kernel (GitHub, nbconvert), is ``picture()``: every moment at which the
cache changes, in a table folded away so that it does not give the answers before the learner tries.
CSS classes for the browser test: ``course-06-clock`` (the slider), ``course-06-figure`` (the figure)
and ``course-06-timeline`` (the line of text, which starts "t = 0 s: fresh: ...").
"""
from __future__ import annotations

import base64
import html
import io
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
    pad = 0.02 * horizon               # room for the markers at t = 0 and at the horizon: none is cut in half
    axes.set_xlim(-pad, horizon + pad)
    axes.set_xlabel(f"fake time (s); each entry lives ttl = {timeline.ttl:g} s, until its bar ends")
    axes.set_title(title)
    axes.grid(True, axis="x", alpha=0.3)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, fontsize="small", frameon=False)
    figure.tight_layout()
    return figure


class Moments:
    """The static form of the clock: the cache at every moment it changes (a call, or an entry expiring),
    as a table; in HTML folded away under a summary, so that a learner tries the slider first."""

    def __init__(self, timeline: TTLTimeline, horizon: float):
        self.timeline = timeline
        times = {c.time for c in timeline.calls} | {c.expires for c in timeline.calls if not c.hit}
        self.times = sorted(t for t in times if 0 <= t <= horizon)

    def rows(self) -> list[tuple[str, str, str, str]]:
        out = []
        for now in self.times:
            rows = self.timeline.rows(now)
            hits, misses = self.timeline.counts(now)
            out.append((f"{now:g}", ", ".join(r.key for r in rows if r.status == FRESH) or "none",
                        ", ".join(r.key for r in rows if r.status == EXPIRED) or "none", f"{hits} / {misses}"))
        return out

    def __repr__(self) -> str:
        head = ("t (s)", "fresh", "expired", "hits / misses")
        rows = self.rows()
        widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in range(4)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)).rstrip()]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(v)}</td>" for v in r) + "</tr>"
                       for r in self.rows())
        return ("<details><summary>Every moment at which the cache changes (the slider's static form: open it "
                "after you have tried the slider)</summary><table><tr><th>t (s)</th><th>fresh</th>"
                "<th>expired</th><th>hits / misses so far</th></tr>" + body + "</table></details>")


class TTLClock:
    """A fake-clock slider that moves "now" across the lesson's timeline figure.

    The figure is the one ``ttl_figure`` draws, rendered once; "now" is a dashed line laid over it at
    the slider's time (computed from the axes' own transform, so it sits exactly where the figure's
    "now" line would), so that moving the slider redraws nothing but that line and one line of text
    under the figure, the timeline's ``summary``, in a fixed-width font so that nothing jumps. Whole
    seconds, so that each ArrowRight on the slider is one second."""

    def __init__(self, timeline: TTLTimeline, *, horizon: int, start: int = 0):
        import ipywidgets as widgets  # here, so that the model and the figure work without ipywidgets

        from lessons.views.compact_box import CompactBox

        self.timeline, self.horizon = timeline, horizon
        self._render()
        self.slider = widgets.IntSlider(value=start, min=0, max=horizon, step=1, description="now: fake time (s)",
                                        continuous_update=True, style={"description_width": "initial"},
                                        layout=widgets.Layout(width=f"{self.width}px"))
        self.slider.add_class("course-06-clock")
        self.figure = widgets.HTML(value=self.figure_html(start))
        self.figure.add_class("course-06-figure")
        self.view = widgets.HTML(value=self.line(start))
        self.view.add_class("course-06-timeline")
        self.slider.observe(lambda change: self.move(change["new"]), names="value")
        self.widget = CompactBox([self.slider, self.figure, self.view],
                                 summary=f"TTL clock: a slider that moves now across the timeline of "
                                         f"{len(timeline.calls)} calls (run the notebook to use it)")
        self.widget.add_class("course-06-ttl-explorer")

    def _render(self) -> None:
        """Draw the figure once, without a "now" line; remember where its axes are, in pixels."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        figure = ttl_figure(self.timeline, horizon=self.horizon,
                            title="Entries of a TTL cache; the dashed line is now")
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        axes = figure.axes[0]
        self.width, self.height = (int(v) for v in canvas.get_width_height())
        (x0, y0), (x1, y1) = axes.transAxes.transform([(0, 0), (1, 1)])  # pixels, origin bottom left
        self._axes = (x0, x1, self.height - y1, self.height - y0)        # left, right, top, bottom (CSS)
        self._data = axes.get_xlim()
        buffer = io.BytesIO()
        canvas.print_png(buffer)
        self._png = base64.b64encode(buffer.getvalue()).decode("ascii")

    def x_pixel(self, now: float) -> float:
        left, right, _, _ = self._axes
        low, high = self._data
        return left + (now - low) / (high - low) * (right - left)

    def figure_html(self, now: int) -> str:
        _, _, top, bottom = self._axes
        return (f"<div style='position:relative;width:{self.width}px;height:{self.height}px'>"
                f"<img src='data:image/png;base64,{self._png}' width='{self.width}' height='{self.height}' "
                f"alt='The TTL timeline: one bar per cache entry, a dot per call; a dashed line marks now, "
                f"t = {now} s'>"
                f"<div style='position:absolute;left:{self.x_pixel(now):.1f}px;top:{top:.1f}px;"
                f"height:{bottom - top:.1f}px;border-left:2px dashed {COLOURS[7]}'></div>"
                f"<div style='position:absolute;left:{self.x_pixel(now) + 4:.1f}px;top:{top + 2:.1f}px;"
                f"font-size:small;background:rgba(255,255,255,.8)'>now = {now} s</div></div>")

    def line(self, now: int) -> str:
        return (f"<div style='font-family:monospace;white-space:pre;min-height:1.5em'>"
                f"{html.escape(self.timeline.summary(now))}</div>")

    def move(self, now: int) -> None:
        self.figure.value = self.figure_html(now)
        self.view.value = self.line(now)

    def picture(self) -> Moments:
        return Moments(self.timeline, self.horizon)

    def show(self) -> None:
        """Display the static picture (folded), then the live widget."""
        from IPython.display import display

        display(self.picture())
        display(self.widget)


def ttl_clock_slider(timeline: TTLTimeline, *, horizon: int, start: int = 0):
    """The live widget of a ``TTLClock`` (a slider, the figure, a line of text)."""
    return TTLClock(timeline, horizon=horizon, start=start).widget

"""Pictures and a widget for tuning ``lru_cache``'s maxsize from a recorded trace (lesson 04).

``curve_figure`` draws a hit-rate curve with its knee and the unbounded cache's ceiling marked.
``MaxsizeExplorer`` is a slider over maxsize (it follows the handle while it moves) whose readout replays
the trace through the real ``functools.lru_cache`` at the chosen size and moves a marker along the same
curve; ``readout`` is the same computation without a browser, for tests and for a static table
(``table_html``) that shows on GitHub, where widgets do not. Without a kernel the widget's plain-text form
is one readable line (``CompactBox``), never ipywidgets' ``VBox(children=...)`` repr.

CSS classes, for the browser test: ``course-04-explorer`` (the whole widget), ``course-04-maxsize``
(the slider), ``course-04-readout`` (the text that changes when the slider moves), ``course-04-curve``
(the curve whose marker follows the slider).
"""
from __future__ import annotations

import html
import io
from collections.abc import Hashable, Sequence

from matplotlib.figure import Figure

from lessons.tools.tuning import Knee, find_knee, hit_ratio_curve, ratio, replay
from lessons.views.plots import COLOURS


def curve_figure(sizes: Sequence[int], ratios: Sequence[float], knee: Knee, *, title: str,
                 ceiling: float | None = None, size: tuple[float, float] = (6.4, 3.6),
                 chosen: tuple[int, float] | None = None) -> Figure:
    """The hit ratio against maxsize, the knee marked, and the ceiling (unbounded cache) dashed;
    ``chosen`` = (maxsize, hit ratio) adds the explorer's marker."""
    figure = Figure(figsize=size, dpi=100)
    axes = figure.subplots()
    axes.plot(sizes, ratios, color=COLOURS[0], marker="o", markersize=4, label="lru_cache(maxsize=k)",
              clip_on=False)
    axes.plot([knee.size], [knee.ratio], linestyle="none", marker="D", markersize=10, color=COLOURS[1],
              label=f"knee: maxsize={knee.size}, hit ratio {knee.ratio:.2f}")
    axes.axvline(knee.size, color=COLOURS[1], linestyle=":", linewidth=1)
    if ceiling is not None:
        axes.axhline(ceiling, color=COLOURS[2], linestyle="--", linewidth=1,
                     label=f"ceiling (maxsize=None): {ceiling:.2f}")
    if chosen is not None:
        axes.plot([chosen[0]], [chosen[1]], linestyle="none", marker="o", markersize=12, markerfacecolor="none",
                  markeredgewidth=2.5, color=COLOURS[7], clip_on=False,
                  label=f"slider: maxsize={chosen[0]}, hit ratio {chosen[1]:.2f}")
    # a margin on both axes, so that markers at maxsize 0 and hit ratio 0 are drawn whole
    span = max(sizes) - min(sizes) if len(sizes) > 1 else 1
    axes.set_xlim(min(sizes) - 0.03 * span, max(sizes) + 0.03 * span)
    axes.set_ylim(-0.04, 1.04)
    axes.set_title(title)
    axes.set_xlabel("maxsize (entries)")
    axes.set_ylabel("hit ratio")
    axes.grid(True, alpha=0.3)
    axes.legend(loc="lower right")
    figure.tight_layout()
    return figure


def readout(trace: Sequence[Hashable], maxsize: int, entry_bytes: float) -> str:
    """What the explorer shows for one size: the real cache_info(), the hit ratio, the memory a full
    cache of that size holds at ``entry_bytes`` per entry."""
    info = replay(trace, maxsize)
    return (f"{info}\nhit ratio {ratio(info):.3f}; a full cache holds about "
            f"{maxsize * entry_bytes / 1024:.0f} KiB ({maxsize} entries x {entry_bytes:.0f} bytes)")


def table_html(trace: Sequence[Hashable], sizes: Sequence[int], entry_bytes: float | None = None) -> str:
    """A static table of what the slider shows for a few sizes. The memory column appears only when
    ``entry_bytes`` is given (it is measured, so it differs between machines)."""
    headers = ["maxsize", "hits", "misses", "currsize", "hit ratio"]
    if entry_bytes is not None:
        headers.append("KiB when full")
    rows = []
    for k in sizes:
        info = replay(trace, k)
        cells = [k, info.hits, info.misses, info.currsize, f"{ratio(info):.3f}"]
        if entry_bytes is not None:
            cells.append(f"{k * entry_bytes / 1024:.0f}")
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


class MaxsizeExplorer:
    """A maxsize slider; on every move the readout replays the trace through a real lru_cache and a
    marker moves to that size on the hit-rate curve (the same curve as ``curve_figure``'s, one replay
    per ``step``)."""

    def __init__(self, trace: Sequence[Hashable], entry_bytes: float, *, max_size: int = 400,
                 start: int = 100, step: int = 10, title: str = "Hit ratio of lru_cache on the recorded trace"):
        import ipywidgets as widgets  # here, so the rest of the module works without ipywidgets

        from lessons.views.compact_box import CompactBox

        self.trace = list(trace)
        self.entry_bytes = entry_bytes
        self.title = title
        self.sizes = list(range(0, max_size + 1, step))
        self.ratios = hit_ratio_curve(self.trace, self.sizes)
        self.knee = find_knee(self.sizes, self.ratios)
        self.ceiling = ratio(replay(self.trace, None))
        self._pictures: dict[int, bytes] = {}
        self.slider = widgets.IntSlider(value=start, min=0, max=max_size, step=step, description="maxsize",
                                        continuous_update=True)
        self.slider.add_class("course-04-maxsize")
        self.curve = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.curve.add_class("course-04-curve")
        self.output = widgets.HTML()
        self.output.add_class("course-04-readout")
        info = replay(self.trace, start)
        self.widget = CompactBox(
            [self.slider, self.output, self.curve],
            summary=(f"maxsize explorer (run the notebook to move its slider, 0 to {max_size}): at maxsize={start}, "
                     f"{info}, hit ratio {ratio(info):.3f}"))
        self.widget.add_class("course-04-explorer")
        self.slider.observe(self._update, names="value")
        self._update()

    def picture(self, size: int | None = None) -> Figure:
        """The curve with the marker at ``size`` (the slider's value by default)."""
        size = self.slider.value if size is None else size
        return curve_figure(self.sizes, self.ratios, self.knee, title=self.title, ceiling=self.ceiling,
                            chosen=(size, ratio(replay(self.trace, size))))

    def _png(self, size: int) -> bytes:
        if size not in self._pictures:  # each position drawn once, so moving back and forth stays quick
            buffer = io.BytesIO()
            self.picture(size).savefig(buffer, format="png")
            self._pictures[size] = buffer.getvalue()
        return self._pictures[size]

    def _update(self, change=None) -> None:
        text = readout(self.trace, self.slider.value, self.entry_bytes)
        self.output.value = f"<pre>{html.escape(text)}</pre>"
        self.curve.value = self._png(self.slider.value)

    @property
    def text(self) -> str:
        """The readout as plain text (what a test compares with ``readout``)."""
        return html.unescape(self.output.value.removeprefix("<pre>").removesuffix("</pre>"))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return repr(self.widget)

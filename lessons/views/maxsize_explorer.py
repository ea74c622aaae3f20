"""Pictures and a widget for tuning ``lru_cache``'s maxsize from a recorded trace (lesson 04).

``curve_figure`` draws a hit-rate curve with its knee and the unbounded cache's ceiling marked.
``MaxsizeExplorer`` is a slider over maxsize whose readout replays the trace through the real
``functools.lru_cache`` at the chosen size; ``readout`` is the same computation without a browser, for
tests and for a static table (``table_html``) that shows on GitHub, where widgets do not.

CSS classes, for the browser test: ``course-04-explorer`` (the whole widget), ``course-04-maxsize``
(the slider), ``course-04-readout`` (the text that changes when the slider moves).
"""
from __future__ import annotations

import html
from collections.abc import Hashable, Sequence

from matplotlib.figure import Figure

from lessons.tools.tuning import Knee, ratio, replay
from lessons.views.plots import COLOURS


def curve_figure(sizes: Sequence[int], ratios: Sequence[float], knee: Knee, *, title: str,
                 ceiling: float | None = None, size: tuple[float, float] = (6.4, 3.6)) -> Figure:
    """The hit ratio against maxsize, the knee marked, and the ceiling (unbounded cache) dashed."""
    figure = Figure(figsize=size, dpi=100)
    axes = figure.subplots()
    axes.plot(sizes, ratios, color=COLOURS[0], marker="o", markersize=4, label="lru_cache(maxsize=k)")
    axes.plot([knee.size], [knee.ratio], linestyle="none", marker="D", markersize=10, color=COLOURS[1],
              label=f"knee: maxsize={knee.size}, hit ratio {knee.ratio:.2f}")
    axes.axvline(knee.size, color=COLOURS[1], linestyle=":", linewidth=1)
    if ceiling is not None:
        axes.axhline(ceiling, color=COLOURS[2], linestyle="--", linewidth=1,
                     label=f"ceiling (maxsize=None): {ceiling:.2f}")
    axes.set_ylim(0, 1.02)
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
    """A maxsize slider; on every move the readout replays the trace through a real lru_cache."""

    def __init__(self, trace: Sequence[Hashable], entry_bytes: float, *, max_size: int = 400,
                 start: int = 100, step: int = 10):
        import ipywidgets as widgets  # here, so the rest of the module works without ipywidgets

        self.trace = list(trace)
        self.entry_bytes = entry_bytes
        self.slider = widgets.IntSlider(value=start, min=0, max=max_size, step=step, description="maxsize",
                                        continuous_update=False)
        self.slider.add_class("course-04-maxsize")
        self.output = widgets.HTML()
        self.output.add_class("course-04-readout")
        self.widget = widgets.VBox([self.slider, self.output])
        self.widget.add_class("course-04-explorer")
        self.slider.observe(self._update, names="value")
        self._update()

    def _update(self, change=None) -> None:
        text = readout(self.trace, self.slider.value, self.entry_bytes)
        self.output.value = f"<pre>{html.escape(text)}</pre>"

    @property
    def text(self) -> str:
        """The readout as plain text (what a test compares with ``readout``)."""
        return html.unescape(self.output.value.removeprefix("<pre>").removesuffix("</pre>"))

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

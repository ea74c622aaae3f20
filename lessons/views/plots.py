"""Plots for the lessons: labelled axes, a title, and colours that colour-blind readers can tell apart.

Figures are built with ``matplotlib.figure.Figure`` rather than ``pyplot``: a function returns its
figure and the notebook displays it once, as the cell's value, with no global pyplot state left behind
for the next cell (or the next lesson) to trip over.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

# Okabe & Ito's palette, distinguishable with the common kinds of colour blindness. Markers and line
# styles differ too, so the lines stay apart in greyscale print.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
STYLES = ["-", "--", "-.", ":"]


def describe(figure: Figure, alt: str) -> Figure:
    """Give ``figure`` its own alt text (what a reader who cannot see it should know); returns it."""
    figure.course_alt = alt
    return figure


def alt_text(figure: Figure) -> str:
    """What the figure shows, in words, for a screen reader and for anyone whose image does not load:
    the alt text given with ``describe``, or else one built from the figure's own words (suptitle, and
    per panel its title, axis labels and legend entries). The same figure gives the same text."""
    given = getattr(figure, "course_alt", None)
    if given:
        return given
    parts = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        parts.append(_one_line(suptitle.get_text()) + ".")
    panels = [axes for axes in figure.get_axes() if axes.get_visible() and axes.axison]
    for n, axes in enumerate(panels, 1):
        words = []
        title = _one_line(axes.get_title())
        if title:
            words.append(title)
        xlabel, ylabel = _one_line(axes.get_xlabel()), _one_line(axes.get_ylabel())
        if xlabel or ylabel:
            words.append(f"{ylabel or 'value'} against {xlabel or 'x'}")
        legend = axes.get_legend()
        if legend is not None:
            labels = [_one_line(t.get_text()) for t in legend.get_texts() if t.get_text()]
            if labels:
                words.append("lines: " + ", ".join(labels))
        if words:
            prefix = f"Panel {n} of {len(panels)}: " if len(panels) > 1 else ""
            parts.append(prefix + "; ".join(words) + ".")
    legends = [_one_line(t.get_text()) for legend in figure.legends for t in legend.get_texts() if t.get_text()]
    if legends:
        parts.append("Key: " + ", ".join(legends) + ".")
    return " ".join(parts) or "A figure without titles or labels."


def _one_line(text: str) -> str:
    return " ".join(text.split())


def line_chart(x: Sequence[float], series: Mapping[str, Sequence[float]], *, title: str, xlabel: str,
               ylabel: str, log_y: bool = False, size: tuple[float, float] = (6.4, 3.6)) -> Figure:
    """One line per series against the same x values."""
    figure = Figure(figsize=size, dpi=100)
    axes = figure.subplots()
    for i, (label, values) in enumerate(series.items()):
        axes.plot(x, values, label=label, color=COLOURS[i % len(COLOURS)], marker=MARKERS[i % len(MARKERS)],
                  linestyle=STYLES[i % len(STYLES)], markersize=4)
    if log_y:
        axes.set_yscale("log")
    axes.set_title(title)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.grid(True, which="major", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    return figure

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

"""Helpers for the caching course: exercises and their checks, honest measurement, plots, widgets,
teaching caches and the notebook generator. One module per concern; nothing here imports a notebook,
and no module keeps state that another lesson could see."""

import sys

__version__ = "0.1.0"


def _show_figures_as_images() -> None:
    """Lessons return ``matplotlib.figure.Figure`` objects built without pyplot (no global state). IPython
    only knows how to draw a Figure once pyplot's inline backend is loaded, so without this a returned
    figure would print as ``<Figure size ...>``. Registered by type *name*: matplotlib is imported only
    when a figure is actually shown. Outside IPython this does nothing."""
    if "IPython" not in sys.modules:  # not in a notebook (a script, a spawned worker): nothing to set up,
        return                         # and importing IPython would cost a worker process a lot of start-up
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return

    def png(figure):
        from IPython.core.pylabtools import print_figure

        # No bbox_inches="tight": every lesson figure lays itself out (tight_layout or fixed margins),
        # and a tight bounding box would draw the whole figure once more just to measure it.
        return print_figure(figure, fmt="png")

    shell.display_formatter.formatters["image/png"].for_type_by_name("matplotlib.figure", "Figure", png)


_show_figures_as_images()

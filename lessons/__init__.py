"""Helpers for the caching course: exercises and their checks, honest measurement, plots, widgets,
teaching caches and the notebook generator. One module per concern; nothing here imports a notebook,
and no module keeps state that another lesson could see."""

import sys

__version__ = "0.1.0"


def _show_figures_as_images() -> None:
    """Lessons return ``matplotlib.figure.Figure`` objects built without pyplot (no global state). IPython
    only knows how to draw a Figure once pyplot's inline backend is loaded, so without this a returned
    figure would print as ``<Figure size ...>``. Registered by type *name*: matplotlib is imported only
    when a figure is actually shown. Outside IPython this does nothing.

    Each figure is drawn once and shown two ways: ``image/png`` for any front end, and ``text/html``, an
    ``<img>`` of the same PNG with an ``alt`` text that says what the figure shows (its titles, axis
    labels and legend, from ``lessons.views.plots.alt_text``). JupyterLab's own PNG renderer sets no
    alt text, whatever the output's metadata says; its HTML renderer, which it prefers when both are
    there, keeps ``<img alt>`` (also in an untrusted notebook: its sanitizer allows both), and so does
    nbconvert's static HTML. ``text/plain`` stays ``<Figure size ...>``, which nbval compares."""
    if "IPython" not in sys.modules:  # not in a notebook (a script, a spawned worker): nothing to set up,
        return                         # and importing IPython would cost a worker process a lot of start-up
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return

    def bundle(figure, include=None, exclude=None):
        import base64
        import html

        from IPython.core.pylabtools import print_figure

        from lessons.views.plots import alt_text

        # print_figure's default bounding box is "tight", as IPython's inline backend draws figures:
        # nothing a lesson figure places near its edge is cut off.
        png = print_figure(figure, fmt="png")
        if png is None:  # a figure with no axes: IPython shows nothing for it either
            return {}
        encoded = base64.b64encode(png).decode("ascii")
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # the IHDR chunk
        img = (f'<img src="data:image/png;base64,{encoded}" width="{width}" height="{height}" '
               f'alt="{html.escape(alt_text(figure))}"/>')
        return {"image/png": encoded, "text/html": img}

    shell.display_formatter.mimebundle_formatter.for_type_by_name("matplotlib.figure", "Figure", bundle)


_show_figures_as_images()


def progress(folder=None):
    """Your progress through the exercises (passed / failed / not attempted), from the checks you ran
    in this folder: a table in JupyterLab, plain text elsewhere. ``python3 course.py progress`` prints it."""
    from lessons.grading.progress import table

    return table(folder)

"""Helpers for the caching course: exercises and their checks, honest measurement, plots, widgets,
teaching caches and the notebook generator. One module per concern; nothing here imports a notebook,
and no module keeps state that another lesson could see."""

__version__ = "0.1.0"

"""A widget container whose plain-text form is one short line.

ipywidgets' default repr of a VBox lists every child, the whole HTML included, which would make nbval's
comparison long and brittle; a reader without a kernel sees the static picture shown beside it instead."""
from __future__ import annotations

import ipywidgets as widgets


class CompactBox(widgets.VBox):
    """A VBox whose plain-text form is one short line (the default lists every child, the whole HTML
    included, which would make nbval's comparison long and brittle)."""

    def __init__(self, children, summary: str):
        super().__init__(children)
        self._summary = summary

    def __repr__(self) -> str:
        return self._summary

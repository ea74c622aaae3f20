"""What a reader without a kernel sees (GitHub, nbconvert's HTML): every lesson's committed outputs
render as pictures, tables and sentences, never as a raw widget repr such as ``VBox(children=(...``.

The committed outputs are the same whatever Python runs this, so it runs once (marker ``slow``)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("solutions/*.ipynb"), *ROOT.glob("talk/*.ipynb")])
RAW_WIDGET = re.compile(r"\b(?:VBox|HBox|Box|IntSlider|FloatSlider|Button|Output|HTML|Dropdown)"
                        r"\(\s*(?:children|value|layout)=")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_static_html_shows_no_raw_widget_repr(exporter, path):
    import nbformat

    body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
    raw = RAW_WIDGET.findall(body)
    assert not raw, f"{path.name}: raw widget repr in static HTML: {raw[:3]}"
    assert "<img" in body or "lightning" in path.name or "<table" in body


def test_the_pattern_finds_the_repr_ipywidgets_prints_without_a_kernel():
    import ipywidgets

    box = ipywidgets.VBox([ipywidgets.IntSlider(value=3)])
    assert RAW_WIDGET.search(repr(box))

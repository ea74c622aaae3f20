"""lessons.views.maxsize_explorer: the explorer's readout is the real lru_cache's, it follows the slider, and the
controls carry the CSS classes a browser test looks for."""
from __future__ import annotations

from lessons.tools import traces
from lessons.tools.tuning import Knee, replay
from lessons.views.maxsize_explorer import MaxsizeExplorer, curve_figure, readout, table_html

TRACE = traces.hot_cold(200, 2000, hot_fraction=0.1, seed=3)


def test_readout_reports_the_real_cache_info():
    text = readout(TRACE, 30, 400.0)
    info = replay(TRACE, 30)
    assert text.splitlines()[0] == str(info)
    assert f"hit ratio {info.hits / len(TRACE):.3f}" in text and "30 entries x 400 bytes" in text


def test_explorer_follows_the_slider_and_has_css_classes():
    explorer = MaxsizeExplorer(TRACE, 400.0, max_size=100, start=20, step=10)
    assert explorer.text == readout(TRACE, 20, 400.0)
    explorer.slider.value = 70
    assert explorer.text == readout(TRACE, 70, 400.0)
    assert "course-04-maxsize" in explorer.slider._dom_classes
    assert "course-04-readout" in explorer.output._dom_classes
    assert "course-04-explorer" in explorer.widget._dom_classes


def test_table_and_figure():
    table = table_html(TRACE, [10, 20])
    assert table.count("<tr>") == 3 and "KiB" not in table
    assert "KiB when full" in table_html(TRACE, [10], 100.0)
    figure = curve_figure([0, 10, 20], [0.0, 0.5, 0.6], Knee(10, 0.5, 1), title="t", ceiling=0.7)
    axes = figure.axes[0]
    assert axes.get_xlabel() and axes.get_ylabel() and axes.get_title() == "t"
    labels = [t.get_text() for t in axes.get_legend().get_texts()]
    assert any("knee: maxsize=10" in label for label in labels) and any("ceiling" in label for label in labels)


def test_explorer_moves_a_marker_on_the_curve_and_has_a_readable_plain_text_form():
    explorer = MaxsizeExplorer(TRACE, 400.0, max_size=60, start=20, step=10)
    assert explorer.slider.continuous_update
    assert "course-04-curve" in explorer.curve._dom_classes
    before = explorer.curve.value
    explorer.slider.value = 50
    assert explorer.curve.value != before and bytes(explorer.curve.value).startswith(b"\x89PNG")
    marker = [line for line in explorer.picture().axes[0].get_lines() if "slider" in str(line.get_label())]
    assert marker and list(marker[0].get_xdata()) == [50]
    text = repr(explorer)
    assert "VBox" not in text and "maxsize=20" in text and str(replay(TRACE, 20)) in text


def test_markers_at_zero_are_not_cut_off():
    figure = curve_figure([0, 10, 20], [0.0, 0.5, 0.6], Knee(10, 0.5, 1), title="t")
    axes = figure.axes[0]
    assert axes.get_xlim()[0] < 0 and axes.get_ylim()[0] < 0

"""Unit tests of lessons.views.thread_timeline: logical-step timelines and their figure."""
from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure

from lessons.tools.stampede import run_threads
from lessons.views.plots import alt_text
from lessons.views.thread_timeline import Span, ThreadTimeline, executions, thread_timeline_figure


def test_spans_come_back_sorted_whatever_order_threads_recorded_them():
    a, b = ThreadTimeline(), ThreadTimeline()
    a.record("thread 1", 0, 1, "waits")
    a.record("thread 0", 0, 1, "computes")
    b.record("thread 0", 0, 1, "computes")
    b.record("thread 1", 0, 1, "waits")
    assert a.spans() == b.spans() == [Span("thread 0", 0, 1, "computes"), Span("thread 1", 0, 1, "waits")]
    assert a.rows() == ["thread 0", "thread 1"] and a.count("computes") == 1


def test_recording_from_threads_is_safe():
    timeline = ThreadTimeline()
    run_threads(lambda i: [timeline.record(f"thread {i}", k, k + 1, "computes") for k in range(50)], 6)
    assert len(timeline.spans()) == 300


def test_bad_spans_are_rejected():
    timeline = ThreadTimeline()
    with pytest.raises(ValueError):
        timeline.record("t", 0, 1, "sleeps")
    with pytest.raises(ValueError):
        timeline.record("t", 2, 2, "computes")


def test_the_figure_has_a_panel_per_timeline_with_labels_and_renders():
    left, right = ThreadTimeline(), ThreadTimeline()
    left.record("thread 0", 0, 1, "computes")
    right.record("thread 0", 0, 1, "computes")
    right.record("thread 1", 0, 1, "waits")
    right.record("thread 2", 1, 2, "cache hit")
    figure = thread_timeline_figure({"left": left, "right": right}, title="t")
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    axes = figure.axes[1]
    assert axes.get_xlabel() == "logical step" and axes.get_title().endswith("\n1 execution")
    assert figure.axes[0].get_title().endswith("\n1 execution") and executions(2) == "2 executions"
    assert [t.get_text() for t in axes.get_yticklabels()] == ["thread 0", "thread 1", "thread 2"]
    figure.savefig(io.BytesIO(), format="png")


def test_the_figure_says_in_words_what_each_panel_shows():
    left, right = ThreadTimeline(), ThreadTimeline()
    left.record("thread 0", 0, 1, "computes")
    right.record("thread 0", 0, 1, "computes")
    right.record("later call", 1, 2, "cache hit")
    alt = alt_text(thread_timeline_figure({"left": left, "right": right}, title="Two"))
    assert alt.startswith("Two.") and "Panel 'right': 1 execution; spans: 1 computing, 1 cache hit." in alt


def test_long_row_labels_do_not_run_into_the_panel_to_their_left():
    left, right = ThreadTimeline(), ThreadTimeline()
    left.record("thread 0", 0, 2, "computes")
    right.record("thread 0", 0, 1, "computes")
    right.record("a much longer row label, later", 1, 2, "cache hit")
    figure = thread_timeline_figure({"left": left, "right": right}, title="t")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    left_panel_right_edge = figure.axes[0].get_window_extent(renderer).x1
    labels = [t.get_window_extent(renderer).x0 for t in figure.axes[1].get_yticklabels()]
    assert min(labels) > left_panel_right_edge

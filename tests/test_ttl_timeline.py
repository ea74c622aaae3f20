"""The TTL timeline model against cachetools' TTLCache on the same calls and fake clock, and the widget."""
from __future__ import annotations

from cachetools import TTLCache, cached
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.tools.clock import FakeClock
from lessons.views.ttl_timeline import EXPIRED, FRESH, NOT_YET, Moments, TTLClock, TTLTimeline, ttl_figure

KEYS = ["a", "b", "c"]
calls_strategy = st.lists(st.tuples(st.integers(0, 30), st.sampled_from(KEYS)), min_size=1, max_size=15)


def replay(calls, ttl, now):
    """Replay the calls made up to ``now`` through a real TTLCache: (fresh keys, hits, misses)."""
    clock = FakeClock()
    cache = TTLCache(maxsize=100, ttl=ttl, timer=clock)
    memo = cached(cache, key=lambda k: k, info=True)(lambda k: k)
    for time, key in sorted(calls, key=lambda c: c[0]):
        if time <= now:
            clock.set(time)
            memo(key)
    clock.set(now)
    info = memo.cache_info()
    return sorted(k for k in KEYS if k in cache), info.hits, info.misses


@settings(max_examples=60, deadline=None)
@given(calls=calls_strategy, ttl=st.sampled_from([1, 5, 10]))
def test_model_agrees_with_ttlcache_at_every_second(calls, ttl):
    timeline = TTLTimeline(calls, ttl=ttl)
    for now in range(0, 45):
        fresh, hits, misses = replay(calls, ttl, now)
        rows = timeline.rows(now)
        assert sorted(r.key for r in rows if r.status == FRESH) == fresh
        assert timeline.counts(now) == (hits, misses)
        for row in rows:
            assert (row.status == NOT_YET) == all(t > now for t, k in calls if k == row.key)
            if row.status != NOT_YET:
                assert row.expires == row.stored_at + ttl and row.stored_at <= now


def test_rows_and_summary():
    timeline = TTLTimeline([(0, "EUR"), (3, "USD"), (12, "USD")], ttl=10)
    assert [(r.key, r.status, r.stored_at, r.expires) for r in timeline.rows(13)] == [
        ("EUR", EXPIRED, 0, 10), ("USD", EXPIRED, 3, 13)]
    assert timeline.summary(12) == "t = 12 s: fresh: USD; expired: EUR; calls so far: hits 1, misses 2"


def test_figure_has_one_row_per_key_and_labels():
    figure = ttl_figure(TTLTimeline([(0, "a"), (5, "b")], ttl=10), now=7)
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["key 'a'", "key 'b'"]
    assert axes.get_title() and axes.get_xlabel()


def test_no_marker_is_cut_off_at_zero_or_at_the_horizon():
    axes = ttl_figure(TTLTimeline([(0, "a"), (20, "b")], ttl=10), now=0, horizon=20).axes[0]
    low, high = axes.get_xlim()
    assert low < 0 and high > 20


def test_widget_slider_moves_now_across_the_figure_and_has_the_css_classes():
    timeline = TTLTimeline([(0, "EUR"), (3, "USD")], ttl=10)
    clock = TTLClock(timeline, horizon=20)
    slider, figure, view = clock.widget.children
    assert "course-06-clock" in slider._dom_classes and "course-06-timeline" in view._dom_classes
    assert "course-06-figure" in figure._dom_classes
    assert "t = 0 s: fresh: EUR" in view.value
    assert "now = 0 s" in figure.value and "<img" in figure.value
    at_zero = clock.x_pixel(0)
    for _ in range(10):                      # what ArrowRight does in the browser: one step each
        slider.value += slider.step
    assert "t = 10 s: fresh: USD; expired: EUR" in view.value
    assert "now = 10 s" in figure.value
    assert at_zero < clock.x_pixel(10) < clock.x_pixel(20) <= clock.width   # the line moves right, stays inside
    assert (slider.min, slider.max, slider.step) == (0, 20, 1)
    assert "VBox" not in repr(clock.widget) and "run the notebook" in repr(clock.widget)


def test_static_picture_lists_every_change_and_is_folded():
    timeline = TTLTimeline([(0, "EUR"), (3, "USD"), (12, "USD")], ttl=10)
    picture = TTLClock(timeline, horizon=20).picture()
    assert isinstance(picture, Moments)
    assert picture.times == [0, 3, 10, 12, 13]
    assert repr(picture).splitlines()[-1].split() == ["13", "none", "EUR,", "USD", "1", "/", "2"]
    assert picture._repr_html_().startswith("<details>")

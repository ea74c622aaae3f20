"""The lesson 03 widgets, without a browser: their models agree with the real thing, the controls
change what the views show, and the static pictures say the same as the models."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.caches.policies import simulate
from lessons.exercises.l03 import lru_cache_steps
from lessons.tools import traces
from lessons.views.hit_rate_explorer import HitRateExplorer
from lessons.views.lru_stepper import LRUStepper, StepTable

TRACE = list("ABCABDAEBC")


def test_stepper_agrees_with_lru_cache_step_by_step():
    for maxsize in (1, 2, 3, 4, 8):
        stepper = LRUStepper(TRACE, maxsize)
        steps = []
        for _ in TRACE:
            stepper.step()
            m = stepper.model
            steps.append((m.hits, m.misses, m.currsize))
        assert steps == lru_cache_steps(TRACE, maxsize)
        assert stepper.step() is None           # past the end: nothing happens


def test_step_click_changes_the_cache_view_and_counters():
    stepper = LRUStepper(TRACE, 3)
    views = [stepper.cache_view.value]
    counters = [stepper.counters.value]
    for _ in range(4):
        stepper.step_button.click()
        views.append(stepper.cache_view.value)
        counters.append(stepper.counters.value)
    assert len(set(views)) == len(views) and len(set(counters)) == len(counters)
    assert "Step 4: key A is a <b>hit</b>" in views[-1]
    assert "hits 1" in counters[-1] and "misses 3" in counters[-1]


def test_reset_and_maxsize_start_again():
    stepper = LRUStepper(TRACE, 3)
    start = stepper.cache_view.value
    stepper.step_button.click()
    stepper.reset_button.click()
    assert stepper.cache_view.value == start and stepper.model.events == []
    stepper.step()
    stepper.maxsize_control.value = 2
    assert stepper.model.maxsize == 2 and stepper.position == 0 and "of maxsize 2" in stepper.counters.value


def test_css_classes_for_the_browser_test():
    stepper = LRUStepper(TRACE, 3)
    assert "course-03-step" in stepper.step_button._dom_classes
    assert "course-03-reset" in stepper.reset_button._dom_classes
    assert "course-03-maxsize" in stepper.maxsize_control._dom_classes
    assert "course-03-cache-view" in stepper.cache_view._dom_classes
    assert "course-03-counters" in stepper.counters._dom_classes
    explorer = HitRateExplorer({"scan": traces.cyclic_scan(5, 50)}, [1, 2, 4, 6])
    assert "course-03-explorer-maxsize" in explorer.maxsize_control._dom_classes
    assert "course-03-hit-rate" in explorer.readout._dom_classes


def test_timeline_is_the_models_story():
    timeline = StepTable(TRACE, 3)
    text = repr(timeline)
    last = timeline.events[-1]
    assert text.splitlines()[-1] == f"maxsize=3: {last.hits} hits, {last.misses} misses"
    assert lru_cache_steps(TRACE, 3)[-1][:2] == (timeline.events[-1].hits, timeline.events[-1].misses)
    assert "<table>" in timeline._repr_html_()


def test_explorer_readout_follows_the_slider_and_matches_the_simulator():
    workloads = {"zipf": traces.zipf(50, 500, seed=2), "scan": traces.cyclic_scan(11, 330)}
    explorer = HitRateExplorer(workloads, [1, 5, 10, 20], maxsize=10)
    explorer.workload_control.value = "scan"
    before = explorer.readout.value
    assert "LRU 0.0%" in explorer.readout_text()
    explorer.maxsize_control.value = 11
    assert explorer.readout.value != before
    assert explorer.rates("scan", 11)["LRU"] == simulate("LRU", workloads["scan"], 11).hit_rate
    table = repr(explorer.picture())
    assert "scan, maxsize =" in table and "zipf, maxsize =" in table
    scan_lru = next(line for line in table.splitlines()[table.splitlines().index(next(
        row for row in table.splitlines() if row.startswith("scan"))):] if line.strip().startswith("LRU"))
    # sizes 1, 5, 10 are smaller than the 11-key loop: no hits; 20 holds it all: all but the first 11 hit
    assert scan_lru.split()[1:] == ["0.0", "0.0", "0.0", f"{100 * (330 - 11) / 330:.1f}"]
    assert len(explorer.figure("scan").axes) == 1
    assert repr(explorer.widget).startswith("hit-rate explorer")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from("ABCDEFG"), min_size=1, max_size=25), st.integers(1, 8))
def test_stepper_clicks_agree_with_lru_cache_on_random_traces(trace, maxsize):
    stepper = LRUStepper(trace, maxsize)
    seen = []
    for _ in trace:
        stepper.step_button.click()
        m = stepper.model
        seen.append((m.hits, m.misses, m.currsize))
    assert seen == lru_cache_steps(trace, maxsize)
    counters = stepper.counters.value
    assert f"hits {seen[-1][0]}" in counters and f"misses {seen[-1][1]}" in counters


def test_the_evicted_key_is_drawn_and_the_answer_table_is_folded_away():
    stepper = LRUStepper(list("ABCD"), 3)
    for _ in range(4):
        stepper.step()
    assert "title='evicted'>A</span>" in stepper.cache_view.value and "<s>" not in stepper.cache_view.value
    assert stepper.picture()._repr_html_().startswith("<details>")


def test_explorer_bars_have_a_full_track():
    explorer = HitRateExplorer({"scan": traces.cyclic_scan(5, 50)}, [1, 2, 4, 6], maxsize=4)
    assert explorer.readout.value.count("width:200px") == len(explorer.policies)

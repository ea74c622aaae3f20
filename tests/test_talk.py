"""The lightning talk (talk/lightning_talk.ipynb): five minutes, one story, live cells that count.

nbval checks its outputs strictly (../conftest.py); these tests check what a speaker relies on: the
slide count, speaker notes with seconds that add up to at most five minutes, the story's order, one
timing (and only one, ignored by nbval), static pictures, and no machine-specific number in the text."""
from __future__ import annotations

import functools
import re

import pytest

from lessons.authoring import notebook as nbio
from lessons.authoring.talk import TALK, slide_type, slides
from lessons.views.eviction_picture import columns, eviction_picture

NOTEBOOK = nbio.read(TALK)
SLIDES = slides(NOTEBOOK)
CODE = [c for c in NOTEBOOK["cells"] if c["cell_type"] == "code"]

# The story, one step per slide title (a fragment of each, in this order).
STORY = ["repeats work", "Count the calls", "lru_cache", "cache_info()", "Eviction", "Pitfall 1", "Pitfall 2",
         "honest timing", "learn more"]


def test_at_most_ten_slides_each_with_speaker_notes_and_seconds():
    assert 1 <= len(SLIDES) <= 10, [s.title for s in SLIDES]
    for slide in SLIDES:
        assert len(slide.notes) == 1, f"{slide.title}: expected one notes cell, found {len(slide.notes)}"
        assert slide.seconds is not None, f"{slide.title}: its notes must start with the seconds, e.g. **30 s**"


def test_the_seconds_add_up_to_five_minutes_at_most():
    total = sum(slide.seconds for slide in SLIDES)
    assert 0 < total <= 300, f"the notes add up to {total} s"


def test_the_slides_tell_the_story_in_order():
    titles = [slide.title for slide in SLIDES]
    position = 0
    for step in STORY:
        found = [i for i, title in enumerate(titles) if step in title and i >= position]
        assert found, f"no slide about {step!r} after slide {position + 1}: {titles}"
        position = found[0]


def test_one_timing_ignored_by_nbval_and_every_other_cell_checked():
    timing = [c for c in CODE if re.search(r"\bcompare\(|perf_counter|timeit|time\.time", nbio.source_of(c))]
    assert len(timing) == 1, "one honest timing, no more"
    for cell in CODE:
        tagged = "nbval-ignore-output" in cell["metadata"].get("tags", [])
        assert tagged == (cell is timing[0]), f"{cell['id']}: only the timing may be ignored by nbval"
        assert not re.search(r"sleep\(", nbio.source_of(cell)), f"{cell['id']}: no sleeping"


def test_outputs_come_from_one_run_with_no_errors_and_no_widgets():
    assert [c["execution_count"] for c in CODE] == list(range(1, len(CODE) + 1)), (
        "re-run with python -m lessons.authoring.talk --execute")
    images = 0
    for cell in CODE:
        for output in cell["outputs"]:
            assert output["output_type"] != "error" and output.get("name") != "stderr", cell["id"]
            data = output.get("data", {})
            assert "application/vnd.jupyter.widget-view+json" not in data, cell["id"]  # widgets do not show in slides
            images += "image/png" in data
    assert images >= 1, "the eviction picture is missing"


def test_shown_code_fits_a_slide():
    for slide in SLIDES:
        lines = [line for cell in slide.cells if cell["cell_type"] == "code"
                 for line in nbio.source_of(cell).splitlines()]
        assert len(lines) <= 12, f"{slide.title}: {len(lines)} lines of code do not fit one slide"
        assert all(len(line) <= 64 for line in lines), f"{slide.title}: a line too wide for a projector"


MACHINE_NUMBERS = re.compile(r"\d\s?(ns|µs|us|ms)\b|\d+(\.\d+)?\s?x\b|\d\s?(seconds|milliseconds)\b")


def test_no_machine_specific_number_in_the_text():
    for cell in NOTEBOOK["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = nbio.source_of(cell)
        if slide_type(cell) == "notes":
            text = re.sub(r"^\*\*\d+ s\*\*", "", text)  # the slide's own seconds are the speaker's, not a timing
        assert not MACHINE_NUMBERS.search(text), f"{cell['id']}: {MACHINE_NUMBERS.search(text).group()!r}"


@pytest.mark.parametrize("trace, maxsize", [("ABCADAB", 3), ("ABABCDCA", 2), ("AAAA", 1), ("ABCDEFG", 4)])
def test_the_eviction_picture_shows_what_lru_cache_does(trace, maxsize):
    events = columns(list(trace), maxsize)

    @functools.lru_cache(maxsize=maxsize)
    def load(key):
        return key

    for event, key in zip(events, trace):
        before = load.cache_info()
        load(key)
        after = load.cache_info()
        assert event.hit == (after.hits == before.hits + 1), (trace, event)
        assert len(event.contents) == after.currsize
    figure = eviction_picture(list(trace), maxsize)
    assert figure.axes[0].get_title(loc="left").endswith(f"hits={events[-1].hits}, misses={events[-1].misses}")

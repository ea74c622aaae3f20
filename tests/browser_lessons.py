"""What the browser test expects of each lesson: how many plots at least, and which widget interactions
must visibly change the page. An interaction is a function of the Playwright page that pokes a widget
(found by its ``course-NN-...`` CSS class) and asserts that the view changed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expect:
    images: int = 0
    interactions: list[Callable] = field(default_factory=list)


def press(page, handle_selector: str, key: str, times: int) -> None:
    """Move an ipywidgets slider from the keyboard: its handle is focusable and takes arrow keys."""
    page.locator(handle_selector).first.focus()
    for _ in range(times):
        page.keyboard.press(key)


def ttl_slider_moves_the_timeline(page) -> None:
    from playwright.sync_api import expect

    view = page.locator(".course-06-timeline").first
    expect(view).to_contain_text("t = 0 s: fresh: EUR; expired: none")
    press(page, ".course-06-clock .noUi-handle", "ArrowRight", 13)
    expect(view).to_contain_text("t = 13 s: fresh: EUR; expired: USD")


def lru_stepper_steps_resets_and_resizes(page) -> None:
    from playwright.sync_api import expect

    view, counters = page.locator(".course-03-cache-view").first, page.locator(".course-03-counters").first
    expect(view).to_contain_text("Step 0")
    page.locator(".course-03-step").first.click()
    expect(view).to_contain_text("Step 1")
    expect(counters).to_contain_text("misses 1")
    page.locator(".course-03-reset").first.click()
    expect(view).to_contain_text("Step 0")
    size = page.locator(".course-03-maxsize input").first
    size.fill("5")
    size.press("Enter")
    expect(counters).to_contain_text("of maxsize 5")


def hit_rate_explorer_follows_its_slider(page) -> None:
    from playwright.sync_api import expect

    readout = page.locator(".course-03-hit-rate").first
    expect(readout).to_contain_text("maxsize = 32")
    press(page, ".course-03-explorer-maxsize .noUi-handle", "ArrowRight", 1)
    expect(readout).to_contain_text("maxsize = 33")


def maxsize_explorer_replays_at_the_new_size(page) -> None:
    from playwright.sync_api import expect

    readout = page.locator(".course-04-readout").first
    expect(readout).to_contain_text("maxsize=140")
    press(page, ".course-04-maxsize .noUi-handle", "ArrowRight", 1)
    expect(readout).to_contain_text("maxsize=150")


LESSONS: dict[str, Expect] = {
    "01_memoization": Expect(images=1),
    "02_lru_cache": Expect(images=1),
    "03_lru_eviction": Expect(images=1, interactions=[lru_stepper_steps_resets_and_resizes,
                                                      hit_rate_explorer_follows_its_slider]),
    "04_cache_info_tuning": Expect(images=1, interactions=[maxsize_explorer_replays_at_the_new_size]),
    "05_pitfalls": Expect(images=2),
    "06_ttl": Expect(images=1, interactions=[ttl_slider_moves_the_timeline]),
    "07_threads_asyncio": Expect(images=1),
    "08_beyond_one_process": Expect(),  # no plots; it starts processes and its own Redis server
}

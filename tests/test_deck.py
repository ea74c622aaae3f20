"""The offline deck (`python3 course.py slides`): written by nbconvert with every asset beside it, then
opened in headless Chromium with every request that leaves the machine blocked. Every slide must
render, nothing may even try to load from outside, and the speaker-notes window must open and show the
notes."""
from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest
from browser_support import launch, require_chromium

from lessons.authoring import notebook as nbio
from lessons.authoring.deck import write_deck
from lessons.authoring.talk import TALK, slides

pytestmark = pytest.mark.browser
require_chromium()

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """The deck, served over HTTP on 127.0.0.1 (as a speaker might serve it; file:// works too)."""
    out = tmp_path_factory.mktemp("deck")
    page = write_deck(out)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{page.name}"
    server.shutdown()
    server.server_close()


def test_the_deck_refers_to_nothing_outside_its_folder(deck, tmp_path):
    html = write_deck(tmp_path).read_text()
    for attribute in ("src=", "href="):
        for value in html.split(attribute)[1:]:
            target = value[1:value.index(value[0], 1)]
            if target.startswith(("data:", "#")) or attribute == "href=" and "docs.python.org" in target:
                continue  # inline images, anchors, and the one link the last slide offers to click
            assert "://" not in target and not target.startswith("//"), f"{attribute}{target}"


def test_every_slide_renders_offline_and_the_speaker_notes_open(deck):
    expected = slides(nbio.read(TALK))
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        blocked, errors = [], []

        def only_loopback(route):
            url = urlsplit(route.request.url)
            if url.scheme in ("data", "blob", "about") or url.hostname in LOOPBACK:
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_loopback)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(deck)
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)
        assert page.evaluate("Reveal.getTotalSlides()") == len(expected)
        for index, slide in enumerate(expected):
            page.evaluate(f"Reveal.slide({index})")
            current = page.locator(".reveal .slides > section.present")
            title = slide.title.replace("`", "")
            assert title.lower() in current.inner_text().lower(), f"slide {index + 1}: {title!r} not shown"
            assert current.locator("aside.notes").count() == 1, f"slide {index + 1}: no speaker notes"
            for image in current.locator("img").all():
                assert image.evaluate("img => img.complete && img.naturalWidth > 0"), f"slide {index + 1}"
        page.evaluate("Reveal.slide(0)")
        with context.expect_page(timeout=30_000) as opened:
            page.keyboard.press("s")
        notes = opened.value
        notes.wait_for_load_state()
        expect(notes.locator(".speaker-controls-notes")).to_contain_text(f"{expected[0].seconds} s", timeout=30_000)
        browser.close()
    assert not blocked, f"the deck tried to load from outside the machine: {blocked}"
    assert not errors, errors


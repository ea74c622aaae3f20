"""The course in a real browser: JupyterLab on 127.0.0.1, driven in Debian's headless Chromium by
Playwright. Each learner notebook is opened, the kernel is awaited until the status bar says Idle,
Run All is clicked, and then: no cell shows an error, the expected plots are there, and the lesson's
widgets respond to input. The lightning talk is run the same way and then shown as a RISE slideshow,
stepped through to its last slide, with a screenshot of every slide in tests/_artifacts/talk/.

Where the time goes, and what is shared: one server and ONE JupyterLab page for every notebook (loading
the app costs as much as running a lesson, so it is loaded once; each notebook is opened in it by the
app's own command, after the previous one is closed and its kernel shut down), and the next notebook's
kernel is started while the current one runs, so that "kernel idle" is usually true on arrival. No
fixed sleeps: every wait is on an event (status bar Idle, every prompt numbered, a widget's text).

The server runs on a copy of notebooks/ and talk/, so nothing here can overwrite a learner's files.
Skipped when /usr/bin/chromium is missing, unless COURSE_REQUIRE_BROWSER=1 (CI sets it), where a
missing browser is a failure.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_support import launch, require_chromium

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser
require_chromium()

from browser_lessons import LESSONS  # noqa: E402  (what each lesson must show, and how to poke its widgets)

from lessons.authoring import notebook as nbio  # noqa: E402
from lessons.authoring.talk import TALK, slides  # noqa: E402

# Every notebook the test opens, in order: the lessons, the talk, the harness's negative control.
ORDER = [f"notebooks/{name}.ipynb" for name in sorted(LESSONS)] + ["talk/lightning_talk.ipynb",
                                                                   "notebooks/zz_selftest.ipynb"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a copy of notebooks/ and talk/, with notebook windowing off so every cell
    is in the page, the app exposed to the page's scripts (to open notebooks by command), and no
    workspace or news state carried over from anywhere."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", home / "course" / "notebooks")
    shutil.copytree(ROOT / "talk", home / "course" / "talk")
    (home / "course" / "notebooks" / "zz_selftest.ipynb").write_text(SELFTEST)
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    news = home / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={home / 'course'}", f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = open(home / "server.log", "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start:\n" + (home / "server.log").read_text()[-3000:])
            time.sleep(0.25)  # polling a server that is starting: the one wait that is not a race
    yield base, token
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def start_kernel(base: str, token: str, path: str) -> None:
    """Start the notebook's kernel before the notebook is opened: JupyterLab then connects to this
    session (it finds sessions by path) instead of starting one and waiting for it."""
    body = json.dumps({"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
    request = urllib.request.Request(f"{base}/api/sessions?token={token}", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60):
        pass


@pytest.fixture(scope="module")
def app(lab, browser):
    """One JupyterLab page for every notebook: the app is loaded once."""
    base, token = lab
    start_kernel(base, token, ORDER[0])
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # the talk opens a second page
    page = context.new_page()
    page.goto(f"{base}/lab?reset&token={token}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=120_000)
    page.locator(".jp-LauncherCard, .jp-Launcher, .jp-DirListing").first.wait_for(timeout=120_000)
    yield page, base, token
    context.close()


# JupyterLab renders a traceback, like anything written to stderr, with the stderr mime type (there is
# no element for "application/vnd.jupyter.error"); lessons write nothing to stderr, so any is an error.
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

ALL_PROMPTS_NUMBERED = """() => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def wait_for_idle_kernel(page, timeout_ms: int) -> None:
    # The status bar's kernel item says "Python 3 (ipykernel) | Idle" only once the kernel is really
    # connected and idle; the toolbar's circle can look idle earlier.
    page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=timeout_ms)


# Close every open document without asking to save (Run All made them dirty) and shut their kernels
# down, so that only one notebook is ever in the page and no kernel outlives its test.
CLOSE_ALL = """async () => {
    const app = window.jupyterapp;
    for (const widget of Array.from(app.shell.widgets('main'))) {
        if (widget.context) {
            widget.context.model.dirty = false;
            if (widget.sessionContext && widget.sessionContext.session) {
                await widget.sessionContext.shutdown();
            }
        }
        widget.dispose();
    }
}"""

OPEN = """async (path) => {
    const widget = await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await widget.context.ready;
}"""


# The status bar's "Idle" comes from the kernel's status broadcasts; an execute request goes over the
# shell channel of the page's own connection. Run All is clicked only after one request has made the round
# trip on that connection, so that its requests cannot be sent into a connection that is still settling.
KERNEL_ANSWERS = """async (timeout) => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.sessionContext.ready;
    const kernel = panel.sessionContext.session.kernel;
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error(
        `no kernel_info reply in ${timeout} ms (connection: ${kernel.connectionStatus}, status: ${kernel.status})`)),
        timeout));
    await Promise.race([kernel.requestKernelInfo(), late]);
}"""

# What the page shows when Run All has not finished: how many prompts are numbered, queued ([*]) or
# empty, and what the kernel says, so that a stall can be told from a slow cell or an error.
RUN_STATE = """() => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
    const text = prompts.map(p => p.textContent.trim());
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
    return {cells: text.length, numbered: text.filter(t => /\\[\\d+\\]/.test(t)).length,
            queued: text.map((t, i) => t.includes('*') ? i + 1 : 0).filter(Boolean),
            kernel: kernel ? `${kernel.status}, ${kernel.connectionStatus}` : 'none'};
}"""


def start_run_all(app, path: str) -> None:
    """Open the notebook in the one page, start the next notebook's kernel, wait until this one's kernel
    is idle, and click Run > Run All Cells."""
    page, base, token = app
    page.evaluate(CLOSE_ALL)
    page.evaluate(OPEN, path)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    current_tab = page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=Path(path).name)
    current_tab.first.wait_for(timeout=30_000)
    assert page.locator(".jp-NotebookPanel").count() == 1, "more than one notebook open: Run All could miss"
    following = ORDER[ORDER.index(path) + 1:]
    if following:
        start_kernel(base, token, following[0])  # it starts while this notebook runs
    wait_for_idle_kernel(page, 90_000)
    page.evaluate(KERNEL_ANSWERS, 60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def run_all(app, path: str) -> None:
    start_run_all(app, path)
    page = app[0]
    try:
        page.wait_for_function(ALL_PROMPTS_NUMBERED, timeout=90_000)
    except Exception as error:
        raise AssertionError(f"Run All of {path} did not finish: {page.evaluate(RUN_STATE)}") from error
    wait_for_idle_kernel(page, 60_000)


def check_no_errors(page) -> None:
    errors = page.locator(ERROR_OUTPUT)
    assert errors.count() == 0, "error output:\n" + "\n---\n".join(errors.all_inner_texts())[:3000]


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_run_all_in_jupyterlab(app, name):
    if not (ROOT / "notebooks" / f"{name}.ipynb").exists():
        pytest.fail(f"browser_lessons.py lists {name}, but notebooks/{name}.ipynb does not exist")
    page = app[0]
    expected = LESSONS[name]
    try:
        run_all(app, f"notebooks/{name}.ipynb")
        check_no_errors(page)
        # a figure arrives as HTML (<img alt=...>, preferred by JupyterLab over its PNG): every plot has alt text
        images = page.locator(".jp-OutputArea-output img[src^='data:image/png']")
        assert images.count() >= expected.images, f"expected at least {expected.images} plots, found {images.count()}"
        figures = page.locator(".jp-OutputArea-output.jp-RenderedHTMLCommon img[src^='data:image/png']")
        assert all(figures.nth(i).get_attribute("alt") for i in range(figures.count())), "a figure without alt text"
        for interaction in expected.interactions:
            interaction(page)
    except Exception:
        page.screenshot(path=str(artifacts() / f"{name}.png"))
        raise


# What a slide of the RISE slideshow is: the section reveal.js shows now (the innermost when nested).
PRESENT = ".reveal .slides section.present:not(.stack)"
AT_THE_END = """() => {
    const hidden = document.querySelectorAll('.reveal .slides section.present .fragment:not(.visible)');
    const all = document.querySelectorAll('.reveal .slides > section');
    const last = all[all.length - 1];
    return hidden.length === 0 && last && last.classList.contains('present');
}"""


def test_the_talk_runs_live_as_a_rise_slideshow(app):
    """Run All, then RISE's slideshow (its own command, as the toolbar button runs it): every slide is
    visited, none shows an error, and each is photographed for a person to look at."""
    page = app[0]
    expected = slides(nbio.read(TALK))
    folder = artifacts() / "talk"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    run_all(app, "talk/lightning_talk.ipynb")
    check_no_errors(page)
    page.evaluate("() => window.jupyterapp.commands.execute('RISE:preview')")
    preview = page.locator("iframe[src*='/rise/']")
    page.frame_locator("iframe[src*='/rise/']").locator(PRESENT).first.wait_for(timeout=60_000)
    # The preview is a side panel; the speaker shows the same page full screen. Step through it at a
    # projector's size, so the screenshots show what the room will see.
    show = page.context.new_page()  # the same context: it carries the login cookie
    show.set_viewport_size({"width": 1280, "height": 720})
    try:
        show.goto(preview.first.evaluate("frame => frame.src"))
        show.locator(PRESENT).first.wait_for(timeout=60_000)
        seen: list[str] = []
        for _step in range(60):  # slides plus fragments; far more than the talk has
            title = show.locator(PRESENT).first.inner_text().strip().split("\n")[0]
            if not seen or seen[-1] != title:
                seen.append(title)
            show.screenshot(path=str(folder / f"slide-{len(seen):02}.png"))  # the last step of each slide
            assert show.locator(ERROR_OUTPUT).count() == 0, f"error output on slide {len(seen)}"
            if show.evaluate(AT_THE_END):
                break
            show.keyboard.press("Space")
    finally:
        show.close()
    assert len(seen) == len(expected), f"the slideshow showed {len(seen)} slides, the talk has {len(expected)}: {seen}"


SELFTEST = """{"cells": [
 {"cell_type": "code", "execution_count": null, "id": "ok", "metadata": {}, "outputs": [], "source": ["1 + 1"]},
 {"cell_type": "code", "execution_count": null, "id": "boom", "metadata": {}, "outputs": [],
  "source": ["raise ValueError('the harness must see this')"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}"""


def test_the_harness_sees_an_error_when_there_is_one(app):
    """A negative control: Run All stops at the first error (so later prompts stay empty); the test
    must then time out waiting or find the error output, never pass silently."""
    page = app[0]
    start_run_all(app, "notebooks/zz_selftest.ipynb")
    errors = page.locator(ERROR_OUTPUT)
    errors.first.wait_for(timeout=60_000)
    assert "ValueError: the harness must see this" in errors.first.inner_text()
    state = page.evaluate(RUN_STATE)  # what a stalled Run All would report: here, both cells ran
    assert (state["cells"], state["numbered"], state["queued"]) == (2, 2, []), state
    assert state["kernel"].endswith("connected"), state
    page.evaluate(CLOSE_ALL)


def artifacts() -> Path:
    folder = ROOT / "tests" / "_artifacts"
    folder.mkdir(exist_ok=True)
    return folder

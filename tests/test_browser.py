"""The course in a real browser: JupyterLab on 127.0.0.1, driven in Debian's headless Chromium by
Playwright. Each learner notebook is opened, the kernel is awaited until the status bar says Idle,
Run All is clicked, and then: no cell shows an error, the expected plots are there, and the lesson's
widgets respond to input.

The server runs on a copy of notebooks/, so nothing here can overwrite a learner's files.
Skipped when /usr/bin/chromium is missing, unless COURSE_REQUIRE_BROWSER=1 (CI sets it), where a
missing browser is a failure.
"""
from __future__ import annotations

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

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))  # e.g. /usr/bin/chromium-browser

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"COURSE_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
    pytest.skip(f"no {CHROMIUM}: install Debian's chromium (or set COURSE_CHROMIUM) to run the browser test",
                allow_module_level=True)

from browser_lessons import LESSONS  # noqa: E402  (what each lesson must show, and how to poke its widgets)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a copy of notebooks/, with notebook windowing off so every cell is in
    the page, and no workspace or news state carried over from anywhere."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    (home / "notebooks" / "zz_selftest.ipynb").write_text(SELFTEST)
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
        f"--ServerApp.root_dir={home / 'notebooks'}", f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
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
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


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


def start_run_all(page, base: str, token: str, name: str) -> None:
    """Open the notebook, wait until its kernel is idle, and click Run > Run All Cells.

    Each notebook gets a workspace of its own: the server remembers a workspace's open tabs, and a tab
    restored from an earlier test could be the current one when Run All is clicked."""
    page.goto(f"{base}/lab/workspaces/{name}/tree/{name}.ipynb?reset&token={token}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    current_tab = page.locator(".lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel", has_text=f"{name}.ipynb")
    current_tab.first.wait_for(timeout=30_000)
    assert page.locator(".jp-NotebookPanel").count() == 1, "more than one notebook open: Run All could miss"
    wait_for_idle_kernel(page, 90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def run_all(page, base: str, token: str, name: str) -> None:
    start_run_all(page, base, token, name)
    page.wait_for_function(ALL_PROMPTS_NUMBERED, timeout=90_000)
    wait_for_idle_kernel(page, 60_000)


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_run_all_in_jupyterlab(lab, browser, name, tmp_path):
    if not (ROOT / "notebooks" / f"{name}.ipynb").exists():
        pytest.fail(f"browser_lessons.py lists {name}, but notebooks/{name}.ipynb does not exist")
    base, token = lab
    expected = LESSONS[name]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        run_all(page, base, token, name)
        errors = page.locator(ERROR_OUTPUT)
        assert errors.count() == 0, "error output:\n" + "\n---\n".join(errors.all_inner_texts())[:3000]
        images = page.locator(".jp-OutputArea-output.jp-RenderedImage img")
        assert images.count() >= expected.images, f"expected at least {expected.images} plots, found {images.count()}"
        for interaction in expected.interactions:
            interaction(page)
    except Exception:
        page.screenshot(path=str(ROOT / "tests" / "_artifacts" / f"{name}.png") if _artifacts() else None)
        raise
    finally:
        page.close()


SELFTEST = """{"cells": [
 {"cell_type": "code", "execution_count": null, "id": "ok", "metadata": {}, "outputs": [], "source": ["1 + 1"]},
 {"cell_type": "code", "execution_count": null, "id": "boom", "metadata": {}, "outputs": [],
  "source": ["raise ValueError('the harness must see this')"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}"""


def test_the_harness_sees_an_error_when_there_is_one(lab, browser):
    """A negative control: Run All stops at the first error (so later prompts stay empty); the test
    must then time out waiting or find the error output, never pass silently."""
    base, token = lab
    page = browser.new_page()
    try:
        start_run_all(page, base, token, "zz_selftest")
        errors = page.locator(ERROR_OUTPUT)
        errors.first.wait_for(timeout=60_000)
        assert "ValueError: the harness must see this" in errors.first.inner_text()
    finally:
        page.close()


def _artifacts() -> bool:
    (ROOT / "tests" / "_artifacts").mkdir(exist_ok=True)
    return True

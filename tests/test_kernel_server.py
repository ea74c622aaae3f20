"""The grader's kernel server: kernels forked from it start clean (nothing one submission did reaches the
next), hold none of the server's file descriptors, still fall back to a Popen'd kernel without it, and
nothing of a grading run outlives a grader killed from outside. (That graded kernels behave as before -
interrupts, deadlines, a dead kernel, MemoryError, input(), the output cap - is test_grading.py's.)"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import nbformat
import pytest

from lessons.grading import execute, kernel_server

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel server is Linux-only")


@pytest.fixture(scope="module")
def server():
    with kernel_server.running() as path:
        assert path is not None
        yield path


def executed(tmp_path: Path, *sources: str, server: str | None) -> nbformat.NotebookNode:
    """A notebook of these cells, run in a fresh kernel (forked from ``server`` if given)."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(textwrap.dedent(s)) for s in sources])
    workdir = tmp_path / f"run{len(list(tmp_path.iterdir()))}"
    workdir.mkdir()
    ran = execute.run(notebook, workdir, cell_timeout=30, timeout=120, memory_mb=2048, output_cap=100_000,
                      kernel_server=server)
    assert ran.problems == [] and ran.died_in is None, ran
    return notebook


def run(tmp_path: Path, *sources: str, server: str | None) -> list[str]:
    """Each cell's printed text."""
    return ["".join(o.get("text", "") for o in cell.outputs).strip()
            for cell in executed(tmp_path, *sources, server=server).cells]


PARENT = 'import os; print(open(f"/proc/{os.getppid()}/cmdline").read().replace(chr(0), " "))'


def test_a_module_level_change_in_one_kernel_is_absent_from_the_next(tmp_path, server):
    change = """
        import json, random, lessons.tools.counting as counting
        counting.CHANGED = json.CHANGED = "by the first submission"
        print(random.random())
    """
    look = """
        import json, random, lessons.tools.counting as counting
        print(hasattr(counting, "CHANGED"), hasattr(json, "CHANGED"), random.random())
    """
    parent, first = run(tmp_path, PARENT, change, server=server)
    assert "lessons.grading.kernel_server" in parent  # forked, not started on its own
    parent, second = run(tmp_path, PARENT, look, server=server)
    assert "lessons.grading.kernel_server" in parent
    absent_here, absent_there, drawn = second.split()
    assert (absent_here, absent_there) == ("False", "False")
    assert drawn != first  # the random module is reseeded in each child, not shared from the server


def test_a_kernel_holds_none_of_the_servers_descriptors(tmp_path, server):
    shared = """
        import os
        def links(pid):
            folder = f"/proc/{pid}/fd"
            found = set()
            for fd in os.listdir(folder):
                try:
                    found.add(os.readlink(f"{folder}/{fd}"))
                except OSError:
                    pass
            return found
        mine, servers = links("self"), links(os.getppid())
        # anon_inode links name a kind, not an instance: the kernel's own epoll looks like the server's
        print(sorted(link for link in mine & servers if not link.startswith(("/dev/", "anon_inode:"))) or "none",
              sum(link == "anon_inode:[pidfd]" for link in mine))
        print(sorted(int(fd) for fd in os.listdir("/proc/self/fd"))[:3])
    """
    parent, printed = run(tmp_path, PARENT, shared, server=server)
    assert "lessons.grading.kernel_server" in parent
    common, low = printed.splitlines()
    # the listening socket, the other kernels' connections and pidfds, the server's log: none shared
    assert common == "none 0"
    assert low == "[0, 1, 2]"


def test_what_modules_set_up_on_import_in_a_kernel_is_set_up_in_a_forked_one(tmp_path, server):
    """lessons and ipywidgets were imported in the server, where no shell existed to set up."""
    figure = """
        import lessons
        from matplotlib.figure import Figure
        figure = Figure()
        figure.add_subplot().plot([1, 2])
        figure
    """
    widgets = """
        import ipywidgets
        print("jupyter.widget.control" in get_ipython().kernel.comm_manager.targets)
    """
    notebook = executed(tmp_path, PARENT, figure, widgets, server=server)
    assert "lessons.grading.kernel_server" in notebook.cells[0].outputs[0]["text"]
    assert {"image/png", "text/html"} <= set(notebook.cells[1].outputs[0]["data"])
    assert notebook.cells[2].outputs[0]["text"].strip() == "True"


def test_without_a_server_the_kernel_starts_on_its_own(tmp_path):
    [parent] = run(tmp_path, "import os; print(os.getppid())", server=str(tmp_path / "no-such-socket"))
    assert int(parent) == os.getpid()  # Popen'd by the worker (here: this test) itself


def test_the_server_forks_only_when_it_has_no_other_thread():
    ours, theirs = socket.socketpair()
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        server = kernel_server.Server(listener=socket.socket(socket.AF_UNIX))
        kernel = kernel_server.Kernel(ours)
        assert server._fork(kernel, {"cwd": "/", "env": {}, "connection_file": "x"}) is False
        assert "threads" in json.loads(theirs.recv(1000))["error"] and kernel.pid is None
    finally:
        release.set()
        thread.join()
        ours.close()
        theirs.close()


def _children(pid: int) -> list[int]:
    """Of every thread: the grader starts its workers from a pool's threads."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_killing_the_grader_leaves_no_server_worker_or_kernel(tmp_path):
    from grading_fixtures import code, inserted, tiny, write

    write(tmp_path / "in" / "ada" / "01_memoization.ipynb",
          inserted(tiny("solutions"), code("while True:\n    pass", "forever")))
    grader = subprocess.Popen([sys.executable, "-m", "lessons.grading", str(tmp_path / "in"), "--out",
                               str(tmp_path / "out"), "--jobs", "1", "--cell-timeout", "600", "--quiet"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, kernels = time.monotonic() + 120, []
        while not kernels and time.monotonic() < deadline:
            time.sleep(0.2)
            ours = _children(grader.pid)
            servers = [p for p in ours if "lessons.grading.kernel_server" in _cmdline(p)]
            workers = [p for p in ours if "lessons.grading.worker" in _cmdline(p)]
            kernels = [k for s in servers for k in _children(s)]
        assert kernels and servers and workers, "no forked kernel started"
    finally:
        os.kill(grader.pid, signal.SIGKILL)
        grader.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, servers + workers + kernels)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in servers + workers + kernels if _alive(p)]

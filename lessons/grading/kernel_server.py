"""The kernel fork-server: one process per grading run that has already imported what every kernel
imports (ipykernel's kernel app, IPython, matplotlib, ipywidgets, and the course modules the lessons'
first cells import) and, on request, forks a child that becomes a fresh kernel. A kernel then starts in
a fraction of the time a new interpreter takes to import all that.

    python -m lessons.grading.kernel_server FOLDER     (FOLDER: private, 0700; the socket is FOLDER/socket)

The server NEVER runs submission code, so every child starts from the same state: the one the imports
left, as a new kernel would have it. It only reads small JSON requests from the grader's workers over a
Unix socket in a private folder, one connection per kernel:

    -> {"cwd": ..., "env": {...}, "memory_mb": N or null, "connection_file": ...}
    <- {"pid": N}  with the child's pidfd attached (SCM_RIGHTS), or {"error": "..."}
    -> {"signal": N}   <- {"signalled": true|false}   (to the kernel's process group)
    <- {"exit": code}  when the kernel has ended (the server reaps it)

The pidfd is opened by the server while the child cannot yet have been reaped, so the worker holds a
handle that can never point at a reused pid; group signals go through the server, the one process that
knows whether the child was reaped. When a connection closes (its worker finished, or died), the
server kills what is left of that kernel's process group.

The server binds its socket before it imports, so workers may connect at once: their requests wait in
the listen queue while the imports finish. It is started (and stopped) by ``schedule``, bound to the
grader's life with PR_SET_PDEATHSIG, and its children are bound to the server's the same way.
"""
from __future__ import annotations

import ast
import contextlib
import ctypes
import gc
import importlib.util
import json
import os
import random
import resource
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PR_SET_PDEATHSIG = 1
ROOT = Path(__file__).resolve().parents[2]
# Third-party modules every kernel imports as it starts, or a lesson's first cell needs (the course's own
# modules are read from the lessons' first cells).
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython",
                  "IPython.core.completer", "jupyter_client.session", "matplotlib", "matplotlib.figure",
                  "matplotlib.backends.backend_agg", "ipywidgets", "comm")


def lesson_modules(root: Path = ROOT) -> list[str]:
    """The modules the lessons' first code cells import (read with ast, never run), course and other."""
    found: list[str] = []
    for path in sorted((root / "solutions").glob("[0-9][0-9]_*.ipynb")):
        cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
        source = "".join(cells[0]["source"]) if cells else ""
        for node in ast.walk(ast.parse(source)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module, *(f"{node.module}.{a.name}" for a in node.names if _is_module(node.module, a.name))]
                     if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            found += [n for n in names if n not in found]
    return found


def _is_module(package: str, name: str) -> bool:
    """Whether ``from package import name`` imports a submodule (``from lessons.tools import traces``)."""
    try:
        return importlib.util.find_spec(f"{package}.{name}") is not None
    except (ImportError, AttributeError, ValueError):
        return False


def warm() -> list[str]:
    """Import what the kernels will import; the names that failed (a kernel will fail on them itself)."""
    import matplotlib

    matplotlib.use("Agg")  # what MPLBACKEND says for the kernels too; no figure is made, pyplot keeps no state
    failed = []
    for name in (*KERNEL_MODULES, *lesson_modules()):
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - an import error is the kernel's to report, not the server's
            failed.append(name)
    return failed


def after_shell_exists() -> None:
    """Redo what modules do when they are imported *inside* IPython: in the server they were imported
    with no shell, and in a kernel their import is now a no-op."""
    import ipywidgets

    import lessons

    ipywidgets._handle_ipython()        # registers the widget comm target with this kernel
    lessons._show_figures_as_images()   # lessons' figures shown as PNG + alt text


@dataclass
class Kernel:
    conn: socket.socket
    buffer: bytes = b""
    pid: int | None = None
    pidfd: int | None = None   # open until the child is reaped
    closed: bool = False


@dataclass
class Launch:
    """What a child does after the fork: become this kernel."""
    cwd: str
    env: dict[str, str]
    memory_mb: int | None
    connection_file: str


def _well_formed(request: dict) -> bool:
    env = request.get("env")
    return (isinstance(request.get("cwd"), str) and isinstance(request.get("connection_file"), str)
            and isinstance(env, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
            and (request.get("memory_mb") is None or isinstance(request.get("memory_mb"), int)))


@dataclass
class Server:
    listener: socket.socket
    selector: selectors.BaseSelector = field(default_factory=selectors.DefaultSelector)
    kernels: list[Kernel] = field(default_factory=list)

    def serve(self) -> Launch:
        """Answer requests until the process is killed; returns only in a forked child, with its launch."""
        self.selector.register(self.listener, selectors.EVENT_READ, None)
        while True:
            for key, _ in self.selector.select():
                if key.data is None:
                    conn, _ = self.listener.accept()
                    kernel = Kernel(conn)
                    self.kernels.append(kernel)
                    self.selector.register(conn, selectors.EVENT_READ, ("conn", kernel))
                    continue
                kind, kernel = key.data
                if kind == "pidfd":
                    self._reap(kernel)
                    continue
                launch = self._read(kernel)
                if launch is not None:
                    return launch

    def _read(self, kernel: Kernel) -> Launch | None:
        try:
            data = kernel.conn.recv(1 << 16)
        except OSError:
            data = b""
        if not data:
            self._closed(kernel)
            return None
        kernel.buffer += data
        while b"\n" in kernel.buffer:
            line, kernel.buffer = kernel.buffer.split(b"\n", 1)
            try:
                request = json.loads(line)
            except ValueError:
                self._send(kernel, {"error": "not JSON"})
                continue
            if "signal" in request:
                self._signal(kernel, int(request["signal"]))
            elif not _well_formed(request):
                self._send(kernel, {"error": "a launch needs cwd, env, memory_mb and connection_file"})
            elif kernel.pid is None:
                if self._fork(kernel, request):
                    return self._launch_in_child(request)
            else:
                self._send(kernel, {"error": "one kernel per connection"})
        return None

    def _fork(self, kernel: Kernel, request: dict) -> bool:
        """Fork a child for ``request``: True in the child."""
        # fork() copies only the calling thread: a lock another thread held (the import lock, logging's,
        # a C library's malloc arena) would stay locked for ever in the child. The server starts no thread,
        # and an import that did must not make every kernel hang: refuse, so the worker launches its own.
        if threading.active_count() != 1:
            self._send(kernel, {"error": f"the server has {threading.active_count()} threads; it forks only "
                                         f"with one"})
            return False
        try:
            pid = os.fork()
        except OSError as exc:
            self._send(kernel, {"error": f"fork failed: {exc}"})
            return False
        if pid == 0:
            return True
        # Opened before the child can be reaped (only this process reaps it), so it names this child for good.
        kernel.pid, kernel.pidfd = pid, os.pidfd_open(pid)
        self.selector.register(kernel.pidfd, selectors.EVENT_READ, ("pidfd", kernel))
        try:
            socket.send_fds(kernel.conn, [json.dumps({"pid": pid}).encode() + b"\n"], [kernel.pidfd])
        except OSError:
            self._closed(kernel)
        return False

    def _signal(self, kernel: Kernel, signum: int) -> None:
        sent = False
        if kernel.pidfd is not None:  # not yet reaped: its pid, which is its group's id, is still its own
            try:
                os.killpg(kernel.pid, signum)
                sent = True
            except OSError:
                pass
        self._send(kernel, {"signalled": sent})

    def _reap(self, kernel: Kernel) -> None:
        _, status = os.waitpid(kernel.pid, 0)
        self.selector.unregister(kernel.pidfd)
        os.close(kernel.pidfd)
        kernel.pidfd = None
        self._send(kernel, {"exit": os.waitstatus_to_exitcode(status)})
        self._forget(kernel)

    def _closed(self, kernel: Kernel) -> None:
        """The worker is done with this kernel, or dead: nothing of the kernel may outlive it."""
        if not kernel.closed:
            kernel.closed = True
            self.selector.unregister(kernel.conn)
            kernel.conn.close()
        if kernel.pidfd is not None:
            try:
                os.killpg(kernel.pid, signal.SIGKILL)
            except OSError:
                pass
        self._forget(kernel)

    def _forget(self, kernel: Kernel) -> None:
        if kernel.closed and kernel.pidfd is None and kernel in self.kernels:
            self.kernels.remove(kernel)

    def _send(self, kernel: Kernel, message: dict) -> None:
        if kernel.closed:
            return
        try:
            kernel.conn.sendall(json.dumps(message).encode() + b"\n")
        except OSError:
            self._closed(kernel)

    def _launch_in_child(self, request: dict) -> Launch:
        """In the child, at once: its own session, bound to the server's life, none of the server's fds,
        the requested directory, environment and memory limit."""
        os.setsid()  # its own process group: an interrupt or a kill reaches the kernel and what it started
        server = os.getppid()
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != server:  # the server died before the line above: so must this child
            os._exit(1)
        # Close the server's sockets through their objects first (so nothing closes a reused number later),
        # then every other fd but 0-2, which become /dev/null: a kernel talks over its ZeroMQ sockets only.
        self.selector.close()
        self.listener.close()
        for other in self.kernels:
            other.conn.close()
            if other.pidfd is not None:
                os.close(other.pidfd)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        memory_mb = request.get("memory_mb")
        if memory_mb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # As jupyter_client's launcher says to a kernel it starts: the parent to watch (ipykernel exits when
        # it is gone), here the server; the worker's end is the server's to act on (see _closed).
        os.environ["JPY_PARENT_PID"] = str(server)
        # Every child shares the server's hash seed (PYTHONHASHSEED is fixed when an interpreter starts):
        # set and dict-of-str orders agree between kernels of one run, which grading never relies on (the
        # answers are graded in a fresh interpreter). The random module's state, though, is reseeded, or
        # every kernel of the run would draw the same "random" numbers.
        random.seed()
        if "numpy.random" in sys.modules:
            sys.modules["numpy.random"].seed()
        return Launch(request["cwd"], request["env"], memory_mb, request["connection_file"])


def run_kernel(launch: Launch) -> int:
    """Become a kernel, as ``python -m ipykernel_launcher -f CONNECTION_FILE`` does."""
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = [sys.executable, "-f", launch.connection_file]
    app = IPKernelApp.instance()
    app.initialize(["-f", launch.connection_file])
    after_shell_exists()
    app.start()
    return 0


@contextlib.contextmanager
def running(say=lambda text: print(text, file=sys.stderr)) -> Iterator[str | None]:
    """The socket of a kernel server started for the block, or None where there is none (not Linux, or it
    did not start), and then kernels start the usual way; said once, as is a server that died on the way."""
    if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
        yield None
        return
    from lessons.grading.limits import child_env, limited

    folder = Path(tempfile.mkdtemp(prefix="course-kernels-"))  # mkdtemp: 0700, so only this user can connect
    log = open(folder / "server.log", "wb")  # noqa: SIM115 - open for the server's whole life
    # The server's environment is the kernels' (less each kernel's own additions): a module that reads
    # the environment as it is imported reads in the server what it would have read in a kernel.
    server = subprocess.Popen(limited([sys.executable, "-m", "lessons.grading.kernel_server", str(folder)], None),
                              cwd=folder, env=child_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=log, start_new_session=True)  # a Ctrl-C at the terminal is the grader's
    path = folder / "socket"
    deadline = time.monotonic() + 30
    while not path.exists() and server.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        if path.exists():
            yield str(path)
        else:
            say("kernel server did not start: every kernel starts on its own (slower)")
            yield None
        if server.poll() is not None and path.exists():
            say(f"kernel server stopped during the run (exit {server.returncode}): the kernels after that "
                f"started on their own (slower)")
    finally:
        server.kill()
        server.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / "socket"))
    listener.listen(64)
    failed = warm()
    if failed:
        print(f"kernel server: could not import {', '.join(failed)}", file=sys.stderr, flush=True)
    # ipykernel_launcher drops its own directory from sys.path and IPython puts '' back; so for the children.
    del sys.path[0]
    # What the imports made lives as long as any kernel: out of the collector's sight (the gc docs' advice
    # for a pre-fork server), so a kernel's collections neither walk nor copy-on-write the server's pages.
    gc.freeze()
    launch = Server(listener).serve()
    return run_kernel(launch)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

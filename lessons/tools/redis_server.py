"""A throwaway Redis server for lesson 08: started by the course, on this machine only, and gone after.

    with RedisServer() as server:          # or: server = shared_server(), stopped when Python exits
        r = server.client()                # a redis-py client for it
        r.set("greeting", "hello", ex=60)

``RedisServer`` runs a real ``redis-server`` binary (Debian's ``apt-get install redis-server``, or any
on ``PATH``; ``COURSE_REDIS_SERVER`` names another) bound to 127.0.0.1 on a free port, with no
persistence (``--save '' --appendonly no``) and its working directory in a fresh temporary folder. It
is ready when it answers ``PING``: the socket is polled until a deadline, with a growing pause between
tries that is spent waiting on the server process (so a server that dies is noticed at once). It is
stopped by ``stop()``, by leaving the ``with`` block, or at interpreter exit (``atexit``): a kernel that
shuts down takes its server with it. A kernel that is *killed* runs no atexit handler (nbval and
JupyterLab's "shut down" both kill kernels), so on Linux the server is also asked, with
``prctl(PR_SET_PDEATHSIG)``, to receive SIGTERM when the thread that started it dies.

Without a ``redis-server`` binary it starts fakeredis's TCP server in a child Python instead, so that a
lesson still runs on a fresh laptop; that server is a *stand-in* (a Python imitation of Redis, not
Redis) and says so in its ``repr`` and ``label``. ``COURSE_REQUIRE_REDIS=1`` (CI sets it) turns a
missing binary into an error instead.
"""
from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"
STARTUP_TIMEOUT = 30.0   # seconds; a healthy server answers within milliseconds, the stand-in (a Python that
                         # imports fakeredis) within a second, but a machine under heavy load can take long
PORT_ATTEMPTS = 3        # a free port can be taken by someone else before the server binds it
INSTALL_HINT = ("install Redis to use the real thing: `sudo apt-get install redis-server` on Debian/Ubuntu, "
                "`brew install redis` on macOS, or set COURSE_REDIS_SERVER to a redis-server binary")

# The stand-in: fakeredis's TCP server, in its own process so that it is started and stopped exactly like
# the real one. It binds in the constructor, so it is listening before serve_forever() runs.
_STAND_IN = """
import sys
from fakeredis import TcpFakeServer
server = TcpFakeServer((sys.argv[1], int(sys.argv[2])), server_type="redis")
server.serve_forever()
"""


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
try:  # resolved here, in the parent: the child, between fork and exec, only makes the call
    _prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):
    _prctl = None


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the parent's starting thread dies (Linux only)."""
    _prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class RedisUnavailable(RuntimeError):
    """No redis-server binary, and COURSE_REQUIRE_REDIS=1 forbids the stand-in; or it would not start."""


def find_redis_server() -> str | None:
    """The redis-server binary to run: $COURSE_REDIS_SERVER, else the first on PATH, else None."""
    configured = os.environ.get("COURSE_REDIS_SERVER")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("redis-server")


def redis_required() -> bool:
    return os.environ.get("COURSE_REQUIRE_REDIS") == "1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def ping(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when something on host:port answers a RESP ``PING`` with ``+PONG``."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(b"*1\r\n$4\r\nPING\r\n")
            return s.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """One Redis server process on 127.0.0.1: real when a binary exists, else a labelled stand-in."""

    def __init__(self, binary: str | None = None, *, stand_in: bool | None = None,
                 startup_timeout: float = STARTUP_TIMEOUT):
        self.binary = binary or find_redis_server()
        if stand_in is None:
            stand_in = self.binary is None
        if stand_in and redis_required():
            raise RedisUnavailable(f"COURSE_REQUIRE_REDIS=1 but no redis-server binary was found: {INSTALL_HINT}")
        self.is_stand_in = stand_in
        self.startup_timeout = startup_timeout
        self.host = HOST
        self.port: int | None = None
        self.version: str | None = None
        self._process: subprocess.Popen | None = None
        self._folder: str | None = None
        self._lock = threading.Lock()

    # -- what it is ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    @property
    def label(self) -> str:
        """What a notebook prints: the kind of server, never its port (that changes every run)."""
        if self.is_stand_in:
            why = "no redis-server binary was found" if self.binary is None else "the stand-in was asked for"
            return (f"STAND-IN: fakeredis's TCP server (a Python imitation of Redis, not Redis), because {why}; "
                    f"{INSTALL_HINT}")
        return f"a real redis-server {self.version or ''}".rstrip() + ", on 127.0.0.1, no persistence"

    def __repr__(self) -> str:
        kind = "STAND-IN fakeredis TCP server" if self.is_stand_in else f"redis-server {self.version or '?'}"
        state = f"{self.host}:{self.port}" if self.running else "stopped"
        return f"<RedisServer: {kind}, {state}>"

    def client(self, **options):
        """A redis-py client for this server. Timeouts by default, so that no call can block forever."""
        import redis  # here, not at the top: the stand-in's child and plain imports stay light

        if not self.running:
            raise RedisUnavailable("the server is not running: call start() first")
        options.setdefault("socket_timeout", 5)
        options.setdefault("socket_connect_timeout", 5)
        return redis.Redis(host=self.host, port=self.port, **options)

    # -- its life --------------------------------------------------------------------------------------
    def start(self) -> RedisServer:
        with self._lock:
            if self.running:
                return self
            self._folder = tempfile.mkdtemp(prefix="course-redis-")  # owner-only (0o700) by mkdtemp
            problems = []
            for _ in range(PORT_ATTEMPTS):
                port = free_port()
                self._process = self._launch(port)
                problem = self._wait_until_ready(port)
                if problem is None:
                    self.port = port
                    atexit.register(self.stop)
                    return self
                problems.append(problem)
                self._terminate()
            self._remove_folder()
            raise RedisUnavailable(f"the Redis server did not start: {problems[-1]}")

    def _launch(self, port: int) -> subprocess.Popen:
        log = open(os.path.join(self._folder, "server.log"), "wb")  # a file, never a pipe nobody reads
        if self.is_stand_in:
            command = [sys.executable, "-c", _STAND_IN, self.host, str(port)]
        else:
            command = [self.binary, "--port", str(port), "--bind", self.host, "--save", "", "--appendonly", "no",
                       "--dir", self._folder, "--daemonize", "no", "--protected-mode", "yes"]
        try:
            # The death signal follows the *thread* that forks, so it is asked for only from the main thread
            # (where notebooks, pytest and the checks run); a server started elsewhere relies on atexit.
            tied = _prctl is not None and threading.current_thread() is threading.main_thread()
            return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    cwd=self._folder, preexec_fn=_die_with_parent if tied else None)
        finally:
            log.close()  # the child has its own copy of the descriptor

    def _wait_until_ready(self, port: int) -> str | None:
        """Poll with PING until the deadline; None when it answered, else what went wrong."""
        deadline = time.monotonic() + self.startup_timeout
        pause = 0.001
        while time.monotonic() < deadline:
            if ping(self.host, port):
                self.version = None if self.is_stand_in else self._server_version(port)
                return None
            try:  # the pause is spent waiting on the process: a server that exits is seen at once
                self._process.wait(timeout=pause)
                return f"it exited with status {self._process.returncode}: {self._log_tail()}"
            except subprocess.TimeoutExpired:
                pause = min(pause * 2, 0.05)
        return f"no answer to PING within {self.startup_timeout:g} s: {self._log_tail()}"

    def _server_version(self, port: int) -> str | None:
        try:
            with socket.create_connection((self.host, port), timeout=1) as s:
                s.sendall(b"*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n")
                data = b""
                while b"redis_version:" not in data or not data.endswith(b"\r\n"):
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
        except OSError:
            return None
        for line in data.decode(errors="replace").splitlines():
            if line.startswith("redis_version:"):
                return line.split(":", 1)[1].strip()
        return None

    def _log_tail(self, lines: int = 5) -> str:
        try:
            text = Path(self._folder, "server.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(text[-lines:]) or "(empty log)"

    def stop(self) -> None:
        with self._lock:
            self._terminate()
            self._remove_folder()
            self.port = None
        atexit.unregister(self.stop)

    def _terminate(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()  # SIGTERM: redis-server shuts down at once (and saves nothing: --save '')
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def _remove_folder(self) -> None:
        folder, self._folder = self._folder, None
        if folder:
            shutil.rmtree(folder, ignore_errors=True)

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_shared: RedisServer | None = None
_shared_lock = threading.Lock()


def shared_server() -> RedisServer:
    """This process's one course server, started on first use and stopped at exit. Lessons and exercise
    checks use it, so a kernel runs one server however many cells and checks need Redis."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.running:
            _shared = RedisServer().start()
        return _shared

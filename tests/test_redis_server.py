"""The throwaway Redis server of lesson 08 (lessons.tools.redis_server): a real redis-server on
127.0.0.1, on a free port, without persistence, ready when it answers PING, and gone when stopped, when
its ``with`` block ends, or when the Python that started it exits.

The tests of the real server are skipped, saying why, on a machine without a redis-server binary,
unless COURSE_REQUIRE_REDIS=1 (CI sets it), where a missing binary is a failure."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lessons.tools import redis_server
from lessons.tools.redis_server import RedisServer, RedisUnavailable, find_redis_server, ping

ROOT = Path(__file__).resolve().parents[1]

if find_redis_server() is None and redis_server.redis_required():
    raise RuntimeError("COURSE_REQUIRE_REDIS=1 but no redis-server binary was found (apt-get install redis-server)")
needs_binary = pytest.mark.skipif(
    find_redis_server() is None,
    reason="no redis-server binary: install Debian's redis-server (or set COURSE_REDIS_SERVER) to test the real "
           "server; COURSE_REQUIRE_REDIS=1 makes this a failure")


@pytest.fixture
def server():
    with RedisServer() as running:
        yield running


@needs_binary
def test_a_real_server_answers_on_localhost_without_persistence(server):
    assert not server.is_stand_in and server.running
    assert ping(server.host, server.port)
    r = server.client()
    assert r.config_get("bind")["bind"] == "127.0.0.1"
    assert r.config_get("save")["save"] == ""
    assert r.config_get("appendonly")["appendonly"] == "no"
    assert r.set("k", "v", ex=30) and r.get("k") == b"v" and 0 < r.ttl("k") <= 30
    assert server.version and server.version in repr(server) and "STAND-IN" not in repr(server)
    assert "real redis-server" in server.label and str(server.port) not in server.label


@needs_binary
def test_stop_ends_the_process_and_removes_its_folder():
    server = RedisServer().start()
    process, folder, port = server._process, Path(server._folder), server.port
    assert folder.is_dir() and (folder.stat().st_mode & 0o077) == 0  # owner-only
    server.stop()
    assert process.poll() is not None and not folder.exists()
    assert not ping("127.0.0.1", port) and not server.running and "stopped" in repr(server)
    server.stop()  # stopping twice is harmless


@needs_binary
def test_two_servers_are_independent():
    with RedisServer() as a, RedisServer() as b:
        assert a.port != b.port
        a.client().set("only-in-a", 1)
        assert b.client().get("only-in-a") is None


@needs_binary
def test_the_server_stops_when_the_python_that_started_it_exits():
    script = textwrap.dedent("""
        from lessons.tools.redis_server import shared_server
        server = shared_server()
        assert shared_server() is server
        print(server.port, server._process.pid, flush=True)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    port, pid = map(int, out.stdout.split())
    assert not ping("127.0.0.1", port)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@needs_binary
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_the_server_stops_when_the_python_that_started_it_is_killed():
    script = textwrap.dedent("""
        import os, signal
        from lessons.tools.redis_server import shared_server
        server = shared_server()
        print(server.port, server._process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)      # no atexit: as nbval and JupyterLab end kernels
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    port, pid = map(int, out.stdout.split())
    deadline = time.monotonic() + 10
    while ping("127.0.0.1", port) and time.monotonic() < deadline:
        time.sleep(0.01)  # a test may poll: the server needs a moment to act on its SIGTERM
    assert not ping("127.0.0.1", port)


def test_a_binary_that_dies_is_reported_at_once_not_after_the_deadline(tmp_path):
    dies = tmp_path / "redis-server"
    dies.write_text("#!/bin/sh\necho 'FATAL: cannot start' >&2\nexit 3\n")
    dies.chmod(0o755)
    with pytest.raises(RedisUnavailable, match="exited with status 3.*FATAL: cannot start"):
        RedisServer(str(dies), startup_timeout=30).start()


def test_a_missing_binary_is_an_error_when_redis_is_required(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_REDIS_SERVER", str(tmp_path / "no-such-redis-server"))
    monkeypatch.setenv("COURSE_REQUIRE_REDIS", "1")
    with pytest.raises(RedisUnavailable, match="COURSE_REQUIRE_REDIS=1"):
        RedisServer()


def test_without_a_binary_the_stand_in_runs_and_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_REDIS_SERVER", str(tmp_path / "no-such-redis-server"))
    monkeypatch.delenv("COURSE_REQUIRE_REDIS", raising=False)
    with RedisServer() as stand_in:
        assert stand_in.is_stand_in
        assert "STAND-IN" in repr(stand_in) and "STAND-IN" in stand_in.label
        assert "no redis-server binary was found" in stand_in.label and "apt-get install" in stand_in.label
        r = stand_in.client()
        assert r.set("lock", "me", nx=True, px=500) and not r.set("lock", "you", nx=True, px=500)
        assert r.incr("version") == 1
    assert not stand_in.running

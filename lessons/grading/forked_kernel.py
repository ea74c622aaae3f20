"""A kernel forked by ``kernel_server`` instead of started by Popen: the jupyter_client provisioner that
asks the server for it, and the handle on a process that is not the worker's child.

The handle has what ``LocalProvisioner`` uses of a Popen object (pid, poll, wait, send_signal, kill,
terminate), built on a pidfd that the server opened and passed over the socket, so that a reused pid is
never signalled: liveness is the pidfd becoming readable, and signals to the kernel's process group (an
interrupt, a kill) are sent by the server, its parent, which knows whether it has reaped it. Where the
server cannot be used (not Linux, not started, dead, refusing), the provisioner launches the kernel as
``LocalProvisioner`` does, so a run never depends on the server.
"""
from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys
import time
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

CONNECT_SECONDS = 60.0  # the server answers once its imports are done: a few seconds on a loaded machine
SUPPORTED = sys.platform.startswith("linux") and hasattr(os, "pidfd_open")


class ServerUnavailable(Exception):
    """The kernel server did not give us a kernel; start one the usual way."""


class ForkedKernel:
    """The Popen-like handle on a kernel the server forked."""

    stdin = stdout = stderr = None  # LocalProvisioner.wait closes these if set; a forked kernel has none

    def __init__(self, conn: socket.socket, pid: int, pidfd: int, buffer: bytes):
        self.pid, self._conn, self._pidfd, self._buffer = pid, conn, pidfd, buffer
        self.returncode: int | None = None

    @classmethod
    def start(cls, server: str, *, cwd: str, env: dict[str, str], memory_mb: int | None,
              connection_file: str) -> ForkedKernel:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(CONNECT_SECONDS)
        try:
            conn.connect(server)
            conn.sendall(json.dumps({"cwd": cwd, "env": env, "memory_mb": memory_mb,
                                     "connection_file": connection_file}).encode() + b"\n")
            data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 1)
        except OSError as exc:
            conn.close()
            raise ServerUnavailable(f"{type(exc).__name__}: {exc}") from None
        line, _, rest = data.partition(b"\n")
        try:
            reply = json.loads(line) if line else {"error": "the server closed the connection"}
        except ValueError:
            reply = {"error": f"not a reply: {line[:100]!r}"}
        if not isinstance(reply.get("pid"), int) or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            conn.close()
            raise ServerUnavailable(reply.get("error", "no pidfd"))
        return cls(conn, reply["pid"], fds[0], rest)

    def _messages(self, timeout: float) -> list[dict]:
        """What the server sent, waiting at most ``timeout`` for the first line."""
        if b"\n" not in self._buffer and self._conn.fileno() >= 0:
            self._conn.settimeout(max(0.001, timeout))
            try:
                data = self._conn.recv(1 << 16)
            except (TimeoutError, OSError):
                data = None
            if data == b"":
                self._conn.close()
            self._buffer += data or b""
        *lines, self._buffer = self._buffer.split(b"\n")
        messages = [json.loads(line) for line in lines if line]
        for message in messages:
            if "exit" in message:
                self.returncode = message["exit"]
        return messages

    def poll(self) -> int | None:
        if self.returncode is None and self._pidfd >= 0 and select.select([self._pidfd], [], [], 0)[0]:
            # Gone; the server tells its exit code once it has reaped it, at once unless it is busy.
            deadline = time.monotonic() + 2
            while self.returncode is None and self._conn.fileno() >= 0 and time.monotonic() < deadline:
                self._messages(deadline - time.monotonic())
            if self.returncode is None:
                self.returncode = -signal.SIGKILL  # the server is gone: its pdeathsig killed the kernel
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still running")
            select.select([self._pidfd], [], [], 0.1)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """To the kernel's process group, through the server; to the kernel alone by its pidfd if the
        server cannot be asked. Nothing once the kernel has ended (as Popen.send_signal)."""
        if self.poll() is not None:
            return
        if self._conn.fileno() >= 0:
            try:
                self._conn.sendall(json.dumps({"signal": int(signum)}).encode() + b"\n")
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and self._conn.fileno() >= 0:
                    if any("signalled" in m for m in self._messages(deadline - time.monotonic())):
                        return
            except OSError:
                pass
        try:
            signal.pidfd_send_signal(self._pidfd, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def close(self) -> None:
        """Done with it: the server kills whatever is left of its process group."""
        self._conn.close()
        if self._pidfd >= 0:
            os.close(self._pidfd)
            self._pidfd = -1


class ForkServerProvisioner(LocalProvisioner):
    """LocalProvisioner, but the kernel is forked by the kernel server at ``server`` (a socket path)."""

    server: str | None = None
    memory_mb: int | None = None
    forked: ForkedKernel | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if self.server and SUPPORTED:
            try:
                self.forked = ForkedKernel.start(
                    self.server, cwd=str(kwargs.get("cwd") or os.getcwd()), env=dict(kwargs["env"]),
                    memory_mb=self.memory_mb, connection_file=self.parent.connection_file)
            except ServerUnavailable as reason:
                self.log.info("kernel server unavailable (%s); starting the kernel with Popen", reason)
            else:
                self.process = self.forked
                # No pgid: LocalProvisioner would killpg it itself, which is safe only for its own child.
                self.pid, self.pgid, self.cwd = self.forked.pid, None, kwargs.get("cwd")
                return self.connection_info
        return await super().launch_kernel(cmd, **kwargs)

    async def cleanup(self, restart: bool = False) -> None:
        if self.forked is not None:
            self.forked.close()
            self.forked = None
        await super().cleanup(restart)

"""Run one notebook, as its learner would with Run All, in a fresh kernel that cannot hurt the grader.

nbclient drives the kernel. The kernel runs in a fresh temporary working directory, under an address-space
limit set as it is launched, on Unix sockets (two kernels starting at once cannot be handed the same TCP
port). Each cell has a timeout after which the kernel is interrupted and the next cell still runs; the
whole notebook has a deadline after which the kernel is killed. Errors are allowed: a broken demo cell
must not cost a learner their later answers. Input requests are answered with an error (nbclient's
``allow_stdin`` is off), and captured output is capped, so 100 MB of prints cost neither memory nor disk.

Given the socket of the run's kernel server (``kernel_server``), the kernel is forked from it, which has
already imported what a kernel and a lesson's first cell import, under the same directory, environment
and memory limit; without one (or if it fails) the kernel starts from its kernel spec as above.

The run is evidence of what happened (errors, timeouts, a dead kernel), not the source of any score:
the answers are graded by ``score`` in a separate process.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from lessons.grading.forked_kernel import ForkServerProvisioner
from lessons.grading.limits import child_env, limited

KERNEL = "course-grader"


@dataclass
class CellProblem:
    index: int           # the cell's position among all cells, counted from 1 as JupyterLab shows
    id: str
    kind: str            # error, cell-timeout
    detail: str = ""     # ename: evalue


@dataclass
class Execution:
    problems: list[CellProblem] = field(default_factory=list)
    died_in: CellProblem | None = None
    stuck_in: CellProblem | None = None      # still running after an interrupt: the kernel was stopped
    timed_out_in: CellProblem | None = None
    output_capped: bool = False
    cells_run: int = 0


def _kernel_specs(folder: Path, memory_mb: int | None) -> KernelSpecManager:
    """A kernel spec of our own: this very interpreter (whatever "python3" means on the machine), under
    the memory limit."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": limited([sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"], memory_mb),
        "display_name": "course grader", "language": "python"}))
    return KernelSpecManager(kernel_dirs=[str(folder / "kernels")], ensure_native_kernel=False)


class _Manager(AsyncKernelManager):
    """A kernel manager whose kernels come from the kernel server when there is one."""

    def __init__(self, *args, kernel_server: str | None, memory_mb: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self._kernel_server, self._memory_mb = kernel_server, memory_mb

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None and self._kernel_server:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkServerProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec,
                                                     parent=self)
            self.provisioner.server, self.provisioner.memory_mb = self._kernel_server, self._memory_mb
        return await super()._async_pre_start_kernel(**kw)


class _Client(NotebookClient):
    """nbclient, plus a cap on captured output and a record of the cells that timed out."""

    def __init__(self, *args, output_cap: int, record: Execution, **kwargs):
        super().__init__(*args, **kwargs)
        self._left = output_cap
        self._record = record
        self._current: CellProblem | None = None
        self.on_cell_start = self._started

    def _started(self, cell, cell_index):
        self._current = CellProblem(cell_index + 1, cell.get("id", ""), "running")
        self._record.cells_run += 1

    def output(self, outs, msg, display_id, cell_index):
        if self._record.output_capped:
            return None
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._left -= size
        if self._left < 0:
            self._record.output_capped = True
            msg = {**msg, "msg_type": "stream", "content": {"name": "stderr", "text": "[output cut by the grader]"}}
        return super().output(outs, msg, display_id, cell_index)

    async def _async_handle_timeout(self, timeout, cell=None):
        if self._current is not None:
            problem = CellProblem(self._current.index, self._current.id, "cell-timeout", f"over {timeout} s")
            if not any(p.kind == "cell-timeout" and p.index == problem.index for p in self._record.problems):
                self._record.problems.append(problem)
        return await super()._async_handle_timeout(timeout, cell)


async def _run(notebook: nbformat.NotebookNode, workdir: Path, *, cell_timeout: float, timeout: float,
               memory_mb: int | None, output_cap: int, kernel_server: str | None) -> Execution:
    record = Execution()
    cwd = workdir / "cwd"
    cwd.mkdir()
    km = _Manager(kernel_name=KERNEL, kernel_spec_manager=_kernel_specs(workdir, memory_mb), transport="ipc",
                  ip=str(workdir / "kernel"), kernel_server=kernel_server, memory_mb=memory_mb)
    client = _Client(notebook, km=km, timeout=cell_timeout, interrupt_on_timeout=True, allow_errors=True,
                     startup_timeout=120, kernel_name=KERNEL, output_cap=output_cap, record=record,
                     resources={"metadata": {"path": str(cwd)}})
    started = time.monotonic()
    try:
        await asyncio.wait_for(client.async_execute(env=child_env()), timeout)
    except (asyncio.TimeoutError, DeadKernelError):
        # nbclient turns the cancellation of our deadline into DeadKernelError, so the clock decides;
        # and only a kernel process that is gone is dead.
        if time.monotonic() - started >= timeout:
            record.timed_out_in = client._current
        elif await km.is_alive():
            record.stuck_in = client._current
        else:
            record.died_in = client._current
    finally:
        if km.has_kernel:
            try:
                await km.shutdown_kernel(now=True)
            except (RuntimeError, OSError):  # the kernel is already gone; nothing else to stop
                pass
        if client.kc is not None:
            client.kc.stop_channels()
    for index, cell in enumerate(notebook.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and out.get("ename") != "KeyboardInterrupt":
                record.problems.append(CellProblem(index + 1, cell.get("id", ""), "error",
                                                   f"{out.get('ename')}: {out.get('evalue', '')}"[:300]))
    record.problems.sort(key=lambda p: p.index)
    return record


def run(notebook: nbformat.NotebookNode, workdir: Path, *, cell_timeout: float, timeout: float,
        memory_mb: int | None, output_cap: int, kernel_server: str | None = None) -> Execution:
    return asyncio.run(_run(notebook, workdir, cell_timeout=cell_timeout, timeout=timeout,
                            memory_mb=memory_mb, output_cap=output_cap, kernel_server=kernel_server))

"""Benchmark of the grader (issue 9): build a class of submissions across the lessons, grade it with
--jobs 1 and --jobs 2, and execute the same notebooks with plain ``jupyter nbconvert --execute``.

    .venv/bin/python benchmarks/grading.py [--count 100] [--cell-timeout 30] [--keep DIR]

The class: per lesson, learner notebooks with the reference answers filled in, untouched stubs, and
notebooks with one known-wrong answer from tests/wrong_answers/, plus a few broken ones (invalid JSON,
a cell that never ends). The three ways of running are interleaved in chunks, so that a change in the
machine's load falls on all three alike, and each prints its total. Figures printed:

    submissions per second (--jobs 1, --jobs 2), the speed-up, the grader's time per submission
    with --jobs 1 over nbconvert's per notebook (its overhead; nbconvert neither grades nor isolates),
    and the CPU seconds each way used, over its time (how many of the cores it kept busy)

Goals on a 2-core machine: 100 submissions in <= 120 s with --jobs 2, a speed-up >= 1.7, and an
overhead <= 1.3. This is a benchmark, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from grading_fixtures import learner_with_answers, with_wrong_answer  # noqa: E402  (tests/)

from lessons.authoring import notebook as nbio  # noqa: E402
from lessons.grading import catalog  # noqa: E402


def build(folder: Path, count: int) -> list[Path]:
    stems = list(catalog.stems())
    kinds = ["solution", "stub", "wrong"]
    made = []
    broken = max(2, count // 50)
    for i in range(count - broken):
        stem, kind = stems[i % len(stems)], kinds[i % len(kinds)]  # 7 and 3: every pair, in 21
        if kind == "solution":
            notebook = learner_with_answers(stem)
        elif kind == "stub":
            notebook = nbio.read(ROOT / "notebooks" / f"{stem}.ipynb")
        else:
            notebook = with_wrong_answer(stem, i)
        path = folder / f"learner{i:03d}" / f"{stem}.ipynb"
        path.parent.mkdir(parents=True)
        nbio.write(path, notebook)
        made.append(path)
    for j in range(broken):
        path = folder / f"broken{j:02d}" / f"{stems[0]}.ipynb"
        path.parent.mkdir(parents=True)
        if j % 2:
            path.write_text('{"cells": [', encoding="utf-8")
        else:
            notebook = copy.deepcopy(learner_with_answers(stems[0]))
            notebook["cells"].insert(2, {"cell_type": "code", "id": "forever", "metadata": {}, "outputs": [],
                                         "execution_count": None, "source": "while True:\n    pass"})
            nbio.write(path, notebook)
        made.append(path)
    return made


def children_cpu() -> float:
    """CPU seconds used so far by this process's children and theirs (those that were waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grade(paths: list[Path], jobs: int, cell_timeout: float, work: Path) -> float:
    chunk = Path(tempfile.mkdtemp(dir=work, prefix=f"jobs{jobs}-"))
    for path in paths:  # the grader takes a folder: hard-link this chunk's submissions into one
        target = chunk / "in" / path.parent.name / path.name
        target.parent.mkdir(parents=True)
        os.link(path, target)  # not a symbolic link: the grader reads none that points outside
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lessons.grading", str(chunk / "in"), "--out", str(chunk / "out"),
                    "--jobs", str(jobs), "--cell-timeout", str(cell_timeout), "--quiet"], check=True)
    return time.perf_counter() - started


def nbconvert(paths: list[Path], cell_timeout: float, work: Path) -> float:
    out = Path(tempfile.mkdtemp(dir=work, prefix="nbconvert-"))
    env = {**os.environ, "COURSE_NO_PROGRESS": "1"}
    started = time.perf_counter()
    for i, path in enumerate(paths):
        command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                   "--ExecutePreprocessor.allow_errors=True", f"--ExecutePreprocessor.timeout={cell_timeout}",
                   "--ExecutePreprocessor.interrupt_on_timeout=True", "--output-dir", str(out),
                   "--output", f"n{i:03d}", str(path)]
        run = subprocess.run(command, cwd=out, env=env, capture_output=True)
        # Only an invalid notebook may fail here; any other failure would make nbconvert look cheaper.
        if run.returncode != 0 and b"NotJSONError" not in run.stderr:
            raise SystemExit(f"nbconvert failed on {path}:\n{run.stderr.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--chunks", type=int, default=4, help="interleaved rounds of the three ways")
    parser.add_argument("--cell-timeout", type=int, default=30)  # nbconvert takes whole seconds
    parser.add_argument("--keep", type=Path, help="keep the class and the results here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="grading-benchmark-"))
    try:
        paths = build(work / "class", args.count)
        shares = [paths[k::args.chunks] for k in range(args.chunks)]
        totals = {"nbconvert": 0.0, "jobs 1": 0.0, "jobs 2": 0.0}
        cpu = dict.fromkeys(totals, 0.0)  # CPU seconds of every process each way started
        for k, share in enumerate(shares, 1):
            ways = {"nbconvert": (nbconvert, share, args.cell_timeout, work),
                    "jobs 1": (grade, share, 1, args.cell_timeout, work),
                    "jobs 2": (grade, share, 2, args.cell_timeout, work)}
            for way, (run, *arguments) in ways.items():
                before = children_cpu()
                totals[way] += run(*arguments)
                cpu[way] += children_cpu() - before
            print(f"round {k}/{len(shares)}: " + ", ".join(f"{n} {t:.0f} s" for n, t in totals.items()), flush=True)
        n = len(paths)
        figures = {
            "submissions": n, "cores": os.cpu_count(), "load_average": os.getloadavg(),
            "seconds": {k: round(v, 1) for k, v in totals.items()},
            "per_second_jobs1": round(n / totals["jobs 1"], 3), "per_second_jobs2": round(n / totals["jobs 2"], 3),
            "speed_up": round(totals["jobs 1"] / totals["jobs 2"], 2),
            # cores kept busy: with --jobs 1 a submission already uses more than one (its answers are graded
            # while its kernel runs), which bounds the speed-up two cores can give
            "cpu_seconds": {k: round(v, 1) for k, v in cpu.items()},
            "cores_busy": {k: round(cpu[k] / totals[k], 2) for k in totals},
            "overhead_vs_nbconvert": round(totals["jobs 1"] / totals["nbconvert"], 2),
        }
        print(json.dumps(figures, indent=1))
        print(f"\n{n} submissions: --jobs 2 took {totals['jobs 2']:.0f} s (goal <= 120 s for 100), speed-up "
              f"{figures['speed_up']}x (goal >= 1.7), overhead {figures['overhead_vs_nbconvert']}x of plain "
              f"nbconvert (goal <= 1.3); load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        if args.keep:
            shutil.copytree(work, args.keep, symlinks=True, dirs_exist_ok=True)
            (args.keep / "figures.json").write_text(json.dumps(figures, indent=1) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

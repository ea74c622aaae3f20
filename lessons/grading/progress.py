"""The learner's own progress: every ``qN.check(...)`` appends one JSON line to ``.course-progress.jsonl``
in the notebook's working folder, and a table of lessons x exercises is built from that file.

A line, with xAPI-like fields (actor left out: the file sits in the learner's own folder)::

    {"time": "2026-12-01T21:40:00Z", "verb": "passed", "lesson": "01_memoization", "exercise": "q1",
     "outcome": "passed", "points": 3, "course_version": "0.1.0"}

``points`` are the exercise's points, earned only by graded tests. Append-only, JSON, never pickle.
COURSE_NO_PROGRESS=1 turns it off (the test suite and the grader's kernels set it).

    python3 course.py progress [FOLDER] [--regrade]     the table, from FOLDER/.course-progress.jsonl
                                                       (default: notebooks/); --regrade grades the
                                                       saved notebooks in FOLDER with the grader instead
    lessons.progress()                                 the same table inside JupyterLab
"""
from __future__ import annotations

import argparse
import html
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

FILE = ".course-progress.jsonl"
OFF = "COURSE_NO_PROGRESS"
MARKS = {"passed": "✔ passed", "failed": "✘ failed", "not attempted": "… not attempted"}
VERBS = {"passed": "passed", "failed": "failed", "not attempted": "attempted"}


def record(exercise, result, folder: Path | None = None) -> None:
    """Append one check's outcome; never lets a read-only folder or a full disk break a check."""
    if os.environ.get(OFF):
        return
    from lessons import __version__

    line = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "verb": VERBS.get(result.status, "attempted"),
            "lesson": exercise.lesson, "exercise": exercise.name, "outcome": result.status,
            "points": _points(exercise), "course_version": __version__}
    try:
        with open(Path(folder or Path.cwd()) / FILE, "a", encoding="utf-8") as file:
            file.write(json.dumps(line, sort_keys=True) + "\n")
    except OSError:
        pass


def _points(exercise) -> int | None:
    try:
        return int(exercise.points)
    except Exception:  # noqa: BLE001 - progress must never break a check
        return None


def read(folder: Path) -> list[dict]:
    path = Path(folder) / FILE
    if not path.exists():
        return []
    lines = []
    for text in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(text)
        except json.JSONDecodeError:
            continue  # a line cut by a crash: skip it, keep the rest
        if isinstance(entry, dict) and {"lesson", "exercise", "outcome"} <= set(entry):
            lines.append(entry)
    return lines


@dataclass
class Table:
    """Lessons x exercises: the latest outcome of each, or the points earned when re-graded."""

    rows: dict[str, dict[str, str]]
    title: str

    def __repr__(self) -> str:
        names = sorted({n for row in self.rows.values() for n in row})
        header = ["lesson", *names]
        body = [[lesson, *(row.get(n, "") for n in names)] for lesson, row in self.rows.items()]
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
        lines = [self.title, "  ".join(h.ljust(w) for h, w in zip(header, widths))]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in body]
        return "\n".join(line.rstrip() for line in lines)

    def _repr_html_(self) -> str:
        names = sorted({n for row in self.rows.values() for n in row})
        head = "".join(f"<th>{html.escape(n)}</th>" for n in ["lesson", *names])
        body = "".join("<tr><td style='text-align:left'>" + html.escape(lesson) + "</td>"
                       + "".join(f"<td style='text-align:left'>{html.escape(row.get(n, ''))}</td>" for n in names)
                       + "</tr>" for lesson, row in self.rows.items())
        return f"<b>{html.escape(self.title)}</b><table><tr>{head}</tr>{body}</table>"


def _course() -> dict[str, list[str]]:
    from lessons.grading import catalog

    return {stem: [e.name for e in catalog.lesson(stem).exercises] for stem in catalog.stems()}


def table(folder: Path | None = None) -> Table:
    folder = Path(folder or Path.cwd())
    latest = {(e["lesson"], e["exercise"]): e["outcome"] for e in read(folder)}
    rows = {lesson: {name: MARKS.get(latest.get((lesson, name), "not attempted"), "?") for name in names}
            for lesson, names in _course().items()}
    return Table(rows, f"Your progress, from the checks you ran ({folder / FILE}):")


def regraded(folder: Path) -> Table:
    """Grade the saved notebooks in ``folder`` with the grader (into a temporary folder: the notebooks
    are only read) and show the points of each exercise."""
    from lessons.grading import discover, report, results, schedule

    found = [s for s in discover.find(folder) if "/" not in s.path]
    with tempfile.TemporaryDirectory(prefix="course-progress-") as out:
        schedule.grade_all(found, Path(out), jobs=os.cpu_count() or 1, cell_timeout=60, timeout=600, memory=2048)
        graded = {r.get("lesson"): r for r in report.mark_duplicates(results.load_all(Path(out)))}
    rows = {}
    for lesson, names in _course().items():
        result = graded.get(lesson)
        exercises = result.get("exercises", {}) if result else {}
        rows[lesson] = {n: (f"{exercises[n]['earned']}/{exercises[n]['possible']}" if n in exercises else "-")
                        for n in names}
    return Table(rows, f"Your saved notebooks in {folder}, graded as an instructor would (points per exercise):")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 course.py progress",
                                     description="Your progress through the course's exercises.")
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "notebooks",
                        help="the folder of your notebooks (default: the course's notebooks/)")
    parser.add_argument("--regrade", action="store_true",
                        help="grade your saved notebooks with the course's grader (they are only read)")
    args = parser.parse_args(argv)
    print(repr(regraded(args.folder) if args.regrade else table(args.folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The grader's command line (``python3 course.py grade`` runs this inside .venv/).

    python -m lessons.grading SUBMISSIONS [--out DIR] [--jobs N] [--cell-timeout S] [--timeout S]
                              [--memory MB] [--resume] [--shard K/N] [--merge OUT ...] [--quiet]
    python -m lessons.grading progress [FOLDER] [--regrade]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _shard(text: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not K/N, e.g. 2/8") from None
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"{text!r}: K must be between 1 and N")
    return k, n


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} is not a positive number")
        return value
    return parse


def grade_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 course.py grade",
        description="Run learners' notebooks in fresh kernels and grade their answers with the course's "
                    "own graded tests. A submission is only ever read; everything is written under --out.")
    parser.add_argument("submissions", nargs="?", type=Path,
                        help="a folder: one subfolder per learner (ada/03_lru_eviction.ipynb), or flat "
                             "(ada_03_lru_eviction.ipynb)")
    parser.add_argument("--out", type=Path, default=Path("grades"), help="where results go (default: grades/)")
    parser.add_argument("--jobs", type=_positive(int), default=os.cpu_count() or 1,
                        help="submissions graded at once (default: the number of cores)")
    parser.add_argument("--cell-timeout", type=_positive(float), default=60.0,
                        help="seconds a cell may run before it is interrupted (default 60)")
    parser.add_argument("--timeout", type=_positive(float), default=600.0,
                        help="seconds one notebook may run in all (default 600)")
    parser.add_argument("--memory", type=_positive(int), default=2048,
                        help="address-space limit of each kernel, in MB (default 2048)")
    parser.add_argument("--resume", action="store_true", help="skip submissions already graded in --out")
    parser.add_argument("--shard", type=_shard, metavar="K/N", help="grade only the K-th of N shares")
    parser.add_argument("--merge", type=Path, nargs="+", metavar="OUT", default=[],
                        help="first copy the results of other runs' --out folders into this one")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no table")
    return parser


def grade(argv: list[str]) -> int:
    parser = grade_parser()
    args = parser.parse_args(argv)
    if args.submissions is None and not args.merge:
        parser.error("give SUBMISSIONS, or --merge with the OUT folders of other runs")
    from lessons.grading import discover, report, results, schedule

    out = args.out.resolve()
    if args.submissions is not None:
        root = args.submissions
        if not root.is_dir():
            print(f"{root} is not a folder of submissions", file=sys.stderr)
            return 1
        if out == root.resolve() or root.resolve() in out.parents:
            print(f"--out {args.out} is inside {root}: the grader never writes among the submissions",
                  file=sys.stderr)
            return 1
    out.mkdir(parents=True, exist_ok=True)
    if args.merge:
        print(f"merged {results.merge(out, args.merge)} result files", file=sys.stderr)
    if args.submissions is not None:
        found = discover.find(args.submissions)
        if args.shard:
            found = discover.shard(found, *args.shard)
        todo = [s for s in found if not (args.resume and results.done(out, s))]
        if len(todo) < len(found):
            print(f"--resume: {len(found) - len(todo)} of {len(found)} already graded", file=sys.stderr)
        schedule.grade_all(todo, out, jobs=args.jobs, cell_timeout=args.cell_timeout, timeout=args.timeout,
                           memory=args.memory, quiet=args.quiet)
    graded = report.write_all(out, results.load_all(out))
    if not args.quiet:
        print(report.table(graded))
        print(f"\n{len(graded)} submissions; grades.json, grades.csv, summary.md, summary.png and feedback/ "
              f"are in {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["progress"]:
        from lessons.grading import progress

        return progress.main(argv[1:])
    return grade(argv)

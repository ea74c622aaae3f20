"""Mutation testing of the exercises' checks: how many small wrong variants of each reference answer
does the exercise's check (and its graded tests) reject?

    python -m lessons.authoring.mutants                      # every lesson: the table
    python -m lessons.authoring.mutants 03 --exercise q2     # one exercise
    python -m lessons.authoring.mutants 03 --show-survivors  # ... and the diff of every survivor
    python -m lessons.authoring.mutants --write              # rewrite tests/mutation/survivors.md
    python -m lessons.authoring.mutants 03 --record          # record lesson 03's scores as the floor
    python -m lessons.authoring.mutants --json out.json      # everything, for a machine

Mutants come from ``mutation.operators`` (at most --cap per exercise, spread over the operators), each
is judged in its own process (``mutation.runner``), and survivors recorded as equivalent in
tests/mutation/equivalent.json do not count against the score = killed / (mutants - equivalent).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from lessons.authoring.mutation import records
from lessons.authoring.mutation.operators import mutants, normalised
from lessons.authoring.mutation.report import ExerciseReport, Outcome, as_json, merge_sections, section, table
from lessons.authoring.mutation.runner import SURVIVED, Job, judge_all
from lessons.authoring.mutation.subjects import Subject, resolve, subjects

CAP = 40          # mutants per exercise: enough to cover every operator, few enough to run in minutes
TIMEOUT = 10.0    # seconds per mutant; a check should answer in about one
WORKERS = 2


def run(subject_list: list[Subject], *, cap: int = CAP, timeout: float = TIMEOUT, workers: int = WORKERS,
        equivalent_path: Path = records.EQUIVALENT, log=None) -> list[ExerciseReport]:
    plans = []
    jobs: list[Job] = []
    for subject in subject_list:
        chosen = mutants(subject.reference, cap)
        plans.append((subject, chosen, len(jobs)))
        sources = [normalised(subject.reference)] + [m.source for m in chosen]  # the reference first: baseline
        jobs += [Job(subject.lesson, subject.exercise, subject.answer, subject.setup, s) for s in sources]
    done = [0]

    def progress(index, verdict):
        done[0] += 1
        if log and (done[0] % 25 == 0 or done[0] == len(jobs)):
            print(f"  {done[0]}/{len(jobs)} judged", file=log, flush=True)

    verdicts = judge_all(jobs, workers=workers, timeout=timeout, progress=progress)
    # A reference rejected while the machine was busy (a check's own watchdog, or the timeout) is judged
    # once more, alone and with twice the time, before the report says that the reference fails.
    again = [start for _, _, start in plans if verdicts[start].outcome != SURVIVED]
    for start, verdict in zip(again, judge_all([jobs[i] for i in again], workers=1, timeout=2 * timeout)):
        verdicts[start] = verdict
    reports = []
    for subject, chosen, start in plans:
        listed = records.equivalents(subject.lesson, subject.exercise, equivalent_path)
        judged = verdicts[start + 1:start + 1 + len(chosen)]
        outcomes = [Outcome(m, v, listed.get(m.id)) for m, v in zip(chosen, judged)]
        every = {m.id for m in mutants(subject.reference)}  # a listed id may just not be among the chosen
        stale = sorted(i for i in listed if i not in every)
        reports.append(ExerciseReport(subject, verdicts[start], outcomes, stale))
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.authoring.mutants",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("lessons", nargs="*", metavar="LESSON", help="e.g. 01 or 01_memoization (default: all)")
    parser.add_argument("--exercise", help="only this exercise, e.g. q2")
    parser.add_argument("--show-survivors", action="store_true", help="print each survivor's diff")
    parser.add_argument("--write", action="store_true",
                        help=f"rewrite these exercises' sections of {records.SURVIVORS}")
    parser.add_argument("--record", action="store_true", help=f"record these scores in {records.SCORES}")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the full results as JSON")
    parser.add_argument("--cap", type=int, default=CAP, help=f"mutants per exercise (default {CAP})")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds per mutant (default {TIMEOUT:g})")
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"processes at a time (default {WORKERS})")
    args = parser.parse_args(argv)

    chosen = subjects(resolve(args.lessons), args.exercise)
    if not chosen:
        parser.error(f"no exercise {args.exercise!r} in {', '.join(resolve(args.lessons))}")
    start = time.monotonic()
    reports = run(chosen, cap=args.cap, timeout=args.timeout, workers=args.workers, log=sys.stderr)
    wall = time.monotonic() - start
    if args.show_survivors:
        for report in reports:
            print(section(report))
    print(table(reports))
    print(f"\n{sum(r.mutants for r in reports)} mutants of {len(reports)} exercises judged in {wall:.0f} s "
          f"of wall time ({args.workers} workers).")
    if args.write:
        existing = records.SURVIVORS.read_text(encoding="utf-8") if records.SURVIVORS.exists() else ""
        records.SURVIVORS.write_text(merge_sections(existing, reports), encoding="utf-8")
        print(f"wrote {records.SURVIVORS}")
    if args.record:
        records.record_scores({(r.subject.lesson, r.subject.exercise): r.score for r in reports})
        print(f"recorded {len(reports)} scores in {records.SCORES}")
    if args.json:
        args.json.write_text(json.dumps(as_json(reports, wall), indent=2) + "\n", encoding="utf-8")
    return 1 if any(not r.reference_passes for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())

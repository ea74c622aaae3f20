"""What a run found, per exercise: how many mutants, how many the check and graded tests killed, how
many are recorded as equivalent, which survived; as a table, as JSON, and as the survivors' listing in
markdown (one section per exercise, so a run of one lesson rewrites only that lesson's sections)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lessons.authoring.mutation.operators import Mutant, normalised
from lessons.authoring.mutation.runner import DISCARDED, SURVIVED, TIMEOUT, Verdict
from lessons.authoring.mutation.subjects import Subject


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    verdict: Verdict
    equivalent: str | None = None   # the recorded reason, when the mutant is listed as equivalent

    @property
    def survivor(self) -> bool:
        return self.verdict.outcome == SURVIVED and self.equivalent is None


@dataclass
class ExerciseReport:
    subject: Subject
    baseline: Verdict                       # the unmutated reference, run the same way: must survive
    outcomes: list[Outcome] = field(default_factory=list)   # discarded mutants included
    stale: list[str] = field(default_factory=list)          # equivalents recorded for ids no longer made

    @property
    def counted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict.outcome != DISCARDED]

    @property
    def mutants(self) -> int:
        return len(self.counted)

    @property
    def discarded(self) -> int:
        return len(self.outcomes) - self.mutants

    @property
    def killed(self) -> int:
        return sum(o.verdict.killed for o in self.counted)

    @property
    def timeouts(self) -> int:
        return sum(o.verdict.outcome == TIMEOUT for o in self.counted)

    @property
    def equivalent(self) -> int:
        return sum(o.verdict.outcome == SURVIVED and o.equivalent is not None for o in self.counted)

    @property
    def survivors(self) -> list[Outcome]:
        return [o for o in self.counted if o.survivor]

    @property
    def killed_but_listed(self) -> list[Outcome]:
        """Recorded as equivalent, yet the check told them apart: the record is wrong."""
        return [o for o in self.counted if o.equivalent is not None and o.verdict.killed]

    @property
    def reference_passes(self) -> bool:
        return self.baseline.outcome == SURVIVED

    @property
    def score(self) -> float:
        if not self.reference_passes:
            return 0.0
        judged = self.mutants - self.equivalent
        return self.killed / judged if judged else 1.0

    @property
    def seconds(self) -> float:
        return self.baseline.seconds + sum(o.verdict.seconds for o in self.outcomes)


def diff(reference: str, mutant: Mutant, context: int = 1) -> str:
    lines = difflib.unified_diff(normalised(reference).splitlines(), mutant.source.splitlines(), n=context,
                                 lineterm="")
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))


HEADER = ("lesson", "exercise", "mutants", "killed", "timeouts", "equivalent", "survivors", "score")


def row(report: ExerciseReport) -> tuple:
    return (report.subject.lesson, report.subject.exercise, report.mutants, report.killed, report.timeouts,
            report.equivalent, len(report.survivors),
            f"{report.score:.0%}" if report.reference_passes else "reference fails")


def table(reports: list[ExerciseReport]) -> str:
    """A markdown table (it reads as plain text too)."""
    rows = [HEADER, *(tuple(str(v) for v in row(r)) for r in reports)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["| " + " | ".join(v.ljust(w) for v, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def problems(report: ExerciseReport) -> list[str]:
    """Things an author must fix in the records or the reference, apart from survivors."""
    found = []
    if not report.reference_passes:
        found.append(f"the reference itself does not pass: {report.baseline.outcome}: {report.baseline.reason}")
    found += [f"recorded as equivalent but killed: `{o.mutant.id}` ({o.verdict.reason})"
              for o in report.killed_but_listed]
    found += [f"recorded as equivalent, but no longer made (the reference changed?): `{i}`" for i in report.stale]
    return found


def section(report: ExerciseReport) -> str:
    s = report.subject
    lines = [f"## {s.lesson} {s.exercise}: `{s.answer}`", "",
             (f"Score {report.score:.0%}: {report.killed} of {report.mutants - report.equivalent} killed "
              f"({report.timeouts} by the timeout), {report.equivalent} equivalent, {len(report.survivors)} "
              f"surviving, {report.discarded} discarded."), ""]
    lines += [f"- {p}" for p in problems(report)]
    if problems(report):
        lines.append("")
    for outcome in report.survivors:
        lines += [f"### `{outcome.mutant.id}`", "", "```diff", diff(s.reference, outcome.mutant), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


PREAMBLE = """# Mutants the exercises' checks do not kill

Generated by `python -m lessons.authoring.mutants --show-survivors --write` (one lesson:
`python -m lessons.authoring.mutants 03 --write`, which rewrites only that lesson's sections). Each
survivor below is a small change to the reference answer that the exercise's check passes and its
graded tests give full marks. Kill it with a new clause in the check, or, if it cannot change
behaviour, record it in `tests/mutation/equivalent.json` under its lesson, exercise and id, with the
reason.
"""


def merge_sections(existing: str, reports: list[ExerciseReport]) -> str:
    """The survivors' listing with the sections of ``reports`` replaced (or added), in lesson order."""
    sections: dict[str, str] = {}
    for chunk in re.split(r"(?m)^(?=## )", existing)[1:]:
        title = chunk.splitlines()[0]
        parts = title[3:].split()
        if len(parts) >= 2:
            sections[f"{parts[0]} {parts[1].rstrip(':')}"] = chunk.rstrip("\n") + "\n"
    for report in reports:
        sections[report.subject.key] = section(report)
    return PREAMBLE + "".join("\n" + sections[key] for key in sorted(sections))


def as_json(reports: list[ExerciseReport], wall_seconds: float) -> dict:
    return {
        "wall_seconds": round(wall_seconds, 1),
        "exercises": [{
            "lesson": r.subject.lesson, "exercise": r.subject.exercise, "answer": r.subject.answer,
            "mutants": r.mutants, "killed": r.killed, "timeouts": r.timeouts, "equivalent": r.equivalent,
            "survivors": len(r.survivors), "discarded": r.discarded, "score": round(r.score, 4),
            "reference_passes": r.reference_passes, "problems": problems(r),
            "results": [{"id": o.mutant.id, "operator": o.mutant.operator, "line": o.mutant.line,
                         "col": o.mutant.col, "outcome": o.verdict.outcome, "reason": o.verdict.reason,
                         "equivalent": o.equivalent, "seconds": round(o.verdict.seconds, 2),
                         "diff": diff(r.subject.reference, o.mutant, 0)} for o in r.outcomes],
        } for r in reports],
    }

"""The exercises' checks keep killing the mutants they killed: every exercise's mutation score (killed
/ (mutants - equivalent), see lessons/authoring/mutants.py) is at least the one recorded in
tests/mutation/scores.json, the reference itself passes, and the equivalences recorded in
tests/mutation/equivalent.json are still true (none is killed) and still current (each names a mutant
the tool still makes).

Slow (every mutant of every exercise, in its own process), so it carries the `mutation` marker and runs
once, on one Python. After improving a check: `python -m lessons.authoring.mutants NN --record --write`.
"""
from __future__ import annotations

import pytest

from lessons.authoring.mutants import run
from lessons.authoring.mutation import records
from lessons.authoring.mutation.report import problems, section, table
from lessons.authoring.mutation.runner import KILLED
from lessons.authoring.mutation.subjects import lessons, subjects

pytestmark = pytest.mark.mutation


@pytest.fixture(scope="module")
def reports():
    return run(subjects(lessons()))


def test_no_exercise_falls_below_its_recorded_mutation_score(reports):
    recorded = records.recorded_scores()
    unrecorded = [r.subject.key for r in reports if r.subject.exercise not in recorded.get(r.subject.lesson, {})]
    assert not unrecorded, (f"no recorded mutation score for {', '.join(unrecorded)}: run "
                            f"`python -m lessons.authoring.mutants NN --record --write` and commit the files")
    fallen = [r for r in reports if r.score < recorded[r.subject.lesson][r.subject.exercise]]
    assert not fallen, (
        "mutation score below the recorded one:\n"
        + "\n".join(f"  {r.subject.key}: {r.score:.2%} < {recorded[r.subject.lesson][r.subject.exercise]:.2%}"
                    for r in fallen)
        + "\n\n" + table(reports) + "\n\n" + "\n".join(section(r) for r in fallen))


def test_every_reference_passes_and_every_recorded_equivalence_still_holds(reports):
    # A timeout on a loaded machine says nothing about equivalence; only a real verdict counts.
    wrong = [(r, p) for r in reports for p in problems(r)
             if not p.startswith("recorded as equivalent but killed")
             or any(o.verdict.outcome == KILLED for o in r.killed_but_listed)]
    assert not wrong, "\n".join(f"{r.subject.key}: {p}" for r, p in wrong)

"""The generated parts of the instructor's guide (docs/instructors.md), so that they cannot drift from
the lessons: for each solution notebook its objectives, minutes, questions and instructor notes (from
the notebook itself), and where learners stumble, summarised per exercise from the known-wrong answers
the tests keep (tests/wrong_answers/lNN.py: each is a realistic mistake a check must reject).

Everything between ``<!-- generated: lessons -->`` and ``<!-- end generated -->`` is written here; the
rest of the guide (schedules, handing out, grading) is written by hand.

    python -m lessons.authoring.guide            rewrite the generated part
    python -m lessons.authoring.guide --check    exit 1 if it is out of date (a test runs this)
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from lessons.authoring import notebook as nbio

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "instructors.md"
BEGIN, END = "<!-- generated: lessons -->", "<!-- end generated -->"


def header_part(header: str, label: str) -> str:
    """The text of a bold-labelled part of a lesson's header cell, up to the next labelled part."""
    found = re.search(rf"\*\*{label}\*\*:?(.*?)(?=\n\*\*[A-Z]|\n\nRun the cells|\Z)", header, re.S)
    return found.group(1).strip() if found else ""


def wrong_answers(lesson: str) -> ModuleType | None:
    path = ROOT / "tests" / "wrong_answers" / f"l{lesson[:2]}.py"
    if not path.exists():
        return None
    if str(path.parent.parent) not in sys.path:
        sys.path.insert(0, str(path.parent.parent))  # the modules import their Wrong from wrong_answers
    return importlib.import_module(f"wrong_answers.l{lesson[:2]}")


def stumbles(lesson: str) -> list[str]:
    """Per exercise: the mistakes the tests keep, with the clause of the task each one breaks."""
    module = wrong_answers(lesson)
    try:
        exercises = {e.name: e for e in importlib.import_module(f"lessons.exercises.l{lesson[:2]}").EXERCISES}
    except ModuleNotFoundError:
        exercises = {}
    if module is None:
        return ["- (no known-wrong answers kept yet)"]
    catalogues = [value for name, value in sorted(vars(module).items())
                  if name.startswith("WRONG") and isinstance(value, dict)]
    names = sorted({name for catalogue in catalogues for name in catalogue}, key=lambda n: (len(n), n))
    lines = []
    for name in names:
        exercise = exercises.get(name)
        title = f"`{name}` · {exercise.title}" if exercise else f"`{name}`"
        wrongs = [wrong for catalogue in catalogues for wrong in catalogue.get(name, [])]
        lines.append(f"- **{title}** ({len(wrongs)} known mistakes):")
        seen = set()
        for wrong in wrongs:
            if wrong.mistake in seen:
                continue
            seen.add(wrong.mistake)
            clause = exercise.clauses.get(wrong.clause) if exercise and wrong.clause else None
            lines.append(f"  - {wrong.mistake}" + (f" (breaks: *{clause.rstrip('.')}*)" if clause else ""))
    return lines


def lesson_section(path: Path) -> str:
    cells = nbio.read(path)["cells"]
    header = nbio.source_of(cells[0])
    title = header.splitlines()[0].lstrip("# ").strip()
    notes = [nbio.source_of(c) for c in cells if nbio.is_instructor_only(c)]
    notes = [re.sub(r"^\*\*Instructor notes\*\*[^\n]*\n*", "", text).strip() for text in notes]
    time = header_part(header, "Time")
    parts = [
        f"### {title}",
        "",
        (f"Learner notebook: [`notebooks/{path.name}`](../notebooks/{path.name}) · "
        f"with answers: [`solutions/{path.name}`](../solutions/{path.name})"),
        "",
        f"**Estimated minutes**: {time}" if time else "**Estimated minutes**: (not given)",
        "",
        "**Objectives**: " + header_part(header, "Objectives"),
        "",
        "**Discussion questions** (the lesson's own questions: ask them before the cells answer them)",
        header_part(header, "Questions"),
        "",
        "**Where to pause, and what to ask the room** (the notebook's instructor cells)",
        "\n\n".join(notes) if notes else "(no instructor notes)",
        "",
        "**Where learners stumble** (summarised from the known-wrong answers the tests keep)",
        *stumbles(path.stem),
    ]
    return "\n".join(parts).rstrip() + "\n"


def generated(solutions: Path = ROOT / "solutions") -> str:
    sections = [lesson_section(path) for path in sorted(solutions.glob("*.ipynb"))]
    return f"{BEGIN}\n\n" + "\n".join(sections) + f"\n{END}"


def updated(text: str) -> str:
    if BEGIN not in text or END not in text:
        raise ValueError(f"{GUIDE.name} lacks the markers {BEGIN} and {END}")
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    return before + generated() + after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.authoring.guide", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/instructors.md is out of date")
    args = parser.parse_args(argv)
    text = GUIDE.read_text(encoding="utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print(f"{GUIDE.relative_to(ROOT)} is out of date: run python -m lessons.authoring.guide")
            return 1
        print(f"{GUIDE.relative_to(ROOT)} is up to date")
        return 0
    GUIDE.write_text(new, encoding="utf-8")
    print(f"wrote {GUIDE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

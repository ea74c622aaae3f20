"""The shared machinery of every exercise, in the style of Kaggle's learntools.

An exercise is a small object. In a notebook the learner writes an answer (a function, a class or a
named value) and then calls::

    q1.check(ways)      # passed / failed with a message that teaches / not attempted
    q1.hint()           # the next hint; q1.hint(2) a given one
    q1.solution()       # the reference answer, read from solutions/ when that folder is present

A check is a plain function that takes the answer, raises ``Failure`` with the input, the expected
value, what it got and *why* when something is wrong, and returns a sentence saying what passed. Checks
count and inspect (calls, ``cache_info()``, fake clocks); they never time, so they give the same result
on every machine.

Graded tests, with points, live apart from the checks in ``lessons/graded/lNN.py`` so that they are not
part of the notebook text; ``Exercise.grade`` runs them for a grader.

An answer counts as *not attempted* while it is still the generator's stub: ``...`` for a value, or a
function or class that raises ``NotImplementedError``.
"""
from __future__ import annotations

import html
import importlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lessons.counting import CallBudgetExceeded

PASSED = "passed"
FAILED = "failed"
NOT_ATTEMPTED = "not attempted"

_MARKS = {PASSED: "✔", FAILED: "✘", NOT_ATTEMPTED: "…"}
_COLOURS = {PASSED: "#009E73", FAILED: "#D55E00", NOT_ATTEMPTED: "#999999"}  # Okabe-Ito: colour-blind safe


class Failure(Exception):
    """Raised by a check: what was tried, what was expected, what came back, and why it matters."""

    def __init__(self, message: str, *, input: str | None = None, expected: Any = None, got: Any = None,
                 why: str | None = None, show_values: bool | None = None):
        super().__init__(message)
        self.message = message
        self.details: list[tuple[str, str]] = []
        if input is not None:
            self.details.append(("input", input))
        if show_values or (show_values is None and (expected is not None or got is not None)):
            self.details.append(("expected", _short_repr(expected)))
            self.details.append(("got", _short_repr(got)))
        if why:
            self.details.append(("why", why))


class NotAttempted(Exception):
    """Raised by a check that recognises a stub by other means than ``NotImplementedError``."""


def _short_repr(value: Any, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Result:
    """What ``check`` returns. Renders as a coloured box in JupyterLab and as plain text elsewhere
    (the plain text is what nbval compares, so it never contains an address or a timing)."""

    exercise: str
    status: str
    message: str
    details: tuple[tuple[str, str], ...] = ()

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __repr__(self) -> str:
        lines = [f"{_MARKS[self.status]} {self.exercise} {self.status}: {self.message}"]
        width = max((len(label) for label, _ in self.details), default=0)
        lines += [f"    {label + ':':<{width + 1}} {value}" for label, value in self.details]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        rows = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(label)}</th>"
            f"<td style='text-align:left'><code>{html.escape(value)}</code></td></tr>"
            for label, value in self.details
        )
        table = f"<table style='margin-top:.4em'>{rows}</table>" if rows else ""
        return (
            f"<div style='border-left:6px solid {colour};padding:.4em .8em;margin:.2em 0'>"
            f"<b style='color:{colour}'>{_MARKS[self.status]} {html.escape(self.exercise)} "
            f"{html.escape(self.status)}</b>: {html.escape(self.message)}{table}</div>"
        )


@dataclass(frozen=True)
class Text:
    """A hint or a notice: markdown in JupyterLab, the same words as plain text."""

    text: str

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


@dataclass(frozen=True)
class Graded:
    """One graded test: a description, its points, and a function that raises ``Failure`` if the answer
    does not do what the description says."""

    description: str
    points: int
    test: Callable[[Any], object]


@dataclass(frozen=True)
class Score:
    exercise: str
    description: str
    points: int
    earned: int
    status: str
    message: str


def solutions_dir() -> Path:
    """Where the reference notebooks live: $COURSE_SOLUTIONS_DIR, or solutions/ next to lessons/."""
    configured = os.environ.get("COURSE_SOLUTIONS_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "solutions"


@dataclass
class Exercise:
    """One exercise of one lesson.

    lesson       the notebook's stem, e.g. "01_memoization" (to find its solution)
    name         what the notebook calls it, e.g. "q1"
    answer       the name the learner defines, e.g. "ways"
    checker      function(answer) -> sentence on success; raises Failure / NotImplementedError
    hints        from gentle to nearly-the-answer
    """

    lesson: str
    name: str
    title: str
    answer: str
    checker: Callable[[Any], str]
    hints: list[str]
    _hints_shown: int = field(default=0, repr=False)

    # -- the learner's three verbs ---------------------------------------------------------------------
    def check(self, answer: Any) -> Result:
        status, message, details = _run(self.checker, answer, self.answer)
        return Result(self.name, status, message, details)

    def hint(self, level: int | None = None) -> Text:
        if level is None:
            level = min(self._hints_shown + 1, len(self.hints))
        if not 1 <= level <= len(self.hints):
            return Text(f"{self.name} has hints 1 to {len(self.hints)}.")
        self._hints_shown = max(self._hints_shown, level)
        text = f"**Hint {level} of {len(self.hints)}** ({self.name}): {self.hints[level - 1]}"
        if level == len(self.hints):
            text += f"\n\nThat was the last hint. `{self.name}.solution()` shows a reference answer."
        return Text(text)

    def solution(self) -> Text:
        path = solutions_dir() / f"{self.lesson}.ipynb"
        if not path.exists():
            return Text(
                f"The reference solution for {self.name} is not part of this copy of the course (the "
                f"`solutions/` folder has been removed, probably by your instructor). "
                f"`{self.name}.hint()` still helps, and your instructor can show the answer afterwards."
            )
        from lessons.notebook import solution_source  # here, not at the top: only solution() needs it

        source = solution_source(path, self.answer)
        if source is None:
            return Text(f"No reference solution defining `{self.answer}` was found in {path.name}.")
        return Text(f"Reference solution for {self.name} ({self.title}):\n\n```python\n{source}\n```")

    # -- for graders and tests -------------------------------------------------------------------------
    def graded_tests(self) -> list[Graded]:
        module = importlib.import_module(f"lessons.graded.l{self.lesson[:2]}")
        return list(module.TESTS[self.name])

    @property
    def points(self) -> int:
        return sum(t.points for t in self.graded_tests())

    def grade(self, answer: Any) -> list[Score]:
        scores = []
        for test in self.graded_tests():
            status, message, _ = _run(test.test, answer, self.answer)
            earned = test.points if status == PASSED else 0
            scores.append(Score(self.name, test.description, test.points, earned, status, message))
        return scores

    def __repr__(self) -> str:
        return f"<exercise {self.name}: {self.title}. Use {self.name}.check({self.answer}), {self.name}.hint()>"


def _run(check: Callable[[Any], object], answer: Any, answer_name: str) -> tuple[str, str, tuple]:
    """Run one check and turn whatever happens into (status, message, details), never a traceback."""
    if answer is Ellipsis:
        return NOT_ATTEMPTED, f"`{answer_name}` is still `...`: give it your value and run this cell again.", ()
    try:
        message = check(answer)
    except (NotImplementedError, NotAttempted):
        return NOT_ATTEMPTED, (f"`{answer_name}` still raises NotImplementedError: replace that line "
                               f"with your code, run its cell, then run this one."), ()
    except Failure as failure:
        return FAILED, failure.message, tuple(failure.details)
    except CallBudgetExceeded as stop:
        return FAILED, (f"your code was still running after {stop.budget} calls, so the check stopped it. "
                        f"Is it memoized?"), ()
    except RecursionError:
        return FAILED, ("your code hit Python's recursion limit: it recursed too deep, perhaps without "
                        "reaching a base case."), ()
    except Exception as exc:  # the learner's code raised: say where, briefly, not a wall of traceback
        return FAILED, f"your code raised {type(exc).__name__}: {exc}", (("where", _where(exc)),)
    return PASSED, str(message), ()


def _where(exc: BaseException) -> str:
    """The innermost frame outside this package, which is the learner's line that raised."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "lessons" not in Path(f.filename).parts]
    if not frames:
        return "inside the check"
    frame = frames[-1]
    line = f": {frame.line.strip()}" if frame.line else ""
    return f"line {frame.lineno} of {frame.name}(){line}"


def expect_equal(got: Any, expected: Any, *, input: str, why: str | None = None) -> None:
    """The most common check: raise a Failure naming input, expected and got when they differ."""
    if got != expected:
        raise Failure(f"wrong result for {input}", input=input, expected=expected, got=got, why=why)


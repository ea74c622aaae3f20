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

Each exercise holds everything about it in one place: its check, its hints, and its graded tests with
points (``tests=[Graded(...)]``), which ``Exercise.grade`` runs for a grader. Graded tests are not
secret: they are in the package a learner has, as the checks are. An instructor's *hidden* tests live
outside the course, in a folder named by ``$COURSE_HIDDEN_TESTS`` (``lNN.py`` files, each with
``TESTS = {"q1": [Graded(...)], ...}``), which the grader adds to the exercise's own; see
``lessons/README.md``.

An answer counts as *not attempted* while it is still the generator's stub: ``...`` for a value, or a
function or class that raises ``NotImplementedError``.
"""
from __future__ import annotations

import html
import importlib.util
import math
import os
import re
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lessons.grading.progress import record as record_progress
from lessons.tools.counting import CallBudgetExceeded
from lessons.tools.watchdog import StillRunning, stop_new_threads, time_limit

# Wall-clock seconds a check may take before it stops the learner's code: checks take about a second,
# so this is several times that, even on a loaded machine.
CHECK_SECONDS = float(os.environ.get("COURSE_CHECK_SECONDS", "5"))

PASSED = "passed"
FAILED = "failed"
NOT_ATTEMPTED = "not attempted"

_MARKS = {PASSED: "✔", FAILED: "✘", NOT_ATTEMPTED: "…"}
_COLOURS = {PASSED: "#009E73", FAILED: "#D55E00", NOT_ATTEMPTED: "#999999"}  # Okabe-Ito: colour-blind safe
_HINT_COLOUR = "#0072B2"  # Okabe-Ito blue: a hint is neither a pass nor a failure
# Details whose value is a Python value or expression (monospace); the others are sentences (prose).
_VALUE_LABELS = {"input", "expected", "got", "where"}


class Failure(Exception):
    """Raised by a check: what was tried, what was expected, what came back, and why it matters."""

    def __init__(self, message: str, *, clause: str | None = None, input: str | None = None,
                 expected: Any = None, got: Any = None, why: str | None = None, show_values: bool | None = None):
        super().__init__(message)
        self.message = message
        self.clause = clause  # the id of the task's clause this failure breaks (Exercise.clauses)
        self.details: list[tuple[str, str]] = []
        if input is not None:
            self.details.append(("input", input))
        if show_values or (show_values is None and (expected is not None or got is not None)):
            self.details.append(("expected", _short_repr(expected)))
            self.details.append(("got", _short_repr(got)))
        if why:
            self.details.append(("why", why))


class Description(str):
    """Words that stand for a value in a Failure's ``expected=`` or ``got=``, shown as they are rather
    than as a quoted string: ``expected=Description("a callable")`` shows ``a callable``, while
    ``expected="a callable"`` shows the string value ``'a callable'`` (which is right when the answer
    should have returned that string)."""

    def __repr__(self) -> str:
        return str(self)


class NotAttempted(Exception):
    """Raised by a check that recognises a stub by other means than ``NotImplementedError``."""


def _short_repr(value: Any, limit: int = 200) -> str:
    text = repr(value)
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return Description(text) if isinstance(value, Description) else text  # words stay words, for the HTML


_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*")


def inline_html(text: str) -> str:
    """Escape ``text`` for HTML, then render the two bits of markdown the course's sentences use:
    `code` as <code>, **bold** as <b>. Anything else stays literal text."""
    parts, end = [], 0
    for match in _INLINE.finditer(text):
        parts.append(html.escape(text[end:match.start()]))
        code, bold = match.groups()
        parts.append(f"<code>{html.escape(code)}</code>" if code is not None else f"<b>{html.escape(bold)}</b>")
        end = match.end()
    parts.append(html.escape(text[end:]))
    return "".join(parts)


def _detail_html(label: str, value: str) -> str:
    """A value (input, expected, got, where) in monospace; a sentence (why, clause) as prose, with its
    `code` spans in monospace. An input written as a sentence with `code` in it, and a ``Description``
    given as expected or got, are prose too."""
    if label in _VALUE_LABELS and "`" not in value and not isinstance(value, Description):
        return f"<code>{html.escape(value)}</code>"
    return inline_html(value)


def callout(colour: str, heading_html: str, body_html: str) -> str:
    """The course's box: a coloured bar on the left, a bold heading, then the body."""
    return (f"<div style='border-left:6px solid {colour};padding:.4em .8em;margin:.2em 0'>"
            f"<b style='color:{colour}'>{heading_html}</b>{body_html}</div>")


@dataclass(frozen=True)
class Result:
    """What ``check`` returns. Renders as a coloured box in JupyterLab and as plain text elsewhere
    (the plain text is what nbval compares, so it never contains an address or a timing)."""

    exercise: str
    status: str
    message: str
    details: tuple[tuple[str, str], ...] = ()
    clause: str | None = None  # on a failure: the id of the clause of the task that it breaks

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __repr__(self) -> str:
        lines = [f"{_MARKS[self.status]} {self.exercise} {self.status}: {self.message}"]
        width = max((len(label) for label, _ in self.details), default=0)
        lines += [f"    {label + ':':<{width + 1}} {value}" for label, value in self.details]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left;vertical-align:top;padding-right:1em'>{html.escape(label)}</th>"
            f"<td style='text-align:left'>{_detail_html(label, value)}</td></tr>"
            for label, value in self.details
        )
        table = f"<table style='margin-top:.4em'>{rows}</table>" if rows else ""
        heading = f"{_MARKS[self.status]} {html.escape(self.exercise)} {html.escape(self.status)}"
        return callout(_COLOURS[self.status], heading, f": {inline_html(self.message)}{table}")


@dataclass(frozen=True)
class Text:
    """A task, a solution or a notice: markdown in JupyterLab, the same words as plain text."""

    text: str

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return self.text


@dataclass(frozen=True)
class Hint:
    """One hint, boxed like a check's result (a blue bar): the same words as plain text."""

    exercise: str
    level: int
    of: int
    text: str
    after: str = ""  # a closing sentence, e.g. where to go after the last hint

    def __repr__(self) -> str:
        closing = f"\n\n{self.after}" if self.after else ""
        return f"Hint {self.level} of {self.of} ({self.exercise}): {self.text}{closing}"

    def _repr_html_(self) -> str:
        closing = f"<p style='margin:.4em 0 0 0'>{inline_html(self.after)}</p>" if self.after else ""
        heading = f"💡 Hint {self.level} of {self.of}"
        return callout(_HINT_COLOUR, heading, f" ({html.escape(self.exercise)}): {inline_html(self.text)}{closing}")


def _show(value: Any) -> Any:
    """In a Jupyter kernel, display ``value`` now and return None; elsewhere return it.

    A hint is used up when it is asked for, so it must appear even when the call is not the cell's
    last expression (``q1.hint(); q1.hint()`` shows both), and nothing is left to display twice."""
    try:
        from IPython import get_ipython
    except ImportError:
        return value
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return value
    from IPython.display import display

    display(value)
    return None


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
    details: tuple[tuple[str, str], ...] = ()
    clause: str | None = None


def hidden_tests(lesson: str, name: str) -> list[Graded]:
    """An instructor's hidden graded tests for one exercise: ``$COURSE_HIDDEN_TESTS/lNN.py``'s
    ``TESTS[name]``. Loaded from a file path, under a private module name, so nothing a learner's
    notebook imports can stand in for it."""
    folder = os.environ.get("COURSE_HIDDEN_TESTS")
    path = Path(folder) / f"l{lesson[:2]}.py" if folder else None
    if path is None or not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location(f"_course_hidden_tests_l{lesson[:2]}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(getattr(module, "TESTS", {}).get(name, []))


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
    tests        graded tests with points, for a grader
    clauses      the task, clause by clause: {id: what the answer must do}; a Failure names the id of the
                 clause it breaks, and the learner sees the clause's words next to the input and values
    prepare      run before each check and graded test, outside its time limit: starts what the checks
                 need and the answer does not control (lesson 08: its Redis server), so that a slow start
                 on a busy machine is never blamed on the answer
    time_factor  this exercise's checks may take CHECK_SECONDS x time_factor (lesson 08's q2 starts two
                 fresh Pythons, which a busy machine can take seconds to do)
    """

    lesson: str
    name: str
    title: str
    answer: str
    checker: Callable[[Any], str]
    hints: list[str]
    tests: list[Graded] = field(default_factory=list)
    clauses: dict[str, str] = field(default_factory=dict)
    prepare: Callable[[], object] | None = None
    time_factor: float = 1.0
    _hints_shown: int = field(default=0, repr=False)

    # -- the learner's three verbs ---------------------------------------------------------------------
    def check(self, answer: Any) -> Result:
        unprepared = self._prepare(answer)
        if unprepared is not None:
            return Result(self.name, FAILED, unprepared)
        status, message, details, clause = _run(self.checker, answer, self.answer, self.clauses,
                                                self.time_factor)
        result = Result(self.name, status, message, details, clause)
        record_progress(self, result)  # one JSON line beside the notebook, unless COURSE_NO_PROGRESS is set
        return result

    def _prepare(self, answer: Any) -> str | None:
        """Run ``prepare`` (not for a stub); None when ready, else why the check cannot run."""
        if self.prepare is None or answer is Ellipsis:
            return None
        try:
            self.prepare()
        except Exception as exc:  # noqa: BLE001 - reported as the check's problem, not the answer's
            return (f"the check could not start what it needs ({type(exc).__name__}: {exc}); this is not "
                    f"your answer's fault")
        return None

    def task(self) -> Text:
        """The task as the list of clauses the answer must meet, the same list the check tests."""
        lines = [f"**{self.name} · {self.title}.** Define `{self.answer}` so that:", ""]
        lines += [f"{n}. {text}" for n, text in enumerate(self.clauses.values(), 1)]
        return Text("\n".join(lines))

    def hint(self, level: int | None = None) -> Hint | Text | None:
        """The next hint (or hint ``level``). In a notebook it displays itself at once and returns None,
        so a hint asked for is a hint shown, wherever the call stands in the cell."""
        if level is None:
            level = min(self._hints_shown + 1, len(self.hints))
        if not 1 <= level <= len(self.hints):
            return _show(Text(f"{self.name} has hints 1 to {len(self.hints)}."))
        self._hints_shown = max(self._hints_shown, level)
        after = ""
        if level == len(self.hints):
            after = "That was the last hint."
            if self.has_solution():
                after += f" `{self.name}.solution()` shows a reference answer."
            else:
                after += " Your instructor can show a reference answer afterwards."
        return _show(Hint(self.name, level, len(self.hints), self.hints[level - 1], after))

    def has_solution(self) -> bool:
        """Is the reference notebook part of this copy of the course? (An instructor may remove it.)"""
        return (solutions_dir() / f"{self.lesson}.ipynb").exists()

    def solution(self) -> Text:
        path = solutions_dir() / f"{self.lesson}.ipynb"
        if not path.exists():
            return Text(
                f"The reference solution for {self.name} is not part of this copy of the course (the "
                f"`solutions/` folder has been removed, probably by your instructor). "
                f"`{self.name}.hint()` still helps, and your instructor can show the answer afterwards."
            )
        from lessons.authoring.notebook import solution_source  # here, not at the top: only solution() needs it

        source = solution_source(path, self.answer)
        if source is None:
            return Text(f"No reference solution defining `{self.answer}` was found in {path.name}.")
        return Text(f"Reference solution for {self.name} ({self.title}):\n\n```python\n{source}\n```")

    # -- for graders and tests -------------------------------------------------------------------------
    def graded_tests(self) -> list[Graded]:
        """The exercise's own graded tests, then the instructor's hidden ones if $COURSE_HIDDEN_TESTS is set."""
        return [*self.tests, *hidden_tests(self.lesson, self.name)]

    @property
    def points(self) -> int:
        return sum(t.points for t in self.graded_tests())

    def grade(self, answer: Any) -> list[Score]:
        scores = []
        unprepared = self._prepare(answer)
        for test in self.graded_tests():
            if unprepared is not None:
                scores.append(Score(self.name, test.description, test.points, 0, FAILED, unprepared))
                continue
            status, message, details, clause = _run(test.test, answer, self.answer, self.clauses,
                                                    self.time_factor)
            earned = test.points if status == PASSED else 0
            scores.append(Score(self.name, test.description, test.points, earned, status, message, details,
                                clause))
        return scores

    def __repr__(self) -> str:
        return f"<exercise {self.name}: {self.title}. Use {self.name}.check({self.answer}), {self.name}.hint()>"


def _run(check: Callable[[Any], object], answer: Any, answer_name: str,
         clauses: dict[str, str] | None = None, time_factor: float = 1.0) -> tuple[str, str, tuple, str | None]:
    """Run one check and turn whatever happens into (status, message, details, clause), never a
    traceback."""
    if answer is Ellipsis:
        return (NOT_ATTEMPTED, f"`{answer_name}` is still `...`: give it your value and run this cell again.",
                (), None)
    threads_before = set(threading.enumerate())
    try:
        with time_limit(CHECK_SECONDS * time_factor):
            message = check(answer)
    except StillRunning as stop:
        return FAILED, (f"still running after {stop.seconds:g} s, so the check stopped it: does your code wait "
                        f"for something that never happens, or loop without end?"), (), None
    except (NotImplementedError, NotAttempted):
        return NOT_ATTEMPTED, (f"`{answer_name}` still raises NotImplementedError: replace that line "
                               f"with your code, run its cell, then run this one."), (), None
    except Failure as failure:
        details = tuple(failure.details)
        if failure.clause is not None:
            details = (("clause", (clauses or {}).get(failure.clause, failure.clause)), *details)
        return FAILED, failure.message, details, failure.clause
    except CallBudgetExceeded as stop:
        return FAILED, (f"your code was still running after {stop.budget} calls, so the check stopped it. "
                        f"Is it memoized?"), (), None
    except RecursionError:
        return FAILED, ("your code hit Python's recursion limit: it recursed too deep, perhaps without "
                        "reaching a base case."), (), None
    except Exception as exc:  # the learner's code raised: say where, briefly, not a wall of traceback
        return FAILED, f"your code raised {type(exc).__name__}: {exc}", (("where", _where(exc)),), None
    finally:
        stop_new_threads(threads_before)  # nothing the answer started keeps running after its check
    return PASSED, str(message), (), None


def _where(exc: BaseException) -> str:
    """The innermost frame outside this package, which is the learner's line that raised."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "lessons" not in Path(f.filename).parts]
    if not frames:
        return "inside the check"
    frame = frames[-1]
    line = f": {frame.line.strip()}" if frame.line else ""
    return f"line {frame.lineno} of {frame.name}(){line}"


def exactly_equal(got: Any, expected: Any) -> bool:
    """Equal in value AND of exactly the same type, all the way down.

    ``==`` alone is fooled by an object whose ``__eq__`` always says True, by ``1.0`` for ``1``, by
    ``True`` for ``1``, and by a list for a tuple; the reference's own value decides the type here.

    >>> exactly_equal((1, [2.0]), (1, [2.0])), exactly_equal(1, 1.0), exactly_equal(True, 1)
    (True, False, False)
    >>> class AlwaysEqual:
    ...     def __eq__(self, other): return True
    >>> exactly_equal(AlwaysEqual(), 3), exactly_equal([AlwaysEqual()], [3])
    (False, False)
    """
    if type(got) is not type(expected):
        return False
    if isinstance(expected, (list, tuple)):  # namedtuples too: the type check above names the class
        return len(got) == len(expected) and all(exactly_equal(g, e) for g, e in zip(got, expected))
    if isinstance(expected, dict):
        return (_typed(got.keys()) == _typed(expected.keys())
                and all(exactly_equal(got[k], expected[k]) for k in expected))
    if isinstance(expected, (set, frozenset)):
        return _typed(got) == _typed(expected)
    if isinstance(expected, float) and math.isnan(expected):
        return math.isnan(got)
    return bool(expected == got)


def _typed(items) -> set:
    return {(type(item), item) for item in items}


def expect_equal(got: Any, expected: Any, *, input: str, why: str | None = None,
                 clause: str | None = None) -> None:
    """The most common check: raise a Failure naming input, expected and got when they differ in value
    or in type (see ``exactly_equal``)."""
    if not exactly_equal(got, expected):
        if type(got) is not type(expected) and not why:
            why = f"the result must be a {type(expected).__name__}, not a {type(got).__name__}"
        raise Failure(f"wrong result for {input}", clause=clause, input=input, expected=expected, got=got,
                      why=why)


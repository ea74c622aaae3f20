"""A class of submissions for the grader's tests, built in a temporary folder from solutions/ and
notebooks/: good ones, every bad input of issue 9's item 6, and hostile ones that try to raise their own
score. ``build(root, elsewhere)`` writes them and returns what each must get.

Most notebooks are *tiny* versions of lesson 01 (its setup cell, and each exercise's answer and check
cells, with their ids), so that grading a dozen of them in one run takes seconds; one whole learner
notebook per lesson, answered, shows that every lesson's own cells run and earn full marks in the grader.
"""
from __future__ import annotations

import copy
import importlib
import os
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

from lessons.authoring import notebook as nbio
from lessons.grading import catalog

ROOT = Path(__file__).resolve().parents[1]
LESSON = "01_memoization"
FULL = 10  # lesson 01's points


@dataclass(frozen=True)
class Expect:
    status: str
    says: str                      # a fragment of the submission's message
    earned: int | str              # points, or "less" (fewer than FULL, more than 0 not required)
    exercise_says: dict | None = None  # {"q1": fragment of a failed test's message}


def tiny(folder: str) -> dict:
    """Lesson 01 from solutions/ or notebooks/, cut to its setup, answer and check cells."""
    notebook = nbio.read(ROOT / folder / f"{LESSON}.ipynb")
    setup = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    notebook["cells"] = [setup] + [c for c in notebook["cells"]
                                   if c["cell_type"] == "code" and re.fullmatch(r"q\d+-(answer|check)", c["id"])]
    for cell in notebook["cells"]:
        cell["source"] = nbio.stub_source(nbio.source_of(cell)) if folder == "notebooks" else cell["source"]
        cell["outputs"], cell["execution_count"] = [], None
    notebook["metadata"]["course"] = {"lesson": LESSON}
    return notebook


def learner_with_answers(stem: str) -> dict:
    """The learner notebook of ``stem`` with every answer cell replaced by the solution's."""
    learner = nbio.read(ROOT / "notebooks" / f"{stem}.ipynb")
    solution = {c["id"]: c for c in nbio.read(ROOT / "solutions" / f"{stem}.ipynb")["cells"]}
    for cell in learner["cells"]:
        if cell["id"].endswith("-answer") and cell["id"] in solution:
            cell["source"] = nbio.strip_markers(nbio.source_of(solution[cell["id"]]))
    return learner


def with_wrong_answer(stem: str, which: int) -> dict:
    notebook = learner_with_answers(stem)
    wrong = importlib.import_module(f"wrong_answers.l{stem[:2]}").WRONG
    names = sorted(wrong)
    name = names[which % len(names)]
    mistake = wrong[name][which % len(wrong[name])]
    for cell in notebook["cells"]:
        if cell["id"] == f"{name}-answer":
            cell["source"] = textwrap.dedent(mistake.source).strip("\n")
    return notebook


def code(source: str, cell_id: str) -> dict:
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "source": textwrap.dedent(source).strip("\n"),
            "outputs": [], "execution_count": None}


def inserted(notebook: dict, cell: dict, after: str = "setup") -> dict:
    notebook = copy.deepcopy(notebook)
    at = next(i for i, c in enumerate(notebook["cells"]) if c["id"] == after) + 1
    notebook["cells"].insert(at, cell)
    return notebook


def replaced(notebook: dict, cell_id: str, source: str) -> dict:
    notebook = copy.deepcopy(notebook)
    cell = next(c for c in notebook["cells"] if c["id"] == cell_id)
    cell["source"] = textwrap.dedent(source).strip("\n")
    return notebook


def without(notebook: dict, cell_id: str) -> dict:
    notebook = copy.deepcopy(notebook)
    notebook["cells"] = [c for c in notebook["cells"] if c["id"] != cell_id]
    return notebook


def wrong_q1() -> str:
    wrong = importlib.import_module("wrong_answers.l01").WRONG["q1"][0]  # plain recursion, never memoized
    return wrong.source


ALL_PASS = repr({"cells": {}, "verdicts": {q: [("passed", "forged", ())] * 4 for q in ("q1", "q2", "q3")}})

PATCH_THE_COURSE = """
import lessons.exercises.core as core
import lessons.exercises.l01 as l01
core.PASSED = core.FAILED = core.NOT_ATTEMPTED = "passed"
core._run = lambda check, answer, name: ("passed", "forged", ())
core.Exercise.grade = lambda self, answer: [
    core.Score(self.name, t.description, t.points, t.points, "passed", "forged") for t in self.graded_tests()]
core.hidden_tests = lambda lesson, name: []
for exercise in l01.EXERCISES:
    exercise.tests[:] = [core.Graded(t.description, t.points, lambda answer: "forged") for t in exercise.tests]
"""

REPLACE_MODULES_AND_BUILTINS = PATCH_THE_COURSE + """
import builtins, sys, types
fake = types.ModuleType("lessons.exercises.core")
fake.__dict__.update(core.__dict__)
sys.modules["lessons.exercises.core"] = fake
sys.modules["lessons.exercises.l01"] = l01
sys.modules["lessons.tools.counting"] = types.ModuleType("lessons.tools.counting")
_real_import = builtins.__import__
def _import(name, *args, **kwargs):
    module = _real_import(name, *args, **kwargs)
    if name.startswith("lessons"):
        PATCH()
    return module
def PATCH():
    core._run = lambda check, answer, name: ("passed", "forged", ())
builtins.__import__ = _import
"""

FORGE_THE_CHANNEL = f"""
import os
forged = "READY\\n" + "".join(f"{{'%032x' % n}} {ALL_PASS}\\n" for n in range(3))
print(forged)
for fd in range(1, 40):
    try:
        os.write(fd, forged.encode())
    except OSError:
        pass
"""

STEAL_THE_NONCE = f"""
import os, threading
def steal():
    nonce = os.read(0, 33)
    os.write(1, nonce.rstrip() + b" " + ALL_PASS.encode() + b"\\n")
ALL_PASS = "{ALL_PASS}"
threading.Thread(target=steal, daemon=True).start()
"""

# Aimed at the grader's answers process: in a kernel, writing to every descriptor would only break
# the kernel's own sockets (and cost the submission its run, not raise its score).
SAY_READY_AND_READ_THE_NONCE = f"""
import os, select, sys
def _everywhere(data):
    for fd in range(1, 64):
        try:
            os.write(fd, data)
        except OSError:
            pass
if "ipykernel" not in sys.modules:
    _everywhere(b"READY\\n")
if "ipykernel" not in sys.modules and select.select([0], [], [], 3)[0]:
    _everywhere(os.read(0, 33).strip() + b" " + {ALL_PASS!r}.encode() + b"\\n")
"""

# The hostile answers are stubs: whatever they try, an honest grader gives them nothing.
WRONG_WAYS = "def ways(n):\n    raise NotImplementedError\n"


def write(path: Path, notebook: dict, *, version: int = 4) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if version == 4:
        nbio.write(path, notebook)
    else:
        node = nbformat.from_dict(copy.deepcopy(notebook))
        path.write_text(nbformat.writes(nbformat.convert(node, version), version=version), encoding="utf-8")


def build(root: Path, elsewhere: Path) -> dict[str, Expect]:
    """Write the class under ``root`` (and one file under ``elsewhere``, outside it); return, per path
    relative to ``root``, what the grader must say."""
    solution, stub = tiny("solutions"), tiny("notebooks")
    sub = f"{LESSON}.ipynb"
    cases: dict[str, tuple[dict | bytes | None, Expect]] = {
        f"ada/{sub}": (solution, Expect("graded", "Every cell ran", FULL)),
        f"bob/{sub}": (stub, Expect("graded", "Every cell ran", 0, {"q1": "still raises NotImplementedError"})),
        f"cyd/{sub}": (replaced(solution, "q1-answer", wrong_q1()),
                       Expect("graded", "", "less", {"q1": "memoized"})),
        f"zoe_{sub}": (solution, Expect("graded", "", FULL)),  # flat: the learner is zoe
        f"helper/{sub}": (replaced(inserted(solution, code("def _steps(n):\n    return (1, 2, 3)", "mine"),
                                            "q1-check"), "q1-answer", """
            ways_memo = {}
            def ways(n):
                if n < 0:
                    return 0
                if n not in ways_memo:
                    ways_memo[n] = 1 if n == 0 else sum(ways(n - s) for s in _steps(n))
                return ways_memo[n]
            """), Expect("graded", "", FULL)),
        # -- item 6: bad input --------------------------------------------------------------------------
        f"badjson/{sub}": (b'{"cells": [{"cell_type": "code", ', Expect("invalid-notebook", "not valid JSON", 0)),
        f"empty/{sub}": (b"", Expect("invalid-notebook", "empty", 0)),
        f"python/{sub}": (b"def ways(n):\n    return 1\n", Expect("invalid-notebook", "Python source", 0)),
        "nolesson/99_quantum.ipynb": ({**solution, "metadata": {**solution["metadata"],
                                                                "course": {"lesson": "99_quantum"}}},
                                      Expect("unknown-lesson", "'99_quantum'", 0)),
        f"v3/{sub}": (("v3", solution), Expect("graded", "converted from nbformat 3", FULL)),
        f"newer/{sub}": ({**replaced(solution, "setup", nbio.source_of(solution["cells"][0])), "nbformat_minor": 10,
                          "metadata": {**solution["metadata"], "jupyterlab": {"toc": {"depth": 3}},
                                       "widgets": {"application/vnd.jupyter.widget-state+json": {}}}},
                         Expect("graded", "Every cell ran", FULL)),
        f"deleted/{sub}": (without(solution, "q2-answer"),
                           Expect("graded", "", FULL - 3, {"q2": "no cell defines `memoize`"})),
        f"renamed/{sub}": (replaced(solution, "q1-answer", nbio.source_of(
            next(c for c in solution["cells"] if c["id"] == "q1-answer")).replace("def ways(", "def ways2(")),
            Expect("graded", "", FULL - 3, {"q1": "no cell defines `ways`"})),
        f"raises/{sub}": (inserted(solution, code("raise ValueError('my demo broke')", "demo")),
                          Expect("graded", "raised an error (ValueError", FULL)),
        f"loop/{sub}": (inserted(solution, code("while True:\n    pass", "loop")),
                        Expect("cell-timeout", "was interrupted", FULL)),
        f"deaf/{sub}": (inserted(solution, code("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                                "while True:\n    pass", "deaf")),
                        Expect("timeout", "was still running after", FULL)),
        f"exit/{sub}": (inserted(solution, code("import sys\nsys.exit()", "exit")),
                        Expect("graded", "SystemExit", FULL)),
        f"osexit/{sub}": (inserted(solution, code("import os\nos._exit(1)", "osexit")),
                          Expect("kernel-died", "the kernel died", FULL)),
        f"input/{sub}": (inserted(solution, code("name = input('your name? ')", "ask")),
                         Expect("graded", "asked for input()", FULL)),
        f"memory/{sub}": (inserted(solution, code("hog = bytearray(8 * 1024 ** 3)", "hog")),
                          Expect("memory", "ran out of memory", FULL)),
        f"prints/{sub}": (inserted(solution, code("print('x' * 100_000_000)", "prints")),
                          Expect("output-limit", "printed more than 1 MB", FULL)),
        f"link/{sub}": (("link", elsewhere / sub), Expect("outside-submissions", "outside SUBMISSIONS", 0)),
        f"twice/{sub}": (stub, Expect("duplicate", "that one counts", 0)),
        f"twice/{LESSON}-resubmitted.ipynb": (solution, Expect("graded", "", FULL)),
        # -- hostile: each tries to raise its own score -------------------------------------------------
        f"patcher/{sub}": (inserted(stub, code(PATCH_THE_COURSE, "patch")), Expect("graded", "", 0)),
        f"inanswer/{sub}": (replaced(stub, "q1-answer", WRONG_WAYS + REPLACE_MODULES_AND_BUILTINS),
                            Expect("graded", "", 0)),
        f"forger/{sub}": (replaced(stub, "q1-answer", WRONG_WAYS + FORGE_THE_CHANNEL), Expect("graded", "", 0)),
        f"ready/{sub}": (replaced(stub, "q1-answer", WRONG_WAYS + SAY_READY_AND_READ_THE_NONCE),
                         Expect("graded", "", 0)),
        f"thief/{sub}": (replaced(stub, "q1-answer", WRONG_WAYS + STEAL_THE_NONCE),
                         Expect("tampered", "thread running", 0)),
        f"callpatch/{sub}": (replaced(stub, "q1-answer", "def ways(n):\n    import builtins\n"
                                                         "    builtins.ascii = lambda *a: 'forged'\n"
                                                         "    raise NotImplementedError\n"),
                             Expect("graded", "", 0, {"q1": "changed Python's builtins"})),
    }
    # -- whole lessons, as a learner hands them in: the learner notebook with the reference answers
    # typed in earns every point of every lesson; lesson 08's (processes, a disk cache, a Redis server)
    # untouched stub earns none, and one known-wrong answer costs points there too
    for stem in catalog.stems():
        cases[f"full/{stem}.ipynb"] = (learner_with_answers(stem),
                                       Expect("graded", "Every cell ran", catalog.lesson(stem).points))
    last = catalog.stems()[-1]
    cases[f"fullstub/{last}.ipynb"] = (nbio.read(ROOT / "notebooks" / f"{last}.ipynb"), Expect("graded", "", 0))
    cases[f"fullwrong/{last}.ipynb"] = (with_wrong_answer(last, 0), Expect("graded", "", "less"))
    expected = {}
    for relative, (content, expect) in cases.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, tuple) and content[0] == "v3":
            write(path, content[1], version=3)
        elif isinstance(content, tuple) and content[0] == "link":
            write(content[1], solution)
            os.symlink(content[1], path)
        else:
            write(path, content)
        expected[relative] = expect
    os.utime(root / f"twice/{sub}", (1_700_000_000, 1_700_000_000))        # handed in first
    os.utime(root / f"twice/{LESSON}-resubmitted.ipynb", (1_700_086_400, 1_700_086_400))  # a day later
    return expected

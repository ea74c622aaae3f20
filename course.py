#!/usr/bin/env python3
"""The course's commands. Needs only Python 3.10 or newer; changes nothing outside this folder.

    python3 course.py start       set up .venv/ (first time: a minute or two) and open lesson 01 in JupyterLab
    python3 course.py test        set up, then run every test: on this Python with the browser test, and on
                                  every other CPython 3.10-3.13 it finds (each in its own .venv-3.X/)
    python3 course.py slides      write the lightning talk as a reveal.js deck that needs no network
    python3 course.py wheelhouse  download every package into wheelhouse/, for installing without network

    python3 course.py test --this-python-only      skip the other Pythons
    python3 course.py test -- -k lesson01 -x       anything after -- goes to pytest
    python3 course.py grade SUBMISSIONS [--out DIR] [--jobs N] [--cell-timeout S] [--timeout S]
                            [--memory MB] [--resume] [--shard K/N] [--merge OUT ...]
                                                   grade learners' notebooks (an instructor's command)
    python3 course.py progress [FOLDER] [--regrade] your progress through the exercises

What each command installs: `start` only what a learner needs (requirements.txt); `slides` adds reveal.js
(requirements-slides.txt); `test` adds the tests' packages too (requirements-test.txt). Packages are
installed with uv (bootstrapped from PyPI into .venv/, pinned below) because it installs the same pinned
set into each venv several times faster than pip; where uv cannot be had, pip does it. When a
wheelhouse/ folder exists, everything is installed from it and nothing from the network.

Environment: COURSE_CHROMIUM names the browser (default /usr/bin/chromium);
COURSE_REQUIRE_BROWSER=1 turns a skipped browser test into a failure, and
COURSE_REQUIRE_PYTHONS="3.10 3.11 3.12 3.13" fails when one of those is not found (CI sets both).
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SUPPORTED = [(3, 10), (3, 11), (3, 12), (3, 13)]
FIRST_LESSON = "01_memoization.ipynb"
PYTEST_NO_TESTS = 5
UV = "uv==0.13.9"  # installs the course's packages; pinned like everything else
WHEELHOUSE = ROOT / "wheelhouse"
BUILD_REQUIREMENTS = ["setuptools>=64"]  # what installing lessons/ in editable mode builds with (pyproject.toml)

# Requirement files, by what they are for. A command installs the sets it names, and a venv that already
# has a set (same file, same Python) is not touched again. "slides" is installed without dependencies.
LEARNER, SLIDES, TESTS = "requirements.txt", "requirements-slides.txt", "requirements-test.txt"
NO_DEPS = {SLIDES}
FOR_COMMAND = {"start": [LEARNER], "slides": [LEARNER, SLIDES], "test": [LEARNER, SLIDES, TESTS]}


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def fingerprint(python: str, requirements: str) -> str:
    """Changes whenever this set of requirements would need reinstalling for ``python``."""
    digest = hashlib.sha256()
    for name in (requirements, "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(subprocess.run([python, "-c", "import sys; print(sys.version)"], capture_output=True,
                                 text=True, check=True).stdout.encode())
    return digest.hexdigest()


def installed_sets(stamp: Path) -> dict[str, str]:
    try:
        found = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return {}  # no stamp, or one from before the sets were split: install again
    return found if isinstance(found, dict) else {}


def ensure_venv(python: str, venv: Path, requirements: list[str]) -> Path:
    """Create or update ``venv`` for ``python`` with the given requirement files; a no-op for every file
    already installed there unchanged."""
    stamp = venv / ".course-installed"
    done = installed_sets(stamp) if venv_python(venv).exists() else {}
    wanted = {name: fingerprint(python, name) for name in requirements}
    missing = [name for name in requirements if done.get(name) != wanted[name]]
    if not missing:
        return venv_python(venv)
    started = time.perf_counter()
    if not venv_python(venv).exists():
        say(f"creating {venv.name}/ with {python}")
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    where = f"from {WHEELHOUSE.name}/, without network" if WHEELHOUSE.is_dir() else "(only needed once)"
    say(f"installing {', '.join(missing)} into {venv.name}/ {where}")
    install = install_command(venv)
    with_deps = [arg for name in missing if name not in NO_DEPS for arg in ("-r", str(ROOT / name))]
    if with_deps:
        subprocess.run([*install, *with_deps, "-e", str(ROOT)], check=True)
    without_deps = [arg for name in missing if name in NO_DEPS for arg in ("-r", str(ROOT / name))]
    if without_deps:
        subprocess.run([*install, "--no-deps", *without_deps], check=True)
    stamp.write_text(json.dumps({**done, **wanted}, indent=1, sort_keys=True))
    say(f"{venv.name}/ ready in {time.perf_counter() - started:.0f} s")
    return venv_python(venv)


def offline_source() -> list[str]:
    """Install options that take every package from wheelhouse/ when it exists, and nothing from an index."""
    return ["--no-index", "--find-links", str(WHEELHOUSE)] if WHEELHOUSE.is_dir() else []


def install_command(venv: Path) -> list[str]:
    uv = find_uv()
    if uv:
        return [uv, "pip", "install", "--python", str(venv_python(venv)), *offline_source()]
    return [str(venv_python(venv)), "-m", "pip", "--disable-pip-version-check", "install", *offline_source()]


def find_uv() -> str | None:
    """uv in the main .venv/, installing it there with pip the first time; None where that fails
    (no network and no wheel of it), and then pip installs the packages instead."""
    main = ROOT / ".venv"
    uv = main / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")
    if uv.exists():
        return str(uv)
    if not venv_python(main).exists():
        subprocess.run([sys.executable, "-m", "venv", str(main)], check=True)
    done = subprocess.run([str(venv_python(main)), "-m", "pip", "--disable-pip-version-check", "install", "-q",
                           *offline_source(), UV])
    return str(uv) if done.returncode == 0 and uv.exists() else None


def version_of(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True,
                             text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode:
        return None  # e.g. a pyenv shim for a version that is installed but not selected
    major, minor = map(int, out.stdout.split())
    return major, minor


def find_pythons() -> dict[tuple[int, int], str]:
    """Every supported CPython on this machine: on PATH as python3.X, or kept by pyenv."""
    found: dict[tuple[int, int], str] = {}
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for major, minor in SUPPORTED:
        candidates = [shutil.which(f"python{major}.{minor}")]
        candidates += sorted((str(p) for p in pyenv.glob(f"{major}.{minor}.*/bin/python{major}.{minor}")),
                             key=lambda p: [int(x) for x in Path(p).parents[1].name.split(".") if x.isdigit()],
                             reverse=True)
        for candidate in filter(None, candidates):
            if version_of(candidate) == (major, minor):
                found[(major, minor)] = candidate
                break
    return found


def check_python() -> None:
    if sys.version_info[:2] < (3, 10):  # noqa: UP036 (course.py may be started by any python3)
        sys.exit(f"The course needs Python 3.10 or newer; this is {sys.version.split()[0]}. "
                 f"Run this command with a newer python3.")


def start() -> int:
    check_python()
    python = ensure_venv(sys.executable, ROOT / ".venv", FOR_COMMAND["start"])
    # The learners' folder is the root, and the first lesson is the default page, so the link JupyterLab
    # prints opens lesson 01 too (on a machine with no desktop browser to open it for you).
    command = [str(python), "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.root_dir={ROOT / 'notebooks'}", f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses root without it
    say("starting JupyterLab; stop it with Ctrl+C (twice)")
    os.chdir(ROOT)
    os.execv(command[0], command)
    return 0  # not reached


# One worker per core; --dist loadfile keeps each notebook's cells on one worker, in one kernel.
PARALLEL = ["-n", "auto", "--dist", "loadfile"]


def run_pytest(python: Path, label: str, args: list[str], extra: list[str]) -> tuple[str, int | None, float]:
    say(f"running the tests on {label}")
    started = time.perf_counter()
    code = subprocess.run([str(python), "-m", "pytest", *args, *extra], cwd=ROOT).returncode
    elapsed = time.perf_counter() - started
    if code == PYTEST_NO_TESTS:
        if extra:  # the caller's own -k or path selected nothing here: not a failure of the course
            code = 0
        else:
            say(f"{label}: pytest collected no tests, which counts as a failure")
            code = 1
    return label, code, elapsed


def test(args: argparse.Namespace) -> int:
    check_python()
    extra = args.pytest_args
    this_only = args.this_python_only
    results = []
    this = sys.version_info[:2]
    main_python = ensure_venv(sys.executable, ROOT / ".venv", FOR_COMMAND["test"])
    others: dict[tuple[int, int], str] = {}
    if not this_only:
        others = {v: p for v, p in find_pythons().items() if v != this}
        required = os.environ.get("COURSE_REQUIRE_PYTHONS", "").split()
        missing = [v for v in required if tuple(map(int, v.split("."))) not in {this, *others}]
        if missing:
            say(f"required Pythons not found: {', '.join(missing)}")
            return 1
    label = f"Python {this[0]}.{this[1]}"
    results.append(run_pytest(main_python, label, [*PARALLEL, "-m", "not browser"], extra))
    # The browser test runs alone, after the rest: sharing two cores with parallel notebook runs, a
    # kernel's replies to the browser were once late enough to stall it. It drives JupyterLab's front
    # end, which is the same whatever the kernel's Python, so once, on this Python, is enough.
    chromium = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
    if chromium.exists() or os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        browser = run_pytest(main_python, f"{label}, in a browser", ["-m", "browser"], extra)
        if browser[1] not in (0, None):
            # A known flake, not yet understood: now and then JupyterLab left Run All's cells queued ([*])
            # while the kernel reported idle (once in two fresh-clone runs, lesson 03). The test now clicks
            # Run All only after a kernel_info round trip, and a stall reports the cells' and the kernel's
            # state. One more run tells a stall from a real failure; both runs are reported, and a second
            # failure fails.
            say(f"the browser test FAILED after {browser[2]:.0f} s; running it once more to tell JupyterLab's "
                f"queued-cells stall from a real failure (its output above says which test failed)")
            browser = run_pytest(main_python, f"{label}, in a browser, again", ["-m", "browser"], extra)
        results.append(browser)
    else:
        say(f"browser test skipped: no {chromium} (Debian/Ubuntu: apt-get install chromium)")
        results.append((f"{label}, in a browser", None, 0.0))  # None: skipped, which is not a failure
    for (major, minor), python in sorted(others.items()):
        venv_py = ensure_venv(python, ROOT / f".venv-{major}.{minor}", FOR_COMMAND["test"])
        # The mutation scores judge the checks, which are the same code on every Python, and the slow
        # set-up tests (an offline install) prove course.py's install path: once, on this Python, is enough.
        results.append(run_pytest(venv_py, f"Python {major}.{minor}",
                                  [*PARALLEL, "-m", "not browser and not mutation and not slow"], extra))
    print()
    say("summary")
    for label, code, elapsed in results:
        status = "skipped" if code is None else "passed" if code == 0 else "FAILED"
        print(f"  {status:7} {label:32} {elapsed:6.1f} s")
    return 0 if all(code in (0, None) for _, code, _ in results) else 1


def slides(args: argparse.Namespace) -> int:
    check_python()
    python = ensure_venv(sys.executable, ROOT / ".venv", FOR_COMMAND["slides"])
    return subprocess.run([str(python), "-m", "lessons.authoring.deck", "--out", str(args.out)], cwd=ROOT).returncode


def wheelhouse_commands(pip: list[str], dest: Path, python_versions: list[str], platforms: list[str],
                        requirements: list[str]) -> list[list[str]]:
    """The ``pip download`` runs that fill ``dest``: one per target Python and platform (none named: this
    machine's), each fetching the requirement sets, the editable build's setuptools and uv."""
    targets = list(itertools.product(python_versions or [None], platforms or [None]))
    commands = []
    for version, platform in targets:
        target = []
        if version or platform:  # pip can only pick wheels for another machine; it cannot build there
            target = ["--only-binary=:all:", *(["--python-version", version] if version else []),
                      *(["--platform", platform] if platform else [])]
        with_deps = [arg for name in requirements if name not in NO_DEPS for arg in ("-r", str(ROOT / name))]
        commands.append([*pip, "download", "-d", str(dest), *target, *with_deps, *BUILD_REQUIREMENTS, UV])
        without_deps = [arg for name in requirements if name in NO_DEPS for arg in ("-r", str(ROOT / name))]
        if without_deps:
            commands.append([*pip, "download", "-d", str(dest), *target, "--no-deps", *without_deps])
    return commands


def wheelhouse(args: argparse.Namespace) -> int:
    check_python()
    if WHEELHOUSE.is_dir() and args.out.resolve() == WHEELHOUSE.resolve():
        say(f"adding to the existing {WHEELHOUSE.name}/")
    requirements = FOR_COMMAND["test" if args.tests else "slides"]
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    for command in wheelhouse_commands(pip, args.out, args.python_version, args.platform, requirements):
        say(" ".join(command[len(pip):]))
        if subprocess.run(command).returncode:
            return 1
    say(f"{args.out}: {len(list(args.out.glob('*')))} files; copy the course folder with it to each machine, "
        f"and `python3 course.py start` installs from it without network")
    return 0


def parser() -> argparse.ArgumentParser:
    """One subcommand per README command; each sets ``run`` to the function that carries it out."""
    top = argparse.ArgumentParser(prog="python3 course.py", description=__doc__.split("\n\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("start", help="set up .venv/ and open lesson 01 in JupyterLab").set_defaults(
        run=lambda args: start())
    tests = commands.add_parser("test", help="set up, then run every test on every Python 3.10-3.13 found")
    tests.add_argument("--this-python-only", action="store_true", help="skip the other Pythons")
    tests.add_argument("pytest_args", nargs="*", metavar="-- PYTEST_ARGS",
                       help="after --: passed to pytest, e.g. -- -k lesson01 -x")
    tests.set_defaults(run=test)
    deck = commands.add_parser("slides", help="write the lightning talk as a reveal.js deck that needs no network")
    deck.add_argument("--out", type=Path, default=ROOT / "slides", help="folder to write (default: slides/)")
    deck.set_defaults(run=slides)
    house = commands.add_parser("wheelhouse", help="download every package into wheelhouse/ for offline installs")
    house.add_argument("--out", type=Path, default=WHEELHOUSE, help="folder to fill (default: wheelhouse/)")
    house.add_argument("--python-version", action="append", default=[], metavar="3.X",
                       help="a target Python (repeat for several; default: this one)")
    house.add_argument("--platform", action="append", default=[], metavar="TAG",
                       help="a target platform tag, e.g. manylinux2014_x86_64, macosx_11_0_arm64, win_amd64 "
                            "(repeat for several; default: this machine's)")
    house.add_argument("--tests", action="store_true", help="also the tests' packages (for python3 course.py test)")
    house.set_defaults(run=wheelhouse)
    # Listed here for the usage message; their options are the grader's own (see GRADING), so main()
    # hands everything after the command to it, and its argparse exits 2 on an unknown option.
    commands.add_parser("grade", add_help=False, help="grade learners' notebooks: grade SUBMISSIONS [--out DIR] "
                                                      "[--jobs N] ... (grade --help lists them)")
    commands.add_parser("progress", add_help=False, help="your progress through the exercises [--regrade]")
    return top


GRADING = {"grade": [], "progress": ["progress"]}  # course.py COMMAND -> python -m lessons.grading ...


def grading(command: str, rest: list[str]) -> int:
    """Run the grader (lessons/grading) inside .venv/, from the caller's folder (SUBMISSIONS may be relative)."""
    check_python()
    python = ensure_venv(sys.executable, ROOT / ".venv", FOR_COMMAND["start"])
    return subprocess.run([str(python), "-m", "lessons.grading", *GRADING[command], *rest]).returncode


def main(argv: list[str]) -> int:
    if argv[:1] and argv[0] in GRADING:
        return grading(argv[0], argv[1:])
    args = parser().parse_args(argv)  # unknown options: a usage message and exit 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

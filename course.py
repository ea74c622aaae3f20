#!/usr/bin/env python3
"""The course's two commands. Needs only Python 3.10 or newer; changes nothing outside this folder.

    python3 course.py start   set up .venv/ (first time: a minute or two) and open lesson 01 in JupyterLab
    python3 course.py test    set up, then run every test: on this Python with the browser test, and on
                              every other CPython 3.10-3.13 it finds (each in its own .venv-3.X/)

    python3 course.py test --this-python-only      skip the other Pythons
    python3 course.py test -- -k lesson01 -x       anything after -- goes to pytest

Packages are installed with uv (bootstrapped from PyPI into .venv/, pinned below) because it installs the
same pinned set into each venv several times faster than pip; where uv cannot be had, pip does it.

Environment: COURSE_CHROMIUM names the browser (default /usr/bin/chromium);
COURSE_REQUIRE_BROWSER=1 turns a skipped browser test into a failure, and
COURSE_REQUIRE_PYTHONS="3.10 3.11 3.12 3.13" fails when one of those is not found (CI sets both).
"""
from __future__ import annotations

import argparse
import hashlib
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


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def fingerprint(python: str) -> str:
    """Changes whenever the environment would need reinstalling."""
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(subprocess.run([python, "-c", "import sys; print(sys.version)"], capture_output=True,
                                 text=True, check=True).stdout.encode())
    return digest.hexdigest()


def ensure_venv(python: str, venv: Path) -> Path:
    """Create or update ``venv`` for ``python``; a no-op when nothing changed since the last setup."""
    stamp = venv / ".course-installed"
    wanted = fingerprint(python)
    if stamp.exists() and stamp.read_text() == wanted and venv_python(venv).exists():
        return venv_python(venv)
    started = time.perf_counter()
    if not venv_python(venv).exists():
        say(f"creating {venv.name}/ with {python}")
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
    say(f"installing the course's packages into {venv.name}/ (only needed once)")
    packages = ["-r", str(ROOT / "requirements.txt"), "-e", str(ROOT)]
    uv = find_uv()
    if uv:
        subprocess.run([uv, "pip", "install", "--python", str(venv_python(venv)), *packages], check=True)
    else:
        pip = [str(venv_python(venv)), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", *packages], check=True)
    stamp.write_text(wanted)
    say(f"{venv.name}/ ready in {time.perf_counter() - started:.0f} s")
    return venv_python(venv)


def find_uv() -> str | None:
    """uv in the main .venv/, installing it there with pip the first time; None where that fails
    (no network and no wheel of it), and then pip installs the packages instead."""
    main = ROOT / ".venv"
    uv = main / ("Scripts/uv.exe" if os.name == "nt" else "bin/uv")
    if uv.exists():
        return str(uv)
    if not venv_python(main).exists():
        subprocess.run([sys.executable, "-m", "venv", str(main)], check=True)
    done = subprocess.run([str(venv_python(main)), "-m", "pip", "--disable-pip-version-check", "install", "-q", UV])
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
    python = ensure_venv(sys.executable, ROOT / ".venv")
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
    main_python = ensure_venv(sys.executable, ROOT / ".venv")
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
        results.append(run_pytest(main_python, f"{label}, in a browser", ["-m", "browser"], extra))
    else:
        say(f"browser test skipped: no {chromium} (Debian/Ubuntu: apt-get install chromium)")
        results.append((f"{label}, in a browser", None, 0.0))  # None: skipped, which is not a failure
    for (major, minor), python in sorted(others.items()):
        venv_py = ensure_venv(python, ROOT / f".venv-{major}.{minor}")
        # The mutation scores judge the checks, which are the same code on every Python: once is enough.
        results.append(run_pytest(venv_py, f"Python {major}.{minor}",
                                  [*PARALLEL, "-m", "not browser and not mutation"], extra))
    print()
    say("summary")
    for label, code, elapsed in results:
        status = "skipped" if code is None else "passed" if code == 0 else "FAILED"
        print(f"  {status:7} {label:32} {elapsed:6.1f} s")
    return 0 if all(code in (0, None) for _, code, _ in results) else 1


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
    return top


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)  # unknown options: a usage message and exit 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Workshop set-up without the room's network, and Binder's postBuild, each proved by doing it.

A copy of the course with a one-package requirements.txt keeps this small (seconds, not the full
download): `course.py wheelhouse` fills wheelhouse/ from the index, and then course.py's own install
path (uv bootstrapped from the wheelhouse, `--no-index --find-links wheelhouse`) sets up a venv with
every index made unreachable and pip's and uv's configuration ignored. Marked slow: course.py runs it
on the main Python only."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PIN = "cachetools==7.3.2"  # one small pure-Python package of the real requirements


def offline_env(**extra: str) -> dict[str, str]:
    unreachable = "http://127.0.0.1:9/simple"  # the discard port: nothing listens there
    return {**os.environ, "PIP_CONFIG_FILE": os.devnull, "UV_NO_CONFIG": "1", "PIP_INDEX_URL": unreachable,
            "UV_INDEX_URL": unreachable, "UV_DEFAULT_INDEX": unreachable, "PIP_FIND_LINKS": "",
            "UV_CACHE_DIR": extra.pop("UV_CACHE_DIR"), **extra}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of the course whose learner set is one package, with its wheelhouse filled."""
    copy = tmp_path_factory.mktemp("course")
    for name in ("course.py", "pyproject.toml", "README.md", "requirements-slides.txt", "requirements-test.txt",
                 "postBuild"):
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "lessons", copy / "lessons", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "requirements.txt").write_text(f"{PIN}\n")
    filled = subprocess.run([sys.executable, "course.py", "wheelhouse"], cwd=copy, capture_output=True, text=True,
                            timeout=600)
    assert filled.returncode == 0, filled.stdout[-2000:] + filled.stderr[-2000:]
    return copy


def test_course_py_installs_from_the_wheelhouse_without_network(course, tmp_path):
    names = {p.name.split("-")[0].lower() for p in (course / "wheelhouse").iterdir()}
    assert {"cachetools", "setuptools", "uv", "sphinx_revealjs"} <= names, names
    install = ("import course, sys; from pathlib import Path; "
               "course.ensure_venv(sys.executable, Path('.venv'), course.FOR_COMMAND['slides'])")
    run = subprocess.run([sys.executable, "-c", install], cwd=course, capture_output=True, text=True, timeout=600,
                         env=offline_env(UV_CACHE_DIR=str(tmp_path / "uv-cache")))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "from wheelhouse/, without network" in run.stdout
    python = course / ".venv" / "bin" / "python"
    check = subprocess.run([str(python), "-c", ("import cachetools, lessons, importlib.util as u; "
                            "print(cachetools.__version__, lessons.__file__, bool(u.find_spec('sphinx_revealjs')))")],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    version, where, reveal = check.stdout.split()
    assert version == PIN.split("==")[1] and Path(where).is_relative_to(course) and reveal == "True", check.stdout


def test_postbuild_makes_lessons_importable(course, tmp_path):
    """Binder runs postBuild after installing environment.yml; here its pip is a fresh venv's."""
    venv = tmp_path / "binder"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    env = offline_env(UV_CACHE_DIR=str(tmp_path / "uv-cache"), PIP_NO_INDEX="1",
                      PIP_FIND_LINKS=str(course / "wheelhouse"))
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    run = subprocess.run(["bash", "postBuild"], cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    found = subprocess.run([str(venv / "bin" / "python"), "-c", "import lessons; print(lessons.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert found.returncode == 0 and Path(found.stdout.strip()).is_relative_to(course), found.stdout + found.stderr

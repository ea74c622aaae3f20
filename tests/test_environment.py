"""The set-up files agree with each other and with the README's two commands."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest


def pins(lines):
    return sorted(line.strip().lstrip("- ").strip() for line in lines
                  if re.match(r"^\s*-?\s*[A-Za-z0-9_.-]+==[^\s]+\s*$", line))


def test_requirements_and_environment_yml_pin_the_same_packages(root):
    requirements = pins((root / "requirements.txt").read_text().splitlines())
    environment = pins((root / "environment.yml").read_text().splitlines())
    assert requirements, "requirements.txt pins nothing"
    assert requirements == environment, (
        f"only in requirements.txt: {sorted(set(requirements) - set(environment))}; "
        f"only in environment.yml: {sorted(set(environment) - set(requirements))}")


SETS = ("requirements.txt", "requirements-test.txt", "requirements-slides.txt")


@pytest.mark.parametrize("name", SETS)
def test_every_requirement_is_pinned(root, name):
    for line in (root / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"{name}: unpinned requirement: {line}"


def test_a_learner_installs_nothing_only_the_tests_need(root):
    learner = {pin.split("==")[0] for pin in pins((root / "requirements.txt").read_text().splitlines())}
    tests = {pin.split("==")[0] for pin in pins((root / "requirements-test.txt").read_text().splitlines())}
    assert not learner & tests, f"in both sets: {learner & tests}"
    assert not learner & {"pytest", "pytest-xdist", "nbval", "hypothesis", "playwright", "ruff"}
    assert "jupyterlab-rise" in learner, "the talk runs live with RISE"


def test_installed_versions_are_the_pinned_ones(root):
    from importlib.metadata import version

    for pin in [p for name in SETS for p in pins((root / name).read_text().splitlines())]:
        name, wanted = pin.split("==")
        assert version(name) == wanted, f"{name}: {version(name)} installed, {wanted} pinned"


def test_python_floor_is_the_same_everywhere(root):
    assert 'requires-python = ">=3.10"' in (root / "pyproject.toml").read_text()
    assert "SUPPORTED = [(3, 10), (3, 11), (3, 12), (3, 13)]" in (root / "course.py").read_text()
    assert sys.version_info >= (3, 10)


def course_py(root, *args):
    return subprocess.run([sys.executable, "course.py", *args], cwd=root, capture_output=True, text=True,
                          timeout=60)


def test_every_command_course_py_has_is_in_the_readme(root):
    readme = (root / "README.md").read_text()
    assert course_py(root, "--help").returncode == 0
    sys.path.insert(0, str(root))
    try:
        import course
    finally:
        sys.path.remove(str(root))
    subcommands = next(a for a in course.parser()._actions if a.dest == "command")
    commands = list(subcommands.choices)
    assert {"start", "test"} <= set(commands)
    for command in commands:
        assert f"python3 course.py {command}" in readme, command


@pytest.mark.parametrize("args", [[], ["test", "--no-such-option"], ["tset"], ["start", "extra"]])
def test_a_wrong_command_line_exits_2_with_a_usage_message(root, args):
    run = course_py(root, *args)
    assert run.returncode == 2 and "usage: python3 course.py" in run.stderr


def test_ci_runs_the_readme_test_command(root):
    ci = (root / ".ci" / "run").read_text()
    assert "python3 course.py test" in ci and "COURSE_REQUIRE_BROWSER=1" in ci


def test_course_py_finds_this_python(root):
    sys.path.insert(0, str(root))
    try:
        import course
    finally:
        sys.path.remove(str(root))
    assert course.version_of(sys.executable) == sys.version_info[:2]
    assert course.version_of("/nonexistent/python") is None


def test_reading_a_notebook_does_not_build_the_slow_iri_parsers():
    """requirements.txt holds jsonschema below 4.24 for this: a process that imports nbformat must not
    import rfc3987_syntax, whose parsers cost seconds per process (the grader starts one per submission)."""
    import subprocess
    import sys

    probe = "import sys, nbformat, nbclient; print('rfc3987_syntax' in sys.modules, 'lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"], out

"""The set-up files agree with each other and with the README's two commands."""
from __future__ import annotations

import re
import subprocess
import sys


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


def test_every_requirement_is_pinned(root):
    for line in (root / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"unpinned requirement: {line}"


def test_installed_versions_are_the_pinned_ones(root):
    from importlib.metadata import version

    for pin in pins((root / "requirements.txt").read_text().splitlines()):
        name, wanted = pin.split("==")
        assert version(name) == wanted, f"{name}: {version(name)} installed, {wanted} pinned"


def test_python_floor_is_the_same_everywhere(root):
    assert 'requires-python = ">=3.10"' in (root / "pyproject.toml").read_text()
    assert "SUPPORTED = [(3, 10), (3, 11), (3, 12), (3, 13)]" in (root / "course.py").read_text()
    assert sys.version_info >= (3, 10)


def test_readme_gives_exactly_the_two_commands_course_py_has(root):
    readme = (root / "README.md").read_text()
    assert "python3 course.py start" in readme and "python3 course.py test" in readme
    usage = subprocess.run([sys.executable, "course.py"], cwd=root, capture_output=True, text=True)
    assert usage.returncode == 2 and "course.py start" in usage.stdout and "course.py test" in usage.stdout


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

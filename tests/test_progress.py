"""The learner's progress log: one JSON line per check beside the notebook, opt-out by environment
variable, and the lessons x exercises table built from it (course.py progress, lessons.progress())."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import lessons
from lessons.exercises.l01 import q1, q2
from lessons.grading import progress

ROOT = Path(__file__).resolve().parents[1]


def ways(n):
    return {0: 1, 1: 1, 2: 2}.get(n, 0)  # wrong beyond 2


def stub(func):
    raise NotImplementedError


def test_each_check_appends_one_json_line_with_xapi_like_fields(tmp_path, monkeypatch):
    monkeypatch.delenv(progress.OFF, raising=False)
    monkeypatch.chdir(tmp_path)
    q1.check(ways)
    q2.check(stub)
    lines = [json.loads(line) for line in (tmp_path / progress.FILE).read_text().splitlines()]
    assert [(e["lesson"], e["exercise"], e["outcome"], e["verb"]) for e in lines] == [
        ("01_memoization", "q1", "failed", "failed"), ("01_memoization", "q2", "not attempted", "attempted")]
    assert set(lines[0]) == {"time", "verb", "lesson", "exercise", "outcome", "points", "course_version"}
    assert lines[0]["points"] == q1.points and lines[0]["course_version"] == lessons.__version__


def test_the_environment_variable_turns_it_off_and_the_test_suite_sets_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(progress.OFF, "1")
    q1.check(ways)
    assert not (tmp_path / progress.FILE).exists()
    for folder in ("solutions", "notebooks"):
        assert not (ROOT / folder / progress.FILE).exists(), f"a test run wrote a progress log into {folder}/"


def test_the_table_shows_the_latest_outcome_of_each_exercise(tmp_path):
    log = [{"lesson": "01_memoization", "exercise": "q1", "outcome": "failed"},
           {"lesson": "01_memoization", "exercise": "q1", "outcome": "passed"},
           {"lesson": "02_lru_cache", "exercise": "q2", "outcome": "failed"}]
    (tmp_path / progress.FILE).write_text("".join(json.dumps(e) + "\n" for e in log) + "{cut by a cra")
    shown = lessons.progress(tmp_path)
    rows = shown.rows
    assert rows["01_memoization"] == {"q1": "✔ passed", "q2": "… not attempted", "q3": "… not attempted"}
    assert rows["02_lru_cache"]["q2"] == "✘ failed"
    assert re.search(r"^01_memoization +✔ passed +… not attempted", repr(shown), re.MULTILINE)
    assert "<table>" in shown._repr_html_() and "✘ failed" in shown._repr_html_()


def test_course_progress_prints_the_table(tmp_path):
    run = subprocess.run([sys.executable, "-m", "lessons.grading", "progress", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "07_threads_asyncio" in run.stdout and "not attempted" in run.stdout

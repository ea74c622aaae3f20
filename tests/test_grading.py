"""The grader on a whole class in ONE run: good submissions get their marks, every bad input of issue 9
gets its status and message, hostile notebooks do not raise their own score, and no submission changes
by a byte. Then the reports, --resume, --shard and --merge on that run's results."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from grading_fixtures import FULL, build

from lessons.grading import catalog, discover

# A whole class through real kernels takes minutes: once, on the main Python (each step of the grader
# is tested on every Python in test_grading_steps.py).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file and link under folder: a link's target, a file's bytes."""
    prints = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            prints[key] = "link to " + os.readlink(path)
        elif path.is_file():
            prints[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return prints


def grade(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lessons.grading", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    root, elsewhere, cwd = base / "submissions", base / "elsewhere", base / "cwd"
    cwd.mkdir()
    expected = build(root, elsewhere)
    before = fingerprint(root), fingerprint(elsewhere)
    started = time.monotonic()
    # The limits are short, so that the two submissions that run into them (a loop, and one that ignores
    # the interrupt) cost seconds, and long enough that a slow first cell on a busy CI machine is not cut.
    run = grade(str(root), "--out", str(base / "out"), "--jobs", "2", "--cell-timeout", "8", "--timeout", "20",
                "--memory", "2048", cwd=cwd)
    assert run.returncode == 0, run.stderr
    report = json.loads((base / "out" / "grades.json").read_text())
    return {"base": base, "root": root, "elsewhere": elsewhere, "cwd": cwd, "expected": expected,
            "before": before, "run": run, "seconds": time.monotonic() - started,
            "by_path": {s["path"]: s for s in report["submissions"]}, "report": report}


def cases():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return list(build(Path(folder) / "s", Path(folder) / "e"))


@pytest.mark.parametrize("path", cases())
def test_each_submission_gets_its_status_message_and_points(graded, path):
    expect, result = graded["expected"][path], graded["by_path"][path]
    assert result["status"] == expect.status, result["message"]
    assert expect.says.lower() in result["message"].lower(), result["message"]
    assert isinstance(result["earned"], int) and isinstance(result["possible"], int)
    if expect.earned == "less":
        assert 0 < result["earned"] < result["possible"], result
    else:
        assert result["earned"] == expect.earned, json.dumps(result["exercises"], indent=1)[:3000]
    for name, fragment in (expect.exercise_says or {}).items():
        messages = [t["message"] for t in result["exercises"][name]["tests"] if t["status"] != "passed"]
        assert any(fragment in m for m in messages), messages


def test_a_stub_is_not_attempted_and_a_solution_passes_every_test(graded):
    stub, solution = graded["by_path"]["bob/01_memoization.ipynb"], graded["by_path"]["ada/01_memoization.ipynb"]
    assert {t["status"] for e in stub["exercises"].values() for t in e["tests"]} == {"not attempted"}
    assert {t["status"] for e in solution["exercises"].values() for t in e["tests"]} == {"passed"}
    assert solution["possible"] == FULL
    whole = graded["by_path"][f"fullstub/{catalog.stems()[-1]}.ipynb"]
    assert {t["status"] for e in whole["exercises"].values() for t in e["tests"]} == {"not attempted"}


def test_submissions_are_byte_identical_and_nothing_is_written_beside_them(graded):
    assert (fingerprint(graded["root"]), fingerprint(graded["elsewhere"])) == graded["before"]
    assert list(graded["cwd"].iterdir()) == []
    assert sorted(p.name for p in graded["base"].iterdir()) == ["cwd", "elsewhere", "out", "submissions"]


def test_the_learner_comes_from_the_folder_or_the_flat_file_name(graded):
    assert graded["by_path"]["zoe_01_memoization.ipynb"]["learner"] == "zoe"
    assert graded["by_path"]["ada/01_memoization.ipynb"]["learner"] == "ada"
    assert discover.learner_of(Path("03_lru_eviction-ada lovelace.ipynb")) == "ada lovelace"


def test_csv_has_one_row_per_learner_and_lesson_and_leaves_the_duplicate_out(graded):
    with open(graded["base"] / "out" / "grades.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [r for r in rows if r["learner"] == "twice"] == [
        {**[r for r in rows if r["learner"] == "twice"][0], "earned": str(FULL), "status": "graded"}]
    assert len({(r["learner"], r["lesson"]) for r in rows}) == len(rows)
    assert {"q1", "q2", "q3"} <= set(rows[0])


def test_feedback_names_each_failed_test_its_message_and_a_hint(graded):
    text = (graded["base"] / "out" / "feedback" / "cyd" / "01_memoization.md").read_text()
    assert "✘" in text and "memoized" in text and "Next hint to try" in text
    summary = graded["base"] / "out"
    assert (summary / "summary.png").stat().st_size > 1000
    assert "Most common failures" in (summary / "summary.md").read_text()
    assert graded["report"]["summary"]["exercises"]["01_memoization/q1"]["possible"] == 3


def test_resume_skips_what_is_done_and_merge_rebuilds_the_same_report(graded):
    base = graded["base"]
    again = grade(str(graded["root"]), "--out", str(base / "out"), "--resume", "--quiet", cwd=graded["cwd"])
    everyone = len(graded["by_path"])
    assert again.returncode == 0 and f"{everyone} of {everyone} already graded" in again.stderr
    merged = grade("--merge", str(base / "out"), "--out", str(base / "merged"), "--quiet", cwd=graded["cwd"])
    assert merged.returncode == 0, merged.stderr
    report = json.loads((base / "merged" / "grades.json").read_text())
    assert {s["path"]: s["earned"] for s in report["submissions"]} == {
        p: s["earned"] for p, s in graded["by_path"].items()}


def test_shards_split_the_class_deterministically(graded):
    found = discover.find(graded["root"])
    shares = [discover.shard(found, k, 3) for k in (1, 2, 3)]
    assert sorted(s.path for share in shares for s in share) == sorted(s.path for s in found)
    assert shares == [discover.shard(found, k, 3) for k in (1, 2, 3)]


@pytest.mark.parametrize("args", [["--jobs", "0", "x"], ["--shard", "4/3", "x"], ["--no-such-option", "x"], []])
def test_bad_options_exit_2(args, tmp_path):
    assert grade(*args, cwd=tmp_path).returncode == 2


def test_a_worker_past_its_time_is_stopped_from_outside(tmp_path, monkeypatch):
    from grading_fixtures import tiny, write

    from lessons.grading import results, schedule

    write(tmp_path / "in" / "ada" / "01_memoization.ipynb", tiny("solutions"))
    monkeypatch.setattr(schedule, "outside_limit", lambda timeout: 0.5)  # far less than a kernel's start
    schedule.grade_all(discover.find(tmp_path / "in"), tmp_path / "out", jobs=1, cell_timeout=5, timeout=30,
                       memory=2048, quiet=True)
    [result] = results.load_all(tmp_path / "out")
    assert (result["status"], result["earned"]) == ("timeout", 0)
    assert "stopped it from outside" in result["message"]

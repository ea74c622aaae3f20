"""One self-contained JSON file per submission, in ``OUT/results/``, written the moment it is graded
(to a temporary name, then renamed, so a grader killed half-way leaves whole files or none).

That one shape makes the rest simple: ``--resume`` skips a submission whose result file exists and was
made from the same bytes; ``--shard K/N`` runs write disjoint files; ``--merge`` copies the files of
other runs' OUT folders into this one, and every report is built from whatever files are there.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from lessons.grading.discover import Submission


def folder(out: Path) -> Path:
    return Path(out) / "results"


def write_result(out: Path, result: dict) -> Path:
    target = folder(out) / f"{result['key']}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, target)
    return target


def load_all(out: Path) -> list[dict]:
    results = []
    for path in sorted(folder(out).glob("*.json")):
        try:
            results.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue  # not ours, or written by something else: a rerun grades that submission again
    return sorted(results, key=lambda r: r["path"])


def done(out: Path, sub: Submission) -> bool:
    """Is there a result for this submission, made from the bytes it has now?"""
    path = folder(out) / f"{sub.key}.json"
    if not path.exists():
        return False
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    if sub.outside or "sha256" not in result:
        return True
    return result["sha256"] == hashlib.sha256(Path(sub.file).read_bytes()).hexdigest()


def merge(out: Path, others: list[Path]) -> int:
    """Copy every result file of the other OUT folders into this one; returns how many."""
    copied = 0
    folder(out).mkdir(parents=True, exist_ok=True)
    for other in others:
        for path in sorted(folder(other).glob("*.json")):
            shutil.copyfile(path, folder(out) / path.name)
            copied += 1
    return copied

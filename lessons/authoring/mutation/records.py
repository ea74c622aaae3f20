"""What is kept between runs, in tests/mutation/: the mutants recorded as equivalent (with the reason
each one cannot change behaviour), the score each exercise must not fall below, and the survivors'
listing the lesson authors read. JSON with sorted keys, so each edit is a small diff."""
from __future__ import annotations

import json
import math
from pathlib import Path

from lessons.authoring.mutation.subjects import ROOT

FOLDER = ROOT / "tests" / "mutation"
EQUIVALENT = FOLDER / "equivalent.json"   # {lesson: {exercise: {mutant id: reason}}}
SCORES = FOLDER / "scores.json"           # {lesson: {exercise: score}}
SURVIVORS = FOLDER / "survivors.md"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def equivalents(lesson: str, exercise: str, path: Path = EQUIVALENT) -> dict[str, str]:
    """Mutant id -> why that mutant behaves exactly like the reference."""
    return dict(_load(path).get(lesson, {}).get(exercise, {}))


def recorded_scores(path: Path = SCORES) -> dict[str, dict[str, float]]:
    return _load(path)


def floor_score(score: float) -> float:
    """Rounded down, so that the same run always reaches the score it recorded."""
    return math.floor(score * 10_000) / 10_000


def record_scores(scores: dict[tuple[str, str], float], path: Path = SCORES) -> None:
    """Set the recorded score of each (lesson, exercise) given; the others stay as they were."""
    data = _load(path)
    for (lesson, exercise), score in scores.items():
        data.setdefault(lesson, {})[exercise] = floor_score(score)
    _dump(path, data)

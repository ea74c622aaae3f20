"""Find the submissions under SUBMISSIONS, and say whose they are and which lesson each claims to be.

Two layouts, and a mix of them, work:

* one folder per learner: ``SUBMISSIONS/ada/03_lru_eviction.ipynb`` is ada's (deeper folders count
  for the learner of the first folder);
* flat: ``SUBMISSIONS/ada_03_lru_eviction.ipynb`` or ``03_lru_eviction-ada.ipynb`` is ada's: the learner
  is the file's name without the lesson part (a lesson's name, or ``NN_...``) and the ``-``, ``_``, ``.``
  or spaces around it.

Hidden files and folders and ``.ipynb_checkpoints`` are skipped. A symbolic link is followed only when
its target lies inside SUBMISSIONS; one that points outside is listed, so that it is reported, but never
read. Nothing here opens a notebook: the lesson is read from its metadata later, the file name is only
the fallback.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lessons.grading import catalog

UNKNOWN_NUMBERED = re.compile(r"(?<![A-Za-z0-9])\d\d_[A-Za-z0-9_]+")
SEPARATORS = "-_. "


@dataclass(frozen=True)
class Submission:
    path: str            # relative to SUBMISSIONS, with / separators: what every report shows
    learner: str
    file: str            # absolute path, as found (a link is not resolved here)
    outside: bool        # a link whose target is outside SUBMISSIONS

    @property
    def key(self) -> str:
        """A file name for this submission's result, unique and stable across runs and machines."""
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", self.path)[-80:]
        return f"{safe}-{hashlib.sha256(self.path.encode()).hexdigest()[:10]}"

    @property
    def lesson_from_name(self) -> str | None:
        return catalog.lesson_from_name(Path(self.path).name)


def learner_of(relative: Path) -> str:
    if len(relative.parts) > 1:
        return relative.parts[0]
    stem = relative.stem
    lesson = catalog.lesson_from_name(relative.name)
    rest = stem.replace(lesson, " ", 1) if lesson and lesson in stem else UNKNOWN_NUMBERED.sub(" ", stem, count=1)
    rest = re.sub(r"[-_. ]*\s[-_. ]*", " ", rest).strip(SEPARATORS)
    return rest or stem


def _inside(target: Path, root: Path) -> bool:
    try:
        target.relative_to(root)
        return True
    except ValueError:
        return False


def find(root: Path) -> list[Submission]:
    root = Path(root)
    real_root = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(".ipynb"):
                continue
            file = Path(folder) / name
            relative = file.relative_to(root)
            outside = file.is_symlink() and not _inside(file.resolve(), real_root)
            found.append(Submission(relative.as_posix(), learner_of(relative), str(file), outside))
    return sorted(found, key=lambda s: s.path)


def shard(submissions: list[Submission], k: int, n: int) -> list[Submission]:
    """The K-th of N deterministic shares (1-based), by a hash of each path: the same on every machine."""
    return [s for s in submissions if int(hashlib.sha256(s.path.encode()).hexdigest(), 16) % n == k - 1]

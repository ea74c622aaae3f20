"""Known-wrong answers, one module per lesson: realistic mistakes that a check must reject with a
message that points at the mistake. ``WRONG[exercise]`` lists ``Wrong`` entries; each is Python source
defining the answer under its usual name, run in a fresh namespace with the lesson's imports."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Wrong:
    mistake: str      # what the learner got wrong, for the test's id
    source: str       # defines the answer
    says: str         # a fragment the failure message (or its details) must contain
    clause: str | None = None  # the id of the exercise's clause that this answer breaks (Exercise.clauses)


@dataclass(frozen=True)
class Right:
    shape: str        # how this correct answer differs from the reference
    source: str       # defines the answer

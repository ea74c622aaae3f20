"""What the browser test expects of each lesson: how many plots at least, and which widget interactions
must visibly change the page. An interaction is a function of the Playwright page that pokes a widget
(found by its ``course-NN-...`` CSS class) and asserts that the view changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Expect:
    images: int = 0
    interactions: list[Callable] = field(default_factory=list)


LESSONS: dict[str, Expect] = {
    "01_memoization": Expect(images=1),
}

"""The instructor's guide covers every lesson, and its generated part is what the lessons say now."""
from __future__ import annotations

from lesson_cells import ROOT, lessons

from lessons.authoring import guide


def test_the_generated_part_is_up_to_date():
    text = guide.GUIDE.read_text(encoding="utf-8")
    assert guide.updated(text) == text, "docs/instructors.md is stale: run python -m lessons.authoring.guide"


def test_every_lesson_has_a_section_with_every_part():
    text = guide.GUIDE.read_text(encoding="utf-8")
    for lesson in lessons():
        section = text.split(f"### {lesson[:2]} · ", 1)
        assert len(section) == 2, f"no section for {lesson}"
        body = section[1].split("\n### ", 1)[0]
        for part in ("**Estimated minutes**", "**Objectives**", "**Discussion questions**", "**Where to pause",
                     "**Where learners stumble**"):
            assert part in body, f"{lesson}: no {part}"
    assert "### 08 · " in text, "lesson 08 needs a section, generated once its notebook exists"


def test_every_known_wrong_answer_is_summarised():
    text = guide.GUIDE.read_text(encoding="utf-8")
    for lesson in lessons():
        module = guide.wrong_answers(lesson)
        for name, catalogue in vars(module).items():
            if name.startswith("WRONG") and isinstance(catalogue, dict):
                for wrongs in catalogue.values():
                    for wrong in wrongs:
                        assert f"  - {wrong.mistake}" in text, (lesson, wrong.mistake)


def test_the_readme_links_the_guide_and_both_schedules_exist():
    assert "docs/instructors.md" in (ROOT / "README.md").read_text()
    text = guide.GUIDE.read_text(encoding="utf-8")
    assert "**Half day" in text and "**Full day" in text

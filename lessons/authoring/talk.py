"""The lightning talk's structure: which cells make which slide, and what the speaker notes say.

The talk (``talk/lightning_talk.ipynb``) is a notebook with slide metadata, as RISE (jupyterlab-rise) and
nbconvert's reveal.js exporter read it: a cell whose ``slideshow.slide_type`` is ``slide`` starts a new
slide, ``notes`` cells are speaker notes, ``skip`` cells run but are not shown. It has nothing to strip
(no exercises, no instructor cells), so it is kept in one place and checked strictly by nbval like a
solution notebook (see ../../conftest.py). Each notes cell starts with the seconds its slide takes, in
bold (``**30 s**``): the tests add them up against the five minutes.

    python -m lessons.authoring.talk --execute    re-run the talk in a fresh kernel and save its outputs
    python -m lessons.authoring.talk              list the slides with their seconds
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lessons.authoring import notebook as nbio

ROOT = Path(__file__).resolve().parents[2]
TALK = ROOT / "talk" / "lightning_talk.ipynb"
SECONDS = re.compile(r"^\*\*(\d+) s\*\*")


@dataclass
class Slide:
    cells: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        for cell in self.cells:
            for line in nbio.source_of(cell).splitlines():
                if cell["cell_type"] == "markdown" and line.startswith("#"):
                    return line.lstrip("# ").strip()
        return "(untitled)"

    @property
    def seconds(self) -> int | None:
        """The seconds the first notes cell gives, None if it gives none."""
        found = [SECONDS.match(text) for text in self.notes]
        return int(found[0].group(1)) if found and found[0] else None


def slide_type(cell: dict[str, Any]) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def slides(notebook: dict[str, Any]) -> list[Slide]:
    """The slides in order. A subslide counts as a slide (it is one more screen to talk over); fragments
    and cells without a type belong to the slide before them; skipped cells are not shown."""
    found: list[Slide] = []
    for cell in notebook["cells"]:
        kind = slide_type(cell)
        if kind in ("slide", "subslide") or not found:
            found.append(Slide())
        if kind == "notes":
            found[-1].notes.append(nbio.source_of(cell))
        elif kind != "skip":
            found[-1].cells.append(cell)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.authoring.talk", description=__doc__.split("\n\n")[0])
    parser.add_argument("--execute", action="store_true", help="re-run the talk in a fresh kernel, save outputs")
    args = parser.parse_args(argv)
    if args.execute:
        from lessons.authoring.generator import execute

        execute(TALK.parent, [TALK.stem])
    deck = slides(nbio.read(TALK))
    for number, slide in enumerate(deck, start=1):
        print(f"{number:2}  {slide.seconds or '?':>3} s  {slide.title}")
    print(f"    {sum(s.seconds or 0 for s in deck):>3} s  in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The lightning talk as a reveal.js deck that loads nothing from the network (``python3 course.py slides``).

nbconvert's slides exporter writes a page that fetches reveal.js from a CDN, and with it require.js,
jQuery, MathJax and mermaid. This writes a folder instead: ``lightning_talk.slides.html`` and, beside it,
``reveal.js/`` with the reveal.js 5 files the page uses (copied from the ``sphinx-revealjs`` wheel, which
ships them built; see requirements-slides.txt). The page's template (``deck_template/``) loads reveal.js
and its notes plugin with plain script tags from that folder and drops the rest: the talk has no maths,
no diagrams and no widgets. Images are inlined by nbconvert. Copy the folder to a USB stick, open the
HTML file in a browser, press S for the speaker notes.

    python -m lessons.authoring.deck [--out slides/]
"""
from __future__ import annotations

import argparse
import importlib.util
import shutil
from pathlib import Path

from lessons.authoring.talk import ROOT, TALK

TEMPLATE = Path(__file__).resolve().parent / "deck_template"
REVEAL_FOLDER = "reveal.js"
# What the page loads from reveal.js: the core, a theme (with its fonts), and the speaker-notes plugin at
# the path nbconvert's template expects (reveal.js 4.x-5.x; 6.x moved the plugins).
REVEAL_PARTS = ["dist/reveal.js", "dist/reveal.css", "dist/theme", "plugin/notes/notes.js", "LICENSE"]
THEME = "white"


def reveal_source() -> Path:
    """reveal.js's built files, as installed by requirements-slides.txt (the package is never imported:
    it needs Sphinx, which the course does not install)."""
    spec = importlib.util.find_spec("sphinx_revealjs")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reveal.js is not installed: run `python3 course.py slides`, which installs it "
                         "(requirements-slides.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / "_static" / "revealjs"


def copy_reveal(destination: Path) -> None:
    source = reveal_source()
    for part in REVEAL_PARTS:
        if not (source / part).exists():
            continue  # LICENSE is optional; anything else missing shows in the test, which loads every slide
        target = destination / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if (source / part).is_dir():
            shutil.copytree(source / part, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source / part, target)


def write_deck(out: Path, notebook: Path = TALK) -> Path:
    """Write the deck into ``out`` (created if needed) and return the HTML file's path."""
    from nbconvert import SlidesExporter

    from lessons.authoring import notebook as nbio

    size = nbio.read(notebook).metadata.get("rise", {})  # the same slide size as the live slideshow
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / REVEAL_FOLDER, ignore_errors=True)
    copy_reveal(out / REVEAL_FOLDER)
    exporter = SlidesExporter(template_name="deck_template", extra_template_basedirs=[str(TEMPLATE.parent)],
                              reveal_url_prefix=REVEAL_FOLDER, reveal_theme=THEME, reveal_transition="none",
                              reveal_number="c/t",
                              reveal_width=str(size.get("width", 960)), reveal_height=str(size.get("height", 700)))
    body, _ = exporter.from_filename(str(notebook))
    page = out / f"{notebook.stem}.slides.html"
    page.write_text(body, encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.authoring.deck", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "slides", help="folder to write (default: slides/)")
    args = parser.parse_args(argv)
    page = write_deck(args.out)
    print(f"wrote {page} (open it in a browser; S opens the speaker notes; the folder works offline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""LRU eviction in one picture: a column per access of a trace, showing what was asked for (a hit or a
miss), the cache afterwards in recency order, and the key pushed out.

A static figure rather than a widget, so that it shows in a slide deck, in nbconvert's HTML and on
GitHub alike (the lightning talk uses it; lesson 03's stepper is the interactive form of the same
model). It is drawn from ``lessons.caches.lru.LRUModel``, whose decisions tests/test_lru.py checks
against ``functools.lru_cache``; ``columns()`` is the picture's content as data, which the tests read.
"""
from __future__ import annotations

from collections.abc import Hashable, Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from lessons.caches.lru import Event, LRUModel
from lessons.views.plots import COLOURS

HIT_COLOUR, MISS_COLOUR, KEPT_COLOUR, GONE_COLOUR = COLOURS[2], COLOURS[1], COLOURS[0], "#777777"


def columns(trace: Sequence[Hashable], maxsize: int) -> list[Event]:
    """One event per access: the key, hit or miss, the key evicted, the cache afterwards."""
    if maxsize < 1:
        raise ValueError("the picture needs maxsize >= 1: a cache of size 0 holds nothing to draw")
    return LRUModel(maxsize).run(trace)


def eviction_picture(trace: Sequence[Hashable], maxsize: int = 3, *, font_size: float = 15) -> Figure:
    """The trace through an LRU cache of ``maxsize`` keys, drawn large enough to read on a projector.

    Row 1 is the key asked for (green: a hit, vermillion: a miss), the rows below are the cache after
    that access with the most recently used key on top, so the bottom key is the next to be evicted,
    and the last row names the key that this access evicted."""
    events = columns(trace, maxsize)
    rows = maxsize + 2                       # the access, the cache's slots, the evicted key
    figure = Figure(figsize=(max(6.0, 1.0 * len(events) + 2.2), 0.62 * rows + 1.2), dpi=100)
    axes = figure.subplots()
    axes.set_xlim(-2.2, len(events))
    axes.set_ylim(rows, -0.9)
    axes.axis("off")

    def box(x: float, y: float, text: str, colour: str, *, filled: bool = False, dashed: bool = False) -> None:
        axes.add_patch(Rectangle((x + 0.08, y + 0.08), 0.84, 0.84, linewidth=2, edgecolor=colour,
                                 facecolor=colour if filled else "white", linestyle="--" if dashed else "-"))
        axes.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize=font_size, fontweight="bold",
                  color="white" if filled else colour, family="monospace")

    label = {"fontsize": font_size * 0.8, "ha": "right", "va": "center"}
    axes.text(-0.15, 0.5, "asked for", **label)
    axes.text(-0.15, 1.5, "cache: newest", **label)
    axes.text(-0.15, maxsize + 0.5, "oldest", **label)
    axes.text(-0.15, maxsize + 1.5, "evicted", **label)
    for x, event in enumerate(events):
        box(x, 0, str(event.key), HIT_COLOUR if event.hit else MISS_COLOUR, filled=True)
        newest_first = list(reversed(event.contents))
        for slot in range(maxsize):
            if slot < len(newest_first):
                box(x, 1 + slot, str(newest_first[slot]), KEPT_COLOUR)
            else:
                box(x, 1 + slot, "", "#BBBBBB", dashed=True)
        if event.did_evict:
            axes.text(x + 0.5, maxsize + 1.5, str(event.evicted), ha="center", va="center", fontsize=font_size,
                      color=GONE_COLOUR, family="monospace", fontweight="bold")
            axes.plot([x + 0.3, x + 0.7], [maxsize + 1.5] * 2, color=GONE_COLOUR, linewidth=2)
        axes.text(x + 0.5, -0.45, event.kind, ha="center", va="center", fontsize=font_size * 0.8,
                  color=HIT_COLOUR if event.hit else MISS_COLOUR)
    last = events[-1] if events else None
    summary = f": hits={last.hits}, misses={last.misses}" if last else ""  # cache_info()'s words
    axes.set_title(f"LRU cache, maxsize={maxsize}{summary}", fontsize=font_size, loc="left")
    figure.tight_layout()
    return figure

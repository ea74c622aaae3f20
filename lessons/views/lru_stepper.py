"""Lesson 03's LRU stepper: step through a trace and watch recency order, hits, misses and evictions.

The widget holds a *model* (``lessons.caches.lru.LRUModel``) and the ipywidgets that show it; the model is
what tests/test_lru_stepper.py checks against ``functools.lru_cache`` (no browser needed). Every control has
a CSS class ``course-03-<role>`` so that the browser test can find and drive it. ``picture()`` is the static
form: every step in a table (``StepTable``), for readers on GitHub, whose plain text nbval compares.
"""
from __future__ import annotations

import html
from collections.abc import Hashable, Sequence

import ipywidgets as widgets
from IPython.display import display

from lessons.caches.lru import LRUModel
from lessons.views.compact_box import CompactBox
from lessons.views.plots import COLOURS

HIT_COLOUR, MISS_COLOUR, EVICT_COLOUR = COLOURS[2], COLOURS[1], "#999999"  # Okabe-Ito green, vermillion


# -- the stepper ---------------------------------------------------------------------------------------
class StepTable:
    """The static picture of a stepper: every step of the trace in a table (HTML and plain text)."""

    def __init__(self, trace: Sequence[Hashable], maxsize: int):
        self.maxsize = maxsize
        self.events = LRUModel(maxsize).run(trace)

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        return [(str(e.step), str(e.key), e.kind, str(e.evicted) if e.did_evict else "",
                 " ".join(str(k) for k in e.contents)) for e in self.events]

    def __repr__(self) -> str:
        head = ("step", "key", "result", "evicted", "cache (least recent first)")
        lines = [f"{head[0]:>4}  {head[1]:>3}  {head[2]:<6}  {head[3]:<7}  {head[4]}"]
        lines += [f"{s:>4}  {k:>3}  {r:<6}  {v:<7}  {c}" for s, k, r, v, c in self.rows()]
        last = self.events[-1] if self.events else None
        if last is not None:
            lines.append(f"maxsize={self.maxsize}: {last.hits} hits, {last.misses} misses")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = []
        for s, k, r, v, c in self.rows():
            colour = HIT_COLOUR if r == "hit" else MISS_COLOUR
            cells.append(f"<tr><td>{s}</td><td><b>{html.escape(k)}</b></td>"
                         f"<td style='color:{colour};font-weight:bold'>{r}</td>"
                         f"<td style='color:{MISS_COLOUR};font-weight:bold'>{html.escape(v)}</td>"
                         f"<td style='font-family:monospace;text-align:left'>{html.escape(c)}</td></tr>")
        last = self.events[-1] if self.events else None
        caption = (f"LRU cache, maxsize={self.maxsize}: {last.hits} hits, {last.misses} misses"
                   if last else "empty trace")
        # folded away: the stepper below asks the learner to predict these very steps
        return ("<details><summary>The whole replay as a table (" + html.escape(caption) + "): open it after "
                "predicting with the stepper, or to read it without a kernel</summary>"
                "<table><tr><th>step</th><th>key</th><th>result</th><th>evicted</th>"
                "<th style='text-align:left'>cache (least recent first)</th></tr>"
                + "".join(cells) + "</table></details>")


class LRUStepper:
    """Step through a trace with an LRU cache of ``maxsize`` keys, one access per click.

    The model is an ``LRUModel``: ``step()`` feeds it the next key, ``reset()`` empties it, and
    ``set_maxsize(k)`` starts again with another size. The widget redraws the cache (least recently
    used on the left: the next to be evicted) and the counters after each change.
    """

    def __init__(self, trace: Sequence[Hashable], maxsize: int = 3, *, max_maxsize: int = 8):
        self.trace = list(trace)
        self.model = LRUModel(maxsize)
        self.position = 0

        self.step_button = widgets.Button(description="Step", tooltip="access the next key of the trace")
        self.step_button.add_class("course-03-step")
        self.reset_button = widgets.Button(description="Reset", tooltip="empty the cache, back to step 0")
        self.reset_button.add_class("course-03-reset")
        self.maxsize_control = widgets.BoundedIntText(value=maxsize, min=1, max=max_maxsize,
                                                      description="maxsize",
                                                      layout=widgets.Layout(width="11em"))
        self.maxsize_control.add_class("course-03-maxsize")
        self.trace_view = widgets.HTML()
        self.cache_view = widgets.HTML()
        self.cache_view.add_class("course-03-cache-view")
        self.counters = widgets.HTML()
        self.counters.add_class("course-03-counters")

        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.maxsize_control.observe(lambda change: self.set_maxsize(change["new"]), names="value")
        self.widget = CompactBox(
            [widgets.HBox([self.step_button, self.reset_button, self.maxsize_control]),
             self.trace_view, self.cache_view, self.counters],
            summary=f"LRU stepper: {len(self.trace)} keys, maxsize={maxsize} (run the notebook to use it)")
        self._draw()

    # -- the model's verbs, which the buttons call -----------------------------------------------------
    def step(self):
        """Access the next key; returns its event, or None at the end of the trace."""
        if self.position >= len(self.trace):
            self._draw(note="End of the trace: press Reset to start again.")
            return None
        event = self.model.access(self.trace[self.position])
        self.position += 1
        self._draw()
        return event

    def reset(self) -> None:
        self.model.reset()
        self.position = 0
        self._draw()

    def set_maxsize(self, maxsize: int) -> None:
        self.model = LRUModel(maxsize)
        self.position = 0
        if self.maxsize_control.value != maxsize:
            self.maxsize_control.value = maxsize
        self._draw()

    # -- drawing ---------------------------------------------------------------------------------------
    def _draw(self, note: str = "") -> None:
        last = self.model.events[-1] if self.model.events else None
        chips = []
        for i, key in enumerate(self.trace):
            style = "padding:1px 5px;margin:1px;border-radius:3px;font-family:monospace;"
            if i == self.position - 1:
                colour = HIT_COLOUR if last and last.hit else MISS_COLOUR
                style += f"background:{colour};color:white;font-weight:bold;"
            elif i < self.position:
                style += "color:#999999;"
            else:
                style += "border:1px solid #999999;"
            chips.append(f"<span style='{style}'>{html.escape(str(key))}</span>")
        self.trace_view.value = "<div><b>trace</b> " + "".join(chips) + "</div>"

        boxes = []
        for key in self.model.contents:
            fresh = last is not None and key == last.key
            colour = (HIT_COLOUR if last.hit else MISS_COLOUR) if fresh else "#0072B2"
            boxes.append(f"<span style='display:inline-block;min-width:2.2em;text-align:center;padding:6px;"
                         f"margin:2px;border:2px solid {colour};border-radius:4px;font-family:monospace;"
                         f"font-weight:bold'>{html.escape(str(key))}</span>")
        empty = self.model.maxsize - self.model.currsize
        boxes += [("<span style='display:inline-block;min-width:2.2em;padding:6px;margin:2px;"
                  "border:2px dashed #cccccc;border-radius:4px'>&nbsp;</span>")] * empty
        if last is None:
            what = "Step 0: the cache is empty. Press Step."
        else:
            what = f"Step {last.step}: key {html.escape(str(last.key))} is a <b>{last.kind}</b>"
            if last.hit:
                what += ", so it moves to the most recent end."
            elif last.did_evict:
                what += (f"; the cache was full, so the least recently used key "
                         f"<b>{html.escape(str(last.evicted))}</b> was evicted.")
            else:
                what += ", so it is added at the most recent end."
        gone = ""
        if last is not None and last.did_evict:  # the evicted key, drawn as large as the keys still held
            gone = (f"<span style='display:inline-block;min-width:2.2em;text-align:center;padding:6px;margin:2px;"
                    f"border:2px dashed {MISS_COLOUR};border-radius:4px;font-family:monospace;font-weight:bold;"
                    f"color:{MISS_COLOUR}' title='evicted'>{html.escape(str(last.evicted))}</span>"
                    f"<span style='color:{MISS_COLOUR};margin-right:1em'> evicted</span>")
        self.cache_view.value = (f"<div>{what} {html.escape(note)}</div>"
                                 f"<div>{gone}least recent &larr; " + "".join(boxes) + " &rarr; most recent</div>")
        m = self.model
        self.counters.value = (f"<div><b style='color:{HIT_COLOUR}'>hits {m.hits}</b> &middot; "
                               f"<b style='color:{MISS_COLOUR}'>misses {m.misses}</b> &middot; "
                               f"evictions {m.evictions} &middot; "
                               f"currsize {m.currsize} of maxsize {m.maxsize}</div>")

    def picture(self) -> StepTable:
        """Every step of the whole trace at the current maxsize, as a table (for readers on GitHub)."""
        return StepTable(self.trace, self.model.maxsize)

    def show(self) -> None:
        """Display the static picture, then the live widget."""
        display(self.picture())
        display(self.widget)

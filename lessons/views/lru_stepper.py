"""The two widgets of lesson 03: an LRU stepper and a hit-rate explorer.

Each is a small class holding a *model* (``lessons.lru.LRUModel``, ``lessons.policies.simulate``) and
the ipywidgets that show it. The model is what tests/test_eviction_widgets.py checks (no browser
needed); the widgets only draw it. Every control and readout has a CSS class ``course-03-<role>`` so
that the browser test can find and drive it.

Each also has a static picture (``picture()``): an HTML table or a matplotlib Figure that a reader sees
on GitHub, where widgets do not run, and whose plain-text form is what nbval compares.
"""
from __future__ import annotations

import html
from typing import Hashable, Mapping, Sequence

import ipywidgets as widgets
from IPython.display import display
from matplotlib.figure import Figure

from lessons.lru import LRUModel
from lessons.plots import COLOURS, MARKERS, STYLES
from lessons.policies import POLICIES, simulate

HIT_COLOUR, MISS_COLOUR, EVICT_COLOUR = COLOURS[2], COLOURS[1], "#999999"  # Okabe-Ito green, vermillion


class _Box(widgets.VBox):
    """A VBox whose plain-text form is one short line (the default lists every child, the whole HTML
    included, which would make nbval's comparison long and brittle)."""

    def __init__(self, children, summary: str):
        super().__init__(children)
        self._summary = summary

    def __repr__(self) -> str:
        return self._summary


# -- the stepper ---------------------------------------------------------------------------------------
class Timeline:
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
                         f"<td style='color:{EVICT_COLOUR}'><s>{html.escape(v)}</s></td>"
                         f"<td style='font-family:monospace;text-align:left'>{html.escape(c)}</td></tr>")
        last = self.events[-1] if self.events else None
        caption = (f"LRU cache, maxsize={self.maxsize}: {last.hits} hits, {last.misses} misses"
                   if last else "empty trace")
        return ("<table><caption style='text-align:left'>" + html.escape(caption) + "</caption>"
                "<tr><th>step</th><th>key</th><th>result</th><th>evicted</th>"
                "<th style='text-align:left'>cache (least recent first)</th></tr>"
               + "".join(cells) + "</table>")


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
        self.widget = _Box(
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
        boxes += ["<span style='display:inline-block;min-width:2.2em;padding:6px;margin:2px;"
                  "border:2px dashed #cccccc;border-radius:4px'>&nbsp;</span>"] * empty
        if last is None:
            what = "Step 0: the cache is empty. Press Step."
        else:
            what = f"Step {last.step}: key {html.escape(str(last.key))} is a <b>{last.kind}</b>"
            if last.hit:
                what += ", so it moves to the most recent end."
            elif last.did_evict:
                what += (f"; the cache was full, so the least recently used key "
                         f"<s>{html.escape(str(last.evicted))}</s> was evicted.")
            else:
                what += ", so it is added at the most recent end."
        self.cache_view.value = (f"<div>{what} {html.escape(note)}</div>"
                                 "<div>least recent &larr; " + "".join(boxes) + " &rarr; most recent</div>")
        m = self.model
        self.counters.value = (f"<div><b style='color:{HIT_COLOUR}'>hits {m.hits}</b> &middot; "
                               f"<b style='color:{MISS_COLOUR}'>misses {m.misses}</b> &middot; "
                               f"evictions {m.evictions} &middot; "
                               f"currsize {m.currsize} of maxsize {m.maxsize}</div>")

    def picture(self) -> Timeline:
        """Every step of the whole trace at the current maxsize, as a table (for readers on GitHub)."""
        return Timeline(self.trace, self.model.maxsize)

    def show(self) -> None:
        """Display the static picture, then the live widget."""
        display(self.picture())
        display(self.widget)


# -- the hit-rate explorer -----------------------------------------------------------------------------
def sweep_figure(sweeps: Mapping[str, Mapping[str, Sequence[float]]], sizes: Sequence[int], *,
                 marker_size: int | None = None) -> Figure:
    """One panel per workload: hit rate (%) against maxsize, one line per policy."""
    names = list(sweeps)
    columns = 2 if len(names) > 1 else 1
    rows = (len(names) + columns - 1) // columns
    figure = Figure(figsize=(9.6, 3.2 * rows) if len(names) > 1 else (6.4, 3.8), dpi=100)
    axes = figure.subplots(rows, columns, squeeze=False)
    for n, name in enumerate(names):
        ax = axes[n // columns][n % columns]
        for i, (policy, rates) in enumerate(sweeps[name].items()):
            ax.plot(sizes, [100 * r for r in rates], label=policy, color=COLOURS[i % len(COLOURS)],
                    marker=MARKERS[i % len(MARKERS)], linestyle=STYLES[i % len(STYLES)], markersize=4)
        if marker_size is not None:
            ax.axvline(marker_size, color="#999999", linewidth=1)
        ax.set_title(name)
        ax.set_xlabel("maxsize (keys the cache holds)")
        ax.set_ylabel("hit rate (%)")
        ax.set_ylim(-3, 103)
        ax.grid(True, alpha=0.3)
    for n in range(len(names), rows * columns):
        axes[n // columns][n % columns].set_visible(False)
    axes[0][0].legend(fontsize=8)
    figure.suptitle("Hit rate against cache size, per eviction policy")
    figure.tight_layout()
    return figure


class HitRateExplorer:
    """Pick a workload and slide ``maxsize``: the hit rate of every policy at that size.

    ``rates(workload, size)`` is the model (one ``simulate`` per policy, remembered); the readout
    shows it as a table with bars. ``picture()`` is the full sweep as a Figure.
    """

    def __init__(self, workloads: Mapping[str, Sequence[Hashable]], sizes: Sequence[int], *,
                 maxsize: int = 16, policies: Sequence[str] = POLICIES, seed: int = 0):
        self.workloads = {name: list(trace) for name, trace in workloads.items()}
        self.sizes = list(sizes)
        self.policies = list(policies)
        self.seed = seed
        self._memo: dict[tuple[str, int], dict[str, float]] = {}

        self.workload_control = widgets.Dropdown(options=list(self.workloads), description="workload")
        self.workload_control.add_class("course-03-explorer-workload")
        self.maxsize_control = widgets.IntSlider(value=maxsize, min=min(self.sizes), max=max(self.sizes),
                                                 step=1,
                                                 description="maxsize", continuous_update=True)
        self.maxsize_control.add_class("course-03-explorer-maxsize")
        self.readout = widgets.HTML()
        self.readout.add_class("course-03-hit-rate")
        self.workload_control.observe(lambda _: self._draw(), names="value")
        self.maxsize_control.observe(lambda _: self._draw(), names="value")
        self.widget = _Box([widgets.HBox([self.workload_control, self.maxsize_control]), self.readout],
                           summary=f"hit-rate explorer: {len(self.workloads)} workloads, "
                                   f"{len(self.policies)} policies (run the notebook to use it)")
        self._draw()

    def rates(self, workload: str, size: int) -> dict[str, float]:
        """Hit rate of each policy on ``workload`` with a cache of ``size`` keys."""
        if (workload, size) not in self._memo:
            trace = self.workloads[workload]
            self._memo[workload, size] = {p: simulate(p, trace, size, seed=self.seed).hit_rate
                                          for p in self.policies}
        return self._memo[workload, size]

    def readout_text(self) -> str:
        workload, size = self.workload_control.value, self.maxsize_control.value
        rates = self.rates(workload, size)
        return f"{workload}, maxsize={size}: " + ", ".join(f"{p} {r:.1%}" for p, r in rates.items())

    def _draw(self) -> None:
        workload, size = self.workload_control.value, self.maxsize_control.value
        rows = []
        for i, (policy, rate) in enumerate(self.rates(workload, size).items()):
            bar = (f"<div style='background:{COLOURS[i % len(COLOURS)]};height:0.9em;"
                   f"width:{200 * rate:.0f}px'></div>")
            rows.append(f"<tr><td style='text-align:left'>{policy}</td><td style='text-align:right;"
                        f"font-family:monospace'>{rate:.1%}</td><td style='text-align:left'>{bar}</td></tr>")
        self.readout.value = (f"<div><b>{html.escape(workload)}</b>, "
                              f"{len(self.workloads[workload])} accesses, "
                              f"maxsize = {size}: hit rate per policy</div>"
                              "<table>" + "".join(rows) + "</table>")

    def sweep(self) -> dict[str, dict[str, list[float]]]:
        """{workload: {policy: [hit rate at each of self.sizes]}}."""
        return {name: {p: [self.rates(name, s)[p] for s in self.sizes] for p in self.policies}
                for name in self.workloads}

    def picture(self) -> "SweepTable":
        """The whole sweep as a table, one block per workload (for readers on GitHub)."""
        return SweepTable(self.sweep(), self.sizes)

    def figure(self, workload: str) -> Figure:
        """The sweep of one workload as a line chart."""
        return sweep_figure({workload: self.sweep()[workload]}, self.sizes)

    def show(self) -> None:
        display(self.picture())
        display(self.widget)


class SweepTable:
    """Hit rates per workload, policy and size: HTML with a colour scale, and the same as plain text."""

    def __init__(self, sweeps: Mapping[str, Mapping[str, Sequence[float]]], sizes: Sequence[int]):
        self.sweeps = sweeps
        self.sizes = list(sizes)

    def __repr__(self) -> str:
        lines = []
        for name, rates in self.sweeps.items():
            lines.append(f"{name + ', maxsize =':<22}" + "".join(f"{s:>6}" for s in self.sizes))
            lines += [f"  {p:<20}" + "".join(f"{100 * r:>6.1f}" for r in row) for p, row in rates.items()]
        return "hit rate (%)\n" + "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{s}</th>" for s in self.sizes)
        blocks = []
        for name, rates in self.sweeps.items():
            span = len(self.sizes) + 1
            rows = [f"<tr><th style='text-align:left' colspan='{span}'>{html.escape(name)}</th></tr>"
                    f"<tr><td style='text-align:left'>maxsize</td>{head}</tr>"]
            for policy, row in rates.items():
                cells = "".join(
                    f"<td style='background:rgba(0,114,178,{0.08 + 0.7 * r:.2f});text-align:right'>"
                    f"{100 * r:.1f}</td>"
                    for r in row)
                rows.append(f"<tr><td style='text-align:left'>{html.escape(policy)}</td>{cells}</tr>")
            blocks.append("".join(rows))
        return ("<table><caption style='text-align:left'>hit rate (%) per workload, policy and maxsize"
                "</caption>" + "".join(blocks) + "</table>")

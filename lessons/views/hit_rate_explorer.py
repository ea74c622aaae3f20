"""Lesson 03's hit-rate explorer: hit rate against maxsize for each eviction policy and workload.

The numbers come from ``lessons.caches.policies.simulate``; the widget only draws them. ``picture()`` is the
static form (a figure), ``SweepTable`` the same numbers as a table. CSS classes ``course-03-<role>`` are
for the browser test.
"""
from __future__ import annotations

import html
from collections.abc import Hashable, Mapping, Sequence

import ipywidgets as widgets
from IPython.display import display
from matplotlib.figure import Figure

from lessons.caches.policies import POLICIES, simulate
from lessons.views.compact_box import CompactBox
from lessons.views.plots import COLOURS, MARKERS, STYLES

HIT_COLOUR, MISS_COLOUR, EVICT_COLOUR = COLOURS[2], COLOURS[1], "#999999"  # Okabe-Ito green, vermillion


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
        self.widget = CompactBox([widgets.HBox([self.workload_control, self.maxsize_control]), self.readout],
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
            # a grey 100 % track behind each bar, so that a bar's length reads as a share of the whole
            bar = (f"<div style='background:#eeeeee;width:200px;height:0.9em;border:1px solid #cccccc'>"
                   f"<div style='background:{COLOURS[i % len(COLOURS)]};height:100%;"
                   f"width:{100 * rate:.1f}%'></div></div>")
            rows.append(f"<tr><td style='text-align:left;padding-right:1.5em'>{policy}</td>"
                        f"<td style='text-align:right;font-family:monospace;padding-right:0.8em'>{rate:.1%}</td>"
                        f"<td style='text-align:left'>{bar}</td></tr>")
        self.readout.value = (f"<div><b>{html.escape(workload)}</b>, "
                              f"{len(self.workloads[workload])} accesses, "
                              f"maxsize = {size}: hit rate per policy</div>"
                              "<table><tr><th></th><th></th><th style='text-align:left;font-weight:normal;"
                              "font-size:85%'>0 % &hellip; 100 %</th></tr>" + "".join(rows) + "</table>")

    def sweep(self) -> dict[str, dict[str, list[float]]]:
        """{workload: {policy: [hit rate at each of self.sizes]}}."""
        return {name: {p: [self.rates(name, s)[p] for s in self.sizes] for p in self.policies}
                for name in self.workloads}

    def picture(self) -> SweepTable:
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
            rows = [(f"<tr><th style='text-align:left' colspan='{span}'>{html.escape(name)}</th></tr>"
                    f"<tr><td style='text-align:left'>maxsize</td>{head}</tr>")]
            for policy, row in rates.items():
                cells = "".join(
                    f"<td style='background:rgba(0,114,178,{0.08 + 0.7 * r:.2f});text-align:right'>"
                    f"{100 * r:.1f}</td>"
                    for r in row)
                rows.append(f"<tr><td style='text-align:left'>{html.escape(policy)}</td>{cells}</tr>")
            blocks.append("".join(rows))
        return ("<table><caption style='text-align:left'>hit rate (%) per workload, policy and maxsize"
                "</caption>" + "".join(blocks) + "</table>")

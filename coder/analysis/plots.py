"""Figures for a paper: the alignment index over time (gaps where a period has no events, low-count periods marked by
the reliability rule, labelled axes and legend) and a dyad network with actor names, a size legend and labels that do
not overlap. matplotlib is imported only when a figure is drawn (it is in the `analysis` extra)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import polars as pl

from coder.analysis.alignment import CENTRAL_ASIA, MIN_EVENTS
from coder.analysis.names import actor_name
from coder.analysis.periods import FREQUENCIES

PARTNER_COLOURS = ("#e41a1c", "#ff7f00", "#377eb8", "#984ea3", "#4daf4a", "#a65628", "#f781bf", "#999999")
DODGE_DAYS = {"week": 1, "month": 4, "quarter": 10, "year": 30}  # partners side by side within a period


def complete_index(index: pl.DataFrame | pl.LazyFrame, freq: str) -> pl.DataFrame:
    """The alignment index with a row for every period from the first to the last, for every state-partner pair
    (events 0 and values null where there were none), so a line drawn through it breaks at empty periods."""
    frame = index.collect() if isinstance(index, pl.LazyFrame) else index
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}, not {freq!r}")
    periods = pl.date_range(frame["period"].min(), frame["period"].max(), FREQUENCIES[freq], eager=True)
    grid = (frame.select("state", "partner").unique(maintain_order=True)
            .join(pl.DataFrame({"period": periods}), how="cross"))
    return (grid.join(frame, on=["state", "partner", "period"], how="left")
            .with_columns(pl.col("events").fill_null(0), pl.col("reliable").fill_null(False))
            .sort("state", "partner", "period", maintain_order=True))


def plot_alignment(index: pl.DataFrame | pl.LazyFrame, freq: str = "month", *, min_events: int = MIN_EVENTS,
                   states: Sequence[str] | None = None, colours: Mapping[str, str] | None = None,
                   title: str | None = None) -> Any:
    """One panel per state, one series per partner: the alignment index (net cooperation share) of each period
    with `min_events` or more events, with its 95% Wilson interval, joined by a line only between neighbouring such
    periods; periods with fewer events show their net share as a hollow marker, periods with none are gaps.
    `index` is `alignment_index(events, freq, ...)` with the same `freq` (and `min_events`). Returns the figure."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    frame = complete_index(index, freq)
    states = list(states or dict.fromkeys(frame["state"].to_list()))
    partners = list(dict.fromkeys(frame["partner"].to_list()))
    colours = dict(colours or {p: PARTNER_COLOURS[i % len(PARTNER_COLOURS)] for i, p in enumerate(partners)})
    fig, axes = plt.subplots(len(states), 1, figsize=(10, 2.1 * len(states) + 1.2), sharex=True, sharey=True,
                             squeeze=False)
    for ax, state in zip(axes[:, 0], states):
        for k, partner in enumerate(partners):
            shift = timedelta(days=DODGE_DAYS.get(freq, 0) * (k - (len(partners) - 1) / 2))
            _partner_series(ax, frame.filter((pl.col("state") == state) & (pl.col("partner") == partner)),
                            shift, colours[partner])
        ax.axhline(0, color="grey", linewidth=0.7, zorder=0)
        ax.set_ylim(-1.15, 1.15)
        ax.set_yticks([-1, 0, 1])
        ax.set_ylabel(actor_name(state), rotation=0, ha="right", va="center")
        ax.grid(axis="x", color="#eeeeee", zorder=0)
    handles = [Line2D([], [], color=colours[p], marker="o", label=actor_name(p)) for p in partners]
    handles += [Line2D([], [], color="black", marker="o", linestyle="-", label=f"{min_events} or more events "
                       "(95% Wilson interval)"),
                Line2D([], [], color="black", marker="o", markerfacecolor="none", linestyle="none",
                       label=f"1-{min_events - 1} events: net share, not reliable"),
                Line2D([], [], color="none", label="gap: no events in the period")]
    top = 0.3 if title else 0.05  # inches above the legend
    if title:
        fig.suptitle(title, y=1 - 0.08 / fig.get_figheight(), fontsize=11)
    fig.legend(handles=handles, loc="upper center", ncol=min(len(handles), 4), frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, 1 - top / fig.get_figheight()))
    fig.supxlabel(f"{freq} (event date)")
    fig.supylabel("net cooperation share: (cooperative - conflictual) / events, from -1 to +1", fontsize=9)
    fig.tight_layout(rect=(0.02, 0, 1, 1 - (top + 0.55) / fig.get_figheight()))
    return fig


def _partner_series(ax, rows: pl.DataFrame, shift: timedelta, colour: str) -> None:
    """A line through the reliable values (NaN elsewhere, so it breaks), interval bars, hollow low-count markers."""
    x = [p + shift for p in rows["period"].to_list()]
    ax.plot(x, rows["alignment"].cast(pl.Float64).fill_null(float("nan")).to_numpy(), "-", color=colour,
            linewidth=1.4, alpha=0.8)
    reliable = rows.with_columns(x=pl.Series(x)).filter(pl.col("reliable") & pl.col("alignment").is_not_null())
    if reliable.height:
        ax.errorbar(reliable["x"].to_list(), reliable["alignment"].to_numpy(),
                    yerr=[(reliable["alignment"] - reliable["ci_low"]).to_numpy(),
                          (reliable["ci_high"] - reliable["alignment"]).to_numpy()],
                    fmt="o", color=colour, capsize=2.5, markersize=4.5, linewidth=1)
    sparse = rows.with_columns(x=pl.Series(x)).filter(~pl.col("reliable") & (pl.col("events") > 0))
    if sparse.height:
        ax.scatter(sparse["x"].to_list(), sparse["net_coop"].to_numpy(), facecolors="none", edgecolors=colour,
                   s=22, linewidths=1)


def network_layout(actors: Sequence[str], inner: Sequence[str] = CENTRAL_ASIA) -> dict[str, tuple[float, float]]:
    """Two rings: the `inner` actors (the Central Asian states) inside, every other actor outside, each ring in
    name order."""
    position: dict[str, tuple[float, float]] = {}
    rings = ([a for a in actors if a in inner], [a for a in actors if a not in inner])
    for ring, radius in zip(rings, (0.42, 1.0)):
        for i, actor in enumerate(sorted(ring, key=actor_name)):
            angle = 2 * math.pi * i / max(len(ring), 1) + math.pi / 2
            position[actor] = (radius * math.cos(angle), radius * math.sin(angle))
    return position


def plot_dyad_network(edges: pl.DataFrame | pl.LazyFrame, *, names: Mapping[str, str] | None = None,
                      inner: Sequence[str] = CENTRAL_ASIA, title: str | None = None) -> Any:
    """The dyad network of `dyad_network(...)`: nodes on two rings (the `inner` actors inside) sized by their
    events, with a size legend; edges coloured by mean Goldstein value and as wide as their events; each node
    labelled with its name (`names`, else coder.analysis.names) outside the node, labels moved apart until none
    overlap. Returns the figure."""
    import matplotlib.pyplot as plt
    from matplotlib import colors as mcolors

    from coder.analysis.networks import network_nodes

    edges = edges.collect() if isinstance(edges, pl.LazyFrame) else edges
    first, second = ("source", "target") if "source" in edges.columns else ("actor_1", "actor_2")
    nodes = network_nodes(edges.lazy()).collect()
    position = network_layout(nodes["actor"].to_list(), inner)
    label = {a: (names or {}).get(a) or actor_name(a) for a in position}
    norm, cmap = mcolors.Normalize(vmin=-10, vmax=10), plt.get_cmap("RdYlGn")
    fig, ax = plt.subplots(figsize=(9, 8.5))
    for edge in edges.iter_rows(named=True):
        (x1, y1), (x2, y2) = position[edge[first]], position[edge[second]]
        ax.plot([x1, x2], [y1, y2], color=cmap(norm(edge["goldstein_mean"])), alpha=0.75, zorder=1,
                linewidth=0.8 + 1.2 * math.sqrt(edge["events"]))
    size = dict(zip(nodes["actor"].to_list(), nodes["events"].to_list()))
    top = max(size.values(), default=1)
    for actor, (x, y) in position.items():
        ax.scatter([x], [y], s=_area(size[actor], top), color="#fee08b" if actor in inner else "#d9d9d9",
                   edgecolors="black", linewidths=0.8, zorder=2)
    texts = [_label(ax, label[a], position[a], _area(size[a], top)) for a in position]
    _size_legend(ax, top)
    fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.55, pad=0.02,
                 label="mean Goldstein value of the dyad's events (conflict - / cooperation +)")
    ax.set_title(title or f"Dyad network ({int(edges['events'].sum())} events)")
    ax.set_aspect("equal")
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    fig.tight_layout()
    separate_labels(fig, texts)
    return fig


def _area(events: int, top: int) -> float:
    """Marker area (points^2) of a node with this many events, the largest node (`top` events) 1,000 points^2: areas
    are proportional to events, so the eye compares them right."""
    return 25 + 1000 * events / max(top, 1)


def _label(ax, text: str, xy: tuple[float, float], area: float):
    """A label just outside its node, on the side away from the centre."""
    x, y = xy
    angle = math.atan2(y, x) if (x, y) != (0.0, 0.0) else math.pi / 2
    gap = math.sqrt(area) / 2 + 4  # points from the node's centre to the label
    ha = "left" if math.cos(angle) > 0.3 else "right" if math.cos(angle) < -0.3 else "center"
    va = "bottom" if math.sin(angle) > 0.3 else "top" if math.sin(angle) < -0.3 else "center"
    return ax.annotate(text, xy, xytext=(gap * math.cos(angle), gap * math.sin(angle)), textcoords="offset points",
                       ha=ha, va=va, fontsize=8, zorder=3,
                       bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7})


def _size_legend(ax, top: int) -> None:
    """A legend of three node sizes (events: 1, half the largest, the largest) below the network."""
    steps = sorted({1, max(1, round(top / 2)), top})
    handles = [ax.scatter([], [], s=_area(n, top), color="#d9d9d9", edgecolors="black", linewidths=0.8)
               for n in steps]
    ax.legend(handles, [f"{n} event{'s' if n != 1 else ''}" for n in steps], title="node size: events of the actor",
              loc="upper center", bbox_to_anchor=(0.5, 0.04), ncol=len(steps), frameon=False, fontsize=8,
              title_fontsize=8, scatterpoints=1, columnspacing=2.0, handlelength=4.0, handleheight=5.5,
              handletextpad=0.6, borderpad=1.6)


def separate_labels(fig, texts: list, rounds: int = 200) -> None:
    """Move annotation labels apart (in offset points, vertically) until no two overlap."""
    renderer = fig.canvas.get_renderer()
    to_points = 72.0 / fig.dpi
    for _ in range(rounds):
        boxes = [t.get_window_extent(renderer) for t in texts]
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = boxes[i], boxes[j]
                if not a.overlaps(b):
                    continue
                push = (min(a.y1, b.y1) - max(a.y0, b.y0)) / 2 + 1.0  # half the overlap, in pixels
                lower, upper = (texts[i], texts[j]) if a.y0 + a.y1 < b.y0 + b.y1 else (texts[j], texts[i])
                for text, sign in ((lower, -1), (upper, 1)):
                    dx, dy = text.xyann
                    text.xyann = (dx, dy + sign * push * to_points)
                moved = True
        if not moved:
            return


def labels_overlap(fig, texts: list) -> list[tuple[str, str]]:
    """The pairs of labels whose boxes overlap (none after `plot_dyad_network`)."""
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [(texts[i].get_text(), texts[j].get_text()) for i in range(len(texts)) for j in range(i + 1, len(texts))
            if boxes[i].overlaps(boxes[j])]

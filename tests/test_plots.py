"""Figures of coder.analysis.plots: the alignment index breaks its lines at empty periods and marks low-count periods
by the reliability rule (MIN_EVENTS, the README's 5 events); the dyad network shows names, a size legend and labels
that do not overlap. Actor names come from the packaged dictionaries (coder.analysis.names)."""

from __future__ import annotations

import math
from datetime import date

import matplotlib
import polars as pl
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402

from coder import analysis  # noqa: E402
from coder.analysis.plots import labels_overlap  # noqa: E402
from tests.conftest import ROOT  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _events(rows: list[tuple[str, str, str, int]]) -> pl.LazyFrame:
    """(date, source country, target country, quad class) -> an event frame with the columns the queries read."""
    return pl.LazyFrame({
        "event_date": [date.fromisoformat(r[0]) for r in rows],
        "source_country": [r[1] for r in rows],
        "target_country": [r[2] for r in rows],
        "quad_class": pl.Series([r[3] for r in rows], dtype=pl.Int8),
        "goldstein": [3.0 if r[3] <= 2 else -5.0 for r in rows],
    })


# KAZ -> RUS: six events in January (reliable), none in February, two in March (too few), six in April.
EVENTS = _events([(f"2024-01-{d:02d}", "KAZ", "RUS", 1 if d < 6 else 4) for d in range(1, 7)]
                 + [("2024-03-02", "KAZ", "RUS", 1), ("2024-03-09", "KAZ", "RUS", 3)]
                 + [(f"2024-04-{d:02d}", "KAZ", "RUS", 2) for d in range(1, 7)])


def test_the_reliability_rule_is_the_readme_s():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert analysis.MIN_EVENTS == 5 and "at least 5 events" in readme


def test_complete_index_has_every_period_with_zero_events_where_there_were_none():
    index = analysis.alignment_index(EVENTS, "month", states=["KAZ"], partners={"RUS": ("RUS",)})
    full = analysis.complete_index(index, "month")
    assert full["period"].to_list() == [date(2024, m, 1) for m in (1, 2, 3, 4)]
    assert full["events"].to_list() == [6, 0, 2, 6]
    assert full["reliable"].to_list() == [True, False, False, True]
    assert full["alignment"].to_list()[1:3] == [None, None]


def test_alignment_plot_breaks_at_empty_periods_and_marks_low_counts():
    index = analysis.alignment_index(EVENTS, "month", states=["KAZ"], partners={"RUS": ("RUS",)})
    fig = analysis.plot_alignment(index, "month")
    ax = fig.axes[0]
    series = [line for line in ax.get_lines() if len(line.get_xdata()) == 4][0]
    values = series.get_ydata()
    assert not math.isnan(values[0]) and not math.isnan(values[3])
    assert math.isnan(values[1]) and math.isnan(values[2]), "no line through the empty and the low-count month"
    hollow = [c for c in ax.collections if isinstance(c, PathCollection) and not c.get_facecolor().any()]
    assert len(hollow) == 1 and hollow[0].get_offsets()[0][1] == 0.0  # March: (1 - 1) / 2, net share only
    assert ax.get_ylabel() == "Kazakhstan"
    assert "month" in fig._supxlabel.get_text() and "net cooperation" in fig._supylabel.get_text()
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "Russia" in legend
    assert "5 or more events (95% Wilson interval)" in legend
    assert "1-4 events: net share, not reliable" in legend
    assert "gap: no events in the period" in legend


def test_actor_names_for_countries_organisations_and_sectors():
    names = analysis.actor_names(["KAZ", "RUS", "IGOEASCSTO", "IGOEUREEC", "KAZGOV", "ZZZ"])
    assert names == {"KAZ": "Kazakhstan", "RUS": "Russia", "IGOEASCSTO": "CSTO", "IGOEUREEC": "EU",
                     "KAZGOV": "Kazakhstan GOV", "ZZZ": "ZZZ"}


def _crowded_edges() -> pl.DataFrame:
    """32 outer actors around five states: neighbours on the outer ring crowd each other's labels."""
    outer = ["RUS", "CHN", "USA", "IGOEUREEC", "IGOEASCSTO", "TUR", "IND", "IRN", "AFG", "PAK", "DEU", "FRA",
             "GBR", "JPN", "KOR", "BLR", "ARM", "AZE", "GEO", "MNG", "ITA", "ESP", "POL", "UKR", "SAU", "ARE",
             "QAT", "EGY", "ISR", "CAN", "BRA", "AUS"]
    rows = [(state, partner, 1 + (i * 7 + j) % 30) for i, state in enumerate(analysis.CENTRAL_ASIA)
            for j, partner in enumerate(outer)]
    return pl.DataFrame({"actor_1": [r[0] for r in rows], "actor_2": [r[1] for r in rows],
                         "events": pl.Series([r[2] for r in rows], dtype=pl.UInt32),
                         "weight": [2.0 * r[2] for r in rows], "goldstein_mean": [2.0] * len(rows),
                         "cooperation": pl.Series([r[2] for r in rows], dtype=pl.UInt32),
                         "conflict": pl.Series([0] * len(rows), dtype=pl.UInt32)})


def test_dyad_network_uses_names_a_size_legend_and_labels_that_do_not_overlap():
    fig = analysis.plot_dyad_network(_crowded_edges())
    ax = fig.axes[0]
    labels = [t for t in ax.texts]
    shown = {t.get_text() for t in labels}
    assert {"CSTO", "EU", "Russia", "Kazakhstan", "United States"} <= shown
    assert not any(t.startswith("IGO") for t in shown), shown
    assert labels_overlap(fig, labels) == []
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "node size: events of the actor"
    assert [t.get_text() for t in legend.get_texts()][0] == "1 event"
    assert fig.axes[-1].get_ylabel().startswith("mean Goldstein value")  # the colour bar of the edges


def test_without_separation_the_crowded_labels_would_overlap(monkeypatch):
    """The overlap check can fail: with the separation step switched off, the crowded network's labels collide."""
    from coder.analysis import plots
    monkeypatch.setattr(plots, "separate_labels", lambda fig, texts: None)
    fig = plots.plot_dyad_network(_crowded_edges())
    assert labels_overlap(fig, list(fig.axes[0].texts))

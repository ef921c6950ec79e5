"""Analysis of coded event datasets in polars, by kind of query: reading datasets (`coder.analysis.reading`), periods
and dyad time series (`periods`), the alignment index (`alignment`), top actors and event types (`rankings`), dyad
networks (`networks`), actor names (`names`), figures (`plots`; matplotlib is imported only to draw), and exports to
other event-data formats (`export`). Formulas and examples: docs/analysis.md.

Every query takes and returns a `pl.LazyFrame` (call `.collect()` on the result), so filters written before or after
them are pushed down to the Parquet scan. Actors are compared at the country level by default
(`source_country`/`target_country`: `KAZ`, `RUS`, `IGOEUREEC`); pass `level="code"` for full actor codes (`KAZGOV`).
It reads only the dataset's Parquet files: it never loads spaCy or the coding engine."""

from coder.analysis.alignment import (CENTRAL_ASIA, EU_INSTITUTIONS, EU_MEMBER_STATES, GREAT_POWERS,
                                      GREAT_POWERS_EU27, MIN_EVENTS, alignment_index, tag_dyads, wilson_interval)
from coder.analysis.names import actor_name, actor_names
from coder.analysis.networks import dyad_network, network_nodes
from coder.analysis.periods import (FREQUENCIES, QUAD_CLASSES, QUAD_LABELS, dyad_series, period_counts,
                                    quad_aggregations, with_period)
from coder.analysis.plots import complete_index, network_layout, plot_alignment, plot_dyad_network
from coder.analysis.rankings import event_names, top_actors, top_event_types
from coder.analysis.reading import demo_dataset, event_files, scan_events

__all__ = ["CENTRAL_ASIA", "EU_INSTITUTIONS", "EU_MEMBER_STATES", "FREQUENCIES", "GREAT_POWERS", "GREAT_POWERS_EU27",
           "MIN_EVENTS", "QUAD_CLASSES", "QUAD_LABELS", "actor_name", "actor_names", "alignment_index",
           "complete_index", "demo_dataset", "dyad_network", "dyad_series", "event_files", "event_names",
           "network_layout", "network_nodes", "period_counts", "plot_alignment", "plot_dyad_network",
           "quad_aggregations", "scan_events", "tag_dyads", "top_actors", "top_event_types", "wilson_interval",
           "with_period"]

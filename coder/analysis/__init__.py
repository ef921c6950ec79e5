"""Analysis of coded event datasets in polars: dyad time series, the alignment index, top actors and event types, dyad
networks (`coder.analysis.queries`), and exports to other event-data formats (`coder.analysis.export`).
It reads only the dataset's Parquet files: it never loads spaCy or the coding engine."""

from coder.analysis.queries import (CENTRAL_ASIA, EU_INSTITUTIONS, EU_MEMBER_STATES, FREQUENCIES, GREAT_POWERS,
                                    GREAT_POWERS_EU27, QUAD_CLASSES, QUAD_LABELS, alignment_index, demo_dataset,
                                    dyad_network, dyad_series, event_files, event_names, network_nodes, period_counts,
                                    quad_aggregations, scan_events, tag_dyads, top_actors, top_event_types,
                                    wilson_interval, with_period)

__all__ = ["CENTRAL_ASIA", "EU_INSTITUTIONS", "EU_MEMBER_STATES", "FREQUENCIES", "GREAT_POWERS", "GREAT_POWERS_EU27",
           "QUAD_CLASSES", "QUAD_LABELS", "alignment_index", "demo_dataset", "dyad_network", "dyad_series",
           "event_files", "event_names", "network_nodes", "period_counts", "quad_aggregations", "scan_events",
           "tag_dyads", "top_actors", "top_event_types", "wilson_interval", "with_period"]

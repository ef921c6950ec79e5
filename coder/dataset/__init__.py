"""The event dataset and everything that reads or writes it without the engine: input articles and rejects
(`articles`), the record schema (`records`), shard planning (`plan`), atomic commits, locks and the manifest (`sink`),
deduplicated views (`dedup`), compaction (`compact`) and status (`status`). Never imports spaCy or the engine."""

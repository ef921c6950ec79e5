"""The event dataset and everything that reads or writes it without the engine: input articles and rejects
(`articles`), the record schema (`records`), shard planning (`plan`), where files are (`layout`), durable writes
(`durable`), shard commits and their records (`journal`), locks (`locks`), the job's writer (`sink`), the meta
folder's JSON documents (`documents`), the manifest (`manifest`), the side tables (`tables`), deduplicated views
(`dedup`), compaction (`compact`, `compact_intents`) and status (`status`). Never imports spaCy or the engine."""

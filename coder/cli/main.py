"""Command-line entry points. `coder` and `coder-eval` are Hydra apps (config groups swap on the command line);
`coder-explain` takes a sentence."""

from __future__ import annotations

import sys

import hydra
from omegaconf import DictConfig

from coder.config import CONF_DIR, register_configs, typed

register_configs()


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="config")
def _run(cfg: DictConfig) -> None:
    from coder.config import CoderConfig
    from coder.jobs.job import run_job
    from coder.jobs.summary import summary

    config = typed(cfg, CoderConfig)
    if config.runner.name == "slurm":  # one array task of a multirun; SlurmShards plans and finishes (coder.jobs.runners)
        from hydra.core.hydra_config import HydraConfig
        from hydra.types import RunMode

        from coder.jobs.runners.slurm import run_task

        if HydraConfig.get().mode != RunMode.MULTIRUN:
            raise SystemExit("runner=slurm runs as a Hydra multirun (conf/runner/slurm.yaml sets hydra.mode=MULTIRUN); "
                             "do not override hydra.mode")
        print(run_task(config))
        return
    from coder.errors import DataSafetyError

    try:
        result = run_job(config)
    except DataSafetyError as exc:  # a refusal that protects the dataset: its message is the whole story
        raise SystemExit(f"coder: {exc}") from None
    print(summary(result, config.top_dyads))
    print(f"dataset: {config.output.path}")


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="eval")
def _eval(cfg: DictConfig) -> None:
    from coder.config import EvalConfig
    from coder.evaluation.scoring import run_evaluation

    print(run_evaluation(typed(cfg, EvalConfig)))


def main() -> None:
    _run()


def eval_main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "petr":  # `coder-eval petr`: PETRARCH's unit tests (coder/petr_eval.py)
        from coder.evaluation.petrarch import main as petr_main

        raise SystemExit(petr_main(sys.argv[2:]))
    _eval()


def explain_main(argv: list[str] | None = None) -> None:
    from coder.cli.explain import main as explain

    explain(sys.argv[1:] if argv is None else argv)

"""`coder` and `coder-eval`: Hydra apps (config groups swap on the command line). `coder-eval petr` runs PETRARCH's
unit tests instead (coder/cli/eval_petr.py). Run as `python -m coder.cli.main` (`coder`) before the console scripts
are installed."""

from __future__ import annotations

import sys

import hydra
from omegaconf import DictConfig

from coder.cli.errors import hydra_app, user_errors
from coder.cli.rule_paths import require_rule_files
from coder.config import CONF_DIR, register_configs, typed
from coder.errors import ConfigError

register_configs()


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="config")
def _run(cfg: DictConfig) -> None:
    with user_errors():
        _code(cfg)


def _code(cfg: DictConfig) -> None:
    from coder.config import CoderConfig
    from coder.jobs.job import run_job
    from coder.jobs.summary import summary

    config = typed(cfg, CoderConfig)
    require_rule_files(config.rules)  # rules=petrarch: the user's dictionary files, before anything loads
    if config.runner.name == "slurm":  # one array task of a multirun; SlurmShards plans and finishes (coder.jobs.runners)
        from hydra.core.hydra_config import HydraConfig
        from hydra.types import RunMode

        from coder.jobs.runners.slurm import run_task

        if HydraConfig.get().mode != RunMode.MULTIRUN:
            raise ConfigError("runner=slurm runs as a Hydra multirun (conf/runner/slurm.yaml sets "
                              "hydra.mode=MULTIRUN); do not override hydra.mode", where="hydra.mode")
        print(run_task(config))
        return
    result = run_job(config)  # a refusal that protects the dataset is a DataSafetyError: its line is the whole story
    print(summary(result, config.top_dyads))
    print(f"dataset: {config.output.path}")
    if result.exit_status:  # some inputs were rejected (rejects_exit_status); a refusal exits 2 above
        raise SystemExit(result.exit_status)


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="eval")
def _eval(cfg: DictConfig) -> None:
    with user_errors():
        from coder.config import EvalConfig
        from coder.evaluation.scoring import run_evaluation

        config = typed(cfg, EvalConfig)
        require_rule_files(config.rules)
        print(run_evaluation(config))


def main() -> None:
    hydra_app(_run)


def eval_main() -> int | None:
    if len(sys.argv) > 1 and sys.argv[1] == "petr":  # `coder-eval petr`: PETRARCH's unit tests
        from coder.cli.eval_petr import main as petr_main

        return petr_main(sys.argv[2:])
    if len(sys.argv) > 1 and sys.argv[1] == "plover":  # `coder-eval plover`: the PLOVER records, per category
        from coder.cli.eval_plover import main as plover_main

        return plover_main(sys.argv[2:])
    if len(sys.argv) > 1 and sys.argv[1] == "all":  # `coder-eval all`: every visible gold set in one table
        from coder.cli.eval_all import main as all_main

        return all_main(sys.argv[2:])
    hydra_app(_eval)
    return None


if __name__ == "__main__":
    main()

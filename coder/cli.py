"""Command-line entry points. `coder` and `coder-eval` are Hydra apps (config groups swap on the command line);
`coder-explain` takes a sentence."""

from __future__ import annotations

import sys

import hydra
from omegaconf import DictConfig, OmegaConf

from coder.config import CONF_DIR, register_configs

register_configs()


def _typed(cfg: DictConfig, schema):
    """Hydra config -> the typed dataclass (validated by OmegaConf against the schema)."""
    return OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(schema), cfg))


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="config")
def _run(cfg: DictConfig) -> None:
    from coder.config import CoderConfig
    from coder.pipeline import run_job, summary

    typed = _typed(cfg, CoderConfig)
    result = run_job(typed)
    print(summary(result, typed.top_dyads))
    print(f"dataset: {typed.output.path}")


@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="eval")
def _eval(cfg: DictConfig) -> None:
    from coder.config import EvalConfig
    from coder.evaluate import run_evaluation

    typed = _typed(cfg, EvalConfig)
    print(run_evaluation(typed))


def main() -> None:
    _run()


def eval_main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "petr":  # `coder-eval petr`: PETRARCH's unit tests (coder/petr_eval.py)
        from coder.petr_eval import main as petr_main

        raise SystemExit(petr_main(sys.argv[2:]))
    _eval()


def explain_main(argv: list[str] | None = None) -> None:
    from coder.explain import main as explain

    explain(sys.argv[1:] if argv is None else argv)

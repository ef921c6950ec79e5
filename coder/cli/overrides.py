"""`key=value` overrides for the tools that are not Hydra apps (`coder-explain`, `coder-eval all`): the same keys
`coder` takes, validated the same way (coder.config), with a mistake reported as one coded line."""

from __future__ import annotations

from omegaconf import OmegaConf
from omegaconf.errors import OmegaConfBaseException

from coder.config import CoderConfig, config_error, register_configs, typed


def coder_config(overrides: list[str]) -> CoderConfig:
    """The coder's configuration with `key=value` overrides."""
    register_configs()
    try:
        return typed(OmegaConf.from_dotlist(overrides), CoderConfig)
    except OmegaConfBaseException as exc:  # an unknown key or a value of the wrong type
        raise config_error(exc) from None

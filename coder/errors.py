"""The error catalogue: every mistake a user can make and fix (a config value, a rule file, a path, an input, a model
that is not installed, a request that would damage a dataset) is a `CoderError` with a stable code.

The command-line tools print a `CoderError` as one line, `error E203: rules/my.yaml:14: <what is wrong; how to fix
it>`, and exit with status 2 (coder.cli.errors); they never print a traceback for it. Library code raises these and
never `SystemExit`. A bug in the coder itself is not a `CoderError`: it keeps its traceback.

Codes are grouped by what the user has to look at, and never reused for another meaning:

    E1xx  configuration values                  ConfigError
    E2xx  rule files                            RuleFileError
    E3xx  input and output paths, input files   InputError
    E4xx  protecting a dataset                  DataSafetyError
    E5xx  language models                       ModelError
    E6xx  gold sets and evaluation              EvaluationError

`docs/errors.md` lists every code with its meaning and fix; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class ErrorCode:
    code: str  # "E203"
    title: str  # what went wrong, in a few words


CATALOGUE: dict[str, ErrorCode] = {}


def _code(code: str, title: str) -> ErrorCode:
    if code in CATALOGUE:
        raise RuntimeError(f"error code {code} is defined twice")
    CATALOGUE[code] = ErrorCode(code, title)
    return CATALOGUE[code]


# -- E1xx configuration ---------------------------------------------------------------------------------------------
CONFIG_VALUE = _code("E101", "a configuration value is not valid")
CONFIG_CHOICE = _code("E102", "a configuration value is not one of its choices")
CONFIG_RANGE = _code("E103", "a configuration number is out of range")
CONFIG_KEY = _code("E104", "a configuration key does not exist")
SLURM_OVERWRITE = _code("E105", "runner=slurm cannot overwrite a dataset")
SLURM_NOT_MULTIRUN = _code("E106", "runner=slurm runs only as a Hydra multirun of the coder command")
RAY_MISSING = _code("E107", "runner=ray needs Ray, which is not installed")
DEDUP_NO_KEYS = _code("E108", "a dedup view is neither a preset nor given keys")
DEDUP_COLUMN = _code("E109", "dedup keys or order name columns that events do not have")
PLAIN_NAME = _code("E110", "a name that becomes a folder name is not a plain name")

# -- E2xx rule files ------------------------------------------------------------------------------------------------
RULE_FILE = _code("E201", "a rule is malformed: its fields contradict each other or break the rule language")
RULE_YAML = _code("E202", "a rule file is not valid YAML (syntax, encoding, or a key written twice)")
RULE_UNKNOWN_NAME = _code("E203", "a rule file has an unknown section, field or setting")
RULE_WRONG_TYPE = _code("E204", "a rule value has the wrong type or is not one of its choices")
RULE_MISSING_FIELD = _code("E205", "a rule lacks a required field")
RULE_EVENT_CODE = _code("E206", "a value is not a CAMEO event code")
RULE_ACTOR_CODE = _code("E207", "a value is not a valid actor, sector or country code")
RULE_DUPLICATE = _code("E208", "a rule id, alias, word or place name is already taken")
RULE_ROLE_DATES = _code("E209", "dated roles overlap or end before they start")
RULE_FILE_MISSING = _code("E210", "a rule file or packaged rule set does not exist or cannot be read")
PETRARCH_FILE = _code("E211", "a PETRARCH dictionary file does not exist or cannot be read")

# -- E3xx paths and inputs ------------------------------------------------------------------------------------------
INPUT_PATH = _code("E301", "an input or output path cannot be used")
INPUT_MISSING = _code("E302", "input.path does not exist")
NOT_A_DATASET = _code("E303", "the folder is not a coder dataset")
INPUT_EMPTY = _code("E304", "input.path holds no input to code")

# -- E4xx dataset safety --------------------------------------------------------------------------------------------
DATA_SAFETY = _code("E401", "the run would damage the dataset, so it was refused")
DATASET_LOCKED = _code("E402", "another coder job is writing the dataset")
OVERWRITE_FOREIGN = _code("E403", "output.path is a folder that is not a coder dataset")
APPEND_OTHER_RUN_KEY = _code("E404", "output.mode=append with other rules, model or coder than the dataset's")
APPEND_CHANGED_IDS = _code("E405", "output.mode=append with article ids that are in the dataset with other content")
APPEND_LOST_INPUTS = _code("E406", "output.mode=append: a damaged shard cannot be re-coded without its input")
APPEND_NO_RECORDS = _code("E407", "output.mode=append on a dataset written without commit records")
RUN_INCOMPLETE = _code("E408", "planned shards are not committed: the run is incomplete")
DATASET_MISMATCH = _code("E409", "the dataset does not match its commit records")
TASK_OTHER_RUN_KEY = _code("E410", "a task has other code, rules or model than the planner")
INPUT_CHANGED = _code("E411", "the input changed after the shards were planned")
NO_PLAN = _code("E412", "there is no shard plan for a task to code")
UNFINISHED_RUN = _code("E413", "an unfinished run must be completed before compacting")
ALL_REJECTED = _code("E414", "every input was rejected: nothing would be coded")
WOULD_DROP = _code("E415", "the run would drop committed shards whose inputs it did not see")
FOREIGN_FILES = _code("E416", "the dataset folder holds files or links the coder did not write")
WORKER_LOST = _code("E417", "a worker process died while coding a shard")
DISK_FULL = _code("E418", "the disk is full: the shard was not committed")

# -- E5xx models ----------------------------------------------------------------------------------------------------
MODEL_MISSING = _code("E501", "the language model cannot be loaded")
MODEL_NO_PARSER = _code("E502", "the language model runs without a dependency parser")

# -- E6xx evaluation ------------------------------------------------------------------------------------------------
GOLD_FILE = _code("E601", "a gold file has a bad record")
GOLD_FILE_MISSING = _code("E602", "a gold file does not exist or cannot be read")


class CoderError(Exception):
    """A mistake the user can fix. `str(error)` is one line: `[where: ]what is wrong; how to fix it`."""

    default: ClassVar[ErrorCode] = CONFIG_VALUE

    def __init__(self, message: str, *, code: ErrorCode | None = None, where: str | None = None):
        self.message = message
        self.error = code or self.default
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return " ".join(text.split())  # one line, whatever the message's layout

    def one_line(self) -> str:
        """What the command-line tools print."""
        return f"error {self.error.code}: {self}"


class ConfigError(CoderError):
    """A configuration value that is out of range, not one of its choices, or contradicts another."""

    default = CONFIG_VALUE


class RuleFileError(CoderError):
    """A fault in a rule file, located by file and line."""

    default = RULE_FILE


class InputError(CoderError):
    """An input or output path that is missing, empty, not readable, or unsafe to use."""

    default = INPUT_PATH


class DataSafetyError(CoderError):
    """The job refuses to run because it could damage the dataset (locked, conflicting append, not a dataset)."""

    default = DATA_SAFETY


class ModelError(CoderError):
    """A language model that is not installed or cannot be loaded."""

    default = MODEL_MISSING


class EvaluationError(CoderError):
    """A gold set that cannot be read."""

    default = GOLD_FILE

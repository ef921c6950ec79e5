"""The one place where the tools turn a user's mistake into a message: a `CoderError` (coder.errors) is printed to
stderr as one line, `error E203: file:line: what is wrong; how to fix it`, and the tool exits with status 2. Any other
exception is a bug in the coder and keeps its traceback."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec

from hydra.errors import HydraException
from omegaconf.errors import OmegaConfBaseException

from coder.config import config_error
from coder.errors import CoderError

USER_ERROR_STATUS = 2  # the same status argparse gives a bad command line

P = ParamSpec("P")


def report(error: CoderError) -> int:
    """Print the error's one line to stderr; the status the tool exits with."""
    print(error.one_line(), file=sys.stderr)
    return USER_ERROR_STATUS


def entry_point(main: Callable[P, int]) -> Callable[P, int]:
    """A tool's `main` (it returns the exit status) with a user's mistake reported as one line and status 2."""

    @functools.wraps(main)
    def run(*args: P.args, **kwargs: P.kwargs) -> int:
        try:
            return main(*args, **kwargs)
        except CoderError as error:
            return report(error)

    return run


@contextmanager
def user_errors() -> Iterator[None]:
    """For the Hydra task functions, inside them: Hydra prints a traceback for any exception that reaches it, and
    ignores what the function returns, so a user's mistake ends the process here with its line and status 2."""
    try:
        yield
    except CoderError as error:
        raise SystemExit(report(error)) from None


def hydra_app(app: Callable[[], None]) -> None:
    """Run a Hydra app (`@hydra.main`) so that a mistake in composing its configuration (an unknown key, a value
    that is not one of its choices, a malformed override) is one line with its code and status 2 too. Hydra would
    print such errors over several lines and exit with 1; with HYDRA_FULL_ERROR it lets them through to here."""
    os.environ.setdefault("HYDRA_FULL_ERROR", "1")
    try:
        app()
    except (HydraException, OmegaConfBaseException) as error:
        raise SystemExit(report(config_error(error))) from None

"""Shared fixtures: paths, a loaded coder (spaCy is loaded once per session), helpers to run the CLI.

Third-party material (PETRARCH's unit tests and dictionaries, the PLOVER records, the CAMEO reference tables) lives
in ../shared/ beside a development checkout, and CI has it; a user's clone does not. Tests that read it skip there
with a reason that names ../shared (`needs_shared`, the `shared_dir` fixture). The dev corpora are the project's own
and ship in datasets/eval/ (`EVAL`)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = ROOT / "datasets" / "eval"  # the dev corpora shipped with the project
BIN = Path(sys.executable).parent


def shared_reason(*parts: str) -> str:
    where = "/".join(("../shared",) + parts)
    return f"needs {where} (third-party material beside a development checkout, as in CI); it is absent here"


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip the test where ../shared/<parts> is absent (a user's clone), with a reason naming it."""
    return pytest.mark.skipif(not SHARED.joinpath(*parts).exists(), reason=shared_reason(*parts))


def skip_without_shared(*parts: str) -> Path:
    """../shared/<parts>, or skip the test (from inside a test or fixture) where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(shared_reason(*parts))
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return skip_without_shared()


@pytest.fixture(scope="session")
def engine():
    from coder.config import CoderConfig, register_configs
    from coder.jobs.coder import Coder

    register_configs()
    return Coder(CoderConfig())


@pytest.fixture(scope="session")
def code_sentence(engine):
    """Code one sentence (as the body of an article) and return (source, target, code, modality) tuples."""
    from coder.dataset.articles import Article

    def run(text: str, day: str = "2024-06-14", title: str = "") -> list[tuple[str, str, str, str]]:
        article = Article("t", date.fromisoformat(day), title, text)
        rows, _ = engine.code([article])
        return [(r["source_code"], r["target_code"], r["event_code"], r["modality"]) for r in rows]

    return run


@pytest.fixture(scope="session")
def petr_unittest_outcomes():
    """PETRARCH's unit-test records run once through the imported dictionaries (coder.evaluation.petrarch), for the
    count test (test_petr_unittest.py) and the committed-outcomes test (test_expected_events.py) alike."""
    from coder.evaluation.petrarch import UnitTestRunner, load_records

    skip_without_shared("eval", "petr")
    return UnitTestRunner().run(load_records())


# Each console script's target (pyproject.toml's [project.scripts]), called the way the installed script calls it.
TOOLS = {
    "coder": ("coder.cli.main", "main"),
    "coder-eval": ("coder.cli.main", "eval_main"),
    "coder-explain": ("coder.cli.explain", "main"),
    "coder-rules": ("coder.cli.rules", "main"),
    "coder-export": ("coder.cli.export", "main"),
    "coder-status": ("coder.cli.status", "main"),
    "coder-compact": ("coder.cli.compact", "main"),
    "coder-compile": ("coder.cli.compile", "main"),
}


def start_cli(*args: str, tool: str = "coder", cwd: Path = ROOT) -> subprocess.Popen:
    """Start a tool of this checkout as a process: its entry point under this Python, with this checkout first on the
    path, so the test does not depend on which targets the installed scripts in .venv/bin were generated for."""
    module, function = TOOLS[tool]
    program = f"import sys; sys.argv[0] = {tool!r}; from {module} import {function}; sys.exit({function}())"
    runs = f"coder-test-runs-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # one per test worker (pytest-xdist)
    env = {**os.environ, "CODER_RUN_DIR": str(Path(os.environ.get("PYTEST_TMP", "/tmp")) / runs),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-c", program, *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish_cli(proc: subprocess.Popen, timeout: float = 600) -> subprocess.CompletedProcess:
    """Wait for a process from start_cli (killed, and the test failed, after `timeout` seconds)."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run_cli(*args: str, tool: str = "coder", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run a tool of this checkout as a process (start_cli) and wait for it."""
    return finish_cli(start_cli(*args, tool=tool, cwd=cwd))

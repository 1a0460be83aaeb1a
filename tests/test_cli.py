"""The command line: contract keys, filters, exit codes."""

import json
import shutil
import subprocess
import sys

import pytest

from sarcoma_stats import __version__, load_claims, load_sources
from sarcoma_stats.cli import main

CONTRACT_KEYS = {"id", "source", "quote", "kind", "verdict", "explanation", "methods"}


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"sarcoma-stats {__version__}"


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "verify" in out and "report" in out


def test_verify_json_has_the_contract_keys_for_every_claim(capsys):
    assert main(["verify", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] and {r["id"] for r in rows} == {c.id for c in load_claims()}
    for row in rows:
        assert CONTRACT_KEYS <= set(row)
        assert row["verdict"] in {"consistent", "query", "inconsistent", "not-checkable"}
        assert isinstance(row["methods"], list)


def test_verify_source_filter(capsys):
    source = sorted(load_sources())[0]
    assert main(["verify", "--json", "--source", source]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["source"] for r in rows} <= {source}
    assert len(rows) == len(load_claims(source))


def test_verify_unknown_source_is_a_usage_error(capsys):
    assert main(["verify", "--source", "no-such-source"]) == 2
    err = capsys.readouterr().err
    assert "no-such-source" in err and "source must be one of" in err


def test_verify_text_output_groups_by_source(capsys):
    assert main(["verify"]) == 0
    out = capsys.readouterr().out
    for source in {c.source for c in load_claims()}:
        assert source in out


def test_fail_on_inconsistent(capsys):
    # The bundled data hold printed errors (e.g. the review's HR interval 0.24-.040), so
    # --fail-on inconsistent must exit 1; without it, findings are not errors.
    assert main(["verify", "--fail-on", "inconsistent"]) == 1
    assert main(["verify"]) == 0


@pytest.mark.skipif(shutil.which("sarcoma-stats") is None, reason="console script not installed")
def test_console_script_runs():
    done = subprocess.run(["sarcoma-stats", "verify", "--json"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "sarcoma_stats.cli", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and __version__ in done.stdout


@pytest.mark.skipif(shutil.which("sarcoma-stats") is None, reason="console script not installed")
def test_closed_pipe_is_not_an_error():
    # `sarcoma-stats verify --json | head -1` (well over a pipe buffer): the reader leaves early; no traceback, status 0.
    done = subprocess.run("sarcoma-stats verify --json | head -1; exit ${PIPESTATUS[0]}", shell=True,
                          executable="/bin/bash", capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "Error" not in done.stderr and "Traceback" not in done.stderr

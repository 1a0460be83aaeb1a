"""The command line: contract keys, the summary first, filters, exit codes, closed pipes."""

import json
import shutil
import subprocess
import sys

import pytest

from sarcoma_stats import __version__, load_claims, load_sources, verify_claims
from sarcoma_stats.claims.verdict import VERDICTS
from sarcoma_stats.cli import COMMANDS, main

CONTRACT_KEYS = ["id", "source", "quote", "kind", "verdict", "explanation", "methods"]
SCRIPT = shutil.which("sarcoma-stats")


@pytest.fixture(scope="module")
def frame():
    return verify_claims()


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"sarcoma-stats {__version__}"


def test_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_verify_json_has_the_contract_keys_for_every_claim(capsys):
    assert main(["verify", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] and {r["id"] for r in rows} == {c.id for c in load_claims()}
    for row in rows:
        assert list(row)[:7] == CONTRACT_KEYS
        assert row["verdict"] in VERDICTS
        assert isinstance(row["methods"], list)


def test_verify_leads_with_the_summary(capsys, frame):
    assert main(["verify"]) == 0
    lines = capsys.readouterr().out.splitlines()
    counts = {v: int((frame["verdict"] == v).sum()) for v in VERDICTS}
    assert lines[0] == (f"{len(frame)} claims from {frame['source'].nunique()} sources: "
                        + ", ".join(f"{counts[v]} {v.replace('-', ' ')}" for v in VERDICTS) + ".")
    header = lines[2].split()
    assert header[:2] == ["Source", "Claims"]
    for source in set(frame["source"]):
        row = next(line for line in lines[4:] if line.startswith(source + " "))
        assert int(row.split()[1]) == (frame["source"] == source).sum()
    # then the inconsistent claims, first of all claims
    first = next(i for i, line in enumerate(lines) if line.startswith("Inconsistent ("))
    listed = [line.split()[1] for line in lines if line.startswith("  ") and
              line.split()[0] in {v.replace("-", " ").upper() for v in VERDICTS}]
    inconsistent = set(frame.loc[frame["verdict"] == "inconsistent", "id"])
    assert set(listed[:len(inconsistent)]) == inconsistent
    assert first < 20


def test_verify_summary_only(capsys, frame):
    assert main(["verify", "--summary"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 4 + frame["source"].nunique() + 1
    assert "INCONSISTENT" not in out
    assert main(["verify", "--summary", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["claims"] == len(frame)
    assert summary["verdicts"] == {v: int((frame["verdict"] == v).sum()) for v in VERDICTS}
    assert sum(sum(c.values()) for c in summary["sources"].values()) == len(frame)


def test_verify_verdict_filter_is_repeatable(capsys, frame):
    assert main(["verify", "--json", "--verdict", "inconsistent", "--verdict",
                 "not-checkable"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["verdict"] for r in rows} == {"inconsistent", "not-checkable"}
    assert len(rows) == frame["verdict"].isin(["inconsistent", "not-checkable"]).sum()
    assert main(["verify", "--verdict", "inconsistent"]) == 0
    out = capsys.readouterr().out
    assert "Inconsistent (" in out and "Consistent (" not in out
    with pytest.raises(SystemExit):
        main(["verify", "--verdict", "wrong"])
    assert "invalid choice: 'wrong'" in capsys.readouterr().err


def test_verify_source_filter(capsys):
    source = sorted(load_sources())[0]
    assert main(["verify", "--json", "--source", source]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["source"] for r in rows} <= {source}
    assert len(rows) == len(load_claims(source))


def test_verify_claim_filter(capsys):
    assert main(["verify", "--json", "--claim", "review-sorafenib-orr", "--claim",
                 "ni2024-orr"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["ni2024-orr",
                                                                       "review-sorafenib-orr"]
    assert main(["verify", "--claim", "review-sorafenib-orx"]) == 2
    err = capsys.readouterr().err
    assert "unknown claim id 'review-sorafenib-orx'" in err and "review-sorafenib-orr" in err


def test_verify_unknown_source_is_a_usage_error(capsys):
    assert main(["verify", "--source", "no-such-source"]) == 2
    err = capsys.readouterr().err
    assert "no-such-source" in err and "source must be one of" in err


def test_fail_on_inconsistent(capsys):
    # The bundled data hold printed errors (e.g. the review's HR interval 0.24-.040), so
    # --fail-on inconsistent must exit 1; without it, findings are not errors.
    assert main(["verify", "--summary", "--fail-on", "inconsistent"]) == 1
    assert main(["verify", "--summary"]) == 0
    assert main(["verify", "--summary", "--source", "weiss2020-arst1321", "--fail-on",
                 "inconsistent"]) == 0


@pytest.mark.slow
def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "sarcoma_stats.cli", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and __version__ in done.stdout


@pytest.mark.slow
@pytest.mark.skipif(SCRIPT is None, reason="console script not installed")
def test_console_script_runs():
    done = subprocess.run([SCRIPT, "verify", "--json"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(SCRIPT is None, reason="console script not installed")
def test_closed_pipe_is_not_an_error():
    # `sarcoma-stats verify --json | head -1` (well over a pipe buffer): the reader leaves
    # early; no traceback, status 0.
    done = subprocess.run(f"'{SCRIPT}' verify --json | head -1; exit ${{PIPESTATUS[0]}}",
                          shell=True, executable="/bin/bash", capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0
    assert "Error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.skipif(SCRIPT is None, reason="console script not installed")
@pytest.mark.parametrize("redirect", ["", "2>&1"])
def test_report_to_a_closed_pipe_still_writes_the_report(tmp_path, redirect):
    out = tmp_path / "report"
    done = subprocess.run(f"'{SCRIPT}' report --out '{out}' {redirect} | head -1; "
                          f"exit ${{PIPESTATUS[0]}}", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert (out / "report.html").is_file() and (out / ".sarcoma-stats-report").is_file()

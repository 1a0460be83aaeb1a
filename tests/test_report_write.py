"""Writing the report directory safely (sarcoma_stats.report.write), and what the report says
whatever the labels hold: fast tests with the figures left out (``draw_figures`` stubbed)."""

import os
import re
import subprocess
import sys

import pytest

from sarcoma_stats import ReportError, load_claims, load_sources, verify_claims, write_report
from sarcoma_stats import report as report_package
from sarcoma_stats.report import MANIFEST, write
from sarcoma_stats.report import figures as report_figures
from sarcoma_stats.report.model import report_document
from sarcoma_stats.report.render import to_html, to_markdown


@pytest.fixture(scope="module")
def verdicts():
    return verify_claims()


@pytest.fixture
def fast(monkeypatch, verdicts):
    """write_report without figures and with the verdicts computed once; returns the calls."""
    calls = []

    def draw(context, directory, progress=None, specs=None):
        calls.append(directory)
        return []

    monkeypatch.setattr("sarcoma_stats.claims.verify.verify_claims", lambda **kwargs: verdicts)
    monkeypatch.setattr(report_figures, "draw_figures", draw)
    return calls


def snapshot(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


# --------------------------------------------------------------------------------------------
# Targets refused before anything is written
# --------------------------------------------------------------------------------------------

def test_refuses_a_directory_with_foreign_files(tmp_path, fast):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(ReportError, match="did not write.*notes.txt"):
        write_report(out)
    assert snapshot(out) == {"notes.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_refuses_a_directory_holding_a_subdirectory(tmp_path, fast):
    out = tmp_path / "report"
    (out / "drafts").mkdir(parents=True)
    with pytest.raises(ReportError, match="drafts"):
        write_report(out)
    assert (out / "drafts").is_dir()


def test_refuses_a_forged_manifest(tmp_path, fast):
    out = tmp_path / "report"
    out.mkdir()
    (out / MANIFEST).write_text("not a report manifest\nnotes.txt\n")
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(ReportError, match="notes.txt"):
        write_report(out)


def test_filesystem_root_is_refused_without_reading_it(monkeypatch, fast):
    def no_walk(*args, **kwargs):
        raise AssertionError("the target was read")

    monkeypatch.setattr(write.os, "scandir", no_walk)
    monkeypatch.setattr(write.Path, "iterdir", no_walk)
    monkeypatch.setattr(write.Path, "rglob", no_walk)
    with pytest.raises(ReportError, match="filesystem root"):
        write_report("/")
    with pytest.raises(ReportError, match="filesystem root"):
        write_report("/tmp/..")


@pytest.mark.slow
def test_cli_refuses_the_root_at_once():
    done = subprocess.run([sys.executable, "-m", "sarcoma_stats.cli", "report", "--out", "/"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "filesystem root" in done.stderr


def test_a_dangling_symlink_is_not_followed(tmp_path, fast):
    target = tmp_path / "elsewhere" / "report"
    link = tmp_path / "report"
    link.symlink_to(target)
    with pytest.raises(ReportError, match="symbolic link.*does not exist"):
        write_report(link)
    assert not (tmp_path / "elsewhere").exists() and link.is_symlink()


@pytest.mark.slow
def test_a_live_symlink_leads_to_its_directory(tmp_path, fast):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "report"
    link.symlink_to(real)
    summary = write_report(link)
    assert summary.out_dir == real and (real / "report.html").is_file() and link.is_symlink()


def test_unwritable_targets(tmp_path, monkeypatch, fast):
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(ReportError, match="not a directory"):
        write_report(afile)
    with pytest.raises(ReportError, match="not a writable directory"):
        write_report(afile / "report")
    assert afile.read_text() == "x"
    out = tmp_path / "locked"
    out.mkdir()
    # The tests may run as root, for whom permission bits do not apply: simulate them.
    monkeypatch.setattr(write.os, "access", lambda path, mode: False)
    with pytest.raises(ReportError, match="not writable"):
        write_report(out)
    assert list(out.iterdir()) == []


def test_progress_must_be_callable(tmp_path, fast):
    with pytest.raises(TypeError, match="progress"):
        write_report(tmp_path / "report", progress="verbose")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------------------------
# Replacing an earlier report
# --------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_relative_out_dir_replaces_an_earlier_report_in_place(tmp_path, monkeypatch, fast):
    out = tmp_path / "report"
    write_report(out)
    monkeypatch.chdir(out)
    summary = write_report(".")
    assert summary.out_dir == out.resolve()
    assert summary.files == ("report.html", "report.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


@pytest.mark.slow
def test_a_file_appearing_while_the_report_is_written_is_kept(tmp_path, monkeypatch, verdicts):
    out = tmp_path / "report"
    monkeypatch.setattr("sarcoma_stats.claims.verify.verify_claims", lambda **kwargs: verdicts)
    monkeypatch.setattr(report_figures, "draw_figures", lambda *args, **kwargs: [])
    write_report(out)  # an earlier report

    def draw(context, directory, progress=None):
        (out / "notes.txt").write_text("written meanwhile")  # after the target was checked
        return []

    monkeypatch.setattr(report_figures, "draw_figures", draw)
    write_report(out)
    assert (out / "notes.txt").read_text() == "written meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    # the next run sees it as a foreign file and refuses
    with pytest.raises(ReportError, match="notes.txt"):
        write_report(out)


@pytest.mark.slow
def test_failure_while_building_keeps_the_earlier_report(tmp_path, monkeypatch, fast):
    out = tmp_path / "report"
    write_report(out)
    before = snapshot(out)

    def broken(*args, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(report_figures, "draw_figures", broken)
    with pytest.raises(RuntimeError, match="drawing failed"):
        write_report(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def _dead_pid():
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def _partial(parent, name, pid, files):
    directory = parent / name
    directory.mkdir()
    (directory / ".sarcoma-stats-owner").write_text(f"{pid} {os.uname().nodename}\n")
    for file in files:
        (directory / file).write_text("x")
    return directory


@pytest.mark.slow
def test_leftovers_of_killed_runs_are_removed_safely(tmp_path, fast):
    out = tmp_path / "report"
    dead = _partial(tmp_path, ".report.partial-0a1b2c", _dead_pid(), ["verdicts-1col.svg"])
    alive = _partial(tmp_path, ".report.partial-3d4e5f", os.getpid(), ["report.md"])
    foreign = _partial(tmp_path, ".report.partial-6a7b8c", _dead_pid(), ["thesis.docx"])
    other = _partial(tmp_path, ".notes.partial-9d0e1f", _dead_pid(), ["report.md"])
    messages = []
    write_report(out, progress=messages.append)
    assert not dead.exists()
    assert alive.exists() and foreign.exists() and other.exists()
    assert any(".report.partial-0a1b2c" in m for m in messages)


# --------------------------------------------------------------------------------------------
# Labels that could break a figure or the report
# --------------------------------------------------------------------------------------------

def _context_with_label(label, frame):
    from dataclasses import replace

    from sarcoma_stats.report import select as sel
    from sarcoma_stats.report.model import verdict_order

    claims = tuple(replace(c, label=label) if c.id == "arst1321-news-pncr" else c
                   for c in load_claims())
    sources = dict(load_sources())
    return report_figures.Context(sources, claims, {}, frame.set_index("id", drop=False),
                                  sel.source_names(sources), verdict_order(frame))


@pytest.mark.slow
def test_a_dollar_in_a_claim_label_is_drawn_literally(tmp_path, verdicts):
    context = _context_with_label("response costing $x^$ and $$ per patient", verdicts)
    specs = [s for s in report_figures.FIGURES if s.stem == "primary-endpoint"]
    (figure,) = report_figures.draw_figures(context, tmp_path, specs=specs)
    svg = (tmp_path / f"{figure.stem}-2col.svg").read_text()
    assert "Response costing $x^$ and $$ per patient" in svg


def test_a_failing_figure_names_its_claims(tmp_path, verdicts):
    context = _context_with_label("anything", verdicts)

    def broken(ctx, claims, width, fontsize):
        raise ValueError("cannot draw this")

    spec = report_figures.FigureSpec("broken", "t", "c", select=lambda ctx: ctx.claims[:2],
                                     chart=broken)
    with pytest.raises(ValueError, match=r"figure 'broken' could not be drawn from the claims "
                                         r"arst1321-news-pncr, .*: cannot draw this"):
        report_figures.draw_figures(context, tmp_path, specs=[spec])


def test_labels_cannot_inject_html_or_markdown(verdicts):
    hostile = "<img src=x onerror=alert(1)> **bold** [link](http://x) | pipe $math$ `code`"
    frame = verdicts.copy()
    frame.loc[frame.index[0], "quote"] = hostile
    frame.loc[frame.index[0], "explanation"] = hostile
    frame.loc[frame.index[0], "verdict"] = "inconsistent"
    blocks = report_document(frame, dict(load_sources()), [], [])
    html = to_html(blocks, "t")
    assert "<img" not in html and "&lt;img src=x" in html
    md = to_markdown(blocks, "t")
    assert not re.search(r"(?<!\\)<img", md) and "\\<img" in md
    assert "**bold**" not in md and "\\*\\*bold\\*\\*" in md
    assert "[link](http://x)" not in md and "\\$math\\$" in md
    # every table row keeps the number of cells of its header: the pipe is escaped
    cells = None
    for line in md.splitlines():
        if not line.startswith("|"):
            cells = None
            continue
        count = len(re.findall(r"(?<!\\)\|", line))
        cells = count if cells is None else cells
        assert count == cells, line


@pytest.mark.slow
def test_summary_str(fast, tmp_path, verdicts):
    summary = write_report(tmp_path / "report")
    assert str(summary).splitlines() == [
        f"wrote 2 files to {tmp_path / 'report'}",
        f"{len(verdicts)} claims: " + ", ".join(
            f"{n} {v.replace('-', ' ')}" for v, n in summary.verdicts.items())]
    assert list(summary.verdicts)[0] == "inconsistent"
    assert report_package.ReportSummary is type(summary)


# --------------------------------------------------------------------------------------------
# A data folder of one's own; the report names no source
# --------------------------------------------------------------------------------------------

def _copy_of_data(tmp_path, claims_files=None):
    import shutil

    from sarcoma_stats.claims.load import _data_root

    root = tmp_path / "my-data"
    shutil.copytree(_data_root(), root)
    if claims_files is not None:
        for path in (root / "claims").iterdir():
            if path.name not in claims_files:
                path.unlink()
    return root


@pytest.mark.slow
def test_verify_data_on_a_copy_of_the_bundled_data(tmp_path, capsys):
    from sarcoma_stats.cli import main

    root = _copy_of_data(tmp_path)
    assert main(["verify", "--summary", "--data", str(root)]) == 0
    mine = capsys.readouterr().out
    assert main(["verify", "--summary"]) == 0
    assert mine == capsys.readouterr().out


def test_verify_data_refuses_a_missing_folder(tmp_path, capsys):
    from sarcoma_stats.cli import main

    assert main(["verify", "--data", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


@pytest.mark.slow
def test_report_on_a_folder_of_ones_own(tmp_path):
    # one source's claims: the figures whose tagged claims are absent (the planned enrolment,
    # the harms, the toxicity table, the single-arm rates) are left out
    root = _copy_of_data(tmp_path, {"weiss2020-arst1321.yaml"})
    summary = write_report(tmp_path / "report", data=root)
    stems = sorted({name.rsplit("-", 1)[0] for name in summary.files if "col." in name})
    assert stems == ["primary-endpoint-arst1321", "printed-vs-recomputed",
                     "two-arm-comparisons", "verdicts"]
    html = (tmp_path / "report" / "report.html").read_text()
    assert "Weiss et al. 2020" in html and "Fuchs" not in html
    assert sum(summary.verdicts.values()) == 2


def test_the_report_package_names_no_source():
    from pathlib import Path

    code = "\n".join(p.read_text() for p in Path(report_package.__file__).parent.glob("*.py"))
    named = [s for s in load_sources() if s in code]
    assert named == []
    claims = [c.id for c in load_claims() if c.id in code]
    assert claims == []

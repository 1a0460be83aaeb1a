"""End-to-end tests of sarcoma_stats.report.write_report (the report is built twice per module)."""

import re
import shutil
import struct

import pytest

from sarcoma_stats import ReportError, verify_claims, write_report
from sarcoma_stats import report as report_module

FIGURES = ["verdicts", "arst1321-response", "arst1321-power", "arst1321-adverse-events",
           "arst1321-adverse-events-forest", "anlotinib-toxicity", "review-single-arm-rates",
           "two-arm-comparisons"]
EXPECTED = sorted([f"{stem}.{ext}" for stem in FIGURES for ext in ("svg", "png")]
                  + ["report.html", "report.md"])


def snapshot(directory):
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The report written once, then again over itself; both runs' files and summaries."""
    parent = tmp_path_factory.mktemp("reports")
    out = parent / "report"
    messages = []
    first = write_report(out, progress=messages.append)
    first_files = snapshot(out)
    second = write_report(out)
    return {"out": out, "parent": parent, "first": first, "second": second,
            "first_files": first_files, "second_files": snapshot(out), "messages": messages,
            "verdicts": verify_claims()}


def test_every_expected_file_is_written(built):
    out = built["out"]
    assert built["first"].files == tuple(EXPECTED)
    assert sorted(built["second_files"]) == sorted(EXPECTED + [report_module.MANIFEST])
    for name in EXPECTED:
        assert (out / name).stat().st_size > 1000, name
    manifest = (out / report_module.MANIFEST).read_text().splitlines()
    assert manifest[1:] == EXPECTED
    assert [p.name for p in built["parent"].iterdir()] == ["report"]  # no temporary leftovers
    assert any("arst1321-response" in m for m in built["messages"])


def test_second_run_is_byte_identical(built):
    assert built["first_files"].keys() == built["second_files"].keys()
    for name, content in built["first_files"].items():
        assert built["second_files"][name] == content, name


def test_metadata_carries_no_date_or_software(built):
    for stem in FIGURES:
        svg = built["second_files"][f"{stem}.svg"]
        assert b"<dc:date>" not in svg
        png = built["second_files"][f"{stem}.png"]
        assert b"Software" not in png
        # pHYs chunk: pixels per metre = 200 dpi / 0.0254 m
        at = png.index(b"pHYs") + 4
        x_ppm, y_ppm = struct.unpack(">II", png[at:at + 8])
        assert x_ppm == y_ppm == round(200 / 0.0254)


def test_summary_counts_match_verify_claims(built):
    summary = built["second"]
    verdicts = built["verdicts"]
    assert summary.verdicts == {v: int((verdicts["verdict"] == v).sum())
                                for v in ("inconsistent", "query", "consistent", "not-checkable")}
    assert sum(summary.verdicts.values()) == len(verdicts)
    text = str(summary)
    assert str(built["out"]) in text and f"{len(verdicts)} claims" in text
    assert summary.paths[0] == built["out"] / EXPECTED[0]


def test_html_links_figures_and_orders_verdicts(built):
    html = built["second_files"]["report.html"].decode()
    for src in re.findall(r'<img src="([^"]+)"', html):
        assert src in built["second_files"]
    assert sorted(re.findall(r'<img src="([^"]+)\.svg"', html)) == sorted(FIGURES)
    sections = re.split(r'<h3 id="source-', html)[1:]
    assert [s.split('"')[0] for s in sections] == sorted(set(built["verdicts"]["source"]))
    rank = {"inconsistent": 0, "query": 1, "consistent": 2, "not-checkable": 3}
    for section in sections:
        order = [rank[v] for v in re.findall(r'<td class="([a-z-]+)">', section)]
        assert order == sorted(order)
    # the methods section names the full rules (no machine-dependent link: byte-identical anywhere)
    assert "docs/verification.md" in html.split('id="methods"')[1]
    assert "inconsistent" in html and "<script" not in html


def test_markdown_links_pngs(built):
    md = built["second_files"]["report.md"].decode()
    pngs = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(pngs) == sorted(f"{stem}.png" for stem in FIGURES)
    assert "| Claim | Where | Quote |" in md


def test_refuses_a_directory_with_foreign_files(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(ReportError, match="did not write.*notes.txt"):
        write_report(out)
    assert snapshot(out) == {"notes.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_refuses_an_earlier_report_with_a_foreign_file(built, tmp_path):
    out = tmp_path / "report"
    shutil.copytree(built["out"], out)
    (out / "extra.csv").write_text("1,2\n")
    before = snapshot(out)
    with pytest.raises(ReportError, match="extra.csv"):
        write_report(out)
    assert snapshot(out) == before


def test_refuses_a_directory_holding_a_subdirectory(tmp_path):
    out = tmp_path / "report"
    (out / "drafts").mkdir(parents=True)
    with pytest.raises(ReportError, match="drafts"):
        write_report(out)
    assert (out / "drafts").is_dir()


def test_relative_out_dir(built, tmp_path, monkeypatch):
    """``out_dir="."`` (the current directory, an earlier report) is replaced in place."""
    out = tmp_path / "report"
    shutil.copytree(built["out"], out)
    monkeypatch.chdir(out)
    monkeypatch.setattr(report_module, "_draw_figures", lambda *args: [])
    monkeypatch.setattr("sarcoma_stats.claims.verify.verify_claims", lambda: built["verdicts"])
    summary = write_report(".")
    assert summary.out_dir == out.resolve()
    assert summary.files == ("report.html", "report.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_progress_must_be_callable(tmp_path):
    with pytest.raises(TypeError, match="progress"):
        write_report(tmp_path / "report", progress="verbose")
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_forged_manifest(tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / report_module.MANIFEST).write_text("not a report manifest\nnotes.txt\n")
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(ReportError, match="notes.txt"):
        write_report(out)


def test_unwritable_targets(tmp_path, monkeypatch):
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
    monkeypatch.setattr(report_module.os, "access", lambda path, mode: False)
    with pytest.raises(ReportError, match="not writable"):
        write_report(out)
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "locked"]


def test_failure_while_building_keeps_the_earlier_report(built, tmp_path, monkeypatch):
    out = tmp_path / "report"
    shutil.copytree(built["out"], out)
    before = snapshot(out)

    def broken(*args, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(report_module, "_draw_figures", broken)
    monkeypatch.setattr("sarcoma_stats.claims.verify.verify_claims", lambda: built["verdicts"])
    with pytest.raises(RuntimeError, match="drawing failed"):
        write_report(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_two_arm_comparisons_table(built):
    # Every comparison printed with counts in both arms gets a row; the ARST1321 row carries
    # Fisher's two-sided p = 0.0285 (R 4.2.2: fisher.test(matrix(c(14, 4, 10, 14), 2))$p.value
    # = 0.02853) and the rates 14/24 = 58.3 %, 4/18 = 22.2 %.
    md = built["second_files"]["report.md"].decode()
    section = md.split("## Two-arm comparisons, recomputed")[1].split("## Verdicts")[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "/" in line]
    counted = verify_claims().query("kind == 'two-proportions'")
    assert len(rows) >= 1 and len(rows) <= len(counted)
    arst = next(row for row in rows if "14/24" in row and "4/18" in row)
    cells = [c.strip() for c in arst.strip("|").split("|")]
    assert cells[1].startswith("14/24: 58.3%") and cells[2].startswith("4/18: 22.2%")
    assert cells[-1] == "0.0285"
    html = built["second_files"]["report.html"].decode()
    assert 'id="comparisons"' in html and "<td>0.0285</td>" in html

"""End-to-end tests of sarcoma_stats.write_report on the bundled data (built twice per module).

Reference values: R 4.2.2 (the calls in the comments) and tests/reference/exact_power.csv
(tests/reference/make_report_fixtures.R, base R enumeration).
"""

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sarcoma_stats import ReportError, load_claims, load_sources, load_tables, verify_claims
from sarcoma_stats import write_report
from sarcoma_stats.report import MANIFEST
from sarcoma_stats.report import figures as report_figures
from sarcoma_stats.report import select as sel
from sarcoma_stats.report.model import verdict_order

pytestmark = pytest.mark.slow

STEMS = ["verdicts", "printed-vs-recomputed", "primary-endpoint-arst1321", "power-arst1321",
         "harms", "toxicity-ni2024-anlotinib", "single-arm-rates", "two-arm-comparisons"]
FIGURE_FILES = [f"{stem}-{cols}.{ext}" for stem in STEMS for cols in ("1col", "2col")
                for ext in ("svg", "pdf", "png")]
EXPECTED = sorted(FIGURE_FILES + ["report.html", "report.md"])
REFERENCE = Path(__file__).parent / "reference" / "exact_power.csv"


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
    files = snapshot(out)
    return {"out": out, "parent": parent, "first": first, "second": second,
            "first_files": first_files, "files": files, "messages": messages,
            "verdicts": verify_claims(), "html": files["report.html"].decode(),
            "md": files["report.md"].decode()}


@pytest.fixture(scope="module")
def context():
    sources, claims, tables = dict(load_sources()), tuple(load_claims()), dict(load_tables())
    verdicts = verify_claims()
    return report_figures.Context(sources, claims, tables, verdicts.set_index("id", drop=False),
                                  sel.source_names(sources), verdict_order(verdicts))


def svg_texts(svg: bytes) -> list[str]:
    import html

    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg.decode())]


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

def test_every_expected_file_is_written(built):
    out = built["out"]
    assert built["first"].files == tuple(EXPECTED)
    assert sorted(built["files"]) == sorted(EXPECTED + [MANIFEST])
    for name in EXPECTED:
        assert (out / name).stat().st_size > 1000, name
    manifest = (out / MANIFEST).read_text().splitlines()
    assert manifest[1:] == EXPECTED
    assert [p.name for p in built["parent"].iterdir()] == ["report"]  # no temporary leftovers
    assert any("primary-endpoint-arst1321" in m for m in built["messages"])


def test_second_run_is_byte_identical(built):
    assert built["first_files"].keys() == built["files"].keys()
    for name, content in built["first_files"].items():
        assert built["files"][name] == content, name


@pytest.mark.parametrize("stem", STEMS)
def test_figures_at_journal_widths_with_editable_text(built, stem):
    for cols, inches in (("1col", 3.5), ("2col", 7.0)):
        svg = built["files"][f"{stem}-{cols}.svg"]
        width = float(re.search(rb'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
        assert width == pytest.approx(72 * inches, abs=0.01)
        assert b"<text" in svg  # text, not outlined paths: editable
        sizes = [float(s) for s in re.findall(rb"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= 7.0  # SVG px are points at print size here
        assert not re.search(rb"Matplotlib v\d|<dc:date>", svg)
        pdf = built["files"][f"{stem}-{cols}.pdf"]
        assert b"/FontFile2" in pdf and b"CreationDate" not in pdf and b"Matplotlib" not in pdf
        png = built["files"][f"{stem}-{cols}.png"]
        assert b"Software" not in png
        at = png.index(b"pHYs") + 4
        assert int.from_bytes(png[at:at + 4], "big") == round(300 / 0.0254)  # 300 dpi
        # the PNG is the same figure: 300 dpi times the width
        assert int.from_bytes(png[16:20], "big") == round(300 * inches)


def test_no_internal_ids_or_ascii_signs_in_figures(built):
    ids = {c.id for c in load_claims()} | set(load_sources())
    for stem in STEMS:
        for cols in ("1col", "2col"):
            for text in svg_texts(built["files"][f"{stem}-{cols}.svg"]):
                assert ">=" not in text and "<=" not in text, (stem, text)
                assert not any(re.search(rf"\b{re.escape(i)}\b", text) for i in ids), (stem, text)


# --------------------------------------------------------------------------------------------
# Figure numbers
# --------------------------------------------------------------------------------------------

def test_printed_vs_recomputed_numbers(built):
    texts = svg_texts(built["files"]["printed-vs-recomputed-2col.svg"])
    # sorafenib ORR printed 33% (20-48) of 16/50: no method reproduces it; Wilson:
    # R prop.test(16, 50, correct = FALSE)$conf.int 0.2076 to 0.4581
    assert "33 (20 to 48)" in texts and "32 (21 to 46), Wilson*" in texts
    # larotrectinib 41/55 printed 75% (61-85), reproduced by Wilson with continuity correction:
    # R prop.test(41, 55, correct = TRUE)$conf.int 0.6073 to 0.8491
    assert "75 (61 to 85), Wilson-cc" in texts
    # entrectinib complete response printed 11.5% of 2/26 = 7.69%
    assert "11.5" in texts and "7.7" in texts
    # Weiss et al. 2020: 36.1 points (83.8% CI 16.5-55.8), reproduced by the Wald interval
    assert "36.1 (16.5 to 55.8), Wald" in texts
    # 14/24 and 4/18 are printed by two sources of one study: one row each
    assert sum(t.strip() == "14/24" for t in texts) == 1


def test_printed_vs_recomputed_colours_follow_the_verdicts(context):
    rows = pd.DataFrame(report_figures._checked_rates(context))
    verdicts = context.verdicts["verdict"]
    assert (rows["verdict"] == rows["claim"].map(verdicts)).all()
    inconsistent = set(rows.loc[rows["verdict"] == "inconsistent", "claim"])
    assert {"review-sorafenib-orr", "review-sorafenib-orr-placebo",
            "review-entrectinib-sarcoma-cr", "ni2024-verschraegen-orr"} <= inconsistent


def test_review_chart_draws_the_method_the_review_printed(built):
    texts = svg_texts(built["files"]["single-arm-rates-2col.svg"])
    assert any("Clopper-Pearson exact" in t for t in texts)
    # crizotinib 6/9: R binom.test(6, 9)$conf.int 0.2993 to 0.9251
    assert "67 (30 to 93)" in texts
    caption = built["html"].split('id="single-arm-rates"')[1].split("</figure>")[0]
    assert "Clopper-Pearson exact 95% intervals: the method that reproduces 3 of the 5" in caption


def test_power_chart_numbers_against_r(context):
    reference = pd.read_csv(REFERENCE, comment="#")
    claims = report_figures._select_power(context)
    drawn = report_figures._power(context, claims, 7.0, 8)
    ax = drawn.figure.axes[0]
    lines = {line.get_label(): line for line in ax.get_lines() if line.get_gid() == "power"}
    for (test, n1, n2), label in [(("fisher", 50, 50), "Fisher, 50 v 50"),
                                  (("chi2", 50, 50), "Chi-square, 50 v 50 (size 5.7% > α)"),
                                  (("fisher", 24, 18), "Fisher, 24 v 18 (analysed)")]:
        line = lines[label]
        expected = reference[(reference["quantity"] == "power") & (reference["test"] == test)
                             & (reference["n1"] == n1) & (reference["n2"] == n2)]
        drawn_x = np.asarray(line.get_xdata(), dtype=float)
        checked = 0
        for p1, value in zip(expected["p1"], expected["value"]):
            hit = np.flatnonzero(np.isclose(drawn_x, p1, atol=1e-9))
            if hit.size:  # the chart's grid holds 0.3, 0.4 and 0.5, not 14/24
                assert line.get_ydata()[hit[0]] == pytest.approx(value, rel=1e-9)
                checked += 1
        assert checked == 3, label
    # the chi-square test's exact size at the planned design (R: 0.05689 over a fine grid)
    assert drawn.facts["over"] == "chi-square 5.7%"
    assert drawn.facts["planned"] == 100 and drawn.facts["half"] == 50


# --------------------------------------------------------------------------------------------
# report.html and report.md
# --------------------------------------------------------------------------------------------

def test_summary_counts_match_verify_claims(built):
    summary = built["second"]
    verdicts = built["verdicts"]
    assert summary.verdicts == {v: int((verdicts["verdict"] == v).sum())
                                for v in verdict_order(verdicts)}
    assert sum(summary.verdicts.values()) == len(verdicts)
    text = str(summary)
    assert str(built["out"]) in text and f"{len(verdicts)} claims" in text


def test_html_leads_with_what_is_wrong(built):
    html = built["html"]
    headings = re.findall(r"<h2 id=\"([^\"]+)\">", html)
    assert headings[:3] == ["contents", "what-is-wrong", "figures"]
    wrong = html.split('id="what-is-wrong"')[1].split("<h2")[0]
    verdicts = built["verdicts"]
    severe = verdicts["verdict"].isin(["inconsistent", "query"])
    for claim in verdicts.loc[severe, "id"]:
        # every inconsistent claim and query is in the summary, linked to its row below
        assert f'href="#claim-{claim}"' in wrong
        assert f'<tr id="claim-{claim}">' in html
    assert wrong.count("<tr>") == 1 + severe.sum()
    # the contents list links to every section and every source section
    contents = html.split('id="contents"')[1].split("<h2")[0]
    for target in re.findall(r'href="#([^"]+)"', contents):
        assert f'id="{target}"' in html, target


def test_html_sections_per_source(built):
    html = built["html"]
    sections = re.findall(r'<h3 id="([^"]+)">([^<]+)</h3>', html)
    names = sel.source_names(load_sources())
    shown = {names[s] for s in built["verdicts"]["source"]}
    assert {title for _, title in sections} == shown
    for source in load_sources().values():
        if source.doi and source.id in set(built["verdicts"]["source"]):
            assert f'href="https://doi.org/{source.doi}"' in html


def test_comparisons_table(built):
    html = built["html"]
    table = html.split('id="two-arm-comparisons-recomputed"')[1].split("<h2")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    # ARST1321's 14/24 vs 4/18 is printed by two sources: one row naming both
    arst = [r for r in rows if "14/24" in r and "4/18" in r]
    assert len(arst) == 1
    assert "National Cancer Institute 2020" in arst[0] and "Weiss et al. 2020" in arst[0]
    # Fisher two-sided: R fisher.test(matrix(c(14, 4, 10, 14), 2))$p.value = 0.02851
    assert "<td>0.0285</td>" in arst[0]
    # Kayton: the risk difference and ratio intervals exclude no effect, but Fisher's p is
    # R fisher.test(matrix(c(17, 5, 17, 18), 2))$p.value = 0.05145, whose conditional exact
    # odds-ratio interval 0.964 to 15.0 includes 1: the table says why
    kayton = next(r for r in rows if "17/34" in r)
    assert "<td>0.0515</td>" in kayton
    assert "conservative" in kayton and "0.96 to 15.01" in kayton


def test_markdown_links_the_pngs_and_carries_no_raw_html(built):
    md = built["md"]
    pngs = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(pngs) == sorted(f"{stem}-2col.png" for stem in STEMS)
    assert not re.search(r"<(?!-)[a-zA-Z/!]", md.replace("\\<", ""))
    assert "## What is wrong" in md


# --------------------------------------------------------------------------------------------
# Safety (with the real build)
# --------------------------------------------------------------------------------------------

def test_refuses_an_earlier_report_with_a_foreign_file(built, tmp_path):
    out = tmp_path / "report"
    shutil.copytree(built["out"], out)
    (out / "extra.csv").write_text("1,2\n")
    before = snapshot(out)
    with pytest.raises(ReportError, match="extra.csv"):
        write_report(out)
    assert snapshot(out) == before

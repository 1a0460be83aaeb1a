"""Regenerate every figure and the verdict report from the bundled data, in one call.

:func:`write_report` verifies every claim (:func:`~sarcoma_stats.verify_claims`), draws the
figures of :mod:`sarcoma_stats.graphics.plots` from the bundled claims and tables, and writes them as SVG
and PNG together with ``report.html`` and ``report.md`` into one directory. This module only
orchestrates: which claims feed which figure is decided here, every number comes from the
statistics and verification modules.

Output is safe and reproducible: the report is built in a temporary directory beside the target
and moved into place only when complete; an earlier report (recognised by its manifest file
``.sarcoma-stats-report``) is replaced, anything else is never touched; a second run writes
byte-identical files.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from .. import __version__
from ..claims.verdict import VERDICTS

__all__ = ["ReportError", "ReportSummary", "write_report"]

MANIFEST = ".sarcoma-stats-report"
_MANIFEST_HEADER = "sarcoma-stats report: files written by sarcoma_stats.write_report"
REVIEW_SOURCE = "review-targeted-sts"
ARST1321_NEWS_SOURCE = "arst1321-news"
ANLOTINIB_TABLE = "ni2024-table2"
_DPI = 200
_RATE_METHOD = "wilson"  # the captions below name these two methods
_RD_METHOD = "newcombe"
_RR_METHOD = "koopman"
# Everything that decides how the report's figures look, fixed so reruns are byte-identical
# whatever the user's matplotlibrc says.
_RC = {
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "sarcoma-stats",
    "svg.fonttype": "path",
    "figure.dpi": 100,
}


class ReportError(OSError):
    """The report cannot be written to the requested directory; nothing there was touched."""


@dataclass(frozen=True)
class ReportSummary:
    """What :func:`write_report` wrote.

    Attributes
    ----------
    out_dir : pathlib.Path
        The report directory.
    files : tuple of str
        Names of the files written, relative to ``out_dir``, sorted.
    verdicts : Mapping[str, int]
        Number of claims per verdict (``consistent``, ``inconsistent``, ``not-checkable``).
    """

    out_dir: Path
    files: tuple[str, ...]
    verdicts: Mapping[str, int] = field(default_factory=dict)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Full paths of the files written."""
        return tuple(self.out_dir / name for name in self.files)

    def __str__(self) -> str:
        total = sum(self.verdicts.values())
        counts = ", ".join(f"{self.verdicts.get(v, 0)} {v.replace('-', ' ')}" for v in VERDICTS)
        return (f"wrote {len(self.files)} files to {self.out_dir}\n"
                f"{total} claims: {counts}")


# --------------------------------------------------------------------------------------------
# The output directory
# --------------------------------------------------------------------------------------------

def _read_manifest(out: Path) -> set[str] | None:
    """The file names an earlier report listed, or None when ``out`` holds no report manifest."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return None
    lines = manifest.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != _MANIFEST_HEADER:
        return None
    return set(lines[1:])


def _check_target(out: Path) -> None:
    """Refuse, before anything is written, a target the report may not replace."""
    if out.exists() and not out.is_dir():
        raise ReportError(f"out_dir {str(out)!r} exists and is not a directory")
    if out.is_dir():
        # every entry counts, directories too: replacing out_dir would delete them
        present = {p.relative_to(out).as_posix() for p in out.rglob("*")}
        present.discard(MANIFEST)
        listed = _read_manifest(out)
        foreign = sorted(present - (listed or set()))
        if foreign:
            shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
            raise ReportError(
                f"out_dir {str(out)!r} holds files the report did not write ({shown}); "
                f"choose an empty or new directory, or remove them")
        if not os.access(out, os.W_OK | os.X_OK):
            raise ReportError(f"out_dir {str(out)!r} is not writable")
    parent = out.parent
    existing = next((p for p in [parent, *parent.parents] if p.exists()), None)
    if existing is None or not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise ReportError(f"cannot write the report to {str(out)!r}: "
                          f"{str(existing or parent)!r} is not a writable directory")


def _swap_into_place(build: Path, out: Path) -> None:
    """Move the finished ``build`` directory to ``out``, replacing an earlier report."""
    if not out.exists():
        os.rename(build, out)
        return
    old = out.parent / f".{out.name}.old-{secrets.token_hex(6)}"
    os.rename(out, old)
    try:
        os.rename(build, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old)


# --------------------------------------------------------------------------------------------
# Data for the figures
# --------------------------------------------------------------------------------------------

def _count(value):
    """A claim's events: an int, or a mapping of printed components that add up to them."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return sum(value.values())
    return value


def _arms(claim):
    """[(label, events, n, percent text), (...)] of a two-proportions claim."""
    rows = []
    for arm in claim.get("arms"):
        percent = arm.get("percent")
        rows.append((arm.get("label"), _count(arm.get("events")), arm.get("n"),
                     None if percent is None else str(percent)))
    return rows


def _has_counts(claim) -> bool:
    return all(events is not None and n for _, events, n, _ in _arms(claim))


def _section(where: str) -> str:
    """The section of a claim's ``where``: "3.1 Regorafenib, paragraph 3" -> "3.1 Regorafenib"."""
    return where.split(",")[0].strip()


def _arst1321_sources(sources) -> list[str]:
    """Ids of the sources about the ARST1321 trial (by their id, title or note), sorted."""
    return sorted(s.id for s in sources.values()
                  if "arst1321" in " ".join(filter(None, (s.id, s.title, s.note))).lower())


def _figure_data():
    """Everything the figures need, from the bundled data: a dict of frames and claims."""
    import pandas as pd

    from ..claims.load import load_claims, load_sources, load_tables

    claims, sources, tables = load_claims(), load_sources(), load_tables()
    two_arm = [c for c in claims if c.kind == "two-proportions"]

    news = [c for c in two_arm if c.source == ARST1321_NEWS_SOURCE and _has_counts(c)]
    planned = [c.get("total") for c in claims if c.source == ARST1321_NEWS_SOURCE
               and c.kind == "breakdown" and "planned" in (c.label or "")]
    arst = set(_arst1321_sources(sources))
    adverse = [c for c in two_arm if c.source in arst and
               "response" not in f"{c.label} {c.where}".lower()]
    adverse_rows = [{"label": c.label,
                     "events1": a[1], "n1": a[2], "percent1": a[3],
                     "events2": b[1], "n2": b[2], "percent2": b[3],
                     "group": f"{c.source}: {c.where}"}
                    for c in adverse for a, b in [_arms(c)]]
    comparisons = [{"group": c.source, "label": f"{c.label}: {a[0]} vs {b[0]}",
                    "events1": a[1], "n1": a[2], "events2": b[1], "n2": b[2]}
                   for c in two_arm if _has_counts(c) for a, b in [_arms(c)]]
    single = [{"group": _section(c.where), "label": c.label, "events": _count(c.get("events")),
               "n": c.get("n")}
              for c in claims if c.source == REVIEW_SOURCE and c.kind == "proportion"
              and c.get("events") is not None and c.get("n")]
    table = tables.get(ANLOTINIB_TABLE)
    table_n = next((c.get("n") for c in claims
                    if c.kind == "table-percentages" and c.get("table") == ANLOTINIB_TABLE), None)
    return {
        "news": news[0] if news else None,
        "planned": planned[0] if planned else None,
        "adverse": pd.DataFrame(adverse_rows),
        "adverse_counts": pd.DataFrame([r for r in adverse_rows if None not in
                                        (r["events1"], r["n1"], r["events2"], r["n2"])]),
        "comparisons": pd.DataFrame(comparisons),
        "single": pd.DataFrame(single),
        "table": table,
        "table_n": table_n,
        "sources": sources,
    }


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Figure:
    stem: str
    title: str
    caption: str


_POWER_TESTS = {"Fisher": "fisher", "Boschloo": "boschloo", "Barnard": "barnard",
                "Chi-square": "chi2"}


def _power_figure(plots, save, claim, p1, p2, planned):
    """Exact power, at the observed rates, of 1:1 trials up to the planned size, per test."""
    import numpy as np

    from ..stats.power import power_curve

    half = planned // 2
    sizes = np.arange(5, half + 1, 5)
    curves = {name: power_curve(sizes, sizes, p1, p2, test=test)
              for name, test in _POWER_TESTS.items()}
    (_, k1, n1, _), (_, k2, n2, _) = _arms(claim)
    ax = plots.power_chart(curves, marks={f"planned: {half} per arm": half,
                                          f"interim: {n1} + {n2}": (n1 + n2) / 2},
                           xlabel="Patients per arm (1:1)",
                           title="ARST1321: exact power at the observed rates")
    save(ax.figure, "arst1321-power", "ARST1321: exact power",
         f"Exact power (two-sided, alpha 0.05, full enumeration of the tables) of 1:1 trials of "
         f"5 to {half} patients per arm, if the true rates were the observed {k1}/{n1} and "
         f"{k2}/{n2}; the planned enrolment was {planned} patients.")


def _draw_figures(data, verdicts, directory: Path, progress) -> list[_Figure]:
    """Draw and save every figure into ``directory``; return what was drawn, in report order."""
    from ..graphics import plots

    drawn = []

    def save(fig, stem, title, caption):
        # The plotting functions size their figures to fit every label: no bbox_inches="tight".
        fig.savefig(directory / f"{stem}.svg", format="svg", metadata={"Date": None})
        fig.savefig(directory / f"{stem}.png", format="png", dpi=_DPI, metadata={"Software": None})
        drawn.append(_Figure(stem, title, caption))
        if progress is not None:
            progress(f"figure {stem} (.svg, .png)")

    ax = plots.verdict_chart(verdicts, share=True, title="Verdicts by source")
    save(ax.figure, "verdicts", "Verdicts by source",
         "For each source, the share of its claims that are inconsistent, consistent or not "
         "checkable, with the counts.")

    claim = data["news"]
    if claim is not None:
        (label1, k1, n1, _), (label2, k2, n2, _) = _arms(claim)
        rates_ax, _ = plots.two_arm_figure(
            k1, n1, k2, n2, labels=(label1, label2), outcome=claim.label, measure="rd",
            method=_RD_METHOD, rate_method=_RATE_METHOD,
            title="ARST1321: pathological near-complete response by arm")
        save(rates_ax.figure, "arst1321-response", "ARST1321: near-complete response",
             f"{k1}/{n1} vs {k2}/{n2} ({claim.id}): each arm's rate with its Wilson 95% CI; the "
             f"risk difference with its Newcombe hybrid score 95% CI and the two-sided Fisher "
             f"exact p-value.")

        if data["planned"]:
            _power_figure(plots, save, claim, k1 / n1, k2 / n2, data["planned"])

    if not data["adverse"].empty:
        ax = plots.grade3_comparison_chart(
            data["adverse"], arms=("Pazopanib arm", "Control arm"), method=_RATE_METHOD,
            title="ARST1321: adverse events by arm")
        save(ax.figure, "arst1321-adverse-events", "ARST1321: adverse events by arm",
             "Adverse-event rates printed per arm by the ARST1321 sources, with Wilson 95% CIs "
             "where the counts are printed; percentages printed without counts are drawn "
             "without an interval.")
    if not data["adverse_counts"].empty:
        ax = plots.forest_plot(
            data["adverse_counts"], measure="rd", method=_RD_METHOD, arms=("Pazopanib", "Control"),
            label_header="Adverse event", favours=("fewer with pazopanib", "more with pazopanib"),
            title="ARST1321: adverse events, pazopanib vs control")
        save(ax.figure, "arst1321-adverse-events-forest",
             "ARST1321: adverse events, risk difference",
             "Risk difference (pazopanib minus control, percentage points) with the Newcombe "
             "hybrid score 95% CI, for every ARST1321 adverse event printed with counts in both "
             "arms.")

    if data["table"] is not None:
        ax = plots.toxicity_chart(data["table"].to_frame(), n=data["table_n"],
                                  title="Anlotinib + chemotherapy: toxicity by grade (Table 2)")
        save(ax.figure, "anlotinib-toxicity", "Anlotinib: toxicity by grade",
             f"Ni et al. 2024, Table 2: patients per grade as printed (percentages as printed); "
             f"each bar ends with the patients at any grade out of N = {data['table_n']}.")

    if not data["single"].empty:
        ax = plots.forest_plot(data["single"], method=_RATE_METHOD,
                               label_header="Rate (review section)",
                               title="Targeted-therapy review: single-arm rates with counts")
        save(ax.figure, "review-single-arm-rates", "Review: single-arm rates",
             "Every rate the targeted-therapy review prints with its counts, grouped by the "
             "review's section (drug or class), with Wilson 95% CIs; square area is proportional "
             "to n.")

    if not data["comparisons"].empty:
        ax = plots.forest_plot(data["comparisons"], measure="rd", method=_RD_METHOD,
                               label_header="Comparison",
                               title="Two-arm comparisons printed with counts")
        save(ax.figure, "two-arm-comparisons", "Two-arm comparisons",
             "Risk difference (arm 1 minus arm 2, percentage points) with the Newcombe hybrid "
             "score 95% CI, for every two-arm comparison printed with counts in both arms.")
    return drawn


# --------------------------------------------------------------------------------------------
# Text: HTML and Markdown
# --------------------------------------------------------------------------------------------

_KIND_NOTES = {
    "proportion": "the percentage against events/n under half-up, half-even and truncating "
                  "rounding; a printed CI against every proportion_ci method.",
    "percent-set": "every denominator from 1 to 1000 that makes all the percentages attainable, "
                   "and whether the stated N is among them.",
    "breakdown": "parts add up to the total (or do not exceed it); each percentage matches "
                 "count/total; percentages add to 100 within rounding.",
    "two-proportions": "each arm as a proportion; the p-value against Fisher, chi-square, "
                       "Barnard and Boschloo tests; the difference and its CI against the "
                       "risk-difference interval methods.",
    "hazard-ratio": "the HR is the geometric midpoint of its CI; a printed p against the Wald "
                    "p implied by the CI.",
    "median": "the unit is a time; the median lies inside its CI; a CI symmetric about the "
              "median suggests a normal-approximation SE.",
    "survival-rate": "the rate lies inside its CI; the transform on which the CI is symmetric; "
                     "the implied SE against the binomial SE.",
    "mean": "a mean of integers over n patients must be a fraction with denominator n.",
    "p-value": "recorded as printed; not checkable without the counts.",
    "table-count": "the rows of the printed table recounted against the text.",
    "table-percentages": "every count (percent) cell of the table against its N.",
    "table-total": "each row's counts added up against N.",
    "table-match": "the rows of one table against the rows of another.",
}


def _verdict_groups(verdicts):
    """[(source, rows)] sorted by source id; within a source inconsistent claims first."""
    order = {v: i for i, v in enumerate(VERDICTS)}
    groups = []
    for source in sorted(set(verdicts["source"])):
        rows = [r for _, r in verdicts[verdicts["source"] == source].iterrows()]
        rows.sort(key=lambda r: (order[r["verdict"]], r["id"]))
        groups.append((source, rows))
    return groups


def _methods_text(methods) -> str:
    if methods is None or isinstance(methods, float):
        return ""
    return ", ".join(str(m) for m in methods)


def _counts(verdicts) -> dict[str, int]:
    return {v: int((verdicts["verdict"] == v).sum()) for v in VERDICTS}


def _intro(verdicts, sources) -> tuple[str, str]:
    counts = _counts(verdicts)
    n_sources = verdicts["source"].nunique()
    summary = (f"{len(verdicts)} printed claims from {n_sources} sources: "
               f"{counts['inconsistent']} inconsistent, {counts['consistent']} consistent, "
               f"{counts['not-checkable']} not checkable.")
    about = (f"Generated by sarcoma_stats {__version__} (the command sarcoma-stats report) from "
             f"the numbers bundled with the package ({len(sources)} source documents). Every "
             f"figure and verdict below is recomputed from the printed counts; rerunning the "
             f"command reproduces this directory byte for byte.")
    return summary, about


_COMPARISON_HEADER = ("Comparison", "Arm 1", "Arm 2", "Risk difference, points (95% CI)",
                      "Risk ratio (95% CI)", "Fisher p (two-sided)")


def _comparison_table(comparisons) -> list[tuple[str, ...]]:
    """Each two-arm comparison printed with counts, as the statistics core computes it: the arm
    rates with Wilson intervals, the risk difference (Newcombe) and ratio (Koopman) with their
    intervals, and Fisher's two-sided p as R's fisher.test defines it."""
    from ..stats.comparisons import compare_proportions
    from ..stats.hypotests import fisher_exact
    from ..stats.proportions import proportion_ci

    def arm(k, n):
        ci = proportion_ci(k, n, method=_RATE_METHOD)
        return f"{k}/{n}: {100 * ci.estimate:.1f}% ({100 * ci.low:.1f} to {100 * ci.high:.1f})"

    def interval(res, scale, digits):
        values = [scale * v for v in (res.estimate, res.low, res.high)]
        return "{:.{d}f} ({:.{d}f} to {:.{d}f})".format(*values, d=digits)

    rows = []
    for r in comparisons.itertuples(index=False):
        k1, n1, k2, n2 = int(r.events1), int(r.n1), int(r.events2), int(r.n2)
        rd = compare_proportions(k1, n1, k2, n2, measure="rd", method=_RD_METHOD)
        rr = compare_proportions(k1, n1, k2, n2, measure="rr", method=_RR_METHOD)
        p = fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue
        rows.append((f"{r.group}: {r.label}", arm(k1, n1), arm(k2, n2), interval(rd, 100, 1),
                     interval(rr, 1, 2), f"{p:.4f}"))
    return rows


_CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 72rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #222; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-bottom: 1.5rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
.inconsistent { color: #b34700; font-weight: bold; }
.consistent { color: #00765a; }
.not-checkable { color: #666; }
blockquote { margin: 0; font-style: italic; }
code { font-size: 0.85em; }
""".strip()


def _html(figures, verdicts, sources, comparisons) -> str:
    esc = html.escape
    summary, about = _intro(verdicts, sources)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>sarcoma_stats: reanalysis of printed numbers</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<h1>Soft tissue sarcoma reports: printed numbers recomputed</h1>",
        f"<p><strong>{esc(summary)}</strong></p>",
        f"<p>{esc(about)}</p>",
        "<h2 id=\"figures\">Figures</h2>",
    ]
    for fig in figures:
        parts += [
            f'<figure id="{fig.stem}">',
            f'<img src="{fig.stem}.svg" alt="{esc(fig.title)}">',
            f"<figcaption><strong>{esc(fig.title)}.</strong> {esc(fig.caption)} "
            f'(<a href="{fig.stem}.svg">SVG</a>, <a href="{fig.stem}.png">PNG</a>)</figcaption>',
            "</figure>",
        ]
    if comparisons:
        parts.append('<h2 id="comparisons">Two-arm comparisons, recomputed</h2>')
        parts.append("<p>Every comparison printed with counts in both arms: the rates with Wilson "
                     "95% intervals, the risk difference (Newcombe hybrid score) and risk ratio "
                     "(Koopman score) with 95% intervals, and the two-sided Fisher exact p-value "
                     "as R's <code>fisher.test</code> defines it.</p>")
        parts.append("<table>")
        parts.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in _COMPARISON_HEADER) + "</tr>")
        for row in comparisons:
            parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    parts.append('<h2 id="verdicts">Verdicts by source</h2>')
    parts.append("<p>Inconsistent claims first within each source. "
                 "<em>Methods</em> are the methods and roundings that reproduce the printed "
                 "values.</p>")
    for source, rows in _verdict_groups(verdicts):
        title = sources[source].title if source in sources else source
        parts.append(f'<h3 id="source-{esc(source)}">{esc(source)}</h3>')
        parts.append(f"<p>{esc(title)}</p>")
        parts.append("<table>")
        parts.append("<tr><th>Claim</th><th>Where</th><th>Quote</th><th>Kind</th>"
                     "<th>Verdict</th><th>Explanation</th><th>Methods</th></tr>")
        for r in rows:
            parts.append(
                f'<tr><td><code>{esc(str(r["id"]))}</code></td><td>{esc(str(r["where"]))}</td>'
                f'<td><blockquote>{esc(str(r["quote"]))}</blockquote></td>'
                f'<td><a href="#kind-{esc(str(r["kind"]))}">{esc(str(r["kind"]))}</a></td>'
                f'<td class="{esc(str(r["verdict"]))}">{esc(str(r["verdict"]))}</td>'
                f'<td>{esc(str(r["explanation"]))}</td>'
                f'<td>{esc(_methods_text(r["methods"]))}</td></tr>')
        parts.append("</table>")
    parts.append('<h2 id="methods">Methods</h2>')
    rules = "<code>docs/verification.md</code> of the sarcoma_stats documentation"
    parts.append(f"<p>The full verification rules are in {rules}. In short, per kind of claim:</p>")
    parts.append("<ul>")
    for kind in sorted(set(verdicts["kind"])):
        note = _KIND_NOTES.get(kind, "see the verification rules.")
        parts.append(f'<li id="kind-{esc(kind)}"><code>{esc(kind)}</code>: {esc(note)}</li>')
    parts.append("</ul>")
    parts.append("<p>Figures: proportions with Wilson score intervals; risk differences with "
                 "Newcombe's hybrid score interval; p-values from the two-sided Fisher exact test "
                 "as R's <code>fisher.test</code> defines it. Forest charts follow Lewis &amp; "
                 "Clarke, BMJ 2001;322:1479.</p>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _md_cell(text) -> str:
    return re.sub(r"\s+", " ", str(text)).replace("|", "\\|")


def _markdown(figures, verdicts, sources, comparisons) -> str:
    summary, about = _intro(verdicts, sources)
    lines = ["# Soft tissue sarcoma reports: printed numbers recomputed", "",
             f"**{summary}**", "", about, "", "## Figures", ""]
    for fig in figures:
        lines += [f"![{fig.title}]({fig.stem}.png)", "",
                  f"*{fig.title}.* {fig.caption} ([SVG]({fig.stem}.svg), [PNG]({fig.stem}.png))",
                  ""]
    if comparisons:
        lines += ["## Two-arm comparisons, recomputed", "",
                  "Every comparison printed with counts in both arms: the rates with Wilson 95% "
                  "intervals, the risk difference (Newcombe hybrid score) and risk ratio (Koopman "
                  "score) with 95% intervals, and the two-sided Fisher exact p-value as R's "
                  "`fisher.test` defines it.", "",
                  "| " + " | ".join(_COMPARISON_HEADER) + " |",
                  "|" + "---|" * len(_COMPARISON_HEADER)]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in comparisons]
        lines.append("")
    lines += ["## Verdicts by source", "",
              "Inconsistent claims first within each source. *Methods* are the methods and "
              "roundings that reproduce the printed values.", ""]
    for source, rows in _verdict_groups(verdicts):
        title = sources[source].title if source in sources else source
        lines += [f"### {source}", "", _md_cell(title), "",
                  "| Claim | Where | Quote | Kind | Verdict | Explanation | Methods |",
                  "|---|---|---|---|---|---|---|"]
        for r in rows:
            verdict = f"**{r['verdict']}**" if r["verdict"] == "inconsistent" else r["verdict"]
            lines.append(
                f"| `{_md_cell(r['id'])}` | {_md_cell(r['where'])} | {_md_cell(r['quote'])} | "
                f"{_md_cell(r['kind'])} | {verdict} | {_md_cell(r['explanation'])} | "
                f"{_md_cell(_methods_text(r['methods']))} |")
        lines.append("")
    rules = "`docs/verification.md` of the sarcoma_stats documentation"
    lines += ["## Methods", "", f"The full verification rules are in {rules}. In short, per kind "
              "of claim:", ""]
    for kind in sorted(set(verdicts["kind"])):
        lines.append(f"- `{kind}`: {_KIND_NOTES.get(kind, 'see the verification rules.')}")
    lines += ["", "Figures: proportions with Wilson score intervals; risk differences with "
              "Newcombe's hybrid score interval; p-values from the two-sided Fisher exact test as "
              "R's `fisher.test` defines it. Forest charts follow Lewis & Clarke, BMJ "
              "2001;322:1479.", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------

def write_report(out_dir="report", progress: Callable[[str], None] | None = None) -> ReportSummary:
    """Write every figure (SVG and PNG) and the verdict report (HTML and Markdown).

    Parameters
    ----------
    out_dir : str or os.PathLike
        The report directory (default ``./report``). It is created if missing; an earlier
        report there is replaced.
    progress : callable, optional
        Called with a short message (a str) after each step, e.g. to print progress.

    Returns
    -------
    ReportSummary
        The directory, the files written and the number of claims per verdict. ``str()`` of
        it is a two-line summary.

    Raises
    ------
    TypeError
        If ``progress`` is neither None nor callable.
    ReportError
        (an ``OSError``) if ``out_dir`` is not a directory, is not writable, or holds files
        the report did not write. Nothing in ``out_dir`` is touched then.
    DataError
        If the bundled data are malformed.

    Notes
    -----
    Files written, beside each other: for each figure ``<name>.svg`` and ``<name>.png``
    (200 dpi); ``report.html`` (figures linked as the SVG files beside it; the verdict table
    grouped by source, inconsistent claims first; every two-arm comparison printed with counts,
    recomputed: rates, risk difference and ratio with intervals, Fisher's p; method notes),
    ``report.md`` (the same with
    the PNGs) and the manifest ``.sarcoma-stats-report`` listing them. The figures are:

    - ``verdicts``: claims per source and verdict (:func:`~sarcoma_stats.verdict_chart`);
    - ``arst1321-response``: near-complete pathological response per arm in the ARST1321 news
      report, with the difference and Fisher's p (:func:`~sarcoma_stats.two_arm_figure`);
    - ``arst1321-power``: exact power of Fisher, Boschloo, Barnard and chi-square tests at the
      observed rates, up to the planned size (:func:`~sarcoma_stats.power_chart`);
    - ``arst1321-adverse-events``: adverse-event rates per arm printed by the ARST1321 sources
      (:func:`~sarcoma_stats.grade3_comparison_chart`) and
      ``arst1321-adverse-events-forest``: their risk differences where counts are printed;
    - ``anlotinib-toxicity``: Ni et al. 2024 Table 2 by grade
      (:func:`~sarcoma_stats.toxicity_chart`);
    - ``review-single-arm-rates``: every rate with counts in the targeted-therapy review, grouped by
      section (:func:`~sarcoma_stats.forest_plot`);
    - ``two-arm-comparisons``: every two-arm comparison printed with counts (risk differences).

    Safety: the report is built in a hidden temporary directory beside ``out_dir`` and moved
    into place only when complete, so an interrupted run leaves the earlier report intact. A
    directory is recognised as an earlier report by its manifest; a directory holding any
    file not listed there is refused. Determinism: figures are drawn with fixed style settings
    (matplotlib's default style, DejaVu Sans, a fixed SVG hash salt) inside
    ``matplotlib.rc_context``, without dates or software versions in the SVG and PNG metadata,
    and everything is iterated in sorted order, so reruns are byte-identical.

    References
    ----------
    .. [1] Lewis S, Clarke M. Forest plots: trying to see the wood and the trees. BMJ 2001;
       322:1479-1480.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sarcoma_stats import write_report
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     summary = write_report(pathlib.Path(tmp) / "report")
    ...     print(summary.files[:3])
    ('anlotinib-toxicity.png', 'anlotinib-toxicity.svg', 'arst1321-adverse-events-forest.png')
    >>> sum(summary.verdicts.values()) > 0
    True
    """
    import matplotlib
    import matplotlib.style

    from ..claims.verify import verify_claims

    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable taking a message, or None; got {progress!r}")
    out = Path(out_dir).resolve()
    _check_target(out)
    verdicts = verify_claims().sort_values(["source", "id"]).reset_index(drop=True)
    if progress is not None:
        progress(f"verified {len(verdicts)} claims")
    data = _figure_data()

    out.parent.mkdir(parents=True, exist_ok=True)
    build = out.parent / f".{out.name}.partial-{secrets.token_hex(6)}"
    try:
        build.mkdir()
    except OSError as exc:
        raise ReportError(f"cannot write the report next to {str(out)!r}: {exc}") from exc
    try:
        with matplotlib.style.context("default"), matplotlib.rc_context(_RC):
            figures = _draw_figures(data, verdicts, build, progress)
        comparisons = (_comparison_table(data["comparisons"])
                       if not data["comparisons"].empty else [])
        (build / "report.html").write_text(_html(figures, verdicts, data["sources"], comparisons),
                                           encoding="utf-8")
        (build / "report.md").write_text(_markdown(figures, verdicts, data["sources"], comparisons),
                                         encoding="utf-8")
        files = sorted(p.name for p in build.iterdir())
        (build / MANIFEST).write_text("\n".join([_MANIFEST_HEADER, *files]) + "\n",
                                      encoding="utf-8")
        if progress is not None:
            progress("report.html, report.md")
        _swap_into_place(build, out)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return ReportSummary(out_dir=out, files=tuple(files), verdicts=_counts(verdicts))

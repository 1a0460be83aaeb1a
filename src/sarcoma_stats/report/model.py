"""What ``sarcoma-stats verify`` prints and what the report says, built once as document blocks.

:func:`verify_document` is the verdict listing (summary first, most severe verdicts first);
:func:`report_document` is the report: summary, what is wrong, figures, the two-arm comparisons
recomputed, the verdicts per source, the methods. :mod:`.render` turns either into text, HTML or
Markdown. A verdict frame may carry ``components`` (one dict per printed number: ``quote``,
``printed``, ``verdict``, ``explanation``, ``trivial``): they are shown where present.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .. import __version__
from ..claims.verdict import VERDICTS
from ..graphics.text import interval, percent_decimals
from . import select as sel
from .document import Entry, Figure, Heading, Items, Paragraph, Span, Table, slug, spans

TITLE = "Printed numbers recomputed"
_CELL_LIMIT = 240  # characters of an explanation in the summary table


def verdict_order(frame) -> tuple[str, ...]:
    """Every verdict, most severe first (any verdict unknown here comes last)."""
    extra = sorted(set(map(str, frame["verdict"])) - set(VERDICTS))
    return tuple(VERDICTS) + tuple(extra)


def severe() -> tuple[str, ...]:
    """The verdicts a reader must act on: those more severe than "consistent"."""
    return tuple(VERDICTS[:list(VERDICTS).index("consistent")])


def _name(verdict) -> str:
    return str(verdict).replace("-", " ")


def _counts(frame, order):
    values = list(map(str, frame["verdict"]))
    return {v: values.count(v) for v in order}


def _cut(text, limit):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _components(row) -> list[Mapping]:
    value = row["components"] if "components" in row.index else None
    return [c for c in value if isinstance(c, Mapping)] if isinstance(value, (list, tuple)) else []


def _methods(row) -> str:
    value = row["methods"]
    return ", ".join(map(str, value)) if isinstance(value, (list, tuple)) or hasattr(
        value, "__array__") else ""


# --------------------------------------------------------------------------------------------
# Shared: the summary
# --------------------------------------------------------------------------------------------

def summary_sentence(frame) -> tuple[Span, ...]:
    """ "267 claims from 9 sources: 15 inconsistent, ..., 100 not checkable." """
    order = verdict_order(frame)
    counts = _counts(frame, order)
    n_sources = frame["source"].nunique()
    shown = [v for v in order if v in VERDICTS or counts[v]]
    return spans(Span(f"{len(frame)} claim{'s' * (len(frame) != 1)} from {n_sources} "
                      f"source{'s' * (n_sources != 1)}: "
                      + ", ".join(f"{counts[v]} {_name(v)}" for v in shown) + ".", "strong"))


def source_table(frame, names=None, links=False) -> Table:
    """Claims per source and verdict, in data order, with a total row."""
    order = [v for v in verdict_order(frame) if v in VERDICTS or (frame["verdict"] == v).any()]
    rows = []
    for source in dict.fromkeys(frame["source"]):
        part = frame[frame["source"] == source]
        counts = _counts(part, order)
        name = names.get(source, source) if names else source
        label = Span(name, href=f"#{slug(name)}") if links else Span(name)
        rows.append(((label,), (Span(str(len(part))),),
                     *((Span(str(counts[v])),) for v in order)))
    total = _counts(frame, order)
    rows.append(((Span("All sources", "strong"),), (Span(str(len(frame))),),
                 *((Span(str(total[v])),) for v in order)))
    return Table(("Source", "Claims", *(_name(v).capitalize() for v in order)), tuple(rows))


# --------------------------------------------------------------------------------------------
# sarcoma-stats verify
# --------------------------------------------------------------------------------------------

def _entry(row) -> Entry:
    verdict = str(row["verdict"])
    lines = [spans(f'"{_cut(row["quote"], 200)}"'), spans(f"-> {row['explanation']}")]
    if _methods(row):
        lines.append(spans(f"methods: {_methods(row)}"))
    for component in _components(row):
        if not component.get("trivial"):
            lines.append(spans(f"· {component.get('printed', '')} [{_name(component.get('verdict'))}]"
                               f" {component.get('explanation', '')}"))
    head = spans("  ", Span(_name(verdict).upper(), "strong", verdict=verdict), "  ",
                 Span(str(row["id"]), "code"), f"  [{row['kind']}]  {row['source']}, {row['where']}")
    return Entry(head, tuple(lines), anchor=f"claim-{row['id']}")


def verify_document(frame, verdicts=None, summary=False) -> tuple:
    """The verdict listing: summary line, claims per source and verdict, then the claims.

    Claims are listed verdict by verdict, most severe first (only ``verdicts`` when given),
    in data order within a verdict.
    """
    blocks = [Paragraph(summary_sentence(frame)), source_table(frame)]
    if summary:
        return tuple(blocks)
    for verdict in verdict_order(frame):
        if verdicts is not None and verdict not in verdicts:
            continue
        part = frame[frame["verdict"] == verdict]
        if part.empty:
            continue
        blocks.append(Heading(2, spans(f"{_name(verdict).capitalize()} ({len(part)})")))
        blocks += [_entry(row) for _, row in part.iterrows()]
    return tuple(blocks)


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

def _wrong_rows(frame, names):
    """One row per claim a reader must act on: where, what is printed, what the counts give."""
    rows, printed_column = [], "components" in frame.columns
    for _, row in frame.iterrows():
        verdict = str(row["verdict"])
        if verdict not in severe():
            continue
        cells = [(Span(names.get(row["source"], row["source"])),),
                 (Span(_cut(row["quote"], 160), "em"),)]
        if printed_column:  # the printed numbers behind the verdict
            printed = [str(c.get("printed", "")) for c in _components(row)
                       if str(c.get("verdict")) in severe()]
            cells.append((Span(", ".join(dict.fromkeys(printed))),))
        cells += [spans(Span(_name(verdict), "strong", verdict=verdict), ": ",
                        _cut(row["explanation"], _CELL_LIMIT)),
                  (Span(str(row["id"]), "code", href=f"#claim-{row['id']}"),)]
        rows.append(tuple(cells))
    header = ("Source", "Printed (quote)", *(("Printed values",) if printed_column else ()),
              "What the counts give, and what would make it right", "Claim")
    return Table(header, tuple(rows))


def _figure_block(figure) -> Figure:
    return Figure(figure.stem, figure.title, spans(figure.caption),
                  vector=f"{figure.stem}-{figure.shown}.svg",
                  raster=f"{figure.stem}-{figure.shown}.png",
                  files=tuple((_file_label(name), name) for name in figure.files))


def _file_label(name) -> str:
    """ "x-1col.svg" -> "SVG, 1 column"."""
    stem, ext = name.rsplit(".", 1)
    columns = stem.rsplit("-", 1)[-1].removesuffix("col")
    return f"{ext.upper()}, {columns} column{'s' * (columns != '1')}"


# Two-arm comparisons ---------------------------------------------------------------------------

def _pick(summary, quantity, measure, method):
    rows = summary[(summary["quantity"] == quantity) & (summary["measure"] == measure)
                   & (summary["method"] == method)]
    return rows.iloc[0]


def _p_text(p) -> str:
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"


def _disagreement(rd, rr, fisher, odds, boschloo, alpha=0.05):
    """Why an interval and Fisher's test disagree about "no effect", or ""."""
    excludes = (rd["low"] > 0 or rd["high"] < 0) or (rr["low"] > 1 or rr["high"] < 1)
    rejects = fisher["pvalue"] < alpha
    if excludes == rejects:
        return ""
    odds_ci = f"{odds['low']:.2f} to {odds['high']:.2f}"
    if excludes:
        return (f"The risk difference and ratio intervals exclude no effect, yet Fisher's "
                f"p = {fisher['pvalue']:.4f}: different methods. Fisher's test conditions on "
                f"both margins and is conservative with counts this small; the interval that "
                f"matches it, the conditional exact odds ratio interval ({odds_ci}), includes "
                f"1, while the unconditional Boschloo test gives p = {boschloo['pvalue']:.4f}.")
    return (f"Fisher's p = {fisher['pvalue']:.4f} rejects no effect, yet the risk difference "
            f"or ratio interval includes it: different methods (the conditional exact odds "
            f"ratio interval, {odds_ci}, agrees with Fisher's test).")


def comparison_table(comparisons, names) -> Table:
    """Each distinct two-arm comparison printed with counts, as :func:`two_by_two_summary`
    computes it: arm rates (Wilson), risk difference (Newcombe), risk ratio (Koopman),
    Fisher's two-sided p; a note where an interval and the test disagree."""
    from ..stats.comparisons import two_by_two_summary

    rows = []
    for claim, printing in comparisons:
        a, b = sel.arms(claim)
        summary = two_by_two_summary(a.events, a.n, b.events, b.n)
        digits = percent_decimals(max(a.n, b.n))
        arm_cells = []
        for quantity, arm in (("arm 1", a), ("arm 2", b)):
            rate = _pick(summary, quantity, "proportion", "wilson")
            arm_cells.append(spans(f"{sel.readable(arm.label)}: {arm.events}/{arm.n}, "
                                   + interval(100 * rate["estimate"], 100 * rate["low"],
                                              100 * rate["high"], percent_decimals(arm.n))
                                   + "%"))
        rd = _pick(summary, "comparison", "rd", "newcombe")
        rr = _pick(summary, "comparison", "rr", "koopman")
        fisher = _pick(summary, "test", "fisher", "two-sided")
        note = _disagreement(rd, rr, fisher, _pick(summary, "comparison", "or",
                                                   "conditional-exact"),
                             _pick(summary, "test", "boschloo", "two-sided"))
        ratio = "not estimable" if not math.isfinite(rr["estimate"]) else \
            interval(rr["estimate"], rr["low"], rr["high"], 2)
        sources = "; ".join(dict.fromkeys(names[c.source] for c in printing))
        rows.append((spans(f"{sel.sentence(claim.label)} ({sel.comparison_group(claim).lower()}; "
                           f"{sources})"), *arm_cells,
                     spans(interval(100 * rd["estimate"], 100 * rd["low"], 100 * rd["high"],
                                    digits)),
                     spans(ratio), spans(_p_text(fisher["pvalue"])), spans(note)))
    return Table(("Comparison", "First arm, n/N, % (95% CI)", "Second arm, n/N, % (95% CI)",
                  "Risk difference, points (95% CI)", "Risk ratio (95% CI)",
                  "Fisher p (two-sided)", "Note"), tuple(rows))


# Per source ------------------------------------------------------------------------------------

def _citation(source) -> tuple[Span, ...]:
    parts = [source.title]
    parts += [x for x in (source.authors, source.publisher) if x]
    if source.year:
        parts.append(str(source.year))
    line = [". ".join(p.rstrip(".") for p in parts) + ". "]
    link = f"https://doi.org/{source.doi}" if source.doi else source.url
    if link:
        line.append(Span(f"doi:{source.doi}" if source.doi else source.url, href=link))
        line.append(". ")
    line += ["Source id: ", Span(source.id, "code"), "."]
    return spans(*line)


def _claims_table(part) -> Table:
    rows, anchors = [], []
    for _, row in part.iterrows():
        verdict = str(row["verdict"])
        explanation = [str(row["explanation"])]
        explanation += [f" · {c.get('printed', '')}: {_name(c.get('verdict'))}, "
                        f"{c.get('explanation', '')}" for c in _components(row)
                        if not c.get("trivial") and len(_components(row)) > 1]
        rows.append(((Span(str(row["id"]), "code"),), spans(str(row["where"])),
                     (Span(" ".join(str(row["quote"]).split()), "em"),),
                     (Span(_name(verdict), "strong" if verdict in severe() else "",
                           verdict=verdict),),
                     spans("".join(explanation)), spans(_methods(row))))
        anchors.append(f"claim-{row['id']}")
    return Table(("Claim", "Where", "Quote", "Verdict", "Explanation", "Methods"), tuple(rows),
                 tuple(anchors))


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


def _source_links(source_ids, names) -> tuple[Span, ...]:
    links = [Span(names[s], href=f"#{slug(names[s])}") for s in source_ids]
    return spans("Sources: ", *[part for link in links for part in (link, ", ")][:-1])


def report_document(frame, sources, figures, comparisons) -> tuple:
    """The report's blocks: summary and contents, what is wrong, figures, comparisons,
    verdicts per source, methods."""
    names = {s: s for s in frame["source"]} | sel.source_names(sources)
    severe_rows = frame[frame["verdict"].isin(severe())]
    source_ids = list(dict.fromkeys(frame["source"]))
    sections = [("What is wrong", "what-is-wrong"), ("Figures", "figures"),
                ("Two-arm comparisons, recomputed", "two-arm-comparisons-recomputed"),
                ("Verdicts by source", "verdicts-by-source"), ("Methods", "methods")]
    if not comparisons:
        sections.pop(2)
    blocks = [
        Paragraph(summary_sentence(frame)),
        Paragraph(spans(
            f"Generated by sarcoma_stats {__version__} (the command sarcoma-stats report). "
            f"Every verdict and figure is recomputed from the numbers the sources print "
            f"({len(sources)} source documents); rerunning the command reproduces these files "
            f"byte for byte.")),
        Heading(2, spans("Contents"), "contents"),
        Items(tuple(spans(Span(title, href=f"#{anchor}")) for title, anchor in sections)
              + (_source_links(source_ids, names),)),
        Heading(2, spans("What is wrong"), "what-is-wrong"),
        Paragraph(spans(
            f"{len(severe_rows)} claim{'s' * (len(severe_rows) != 1)} cannot be reproduced "
            f"from the "
            f"numbers printed with them. Each row gives the source, what it prints, what its "
            f"counts give instead and, where the numbers allow, what would make it right. "
            f"A finding says that printed numbers disagree, not which one is wrong.")),
        _wrong_rows(frame, names) if len(severe_rows) else
        Paragraph(spans("Every checkable claim is consistent.")),
        Heading(2, spans("Figures"), "figures"),
        *(_figure_block(f) for f in figures),
    ]
    if comparisons:
        blocks += [
            Heading(2, spans("Two-arm comparisons, recomputed"),
                    "two-arm-comparisons-recomputed"),
            Paragraph(spans(
                "Every two-arm comparison printed with counts in both arms, once (two sources "
                "of one study printing the same counts are one row): each arm's rate with its "
                "Wilson 95% interval, the risk difference (Newcombe hybrid score) and risk ratio "
                "(Koopman score) with 95% intervals, and the two-sided Fisher exact p-value as "
                "R's ", Span("fisher.test", "code"), " defines it. The note says why an "
                "interval and the test disagree when they do.")),
            comparison_table(comparisons, names)]
    blocks += [Heading(2, spans("Verdicts by source"), "verdicts-by-source"),
               source_table(frame, names, links=True)]
    for source_id in source_ids:
        part = frame[frame["source"] == source_id]
        order = {v: i for i, v in enumerate(verdict_order(frame))}
        part = part.assign(_o=part["verdict"].map(order)).sort_values("_o", kind="stable")
        blocks.append(Heading(3, spans(names[source_id]), slug(names[source_id])))
        if source_id in sources:
            blocks.append(Paragraph(_citation(sources[source_id])))
        blocks.append(_claims_table(part))
    blocks += [
        Heading(2, spans("Methods"), "methods"),
        Paragraph(spans("The verification rules, with worked examples, are in ",
                        Span("docs/verification.md", "code"),
                        " of the sarcoma_stats documentation. In short, per kind of claim:")),
        Items(tuple(spans(Span(kind, "code"), f": {_KIND_NOTES.get(kind, 'see the rules.')}")
                    for kind in sorted(set(frame["kind"])))),
        Paragraph(spans(
            "Figures and tables: proportions with the Wilson score interval unless a printed "
            "interval is reproduced by another method (the caption says which); risk "
            "differences with Newcombe's hybrid score interval; risk ratios with Koopman's "
            "score interval; p-values from the two-sided Fisher exact test as R's ",
            Span("fisher.test", "code"), " defines it. Percentages carry the decimals their "
            "counts justify (none under 100 patients). Forest charts follow Lewis & Clarke, BMJ "
            "2001;322:1479: square area proportional to the patients, ratios on a log axis.")),
    ]
    return tuple(blocks)

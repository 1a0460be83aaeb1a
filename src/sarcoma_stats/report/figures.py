"""The report's figures, as a declarative list: stem, title, caption, which claims, which chart.

Each :class:`FigureSpec` names the claims it draws by their tags or kind (see
:mod:`.select`), never by source id, and a chart builder that turns them into a matplotlib Figure
at a given width plus the facts its title and caption need. :func:`draw_figures` draws every
figure at one and two journal columns and saves each as SVG, PDF and PNG. Every number drawn is
computed by the statistics functions (through the graphics functions), from the printed counts.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from . import select as sel
from .document import VERDICT_COLORS

WIDTHS = {"1col": (3.5, 7.0), "2col": (7.0, 8.0)}  # name -> (inches, font size in points)
RATE_METHOD = "wilson"  # the usual interval of a rate when no printed interval says otherwise
RD_METHOD = "newcombe"
ALPHA = 0.05
POWER_TESTS = {"Fisher": "fisher", "Boschloo": "boschloo", "Barnard": "barnard",
               "Chi-square": "chi2"}


@dataclass(frozen=True)
class Context:
    """What every chart builder may use: the data, the verdicts and how to show them."""

    sources: dict
    claims: tuple
    tables: dict
    verdicts: pd.DataFrame  # indexed by claim id
    names: dict  # source id -> readable name
    order: tuple  # every verdict, most severe first

    def verdict(self, claim) -> str:
        return str(self.verdicts.at[claim.id, "verdict"])

    def methods(self, claim) -> list:
        return list(self.verdicts.at[claim.id, "methods"])

    def sources_of(self, claims) -> str:
        return "; ".join(dict.fromkeys(self.names[c.source] for c in claims))


@dataclass(frozen=True)
class Drawn:
    """A chart builder's result: the figure and the facts its title and caption use."""

    figure: object
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the report.

    ``select(ctx)`` returns the claims it draws (an empty list: the figure is left out);
    ``chart(ctx, claims, width, fontsize)`` draws them. ``title`` and ``caption`` are format
    strings filled with the chart's facts. ``each_study``: one figure per study among the
    selected claims (stem ``<stem>-<study>``). ``shown``: the width the report embeds.
    """

    stem: str
    title: str
    caption: str
    select: Callable
    chart: Callable
    each_study: bool = False
    shown: str = "2col"


@dataclass(frozen=True)
class FigureFile:
    """A figure as written: its stem, title and caption (filled in) and its files."""

    stem: str
    title: str
    caption: str
    shown: str
    files: tuple[str, ...]
    claims: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Chart builders
# --------------------------------------------------------------------------------------------

def _verdicts(ctx, claims, width, fontsize):
    from ..graphics.bars import verdict_chart

    frame = ctx.verdicts.assign(name=ctx.verdicts["source"].map(ctx.names))
    ax = verdict_chart(frame, source="name", order=ctx.order, colors=VERDICT_COLORS, share=True,
                       width=width, fontsize=fontsize)
    counts = Counter(frame["verdict"])
    return Drawn(ax.figure, {"claims": len(frame), "sources": frame["source"].nunique(),
                             "counts": ", ".join(f"{counts.get(v, 0)} {v.replace('-', ' ')}"
                                                 for v in ctx.order)})


def _interval_method(methods, known):
    """The first of a claim's reproducing methods that is an interval method in ``known``."""
    return next((m for m in methods if m in known), None)


def _rate_row(ctx, claim, label, k, n, percent, ci, level):
    """A printed rate beside its recomputation from k/n (interval by the reproducing method)."""
    from ..stats.proportions import proportion_ci
    from ..stats.proportions import METHODS

    method = _interval_method(ctx.methods(claim), METHODS) if ci else None
    result = proportion_ci(k, n, method=method or RATE_METHOD,
                           confidence=sel.printed_level(level))
    row = {"label": label, "note": f"{k}/{n}", "verdict": ctx.verdict(claim),
           "printed": sel.as_float(percent), "decimals": percent.decimals,
           "recomputed": 100 * float(result.estimate)}
    if ci:
        row.update(printed_low=sel.as_float(ci[0]), printed_high=sel.as_float(ci[1]),
                   recomputed_low=100 * float(result.low), recomputed_high=100 * float(result.high),
                   method=result.method, reproduced=method is not None)
    return row


def _difference_row(ctx, claim, label):
    """A printed difference of two rates beside the one recomputed from the counts."""
    from ..stats.comparisons import compare_proportions
    from ..stats.comparisons import COMPARISON_METHODS

    a, b = sel.arms(claim)
    printed, ci = claim.get("difference"), claim.get("difference_ci")
    values = [v for v in (printed, *(ci or ())) if v is not None and v.is_number]
    # a printed difference without a minus sign may be the larger rate minus the smaller
    if not any(v.value < 0 for v in values) and a.events / a.n < b.events / b.n:
        a, b = b, a
    known = [f"rd-{m}" for m in COMPARISON_METHODS["rd"]]
    found = _interval_method(ctx.methods(claim), known)
    method = found[3:] if found else RD_METHOD
    result = compare_proportions(a.events, a.n, b.events, b.n, measure="rd", method=method,
                                 confidence=sel.printed_level(claim.get("difference_ci_level")))
    row = {"label": f"{label}: difference, points",
           "note": f"{a.events}/{a.n} − {b.events}/{b.n}", "verdict": ctx.verdict(claim),
           "printed": sel.as_float(printed), "recomputed": 100 * float(result.estimate),
           "decimals": printed.decimals if printed is not None else 1}
    if ci:
        row.update(printed_low=sel.as_float(ci[0]), printed_high=sel.as_float(ci[1]),
                   recomputed_low=100 * float(result.low), recomputed_high=100 * float(result.high),
                   method=method, reproduced=found is not None)
    return row


def _checked_rates(ctx):
    """Every printed rate or difference with the counts to recompute it (rows of the chart).

    The same printed numbers from two sources of one study are one row (the label names the
    other sources).
    """
    rows: dict = {}
    for claim in ctx.claims:
        label = sel.sentence(claim.label or claim.quote)
        found = []  # (what is compared, row)
        if claim.kind == "proportion" and claim.get("percent") is not None:
            k, n = sel.count(claim.get("events")), claim.get("n")
            if k is not None and n:
                found.append(((k, n), _rate_row(ctx, claim, label, k, n, claim.get("percent"),
                                                 claim.get("ci"), claim.get("ci_level"))))
        elif claim.kind == "two-proportions" and sel.has_counts(claim):
            for arm in sel.arms(claim):
                if arm.percent is not None:
                    found.append(((arm.events, arm.n), _rate_row(
                        ctx, claim, f"{label}: {sel.readable(arm.label)}", arm.events, arm.n,
                        arm.percent, None, None)))
            if claim.get("difference") is not None or claim.get("difference_ci") is not None:
                found.append((sel.counts_key(claim), _difference_row(ctx, claim, label)))
        for counts, row in found:
            # the same numbers printed by another source about the same study: the same row
            key = (sel.study(claim), counts, row["printed"], row.get("printed_low"),
                   row.get("printed_high"))
            same = [r for r in rows.get(key, []) if claim.source not in r["sources"]]
            if same:
                same[0]["sources"].append(claim.source)
            else:
                rows.setdefault(key, []).append(dict(row, group=ctx.names[claim.source],
                                                     claim=claim.id, sources=[claim.source]))
    return [dict(row, label=row["label"] + "".join(f"; also {ctx.names[s]}" for s in
                                                   row.pop("sources")[1:]))
            for group in rows.values() for row in group]


def _select_checked(ctx):
    return [c for c in ctx.claims if c.id in {r["claim"] for r in _checked_rates(ctx)}]


def _printed_vs_recomputed(ctx, claims, width, fontsize):
    from ..graphics.recomputed import printed_vs_recomputed_chart

    frame = pd.DataFrame(_checked_rates(ctx))
    ax = printed_vs_recomputed_chart(frame, order=ctx.order, colors=VERDICT_COLORS,
                                     xlabel="Percent (rates) or percentage points (differences)",
                                     width=width, fontsize=fontsize)
    counts = Counter(frame["verdict"])
    return Drawn(ax.figure, {"rows": len(frame), "counts": ", ".join(
        f"{counts[v]} {v.replace('-', ' ')}" for v in ctx.order if counts[v])})


def _primary_comparison(ctx, claims):
    """The study's primary comparison with counts, and every claim that prints it."""
    comparisons = sel.distinct_comparisons(claims)
    return comparisons[0] if comparisons else (None, [])


def _two_arm(ctx, claims, width, fontsize):
    from ..graphics.arms import two_arm_figure

    claim, printing = _primary_comparison(ctx, claims)
    a, b = sel.arms(claim)
    rates_ax, _ = two_arm_figure(a.events, a.n, b.events, b.n,
                                 labels=(sel.sentence(a.label), sel.sentence(b.label)),
                                 outcome=sel.sentence(claim.label), measure="rd",
                                 method=RD_METHOD, rate_method=RATE_METHOD, width=width,
                                 fontsize=fontsize)
    return Drawn(rates_ax.figure, {"outcome": sel.sentence(claim.label), "k1": a.events,
                                   "n1": a.n, "k2": b.events, "n2": b.n,
                                   "sources": ctx.sources_of(printing)})


def _select_power(ctx):
    """Primary comparisons with counts whose study also prints its planned enrolment."""
    planned = {sel.study(c) for c in sel.tagged(ctx.claims, "planned-enrolment", kind="breakdown")
               if c.get("total")}
    return [c for c in sel.tagged(ctx.claims, "primary-endpoint", kind="two-proportions")
            if sel.has_counts(c) and sel.study(c) in planned] + \
        [c for c in sel.tagged(ctx.claims, "planned-enrolment", kind="breakdown")
         if c.get("total")]


def _power(ctx, claims, width, fontsize):
    from ..stats.power import exact_size, power_curve
    from ..graphics.power import power_chart

    claim, _ = _primary_comparison(ctx, [c for c in claims if c.kind == "two-proportions"])
    planned = next(c.get("total") for c in claims if c.kind == "breakdown")
    a, b = sel.arms(claim)
    half = planned // 2
    control = b.events / b.n
    rates = np.round(np.arange(math.ceil(control * 40) / 40, 0.9501, 0.025), 3)
    curves, sizes = {}, {}
    for name, test in POWER_TESTS.items():
        label = f"{name}, {half} v {half}"
        curves[label] = power_curve(half, half, rates, control, alpha=ALPHA, test=test)
        sizes[label] = exact_size(half, half, alpha=ALPHA, test=test).power
    analysed = f"Fisher, {a.n} v {b.n} (analysed)"
    curves[analysed] = power_curve(a.n, b.n, rates, control, alpha=ALPHA, test="fisher")
    sizes[analysed] = exact_size(a.n, b.n, alpha=ALPHA, test="fisher").power
    observed = a.events / a.n
    arm = sel.readable(a.label)
    ax = power_chart(curves, x="p1", sizes=sizes, alpha=ALPHA,
                     linestyles=["-", "--", "-.", ":", (0, (8, 2))],
                     marks={f"observed: {100 * observed:.0f}%": observed},
                     xlabel=f"True rate, {arm} (the other arm's rate held at "
                            f"{100 * control:.0f}%)", width=width, fontsize=fontsize)
    over = {k: v for k, v in sizes.items() if v > ALPHA}
    return Drawn(ax.figure, {
        "planned": planned, "half": half, "arm1": arm, "arm2": sel.readable(b.label),
        "control": f"{100 * control:.0f}%", "k2": b.events, "n2": b.n, "n1": a.n,
        "over": "; ".join(f"{k.split(',')[0].lower()} {100 * v:.1f}%" for k, v in over.items())
                or "none"})


def _harms(ctx, claims, width, fontsize):
    from ..graphics.arms import grade3_comparison_chart

    rows = []
    for claim in claims:
        a, b = sel.arms(claim)
        row = {"label": f"{sel.sentence(claim.label)}: {sel.readable(a.label)} v "
                        f"{sel.readable(b.label)}", "group": ctx.names[claim.source]}
        for i, arm in enumerate((a, b), start=1):
            if arm.has_counts:
                row.update({f"events{i}": arm.events, f"n{i}": arm.n})
            row[f"percent{i}"] = None if arm.percent is None else arm.percent.text
        rows.append(row)
    ax = grade3_comparison_chart(pd.DataFrame(rows), arms=("First arm as printed",
                                                           "Second arm as printed"),
                                 method=RATE_METHOD, width=width, fontsize=fontsize)
    return Drawn(ax.figure, {"rows": len(rows)})


def _toxicity(ctx, claims, width, fontsize):
    from ..graphics.bars import toxicity_chart

    claim = claims[0]
    table = ctx.tables[claim.get("table")]
    ax = toxicity_chart(table.to_frame(), n=claim.get("n"), width=width, fontsize=fontsize)
    return Drawn(ax.figure, {"source": ctx.names[claim.source], "where": table.where,
                             "n": claim.get("n")})


def _most_reproducing(ctx, claims):
    """The interval method that reproduces most of the printed intervals of ``claims``."""
    from ..stats.proportions import METHODS

    votes = Counter(m for c in claims if c.get("ci") for m in ctx.methods(c) if m in METHODS)
    printed = sum(1 for c in claims if c.get("ci"))
    if not votes:
        return RATE_METHOD, 0, printed
    method, count = sorted(votes.items(), key=lambda item: (-item[1], METHODS.index(item[0])))[0]
    return method, count, printed


def _single_arm(ctx, claims, width, fontsize):
    from ..graphics.forest import forest_plot
    from ..graphics.text import method_name

    method, reproduced, printed = _most_reproducing(ctx, claims)
    rows = [{"group": f"{ctx.names[c.source]}: {c.where.split(',')[0].strip()}",
             "label": sel.sentence(c.label or c.quote), "events": sel.count(c.get("events")),
             "n": c.get("n")} for c in claims]
    ax = forest_plot(pd.DataFrame(rows), method=method, label_header="Rate",
                     width=width, fontsize=fontsize)
    why = (f"the method that reproduces {reproduced} of the {printed} intervals these sources "
           f"print" if reproduced else "no printed interval names another")
    return Drawn(ax.figure, {"rows": len(rows), "method": method_name(method), "why": why})


def _comparisons(ctx, claims, width, fontsize):
    from ..graphics.forest import forest_plot

    comparisons = sel.distinct_comparisons(claims)
    comparisons.sort(key=lambda item: sel.COMPARISON_GROUPS.index(sel.comparison_group(item[0])))
    rows = []
    for claim, printing in comparisons:
        a, b = sel.arms(claim)
        rows.append({"group": sel.comparison_group(claim),
                     "label": f"{sel.sentence(claim.label)}: {sel.readable(a.label)} v "
                              f"{sel.readable(b.label)} ({ctx.sources_of(printing)})",
                     "events1": a.events, "n1": a.n, "events2": b.events, "n2": b.n})
    ax = forest_plot(pd.DataFrame(rows), measure="rd", method=RD_METHOD,
                     arms=("First arm", "Second arm"), label_header="Comparison", width=width,
                     fontsize=fontsize)
    return Drawn(ax.figure, {"rows": len(rows)})


# --------------------------------------------------------------------------------------------
# The list
# --------------------------------------------------------------------------------------------

FIGURES = (
    FigureSpec(
        "verdicts", "Verdicts by source",
        "For each source, the share of its claims by verdict ({counts}; {claims} claims from "
        "{sources} sources), with the counts where they fit.",
        select=lambda ctx: list(ctx.claims), chart=_verdicts),
    FigureSpec(
        "printed-vs-recomputed", "Printed against recomputed",
        "Every printed rate or difference that the printed counts let us recompute ({rows} "
        "numbers: {counts}). Upper line of each pair (hollow diamond): the value and interval as "
        "printed; lower line (filled circle): recomputed from the counts, with the interval "
        "method that reproduces the printed interval, or the Wilson score interval when none "
        "does (then marked with an asterisk). Colour: the claim's verdict. The same numbers "
        "printed by two sources of one study are shown once.",
        select=_select_checked, chart=_printed_vs_recomputed),
    FigureSpec(
        "primary-endpoint", "{outcome}",
        "{k1}/{n1} against {k2}/{n2} as printed by {sources}: each arm's rate with its Wilson "
        "95% CI; the risk difference with its Newcombe hybrid score 95% CI and the two-sided "
        "Fisher exact p-value (as R's fisher.test).",
        select=lambda ctx: [c for c in sel.tagged(ctx.claims, "primary-endpoint",
                                                  kind="two-proportions") if sel.has_counts(c)],
        chart=_two_arm, each_study=True),
    FigureSpec(
        "power", "Power of the planned design",
        "Exact power (two-sided, alpha 0.05, every table enumerated) of the planned design, "
        "{planned} patients randomised 1:1 ({half} per arm), against the true rate in the "
        "{arm1} arm, with the {arm2} arm's rate held at {control} (the {k2}/{n2} observed there: "
        "an assumption, since the design's own rates are not in the sources). The light blue "
        "curve (long dashes) is Fisher's power at the sizes analysed ({n1} and {n2}). The dotted line "
        "only marks the observed rate: power computed at observed rates after the fact says "
        "nothing the p-value does not (Hoenig & Heisey 2001). Tests whose exact size exceeds "
        "alpha (here: {over}) are drawn with hollow markers and marked in the legend: their "
        "extra power is extra false positives.",
        select=_select_power, chart=_power, each_study=True),
    FigureSpec(
        "harms", "Adverse events by arm, as printed",
        "Every adverse-event rate printed for two arms ({rows} events), with Wilson 95% CIs "
        "where the counts are printed; percentages printed without counts are drawn as bare "
        "bars. Grouped by source.",
        select=lambda ctx: sel.tagged(ctx.claims, "harm", kind="two-proportions"),
        chart=_harms),
    FigureSpec(
        "toxicity", "Toxicity by grade ({source}, {where})",
        "Patients per toxicity and CTCAE grade as printed (percentages as printed); each bar "
        "ends with the patients at any grade out of N = {n}.",
        select=lambda ctx: sel.tagged(ctx.claims, "toxicity-table", kind="table-percentages"),
        chart=_toxicity, each_study=True),
    FigureSpec(
        "single-arm-rates", "Single-arm rates printed with their counts",
        "Every single-arm rate printed with its counts ({rows} rates), grouped by source and "
        "section, with {method} 95% intervals: {why}. Square area is proportional to n.",
        select=lambda ctx: [c for c in sel.tagged(ctx.claims, "single-arm-rate",
                                                  kind="proportion")
                            if sel.count(c.get("events")) is not None and c.get("n")],
        chart=_single_arm),
    FigureSpec(
        "two-arm-comparisons", "Two-arm comparisons printed with counts",
        "Risk difference (first arm minus second, percentage points) with the Newcombe hybrid "
        "score 95% CI, for every two-arm comparison printed with counts in both arms ({rows}), "
        "each once (two sources of one study printing the same counts are one row), grouped "
        "into harms, randomised comparisons and subgroup contrasts. Square area is "
        "proportional to the patients in both arms.",
        select=lambda ctx: [c for c in ctx.claims if c.kind == "two-proportions"
                            and sel.has_counts(c)],
        chart=_comparisons),
)


def _instances(spec, ctx):
    """[(stem, claims)] of a spec: one, or one per study among its claims."""
    claims = spec.select(ctx)
    if not claims:
        return []
    if not spec.each_study:
        return [(spec.stem, claims)]
    studies = list(dict.fromkeys(sel.study(c) for c in claims))
    return [(f"{spec.stem}-{s.removeprefix(sel.STUDY_PREFIX)}",
             [c for c in claims if sel.study(c) == s]) for s in studies]


def draw_figures(ctx, directory, progress=None, specs=FIGURES):
    """Draw every figure at one and two journal columns, save SVG, PDF and PNG of each.

    Returns the :class:`FigureFile` of each figure, in report order. A chart that fails raises
    a ValueError naming the figure and the claims it was drawing.
    """
    from ..graphics.style import FORMATS, journal_style, save_figure

    written = []
    with journal_style():
        for spec in specs:
            for stem, claims in _instances(spec, ctx):
                files, facts = [], {}
                for suffix, (width, fontsize) in WIDTHS.items():
                    try:
                        drawn = spec.chart(ctx, claims, width, fontsize)
                    except (ValueError, TypeError, KeyError) as exc:
                        ids = ", ".join(c.id for c in claims[:5]) + \
                            (", ..." if len(claims) > 5 else "")
                        raise ValueError(f"figure {stem!r} could not be drawn from the claims "
                                         f"{ids}: {exc}") from exc
                    paths = save_figure(drawn.figure, directory / f"{stem}-{suffix}", FORMATS)
                    files += [p.name for p in paths]
                    facts = drawn.facts
                written.append(FigureFile(stem, sel.readable(spec.title.format(**facts)),
                                          sel.readable(spec.caption.format(**facts)), spec.shown,
                                          tuple(files), tuple(c.id for c in claims)))
                if progress is not None:
                    progress(f"figure {stem} ({len(files)} files: 1 and 2 columns; SVG, PDF, PNG)")
    return written

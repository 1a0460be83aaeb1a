"""Two arms: paired bars per adverse event, and one comparison in full (rates and effect)."""

from __future__ import annotations

import math

import numpy as np
from matplotlib import ticker
from matplotlib.figure import Figure

from .._validation import check_choice, check_confidence
from . import _layout as lay
from .forest import MEASURES, ratio_ticks

__all__ = ["grade3_comparison_chart", "two_arm_figure"]

_ROW_EMS = 3.4  # height of one event's row (two bars), in units of the font size


def _two_arm_rows(data, label):
    """Validate the frame of grade3_comparison_chart; return it with a clean index."""
    lay.check_frame(data, "data")
    for arm in (1, 2):
        counts = {f"events{arm}", f"n{arm}"} <= set(data.columns)
        if not (counts or f"percent{arm}" in data.columns):
            raise ValueError(f"data must have the columns events{arm} and n{arm} "
                             f"(or percent{arm}); got {list(data.columns)}")
    if label not in data.columns:
        raise ValueError(f"data must have a {label!r} column; got {list(data.columns)}")
    return data.reset_index(drop=True)


def _rate_text(k, n):
    """ "k/n (x%)" with the decimals n justifies."""
    return f"{lay.count_text(k)}/{lay.count_text(n)} ({100 * k / n:.{lay.percent_decimals(n)}f}%)"


def grade3_comparison_chart(data, *, ax=None, arms=("Arm 1", "Arm 2"), label="label",
                            group="group", method="wilson", confidence=0.95,
                            xlabel="Patients with the event", title=None, wrap=None, fontsize=8,
                            colors=lay.ARM_COLORS, width=None, axes_width=2.6):
    """Paired bars: the rate of each adverse event (e.g. grade ≥ 3) in two arms, with CIs.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per adverse event with columns ``label``, ``events1``, ``n1`` (arm 1) and
        ``events2``, ``n2`` (arm 2). Optional ``percent1`` / ``percent2``: a printed percentage
        (number or text, percent scale), drawn when the counts of that arm are missing (NaN or
        None), without an interval.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure (taller with more rows) when None.
    arms : pair of str
        Names of arm 1 and arm 2 (legend).
    label : str
        The label column.
    group : str
        Optional column of group headers (e.g. the source), drawn in bold above their rows.
    method : str
        Interval method of :func:`~sarcoma_stats.proportion_ci`, named in the axis label.
    confidence : float
        Confidence level, in (0, 1).
    xlabel, title : str, optional
    wrap : int or None
        Labels longer than this many characters are wrapped onto several lines. Default: what
        the label column can hold at ``width``, else no wrapping.
    fontsize : float
    colors : pair of str
        Colours of arm 1 and arm 2.
    width : float, optional
        Total width in inches of a created figure (3.5 for one journal column, 7 for two).
    axes_width : float
        Width in inches of the plotting area when ``width`` is None.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing, an arm has neither counts nor a percentage, or as
        :func:`~sarcoma_stats.proportion_ci` for bad counts, method or confidence.

    Notes
    -----
    Each event has two bars (arm 1 above arm 2) whose length is the observed proportion; the
    black line on each bar with counts (``gid="ci"``) is its confidence interval. To the right,
    "k/n (x%)" per arm (percentages with the decimals n justifies), or "x% (no counts)" for a
    percentage printed without its counts. For the difference between the arms with its
    interval use :func:`forest_plot` with ``measure="rd"``.

    References
    ----------
    .. [1] Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of
       seven methods. Stat Med 1998;17:857-872.

    Examples
    --------
    >>> import pandas as pd
    >>> from sarcoma_stats import grade3_comparison_chart
    >>> events = pd.DataFrame({"label": ["Neutropenia", "Hypertension"],
    ...                        "events1": [20, 3], "n1": [40, 40],
    ...                        "events2": [10, 1], "n2": [41, 41]})
    >>> ax = grade3_comparison_chart(events, arms=("Pazopanib", "Control"), width=3.5)
    >>> len([line for line in ax.lines if line.get_gid() == "ci"])
    4
    """
    from ..stats.proportions import proportion_ci

    frame = _two_arm_rows(data, label)
    width = lay.check_width(width)
    if group not in frame.columns:
        frame[group] = None
    confidence = check_confidence(confidence)
    if wrap is None:
        wrap = lay.label_wrap(width, fontsize, share=0.35)
    rows, bottom = lay.layout_rows(frame, label, group, wrap, extra_line=0.4,
                                   max_lines=lay.max_label_lines(width))
    bars = []  # (y, estimate, low, high, text, arm index)
    for _, i, y in rows:
        if i is None:
            continue
        row = frame.loc[i]
        for a, shift in ((0, -0.19), (1, 0.19)):
            events, n, pct = f"events{a + 1}", f"n{a + 1}", f"percent{a + 1}"
            if lay.present(row, events) and lay.present(row, n):
                result = proportion_ci(row[events], row[n], method=method, confidence=confidence)
                method = result.method
                bars.append((y + shift, float(result.estimate), float(result.low),
                             float(result.high), _rate_text(row[events], row[n]), a))
            elif lay.present(row, pct):
                value = float(str(row[pct]).rstrip("%"))
                bars.append((y + shift, value / 100, None, None,
                             f"{lay.plain(row[pct])}% (no counts)", a))
            else:
                raise ValueError(f"row {row[label]!r}: arm {a + 1} has neither counts "
                                 f"({events}, {n}) nor a percentage ({pct})")
    created = ax is None
    if created:
        ax = lay.new_axes(width or axes_width, _ROW_EMS * fontsize / 72.0 * (bottom + 0.5) + 0.2)
    top = max(b[3] if b[3] is not None else b[1] for b in bars)
    ax.set_xlim(0, min(1.0, math.ceil(top * 10 + 0.5) / 10))
    ax.set_ylim(bottom, -0.5)
    for a, (color, arm) in enumerate(zip(colors, arms)):
        mine = [b for b in bars if b[5] == a]
        ax.barh([b[0] for b in mine], [b[1] for b in mine], height=0.36, color=color, alpha=0.85,
                label=lay.plain(arm))
    transform = lay.offset(ax, lay.GAP_POINTS)
    for y, _, low, high, text, a in bars:
        if low is not None:
            ax.plot([low, high], [y, y], color="black", linewidth=1.0, solid_capstyle="butt",
                    gid="ci")
        ax.text(1.0, y, text, transform=transform, fontsize=fontsize, va="center", ha="left",
                color=colors[a], clip_on=False)
    headers = [k for k, (_, i, _) in enumerate(rows) if i is None]
    indent = lay.left_aligned_labels(ax, [y for _, _, y in rows], [t for t, _, _ in rows],
                                     fontsize, bold=headers)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    lay.legend_row(ax, fontsize, 2, indent)
    level = f"{confidence * 100:g}% CI"
    ax.set_xlabel(lay.plain(f"{xlabel}; {level}: {lay.method_name(method)}"),
                  fontsize=fontsize)
    if title:
        lay.title_above_legend(ax, title, fontsize, indent)
    if created:
        lay.fit_figure(ax, width)
    return ax


def _effect_panel(ax, effect, measure, labels, level, pvalue, digits, unit, fontsize, small,
                  horizontal):
    """The comparison of two arms: its estimate, interval, line of no effect and Fisher's p.

    The value axis is vertical, or horizontal (under the rates, in one journal column).
    """
    value, lo, hi = float(effect.estimate), float(effect.low), float(effect.high)
    ratio = measure != "rd"
    reference = 1.0 if ratio else 0.0
    scale = 1.0 if ratio else 100.0
    axis = ax.xaxis if horizontal else ax.yaxis
    along = (lambda a, b: (a, b)) if horizontal else (lambda a, b: (b, a))
    if ratio:
        (ax.set_xscale if horizontal else ax.set_yscale)("log")
    (ax.axvline if horizontal else ax.axhline)(reference, color="0.45", linewidth=0.8,
                                               linestyle="--", gid="reference")
    ax.plot(*along([lo, hi], [0, 0]), color="black", linewidth=1.1, gid="ci")
    ax.plot(*along([value], [0]), marker="s", markersize=7, color="black", gid="estimate")
    text = (f"{lay.number(scale * value, digits)}{unit} "
            f"({lay.number(scale * lo, digits)} to {lay.number(scale * hi, digits)})"
            f"{'; ' if horizontal else chr(10)}Fisher exact {_format_p(pvalue)}")
    if not horizontal:
        ax.text(0.12, value, text.replace(") ", ")\n").replace(" (", "\n("), fontsize=small,
                va="center", ha="left")
    (ax.set_ylim if horizontal else ax.set_xlim)(-0.4, 1.6 if not horizontal else 0.4)
    (ax.set_yticks if horizontal else ax.set_xticks)([])
    if ratio:
        span = np.log10([min(lo, reference), max(hi, reference)])
        limits = 10 ** (span[0] - 0.15), 10 ** (span[1] + 0.15)
        axis.set_major_locator(ticker.FixedLocator(ratio_ticks(*limits)))
        axis.set_minor_locator(ticker.NullLocator())
        axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    else:
        limits = min(-0.2, lo - 0.05), max(0.2, hi + 0.05)
        axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: lay.number(100 * v, 0)))
    (ax.set_xlim if horizontal else ax.set_ylim)(*limits)
    ax.tick_params(labelsize=fontsize)
    name = {"rd": "Difference", "rr": "Risk ratio", "or": "Odds ratio"}[measure]
    sign = "−" if measure == "rd" else "/"
    title = lay.plain(lay.wrap_text(f"{name}: {labels[0]} {sign} {labels[1]}",
                                    50 if horizontal else 32))
    axis_label = lay.wrap_text(f"{'Percentage points' if measure == 'rd' else name} "
                               f"({level}: {lay.method_name(effect.method)})", 30)
    if horizontal:
        ax.set_title(f"{title}\n{text}", fontsize=fontsize, loc="left")
        ax.set_xlabel(lay.wrap_text(axis_label.replace("\n", " "), 40), fontsize=fontsize)
    else:
        ax.set_title(title, fontsize=fontsize, loc="left")
        ax.set_ylabel(axis_label, fontsize=fontsize)
    hidden = ("top", "right", "left") if horizontal else ("top", "right", "bottom")
    for side in hidden:
        ax.spines[side].set_visible(False)


def _format_p(p):
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.2g}" if p < 0.1 else f"p = {p:.2f}"


def two_arm_figure(k1, n1, k2, n2, *, labels=("Arm 1", "Arm 2"), outcome="Response",
                   measure="rd", method=None, rate_method="wilson", confidence=0.95, axes=None,
                   title=None, fontsize=8, colors=lay.ARM_COLORS, width=None):
    """Two arms side by side: each arm's rate with its CI, and their difference with its CI.

    The left panel shows the proportion of patients with the outcome in each arm (bar with
    the confidence interval as a black line and "k/n" under it); the right panel shows the risk
    difference (or ratio) of arm 1 against arm 2 with its interval, a reference line at no
    difference, and the two-sided Fisher exact p-value.

    Parameters
    ----------
    k1, n1, k2, n2 : int
        Events and patients in arm 1 and arm 2.
    labels : pair of str
        Names of the arms.
    outcome : str
        What is counted, e.g. "Near-complete pathological response"; the left panel's title.
    measure : {"rd", "rr", "or"}
        The comparison drawn on the right (ratios on a log axis).
    method : str, optional
        Interval method of :func:`~sarcoma_stats.compare_proportions` (default: its default
        for the measure, e.g. ``"newcombe"`` for rd).
    rate_method : str
        Interval method of :func:`~sarcoma_stats.proportion_ci` for each arm.
    confidence : float
        Confidence level, in (0, 1).
    axes : pair of matplotlib.axes.Axes, optional
        Where to draw (rates, comparison). When None a new Figure with constrained layout is
        created.
    title : str, optional
        Figure title (only when the figure is created here).
    fontsize : float
        Font size of the text; the annotations are one point smaller.
    colors : pair of str
        Colours of the two arms.
    width : float, optional
        Width in inches of a created figure (default 7, two journal columns; 3.5 for one).

    Returns
    -------
    tuple of matplotlib.axes.Axes
        ``(rates_ax, comparison_ax)``; the figure is ``rates_ax.figure``.

    Raises
    ------
    ValueError, TypeError
        As :func:`~sarcoma_stats.proportion_ci`, :func:`~sarcoma_stats.compare_proportions` and
        :func:`~sarcoma_stats.fisher_exact` for invalid counts, measure, method or confidence.

    Notes
    -----
    The p-value is the two-sided Fisher exact test as R's ``fisher.test`` defines it (the sum
    of the probabilities of all tables no more probable than the observed one), computed by
    :func:`~sarcoma_stats.fisher_exact` on the table with arms as rows. The difference is
    arm 1 minus arm 2 (percentage points); ratios are arm 1 over arm 2. Percentages carry the
    decimals the counts justify (none under 100 patients).

    References
    ----------
    .. [1] Newcombe RG. Interval estimation for the difference between independent proportions:
       comparison of eleven methods. Stat Med 1998;17:873-890.
    .. [2] Weiss AR, Chen YL, Scharschmidt TJ, et al. Pathological response in children and
       adults with large unresected intermediate-grade or high-grade soft tissue sarcoma
       receiving preoperative chemoradiotherapy with or without pazopanib (ARST1321): a
       multicentre, randomised, open-label, phase 2 trial. Lancet Oncol 2020;21:1110-1122.

    Examples
    --------
    >>> from sarcoma_stats import two_arm_figure
    >>> rates_ax, diff_ax = two_arm_figure(14, 24, 4, 18, labels=("Pazopanib", "Control"))
    >>> [round(float(y), 4) for y in rates_ax.lines[0].get_ydata()]  # Wilson interval of 14/24
    [0.3883, 0.7553]
    >>> float(rates_ax.figure.get_figwidth())
    7.0
    """
    from ..stats.comparisons import compare_proportions
    from ..stats.hypotests import fisher_exact
    from ..stats.proportions import proportion_ci

    measure = check_choice(measure, "measure", MEASURES[1:])
    width = lay.check_width(width) or 7.0
    rates = proportion_ci([k1, k2], [n1, n2], method=rate_method, confidence=confidence)
    effect = compare_proportions(k1, n1, k2, n2, measure=measure, method=method,
                                 confidence=confidence)
    pvalue = float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)
    narrow = lay.is_narrow(width)
    if axes is None:
        fig = Figure(figsize=(width, 4.4 if narrow else 0.5 * width + 0.4), layout="constrained")
        if narrow:  # one column: the comparison under the rates, horizontal
            rates_ax, effect_ax = fig.subplots(2, 1, height_ratios=(3, 1))
        else:
            rates_ax, effect_ax = fig.subplots(1, 2, width_ratios=(3, 2))
        if title:
            fig.suptitle(lay.plain(lay.wrap_text(title, lay.label_wrap(width, fontsize + 1, 1))),
                         fontsize=fontsize + 1, fontweight="bold", x=0.01, ha="left")
    else:
        rates_ax, effect_ax = axes
    level = f"{confidence * 100:g}% CI"
    small = max(fontsize - 1, 7)

    estimate = np.asarray(rates.estimate, dtype=float)
    low, high = np.asarray(rates.low, dtype=float), np.asarray(rates.high, dtype=float)
    rates_ax.bar([0, 1], estimate, width=0.55, color=colors, alpha=0.85)
    for x, (n, e, lo, hi) in enumerate(zip((n1, n2), estimate, low, high)):
        digits = lay.percent_decimals(n)
        rates_ax.plot([x, x], [lo, hi], color="black", linewidth=1.1, gid="ci")
        for end in (lo, hi):
            rates_ax.plot([x - 0.08, x + 0.08], [end, end], color="black", linewidth=1.1)
        rates_ax.text(x + 0.1, hi, f"{100 * e:.{digits}f}%\n({100 * lo:.{digits}f} to "
                                   f"{100 * hi:.{digits}f})",
                      fontsize=small, va="top", ha="left")
    wrap = 22
    rates_ax.set_xticks([0, 1])
    rates_ax.set_xticklabels([f"{lay.plain(lay.wrap_text(labels[0], wrap))}\n{k1}/{n1}",
                              f"{lay.plain(lay.wrap_text(labels[1], wrap))}\n{k2}/{n2}"],
                             fontsize=fontsize)
    rates_ax.set_xlim(-0.5, 1.85)
    rates_ax.set_ylim(0, 1)
    rates_ax.yaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    rates_ax.tick_params(labelsize=fontsize)
    rates_ax.set_title(lay.plain(lay.wrap_text(outcome, 45)), fontsize=fontsize, loc="left")
    rates_ax.set_ylabel(lay.wrap_text(f"Patients, % ({level}: {lay.method_name(rates.method)})",
                                      30), fontsize=fontsize)
    for side in ("top", "right"):
        rates_ax.spines[side].set_visible(False)

    unit = "" if measure != "rd" else " points"
    digits = 2 if measure != "rd" else lay.percent_decimals(max(n1, n2))
    _effect_panel(effect_ax, effect, measure, labels, level, pvalue, digits, unit, fontsize,
                  small, horizontal=narrow)
    return rates_ax, effect_ax

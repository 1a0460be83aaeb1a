"""Figures: forest charts, toxicity charts, the two-arm figure and the verdict chart.

Every function draws on a matplotlib ``Axes`` passed as ``ax=`` and returns it; only when ``ax``
is None does it create a figure, a bare :class:`matplotlib.figure.Figure` (not pyplot: nothing
is registered globally and nothing is shown), sized so that every label fits and taller when there
are more rows. Reach the figure through ``ax.figure`` to save it. Style is passed in (``fontsize``,
colours); no function changes ``matplotlib.rcParams``.

matplotlib is imported by this module only, and this module only when a plotting function is
first used: ``import sarcoma_stats`` does not import matplotlib.

Artists that tests and users may want to find carry a ``gid``: ``"ci"`` for each confidence
interval line (its x-data are the interval bounds, on the data scale: proportions, not percent),
``"estimate"`` for each point estimate marker, ``"reference"`` for the reference line.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from ._validation import check_choice, check_confidence

__all__ = [
    "forest_plot",
    "toxicity_chart",
    "grade3_comparison_chart",
    "two_arm_figure",
    "verdict_chart",
]

MEASURES = ("proportion", "rd", "rr", "or")
_DEFAULT_METHOD = {"proportion": "wilson", "rd": "newcombe", "rr": "katz", "or": "woolf"}
_MEASURE_NAME = {
    "proportion": "Proportion",
    "rd": "Risk difference",
    "rr": "Risk ratio",
    "or": "Odds ratio",
}
_METHOD_NAME = {
    "wilson": "Wilson score",
    "wilson-cc": "Wilson score with continuity correction",
    "clopper-pearson": "Clopper-Pearson exact",
    "exact": "Clopper-Pearson exact",
    "jeffreys": "Jeffreys",
    "agresti-coull": "Agresti-Coull",
    "wald": "Wald",
    "mid-p": "mid-p exact",
    "newcombe": "Newcombe hybrid score",
    "miettinen-nurminen": "Miettinen-Nurminen score",
    "agresti-caffo": "Agresti-Caffo",
    "katz": "Katz log",
    "koopman": "Koopman score",
    "woolf": "Woolf logit",
    "conditional-exact": "conditional exact",
}
# Okabe & Ito (2008) colour-blind-safe palette.
VERDICT_COLORS = {"consistent": "#009E73", "inconsistent": "#D55E00", "not-checkable": "#999999"}
VERDICTS = ("inconsistent", "consistent", "not-checkable")
# Sequential (ColorBrewer OrRd) colours for CTCAE grades 1-4: darker is worse.
GRADE_COLORS = ("#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
ARM_COLORS = ("#0072B2", "#E69F00")

_ROW_INCHES = 0.26  # height of one row of a forest chart
_PAD_INCHES = 0.08  # white margin around a figure we create
_GAP_POINTS = 8.0  # space between text columns


# --------------------------------------------------------------------------------------------
# Layout helpers
# --------------------------------------------------------------------------------------------

def _new_axes(width, height):
    """A bare Figure with one Axes of the given size in inches (margins are fitted later)."""
    fig = Figure(figsize=(width + 4.0, height + 1.5))
    ax = fig.add_axes((2.0 / (width + 4.0), 0.75 / (height + 1.5),
                       width / (width + 4.0), height / (height + 1.5)))
    return ax


def _fit_figure(ax):
    """Resize the figure around ``ax`` (whose size in inches is kept) so every artist fits."""
    fig = ax.figure
    dpi = fig.dpi
    box = ax.get_window_extent()
    tight = ax.get_tightbbox()
    width, height = box.width / dpi, box.height / dpi
    left = max(box.x0 - tight.x0, 0.0) / dpi + _PAD_INCHES
    right = max(tight.x1 - box.x1, 0.0) / dpi + _PAD_INCHES
    bottom = max(box.y0 - tight.y0, 0.0) / dpi + _PAD_INCHES
    top = max(tight.y1 - box.y1, 0.0) / dpi + _PAD_INCHES
    fig_w, fig_h = left + width + right, bottom + height + top
    fig.set_size_inches(fig_w, fig_h)
    ax.set_position((left / fig_w, bottom / fig_h, width / fig_w, height / fig_h))


def _text_width_points(ax, texts, fontsize, weight="normal"):
    """Width in points of the widest of ``texts`` drawn at ``fontsize``."""
    widest = 0.0
    for text in texts:
        artist = ax.text(0, 0, text, fontsize=fontsize, fontweight=weight,
                         transform=ax.transAxes)
        widest = max(widest, artist.get_window_extent().width)
        artist.remove()
    return widest * 72.0 / ax.figure.dpi


def _offset(ax, points):
    """Transform: x in axes fraction shifted by ``points``, y in data coordinates."""
    base = blended_transform_factory(ax.transAxes, ax.transData)
    return base + ScaledTranslation(points / 72.0, 0, ax.figure.dpi_scale_trans)


def _left_aligned_labels(ax, positions, labels, fontsize, bold=()):
    """Y tick labels at ``positions``, left-aligned in a column to the left of the axes."""
    ax.set_yticks(list(positions))
    ax.set_yticklabels(labels, fontsize=fontsize, ha="left")
    for i in bold:
        ax.get_yticklabels()[i].set_fontweight("bold")
    width = _text_width_points(ax, labels, fontsize, weight="bold" if bold else "normal")
    ax.tick_params(axis="y", length=0, pad=width + 4)
    return width + 4


def _title(ax, title, fontsize, indent=0.0):
    """A bold title above ``ax``, starting ``indent`` points left of it (over the label column)."""
    transform = ax.transAxes + ScaledTranslation(-indent / 72.0, 6 / 72.0, ax.figure.dpi_scale_trans)
    ax.text(0, 1, title, transform=transform, fontsize=fontsize + 1, fontweight="bold",
            ha="left", va="bottom", clip_on=False)


def _favours(ax, reference, favours, fontsize):
    """"<- left" and "right ->" under the x tick labels, either side of the reference line."""
    left_text, right_text = favours
    for text, shift, align in ((f"← {left_text}", -3, "right"), (f"{right_text} →", 3, "left")):
        transform = ax.get_xaxis_transform() + ScaledTranslation(
            shift / 72.0, -(fontsize * 1.5 + 6) / 72.0, ax.figure.dpi_scale_trans)
        ax.text(reference, 0, text, transform=transform, ha=align, va="top", fontsize=fontsize,
                clip_on=False, color="0.25")


def _method_name(method):
    return _METHOD_NAME.get(method, method)


def _fmt(value, digits):
    if math.isnan(value):
        return "NA"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{digits}f}".replace("-", "−")


def _interval_text(row, scale, digits):
    """ "estimate (low to high)", or "not estimable" when the interval is undefined."""
    if np.isnan(row["low"]) or np.isnan(row["high"]):
        return "not estimable"
    return (f"{_fmt(scale * row['estimate'], digits)} "
            f"({_fmt(scale * row['low'], digits)} to {_fmt(scale * row['high'], digits)})")


# --------------------------------------------------------------------------------------------
# Forest chart
# --------------------------------------------------------------------------------------------

def _forest_frame(data, measure, method, confidence, label, group):
    """Validate the input of forest_plot; return (frame, measure, method) with estimates."""
    if isinstance(data, Mapping):
        if not data:
            raise ValueError("data must hold at least one row; got an empty mapping")
        rows, measures, methods = [], set(), set()
        for name, result in data.items():
            try:
                rows.append({label: str(name), "estimate": float(result.estimate),
                             "low": float(result.low), "high": float(result.high)})
            except (AttributeError, TypeError) as exc:
                raise TypeError(
                    f"data values must be scalar results with .estimate, .low and .high; "
                    f"got {result!r} for {name!r}") from exc
            measures.add(getattr(result, "measure", "proportion"))
            methods.add(getattr(result, "method", None))
        if len(measures) > 1:
            raise ValueError(f"data mixes measures {sorted(measures)}; draw one per chart")
        if measure is None:
            measure = measures.pop()
        if method is None and len(methods) == 1:
            method = methods.pop()
        frame = pd.DataFrame(rows)
    elif isinstance(data, pd.DataFrame):
        if data.empty:
            raise ValueError("data must hold at least one row; got an empty DataFrame")
        if label not in data.columns:
            raise ValueError(f"data must have a {label!r} column (the row labels); "
                             f"got columns {list(data.columns)}")
        frame = data.reset_index(drop=True).copy()
    else:
        raise TypeError(f"data must be a pandas DataFrame or a mapping of label -> result; "
                        f"got {type(data).__name__}")
    measure = check_choice("proportion" if measure is None else measure, "measure", MEASURES)
    confidence = check_confidence(confidence)
    if not {"estimate", "low", "high"} <= set(frame.columns):
        counts = ["events", "n"] if measure == "proportion" else ["events1", "n1", "events2", "n2"]
        missing = [c for c in counts if c not in frame.columns]
        if missing:
            raise ValueError(
                f"data must have columns estimate, low, high, or the counts "
                f"{', '.join(counts)} for measure {measure!r}; missing {', '.join(missing)}")
        method = _DEFAULT_METHOD[measure] if method is None else method
        if measure == "proportion":
            from .proportions import proportion_ci

            result = proportion_ci(frame["events"].to_numpy(), frame["n"].to_numpy(),
                                   method=method, confidence=confidence)
        else:
            from .comparisons import compare_proportions

            result = compare_proportions(
                frame["events1"].to_numpy(), frame["n1"].to_numpy(),
                frame["events2"].to_numpy(), frame["n2"].to_numpy(),
                measure=measure, method=method, confidence=confidence)
        method = result.method
        frame["estimate"] = np.asarray(result.estimate, dtype=float).reshape(-1)
        frame["low"] = np.asarray(result.low, dtype=float).reshape(-1)
        frame["high"] = np.asarray(result.high, dtype=float).reshape(-1)
    for column in ("estimate", "low", "high"):
        try:
            frame[column] = pd.to_numeric(frame[column]).to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"data column {column!r} must hold numbers; "
                             f"got {frame[column].tolist()}") from exc
    if (frame["low"] > frame["high"]).any():
        bad = frame.loc[frame["low"] > frame["high"], label].tolist()
        raise ValueError(f"low exceeds high in the rows {bad}")
    if group not in frame.columns:
        frame[group] = None
    return frame, measure, method, confidence


def _layout_rows(frame, label, group):
    """Display rows top to bottom: (text, frame index or None for a group header)."""
    rows = []
    has_groups = frame[group].notna().any()
    order = list(dict.fromkeys(frame[group].where(frame[group].notna(), None)))
    for name in order:
        members = frame.index[frame[group].isna()] if name is None else \
            frame.index[frame[group] == name]
        if name is not None:
            rows.append((str(name), None))
        indent = "   " if has_groups and name is not None else ""
        rows.extend((indent + str(frame.at[i, label]), i) for i in members)
    return rows


def _x_limits(frame, measure, reference, xlim):
    if xlim is not None:
        low, high = xlim
        if not (np.isfinite(low) and np.isfinite(high) and low < high):
            raise ValueError(f"xlim must be two finite increasing numbers; got {xlim!r}")
        if measure in ("rr", "or") and low <= 0:
            raise ValueError(f"xlim must be positive on a ratio (log) axis; got {xlim!r}")
        return float(low), float(high)
    values = frame[["estimate", "low", "high"]].to_numpy(dtype=float).ravel()
    if measure in ("rr", "or"):
        values = values[np.isfinite(values) & (values > 0)]
        values = np.log10(np.append(values, reference if reference is not None else 1.0))
        span = max(values.max() - values.min(), 0.3)
        low, high = values.min() - 0.06 * span, values.max() + 0.06 * span
        return 10.0 ** low, 10.0 ** high
    values = values[np.isfinite(values)]
    if reference is not None:
        values = np.append(values, reference)
    if measure == "proportion":
        return 0.0, 1.0
    span = max(values.max() - values.min(), 0.1)
    return values.min() - 0.05 * span, values.max() + 0.05 * span


def _ratio_ticks(low, high):
    candidates = [m * 10.0 ** e for e in range(-3, 4) for m in (1, 2, 5)]
    ticks = [t for t in candidates if low <= t <= high]
    return ticks if len(ticks) >= 2 else [t for t in candidates if low / 10 <= t <= high * 10]


def forest_plot(data, *, ax=None, measure=None, method=None, confidence=0.95, label="label",
                group="group", reference=None, favours=None, arms=("Arm 1", "Arm 2"),
                label_header="Study", xlabel=None, xlim=None, title=None, fontsize=9,
                color="#0072B2", axes_width=3.2):
    """Forest chart: one row per study, arm or comparison, with its estimate and interval.

    Single-arm rates (``measure="proportion"``) or two-arm effects (risk difference ``"rd"``,
    risk ratio ``"rr"``, odds ratio ``"or"``; ratios on a log axis). Each row shows a square
    whose area grows with the number of patients and a horizontal line for the confidence
    interval; text columns give the row label (left), the counts and "estimate (low to high)"
    (right). Rows may be grouped (by drug or class, say) under bold group headers.

    Parameters
    ----------
    data : pandas.DataFrame or Mapping[str, result]
        A tidy frame with one row per study/arm/comparison and the columns:

        - ``label`` (str, required): the row label (study, arm, adverse event).
        - ``group`` (str, optional): a group header; groups appear in order of first
          appearance and rows keep their order within a group.
        - ``events`` and ``n`` (int): counts of a single arm (``measure="proportion"``), or
          ``events1``, ``n1``, ``events2``, ``n2``: the two arms of a comparison (arm 1 is
          compared with arm 2: ``p1 - p2``, ``p1 / p2``, odds of arm 1 over arm 2).
        - ``estimate``, ``low``, ``high`` (float, optional): the estimate and interval on the
          data scale (proportions, not percent). When absent they are computed from the counts
          with :func:`~sarcoma_stats.proportion_ci` or
          :func:`~sarcoma_stats.compare_proportions`.

        Or a mapping ``{label: result}`` of results with ``.estimate``, ``.low`` and ``.high``
        (and ``.measure``, ``.method`` when they have them), e.g. from ``proportion_ci``.
    ax : matplotlib.axes.Axes, optional
        Where to draw. The label column is drawn to the left and the text columns to the
        right of ``ax``, outside it: leave room, or save with ``bbox_inches="tight"``. When
        None, a new Figure is created whose height grows with the number of rows and whose
        width fits the longest label, so nothing is cut.
    measure : {"proportion", "rd", "rr", "or"}, optional
        What the rows estimate. Default: the results' ``.measure``, else ``"proportion"``.
    method : str, optional
        The interval method passed to ``proportion_ci`` / ``compare_proportions`` (defaults
        ``"wilson"``, ``"newcombe"``, ``"katz"``, ``"woolf"``), or the name of the method that
        produced given ``estimate/low/high`` columns. Named in the axis label.
    confidence : float
        Confidence level of computed intervals, in (0, 1).
    label, group : str
        Column names of the row labels and the group headers.
    reference : float, optional
        Position of the vertical reference line. Default 0 for ``"rd"``, 1 for ratios, none
        for proportions.
    favours : pair of str, optional
        Texts under the axis left and right of the reference line, e.g.
        ``("favours pazopanib", "favours control")``.
    arms : pair of str
        Headers of the two count columns of a two-arm chart.
    label_header : str
        Header of the label column.
    xlabel : str, optional
        Axis label; the interval method and level are appended to it.
    xlim : pair of float, optional
        Axis limits on the data scale. Interval ends beyond them are clipped and end in an arrow.
    title : str, optional
    fontsize : float
        Font size of all text, in points.
    color : str
        Colour of the markers and interval lines.
    axes_width : float
        Width in inches of the plotting area when a figure is created.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``data`` is neither a DataFrame nor a mapping of results.
    ValueError
        For missing columns, an unknown ``measure`` or ``method``, a ``confidence`` outside
        (0, 1), invalid counts (as ``proportion_ci`` / ``compare_proportions`` define them),
        or ``low > high``.

    Notes
    -----
    Proportions are drawn on a 0-100 % axis; risk differences in percentage points, with the
    reference at 0; risk and odds ratios on a logarithmic axis with the reference at 1. The
    layout follows Lewis & Clarke (2001): one line per study, square markers whose area is
    proportional to the study size (here ``n``, or ``n1 + n2``), the numbers printed beside
    the chart. A row whose estimate is not finite (a ratio with zero events) shows its numbers
    but no marker.

    References
    ----------
    .. [1] Lewis S, Clarke M. Forest plots: trying to see the wood and the trees. BMJ 2001;
       322:1479-1480. doi:10.1136/bmj.322.7300.1479
    .. [2] Okabe M, Ito K. Color Universal Design (CUD): how to make figures and presentations
       that are friendly to colorblind people. 2008. https://jfly.uni-koeln.de/color/

    Examples
    --------
    >>> import pandas as pd
    >>> from sarcoma_stats import forest_plot
    >>> rates = pd.DataFrame({
    ...     "group": ["Pazopanib", "Pazopanib", "Regorafenib"],
    ...     "label": ["Trial A", "Trial B", "Trial C"],
    ...     "events": [18, 5, 4], "n": [31, 17, 23]})
    >>> ax = forest_plot(rates, reference=0.2)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Pazopanib', '   Trial A', '   Trial B', 'Regorafenib', '   Trial C']
    >>> len([line for line in ax.lines if line.get_gid() == "ci"])
    3
    >>> pairs = pd.DataFrame({"label": ["Near-complete response"],
    ...                       "events1": [14], "n1": [24], "events2": [4], "n2": [18]})
    >>> ax = forest_plot(pairs, measure="rr", arms=("Pazopanib", "Control"))
    >>> ax.get_xscale()
    'log'
    """
    frame, measure, method, confidence = _forest_frame(data, measure, method, confidence,
                                                        label, group)
    if reference is None and measure != "proportion":
        reference = 0.0 if measure == "rd" else 1.0
    if reference is not None and not np.isfinite(reference):
        raise ValueError(f"reference must be a finite number; got {reference!r}")
    rows = _layout_rows(frame, label, group)
    created = ax is None
    if created:
        ax = _new_axes(axes_width, _ROW_INCHES * (len(rows) + 1.4))
    ratio = measure in ("rr", "or")
    low_x, high_x = _x_limits(frame, measure, reference, xlim)
    if ratio:
        ax.set_xscale("log")
    ax.set_xlim(low_x, high_x)
    ax.set_ylim(len(rows) - 0.4, -1.6)

    # marker size: area proportional to the number of patients
    if {"n1", "n2"} <= set(frame.columns):
        sizes = frame["n1"].to_numpy(dtype=float) + frame["n2"].to_numpy(dtype=float)
    elif "n" in frame.columns:
        sizes = frame["n"].to_numpy(dtype=float)
    else:
        sizes = np.ones(len(frame))
    sizes = 4.0 + 6.0 * np.sqrt(sizes / np.nanmax(sizes))

    if reference is not None:
        ax.plot([reference, reference], [-0.6, len(rows) - 0.4], color="0.45", linewidth=0.8,
                linestyle="--", zorder=1, gid="reference")
    for y, (_, i) in enumerate(rows):
        if i is None:
            continue
        low, high, estimate = frame.at[i, "low"], frame.at[i, "high"], frame.at[i, "estimate"]
        if np.isnan(low) or np.isnan(high):
            continue  # not estimable: the text column says so
        shown_low, shown_high = max(low, low_x), min(high, high_x)
        ax.plot([shown_low, shown_high], [y, y], color=color, linewidth=1.3,
                solid_capstyle="butt", zorder=2, gid="ci")
        if low < low_x:
            ax.plot([low_x], [y], marker="<", color=color, markersize=4, clip_on=False)
        if high > high_x:
            ax.plot([high_x], [y], marker=">", color=color, markersize=4, clip_on=False)
        if np.isfinite(estimate) and low_x <= estimate <= high_x:
            ax.plot([estimate], [y], marker="s", markersize=sizes[i], color=color,
                    markeredgecolor="white", markeredgewidth=0.5, zorder=3, gid="estimate")

    # label column: left-aligned tick labels, group headers in bold
    label_width = _left_aligned_labels(ax, range(-1, len(rows)), [label_header] + [text for text, _ in rows],
                         fontsize, bold=[0] + [k + 1 for k, (_, i) in enumerate(rows) if i is None])

    # text columns to the right of the axes
    percent_scale = measure in ("proportion", "rd")
    digits = 1 if percent_scale else 2
    scale = 100.0 if percent_scale else 1.0
    columns = []
    if measure == "proportion" and {"events", "n"} <= set(frame.columns):
        columns.append(("k/n", lambda i: f"{frame.at[i, 'events']}/{frame.at[i, 'n']}"))
    elif {"events1", "n1", "events2", "n2"} <= set(frame.columns):
        columns.append((f"{arms[0]} k/n", lambda i: f"{frame.at[i, 'events1']}/{frame.at[i, 'n1']}"))
        columns.append((f"{arms[1]} k/n", lambda i: f"{frame.at[i, 'events2']}/{frame.at[i, 'n2']}"))
    level = f"{confidence * 100:g}% CI"
    header = {"proportion": f"Rate, % ({level})", "rd": f"RD, points ({level})",
              "rr": f"RR ({level})", "or": f"OR ({level})"}[measure]
    columns.append((header, lambda i: _interval_text(frame.loc[i], scale, digits)))
    offset = _GAP_POINTS
    for head, text_of in columns:
        texts = [text_of(i) for _, i in rows if i is not None]
        width = max(_text_width_points(ax, texts, fontsize),
                    _text_width_points(ax, [head], fontsize, weight="bold"))
        transform = _offset(ax, offset)
        ax.text(1.0, -1, head, transform=transform, fontsize=fontsize, fontweight="bold",
                va="center", ha="left", clip_on=False)
        for y, (_, i) in enumerate(rows):
            if i is not None:
                ax.text(1.0, y, text_of(i), transform=transform, fontsize=fontsize,
                        va="center", ha="left", clip_on=False)
        offset += width + _GAP_POINTS

    # axis
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    if ratio:
        ax.xaxis.set_major_locator(ticker.FixedLocator(_ratio_ticks(low_x, high_x)))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}"))
        ax.xaxis.set_minor_locator(ticker.NullLocator())
    elif measure == "proportion":
        ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    else:
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: _fmt(100 * x, 0)))
    name = xlabel if xlabel is not None else {
        "proportion": "Proportion", "rd": "Risk difference (percentage points)",
        "rr": "Risk ratio (log scale)", "or": "Odds ratio (log scale)"}[measure]
    label_pad = 4.0
    if favours is not None:
        _favours(ax, reference, favours, fontsize)
        label_pad = fontsize * 1.6 + 4
    ax.set_xlabel(f"{name}; {level}: {_method_name(method)}" if method else name,
                  fontsize=fontsize, labelpad=label_pad)
    if title:
        _title(ax, title, fontsize, label_width)
    if created:
        _fit_figure(ax)
    return ax

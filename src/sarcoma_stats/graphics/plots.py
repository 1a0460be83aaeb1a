"""Figures: forest charts, toxicity charts, the two-arm figure, the verdict chart and power curves.

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
import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .._validation import check_choice, check_confidence

__all__ = [
    "forest_plot",
    "toxicity_chart",
    "grade3_comparison_chart",
    "two_arm_figure",
    "verdict_chart",
    "power_chart",
]

MEASURES = ("proportion", "rd", "rr", "or")
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
VERDICT_COLORS = {"inconsistent": "#D55E00", "query": "#E69F00", "consistent": "#009E73",
                  "not-checkable": "#999999"}
VERDICTS = tuple(VERDICT_COLORS)  # in the order of sarcoma_stats.claims.verdict.VERDICTS
# Sequential (ColorBrewer OrRd) colours for CTCAE grades 1-4: darker is worse.
GRADE_COLORS = ("#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
ARM_COLORS = ("#0072B2", "#E69F00")

_ROW_INCHES = 0.26  # height of one row of a forest chart
_PAD_INCHES = 0.08  # white margin around a figure we create
_GAP_POINTS = 8.0  # space between text columns
_EXTRA_LINE = 0.75  # extra height, in rows, of each further line of a wrapped label


# --------------------------------------------------------------------------------------------
# Layout helpers
# --------------------------------------------------------------------------------------------

def _check_frame(frame, name, columns=()):
    """A non-empty DataFrame holding ``columns``; TypeError / ValueError naming ``name``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.empty:
        raise ValueError(f"{name} must hold at least one row; got an empty DataFrame")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing the columns {missing}; got {list(frame.columns)}")
    return frame


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
    transform = ax.transAxes + ScaledTranslation(-indent / 72.0, 6 / 72.0,
                                                 ax.figure.dpi_scale_trans)
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
        if label not in _check_frame(data, "data").columns:
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
        if measure == "proportion":
            from ..stats.proportions import proportion_ci

            result = proportion_ci(frame["events"].to_numpy(), frame["n"].to_numpy(),
                                   method="wilson" if method is None else method,
                                   confidence=confidence)
        else:
            from ..stats.comparisons import compare_proportions

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


def _layout_rows(frame, label, group, wrap=None):
    """Display rows top to bottom and the y of the bottom edge.

    Each row is ``(text, frame index or None for a group header, y of its centre)``. Rows are
    one unit tall (the first centred on 0); a label longer than ``wrap`` characters is wrapped
    and its row grows by ``_EXTRA_LINE`` units per extra line, so wrapped labels never overlap.
    """
    entries = []
    has_groups = frame[group].notna().any()
    order = list(dict.fromkeys(frame[group].where(frame[group].notna(), None)))
    for name in order:
        members = frame.index[frame[group].isna()] if name is None else \
            frame.index[frame[group] == name]
        if name is not None:
            entries.append(("", str(name), None))
        indent = "   " if has_groups and name is not None else ""
        entries.extend((indent, str(frame.at[i, label]), i) for i in members)
    rows, top = [], -0.5
    for indent, text, i in entries:
        lines = textwrap.wrap(text, wrap) if wrap and len(text) > wrap else [text]
        height = 1.0 + _EXTRA_LINE * (len(lines) - 1)
        rows.append(("\n".join(indent + line for line in lines), i, top + height / 2))
        top += height
    return rows, top


def _fraction_text(frame, i, events, n):
    return f"{_count_text(frame.at[i, events])}/{_count_text(frame.at[i, n])}"


def _count_text(value):
    """A count for display: 14 (not 14.0)."""
    number = float(value)
    return str(int(number)) if number.is_integer() else str(value)


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
                label_header="Study", xlabel=None, xlim=None, title=None, wrap=60, fontsize=9,
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
        The interval method passed to ``proportion_ci`` (default ``"wilson"``) or
        ``compare_proportions`` (default: its own default for the measure), or the name of the
        method that produced given ``estimate/low/high`` columns. Named in the axis label.
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
    wrap : int or None
        Labels longer than this many characters are wrapped onto several lines (their rows
        grow taller); None never wraps (the figure grows wider instead).
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
    ['Study', 'Pazopanib', '   Trial A', '   Trial B', 'Regorafenib', '   Trial C']
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
    rows, bottom = _layout_rows(frame, label, group, wrap)
    created = ax is None
    if created:
        ax = _new_axes(axes_width, _ROW_INCHES * (bottom + 1.9))
    ratio = measure in ("rr", "or")
    low_x, high_x = _x_limits(frame, measure, reference, xlim)
    if ratio:
        ax.set_xscale("log")
    ax.set_xlim(low_x, high_x)
    ax.set_ylim(bottom + 0.1, -1.6)

    # marker size: area proportional to the number of patients
    if {"n1", "n2"} <= set(frame.columns):
        sizes = frame["n1"].to_numpy(dtype=float) + frame["n2"].to_numpy(dtype=float)
    elif "n" in frame.columns:
        sizes = frame["n"].to_numpy(dtype=float)
    else:
        sizes = np.ones(len(frame))
    sizes = 4.0 + 6.0 * np.sqrt(sizes / np.nanmax(sizes))

    if reference is not None:
        ax.plot([reference, reference], [-0.6, bottom + 0.1], color="0.45", linewidth=0.8,
                linestyle="--", zorder=1, gid="reference")
    for _, i, y in rows:
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
                    markeredgecolor="white", markeredgewidth=0.5, zorder=3, clip_on=False,
                    gid="estimate")

    # label column: left-aligned tick labels, group headers in bold
    label_width = _left_aligned_labels(
        ax, [-1] + [y for _, _, y in rows], [label_header] + [text for text, _, _ in rows],
        fontsize, bold=[0] + [k + 1 for k, (_, i, _) in enumerate(rows) if i is None])

    # text columns to the right of the axes
    percent_scale = measure in ("proportion", "rd")
    digits = 1 if percent_scale else 2
    scale = 100.0 if percent_scale else 1.0
    columns = []
    if measure == "proportion" and {"events", "n"} <= set(frame.columns):
        columns.append(("k/n", lambda i: _fraction_text(frame, i, "events", "n")))
    elif {"events1", "n1", "events2", "n2"} <= set(frame.columns):
        columns.append((f"{arms[0]} k/n", lambda i: _fraction_text(frame, i, "events1", "n1")))
        columns.append((f"{arms[1]} k/n", lambda i: _fraction_text(frame, i, "events2", "n2")))
    level = f"{confidence * 100:g}% CI"
    header = {"proportion": f"Rate, % ({level})", "rd": f"RD, points ({level})",
              "rr": f"RR ({level})", "or": f"OR ({level})"}[measure]
    columns.append((header, lambda i: _interval_text(frame.loc[i], scale, digits)))
    offset = _GAP_POINTS
    for head, text_of in columns:
        texts = [text_of(i) for _, i, _ in rows if i is not None]
        width = max(_text_width_points(ax, texts, fontsize),
                    _text_width_points(ax, [head], fontsize, weight="bold"))
        transform = _offset(ax, offset)
        ax.text(1.0, -1, head, transform=transform, fontsize=fontsize, fontweight="bold",
                va="center", ha="left", clip_on=False)
        for _, i, y in rows:
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


# --------------------------------------------------------------------------------------------
# Stacked bars: toxicity grades, verdicts
# --------------------------------------------------------------------------------------------

def _stacked_bars(ax, labels, counts, names, colors, fontsize, segment_texts, end_texts, xmax):
    """Horizontal stacked bars, one per label (top to bottom), one segment per category.

    ``segment_texts[row][category]`` lists alternative texts, longest first: the first that
    fits inside the segment is drawn (none if none fits). ``end_texts`` go after each bar.
    Returns the width in points of the label column.
    """
    counts = np.asarray(counts, dtype=float)
    ax.set_xlim(0, xmax)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    axes_points = ax.get_window_extent().width * 72.0 / ax.figure.dpi
    left = np.zeros(len(labels))
    for j, (name, color) in enumerate(zip(names, colors)):
        ax.barh(np.arange(len(labels)), counts[:, j], left=left, height=0.62, color=color,
                edgecolor="white", linewidth=0.6, label=name)
        dark = sum(int(color[k:k + 2], 16) for k in (1, 3, 5)) < 3 * 150
        for y, (count, start) in enumerate(zip(counts[:, j], left)):
            room = count / xmax * axes_points
            fitting = [t for t in segment_texts[y][j]
                       if count > 0 and _text_width_points(ax, [t], fontsize) + 3 <= room]
            if fitting:
                ax.text(start + count / 2, y, fitting[0], ha="center", va="center",
                        fontsize=fontsize, color="white" if dark else "black")
        left = left + counts[:, j]
    for y, text in enumerate(end_texts):
        ax.text(left[y], y, f" {text}", ha="left", va="center", fontsize=fontsize, clip_on=False)
    width = _left_aligned_labels(ax, range(len(labels)), list(labels), fontsize)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=len(names), frameon=False,
              fontsize=fontsize, handlelength=1.2, columnspacing=1.2, borderaxespad=0.3)
    return width


def _count_cell(value, column, row):
    """A printed count cell as an int (an empty cell draws nothing: 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    text = str(value).strip()
    if text == "":
        return 0
    if not text.isdigit():
        raise ValueError(f"table column {column!r} must hold whole counts; "
                         f"got {value!r} in row {row!r}")
    return int(text)


def toxicity_chart(table, *, ax=None, label="toxicity", grades=(1, 2, 3, 4), n=None, title=None,
                   fontsize=9, colors=GRADE_COLORS, axes_width=4.2):
    """Stacked horizontal bars of adverse events by grade: one bar per toxicity.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per toxicity with a label column and, for each grade ``g`` in ``grades``, a
        count column ``grade{g}_n`` and optionally a printed percentage column ``grade{g}_pct``
        (e.g. ``load_tables()["ni2024-table2"].to_frame()``). Cells may be printed text
        (``"7"``, ``"50.0"``); an empty cell counts as no patients.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure (taller with more rows) when None.
    label : str
        The label column.
    grades : sequence of int
        The grades to stack, in order.
    n : int, optional
        Number of patients (the table's N): sets the axis to 0..N and adds "k/N (x%)" after
        each bar, where k is the number of patients with the event at any of the grades.
    title : str, optional
    fontsize : float
    colors : sequence of str
        One colour per grade (default: a sequential orange-red scale, darker is worse).
    axes_width : float
        Width in inches of the plotting area when a figure is created.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing, a count cell is not a whole number, ``n`` is not a positive
        integer or a row's counts exceed it.

    Notes
    -----
    Each segment is labelled with its count and, where the table prints one, its printed
    percentage ("7 (50.0%)"), when the label fits inside the segment; the bar ends with the
    total. The total is a number of patients only when each patient is counted once per
    toxicity, at the worst grade, as toxicity tables usually do.

    References
    ----------
    .. [1] National Cancer Institute. Common Terminology Criteria for Adverse Events (CTCAE)
       v5.0, 2017.

    Examples
    --------
    >>> import pandas as pd
    >>> from sarcoma_stats import toxicity_chart
    >>> table = pd.DataFrame({"toxicity": ["Neutropenia", "Anemia"],
    ...                       "grade1_n": ["7", "5"], "grade1_pct": ["50.0", "35.7"],
    ...                       "grade2_n": ["2", "4"], "grade2_pct": ["14.3", "28.6"],
    ...                       "grade3_n": ["2", "0"], "grade3_pct": ["14.3", ""],
    ...                       "grade4_n": ["3", "0"], "grade4_pct": ["21.4", ""]})
    >>> ax = toxicity_chart(table, n=14)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Neutropenia', 'Anemia']
    >>> [float(p.get_width()) for p in ax.patches[:2]]  # grade 1 segments
    [7.0, 5.0]
    """
    _check_frame(table, "table", [label] + [f"grade{g}_n" for g in grades])
    names = [str(x) for x in table[label]]
    counts = np.array([[_count_cell(row[f"grade{g}_n"], f"grade{g}_n", row[label]) for g in grades]
                       for _, row in table.iterrows()])
    totals = counts.sum(axis=1)
    if n is not None:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"n must be a positive integer; got {n!r}")
        if totals.max() > n:
            raise ValueError(f"n is {n} but the row {names[int(totals.argmax())]!r} counts "
                             f"{int(totals.max())} patients")
    segments = []
    for _, row in table.iterrows():
        texts = []
        for g in grades:
            count = _count_cell(row[f"grade{g}_n"], f"grade{g}_n", row[label])
            pct = str(row.get(f"grade{g}_pct", "") or "").strip()
            if pct == "nan":
                pct = ""
            texts.append((f"{count} ({pct}%)", str(count)) if pct else (str(count),))
        segments.append(texts)
    if n is None:
        ends = [str(int(t)) for t in totals]
        xmax = float(totals.max()) * 1.02 or 1.0
    else:
        ends = [f"{int(t)}/{n} ({100 * t / n:.1f}%)" for t in totals]
        xmax = float(n)
    created = ax is None
    if created:
        ax = _new_axes(axes_width, 0.34 * len(names) + 0.2)
    indent = _stacked_bars(ax, names, counts, [f"Grade {g}" for g in grades], colors, fontsize,
                           segments, ends, xmax)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("Patients" if n is None else f"Patients (N = {n})", fontsize=fontsize)
    if title:
        _title_above_legend(ax, title, fontsize, indent)
    if created:
        _fit_figure(ax)
    return ax


def _title_above_legend(ax, title, fontsize, indent):
    """A bold title above the legend row on top of ``ax``, ``indent`` points left of the axes."""
    transform = ax.transAxes + ScaledTranslation(-indent / 72.0, (fontsize * 2.2 + 6) / 72.0,
                                                 ax.figure.dpi_scale_trans)
    ax.text(0, 1, title, transform=transform, fontsize=fontsize + 1, fontweight="bold",
            ha="left", va="bottom", clip_on=False)


def verdict_chart(verdicts, *, ax=None, source="source", verdict="verdict", share=False,
                  title=None, fontsize=9, colors=None, axes_width=3.4):
    """Per source, how many claims are consistent, inconsistent or not checkable.

    Parameters
    ----------
    verdicts : pandas.DataFrame
        One row per claim with a source column and a verdict column (``consistent``,
        ``inconsistent`` or ``not-checkable``), as :func:`~sarcoma_stats.verify_claims` returns.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure (taller with more sources) when None.
    source, verdict : str
        Column names.
    share : bool
        Draw each source's bar as shares of its claims (0-100 %), so that the mix of small
        sources stays visible next to large ones; the counts are still printed.
    title : str, optional
    fontsize : float
    colors : Mapping[str, str], optional
        Colour per verdict (default: Okabe-Ito vermillion, bluish green and grey).
    axes_width : float
        Width in inches of the plotting area when a figure is created.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If a column is missing, the frame is empty or a verdict is not one of the three.

    Notes
    -----
    Sources are drawn in sorted order of their ids, one bar each, segments in the order
    inconsistent, consistent, not checkable; each segment shows its count when it fits, each
    bar ends with the number of claims and the count of each verdict.

    References
    ----------
    .. [1] Okabe M, Ito K. Color Universal Design (CUD): how to make figures and presentations
       that are friendly to colorblind people. 2008. https://jfly.uni-koeln.de/color/

    Examples
    --------
    >>> import pandas as pd
    >>> from sarcoma_stats import verdict_chart
    >>> verdicts = pd.DataFrame({"source": ["a", "a", "b"],
    ...                          "verdict": ["consistent", "inconsistent", "not-checkable"]})
    >>> ax = verdict_chart(verdicts)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    """
    _check_frame(verdicts, "verdicts", (source, verdict))
    unknown = sorted(set(verdicts[verdict]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"verdict must be one of {', '.join(map(repr, VERDICTS))}; got {unknown}")
    colors = dict(VERDICT_COLORS, **(colors or {}))
    sources = sorted(set(map(str, verdicts[source])))
    counts = np.array([[int(((verdicts[source].astype(str) == s) & (verdicts[verdict] == v)).sum())
                        for v in VERDICTS] for s in sources])
    totals = counts.sum(axis=1)
    lengths = counts / totals[:, None] if share else counts
    segments = [[(str(c),) for c in row] for row in counts]
    ends = [f"{int(row.sum())} claims: " + ", ".join(f"{c} {v.replace('-', ' ')}"
                                              for c, v in zip(row, VERDICTS) if c)
            for row in counts]
    created = ax is None
    if created:
        ax = _new_axes(axes_width, 0.34 * len(sources) + 0.2)
    indent = _stacked_bars(ax, sources, lengths, [v.replace("-", " ") for v in VERDICTS],
                           [colors[v] for v in VERDICTS], fontsize, segments, ends,
                           1.0 if share else float(totals.max()))
    if share:
        ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
        ax.set_xlabel("Share of the source's claims", fontsize=fontsize)
    else:
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        ax.set_xlabel("Claims", fontsize=fontsize)
    if title:
        _title_above_legend(ax, title, fontsize, indent)
    if created:
        _fit_figure(ax)
    return ax


# --------------------------------------------------------------------------------------------
# Two arms
# --------------------------------------------------------------------------------------------

def _two_arm_rows(data, label):
    """Validate the frame of grade3_comparison_chart; return it with a clean index."""
    _check_frame(data, "data")
    for arm in (1, 2):
        counts = {f"events{arm}", f"n{arm}"} <= set(data.columns)
        if not (counts or f"percent{arm}" in data.columns):
            raise ValueError(f"data must have the columns events{arm} and n{arm} "
                             f"(or percent{arm}); got {list(data.columns)}")
    if label not in data.columns:
        raise ValueError(f"data must have a {label!r} column; got {list(data.columns)}")
    return data.reset_index(drop=True)


def _present(row, column):
    value = row.get(column)
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def grade3_comparison_chart(data, *, ax=None, arms=("Arm 1", "Arm 2"), label="label",
                            group="group", method="wilson", confidence=0.95,
                            xlabel="Patients with the event", title=None, wrap=60, fontsize=9,
                            colors=ARM_COLORS, axes_width=3.0):
    """Paired bars: the rate of each adverse event (e.g. grade >= 3) in two arms, with CIs.

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
        Labels longer than this many characters are wrapped onto several lines.
    fontsize : float
    colors : pair of str
        Colours of arm 1 and arm 2.
    axes_width : float
        Width in inches of the plotting area when a figure is created.

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
    "k/n (x%)" per arm, or "x% (no counts)" for a percentage printed without its counts. For the
    difference between the arms with its interval use :func:`forest_plot` with
    ``measure="rd"``.

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
    >>> ax = grade3_comparison_chart(events, arms=("Pazopanib", "Control"))
    >>> len([line for line in ax.lines if line.get_gid() == "ci"])
    4
    """
    from ..stats.proportions import proportion_ci

    frame = _two_arm_rows(data, label)
    if group not in frame.columns:
        frame[group] = None
    confidence = check_confidence(confidence)
    rows, bottom = _layout_rows(frame, label, group, wrap)
    bars = []  # (y, estimate, low, high, text, arm index)
    for _, i, y in rows:
        if i is None:
            continue
        row = frame.loc[i]
        for a, shift in ((0, -0.19), (1, 0.19)):
            events, n, pct = f"events{a + 1}", f"n{a + 1}", f"percent{a + 1}"
            if _present(row, events) and _present(row, n):
                result = proportion_ci(row[events], row[n], method=method, confidence=confidence)
                method = result.method
                estimate = float(result.estimate)
                bars.append((y + shift, estimate, float(result.low), float(result.high),
                             f"{_count_text(row[events])}/{_count_text(row[n])} "
                             f"({100 * estimate:.1f}%)", a))
            elif _present(row, pct):
                value = float(str(row[pct]).rstrip("%"))
                bars.append((y + shift, value / 100, None, None, f"{row[pct]}% (no counts)", a))
            else:
                raise ValueError(f"row {row[label]!r}: arm {a + 1} has neither counts "
                                 f"({events}, {n}) nor a percentage ({pct})")
    created = ax is None
    if created:
        ax = _new_axes(axes_width, 0.5 * (bottom + 0.5) + 0.3)
    top = max(b[3] if b[3] is not None else b[1] for b in bars)
    ax.set_xlim(0, min(1.0, math.ceil(top * 10 + 0.5) / 10))
    ax.set_ylim(bottom, -0.5)
    for a, (color, arm) in enumerate(zip(colors, arms)):
        mine = [b for b in bars if b[5] == a]
        ax.barh([b[0] for b in mine], [b[1] for b in mine], height=0.36, color=color, alpha=0.85,
                label=arm)
    transform = _offset(ax, _GAP_POINTS)
    for y, _, low, high, text, a in bars:
        if low is not None:
            ax.plot([low, high], [y, y], color="black", linewidth=1.1, solid_capstyle="butt",
                    gid="ci")
        ax.text(1.0, y, text, transform=transform, fontsize=fontsize, va="center", ha="left",
                color=colors[a], clip_on=False)
    headers = [k for k, (_, i, _) in enumerate(rows) if i is None]
    indent = _left_aligned_labels(ax, [y for _, _, y in rows], [text for text, _, _ in rows],
                                  fontsize, bold=headers)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False,
              fontsize=fontsize, handlelength=1.2, borderaxespad=0.3)
    level = f"{confidence * 100:g}% CI"
    ax.set_xlabel(f"{xlabel}; {level}: {_method_name(method)}", fontsize=fontsize)
    if title:
        _title_above_legend(ax, title, fontsize, indent)
    if created:
        _fit_figure(ax)
    return ax


def _format_p(p):
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.2g}" if p < 0.1 else f"p = {p:.2f}"


def two_arm_figure(k1, n1, k2, n2, *, labels=("Arm 1", "Arm 2"), outcome="Response",
                   measure="rd", method=None, rate_method="wilson", confidence=0.95, axes=None,
                   title=None, fontsize=9, colors=ARM_COLORS):
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
        What is counted, e.g. "Near-complete pathological response"; the left panel's axis label.
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
    colors : pair of str
        Colours of the two arms.

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
    arm 1 minus arm 2 (percentage points); ratios are arm 1 over arm 2.

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
    """
    from ..stats.comparisons import compare_proportions
    from ..stats.hypotests import fisher_exact
    from ..stats.proportions import proportion_ci

    measure = check_choice(measure, "measure", MEASURES[1:])
    rates = proportion_ci([k1, k2], [n1, n2], method=rate_method, confidence=confidence)
    effect = compare_proportions(k1, n1, k2, n2, measure=measure, method=method,
                                 confidence=confidence)
    pvalue = float(fisher_exact([[k1, n1 - k1], [k2, n2 - k2]]).pvalue)
    if axes is None:
        fig = Figure(figsize=(7.0, 3.8), layout="constrained")
        rates_ax, effect_ax = fig.subplots(1, 2, width_ratios=(3, 2))
        if title:
            fig.suptitle(title, fontsize=fontsize + 1, fontweight="bold", x=0.01, ha="left")
    else:
        rates_ax, effect_ax = axes
    level = f"{confidence * 100:g}% CI"

    estimate = np.asarray(rates.estimate, dtype=float)
    low, high = np.asarray(rates.low, dtype=float), np.asarray(rates.high, dtype=float)
    rates_ax.bar([0, 1], estimate, width=0.55, color=colors, alpha=0.85)
    for x, (e, lo, hi) in enumerate(zip(estimate, low, high)):
        rates_ax.plot([x, x], [lo, hi], color="black", linewidth=1.3, gid="ci")
        for end in (lo, hi):
            rates_ax.plot([x - 0.08, x + 0.08], [end, end], color="black", linewidth=1.3)
        rates_ax.text(x + 0.1, hi, f"{100 * e:.1f}%\n({100 * lo:.1f} to {100 * hi:.1f})",
                      fontsize=fontsize - 1, va="top", ha="left")
    rates_ax.set_xticks([0, 1])
    rates_ax.set_xticklabels([f"{textwrap.fill(labels[0], 22)}\n{k1}/{n1}",
                              f"{textwrap.fill(labels[1], 22)}\n{k2}/{n2}"], fontsize=fontsize)
    rates_ax.set_xlim(-0.5, 1.85)
    rates_ax.set_ylim(0, 1)
    rates_ax.yaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    rates_ax.tick_params(labelsize=fontsize)
    rates_ax.set_title(textwrap.fill(outcome, 45), fontsize=fontsize, loc="left")
    rates_ax.set_ylabel(f"Patients, % ({level}: {_method_name(rates.method)})", fontsize=fontsize)
    for side in ("top", "right"):
        rates_ax.spines[side].set_visible(False)

    value, lo, hi = float(effect.estimate), float(effect.low), float(effect.high)
    ratio = measure != "rd"
    reference = 1.0 if ratio else 0.0
    scale, digits = (1.0, 2) if ratio else (100.0, 1)
    if ratio:
        effect_ax.set_yscale("log")
    effect_ax.axhline(reference, color="0.45", linewidth=0.8, linestyle="--", gid="reference")
    effect_ax.plot([0, 0], [lo, hi], color="black", linewidth=1.3, gid="ci")
    effect_ax.plot([0], [value], marker="s", markersize=8, color="black", gid="estimate")
    unit = "" if ratio else " points"
    effect_ax.text(0.12, value, f"{_fmt(scale * value, digits)}{unit}\n"
                   f"({_fmt(scale * lo, digits)} to {_fmt(scale * hi, digits)})\n"
                   f"Fisher exact\n{_format_p(pvalue)}", fontsize=fontsize - 1, va="center",
                   ha="left")
    effect_ax.set_xlim(-0.4, 1.6)
    effect_ax.set_xticks([])
    if ratio:
        span = np.log10([min(lo, reference), max(hi, reference)])
        ylim = 10 ** (span[0] - 0.15), 10 ** (span[1] + 0.15)
        effect_ax.set_ylim(*ylim)
        effect_ax.yaxis.set_major_locator(ticker.FixedLocator(_ratio_ticks(*ylim)))
        effect_ax.yaxis.set_minor_locator(ticker.NullLocator())
        effect_ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda y, _: f"{y:g}"))
    else:
        effect_ax.set_ylim(min(-0.2, lo - 0.05), max(0.2, hi + 0.05))
        effect_ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda y, _: _fmt(100 * y, 0)))
    effect_ax.tick_params(labelsize=fontsize)
    name = {"rd": "Difference", "rr": "Risk ratio", "or": "Odds ratio"}[measure]
    sign = "−" if measure == "rd" else "/"
    effect_ax.set_title(textwrap.fill(f"{name}: {labels[0]} {sign} {labels[1]}", 32),
                        fontsize=fontsize, loc="left")
    effect_ax.set_ylabel(f"{'Percentage points' if measure == 'rd' else name} "
                         f"({level}: {_method_name(effect.method)})", fontsize=fontsize)
    for side in ("top", "right", "bottom"):
        effect_ax.spines[side].set_visible(False)
    return rates_ax, effect_ax


# --------------------------------------------------------------------------------------------
# Power curves
# --------------------------------------------------------------------------------------------

_AXIS_NAMES = {"n1": "Patients in arm 1", "n2": "Patients in arm 2",
               "p1": "Event probability, arm 1", "p2": "Event probability, arm 2"}


def power_chart(curves, *, ax=None, x="n1", target=0.8, marks=None, title=None, xlabel=None,
                fontsize=9, colors=None, axes_width=4.2, axes_height=2.6):
    """Exact power curves, one line per test or scenario.

    Parameters
    ----------
    curves : Mapping[str, PowerResult or pandas.DataFrame]
        Line label -> the result of :func:`~sarcoma_stats.power_curve` (or its ``to_frame()``):
        a frame with the column ``x`` and a ``power`` column.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure when None.
    x : {"n1", "n2", "p1", "p2"}
        What varies along the horizontal axis.
    target : float or None
        A horizontal reference line at this power (conventionally 0.8); None for none.
    marks : Mapping[str, float], optional
        Vertical dotted lines at these x values, labelled (e.g. a planned and an achieved size).
    title : str, optional
    xlabel : str, optional
        Label of the horizontal axis (default: what ``x`` is, e.g. "Patients in arm 1").
    fontsize : float
    colors : sequence of str, optional
        One colour per curve (default: the Okabe-Ito palette); line styles differ too, so that
        curves lying on each other stay distinguishable.
    axes_width, axes_height : float
        Size in inches of the plotting area when a figure is created.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``curves`` is empty, a curve lacks the ``x`` or ``power`` column, ``x`` is not one of
        the four, or ``target`` is outside (0, 1).

    Notes
    -----
    Each curve is a line with markers (``gid="power"``), in the order given; the target line has
    ``gid="reference"``. The vertical axis is the probability of rejecting, 0 to 100 %.

    References
    ----------
    .. [1] Fleiss JL, Levin B, Paik MC. Statistical Methods for Rates and Proportions. 3rd ed.
           Wiley; 2003, chapter 4 (sample size and power).

    Examples
    --------
    >>> import numpy as np
    >>> from sarcoma_stats import power_chart, power_curve
    >>> sizes = np.arange(10, 61, 10)
    >>> ax = power_chart({"Fisher": power_curve(sizes, sizes, 0.58, 0.22)}, marks={"planned": 50})
    >>> [round(float(y), 3) for y in ax.get_lines()[0].get_ydata()]
    [0.195, 0.539, 0.754, 0.886, 0.949, 0.977]
    """
    x = check_choice(x, "x", tuple(_AXIS_NAMES))
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError(f"curves must be a non-empty mapping of label to power curve; got {curves!r}")
    if target is not None and not 0 < float(target) < 1:
        raise ValueError(f"target must be in (0, 1) or None; got {target!r}")
    frames = {}
    for label, curve in curves.items():
        frame = curve if isinstance(curve, pd.DataFrame) else curve.to_frame()
        frames[str(label)] = _check_frame(frame, f"curve {label!r}", (x, "power")).sort_values(x)
    colors = list(colors or ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"))
    created = ax is None
    if created:
        ax = _new_axes(axes_width, axes_height)
    styles = ("-", "--", "-.", ":")
    for i, (label, frame) in enumerate(frames.items()):
        ax.plot(frame[x], frame["power"], marker="o", markersize=3, linewidth=1.4,
                linestyle=styles[i % len(styles)], color=colors[i % len(colors)], label=label,
                gid="power")
    if target is not None:
        ax.axhline(float(target), color="0.4", linestyle="--", linewidth=0.8, gid="reference")
    for name, value in sorted((marks or {}).items(), key=lambda item: item[1]):
        ax.axvline(value, color="0.3", linestyle=":", linewidth=0.9)
        ax.annotate(name, (value, 0.02), xytext=(3, 0), textcoords="offset points",
                    rotation=90, va="bottom", fontsize=fontsize - 1, color="0.3")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    ax.set_ylabel("Power (probability of rejecting)", fontsize=fontsize)
    ax.set_xlabel(xlabel or _AXIS_NAMES[x], fontsize=fontsize)
    ax.tick_params(labelsize=fontsize)
    ax.grid(True, color="0.9", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=fontsize, frameon=False, loc="upper left")
    if title:
        _title(ax, title, fontsize)
    if created:
        _fit_figure(ax)
    return ax

"""Forest charts: one row per study, arm or comparison, with its estimate and interval."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.transforms import ScaledTranslation

from .._validation import check_choice, check_confidence
from . import _layout as lay

__all__ = ["forest_plot"]

MEASURES = ("proportion", "rd", "rr", "or")
_ROW_EMS = 2.1  # height of one row, in units of the font size
_SQUARE_SHARE = 0.55  # side of the largest square, as a share of the row height


def _frame_from_results(data, label):
    """A frame with estimate/low/high from a mapping of label -> result; measure and method."""
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
    return pd.DataFrame(rows), measures.pop(), methods.pop() if len(methods) == 1 else None


def _forest_frame(data, measure, method, confidence, label, group):
    """Validate the input of forest_plot; return (frame, measure, method, confidence)."""
    if isinstance(data, Mapping):
        frame, given_measure, given_method = _frame_from_results(data, label)
        measure = given_measure if measure is None else measure
        method = given_method if method is None else method
    elif isinstance(data, pd.DataFrame):
        if label not in lay.check_frame(data, "data").columns:
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
        for column in ("estimate", "low", "high"):
            frame[column] = np.asarray(getattr(result, column), dtype=float).reshape(-1)
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


def ratio_ticks(low, high):
    """Ticks 1, 2, 5 x 10^k inside (low, high), for a logarithmic ratio axis."""
    candidates = [m * 10.0 ** e for e in range(-3, 4) for m in (1, 2, 5)]
    ticks = [t for t in candidates if low <= t <= high]
    return ticks if len(ticks) >= 2 else [t for t in candidates if low / 10 <= t <= high * 10]


def _row_sizes(frame):
    """The number of patients behind each row (n, or n1 + n2), or None when not given."""
    if {"n1", "n2"} <= set(frame.columns):
        return frame["n1"].to_numpy(dtype=float) + frame["n2"].to_numpy(dtype=float)
    if "n" in frame.columns:
        return frame["n"].to_numpy(dtype=float)
    return None


def _decimals(frame, measure):
    """Decimals per row: what the counts justify for percentages and points, 2 for ratios."""
    if measure in ("rr", "or"):
        return [2] * len(frame)
    if measure == "proportion" and "n" in frame.columns:
        return [lay.percent_decimals(n) for n in frame["n"]]
    if {"n1", "n2"} <= set(frame.columns):
        return [lay.percent_decimals(max(a, b)) for a, b in zip(frame["n1"], frame["n2"])]
    return [1] * len(frame)


def _interval_text(row, scale, digits, compact):
    """ "estimate (low to high)", or "not estimable" when the estimate or interval is undefined."""
    if not np.isfinite(row["estimate"]) or np.isnan(row["low"]) or np.isnan(row["high"]):
        return "not estimable"
    return lay.interval(scale * row["estimate"], scale * row["low"], scale * row["high"], digits,
                        compact)


def _count_columns(frame, measure, arms):
    """(header, text of row i) of the count columns: n/N, or one per arm."""
    def counts(k, n):
        return lambda i: f"{lay.count_text(frame.at[i, k])}/{lay.count_text(frame.at[i, n])}"

    if measure == "proportion" and {"events", "n"} <= set(frame.columns):
        return [("n/N", counts("events", "n"))]
    if not {"events1", "n1", "events2", "n2"} <= set(frame.columns):
        return []
    return [(f"{arm}, n/N", counts(k, n)) for arm, (k, n) in
            zip(arms, (("events1", "n1"), ("events2", "n2")))]


def _favours(ax, reference, favours, fontsize):
    """"<- left" and "right ->" under the x tick labels, either side of the reference line."""
    left_text, right_text = favours
    for text, shift, align in ((f"← {left_text}", -3, "right"), (f"{right_text} →", 3, "left")):
        transform = ax.get_xaxis_transform() + ScaledTranslation(
            shift / 72.0, -(fontsize * 1.5 + 6) / 72.0, ax.figure.dpi_scale_trans)
        ax.text(reference, 0, lay.plain(text), transform=transform, ha=align, va="top",
                fontsize=fontsize, clip_on=False, color="0.25")


def forest_plot(data, *, ax=None, measure=None, method=None, confidence=0.95, label="label",
                group="group", reference=None, favours=None, arms=("Arm 1", "Arm 2"),
                label_header="Study", xlabel=None, xlim=None, title=None, wrap=None, fontsize=8,
                color="#0072B2", width=None, axes_width=3.0):
    """Forest chart: one row per study, arm or comparison, with its estimate and interval.

    Single-arm rates (``measure="proportion"``) or two-arm effects (risk difference ``"rd"``,
    risk ratio ``"rr"``, odds ratio ``"or"``; ratios on a log axis). Each row shows a square
    whose area is proportional to the number of patients and a horizontal line for the
    confidence interval; text columns give the row label (left), the counts and "estimate (low
    to high)" (right). Rows may be grouped (by drug, class or kind of comparison) under bold
    group headers.

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
        None, a new Figure is created whose height grows with the number of rows.
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
        Names of the two arms: the count columns are headed "<arm>, n/N".
    label_header : str
        Header of the label column.
    xlabel : str, optional
        Axis label; the interval method and level are appended to it.
    xlim : pair of float, optional
        Axis limits on the data scale. Interval ends beyond them are clipped and end in an arrow.
    title : str, optional
    wrap : int or None
        Labels longer than this many characters are wrapped onto several lines (their rows
        grow taller). Default: what the label column can hold at ``width``, else no wrapping.
    fontsize : float
        Font size of all text, in points (at print size when ``width`` is given).
    color : str
        Colour of the markers and interval lines.
    width : float, optional
        Total width in inches of a created figure, e.g. 3.5 (one journal column) or 7 (two):
        the plotting area takes what the text columns leave. When None, the plotting area is
        ``axes_width`` inches and the figure grows around it.
    axes_width : float
        Width in inches of the plotting area when ``width`` is None.

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
        ``low > high``, or a ``width`` the text columns do not leave room in.

    Notes
    -----
    Proportions are drawn on a 0-100 % axis; risk differences in percentage points, with the
    reference at 0; risk and odds ratios on a logarithmic axis with the reference at 1. The
    layout follows Lewis & Clarke (2001): one line per study, square markers whose *area* is
    proportional to the study size (``n``, or ``n1 + n2``: the side grows with its square root),
    the numbers printed beside the chart. Percentages and percentage points are printed with
    the decimals the counts justify (none under 100 patients, one under 1000); ratios with two.
    A row whose estimate is not finite (a ratio with zero events) prints "not estimable" and
    draws no marker.

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
    >>> ax = forest_plot(rates, reference=0.2, width=7)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Study', 'Pazopanib', '   Trial A', '   Trial B', 'Regorafenib', '   Trial C']
    >>> len([line for line in ax.lines if line.get_gid() == "ci"])
    3
    >>> float(ax.figure.get_figwidth())
    7.0
    >>> pairs = pd.DataFrame({"label": ["Near-complete response"],
    ...                       "events1": [14], "n1": [24], "events2": [4], "n2": [18]})
    >>> ax = forest_plot(pairs, measure="rr", arms=("Pazopanib", "Control"))
    >>> ax.get_xscale()
    'log'
    """
    frame, measure, method, confidence = _forest_frame(data, measure, method, confidence,
                                                        label, group)
    width = lay.check_width(width)
    if reference is None and measure != "proportion":
        reference = 0.0 if measure == "rd" else 1.0
    if reference is not None and not np.isfinite(reference):
        raise ValueError(f"reference must be a finite number; got {reference!r}")
    if wrap is None:
        wrap = lay.label_wrap(width, fontsize, share=0.38)
    # one journal column has no room for count columns: the counts go under the labels
    narrow = lay.is_narrow(width)
    columns = _count_columns(frame, measure, arms)
    notes = {i: " v ".join(text(i) for _, text in columns) for i in frame.index} \
        if narrow and columns else None
    if notes:
        label_header += "\n" + ("n/N" if len(columns) == 1 else f"n/N: {arms[0]} v {arms[1]}")
    rows, bottom = lay.layout_rows(frame, label, group, wrap, notes=notes,
                                   max_lines=lay.max_label_lines(width))
    row_inches = _ROW_EMS * fontsize / 72.0
    created = ax is None
    if created:
        ax = lay.new_axes(width or axes_width, row_inches * (bottom + 1.9))
    ratio = measure in ("rr", "or")
    low_x, high_x = _x_limits(frame, measure, reference, xlim)
    if ratio:
        ax.set_xscale("log")
    ax.set_xlim(low_x, high_x)

    # marker side in points: area proportional to the number of patients
    patients = _row_sizes(frame)
    biggest = _SQUARE_SHARE * _ROW_EMS * fontsize
    sides = np.full(len(frame), 0.6 * biggest) if patients is None else \
        biggest * np.sqrt(patients / np.nanmax(patients))

    if reference is not None:
        ax.plot([reference, reference], [-0.5, bottom + 0.1], color="0.45", linewidth=0.8,
                linestyle="--", zorder=1, gid="reference")
    for _, i, y in rows:
        if i is None:
            continue
        low, high, estimate = frame.at[i, "low"], frame.at[i, "high"], frame.at[i, "estimate"]
        if np.isnan(low) or np.isnan(high) or not np.isfinite(estimate):
            continue  # not estimable: the text column says so
        shown_low, shown_high = max(low, low_x), min(high, high_x)
        ax.plot([shown_low, shown_high], [y, y], color=color, linewidth=1.1,
                solid_capstyle="butt", zorder=2, gid="ci")
        if low < low_x:
            ax.plot([low_x], [y], marker="<", color=color, markersize=4, clip_on=False)
        if high > high_x:
            ax.plot([high_x], [y], marker=">", color=color, markersize=4, clip_on=False)
        if low_x <= estimate <= high_x:
            ax.plot([estimate], [y], marker="s", markersize=sides[i], color=color,
                    markeredgewidth=0, zorder=3, clip_on=False, gid="estimate")

    # text columns to the right of the axes, their heads no wider than their cells
    scale = 1.0 if ratio else 100.0
    digits = _decimals(frame, measure)
    if narrow:
        columns = []
    level = f"{confidence * 100:g}% CI"
    header = {"proportion": f"% ({level})", "rd": f"Difference, points ({level})",
              "rr": f"RR ({level})", "or": f"OR ({level})"}[measure]
    columns.append((header, lambda i: _interval_text(frame.loc[i], scale, digits[i], narrow)))
    cells = [[text_of(i) for _, i, _ in rows if i is not None] for _, text_of in columns]
    heads = [lay.wrap_text(head, max(10, max(map(len, texts)))) if width is not None else head
             for (head, _), texts in zip(columns, cells)]
    # the heads sit on the first row; the Axes grows up to hold their lines
    header_lines = max(text.count("\n") + 1 for text in [label_header, *heads])
    ax.set_ylim(bottom + 0.1, -0.7 - 0.6 * header_lines)

    # label column: left-aligned tick labels, group headers in bold
    label_width = lay.left_aligned_labels(
        ax, [-0.6] + [y for _, _, y in rows], [lay.plain(label_header)] + [t for t, _, _ in rows],
        fontsize, bold=[0] + [k + 1 for k, (_, i, _) in enumerate(rows) if i is None])
    ax.get_yticklabels()[0].set_verticalalignment("bottom")

    position = lay.GAP_POINTS
    for head, (_, text_of), texts in zip(heads, columns, cells):
        column_width = max(lay.text_width_points(ax, texts, fontsize),
                           lay.text_width_points(ax, head.split("\n"), fontsize, weight="bold"))
        transform = lay.offset(ax, position)
        ax.text(1.0, -0.6, lay.plain(head), transform=transform, fontsize=fontsize,
                fontweight="bold", va="bottom", ha="left", clip_on=False)
        for _, i, y in rows:
            if i is not None:
                ax.text(1.0, y, text_of(i), transform=transform, fontsize=fontsize,
                        va="center", ha="left", clip_on=False)
        position += column_width + lay.GAP_POINTS

    # axis
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    if ratio:
        ax.xaxis.set_major_locator(ticker.FixedLocator(ratio_ticks(low_x, high_x)))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: f"{x:g}"))
        ax.xaxis.set_minor_locator(ticker.NullLocator())
    elif measure == "proportion":
        ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
        ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]))
    else:
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda x, _: lay.number(100 * x, 0)))
        ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]))
    name = xlabel if xlabel is not None else {
        "proportion": "Proportion", "rd": "Risk difference, percentage points",
        "rr": "Risk ratio (log scale)", "or": "Odds ratio (log scale)"}[measure]
    label_pad = 4.0
    if favours is not None:
        _favours(ax, reference, favours, fontsize)
        label_pad = fontsize * 1.6 + 4
    axis_label = f"{name}; {level}: {lay.method_name(method)}" if method else name
    ax.set_xlabel(lay.plain(axis_label),
                  fontsize=fontsize, labelpad=label_pad)
    if title:
        lay.title(ax, title, fontsize,
                  label_width)
    if created:
        lay.fit_figure(ax, width)
    return ax

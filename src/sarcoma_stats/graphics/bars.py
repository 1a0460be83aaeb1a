"""Stacked horizontal bars: toxicity by grade, and claims by verdict per source."""

from __future__ import annotations

import math
import numpy as np
from matplotlib import ticker

from . import _layout as lay

__all__ = ["toxicity_chart", "verdict_chart"]

_BAR_EMS = 2.3  # height of one bar's row, in units of the font size


def _stacked_bars(ax, labels, counts, names, colors, fontsize, end_texts, xmax, legend_columns):
    """Horizontal stacked bars, one per label (top to bottom), one segment per category.

    ``end_texts`` go after each bar. Returns the width in points of the label column.
    """
    counts = np.asarray(counts, dtype=float)
    ax.set_xlim(0, xmax)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    left = np.zeros(len(labels))
    for j, (name, color) in enumerate(zip(names, colors)):
        ax.barh(np.arange(len(labels)), counts[:, j], left=left, height=0.62, color=color,
                edgecolor="white", linewidth=0.6, label=lay.plain(name), gid=f"segment-{j}")
        left = left + counts[:, j]
    for y, text in enumerate(end_texts):
        ax.text(left[y], y, f" {text}", ha="left", va="center", fontsize=fontsize, clip_on=False)
    width = lay.left_aligned_labels(ax, range(len(labels)), [lay.plain(t) for t in labels],
                                    fontsize)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    lay.legend_row(ax, fontsize, legend_columns, width)
    return width


def _segment_texts(ax, texts, colors, fontsize):
    """Inside each bar segment, the first of its alternative texts (longest first) that fits.

    ``texts[row][category]``; drawn once the Axes has its final size.
    """
    points_per_unit = ax.get_window_extent().width * 72.0 / ax.figure.dpi / np.diff(ax.get_xlim())[0]
    for j, color in enumerate(colors):
        dark = sum(int(color[k:k + 2], 16) for k in (1, 3, 5)) < 3 * 150
        bars = [p for p in ax.patches if p.get_gid() == f"segment-{j}"]
        for y, bar in enumerate(bars):
            room = bar.get_width() * points_per_unit
            fitting = [t for t in texts[y][j] if bar.get_width() > 0
                       and lay.text_width_points(ax, [t], fontsize) + 3 <= room]
            if fitting:
                ax.text(bar.get_x() + bar.get_width() / 2, y, fitting[0], ha="center",
                        va="center", fontsize=fontsize, color="white" if dark else "black",
                        gid="segment")


def _legend_columns(width, categories):
    """All legend entries in one row, or in two columns on a figure narrower than 5 in."""
    return 2 if lay.is_narrow(width) and categories > 2 else categories


def _finish(ax, title, fontsize, indent, width, created, texts, colors):
    """Title above the legend; fit a created figure; label the segments that have room."""
    if title:
        lay.title_above_legend(ax, title, fontsize, indent)
    if created:
        lay.fit_figure(ax, width)
    _segment_texts(ax, texts, colors, fontsize)
    return ax


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
                   fontsize=8, colors=lay.GRADE_COLORS, width=None, axes_width=3.5):
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
        If a column is missing, a count cell is not a whole number, ``n`` is not a positive
        integer or a row's counts exceed it.

    Notes
    -----
    Each segment is labelled with its count and, where the table prints one, its printed
    percentage ("7 (50.0%)"), when the label fits inside the segment; the bar ends with the
    total and its percentage, with the decimals ``n`` justifies (none under 100 patients). The
    total is a number of patients only when each patient is counted once per toxicity, at the
    worst grade, as toxicity tables usually do.

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
    >>> ax = toxicity_chart(table, n=14, width=3.5)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Neutropenia', 'Anemia']
    >>> [float(p.get_width()) for p in ax.patches[:2]]  # grade 1 segments
    [7.0, 5.0]
    """
    lay.check_frame(table, "table", [label] + [f"grade{g}_n" for g in grades])
    width = lay.check_width(width)
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
            texts.append((f"{count} ({lay.plain(pct)}%)", str(count)) if pct else (str(count),))
        segments.append(texts)
    if n is None:
        ends = [str(int(t)) for t in totals]
        xmax = float(totals.max()) * 1.02 or 1.0
    else:
        digits = lay.percent_decimals(n)
        ends = [f"{int(t)}/{n} ({100 * t / n:.{digits}f}%)" for t in totals]
        xmax = float(n)
    created = ax is None
    if created:
        ax = lay.new_axes(width or axes_width, _BAR_EMS * fontsize / 72.0 * len(names) + 0.1)
    columns = _legend_columns(width, len(grades))
    indent = _stacked_bars(ax, names, counts, [f"Grade {g}" for g in grades], colors, fontsize,
                           ends, xmax, columns)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("Patients" if n is None else f"Patients (N = {n})", fontsize=fontsize)
    return _finish(ax, title, fontsize, indent, width, created, segments, colors)


def verdict_chart(verdicts, *, ax=None, source="source", verdict="verdict", order=None,
                  colors=None, share=False, totals_only=None, title=None, fontsize=8, width=None,
                  axes_width=3.0):
    """Per source, how many claims have each verdict: one stacked bar per source.

    Parameters
    ----------
    verdicts : pandas.DataFrame
        One row per claim with a source column and a verdict column, as
        :func:`~sarcoma_stats.verify_claims` returns (map the source ids to readable names
        first if the chart is for readers).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure (taller with more sources) when None.
    source, verdict : str
        Column names.
    order : sequence of str, optional
        Every verdict that may occur, in the order the segments are stacked, e.g.
        ``sarcoma_stats.claims.verdict.VERDICTS`` (most severe first). Default: the verdicts present,
        in order of first appearance.
    colors : Mapping[str, str], optional
        Colour per verdict (default: the Okabe-Ito palette, in ``order``).
    share : bool
        Draw each source's bar as shares of its claims (0-100 %), so that the mix of small
        sources stays visible next to large ones; the counts are still printed.
    totals_only : bool, optional
        End each bar with its number of claims only, not the count of each verdict in words
        (the segments still show the counts that fit). Default: only in a figure narrower than
        5 in (one journal column).
    title : str, optional
    fontsize : float
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
        If a column is missing, the frame is empty, or a verdict is not in ``order``.

    Notes
    -----
    Sources are drawn in sorted order, one bar each, segments in ``order``; each segment shows
    its count when it fits, each bar ends with the number of claims and the count of each
    verdict present (dashes in verdict names read as spaces).

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
    >>> ax = verdict_chart(verdicts, order=["inconsistent", "consistent", "not-checkable"])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    >>> [float(p.get_width()) for p in ax.patches]  # inconsistent a, b; consistent a, b; ...
    [1.0, 0.0, 1.0, 0.0, 0.0, 1.0]
    """
    lay.check_frame(verdicts, "verdicts", (source, verdict))
    width = lay.check_width(width)
    order, palette = lay.verdict_palette(verdicts[verdict], order, colors)
    sources = sorted(set(map(str, verdicts[source])))
    values = verdicts[verdict].astype(str)
    counts = np.array([[int(((verdicts[source].astype(str) == s) & (values == v)).sum())
                        for v in order] for s in sources])
    totals = counts.sum(axis=1)
    lengths = counts / totals[:, None] if share else counts
    segments = [[(str(c),) for c in row] for row in counts]
    names = [v.replace("-", " ") for v in order]
    if totals_only is None:
        totals_only = lay.is_narrow(width)
    ends = [f"{int(row.sum())} claims" + ("" if totals_only else ": " + ", ".join(
        f"{c} {name}" for c, name in zip(row, names) if c)) for row in counts]
    created = ax is None
    if created:
        ax = lay.new_axes(width or axes_width, _BAR_EMS * fontsize / 72.0 * len(sources) + 0.1)
    columns = _legend_columns(width, len(order))
    colors = [palette[v] for v in order]
    indent = _stacked_bars(ax, sources, lengths, names, colors, fontsize, ends,
                           1.0 if share else float(totals.max()), columns)
    if share:
        ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
        ax.set_xlabel("Share of the source's claims", fontsize=fontsize)
    else:
        ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
        ax.set_xlabel("Claims", fontsize=fontsize)
    return _finish(ax, title, fontsize, indent, width, created, segments, colors)

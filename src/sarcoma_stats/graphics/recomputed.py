"""Printed against recomputed: each printed value and interval beside the recomputed one."""

from __future__ import annotations

import math

import numpy as np
from matplotlib import ticker
from matplotlib.lines import Line2D

from . import _layout as lay
from .forest import ratio_ticks

__all__ = ["printed_vs_recomputed_chart"]

_ROW_EMS = 2.3  # height of one row (a printed and a recomputed line), in units of the font size
_SHIFT = 0.2  # the printed line sits this far above the row centre, the recomputed one below
_COLUMNS = ("printed", "printed_low", "printed_high", "recomputed", "recomputed_low",
            "recomputed_high")


def _value(row, column):
    value = row.get(column)
    return math.nan if value is None else float(value)


def printed_vs_recomputed_chart(data, *, ax=None, label="label", group="group",
                                verdict="verdict", order=None, colors=None, log=False,
                                xlabel="Percent", title=None, wrap=None, fontsize=8,
                                width=None, axes_width=2.6):
    """Each printed rate or ratio beside the value recomputed from its counts, by verdict.

    Two lines per row: the printed value and interval (hollow diamond, upper line) and the one
    recomputed from the counts (filled circle, lower line), both in the colour of the row's
    verdict, so that a printed number that cannot be right stands out at a glance. Text columns
    to the right repeat both, the recomputed one with the method that produced it (in one
    journal column, both in one column, and a method that does not reproduce the printed
    interval is marked with an asterisk).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per checked number with the columns ``label``, ``verdict``, ``printed`` and
        ``recomputed`` (on the axis scale: percent or points, or a ratio), and optionally
        ``printed_low``, ``printed_high``, ``recomputed_low``, ``recomputed_high`` (NaN where
        there is no interval), ``method`` (the interval method of the recomputed interval, e.g.
        ``"clopper-pearson"``, named in the text column), ``reproduced`` (False when that method
        does not reproduce the printed interval: the text says so), ``decimals`` (how many the printed value has: the recomputed one is
        shown with as many, so that the two read alike), ``note`` (a line under the label, never
        cut: the counts, say) and ``group`` (bold group headers).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure (taller with more rows) when None.
    label, group, verdict : str
        Column names.
    order : sequence of str, optional
        Every verdict that may occur, in the order of the legend (e.g.
        ``sarcoma_stats.claims.verdict.VERDICTS``). Default: the verdicts present.
    colors : Mapping[str, str], optional
        Colour per verdict (default: the Okabe-Ito palette, in ``order``).
    log : bool
        A logarithmic axis (ratios).
    xlabel, title : str, optional
    wrap : int or None
        Labels longer than this many characters wrap. Default: what the label column can hold
        at ``width``, else no wrapping.
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
        If a column is missing or not numeric, a verdict is not in ``order``, or a value is not
        positive on a log axis.

    Notes
    -----
    Lines carry ``gid="printed"`` and ``gid="recomputed"`` (x-data: the interval bounds, or the
    value twice when there is no interval); markers ``gid="printed-value"`` and
    ``gid="recomputed-value"``. Which method recomputes each number is the caller's choice: the
    report uses the method that reproduces the printed interval, or the usual one (Wilson for a
    rate) when none does, and says which in the text column.

    Examples
    --------
    >>> import pandas as pd
    >>> from sarcoma_stats import printed_vs_recomputed_chart
    >>> rows = pd.DataFrame({"label": ["ORR, 16/50"], "verdict": ["inconsistent"],
    ...                      "printed": [33.0], "printed_low": [20.0], "printed_high": [48.0],
    ...                      "recomputed": [32.0], "recomputed_low": [19.9],
    ...                      "recomputed_high": [46.8], "method": ["wilson-cc"],
    ...                      "reproduced": [False], "decimals": [0]})
    >>> ax = printed_vs_recomputed_chart(rows, width=3.5)
    >>> [[float(x) for x in line.get_xdata()] for line in ax.lines if line.get_gid() == "printed"]
    [[20.0, 48.0]]
    """
    frame = lay.check_frame(data, "data", (label, verdict, "printed", "recomputed"))
    frame = frame.reset_index(drop=True).copy()
    width = lay.check_width(width)
    for column in _COLUMNS:
        if column not in frame.columns:
            frame[column] = np.nan
        try:
            frame[column] = frame[column].astype(float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"data column {column!r} must hold numbers; "
                             f"got {frame[column].tolist()}") from exc
    if log and (frame[list(_COLUMNS)].to_numpy() <= 0).any():
        raise ValueError("every value must be positive on a log axis")
    order, palette = lay.verdict_palette(frame[verdict], order, colors)
    present = set(map(str, frame[verdict]))
    if group not in frame.columns:
        frame[group] = None
    if wrap is None:
        wrap = lay.label_wrap(width, fontsize, share=0.38)
    narrow = lay.is_narrow(width)
    notes = {i: lay.plain(text) for i, text in frame["note"].items() if isinstance(text, str)} \
        if "note" in frame.columns else None
    rows, bottom = lay.layout_rows(frame, label, group, wrap, extra_line=0.45, notes=notes,
                                   max_lines=lay.max_label_lines(width))

    created = ax is None
    if created:
        ax = lay.new_axes(width or axes_width, _ROW_EMS * fontsize / 72.0 * (bottom + 1.4))
    values = frame[list(_COLUMNS)].to_numpy(dtype=float).ravel()
    values = values[np.isfinite(values)]
    if log:
        ax.set_xscale("log")
        span = np.log10([values.min(), values.max()])
        pad = max(span[1] - span[0], 0.3) * 0.06
        ax.set_xlim(10 ** (span[0] - pad), 10 ** (span[1] + pad))
        ax.xaxis.set_major_locator(ticker.FixedLocator(ratio_ticks(*ax.get_xlim())))
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        ax.xaxis.set_minor_locator(ticker.NullLocator())
    else:
        low, high = min(values.min(), 0.0), max(values.max(), 0.0)
        pad = 0.04 * (high - low or 1.0)
        ax.set_xlim(low - pad, high + pad)
        ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: lay.number(v, 0)))
        ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]))
    ax.set_ylim(bottom + 0.1, -1.4)

    texts = {"printed": {}, "recomputed": {}}
    for _, i, y in rows:
        if i is None:
            continue
        row = frame.loc[i]
        color = palette[str(row[verdict])]
        digits = int(row["decimals"]) if "decimals" in frame.columns and \
            lay.present(row, "decimals") else 1
        for kind, shift, marker, face in (("printed", -_SHIFT, "D", "white"),
                                          ("recomputed", _SHIFT, "o", color)):
            estimate = _value(row, kind)
            low, high = _value(row, f"{kind}_low"), _value(row, f"{kind}_high")
            bounds = [estimate, estimate] if math.isnan(low) or math.isnan(high) else [low, high]
            ax.plot(bounds, [y + shift] * 2, color=color, linewidth=1.1, solid_capstyle="butt",
                    gid=kind)
            ax.plot([estimate], [y + shift], marker=marker, markersize=4.5, color=color,
                    markerfacecolor=face, markeredgewidth=1.0, linestyle="none",
                    gid=f"{kind}-value")
            text = lay.interval(estimate, low, high, digits, narrow)
            if kind == "recomputed" and "method" in frame.columns and lay.present(row, "method"):
                text += ", " + lay.plain(lay.method_name(row["method"], short=True))
                if lay.present(row, "reproduced") and not bool(row["reproduced"]):
                    text += "*"
            texts[kind][i] = text

    label_width = lay.left_aligned_labels(
        ax, [y for _, _, y in rows], [t for t, _, _ in rows], fontsize,
        bold=[k for k, (_, i, _) in enumerate(rows) if i is None])
    # one journal column: printed over recomputed in one column; else two columns
    columns = [("Printed\nrecomputed", {i: f"{texts['printed'][i]}\n{texts['recomputed'][i]}"
                                         for i in texts["printed"]})] if narrow else \
        [("Printed", texts["printed"]), ("Recomputed", texts["recomputed"])]
    position = lay.GAP_POINTS
    for head, column in columns:
        transform = lay.offset(ax, position)
        ax.text(1.0, -1, head, transform=transform, fontsize=fontsize, fontweight="bold",
                va="center", ha="left", clip_on=False)
        for _, i, y in rows:
            if i is not None:
                ax.text(1.0, y, column[i], transform=transform, fontsize=fontsize,
                        va="center", ha="left", clip_on=False,
                        color=palette[str(frame.at[i, verdict])])
        position += max(lay.text_width_points(ax, list(column.values()), fontsize),
                        lay.text_width_points(ax, [head], fontsize, weight="bold")) + lay.GAP_POINTS

    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=fontsize)
    ax.grid(True, axis="x", color="0.92", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(lay.plain(xlabel), fontsize=fontsize)
    handles = [Line2D([], [], color="0.2", marker="D", markerfacecolor="white", markersize=4.5,
                      label="printed"),
               Line2D([], [], color="0.2", marker="o", markersize=4.5, label="recomputed")]
    handles += [Line2D([], [], color=palette[v], linewidth=4, label=v.replace("-", " "))
                for v in order if v in present]
    lay.legend_row(ax, fontsize, 3 if lay.is_narrow(width) else len(handles), label_width,
                   handles=handles, handlelength=1.6)
    if title:
        lay.title_above_legend(ax, title, fontsize, label_width)
    if created:
        lay.fit_figure(ax, width)
    return ax

"""What every chart family shares: input checks, text formatting, figure sizing and layout.

Private to :mod:`sarcoma_stats.graphics`. A figure created by a chart function is a bare
:class:`matplotlib.figure.Figure` (never pyplot); its size is fitted around the drawn text, either
to a requested total width (a journal column) or around an Axes of a requested size.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from .text import count_text, interval, method_name, number, percent_decimals, plain, wrap_text

__all__ = ["count_text", "interval", "method_name", "number", "percent_decimals", "plain",
           "wrap_text"]  # re-exported for the chart modules: lay.plain(...)

# Okabe & Ito (2008) colour-blind-safe palette, in its usual order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999")
ARM_COLORS = ("#0072B2", "#E69F00")
# Sequential (ColorBrewer OrRd) colours for CTCAE grades 1-4: darker is worse.
GRADE_COLORS = ("#fdd49e", "#fc8d59", "#d7301f", "#7f0000")

PAD_INCHES = 0.04  # white margin around a figure we create
GAP_POINTS = 6.0  # space between text columns
MIN_AXES_INCHES = 0.6  # the narrowest plotting area a fitted figure may keep



# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------

def check_frame(frame, name, columns=()):
    """A non-empty DataFrame holding ``columns``; TypeError / ValueError naming ``name``."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    if frame.empty:
        raise ValueError(f"{name} must hold at least one row; got an empty DataFrame")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing the columns {missing}; got {list(frame.columns)}")
    return frame


def check_width(width):
    """A figure width in inches (a positive finite number) or None."""
    if width is None:
        return None
    if isinstance(width, bool) or not isinstance(width, (int, float, np.number)) \
            or not math.isfinite(width) or width <= 0:
        raise ValueError(f"width must be a positive number of inches or None; got {width!r}")
    return float(width)


def max_label_lines(width):
    """Lines a wrapped row label may take: 3 in one journal column, unlimited otherwise."""
    return 3 if is_narrow(width) else None


def is_narrow(width):
    """True for a figure narrower than 5 in (one journal column): text is laid out compactly."""
    return width is not None and width < 5


def verdict_palette(values, order, colors):
    """(order, colour per verdict) of the verdicts ``values`` hold.

    ``order`` (every verdict that may occur; default: those present, in order of appearance)
    and ``colors`` (a mapping; default: the Okabe-Ito palette in ``order``) come from the
    caller: the charts know no verdict vocabulary. A value not in ``order`` is a ValueError.
    """
    present = list(dict.fromkeys(map(str, values)))
    order = present if order is None else [str(v) for v in order]
    unknown = sorted(set(present) - set(order))
    if unknown:
        raise ValueError(f"verdict must be one of {', '.join(map(repr, order))}; got {unknown}")
    if colors is not None and not isinstance(colors, Mapping):
        raise TypeError(f"colors must be a mapping of verdict to colour; got {colors!r}")
    palette = dict(zip(order, PALETTE * (len(order) // len(PALETTE) + 1)))
    palette.update(colors or {})
    return order, palette


def present(row, column):
    """True when ``row`` holds a value (not None, not NaN) in ``column``."""
    value = row.get(column)
    return value is not None and not (isinstance(value, float) and math.isnan(value))


# --------------------------------------------------------------------------------------------
# Text measures
# --------------------------------------------------------------------------------------------

def text_width_points(ax, texts, fontsize, weight="normal"):
    """Width in points of the widest of ``texts`` drawn at ``fontsize``."""
    widest = 0.0
    for text in texts:
        artist = ax.text(0, 0, text, fontsize=fontsize, fontweight=weight,
                         transform=ax.transAxes)
        widest = max(widest, artist.get_window_extent().width)
        artist.remove()
    return widest * 72.0 / ax.figure.dpi


def label_wrap(width, fontsize, share=0.4):
    """Characters per line of a label column taking ``share`` of a ``width``-inch figure.

    DejaVu Sans averages about 0.56 em per character in running text; an indented row of a
    group takes three more.
    """
    if width is None:
        return None
    return max(12, int(share * width * 72.0 / (0.56 * fontsize)) - 3)


# --------------------------------------------------------------------------------------------
# Figure size
# --------------------------------------------------------------------------------------------

def new_axes(width, height):
    """A bare Figure with one Axes ``width`` x ``height`` inches (margins are fitted later)."""
    fig = Figure(figsize=(width + 4.0, height + 1.5))
    return fig.add_axes((2.0 / (width + 4.0), 0.75 / (height + 1.5),
                         width / (width + 4.0), height / (height + 1.5)))


def _margins(ax):
    """Inches of text left, right, below and above the Axes box (the x-axis label counts for
    its height only: :func:`fit_figure` wraps it to the room it has)."""
    dpi = ax.figure.dpi
    box = ax.get_window_extent()
    tight = ax.get_tightbbox(for_layout_only=True)
    return (max(box.x0 - tight.x0, 0.0) / dpi + PAD_INCHES,
            max(tight.x1 - box.x1, 0.0) / dpi + PAD_INCHES,
            max(box.y0 - tight.y0, 0.0) / dpi + PAD_INCHES,
            max(tight.y1 - box.y1, 0.0) / dpi + PAD_INCHES)


def _wrap_to(artist, inches):
    """Re-wrap a text artist at word boundaries until it is at most ``inches`` wide."""
    text = " ".join(artist.get_text().split())
    if not text:
        return
    artist.set_text(text)
    chars = len(text)
    while chars > 12 and artist.get_window_extent().width / artist.figure.dpi > inches:
        chars = int(chars * 0.9)
        artist.set_text("\n".join(textwrap.wrap(text, chars, break_long_words=False,
                                                break_on_hyphens=False)))


def fit_figure(ax, width=None):
    """Resize the figure around ``ax`` so that every artist fits.

    With ``width`` (inches), the figure is exactly that wide and the Axes takes what the text
    leaves (a ValueError says so when that is less than ``MIN_AXES_INCHES``); the title and
    the x-axis label are wrapped to the room they have, and since text placed in data
    coordinates moves with the Axes, the margins are measured again until they settle.
    Without it, the Axes keeps its size and the figure grows around it.
    """
    fig = ax.figure
    box = ax.get_window_extent()
    axes_w, axes_h = box.width / fig.dpi, box.height / fig.dpi
    titles = [t for t in ax.texts if t.get_gid() == "title"]
    previous = None
    for _ in range(1 if width is None else 8):
        if width is not None:
            for artist in titles:
                _wrap_to(artist, width - 2 * PAD_INCHES)
        margins = _margins(ax)
        left, right, bottom, top = margins
        if width is not None:
            axes_w = width - left - right
            if axes_w < MIN_AXES_INCHES:
                raise ValueError(
                    f"the chart does not fit in {width:g} in: its text takes "
                    f"{left + right:.2f} in and the plot needs at least {MIN_AXES_INCHES} in; "
                    f"use a wider figure, a smaller fontsize or shorter labels")
            # the x label is centred under the Axes: it may use the margins on both sides
            _wrap_to(ax.xaxis.label, axes_w + 2 * min(left, right) - 2 * PAD_INCHES)
            margins = _margins(ax)
            left, right, bottom, top = margins
            axes_w = max(width - left - right, MIN_AXES_INCHES)
        fig_w, fig_h = left + axes_w + right, bottom + axes_h + top
        fig.set_size_inches(fig_w, fig_h)
        ax.set_position((left / fig_w, bottom / fig_h, axes_w / fig_w, axes_h / fig_h))
        # ticks (and text in data coordinates) move with the Axes: stop once nothing moved
        if previous is not None and max(abs(a - b) for a, b in zip(margins, previous)) < 1e-3:
            break
        previous = margins


# --------------------------------------------------------------------------------------------
# Layout pieces
# --------------------------------------------------------------------------------------------

def offset(ax, points):
    """Transform: x in axes fraction shifted by ``points``, y in data coordinates."""
    base = blended_transform_factory(ax.transAxes, ax.transData)
    return base + ScaledTranslation(points / 72.0, 0, ax.figure.dpi_scale_trans)


def left_aligned_labels(ax, positions, labels, fontsize, bold=()):
    """Y tick labels at ``positions``, left-aligned in a column to the left of the axes."""
    ax.set_yticks(list(positions))
    ax.set_yticklabels(labels, fontsize=fontsize, ha="left")
    for i in bold:
        ax.get_yticklabels()[i].set_fontweight("bold")
    width = text_width_points(ax, labels, fontsize, weight="bold" if bold else "normal")
    ax.tick_params(axis="y", length=0, pad=width + 4)
    return width + 4


def title(ax, text, fontsize, indent=0.0, above=0.0):
    """A bold title above ``ax`` (``above`` points higher), ``indent`` points left of it."""
    transform = ax.transAxes + ScaledTranslation(-indent / 72.0, (6 + above) / 72.0,
                                                 ax.figure.dpi_scale_trans)
    ax.text(0, 1, plain(text), transform=transform, fontsize=fontsize + 1, fontweight="bold",
            ha="left", va="bottom", clip_on=False, gid="title")


def title_above_legend(ax, text, fontsize, indent=0.0):
    """A bold title above the legend that sits on top of ``ax`` (see :func:`title`)."""
    legend = ax.get_legend()
    box = legend.get_window_extent(ax.figure._get_renderer())
    above = max(box.y1 - ax.get_window_extent().y1, 0.0) * 72.0 / ax.figure.dpi
    title(ax, text, fontsize, indent, above=above - 4)


def legend_row(ax, fontsize, ncol, indent=0.0, **kwargs):
    """A legend above the axes in ``ncol`` columns, starting ``indent`` points left of them
    (over the label column, so that it has the figure's whole width)."""
    transform = ax.transAxes + ScaledTranslation(-indent / 72.0, 0, ax.figure.dpi_scale_trans)
    kwargs = {"handlelength": 1.2, **kwargs}
    return ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), bbox_transform=transform,
                     ncol=ncol, frameon=False, fontsize=fontsize, columnspacing=1.0,
                     borderaxespad=0.3, borderpad=0.0, **kwargs)


def layout_rows(frame, label, group, wrap=None, extra_line=0.75, notes=None, max_lines=None):
    """Display rows top to bottom and the y of the bottom edge.

    Each row is ``(text, frame index or None for a group header, y of its centre)``. Rows are
    one unit tall (the first centred on 0); a label longer than ``wrap`` characters is wrapped
    (to at most ``max_lines`` lines, the last cut with "…") and its row grows by ``extra_line``
    units per extra line, so wrapped labels never overlap. ``notes`` (frame index -> text)
    adds a line under a row's label.
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
        lines = textwrap.wrap(text, wrap - len(indent), break_on_hyphens=False) \
            if wrap and len(indent + text) > wrap else [text]
        if max_lines and len(lines) > max_lines:
            lines = lines[:max_lines - 1] + [textwrap.shorten(
                " ".join(lines[max_lines - 1:]), wrap - len(indent), placeholder="…")]
        if notes is not None and i in notes:
            lines.append(notes[i])
        height = 1.0 + extra_line * (len(lines) - 1)
        rows.append(("\n".join(plain(indent + line) for line in lines), i, top + height / 2))
        top += height
    return rows, top

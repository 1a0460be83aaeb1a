"""Power curves: exact power of two-arm tests, one line per test or scenario."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib import ticker

from . import _layout as lay

__all__ = ["power_chart"]

_AXIS_NAMES = {"n1": "Patients in arm 1", "n2": "Patients in arm 2",
               "p1": "Event probability, arm 1", "p2": "Event probability, arm 2"}


def _size_note(size, alpha):
    """" (size 5.3-6.2% > α)" when a test's exact size exceeds alpha, else ""."""
    low, high = (float(np.min(size)), float(np.max(size)))
    if high <= alpha:
        return ""
    shown = f"{100 * high:.1f}%" if np.isclose(low, high) or low <= alpha else \
        f"{100 * low:.1f}-{100 * high:.1f}%"
    return f" (size {shown} > α)"


def power_chart(curves, *, ax=None, x="n1", target=0.8, marks=None, sizes=None, alpha=0.05,
                title=None, xlabel=None, fontsize=8, colors=None, linestyles=None, width=None,
                axes_width=3.6, axes_height=2.2):
    """Exact power curves, one line per test or scenario.

    Parameters
    ----------
    curves : Mapping[str, PowerResult or pandas.DataFrame]
        Line label -> the result of :func:`~sarcoma_stats.power_curve` (or its ``to_frame()``):
        a frame with the column ``x`` and a ``power`` column.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new Figure when None.
    x : {"n1", "n2", "p1", "p2"}
        What varies along the horizontal axis (a size, or a true event probability).
    target : float or None
        A horizontal reference line at this power (conventionally 0.8); None for none.
    marks : Mapping[str, float], optional
        Vertical dotted lines at these x values, labelled (e.g. a planned and an achieved size,
        or an observed rate: say so in its label).
    sizes : Mapping[str, float or array], optional
        The exact size (type I error) of the test behind a curve, e.g. from
        :func:`~sarcoma_stats.exact_size` over the nuisance parameter. A curve whose test
        exceeds ``alpha`` somewhere is marked in the legend ("size 5.3-6.2% > α") and drawn
        with hollow markers: its power is not comparable with that of a test holding its size.
    alpha : float
        The nominal level the sizes are compared with.
    title : str, optional
    xlabel : str, optional
        Label of the horizontal axis (default: what ``x`` is, e.g. "Patients in arm 1").
    fontsize : float
    colors : sequence of str, optional
        One colour per curve (default: the Okabe-Ito palette).
    linestyles : sequence of str, optional
        One line style per curve (default: solid, dashed, dash-dot, dotted, in turn), so that
        curves lying on each other stay distinguishable.
    width : float, optional
        Total width in inches of a created figure (3.5 for one journal column, 7 for two).
    axes_width, axes_height : float
        Size in inches of the plotting area when a figure is created (its width only when
        ``width`` is None).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``curves`` is empty, a curve lacks the ``x`` or ``power`` column, ``x`` is not one of
        the four, ``target`` or ``alpha`` is outside (0, 1), or ``sizes`` names no curve.

    Notes
    -----
    Each curve is a line with markers (``gid="power"``), in the order given; the target line has
    ``gid="reference"``. The vertical axis is the probability of rejecting, 0 to 100 %. Power
    computed at the rates a trial observed ("post hoc power") says nothing the p-value does not
    already say (Hoenig & Heisey 2001): draw power for a planned design or stated effects, and
    label any curve at observed rates as such.

    References
    ----------
    .. [1] Fleiss JL, Levin B, Paik MC. Statistical Methods for Rates and Proportions. 3rd ed.
           Wiley; 2003, chapter 4 (sample size and power).
    .. [2] Hoenig JM, Heisey DM. The abuse of power: the pervasive fallacy of power calculations
           for data analysis. Am Stat 2001;55:19-24.

    Examples
    --------
    >>> import numpy as np
    >>> from sarcoma_stats import power_chart, power_curve
    >>> sizes = np.arange(10, 61, 10)
    >>> ax = power_chart({"Fisher": power_curve(sizes, sizes, 0.58, 0.22)}, marks={"planned": 50})
    >>> [round(float(y), 3) for y in ax.get_lines()[0].get_ydata()]
    [0.195, 0.539, 0.754, 0.886, 0.949, 0.977]
    """
    from .._validation import check_choice

    x = check_choice(x, "x", tuple(_AXIS_NAMES))
    width = lay.check_width(width)
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError(f"curves must be a non-empty mapping of label to power curve; got {curves!r}")
    if target is not None and not 0 < float(target) < 1:
        raise ValueError(f"target must be in (0, 1) or None; got {target!r}")
    if not 0 < float(alpha) < 1:
        raise ValueError(f"alpha must be in (0, 1); got {alpha!r}")
    sizes = dict(sizes or {})
    unknown = sorted(set(map(str, sizes)) - set(map(str, curves)))
    if unknown:
        raise ValueError(f"sizes names curves that are not drawn: {unknown}")
    frames = {}
    for label, curve in curves.items():
        frame = curve if isinstance(curve, pd.DataFrame) else curve.to_frame()
        frames[str(label)] = lay.check_frame(frame, f"curve {label!r}", (x, "power")).sort_values(x)
    colors = list(colors or lay.PALETTE)
    created = ax is None
    if created:
        ax = lay.new_axes(width or axes_width, axes_height)
    styles = list(linestyles or ("-", "--", "-.", ":"))
    for i, (label, frame) in enumerate(frames.items()):
        note = _size_note(sizes[label], float(alpha)) if label in sizes else ""
        color = colors[i % len(colors)]
        ax.plot(frame[x], frame["power"], marker="o", markersize=3, linewidth=1.2,
                linestyle=styles[i % len(styles)], color=color,
                markerfacecolor="white" if note else color, label=lay.plain(label + note),
                gid="power")
    if target is not None:
        ax.axhline(float(target), color="0.4", linestyle="--", linewidth=0.8, gid="reference")
    for name, value in sorted((marks or {}).items(), key=lambda item: item[1]):
        ax.axvline(value, color="0.3", linestyle=":", linewidth=0.9)
        ax.annotate(lay.plain(name), (value, 0.02), xytext=(3, 0), textcoords="offset points",
                    rotation=90, va="bottom", fontsize=max(fontsize - 1, 7), color="0.3")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    if x in ("p1", "p2"):
        ax.xaxis.set_major_formatter(ticker.PercentFormatter(xmax=1.0, decimals=0))
    ax.set_ylabel("Power (probability of rejecting)", fontsize=fontsize)
    ax.set_xlabel(lay.plain(xlabel or _AXIS_NAMES[x]),
                  fontsize=fontsize)
    ax.tick_params(labelsize=fontsize)
    ax.grid(True, color="0.9", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.figure.draw_without_rendering()  # the y tick labels' width: the legend starts left of them
    indent = (ax.get_window_extent().x0 - ax.get_tightbbox().x0) * 72.0 / ax.figure.dpi
    lay.legend_row(ax, fontsize, 1 if lay.is_narrow(width) else 2, indent, handlelength=2.2)
    if title:
        lay.title_above_legend(ax, title, fontsize, indent)
    if created:
        lay.fit_figure(ax, width)
    return ax

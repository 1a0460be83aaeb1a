"""Figures: each function draws results or a DataFrame on a matplotlib Axes and returns it.

One module per chart family: :mod:`~sarcoma_stats.graphics.forest` (forest charts),
:mod:`~sarcoma_stats.graphics.bars` (toxicity by grade, verdicts per source),
:mod:`~sarcoma_stats.graphics.arms` (two arms: paired bars, one comparison in full),
:mod:`~sarcoma_stats.graphics.power` (power curves), :mod:`~sarcoma_stats.graphics.recomputed`
(printed against recomputed), and :mod:`~sarcoma_stats.graphics.style` (journal widths, a fixed
style, reproducible files).

Conventions shared by every chart: ``ax=`` draws into a given Axes, else a bare
:class:`matplotlib.figure.Figure` is created (never pyplot: nothing is registered globally and
nothing is shown), sized to fit every label, or exactly ``width`` inches wide (3.5 for one journal
column, 7 for two). Style is passed in (``fontsize``, colours), never set globally. Text taken
from data is drawn literally (a ``$`` never starts mathtext). Artists that tests and users may
want to find carry a ``gid``: ``"ci"`` for each confidence interval line (its data are the
interval bounds on the data scale: proportions, not percent), ``"estimate"`` for each point
estimate, ``"reference"`` for the line of no effect.

Graphics import the statistics only (never the claims or the report): verdict names, their order
and colours are arguments. matplotlib is imported when a chart module is first used;
``import sarcoma_stats`` does not import it. The public names are re-exported lazily by
:mod:`sarcoma_stats`.
"""
